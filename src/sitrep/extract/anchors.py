"""Time anchors: which day a report's words about time hang on.

Input: a prepared Document and what is known of its publication day. Output: whether a time
phrase only names when something was said, and the report's news day: the day its lead says
the news was told ("reports said Thursday", "in a statement on Thursday"), which anchors the
attacks the report tells with no day of their own.
"""

from __future__ import annotations

import re

from sitrep.document import Document
from sitrep.resolve.time import ONE_DAY, DateWindow, Published, TimePhrase, resolve_phrase

# A day right after a verb of saying names when it was said, not when the attack happened.
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told|spoke|announced|claimed|stated|reported|declared|revealed|added|noted|statement"
    r"|announcement)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
# The lead of a news report: where it says on which day its news was told.
_LEAD_SENTENCES = 3


def is_said_day(text: str, phrase: TimePhrase) -> bool:
    """Whether a time phrase only names the day something was said ("the group said on Thursday")."""
    return bool(_SAID_BEFORE.search(text[max(0, phrase.start - 60) : phrase.start]))


def news_day(doc: Document, published: Published) -> tuple[DateWindow, TimePhrase] | None:
    """The day the report's lead says its news was told, as the window of an attack told with
    no day: that day or the one before ("Local sources said that during the night ..." after
    "..., reports said Thursday")."""
    for sentence in doc.sentences[:_LEAD_SENTENCES]:
        for phrase in doc.time_phrases_in(sentence):
            if phrase.kind not in ("weekday", "date") or not is_said_day(doc.text, phrase):
                continue
            window = resolve_phrase(phrase, published)
            if window is None or window.date is None or window.earliest != window.latest:
                continue
            if published.day is not None and window.date > published.day:
                continue
            return DateWindow(window.date, window.date - ONE_DAY, window.date, "window"), phrase
    return None
