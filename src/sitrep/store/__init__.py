"""Store extractions in SQLite (embedded default) or PostgreSQL, one transaction per report.

Every value is bound, never formatted into SQL. Re-storing a report that is already
there is a no-op (its id is the hash of its text), and a report is stored whole or not
at all, so an ingest killed half way leaves only whole reports behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exists, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from sitrep.errors import StoreError
from sitrep.records import Extraction, Figure, Mention, Report, from_dict, to_dict
from sitrep.store.schema import SCHEMA_VERSION, figures, mentions, meta, metadata, reports

__all__ = [
    "DEFAULT_DB",
    "connect",
    "database_url",
    "has_report",
    "store_extraction",
    "stored_figures",
    "stored_mentions",
]

DEFAULT_DB = "sitrep.db"
# Readers wait for a writer instead of failing with "database is locked".
_BUSY_TIMEOUT_MS = 30_000


def database_url(db: str | Path | None = None) -> str:
    """Return the SQLAlchemy URL for --db, SITREP_DB or ./sitrep.db (a path means SQLite)."""
    value = str(db or os.environ.get("SITREP_DB") or DEFAULT_DB)
    if "://" in value:
        return (
            value.replace("postgresql://", "postgresql+psycopg://", 1) if value.startswith("postgresql://") else value
        )
    return f"sqlite:///{Path(value).expanduser()}"


def connect(db: str | Path | None = None) -> Engine:
    """Return an engine for the database, creating its tables when they are missing."""
    url = database_url(db)
    try:
        engine = create_engine(url, future=True)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot open database: {exc}", source=str(db or url)) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.begin() as conn:
            metadata.create_all(conn)
            _check_version(conn, source=str(db or url))
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open database: {_reason(exc)}", source=str(db or url)) from exc
    return engine


def store_extraction(engine: Engine, extraction: Extraction) -> bool:
    """Store a report with its mentions and figures in one transaction; False if already there."""
    report = extraction.report
    try:
        with engine.begin() as conn:
            if has_report(conn, report.id):
                return False
            conn.execute(reports.insert(), [_report_row(report)])
            if extraction.mentions:
                conn.execute(mentions.insert(), [_mention_row(m) for m in extraction.mentions])
            if extraction.figures:
                conn.execute(figures.insert(), [_figure_row(f, n) for n, f in enumerate(extraction.figures, 1)])
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot store report: {_reason(exc)}", source=report.doc) from exc
    return True


def has_report(conn: Connection | Engine, report_id: str) -> bool:
    """Return whether a report with this id is stored."""
    query = select(exists().where(reports.c.id == report_id))
    if isinstance(conn, Engine):
        with conn.connect() as connection:
            return bool(connection.execute(query).scalar())
    return bool(conn.execute(query).scalar())


def stored_mentions(engine: Engine) -> Iterator[Mention]:
    """Yield every stored mention, in report and mention order."""
    with engine.connect() as conn:
        for row in conn.execute(select(mentions).order_by(mentions.c.report_id, mentions.c.id)):
            yield from_dict(Mention, dict(row._mapping))


def stored_figures(engine: Engine) -> Iterator[Figure]:
    """Yield every stored figure."""
    with engine.connect() as conn:
        for row in conn.execute(select(figures).order_by(figures.c.report_id, figures.c.number)):
            yield from_dict(Figure, dict(row._mapping))


def _report_row(report: Report) -> dict[str, Any]:
    return {**to_dict(report), "ingested_at": datetime.now(UTC).isoformat(timespec="seconds")}


def _mention_row(mention: Mention) -> dict[str, Any]:
    return to_dict(mention)


def _figure_row(figure: Figure, number: int) -> dict[str, Any]:
    return {**to_dict(figure), "number": number}


def _check_version(conn: Connection, *, source: str) -> None:
    stored = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    if stored is None:
        conn.execute(meta.insert(), [{"key": "schema_version", "value": str(SCHEMA_VERSION)}])
    elif int(stored) > SCHEMA_VERSION:
        raise StoreError(
            f"database schema {stored} is newer than this sitrep ({SCHEMA_VERSION}); upgrade sitrep", source=source
        )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _reason(exc: SQLAlchemyError) -> str:
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]
