"""Resolve the weapons of an attack, how many were fired and its ACLED event type."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sitrep.document import Document, Sentence
from sitrep.knowledge import Knowledge
from sitrep.match import Hit

_COUNT_REACH = 3


@dataclass(frozen=True, slots=True)
class WeaponFields:
    """Weapons (GOLD vocabulary), strikes, ACLED types, and the span of each weapon word."""

    weapons: tuple[str, ...]
    strikes: int | None
    event_type: str | None
    sub_event_type: str | None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


def weapon_fields(sentence: Sentence, doc: Document, kb: Knowledge, *, place: Hit | None = None) -> WeaponFields:
    """Fill weapons, strikes, event_type and sub_event_type from the weapon words of a sentence.

    With a place, only the weapons of its own clause count when that clause names any ("a
    drone targeted X, while rockets were fired at Y": X a drone, Y rockets).
    """
    words = sentence.of("weapon")
    hits = [h for h in words if not _inside_name(h, sentence) and not _names_a_target(h, words, sentence, doc)]
    if place is not None:
        hits = _weapons_for(place, hits, sentence)
    weapons = tuple(sorted({h.payload[1] for h in hits}))
    spans = {f"weapons.{h.payload[1]}": (h.start, h.end) for h in hits}
    counts = [n for n in (_count_before(doc, h.first, kb) for h in hits) if n is not None]
    strikes = counts[0] if len(set(counts)) == 1 else None
    if strikes is None and _TWICE.search(doc.text, sentence.start, sentence.end):
        strikes = 2
    event_type, sub_event_type = event_types(weapons, kb, told=told_type_cues(sentence, kb))
    return WeaponFields(weapons, strikes, event_type, sub_event_type, spans)


def told_type_cues(sentence: Sentence, kb: Knowledge) -> frozenset[str]:
    """The lexicon lists of event_types.yaml whose words the sentence says ("blew himself up")."""
    return frozenset(rule["cues"] for rule in kb.event_types if "cues" in rule and sentence.has("cue", rule["cues"]))


def event_types(
    weapons: tuple[str, ...], kb: Knowledge, *, told: frozenset[str] = frozenset()
) -> tuple[str | None, str | None]:
    """Return ACLED's event_type and sub_event_type for what the attack's words tell (`told`:
    the cue lists of event_types.yaml they say) and its weapons, by the first rule that fits."""
    for rule in kb.event_types:
        if "cues" in rule:
            if rule["cues"] in told:
                return rule["event_type"], rule["sub_event_type"]
        elif not rule["weapons"] or set(rule["weapons"]) & set(weapons):
            return rule["event_type"], rule["sub_event_type"]
    return None, None


def told_by_types(types: Iterable[tuple[str | None, str | None]], kb: Knowledge) -> frozenset[str]:
    """The cue lists behind types already chosen by words (so fusing mentions keeps "Suicide bomb")."""
    chosen = set(types)
    return frozenset(
        rule["cues"]
        for rule in kb.event_types
        if "cues" in rule and (rule["event_type"], rule["sub_event_type"]) in chosen
    )


_TWICE = re.compile(r"\btwice\b", re.IGNORECASE)


def _weapons_for(place: Hit, hits: list[Hit], sentence: Sentence) -> list[Hit]:
    """The weapons of the place's own clause; else those of the clauses before it ("two drones
    struck al-Tanf, and Rukban was also targeted"); else those of clauses that name no place.
    A later clause's weapons belong to its own place ("targeted a ship in the Gulf of Aden,
    and fired missiles at Eilat": no missiles for the ship)."""
    start, end = sentence.clause_around(place.start)
    own = [h for h in hits if start <= h.start < end]
    earlier = [h for h in hits if h.start < start]
    placeless = [h for h in hits if not _clause_has_place(sentence, h.start)]
    return own or earlier or placeless


def _clause_has_place(sentence: Sentence, offset: int) -> bool:
    start, end = sentence.clause_around(offset)
    return any(start <= p.start < end for p in sentence.of("place"))


_DIGITS = re.compile(r"^\d{1,3}$")


def _count_before(doc: Document, index: int, kb: Knowledge) -> int | None:
    """The number just before a weapon word: "two armed drones", "four Katyusha rockets"."""
    for back in range(1, _COUNT_REACH + 1):
        if index - back < 0:
            return None
        token = doc.tokens[index - back]
        word = doc.text[token.start : token.end].lower()
        if _DIGITS.match(word):
            return int(word)
        if word in kb.time.number_words:
            return kb.time.number_words[word]
    return None


def _inside_name(hit: Hit, sentence: Sentence) -> bool:
    # "Drone Base" in a place name is not a weapon; "Israeli warplanes" (an actor) still is.
    return any(p.start <= hit.start and hit.end <= p.end for p in sentence.of("place"))


def _names_a_target(hit: Hit, weapons: tuple[Hit, ...], sentence: Sentence, doc: Document) -> bool:
    """ "drone and rocket storage sites", "missile launchers": a weapon word that names what
    was attacked, alone or in a list that does."""
    following = hit.last + 1
    if any(cue.first == following for cue in sentence.of("cue", "weapon_targets")):
        return True
    joined = following < len(doc.tokens) and doc.tokens.keys[following] in ("and", "or")
    return any(
        other.first == following or (joined and other.first == following + 1)
        for other in weapons
        if other.first > hit.last and _names_a_target(other, weapons, sentence, doc)
    )
