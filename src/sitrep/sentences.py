"""Split report text into sentences, keeping character offsets."""

from __future__ import annotations

import re
from collections.abc import Collection

# A sentence ends at . ! ? (plus closing quotes) followed by space, or glued to a capital
# ("morning.There": copy-pasted reports often lose the space), or at a line break.
_END = re.compile(r"[.!?][\"”’')\]]*(?:\s+|(?=[A-Z“\"]))|\n+")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.$")
# Only the end of the text before a full stop can hold the word it ends.
_LONGEST_WORD = 40


def split_sentences(text: str, *, abbreviations: Collection[str] = ()) -> list[tuple[int, int]]:
    """Return [start, end) offsets of the sentences of text, outer spaces trimmed."""
    spans = []
    start = 0
    for match in _END.finditer(text):
        word_start = max(start, match.start() - _LONGEST_WORD)
        if match.group(0)[0] == "." and _ends_abbreviation(text[word_start : match.start() + 1], abbreviations):
            continue
        if _omits_words(text, match):
            continue
        spans.append(_trim(text, start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append(_trim(text, start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _omits_words(text: str, end: re.Match[str]) -> bool:
    """An ellipsis before a lower-case word marks words left out of a quote ("were unable ... to
    determine"): the sentence goes on."""
    return text.startswith("...", end.start() - 2) and text[end.end() : end.end() + 1].islower()


def _ends_abbreviation(chunk: str, abbreviations: Collection[str]) -> bool:
    word = _WORD_BEFORE.search(chunk)
    if not word:
        return False
    token = word.group(1).split(" ")[-1]
    # Single capitals are initials ("Michael E. Kurilla"), not sentence ends.
    return token in abbreviations or (len(token) == 1 and token.isupper())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
