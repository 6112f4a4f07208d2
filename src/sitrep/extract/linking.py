"""Attack linking: which attack already told a sentence goes on about.

Input: the mentions built so far, a Sentence and its time phrases. Output: the mentions,
with the evidence of a sentence that continues an attack added to it. A sentence that
names no place continues the attack(s) of the last sentence that told any when it refers
back ("the base was hit", "Tuesday's attack", "the group claimed the attacks") and names
no other party; a place named as an attack's name ("the Tower 22 attack") with no day of
its own is the attack told before at that place. The merge of attacks told twice in one
report is `extract.merge`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitrep.document import Document, Sentence
from sitrep.extract.anchors import CARRIED_DAY_NOTE, is_background, is_said_day, window_fields, window_near
from sitrep.extract.context import Context
from sitrep.extract.parties import claimant, opens_new_story, overlaps, sentence_actors
from sitrep.extract.triggers import main_trigger, realis_triggers
from sitrep.knowledge import Knowledge
from sitrep.match import Hit
from sitrep.records import MAX_WINDOW_DAYS, WEAPON_KINDS, Mention
from sitrep.resolve.actor import Roles, actor_roles
from sitrep.resolve.claim import best_claim, claim_status
from sitrep.resolve.time import Dating, Published, TimePhrase
from sitrep.resolve.weapon import weapon_fields

# A sentence may go on about an attack last spoken of at most this many sentences before.
_FOLLOW_UP_SENTENCES = 3
# "the Tower 22 attack": a place named as the name of an attack already told.
_NAMED_ATTACK = re.compile(r"\s+(?:attack|strike|bombing|assault)\b", re.IGNORECASE)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def follow_up(
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
    if not mentions or opens_new_story(sentence):
        return mentions
    last_span = mentions[-1].evidence_spans[0]
    group = [m for m in mentions if m.evidence_spans[0] == last_span]
    if not (sentence.has("cue", "anaphors") or phrases or _intercepts(sentence, group) or claims_the_last(sentence)):
        return mentions
    last_said = max(span[0] for m in group for span in m.evidence_spans)
    if sentence.index - doc.sentence_at(last_said).index > _FOLLOW_UP_SENTENCES:
        return mentions
    if _other_weapons(sentence, doc, kb, group):
        return mentions
    actors = sentence_actors(sentence)
    triggers = realis_triggers(sentence)
    if triggers and _only_interceptions(sentence, triggers):
        actors = []  # "shot down by US Navy destroyers": the interceptor, not a party to the attack
    roles = actor_roles(doc.text, actors, main_trigger(sentence, triggers), kb) if triggers else Roles(None, None)
    named = roles.attacker or claimant(sentence, actors, kb)
    updated = {id(m): _add_follow_up(m, sentence, doc, kb, actors, roles, named) for m in group}
    if sentence.has("cue", "anaphors"):
        told = [p for p in phrases if not is_said_day(doc.text, p)]
        dated = window_near(sentence.start, told, published, Context())
        updated = {key: _dated_by_follow_up(m, dated, published) if m else m for key, m in updated.items()}
    return [updated.get(id(m)) or m for m in mentions]


def claims_the_last(sentence: Sentence) -> bool:
    """A claim with no object, told after an attack ("A little-known group, Tehreek-e-Jihad
    Pakistan, claimed responsibility."): it claims the attack just told."""
    return any(
        sentence.text[cue.start : cue.end].lower().endswith("responsibility")
        and _ENDS_SENTENCE.match(sentence.text, cue.end, sentence.end)
        for cue in sentence.of("cue", "claim_cues")
    )


# What may follow a claim with no object: where it was made, then the sentence's end.
_ENDS_SENTENCE = re.compile(r"(?:\s+(?:in a statement|online|on Telegram|on social media))?\s*[.!]?\s*$")


def claimed_in_campaign(mentions: list[Mention], sentence: Sentence, doc: Document, kb: Knowledge) -> list[Mention]:
    """ "Meanwhile, the Israeli army announced that it struck dozens of Hezbollah targets in the
    Nabatieh area": an attacker's own account of its campaign claims the attacks it already
    made at the places it names (not those the report dates to other weeks)."""
    actors = sentence_actors(sentence)
    named = {hit.payload[1] for hit in actors}
    places = {hit.payload[1] for hit in sentence.of("place")}
    note = "the attacker's account of its strikes at this place"
    return [
        replace(
            m,
            claim="claimed",
            claimed_by=m.attacker,
            inferred={**m.inferred, "claim": note},
            evidence_spans=(*m.evidence_spans, (sentence.start, sentence.end)),
        )
        if m.attacker in named
        and m.place_id in places
        and m.claim != "claimed"
        and not m.background
        and claim_status(sentence, m.attacker, actors, kb)[0] == "claimed"
        else m
        for m in mentions
    ]


def names_the_attack(text: str, place: Hit) -> bool:
    """ "the Tower 22 attack": the place names an attack."""
    return bool(
        _NAMED_ATTACK.match(text, place.end) and _THE_BEFORE.search(text[max(0, place.start - 5) : place.start])
    )


def as_told_before(mention: Mention, mentions: list[Mention]) -> Mention:
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
        reading=earlier.reading,
        attacker=None if "attacker" in carried else mention.attacker,
        target=None if "target" in carried else mention.target,
        inferred={
            **{k: v for k, v in mention.inferred.items() if k not in carried},
            "date": "the attack told before at this place",
        },
        spans={k: v for k, v in mention.spans.items() if k != "date"},
    )


def placed_on_another_day(mention: Mention, mentions: list[Mention]) -> bool:
    """The day of an attack told just before dates this one, and it is not the day of the
    attack told earlier at the place: "US forces responded with airstrikes on Oct. 26.
    American planes hit sites in ... Bukamal" after the strikes of Nov. 12 there places the
    attack of Oct. 26."""
    earlier = next((m for m in reversed(mentions) if m.place_id == mention.place_id), None)
    if earlier is None or mention.inferred.get("date") != CARRIED_DAY_NOTE:
        return False
    days = (mention.date_earliest or "", mention.date_latest or "")
    return days[1] < (earlier.date_earliest or "") or (earlier.date_latest or "") < days[0]


def _intercepts(sentence: Sentence, group: list[Mention]) -> bool:
    """ "Eighteen drones and two cruise missiles were shot down": the interception of the
    weapons of the attack just told refers back to it."""
    fired = {weapon for m in group for weapon in m.weapons}
    return sentence.has("cue", "interception_cues") and any(h.payload[1] in fired for h in sentence.of("weapon"))


def _other_weapons(sentence: Sentence, doc: Document, kb: Knowledge, group: list[Mention]) -> bool:
    """ "the drone attack was conducted by ..." after a missile attack: a sentence naming only
    weapons the last attacks did not use is about another attack."""
    named = set(weapon_fields(sentence, doc, kb).weapons)
    covered = named | {kind for weapon in named for kind in WEAPON_KINDS.get(weapon, ())}
    used = {weapon for m in group for weapon in m.weapons}
    return bool(named and used and all(m.weapons for m in group) and not covered & used)


def _only_interceptions(sentence: Sentence, triggers: list[Hit]) -> bool:
    stopped = {(c.start, c.end) for c in sentence.of("cue", "interception_cues")}
    return all((t.start, t.end) in stopped for t in triggers)


def _dated_by_follow_up(mention: Mention, dated: Dating | None, published: Published) -> Mention:
    """The day a follow-up gives "the attack", for an attack dated only by inference or report."""
    if dated is None or "date" not in mention.inferred or mention.date_latest is None:
        return mention
    window, phrase, reading = dated
    if (window.latest - window.earliest).days >= MAX_WINDOW_DAYS or window.latest.isoformat() > mention.date_latest:
        return mention  # not a day, or after the attack was reported: not this attack's day
    return replace(
        mention,
        **window_fields(window),
        background=mention.background or is_background(window, published),
        # The follow-up's day is no later than the one it replaces: background stays background.
        reading=replace(reading, history=mention.reading.history if mention.reading else False),
        spans={**mention.spans, "date": phrase.span},
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
    target = roles.target.payload[1] if roles.target else None
    # The sentence after a maritime notice's "incident" tells what it was (`incident_triggers`).
    fills_target = mention.target is None and _is_incident(mention, doc)
    if target is not None and not fills_target and target not in (mention.target, attacker):
        return None
    if named and named != attacker:
        return None
    spans = dict(mention.spans)
    if renamed and named_hit is not None:
        spans["attacker"] = (named_hit.start, named_hit.end)
    weapons = weapon_fields(sentence, doc, kb)
    claim, claimed_by = claim_status(sentence, attacker, actors, kb)
    if fills_target and roles.target is not None:
        spans["target"] = (roles.target.start, roles.target.end)
    return replace(
        mention,
        attacker=attacker,
        target=target if fills_target else mention.target,
        inferred={k: v for k, v in mention.inferred.items() if k != "attacker" or attacker == mention.attacker},
        weapons=mention.weapons or weapons.weapons,
        strikes=mention.strikes if mention.strikes is not None else weapons.strikes,
        claim=best_claim({mention.claim, claim}, kb.claim_precedence),
        claimed_by=mention.claimed_by or claimed_by,
        intercepted=True if mention.intercepted or sentence.has("cue", "interception_cues") else None,
        evidence_spans=(*mention.evidence_spans, (sentence.start, sentence.end)),
        spans={**weapons.spans, **spans} if not mention.weapons else spans,
    )


def _is_incident(mention: Mention, doc: Document) -> bool:
    start, end = mention.spans["trigger"]
    return any((c.start, c.end) == (start, end) for c in doc.sentence_at(start).of("cue", "incident_nouns"))


def _can_rename(mention: Mention, kb: Knowledge) -> bool:
    """An attacker carried over from earlier, or only described ("Iran-backed militants"), can be named."""
    attacker = mention.attacker
    return attacker is None or "attacker" in mention.inferred or kb.actor(attacker).is_generic


# "the Israeli strike on Tuesday near Tir Harfa": a definite attack word refers to one told.
_DEFINITE = re.compile(r"\bthe\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def places_the_confirmed(context: Context, sentence: Sentence, attacker: str | None, dated: Dating | None) -> bool:
    """ "An Israeli strike killed two journalists near the border on Tuesday, Lebanese state
    media said. ... the Israeli strike on Tuesday near the town of Tir Harfa": the statement
    that places the confirmed attack told with no place shares its confirmation."""
    definite = any(
        _DEFINITE.search(sentence.text, max(sentence.start, t.start - 40), t.start)
        for t in sentence.of("cue", "attack_triggers")
    )
    if context.confirmed_placeless is None or not definite:
        return False
    told_by, window = context.confirmed_placeless
    return told_by == attacker and overlaps(window, dated.window if dated else None)
