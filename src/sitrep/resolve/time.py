"""Find time phrases in a report and resolve them to days against its publication date."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import NamedTuple

from sitrep.knowledge import Anchor, Knowledge, TimeRules
from sitrep.match import Hit, alternation, tokenize
from sitrep.sentences import split_sentences

ONE_DAY = timedelta(days=1)
Day = date  # a record field is named "date" (GOLD.md), so annotations use this name


@dataclass(frozen=True, slots=True)
class TimePhrase:
    """A time phrase of the text and what kind of day it names.

    kind: "date" (day and month, maybe year), "weekday", "relative" (to publication),
    "previous" (to the last date named), "window" (several days), "ago" (N days ago).
    """

    start: int
    end: int
    kind: str
    month: int | None = None
    day: int | None = None
    year: int | None = None
    weekday: int | None = None
    is_late: bool = False
    is_last: bool = False
    key: str | None = None
    days: int | None = None
    offsets: tuple[int, int, int] | None = None
    rule: str | None = None
    is_since: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True, slots=True)
class DateWindow:
    """A resolved date: the most likely day (or None) and the window it lies in."""

    date: Day | None
    earliest: Day
    latest: Day
    precision: str


@dataclass(frozen=True, slots=True)
class Published:
    """What a report's publication date is known to be: a day, or only a window."""

    day: date | None
    earliest: date | None = None
    latest: date | None = None
    year_floor: date | None = None


def find_time_phrases(text: str, kb: Knowledge, start: int = 0, end: int | None = None) -> list[TimePhrase]:
    """Return the time phrases in text[start:end], in order, without overlaps."""
    return _find_time_phrases(text, kb.time, start, end)


def _find_time_phrases(text: str, rules: TimeRules, start: int = 0, end: int | None = None) -> list[TimePhrase]:
    end = len(text) if end is None else end
    chunk = text[start:end]
    patterns = _patterns(rules)
    found: list[TimePhrase] = []
    lowered = chunk.lower()
    for kind, pattern in patterns:
        if kind == "ago" and "ago" not in lowered:
            continue  # the costliest rule, and rare: skip it unless its one fixed word is there
        if kind == "apart" and "earlier" not in lowered and "later" not in lowered:
            continue
        for match in pattern.finditer(chunk):
            found.extend(_phrases_from_match(kind, match, start, text, rules))
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[TimePhrase] = []
    for phrase in found:
        # Overlaps are dropped, except the days of one list ("November 19, 22").
        if kept and phrase.start < kept[-1].end and (phrase.start, phrase.end) != (kept[-1].start, kept[-1].end):
            continue
        kept.append(phrase)
    return kept


def resolve_phrase(phrase: TimePhrase, published: Published, previous: date | None = None) -> DateWindow | None:
    """Return the day or window a phrase names, or None when it cannot be placed."""
    if phrase.kind == "date":
        return _resolve_date(phrase, published)
    if phrase.kind == "month":
        return _resolve_month(phrase, published)
    if phrase.kind == "previous":
        return None if previous is None else _exact(previous + timedelta(days=phrase.days or 0))
    if published.day is None:
        return None
    today = published.day
    if phrase.kind == "weekday":
        return _resolve_weekday(phrase, today)
    if phrase.kind == "relative" and phrase.offsets is not None:
        return _window_from_offsets(today, phrase.offsets)
    if phrase.kind == "ago":
        return _exact(today - timedelta(days=phrase.days or 0))
    if phrase.kind == "window":
        return _resolve_window(phrase, today)
    return None


@dataclass(frozen=True, slots=True)
class TimeReading:
    """How an attack's window follows from the publication day, so that another day re-dates
    it by arithmetic instead of reading the report again.

    how: "phrase" (the words at `phrase`, against the day and, for "the day before", the
    reading `on`), "earlier" (from the day before `on` to its latest day), "news" (the news
    day the first of the lead's `phrases` that names one day gives, or the day before; with
    none, the publication day or the day before). `history`: the sentence tells history, so
    the attack is background on any day.
    """

    how: str
    phrase: TimePhrase | None = None
    on: TimeReading | None = None
    history: bool = False
    phrases: tuple[TimePhrase, ...] = ()


class Dating(NamedTuple):
    """The day a time phrase gives an attack, the phrase, and how that day follows from the
    publication day (for re-dating under another)."""

    window: DateWindow
    phrase: TimePhrase
    reading: TimeReading


def read_window(reading: TimeReading, published: Published) -> DateWindow | None:
    """The window a reading gives under a publication day."""
    if reading.how == "news":
        return news_window(reading.phrases, published) or default_window(published)
    on = read_window(reading.on, published) if reading.on is not None else None
    if reading.how == "earlier":
        if on is None:
            return None
        day = on.earliest - ONE_DAY
        return DateWindow(day, day, on.latest, "window")
    if reading.phrase is None:
        return None
    return resolve_phrase(reading.phrase, published, on.date if on is not None else None)


def news_window(phrases: tuple[TimePhrase, ...], published: Published) -> DateWindow | None:
    """The window of an attack told with no day in a report whose lead says on which day its
    news was told (`phrases`, first first): that day or the one before ("Local sources said
    that during the night ..." after "..., reports said Thursday")."""
    for phrase in phrases:
        window = resolve_phrase(phrase, published)
        if window is None or window.date is None or window.earliest != window.latest:
            continue
        if published.day is not None and window.date > published.day:
            continue
        return DateWindow(window.date, window.date - ONE_DAY, window.date, "window")
    return None


def resolve_text(text: str, kb: Knowledge, published: date, previous: date | None = None) -> DateWindow | None:
    """Return the day or window of the last time phrase in a short text that resolves, or None.

    >>> resolve_text("late on Thursday", kb, date(2023, 11, 24)).date  # doctest: +SKIP
    datetime.date(2023, 11, 23)
    """
    known = Published(published, published, published, published)
    windows = [resolve_phrase(p, known, previous) for p in find_time_phrases(text, kb) if not p.is_since]
    return next((w for w in reversed(windows) if w is not None), None)


def default_window(published: Published) -> DateWindow | None:
    """Return the window of an attack told with no time phrase: publication day or the day before.

    When the publication day was itself inferred as the day after the latest attack the
    report dates, that attack's day is the likelier one.
    """
    day = published.day
    if day is None:
        return None
    likely = published.earliest if published.earliest is not None and day - ONE_DAY == published.earliest else day
    return DateWindow(likely, day - ONE_DAY, day, "window")


def weekday_on_or_before(today: date, weekday: int, *, strictly: bool = False) -> date:
    """Return the most recent given weekday on or before today ("Thursday" in a Thursday report is today)."""
    back = (today.weekday() - weekday) % 7
    if back == 0 and strictly:
        back = 7
    return today - timedelta(days=back)


def year_for(month: int, day: int, published: Published) -> int | None:
    """Return the year of a day and month named without one, so that it precedes publication."""
    if published.day is not None:
        candidate = _safe_date(published.day.year, month, day)
        # A date a few days after publication is a slip or a schedule ("set to begin on 24
        # November"); more than that, the date belongs to the year before.
        if candidate is not None and candidate <= published.day + timedelta(days=7):
            return published.day.year
        return published.day.year - 1
    if published.year_floor is not None:
        floor = published.year_floor
        candidate = _safe_date(floor.year, month, day)
        return floor.year if candidate is not None and candidate >= floor - timedelta(days=7) else floor.year + 1
    return None


def _resolve_date(phrase: TimePhrase, published: Published) -> DateWindow | None:
    if phrase.month is None or phrase.day is None:
        return None
    year = phrase.year or year_for(phrase.month, phrase.day, published)
    if year is None:
        return None
    day = _safe_date(year, phrase.month, phrase.day)
    if day is None:
        return None
    if phrase.is_late:
        return DateWindow(day, day, day + ONE_DAY, "window")
    return _exact(day)


def _resolve_month(phrase: TimePhrase, published: Published) -> DateWindow | None:
    """ "in early December": days 1-10; "mid-": 11-20; "late": 21 to the end; alone, the month."""
    if phrase.month is None:
        return None
    year = phrase.year or year_for(phrase.month, 15, published)
    if year is None:
        return None
    first = date(year, phrase.month, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - ONE_DAY
    days = {"early": (1, 10), "mid": (11, 20), "late": (21, last.day)}.get(phrase.key or "", (1, last.day))
    return DateWindow(None, first.replace(day=days[0]), first.replace(day=days[1]), "month")


def _resolve_weekday(phrase: TimePhrase, today: date) -> DateWindow:
    day = weekday_on_or_before(today, phrase.weekday or 0, strictly=phrase.is_last)
    if phrase.is_late:
        # "late on Thursday" or "Thursday night" can run past midnight.
        return DateWindow(day, day, min(day + ONE_DAY, today), "window" if day < today else "day")
    return _exact(day)


def _resolve_window(phrase: TimePhrase, today: date) -> DateWindow | None:
    if phrase.offsets is not None:
        low, high, _ = phrase.offsets
        return DateWindow(None, today + timedelta(days=low), today + timedelta(days=high), "window")
    monday = today - timedelta(days=today.weekday())
    first_of_month = today.replace(day=1)
    last_month_end = first_of_month - ONE_DAY
    rules = {
        "this_week": (monday, today, "week"),
        "last_week": (monday - timedelta(days=7), monday - ONE_DAY, "week"),
        "last_weekend": (monday - timedelta(days=2), monday - ONE_DAY, "window"),
        "this_weekend": (monday + timedelta(days=5), min(today, monday + timedelta(days=6)), "window"),
        "this_month": (first_of_month, today, "month"),
        "last_month": (last_month_end.replace(day=1), last_month_end, "month"),
        "late_last_month": (last_month_end - timedelta(days=10), last_month_end, "month"),
    }
    if phrase.rule not in rules:
        return None
    earliest, latest, precision = rules[phrase.rule]
    if earliest > latest:
        return None
    return DateWindow(None, earliest, latest, precision)


def _window_from_offsets(today: date, offsets: tuple[int, int, int]) -> DateWindow:
    low, high, likely = offsets
    earliest, latest = today + timedelta(days=low), today + timedelta(days=high)
    return DateWindow(today + timedelta(days=likely), earliest, latest, "day" if low == high else "window")


def _exact(day: date) -> DateWindow:
    return DateWindow(day, day, day, "day")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _phrases_from_match(kind: str, match: re.Match[str], offset: int, text: str, rules: TimeRules) -> list[TimePhrase]:
    start, end = offset + match.start(), offset + match.end()
    is_since = bool(_onset_pattern(rules).search(text, max(0, start - 60), start))
    if kind == "mdy" or kind == "dmy":
        month = rules.months[match.group("month").lower().rstrip(".")]
        year = int(match.group("year")) if match.group("year") else None
        days = [int(d) for d in re.findall(r"\d{1,2}", match.group("days"))]
        is_late = bool(match.group("late"))
        # "November 19, 22" names two days; each gets its own phrase over the same words.
        return [
            TimePhrase(start, end, "date", month=month, day=d, year=year, is_late=is_late, is_since=is_since)
            for d in days
            if 1 <= d <= 31
        ]
    if kind == "iso":
        return [
            TimePhrase(
                start, end, "date", year=int(match["y"]), month=int(match["m"]), day=int(match["d"]), is_since=is_since
            )
        ]
    if kind == "weekday":
        part = (match.group("part") or "").lower()
        is_late = (
            bool(match.group("late") and match.group("late").lower() == "late")
            or bool(match.group("night"))
            or rules.parts_of_day.get(part, False)
        )
        return [
            TimePhrase(
                start,
                end,
                "weekday",
                weekday=rules.weekdays[match.group("weekday").lower()],
                is_late=is_late,
                is_last=bool(match.group("last")),
            )
        ]
    if kind == "month":
        part = (match.group("part") or match.group("part2") or "").lower()
        month = rules.months[match.group("month").lower().rstrip(".")]
        year = int(match.group("year")) if match.group("year") else None
        return [TimePhrase(start, end, "month", month=month, year=year, key=part or None, is_since=is_since)]
    if kind in ("ago", "apart"):
        amount = match.group("n").lower()
        number = int(amount) if amount.isdigit() else rules.number_words.get(amount, 0)
        unit = 7 if match.group("unit").lower().startswith("week") else 1
        if kind == "apart":
            sign = -1 if match.group("direction").lower() == "earlier" else 1
            return [TimePhrase(start, end, "previous", key=match.group(0).lower(), days=sign * number * unit)]
        return [TimePhrase(start, end, "ago", days=number * unit)]
    key = re.sub(r"\s+", " ", match.group(0).lower())
    if key in rules.relative_days:
        return [TimePhrase(start, end, "relative", key=key, offsets=rules.relative_days[key])]
    if key in rules.relative_to_previous:
        return [TimePhrase(start, end, "previous", key=key, days=rules.relative_to_previous[key])]
    window = rules.windows.get(key, {})
    offsets = window.get("offsets")
    return [
        TimePhrase(
            start,
            end,
            "window",
            key=key,
            offsets=(offsets[0], offsets[1], offsets[1]) if offsets else None,
            rule=window.get("rule"),
        )
    ]


@functools.cache
def _onset_pattern(rules: TimeRules) -> re.Pattern[str]:
    """The words right before a day that make it the day something ongoing began (time.yaml `onset`)."""
    verbs = alternation(rules.onset["verbs"])
    after = alternation(rules.onset["after"])
    alone = alternation(rules.onset["alone"])
    return re.compile(
        rf"\b(?:(?:{alone})|(?:{after})(?:\s+\w+){{0,3}}?\s+(?:{verbs})(?:\s+(?:on|in))?)\s*$", re.IGNORECASE
    )


@functools.cache
def _patterns(rules: TimeRules) -> tuple[tuple[str, re.Pattern[str]], ...]:
    months = alternation(m.capitalize() for m in rules.months)
    weekdays = alternation(w.capitalize() for w in rules.weekdays if len(w) > 3)
    parts = alternation(rules.parts_of_day)
    numbers = alternation(rules.number_words)
    fixed = alternation([*rules.relative_days, *rules.relative_to_previous, *rules.windows])
    late = r"(?P<late>(?:[Ll]ate|[Ee]arly)(?:\s+on)?\s+)?"
    digits = "0123456789"
    return (
        (
            "mdy",
            re.compile(
                _starts("LlEe", (m.capitalize() for m in rules.months))
                + late
                + rf"\b(?P<month>{months})\.?\s+(?P<days>\d{{1,2}}(?:st|nd|rd|th)?"
                rf"(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s*(?:%|km|kilomet|mile|percent)))*)"
                rf"(?!\d)(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
            ),
        ),
        (
            "dmy",
            re.compile(
                _starts("LlEe", digits)
                + late
                + rf"\b(?P<days>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{months})\.?"
                + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
            ),
        ),
        ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
        (
            "weekday",
            re.compile(
                _starts("LlEePpOoTtDd", (w.capitalize() for w in rules.weekdays))
                # "overnight between Sunday and Monday", "the night of Sunday to Monday": the
                # night that starts on the first weekday.
                + r"(?:\b(?P<night>[Oo]vernight(?:\s+(?:between|from|on))?"
                r"|(?:(?:[Dd]uring|[Oo]n)\s+)?[Tt]he\s+night\s+(?:between|of|from))\s+)?"
                + rf"(?:\b(?P<late>[Ll]ate|[Ee]arly)\s+(?:on\s+)?)?"
                rf"(?:\b(?P<last>[Ll]ast|[Pp]ast)\s+)?\b(?P<weekday>{weekdays})\b(?:'s|’s)?"
                rf"(?:(?(night)\s+(?:and|to|into)\s+(?:{weekdays})\b|\s+(?P<part>{parts})\b))?"
            ),
        ),
        (
            "month",
            re.compile(
                _starts("IiEeMmLl")
                + rf"(?:\b[Ii]n\s+(?:(?P<part2>early|mid|late)[-\s]+)?|\b(?P<part>[Ee]arly|[Mm]id|[Ll]ate)[-\s]+)"
                rf"(?P<month>{months})\b(?!\.?\s*\d{{1,2}}\b)(?:\s+(?P<year>(?:19|20)\d\d))?"
            ),
        ),
        (
            "ago",
            re.compile(
                _starts(digits, rules.number_words) + rf"\b(?P<n>\d+|{numbers})\s+(?P<unit>days?|weeks?)\s+ago\b",
                re.IGNORECASE,
            ),
        ),
        (
            # "two days earlier", "a week later": from the last day the report named, as "the
            # day before" is ("before"/"after" take an event: "two days after the strike on X").
            "apart",
            re.compile(
                _starts(digits, rules.number_words)
                + rf"\b(?P<n>\d+|{numbers})\s+(?P<unit>days?|weeks?)\s+(?P<direction>earlier|later)\b",
                re.IGNORECASE,
            ),
        ),
        (
            "fixed",
            re.compile(
                _starts([*rules.relative_days, *rules.relative_to_previous, *rules.windows]) + rf"\b(?:{fixed})\b",
                re.IGNORECASE,
            ),
        ),
    )


def _starts(*alternatives: Iterable[str]) -> str:
    """A word boundary and a lookahead for the characters a match can begin with.

    Every time phrase begins a word. The two change no match, but let `re` skip to such
    positions instead of trying the whole pattern at every one: the time rules were a
    quarter of extraction time without the lookahead, and the boundary halves what is left
    (the lookahead alone lets in every "e" and "t" inside a word).
    """
    firsts = sorted({str(word)[0] for words in alternatives for word in words if word})
    return r"\b(?=[" + re.escape("".join(firsts)) + "])"


def infer_published(
    text: str,
    kb: Knowledge,
    *,
    published: str | None,
    basis: str,
    earliest: str | None = None,
    latest: str | None = None,
    hits: Sequence[Hit] | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
    phrases: Callable[[], Sequence[TimePhrase]] | None = None,
) -> tuple[Published, str]:
    """Return what the publication date is (a day, or a window) and how it is known.

    Order: the publisher's own byline in the text; metadata or the collector's dateline;
    then inference from the text (a dated event it names by weekday, "N days into" a
    dated war); with no evidence the day stays unknown, never invented. `hits`,
    `sentences` and `phrases`: the index's phrases in the text, its sentences' spans and
    its time phrases, when the caller has them already (a Document).
    """
    byline = _byline(text, kb.time)
    given = _parse_day(published)
    if byline is not None:
        day = date(byline.year or 0, byline.month or 1, byline.day or 1)
        if given is None or abs((given - day).days) <= 2:
            return Published(day, day, day, day), "dateline: byline in the text"
    if given is not None:
        low, high = _parse_day(earliest) or given, _parse_day(latest) or given
        return Published(given, min(low, given), max(high, given), given), basis
    found = kb.index.find(tokenize(text)) if hits is None else hits
    inferred, how = _infer_from_text(text, kb, found, sentences, phrases or (lambda: find_time_phrases(text, kb)))
    agency = _agency_dateline(text, kb, inferred)
    if inferred.day is None and agency is not None:
        return Published(agency, agency, agency, inferred.year_floor), "dateline: agency dateline in the text"
    posted = _latest_embedded_post(text, kb)
    if inferred.day is None and posted is not None:
        window = Published(posted, posted, posted + timedelta(days=_AFTER_POST_DAYS), inferred.year_floor)
        return window, f"inferred from text: the latest post it embeds is of {posted.isoformat()}"
    return inferred, how


# An embedded post's signature, as a web page's text keeps it: "— Martin Kelly
# (@_MartinKelly_) June 12, 2024". A page that embeds posts is published on or after the day
# of the latest, most often that day (news embeds the posts of the hour).
_EMBEDDED_POST = re.compile(
    r"\(@\w{1,15}\)\s+(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),\s+(?P<year>(?:19|20)\d\d)\b"
)
_AFTER_POST_DAYS = 2


def _latest_embedded_post(text: str, kb: Knowledge) -> date | None:
    """The day of the latest post the text embeds, if it embeds any."""
    days = []
    for match in _EMBEDDED_POST.finditer(text):
        month = kb.time.months.get(match.group("month").lower())
        day = _safe_date(int(match.group("year")), month, int(match.group("day"))) if month else None
        if day is not None:
            days.append(day)
    return max(days, default=None)


# "Dec. 14 (Reuters) -", "BAGHDAD, Jan 28 (AP) —": a wire agency's dateline, day and month only.
_AGENCY = re.compile(r"\b(?P<month>[A-Z][a-z]{2,8})\.? (?P<day>\d{1,2}) \((?:Reuters|AP|AFP|Bloomberg|dpa|Xinhua)\)")


def _agency_dateline(text: str, kb: Knowledge, inferred: Published) -> date | None:
    """The day of a wire agency's dateline; its year comes from the dated events the report names."""
    match = _AGENCY.search(text[:_BYLINE_CHARS])
    month = kb.time.months.get(match.group("month").lower()) if match else None
    if match is None or month is None:
        return None
    year = year_for(month, int(match.group("day")), replace(inferred, day=None))
    return _safe_date(year, month, int(match.group("day"))) if year else None


_BYLINE_CHARS = 400
_A_YEAR = re.compile(r"(?:19|20)\d\d")


# Re-dating a report under many trial days asks for its byline each time.
@functools.lru_cache(maxsize=256)
def _byline(text: str, rules: TimeRules) -> TimePhrase | None:
    """The publisher's dated byline at the head of the text ("Published January 28, 2024"), if any."""
    if not _A_YEAR.search(text, 0, _BYLINE_CHARS):
        return None  # a byline gives its year, and most heads name none
    head = _find_time_phrases(text, rules, 0, min(len(text), _BYLINE_CHARS))
    return next((p for p in head if p.kind == "date" and p.year and _is_byline(text, p)), None)


def _is_byline(text: str, phrase: TimePhrase) -> bool:
    # A byline stands on its own line (maybe with an hour), not inside a sentence.
    line_start = text.rfind("\n", 0, phrase.start) + 1
    line_end = text.find("\n", phrase.end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    rest = line.replace(text[phrase.start : phrase.end], "")
    return len(rest.strip()) <= 12


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _infer_from_text(
    text: str,
    kb: Knowledge,
    hits: Sequence[Hit],
    sentences: Sequence[tuple[int, int]] | None,
    all_phrases: Callable[[], Sequence[TimePhrase]],
) -> tuple[Published, str]:
    anchors = [(hit, kb.anchors[hit.payload[1]]) for hit in hits if hit.payload[0] == "anchor"]
    # The report is written after every dated event it names and after the first news of
    # every group it names; dates without a year fall after the earliest of them (the
    # start of the war or campaign).
    after = [(anchor.date, "names a dated event") for _, anchor in anchors] + _groups_first_seen(hits, kb)
    if not after:
        return Published(None), "unknown"
    latest, why = max(after)
    first = min(day for day, _ in after)
    phrases = all_phrases()
    schedules = [h for h in hits if h.payload == ("cue", "schedule_cues")]
    if sentences is None and anchors:
        sentences = split_sentences(text, abbreviations=kb.abbreviations)
    pinned = _pinned_anchor(anchors, schedules, phrases, sentences or ())
    if pinned is not None:
        day, name = pinned
        return (
            Published(day, day - timedelta(days=6), day + timedelta(days=6), first),
            f"inferred from text: {name} ({day.isoformat()}) is named with its weekday",
        )
    into = _days_into(text, anchors) if anchors else None
    if into is not None:
        low, name = into
        day = _first_day_fitting_weekdays(low, phrases)
        return (
            Published(day, low, low + timedelta(days=6), first),
            f"inferred from text: days into {name}, and the weekdays the report names",
        )
    return Published(None, latest, None, first), f"inferred from text: after {latest.isoformat()} ({why})"


def _groups_first_seen(hits: Sequence[Hit], kb: Knowledge) -> list[tuple[date, str]]:
    """The days the groups a report names first appeared (actors.yaml `first_seen`)."""
    found = []
    for hit in hits:
        actor = kb.actor(hit.payload[1]) if hit.payload[0] == "actor" else None
        if actor is not None and actor.first_seen is not None:
            found.append((actor.first_seen, f"names {actor.name}, first seen that day"))
    return found


_DAYS_INTO = re.compile(r"(?P<more>more than |over |nearly |almost )?(?P<n>\d{1,4}) days into\b", re.IGNORECASE)


def _days_into(text: str, anchors: list[tuple[Hit, Anchor]]) -> tuple[date, str] | None:
    # The words first: the pattern, which may begin anywhere, costs a scan of the text.
    match = _DAYS_INTO.search(text) if "days into" in text.lower() else None
    if match is None:
        return None
    war = min((a for _, a in anchors), key=lambda a: a.date)
    extra = 1 if match.group("more") and match.group("more").lower().strip() in ("more than", "over") else 0
    return war.date + timedelta(days=int(match.group("n")) + extra), war.name


def _pinned_anchor(
    anchors: list[tuple[Hit, Anchor]],
    schedules: list[Hit],
    phrases: Sequence[TimePhrase],
    sentences: Sequence[tuple[int, int]],
) -> tuple[date, str] | None:
    """A dated event named with its weekday ("the truce, set to begin on Friday") dates the report."""
    for hit, anchor in anchors:
        start, end = next(((a, b) for a, b in sentences if a <= hit.start < b), (hit.start, hit.end))
        if not any(start <= s.start < end for s in schedules):
            continue
        for phrase in phrases:
            if phrase.kind == "weekday" and start <= phrase.start < end and anchor.date.weekday() == phrase.weekday:
                return anchor.date, anchor.name
    return None


def _first_day_fitting_weekdays(low: date, phrases: Sequence[TimePhrase]) -> date:
    """Return the first day from `low` on which every weekday the report names is not before `low`."""
    weekdays = [p for p in phrases if p.kind == "weekday"]
    for shift in range(7):
        day = low + timedelta(days=shift)
        if all(weekday_on_or_before(day, p.weekday or 0) >= low - ONE_DAY for p in weekdays):
            return day
    return low
