"""Time anchors: which day each attack is told on, and what a time phrase hangs on.

Input: a prepared Document, what is known of its publication day, and the Context of
earlier sentences. Output, for an attack at a place: its DateWindow, the span of the words
that date it, or how it was inferred when no words do ("the day of the attack told just
before", "the day the news was told"). A phrase right after a verb of saying names when
something was said, not the attack's day; the day the lead says the news was told anchors
attacks told with no day of their own.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TypedDict

from sitrep.document import Document, Sentence
from sitrep.extract.context import Context, Dated
from sitrep.extract.parties import same_side
from sitrep.knowledge import Knowledge
from sitrep.match import Hit
from sitrep.resolve.time import (
    DateWindow,
    Dating,
    Published,
    TimePhrase,
    TimeReading,
    default_window,
    news_window,
    read_window,
    resolve_phrase,
)

# A day right after a verb of saying names when it was said, not when the attack happened.
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told|spoke|announced|claimed|stated|reported|declared|revealed|added|noted|statement"
    # "said on Thursday", "said in a statement on Thursday": not "reported that 25 people had
    # been killed overnight", where what was said is a clause with its own day.
    r"|announcement)\b(?:(?!\b(?:that|was|were|had|has|have)\b)[^.;0-9]){0,40}$",
    re.IGNORECASE,
)
# "An army spokesperson on Wednesday confirmed that ...": the day stands between the speaker
# and the verb of saying.
_SAID_AFTER = re.compile(
    r"\s*(?:said|says|told|announced|confirmed|claimed|stated|reported|declared|revealed|denied|added)\b",
    re.IGNORECASE,
)
# The lead of a news report: where it says on which day its news was told.
_LEAD_SENTENCES = 3
# "BAGHDAD, Nov. 11 (Xinhua) --": the day a wire story was filed, right before its agency or dash.
# "DUBAI, Feb 19 (Reuters) -", "ADEN, Yemen, Feb. 19 (AP) --": the city in capitals, maybe its country.
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Z .'’-]{2,40},(?:[ \t]*[A-Z][\w .'’-]{1,30},)?[ \t]*$")
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)\n]{2,40}\)\s*)?(?:--|—|–|-)\s")
# A sentence may carry the day of an attack told at most this many sentences before.
CARRY_SENTENCES = 3
# GOLD.md: an event older than 7 days before publication is background.
_BACKGROUND_DAYS = 7


def is_said_day(text: str, phrase: TimePhrase) -> bool:
    """Whether a time phrase only names the day something was said ("the group said on
    Thursday", "a spokesperson on Wednesday confirmed")."""
    return bool(
        _SAID_BEFORE.search(text[max(0, phrase.start - 60) : phrase.start]) or _SAID_AFTER.match(text, phrase.end)
    )


NEWS_DAY_NOTE = "no time phrase: the day the news was told or the day before"
PUBLISHED_NOTE = "no time phrase: the publication day or the day before"


def news_phrases(doc: Document) -> tuple[TimePhrase, ...]:
    """The phrases where the report's lead says on which day its news was told ("...,
    reports said Thursday"), or a wire story's dateline gives it ("BAGHDAD, Nov. 11 (Xinhua)
    --"): the first that names one day (`news_window`) dates the attacks told with no day."""
    return tuple(
        phrase
        for sentence in doc.sentences[:_LEAD_SENTENCES]
        for phrase in doc.time_phrases_in(sentence)
        if phrase.kind in ("weekday", "date") and (is_said_day(doc.text, phrase) or _is_dateline_day(doc.text, phrase))
    )


def _is_dateline_day(text: str, phrase: TimePhrase) -> bool:
    return bool(
        _DATELINE_BEFORE.search(text, max(0, phrase.start - 45), phrase.start)
        and _DATELINE_AFTER.match(text, phrase.end)
    )


def event_time_phrases(sentence: Sentence, doc: Document, kb: Knowledge) -> list[TimePhrase]:
    """The time phrases of a sentence that can date an attack."""
    anchors = sentence.of("anchor")
    phrases = doc.time_phrases_in(sentence)
    # "since October 17" starts a campaign and "October 7" names the war: neither dates an
    # attack; nor does a dateline's day ("DUBAI, Feb 19 (Reuters) -"), the day it was filed.
    return [
        p
        for p in phrases
        if not p.is_since and not any(a.start <= p.start < a.end for a in anchors) and not _is_dateline_day(doc.text, p)
    ]


def window_near(offset: int, phrases: list[TimePhrase], published: Published, context: Context) -> Dating | None:
    """The day named by the time phrase nearest an offset, among those that resolve."""
    previous = context.dated.window.date if context.dated else None
    resolved = []
    for phrase in phrases:
        window = resolve_phrase(phrase, published, previous)
        if window is not None:
            resolved.append((abs(phrase.start - offset), window, phrase))
    if not resolved:
        return None
    _, window, phrase = min(resolved, key=lambda r: r[0])
    # "the day before" hangs on the day last told; other phrases on the publication day only.
    on = context.dated.reading if context.dated and phrase.kind == "previous" else None
    return Dating(window, phrase, TimeReading("phrase", phrase, on))


def day_at(
    place: Hit, sentence: Sentence, doc: Document, phrases: list[TimePhrase], published: Published, context: Context
) -> Dating | None:
    """The day of the attack at a place: told in the place's own clause before elsewhere in
    the sentence, and a day the attack is told on before the day it was reported ("said on
    Thursday that it attacked X on Wednesday night"); the nearest phrase among equals."""
    start, end = sentence.clause_around(place.start)
    context = _anchored_in_sentence(sentence, phrases, published, context)
    tiers: dict[tuple[bool, bool], list[TimePhrase]] = {}
    for phrase in phrases:
        tiers.setdefault((is_said_day(doc.text, phrase), not start <= phrase.start < end), []).append(phrase)
    for tier in sorted(tiers):
        dated = window_near(place.start, tiers[tier], published, context)
        if dated is not None:
            return dated
    return None


def _anchored_in_sentence(
    sentence: Sentence, phrases: list[TimePhrase], published: Published, context: Context
) -> Context:
    """ "claimed on Tuesday the attack on Harir two days earlier": a day counted from the day
    named before ("two days earlier", "the day before") counts from the one the sentence
    names before it, where it names one, not from the attack told before."""
    for before, after in itertools.pairwise(phrases):
        if after.kind == "previous" and before.kind != "previous":
            window = resolve_phrase(before, published)
            if window is not None and window.date is not None:
                reading = TimeReading("phrase", before)
                return replace(context, dated=Dated(sentence.index, window, None, (before.start, before.end), reading))
    return context


CARRIED_DAY_NOTE = "no time phrase: the day of the attack told just before"


def carried_window(sentence: Sentence, context: Context) -> DateWindow | None:
    """The day of the attack told just before, which an attack with no day of its own may
    share: that of the last dated attack, up to CARRY_SENTENCES sentences back."""
    carried = context.dated
    if carried is None or sentence.index - carried.sentence > CARRY_SENTENCES:
        return None
    return carried.window


def attack_window(
    sentence: Sentence,
    dated: Dating | None,
    context: Context,
    published: Published,
    attacker: str | None,
    kb: Knowledge,
) -> tuple[DateWindow | None, TimeReading, str, tuple[int, int] | None]:
    """The attack's window, how it follows from the publication day, how it was inferred (if
    it was), and the span of the words that date it."""
    if dated is not None:
        return dated.window, dated.reading, "", dated.phrase.span
    carried = context.dated
    # Only an attack by the same side carries its day over ("Additionally, the resistance ...").
    if carried is not None and carried_window(sentence, context) and same_side(carried.attacker, attacker, kb):
        if sentence.has("cue", "earlier_cues"):
            day = carried.window.earliest - timedelta(days=1)
            earlier = DateWindow(day, day, carried.window.latest, "window")
            how = "no time phrase: earlier than the attack told just before"
            return earlier, TimeReading("earlier", on=carried.reading), how, carried.span
        return carried.window, carried.reading, CARRIED_DAY_NOTE, carried.span
    # An inference, not a statement of the attack's day: no date span, so a statement that
    # names the day joins this one.
    reading = TimeReading("news", phrases=context.news)
    return read_window(reading, published), reading, date_note(reading, published), None


def date_note(reading: TimeReading, published: Published) -> str:
    """How the window of an attack told with no time phrase was inferred."""
    if news_window(reading.phrases, published) is not None:
        return NEWS_DAY_NOTE
    return PUBLISHED_NOTE if default_window(published) is not None else ""


def is_background(window: DateWindow | None, published: Published) -> bool:
    """The attack is over a week older than the report (GOLD.md: background)."""
    if window is None or published.day is None:
        return False
    return (published.day - window.latest).days > _BACKGROUND_DAYS


class DateFields(TypedDict):
    date: str | None
    date_earliest: str | None
    date_latest: str | None
    date_precision: str | None


def window_fields(window: DateWindow | None) -> DateFields:
    """A window as the date fields of a Mention (all None for no window)."""
    if window is None:
        return DateFields(date=None, date_earliest=None, date_latest=None, date_precision=None)
    return DateFields(
        date=_iso(window.date),
        date_earliest=_iso(window.earliest),
        date_latest=_iso(window.latest),
        date_precision=window.precision,
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def tells_history(text: str, sentence: Sentence, place: Hit) -> bool:
    """The sentence tells the attack as history ("In 2019, rockets hit ..."); a history cue
    after the place and a comma describes the place ("struck Jurf al-Sakhar, a town the group
    took over during the war with ISIS in 2014"), not the attack."""
    return any(
        cue.start < place.start or "," not in text[place.end : cue.start] for cue in sentence.of("cue", "history_cues")
    )
