"""A seeded generator of realistic synthetic reports (~500 words) for speed and scale benchmarks.

Each report recombines the attack sentences of the bundled samples with other places,
days, attackers and weapons from sitrep's own knowledge, between filler paragraphs of the
kind news reports carry (context, reactions, history). Run:
    .venv/bin/python -m benchmarks.corpus 20000 bench-corpus/   (writes JSON Lines shards)
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
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
DAYS = [
    "on Sunday",
    "on Monday",
    "late on Tuesday",
    "early on Wednesday",
    "on Thursday evening",
    "on Friday",
    "overnight",
    "on Saturday",
]
ACTORS = ["The Islamic Resistance in Iraq", "Kataib Hezbollah", "An Iran-backed militia", "The Houthis", "Hezbollah"]


def generate(count: int, *, seed: int = 11, words: int = 500) -> Iterator[dict[str, str]]:
    """Yield `count` reports as JSON Lines objects (text, published, source)."""
    rng = random.Random(seed)
    kb = load_knowledge()
    sites = sorted(p.name for p in kb.places.values() if p.id[:3] in ("iq-", "sy-", "jo-", "il-", "lb-", "ye-"))
    start = date(2023, 10, 17)
    for n in range(count):
        paragraphs = []
        while sum(len(p.split()) for p in paragraphs) < words:
            if rng.random() < 0.35:
                weapon = rng.choice(WEAPONS)
                paragraphs.append(
                    rng.choice(ATTACKS).format(
                        actor=rng.choice(ACTORS),
                        place=rng.choice(sites),
                        weapon=weapon,
                        weapon_one="drone",
                        day=rng.choice(DAYS),
                    )
                )
            else:
                paragraphs.append(" ".join(rng.sample(FILLER, 3)))
        published = start + timedelta(days=rng.randrange(200))
        yield {"text": "\n\n".join(paragraphs), "published": published.isoformat(), "source": f"Outlet {n % 37}"}


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
