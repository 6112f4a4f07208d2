"""Find the attacks a report states: one mention per attack (one place, one day, one attacker).

A sentence states an attack when it holds a trigger ("targeted", "struck") that is not a
threat or plan, is not a statement about a whole campaign, and names a place precise
enough to map. Each such place is one attack. A later sentence that goes on about the
same attack ("the base was hit", "Tuesday's attack") adds its evidence to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sitrep.document import Document, Sentence
from sitrep.extract.anchors import is_said_day, news_day
from sitrep.extract.merge import merge_mentions
from sitrep.extract.places import attack_places, in_motive
from sitrep.knowledge import Knowledge
from sitrep.match import Hit
from sitrep.records import Mention
from sitrep.resolve.actor import Roles, actor_roles
from sitrep.resolve.claim import best_claim, claim_status, is_confirmed
from sitrep.resolve.place import PlaceChoice
from sitrep.resolve.time import (
    DateWindow,
    Published,
    TimePhrase,
    default_window,
    resolve_phrase,
)
from sitrep.resolve.weapon import WeaponFields, event_types, weapon_fields

# A trigger this many tokens after an irrealis cue ("threatened to target") is not an attack.
_IRREALIS_REACH = 4
# GOLD.md: an event's day must be known to within 7 days; older than 7 days is background.
_MAX_WINDOW_DAYS = 7
_BACKGROUND_DAYS = 7
# A sentence may go on about an attack last spoken of at most this many sentences before.
_FOLLOW_UP_SENTENCES = 3
# A campaign word speaks of the attacks only this many words from an attack word.
_CAMPAIGN_REACH = 12
# An official release says so in its heading (title, date, release number).
_RELEASE_HEADING_CHARS = 400
# "the Tower 22 attack": a place named as the name of an attack already told.
_NAMED_ATTACK = re.compile(r"\s+(?:attack|strike|bombing|assault)\b", re.IGNORECASE)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
# "at least 97 attacks", "55 times": a tally, so the sentence is about the campaign.
# "have been increasingly targeted", "has attacked", "have come under": the perfect, right before an attack word.
_PERFECT_BEFORE = re.compile(r"\b(?:have|has)\s+(?:\w+ly\s+)?(?:been\s+|come\s+)?(?:\w+ly\s+)?$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)
_TALLY = re.compile(r"\b\d{2,}\s+(?:separate\s+)?(?:attacks|times)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Dated:
    """The day of the last attack told, for a next sentence that names none."""

    sentence: int
    window: DateWindow
    attacker: str | None
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Context:
    """What earlier sentences said, for the pronouns and silent days of later ones."""

    attacker: str | None = None
    attacker_window: DateWindow | None = None
    attacker_country: str | None = None
    target: str | None = None
    target_window: DateWindow | None = None
    target_country: str | None = None
    dated: _Dated | None = None
    claimed: tuple[int, str] | None = None
    confirmed: int | None = None
    # The day the lead says the news was told: the day of an attack told with no day.
    news: tuple[DateWindow, TimePhrase] | None = None


def extract_mentions(doc: Document, kb: Knowledge, published: Published) -> list[Mention]:
    """Return the attack mentions of a prepared report, merged so each attack appears once."""
    mentions: list[Mention] = []
    context = _Context(news=news_day(doc, published))
    report_countries = {h.payload[1] for s in doc.sentences for h in s.of("country")}
    for sentence in doc.sentences:
        triggers = _realis_triggers(sentence)
        if not triggers or _is_campaign_statement(sentence, doc, kb):
            continue
        phrases = _event_time_phrases(sentence, doc, kb)
        places = attack_places(sentence, doc, kb, triggers, report_countries)
        if not places:
            mentions = _follow_up(mentions, sentence, doc, kb, phrases, published)
            context = _remember_placeless(context, sentence, doc, kb, triggers, phrases, published)
            continue
        split = _motive_split(sentence)
        own = [t for t in triggers if split is not None and t.start < split]
        if split is not None and own and all(hit.start >= split for hit, _ in places):
            # Only the attack named as the motive has a place: the sentence's own attack
            # ("US bombers struck seven sites ...") still dates and names what follows.
            context = _remember_placeless(context, sentence, doc, kb, own, phrases, published, end=split)
        for hit, choice in places:
            as_motive = split is not None and hit.start >= split
            clause = (
                (split, sentence.end) if as_motive and split is not None else (sentence.start, split or sentence.end)
            )
            in_clause = [t for t in triggers if clause[0] <= t.start < clause[1]] or triggers
            own_start, own_end = sentence.clause_around(hit.start)
            in_clause = [t for t in in_clause if own_start <= t.start < own_end] or in_clause
            trigger = min(in_clause, key=lambda t: (_is_casualty(sentence, t), abs(t.first - hit.first)))
            dated = _day_at(hit, sentence, doc, phrases, published, context)
            mention = _mention(doc, kb, sentence, hit, choice, trigger, dated, context, published, clause)
            if mention is None:
                continue
            if (
                not phrases
                and not as_motive
                and (_names_the_attack(doc.text, hit) or not sentence.has("cue", "repeat_cues"))
            ):
                # "The Tower 22 attack also wounded ...", "a drone was shot down near Ain
                # al-Asad": a place already told, with no day, goes on about that attack
                # (but "the base was also hit by rockets" tells another).
                mention = _as_told_before(mention, mentions)
            mentions.append(mention)
            if as_motive:
                continue  # an earlier attack named as the reason for this one: not what follows is about
            context = _remember_mention(context, mention)
            if mention.date_earliest is not None and dated is not None:
                context = replace(context, dated=_Dated(sentence.index, dated[0], mention.attacker, _span(dated[1])))
            if mention.claim == "claimed" and mention.attacker:
                context = replace(context, claimed=(sentence.index, mention.attacker))
    if _is_official_release(doc):
        mentions = [_confirmed_by_release(m, kb) for m in mentions]
    merged = merge_mentions(mentions, kb)
    return [replace(m, id=f"m{n}") for n, m in enumerate(merged, 1)]


def _is_official_release(doc: Document) -> bool:
    """The report is an official's own statement: its heading says so ("Release Number ...")."""
    return any(
        cue.start < _RELEASE_HEADING_CHARS for s in doc.sentences[:3] for cue in s.of("cue", "official_release_cues")
    )


def _confirmed_by_release(mention: Mention, kb: Knowledge) -> Mention:
    claim = best_claim({mention.claim, "confirmed"}, kb.claim_precedence)
    if claim == mention.claim:
        return mention
    return replace(mention, claim=claim, inferred={**mention.inferred, "claim": "the report is an official release"})


def latest_attack_day(doc: Document, kb: Knowledge, published: Published) -> date | None:
    """The latest day the report gives for an attack ("attacked late on November 23"), if any.

    A report about attacks is published soon after the latest one it dates, so this day
    stands in for an unknown publication date.
    """
    days = []
    for sentence in doc.sentences:
        if (
            not _realis_triggers(sentence)
            or _is_campaign_statement(sentence, doc, kb)
            or sentence.has("cue", "history_cues")
        ):
            continue
        for phrase in _event_time_phrases(sentence, doc, kb):
            window = resolve_phrase(phrase, published) if phrase.kind == "date" else None
            if window is not None and window.date is not None:
                days.append(window.date)
    return max(days, default=None)


def _follow_up(
    mentions: list[Mention],
    sentence: Sentence,
    doc: Document,
    kb: Knowledge,
    phrases: list[TimePhrase],
    published: Published,
) -> list[Mention]:
    """A sentence that goes on about the last attack(s) ("the base was hit", "Tuesday's attack",
    "the group claimed the attacks") adds its claim, attacker, weapons and evidence to each
    attack of the last sentence that told any. It must refer back and name no other party.
    When it says "the attack" and its day, that day replaces one the attack was only given
    by inference or by the day it was reported."""
    if not mentions:
        return mentions
    last_span = mentions[-1].evidence_spans[0]
    group = [m for m in mentions if m.evidence_spans[0] == last_span]
    if not (sentence.has("cue", "anaphors") or phrases or _intercepts(sentence, group)):
        return mentions
    last_said = max(span[0] for m in group for span in m.evidence_spans)
    if sentence.index - doc.sentence_at(last_said).index > _FOLLOW_UP_SENTENCES:
        return mentions
    actors = _actors(sentence)
    triggers = _realis_triggers(sentence)
    if _only_interceptions(sentence, triggers):
        actors = []  # "shot down by US Navy destroyers": the interceptor, not a party to the attack
    roles = actor_roles(doc.text, actors, _main_trigger(sentence, triggers), kb)
    named = roles.attacker or _claimant(sentence, actors, kb)
    updated = {id(m): _add_follow_up(m, sentence, doc, kb, actors, roles, named) for m in group}
    if sentence.has("cue", "anaphors"):
        told = [p for p in phrases if not is_said_day(doc.text, p)]
        dated = _window_near(sentence.start, told, published, _Context())
        updated = {key: _dated_by_follow_up(m, dated, published) if m else m for key, m in updated.items()}
    return [updated.get(id(m)) or m for m in mentions]


def _intercepts(sentence: Sentence, group: list[Mention]) -> bool:
    """ "Eighteen drones and two cruise missiles were shot down": the interception of the
    weapons of the attack just told refers back to it."""
    fired = {weapon for m in group for weapon in m.weapons}
    return sentence.has("cue", "interception_cues") and any(h.payload[1] in fired for h in sentence.of("weapon"))


def _only_interceptions(sentence: Sentence, triggers: list[Hit]) -> bool:
    stopped = {(c.start, c.end) for c in sentence.of("cue", "interception_cues")}
    return all((t.start, t.end) in stopped for t in triggers)


def _dated_by_follow_up(mention: Mention, dated: tuple[DateWindow, TimePhrase] | None, published: Published) -> Mention:
    """The day a follow-up gives "the attack", for an attack dated only by inference or report."""
    if dated is None or "date" not in mention.inferred or mention.date_latest is None:
        return mention
    window, phrase = dated
    if (window.latest - window.earliest).days >= _MAX_WINDOW_DAYS or window.latest.isoformat() > mention.date_latest:
        return mention  # not a day, or after the attack was reported: not this attack's day
    return replace(
        mention,
        date=_iso(window.date),
        date_earliest=_iso(window.earliest),
        date_latest=_iso(window.latest),
        date_precision=window.precision,
        background=mention.background or _is_background(window, published),
        spans={**mention.spans, "date": _span(phrase)},
        inferred={k: v for k, v in mention.inferred.items() if k != "date"},
    )


def _add_follow_up(
    mention: Mention,
    sentence: Sentence,
    doc: Document,
    kb: Knowledge,
    actors: list[Hit],
    roles: Roles,
    named_hit: Hit | None,
) -> Mention | None:
    named = named_hit.payload[1] if named_hit else None
    renamed = named is not None and _can_rename(mention, kb)
    attacker = named if renamed else mention.attacker
    if roles.target and roles.target.payload[1] not in (mention.target, attacker):
        return None
    if named and named != attacker:
        return None
    spans = dict(mention.spans)
    if renamed and named_hit is not None:
        spans["attacker"] = (named_hit.start, named_hit.end)
    weapons = weapon_fields(sentence, doc, kb)
    claim, claimed_by = claim_status(sentence, attacker, actors, kb)
    return replace(
        mention,
        attacker=attacker,
        inferred={k: v for k, v in mention.inferred.items() if k != "attacker" or attacker == mention.attacker},
        weapons=mention.weapons or weapons.weapons,
        strikes=mention.strikes if mention.strikes is not None else weapons.strikes,
        claim=best_claim({mention.claim, claim}, kb.claim_precedence),
        claimed_by=mention.claimed_by or claimed_by,
        intercepted=True if mention.intercepted or sentence.has("cue", "interception_cues") else None,
        evidence_spans=(*mention.evidence_spans, (sentence.start, sentence.end)),
        spans={**weapons.spans, **spans} if not mention.weapons else spans,
    )


def _can_rename(mention: Mention, kb: Knowledge) -> bool:
    """An attacker carried over from earlier, or only described ("Iran-backed militants"), can be named."""
    attacker = mention.attacker
    return attacker is None or "attacker" in mention.inferred or kb.actors[attacker].is_generic


def _claimant(sentence: Sentence, actors: list[Hit], kb: Knowledge) -> Hit | None:
    """The armed group whose claim a sentence reports ("Kataib Hezbollah claimed the attack")."""
    for group in sorted(
        (h for h in actors if kb.actors[h.payload[1]].kind == "armed_group"),
        key=lambda h: kb.actors[h.payload[1]].is_generic,
    ):
        if claim_status(sentence, group.payload[1], actors, kb)[0] == "claimed":
            return group
    return None


def _names_the_attack(text: str, place: Hit) -> bool:
    """ "the Tower 22 attack": the place names an attack."""
    return bool(
        _NAMED_ATTACK.match(text, place.end) and _THE_BEFORE.search(text[max(0, place.start - 5) : place.start])
    )


def _as_told_before(mention: Mention, mentions: list[Mention]) -> Mention:
    """ "The Tower 22 attack also wounded ...": the attack told before at that place, whose day
    and parties it shares (nothing is carried into it from the sentences between)."""
    earlier = next((m for m in reversed(mentions) if m.place_id == mention.place_id), None)
    if earlier is None:
        return mention
    carried: set[str] = {k for k in ("attacker", "target") if k in mention.inferred}
    if "attacker" in carried and "weapons" in mention.inferred:
        carried.add("weapons")  # the usual weapon of an attacker that was only carried in
        mention = replace(mention, weapons=(), event_type=None, sub_event_type=None)
    return replace(
        mention,
        date=earlier.date,
        date_earliest=earlier.date_earliest,
        date_latest=earlier.date_latest,
        date_precision=earlier.date_precision,
        background=earlier.background,
        attacker=None if "attacker" in carried else mention.attacker,
        target=None if "target" in carried else mention.target,
        inferred={
            **{k: v for k, v in mention.inferred.items() if k not in carried},
            "date": "the attack told before at this place",
        },
        spans={k: v for k, v in mention.spans.items() if k != "date"},
    )


def _motive_split(sentence: Sentence) -> int | None:
    """Where a sentence goes on to tell an earlier attack as the motive of its own ("US bombers
    struck ..., in retaliation for the drone attack that killed three US soldiers at Tower 22")."""
    triggers = sentence.of("cue", "attack_triggers")
    for motive in sentence.of("cue", "motive_cues"):
        if any(t.start < motive.start for t in triggers) and any(t.start >= motive.end for t in triggers):
            return motive.start
    return None


def _remember_placeless(
    context: _Context,
    sentence: Sentence,
    doc: Document,
    kb: Knowledge,
    triggers: list[Hit],
    phrases: list[TimePhrase],
    published: Published,
    end: int | None = None,
) -> _Context:
    """Remember the parties and day of attacks a sentence (up to `end`) tells without a place."""
    end = sentence.end if end is None else end
    told = [p for p in phrases if p.start < end and not is_said_day(doc.text, p)]
    # "According to a toll given on Saturday, 23 fighters were killed in strikes on Friday
    # night": the day nearest the attack word is the attack's.
    dated = _window_near(_main_trigger(sentence, triggers).start, told, published, context)
    actors = [a for a in _actors(sentence) if a.start < end]
    roles = actor_roles(doc.text, actors, _main_trigger(sentence, triggers), kb)
    context = _remember(context, sentence, roles, kb, dated[0] if dated else None)
    if dated is not None:
        context = replace(context, dated=_Dated(sentence.index, dated[0], context.attacker, _span(dated[1])))
    return context


def _remember(
    context: _Context, sentence: Sentence, roles: Roles, kb: Knowledge, window: DateWindow | None
) -> _Context:
    """What a sentence that tells attacks without a place says for the sentences after it."""
    if roles.attacker:
        context = replace(context, attacker=roles.attacker.payload[1], attacker_window=window, attacker_country=None)
    if roles.target:
        context = replace(context, target=roles.target.payload[1], target_window=window, target_country=None)
    attacker = roles.attacker.payload[1] if roles.attacker else None
    if attacker and claim_status(sentence, attacker, [roles.attacker], kb)[0] == "claimed":  # type: ignore[list-item]
        context = replace(context, claimed=(sentence.index, attacker))
    if is_confirmed(sentence, kb):
        context = replace(context, confirmed=sentence.index)
    return context


def _remember_mention(context: _Context, mention: Mention) -> _Context:
    window = (
        DateWindow(None, date.fromisoformat(mention.date_earliest), date.fromisoformat(mention.date_latest), "window")
        if mention.date_earliest and mention.date_latest
        else None
    )
    attacker = mention.attacker or context.attacker
    # A party carried into this mention keeps the window and country it was named for.
    named_attacker = mention.attacker is not None and "attacker" not in mention.inferred
    named_target = mention.target is not None and "target" not in mention.inferred
    return replace(
        context,
        attacker=attacker,
        attacker_window=window if named_attacker else context.attacker_window,
        attacker_country=mention.country if named_attacker else context.attacker_country,
        target=mention.target or context.target,
        target_window=window if named_target else context.target_window,
        target_country=mention.country if named_target else context.target_country,
    )


def _is_casualty(sentence: Sentence, trigger: Hit) -> bool:
    return any((c.start, c.end) == (trigger.start, trigger.end) for c in sentence.of("cue", "casualty_triggers"))


def _main_trigger(sentence: Sentence, triggers: list[Hit]) -> Hit:
    """The trigger that names the attack, not the deaths: "killed in US air strikes"."""
    return min(triggers, key=lambda t: (_is_casualty(sentence, t), t.start))


def _realis_triggers(sentence: Sentence) -> list[Hit]:
    irrealis = sentence.of("cue", "irrealis_cues")
    triggers = [*sentence.of("cue", "attack_triggers")]
    if sentence.has("weapon"):
        triggers += sentence.of("cue", "impact_verbs")
    weapons = sentence.of("weapon")
    return [
        t
        for t in triggers
        if not any(0 < t.first - c.last <= _IRREALIS_REACH for c in irrealis)
        # "one-way attack drones" names a weapon; "a drone attack" still tells one.
        and not any(w.start <= t.start and t.end < w.end for w in weapons)
    ]


def _is_campaign_statement(sentence: Sentence, doc: Document, kb: Knowledge) -> bool:
    """A sentence about many attacks at once ("repeatedly", "dozens of") with no single day,
    or one that counts attacks ("at least 97 attacks ... until Wednesday")."""
    if _TALLY.search(doc.text, sentence.start, sentence.end) or _is_ongoing_since(sentence, doc):
        return True
    triggers = _realis_triggers(sentence)
    cues = sentence.of("cue", "campaign_cues")
    if not any(abs(cue.first - trigger.first) <= _CAMPAIGN_REACH for cue in cues for trigger in triggers):
        return False  # "no information has been revealed so far" says nothing of the attacks
    return not any(p.kind in ("date", "weekday", "relative") for p in _event_time_phrases(sentence, doc, kb))


def _is_ongoing_since(sentence: Sentence, doc: Document) -> bool:
    """ "Since October, US bases have been increasingly targeted": attacks told in the perfect
    since a past day are a campaign, not one attack."""
    if not _SINCE.search(doc.text, sentence.start, sentence.end):
        return False
    return any(
        _PERFECT_BEFORE.search(doc.text, max(sentence.start, t.start - 40), t.start)
        for t in sentence.of("cue", "attack_triggers")
    )


def _event_time_phrases(sentence: Sentence, doc: Document, kb: Knowledge) -> list[TimePhrase]:
    anchors = sentence.of("anchor")
    phrases = doc.time_phrases_in(sentence)
    # "since October 17" starts a campaign and "October 7" names the war: neither dates an attack.
    return [p for p in phrases if not p.is_since and not any(a.start <= p.start < a.end for a in anchors)]


def _window_near(
    offset: int, phrases: list[TimePhrase], published: Published, context: _Context
) -> tuple[DateWindow, TimePhrase] | None:
    """The day named by the time phrase nearest a place, among those that resolve."""
    previous = context.dated.window.date if context.dated else None
    resolved = []
    for phrase in phrases:
        window = resolve_phrase(phrase, published, previous)
        if window is not None:
            resolved.append((abs(phrase.start - offset), window, phrase))
    if not resolved:
        return None
    _, window, phrase = min(resolved, key=lambda r: r[0])
    return window, phrase


def _day_at(
    place: Hit, sentence: Sentence, doc: Document, phrases: list[TimePhrase], published: Published, context: _Context
) -> tuple[DateWindow, TimePhrase] | None:
    """The day of the attack at a place: told in the place's own clause before elsewhere in
    the sentence, and a day the attack is told on before the day it was reported ("said on
    Thursday that it attacked X on Wednesday night"); the nearest phrase among equals."""
    start, end = sentence.clause_around(place.start)
    tiers: dict[tuple[bool, bool], list[TimePhrase]] = {}
    for phrase in phrases:
        tiers.setdefault((is_said_day(doc.text, phrase), not start <= phrase.start < end), []).append(phrase)
    for tier in sorted(tiers):
        dated = _window_near(place.start, tiers[tier], published, context)
        if dated is not None:
            return dated
    return None


def _actors(sentence: Sentence) -> list[Hit]:
    """The actors of a sentence that can be parties to its attack (not inside a place name, not in its motive)."""
    places = sentence.of("place")
    return [
        h
        for h in sentence.of("actor")
        if not in_motive(sentence, h)
        and not any(p.start <= h.start and h.end <= p.end and (p.end - p.start) > (h.end - h.start) for p in places)
    ]


def _mention(
    doc: Document,
    kb: Knowledge,
    sentence: Sentence,
    place_hit: Hit,
    choice: PlaceChoice,
    trigger: Hit,
    dated: tuple[DateWindow, TimePhrase] | None,
    context: _Context,
    published: Published,
    clause: tuple[int, int],
) -> Mention | None:
    """Build the mention of one attack from the clause of the sentence that tells it, or None
    when its day cannot be narrowed to a week (GOLD.md: such an attack is not an event)."""
    text = doc.text
    spans: dict[str, tuple[int, int]] = {
        "place": (place_hit.start, place_hit.end),
        "trigger": (trigger.start, trigger.end),
    }
    inferred: dict[str, str] = {}
    own_start, own_end = sentence.clause_around(place_hit.start)
    if (
        own_start > sentence.start
        and own_start <= trigger.start < own_end
        and _has_subject(sentence, own_start, trigger)
    ):
        # "..., and that US forces destroyed two drone boats near Hodeidah": a later clause
        # with its own subject and attack word names its own parties ("..., and fired
        # missiles at Eilat" shares the sentence's subject; "X claimed a strike on A, and
        # another on a US-run base at B" shares its parties).
        clause = (max(clause[0], own_start), min(clause[1], own_end))
    actors = [a for a in _actors(sentence) if clause[0] <= a.start < clause[1]]
    roles = actor_roles(text, actors, trigger, kb)
    opens_new_story = any(cue.first == sentence.hits[0].first for cue in sentence.of("cue", "new_topic_cues"))
    attacker, target = _parties(
        roles,
        _Context() if opens_new_story else context,
        dated[0] if dated else None,
        spans,
        inferred,
        sentence_names_group=_points_back(sentence, trigger),
        country=choice.place.country,
        home_elsewhere=_stays_home(context.target, context.target_country, choice.place.country, kb),
    )
    window, how, date_span = _attack_window(sentence, dated, context, published, attacker, kb)
    if date_span is not None:
        spans["date"] = date_span
    if how:
        inferred["date"] = how
    elif dated is not None and is_said_day(text, dated[1]):
        inferred["date"] = "only the day it was reported is named"
    if window is None or (window.latest - window.earliest).days >= _MAX_WINDOW_DAYS:
        return None
    weapons = _weapons(sentence, doc, kb, attacker, inferred, place_hit)
    spans.update(weapons.spans)
    killed, injured = _casualties(doc.text, sentence, kb, spans)
    carried = context.claimed[1] if context.claimed and sentence.index - context.claimed[0] <= 1 else None
    confirmed = context.confirmed is not None and sentence.index - context.confirmed <= 2
    claim, claimed_by = claim_status(
        sentence, attacker, actors, kb, carried_claim=carried, carried_confirmation=confirmed
    )
    place = choice.place
    return Mention(
        doc=doc.report.doc,
        report_id=doc.report.id,
        id="",
        trigger=text[trigger.start : trigger.end],
        evidence=text[sentence.start : sentence.end],
        evidence_spans=((sentence.start, sentence.end),),
        date=_iso(window.date),
        date_earliest=_iso(window.earliest),
        date_latest=_iso(window.latest),
        date_precision=window.precision,
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
        intercepted=True if _intercepted_at(sentence, place_hit) else None,
        killed=killed,
        injured=injured,
        background=_is_background(window, published) or sentence.has("cue", "history_cues"),
        event_type=weapons.event_type,
        sub_event_type=weapons.sub_event_type,
        confidence=0.8 if "date" in spans and choice.geo_precision == 1 else 0.6,
        spans=spans,
        inferred=inferred,
    )


def _has_subject(sentence: Sentence, start: int, trigger: Hit) -> bool:
    return any(start <= actor.start < trigger.start for actor in sentence.of("actor"))


def _intercepted_at(sentence: Sentence, place: Hit) -> bool:
    """An interception told in the place's own clause ("a drone was shot down near al-Tanf,
    rockets landed ..."), or in a clause that names no place ("..., and that most of the
    missiles were intercepted")."""
    own = sentence.clause_around(place.start)
    for cue in sentence.of("cue", "interception_cues"):
        start, end = sentence.clause_around(cue.start)
        if (start, end) == own or not any(start <= p.start < end for p in sentence.of("place")):
            return True
    return False


def _stays_home(target: str | None, named_in: str | None, country: str, kb: Knowledge) -> bool:
    """A state named as the target of an attack on its own soil stays there: Israel, hit at
    Haifa, is not the target of the next rocket on Baghdad (Iran, named for strikes in
    Syria, may be)."""
    home = next((code for code, name in kb.countries.items() if name == target), None)
    return home is not None and named_in == home and country != home


def _points_back(sentence: Sentence, trigger: Hit) -> bool:
    """The sentence refers to the party told before: "an attack also claimed by the same
    group", "they also targeted"; a bare "it" or "they" only before the attack word
    ("... before reaching it" is the base)."""
    return any(p.last > p.first or p.first < trigger.first for p in sentence.of("cue", "group_pronouns"))


def _near(country: str, earlier: str | None) -> bool:
    """An attack in the country of the earlier one, or the earlier one had no place ("US forces
    were attacked four times")."""
    return earlier is None or earlier == country


def _overlaps(a: DateWindow | None, b: DateWindow | None) -> bool:
    """Whether two windows share a day (an unknown window shares any)."""
    return a is None or b is None or (a.earliest <= b.latest and b.earliest <= a.latest)


def _same_side(a: str | None, b: str | None, kb: Knowledge) -> bool:
    """Unknown, equal, or one only described ("an Iran-backed militia") and the other named."""
    if a is None or b is None or a == b:
        return True
    return kb.actors[a].is_generic or kb.actors[b].is_generic


def _attack_window(
    sentence: Sentence,
    dated: tuple[DateWindow, TimePhrase] | None,
    context: _Context,
    published: Published,
    attacker: str | None,
    kb: Knowledge,
) -> tuple[DateWindow | None, str, tuple[int, int] | None]:
    """The attack's window, how it was inferred (if it was), and the span of the words that date it."""
    if dated is not None:
        return dated[0], "", _span(dated[1])
    carried = context.dated
    # Only an attack by the same side carries its day over ("Additionally, the resistance ...").
    is_near = carried is not None and sentence.index - carried.sentence <= _FOLLOW_UP_SENTENCES
    if carried is not None and is_near and _same_side(carried.attacker, attacker, kb):
        if sentence.has("cue", "earlier_cues"):
            day = carried.window.earliest - timedelta(days=1)
            earlier = DateWindow(day, day, carried.window.latest, "window")
            return earlier, "no time phrase: earlier than the attack told just before", carried.span
        return carried.window, "no time phrase: the day of the attack told just before", carried.span
    if context.news is not None:
        # An inference, not a statement of the attack's day: no date span, so a statement
        # that names the day joins this one.
        return context.news[0], "no time phrase: the day the news was told or the day before", None
    window = default_window(published)
    return window, "no time phrase: the publication day or the day before" if window else "", None


def _span(phrase: TimePhrase) -> tuple[int, int]:
    return phrase.start, phrase.end


def _parties(
    roles: Roles,
    context: _Context,
    window: DateWindow | None,
    spans: dict[str, tuple[int, int]],
    inferred: dict[str, str],
    *,
    sentence_names_group: bool,
    country: str,
    home_elsewhere: bool,
) -> tuple[str | None, str | None]:
    """Attacker and target named in the sentence; else those of the same day's attacks told
    before, or of any day when the sentence points back ("an attack also claimed by the same group").
    A carried attacker stays in the country of the attack it came from; a target also
    carries to any day in that country, never to another attacker's attack. A party the
    sentence names outranks one carried from earlier."""
    attacker = target = None
    named_target = roles.target.payload[1] if roles.target else None
    if roles.attacker:
        attacker = roles.attacker.payload[1]
        spans["attacker"] = (roles.attacker.start, roles.attacker.end)
    elif (
        context.attacker
        and context.attacker != named_target
        and (
            sentence_names_group
            or (_overlaps(window, context.attacker_window) and _near(country, context.attacker_country))
        )
    ):
        attacker = context.attacker
        inferred["attacker"] = "named earlier in the report"
    if roles.target and named_target != attacker:
        target = named_target
        spans["target"] = (roles.target.start, roles.target.end)
    elif (
        context.target
        and context.target != attacker
        and (attacker is None or context.attacker in (None, attacker))
        and not home_elsewhere
        and (sentence_names_group or country == context.target_country or _overlaps(window, context.target_window))
    ):
        target = context.target
        inferred["target"] = "named earlier in the report"
    return attacker, target


def _weapons(
    sentence: Sentence, doc: Document, kb: Knowledge, attacker: str | None, inferred: dict[str, str], place: Hit
) -> WeaponFields:
    """The weapons the sentence names for the place; else the usual weapon of a state's strikes, marked inferred."""
    weapons = weapon_fields(sentence, doc, kb, place=place)
    default = kb.actors[attacker].default_weapon if attacker else None
    if weapons.weapons or default is None:
        return weapons
    inferred["weapons"] = f"no weapon named: strikes by {attacker} are air strikes"
    event_type, sub_event_type = event_types((default,), kb)
    return replace(weapons, weapons=(default,), event_type=event_type, sub_event_type=sub_event_type)


_COUNT = r"(?P<count>\d+|[a-z]+)"
# "killing three soldiers", "three soldiers were killed", "six fighters of the Syrian Democratic
# Forces were killed": the count before or after the verb.
# Each with the word stems one of its verbs must contain: most sentences have none, and
# the count-first pattern would otherwise be tried at every word.
_CASUALTY_PATTERNS = {
    name: (
        stems,
        re.compile(rf"\b(?:{verbs_ing}|{verbs_ed})\s+(?:at least\s+|more than\s+|some\s+)?{_COUNT}\b", re.IGNORECASE),
        re.compile(
            rf"\b{_COUNT}\s+(?:[\w-]+\s+){{0,3}}?(?:of\s+(?:the\s+)?(?:[\w-]+\s+){{1,4}}?)?"
            rf"(?:were\s+|was\s+|have been\s+|had been\s+)?(?:\w+ly\s+)?(?:{verbs_ed})\b",
            re.IGNORECASE,
        ),
    )
    for name, stems, verbs_ing, verbs_ed in (
        ("killed", ("kill", "dead"), "killing", "killed|dead"),
        ("injured", ("wound", "injur", "hurt"), "wounding|injuring", "wounded|injured|hurt"),
    )
}


_NO_BEFORE = re.compile(r"\bno\s+$", re.IGNORECASE)  # "no one was hurt"


def _casualties(
    text: str, sentence: Sentence, kb: Knowledge, spans: dict[str, tuple[int, int]]
) -> tuple[int | None, int | None]:
    """The killed and wounded of this attack, as its sentence counts them ("wounding three soldiers")."""
    found: dict[str, int | None] = {}
    lowered = text[sentence.start : sentence.end].lower()
    for name, (stems, *patterns) in _CASUALTY_PATTERNS.items():
        found[name] = None
        if not any(stem in lowered for stem in stems):
            continue
        for pattern in patterns:
            # Searched from each word in turn: "NNA said two civilians were wounded" first
            # matches at "NNA", which is no number, and the count is further on.
            position = sentence.start
            while (match := pattern.search(text, position, sentence.end)) is not None:
                word = match.group("count").lower()
                number = int(word) if word.isdigit() else kb.time.number_words.get(word)
                if (
                    number is not None
                    and word != "a"
                    and not _NO_BEFORE.search(text, max(0, match.start() - 4), match.start())
                ):
                    found[name] = number
                    spans[name] = (match.start(), match.end())
                    break
                position = match.start() + 1
            if found[name] is not None:
                break
    return found["killed"], found["injured"]


def _is_background(window: DateWindow | None, published: Published) -> bool:
    if window is None or published.day is None:
        return False
    return (published.day - window.latest).days > _BACKGROUND_DAYS


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
