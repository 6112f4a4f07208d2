"""Analysis: quoted tallies as series with their contradictions, counts of events, coverage.

Analysts track the running totals reports quote ("attacked at least 97 times since
October 17") to see whether an official count, a tracker's count and the attacks they
can document agree. A series groups the figures that count the same thing (metric,
subject, start); the coverage line sets each quoted attack tally against sitrep's own
count of distinct events in the same period and countries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sitrep.knowledge import Knowledge
from sitrep.match import tokenize
from sitrep.records import Event, Figure

# "approximately 66" may be 10% either way.
_APPROXIMATE = 0.10


@dataclass(frozen=True, slots=True)
class Series:
    """Figures that count the same thing, in the order of the day each stands at."""

    metric: str
    subject: str
    countries: tuple[str, ...]
    figures: tuple[Figure, ...]
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Coverage:
    """A quoted attack tally against sitrep's own count of distinct events."""

    figure: Figure
    countries: tuple[str, ...]
    own_count: int
    ratio: float | None


def coverage_rows(lines: Sequence[Coverage]) -> list[dict[str, Any]]:
    """Flat rows of the coverage line for tables, CSV and JSON."""
    return [
        {
            "as_of": c.figure.as_of,
            "quoted": c.figure.value,
            "qualifier": c.figure.qualifier,
            "since": c.figure.since,
            "countries": "+".join(c.countries),
            "sitrep_events": c.own_count,
            "ratio": c.ratio,
            "source": c.figure.source,
            "doc": c.figure.doc,
        }
        for c in lines
    ]


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts of events by week, country, province, place, weapon, attacker and claim."""

    total: int
    by: dict[str, list[tuple[str, int]]]
    weekly_by_country: dict[str, dict[str, int]]
    coverage: list[Coverage] = field(default_factory=list)
    # The events the counts leave out, by reason: "rejected" by a coder, "background".
    left_out: dict[str, int] = field(default_factory=dict)


def counted(event: Event, *, with_background: bool = False, with_rejected: bool = False) -> bool:
    """Whether an event is in the counts: not rejected by a coder (no such attack) and not
    background (an attack a report recalls, not its news), unless asked for."""
    return (with_rejected or event.review != "rejected") and (with_background or not event.background)


def left_out(events: Iterable[Event], *, with_background: bool = False, with_rejected: bool = False) -> dict[str, int]:
    """How many events the counts leave out, by reason; a rejected event counts as rejected only."""
    reasons = {"rejected": 0, "background": 0}
    for event in events:
        if not with_rejected and event.review == "rejected":
            reasons["rejected"] += 1
        elif not with_background and event.background:
            reasons["background"] += 1
    return reasons


def figure_series(
    figures: Iterable[Figure], kb: Knowledge, *, metric: str | None = None, subject: str | None = None
) -> list[Series]:
    """Return the figures grouped into series (same metric, target and countries), each flagged."""
    groups: dict[tuple[str, str, tuple[str, ...]], list[Figure]] = {}
    for figure in figures:
        if metric and figure.metric != metric:
            continue
        who, countries = subject_of(figure, kb)
        if subject and subject.lower() not in f"{who} {figure.subject or ''}".lower():
            continue
        groups.setdefault((figure.metric, who, countries), []).append(figure)
    series = []
    for (name, who, countries), members in sorted(groups.items()):
        ordered = tuple(sorted(members, key=lambda f: (f.as_of or "", f.value)))
        series.append(Series(name, who, countries, ordered, tuple(contradictions(ordered))))
    return series


def subject_of(figure: Figure, kb: Knowledge) -> tuple[str, tuple[str, ...]]:
    """Who is counted (the state force the sentence names: "US forces have been attacked ...",
    or the subject a coder gave) and in which countries (named in the subject, or the parts
    of the breakdown)."""
    if "subject" in figure.edited and figure.subject:
        named = _countries_in(figure.subject, kb)
        return figure.subject, tuple(sorted(named | {k for k in (figure.breakdown or {}) if len(k) == 2}))
    hits = kb.index.find(tokenize(figure.evidence or figure.subject or ""))
    forces = [
        kb.actor(h.payload[1]) for h in hits if h.payload[0] == "actor" and kb.actor(h.payload[1]).kind == "state_force"
    ]
    who = forces[0].name if forces else ""
    countries = _countries_in(figure.subject or "", kb)
    countries |= {k for k in (figure.breakdown or {}) if len(k) == 2 and k.isupper()}
    return who, tuple(sorted(countries))


def _countries_in(subject: str, kb: Knowledge) -> set[str]:
    """The countries a subject names as where the counting is: "in Iraq and Syria", not the
    "U.S." of "U.S. forces", which names who is counted."""
    hits = kb.index.find(tokenize(subject))
    actors = [h for h in hits if h.payload[0] == "actor"]
    return {
        h.payload[1]
        for h in hits
        if h.payload[0] == "country" and not any(a.first <= h.first and h.last <= a.last and a != h for a in actors)
    }


def contradictions(figures: Sequence[Figure]) -> list[str]:
    """Flag a cumulative count that falls over time from one source, and two sources that
    disagree on the same day beyond what their qualifiers allow."""
    flags = []
    for n, earlier in enumerate(figures):
        for later in figures[n + 1 :]:
            if not _same_start(earlier, later):
                continue
            if (
                earlier.source
                and earlier.source == later.source
                and later.as_of
                and earlier.as_of
                and later.as_of > earlier.as_of
            ):
                if _range(later)[1] < _range(earlier)[0]:
                    before, after = f"{_show(earlier)} on {earlier.as_of}", f"{_show(later)} on {later.as_of}"
                    flags.append(f"falls: {earlier.source} said {before}, then {after}")
            elif earlier.as_of and earlier.as_of == later.as_of and earlier.source != later.source:
                low, high = _range(earlier)
                other_low, other_high = _range(later)
                if high < other_low or other_high < low:
                    flags.append(
                        f"disagree on {earlier.as_of}: {earlier.source or earlier.doc} {_show(earlier)}, "
                        f"{later.source or later.doc} {_show(later)}"
                    )
    return flags


def event_stats(events: Sequence[Event], figures: Iterable[Figure] = (), kb: Knowledge | None = None) -> Stats:
    """Return counts of events by week, country, province, place, weapon, attacker and claim,
    with the coverage line of each quoted attack tally when figures are given."""
    by: dict[str, Counter[str]] = {
        name: Counter() for name in ("week", "country", "admin1", "place", "weapon", "attacker", "claim")
    }
    weekly: dict[str, Counter[str]] = {}
    for event in events:
        week = week_of(event)
        by["week"][week] += 1
        by["country"][event.country or "unknown"] += 1
        by["admin1"][event.admin1 or "unknown"] += 1
        by["place"][event.place_canonical or "unknown"] += 1
        for weapon in event.weapons or ("not named",):
            by["weapon"][weapon] += 1
        by["attacker"][event.attacker or "unknown"] += 1
        by["claim"][event.claim] += 1
        weekly.setdefault(week, Counter())[event.country or "unknown"] += 1
    ordered = {name: sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) for name, counts in by.items()}
    ordered["week"] = sorted(by["week"].items())
    coverage = coverage_line(events, figures, kb) if kb is not None else []
    return Stats(len(events), ordered, {w: dict(c) for w, c in sorted(weekly.items())}, coverage)


def coverage_line(events: Sequence[Event], figures: Iterable[Figure], kb: Knowledge) -> list[Coverage]:
    """For each quoted attack tally with a start, sitrep's count of distinct events in the
    same period and countries, against the same side, and the ratio of the two."""
    lines = []
    for figure in figures:
        if figure.metric != "attacks" or not figure.since or not figure.as_of:
            continue
        who, countries = subject_of(figure, kb)
        own = [
            e
            for e in events
            if e.date_earliest
            and figure.since <= (e.date or e.date_earliest) <= figure.as_of[:10]
            and (not countries or e.country in countries)
            and (not who or e.target in (who, "US-led coalition" if who == "US forces" else who))
        ]
        ratio = round(len(own) / figure.value, 3) if figure.value else None
        lines.append(Coverage(figure, countries, len(own), ratio))
    return sorted(lines, key=lambda c: (c.figure.as_of or "", c.figure.value))


def week_of(event: Event) -> str:
    """The Monday of the event's week, as YYYY-MM-DD."""
    day = date.fromisoformat((event.date or event.date_earliest or "1970-01-01")[:10])
    return (day - timedelta(days=day.weekday())).isoformat()


def cumulative_events(
    events: Sequence[Event], *, since: str, countries: Sequence[str] = (), target: str | None = None
) -> list[tuple[str, int]]:
    """sitrep's running count of distinct events from a day on: [(day, count so far)]."""
    days = sorted(
        (e.date or e.date_earliest or "")[:10]
        for e in events
        if (e.date or e.date_earliest or "") >= since
        and (not countries or e.country in countries)
        and (target is None or e.target in (target, "US-led coalition"))
    )
    return [(day, n) for n, day in enumerate(days, 1)]


def series_rows(series: Sequence[Series]) -> list[dict[str, Any]]:
    """Flat rows of series for tables, CSV and JSON."""
    rows = []
    for item in series:
        for figure in item.figures:
            rows.append(
                {
                    "key": figure.key,
                    "review": figure.review,
                    "metric": item.metric,
                    "subject": item.subject or figure.subject,
                    "countries": "+".join(item.countries),
                    "as_of": figure.as_of,
                    "value": figure.value,
                    "qualifier": figure.qualifier,
                    "since": figure.since,
                    "source": figure.source,
                    "breakdown": figure.breakdown,
                    "doc": figure.doc,
                    "evidence": figure.evidence,
                }
            )
    return rows


def _same_start(a: Figure, b: Figure) -> bool:
    return a.since is None or b.since is None or a.since == b.since


def _range(figure: Figure) -> tuple[float, float]:
    value = figure.value
    if figure.qualifier in ("at least", "more than"):
        return value, float("inf")
    if figure.qualifier == "approximately":
        return value * (1 - _APPROXIMATE), value * (1 + _APPROXIMATE)
    return value, value


def _show(figure: Figure) -> str:
    qualifier = "" if figure.qualifier == "exact" else f"{figure.qualifier} "
    return f"{qualifier}{figure.value:g}"
