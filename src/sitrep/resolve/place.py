"""Resolve place names to gazetteer entries, settling namesakes by the countries in context."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sitrep.knowledge import Knowledge
from sitrep.records import Place

# Kinds that are sites in their own right; a town of the same name loses to them.
TOWN_KINDS = frozenset({"town"})
AREA_KINDS = frozenset({"province", "sea", "strait"})


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """A resolved place, how precise it is (GOLD geo_precision) and why it was chosen."""

    place: Place
    geo_precision: int
    reason: str


def candidates(place_ids: Iterable[str], kb: Knowledge) -> list[Place]:
    """Return the gazetteer entries for place ids, skipping unknown ones."""
    return [kb.places[i] for i in place_ids if i in kb.places]


def best_place(
    options: list[Place], *, countries: Collection[str] = (), report_countries: Collection[str] = ()
) -> PlaceChoice | None:
    """Return the entry a name most likely means: in a named country, a site over a town, then the largest."""
    if not options:
        return None
    reason = "only candidate" if len(options) == 1 else "largest namesake"
    for context, why in (
        (countries, "country named in the sentence"),
        (report_countries, "country named in the report"),
    ):
        inside = [p for p in options if p.country in context]
        if inside and len(inside) < len(options):
            options, reason = inside, why
            break
    sites = [p for p in options if p.kind not in TOWN_KINDS | AREA_KINDS]
    if sites:
        options = sites
        reason = reason if len(options) == 1 else "site over town"
    # The curated facilities file names a place the usual English way; it beats GeoNames.
    chosen = max(options, key=lambda p: (p.kind not in AREA_KINDS, not p.id.startswith("geonames:"), p.population))
    return PlaceChoice(chosen, 3 if chosen.kind == "province" else 1, reason)


def distance_km(a: Place, b: Place) -> float:
    """Return the great-circle distance between two places in km (as tools/score.py)."""
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in km between two points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))
