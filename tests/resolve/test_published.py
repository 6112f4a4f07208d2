"""Publication dates inferred for the shared reports that carry none (never read from gold)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import sitrep

from ..conftest import CORPORA


@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_inferred_publication_dates_lie_within_their_stated_window(corpus: str, shared: object) -> None:
    folder = CORPORA[corpus]
    undated = [
        p for p in sorted(folder.glob("*.txt")) if not p.read_text(encoding="utf-8").lstrip(" ").startswith("date ")
    ]
    dated = right = 0
    for item in sitrep.extract(sorted(folder.glob("*.txt")), manifests=False):
        assert isinstance(item, sitrep.Extraction)
        report = item.report
        if not any(str(p) == report.doc for p in undated) or report.published is None:
            continue
        gold = json.loads(
            (folder / "gold" / (report.doc.rsplit("/", 1)[-1][:-4] + ".json")).read_text(encoding="utf-8")
        )
        truth = date.fromisoformat(gold["published"])
        day = date.fromisoformat(report.published[:10])
        low = date.fromisoformat(report.published_earliest or report.published[:10])
        high = date.fromisoformat(report.published_latest or report.published[:10])
        dated += 1
        right += day == truth
        assert low <= truth <= high, (
            f"{report.doc}: {day} ({report.published_basis}), window {low}..{high}, truth {truth}"
        )
    print(f"{corpus}: {len(undated)} reports without a dateline; {dated} got a date, {right} of them the right day")
    assert dated >= 1


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # a page that embeds posts is published on the day of the latest, most often
        (
            "Russian drones struck Kharkiv, Ukraine, on Tuesday night, the governor said.\n"
            "Heavy explosions heard across the city — Kyiv Monitor (@kyivmonitor) March 4, 2025\n"
            "Fires broke out in two districts — Oleh Syniehubov (@synegubov) March 5, 2025",
            date(2025, 3, 5),
        ),
        # a date in the running text is no post's
        ("Rockets hit the Ain al-Asad air base on Tuesday, weeks after the strikes of January 2, 2024.", None),
        # a handle with no date after it is no post's signature
        ("The militia said on Telegram (@sabereen_news) that it struck the base on Tuesday.", None),
    ],
)
def test_an_embedded_post_dates_a_report_that_carries_no_date(text: str, day: date | None, tmp_path: Path) -> None:
    report = tmp_path / "page.txt"
    report.write_text(text + "\n", encoding="utf-8")
    (item,) = sitrep.extract([report], manifests=False)
    assert isinstance(item, sitrep.Extraction)
    if day is None:
        assert "embeds" not in item.report.published_basis
    else:
        assert (item.report.published, item.report.published_basis) == (
            day.isoformat(),
            f"inferred from text: the latest post it embeds is of {day.isoformat()}",
        )
