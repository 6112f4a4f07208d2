"""Resolve who attacked whom: the roles of the actors a sentence names around its trigger."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.knowledge import Knowledge
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
    attackers, targets = [], []
    for hit in actors:
        role = _role(text, hit, trigger, kb)
        if role == "attacker":
            attackers.append(hit)
        elif role == "target":
            targets.append(hit)
    # A named group beats a generic description of it ("Iranian sponsored Kataib Hezbollah").
    attackers.sort(key=lambda h: kb.actors[h.payload[1]].is_generic)
    attacker = attackers[0] if attackers else None
    target = next((t for t in targets if attacker is None or t.payload != attacker.payload), None)
    return Roles(attacker, target)


def _role(text: str, hit: Hit, trigger: Hit, kb: Knowledge) -> str | None:
    actor = kb.actors[hit.payload[1]]
    before = text[max(0, hit.start - _WINDOW) : hit.start].lower().rstrip()
    after = text[hit.end : hit.end + _WINDOW].lower()
    cues = kb.role_cues
    if actor.kind not in ATTACKER_KINDS:
        return "target"
    if _ends_with_any(before, cues["neutral_before"]) or _starts_with_any(after, cues["outlet_after"]):
        return None
    if _starts_with_any(after, cues["victim_after"]):
        return "target"
    if actor.kind != "armed_group" and _starts_with_any(_skip_parenthesis(after), cues["source_after"]):
        return None
    if _ends_with_any(before, cues["not_attacker_before"]):
        return "target"
    if _ends_with_any(before, cues["attacker_before"]):
        return "attacker"
    if _starts_with_any(after, cues["target_after"]) or _ends_with_any(before, cues["target_before"]):
        return "target"
    return "attacker" if hit.start < trigger.start else "target"


def _ends_with_any(text: str, phrases: tuple[str, ...]) -> bool:
    return any(text.endswith(p) and (len(text) == len(p) or not text[-len(p) - 1].isalnum()) for p in phrases)


def _starts_with_any(text: str, phrases: tuple[str, ...]) -> bool:
    stripped = text.lstrip()
    for phrase in phrases:
        candidate = text if phrase.startswith("-") else stripped
        if candidate.startswith(phrase) and (len(candidate) == len(phrase) or not candidate[len(phrase)].isalnum()):
            return True
    return False


def _skip_parenthesis(text: str) -> str:
    # "The U.S. Central Command (CENTCOM) on Sunday denied": the aside and the day do not count.
    text = text.lstrip()
    if text.startswith("("):
        text = text[text.find(")") + 1 :] if ")" in text else text
    words = text.split()
    if len(words) > 2 and words[0] in ("on", "late", "early"):
        text = " ".join(words[2:])
    return text
