"""Find the attacks a report states: one mention per attack (one place, one day, one attacker)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sitrep.extract.document import Document, Sentence
from sitrep.knowledge import Knowledge
from sitrep.match import Hit
from sitrep.records import Mention
from sitrep.resolve.actor import actor_roles
from sitrep.resolve.place import AREA_KINDS, PlaceChoice, best_place, candidates, distance_km
from sitrep.resolve.time import DateWindow, Published, TimePhrase, default_window, resolve_phrase
from sitrep.resolve.weapon import weapon_fields

# A trigger this many tokens after an irrealis cue ("threatened to target") is not an attack.
_IRREALIS_REACH = 4
# A place further than this from every trigger of its sentence is not where the attack was.
_PLACE_REACH = 30
_NEAR_SITE_KM = 30.0
_BACKGROUND_DAYS = 7


@dataclass(frozen=True, slots=True)
class _Context:
    """What earlier sentences of the report said, for the pronouns of later ones."""

    attacker: str | None = None
    target: str | None = None
    previous_date: DateWindow | None = None


def extract_mentions(doc: Document, kb: Knowledge, published: Published) -> list[Mention]:
    """Return the attack mentions of a prepared report, merged so each attack appears once."""
    mentions: list[Mention] = []
    context = _Context(attacker=_lead_attacker(doc, kb))
    report_countries = {h.payload[1] for s in doc.sentences for h in s.of("country")}
    for sentence in doc.sentences:
        triggers = _realis_triggers(sentence, doc, kb)
        if not triggers or _is_campaign_statement(sentence, doc, kb):
            continue
        phrases = _event_time_phrases(sentence, doc, kb)
        window = _sentence_window(phrases, published, context)
        for hit, choice in _attack_places(sentence, doc, kb, triggers, report_countries):
            trigger = min(triggers, key=lambda t: abs(t.first - hit.first))
            mention = _mention(doc, kb, sentence, hit, choice, trigger, window, phrases, context, published)
            mentions.append(mention)
            context = replace(context, attacker=mention.attacker or context.attacker, target=mention.target or context.target)
        if window is not None and phrases:
            context = replace(context, previous_date=window)
    merged = merge_mentions(mentions)
    return [replace(m, id=f"m{n}") for n, m in enumerate(merged, 1)]


def merge_mentions(mentions: list[Mention]) -> list[Mention]:
    """Return mentions with repeated statements of one attack (same place, same day) joined."""
    merged: list[Mention] = []
    for mention in mentions:
        twin = next((m for m in merged if _same_attack(m, mention)), None)
        if twin is None:
            merged.append(mention)
        else:
            merged[merged.index(twin)] = _join(twin, mention)
    return merged


def _same_attack(a: Mention, b: Mention) -> bool:
    if a.place_id != b.place_id:
        return False
    if "date" in a.spans and "date" in b.spans:
        return a.date == b.date
    return True


def _join(first: Mention, second: Mention) -> Mention:
    """Join two statements of one attack: the dated one leads, evidence and details add up."""
    lead, other = (second, first) if "date" in second.spans and "date" not in first.spans else (first, second)
    claims = ("claimed", "confirmed", "reported", "denied")
    claim = min((first.claim, second.claim), key=claims.index)
    strikes = max((s for s in (first.strikes, second.strikes) if s is not None), default=None)
    spans = {**other.spans, **lead.spans}
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
        spans=spans,
    )


def _realis_triggers(sentence: Sentence, doc: Document, kb: Knowledge) -> list[Hit]:
    irrealis = sentence.of("cue", "irrealis_cues")
    triggers = []
    for trigger in sentence.of("cue", "attack_triggers"):
        if any(0 < trigger.first - cue.last <= _IRREALIS_REACH for cue in irrealis):
            continue
        triggers.append(trigger)
    return triggers


def _is_campaign_statement(sentence: Sentence, doc: Document, kb: Knowledge) -> bool:
    """A sentence about many attacks at once ("repeatedly", "dozens of") with no single day."""
    if not sentence.has("cue", "campaign_cues"):
        return False
    phrases = _event_time_phrases(sentence, doc, kb)
    return not any(p.kind in ("date", "weekday", "relative") for p in phrases)


def _event_time_phrases(sentence: Sentence, doc: Document, kb: Knowledge) -> list[TimePhrase]:
    from sitrep.resolve.time import find_time_phrases

    anchors = sentence.of("anchor")
    phrases = find_time_phrases(doc.text, kb, sentence.start, sentence.end)
    # "since October 17" starts a campaign and "October 7" names the war: neither dates an attack.
    return [p for p in phrases if not p.is_since and not any(a.start <= p.start < a.end for a in anchors)]


def _sentence_window(phrases: list[TimePhrase], published: Published, context: _Context) -> DateWindow | None:
    previous = context.previous_date.date if context.previous_date else None
    for phrase in phrases:
        window = resolve_phrase(phrase, published, previous)
        if window is not None:
            return window
    return None


def _attack_places(
    sentence: Sentence, doc: Document, kb: Knowledge, triggers: list[Hit], report_countries: set[str]
) -> list[tuple[Hit, PlaceChoice]]:
    """Return the places attacked in a sentence, one per attack, with their resolution."""
    countries = {h.payload[1] for h in sentence.of("country")}
    groups: dict[tuple[int, int], list[Hit]] = {}
    for hit in sentence.of("place"):
        groups.setdefault((hit.start, hit.end), []).append(hit)
    chosen: list[tuple[Hit, PlaceChoice]] = []
    for (start, end), hits in sorted(groups.items()):
        if _is_reference(doc.text, start, chosen) or doc.text[end : end + 6].lower() == "-based":
            continue
        if min(abs(t.first - hits[0].first) for t in triggers) > _PLACE_REACH:
            continue
        choice = best_place(candidates((h.payload[1] for h in hits), kb), countries=countries, report_countries=report_countries)
        if choice is not None:
            chosen.append((hits[0], choice))
    chosen.extend(_unknown_places(sentence, doc, kb, chosen))
    return _drop_containers(chosen)


def _is_reference(text: str, start: int, chosen: list[tuple[Hit, PlaceChoice]]) -> bool:
    """A place given as a reference point ("50 km south of Hasakah") once a place is named."""
    if not chosen:
        return False
    before = text[max(0, start - 45) : start].lower()
    return bool(_REFERENCE.search(before))


_REFERENCE = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\b|\b(?:kilomet(?:er|re)s?|km|miles)\b)[^.;]*$"
)


def _unknown_places(sentence: Sentence, doc: Document, kb: Knowledge, chosen: list[tuple[Hit, PlaceChoice]]) -> list[tuple[Hit, PlaceChoice]]:
    """A named village or town the gazetteer lacks, in a named province: the province stands in."""
    provinces = [(h, c) for h, c in chosen if c.place.kind == "province"]
    if not provinces:
        return []
    found = []
    taken = [(h.start, h.end) for h in sentence.hits if h.payload[0] in ("place", "actor", "country")]
    for kind_word in sentence.of("cue", "place_kind_words"):
        name = _capitalised_run_before(doc, kind_word.first, taken)
        if name is None:
            continue
        province_hit, province = min(provinces, key=lambda p: abs(p[0].first - kind_word.first))
        if province_hit.first < kind_word.first:
            continue
        hit = Hit(name[0], kind_word.first - 1, doc.tokens[name[0]].start, doc.tokens[kind_word.first - 1].end, ("place", province.place.id))
        found.append((hit, PlaceChoice(province.place, 3, "named place not in the gazetteer; its province stands in")))
    return found


def _capitalised_run_before(doc: Document, index: int, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    first = index
    while first - 1 >= 0 and index - first < 3 and doc.tokens[first - 1].is_capital:
        first -= 1
    if first == index:
        return None
    start, end = doc.tokens[first].start, doc.tokens[index - 1].end
    if any(a < end and start < b for a, b in taken):
        return None
    return first, index - 1


def _drop_containers(chosen: list[tuple[Hit, PlaceChoice]]) -> list[tuple[Hit, PlaceChoice]]:
    """Keep the most precise places: provinces and towns around a named site give way to it."""
    precise = [(h, c) for h, c in chosen if c.place.kind != "province" or c.reason.startswith("named place")]
    sites = [c.place for _, c in precise if c.place.kind not in {"town"} | AREA_KINDS]
    kept = []
    for hit, choice in precise:
        place = choice.place
        if place.kind == "town" and any(distance_km(place, s) <= _NEAR_SITE_KM for s in sites if s.id != place.id):
            continue
        kept.append((hit, choice))
    return kept


def _mention(
    doc: Document,
    kb: Knowledge,
    sentence: Sentence,
    place_hit: Hit,
    choice: PlaceChoice,
    trigger: Hit,
    window: DateWindow | None,
    phrases: list[TimePhrase],
    context: _Context,
    published: Published,
) -> Mention:
    text = doc.text
    spans: dict[str, tuple[int, int]] = {"place": (place_hit.start, place_hit.end), "trigger": (trigger.start, trigger.end)}
    inferred: dict[str, str] = {}
    if window is not None and phrases:
        spans["date"] = (phrases[0].start, phrases[0].end)
    else:
        window = default_window(published)
        if window is not None:
            inferred["date"] = "no time phrase: the publication day or the day before"
    actors = [h for h in sentence.of("actor") if not _inside_place(h, sentence)]
    roles = actor_roles(text, actors, trigger, kb)
    attacker = roles.attacker.payload[1] if roles.attacker else None
    target = roles.target.payload[1] if roles.target else None
    if roles.attacker:
        spans["attacker"] = (roles.attacker.start, roles.attacker.end)
    elif context.attacker:
        attacker = context.attacker
        inferred["attacker"] = "named earlier in the report"
    if roles.target:
        spans["target"] = (roles.target.start, roles.target.end)
    elif context.target and context.target != attacker:
        target = context.target
        inferred["target"] = "named earlier in the report"
    weapons = weapon_fields(sentence, doc, kb)
    spans.update(weapons.spans)
    claim, claimed_by = _claim(sentence, attacker)
    place = choice.place
    is_background = _is_background(window, published) or sentence.has("cue", "history_cues")
    return Mention(
        doc=doc.report.doc,
        report_id=doc.report.id,
        id="",
        trigger=text[trigger.start : trigger.end],
        evidence=text[sentence.start : sentence.end],
        evidence_spans=((sentence.start, sentence.end),),
        date=_iso(window.date) if window else None,
        date_earliest=_iso(window.earliest) if window else None,
        date_latest=_iso(window.latest) if window else None,
        date_precision=window.precision if window else None,
        place=text[place_hit.start : place_hit.end],
        place_id=place.id,
        place_canonical=place.name,
        admin1=place.admin1,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        geo_precision=choice.geo_precision,
        attacker=attacker,
        target=target,
        weapons=weapons.weapons,
        strikes=weapons.strikes,
        claim=claim,
        claimed_by=claimed_by,
        intercepted=True if sentence.has("cue", "interception_cues") else None,
        background=is_background,
        event_type=weapons.event_type,
        sub_event_type=weapons.sub_event_type,
        confidence=0.8 if "date" in spans and choice.geo_precision == 1 else 0.6,
        spans=spans,
        inferred=inferred,
    )


def _inside_place(hit: Hit, sentence: Sentence) -> bool:
    return any(p.start <= hit.start and hit.end <= p.end and (p.end - p.start) > (hit.end - hit.start) for p in sentence.of("place"))


def _claim(sentence: Sentence, attacker: str | None) -> tuple[str, str | None]:
    if sentence.has("cue", "claim_cues") and attacker is not None:
        return "claimed", attacker
    if sentence.has("cue", "confirm_cues"):
        return "confirmed", None
    return "reported", None


def _is_background(window: DateWindow | None, published: Published) -> bool:
    if window is None or published.day is None:
        return False
    return (published.day - window.latest).days > _BACKGROUND_DAYS


def _lead_attacker(doc: Document, kb: Knowledge) -> str | None:
    """The armed group a report is about, when it claims attacks: "the group" of later sentences."""
    for sentence in doc.sentences:
        if not sentence.has("cue", "claim_cues"):
            continue
        for hit in sentence.of("actor"):
            if kb.actors[hit.payload[1]].kind == "armed_group":
                return hit.payload[1]
    return None


def _iso(day: object) -> str | None:
    return day.isoformat() if day is not None else None  # type: ignore[attr-defined]
