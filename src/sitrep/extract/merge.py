"""Join the repeated statements of one attack within a report into one mention."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sitrep.extract.places import NEAR_SITE_KM
from sitrep.records import Mention
from sitrep.resolve.place import haversine_km


def merge_mentions(mentions: list[Mention], claim_precedence: Sequence[str]) -> list[Mention]:
    """Return mentions with repeated statements of one attack (same place, same day) joined."""
    merged: list[Mention] = []
    for mention in mentions:
        twin = next((m for m in merged if _same_attack(m, mention)), None)
        if twin is None:
            merged.append(mention)
        else:
            merged[merged.index(twin)] = _join(twin, mention, claim_precedence)
    return merged


def _same_attack(a: Mention, b: Mention) -> bool:
    if a.place_id != b.place_id and not _town_by_site(a, b):
        return False
    if "date" in a.spans and "date" in b.spans:
        return a.date == b.date
    if a.date_earliest is None or b.date_earliest is None:
        return a.date_earliest is None and b.date_earliest is None
    return str(a.date_earliest) <= str(b.date_latest) and str(b.date_earliest) <= str(a.date_latest)


def _town_by_site(a: Mention, b: Mention) -> bool:
    """A town named in one statement and a site beside it in another ("Erbil" and "Erbil airport")."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None or {a.geo_precision, b.geo_precision} != {1}:
        return False
    town_and_site = _is_town(a) != _is_town(b)
    return town_and_site and haversine_km(a.lat, a.lon, b.lat, b.lon) <= NEAR_SITE_KM


def _is_town(mention: Mention) -> bool:
    return (mention.place_id or "").startswith("geonames:")


def _join(first: Mention, second: Mention, claim_precedence: Sequence[str]) -> Mention:
    """Join two statements of one attack: the dated, most precise one leads, details add up."""
    lead, other = (second, first) if _leads(second, first) else (first, second)
    strikes = max((s for s in (first.strikes, second.strikes) if s is not None), default=None)
    claim = min((first.claim, second.claim), key=claim_precedence.index)
    return replace(
        lead,
        id=first.id,
        evidence_spans=tuple(sorted({*first.evidence_spans, *second.evidence_spans})),
        attacker=lead.attacker or other.attacker,
        target=lead.target or other.target,
        weapons=tuple(sorted({*lead.weapons, *other.weapons})),
        strikes=strikes,
        claim=claim,
        claimed_by=lead.claimed_by or other.claimed_by,
        intercepted=lead.intercepted if lead.intercepted is not None else other.intercepted,
        spans={**other.spans, **lead.spans},
        inferred={**other.inferred, **lead.inferred},
    )


def _leads(a: Mention, b: Mention) -> bool:
    if ("date" in a.spans) != ("date" in b.spans):
        return "date" in a.spans
    return not _is_town(a) and _is_town(b)
