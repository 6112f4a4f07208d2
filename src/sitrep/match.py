"""Find known phrases (places, actors, weapons, cue words) in text, in one pass.

Text is split into word tokens; each token is folded to a key that merges the usual
transliteration variants ("Ain al-Assad" ~ "Ayn al-Asad", "Deir ez-Zor" ~ "Dayr al-Zawr"
partly); phrases are matched on whole tokens with an Aho-Corasick automaton
(pyahocorasick: about 6 M words/s with 50k patterns on this machine).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Collection, Iterable, Iterator
from typing import NamedTuple

import ahocorasick
from anyascii import anyascii

# A word: letters and digits, with inner apostrophes ("Kata'ib") kept inside it; the
# group makes re.split keep the words.
_WORD = re.compile(r"([^\W_]+(?:['’ʼ][^\W_]+)*)")
_APOSTROPHES = str.maketrans("", "", "'’ʼʿʾ‘`´")
# Arabic articles written joined by a hyphen or apostrophe ("ash-Sham", "ad-Dawr").
_HYPHEN_ARTICLES = frozenset(
    {"al", "el", "ash", "as", "ar", "ad", "az", "at", "an", "ath", "adh", "ed", "es", "et", "ez", "ul", "ud"}
)
# Articles that are not English words are dropped even when written apart ("Al Asad").
_FREE_ARTICLES = frozenset({"al", "el"})
_DIGRAPHS = (("ayn", "ain"), ("ei", "ai"), ("ay", "ai"), ("ou", "u"), ("aw", "o"), ("ee", "i"))


class Token(NamedTuple):
    """A word of the text: its offsets, its folded key and whether it starts upper-case.

    A named tuple rather than a frozen dataclass: a report has thousands of tokens, and a
    tuple is built several times faster.
    """

    start: int
    end: int
    key: str
    is_capital: bool


class Hit(NamedTuple):
    """A phrase found in text: token range [first, last], offsets and what it stands for.

    A named tuple like Token: a report has hundreds of hits.
    """

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


class Tokens:
    """The word tokens of a text, Arabic articles dropped so names match bare: each one's
    key, start and end, as lists.

    Built from C-level passes (a split, running lengths, a cached key per word) rather than
    a Python step per word: this is the first pass over every report.
    """

    def __init__(self, text: str):
        # [gap, word, gap, word, ..., gap]: word i is parts[2i + 1], the text after it parts[2i + 2].
        parts = _WORD.split(text)
        words = parts[1::2]
        keys = list(map(_token_key, words, parts[2::2]))
        offsets = list(itertools.accumulate(map(len, parts), initial=0))
        starts, ends = offsets[1::2], offsets[2::2]
        if "" in keys:
            words = list(itertools.compress(words, keys))
            starts = list(itertools.compress(starts, keys))
            ends = list(itertools.compress(ends, keys))
            keys = [key for key in keys if key]
        if _POSSESSIVE.search(text):
            ends = [end - 2 if _is_possessive(word) else end for word, end in zip(words, ends, strict=True)]
        self.text = text
        self.keys: list[str] = keys
        self.starts: list[int] = starts
        self.ends: list[int] = ends

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index: int) -> Token:
        return Token(self.starts[index], self.ends[index], self.keys[index], self.is_capital(index))

    def __iter__(self) -> Iterator[Token]:
        return (self[index] for index in range(len(self.keys)))

    def is_capital(self, index: int) -> bool:
        """Whether token `index` starts upper-case or with a digit."""
        first = self.text[self.starts[index]]
        return first.isupper() or first.isdigit()


def tokenize(text: str) -> Tokens:
    """Return the word tokens of text, dropping Arabic articles so names match bare."""
    return Tokens(text)


_ARTICLE_JOINERS = frozenset("-‑'’")
_POSSESSIVES = ("'s", "’s", "ʼs")
_POSSESSIVE = re.compile(r"['’ʼ]s\b")  # starts with its apostrophe, so re skips to those


def _is_possessive(word: str) -> bool:
    return word.endswith(_POSSESSIVES) and len(word) > 3


@functools.lru_cache(maxsize=65536)
def _token_key(word: str, after: str) -> str:
    """A word's key, or "" for an article: "al" always, "ash" in "ash-Sham"; "Iraq's" is Iraq.

    `after` is the text that follows the word, up to the next word.
    """
    if _is_possessive(word):
        word, after = word[:-2], word[-2]
    lower = word.lower()
    if lower in _FREE_ARTICLES or (lower in _HYPHEN_ARTICLES and after[:1] in _ARTICLE_JOINERS):
        return ""
    return fold_word(word)


def phrase_key(phrase: str) -> str:
    """Return the key a phrase is indexed under (its tokens' keys, space-joined)."""
    return " ".join(tokenize(phrase).keys)


class PhraseIndex:
    """An Aho-Corasick index from phrases to payloads `(category, value)`."""

    def __init__(self, entries: Iterable[tuple[str, tuple[str, str]]], *, proper: Collection[str] = ()):
        """`proper`: the categories whose names are proper nouns: one the entries spell with a
        capital matches only where the text writes a capital ("Mann", the Isle of Man, is
        not "man"; "US" is not "us")."""
        grouped: dict[str, list[tuple[str, str]]] = {}
        spelled: dict[tuple[str, tuple[str, str]], set[bool]] = {}
        initials: dict[tuple[str, tuple[str, str]], set[bool]] = {}
        for phrase, payload in entries:
            key = phrase_key(phrase)
            if not key:
                continue
            if payload not in grouped.setdefault(key, []):
                grouped[key].append(payload)
            spelled.setdefault((key, payload), set()).add(_is_acronym(phrase))
            initials.setdefault((key, payload), set()).add(phrase[:1].isupper())
        self._automaton = ahocorasick.Automaton()
        for key, payloads in grouped.items():
            # An acronym that folds to another name's key ("SANA", the agency, and Sanaa, the
            # city) matches only where the text writes it in capitals.
            shared = len({p[0] for p in payloads}) > 1
            cased = tuple(
                _ALL_CAPITALS if shared and spelled[(key, p)] == {True} else
                _CAPITAL if p[0] in proper and initials[(key, p)] == {True} else _ANY_CASE
                for p in payloads
            )  # fmt: skip
            value = (len(key) + 2, key.count(" ") + 1, tuple(payloads), cased)
            self._automaton.add_word(f" {key} ", value)
        if grouped:
            self._automaton.make_automaton()
        self._keys = frozenset(grouped)

    def __contains__(self, phrase: str) -> bool:
        return phrase_key(phrase) in self._keys

    def find(self, tokens: Tokens) -> list[Hit]:
        """Return every phrase occurrence in the tokens, overlapping ones included."""
        if not self._keys:
            return []
        keys, starts, ends = tokens.keys, tokens.starts, tokens.ends
        haystack = " " + " ".join(keys) + " "
        # Token i's leading space is at (length of the keys before it) + i in the haystack.
        key_lengths = itertools.accumulate(map(len, keys), initial=0)
        first_of = {length + i: i for i, length in enumerate(key_lengths)}
        hits = []
        for end, (length, words, payloads, cased) in self._automaton.iter(haystack):
            first = first_of[end - length + 1]
            last = first + words - 1
            for payload, case in zip(payloads, cased, strict=True):
                if case == _ALL_CAPITALS and not tokens.text[starts[first] : ends[last]].isupper():
                    continue
                if case == _CAPITAL and not tokens.text[starts[first]].isupper():
                    continue
                hits.append(Hit(first, last, starts[first], ends[last], payload))
        return hits


# How a name must be written in the text to match (PhraseIndex).
_ANY_CASE, _CAPITAL, _ALL_CAPITALS = 0, 1, 2


def _is_acronym(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def longest_hits(hits: Iterable[Hit]) -> list[Hit]:
    """Return hits with those inside a longer hit of the same category removed.

    Sorted by start, longest first, every earlier hit starts no later; so a hit lies inside
    a longer one exactly when the furthest-reaching earlier hit of its group covers it.
    """
    ordered = sorted(hits, key=lambda h: (h.first, -(h.last - h.first)))
    reach: dict[tuple[str, ...], tuple[int, int]] = {}
    kept: list[Hit] = []
    for hit in ordered:
        group = _group(hit)
        furthest = reach.get(group)
        if furthest is not None and (furthest[0] > hit.last or (furthest[0] == hit.last and furthest[1] < hit.first)):
            continue
        kept.append(hit)
        if furthest is None or hit.last > furthest[0]:
            reach[group] = (hit.last, hit.first)
    return kept


def _group(hit: Hit) -> tuple[str, ...]:
    # Cue lists compete only within themselves: "claimed responsibility" hides "claimed",
    # but the trigger "strikes" stays beside the weapon "drone strikes".
    return hit.payload if hit.payload[0] == "cue" else (hit.payload[0],)


def alternation(words: Iterable[object]) -> str:
    """A regex for any of the words, the longest first, written as a trie.

    ["the day before", "the day after"] becomes "the day (?:before|after)" (spaces as
    any run of white space): `re` tries one branch per character instead of each word in
    turn. Only a word and its own prefixes can match at one place, and longer ones are
    tried first, so the match is that of a plain longest-first alternation.
    """
    trie: _Trie = {}
    for word in {str(w) for w in words}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


_Trie = dict[str, "_Trie"]


def _trie_regex(node: _Trie) -> str:
    branches = sorted((ch for ch in node if ch), key=lambda ch: -_longest(node[ch]))
    body = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(node[ch]) for ch in branches]
    if not body:
        return ""
    if len(body) == 1 and "" not in node:
        return body[0]
    return "(?:" + "|".join(body) + ")" + ("?" if "" in node else "")


def _longest(node: _Trie) -> int:
    return max((1 + _longest(child) for ch, child in node.items() if ch), default=0)
