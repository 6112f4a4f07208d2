"""Storage benchmark, SQLite against PostgreSQL: ingest rate, and event queries on 100k events.

PostgreSQL runs in a throwaway local cluster (Debian's postgresql), as in the tests.
Run: .venv/bin/python -m benchmarks.store
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.pgserver import postgres_bindir, throwaway_cluster

import sitrep
from benchmarks.machine import machine_line
from benchmarks.synthetic import synthetic_blocks
from sitrep.fuse import fuse_block
from sitrep.knowledge import load_knowledge
from sitrep.records import to_dict
from sitrep.store import connect, stored_events
from sitrep.store.schema import events as events_table
from sitrep.web import create_app

ROOT = Path(__file__).resolve().parents[1]
REPORTS = 300
EVENTS = 100_000


def main() -> None:
    print(machine_line())
    work = Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    batch = _batch(work / "batch.jsonl", REPORTS)
    rows = event_rows(EVENTS)
    bindir = postgres_bindir()
    print(
        f"{'backend':11} {'ingest reports/s':>16} {'page of 100 (ms)':>17} {'/api/events 100 (ms)':>20} {'filtered list (ms)':>19} {'events':>8}"
    )
    _measure("sqlite", str(work / "bench.db"), batch, rows)
    if bindir is None:
        print("postgresql  not installed (apt-get install postgresql)")
        return
    with throwaway_cluster(bindir) as server:
        import psycopg

        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench")
        _measure("postgresql", server.rsplit("/", 1)[0] + "/bench", batch, rows)


def _measure(name: str, db: str, batch: Path, rows: list[dict[str, object]]) -> None:
    started = time.perf_counter()
    summary = sitrep.ingest([batch], db=db)
    rate = summary.reports_stored / (time.perf_counter() - started)
    engine = connect(db)
    with engine.begin() as conn:
        for start in range(0, len(rows), 5000):
            conn.execute(events_table.insert(), rows[start : start + 5000])
    page = (
        select(events_table)
        .where(events_table.c.country == "SY")
        .order_by(events_table.c.date_earliest, events_table.c.id)
        .limit(100)
    )
    page_ms = _median_ms(lambda: stored_events(engine, page))
    listing_ms = _median_ms(lambda: sitrep.events(db, country="SY", since=None, refresh=False))
    client = TestClient(create_app(db))
    http_ms = _median_ms(lambda: client.get("/api/events", params={"country": "SY", "limit": 100}).raise_for_status())
    total = len(stored_events(engine))
    engine.dispose()
    print(f"{name:11} {rate:16.1f} {page_ms:17.1f} {http_ms:20.1f} {listing_ms:19.1f} {total:8,}")


def _median_ms(run: object, times: int = 5) -> float:
    durations = []
    for _ in range(times):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        durations.append((time.perf_counter() - started) * 1000)
    return statistics.median(durations)


def _batch(path: Path, count: int) -> Path:
    texts = [x.report.text for x in sitrep.extract([ROOT / "samples"]) if isinstance(x, sitrep.Extraction)]
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(
                json.dumps({"text": texts[n % len(texts)] + f"\n\nUpdate number {n}.", "published": "2024-01-28"})
                + "\n"
            )
    return path


def event_rows(count: int) -> list[dict[str, object]]:
    """Synthetic fused events (from synthetic mentions), with fresh ids, as table rows."""
    kb = load_knowledge()
    rows: list[dict[str, object]] = []
    for block, mentions, reports in synthetic_blocks(kb, count * 6):
        for event in fuse_block(block, mentions, reports, kb):
            rows.append(to_dict(replace(event, id=f"ev-bench{len(rows):08d}")))
            if len(rows) == count:
                return rows
    return rows


if __name__ == "__main__":
    main()
