"""sitrep's Python API: the functions the command line mirrors, one per command."""

from __future__ import annotations

import getpass
import io
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from sitrep.analyze import Series, Stats, counted, event_stats, figure_series, left_out
from sitrep.batch import BatchSummary, is_batch_folder, read_batch
from sitrep.batch import batch as run_batch
from sitrep.corpus import Reference, corpus_dated
from sitrep.document import prepare_document
from sitrep.errors import InputError, NotFoundError, SitrepError, UsageError
from sitrep.export import ACLED_COLUMN_SETS, Source, acled_rows, event_lines, geojson, write_acled_csv, write_parquet
from sitrep.extract import SentenceTrace, extract_or_probe, trace_report
from sitrep.extract.places import report_countries
from sitrep.fuse import block_of, fuse_mentions, mention_key, outlet
from sitrep.knowledge import Knowledge, load_knowledge
from sitrep.match import phrase_key, tokenize
from sitrep.read import MAX_REPORT_BYTES, read_reports, read_url_list
from sitrep.records import (
    PROVINCE_REASON,
    WEAPONS,
    Decision,
    Event,
    Extraction,
    Figure,
    Mention,
    Place,
    Report,
    Unresolved,
    coarse_line,
    coarse_reason,
    figure_line,
    to_dict,
    window_text,
)
from sitrep.resolve.place import best_place, candidates, is_town_abroad, own_names_first
from sitrep.review import EXPORTED_STATES, FIGURES_BLOCK, STATES, parse_edit, parse_figure_edit, parse_states, retyped
from sitrep.store import (
    EventFilter,
    coder_notes,
    connect,
    dirty_block_names,
    event_decisions,
    event_holding,
    figure_decisions,
    fuse_block_in_store,
    mentions_with_reports,
    open_unresolved,
    query_events,
    store_decision,
    store_extractions,
    store_figure_decision,
    store_merge_across_blocks,
    store_resolved,
    stored_dated_attacks,
    stored_events,
    stored_figure,
    stored_figures,
    stored_mentions,
    stored_report,
    unresolved_by_key,
)
from sitrep.store.schema import events as events_table

PathLike = str | Path


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did: reports read and stored, mentions and figures stored, failures."""

    reports_read: int = 0
    reports_stored: int = 0
    reports_already_stored: int = 0
    mentions: int = 0
    figures: int = 0
    events: int = 0
    failures: list[str] = field(default_factory=list)


def extract(
    paths: Iterable[PathLike],
    *,
    published: date | None = None,
    gazetteer: PathLike | None = None,
    actors: PathLike | None = None,
    reference: Reference | None = None,
    manifests: bool = True,
    max_bytes: int = MAX_REPORT_BYTES,
    urls: PathLike | None = None,
) -> Iterator[Extraction | InputError]:
    """Yield the extraction of every report under paths (no database), or the error of one that fails.

    A path may be a web address (a page or a feed); `urls` names a file that lists more,
    one per line. Reports whose publication day is unknown come last, dated from the
    others where their attacks match (see sitrep.corpus).

    >>> for item in extract(["samples/"]):
    ...     print(item.report.doc, len(item.mentions))  # doctest: +SKIP
    """
    kb = _knowledge(gazetteer, actors)
    reference = reference if reference is not None else Reference()
    extractions = (
        item if isinstance(item, InputError) else extract_or_probe(_with_published(item, published), kb)
        for item in read_reports(_with_listed(paths, urls), manifests=manifests, max_bytes=max_bytes)
    )
    yield from corpus_dated(extractions, kb, reference)


def _with_listed(paths: Iterable[PathLike], urls: PathLike | None) -> list[PathLike]:
    """The paths, then the web addresses a --urls file lists."""
    return [*paths, *(read_url_list(urls) if urls is not None else [])]


def ingest(
    paths: Sequence[PathLike],
    *,
    db: PathLike | None = None,
    published: date | None = None,
    gazetteer: PathLike | None = None,
    actors: PathLike | None = None,
    on_report: Callable[[Extraction | InputError], None] | None = None,
    max_bytes: int = MAX_REPORT_BYTES,
    urls: PathLike | None = None,
) -> IngestSummary:
    """Read, extract and store reports (a batch per transaction), then fuse; return what was done.

    A path may be a web address (a page or a feed); `urls` names a file that lists more.
    A folder written by `sitrep batch` is loaded as it is (its extraction is done).

    >>> ingest(["https://example.com/news/2024/01/28/drone-hits-outpost"], db="campaign.db")  # doctest: +SKIP
    """
    paths = _with_listed(paths, urls)
    engine = connect(db)
    kb = _knowledge(gazetteer, actors)
    summary = IngestSummary()
    reference = Reference(stored_dated_attacks(engine))
    folders = [Path(p) for p in paths if is_batch_folder(Path(p))]
    files = [p for p in paths if Path(p) not in folders]
    loaded = (x for folder in folders for x in read_batch(folder))
    waiting: list[Extraction] = []
    for item in itertools.chain(
        loaded,
        extract(
            files, published=published, gazetteer=gazetteer, actors=actors, reference=reference, max_bytes=max_bytes
        ),
    ):
        if isinstance(item, InputError):
            summary.failures.append(str(item))
        else:
            summary.reports_read += 1
            waiting.append(item)
        if len(waiting) == _STORE_BATCH:
            _store_batch(engine, waiting, summary)
            waiting = []
        if on_report is not None:
            on_report(item)
    _store_batch(engine, waiting, summary)
    summary.events = fuse_pending(engine, kb)
    engine.dispose()
    return summary


def batch(
    paths: Iterable[PathLike],
    out: PathLike,
    *,
    engine: str = "local",
    jobs: int | None = None,
    master: str = "local[2]",
) -> BatchSummary:
    """Extract many reports in parallel (a process pool, or Apache Spark) into Parquet under `out`."""
    return run_batch(paths, Path(out), engine=engine, jobs=jobs, master=master)


# Reports stored per transaction by an ingest: a transaction costs more than a report's rows.
_STORE_BATCH = 200


def _store_batch(engine: Engine, extractions: list[Extraction], summary: IngestSummary) -> None:
    # A report the database refuses is one failure line and the ingest goes on (a database
    # that cannot be reached stops it).
    if not extractions:
        return
    for extraction, stored in zip(extractions, store_extractions(engine, extractions), strict=True):
        if isinstance(stored, InputError):
            summary.failures.append(str(stored))
        elif stored:
            summary.reports_stored += 1
            summary.mentions += len(extraction.mentions)
            summary.figures += len(extraction.figures)
        else:
            summary.reports_already_stored += 1


def fuse_pending(engine: Engine, kb: Knowledge) -> int:
    """Fuse again every block whose mentions changed since it was last fused; return the events touched."""
    total = 0
    for block in dirty_block_names(engine):
        total += fuse_block_in_store(engine, block, kb)
    return total


def events(
    db: PathLike | None = None,
    *,
    country: str | None = None,
    since: date | None = None,
    until: date | None = None,
    attacker: str | None = None,
    weapon: str | None = None,
    min_sources: int | None = None,
    background: bool | None = None,
    rejected: bool | None = None,
    search: str | None = None,
    refresh: bool = True,
    gazetteer: PathLike | None = None,
    actors: PathLike | None = None,
) -> list[Event]:
    """Return the fused events (one per real attack), filtered, in date order.

    `country` is an ISO code ("SY") or a name ("Syria"); `weapon` a weapon kind, singular
    or plural ("drones"); `background` False leaves out the attacks reports only recall
    (True keeps only those; None, the default, lists both); `rejected` the same for the events
    a coder rejected; `search` is text found in the place, its province, the attacker, the
    target or a sentence of its reports, or an event's id. With `refresh` (the default)
    blocks whose mentions changed are fused first; a reader that must not write (the
    dashboard) passes refresh=False and sees the last fused state.
    """
    kb = _knowledge(gazetteer, actors)
    where = EventFilter(
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        country=_country_code(country, kb) if country else None,
        attacker=attacker,
        weapon=_weapon_kind(weapon) if weapon else None,
        min_sources=min_sources,
        background=background,
        rejected=rejected,
        search=search,
    )
    engine = connect(db, existing=True)
    if refresh:
        fuse_pending(engine, kb)
    _, rows = query_events(engine, where, sort="country-date")
    engine.dispose()
    return rows


def figures(
    db: PathLike | None = None,
    *,
    metric: str | None = None,
    subject: str | None = None,
    gazetteer: PathLike | None = None,
    actors: PathLike | None = None,
) -> list[Series]:
    """Return the stored figures as series (same metric, subject and countries), with their contradictions."""
    engine = connect(db, existing=True)
    stored = list(stored_figures(engine))
    engine.dispose()
    return figure_series(stored, _knowledge(gazetteer, actors), metric=metric, subject=subject)


def stats(
    db: PathLike | None = None,
    *,
    since: date | None = None,
    until: date | None = None,
    country: str | None = None,
    plot: PathLike | None = None,
    with_background: bool = False,
    with_rejected: bool = False,
    gazetteer: PathLike | None = None,
    actors: PathLike | None = None,
) -> Stats:
    """Return counts of events (by week, country, province, place, weapon, attacker, claim) and
    the coverage line of each quoted attack tally; draw them to `plot` (.png or .svg) if given.
    Attacks that reports only recall as background count only `with_background`, events a
    coder rejected only `with_rejected`; `left_out` says how many were left out."""
    kb = _knowledge(gazetteer, actors)
    counting = {"with_background": with_background, "with_rejected": with_rejected}
    listed = events(db, country=country, since=since, until=until, gazetteer=gazetteer, actors=actors)
    chosen = [e for e in listed if counted(e, **counting)]
    engine = connect(db, existing=True)
    quoted = list(stored_figures(engine))
    engine.dispose()
    result = replace(event_stats(chosen, quoted, kb), left_out=left_out(listed, **counting))
    if plot is not None:
        from sitrep.charts import plot_stats  # matplotlib loads only when a chart is asked for

        plot_stats(result, chosen, Path(plot))
    return result


EXPORT_FORMATS = ("acled-csv", "geojson", "parquet", "jsonl")
# The printed page of a brief (CSS @page sizes).
PAPERS = ("A4", "Letter")


def export(
    fmt: str,
    out: PathLike | None = None,
    *,
    db: PathLike | None = None,
    country: str | None = None,
    since: date | None = None,
    until: date | None = None,
    attacker: str | None = None,
    weapon: str | None = None,
    columns: str = "acled",
    status: str | Sequence[str] = EXPORTED_STATES,
) -> str | list[Path]:
    """Export the (filtered) events: return the text (acled-csv, geojson, jsonl) or, for
    parquet, write events, mentions and figures into the folder `out` and return the files.
    `columns="acled+sitrep"` adds sitrep's own columns to the ACLED CSV. `status` is the
    review states exported ("accepted", "accepted,unreviewed", "all"): by default every
    event but those a coder rejected. The ACLED CSV's notes carry the coders' notes."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if columns not in ACLED_COLUMN_SETS:
        raise UsageError(f"unknown columns {columns!r}; choose one of {', '.join(ACLED_COLUMN_SETS)}")

    states = parse_states(status) if isinstance(status, str) else tuple(status)
    listed = events(db, country=country, since=since, until=until, attacker=attacker, weapon=weapon)
    chosen = [e for e in listed if e.review in states]
    engine = connect(db, existing=True)
    wanted = {key for e in chosen for key in e.mention_keys}
    mentions = [m for m in stored_mentions(engine) if mention_key(m) in wanted]
    quoted = (
        _figures_to_export(
            engine, {m.report_id for m in mentions}, since, until, by_party=bool(country or attacker or weapon)
        )
        if fmt == "parquet"
        else []
    )
    report_ids = {m.report_id for m in mentions} | {f.report_id for f in quoted}
    reports = {r: stored_report(engine, r) for r in report_ids}
    notes = coder_notes(engine, chosen) if fmt == "acled-csv" else {}
    engine.dispose()
    by_event = event_ids(chosen)
    mentions_of: dict[str, list[Mention]] = {}
    for mention in mentions:
        mentions_of.setdefault(by_event[mention_key(mention)], []).append(mention)
    if fmt == "parquet":
        if out is None:
            raise UsageError("parquet needs an output folder: -o DIR")
        told = [report for _, report in sorted(reports.items()) if report is not None]
        return write_parquet(_writable(out), chosen, mentions, quoted, told)
    if fmt == "jsonl":
        return "".join(line + "\n" for line in event_lines(chosen, mentions_of))
    sources = _sources(by_event, ((m, found) for m in mentions if (found := reports.get(m.report_id))))
    if fmt == "geojson":
        return json.dumps(geojson(chosen, sources), ensure_ascii=False, indent=1) + "\n"
    buffer = io.StringIO()
    write_acled_csv(acled_rows(chosen, _knowledge(None, None), sources, notes), buffer, columns)
    return buffer.getvalue()


def _figures_to_export(
    engine: Engine, report_ids: set[str], since: date | None, until: date | None, *, by_party: bool
) -> list[Figure]:
    # A figure is about the conflict as a whole, not one place or party: with no filter but
    # the window, every figure of the window goes, a report that told no attack included;
    # filtered by country, attacker or weapon, only the figures of the reports exported.
    def in_window(figure: Figure) -> bool:
        day = figure.as_of or ""
        return (since is None or day >= since.isoformat()) and (until is None or day <= until.isoformat())

    return [f for f in stored_figures(engine) if (f.report_id in report_ids if by_party else in_window(f))]


def _sources(by_event: dict[str, str], told: Iterable[tuple[Mention, Report]]) -> dict[str, list[Source]]:
    """Each event's sources: its mentions, with their reports and outlets."""
    sources: dict[str, list[Source]] = {}
    for mention, report in told:
        sources.setdefault(by_event[mention_key(mention)], []).append((mention, report, outlet(report, mention)))
    return sources


def brief(
    out: PathLike,
    *,
    db: PathLike | None = None,
    since: date | None = None,
    until: date | None = None,
    country: str | None = None,
    pdf: PathLike | None = None,
    with_background: bool = False,
    with_rejected: bool = False,
    paper: str = "A4",
) -> Path:
    """Write a self-contained situation brief (HTML, every asset inline) and, with `pdf`, print it.

    Its counts, map and charts leave out the attacks reports only recall as background
    unless `with_background`; its table lists them, marked, either way. The events a coder
    rejected are left out of it all unless `with_rejected`; its header says how many.
    `paper` is the printed page: A4 (the default) or Letter."""
    if paper not in PAPERS:
        raise UsageError(f"paper must be one of {', '.join(PAPERS)}")
    from sitrep import __version__
    from sitrep.web.brief import print_pdf, render_brief

    path, pdf_path = _writable(out), _writable(pdf) if pdf is not None else None
    everything = events(db, country=country, since=since, until=until)
    listed = [e for e in everything if with_rejected or e.review != "rejected"]
    counting = {"with_background": with_background, "with_rejected": with_rejected}
    in_counts = [e for e in listed if counted(e, **counting)]
    engine = connect(db, existing=True)
    pairs = mentions_with_reports(engine, [k for e in listed for k in e.mention_keys])
    quoted = list(stored_figures(engine))
    engine.dispose()
    result = replace(event_stats(in_counts, quoted, _knowledge(None, None)), left_out=left_out(everything, **counting))
    sources = _sources(event_ids(listed), pairs)
    days = sorted((e.date or e.date_earliest or "") for e in in_counts)
    period = f"{since or (days[0] if days else '…')} to {until or (days[-1] if days else '…')}"
    scope = f"country {country.upper()}" if country else "all countries"
    path.write_text(
        render_brief(listed, in_counts, result, sources, period=period, scope=scope, version=__version__, paper=paper),
        encoding="utf-8",
    )
    if pdf_path is not None:
        print_pdf(path, pdf_path)
    return path


def _writable(out: PathLike) -> Path:
    """An output path whose folder exists, or a UsageError naming it (before any work is done)."""
    path = Path(out).expanduser()
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: the folder {path.parent} does not exist")
    return path


@dataclass(frozen=True, slots=True)
class EventDetail:
    """One event with every mention that tells it and the report each comes from."""

    event: Event
    mentions: tuple[tuple[Mention, Report], ...]


def event(event_id: str, db: PathLike | None = None) -> EventDetail:
    """Return one event with its mentions, outlets, dates and evidence spans."""
    engine = connect(db, existing=True)
    detail = event_in(engine, event_id)
    engine.dispose()
    return detail


def event_in(engine: Engine, event_id: str) -> EventDetail:
    """Return one event of an open database with its mentions and their reports."""
    found = stored_events(engine, select(events_table).where(events_table.c.id == event_id))
    if not found:
        raise NotFoundError("no such event", source=event_id)
    return EventDetail(found[0], tuple(mentions_with_reports(engine, found[0].mention_keys)))


def unresolved(db: PathLike | None = None) -> list[Unresolved]:
    """The attacks the reports tell that are no event yet (no day within a week), with the
    reason, for a coder to resolve (`resolve`).

    >>> [(u.key, u.reason) for u in unresolved("sitrep.db")]  # doctest: +SKIP
    """
    engine = connect(db, existing=True)
    found = open_unresolved(engine)
    engine.dispose()
    return found


def resolve(
    key: str,
    day: str | None = None,
    *,
    place: str | None = None,
    db: PathLike | None = None,
    by: str | None = None,
    note: str | None = None,
    gazetteer: PathLike | None = None,
) -> Event:
    """Give an unresolved attack what the text left out, as a coder read it: its day
    (YYYY-MM-DD) or its place (a gazetteer name or id, or "lat,lon"), or both. It is stored as
    a mention of its report, each given field marked as the coder's, fused, and its event
    returned; the decision is logged with what the text allowed.

    >>> resolve("3f2a...:c1", "2024-01-28", db="sitrep.db", by="coder-a")  # doctest: +SKIP
    >>> resolve("3f2a...:c2", place="al-Shaddadi", db="sitrep.db")  # doctest: +SKIP
    """
    if day is None and place is None:
        raise UsageError("give the attack's day, its place, or both")
    given: dict[str, Any] = {}
    if day is not None:
        on = _iso_day(day, "day").isoformat()
        given.update(date=on, date_earliest=on, date_latest=on, date_precision="day")
    kb = _knowledge(gazetteer, None)
    if place is not None:
        given.update(parse_edit("place", place, lambda name: _place_named(name, kb)))
        if given["geo_precision"] == 3:
            raise UsageError(f"place {place!r} is a province, no attack site: give a town, a site or lat,lon")
    engine = connect(db, existing=True)
    item = unresolved_by_key(engine, key)
    if item is None:
        raise NotFoundError("no such unresolved attack", source=key)
    if item.resolved_as is not None:
        raise UsageError(f"{key} is already resolved, as mention {item.resolved_as}")
    reviewer = by or os.environ.get("SITREP_REVIEWER") or getpass.getuser()
    mention = _resolved_mention(item.mention, given, reviewer)
    still = coarse_reason(mention)
    if still is not None:
        raise UsageError(f"{key} would still be {still}: give its {'place' if still == PROVINCE_REASON else 'day'}")
    decision = Decision(
        action="resolve",
        key=mention_key(mention),
        keys=(mention_key(mention),),
        block=block_of(mention),
        reviewer=reviewer,
        at=datetime.now(UTC).isoformat(timespec="seconds"),
        field=",".join(sorted(_told(given))),
        value=json.dumps({k: given[k] for k in ("date", "place") if k in given}),
        old_value=json.dumps({k: getattr(item.mention, k) for k in _told_fields(given)}),
        note=note,
    )
    store_resolved(engine, key, mention, decision)
    fuse_pending(engine, kb)
    event = event_holding(engine, mention_key(mention))
    engine.dispose()
    if event is None:
        raise UsageError(f"{key} has no place to fuse on; it stays a mention of its report")
    return event


def _told(given: Mapping[str, Any]) -> set[str]:
    """The fields a coder gave: "date" for the day, "place" for the place."""
    return {f for f in ("date", "place") if f in given}


def _told_fields(given: Mapping[str, Any]) -> tuple[str, ...]:
    """What the text said of the fields a coder gave, for the log."""
    fields = ("date_earliest", "date_latest") if "date" in given else ()
    return fields + (("place", "admin1", "geo_precision") if "place" in given else ())


def _resolved_mention(mention: Mention, given: Mapping[str, Any], reviewer: str) -> Mention:
    """The mention with a coder's day or place: its spans for them dropped, and its provenance
    saying who gave them and what the text allowed."""
    inferred = dict(mention.inferred)
    coder = f"given by a coder ({reviewer})"
    if "date" in given:
        inferred["date"] = f"{coder}; the text allows {window_text(mention)}"
    if "place" in given:
        inferred["place"] = f"{coder}; the text names {mention.place} ({mention.place_canonical})"
    spans = {k: v for k, v in mention.spans.items() if k not in _told(given)}
    return replace(mention, **given, spans=spans, inferred=inferred)


def _iso_day(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{name} must be a date, YYYY-MM-DD: {text!r}") from None


def review_queue(db: PathLike | None = None, *, state: str = "unreviewed") -> list[Event]:
    """The events in one review state (unreviewed, accepted, rejected, changed), in date order.

    >>> [e.id for e in review_queue("sitrep.db", state="changed")]  # doctest: +SKIP
    """
    if state not in STATES:
        raise UsageError(f"unknown review state {state!r}; choose from {', '.join(STATES)}")
    engine = connect(db, existing=True)
    fuse_pending(engine, _knowledge(None, None))
    _, rows = query_events(engine, EventFilter(review=state), sort="country-date")
    engine.dispose()
    return rows


def accept(event_id: str, *, db: PathLike | None = None, by: str | None = None, note: str | None = None) -> Event:
    """Mark an event checked and right; it stays accepted through re-fusion."""
    return _decide(db, event_id, "accept", by=by, note=note)


def reject(event_id: str, *, db: PathLike | None = None, by: str | None = None, note: str | None = None) -> Event:
    """Mark an event wrong (no such attack); it stays rejected through re-fusion."""
    return _decide(db, event_id, "reject", by=by, note=note)


def note(event_id: str, text: str, *, db: PathLike | None = None, by: str | None = None) -> Event:
    """Leave a note on an event, in its log."""
    return _decide(db, event_id, "note", by=by, note=text)


def edit(
    event_id: str,
    changes: Mapping[str, str],
    *,
    db: PathLike | None = None,
    by: str | None = None,
    note: str | None = None,
    gazetteer: PathLike | None = None,
) -> Event:
    """Set fields of an event as a coder reads the reports (`sitrep.review` lists how each is
    written); each change is logged with its old value and shows as edited.

    >>> edit("ev-1a2b", {"attacker": "Kataib Hezbollah", "date": "2024-01-28"})  # doctest: +SKIP
    """
    kb = _knowledge(gazetteer, None)
    parsed = {
        name: retyped(parse_edit(name, text, lambda place: _place_named(place, kb)), kb)
        for name, text in changes.items()
    }
    if not parsed:
        raise UsageError("nothing to edit: give field=value")
    engine = connect(db, existing=True)
    current = _current_event(engine, kb, event_id)
    for name, values in parsed.items():
        old = {k: getattr(current, k) for k in values}
        decision = _decision(current, "edit", by, note, field=name, value=json.dumps(values), old=json.dumps(old))
        store_decision(engine, decision)
    return _fused_after(engine, kb, current.block, current.mention_keys[0])


FIGURE_ACTIONS = ("accept", "reject", "note", "edit")


def review_figure(
    key: str,
    action: str,
    *,
    changes: Mapping[str, str] | None = None,
    note: str | None = None,
    db: PathLike | None = None,
    by: str | None = None,
) -> Figure:
    """Decide on a figure ("report_id:f2", as `sitrep figures` lists it): accept it, reject it
    (it leaves every tally, series and chart), leave a note, or edit its subject, metric or
    value (`changes`, each logged with its old value). Returns the figure as it now stands.

    >>> review_figure("3f2a...:f1", "edit", changes={"subject": "Gaza"}, db="sitrep.db")  # doctest: +SKIP
    """
    if action not in FIGURE_ACTIONS:
        raise UsageError(f"unknown action {action!r}; choose from {', '.join(FIGURE_ACTIONS)}")
    parsed = {name: parse_figure_edit(name, text) for name, text in (changes or {}).items()}
    if action == "edit" and not parsed:
        raise UsageError("nothing to edit: give field=value")
    engine = connect(db, existing=True)
    current = stored_figure(engine, key)
    if current is None:
        engine.dispose()
        raise NotFoundError("no such figure", source=key)
    reviewer = by or os.environ.get("SITREP_REVIEWER") or getpass.getuser()
    at = datetime.now(UTC).isoformat(timespec="seconds")
    made = [Decision(action, key, (key,), FIGURES_BLOCK, reviewer, at, note=note)] if action != "edit" else []
    for name, values in parsed.items():
        old = json.dumps({k: getattr(current, k) for k in values})
        value = json.dumps(values)
        made.append(Decision("edit", key, (key,), FIGURES_BLOCK, reviewer, at, None, name, value, old, note))
    for decision in made:
        store_figure_decision(engine, decision)
    found = stored_figure(engine, key)
    engine.dispose()
    assert found is not None  # stored figures are never deleted
    return found


def figure_log(key: str, *, db: PathLike | None = None) -> list[Decision]:
    """Every decision made on a figure, oldest first."""
    engine = connect(db, existing=True)
    if stored_figure(engine, key) is None:
        engine.dispose()
        raise NotFoundError("no such figure", source=key)
    found = figure_decisions(engine, key)
    engine.dispose()
    return found


def merge(
    event_id: str, other_id: str, *, db: PathLike | None = None, by: str | None = None, note: str | None = None
) -> Event:
    """Make two events one: the reports of both tell the same attack."""
    kb = _knowledge(None, None)
    engine = connect(db, existing=True)
    first, second = _current_event(engine, kb, event_id), _current_event(engine, kb, other_id)
    if first.id == second.id:
        raise UsageError(f"{event_id} and {other_id} are one event already")
    keys = (*first.mention_keys, *second.mention_keys)
    decision = replace(_decision(first, "merge", by, note, other=second.mention_keys[0]), keys=keys)
    if first.block == second.block:
        store_decision(engine, decision)
    else:
        # Two reports placed one attack in two provinces or countries ("Tower 22 in Jordan",
        # "al-Tanf in Syria"): the second event's mentions join the first's block for good.
        store_merge_across_blocks(engine, decision, second.mention_keys, second.block)
        fuse_block_in_store(engine, second.block, kb)
    return _fused_after(engine, kb, first.block, first.mention_keys[0])


def split(
    event_id: str, mention: str, *, db: PathLike | None = None, by: str | None = None, note: str | None = None
) -> Event:
    """Take one mention ("report_id:m2", as `sitrep event` lists them) out of an event into an
    event of its own; merge it into another after, if it tells that one."""
    kb = _knowledge(None, None)
    engine = connect(db, existing=True)
    current = _current_event(engine, kb, event_id)
    if mention not in current.mention_keys:
        raise UsageError(f"{mention} is not a mention of {event_id}; its mentions: {', '.join(current.mention_keys)}")
    if len(current.mention_keys) == 1:
        raise UsageError(f"{event_id} has one mention only: nothing to split")
    store_decision(engine, _decision(current, "split", by, note, other=mention))
    return _fused_after(engine, kb, current.block, mention)


def review_log(event_id: str, *, db: PathLike | None = None) -> list[Decision]:
    """Every decision made on an event's mentions, oldest first."""
    kb = _knowledge(None, None)
    engine = connect(db, existing=True)
    found = event_decisions(engine, _current_event(engine, kb, event_id))
    engine.dispose()
    return found


def _decide(db: PathLike | None, event_id: str, action: str, *, by: str | None, note: str | None) -> Event:
    kb = _knowledge(None, None)
    engine = connect(db, existing=True)
    current = _current_event(engine, kb, event_id)
    store_decision(engine, _decision(current, action, by, note))
    return _fused_after(engine, kb, current.block, current.mention_keys[0])


def _current_event(engine: Engine, kb: Knowledge, event_id: str) -> Event:
    fuse_pending(engine, kb)
    return event_in(engine, event_id).event


def _decision(
    event: Event,
    action: str,
    by: str | None,
    note: str | None,
    *,
    other: str | None = None,
    field: str | None = None,
    value: str | None = None,
    old: str | None = None,
) -> Decision:
    return Decision(
        action=action,
        key=event.mention_keys[0],
        keys=event.mention_keys,
        block=event.block,
        reviewer=by or os.environ.get("SITREP_REVIEWER") or getpass.getuser(),
        at=datetime.now(UTC).isoformat(timespec="seconds"),
        other=other,
        field=field,
        value=value,
        old_value=old,
        note=note,
    )


def _fused_after(engine: Engine, kb: Knowledge, block: str, key: str) -> Event:
    """The event holding a mention once its block is fused again with the new decision."""
    fuse_block_in_store(engine, block, kb)
    found = event_holding(engine, key)
    engine.dispose()
    if found is None:
        raise NotFoundError("the event is gone after fusing", source=key)
    return found


def _country_code(value: str, kb: Knowledge) -> str:
    """An ISO country code from a code ("sy") or a name a report would use ("Syria")."""
    if len(value) == 2 and value.isalpha():
        return value.upper()
    tokens = tokenize(value)
    whole = [
        h for h in kb.index.find(tokens) if h.payload[0] == "country" and (h.first, h.last) == (0, len(tokens) - 1)
    ]
    if not whole:
        raise UsageError(f"unknown country {value!r}; give an ISO code (SY) or a name (Syria)")
    return str(whole[0].payload[1])


def _weapon_kind(value: str) -> str:
    """A weapon kind from its name, singular or plural ("drones", "ballistic missiles")."""
    kind = value.strip().lower().replace("-", "_").replace(" ", "_")
    for candidate in (kind, kind.removesuffix("s"), kind.removesuffix("es")):
        if candidate in WEAPONS:
            return candidate
    raise UsageError(f"unknown weapon {value!r}; choose from {', '.join(WEAPONS)}")


def _place_named(name: str, kb: Knowledge) -> Place | None:
    """A gazetteer place by id or by name; a coder names it, so no evidence is asked for."""
    if name in kb.places:
        return kb.places[name]
    tokens = tokenize(name)
    hits = [h for h in kb.index.find(tokens) if h.payload[0] == "place" and h.first == 0 and h.last == len(tokens) - 1]
    choice = best_place(candidates((h.payload[1] for h in hits), kb))
    return choice.place if choice else None


@dataclass(frozen=True, slots=True)
class PlaceLookup:
    """What a place name resolves to: the chosen entry, why, and every candidate."""

    name: str
    chosen: Place | None
    reason: str
    candidates: tuple[Place, ...]
    # The countries a context text names, which settled the choice as a report's would.
    context_countries: tuple[str, ...] = ()


def places(
    name: str,
    *,
    countries: Iterable[str] = (),
    context: str | None = None,
    gazetteer: PathLike | None = None,
) -> PlaceLookup:
    """Return what a place name resolves to, and why: namesakes are settled by the given
    countries (as if named beside it) and by those a `context` text names (as a report's).

    >>> places("Rukban", countries=["SY"]).chosen.id
    'sy-rukban'
    >>> places("Gao", context="Militants attacked an army camp in northern Mali.").chosen.country
    'ML'
    """
    kb = _knowledge(gazetteer, None)
    tokens = tokenize(name)
    whole = [h for h in kb.index.find(tokens) if (h.first, h.last) == (0, len(tokens) - 1)]
    named = _countries_named(context, kb) if context else ()
    country = next((kb.country_points.get(str(h.payload[1])) for h in whole if h.payload[0] == "country"), None)
    if country is not None:
        part = _bare_area(name, kb, {country.country}) if phrase_key(name) != phrase_key(country.name) else None
        if part is not None:
            # "England", "Wales": another name of the country that is one of its areas is the area
            return PlaceLookup(name, part, "a first-level area of its country: its centre", (part, country), named)
        # "Syria", "Russian", "U.S.": the country is what the name means, not a town abroad
        return PlaceLookup(name, country, "a country's name: its centre", (country,), named)
    continent = next((kb.continents.get(str(h.payload[1])) for h in whole if h.payload[0] == "continent"), None)
    if continent is not None:
        return PlaceLookup(name, continent, "a continent's name: its centre", (continent,), named)
    area = _abbreviated_area(name, kb, {c.upper() for c in countries} | set(named))
    if area is not None:
        return PlaceLookup(name, area, "a first-level area's abbreviation: its centre", (area,), named)
    options = candidates((h.payload[1] for h in whole if h.payload[0] == "place"), kb)
    options = own_names_first(options, name, kb.theatre)
    choice = best_place(
        options,
        countries={c.upper() for c in countries},
        report_countries=set(named),
        theatre=kb.theatre,
        world_cities=kb.world_cities,
    )
    if choice is not None and is_town_abroad(choice.place, kb.theatre) and choice.place.id not in kb.world_cities:
        area = _bare_area(name, kb, {choice.place.country})
        if area is not None and area.admin1 != choice.place.admin1:
            # "Oregon" is the state, not the town in Ohio; "Enugu" is the city in Enugu State,
            # "Washington" a capital (a world city)
            reason = "a first-level area before a town of its name elsewhere in its country: its centre"
            return PlaceLookup(name, area, reason, (area, *options), named)
    if choice is None and not options:
        district = _district(name, kb, {c.upper() for c in countries} | set(named), context)
        if district is not None:
            reason = "a second-level area named with its area word: its centre"
            return PlaceLookup(name, district, reason, (district,), named)
    if choice is None:
        area = _bare_area(name, kb, {c.upper() for c in countries} | set(named))
        if area is not None:
            return PlaceLookup(name, area, "a first-level area, its country named: its centre", (area,), named)
        # a capitalised name that no town bears and no word shares ("Kentucky", not "store")
        named_bare = name[:1].isupper() and not options and phrase_key(name) not in kb.never_places
        area = _bare_area(name, kb) if named_bare else None
        if area is not None:
            reason = "the only first-level area of this name, and no town has it: its centre"
            return PlaceLookup(name, area, reason, (area,), named)
    if choice is None and options:
        reason = "a town abroad is taken only when its country is named"
        return PlaceLookup(name, None, reason, tuple(options), named)
    if choice is None:
        return PlaceLookup(name, None, "no gazetteer entry has this name", (), named)
    ordered = sorted(options, key=lambda p: p.id != choice.place.id)
    return PlaceLookup(name, choice.place, choice.reason, tuple(ordered), named)


def _bare_area(name: str, kb: Knowledge, countries: set[str] | None = None) -> Place | None:
    """The first-level area abroad named bare ("California"), in one of `countries` (None:
    anywhere), at its centre; None when no such area, or two, bear the name."""
    inside = [
        (i, lat, lon)
        for i, lat, lon in kb.bare_areas.get(phrase_key(name), ())
        if countries is None or kb.places[i].country in countries
    ]
    if len(inside) != 1:
        return None
    ((area_id, lat, lon),) = inside
    area = kb.places[area_id]
    return replace(area, lat=lat, lon=lon, source=f"{area.source}; the centre of its towns")


def _district(name: str, kb: Knowledge, countries: set[str], context: str | None) -> Place | None:
    """The second-level area of this name ("Orange County"): in a first-level area the
    context names ("Conroe, Texas") where one is, else in a country it names, else
    anywhere; of namesakes, the most populous."""
    districts = kb.districts.get(phrase_key(name), ())
    words = f" {phrase_key(context or '')} "
    in_area = [d for d in districts if d.admin1 and f" {phrase_key(d.admin1)} " in words]
    in_country = [d for d in districts if d.country in countries]
    options = in_area or in_country or list(districts)
    return options[0] if options else None


def _abbreviated_area(name: str, kb: Knowledge, countries: set[str]) -> Place | None:
    """The first-level area an abbreviation stands for ("Calif.", "N.J.", "NSW"), at its
    centre; where it stands for two ("WA"), the one in a country the context names."""
    areas = [kb.places[i] for i in kb.area_abbreviations.get(name.strip(), ())]
    if len(areas) > 1:
        areas = [a for a in areas if a.country in countries]
    if len(areas) != 1:
        return None
    return _bare_area(areas[0].name, kb, {areas[0].country}) or areas[0]


def _countries_named(text: str, kb: Knowledge) -> tuple[str, ...]:
    """The countries a text names, as codes, as extraction reads a report
    (`extract.places.report_countries`: "in northern Mali", "Iraqi", "in North Darfur", two
    neighbouring towns), and by a world city (a capital or a city of a million,
    `world_city_population`: "in Kyiv") when its name is that of one world city only."""
    doc = prepare_document(Report(id="context", text=text, doc="context"), kb)
    named = report_countries(doc, kb)
    for sentence in doc.sentences:
        for span in {(h.start, h.end) for h in sentence.of("place")}:
            cities = {h.payload[1] for h in sentence.of("place") if (h.start, h.end) == span} & kb.world_cities
            if len(cities) == 1:
                named.add(kb.places[next(iter(cities))].country)
    return tuple(sorted(named))


def fuse(
    extractions: Iterable[Extraction], *, gazetteer: PathLike | None = None, actors: PathLike | None = None
) -> list[Event]:
    """Return the events of extractions: one per real attack, however many reports tell it."""
    items = list(extractions)
    reports = {x.report.id: x.report for x in items}
    return fuse_mentions((m for x in items for m in x.mentions), reports, _knowledge(gazetteer, actors))


def trace(
    extraction: Extraction, *, gazetteer: PathLike | None = None, actors: PathLike | None = None
) -> list[SentenceTrace]:
    """What each extraction stage decided for each sentence of an extracted report that has an
    attack word: the role of each place it names and what each time phrase is anchored to.

    >>> for sentence in trace(next(extract(["samples/red-sea.jsonl"]))):  # doctest: +SKIP
    ...     print(sentence.tells, [(p.role, p.why) for p in sentence.places])
    """
    return trace_report(extraction.report, _knowledge(gazetteer, actors))


def prediction_lines(extraction: Extraction, event_ids: Mapping[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """Yield the JSON Lines objects of one extraction: a line per mention (with its event_id
    when fused), a line per figure, then a "coarse" line per attack known only to a week or
    more (tools/score.py skips those)."""
    for mention in extraction.mentions:
        line = to_dict(mention)
        if event_ids is not None:
            line["event_id"] = event_ids.get(mention_key(mention))
        yield line
    for figure in extraction.figures:
        yield figure_line(figure)
    for attack in extraction.coarse:
        yield coarse_line(attack)


def event_ids(events: Iterable[Event]) -> dict[str, str]:
    """Return the event id of each mention key."""
    return {key: event.id for event in events for key in event.mention_keys}


def evaluate(
    corpus: PathLike,
    *,
    gazetteer: PathLike | None = None,
    actors: PathLike | None = None,
    manifests: bool = True,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Extract CORPUS/*.txt and score it against CORPUS/gold/ (tools/score.py's definitions).

    With manifests=False a SOURCES.tsv beside the reports is ignored: dates come from the
    reports' own text only. Each miss names the extraction stage that decided it (see
    sitrep.diagnose).
    """
    from sitrep.diagnose import with_stages
    from sitrep.scoring import load_gold, score  # SciPy loads only for scoring

    folder = Path(corpus)
    if not folder.is_dir():
        raise UsageError("not a folder", source=str(folder))
    gold = load_gold(folder)
    lines: list[dict[str, Any]] = []
    extractions = {}
    for item in extract(sorted(folder.glob("*.txt")), gazetteer=gazetteer, actors=actors, manifests=manifests):
        if isinstance(item, SitrepError):
            raise item
        extractions[Path(item.report.doc).name] = item
        lines.extend(prediction_lines(item))
    result, misses = score(gold, lines)
    return result, with_stages(misses, gold, lines, extractions, _knowledge(gazetteer, actors))


def jsonl(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Yield each row as one line of JSON."""
    for row in rows:
        yield json.dumps(row, ensure_ascii=False)


def _knowledge(gazetteer: PathLike | None, actors: PathLike | None) -> Knowledge:
    return load_knowledge(
        gazetteer=Path(gazetteer) if gazetteer else None,
        actors=Path(actors) if actors else None,
    )


def _with_published(report: Report, published: date | None) -> Report:
    if published is None or report.published:
        return report
    return replace(report, published=published.isoformat(), published_basis="user: --published")
