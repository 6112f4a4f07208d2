"""Date undated reports from the corpus: the day on which their attacks match dated reports.

A report with no publication date names its attacks by weekday ("on Thursday") or not at
all. A coder dates it by finding the same attacks in dated reports. sitrep does the same,
as a step after extraction (`corpus_dated`, like fusion after storing): undated reports
wait until the dated ones are read, then each is tried under the publication days that
dated reports suggest for the same sites, and keeps the day under which at least two of its
attacks fall on the day a dated report gives them, at the same site (within 10 km). One
matching attack is too little evidence; with none, the day stays unknown.

A trial is arithmetic, not extraction: an undated report is extracted once, under a stand-in
day (its probe, `extract.extract_or_probe`), and each candidate day re-dates its mentions
from their time readings (`extract.redate`); a trial looks up dated attacks by site cell
and day, not by scanning them. Only a report the corpus cannot date is extracted again,
with no day.
"""

from __future__ import annotations

import math
import pickle
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import BinaryIO

from sitrep.errors import InputError
from sitrep.extract import extract_report, redate, redated_attacks
from sitrep.knowledge import Knowledge
from sitrep.records import Extraction, Mention, Report, Undated
from sitrep.resolve.place import haversine_km

# Dating needs the same site: 30 km would let al-Tanf stand for Rukban, 23 km away.
MATCH_KM = 10.0
_CELL_DEGREES = 0.25
# A report is published on the day of the attacks it tells, or within this many days after.
_PUBLISHED_WITHIN_DAYS = 2
_MIN_MATCHES = 2
# A report dated only up to its year needs fewer matches: the day itself is in its text.
_MIN_MATCHES_YEAR_ONLY = 1
# The candidate days a report is tried under, at most: those most of its sites suggest.
_MAX_CANDIDATES = 40
_YEAR_SLACK = timedelta(days=31)
# A report that dates its attacks is published on the latest of those days or within a week.
_AFTER_LATEST_DAY = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class DatedAttack:
    """An attack that a dated report places on a day: where, when and in which report."""

    report_id: str
    country: str
    lat: float
    lon: float
    day: date


class Reference:
    """The dated attacks of a corpus, by site and day, to match undated reports against.

    Attacks given at creation (those of a database) are read on first use only, and kept
    by cell of a grid, then by site (the point a gazetteer gives a place), then by day: a
    long crawl tells the same sites on hundreds of days, so finding the days at a site
    measures the distance to each site of a few cells once, not to each attack.
    """

    def __init__(self, attacks: Iterable[DatedAttack] = ()):
        self._cells: dict[tuple[str, int, int], dict[tuple[float, float], dict[date, list[DatedAttack]]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(list))
        )
        self._first: date | None = None
        self._last: date | None = None
        self._pending: Iterable[DatedAttack] | None = attacks
        # The sites near a point, asked again for each day an undated report is tried under.
        self._near: dict[tuple[str, float, float], list[dict[date, list[DatedAttack]]]] = {}

    @property
    def first(self) -> date | None:
        self._load()
        return self._first

    @property
    def last(self) -> date | None:
        self._load()
        return self._last

    def add(self, mentions: Iterable[Mention]) -> None:
        """Add the attacks of a dated report."""
        self.add_attacks(dated_attacks(mentions))

    def add_attacks(self, attacks: Iterable[DatedAttack]) -> None:
        """Add dated attacks, widening the span of days the corpus covers."""
        self._near.clear()
        for attack in attacks:
            site = self._cells[_cell(attack.country, attack.lat, attack.lon)][(attack.lat, attack.lon)]
            site[attack.day].append(attack)
            self._first = min(self._first or attack.day, attack.day)
            self._last = max(self._last or attack.day, attack.day)

    def near(self, mention: Mention) -> list[DatedAttack]:
        """The dated attacks of other reports at a mention's site (within MATCH_KM), any day."""
        return [
            a
            for days in self._sites_near(mention)
            for attacks in days.values()
            for a in attacks
            if a.report_id != mention.report_id
        ]

    def days_near(self, mention: Mention) -> set[date]:
        """The days on which other reports date an attack at a mention's site."""
        return {
            day
            for days in self._sites_near(mention)
            for day, attacks in days.items()
            if any(a.report_id != mention.report_id for a in attacks)
        }

    def on_day(self, mention: Mention) -> list[DatedAttack]:
        """The dated attacks of other reports at a mention's site on the mention's day."""
        if mention.date is None:
            return []
        day = date.fromisoformat(mention.date)
        return [a for days in self._sites_near(mention) for a in days.get(day, ()) if a.report_id != mention.report_id]

    def _sites_near(self, mention: Mention) -> list[dict[date, list[DatedAttack]]]:
        """The days and attacks of each site within MATCH_KM of the mention, in the mention's
        grid cell and the eight around it."""
        if mention.country is None or mention.lat is None or mention.lon is None:
            return []
        self._load()
        point = (mention.country, mention.lat, mention.lon)
        if point not in self._near:
            country, row, column = _cell(*point)
            self._near[point] = [
                days
                for dr in (-1, 0, 1)
                for dc in (-1, 0, 1)
                for (lat, lon), days in self._cells.get((country, row + dr, column + dc), {}).items()
                if haversine_km(lat, lon, mention.lat, mention.lon) <= MATCH_KM
            ]
        return self._near[point]

    def _load(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.add_attacks(pending)


def _cell(country: str, lat: float, lon: float) -> tuple[str, int, int]:
    # Cells of a quarter degree are wider than MATCH_KM both ways up to 69 degrees of
    # latitude: a site's matches lie in its own cell or the eight around it.
    return country, math.floor(lat / _CELL_DEGREES), math.floor(lon / _CELL_DEGREES)


def dated_attacks(mentions: Iterable[Mention]) -> Iterable[DatedAttack]:
    """The mentions that have a day and a place, as DatedAttacks."""
    for m in mentions:
        if m.date and m.country and m.lat is not None and m.lon is not None:
            yield DatedAttack(m.report_id, m.country, m.lat, m.lon, date.fromisoformat(m.date))


def corpus_dated(
    items: Iterable[Extraction | Undated | InputError], kb: Knowledge, reference: Reference
) -> Iterator[Extraction | InputError]:
    """Corpus dating, the step after extraction: extractions (and errors) pass through, their
    attacks joining `reference`; undated reports come last, each dated where its attacks
    match. They wait in a temporary file, so memory does not grow with how many there are."""
    with tempfile.TemporaryFile() as waiting:
        for item in items:
            if isinstance(item, Undated):
                pickle.dump(item, waiting)
                continue
            if isinstance(item, Extraction):
                reference.add(item.mentions)
            yield item
        waiting.seek(0)
        for undated in read_undated(waiting):
            yield date_from_corpus(undated, kb, reference)


def read_undated(file: BinaryIO) -> Iterator[Undated]:
    """The undated reports a file holds, in the order they were written to it (with pickle)."""
    while True:
        try:
            yield pickle.load(file)
        except EOFError:
            return


def date_from_corpus(undated: Undated, kb: Knowledge, reference: Reference) -> Extraction:
    """Return the extraction under the publication day the corpus supports, or, with none,
    the extraction of the report with no day."""
    report, probe = undated.report, undated.probe
    names_its_days = _names_its_days(probe.mentions, report.text)
    needed = _MIN_MATCHES_YEAR_ONLY if names_its_days else _MIN_MATCHES
    # No day can match more of its attacks than have a dated attack nearby on any day.
    most = sum(1 for s in probe.statements if reference.days_near(s))
    best: tuple[int, date] | None = None
    for day in _candidate_days(probe, reference, report.published_earliest) if most >= needed else ():
        trial = redated_attacks(probe, replace(report, published=day.isoformat(), published_basis="trial"), kb)
        if any(m.date and m.date > day.isoformat() for m in trial):
            continue  # a report cannot tell an attack after the day it was published
        matches = _matching(trial, reference)
        if best is None or matches > best[0]:
            best = (matches, day)
        if matches == most:
            break  # no later day can match more, and of days that match as many the first is kept
    if best is not None and best[0] >= needed:
        matches, day = best
        basis = f"inferred from corpus: {matches} of its attacks fall on the days dated reports give them"
        return redate(probe, _dated(report, day, day + timedelta(days=_PUBLISHED_WITHIN_DAYS), basis), kb)
    dated = _date_by_corpus_year(report, probe, kb, reference) if names_its_days else None
    return dated or extract_report(report, kb)


def _date_by_corpus_year(report: Report, probe: Extraction, kb: Knowledge, reference: Reference) -> Extraction | None:
    """A report that gives its days without a year ("on October 23") takes the one year that
    puts them within the span of the corpus's dated attacks (a month either side)."""
    if reference.first is None or reference.last is None:
        return None
    low, high = reference.first - _YEAR_SLACK, reference.last + _YEAR_SLACK
    days = [date.fromisoformat(m.date) for m in probe.mentions if m.date]
    fits = {year: moved for year in range(low.year, high.year + 1) if (moved := _in_year(days, year))}
    fits = {year: moved for year, moved in fits.items() if all(low <= d <= high for d in moved)}
    if len(fits) != 1:
        return None
    ((year, moved),) = fits.items()
    latest = max(moved)
    basis = f"inferred from corpus: its days fall in {year}, the year of the corpus's dated reports"
    day = latest + timedelta(days=1)
    return redate(probe, _dated(report, day, latest + _AFTER_LATEST_DAY, basis, earliest=latest), kb)


def _in_year(days: list[date], year: int) -> list[date]:
    """The days moved to another year; empty when one of them does not exist there (29 February)."""
    try:
        return [d.replace(year=year) for d in days]
    except ValueError:
        return []


def _dated(report: Report, day: date, latest: date, basis: str, *, earliest: date | None = None) -> Report:
    """The report with a publication day inferred from the corpus, and the window around it."""
    low = (earliest or day).isoformat()
    return replace(
        report,
        published=day.isoformat(),
        published_basis=basis,
        published_earliest=low,
        published_latest=latest.isoformat(),
    )


def _candidate_days(probe: Extraction, reference: Reference, earliest: str | None) -> list[date]:
    """The days a report may be published on: each day a dated report gives an attack at one
    of its sites, or up to two days after; those most of its attacks suggest, at most
    _MAX_CANDIDATES of them, in order."""
    floor = date.fromisoformat(earliest[:10]) if earliest else None
    votes: Counter[date] = Counter()
    for mention in probe.mentions:
        suggested = set()
        for attacked in reference.days_near(mention):
            for shift in range(_PUBLISHED_WITHIN_DAYS + 1):
                day = attacked + timedelta(days=shift)
                if floor is None or day >= floor:
                    suggested.add(day)
        votes.update(suggested)
    best = sorted(votes, key=lambda day: (-votes[day], day))[:_MAX_CANDIDATES]
    return sorted(best)


def _matching(mentions: Iterable[Mention], reference: Reference) -> int:
    """How many of the mentions fall on the day of a distinct dated attack nearby (one-to-one)."""
    used: set[DatedAttack] = set()
    for mention in mentions:
        same_day = [a for a in reference.on_day(mention) if a not in used]
        if same_day:
            used.add(same_day[0])
    return len(used)


def _names_its_days(probe: Iterable[Mention], text: str) -> bool:
    """Whether every attack is dated by a day number in the text ("on October 23"), so only the year is missing."""
    mentions = list(probe)
    return bool(mentions) and all(
        "date" in m.spans and any(c.isdigit() for c in text[slice(*m.spans["date"])]) for m in mentions
    )
