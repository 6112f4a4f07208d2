"""Publication dates inferred for the shared reports that carry none (never read from gold)."""

from __future__ import annotations

import json
from datetime import date

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
    for item in sitrep.extract(sorted(folder.glob("*.txt"))):
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
