"""Find known phrases (places, actors, weapons, cue words) in text, in one pass.

Text is split into word tokens; each token is folded to a key that merges the usual
transliteration variants ("Ain al-Assad" ~ "Ayn al-Asad", "Deir ez-Zor" ~ "Dayr al-Zawr"
partly); phrases are matched on whole tokens with an Aho-Corasick automaton
(pyahocorasick: about 6 M words/s with 50k patterns on this machine).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick
from anyascii import anyascii

# A word: letters and digits, with inner apostrophes ("Kata'ib") kept inside it.
_WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
_APOSTROPHES = str.maketrans("", "", "'’ʼʿʾ‘`´")
# Arabic articles written joined by a hyphen or apostrophe ("ash-Sham", "ad-Dawr").
_HYPHEN_ARTICLES = frozenset(
    {"al", "el", "ash", "as", "ar", "ad", "az", "at", "an", "ath", "adh", "ed", "es", "et", "ez", "ul", "ud"}
)
# Articles that are not English words are dropped even when written apart ("Al Asad").
_FREE_ARTICLES = frozenset({"al", "el"})
_DIGRAPHS = (("ayn", "ain"), ("ei", "ai"), ("ay", "ai"), ("ou", "u"), ("aw", "o"), ("ee", "i"))


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the text: its offsets, its folded key and whether it starts upper-case."""

    start: int
    end: int
    key: str
    is_capital: bool


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase found in text: token range [first, last], offsets and what it stands for."""

    first: int
    last: int
    start: int
    end: int
    payload: tuple[str, str]


@functools.lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """Return the matching key of one word: ASCII, lower case, variants merged.

    >>> fold_word("Assad") == fold_word("Asad"), fold_word("Dayr") == fold_word("Deir")
    (True, True)
    """
    key = anyascii(word.translate(_APOSTROPHES)).lower()
    key = re.sub(r"(.)\1+", r"\1", key)
    for old, new in _DIGRAPHS:
        key = key.replace(old, new)
    return key


def tokenize(text: str) -> list[Token]:
    """Return the word tokens of text, dropping Arabic articles so names match bare."""
    tokens = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        if _is_article(word.lower(), text[match.end() : match.end() + 1]):
            continue
        tokens.append(Token(match.start(), match.end(), fold_word(word), word[:1].isupper() or word[:1].isdigit()))
    return tokens


def _is_article(lower: str, next_char: str) -> bool:
    if lower in _FREE_ARTICLES:
        return True
    return lower in _HYPHEN_ARTICLES and next_char != "" and next_char in "-‑'’"


def phrase_key(phrase: str) -> str:
    """Return the key a phrase is indexed under (its tokens' keys, space-joined)."""
    return " ".join(token.key for token in tokenize(phrase))


class PhraseIndex:
    """An Aho-Corasick index from phrases to payloads `(category, value)`."""

    def __init__(self, entries: Iterable[tuple[str, tuple[str, str]]]):
        grouped: dict[str, list[tuple[str, str]]] = {}
        for phrase, payload in entries:
            key = phrase_key(phrase)
            if key and payload not in grouped.setdefault(key, []):
                grouped[key].append(payload)
        self._automaton = ahocorasick.Automaton()
        for key, payloads in grouped.items():
            self._automaton.add_word(f" {key} ", (len(key) + 2, tuple(payloads)))
        if grouped:
            self._automaton.make_automaton()
        self._keys = frozenset(grouped)

    def __contains__(self, phrase: str) -> bool:
        return phrase_key(phrase) in self._keys

    def find(self, tokens: Sequence[Token]) -> list[Hit]:
        """Return every phrase occurrence in the tokens, overlapping ones included."""
        if not self._keys:
            return []
        haystack = " " + " ".join(token.key for token in tokens) + " "
        starts: dict[int, int] = {}
        position = 0
        for index, token in enumerate(tokens):
            starts[position] = index
            position += len(token.key) + 1
        hits = []
        for end, (length, payloads) in self._automaton.iter(haystack):
            first = starts[end - length + 1]
            last = first + len(haystack[end - length + 2 : end].split(" ")) - 1
            for payload in payloads:
                hits.append(Hit(first, last, tokens[first].start, tokens[last].end, payload))
        return hits


def longest_hits(hits: Iterable[Hit]) -> list[Hit]:
    """Return hits with those inside a longer hit of the same category removed."""
    ordered = sorted(hits, key=lambda h: (h.first, -(h.last - h.first)))
    kept: list[Hit] = []
    for hit in ordered:
        inside = any(
            _group(k) == _group(hit)
            and k.first <= hit.first
            and hit.last <= k.last
            and (k.last - k.first) > (hit.last - hit.first)
            for k in kept
        )
        if not inside:
            kept.append(hit)
    return kept


def _group(hit: Hit) -> tuple[str, ...]:
    # Cue lists compete only within themselves: "claimed responsibility" hides "claimed",
    # but the trigger "strikes" stays beside the weapon "drone strikes".
    return hit.payload if hit.payload[0] == "cue" else (hit.payload[0],)
