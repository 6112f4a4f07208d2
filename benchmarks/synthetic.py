"""Seeded synthetic mentions with a realistic spread of places, days and outlets.

Each real attack hits a site or town of the gazetteer (sites far more often, as in the
2023-24 campaign) on a day of a four-month campaign, and is told by one to five outlets;
some tell the exact day, others only a two-day window ("overnight", no time phrase).
Mentions come out block by block, as a database query ordered by block returns them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from sitrep.fuse import block_of
from sitrep.knowledge import Knowledge
from sitrep.records import Mention, Place, Report

_START = date(2023, 10, 17)
# About as many mentions a day as a busy campaign gives (the 2023-24 one: a few hundred);
# a larger corpus spans more days, not more reports of the same days.
_MENTIONS_A_DAY = 800
_ATTACKERS = ("Islamic Resistance in Iraq", "Kataib Hezbollah", "Iran-backed militias", None)
_WEAPONS = (("drone",), ("rocket",), ("drone", "rocket"), ("missile",), ())


def synthetic_blocks(
    kb: Knowledge, mentions: int, *, seed: int = 7
) -> Iterator[tuple[str, list[Mention], dict[str, Report]]]:
    """Yield (block, its mentions, their reports), about `mentions` mentions in all."""
    rng = random.Random(seed)
    span = max(120, mentions // _MENTIONS_A_DAY)
    places = _places(kb)
    weights = [5.0 if p.kind != "town" else 0.2 for p in places]
    by_block: dict[str, list[Mention]] = {}
    count = 0
    attack = 0
    while count < mentions:
        attack += 1
        place = rng.choices(places, weights)[0]
        day = _START + timedelta(days=rng.randrange(span))
        attacker, weapons = rng.choice(_ATTACKERS), rng.choice(_WEAPONS)
        for outlet in range(rng.randint(1, 5)):
            mention = _mention(rng, attack, outlet, place, day, attacker, weapons)
            by_block.setdefault(block_of(mention), []).append(mention)
            count += 1
    for block in sorted(by_block):
        block_mentions = by_block.pop(block)
        yield block, block_mentions, {}


def _mention(
    rng: random.Random,
    attack: int,
    outlet: int,
    place: Place,
    day: date,
    attacker: str | None,
    weapons: tuple[str, ...],
) -> Mention:
    exact = rng.random() < 0.7
    earliest = day if exact else day - timedelta(days=rng.randint(0, 1))
    report_id = f"r{attack:08d}-{outlet}"
    return Mention(
        doc=report_id,
        report_id=report_id,
        id="m1",
        trigger="struck",
        evidence="",
        evidence_spans=((0, 0),),
        date=day.isoformat(),
        date_earliest=earliest.isoformat(),
        date_latest=(earliest + timedelta(days=0 if exact else 1)).isoformat(),
        date_precision="day" if exact else "window",
        place=place.name,
        place_id=place.id,
        place_canonical=place.name,
        admin1=place.admin1,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        geo_precision=1,
        attacker=attacker if rng.random() < 0.8 else None,
        weapons=weapons if rng.random() < 0.8 else (),
        spans={"date": (0, 0)} if exact else {},
    )


def _places(kb: Knowledge) -> list[Place]:
    return sorted(
        (p for p in kb.places.values() if p.kind not in ("province", "sea", "strait", "offset")), key=lambda p: p.id
    )
