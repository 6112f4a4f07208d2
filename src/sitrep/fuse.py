"""Fuse mentions into events: one record per real attack, however many reports tell it.

Mentions are blocked by country and province (a 2-degree grid cell where a point has no
province, as at sea), so the cost grows with the mentions of a block, never with the
corpus. Inside a block they are taken in one canonical order and each joins the event it
fits best: windows that overlap, places within 30 km, attackers that do not conflict. A
mention that fits several events equally well stays alone rather than guess. Event ids
hash the first mention of each event in that order, so any ingest order, or fusing again
from scratch, gives the same events with the same ids.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby
from pathlib import PurePath
from urllib.parse import urlparse

from sitrep.knowledge import Knowledge
from sitrep.records import Event, Mention, Report
from sitrep.resolve.claim import best_claim
from sitrep.resolve.place import haversine_km
from sitrep.resolve.weapon import event_types, told_by_types

JOIN_KM = 30.0
_CELL_DEGREES = 2.0
# No mention's window is wider: an attack whose day cannot be narrowed to a week is not an event.
_WIDEST_WINDOW_DAYS = 7


def block_of(mention: Mention) -> str:
    """The block a mention is fused in: country and province, or country and grid cell."""
    if mention.admin1:
        return f"{mention.country}/{mention.admin1}"
    lat, lon = mention.lat or 0.0, mention.lon or 0.0
    return f"{mention.country}/cell:{math.floor(lat / _CELL_DEGREES)},{math.floor(lon / _CELL_DEGREES)}"


def mention_key(mention: Mention) -> str:
    """The stable key of a mention: its report id and its id in the report."""
    return f"{mention.report_id}:{mention.id}"


def fuse_mentions(mentions: Iterable[Mention], reports: Mapping[str, Report], kb: Knowledge) -> list[Event]:
    """Return the events of a set of mentions, block by block, in a stable order."""
    blocks: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.country and mention.lat is not None and mention.lon is not None and mention.date_earliest:
            blocks[block_of(mention)].append(mention)
    events: list[Event] = []
    for block in sorted(blocks):
        events.extend(fuse_block(block, blocks[block], reports, kb))
    return events


def fuse_block(block: str, mentions: Iterable[Mention], reports: Mapping[str, Report], kb: Knowledge) -> list[Event]:
    """Return the events of the mentions of one block."""
    ordered = sorted(mentions, key=fusion_day)
    return [event_of(block, group, reports, kb) for group in cluster_block(ordered, kb)]


def fusion_day(mention: Mention) -> str:
    """The day that orders a mention for fusion: its date, else the start of its window."""
    return mention.date or mention.date_earliest or ""


def cluster_block(
    mentions: Iterable[Mention], kb: Knowledge, *, apart: Collection[str] = frozenset()
) -> Iterator[list[Mention]]:
    """Group one block's mentions, given in fusion_day order, into the mentions of each event.

    Within a day they are taken in the canonical order. An event is given out as soon as no
    later mention can reach its days (a mention's window starts at most a week before its
    fusion day), so a block of any size is fused holding about a week of its mentions. A
    mention whose key is in `apart` (a coder split it out) is an event of its own.
    """
    open_clusters: list[_Cluster] = []
    by_day: dict[date, list[_Cluster]] = defaultdict(list)
    for day, same_day in groupby(mentions, key=fusion_day):
        horizon = _day(day) - timedelta(days=_WIDEST_WINDOW_DAYS)
        closed = [c for c in open_clusters if c.last_day < horizon]
        if closed:
            yield from (c.mentions for c in closed)
            open_clusters = [c for c in open_clusters if c.last_day >= horizon]
            for old_day in [d for d in by_day if d < horizon]:
                del by_day[old_day]
        for mention in sorted(same_day, key=_canonical):
            alone = mention_key(mention) in apart
            cluster = None if alone else _best_cluster(mention, by_day, kb)
            if cluster is None:
                cluster = _Cluster(closed=alone)
                open_clusters.append(cluster)
            cluster.add(mention, kb)
            for mention_day in _days(mention):
                if cluster not in by_day[mention_day]:
                    by_day[mention_day].append(cluster)
    yield from (c.mentions for c in open_clusters)


@dataclass(slots=True)
class _Cluster:
    """An event being built: its mentions and a summary that makes a fit check O(1)."""

    mentions: list[Mention] = field(default_factory=list)
    report_ids: set[str] = field(default_factory=set)
    lat: float = 0.0
    lon: float = 0.0
    days: set[str] = field(default_factory=set)
    exact_days: set[str] = field(default_factory=set)
    place_ids: set[str] = field(default_factory=set)
    attackers: set[str] = field(default_factory=set)
    weapons: set[str] = field(default_factory=set)
    last_day: date = date.min
    # A mention a coder split out: no other joins it.
    closed: bool = False

    def add(self, mention: Mention, kb: Knowledge) -> None:
        if not self.mentions:
            self.lat, self.lon = mention.lat or 0.0, mention.lon or 0.0
        self.last_day = max(self.last_day, _day(mention.date_latest))
        self.mentions.append(mention)
        self.report_ids.add(mention.report_id)
        if mention.date:
            self.days.add(mention.date)
            if _is_exact(mention):
                self.exact_days.add(mention.date)
        if mention.place_id:
            self.place_ids.add(mention.place_id)
        if mention.attacker and not _is_generic(mention.attacker, kb):
            self.attackers.add(mention.attacker)
        self.weapons.update(mention.weapons)


def _canonical(mention: Mention) -> tuple[str, int, str, str]:
    # Narrow, early mentions first: they found events that wide ones then join.
    width = (_day(mention.date_latest) - _day(mention.date_earliest)).days
    return (mention.date or mention.date_earliest or "", width, mention.place_id or "", mention_key(mention))


def _best_cluster(mention: Mention, by_day: Mapping[date, list[_Cluster]], kb: Knowledge) -> _Cluster | None:
    candidates = {id(c): c for day in _days(mention) for c in by_day.get(day, []) if not c.closed}
    scored = sorted(
        ((_fit(mention, c, kb), n, c) for n, c in enumerate(candidates.values())), key=lambda s: (-s[0], s[1])
    )
    scored = [s for s in scored if s[0] > 0]
    if not scored:
        return None
    if len(scored) > 1 and scored[0][0] == scored[1][0] and _is_wide(mention):
        return None  # a wide window that fits two events equally stays alone
    return scored[0][2]


def _fit(mention: Mention, cluster: _Cluster, kb: Knowledge) -> float:
    """How well a mention fits an event: 0 when it cannot be the same attack."""
    if mention.report_id in cluster.report_ids:
        return 0.0  # a report's own mentions are different attacks by construction
    distance = haversine_km(mention.lat or 0.0, mention.lon or 0.0, cluster.lat, cluster.lon)
    if distance > JOIN_KM:
        return 0.0
    named = mention.attacker if mention.attacker and not _is_generic(mention.attacker, kb) else None
    if named and cluster.attackers and named not in cluster.attackers:
        return 0.0
    if _is_exact(mention) and cluster.exact_days and mention.date not in cluster.exact_days:
        return 0.0
    score = 1.0 + 2 * (mention.date in cluster.days) + 2 * (mention.place_id in cluster.place_ids)
    score += (named is not None and named in cluster.attackers) + bool(cluster.weapons & set(mention.weapons))
    return score - distance / JOIN_KM


def _is_generic(name: str, kb: Knowledge) -> bool:
    actor = kb.actors.get(name)
    return actor is not None and actor.is_generic


def _is_exact(mention: Mention) -> bool:
    return mention.date_precision == "day" and "date" in mention.spans


def _is_wide(mention: Mention) -> bool:
    return mention.date_earliest != mention.date_latest


def _days(mention: Mention) -> list[date]:
    first, last = _day(mention.date_earliest), _day(mention.date_latest)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _day(value: str | None) -> date:
    return date.fromisoformat(str(value)[:10])


def event_of(block: str, mentions: list[Mention], reports: Mapping[str, Report], kb: Knowledge) -> Event:
    """Fuse the fields of an event's mentions: the most precise date and place, agreed parties."""
    first = min(mentions, key=_canonical)
    narrowest = min((_day(m.date_latest) - _day(m.date_earliest)).days for m in mentions)
    precise = [m for m in mentions if (_day(m.date_latest) - _day(m.date_earliest)).days == narrowest]
    day = _most_common([m.date for m in precise if m.date]) or None
    earliest, latest = _window(mentions)
    place = min(
        mentions, key=lambda m: (m.geo_precision or 9, (m.place_id or "").startswith("geonames:"), mention_key(m))
    )
    weapons = tuple(sorted({w for m in mentions for w in m.weapons}))
    told = told_by_types(((m.event_type, m.sub_event_type) for m in mentions), kb)
    event_type, sub_event_type = event_types(weapons, kb, told=told)
    attackers = [m.attacker for m in mentions if m.attacker]
    named = [a for a in attackers if not _is_generic(a, kb)]
    seen = sorted({p for p in (_published(reports.get(m.report_id)) for m in mentions) if p})
    # The highest count of the dead (and wounded) any report gives, and which outlet gives it.
    killed = max((m for m in mentions if m.killed is not None), key=lambda m: (m.killed, mention_key(m)), default=None)
    injured = max(
        (m for m in mentions if m.injured is not None), key=lambda m: (m.injured, mention_key(m)), default=None
    )
    return Event(
        id="ev-" + hashlib.sha1(mention_key(first).encode()).hexdigest()[:12],
        block=block,
        date=day,
        date_earliest=earliest.isoformat(),
        date_latest=latest.isoformat(),
        date_precision="day" if earliest == latest else "window",
        place=place.place,
        place_id=place.place_id,
        place_canonical=place.place_canonical,
        admin1=place.admin1,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        geo_precision=place.geo_precision,
        attacker=_most_common(named) or _most_common(attackers),
        target=_most_common([m.target for m in mentions if m.target]),
        weapons=weapons,
        strikes=max((m.strikes for m in mentions if m.strikes is not None), default=None),
        killed=killed.killed if killed else None,
        killed_source=outlet(reports.get(killed.report_id), killed) if killed else None,
        injured=injured.injured if injured else None,
        injured_source=outlet(reports.get(injured.report_id), injured) if injured else None,
        claim=best_claim({m.claim for m in mentions}, kb.claim_precedence),
        claimed_by=tuple(sorted({m.claimed_by for m in mentions if m.claim == "claimed" and m.claimed_by})),
        confirmed_by=tuple(sorted({outlet(reports.get(m.report_id), m) for m in mentions if m.claim == "confirmed"})),
        denied_by=tuple(sorted({outlet(reports.get(m.report_id), m) for m in mentions if m.claim == "denied"})),
        background=all(m.background for m in mentions),
        event_type=event_type,
        sub_event_type=sub_event_type,
        sources=len({outlet(reports.get(m.report_id), m) for m in mentions}),
        reports=len({m.report_id for m in mentions}),
        first_seen=seen[0] if seen else None,
        last_seen=seen[-1] if seen else None,
        mention_keys=tuple(sorted(mention_key(m) for m in mentions)),
    )


def outlet(report: Report | None, mention: Mention) -> str:
    """The outlet of a report: its source, else its web host, else its file name."""
    return named_outlet(report) or PurePath(mention.doc).name or mention.report_id


def named_outlet(report: Report | None) -> str | None:
    """The outlet a report names: its source, else its web host; None for a bare file."""
    if report is not None and report.source:
        return report.source
    if report is not None and report.url:
        return urlparse(report.url).netloc or report.url
    return None


def _window(mentions: list[Mention]) -> tuple[date, date]:
    """The days every mention allows, or, when they disagree, the days any allows."""
    low = max(_day(m.date_earliest) for m in mentions)
    high = min(_day(m.date_latest) for m in mentions)
    if low <= high:
        return low, high
    return min(_day(m.date_earliest) for m in mentions), max(_day(m.date_latest) for m in mentions)


def _most_common(values: list[str]) -> str | None:
    if not values:
        return None
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def _published(report: Report | None) -> str | None:
    return report.published[:10] if report is not None and report.published else None
