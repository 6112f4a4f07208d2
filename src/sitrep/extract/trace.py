"""The trace of extraction: what each stage decided for each sentence that tells an attack.

Input: a prepared Document and its publication day. Output: for each sentence with an
attack word, whether it tells an attack or a whole campaign, the role of every place it
names (see `places.PlaceRole`) and what each time phrase is anchored to. `sitrep extract
--explain` prints it, and `sitrep eval --misses` reads it to say which stage decided a miss.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.document import Document
from sitrep.extract.anchors import is_said_day
from sitrep.extract.places import PlaceRole, place_roles, report_countries
from sitrep.extract.triggers import is_campaign_statement, realis_triggers
from sitrep.knowledge import Knowledge
from sitrep.resolve.time import DateWindow, Published, TimePhrase, resolve_phrase

# What a phrase's day is counted from, by the kind of phrase.
_COUNTED_FROM = {
    "date": "calendar",
    "weekday": "publication day (that weekday on or before)",
    "relative": "publication day",
    "ago": "publication day",
    "window": "publication day",
    "previous": "the day named just before",
}


@dataclass(frozen=True, slots=True)
class TimeAnchor:
    """A time phrase, what it dates (an attack, a statement, a campaign's start, another
    event) and what its day is counted from."""

    phrase: TimePhrase
    dates: str
    counted_from: str
    window: DateWindow | None


@dataclass(frozen=True, slots=True)
class SentenceTrace:
    index: int
    start: int
    end: int
    tells: str  # "attack" or "campaign"
    places: tuple[PlaceRole, ...]
    times: tuple[TimeAnchor, ...]


def trace_document(doc: Document, kb: Knowledge, published: Published) -> list[SentenceTrace]:
    """The stage decisions for every sentence of the document that has an attack word."""
    named_countries = report_countries(doc, kb)
    traces = []
    for sentence in doc.sentences:
        triggers = realis_triggers(sentence)
        if not triggers:
            continue
        tells = "campaign" if is_campaign_statement(sentence, doc, kb) else "attack"
        roles = place_roles(sentence, doc, kb, triggers, named_countries)
        anchors = sentence.of("anchor")
        times = []
        for phrase in doc.time_phrases_in(sentence):
            if phrase.is_since:
                dates = "a campaign's start"
            elif any(a.start <= phrase.start < a.end for a in anchors):
                dates = "another event it names"
            elif is_said_day(doc.text, phrase):
                dates = "when something was said"
            else:
                dates = "an attack"
            counted = _COUNTED_FROM.get(phrase.kind, "publication day")
            times.append(TimeAnchor(phrase, dates, counted, resolve_phrase(phrase, published)))
        traces.append(SentenceTrace(sentence.index, sentence.start, sentence.end, tells, tuple(roles), tuple(times)))
    return traces
