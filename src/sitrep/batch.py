"""Run read -> extract -> resolve over many reports, on a process pool or Apache Spark, into Parquet.

The work per report is one pure function (`extract_rows`: a file in, rows out), so both
engines run exactly the same code; only the scheduling differs. The output folder holds
three Parquet datasets, reports/, mentions/ and figures/, one column per record field
(nested values as JSON text, as in `sitrep export --format parquet`), which
`sitrep ingest FOLDER` loads and fuses. Memory stays bounded: files are processed as they
come and rows are written in parts.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields
from itertools import groupby
from pathlib import Path
from typing import Any

from sitrep.errors import InputError, UsageError
from sitrep.extract import extract_report
from sitrep.knowledge import load_knowledge
from sitrep.read import read_reports, report_files
from sitrep.records import Extraction, Figure, Mention, Report, from_dict, to_dict

KINDS: dict[str, type] = {"reports": Report, "mentions": Mention, "figures": Figure}
_PART_ROWS = 5_000


@dataclass(slots=True)
class BatchSummary:
    """What a batch did: reports, mentions and figures written, and the inputs that failed."""

    reports: int = 0
    mentions: int = 0
    figures: int = 0
    failures: list[str] | None = None


def extract_rows(path: str) -> list[tuple[str, dict[str, Any]]]:
    """Read and extract every report of one file; return (kind, row) pairs, errors as ("error", ...)."""
    kb = load_knowledge()
    rows: list[tuple[str, dict[str, Any]]] = []
    for item in read_reports([path]):
        if isinstance(item, InputError):
            rows.append(("error", {"error": str(item)}))
            continue
        extraction = extract_report(item, kb)
        rows.append(("reports", flat_row(extraction.report)))
        rows.extend(("mentions", flat_row(m)) for m in extraction.mentions)
        rows.extend(("figures", flat_row(f)) for f in extraction.figures)
    return rows


def flat_row(record: Report | Mention | Figure) -> dict[str, Any]:
    """A record as one Parquet row: nested values (lists, mappings) as JSON text."""
    return {
        k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in to_dict(record).items()
    }


def batch(
    inputs: Iterable[str | Path], out: Path, *, engine: str = "local", jobs: int | None = None, master: str = "local[2]"
) -> BatchSummary:
    """Extract every report under inputs into Parquet under `out`, on the chosen engine."""
    paths = [str(p) for p in report_files(inputs) if not isinstance(p, InputError)]
    missing = [str(p) for p in report_files(inputs) if isinstance(p, InputError)]
    if engine == "local":
        summary = _run_local(paths, out, jobs or os.cpu_count() or 1)
    elif engine == "spark":
        summary = _run_spark(paths, out, master)
    else:
        raise UsageError(f"unknown engine {engine!r}; choose local or spark")
    summary.failures = missing + (summary.failures or [])
    return summary


def read_batch(folder: Path) -> Iterator[Extraction]:
    """Yield the extractions a batch wrote, report by report, one Parquet row batch at a time.

    Both engines write every kind in input order (files in order, rows of a file in order),
    so a report's mentions and figures are the next rows of their datasets: a merge, not a
    lookup table, and memory does not grow with the batch.
    """
    groups = {kind: groupby(_rows(folder / kind), key=lambda row: row["report_id"]) for kind in ("mentions", "figures")}
    heads = {kind: next(group, None) for kind, group in groups.items()}
    for row in _rows(folder / "reports"):
        parts: dict[str, tuple[Any, ...]] = {"mentions": (), "figures": ()}
        for kind, head in heads.items():
            if head is not None and head[0] == row["id"]:
                parts[kind] = tuple(_record(KINDS[kind], r) for r in head[1])
                heads[kind] = next(groups[kind], None)
        yield Extraction(_record(Report, row), parts["mentions"], parts["figures"])


def _rows(dataset: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    for part in sorted(dataset.glob("*.parquet")):
        for chunk in pq.ParquetFile(part).iter_batches(batch_size=1000):
            yield from chunk.to_pylist()


def is_batch_folder(path: Path) -> bool:
    """Whether a folder holds a batch's Parquet output."""
    return (path / "reports").is_dir() and any((path / "reports").glob("*.parquet"))


def _record(kind: type, row: dict[str, Any]) -> Any:
    nested = {f.name for f in fields(kind) if any(t in str(f.type) for t in ("tuple", "dict", "Offsets"))}
    values = {k: json.loads(v) if k in nested and isinstance(v, str) else v for k, v in row.items()}
    return from_dict(kind, values)


def _run_local(paths: list[str], out: Path, jobs: int) -> BatchSummary:
    summary = BatchSummary(failures=[])
    writer = _PartWriter(out)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # One file per task: a task's rows travel back in one piece, so bigger chunks would
        # hold more of the corpus in memory; the per-task cost is small beside extraction.
        for rows in pool.map(extract_rows, paths):
            for kind, row in rows:
                if kind == "error":
                    summary.failures.append(row["error"])  # type: ignore[union-attr]
                else:
                    writer.add(kind, row)
    counts = writer.close()
    summary.reports, summary.mentions, summary.figures = counts["reports"], counts["mentions"], counts["figures"]
    return summary


class _PartWriter:
    """Writes rows of each kind as numbered Parquet parts, so memory holds one part at most."""

    def __init__(self, out: Path):
        self.out = out
        self.buffers: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
        self.counts = dict.fromkeys(KINDS, 0)
        self.parts = dict.fromkeys(KINDS, 0)
        for kind in KINDS:
            (out / kind).mkdir(parents=True, exist_ok=True)
            for old in (out / kind).glob("*.parquet"):
                old.unlink()

    def add(self, kind: str, row: dict[str, Any]) -> None:
        self.buffers[kind].append(row)
        self.counts[kind] += 1
        if len(self.buffers[kind]) >= _PART_ROWS:
            self._flush(kind)

    def close(self) -> dict[str, int]:
        for kind in KINDS:
            self._flush(kind, always=self.parts[kind] == 0)
        return self.counts

    def _flush(self, kind: str, *, always: bool = False) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = self.buffers[kind]
        if not rows and not always:
            return
        table = pa.Table.from_pylist(rows, schema=arrow_schema(KINDS[kind]))
        pq.write_table(table, self.out / kind / f"part-{self.parts[kind]:05d}.parquet")
        self.parts[kind] += 1
        self.buffers[kind] = []


def arrow_schema(kind: type) -> Any:
    """The Parquet schema of a record: text, integers, floats, booleans; nested values as text."""
    import pyarrow as pa

    return pa.schema([(f.name, _arrow_type(str(f.type))) for f in fields(kind)])


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


def _run_spark(paths: list[str], out: Path, master: str) -> BatchSummary:
    """The same extract_rows, as Spark tasks over the files; each kind written as a Parquet dataset."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(master)
        .appName("sitrep batch")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.parquet.compression.codec", "snappy")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        # One task per input file up to 16 per core: shards stay whole, and the cores stay
        # busy to the end rather than waiting on the last of a few large tasks.
        cores = spark.sparkContext.defaultParallelism
        slices = max(1, min(len(paths), cores * 16))
        rows = spark.sparkContext.parallelize(paths, slices).flatMap(extract_rows).persist()
        summary = BatchSummary(failures=[r["error"] for _, r in rows.filter(lambda r: r[0] == "error").collect()])
        for kind, record in KINDS.items():
            chosen = rows.filter(_is_kind(kind)).map(_as_tuple([f.name for f in fields(record)]))
            frame = spark.createDataFrame(chosen, schema=_spark_schema(record))
            frame.write.mode("overwrite").parquet(str(out / kind))
            setattr(summary, kind, spark.read.parquet(str(out / kind)).count())
        rows.unpersist()
        return summary
    finally:
        spark.stop()


def _is_kind(kind: str) -> Any:
    def keep(row: tuple[str, dict[str, Any]]) -> bool:
        return row[0] == kind

    return keep


def _as_tuple(names: list[str]) -> Any:
    def convert(row: tuple[str, dict[str, Any]]) -> tuple[Any, ...]:
        return tuple(row[1][name] for name in names)

    return convert


def _spark_schema(kind: type) -> Any:
    from pyspark.sql.types import BooleanType, DoubleType, LongType, StringType, StructField, StructType

    def spark_type(annotation: str) -> Any:
        arrow = str(_arrow_type(annotation))
        return {"bool": BooleanType(), "double": DoubleType(), "int64": LongType()}.get(arrow, StringType())

    return StructType([StructField(f.name, spark_type(str(f.type)), True) for f in fields(kind)])
