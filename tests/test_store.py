"""Storage: whole reports or nothing, re-ingest is a no-op, and a killed ingest loses nothing."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import sitrep
from sitrep.errors import InputError, StoreError
from sitrep.store import connect, database_url, store_extraction, store_extractions

from .conftest import SAMPLES, count_rows


def _synthetic_batch(path: Path, copies: int, *, first: int = 0) -> None:
    """A JSON Lines batch of distinct reports built from the samples (each gets its own number)."""
    texts = [r.report.text for r in sitrep.extract([SAMPLES]) if isinstance(r, sitrep.Extraction)]
    with path.open("w", encoding="utf-8") as handle:
        for n in range(first, first + copies):
            body = texts[n % len(texts)] + f"\n\nCorrection number {n} to this report."
            handle.write(json.dumps({"text": body, "published": "2024-01-28"}) + "\n")


def _counts(db: str) -> dict[str, int]:
    return {t: count_rows(db, t) for t in ("reports", "mentions", "figures")}


def test_storing_a_report_twice_is_a_no_op(db: str) -> None:
    (extraction,) = [x for x in sitrep.extract([SAMPLES / "tower22-jordan.txt"]) if isinstance(x, sitrep.Extraction)]
    engine = connect(db)
    assert store_extraction(engine, extraction) is True
    assert store_extraction(engine, extraction) is False
    assert _counts(db)["reports"] == 1


def test_a_batch_stores_each_report_once_and_says_which_were_there(db: str) -> None:
    extractions = [x for x in sitrep.extract([SAMPLES]) if isinstance(x, sitrep.Extraction)]
    engine = connect(db)
    assert store_extraction(engine, extractions[0]) is True
    twin = replace(extractions[1], report=replace(extractions[1].report, doc="twin.txt"))  # the same text again
    stored = store_extractions(engine, [*extractions, twin])
    assert stored == [False, *[True] * (len(extractions) - 1), False]
    assert _counts(db)["reports"] == len(extractions)
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT doc FROM reports WHERE id = :id"), {"id": twin.report.id}).scalar()
    assert kept == extractions[1].report.doc  # the first of the two is the one stored
    assert _counts(db)["mentions"] == sum(len(x.mentions) for x in extractions)


def test_a_batch_the_database_refuses_is_stored_report_by_report(db: str) -> None:
    extractions = [x for x in sitrep.extract([SAMPLES]) if isinstance(x, sitrep.Extraction)]
    bad = replace(extractions[1], report=replace(extractions[1].report, published_basis=None))  # NOT NULL
    stored = store_extractions(connect(db), [extractions[0], bad, *extractions[2:]])
    assert isinstance(stored[1], InputError) and "cannot store report" in str(stored[1])
    assert stored[:1] + stored[2:] == [True] * (len(extractions) - 1)
    assert _counts(db)["reports"] == len(extractions) - 1


def test_database_is_sqlite_in_wal_mode(sqlite_db: str) -> None:
    engine = connect(sqlite_db)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_a_newer_schema_is_refused_and_left_alone(db: str) -> None:
    connect(db).dispose()
    engine = create_engine(database_url(db))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="schema 9999 is newer than this sitrep"):
        connect(db)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
    engine.dispose()


def test_a_database_that_is_not_sqlite_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "not.db"
    path.write_text("this is not a database " * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open database"):
        connect(str(path))


def test_killed_ingest_leaves_whole_reports_and_a_rerun_completes(db: str, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    _synthetic_batch(batch, 1500)
    expected = {
        x.report.id: (len(x.mentions), len(x.figures))
        for x in sitrep.extract([batch])
        if isinstance(x, sitrep.Extraction)
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "sitrep", "ingest", str(batch), "--db", db],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if _stored_reports(db) >= 50:
            break
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored_before = _stored_reports(db)
    assert 0 < stored_before < len(expected), "the kill must land part-way"
    engine = create_engine(database_url(db))
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        rows = conn.execute(
            text(
                "SELECT r.id, (SELECT count(*) FROM mentions m WHERE m.report_id = r.id),"
                " (SELECT count(*) FROM figures f WHERE f.report_id = r.id) FROM reports r"
            )
        )
        for report_id, mentions, figures in rows:
            assert (mentions, figures) == expected[report_id], "a report was stored in part"
    engine.dispose()
    summary = sitrep.ingest([batch], db=db)
    assert summary.reports_already_stored == stored_before
    assert _counts(db)["reports"] == len(expected)
    assert _counts(db)["mentions"] == sum(m for m, _ in expected.values())


def _stored_reports(db: str) -> int:
    return count_rows(db, "reports")


def test_reads_during_an_ingest_see_no_lock_errors_and_only_whole_reports(db: str, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    _synthetic_batch(batch, 600)
    expected = {x.report.id: len(x.mentions) for x in sitrep.extract([batch]) if isinstance(x, sitrep.Extraction)}
    process = subprocess.Popen(
        [sys.executable, "-m", "sitrep", "ingest", str(batch), "--db", db],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    engine = create_engine(database_url(db))
    reads = 0
    try:
        while process.poll() is None or reads < 3:
            if count_rows(db, "reports") == 0:
                time.sleep(0.01)
                continue
            sitrep.events(db, refresh=False)
            with engine.connect() as conn:
                for report_id, mentions in conn.execute(
                    text("SELECT r.id, (SELECT count(*) FROM mentions m WHERE m.report_id = r.id) FROM reports r")
                ):
                    assert mentions == expected[report_id], "a reader saw a report stored in part"
            reads += 1
    finally:
        engine.dispose()
    assert process.wait() == 0, process.stderr.read() if process.stderr else ""
    assert reads >= 3
    assert count_rows(db, "reports") == len(expected)


def test_kills_in_the_first_second_of_a_new_database_never_brick_it(db: str, tmp_path: Path) -> None:
    """30 SIGKILLs at seeded moments of a new database's first ingest: the next command
    always opens it and completes."""
    batch = tmp_path / "batch.jsonl"
    _synthetic_batch(batch, 20)
    moments = random.Random(16).sample(range(50, 1000), 30)
    for n, milliseconds in enumerate(moments):
        new = _fresh_database(db, f"new{n}")
        process = subprocess.Popen(
            [sys.executable, "-m", "sitrep", "ingest", str(batch), "--db", new],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(milliseconds / 1000)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        summary = sitrep.ingest([batch], db=new)
        assert not summary.failures and summary.reports_stored + summary.reports_already_stored == 20, milliseconds


def test_two_first_ingests_at_once_give_the_totals_of_one(db: str, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    _synthetic_batch(batch, 10)
    command = [sys.executable, "-m", "sitrep", "ingest", str(batch), "--db", db]
    processes = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    errors = [p.communicate()[1].decode() for p in processes]
    assert [p.returncode for p in processes] == [0, 0], errors
    assert _counts(db)["reports"] == 10


def _fresh_database(db: str, name: str) -> str:
    """Another empty database beside `db`, on the same backend."""
    if "://" not in db:
        return str(Path(db).with_name(f"{name}.db"))
    import psycopg

    server, _, base = db.rpartition("/")
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {base}_{name}")
    return f"{server}/{base}_{name}"


def _contents(db: str) -> tuple[dict[str, int], list[tuple[str, tuple[str, ...]]]]:
    counts = {**_counts(db), "dirty blocks": count_rows(db, "dirty_blocks")}
    return counts, [(e.id, e.mention_keys) for e in sitrep.events(db, refresh=False)]


@pytest.mark.parametrize("corpora", ["same", "different"])
def test_two_ingests_at_once_give_what_one_after_the_other_gives(db: str, tmp_path: Path, corpora: str) -> None:
    # Different corpora tell the same places (the same fusion blocks), so the two writers
    # race on every block: storing its mentions, marking it dirty, fusing it.
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    _synthetic_batch(first, 8)
    _synthetic_batch(second, 8, first=0 if corpora == "same" else 8)
    serial = _fresh_database(db, "serial")
    sitrep.ingest([first], db=serial)
    sitrep.ingest([second], db=serial)
    expected = _contents(serial)
    assert expected[0]["reports"] == (8 if corpora == "same" else 16) and expected[1]
    for attempt in range(5):
        target = _fresh_database(db, f"run{attempt}")
        connect(target).dispose()  # the schema is there: both writers start at once on the work itself
        commands = [[sys.executable, "-m", "sitrep", "ingest", str(feed), "--db", target] for feed in (first, second)]
        processes = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in commands]
        errors = [p.communicate()[1].decode() for p in processes]
        assert [p.returncode for p in processes] == [0, 0], errors
        assert _contents(target) == expected, f"attempt {attempt + 1}"


def test_a_report_the_database_refuses_is_one_error_line_and_the_rest_is_stored(db: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    sitrep.batch([SAMPLES], out, engine="local", jobs=1)
    parts = sorted((out / "reports").glob("*.parquet"))
    stored = sum(pq.read_metadata(p).num_rows for p in parts)
    rows = pq.read_table(parts[0]).to_pylist()
    rows[0]["published_basis"] = None  # a column the schema declares NOT NULL, on both backends
    pq.write_table(pq.read_table(parts[0]).from_pylist(rows, schema=pq.read_schema(parts[0])), parts[0])
    summary = sitrep.ingest([out], db=db)
    assert len(summary.failures) == 1 and summary.failures[0].startswith(f"{rows[0]['doc']}: cannot store report")
    assert summary.reports_stored == stored - 1 == _counts(db)["reports"] > 1
    assert sitrep.events(db, refresh=False)


def test_a_report_with_control_characters_is_stored_on_every_backend(db: str, tmp_path: Path) -> None:
    feed = tmp_path / "nul.jsonl"
    text = "Two drones struck the Harir air base\x00 in Erbil province on Wednesday,\x1b a security source said."
    feed.write_text(json.dumps({"text": text, "published": "2024-01-25"}) + "\n", encoding="utf-8")
    summary = sitrep.ingest([feed], db=db)
    assert summary.failures == [] and summary.reports_stored == 1
    (event,) = sitrep.events(db)
    assert event.place_canonical == "Harir Air Base"
