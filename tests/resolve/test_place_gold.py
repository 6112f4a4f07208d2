"""Places against the gold annotations: each gold attack is placed within 30 km of its gold point."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from sitrep.extract import extract_report
from sitrep.knowledge import Knowledge
from sitrep.read import read_reports
from sitrep.records import Mention, Report
from sitrep.resolve.place import haversine_km
from sitrep.scoring import MATCH_KM

from ..conftest import CORPORA

# Where a report gives no date, places are measured under a stand-in day: a place does not
# depend on the day, but a mention is only kept once its day is known.
_STAND_IN_DAY = "2024-01-01"


def _counterpart(gold: dict[str, object], text: str, mentions: tuple[Mention, ...]) -> Mention | None:
    """The mention whose evidence covers the gold evidence clause, nearest the gold point."""
    evidence = str(gold.get("evidence") or "")
    where = text.find(evidence[:60]) if evidence else -1
    covering = [m for m in mentions if any(a <= where < b for a, b in m.evidence_spans)] if where >= 0 else []
    placed = [m for m in covering if m.lat is not None and m.lon is not None]
    return min(placed, key=lambda m: haversine_km(m.lat, m.lon, gold["lat"], gold["lon"]), default=None)  # type: ignore[arg-type]


def place_accuracy(corpus: str, kb: Knowledge) -> tuple[int, int, int]:
    """Return (gold events, events with a counterpart mention, of those placed within 30 km)."""
    total = found = near = 0
    folder = CORPORA[corpus]
    for item in read_reports(sorted(folder.glob("*.txt"))):
        assert isinstance(item, Report)
        report = item if item.published else replace(item, published=_STAND_IN_DAY, published_basis="user")
        mentions = extract_report(report, kb).mentions
        gold = json.loads((folder / "gold" / (item.doc.rsplit("/", 1)[-1][:-4] + ".json")).read_text(encoding="utf-8"))
        for event in gold["events"]:
            total += 1
            mention = _counterpart(event, report.text, mentions)
            if mention is None:
                continue
            found += 1
            near += haversine_km(mention.lat, mention.lon, event["lat"], event["lon"]) <= MATCH_KM  # type: ignore[arg-type]
    return total, found, near


@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_gold_attacks_are_placed_within_30_km(corpus: str, kb: Knowledge, shared: object) -> None:
    total, found, near = place_accuracy(corpus, kb)
    print(f"{corpus}: {near}/{found} placed within {MATCH_KM:g} km ({found} of {total} gold attacks found)")
    assert found >= 0.85 * total
    assert near >= 0.95 * found
