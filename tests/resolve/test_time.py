"""Time phrases resolved against a publication date: every rule, on expressions written for the tests."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from sitrep.knowledge import Knowledge
from sitrep.resolve.time import DateWindow, resolve_text

EXPRESSIONS = Path(__file__).with_name("time_expressions.tsv")


def load_expressions() -> list[dict[str, str]]:
    with EXPRESSIONS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def is_right(row: dict[str, str], window: DateWindow | None) -> bool:
    """A day is right when it is the expected day; a window when it is the expected window; a non-date when nothing resolves."""
    if not row["earliest"]:
        return window is None
    if window is None:
        return False
    if row["date"]:
        return window.date == date.fromisoformat(row["date"])
    return window.date is None and (window.earliest, window.latest) == (
        date.fromisoformat(row["earliest"]),
        date.fromisoformat(row["latest"]),
    )


def _resolve(kb: Knowledge, row: dict[str, str]) -> DateWindow | None:
    previous = date.fromisoformat(row["previous"]) if row["previous"] else None
    return resolve_text(row["text"], kb, date.fromisoformat(row["published"][:10]), previous)


def test_the_set_covers_every_rule() -> None:
    rows = load_expressions()
    assert len(rows) >= 200
    rules = {row["rule"] for row in rows}
    for needed in (
        "weekday",
        "no year",
        "relative to the last date named",
        "not a date",
        "midnight",
        "numbers in words",
        "last week",
        "part of a month",
    ):
        assert any(needed in rule for rule in rules), needed


def test_day_accuracy_on_the_expression_set(kb: Knowledge) -> None:
    rows = load_expressions()
    wrong = [
        (row["published"], row["text"], row["date"] or row["earliest"], _resolve(kb, row))
        for row in rows
        if not is_right(row, _resolve(kb, row))
    ]
    accuracy = 1 - len(wrong) / len(rows)
    assert accuracy >= 0.95, f"day accuracy {accuracy:.3f}; wrong: {wrong}"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("late on Thursday", date(2023, 11, 23), date(2023, 11, 23)),  # a Thursday report: that Thursday
        ("on Thursday", date(2023, 11, 24), date(2023, 11, 23)),
        ("last Thursday", date(2023, 11, 23), date(2023, 11, 16)),
        ("on December 30", date(2024, 1, 3), date(2023, 12, 30)),  # across the year boundary
        ("two days ago", date(2024, 3, 1), date(2024, 2, 28)),  # leap year
    ],
)
def test_rules_that_libraries_get_wrong(kb: Knowledge, text: str, published: date, expected: date) -> None:
    window = resolve_text(text, kb, published)
    assert window is not None and window.date == expected


def test_overnight_is_a_window_over_midnight(kb: Knowledge) -> None:
    window = resolve_text("overnight", kb, date(2024, 1, 28))
    assert window is not None and (window.earliest, window.latest) == (date(2024, 1, 27), date(2024, 1, 28))


@pytest.mark.parametrize(
    ("text", "published", "basis"),
    [
        (
            "BAGHDAD, Nov 23 (Reuters) - Drones hit the Ain al-Asad air base, ten days after the Israel-Hamas war began.",
            "2023-11-23",
            "dateline: agency dateline in the text",
        ),
        (
            "By Staff Writer\n14 Dec 2023 23:50\nThe group said it struck the al-Tanf base.",
            "2023-12-14",
            "dateline: byline in the text",
        ),
        (
            "More than 110 days into the war on Gaza, drones struck al-Shaddadi on Sunday morning.",
            "2024-01-28",
            "inferred from text",
        ),
        ("Drones struck al-Shaddadi on Sunday morning.", None, "unknown"),
        # a group first seen in October 2023 dates a dateline without a year to after that day
        (
            "ERBIL, Nov. 11 (Xinhua) -- The Islamic Resistance in Iraq said its drones hit the Harir base.",
            "2023-11-11",
            "dateline: agency dateline in the text",
        ),
        ("ERBIL, Nov. 11 (Xinhua) -- Militants said their drones hit the Harir base.", None, "unknown"),
    ],
)
def test_publication_dates_found_in_the_text(kb: Knowledge, text: str, published: str | None, basis: str) -> None:
    from sitrep.resolve.time import infer_published

    found, how = infer_published(text, kb, published=None, basis="unknown")
    assert (found.day.isoformat() if found.day else None) == published
    assert how.startswith(basis)


def test_a_group_first_seen_bounds_an_undated_report_from_below(kb: Knowledge) -> None:
    from sitrep.resolve.time import infer_published

    found, how = infer_published(
        "The Islamic Resistance in Iraq said it fired rockets at the Conoco base on Tuesday.",
        kb,
        published=None,
        basis="unknown",
    )
    assert (found.day, found.earliest) == (None, date(2023, 10, 17))
    assert "Islamic Resistance in Iraq" in how


@pytest.mark.parametrize("text", ["days ago", "a few days ago", "several days ago"])
def test_a_vague_past_offset_is_the_week_before_with_no_day(kb: Knowledge, text: str) -> None:
    # GOLD.md: "a few days ago" gives date null with the window it allows
    window = resolve_text(text, kb, date(2024, 5, 16))
    assert window is not None
    assert (window.date, window.earliest, window.latest) == (None, date(2024, 5, 9), date(2024, 5, 15))


def test_late_and_early_are_words_of_their_own(kb: Knowledge) -> None:
    published = date(2024, 3, 8)
    assert resolve_text("late on March 3", kb, published, None).precision == "window"
    for text in ("nearly March 3", "a chocolate March 3 fair", "they nearly Tuesday"):
        assert resolve_text(text, kb, published, None).precision == "day", text
