"""Gazetteer benchmark: build time, cached load time, memory, name lookups per second, and
extraction speed on the shared reports (the gazetteer is most of what extraction looks up).

Run: .venv/bin/python benchmarks/gazetteer.py
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.machine import machine_line
from sitrep.extract import extract_report
from sitrep.knowledge import build_knowledge, load_knowledge
from sitrep.match import tokenize
from sitrep.records import Report, report_id

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpus"


def main() -> None:
    print(machine_line())
    started = time.perf_counter()
    kb = build_knowledge()
    seconds = time.perf_counter() - started
    print(f"gazetteer build (GeoNames + airports + facilities + lexicons): {seconds:.2f} s, {len(kb.places)} places")
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "SITREP_CACHE": cache}
        cold = _load_seconds(env)
        warm = _load_seconds(env)
    print(f"knowledge load in a fresh process: first (builds cache) {cold:.2f} s, cached {warm:.2f} s")
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPORA.glob("*/*.txt"))] or ["Drones hit the al-Tanf base."]
    tokens = [tokenize(t) for t in texts]
    words = sum(len(t) for t in tokens)
    kb = load_knowledge()
    rounds = 0
    started = time.perf_counter()
    while time.perf_counter() - started < 2.0:
        for sequence in tokens:
            kb.index.find(sequence)
        rounds += 1
    elapsed = time.perf_counter() - started
    print(f"phrase lookup (every place, actor, weapon and cue at once): {rounds * words / elapsed:,.0f} words/s")
    one = [tokenize("Ain al-Assad")] * 1000
    started = time.perf_counter()
    for sequence in one:
        kb.index.find(sequence)
    print(f"single-name lookups: {len(one) / (time.perf_counter() - started):,.0f} names/s")
    reports = [Report(id=report_id(t), text=t, doc=f"r{n}") for n, t in enumerate(texts)]
    done = 0
    started = time.perf_counter()
    while time.perf_counter() - started < 3.0:
        for report in reports:
            extract_report(report, kb)
        done += len(reports)
    rate = done / (time.perf_counter() - started)
    print(f"extraction of the {len(reports)} shared reports, one process: {rate:,.0f} reports/s")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print(f"cold start of 'sitrep extract' on one report: {_cold_extract_seconds():.2f} s")


def _load_seconds(env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from sitrep.knowledge import load_knowledge; load_knowledge()"], env=env, check=True
    )
    return time.perf_counter() - started


def _cold_extract_seconds() -> float:
    sample = ROOT / "samples" / "tower22-jordan.txt"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sitrep", "extract", str(sample)], check=True, capture_output=True)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
