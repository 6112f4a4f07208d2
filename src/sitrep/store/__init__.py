"""Store extractions in SQLite (embedded default) or PostgreSQL, one transaction per report.

Every value is bound, never formatted into SQL. Re-storing a report that is already
there is a no-op (its id is the hash of its text), and a report is stored whole or not
at all, so an ingest killed half way leaves only whole reports behind.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from sqlalchemy import (
    Engine,
    Integer,
    Select,
    String,
    Text,
    cast,
    create_engine,
    delete,
    exists,
    func,
    inspect,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.event import listen
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, SQLAlchemyError

from sitrep.corpus import DatedAttack
from sitrep.errors import InputError, NotFoundError, StoreError, UsageError
from sitrep.fuse import block_of, cluster_block, event_of, mention_key
from sitrep.knowledge import Knowledge
from sitrep.records import (
    Decision,
    Event,
    Extraction,
    Figure,
    Mention,
    Report,
    Unresolved,
    coarse_reason,
    figure_key,
    from_dict,
    stored_fields,
    time_precision,
    to_dict,
)
from sitrep.review import FIGURES_BLOCK, Decisions, reviewed_figure
from sitrep.store.schema import (
    decisions,
    dirty_blocks,
    event_mentions,
    events,
    figures,
    mentions,
    meta,
    reports,
    unresolved,
)

__all__ = [
    "DEFAULT_DB",
    "EVENT_SORTS",
    "POINT_FIELDS",
    "EventFilter",
    "changes",
    "coder_notes",
    "connect",
    "database_url",
    "dirty_block_names",
    "event_decisions",
    "event_holding",
    "event_page",
    "event_points",
    "figure_decisions",
    "fuse_block_in_store",
    "has_report",
    "mentions_in_report",
    "mentions_with_reports",
    "migrate",
    "query_events",
    "store_decision",
    "store_extraction",
    "store_extractions",
    "store_figure_decision",
    "store_merge_across_blocks",
    "stored_dated_attacks",
    "stored_events",
    "stored_figure",
    "stored_figures",
    "stored_mentions",
    "stored_report",
]

DEFAULT_DB = "sitrep.db"
# Readers wait for a writer instead of failing with "database is locked".
_BUSY_TIMEOUT_MS = 30_000
_OPEN_ATTEMPTS = 20
# The advisory lock PostgreSQL migrators take, one at a time (any fixed number).
_MIGRATION_LOCK = 5_179_244_162
# Mention rows fetched, and events written, at a time while a block is fused.
_FUSE_ROWS = 1_000
_FUSE_EVENTS = 200
# Connections a process may hold at once: as many as the web server's worker threads (40),
# so 20 clients at once queue for the CPU, not for a connection that times out.
_POOL = {"pool_size": 10, "max_overflow": 40}


def database_url(db: str | Path | None = None) -> str:
    """Return the SQLAlchemy URL for --db, SITREP_DB or ./sitrep.db (a path means SQLite)."""
    value = str(db or os.environ.get("SITREP_DB") or DEFAULT_DB)
    if "://" in value:
        return (
            value.replace("postgresql://", "postgresql+psycopg://", 1) if value.startswith("postgresql://") else value
        )
    return f"sqlite:///{Path(value).expanduser()}"


def connect(db: str | Path | None = None, *, existing: bool = False) -> Engine:
    """Return an engine for the database, creating its tables when they are missing.

    `existing`: a reader's database, which must be there already (a SQLite file that does
    not exist is refused, not made empty).
    """
    url = database_url(db)
    if existing and url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.is_file():
            raise NotFoundError("no such database (sitrep ingest makes one)", source=str(path))
    try:
        engine = create_engine(url, future=True, **_POOL)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot open database: {exc}", source=str(db or url)) from exc
    if engine.dialect.name == "sqlite":
        listen(engine, "connect", _sqlite_pragmas)
        listen(engine, "begin", _sqlite_begin)
    for attempt in itertools.count(1):
        try:
            migrate(engine, source=str(db or url))
            return engine
        except OperationalError as exc:
            # SQLite answers "locked" without waiting while another process is still turning
            # a brand-new file into a WAL database; that lasts milliseconds.
            if "locked" not in _reason(exc) or attempt == _OPEN_ATTEMPTS:
                raise StoreError(f"cannot open database: {_reason(exc)}", source=str(db or url)) from exc
            engine.dispose()
            time.sleep(0.05 * attempt)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open database: {_reason(exc)}", source=str(db or url)) from exc
    raise AssertionError("unreachable")  # pragma: no cover


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write: on SQLite it takes the write lock at once (BEGIN
    IMMEDIATE), so a second writer waits its turn instead of failing as "locked" when it
    goes from reading to writing; readers are never blocked (WAL)."""
    with engine.connect().execution_options(sqlite_begin="BEGIN IMMEDIATE") as conn, conn.begin():
        yield conn


def migrate(engine: Engine, *, source: str, revision: str = "head") -> None:
    """Bring the database's schema to a revision (Alembic), keeping every row.

    A database made before sitrep used migrations is stamped with the revision its
    tables match first.
    """
    config = Config()
    config.set_main_option("script_location", str(resources.files("sitrep").joinpath("store", "migrations")))
    # One transaction, one migrator at a time: a kill leaves the old schema or the new one,
    # and a second first user waits, then finds the tables made.
    with writing(engine) as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        tables = set(inspect(conn).get_table_names())
        config.attributes["connection"] = conn
        if "reports" in tables and "alembic_version" not in tables:
            command.stamp(config, "0002" if "events" in tables else "0001")
        try:
            command.upgrade(config, revision)
        except CommandError as exc:
            stored = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            raise StoreError(
                f"database schema {stored} is newer than this sitrep; upgrade sitrep", source=source
            ) from exc


def store_extraction(engine: Engine, extraction: Extraction) -> bool:
    """Store a report with its mentions and figures in one transaction; False if already there."""
    report = extraction.report
    try:
        with writing(engine) as conn:
            if has_report(conn, report.id):
                return False
            _insert(conn, [extraction])
    except IntegrityError as exc:
        if has_report(engine, report.id):
            return False  # another writer stored it between the check and the insert
        raise InputError(f"cannot store report: {_reason(exc)}", source=report.doc) from exc
    except DataError as exc:
        # A value the database refuses (too long, out of range) is this report's fault: its
        # transaction is rolled back whole and the next report goes on.
        raise InputError(f"cannot store report: {_reason(exc)}", source=report.doc) from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot store report: {_reason(exc)}", source=report.doc) from exc
    return True


def store_extractions(engine: Engine, extractions: Sequence[Extraction]) -> list[bool | InputError]:
    """Store many reports in one transaction; for each, whether it was stored (False: it
    was there already) or why the database refused it.

    A transaction costs more than the rows of a report, so a bulk ingest stores its reports
    a batch at a time. When the database refuses the batch (one report's value is too long,
    another writer stored one of them meanwhile), it is stored again one report per
    transaction, so that only the report at fault fails.
    """
    try:
        with writing(engine) as conn:
            stored = _stored_report_ids(conn, [x.report.id for x in extractions])
            new: dict[str, Extraction] = {}
            for x in extractions:
                if x.report.id not in stored:
                    new.setdefault(x.report.id, x)  # the same text twice: the first is stored
            if new:
                _insert(conn, list(new.values()))
    except (IntegrityError, DataError):
        return [_stored_alone(engine, x) for x in extractions]
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot store reports: {_reason(exc)}") from exc
    return [new.pop(x.report.id, None) is not None for x in extractions]


def _stored_alone(engine: Engine, extraction: Extraction) -> bool | InputError:
    try:
        return store_extraction(engine, extraction)
    except InputError as exc:
        return exc


def _insert(conn: Connection, extractions: Sequence[Extraction]) -> None:
    """Insert reports that are not stored yet, with their mentions, figures and coarse
    attacks, and mark the blocks their mentions fall in for fusing."""
    conn.execute(reports.insert(), [_report_row(x.report) for x in extractions])
    told = [m for x in extractions for m in x.mentions]
    if told:
        blocks = {block_of(m) for m in told if m.country}
        _hold_blocks(conn, blocks)
        conn.execute(mentions.insert(), [_mention_row(m) for m in told])
        _mark_dirty(conn, blocks)
    numbered = [_figure_row(f, n) for x in extractions for n, f in enumerate(x.figures, 1)]
    if numbered:
        conn.execute(figures.insert(), numbered)
    coarse = [_unresolved_row(m) for x in extractions for m in x.coarse]
    if coarse:
        conn.execute(unresolved.insert(), coarse)
    _count_change(conn)


def _stored_report_ids(conn: Connection, ids: Sequence[str]) -> set[str]:
    return {str(i) for i in conn.execute(select(reports.c.id).where(reports.c.id.in_(ids))).scalars()}


def has_report(conn: Connection | Engine, report_id: str) -> bool:
    """Return whether a report with this id is stored."""
    query = select(exists().where(reports.c.id == report_id))
    if isinstance(conn, Engine):
        with conn.connect() as connection:
            return bool(connection.execute(query).scalar())
    return bool(conn.execute(query).scalar())


def dirty_block_names(engine: Engine) -> list[str]:
    """Return the blocks whose events must be fused again."""
    with engine.connect() as conn:
        return [str(b) for b in conn.execute(select(dirty_blocks.c.block).order_by(dirty_blocks.c.block)).scalars()]


def fuse_block_in_store(engine: Engine, block: str, kb: Knowledge) -> int:
    """Fuse one block again and replace its events, in one transaction under the block's lock
    (SQLite: the write lock; PostgreSQL: an advisory lock); return how many events it has.

    The block's mentions stream from the database in day order and events are written as
    they close, so memory holds about a week of the block, however large it grows.
    """
    total = 0
    try:
        with writing(engine) as conn:
            if engine.dialect.name == "postgresql":
                # One fuser per block, and no new mention of it while it is fused (see _hold_blocks).
                conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:block))"), {"block": block})
            old = select(events.c.id).where(events.c.block == block)
            conn.execute(delete(event_mentions).where(event_mentions.c.event_id.in_(old)))
            conn.execute(delete(events).where(events.c.block == block))
            query = (
                select(mentions)
                .where(mentions.c.block == block)
                .order_by(func.coalesce(mentions.c.date, mentions.c.date_earliest))
            )
            rows = conn.execute(query, execution_options={"yield_per": _FUSE_ROWS})
            decided = Decisions(tuple(_decisions_in(conn, block)))
            groups = cluster_block((from_dict(Mention, dict(r._mapping)) for r in rows), kb, apart=decided.apart)
            if decided.log:
                # A coder's merges and edits need the whole block at once: blocks a coder
                # touched are held in memory, the others stream.
                groups = iter(decided.joined(list(groups)))
            while chunk := list(itertools.islice(groups, _FUSE_EVENTS if not decided.log else None)):
                block_reports = _reports_by_id(conn, {m.report_id for group in chunk for m in group})
                fused = decided.reviewed([event_of(block, group, block_reports, kb) for group in chunk])
                conn.execute(events.insert(), [to_dict(e) for e in fused])
                conn.execute(event_mentions.insert(), [_link(e.id, key) for e in fused for key in e.mention_keys])
                total += len(fused)
            conn.execute(delete(dirty_blocks).where(dirty_blocks.c.block == block))
            _count_change(conn)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot fuse block {block}: {_reason(exc)}") from exc
    return total


def store_decision(engine: Engine, decision: Decision) -> None:
    """Add a coder's decision to the log and mark its block for fusing again."""
    row = {k: v for k, v in to_dict(decision).items() if k != "id"}
    try:
        with writing(engine) as conn:
            _hold_blocks(conn, {decision.block})
            conn.execute(decisions.insert(), [row])
            _mark_dirty(conn, {decision.block})
            _count_change(conn)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot store the decision: {_reason(exc)}") from exc


def store_merge_across_blocks(engine: Engine, decision: Decision, moved: tuple[str, ...], source: str) -> None:
    """Store a merge of two events of different blocks: the mentions `moved` (the second
    event's) leave block `source` for the first event's block, where the merge decision
    joins them to it; both blocks are marked for fusing again. The mention rows keep their
    new block when their reports are ingested again, since a stored report is not stored twice."""
    row = {k: v for k, v in to_dict(decision).items() if k != "id"}
    try:
        with writing(engine) as conn:
            _hold_blocks(conn, {decision.block, source})
            for key in moved:
                report_id, _, mention_id = key.rpartition(":")
                conn.execute(
                    update(mentions)
                    .where(mentions.c.report_id == report_id, mentions.c.id == mention_id)
                    .values(block=decision.block)
                )
            conn.execute(decisions.insert(), [row])
            _mark_dirty(conn, {decision.block, source})
            _count_change(conn)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot store the merge: {_reason(exc)}") from exc


def changes(engine: Engine) -> int:
    """How many changes the database has seen: what a reader computed from it holds while
    this stays the same."""
    with engine.connect() as conn:
        value = conn.execute(select(meta.c.value).where(meta.c.key == "changes")).scalar()
    return int(value or 0)


def _count_change(conn: Connection) -> None:
    # Last in its transaction: on PostgreSQL the row's lock is held only while committing.
    conn.execute(meta.update().where(meta.c.key == "changes").values(value=cast(cast(meta.c.value, Integer) + 1, Text)))


def event_decisions(engine: Engine, event: Event) -> list[Decision]:
    """The decisions made on any of an event's mentions, oldest first."""
    keys = set(event.mention_keys)
    with engine.connect() as conn:
        return [d for d in _decisions_in(conn, event.block) if keys & {d.key, *d.keys, d.other}]


def coder_notes(engine: Engine, events: Iterable[Event]) -> dict[str, list[str]]:
    """The notes coders left on each event (on any of its mentions), oldest first, by event id."""
    owner = {key: event.id for event in events for key in event.mention_keys}
    notes: dict[str, list[str]] = {}
    noted = select(decisions).where(
        decisions.c.note.is_not(None), decisions.c.note != "", decisions.c.block != FIGURES_BLOCK
    )
    with engine.connect() as conn:
        for row in conn.execute(noted.order_by(decisions.c.id)):
            decision = from_dict(Decision, dict(row._mapping))
            for event_id in sorted({owner[k] for k in (decision.key, *decision.keys, decision.other) if k in owner}):
                notes.setdefault(event_id, []).append(str(decision.note))
    return notes


def event_holding(engine: Engine, key: str) -> Event | None:
    """The event a mention key belongs to, if it is fused."""
    report_id, _, mention_id = key.rpartition(":")
    with engine.connect() as conn:
        row = conn.execute(
            select(events)
            .join(event_mentions, event_mentions.c.event_id == events.c.id)
            .where(event_mentions.c.report_id == report_id, event_mentions.c.mention_id == mention_id)
        ).first()
    return from_dict(Event, dict(row._mapping)) if row is not None else None


def _decisions_in(conn: Connection, block: str) -> Iterator[Decision]:
    rows = conn.execute(select(decisions).where(decisions.c.block == block).order_by(decisions.c.id))
    for row in rows:
        yield from_dict(Decision, dict(row._mapping))


def _reports_by_id(conn: Connection, ids: set[str]) -> dict[str, Report]:
    rows = conn.execute(select(reports).where(reports.c.id.in_(sorted(ids))))
    return {r.id: r for r in (from_dict(Report, dict(x._mapping)) for x in rows)}


def stored_events(engine: Engine, query: Select[Any] | None = None) -> list[Event]:
    """Return stored events (all, or those a query on the events table selects)."""
    with engine.connect() as conn:
        rows = conn.execute(query if query is not None else select(events).order_by(events.c.date, events.c.id))
        return [from_dict(Event, dict(r._mapping)) for r in rows]


def stored_dated_attacks(engine: Engine) -> Iterator[DatedAttack]:
    """Yield the dated attacks of the stored reports, to date new undated reports against.

    Nothing is read until the first one is asked for: most ingests never need them.
    """
    query = select(mentions.c.report_id, mentions.c.country, mentions.c.lat, mentions.c.lon, mentions.c.date).where(
        mentions.c.date.is_not(None), mentions.c.lat.is_not(None), mentions.c.country.is_not(None)
    )
    with engine.connect() as conn:
        for r, c, lat, lon, d in conn.execute(query, execution_options={"yield_per": _FUSE_ROWS}):
            yield DatedAttack(r, c, float(lat), float(lon), date.fromisoformat(d))


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events a query selects; every value is bound, never formatted into SQL."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    admin1: str | None = None
    attacker: str | None = None
    target: str | None = None
    weapon: str | None = None
    claim: str | None = None
    min_sources: int | None = None
    review: str | None = None
    # True: only background (attacks a report recalls, not its news); False: none of them.
    background: bool | None = None
    # True: only the events a coder rejected (no such attack); False: none of them.
    rejected: bool | None = None
    # Text found in the place, its province, the attacker, the target or a sentence of its
    # reports (the evidence), or an event's id.
    search: str | None = None

    def __post_init__(self) -> None:
        # PostgreSQL text cannot hold NUL; refuse it here so both backends answer alike.
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, str) and "\x00" in value:
                raise UsageError(f"the {field.name} filter contains a NUL character")


# What the dashboard's table sorts by, each way ("-" first: descending); text columns sort a
# missing value as "" on both backends (SQLite puts NULL first, PostgreSQL last).
_SORT_KEYS = {
    "date": events.c.date_earliest,
    "sources": events.c.sources,
    "place": func.coalesce(events.c.place_canonical, ""),
    "attacker": func.coalesce(events.c.attacker, ""),
    "target": func.coalesce(events.c.target, ""),
    "weapons": cast(events.c.weapons, String),
    "claim": events.c.claim,
    "review": events.c.review,
}
EVENT_SORTS: dict[str, tuple[Any, ...]] = {
    **{name: (key, events.c.id) for name, key in _SORT_KEYS.items()},
    **{f"-{name}": (key.desc(), events.c.id) for name, key in _SORT_KEYS.items()},
    "country": (events.c.country, events.c.date_earliest, events.c.id),
    "-country": (events.c.country.desc(), events.c.date_earliest, events.c.id),
    "country-date": (events.c.date_earliest, events.c.country, events.c.place_canonical, events.c.id),
}
# An event as the map and the timeline need it: where, when, who, how many sources.
POINT_FIELDS = (
    "id", "date", "date_earliest", "date_latest", "country", "place_canonical", "lat", "lon", "attacker", "weapons",
    "sources", "strikes",
)  # fmt: skip


def query_events(
    engine: Engine, where: EventFilter, *, sort: str = "date", limit: int | None = None, offset: int = 0
) -> tuple[int, list[Event]]:
    """Return how many events match and one page of them, sorted."""
    conditions = _conditions(where)
    page = select(events).where(*conditions).order_by(*EVENT_SORTS[sort]).offset(offset)
    if limit is not None:
        page = page.limit(limit)
    with engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(events).where(*conditions)).scalar() or 0)
    return total, stored_events(engine, page)


def event_page(
    engine: Engine, where: EventFilter, *, sort: str = "date", limit: int = 100, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """Like query_events, with each event as `to_dict` gives it, read straight from its row
    (a table page skips building the records: a third of the time of a dashboard's page)."""
    conditions = _conditions(where)
    page = select(events).where(*conditions).order_by(*EVENT_SORTS[sort]).offset(offset).limit(limit)
    names = [item.name for item in stored_fields(Event)]
    with engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(events).where(*conditions)).scalar() or 0)
        rows = [{name: row._mapping[name] for name in names} for row in conn.execute(page)]
    return total, rows


def event_points(engine: Engine, where: EventFilter) -> list[list[Any]]:
    """Every matching event as a row of POINT_FIELDS, in date order: the map's compact form."""
    query = (
        select(*(events.c[name] for name in POINT_FIELDS))
        .where(*_conditions(where))
        .order_by(events.c.date_earliest, events.c.id)
    )
    with engine.connect() as conn:
        return [list(row) for row in conn.execute(query)]


def _conditions(where: EventFilter) -> list[Any]:
    table = events.c
    conditions: list[Any] = []
    if where.since:
        conditions.append(table.date_latest >= where.since)
    if where.until:
        conditions.append(table.date_earliest <= where.until)
    if where.country:
        conditions.append(table.country == where.country.upper())
    if where.admin1:
        conditions.append(table.admin1 == where.admin1)
    # A filter value is text to find, not a LIKE pattern: "%" and "_" match only themselves.
    if where.attacker:
        conditions.append(table.attacker.icontains(where.attacker, autoescape=True))
    if where.target:
        conditions.append(table.target.icontains(where.target, autoescape=True))
    if where.weapon:
        conditions.append(cast(table.weapons, String).contains(f'"{where.weapon.lower()}"', autoescape=True))
    if where.claim:
        conditions.append(table.claim == where.claim)
    if where.min_sources:
        conditions.append(table.sources >= where.min_sources)
    if where.review:
        conditions.append(table.review == where.review)
    if where.background is not None:
        conditions.append(table.background.is_(where.background))
    if where.rejected is not None:
        conditions.append((table.review == "rejected") if where.rejected else (table.review != "rejected"))
    if where.search and where.search.strip():
        found = where.search.strip()
        named = (table.place_canonical, table.admin1, table.attacker, table.target)
        conditions.append(
            or_(table.id == found, *(column.icontains(found, autoescape=True) for column in named), _told(found))
        )
    return conditions


def _told(words: str) -> Any:
    """The events a sentence of whose reports holds the words ("Mezzeh district", "B-1")."""
    telling = select(event_mentions.c.event_id).join(
        mentions,
        (mentions.c.report_id == event_mentions.c.report_id) & (mentions.c.id == event_mentions.c.mention_id),
    )
    return events.c.id.in_(telling.where(mentions.c.evidence.icontains(words, autoescape=True)))


def mentions_with_reports(engine: Engine, keys: Iterable[str]) -> list[tuple[Mention, Report]]:
    """Return the mentions with these keys ("report_id:mention_id") and the report of each."""
    wanted = set(keys)
    report_ids = sorted({k.split(":", 1)[0] for k in wanted})
    with engine.connect() as conn:
        found = {
            r.id: r
            for r in (
                from_dict(Report, dict(x._mapping))
                for x in conn.execute(select(reports).where(reports.c.id.in_(report_ids)))
            )
        }
        rows = conn.execute(
            select(mentions).where(mentions.c.report_id.in_(report_ids)).order_by(mentions.c.report_id, mentions.c.id)
        )
        chosen = [from_dict(Mention, dict(r._mapping)) for r in rows]
    return [(m, found[m.report_id]) for m in chosen if f"{m.report_id}:{m.id}" in wanted and m.report_id in found]


def mentions_in_report(engine: Engine, report_id: str) -> list[tuple[Mention, Report]]:
    """Return the mentions of one report (with the report)."""
    with engine.connect() as conn:
        keys = [
            f"{report_id}:{m}"
            for m in conn.execute(select(mentions.c.id).where(mentions.c.report_id == report_id)).scalars()
        ]
    return mentions_with_reports(engine, keys)


def stored_report(engine: Engine, report_id: str) -> Report | None:
    """Return a stored report, or None."""
    with engine.connect() as conn:
        row = conn.execute(select(reports).where(reports.c.id == report_id)).first()
    return from_dict(Report, dict(row._mapping)) if row is not None else None


def stored_mentions(engine: Engine) -> Iterator[Mention]:
    """Yield every stored mention, in report and mention order."""
    with engine.connect() as conn:
        for row in conn.execute(select(mentions).order_by(mentions.c.report_id, mentions.c.id)):
            yield from_dict(Mention, dict(row._mapping))


def stored_figures(engine: Engine, *, rejected: bool = False) -> Iterator[Figure]:
    """Yield every stored figure with its coder's decisions applied; those a coder rejected
    only when `rejected` is true."""
    with engine.connect() as conn:
        decided: dict[str, list[Decision]] = {}
        for decision in _decisions_in(conn, FIGURES_BLOCK):
            decided.setdefault(decision.key, []).append(decision)
        for row in conn.execute(select(figures).order_by(figures.c.report_id, figures.c.number)):
            values = dict(row._mapping)
            key = figure_key(values["report_id"], values["number"])
            figure = reviewed_figure(replace(from_dict(Figure, values), key=key), decided.get(key, ()))
            if rejected or figure.review != "rejected":
                yield figure


def stored_figure(engine: Engine, key: str) -> Figure | None:
    """One stored figure by its key, decisions applied (rejected or not)."""
    return next((f for f in stored_figures(engine, rejected=True) if f.key == key), None)


def figure_decisions(engine: Engine, key: str) -> list[Decision]:
    """The decisions made on a figure, oldest first."""
    with engine.connect() as conn:
        return [d for d in _decisions_in(conn, FIGURES_BLOCK) if d.key == key]


def store_figure_decision(engine: Engine, decision: Decision) -> None:
    """Add a coder's decision on a figure to the log (no fusion block changes)."""
    row = {k: v for k, v in to_dict(decision).items() if k != "id"}
    try:
        with writing(engine) as conn:
            conn.execute(decisions.insert(), [row])
            _count_change(conn)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot store the decision: {_reason(exc)}") from exc


def _report_row(report: Report) -> dict[str, Any]:
    return {**to_dict(report), "ingested_at": datetime.now(UTC).isoformat(timespec="seconds")}


def _unresolved_row(mention: Mention) -> dict[str, Any]:
    return {
        "key": mention_key(mention),
        "report_id": mention.report_id,
        "reason": coarse_reason(mention),
        "time_precision": time_precision(mention),
        "mention": to_dict(mention),
    }


def open_unresolved(engine: Engine) -> list[Unresolved]:
    """The attacks no coder has resolved yet, in report order."""
    query = select(unresolved).where(unresolved.c.resolved_as.is_(None)).order_by(unresolved.c.key)
    with engine.connect() as conn:
        return [_unresolved_of(row._mapping) for row in conn.execute(query)]


def unresolved_by_key(engine: Engine, key: str) -> Unresolved | None:
    """One unresolved attack, resolved or not."""
    with engine.connect() as conn:
        row = conn.execute(select(unresolved).where(unresolved.c.key == key)).first()
    return _unresolved_of(row._mapping) if row is not None else None


def _unresolved_of(row: Any) -> Unresolved:
    return Unresolved(
        key=row["key"],
        report_id=row["report_id"],
        reason=row["reason"],
        time_precision=row["time_precision"],
        mention=from_dict(Mention, dict(row["mention"])),
        resolved_as=row["resolved_as"],
    )


def store_resolved(engine: Engine, key: str, mention: Mention, decision: Decision) -> None:
    """Store a coder's resolution: the attack as a mention of its report (its block marked to
    fuse again), the queue row marked resolved, and the decision logged, in one transaction."""
    block = block_of(mention)
    try:
        with writing(engine) as conn:
            _hold_blocks(conn, {block})
            conn.execute(mentions.insert(), [_mention_row(mention)])
            resolved = unresolved.update().where(unresolved.c.key == key).values(resolved_as=mention_key(mention))
            conn.execute(resolved)
            conn.execute(decisions.insert(), [{k: v for k, v in to_dict(decision).items() if k != "id"}])
            _mark_dirty(conn, {block})
            _count_change(conn)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot store the resolution: {_reason(exc)}") from exc


def _mention_row(mention: Mention) -> dict[str, Any]:
    return {**to_dict(mention), "block": block_of(mention) if mention.country else None}


def _hold_blocks(conn: Connection, blocks: set[str]) -> None:
    # PostgreSQL: a report's mentions go in under a shared lock of each block they touch, which
    # a fuser takes exclusively. Without it a fuser could read the block's mentions, then clear
    # a dirty mark that a report stored meanwhile counted on, and that report's mention would
    # stay unfused. (SQLite has one writer at a time.) Sorted, so two writers never cross.
    if conn.dialect.name == "postgresql":
        for block in sorted(blocks):
            conn.execute(text("SELECT pg_advisory_xact_lock_shared(hashtext(:block))"), {"block": block})


def _mark_dirty(conn: Connection, blocks: set[str]) -> None:
    if not blocks:
        return
    # Two writers may mark the same block at once: the second mark is a no-op, not an error.
    insert = (postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert)(dirty_blocks)
    conn.execute(insert.on_conflict_do_nothing(), [{"block": b} for b in sorted(blocks)])


def _link(event_id: str, key: str) -> dict[str, str]:
    report_id, mention_id = key.split(":", 1)
    return {"event_id": event_id, "report_id": report_id, "mention_id": mention_id}


def _figure_row(figure: Figure, number: int) -> dict[str, Any]:
    # key, review and edited are not stored: the key follows from the number, the review
    # from the decisions (stored_figures)
    told = {k: v for k, v in to_dict(figure).items() if k not in ("key", "review", "edited")}
    return {**told, "number": number}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # sqlite3 opens no transaction before DDL by itself: sitrep begins them (see _sqlite_begin),
    # so creating the schema is as atomic as storing a report (SQLAlchemy's pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # The timeout first: switching a new file to WAL waits for another first user.
    cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


def _reason(exc: SQLAlchemyError) -> str:
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]
