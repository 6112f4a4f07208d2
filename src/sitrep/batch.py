"""Run read -> extract -> resolve over many reports, on a process pool or Apache Spark, into Parquet.

The work is one pure function per input file (`extract_file`: read it, extract every
report, write the rows as Parquet parts named after the file's place in the input), so
both engines run exactly the same code and only the scheduling differs; only counts
travel back to the driver. The output folder holds three Parquet datasets, reports/,
mentions/ and figures/, one column per record field (nested values as JSON text, as in
`sitrep export --format parquet`), which `sitrep ingest FOLDER` loads and fuses. Memory
stays bounded: a task holds at most one part of one file's rows.

Reports with no publication day are dated from the corpus (sitrep.corpus) in a second
round of tasks, once every dated report is written: the first round leaves each file's
undated reports in undated/ (pickled, with their probes' time readings), the second dates
them against the attacks of mentions/ and writes them as parts whose names sort after the
first round's.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import pickle
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any

from sitrep.corpus import DatedAttack, Reference, date_from_corpus, read_undated
from sitrep.errors import InputError, UsageError
from sitrep.extract import extract_or_probe
from sitrep.extras import require_pyarrow
from sitrep.knowledge import load_knowledge
from sitrep.read import read_reports, report_files
from sitrep.records import (
    Extraction,
    Figure,
    Mention,
    Report,
    Undated,
    from_dict,
    stored_fields,
    to_dict,
)

# "coarse": the attacks told too coarsely for an event (records.coarse_reason), which an
# ingest queues as unresolved.
KINDS: dict[str, type] = {"reports": Report, "mentions": Mention, "figures": Figure, "coarse": Mention}
_PART_ROWS = 5_000
_UNDATED = "undated"
# Parts of the second round (undated reports, dated from the corpus) sort after the first's.
_SECOND_ROUND = "z"


@dataclass(slots=True)
class BatchSummary:
    """What a batch did: reports, mentions and figures written, and the inputs that failed."""

    reports: int = 0
    mentions: int = 0
    figures: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, other: BatchSummary) -> None:
        self.reports += other.reports
        self.mentions += other.mentions
        self.figures += other.figures
        self.failures.extend(other.failures)


def extract_file(numbered: tuple[int, str], out: str) -> BatchSummary:
    """Read and extract every report of one input file, writing its rows under `out`.

    The parts are named `<file number>-<part>.parquet`, so that reading them in name order
    gives the input order; each is written under a temporary name and renamed, so a task
    that Spark runs again replaces its parts rather than adding to them.
    """
    number, path = numbered
    kb = load_knowledge()
    summary = BatchSummary()
    writer = _PartWriter(Path(out), number)
    undated: list[Undated] = []
    for item in read_reports([path]):
        if isinstance(item, InputError):
            summary.failures.append(str(item))
            continue
        extraction = extract_or_probe(item, kb)
        if isinstance(extraction, Undated):
            undated.append(extraction)
            continue
        writer.add_extraction(extraction)
    if undated:
        with open(Path(out) / _UNDATED / f"{number:07d}.pickle", "wb") as file:
            for report in undated:
                pickle.dump(report, file)
    summary.reports, summary.mentions, summary.figures = writer.close()
    return summary


def date_file(numbered: tuple[int, str], out: str) -> BatchSummary:
    """Date the undated extractions one input file left in undated/ from the corpus, and
    write them as parts named after the file, after those of the first round."""
    number, path = numbered
    kb = load_knowledge()
    reference = _reference(out)
    writer = _PartWriter(Path(out), number, prefix=_SECOND_ROUND)
    with open(path, "rb") as file:
        for undated in read_undated(file):
            writer.add_extraction(date_from_corpus(undated, kb, reference))
    summary = BatchSummary()
    summary.reports, summary.mentions, summary.figures = writer.close()
    return summary


@functools.lru_cache(maxsize=1)
def _reference(out: str) -> Reference:
    """The dated attacks of the first round's mentions, read once per worker process."""
    reference = Reference()
    for row in _rows(Path(out) / "mentions"):
        if row["date"] and row["country"] and row["lat"] is not None and row["lon"] is not None:
            day = date.fromisoformat(row["date"])
            reference.add_attacks([DatedAttack(row["report_id"], row["country"], row["lat"], row["lon"], day)])
    return reference


def flat_row(record: Report | Mention | Figure) -> dict[str, Any]:
    """A record as one Parquet row: nested values (lists, mappings) as JSON text."""
    return {
        k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in to_dict(record).items()
    }


def batch(
    inputs: Iterable[str | Path], out: Path, *, engine: str = "local", jobs: int | None = None, master: str = "local[2]"
) -> BatchSummary:
    """Extract every report under inputs into Parquet under `out`, on the chosen engine."""
    found = list(report_files(inputs))
    paths = [str(p) for p in found if not isinstance(p, InputError)]
    if engine not in ("local", "spark"):
        raise UsageError(f"unknown engine {engine!r}; choose local or spark")
    require_pyarrow("sitrep batch")
    _empty_datasets(out)
    numbered = list(enumerate(paths))
    summary = BatchSummary(failures=[str(p) for p in found if isinstance(p, InputError)])
    with _engine(engine, jobs, master) as run:
        for result in run(functools.partial(extract_file, out=str(out)), numbered):
            summary.add(result)
        undated = [(int(p.stem), str(p)) for p in sorted((out / _UNDATED).glob("*.pickle"))]
        for result in run(functools.partial(date_file, out=str(out)), undated):
            summary.add(result)
    shutil.rmtree(out / _UNDATED)
    # Each task reads its directory's manifest, so a bad manifest row is told once per file.
    summary.failures = list(dict.fromkeys(summary.failures))
    return summary


def read_batch(folder: Path) -> Iterator[Extraction]:
    """Yield the extractions a batch wrote, report by report, one Parquet row batch at a time.

    Both engines write every kind in input order (files in order, rows of a file in order),
    so a report's mentions and figures are the next rows of their datasets: a merge, not a
    lookup table, and memory does not grow with the batch.
    """
    require_pyarrow("reading a batch folder")
    told = [kind for kind in KINDS if kind != "reports"]
    groups = {kind: groupby(_rows(folder / kind), key=lambda row: row["report_id"]) for kind in told}
    heads = {kind: next(group, None) for kind, group in groups.items()}
    for row in _rows(folder / "reports"):
        parts: dict[str, tuple[Any, ...]] = dict.fromkeys(told, ())
        for kind, head in heads.items():
            if head is not None and head[0] == row["id"]:
                parts[kind] = tuple(_record(KINDS[kind], r) for r in head[1])
                heads[kind] = next(groups[kind], None)
        yield Extraction(_record(Report, row), parts["mentions"], parts["figures"], coarse=parts["coarse"])


def _rows(dataset: Path) -> Iterator[dict[str, Any]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    for part in sorted(dataset.glob("*.parquet")):
        try:
            for chunk in pq.ParquetFile(part).iter_batches(batch_size=1000):
                yield from chunk.to_pylist()
        except (pa.ArrowException, OSError) as exc:
            # What was stored before stays; the batch is written again with `sitrep batch`.
            raise InputError(f"corrupt Parquet part ({exc}); write the batch again", source=str(part)) from exc


def is_batch_folder(path: Path) -> bool:
    """Whether a folder holds a batch's Parquet output."""
    return (path / "reports").is_dir() and any((path / "reports").glob("*.parquet"))


def _record(kind: type, row: dict[str, Any]) -> Any:
    nested = {f.name for f in stored_fields(kind) if any(t in str(f.type) for t in ("tuple", "dict", "Offsets"))}
    values = {k: json.loads(v) if k in nested and isinstance(v, str) else v for k, v in row.items()}
    return from_dict(kind, values)


def _empty_datasets(out: Path) -> None:
    """Make out/reports, out/mentions, out/figures, without the parts of an earlier batch."""
    for kind in KINDS:
        (out / kind).mkdir(parents=True, exist_ok=True)
        for old in (out / kind).glob("*.parquet*"):
            old.unlink()
    shutil.rmtree(out / _UNDATED, ignore_errors=True)
    (out / _UNDATED).mkdir()


Runner = Callable[[Callable[[tuple[int, str]], BatchSummary], list[tuple[int, str]]], Iterable[BatchSummary]]


@contextlib.contextmanager
def _engine(engine: str, jobs: int | None, master: str) -> Iterator[Runner]:
    """A runner of tasks over numbered inputs: a process pool, or one Spark session for
    both rounds."""
    if engine == "local":
        with ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
            yield lambda task, numbered: pool.map(task, numbered)
        return
    spark = _spark_session(master)
    try:
        yield lambda task, numbered: _run_spark(spark, task, numbered) if numbered else []
    finally:
        spark.stop()


class _PartWriter:
    """Writes one input file's rows of each kind as Parquet parts of at most _PART_ROWS rows."""

    def __init__(self, out: Path, number: int, *, prefix: str = ""):
        self.out = out
        self.number = number
        self.prefix = prefix
        self.buffers: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
        self.counts = dict.fromkeys(KINDS, 0)
        self.parts = dict.fromkeys(KINDS, 0)

    def add(self, kind: str, rows: list[dict[str, Any]]) -> None:
        self.buffers[kind].extend(rows)
        self.counts[kind] += len(rows)
        if len(self.buffers[kind]) >= _PART_ROWS:
            self._flush(kind)

    def add_extraction(self, extraction: Extraction) -> None:
        self.add("reports", [flat_row(extraction.report)])
        self.add("mentions", [flat_row(m) for m in extraction.mentions])
        self.add("figures", [flat_row(f) for f in extraction.figures])
        self.add("coarse", [flat_row(m) for m in extraction.coarse])

    def close(self) -> tuple[int, int, int]:
        for kind in KINDS:
            self._flush(kind)
        return self.counts["reports"], self.counts["mentions"], self.counts["figures"]

    def _flush(self, kind: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.buffers[kind]:
            return
        table = pa.Table.from_pylist(self.buffers[kind], schema=arrow_schema(KINDS[kind]))
        final = self.out / kind / f"{self.prefix}{self.number:07d}-{self.parts[kind]:04d}.parquet"
        temporary = final.with_suffix(".parquet.tmp")
        pq.write_table(table, temporary)
        os.replace(temporary, final)
        self.parts[kind] += 1
        self.buffers[kind] = []


def arrow_schema(kind: type) -> Any:
    """The Parquet schema of a record: text, integers, floats, booleans; nested values as text."""
    import pyarrow as pa

    return pa.schema([(f.name, _arrow_type(str(f.type))) for f in stored_fields(kind)])


def _arrow_type(annotation: str) -> Any:
    import pyarrow as pa

    if any(t in annotation for t in ("tuple", "dict", "Offsets", "str")):
        return pa.string()
    if "bool" in annotation:
        return pa.bool_()
    if "float" in annotation:
        return pa.float64()
    if "int" in annotation:
        return pa.int64()
    return pa.string()


def _spark_session(master: str) -> Any:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # the product install leaves Spark out (requirements-dev.lock has it)
        raise UsageError("--engine spark needs Apache Spark: pip install 'sitrep[spark]' (and a Java runtime)") from exc

    spark = (
        SparkSession.builder.master(master)
        .appName("sitrep batch")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _run_spark(spark: Any, task: Any, numbered: list[tuple[int, str]]) -> list[BatchSummary]:
    """The same task, as Spark tasks over the input files; only summaries come back."""
    # One task per input file up to 16 per core: shards stay whole, and the cores stay
    # busy to the end rather than waiting on the last of a few large tasks.
    cores = spark.sparkContext.defaultParallelism
    slices = max(1, min(len(numbered), cores * 16))
    return spark.sparkContext.parallelize(numbered, slices).map(task).collect()  # type: ignore[no-any-return]
