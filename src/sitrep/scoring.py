"""Score predicted mentions and figures against gold annotations, as tools/score.py defines it.

Matching: same country, within 30 km, predicted day inside the gold window; one-to-one
with the most pairs and, among those, the least total cost (km plus 10 km per day off).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.resolve.place import haversine_km

MATCH_KM = 30.0
# Two gold mentions are one attack only at the same site: al-Tanf and Rukban lie 20 km apart.
SAME_SITE_KM = 5.0
_FORBIDDEN = 1e9
_SLOTS = ("date_exact", "attacker", "target", "weapons", "claim")


def load_gold(corpus: Path) -> dict[str, dict[str, Any]]:
    """Return the gold annotations of a corpus folder, by report file name."""
    gold = {}
    for path in sorted((corpus / "gold").glob("*.json")):
        try:
            gold[path.stem + ".txt"] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read gold file: {exc}", source=str(path)) from exc
    if not gold:
        raise InputError("no gold/*.json in this folder", source=str(corpus))
    return gold


def score(
    gold: dict[str, dict[str, Any]], predictions: Iterable[dict[str, Any]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Return the metrics and the list of missed and spurious events."""
    events: dict[str, list[dict[str, Any]]] = defaultdict(list)
    figures: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in predictions:
        doc = Path(str(row.get("doc", ""))).name
        kind = row.get("kind", "event")
        if kind == "figure":
            figures[doc].append(row)
        elif kind in ("event", "mention", None):
            events[doc].append(row)
        # other kinds ("coarse": told too coarsely for GOLD.md) are not scored, as in tools/score.py
    slots = {k: [0, 0] for k in _SLOTS}
    tp = n_pred = n_gold = main_gold = main_tp = f_tp = f_pred = f_gold = 0
    misses: list[dict[str, Any]] = []
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for doc, annotation in gold.items():
        golds, preds = annotation.get("events", []), events.get(doc, [])
        match = match_events(preds, golds)
        n_pred, n_gold, tp = n_pred + len(preds), n_gold + len(golds), tp + len(match)
        hit = set(match.values())
        for j, gold_event in enumerate(golds):
            if not gold_event.get("background"):
                main_gold += 1
                main_tp += j in hit
            if j not in hit:
                misses.append(
                    {"doc": doc, "missed": {k: gold_event.get(k) for k in ("id", "date", "place", "country")}}
                )
        for i, pred in enumerate(preds):
            if i not in match:
                misses.append({"doc": doc, "spurious": {k: pred.get(k) for k in ("date", "place", "country")}})
                continue
            gold_event = golds[match[i]]
            pairs.append((pred, gold_event))
            checks = _slot_checks(pred, gold_event)
            for slot, ok in checks.items():
                slots[slot][0] += ok
                slots[slot][1] += 1
            wrong = {slot: _slot_pair(slot, pred, gold_event) for slot, ok in checks.items() if not ok}
            if wrong:
                misses.append({"doc": doc, "gold_id": gold_event.get("id"), "wrong": wrong})
        gold_figures = {(_norm(f.get("metric")), _float(f.get("value"))) for f in annotation.get("figures", [])}
        pred_figures = {(_norm(f.get("metric")), _float(f.get("value"))) for f in figures.get(doc, [])}
        missed_figures, spurious_figures = gold_figures - pred_figures, pred_figures - gold_figures
        for kind, found in (("missed_figure", missed_figures), ("spurious_figure", spurious_figures)):
            misses += [{"doc": doc, kind: {"metric": m, "value": v}} for m, v in _sorted_pairs(found)]
        f_tp, f_pred, f_gold = (
            f_tp + len(gold_figures & pred_figures),
            f_pred + len(pred_figures),
            f_gold + len(gold_figures),
        )
    p, r, f = _prf(tp, n_pred, n_gold)
    fp, fr, ff = _prf(f_tp, f_pred, f_gold)
    result = {
        "documents": len(gold),
        "events": {
            "gold": n_gold,
            "predicted": n_pred,
            "matched": tp,
            "precision": p,
            "recall": r,
            "f1": f,
            "recall_main": round(main_tp / main_gold, 4) if main_gold else None,
        },
        "slots": {k: round(a / b, 4) if b else None for k, (a, b) in slots.items()},
        "figures": {"gold": f_gold, "predicted": f_pred, "matched": f_tp, "precision": fp, "recall": fr, "f1": ff},
        "clusters": cluster_score(pairs),
        "predictions_for_unknown_docs": sorted(set(events) - set(gold)),
    }
    return result, misses


def _sorted_pairs(pairs: set[tuple[str | None, float | None]]) -> list[tuple[str | None, float | None]]:
    return sorted(pairs, key=lambda p: (p[0] or "", p[1] if p[1] is not None else -math.inf))


def match_events(preds: list[dict[str, Any]], golds: list[dict[str, Any]]) -> dict[int, int]:
    """Return the one-to-one matching {pred index: gold index} with most pairs, then least cost."""
    if not preds or not golds:
        return {}
    size = max(len(preds), len(golds))
    cost = [[_FORBIDDEN] * size for _ in range(size)]
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            if _matches(pred, gold):
                cost[i][j] = min(_pair_cost(pred, gold), 1e6 / size)
    row_of = _assignment(cost)
    return {i: j for j, i in enumerate(row_of) if i < len(preds) and j < len(golds) and cost[i][j] < _FORBIDDEN}


def _assignment(cost: list[list[float]]) -> list[int]:
    """The least-cost assignment of a square cost matrix, as the row given each column.

    The Hungarian method with Jonker-Volgenant potentials, O(n^3), step for step as
    tools/score.py runs it: equal-cost choices then fall the same way, so `sitrep eval`
    gives the scorer's numbers on any output.
    """
    size = len(cost)
    u, v = [0.0] * (size + 1), [0.0] * (size + 1)
    row_of = [0] * (size + 1)  # column j (1-based) -> its row (1-based); 0 is free
    for i in range(1, size + 1):
        row_of[0] = i
        j0 = 0
        least = [math.inf] * (size + 1)
        used = [False] * (size + 1)
        way = [0] * (size + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = row_of[j0], math.inf, 0
            for j in range(1, size + 1):
                if not used[j]:
                    reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < least[j]:
                        least[j], way[j] = reduced, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(size + 1):
                if used[j]:
                    u[row_of[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if row_of[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            row_of[j0] = row_of[j1]
            j0 = j1
    return [row - 1 for row in row_of[1:]]


def cluster_score(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any] | None:
    """B-cubed precision, recall and F1 of predicted event_id clusters over matched mentions,
    against gold clusters: same country, same gold date and the same site."""
    pairs = [(p, g) for p, g in pairs if p.get("event_id") is not None]
    if not pairs:
        return None
    parent = list(range(len(pairs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a in range(len(pairs)):
        for b in range(a + 1, len(pairs)):
            ga, gb = pairs[a][1], pairs[b][1]
            same_day = ga.get("date") and ga.get("date") == gb.get("date")
            if _norm(ga.get("country")) == _norm(gb.get("country")) and same_day and _is_same_site(ga, gb):
                parent[find(a)] = find(b)
    predicted = [str(p["event_id"]) for p, _ in pairs]
    truth = [find(i) for i in range(len(pairs))]
    precision = recall = 0.0
    for i in range(len(pairs)):
        same_pred = {j for j in range(len(pairs)) if predicted[j] == predicted[i]}
        same_gold = {j for j in range(len(pairs)) if truth[j] == truth[i]}
        both = len(same_pred & same_gold)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    precision, recall = precision / len(pairs), recall / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "mentions": len(pairs),
        "b3_precision": round(precision, 4),
        "b3_recall": round(recall, 4),
        "b3_f1": round(f1, 4),
    }


def _is_same_site(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two gold events name one site: equal place_canonical, or within SAME_SITE_KM."""
    name = _norm(a.get("place_canonical"))
    if name is not None and name == _norm(b.get("place_canonical")):
        return True
    return _km(a, b) <= SAME_SITE_KM


def _slot_checks(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, bool]:
    return {
        "date_exact": _day(pred.get("date")) == _day(gold.get("date")),
        "attacker": _norm(pred.get("attacker")) == _norm(gold.get("attacker")),
        "target": _norm(pred.get("target")) == _norm(gold.get("target")),
        "weapons": {_norm(w) for w in pred.get("weapons") or []} == {_norm(w) for w in gold.get("weapons") or []},
        "claim": _norm(pred.get("claim")) == _norm(gold.get("claim")),
    }


def _slot_pair(slot: str, pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """What sitrep said and what the gold says for one slot."""
    name = "date" if slot == "date_exact" else slot
    return {"sitrep": pred.get(name), "gold": gold.get(name)}


def _matches(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    if _norm(pred.get("country")) != _norm(gold.get("country")):
        return False
    if _km(pred, gold) > MATCH_KM:
        return False
    low = _day(gold.get("date_earliest")) or _day(gold.get("date"))
    high = _day(gold.get("date_latest")) or _day(gold.get("date"))
    if low is None or high is None:
        return True
    when = _day(pred.get("date"))
    if when is not None:
        return low <= when <= high
    p_low, p_high = _day(pred.get("date_earliest")), _day(pred.get("date_latest"))
    return p_low is not None and p_high is not None and low <= p_low <= p_high <= high


def _pair_cost(pred: dict[str, Any], gold: dict[str, Any]) -> float:
    cost = _km(pred, gold)
    when, gold_day = _day(pred.get("date")), _day(gold.get("date"))
    if when and gold_day:
        cost += 10.0 * abs((when - gold_day).days)
    return cost


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    points = [_float(a.get("lat")), _float(a.get("lon")), _float(b.get("lat")), _float(b.get("lon"))]
    if any(v is None for v in points):
        return math.inf
    lat1, lon1, lat2, lon2 = (float(v) for v in points)  # type: ignore[arg-type]
    return haversine_km(lat1, lon1, lat2, lon2)


def _day(value: object) -> date | None:
    if not value or len(str(value)) < 10:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _norm(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip().lower()
    return None if text in ("", "unknown", "none", "null") else text


def _float(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)
