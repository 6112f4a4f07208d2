"""Which extraction stage decided each miss of an evaluation, so errors are fixed where they are made.

Input: the misses of `scoring.score`, the gold annotations, the prediction lines and the
extraction of each report. Output: the same misses, each missed or spurious event and
each wrong slot with the stage that decided it:

- "gazetteer": no name in the report resolves near the gold site;
- "attack statement": the site is named only in sentences not read as telling an attack
  (no attack word, a threat, a campaign), or a spurious attack in a sentence the gold
  tells no attack in;
- "place role": the gold site was named but given another role (dateline, landmark ...),
  or a place that is not where the attack landed was taken as a site;
- "time anchor": the site was found but dated outside the gold window, or the attack was
  dropped because its day could not be narrowed to a week; a wrong date slot;
- "linking": the attack's sentence was added to another attack, or one attack was told
  twice and not merged;
- "party roles": a wrong attacker, target, weapons or claim;
- "figure": a tally, toll or troop count missed or wrongly read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitrep.document import prepare_document
from sitrep.extract import trace_report
from sitrep.knowledge import Knowledge
from sitrep.records import Extraction
from sitrep.resolve.place import candidates, haversine_km
from sitrep.scoring import MATCH_KM, SAME_SITE_KM

_SLOT_STAGES = {
    "date_exact": "time anchor",
    "attacker": "party roles",
    "target": "party roles",
    "weapons": "party roles",
    "claim": "party roles",
}


def with_stages(
    misses: list[dict[str, Any]],
    gold: dict[str, dict[str, Any]],
    lines: list[dict[str, Any]],
    extractions: dict[str, Extraction],
    kb: Knowledge,
) -> list[dict[str, Any]]:
    """The misses, each with the stage that decided it."""
    events_of: dict[str, list[dict[str, Any]]] = {}
    for line in lines:
        if line.get("kind") != "figure":
            events_of.setdefault(Path(str(line.get("doc", ""))).name, []).append(line)
    staged = []
    for miss in misses:
        doc = miss["doc"]
        golds = gold.get(doc, {}).get("events", [])
        preds = events_of.get(doc, [])
        if "wrong" in miss:
            wrong = {slot: {**pair, "stage": _SLOT_STAGES[slot]} for slot, pair in miss["wrong"].items()}
            staged.append({**miss, "wrong": wrong})
        elif "missed_figure" in miss or "spurious_figure" in miss:
            staged.append({**miss, "stage": "figure"})
        elif "missed" in miss:
            event = next(g for g in golds if g.get("id") == miss["missed"]["id"])
            staged.append({**miss, "stage": _missed_stage(event, preds, extractions[doc], kb)})
        else:
            pred = next(p for p in preds if all(p.get(k) == v for k, v in miss["spurious"].items()))
            staged.append({**miss, "stage": _spurious_stage(pred, golds)})
    return staged


def _missed_stage(event: dict[str, Any], preds: list[dict[str, Any]], extraction: Extraction, kb: Knowledge) -> str:
    if any(_near(p, event, MATCH_KM) for p in preds):
        return "time anchor"
    for sentence in trace_report(extraction.report, kb):
        for role in sentence.places:
            if role.choice is None or not _near(_point(role.choice.place), event, SAME_SITE_KM):
                continue
            if sentence.tells == "campaign":
                return "attack statement"
            if role.role != "site":
                return "place role"
            told_in = {span[0] for m in extraction.mentions for span in m.evidence_spans}
            return "linking" if sentence.start in told_in else "time anchor"
    doc = prepare_document(extraction.report, kb)
    named = (p for s in doc.sentences for h in s.of("place") for p in candidates([h.payload[1]], kb))
    if any(_near(_point(place), event, MATCH_KM) for place in named):
        return "attack statement"
    return "gazetteer"


def _spurious_stage(pred: dict[str, Any], golds: list[dict[str, Any]]) -> str:
    near = [g for g in golds if _near(pred, g, MATCH_KM) and g.get("country") == pred.get("country")]
    if near:
        return "linking" if any(g.get("date") == pred.get("date") for g in near) else "time anchor"
    evidence = str(pred.get("evidence", ""))
    told_there = any(str(g.get("evidence", ""))[:40] in evidence for g in golds if g.get("evidence"))
    return "place role" if told_there else "attack statement"


def _point(place: Any) -> dict[str, float]:
    return {"lat": place.lat, "lon": place.lon}


def _near(a: dict[str, Any], b: dict[str, Any], km: float) -> bool:
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return False
    return haversine_km(float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"])) <= km
