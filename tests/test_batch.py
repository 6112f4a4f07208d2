"""Batch extraction on a process pool and on Spark (local mode) gives what `sitrep extract` gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import sitrep
from sitrep.batch import read_batch

from .conftest import IN_CI, SAMPLES


def _expected() -> dict[str, tuple[object, ...]]:
    return {
        x.report.id: (x.report, x.mentions, x.figures)
        for x in sitrep.extract([SAMPLES])
        if isinstance(x, sitrep.Extraction)
    }


def _written(folder: Path) -> dict[str, tuple[object, ...]]:
    return {x.report.id: (x.report, x.mentions, x.figures) for x in read_batch(folder)}


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
        sum(len(m) for _, m, _ in _expected().values()),
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
