"""Load sitrep's knowledge (gazetteer, actors, lexicons, time rules) once, from data files.

Only this module opens the files in `sitrep/data/` and the user's `--gazetteer` and
`--actors` files. The built Knowledge is immutable and cached on disk, so that a cold
start does not rebuild the gazetteer from GeoNames each time.
"""

from __future__ import annotations

import csv
import functools
import gc
import gzip
import hashlib
import io
import logging
import os
import pickle
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any, BinaryIO, cast

import yaml
from anyascii import anyascii

from sitrep.errors import DataFileError
from sitrep.match import PhraseIndex, fold_word, phrase_key
from sitrep.records import WEAPONS, Actor, Place

log = logging.getLogger(__name__)

GEONAMES_FILE = "geonames.tsv.gz"
FACILITY_COLUMNS = ("id", "name", "aliases", "kind", "admin1", "country", "lat", "lon", "source")
_DATA_FILES = (
    "facilities.csv",
    "admin1.csv",
    "admin1_world.tsv",
    "area_abbreviations.tsv",
    "country_points.tsv",
    "continents.tsv",
    "actors.yaml",
    "weapons.yaml",
    "lexicon.yaml",
    "time.yaml",
    "anchors.yaml",
    "countries.yaml",
    "gazetteer.yaml",
    "event_types.yaml",
    "figures.yaml",
)
_CACHE_FORMAT = 4


@dataclass(frozen=True, slots=True)
class Anchor:
    """A dated event that reports refer to, which dates them: "since October 7"."""

    name: str
    date: date
    source: str


@dataclass(frozen=True, slots=True, eq=False)
class TimeRules:
    """The time-phrase rules of data/time.yaml (hashed by identity, to cache their regexes)."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    number_words: Mapping[str, int]
    parts_of_day: Mapping[str, bool]
    relative_days: Mapping[str, tuple[int, int, int]]
    relative_to_previous: Mapping[str, int]
    windows: Mapping[str, dict[str, Any]]
    onset: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Everything extraction and resolution know, read-only.

    `index` finds every known phrase in one pass; a hit's payload is
    `(category, value)` with category one of: place, actor, weapon, country,
    anchor, or `cue:<lexicon list>`.
    """

    places: Mapping[str, Place]
    actors: Mapping[str, Actor]
    anchors: Mapping[str, Anchor]
    provinces: Mapping[tuple[str, str], Place]
    countries: Mapping[str, str]
    # The countries' names (`countries`' values): a state named by its forces is an actor.
    state_names: frozenset[str]
    # Every name and demonym of every country: "the Saudi-led coalition" is led by a state.
    state_words: frozenset[str]
    # A point for each country (data/country_points.tsv): where `sitrep places` puts a country.
    # Extraction never places an attack at one: a country is evidence, not a site.
    country_points: Mapping[str, Place]
    # A point for each continent (data/continents.tsv), the same: evidence, never a site.
    continents: Mapping[str, Place]
    # The first-level areas abroad by their bare names' keys ("california"), each with its
    # centre: for `sitrep places` alone. Extraction knows an area abroad only as "Borno
    # State" and places an attack known only to it at its largest town.
    bare_areas: Mapping[str, tuple[tuple[str, float, float], ...]]
    # The first-level areas' abbreviations as written ("Calif.", "B.C.", "NSW"), each with the
    # ids of the areas it stands for (data/area_abbreviations.tsv): after a town ("Jackson,
    # Miss.") they say where it is, and `sitrep places` takes one named alone.
    area_abbreviations: Mapping[str, tuple[str, ...]]
    # The second-level areas GeoNames names for its towns, where the name carries its area
    # word ("Orange County", "St. Tammany Parish"), by key, most populous first: each at the
    # centre of its towns, for `sitrep places` alone.
    districts: Mapping[str, tuple[Place, ...]]
    # The countries whose every town the gazetteer holds; a town elsewhere needs evidence.
    theatre: frozenset[str]
    # The towns abroad that need none: capitals and cities of a million (gazetteer.yaml).
    world_cities: frozenset[str]
    never_places: frozenset[str]
    abbreviations: frozenset[str]
    role_cues: Mapping[str, tuple[str, ...]]
    claim_precedence: tuple[str, ...]
    event_types: tuple[Mapping[str, Any], ...]
    figure_rules: Mapping[str, Any]
    time: TimeRules
    index: PhraseIndex

    def actor(self, name: str) -> Actor:
        """The actor of a name: the listed one, else one the report names that actors.yaml
        does not list (extract.document finds those): a state by its forces ("Russian
        troops" are Russia's) or an armed group ("JNIM militants")."""
        listed = self.actors.get(name)
        if listed is not None:
            return listed
        if name in self.state_names or name.partition("-led ")[0] in self.state_words:
            return Actor(id=name, name=name, kind="state_force", source=UNLISTED_STATE)
        return Actor(id=name, name=name, kind="armed_group", source=UNLISTED)


# The source of an actor that a report names and actors.yaml does not list.
UNLISTED = "unlisted: named in the report"
UNLISTED_STATE = "unlisted: a state named in the report by its forces"


def load_knowledge(*, gazetteer: Path | None = None, actors: Path | None = None) -> Knowledge:
    """Return the Knowledge of the package data plus optional user files (cached)."""
    return _load_cached(
        str(gazetteer) if gazetteer else None,
        str(actors) if actors else None,
    )


@functools.cache
def _load_cached(gazetteer: str | None, actors: str | None) -> Knowledge:
    extra = [Path(p) for p in (gazetteer, actors) if p]
    for path in extra:
        if not path.is_file():
            raise DataFileError("no such file", source=str(path))
    cache = _cache_path(extra)
    if cache.is_file():
        try:
            with cache.open("rb") as handle:
                knowledge: Knowledge = _unpickled(handle)
            return _kept_for_good(knowledge)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
            log.warning("ignoring unreadable knowledge cache %s: %s", cache, exc)
    knowledge = build_knowledge(
        gazetteer=Path(gazetteer) if gazetteer else None,
        actors=Path(actors) if actors else None,
    )
    _write_cache(cache, knowledge)
    return _kept_for_good(knowledge)


def _unpickled(handle: BinaryIO) -> Knowledge:
    """The cached Knowledge, read with the cyclic collector paused: its millions of new
    objects would otherwise start a collection every few hundred allocations."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return cast(Knowledge, pickle.load(handle))
    finally:
        if paused:
            gc.enable()


def _kept_for_good(knowledge: Knowledge) -> Knowledge:
    """The Knowledge, moved out of the collector's reach: it lives as long as the process and
    never changes, and each full collection would walk every one of its objects again."""
    gc.freeze()
    return knowledge


def build_knowledge(*, gazetteer: Path | None = None, actors: Path | None = None) -> Knowledge:
    """Build the Knowledge from the data files, without the cache."""
    lexicon = _word_lists(_read_yaml("lexicon.yaml"), source="lexicon.yaml")
    never_places = frozenset(phrase_key(str(w)) for w in lexicon.pop("never_places", []))
    not_towns_abroad = frozenset(phrase_key(str(w)) for w in lexicon.pop("not_towns_abroad", []))
    abbreviations = frozenset(str(w) for w in lexicon.pop("abbreviations", []))
    claim_precedence = tuple(lexicon.pop("claim_precedence"))
    role_cues = {
        name: tuple(sorted((str(w).lower() for w in lexicon.pop(name, [])), key=len, reverse=True))
        for name in (
            "target_before",
            "target_after",
            "attacker_before",
            "party_adjectives",
            "not_attacker_before",
            "neutral_before",
            "source_after",
            "clock_after",
            "naming_before",
            "outlet_after",
            "denier_after",
            "backing_after",
            "making_after",
            "backed_group_heads",
            "victim_after",
            "defender_after",
            "defence_nouns",
            "affinity_before",
            "location_before",
            "place_words_before",
            "origin_spots",
            "seat_before",
            "state_force_nouns",
            "led_party_nouns",
            "agent_verbs",
            "state_weapon_nouns",
            "group_nouns_after",
            "group_name_ends",
            "group_name_starts",
            "group_verbs_after",
            "not_group_names",
            "attack_nouns",
            "inquiry_nouns",
            "party_heads",
            "engage_verbs",
            "incoming_weapons",
            "off_territory_targets",
            "stopped_by",
            "host_voices",
        )
    }
    sponsor_after = (*role_cues["backing_after"], *role_cues["making_after"])
    role_cues["sponsor_after"] = tuple(sorted(sponsor_after, key=len, reverse=True))
    facilities = list(_facility_rows(_read_data_text("facilities.csv"), source="facilities.csv"))
    if gazetteer:
        facilities += list(_facility_rows(_read_user_text(gazetteer), source=str(gazetteer)))
    provinces = _provinces()
    places: dict[str, Place] = {}
    for place in _geonames_places(provinces):
        places[place.id] = place
    for place in _airport_places(provinces):
        places[place.id] = place
    for place in provinces.values():
        places[place.id] = place
    for place in facilities:
        places[place.id] = place
    described = (role_cues["backing_after"], role_cues["backed_group_heads"])
    actor_list = _actors(_read_yaml("actors.yaml"), source="actors.yaml", described=described)
    if actors:
        actor_list += _actors(_read_user_yaml(actors), source=str(actors), described=described)
    actor_map = {a.name: a for a in actor_list}
    anchors = _anchors(_read_yaml("anchors.yaml"))
    countries = _country_names(_read_yaml("countries.yaml"))
    entries = _index_entries(places, never_places, not_towns_abroad, actor_map, anchors, countries, lexicon)
    index = PhraseIndex(entries, proper=("country",))
    return Knowledge(
        places=dict(places),
        actors=dict(actor_map),
        anchors=dict({name: anchor for name, (anchor, _) in anchors.items()}),
        provinces=dict({(p.country, p.name): p for p in provinces.values()}),
        countries=dict({code: names[0] for code, names in countries.items()}),
        state_names=frozenset(names[0] for names in countries.values()),
        state_words=frozenset(name for names in countries.values() for name in names),
        country_points=_country_points({code: names[0] for code, names in countries.items()}),
        continents={p.id.removeprefix("continent:"): p for p in _continents()},
        bare_areas=_bare_areas(provinces, {phrase_key(n): code for code, ns in countries.items() for n in ns}),
        area_abbreviations=_area_abbreviations(provinces),
        districts=_districts(places),
        theatre=frozenset(_read_yaml("gazetteer.yaml")["theatre_countries"]),
        world_cities=_world_cities(places),
        never_places=never_places,
        abbreviations=abbreviations,
        role_cues=role_cues,
        claim_precedence=claim_precedence,
        event_types=tuple(_read_yaml("event_types.yaml")),
        figure_rules=_read_yaml("figures.yaml"),
        time=_time_rules(_read_yaml("time.yaml")),
        index=index,
    )


def _index_entries(
    places: dict[str, Place],
    never_places: frozenset[str],
    not_towns_abroad: frozenset[str],
    actors: dict[str, Actor],
    anchors: dict[str, tuple[Anchor, list[str]]],
    countries: dict[str, list[str]],
    lexicon: dict[str, list[str]],
) -> Iterator[tuple[str, tuple[str, str]]]:
    theatre = set(_read_yaml("gazetteer.yaml")["theatre_countries"])
    # "Iraq" is also a name of Arak in Iran: a country's name is the country, not a town abroad.
    country_keys = {phrase_key(name) for names in countries.values() for name in names}
    for place in places.values():
        abroad = place.kind == "town" and place.country not in theatre
        # an area abroad only as "Borno State", "the Kharkiv region" (_world_areas)
        area_abroad = place.kind == "province" and place.country not in theatre
        for name in set(place.aliases) if area_abroad else {place.name, *place.aliases}:
            key = phrase_key(name)
            if key in never_places or len(key) < 3:
                continue
            alternate = name != place.name
            if abroad and (
                key in country_keys or key in not_towns_abroad or not name[:1].isupper() or (alternate and len(key) < 4)
            ):
                continue
            yield name, ("place", place.id)
    for actor in actors.values():
        for name in {actor.name, *actor.aliases}:
            yield name, ("actor", actor.name)
    for category, words in _read_yaml("weapons.yaml").items():
        if category not in WEAPONS:
            raise DataFileError(f"unknown weapon category {category!r}", source="weapons.yaml")
        for word in words:
            yield str(word), ("weapon", category)
    for name, (_, cues) in anchors.items():
        for cue in cues:
            yield cue, ("anchor", name)
    for code, names in countries.items():
        for name in names:
            yield name, ("country", code)
            if _is_demonym(name):
                yield f"{name}s", ("country", code)  # "killing 60 Afghans", "two Iraqis were hurt"
    # "in Somalia's capital", "the Syrian capital": the country's capital city.
    capitals = {row["country"]: f"geonames:{row['capital']}" for row in _country_rows() if row["capital"]}
    for code, names in countries.items():
        if capitals.get(code) in places:
            for name in names:
                yield f"{name} capital", ("place", capitals[code])
    # A first-level area abroad named bare in two words or more ("North Darfur", "Tamil Nadu")
    # is evidence of its country ("El Fasher in North Darfur"); one word is too often a word.
    not_bare = {phrase_key(n) for n in _read_yaml("gazetteer.yaml")["generic_area_names"]} | country_keys
    for place in places.values():
        if place.kind == "province" and place.country not in theatre:
            for bare in bare_area_names(place.name):
                if " " in phrase_key(bare) and phrase_key(bare) not in not_bare:
                    yield bare, ("area", place.country)
    for continent in _continents():
        for name in {continent.name, *continent.aliases}:
            yield name, ("continent", continent.id.removeprefix("continent:"))
    for list_name, words in lexicon.items():
        for word in words:
            yield str(word), ("cue", list_name)


def _word_lists(data: Any, *, source: str) -> dict[str, list[str]]:
    """Check that a lexicon maps list names to lists of words (YAML reads a bare on/no as a boolean)."""
    if not isinstance(data, dict):
        raise DataFileError("expected lists of words by name", source=source)
    for name, words in data.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            bad = [w for w in words if not isinstance(w, str)] if isinstance(words, list) else words
            raise DataFileError(f"list {name!r} must hold words only, not {bad!r} (quote it)", source=source)
    return data


def _facility_rows(text: str, *, source: str) -> Iterator[Place]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in FACILITY_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(f"missing columns: {', '.join(missing)}", source=source)
    seen: set[str] = set()
    for number, row in enumerate(reader, 2):
        if row["id"] in seen:
            raise DataFileError(f"id {row['id']!r} is used twice", source=source, line=number)
        seen.add(row["id"])
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (TypeError, ValueError) as exc:
            raise DataFileError("lat/lon is not a number", source=source, line=number) from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not row["id"] or not row["name"]:
            raise DataFileError("needs an id, a name and valid lat/lon", source=source, line=number)
        yield Place(
            id=row["id"],
            name=row["name"],
            kind=row["kind"] or "site",
            country=row["country"].upper(),
            lat=lat,
            lon=lon,
            admin1=row["admin1"] or None,
            source=row["source"],
            aliases=tuple(a.strip() for a in (row["aliases"] or "").split("|") if a.strip()),
            hosts=row.get("hosts") or None,
        )


def _provinces() -> dict[str, Place]:
    provinces = {}
    for row in csv.DictReader(io.StringIO(_read_data_text("admin1.csv"))):
        place = Place(
            id=f"admin1:{row['country']}.{row['code']}",
            name=row["name"],
            kind="province",
            country=row["country"],
            lat=float(row["capital_lat"]),
            lon=float(row["capital_lon"]),
            admin1=row["name"],
            source=row["source"],
            aliases=_province_aliases(row["name"], row["aliases"]),
        )
        provinces[f"{row['country']}.{row['code']}"] = place
    for place in _world_areas():
        provinces.setdefault(place.id.removeprefix("admin1:"), place)
    return provinces


# How reports call a first-level area abroad: "Borno State", "the Kharkiv region", "Kharkiv
# Oblast". The bare name is left out: it is mostly also its capital's, a country's ("Niger
# State") or a word ("Centre", "Delta", "Plateau").
AREA_WORDS = ("State", "Province", "Region", "Oblast", "Governorate", "District", "Department")
# GeoNames writes some areas with the area word first ("Departamento de Arauca", "County of
# Kerry"); reports write "Arauca province", "County Kerry".
_LEADING_AREA_WORDS = ("Departamento de ", "Departamento del ", "County of ", "Province of ", "Region of ")


def area_stem(name: str) -> str:
    """An area's name without its area word: "Borno State" and "Departamento de Arauca" are
    "Borno" and "Arauca"."""
    if name.endswith(AREA_WORDS):
        return name.rsplit(" ", 1)[0]
    return next((name[len(w) :] for w in _LEADING_AREA_WORDS if name.startswith(w)), name)


def _world_areas() -> Iterator[Place]:
    """The first-level areas outside the theatre (data/admin1_world.tsv, from GeoNames, each
    placed at its most populous town: tools/build_geonames.py)."""
    for row in csv.DictReader(io.StringIO(_read_data_text("admin1_world.tsv")), delimiter="\t"):
        names = dict.fromkeys(n for n in (row["asciiname"], anyascii(row["name"])) if n)
        stems = {area_stem(n) for n in names}
        yield Place(
            id=f"admin1:{row['country']}.{row['code']}",
            name=row["asciiname"] or row["name"],
            kind="province",
            country=row["country"],
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            admin1=row["asciiname"] or row["name"],
            source=f"GeoNames admin1 {row['country']}.{row['code']} ({row['geonameid']}); at {row['placed_at']}",
            aliases=tuple(
                dict.fromkeys(
                    [*(n for n in names if n.endswith(AREA_WORDS)), *(f"{n} {w}" for n in stems for w in AREA_WORDS)]
                )
            ),
        )


_COMPASS = {"Northern": "North", "Southern": "South", "Eastern": "East", "Western": "West"}


def bare_area_names(name: str) -> list[str]:
    """An area's name without its area word, and its other compass form: GeoNames'
    "Northern Darfur" is "North Darfur" in the news, "North Kordofan State" also
    "Northern Kordofan"."""
    bare = area_stem(name)
    first, _, rest = bare.partition(" ")
    if not rest:
        return [bare]
    other = _COMPASS.get(first) or next((long for long, brief in _COMPASS.items() if brief == first), None)
    return [bare, f"{other} {rest}"] if other else [bare]


def _bare_areas(
    provinces: Mapping[str, Place], country_keys: Mapping[str, str]
) -> dict[str, tuple[tuple[str, float, float], ...]]:
    """The areas abroad by bare name (see Knowledge.bare_areas), but names that are words
    (gazetteer.yaml generic_area_names) or another country's: "Georgia" is the country, and
    "England" is one of the United Kingdom's areas."""
    rows = csv.DictReader(io.StringIO(_read_data_text("admin1_world.tsv")), delimiter="\t")
    centres = {
        f"admin1:{r['country']}.{r['code']}": (float(r["centre_latitude"]), float(r["centre_longitude"])) for r in rows
    }
    generic = {phrase_key(n) for n in _read_yaml("gazetteer.yaml")["generic_area_names"]}
    found: dict[str, list[tuple[str, float, float]]] = {}
    for place in provinces.values():
        if place.id in centres and provinces.get(place.id.removeprefix("admin1:")) is place:
            for name in bare_area_names(place.name):
                bare = phrase_key(name)
                if bare not in generic and country_keys.get(bare, place.country) == place.country and len(bare) >= 3:
                    found.setdefault(bare, []).append((place.id, *centres[place.id]))
    return {key: tuple(areas) for key, areas in found.items()}


def _area_abbreviations(provinces: Mapping[str, Place]) -> dict[str, tuple[str, ...]]:
    """The areas each abbreviation stands for (data/area_abbreviations.tsv): "WA" is both
    Washington and Western Australia, and the town before it or the report settles which."""
    found: dict[str, list[str]] = {}
    for row in csv.DictReader(io.StringIO(_read_data_text("area_abbreviations.tsv")), delimiter="\t"):
        area = provinces.get(f"{row['country']}.{row['code']}")
        if area is None:
            raise DataFileError(f"no first-level area {row['country']}.{row['code']}", source="area_abbreviations.tsv")
        for abbreviation in row["abbreviations"].split("|"):
            found.setdefault(abbreviation, []).append(area.id)
    return {abbreviation: tuple(ids) for abbreviation, ids in found.items()}


# The words that make a second-level area's name an area's and no town's.
_DISTRICT_WORDS = ("County", "Parish", "District", "Borough", "Rayon", "Raion")


def _districts(places: Mapping[str, Place]) -> dict[str, tuple[Place, ...]]:
    """The second-level areas named with their area word, from the towns GeoNames puts in
    them: each at the centre of its towns, its people theirs (see Knowledge.districts)."""
    towns: dict[tuple[str, str | None, str], list[Place]] = {}
    for place in places.values():
        if place.kind == "town" and place.admin2 and place.admin2.endswith(_DISTRICT_WORDS):
            towns.setdefault((place.country, place.admin1, place.admin2), []).append(place)
    found: dict[str, list[Place]] = {}
    for (country, admin1, name), inside in towns.items():
        district = Place(
            id=f"admin2:{country}.{admin1}.{name}",
            name=name,
            kind="district",
            country=country,
            lat=round(sum(p.lat for p in inside) / len(inside), 5),
            lon=round(sum(p.lon for p in inside) / len(inside), 5),
            admin1=admin1,
            admin2=name,
            population=sum(p.population for p in inside),
            source=f"GeoNames second-level area; the centre of its {len(inside)} towns",
        )
        found.setdefault(phrase_key(name), []).append(district)
    return {key: tuple(sorted(areas, key=lambda p: -p.population)) for key, areas in found.items()}


def _province_aliases(name: str, aliases: str) -> tuple[str, ...]:
    """A province's names, each also with "province" and "governorate" after it ("Hodeidah
    province" listed is also "Hodeidah governorate"; the bare name only where listed)."""
    names = [name, *(a for a in aliases.split("|") if a)]
    words = ("province", "governorate")
    stems = [n.rsplit(" ", 1)[0] if n.lower().endswith(words) else n for n in names]
    return tuple(dict.fromkeys([*names[1:], *(f"{n} {w}" for n in stems for w in words)]))


def _country_points(names: Mapping[str, str]) -> dict[str, Place]:
    """A point for each country (data/country_points.tsv: GeoNames', where it has one)."""
    points = {}
    for row in _country_rows():
        code = row["country"]
        points[code] = Place(
            id=f"country:{code}",
            name=names.get(code, code),
            kind="country",
            country=code,
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            source=f"{row['source']}: the country's point",
        )
    return points


def _world_cities(places: Mapping[str, Place]) -> frozenset[str]:
    """The ids of the towns a report need not place in their country: every country's
    capital and the towns of at least world_city_population (gazetteer.yaml)."""
    least = int(_read_yaml("gazetteer.yaml")["world_city_population"])
    capitals = {f"geonames:{row['capital']}" for row in _country_rows() if row["capital"]}
    return frozenset(
        i
        for i, p in places.items()
        if p.kind == "town" and (i in capitals or (p.population >= least and i.startswith("geonames:")))
    )


def _continents() -> Iterator[Place]:
    """GeoNames' continents (data/continents.tsv), in no country."""
    for row in csv.DictReader(io.StringIO(_read_data_text("continents.tsv")), delimiter="\t"):
        name, *aliases = row["names"].split("|")
        yield Place(
            id=f"continent:{row['continent']}",
            name=name,
            kind="continent",
            country="",
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            source=f"GeoNames {row['geonameid']}: the continent's point",
            aliases=tuple(aliases),
        )


def _country_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_read_data_text("country_points.tsv")), delimiter="\t"))


def _is_demonym(name: str) -> bool:
    """A one-word name of a country's people, which English makes plural with an s: "Afghan",
    "Iraqi", "Ukrainian" (not "Sudanese", not a country's own name ending so, which the
    plural leaves a name no report writes)."""
    return name.isalpha() and name[:1].isupper() and name.endswith(("an", "i"))


def _country_names(curated: dict[str, list[str]]) -> dict[str, list[str]]:
    """Every country's names: those countries.yaml gives (adjectives, other names) first,
    then ISO 3166's (pycountry), then countryinfo's other spellings and demonyms
    (data/country_points.tsv)."""
    import pycountry

    names = {code: list(words) for code, words in curated.items()}
    for country in pycountry.countries:
        given = [getattr(country, "common_name", None), country.name]
        known = names.setdefault(country.alpha_2, [])
        # "Korea, Republic of" is how ISO lists a name, not how a report writes it.
        known.extend(n for n in given if n and n not in known and "," not in n)
    for row in _country_rows():
        known = names.setdefault(row["country"], [])
        known.extend(n for n in row["names"].split("|") if n and n not in known)
    for country in pycountry.countries:
        if not names[country.alpha_2]:
            names[country.alpha_2].append(country.name)
    return names


def _geonames_places(provinces: dict[str, Place]) -> Iterator[Place]:
    """The GeoNames towns of data/geonames.tsv.gz (chosen by tools/build_geonames.py)."""
    text = gzip.decompress(_read_data_bytes(GEONAMES_FILE)).decode("utf-8")
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        province = provinces.get(f"{row['country']}.{row['admin1code']}")
        others = [n for n in row["alternatenames"].split("|") if n]
        yield Place(
            id=f"geonames:{row['geonameid']}",
            name=anyascii(row["name"]).replace("`", "'"),
            kind="town",
            country=row["country"],
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            admin1=province.name if province else None,
            admin2=row["admin2"] or None,
            population=int(row["population"]),
            source=f"GeoNames {row['geonameid']}",
            aliases=tuple({row["name"], *others}),
        )


def _airport_places(provinces: dict[str, Place]) -> Iterator[Place]:
    import airportsdata

    wanted = set(_read_yaml("gazetteer.yaml")["theatre_countries"])
    for icao, airport in airportsdata.load("ICAO").items():
        if airport["country"] not in wanted or not airport["name"]:
            continue
        yield Place(
            id=f"icao:{icao}",
            name=airport["name"],
            kind="airport",
            country=airport["country"],
            lat=float(airport["lat"]),
            lon=float(airport["lon"]),
            admin1=_province_named(provinces, airport["country"], airport["subd"]),
            source=f"airportsdata {icao}",
            aliases=_airport_aliases(airport["name"], airport["city"]),
        )


def _airport_aliases(name: str, city: str) -> tuple[str, ...]:
    """Short names reports use: "Hodeidah airport" for "Hodeidah International Airport"."""
    short = name.replace(" International", "")
    names = {short, f"{city} airport", f"{city} International Airport"} if city else {short}
    return tuple(sorted(n for n in names if n != name))


def _province_named(provinces: dict[str, Place], country: str, name: str) -> str | None:
    key = fold_word(name.replace("-", " ").replace(" ", ""))
    for place in provinces.values():
        names = (place.name, *place.aliases)
        if place.country == country and any(fold_word(n.replace("-", " ").replace(" ", "")) == key for n in names):
            return place.name
    return None


def _actors(entries: Any, *, source: str, described: tuple[tuple[str, ...], tuple[str, ...]]) -> list[Actor]:
    """The actors of a YAML list; `described`: the backing words and group heads that, after
    a name of `backed_by`, are an alias too."""
    if not isinstance(entries, list):
        raise DataFileError("expected a list of actors", source=source)
    actors = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not entry.get("name"):
            raise DataFileError(f"actor #{number} has no name", source=source)
        actors.append(
            Actor(
                id=str(entry.get("id") or entry["name"]),
                name=str(entry["name"]),
                kind=str(entry.get("kind") or "armed_group"),
                aliases=(*(str(a) for a in entry.get("aliases") or ()), *_backed_names(entry, *described)),
                source=str(entry.get("source") or source),
                is_generic=bool(entry.get("generic", False)),
                default_weapon=entry.get("default_weapon"),
                acled_inter=entry.get("acled_inter"),
                acled_name=entry.get("acled_name"),
                acled_from=_iso_day(entry.get("acled_from"), "acled_from", number, source),
                acled_until=_iso_day(entry.get("acled_until"), "acled_until", number, source),
                first_seen=_first_seen(entry.get("first_seen"), number, source),
            )
        )
    return actors


def _backed_names(entry: dict[str, Any], backing: tuple[str, ...], heads: tuple[str, ...]) -> list[str]:
    """ "Iran-backed militant groups", "Iranian-aligned factions": a generic actor named by its sponsor."""
    return [f"{sponsor}{word} {head}" for sponsor in entry.get("backed_by") or () for word in backing for head in heads]


def _iso_day(value: Any, key: str, number: int, source: str) -> str | None:
    """An ISO day of the actors data (YAML reads a bare 2021-01-20 as a date), or None."""
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise DataFileError(f"actor #{number}: {key} must be a day, YYYY-MM-DD", source=source) from None


def _anchors(entries: list[dict[str, Any]]) -> dict[str, tuple[Anchor, list[str]]]:
    anchors = {}
    for entry in entries:
        anchor = Anchor(name=entry["name"], date=entry["date"], source=entry["source"])
        anchors[anchor.name] = (anchor, [str(c) for c in entry["cues"]])
    return anchors


def _first_seen(value: Any, number: int, source: str) -> date | None:
    """An actor's `first_seen` day (YAML reads an ISO day as a date)."""
    if value is None or isinstance(value, date):
        return value
    raise DataFileError(f"actor #{number}: first_seen must be a day (YYYY-MM-DD), not {value!r}", source=source)


def _time_rules(data: dict[str, Any]) -> TimeRules:
    return TimeRules(
        months=dict(data["months"]),
        weekdays=dict(data["weekdays"]),
        number_words=dict(data["number_words"]),
        parts_of_day=dict({k: bool(v["late_start"]) for k, v in data["parts_of_day"].items()}),
        relative_days=dict({k: tuple(v) for k, v in data["relative_days"].items()}),
        relative_to_previous=dict(data["relative_to_previous"]),
        windows=dict(data["windows"]),
        onset={key: tuple(words) for key, words in data["onset"].items()},
    )


def _read_data_bytes(name: str) -> bytes:
    return resources.files("sitrep").joinpath("data", name).read_bytes()


def _read_data_text(name: str) -> str:
    return resources.files("sitrep").joinpath("data", name).read_text(encoding="utf-8")


def _read_yaml(name: str) -> Any:
    try:
        return yaml.safe_load(_read_data_text(name))
    except yaml.YAMLError as exc:
        raise DataFileError(f"not valid YAML: {exc}", source=name) from exc


def _read_user_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read: {exc}", source=str(path)) from exc


def _read_user_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(_read_user_text(path))
    except yaml.YAMLError as exc:
        raise DataFileError(f"not valid YAML: {exc}", source=str(path)) from exc


def _cache_path(extra: list[Path]) -> Path:
    digest = hashlib.sha256(f"{_CACHE_FORMAT}".encode())
    for name in _DATA_FILES:
        digest.update(_read_data_text(name).encode())
    digest.update(_read_data_bytes(GEONAMES_FILE))
    for path in extra:
        digest.update(path.read_bytes())
    # The index holds names folded by sitrep.match and chosen here: a change in either must rebuild it.
    for module in ("match.py", "knowledge.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    for package in ("sitrep", "airportsdata", "pyahocorasick", "anyascii"):
        digest.update(version(package).encode())
    root = Path(os.environ.get("SITREP_CACHE") or Path.home() / ".cache" / "sitrep")
    return root / f"knowledge-{digest.hexdigest()[:16]}.pickle"


def _write_cache(path: Path, knowledge: Knowledge) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            with temporary.open("wb") as handle:
                pickle.dump(knowledge, handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(path)
        finally:
            temporary.unlink(missing_ok=True)
        _prune_cache(path.parent)
    except OSError as exc:
        log.warning("cannot write knowledge cache %s: %s", path, exc)


# Each version of the data (or of a user's gazetteer) has its own cache file: keep the
# newest few, so that upgrades do not pile up files of 3 MB.
_CACHES_KEPT = 8


def _prune_cache(folder: Path) -> None:
    caches = sorted(folder.glob("knowledge-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in caches[_CACHES_KEPT:]:
        old.unlink(missing_ok=True)
