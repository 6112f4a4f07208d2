"""Casualties: the killed and wounded of an attack, as the sentence that tells it counts them.

Input: the report text, the span of the sentence (or clause) that tells an attack and the Knowledge (number words).
Output: the number killed and injured (None where the sentence gives no count), with the
span of the words that count them.
"""

from __future__ import annotations

import re

from sitrep.knowledge import Knowledge

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


def casualties(
    text: str, clause: tuple[int, int], kb: Knowledge, spans: dict[str, tuple[int, int]]
) -> tuple[int | None, int | None]:
    """The killed and wounded of this attack, as the part of its sentence that tells it counts
    them ("wounding three soldiers"; not the toll of the attack it answers)."""
    start, end = clause
    found: dict[str, int | None] = {}
    lowered = text[start:end].lower()
    for name, (stems, *patterns) in _CASUALTY_PATTERNS.items():
        found[name] = None
        if not any(stem in lowered for stem in stems):
            continue
        for pattern in patterns:
            # Searched from each word in turn: "NNA said two civilians were wounded" first
            # matches at "NNA", which is no number, and the count is further on.
            position = start
            while (match := pattern.search(text, position, end)) is not None:
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
