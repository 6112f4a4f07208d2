"""A seeded generator of realistic synthetic reports (~500 words) for speed and scale benchmarks.

It looks like a crawl: a campaign of attacks over a year (sites, days, attackers and
weapons from sitrep's own knowledge), each told by one to four outlets on the day of the
attack or the day after, a report telling one to three attacks of the days before it in
sentences recombined from written templates, between filler paragraphs of the kind news
reports carry (context, reactions, history). A third of the reports carry no publication
date, as many collected reports do, so corpus dating has the work it has on a real crawl.
Run:
    .venv/bin/python -m benchmarks.corpus 20000 bench-corpus/   (writes JSON Lines shards)
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sitrep.knowledge import load_knowledge

ATTACKS = [
    "{actor} said it targeted the US base at {place} with {weapon} {day}, in a statement on its Telegram channel.",
    "A {weapon_one} struck the {place} {day}, a security source told reporters, adding that there were no casualties.",
    "{place} came under attack by {weapon} {day}, officials said, the latest in a series of strikes on US forces.",
    "{actor} claimed responsibility for an attack on {place} {day}, saying its {weapon} hit their targets directly.",
    "Explosions were heard at {place} {day} after {weapon} were launched at the site, local sources said.",
]
FILLER = [
    "The attacks come amid rising regional tensions over the war in Gaza, which has drawn in armed groups across the region.",
    "Washington has deployed additional air defence systems and warships to the region in recent weeks, officials have said.",
    "Analysts say the groups involved coordinate their operations through a joint command that issues statements online.",
    "The Iraqi government has condemned the attacks and called for restraint, while also criticising retaliatory strikes on its territory.",
    "Diplomats have warned that a wider conflict could disrupt shipping, energy supplies and the fight against the Islamic State group.",
    "Local residents described hearing several loud blasts followed by the sound of sirens and aircraft overhead.",
    "The Pentagon has said it will respond at a time and place of its choosing, without giving further details.",
    "Officials cautioned that early assessments can change as more information becomes available from the sites involved.",
    "Several groups have published videos online that they say show the launch of drones and rockets toward bases.",
    "Talks on the future of the international coalition have continued despite the violence, according to government statements.",
]
WEAPONS = ["drones", "rockets", "explosive-laden drones", "missiles", "a salvo of rockets", "one-way attack drones"]
ACTORS = ["The Islamic Resistance in Iraq", "Kataib Hezbollah", "An Iran-backed militia", "The Houthis", "Hezbollah"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
MONTHS += ["November", "December"]
_START = date(2023, 10, 17)
_SPAN_DAYS = 365
_UNDATED_SHARE = 1 / 3
_OUTLETS = 37


@dataclass(frozen=True)
class _Attack:
    place: str
    day: date
    actor: str
    weapon: str


def generate(count: int, *, seed: int = 11, words: int = 500) -> Iterator[dict[str, str]]:
    """Yield `count` reports as JSON Lines objects (text, source, and published for two in three)."""
    rng = random.Random(seed)
    kb = load_knowledge()
    sites = sorted(p.name for p in kb.places.values() if p.id[:3] in ("iq-", "sy-", "jo-", "il-", "lb-", "ye-"))
    # About two reports per attack, so a report's attacks are mostly told elsewhere too.
    attacks = sorted(
        (
            _Attack(
                rng.choice(sites),
                _START + timedelta(days=rng.randrange(_SPAN_DAYS)),
                rng.choice(ACTORS),
                rng.choice(WEAPONS),
            )
            for _ in range(max(3, count // 2))
        ),
        key=lambda a: a.day,
    )
    for n in range(count):
        first = rng.randrange(len(attacks))
        told = attacks[first : first + rng.choice((1, 1, 2, 3))]
        published = told[-1].day + timedelta(days=rng.choice((0, 1, 1)))
        paragraphs = [_sentence(rng, attack, published) for attack in told]
        while sum(len(p.split()) for p in paragraphs) < words:
            paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), " ".join(rng.sample(FILLER, 3)))
        report = {"text": "\n\n".join(paragraphs), "source": f"Outlet {n % _OUTLETS}"}
        if rng.random() >= _UNDATED_SHARE:
            report["published"] = published.isoformat()
        yield report


def _sentence(rng: random.Random, attack: _Attack, published: date) -> str:
    return rng.choice(ATTACKS).format(
        actor=attack.actor,
        place=attack.place,
        weapon=attack.weapon,
        weapon_one="drone",
        day=_day(rng, attack, published),
    )


def _day(rng: random.Random, attack: _Attack, published: date) -> str:
    """How a report names the day of an attack some days before it: a weekday, mostly."""
    back = (published - attack.day).days
    weekday = WEEKDAYS[attack.day.weekday()]
    if back > 6 or rng.random() < 0.2:
        return f"on {MONTHS[attack.day.month - 1]} {attack.day.day}"
    if back == 1 and rng.random() < 0.3:
        return "overnight"
    return rng.choice((f"on {weekday}", f"late on {weekday}", f"early on {weekday}", f"on {weekday} evening"))


def write_shards(count: int, folder: Path, *, per_shard: int = 1000) -> list[Path]:
    """Write the generated reports as JSON Lines shards; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    shards: list[Path] = []
    handle = None
    for n, report in enumerate(generate(count)):
        if n % per_shard == 0:
            if handle:
                handle.close()
            shards.append(folder / f"shard-{len(shards):05d}.jsonl")
            handle = shards[-1].open("w", encoding="utf-8")
        handle.write(json.dumps(report) + "\n")  # type: ignore[union-attr]
    if handle:
        handle.close()
    return shards


if __name__ == "__main__":
    written = write_shards(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {len(written)} shards to {sys.argv[2]}")
