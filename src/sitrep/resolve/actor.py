"""Resolve who attacked whom: the roles of the actors a sentence names around its trigger."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from sitrep.knowledge import UNLISTED, UNLISTED_STATE, Knowledge
from sitrep.match import Hit

ATTACKER_KINDS = frozenset({"armed_group", "state", "state_force"})
_WINDOW = 40


@dataclass(frozen=True, slots=True)
class Roles:
    """The actor hits found as attacker and target of one attack (None when not named)."""

    attacker: Hit | None
    target: Hit | None


def actor_roles(text: str, actors: list[Hit], trigger: Hit, kb: Knowledge) -> Roles:
    """Return the attacker and target among actors, from the words around each and the trigger."""
    attackers, targets, defenders = [], [], []
    passive = _is_passive(text, trigger)
    previous: tuple[Hit, str | None] | None = None
    for hit in actors:
        role = _role(text, hit, trigger, kb, passive=passive)
        if previous is not None and _describes(text, previous[0], hit, kb):
            role = previous[1]
        previous = (hit, role)
        if role in ("attacker", "agent"):
            attackers.append((role == "agent", hit))
        elif role == "target":
            targets.append(hit)
        elif role == "defender":
            defenders.append(hit)
    # An agent named by its cue ("claimed by X") beats one placed by word order; a named
    # group beats a generic description of it ("Iranian sponsored Kataib Hezbollah").
    attackers.sort(key=lambda a: (not a[0], kb.actor(a[1].payload[1]).is_generic))
    attacker = attackers[0][1] if attackers else None
    # The target nearest the attack word: "targeted a cargo ship ..., and fired missiles at
    # the Israeli city of Eilat" (for Eilat, Israel).
    targets.sort(key=lambda t: abs(t.first - trigger.first))
    # The side that stopped the weapons is the target when no other is named: "a base of the
    # coalition" says more than "US air defenses intercepted".
    targets += defenders
    target = next((t for t in targets if attacker is None or t.payload != attacker.payload), None)
    return Roles(attacker, target)


# ", a coalition of Iran-backed militias" right after a group's name describes that group.
_APPOSITIVE = re.compile(r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,4}")


def _describes(text: str, name: Hit, hit: Hit, kb: Knowledge) -> bool:
    """A generic actor in an aside right after a name is that name, in the same role."""
    return kb.actor(hit.payload[1]).is_generic and bool(_APPOSITIVE.fullmatch(text, name.end, hit.start))


# Where a sentence ends inside the words around an actor: the cues there are another sentence's.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")


def _words_around(text: str, hit: Hit) -> tuple[str, str]:
    """The lower-cased words just before and after an actor, within its own sentence."""
    before = text[max(0, hit.start - _WINDOW) : hit.start]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    # "U.S." matched as "U.S": its own full stop ends no sentence.
    own_stop = text.startswith(".", hit.end) and "." in text[hit.start : hit.end]
    after = text[hit.end + own_stop : hit.end + own_stop + _WINDOW]
    end = _SENTENCE_END.search(after)
    return before[ends[-1] if ends else 0 :].lower().rstrip(), after[: end.start() if end else len(after)].lower()


def _role(text: str, hit: Hit, trigger: Hit, kb: Knowledge, *, passive: bool = False) -> str | None:
    """Return "agent" (named by a cue), "attacker" (by word order), "target", "defender"
    (stopped the weapons), or None (a voice)."""
    actor = kb.actor(hit.payload[1])
    before, after = _words_around(text, hit)
    after = _skip_adverbs(after)
    cues = kb.role_cues
    if actor.kind not in ATTACKER_KINDS:
        return "target"
    if before.endswith("(") and after.startswith(")") and actor.source != UNLISTED:
        # "(CENTCOM)" repeats the name before it. An unlisted group's acronym in brackets is
        # kept (document._unlisted_groups) only after a name no list knows: its one name here.
        return None
    if actor.source == UNLISTED_STATE and _starts_with_any(after, cues["incoming_weapons"]):
        return "agent"  # "destroyed 32 Ukrainian drones": whoever stops them, the drones are Ukraine's
    is_modifier = hit.end < trigger.start and text[hit.end : trigger.start].strip() in ("", ".")
    modifies_noun = is_modifier and text[trigger.start : trigger.end].lower() in cues["attack_nouns"]
    if actor.kind == "state" and _ends_with_any(before, cues["location_before"]) and not is_modifier:
        return None  # "in northern Israel" is where, not who ("in Israeli strikes" is who)
    if _ends_near(before, cues["neutral_before"]) or _starts_near(after, cues["outlet_after"]):
        return None
    if before.endswith(cues["affinity_before"]) and _ends_with_any(before, cues["affinity_before"]):
        return None  # "pro-Iran fighters": the fighters are the party
    if _starts_with_any(after, cues["sponsor_after"]):
        return None  # "Iranian-backed Houthis": Iran backs the attacker
    if _starts_with_any(after, cues["denier_after"]):
        return None  # "Kataib Sayyid al-Shuhada denied any involvement"
    if modifies_noun:
        return "agent"  # "a U.S. drone strike", "an Israeli strike": who struck, whatever stands before
    if _starts_with_any(after, cues["victim_after"]) or _starts_with_any(
        _skip_head(after, cues["party_heads"]), cues["victim_after"]
    ):
        return "target"
    if actor.kind != "armed_group" and _names_speaker(text, hit, cues["source_after"]):
        # "The IDF said its fighter jets struck ...": a state's military telling its own strike
        return "agent" if _tells_its_own(text, hit, trigger, cues["source_after"]) else None
    if _defends(after, text[trigger.start : trigger.end].lower(), cues) or (
        actor.kind != "armed_group" and _engages_incoming(after, cues)
    ):
        return "defender"
    if _ends_with_any(_drop_article(before), cues["stopped_by"]) and _names_incoming(before, cues):
        return "defender"
    if _ends_with_any(_drop_article(before), cues["not_attacker_before"]):
        return "target"
    if _ends_with_any(before, cues["attacker_before"]) or _ends_with_any(
        _drop_compound(before, cues["party_adjectives"]), cues["attacker_before"]
    ):
        return "agent"
    if _starts_with_any(after, cues["target_after"]) or (
        _ends_near(before, cues["target_before"], slack_words=1) and not _opens_with_head(before, cues["party_heads"])
    ):
        return "target"
    # Word order: the actor before an active trigger attacks; before a passive one it is hit.
    # After a passive trigger only "by X" (handled above) names the attacker.
    is_before = hit.start < trigger.start
    if passive:
        return "target" if is_before else None
    if is_before and _BEHIND_PREPOSITION.search(text, hit.end, trigger.start):
        return None  # "forces left the base following attacks on it": the subject of another verb
    if is_before and _ends_with_any(
        _drop_article(text[hit.end : trigger.start].lower().rstrip()), cues["inquiry_nouns"]
    ):
        return None  # "forces were unable to determine the origin of the explosion": what they sought
    return "attacker" if is_before else "target"


# An attack noun behind a preposition of time ("following attacks", "after the strike") is
# no verb of the actor before it; its agent is named by a modifier or "by".
_BEHIND_PREPOSITION = re.compile(
    r"\b(?:following|after|amid|since|despite|during|before)\s+(?:(?:the|a|an|these|those|recent|repeated)\s+)*$",
    re.IGNORECASE,
)


_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|came under|come under)\s+(?:\w+\s+)?$")


_UNDERGOES = re.compile(r"(?:came|come|comes|coming)\s+under\b", re.IGNORECASE)
# "US forces attacked three times in 24 hours" (a headline drops its "were"): a participle
# followed by how often, with no object between, is passive.
_HOW_OFTEN = re.compile(
    r"\s+(?:(?:at least|more than)\s+)?(?:[\w-]+\s+){1,2}times\b|\s+(?:twice|again)\b", re.IGNORECASE
)


def _is_passive(text: str, trigger: Hit) -> bool:
    """ "US forces were attacked", "the base was also targeted", "US forces came under
    attack": the trigger is passive."""
    return bool(
        _PASSIVE.search(text[max(0, trigger.start - 30) : trigger.start].lower())
        or _UNDERGOES.match(text, trigger.start)
        or (text[trigger.start : trigger.end].endswith("ed") and bool(_HOW_OFTEN.match(text, trigger.end)))
    )


def _defends(after: str, trigger: str, cues: Mapping[str, tuple[str, ...]]) -> bool:
    """The actor stopped the weapons of an attack another word tells ("US air defenses
    intercepted a drone targeting al-Tanf"): the side attacked, not the attacker."""
    if any(phrase.startswith(trigger) for phrase in cues["defender_after"]):
        return False  # "the Houthis shot down a US drone": the interception is the attack
    stripped = after.lstrip()
    noun = next((n for n in cues["defence_nouns"] if _starts_with_any(stripped, (n,))), "")
    return _starts_with_any(_skip_adverbs(stripped[len(noun) :]), cues["defender_after"])


def _starts_near(after: str, phrases: tuple[str, ...]) -> bool:
    """Whether the words after an actor begin with a phrase, or with its owner's name first:
    "Houthi media", "the Houthis' Al Masirah satellite news channel"."""
    if _starts_with_any(after, phrases):
        return True
    possessive = _POSSESSIVE.match(after)
    if possessive is None:
        return False
    words = after[possessive.end() :].split()[: _NAME_WORDS + 1]
    return any(_starts_with_any(" ".join(words[n:]), phrases) for n in range(len(words)))


# "the Houthis' Al Masirah ...", "Hezbollah's al-Manar ...": what follows belongs to the actor.
_POSSESSIVE = re.compile(r"^(?:'s|’s|'|’)\s+")
# How many words of a name may stand between an actor and the noun that makes it a voice.
_NAME_WORDS = 4


def _names_speaker(text: str, hit: Hit, verbs: tuple[str, ...]) -> bool:
    """The actor names who spoke: "the Pentagon said", "The U.S. Central Command (CENTCOM)
    on Sunday denied", "an official in the US Department of Defense told AFP"."""
    _, after = _words_around(text, hit)
    if _starts_with_any(_skip_parenthesis(after), verbs):
        return True
    return bool(_office_then(verbs).match(text, hit.end + text.startswith(".", hit.end)))


def _tells_its_own(text: str, hit: Hit, trigger: Hit, verbs: tuple[str, ...]) -> bool:
    """The speaker says its own forces or weapons did it: "CENTCOM said its forces struck",
    "the Israeli military said on Monday that its jets had hit" (not "said its soldiers were
    killed in strikes")."""
    return hit.end < trigger.start and bool(_its_own(verbs).fullmatch(text, hit.end, trigger.start))


@functools.cache
def _its_own(verbs: tuple[str, ...]) -> re.Pattern[str]:
    verb = "|".join(map(re.escape, verbs))
    return re.compile(
        rf"(?:\s+\([^)]*\))?\s+(?i:{verb})\b[^.;]*?\b(?i:its|their)\s+(?:[\w-]+\s+){{1,3}}(?:(?i:had|have)\s+)?"
    )


@functools.cache
def _office_then(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """The rest of an office's name, then a speech verb: " Department of Defense told"."""
    office = rf"(?:\s+(?:[A-Z][\w'’.-]*|of|the|and|for)){{1,{_NAME_WORDS}}}"
    return re.compile(office + r"\s+(?i:" + "|".join(map(re.escape, verbs)) + r")\b")


def _engages_incoming(after: str, cues: Mapping[str, tuple[str, ...]]) -> bool:
    """ "engaged a one-way attack drone": the verb's object, within a few words, is an incoming
    weapon (a drone boat is a target, not an incoming weapon)."""
    verb = next((v for v in cues["engage_verbs"] if _starts_with_any(after, (v,))), None)
    if verb is None:
        return False
    words = after.lstrip()[len(verb) :].split()[: _NAME_WORDS + 1]
    for n in range(len(words)):
        rest = " ".join(words[n:])
        if _starts_with_any(rest, cues["incoming_weapons"]):
            return not rest.startswith(("drone boat", "drone boats"))
    return False


def _names_incoming(text: str, cues: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether an incoming weapon is named in these words ("a drone was destroyed by")."""
    words = text.split()
    return any(_starts_with_any(" ".join(words[n:]), cues["incoming_weapons"]) for n in range(len(words)))


def _ends_near(text: str, phrases: tuple[str, ...], slack_words: int = 3) -> bool:
    """Whether text ends with a phrase, allowing a few describing words after it; not past a
    comma, which closes the phrase ("On Wednesday, RSF fighters" is no target "on")."""
    words = text.split()
    for n in range(min(slack_words, len(words)) + 1):
        if n and words[len(words) - n].endswith(","):
            return False
        if _ends_with_any(" ".join(words[: len(words) - n]), phrases):
            return True
    return False


def _ends_with_any(text: str, phrases: tuple[str, ...]) -> bool:
    if not text.endswith(phrases):  # one C call rules out nearly every case
        return False
    return any(text.endswith(p) and (len(text) == len(p) or not text[-len(p) - 1].isalnum()) for p in phrases)


def _starts_with_any(text: str, phrases: tuple[str, ...]) -> bool:
    stripped = text.lstrip()
    if not (stripped.startswith(phrases) or text.startswith(phrases)):
        return False
    for phrase in phrases:
        candidate = text if phrase.startswith("-") else stripped
        if candidate.startswith(phrase) and (len(candidate) == len(phrase) or not candidate[len(phrase)].isalnum()):
            return True
    return False


# "US forces successfully downed three drones": an adverb between a party and its verb.
_ADVERBS = re.compile(r"^(?:\s*\w+ly\b)+")


def _skip_adverbs(text: str) -> str:
    return _ADVERBS.sub("", text, count=1)


_ARTICLE = re.compile(r"\s+(?:the|a|an)$")


def _opens_with_head(before: str, heads: tuple[str, ...]) -> bool:
    """ "Members of the Gran Grif gang opened fire": a party's head noun and "of" that open
    the sentence are its subject, not the "members of" someone killed."""
    words = _drop_article(before).split()
    return len(words) == 2 and words[0] in heads and words[1] == "of"


def _drop_article(before: str) -> str:
    """ "confirmed by the" -> "confirmed by": the cue lists name no articles."""
    return _ARTICLE.sub("", before)


def _drop_compound(before: str, adjectives: tuple[str, ...]) -> str:
    """ "by yemen-based" -> "by", "blaming the paramilitary" -> "blaming the": a describing
    word between an agent cue and its actor, hyphened or one of lexicon party_adjectives ("an
    attack by Yemen-based Houthi rebels", "blaming the paramilitary Rapid Support Forces")."""
    head, _, last = before.rpartition(" ")
    return head if "-" in last.strip("-") or last in adjectives else before


def _skip_head(text: str, heads: tuple[str, ...]) -> str:
    """The words after a party's head noun ("militia were killed" -> "were killed")."""
    words = text.split(maxsplit=1)
    return words[1] if len(words) == 2 and words[0] in heads else ""


def _skip_parenthesis(text: str) -> str:
    # "The U.S. Central Command (CENTCOM) on Sunday denied": the aside and the day do not count.
    text = text.lstrip()
    if text.startswith("("):
        text = text[text.find(")") + 1 :] if ")" in text else text
    words = text.split()
    if len(words) > 2 and words[0] in ("on", "late", "early"):
        text = " ".join(words[2:])
    return text
