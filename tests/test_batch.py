"""Batch extraction on a process pool and on Spark (local mode) gives what `sitrep extract` gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import sitrep
from sitrep.batch import read_batch

from .conftest import IN_CI, SAMPLES


def _expected(inputs: Path = SAMPLES) -> dict[str, tuple[object, ...]]:
    return {
        x.report.id: (x.report, x.mentions, x.figures, x.coarse)
        for x in sitrep.extract([inputs])
        if isinstance(x, sitrep.Extraction)
    }


def _written(folder: Path) -> dict[str, tuple[object, ...]]:
    return {x.report.id: (x.report, x.mentions, x.figures, x.coarse) for x in read_batch(folder)}


# Attacks told too coarsely for an event, in a dated and an undated report (written for this test).
_COARSE = {
    "hasakah.txt": "Drones attacked a base housing US forces in Syria's Hasakah province on 15 January 2024, a monitor said.",
    "early-january.txt": "Rockets hit the Ain al-Asad air base in western Iraq in early January, officials said.",
}


def _with_coarse(folder: Path) -> Path:
    shutil.copytree(SAMPLES, folder)
    for name, text in _COARSE.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    (folder / "SOURCES.tsv").write_text("slug\tpublished\nearly-january\t2024-02-10\n", encoding="utf-8")
    return folder


def test_the_local_engine_gives_what_extract_gives(tmp_path: Path) -> None:
    summary = sitrep.batch([SAMPLES], tmp_path / "out", engine="local", jobs=2)
    assert (summary.reports, summary.failures) == (11, [])
    assert _written(tmp_path / "out") == _expected()


def test_spark_local_mode_gives_what_extract_gives(tmp_path: Path) -> None:
    if shutil.which("java") is None:
        message = "no Java runtime (make test installs openjdk-17-jre-headless)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    summary = sitrep.batch([SAMPLES], tmp_path / "out", engine="spark", master="local[2]")
    assert (summary.reports, summary.mentions, summary.failures) == (
        11,
        sum(len(x[1]) for x in _expected().values()),
        [],
    )
    assert _written(tmp_path / "out") == _expected()


def test_ingest_loads_a_batch_folder_and_fuses_it(tmp_path: Path) -> None:
    sitrep.batch([SAMPLES], tmp_path / "out", engine="local", jobs=1)
    db = str(tmp_path / "b.db")
    summary = sitrep.ingest([tmp_path / "out"], db=db)
    assert (summary.reports_stored, summary.failures) == (11, [])
    direct = str(tmp_path / "d.db")
    sitrep.ingest([SAMPLES], db=direct)
    assert [e.id for e in sitrep.events(db)] == [e.id for e in sitrep.events(direct)]


def test_coarse_attacks_go_through_a_batch_into_the_unresolved_queue(tmp_path: Path) -> None:
    inputs = _with_coarse(tmp_path / "in")
    sitrep.batch([inputs], tmp_path / "out", engine="local", jobs=2)
    written = _written(tmp_path / "out")
    assert written == _expected(inputs)
    assert sorted(c.place_canonical for x in written.values() for c in x[3]) == ["Ain al-Asad Air Base", "Al-Hasakah"]
    db, direct = str(tmp_path / "b.db"), str(tmp_path / "d.db")
    sitrep.ingest([tmp_path / "out"], db=db)
    sitrep.ingest([inputs], db=direct)
    assert [(u.key, u.reason) for u in sitrep.unresolved(db)] == [(u.key, u.reason) for u in sitrep.unresolved(direct)]
    assert sorted(u.reason for u in sitrep.unresolved(db)) == ["no day within a week", "placed only to a province"]


def test_an_unknown_engine_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(sitrep.UsageError, match="unknown engine 'dask'"):
        sitrep.batch([SAMPLES], tmp_path, engine="dask")


def test_a_corrupt_part_is_one_error_naming_it(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sitrep.cli import app

    sitrep.batch([SAMPLES], tmp_path / "out", engine="local", jobs=1)
    part = sorted((tmp_path / "out" / "mentions").glob("*.parquet"))[0]
    data = part.read_bytes()
    part.write_bytes(data[: len(data) // 2] + b"\0" * 64 + data[-64:])
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "out"), "--db", str(tmp_path / "b.db")])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit | None)
    assert f"{part}: corrupt Parquet part" in result.output
    assert "Traceback" not in result.output
