"""A report with no date takes the day its URL files it under."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.read import read_reports
from sitrep.read.urls import date_from_url
from sitrep.records import Report


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://example.com/news/2024/01/28/drone-hits-outpost", "2024-01-28"),
        ("https://example.com/world/mideast-20231118-story.html", "2023-11-18"),
        ("https://example.com/2023-10-22/strikes-on-airports", "2023-10-22"),
        ("https://example.com/2023/11/iraq-attacks.html", None),  # a month is not a day
        ("https://example.com/article/2023123456", None),  # a story number
        ("https://example.com/2023/13/45/not-a-day", None),
        ("https://example.com/tag/drones?from=2023/11/18", None),  # the query is not the path
    ],
)
def test_the_day_in_a_url(url: str, day: str | None) -> None:
    found = date_from_url(url)
    assert (found.isoformat() if found else None) == day


def test_a_report_without_a_date_takes_its_urls_day_and_one_with_a_date_keeps_it(tmp_path: Path) -> None:
    rows = [
        {"text": "A drone struck the Tower 22 outpost in Jordan on Sunday.", "url": "https://example.com/2024/01/28/a"},
        {
            "text": "Rockets hit the Ain al-Asad air base on Saturday.",
            "url": "https://example.com/2024/01/21/b",
            "published": "2024-01-20",
        },
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    reports = [r for r in read_reports([path]) if isinstance(r, Report)]
    assert [(r.published, r.published_basis) for r in reports] == [
        ("2024-01-28", "metadata: the day in its URL"),
        ("2024-01-20", reports[1].published_basis),
    ]
    assert reports[1].published_basis != "metadata: the day in its URL"
