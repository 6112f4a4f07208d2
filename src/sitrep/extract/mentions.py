"""Find the attacks a report states: one mention per attack (one place, one day, one attacker).

A sentence states an attack when it holds a trigger ("targeted", "struck") that is not a
threat or plan, is not a statement about a whole campaign, and names a place precise
enough to map. Each such place is one attack. A later sentence that goes on about the
same attack ("the base was hit", "Tuesday's attack") adds its evidence to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from sitrep.extract.document import Document, Sentence
from sitrep.knowledge import Knowledge
from sitrep.match import Hit
from sitrep.records import CLAIMS, Mention
from sitrep.resolve.actor import Roles, actor_roles
from sitrep.resolve.place import AREA_KINDS, PlaceChoice, best_place, candidates, distance_km, haversine_km
from sitrep.resolve.time import (
    DateWindow,
    Published,
    TimePhrase,
    default_window,
    find_time_phrases,
    resolve_phrase,
)
from sitrep.resolve.weapon import weapon_fields

# A trigger this many tokens after an irrealis cue ("threatened to target") is not an attack.
_IRREALIS_REACH = 4
# A place further than this from every trigger of its sentence is not where the attack was.
_PLACE_REACH = 30
_NEAR_SITE_KM = 30.0
# GOLD.md: an event's day must be known to within 7 days; older than 7 days is background.
_MAX_WINDOW_DAYS = 7
_BACKGROUND_DAYS = 7
# A sentence with no time phrase takes the day of an attack told at most this many sentences before.
_DATE_CARRY_SENTENCES = 3

_REFERENCE = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\b"
    r"|\b(?:kilomet(?:er|re)s?|km|miles)\b)[^.;]*$"
)
_PROVINCE_OF = re.compile(r"\b(?:province|governorate)\s+of\s*$")
_CONTAINER = re.compile(r"^[^.;]{0,40}?\bin\s+(?:the\s+)?(?:[\w’']+\s+){0,3}$")
_DATELINE = re.compile(r"^\s*(?:\(|,|:|\s[-–—])")


@dataclass(frozen=True, slots=True)
class _Context:
    """What earlier sentences said, for the pronouns and silent days of later ones."""

    attacker: str | None = None
    target: str | None = None
    dated: tuple[int, DateWindow] | None = None


def extract_mentions(doc: Document, kb: Knowledge, published: Published) -> list[Mention]:
    """Return the attack mentions of a prepared report, merged so each attack appears once."""
    mentions: list[Mention] = []
    context = _Context()
    report_countries = {h.payload[1] for s in doc.sentences for h in s.of("country")}
    for sentence in doc.sentences:
        triggers = _realis_triggers(sentence)
        if not triggers or _is_campaign_statement(sentence, doc, kb):
            continue
        phrases = _event_time_phrases(sentence, doc, kb)
        places = _attack_places(sentence, doc, kb, triggers, report_countries)
        roles = actor_roles(doc.text, _actors(sentence), triggers[0], kb)
        if not places:
            mentions = _continue_last(mentions, sentence, doc, kb, phrases)
            context = _remember_roles(context, roles)
            dated = _window_near(sentence.start, phrases, published, context)
            if dated is not None:
                context = replace(context, dated=(sentence.index, dated[0]))
            continue
        for hit, choice in places:
            trigger = min(triggers, key=lambda t: abs(t.first - hit.first))
            dated = _window_near(hit.start, phrases, published, context)
            mention = _mention(doc, kb, sentence, hit, choice, trigger, dated, context, published)
            if mention is None:
                continue
            mentions.append(mention)
            context = replace(
                context, attacker=mention.attacker or context.attacker, target=mention.target or context.target
            )
            if dated is not None and mention.date_earliest is not None:
                context = replace(context, dated=(sentence.index, dated[0]))
    merged = merge_mentions(mentions)
    return [replace(m, id=f"m{n}") for n, m in enumerate(merged, 1)]


def latest_attack_day(doc: Document, kb: Knowledge, published: Published) -> date | None:
    """The latest day the report gives for an attack ("attacked late on November 23"), if any.

    A report about attacks is published soon after the latest one it dates, so this day
    stands in for an unknown publication date.
    """
    days = []
    for sentence in doc.sentences:
        if not _realis_triggers(sentence) or _is_campaign_statement(sentence, doc, kb):
            continue
        for phrase in _event_time_phrases(sentence, doc, kb):
            window = resolve_phrase(phrase, published) if phrase.kind == "date" else None
            if window is not None and window.date is not None:
                days.append(window.date)
    return max(days, default=None)


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
    if a.place_id != b.place_id and not _town_by_site(a, b):
        return False
    if "date" in a.spans and "date" in b.spans:
        return a.date == b.date
    if a.date_earliest is None or b.date_earliest is None:
        return a.date_earliest is None and b.date_earliest is None
    return str(a.date_earliest) <= str(b.date_latest) and str(b.date_earliest) <= str(a.date_latest)


def _town_by_site(a: Mention, b: Mention) -> bool:
    """A town named in one statement and a site beside it in another ("Erbil" and "Erbil airport")."""
    kinds = {a.geo_precision, b.geo_precision}
    if None in (a.lat, a.lon, b.lat, b.lon) or kinds != {1}:
        return False
    town_and_site = (a.place_id or "").startswith("geonames:") != (b.place_id or "").startswith("geonames:")
    return town_and_site and haversine_km(a.lat, a.lon, b.lat, b.lon) <= _NEAR_SITE_KM  # type: ignore[arg-type]


def _join(first: Mention, second: Mention) -> Mention:
    """Join two statements of one attack: the dated, most precise one leads, details add up."""
    lead, other = (second, first) if _leads(second, first) else (first, second)
    strikes = max((s for s in (first.strikes, second.strikes) if s is not None), default=None)
    return replace(
        lead,
        id=first.id,
        evidence_spans=tuple(sorted({*first.evidence_spans, *second.evidence_spans})),
        attacker=lead.attacker or other.attacker,
        target=lead.target or other.target,
        weapons=tuple(sorted({*lead.weapons, *other.weapons})),
        strikes=strikes,
        claim=min((first.claim, second.claim), key=CLAIMS.index),
        claimed_by=lead.claimed_by or other.claimed_by,
        intercepted=lead.intercepted if lead.intercepted is not None else other.intercepted,
        spans={**other.spans, **lead.spans},
    )


def _leads(a: Mention, b: Mention) -> bool:
    if ("date" in a.spans) != ("date" in b.spans):
        return "date" in a.spans
    return not (a.place_id or "").startswith("geonames:") and (b.place_id or "").startswith("geonames:")


def _continue_last(
    mentions: list[Mention], sentence: Sentence, doc: Document, kb: Knowledge, phrases: list[TimePhrase]
) -> list[Mention]:
    """A sentence that goes on about the last attack ("the base was hit", "Tuesday's attack")
    adds its claim, weapons and evidence to it. It must refer back and name no other party."""
    if not mentions or not (sentence.has("cue", "anaphors") or phrases):
        return mentions
    last = mentions[-1]
    told_in = doc.sentence_at(last.evidence_spans[-1][0]).index
    if sentence.index - told_in > _DATE_CARRY_SENTENCES or any(
        m.evidence_spans[-1] == last.evidence_spans[-1] for m in mentions[:-1]
    ):
        return mentions
    triggers = _realis_triggers(sentence)
    roles = actor_roles(doc.text, _actors(sentence), triggers[0], kb) if triggers else Roles(None, None)
    named = _claimant(sentence, kb) or (roles.attacker.payload[1] if roles.attacker else None)
    attacker = named if named and _can_rename(last, kb) else last.attacker
    if roles.target and roles.target.payload[1] not in (last.target, attacker):
        return mentions
    if named and named != attacker:
        return mentions
    weapons = weapon_fields(sentence, doc, kb)
    claim, claimed_by = _claim(sentence, attacker)
    joined = replace(
        last,
        attacker=attacker,
        inferred={k: v for k, v in last.inferred.items() if k != "attacker" or attacker == last.attacker},
        weapons=last.weapons or weapons.weapons,
        strikes=last.strikes if last.strikes is not None else weapons.strikes,
        claim=min((last.claim, claim), key=CLAIMS.index),
        claimed_by=last.claimed_by or claimed_by,
        evidence_spans=(*last.evidence_spans, (sentence.start, sentence.end)),
        spans={**weapons.spans, **last.spans} if not last.weapons else last.spans,
    )
    return [*mentions[:-1], joined]


def _can_rename(mention: Mention, kb: Knowledge) -> bool:
    """An attacker carried over from earlier, or only described ("Iran-backed militants"), can be named."""
    attacker = mention.attacker
    return attacker is None or "attacker" in mention.inferred or kb.actors[attacker].is_generic


def _claimant(sentence: Sentence, kb: Knowledge) -> str | None:
    """The armed group a claim sentence names ("Kataib Hezbollah claimed the attack")."""
    if not sentence.has("cue", "claim_cues"):
        return None
    groups = [h for h in _actors(sentence) if kb.actors[h.payload[1]].kind == "armed_group"]
    groups.sort(key=lambda h: kb.actors[h.payload[1]].is_generic)
    return groups[0].payload[1] if groups else None


def _remember_roles(context: _Context, roles: Roles) -> _Context:
    attacker = roles.attacker.payload[1] if roles.attacker else context.attacker
    target = roles.target.payload[1] if roles.target else context.target
    return replace(context, attacker=attacker, target=target)


def _realis_triggers(sentence: Sentence) -> list[Hit]:
    irrealis = sentence.of("cue", "irrealis_cues")
    return [
        t
        for t in sentence.of("cue", "attack_triggers")
        if not any(0 < t.first - c.last <= _IRREALIS_REACH for c in irrealis)
    ]


def _is_campaign_statement(sentence: Sentence, doc: Document, kb: Knowledge) -> bool:
    """A sentence about many attacks at once ("repeatedly", "dozens of") with no single day."""
    if not sentence.has("cue", "campaign_cues"):
        return False
    return not any(p.kind in ("date", "weekday", "relative") for p in _event_time_phrases(sentence, doc, kb))


def _event_time_phrases(sentence: Sentence, doc: Document, kb: Knowledge) -> list[TimePhrase]:
    anchors = sentence.of("anchor")
    phrases = find_time_phrases(doc.text, kb, sentence.start, sentence.end)
    # "since October 17" starts a campaign and "October 7" names the war: neither dates an attack.
    return [p for p in phrases if not p.is_since and not any(a.start <= p.start < a.end for a in anchors)]


def _window_near(
    offset: int, phrases: list[TimePhrase], published: Published, context: _Context
) -> tuple[DateWindow, TimePhrase | None] | None:
    """The day of the time phrase nearest a place; else the day of an attack told just before."""
    previous = context.dated[1].date if context.dated else None
    resolved = []
    for phrase in phrases:
        window = resolve_phrase(phrase, published, previous)
        if window is not None:
            resolved.append((abs(phrase.start - offset), window, phrase))
    if resolved:
        _, window, phrase = min(resolved, key=lambda r: r[0])
        return window, phrase
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
        if (
            _is_dateline(doc.text, start, end)
            or doc.text[end : end + 6].lower() == "-based"
            or _in_motive(sentence, hits[0])
        ):
            continue
        if _is_reference(doc.text, start, chosen) or _is_container(doc.text, start, chosen):
            continue
        if min(abs(t.first - hits[0].first) for t in triggers) > _PLACE_REACH:
            continue
        options = candidates((h.payload[1] for h in hits), kb)
        if _PROVINCE_OF.search(doc.text[max(0, start - 20) : start].lower()):
            options = [p for p in options if p.kind == "province"] or options
        choice = best_place(options, countries=countries, report_countries=report_countries)
        if choice is not None:
            chosen.append((hits[0], choice))
    chosen.extend(_unknown_places(sentence, doc, chosen))
    return _most_precise(chosen)


def _is_dateline(text: str, start: int, end: int) -> bool:
    """ "BAGHDAD (Reuters) -", "ERBIL, Kurdistan Region -": where the report was filed."""
    surface = text[start:end]
    line_start = text.rfind("\n", 0, start) + 1
    return (
        surface.isupper()
        and len(surface) > 2
        and not text[line_start:start].strip()
        and bool(_DATELINE.match(text[end : end + 4]))
    )


def _is_reference(text: str, start: int, chosen: list[tuple[Hit, PlaceChoice]]) -> bool:
    """A place given as a reference point ("50 km south of Hasakah") once a place is named."""
    return bool(chosen) and bool(_REFERENCE.search(text[max(0, start - 45) : start].lower()))


def _is_container(text: str, start: int, chosen: list[tuple[Hit, PlaceChoice]]) -> bool:
    """A place that locates the one just named ("Harir airbase in Erbil province")."""
    if not chosen:
        return False
    last = chosen[-1][0]
    return bool(_CONTAINER.match(text[last.end : start]))


def _unknown_places(
    sentence: Sentence, doc: Document, chosen: list[tuple[Hit, PlaceChoice]]
) -> list[tuple[Hit, PlaceChoice]]:
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
        first, last = name
        hit = Hit(first, last, doc.tokens[first].start, doc.tokens[last].end, ("place", province.place.id))
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


def _most_precise(chosen: list[tuple[Hit, PlaceChoice]]) -> list[tuple[Hit, PlaceChoice]]:
    """Keep mappable places: provinces only stand in for unknown names; towns around a site give way."""
    precise = [(h, c) for h, c in chosen if c.place.kind != "province" or c.reason.startswith("named")]
    sites = [c.place for _, c in precise if c.place.kind not in {"town"} | AREA_KINDS]
    return [
        (hit, choice)
        for hit, choice in precise
        if not (
            choice.place.kind == "town"
            and any(distance_km(choice.place, s) <= _NEAR_SITE_KM for s in sites if s.id != choice.place.id)
        )
    ]


def _actors(sentence: Sentence) -> list[Hit]:
    """The actors of a sentence that can be parties to its attack (not inside a place name, not in its motive)."""
    places = sentence.of("place")
    return [
        h
        for h in sentence.of("actor")
        if not _in_motive(sentence, h)
        and not any(p.start <= h.start and h.end <= p.end and (p.end - p.start) > (h.end - h.start) for p in places)
    ]


def _in_motive(sentence: Sentence, hit: Hit) -> bool:
    """After "in response to" with no new trigger between, words name the motive, not the attack."""
    motives = [m for m in sentence.of("cue", "motive_cues") if m.end <= hit.start]
    if not motives:
        return False
    motive = max(motives, key=lambda m: m.end)
    return not any(motive.end <= t.start < hit.start for t in sentence.of("cue", "attack_triggers"))


def _mention(
    doc: Document,
    kb: Knowledge,
    sentence: Sentence,
    place_hit: Hit,
    choice: PlaceChoice,
    trigger: Hit,
    dated: tuple[DateWindow, TimePhrase | None] | None,
    context: _Context,
    published: Published,
) -> Mention | None:
    """Build the mention of one attack, or None when its day cannot be narrowed to a week
    (GOLD.md: such an attack is not an event)."""
    text = doc.text
    spans: dict[str, tuple[int, int]] = {
        "place": (place_hit.start, place_hit.end),
        "trigger": (trigger.start, trigger.end),
    }
    inferred: dict[str, str] = {}
    window, how = _attack_window(sentence, dated, context, published)
    if dated is not None and dated[1] is not None:
        spans["date"] = (dated[1].start, dated[1].end)
    elif how:
        inferred["date"] = how
    if window is None or (window.latest - window.earliest).days >= _MAX_WINDOW_DAYS:
        return None
    roles = actor_roles(text, _actors(sentence), trigger, kb)
    attacker, target = _parties(roles, context, spans, inferred)
    weapons = weapon_fields(sentence, doc, kb)
    spans.update(weapons.spans)
    claim, claimed_by = _claim(sentence, attacker)
    place = choice.place
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
        background=_is_background(window, published) or sentence.has("cue", "history_cues"),
        event_type=weapons.event_type,
        sub_event_type=weapons.sub_event_type,
        confidence=0.8 if "date" in spans and choice.geo_precision == 1 else 0.6,
        spans=spans,
        inferred=inferred,
    )


def _attack_window(
    sentence: Sentence, dated: tuple[DateWindow, TimePhrase | None] | None, context: _Context, published: Published
) -> tuple[DateWindow | None, str]:
    if dated is not None:
        return dated[0], ""
    if context.dated is not None and sentence.index - context.dated[0] <= _DATE_CARRY_SENTENCES:
        return context.dated[1], "no time phrase: the day of the attack told just before"
    window = default_window(published)
    return window, "no time phrase: the publication day or the day before" if window else ""


def _parties(
    roles: Roles, context: _Context, spans: dict[str, tuple[int, int]], inferred: dict[str, str]
) -> tuple[str | None, str | None]:
    attacker = target = None
    if roles.attacker:
        attacker = roles.attacker.payload[1]
        spans["attacker"] = (roles.attacker.start, roles.attacker.end)
    elif context.attacker:
        attacker = context.attacker
        inferred["attacker"] = "named earlier in the report"
    if roles.target and roles.target.payload[1] != attacker:
        target = roles.target.payload[1]
        spans["target"] = (roles.target.start, roles.target.end)
    elif context.target and context.target != attacker:
        target = context.target
        inferred["target"] = "named earlier in the report"
    return attacker, target


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


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
