"""Sentence splitting: where a report's sentences end, with their offsets."""

from __future__ import annotations

import pytest

from sitrep.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Rockets hit the base. No one was hurt.", ["Rockets hit the base.", "No one was hurt."]),
        # an ellipsis before a lower-case word leaves words out of a quote: the sentence goes on
        (
            '"Our forces were unable ... to find the launch site," he said. Drones followed.',
            ['"Our forces were unable ... to find the launch site," he said.', "Drones followed."],
        ),
        # ... one before a capital ends it
        (
            "The sirens went on and on... Then the drones came.",
            ["The sirens went on and on...", "Then the drones came."],
        ),
        ("Gen. Kurilla visited the base. He left.", ["Gen. Kurilla visited the base.", "He left."]),
    ],
)
def test_sentences_end_where_the_text_ends_them(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text, abbreviations={"Gen"})] == sentences
