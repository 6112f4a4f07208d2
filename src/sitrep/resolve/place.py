"""Resolve place names to gazetteer entries, settling namesakes by the countries in context."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sitrep.knowledge import Knowledge
from sitrep.match import phrase_key
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
    options: list[Place],
    *,
    countries: Collection[str] = (),
    report_countries: Collection[str] = (),
    theatre: Collection[str] | None = None,
    world_cities: Collection[str] = (),
) -> PlaceChoice | None:
    """Return the entry a name most likely means, and why.

    A town or province outside the `theatre` countries (None: no theatre, every town counts)
    is taken only when the sentence or the report names its country: the world's towns share their
    names with people and words ("Sam", "Hall"), and with the theatre's towns. A world city
    (the ids in `world_cities`: "Moscow", "Kyiv") needs no country named when nothing else
    is left: evidence beats prominence, prominence beats nothing. Namesakes
    are then settled by a country named in the sentence, then in the report; a site (base,
    field, port) beats a town of the same name; the curated facilities file beats GeoNames;
    then the most populous wins.
    """
    reasons = []
    if theatre is not None:
        named = {*countries, *report_countries}
        kept = [p for p in options if not _is_abroad(p, theatre) or p.country in named]
        if not kept and any(p.id in world_cities for p in options):
            kept = [p for p in options if p.id in world_cities]
            reasons.append("a world city (a capital, or a million people) needs no country named")
        elif len(kept) < len(options):
            reasons.append("a town abroad needs its country named")
        options = kept
    if not options:
        return None
    for context, why in (
        (countries, "country named in the sentence"),
        (report_countries, "country named in the report"),
    ):
        inside = [p for p in options if p.country in context]
        if inside and len(inside) < len(options):
            options = inside
            reasons.append(why)
            break
    sites = [p for p in options if p.kind not in TOWN_KINDS | AREA_KINDS]
    if sites and len(sites) < len(options):
        options = sites
        reasons.append("a site beats a town of the same name")
    if len(options) > 1:
        reasons.append("curated entry, then the most populous")
    chosen = max(options, key=lambda p: (p.kind not in AREA_KINDS, _curation(p), p.population))
    return PlaceChoice(chosen, 3 if chosen.kind == "province" else 1, "; ".join(reasons) or "only candidate")


_EARTH_KM = 6371.0
_UNIT_KM = {"km": 1.0, "kilometers": 1.0, "kilometres": 1.0, "miles": 1.609344, "nautical miles": 1.852, "nm": 1.852}
_BEARINGS = {
    "north": 0, "northeast": 45, "east": 90, "southeast": 135,
    "south": 180, "southwest": 225, "west": 270, "northwest": 315,
}  # fmt: skip


def offset_place(origin: Place, distance: float, unit: str, direction: str) -> Place:
    """Return the point `distance unit direction of origin` ("95 nautical miles southeast of Aden")."""
    km = distance * _UNIT_KM[unit.lower()]
    bearing = math.radians(_BEARINGS[direction.lower()])
    lat1, lon1 = math.radians(origin.lat), math.radians(origin.lon)
    angle = km / _EARTH_KM
    lat2 = math.asin(math.sin(lat1) * math.cos(angle) + math.cos(lat1) * math.sin(angle) * math.cos(bearing))
    lon2 = lon1 + math.atan2(
        math.sin(bearing) * math.sin(angle) * math.cos(lat1), math.cos(angle) - math.sin(lat1) * math.sin(lat2)
    )
    name = f"{distance:g} {unit} {direction} of {origin.name}"
    return Place(
        id=f"{origin.id}+{distance:g}{unit.replace(' ', '')}{direction}",
        name=name,
        kind="offset",
        country=origin.country,
        lat=round(math.degrees(lat2), 4),
        lon=round(math.degrees(lon2), 4),
        admin1=origin.admin1 if km <= 30 else None,
        source=f"offset from {origin.name} ({origin.source})",
    )


def own_names_first(options: list[Place], name: str, theatre: Collection[str]) -> list[Place]:
    """Of the towns abroad a name matches, those that bear it as their own name, where one
    does: "Salisbury" is the English town, not Harare once called so; "Garden City" is no
    name of Singapore's. The theatre's places keep their variants."""
    key = _own_key(name)
    kept = [p for p in options if not is_town_abroad(p, theatre) or _own_key(p.name) == key]
    if len(kept) == len(options) or not any(is_town_abroad(p, theatre) for p in kept):
        return options
    return kept


def _own_key(name: str) -> str:
    # "St. Petersburg" is Saint Petersburg's own name, written short
    return " ".join("saint" if w == "st" else w for w in phrase_key(name).split())


def is_town_abroad(place: Place, theatre: Collection[str]) -> bool:
    """A GeoNames town outside the theatre's countries."""
    return place.kind in TOWN_KINDS and place.id.startswith("geonames:") and place.country not in theatre


def _is_abroad(place: Place, theatre: Collection[str]) -> bool:
    """A GeoNames town or first-level area outside the theatre's countries."""
    return is_town_abroad(place, theatre) or (place.kind == "province" and place.country not in theatre)


def _curation(place: Place) -> int:
    # The curated facilities file names a place the usual English way, with a checked
    # position; airportsdata comes next, GeoNames last.
    if place.id.startswith("geonames:"):
        return 0
    return 1 if place.id.startswith(("icao:", "admin1:")) else 2


def distance_km(a: Place, b: Place) -> float:
    """Return the great-circle distance between two places in km (as tools/score.py)."""
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in km between two points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return _EARTH_KM * 2 * math.asin(math.sqrt(h))
