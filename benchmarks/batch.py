"""Batch scale: Spark local[2] against one local process, and peak memory as the corpus grows.

Run: .venv/bin/python -m benchmarks.batch spark [REPORTS]    (default 20000)
     .venv/bin/python -m benchmarks.batch memory [SIZES...]  (default 10000 100000)

Spark's start-up (JVM, session, Python workers) is measured on a one-report batch and
subtracted; both the raw and the net figures are printed. Memory is the peak resident size
of the largest process of the batch (parent or worker), then of `sitrep ingest` loading
that batch into SQLite and fusing it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import write_shards
from benchmarks.machine import machine_line


def spark_against_local(count: int) -> None:
    with tempfile.TemporaryDirectory() as work:
        shards = write_shards(count, Path(work) / "corpus")
        tiny = write_shards(1, Path(work) / "tiny")
        local = _run_batch(shards, Path(work) / "local", ["--engine", "local", "--jobs", "1"])
        startup = _run_batch(tiny, Path(work) / "spark-tiny", ["--engine", "spark", "--master", "local[2]"])
        spark = _run_batch(shards, Path(work) / "spark", ["--engine", "spark", "--master", "local[2]"])
    print(f"{count} reports in {len(shards)} JSON Lines shards")
    print(f"local, one process: {local:7.1f} s   {count / local:7.1f} reports/s")
    print(f"spark local[2]:     {spark:7.1f} s   (start-up, measured on one report: {startup:.1f} s)")
    net = spark - startup
    print(f"spark net of start-up: {net:7.1f} s   {count / net:7.1f} reports/s   {local / net:.2f}x one process")


def memory_by_size(sizes: list[int]) -> None:
    for size in sizes:
        with tempfile.TemporaryDirectory() as work:
            shards = write_shards(size, Path(work) / "corpus")
            out = Path(work) / "out"
            batch_seconds, batch_peak = run_command(_batch_command(shards, out, ["--engine", "local", "--jobs", "2"]))
            ingest = [sys.executable, "-m", "sitrep", "ingest", str(out), "--db", str(Path(work) / "events.db")]
            ingest_seconds, ingest_peak = run_command(ingest)
        print(
            f"{size:>7} reports: batch {batch_seconds:7.1f} s, peak {batch_peak:4.0f} MiB (largest process);"
            f" ingest + fusion into SQLite {ingest_seconds:7.1f} s, peak {ingest_peak:4.0f} MiB"
        )


def _run_batch(shards: list[Path], out: Path, engine: list[str]) -> float:
    return run_command(_batch_command(shards, out, engine))[0]


def _batch_command(shards: list[Path], out: Path, engine: list[str]) -> list[str]:
    return [sys.executable, "-m", "sitrep", "batch", *map(str, shards), "--out", str(out), *engine]


def run_command(command: list[str]) -> tuple[float, float]:
    """Run a command; return its seconds and the peak resident MiB of its largest process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def main() -> None:
    print(machine_line())
    mode = sys.argv[1] if len(sys.argv) > 1 else "spark"
    if mode == "spark":
        spark_against_local(int(sys.argv[2]) if len(sys.argv) > 2 else 20_000)
    elif mode == "memory":
        memory_by_size([int(s) for s in sys.argv[2:]] or [10_000, 100_000])
    else:
        sys.exit(f"unknown mode {mode!r}; choose spark or memory")


if __name__ == "__main__":
    main()
