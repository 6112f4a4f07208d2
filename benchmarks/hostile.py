"""Time under hostile input: does the cost grow linearly with the size of what an attacker sends?

Prints, for HTML pages of repeated `<meta name` tags (80, 160, 320 KB) and for texts of
1k, 2k and 4k sentences, the seconds each takes and the ratio per doubling (about 2 is
linear, about 4 quadratic).
Run: .venv/bin/python -m benchmarks.hostile
"""

from __future__ import annotations

import time
from collections.abc import Callable

from benchmarks.machine import machine_line
from sitrep.extract import extract_report
from sitrep.knowledge import load_knowledge
from sitrep.read.html import read_html
from sitrep.records import Report, report_id

_SENTENCE = "Two drones struck the Harir air base in Erbil province on Wednesday, a security source said. "
_PAGE = "<html><head><title>t</title></head><body><article><p>{body}</p></article>{tags}</body></html>"


def main() -> None:
    print(machine_line())
    kb = load_knowledge()
    _scaling(
        "HTML of repeated <meta name",
        [80, 160, 320],
        "KB",
        lambda kb_size: _timed(lambda: read_html(_meta_page(kb_size), doc="page.html")),
    )
    _scaling(
        "extraction of one text",
        [1000, 2000, 4000],
        "sentences",
        lambda n: _timed(lambda: extract_report(_report(n), kb)),
    )


def _meta_page(kilobytes: int) -> str:
    tags = "<meta name" * (kilobytes * 1024 // len("<meta name"))
    return _PAGE.format(body=_SENTENCE * 3, tags=tags)


def _report(sentences: int) -> Report:
    text = "".join(_SENTENCE.replace("Wednesday", f"Wednesday (item {n})") for n in range(sentences))
    return Report(id=report_id(text), text=text, doc="long.txt", published="2024-01-26", published_basis="metadata")


def _scaling(title: str, sizes: list[int], unit: str, seconds_for: Callable[[int], float]) -> None:
    print(title)
    previous = None
    for size in sizes:
        seconds = seconds_for(size)
        ratio = f"  x{seconds / previous:.1f} for double the size" if previous else ""
        print(f"  {size:>5} {unit}: {seconds:7.2f} s{ratio}")
        previous = seconds


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
