"""Geoparsing: how near sitrep's gazetteer and its namesake rules put a public gold set's toponyms.

The gold set is GeoWebNews (Gritta, Pilehvar and Collier, "A Pragmatic Guide to Geoparsing
Evaluation", 2019): 200 web news articles of 2018 from around the world, each toponym with
its span and, for most, GeoNames coordinates. It is public, in the repository
milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation, as data/GWN.xml; the same
repository's data/Corpora/lgl.xml (LGL, local US news) has its own shape and works too.
Nothing is downloaded: give the file.

Every gold toponym with coordinates is resolved as a report's place would be: its words by
the gazetteer's index, namesakes settled by the countries its article names, a town or
province abroad taken only when its country is named (`sitrep.places` with the article as
context). Printed in one run: acc@161 km (the share within 161 km of the gold point) over
all gold toponyms, unresolved ones counting as misses, and over those resolved; against a
plain matcher that takes the most populous entry of the same words (a country first).

Run: .venv/bin/python -m benchmarks.geoparse PATH/TO/GWN.xml
"""

from __future__ import annotations

import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from benchmarks.machine import machine_line
from sitrep.api import places
from sitrep.knowledge import load_knowledge
from sitrep.match import tokenize
from sitrep.records import Place
from sitrep.resolve.place import candidates, haversine_km

_NEAR_KM = 161.0


@dataclass(frozen=True, slots=True)
class Toponym:
    """A gold toponym: its words, the article it is in, and its gold point."""

    name: str
    article: str
    lat: float
    lon: float


def gold_toponyms(path: Path) -> list[Toponym]:
    """The toponyms with coordinates of a GeoWebNews or LGL file."""
    found = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        for toponym in article.iter("toponym"):
            name = toponym.findtext("extractedName") or toponym.findtext("phrase")
            lat = toponym.findtext("latitude") or toponym.findtext("gaztag/lat")
            lon = toponym.findtext("longitude") or toponym.findtext("gaztag/lon")
            if name and lat and lon:
                found.append(Toponym(name.strip(), text, float(lat), float(lon)))
    return found


def largest_namesake(name: str) -> Place | None:
    """The plain matcher: the most populous entry whose name is these words, a country
    (the most populous of all) included."""
    kb = load_knowledge()
    tokens = tokenize(name)
    whole = [h for h in kb.index.find(tokens) if (h.first, h.last) == (0, len(tokens) - 1)]
    country = next((kb.country_points.get(str(h.payload[1])) for h in whole if h.payload[0] == "country"), None)
    options = candidates((str(h.payload[1]) for h in whole if h.payload[0] == "place"), kb)
    return country or (max(options, key=lambda p: p.population) if options else None)


def _near(place: Place | None, toponym: Toponym) -> bool:
    return place is not None and haversine_km(place.lat, place.lon, toponym.lat, toponym.lon) <= _NEAR_KM


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python -m benchmarks.geoparse PATH/TO/GWN.xml (see the module's docstring)")
    print(machine_line())
    gold = gold_toponyms(Path(sys.argv[1]))
    load_knowledge()
    start = time.perf_counter()
    chosen = [places(t.name, context=t.article).chosen for t in gold]
    seconds = time.perf_counter() - start
    plain = [largest_namesake(t.name) for t in gold]
    print(f"{Path(sys.argv[1]).name}: {len(gold)} gold toponyms with coordinates")
    for label, picks in (("sitrep (evidence rules)", chosen), ("largest-population matcher", plain)):
        resolved = [(p, t) for p, t in zip(picks, gold, strict=True) if p is not None]
        near = sum(_near(p, t) for p, t in resolved)
        print(
            f"{label:28} acc@161 all {near / len(gold):.3f}   resolved {len(resolved)} "
            f"({len(resolved) / len(gold):.0%}), acc@161 of those {near / max(len(resolved), 1):.3f}"
        )
    print(f"sitrep resolved {len(gold) / seconds:,.0f} toponyms/s with their articles as context")


if __name__ == "__main__":
    main()
