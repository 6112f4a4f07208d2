"""Time-phrase benchmark: day accuracy and speed of sitrep and dateparser on the same expressions.

The expressions are tests/resolve/time_expressions.tsv (written for sitrep's tests), each
with a publication date. Run: .venv/bin/python -m benchmarks.time
"""

from __future__ import annotations

import time
import warnings
from datetime import date, datetime

import dateparser
from tests.resolve.test_time import is_right, load_expressions

from benchmarks.machine import machine_line
from sitrep.knowledge import load_knowledge
from sitrep.resolve.time import DateWindow, resolve_text


def dateparser_window(text: str, published: date) -> DateWindow | None:
    """dateparser as a news coder would use it: relative to publication, preferring the past."""
    settings = {
        "RELATIVE_BASE": datetime(published.year, published.month, published.day, 12),
        "PREFER_DATES_FROM": "past",
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        return None
    day = parsed.date()
    return DateWindow(day, day, day, "day")


def main() -> None:
    print(machine_line())
    rows = load_expressions()
    kb = load_knowledge()
    systems = {
        "sitrep": lambda row: resolve_text(
            row["text"],
            kb,
            date.fromisoformat(row["published"]),
            date.fromisoformat(row["previous"]) if row["previous"] else None,
        ),
        "dateparser": lambda row: dateparser_window(row["text"], date.fromisoformat(row["published"])),
    }
    print(f"{len(rows)} expressions (tests/resolve/time_expressions.tsv)")
    print(f"{'system':12} {'day accuracy':>12} {'expressions/s':>14}")
    for name, resolve in systems.items():
        started = time.perf_counter()
        right = sum(is_right(row, resolve(row)) for row in rows)
        elapsed = time.perf_counter() - started
        print(f"{name:12} {right / len(rows):12.3f} {len(rows) / elapsed:14,.0f}")


if __name__ == "__main__":
    main()
