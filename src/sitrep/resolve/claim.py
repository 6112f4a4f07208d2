"""Resolve the claim status of an attack: claimed, confirmed, reported (or denied)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitrep.document import Sentence
from sitrep.knowledge import Knowledge
from sitrep.match import Hit

# A claim cue this many tokens after the attacker's name is the attacker's own statement;
# this many before it, the attacker is named as its author ("a statement by the groups that
# identify as the Islamic Resistance in Iraq").
_SUBJECT_REACH = 25
_AUTHOR_REACH = 8
# A confirmation cue this close to an armed group speaks for the group ("its spokesman").
_GROUP_VOICE_REACH = 6


def claim_status(
    sentence: Sentence,
    attacker: str | None,
    actors: list[Hit],
    kb: Knowledge,
    *,
    carried_claim: str | None = None,
    carried_confirmation: bool = False,
) -> tuple[str, str | None]:
    """Fill claim and claimed_by: who says the attack happened, by the report's own words.

    claimed: the attacker claims it ("the IRI claimed", "claimed by KH", "the group said
    it"), a state announcing its own strike included; confirmed: the target's side or an
    official confirms it; reported: neither.
    """
    statuses = set()
    said_by_attacker = attacker is not None and _attacker_says(sentence, attacker, actors, kb)
    carries_claim = carried_claim is not None and carried_claim == attacker and not has_own_source(sentence)
    if said_by_attacker or carries_claim or _state_announces(sentence, attacker, kb):
        statuses.add("claimed")
    if is_confirmed(sentence, kb) or (carried_confirmation and not has_own_source(sentence)):
        statuses.add("confirmed")
    claim = best_claim(statuses or {"reported"}, kb.claim_precedence)
    return claim, attacker if claim == "claimed" or said_by_attacker else None


def is_confirmed(sentence: Sentence, kb: Knowledge) -> bool:
    """An official or the target's side confirms: a confirmation cue not spoken for an armed
    group, or a country speaking ("..., Syria said at the time")."""
    if _country_says(sentence) or _state_cited(sentence, kb):
        return True
    groups = [h for h in sentence.of("actor") if kb.actor(h.payload[1]).kind == "armed_group"]
    return any(
        not any(_speaks_for(sentence, cue, group) for group in groups) for cue in sentence.of("cue", "confirm_cues")
    )


def _state_announces(sentence: Sentence, attacker: str | None, kb: Knowledge) -> bool:
    """A state's officials tell of the state's own strike ("US forces carried out airstrikes
    ..., officials said"): an official's words that no other party owns ("Syria's defence
    ministry said" is the host confirming)."""
    if attacker is None or kb.actor(attacker).kind == "armed_group" or sentence.has("cue", "unacknowledged_cues"):
        return False
    owners = [h for h in sentence.hits if h.payload[0] in ("actor", "country")]
    # An outlet's source or the host's voice ("SANA said, citing a military source",
    # "authorities said") is no one's own announcement unless the attacker is named as it.
    host_voices = kb.role_cues["host_voices"]
    cited = sentence.has("cue", "outlets") or any(
        sentence.text[c.start : c.end].lower() in host_voices for c in sentence.of("cue", "confirm_cues")
    )
    for cue in sentence.of("cue", "confirm_cues"):
        owner = next((h for h in owners if _owns(sentence, h, cue)), None)
        if owner is not None:
            if owner.payload == ("actor", attacker):
                return True
            continue
        if not cited:
            return True
    return False


def speaking_state(sentence: Sentence, kb: Knowledge) -> str | None:
    """The state whose own official speaks in the sentence ("US defence secretary Lloyd Austin
    said", "the Pentagon said"), if one owns an official's word and acknowledges more than a report."""
    if sentence.has("cue", "unacknowledged_cues"):
        return None
    owners = [h for h in sentence.of("actor") if kb.actor(h.payload[1]).kind in ("state", "state_force")]
    for cue in sentence.of("cue", "confirm_cues"):
        owner = next((h for h in owners if _owns(sentence, h, cue)), None)
        if owner is not None:
            return str(owner.payload[1])
    return None


# How far before an official's word its owner stands: "Syria's defence ministry", "US officials".
_OWNER_REACH = 3


def _owns(sentence: Sentence, owner: Hit, cue: Hit) -> bool:
    """The party an official's word belongs to: named in it ("the Pentagon") or just before it."""
    if owner.first >= cue.first and owner.last <= cue.last:
        return True
    return 0 <= cue.first - owner.last <= _OWNER_REACH and "," not in sentence.text[owner.end : cue.start]


def _speaks_for(sentence: Sentence, cue: Hit, group: Hit) -> bool:
    """A confirmation cue that belongs to an armed group ("Houthi military spokesman", "a
    spokesman for Hezbollah"), unless a comma parts them ("..., Harakat al-Nujaba, the
    Pentagon said")."""
    if 0 <= cue.first - group.last <= _GROUP_VOICE_REACH:
        return "," not in sentence.text[group.end : cue.start]
    if 0 <= group.first - cue.last <= _GROUP_VOICE_REACH and not _SPEECH_VERB.search(sentence.text, cue.start, cue.end):
        return bool(_VOICE_OF.match(sentence.text[cue.end : group.start]))  # "a spokesman for Hezbollah"
    return False


# "a spokesman for Hezbollah", "officials of the Houthi movement": the voice belongs to the group
# after it; "security sources said a US drone struck" does not.
_VOICE_OF = re.compile(r"^\s+(?:for|of)\s+(?:the\s+)?$", re.IGNORECASE)


# The word that makes the group after a claim word its author: "claimed by", "a statement from".
_AUTHOR_OF = re.compile(r"\b(?:by|from|of)\b", re.IGNORECASE)

# A claim said not to have been made: "have not officially claimed", "no group has yet claimed",
# "has yet to claim".
_NEGATED = re.compile(
    r"\b(?:not|never|no one|nobody|no group|no party|yet to|none)\b(?:\s+\w+){0,3}\s*$", re.IGNORECASE
)

# The attacker named as the one speaking: "the Houthis said ...", "Hezbollah also announced ...".
_SAYS_AFTER = re.compile(
    r"\s+(?:also\s+|later\s+)?(?:said|says|announced|announces|stated|declared|reported)\b", re.IGNORECASE
)
# "the US military said the Houthis fired": a group after what was said is not the speaker.
_SPEECH_VERB = re.compile(r"\b(?:said|says|told|added|confirmed)$", re.IGNORECASE)


# "the Iran-backed militant group": "the" and at most three describing words before the head
# of an armed group's description (not "the attack by a militant group").
_DEFINITE_BEFORE = re.compile(
    r"\bthe\s+(?:(?!(?:a|an|by|of|from|for|with|and|or|to|in|on|at|that|which)\b)[\w'’-]+\s+){0,3}$", re.IGNORECASE
)


def group_descriptions(sentence: Sentence) -> list[Hit]:
    """The definite descriptions of an armed group ("the Iran-backed militant group", "the
    rebel movement"): like "the group", they stand for the group named before, unless they
    name it ("the Iran-backed Kataib Hezbollah militia"; "Iran-backed" only describes it)."""
    descriptions = []
    for head in sentence.of("cue", "armed_group_heads"):
        article = _DEFINITE_BEFORE.search(sentence.text, max(sentence.start, head.start - 60), head.start)
        named = (
            any(
                article.start() <= a.start < head.start and not sentence.text.startswith("-", a.end)
                for a in sentence.of("actor")
            )
            if article
            else True
        )
        if not named:
            descriptions.append(head)
    return descriptions


def _country_says(sentence: Sentence) -> bool:
    """A country speaks: "Syria said", "Israel confirmed that a drone had targeted ..."."""
    said = {cue.first for cue in sentence.of("cue", "report_cues")}
    return any(
        country.last + 1 in said or _CONFIRMS.match(sentence.text, country.end) for country in sentence.of("country")
    )


def _state_cited(sentence: Sentence, kb: Knowledge) -> bool:
    """A state or its forces are the source: "according to the Sudanese army" (not "according
    to the UK security firm Ambrey", where the country only describes the source)."""
    return any(
        _ACCORDING.search(sentence.text, max(sentence.start, h.start - 20), h.start)
        and _PHRASE_END.match(sentence.text, h.end)
        for h in sentence.hits
        if h.payload[0] == "country" or (h.payload[0] == "actor" and kb.actor(h.payload[1]).kind in _STATE_KINDS)
    )


_STATE_KINDS = ("state", "state_force")
_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?$", re.IGNORECASE)
_PHRASE_END = re.compile(r"\s*(?:[^\w\s]|$)")
_CONFIRMS = re.compile(r"\s+(?:has\s+|had\s+)?(?:confirmed|acknowledged)\b", re.IGNORECASE)


def has_own_source(sentence: Sentence) -> bool:
    """The sentence names who told it ("sources told Al Mayadeen"), so nothing carries into it;
    "according to the statement" names the statement told just before, so that carries."""
    return sentence.has("cue", "report_cues") and not _THE_STATEMENT.search(sentence.text)


# The statement of the sentence before, cited again: "According to the statement, ...", "the statement said".
_THE_STATEMENT = re.compile(
    r"\b(?:according to|citing) the (?:same )?statements?\b|\bthe (?:same )?statements? (?:said|added|stated)\b",
    re.IGNORECASE,
)


def best_claim(statuses: set[str], precedence: Sequence[str]) -> str:
    """Return the status that wins among several (precedence from data/lexicon.yaml)."""
    return min(statuses, key=list(precedence).index)


def _attacker_says(sentence: Sentence, attacker: str, actors: list[Hit], kb: Knowledge) -> bool:
    if sentence.has("cue", "unacknowledged_cues"):
        return False  # "the Pentagon said it was aware of reports of the strike"
    named = [h for h in actors if h.payload[1] == attacker]
    if any(_speaks_for(sentence, cue, h) for cue in sentence.of("cue", "confirm_cues") for h in named):
        return True  # "Houthi military spokesman Yahya Saree said the group fired ..."
    if any(_SAYS_AFTER.match(sentence.text, h.end) for h in named):
        return True  # "Yemen's Houthis said on Thursday they had targeted ..."
    pronouns = [*sentence.of("cue", "group_pronouns"), *group_descriptions(sentence)]
    if not named and any(p.last > p.first and _SAYS_AFTER.match(sentence.text, p.end) for p in pronouns):
        return True  # "the group said", "the Iran-backed militant group also reported launching ..."
    cues = [
        c
        for c in sentence.of("cue", "claim_cues")
        if not _NEGATED.search(sentence.text, max(sentence.start, c.start - 40), c.start)
    ]
    if not cues:
        return False
    for cue in cues:
        if any(0 <= cue.first - h.last <= _SUBJECT_REACH for h in named):
            return True
        if any(
            0 <= h.first - cue.last <= _AUTHOR_REACH and _AUTHOR_OF.search(sentence.text, cue.end, h.start)
            for h in named
        ):
            return (
                True  # "claimed by Kataib Hezbollah", "a statement by ... the IRI"; not "a statement on Houthi attacks"
            )
        if not named and any(0 <= cue.first - p.last <= 3 for p in pronouns):
            return True  # "the group said", "it announced"
    return False
