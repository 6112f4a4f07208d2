"""Join the repeated statements of one attack within a report into one mention."""

from __future__ import annotations

import bisect
from collections.abc import Collection
from dataclasses import replace
from typing import Any

from sitrep.extract.places import NEAR_SITE_KM
from sitrep.knowledge import Knowledge
from sitrep.records import Mention, Offsets
from sitrep.resolve.place import distance_km, haversine_km
from sitrep.resolve.weapon import event_types, told_by_types


def merge_mentions(mentions: list[Mention], kb: Knowledge) -> list[Mention]:
    """Return mentions with repeated statements of one attack (same place, same day) joined."""
    merged: list[Mention] = []
    for mention in mentions:
        twin = next((m for m in merged if _same_attack(m, mention, kb)), None)
        if twin is None:
            merged.append(mention)
        else:
            merged[merged.index(twin)] = _join(twin, mention, kb)
    return merged


def _same_attack(a: Mention, b: Mention, kb: Knowledge) -> bool:
    if a.place_id != b.place_id and not _town_by_site(a, b) and not _position_off(a, b, kb):
        return False
    if "date" in a.spans and "date" in b.spans:
        # "overnight" (the night before the news day) and "at 23:00 on Tuesday" tell one night
        return a.date == b.date or _within(a, b) or _within(b, a)
    if a.date_earliest is None or b.date_earliest is None:
        return a.date_earliest is None and b.date_earliest is None
    return str(a.date_earliest) <= str(b.date_latest) and str(b.date_earliest) <= str(a.date_latest)


def _within(vague: Mention, exact: Mention) -> bool:
    """A day told exactly lies in the window a vaguer phrase of the other statement allows."""
    return (
        not _is_exact(vague)
        and _is_exact(exact)
        and str(vague.date_earliest) <= str(exact.date) <= str(vague.date_latest)
    )


def _town_by_site(a: Mention, b: Mention) -> bool:
    """A town named in one statement and a site beside it in another ("Erbil" and "Erbil airport")."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None or {a.geo_precision, b.geo_precision} != {1}:
        return False
    if a.country != b.country:
        return False  # a border village and the town across the border are two attacks
    town_and_site = _is_town(a) != _is_town(b)
    return town_and_site and haversine_km(a.lat, a.lon, b.lat, b.lon) <= NEAR_SITE_KM


def _position_off(a: Mention, b: Mention, kb: Knowledge) -> bool:
    """A ship's position told once by its port ("off the port of Hodeidah") and once as an
    offset from it ("67 nautical miles southwest of Hodeidah"), by one side or an unnamed one."""
    offset, plain = (a, b) if _is_offset_of(a, b, kb) else (b, a)
    if not _is_offset_of(offset, plain, kb):
        return False
    return offset.attacker is None or plain.attacker is None or offset.attacker == plain.attacker


def _is_offset_of(offset: Mention, plain: Mention, kb: Knowledge) -> bool:
    """The offset is told from the other's place, or from the town whose site it is (the
    port of Hodeidah and Hodeidah)."""
    if not (offset.place_id and plain.place_id and "+" in offset.place_id):
        return False
    origin_id = offset.place_id.split("+", 1)[0]
    if origin_id == plain.place_id:
        return True
    origin, site = kb.places.get(origin_id), kb.places.get(plain.place_id)
    if origin is None or site is None:
        return False
    return site.country == origin.country and distance_km(site, origin) <= NEAR_SITE_KM


def _is_town(mention: Mention) -> bool:
    return (mention.place_id or "").startswith("geonames:")


def _join(first: Mention, second: Mention, kb: Knowledge) -> Mention:
    """Join two statements of one attack: the dated, most precise one leads, details add up."""
    lead, other = (second, first) if _leads(second, first, kb) else (first, second)
    strikes = max((s for s in (first.strikes, second.strikes) if s is not None), default=None)
    claim = min((first.claim, second.claim), key=kb.claim_precedence.index)
    named_by = min((lead, other), key=lambda m: _attacker_rank(m, kb))
    # The side hit is never the attacker itself: a statement that names the attacker as its
    # target ("... and confirms the Islamic Resistance") gives way to the other.
    sides = [m for m in (lead, other) if m.target != named_by.attacker or m.target is None] or [lead, other]
    target_by = next((m for m in sides if "target" in m.spans), next((m for m in sides if m.target), sides[0]))
    # Each of these fields, its span and its inference note come from one statement: the
    # attacker from the one that named it, the target likewise, the date from the lead.
    sources = {"attacker": named_by, "target": target_by, "date": lead}
    spans = {**_without(other.spans, sources), **_without(lead.spans, sources)}
    inferred = {**_without(other.inferred, sources), **_without(lead.inferred, sources)}
    for field, source in sources.items():
        spans.update(_only(source.spans, field))
        inferred.update(_only(source.inferred, field))
    weapons = tuple(sorted({*lead.weapons, *other.weapons}))
    told = told_by_types(((m.event_type, m.sub_event_type) for m in (lead, other)), kb)
    event_type, sub_event_type = event_types(weapons, kb, told=told)
    return replace(
        lead,
        id=first.id,
        evidence_spans=_union(first.evidence_spans, second.evidence_spans),
        attacker=named_by.attacker,
        target=target_by.target,
        weapons=weapons,
        event_type=event_type,
        sub_event_type=sub_event_type,
        strikes=strikes,
        claim=claim,
        claimed_by=lead.claimed_by or other.claimed_by,
        intercepted=lead.intercepted if lead.intercepted is not None else other.intercepted,
        killed=lead.killed if lead.killed is not None else other.killed,
        injured=lead.injured if lead.injured is not None else other.injured,
        spans=spans,
        # A field one statement names is not inferred because another did not name it.
        inferred={k: v for k, v in inferred.items() if not _is_stated(k, spans)},
    )


def _union(spans: tuple[Offsets, ...], more: tuple[Offsets, ...]) -> tuple[Offsets, ...]:
    """Sorted spans with more added: a report that tells one attack a thousand times joins in
    linear time per statement, not by sorting all of them again."""
    merged = list(spans)
    for span in more:
        position = bisect.bisect_left(merged, span)
        if position == len(merged) or merged[position] != span:
            merged.insert(position, span)
    return tuple(merged)


def _attacker_rank(mention: Mention, kb: Knowledge) -> int:
    """Which statement's attacker to keep: a named group beats a description ("Iran-backed
    militias"), which beats one carried from an earlier sentence, which beats none."""
    if mention.attacker is None:
        return 3
    if "attacker" in mention.inferred:
        return 2
    return 1 if kb.actor(mention.attacker).is_generic else 0


def _without(fields: dict[str, Any], keys: Collection[str]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k not in keys}


def _is_stated(field: str, spans: dict[str, Any]) -> bool:
    return any(key == field or key.startswith(field + ".") for key in spans)


def _only(fields: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k == key}


def _leads(a: Mention, b: Mention, kb: Knowledge) -> bool:
    if _is_offset_of(a, b, kb) or _is_offset_of(b, a, kb):
        return _is_offset_of(a, b, kb)  # the offset is the more precise position
    if ("date" in a.spans) != ("date" in b.spans):
        return "date" in a.spans
    if _is_exact(a) != _is_exact(b):
        return _is_exact(a)  # "at 23:00 on Tuesday" dates the night "overnight" only bounds
    return not _is_town(a) and _is_town(b)


def _is_exact(mention: Mention) -> bool:
    return mention.date_earliest == mention.date_latest
