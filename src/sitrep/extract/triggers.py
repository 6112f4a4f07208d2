"""Attack statements: which words of a sentence tell an attack that happened.

Input: a prepared Sentence (its cue, weapon and time hits). Output: its realis attack
triggers (not a threat, a plan or a weapon's name), the one that names the attack rather
than its deaths, whether the sentence speaks of a whole campaign rather than one attack,
and where it goes on to tell an earlier attack as its motive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitrep.document import Document, Sentence
from sitrep.extract.anchors import event_time_phrases
from sitrep.knowledge import Knowledge
from sitrep.match import Hit

# A trigger this many tokens after an irrealis cue ("threatened to target") is not an attack.
_IRREALIS_REACH = 4
# A campaign word speaks of the attacks only this many words from an attack word.
_CAMPAIGN_REACH = 12
# "have been increasingly targeted", "has attacked", "have come under": the perfect, right before an attack word.
_PERFECT_BEFORE = re.compile(r"\b(?:have|has)\s+(?:\w+ly\s+)?(?:been\s+|come\s+)?(?:\w+ly\s+)?$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)
# "The attacks in Iraq have mainly targeted ...": the attacks, as a whole, in the perfect.
_ATTACKS_HAVE = re.compile(
    r"\s*(?:the|these|such)\s+(?:attacks|strikes)\b[^,.;]{0,40}?\b(?:have|has)\s+(?!been\s+(?:claimed|condemned))",
    re.IGNORECASE,
)
# "at least 97 attacks", "55 times": a tally, so the sentence is about the campaign.
_TALLY = re.compile(r"\b\d{2,}\s+(?:separate\s+)?(?:attacks|times)\b", re.IGNORECASE)


def realis_triggers(sentence: Sentence) -> list[Hit]:
    """The attack words of a sentence that tell an attack, not a threat or a weapon's name."""
    irrealis = [c for c in sentence.of("cue", "irrealis_cues") if not _DAY_AFTER.match(sentence.text, c.end)]
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
        and not _in_scare_quotes(sentence.text, t.start, t.end)
    ]


def incident_triggers(sentence: Sentence, doc: Document) -> list[Hit]:
    """ "UKMTO received a report of an incident 54 nautical miles southwest of Aden. The master
    reports the vessel was struck by a missile": the incident is an attack word where the
    next sentence tells an attack, names no place and refers back to it."""
    incidents = sentence.of("cue", "incident_nouns")
    if not incidents or not sentence.has("place") or sentence.index + 1 >= len(doc.sentences):
        return []
    after = doc.sentences[sentence.index + 1]
    tells_it = realis_triggers(after) and after.has("cue", "anaphors") and not after.has("place")
    return list(incidents) if tells_it else []


# "GOMA, May 3 - Bombs hit ...": "may" before a day's number is the month.
_DAY_AFTER = re.compile(r"\s+\d{1,2}\b")


# "what he called \"an attack\"", "claimed that the “attack” was meant to ...": an attack word
# alone in quotation marks is a speaker's name for what happened, which the report does not state.
_OPEN_QUOTE = re.compile(r"[\"“‘'](?:an?\s+|the\s+)?$", re.IGNORECASE)
_CLOSE_QUOTE = re.compile(r"[\"”’']")


def _in_scare_quotes(text: str, start: int, end: int) -> bool:
    return bool(_OPEN_QUOTE.search(text, max(0, start - 6), start) and _CLOSE_QUOTE.match(text, end))


def is_casualty(sentence: Sentence, trigger: Hit) -> bool:
    """The trigger names deaths or wounds ("killed"), not the attack itself."""
    return any((c.start, c.end) == (trigger.start, trigger.end) for c in sentence.of("cue", "casualty_triggers"))


def main_trigger(sentence: Sentence, triggers: list[Hit]) -> Hit:
    """The trigger that names the attack, not the deaths ("killed in US air strikes"), nor
    the blast it caused ("the blast was caused by an Israeli drone strike")."""
    causes = sentence.of("cue", "cause_cues")
    return min(triggers, key=lambda t: (is_casualty(sentence, t), not any(c.end <= t.start for c in causes), t.start))


def is_campaign_statement(sentence: Sentence, doc: Document, kb: Knowledge) -> bool:
    """A sentence about many attacks at once ("repeatedly", "dozens of", "the attacks have
    targeted ...") with no single day, or one that counts attacks ("at least 97 attacks ...
    until Wednesday")."""
    if _TALLY.search(doc.text, sentence.start, sentence.end) or _is_ongoing_since(sentence, doc, _asides(sentence)):
        return True
    if _ATTACKS_HAVE.match(doc.text, sentence.start) and not _names_a_day(sentence, doc, kb):
        return True
    asides = _asides(sentence)
    triggers = realis_triggers(sentence)
    if asides:
        told = [t for t in triggers if not _inside(t, asides)]
        if not told:
            return True  # every attack word describes a group ("..., which has targeted US forces since ...,")
        triggers = told
    ordinals = sentence.of("cue", "ordinal_cues")
    cues = [
        c
        for c in sentence.of("cue", "campaign_cues")
        if not _one_of_them(c, ordinals, doc.text) and not _inside(c, asides)
    ]
    if not any(abs(cue.first - trigger.first) <= _CAMPAIGN_REACH for cue in cues for trigger in triggers):
        return False  # "no information has been revealed so far" says nothing of the attacks
    return not _names_a_day(sentence, doc, kb)


# "the latest in a string of attacks", "the third in a series of strikes"
_ORDINAL_IN = re.compile(r"\s+(?:in|of)(?:\s+(?:a|an|the))?\s+$")


def _one_of_them(cue: Hit, ordinals: Sequence[Hit], text: str) -> bool:
    """An ordinal before the campaign word makes the attack one of them: "the first wave of
    attacks", "the latest in a string of attacks"."""
    return any(
        o.last == cue.first - 1 or (cue.first - 3 <= o.last < cue.first and _ORDINAL_IN.match(text, o.end, cue.start))
        for o in ordinals
    )


def _names_a_day(sentence: Sentence, doc: Document, kb: Knowledge) -> bool:
    return any(p.kind in ("date", "weekday", "relative") for p in event_time_phrases(sentence, doc, kb))


def _is_ongoing_since(sentence: Sentence, doc: Document, asides: list[tuple[int, int]]) -> bool:
    """ "Since October, US bases have been increasingly targeted": attacks told in the perfect
    since a past day are a campaign, not one attack (unless only an aside about a group says so)."""
    if not _SINCE.search(doc.text, sentence.start, sentence.end):
        return False
    triggers = sentence.of("cue", "attack_triggers")
    ongoing = [t for t in triggers if _PERFECT_BEFORE.search(doc.text, max(sentence.start, t.start - 40), t.start)]
    if not ongoing:
        return False
    return not (all(_inside(t, asides) for t in ongoing) and any(not _inside(t, asides) for t in triggers))


# A relative aside about a party: ", which has claimed many of the attacks since October,"
_ASIDE = re.compile(r"(?:,|\s[—–])\s+(?:which|who)\b[^,—–]*(?:,|\s[—–])")


def _asides(sentence: Sentence) -> list[tuple[int, int]]:
    return [m.span() for m in _ASIDE.finditer(sentence.text, sentence.start, sentence.end)]


def _inside(hit: Hit, spans: list[tuple[int, int]]) -> bool:
    return any(start <= hit.start and hit.end <= end for start, end in spans)


def motive_split(sentence: Sentence) -> int | None:
    """Where a sentence goes on to tell an earlier attack as the motive of its own ("US bombers
    struck ..., in retaliation for the drone attack that killed three US soldiers at Tower 22")."""
    triggers = sentence.of("cue", "attack_triggers")
    for motive in sentence.of("cue", "motive_cues"):
        if any(t.start < motive.start for t in triggers) and any(t.start >= motive.end for t in triggers):
            return motive.start
    return None
