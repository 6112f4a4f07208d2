"""Speed and memory on corpora that look like a crawl: a third undated, a year of days.

Prints, in one run, with the machine and its load:
- `sitrep extract` and `sitrep ingest` (SQLite, fusion and corpus dating included) on the
  realistic 10k corpus (benchmarks.corpus), one process each, pinned to one core where
  `taskset` exists; against a spaCy NER pipeline and a bare regex word split on the same texts;
- the same two commands on copies of the shared seed and dev reports (texts only, so about
  40% carry no date of their own, as the dev corpus without its manifest);
- 10k against 100k realistic reports: the time ratio and each command's peak memory;
- Spark local[2] against one process on 20k realistic reports (benchmarks.batch), with
  corpus dating included (batch dates undated reports in a second round of tasks).

Run: .venv/bin/python -m benchmarks.crawl [SMALL [LARGE [SPARK]]]   (default 10000 100000 20000;
     0 skips a part). spaCy needs the benchmark extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.batch import run_command, spark_against_local
from benchmarks.corpus import write_shards
from benchmarks.extract import spacy_rate
from benchmarks.machine import machine_line

_SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_COPIES = 1500
_WORD = re.compile(r"\w+")
_SPACY_SAMPLE = 1000


def main() -> None:
    small, large, spark = ([int(a) for a in sys.argv[1:]] + [10_000, 100_000, 20_000][len(sys.argv) - 1 :])[:3]
    print(machine_line())
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        if small:
            corpus = write_shards(small, root / "small")
            print(f"\nrealistic corpus: {small} reports in {len(corpus)} JSON Lines shards, a third undated")
            small_seconds = _commands(corpus, root / "small.db", small)
            small_corpus = corpus
        if _SHARED.is_dir():
            copies = _shared_copies(root / "copies")
            print(f"\ncopies of the shared seed and dev reports: {_COPIES} text files")
            _commands([copies], root / "copies.db", _COPIES)
        if large:
            corpus = write_shards(large, root / "large")
            print(f"\nrealistic corpus: {large} reports")
            large_seconds = _commands(corpus, root / "large.db", large)
            if small:
                for name in ("extract", "ingest"):
                    ratio = large_seconds[name] / small_seconds[name]
                    print(f"{name}: {large // small}x the reports took {ratio:.1f}x the time")
        if small:
            # Last: spaCy loaded into this process would count in the peak memory of every
            # command started after it (a child's peak includes its parent's before exec).
            _baselines(small_corpus)
    if spark:
        print()
        spark_against_local(spark)


def _commands(inputs: list[Path], db: Path, count: int) -> dict[str, float]:
    """Time `sitrep extract` and `sitrep ingest` over the inputs; print rate and peak memory."""
    paths = [str(p) for p in inputs]
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    sitrep = [*pin, sys.executable, "-m", "sitrep"]
    seconds = {}
    for name, command in (
        ("extract", [*sitrep, "extract", *paths]),
        ("ingest", [*sitrep, "ingest", *paths, "--db", str(db)]),
    ):
        seconds[name], peak = run_command(command)
        print(f"sitrep {name:8} {seconds[name]:7.1f} s  {count / seconds[name]:7.1f} reports/s  peak {peak:5.0f} MiB")
    return seconds


def _baselines(shards: list[Path]) -> None:
    """A bare regex word split and a spaCy NER pipeline on the same texts, in this process."""
    texts = [json.loads(line)["text"] for shard in shards for line in shard.open(encoding="utf-8")]
    started = time.perf_counter()
    for text in texts:
        _WORD.findall(text)
    regex_rate = len(texts) / (time.perf_counter() - started)
    print(f"regex word split {regex_rate:9.1f} reports/s")
    spacy = spacy_rate(texts[:_SPACY_SAMPLE])
    if spacy is not None:
        print(f"spaCy NER        {spacy:9.1f} reports/s  (on {min(len(texts), _SPACY_SAMPLE)} of the texts)")


def _shared_copies(folder: Path) -> Path:
    """Copies of the shared seed and dev report texts (no manifest), each made distinct by a
    last line so that a database stores every one."""
    folder.mkdir()
    originals = sorted([*(_SHARED / "seeds").glob("*.txt"), *(_SHARED / "dev").glob("*.txt")])
    for n in range(_COPIES):
        original = originals[n % len(originals)]
        text = original.read_text(encoding="utf-8")
        (folder / f"{n:05d}-{original.name}").write_text(f"{text}\n\nCopy {n}.\n", encoding="utf-8")
    return folder


if __name__ == "__main__":
    main()
