"""Phrase matching: folded tokens, the Aho-Corasick index, and word alternations as tries."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.match import PhraseIndex, alternation, longest_hits, phrase_key, tokenize


def test_spelling_variants_fold_to_one_key() -> None:
    assert phrase_key("Ain al-Assad") == phrase_key("Ayn al-Asad") == phrase_key("Ain Al Asad")
    assert phrase_key("Deir ez-Zor") == phrase_key("Dayr ez-Zor")
    assert phrase_key("Kata'ib Hizballah") != phrase_key("Kataib Hezbollah")  # vowels are not guessed


def test_index_finds_phrases_on_whole_words_with_offsets() -> None:
    index = PhraseIndex([("Ain al-Asad", ("place", "asad")), ("drone", ("weapon", "drone"))])
    text = "Drones and a drone hit Ayn al-Assad; Rainal Asad is not it."
    tokens = tokenize(text)
    found = [(text[h.start : h.end], h.payload[1]) for h in index.find(tokens)]
    assert found == [("drone", "drone"), ("Ayn al-Assad", "asad")]


def test_an_acronym_that_folds_to_a_name_matches_only_in_capitals() -> None:
    index = PhraseIndex([("SANA", ("cue", "outlets")), ("Sanaa", ("place", "ye-sanaa")), ("CENTCOM", ("actor", "US"))])

    def found(text: str) -> list[tuple[str, str]]:
        return [h.payload for h in index.find(tokenize(text))]

    assert found("SANA said") == [("cue", "outlets"), ("place", "ye-sanaa")]
    assert found("strikes on Sanaa") == [("place", "ye-sanaa")]
    # an acronym no other name shares keeps matching however it is written
    assert found("Centcom said") == [("actor", "US")]


def test_a_proper_name_spelled_with_a_capital_matches_only_a_capital() -> None:
    entries = [
        ("Mann", ("country", "IM")),
        ("occupied territories", ("country", "IL")),
        ("Turkey", ("country", "TR")),
        ("turkey", ("cue", "food")),
    ]
    index = PhraseIndex(entries, proper=("country",))

    def found(text: str) -> list[tuple[str, str]]:
        return [h.payload for h in index.find(tokenize(text))]

    assert found("a man said") == []
    assert found("Mann said") == [("country", "IM")]
    assert found("a roast turkey") == [("cue", "food")]
    assert found("in Turkey") == [("country", "TR"), ("cue", "food")]
    # a name the data writes in lower case matches either way
    assert found("Occupied territories") == [("country", "IL")]
    # a category not named proper keeps matching however the text writes it
    assert PhraseIndex(entries).find(tokenize("a man said"))


def test_tokens_drop_articles_and_possessive_endings() -> None:
    text = "Iraq's al-Asad base, the Zionist entity’s port and Al Tanf."
    tokens = tokenize(text)
    assert [text[t.start : t.end] for t in tokens] == [
        "Iraq",
        "Asad",
        "base",
        "the",
        "Zionist",
        "entity",
        "port",
        "and",
        "Tanf",
    ]
    assert [t.is_capital for t in tokens][:3] == [True, True, False]
    assert tokens.keys[0] == phrase_key("Iraq")


def test_longest_hits_keep_the_longer_phrase_of_a_category() -> None:
    index = PhraseIndex([("Erbil", ("place", "erbil")), ("Erbil airport", ("place", "erbil-airport"))])
    tokens = tokenize("A drone targeted Erbil airport.")
    assert [h.payload[1] for h in longest_hits(index.find(tokens))] == ["erbil-airport"]


_WORDS = st.lists(st.text(alphabet="abc ", min_size=1, max_size=5).map(str.strip).filter(bool), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(words=_WORDS, text=st.text(alphabet="abc .", max_size=40))
def test_trie_alternation_matches_like_a_longest_first_alternation(words: list[str], text: str) -> None:
    plain = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    as_trie = alternation(words)
    assert re.findall(rf"\b(?:{as_trie})\b", text) == re.findall(rf"\b(?:{plain})\b", text)
