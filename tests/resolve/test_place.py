"""Place resolution: spellings, namesakes, sites over towns, provinces, offsets, user entries."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitrep
from sitrep.extract import extract_report
from sitrep.knowledge import Knowledge, load_knowledge
from sitrep.records import Report, report_id
from sitrep.resolve.place import haversine_km


def _places(kb: Knowledge, text: str) -> list[tuple[str | None, str | None, int | None]]:
    report = Report(id=report_id(text), text=text, doc="t.txt", published="2024-01-29", published_basis="metadata")
    return [(m.place_id, m.country, m.geo_precision) for m in extract_report(report, kb).mentions]


@pytest.mark.parametrize(
    ("spelling", "place_id"),
    [
        ("Dayr al-Zawr province", "admin1:SY.07"),
        ("Deir ez-Zor governorate", "admin1:SY.07"),
        ("Deir Ezzor", "admin1:SY.07"),
        ("al-Shaddadi", "sy-shaddadi"),
        ("al-Shadadi", "sy-shaddadi"),
        ("Ash Shaddadah", "sy-shaddadi"),
        ("Ain al-Asad", "iq-ain-al-asad"),
        ("Ain al-Assad", "iq-ain-al-asad"),
        ("Ayn al-Assad Air Base", "iq-ain-al-asad"),
        ("Al Asad Air Base", "iq-ain-al-asad"),
        ("Koniko gas field", "sy-conoco"),
        ("Rumeilan", "sy-rmelan"),
        ("Irbil airport", "iq-erbil-airport"),
        ("Khirbat ‘Adnan", None),
    ],
)
def test_spelling_variants_resolve_to_one_entry(spelling: str, place_id: str | None) -> None:
    lookup = sitrep.places(spelling)
    assert (lookup.chosen.id if lookup.chosen else None) == place_id


@pytest.mark.parametrize("spelling", ["Dayr al-Zawr", "Deir ez-Zor", "Dayr az-Zawr"])
def test_the_city_and_its_province_share_a_name(spelling: str) -> None:
    lookup = sitrep.places(spelling)
    assert lookup.chosen is not None and lookup.chosen.name == "Deir ez-Zor" and lookup.chosen.kind == "town"
    assert {p.kind for p in lookup.candidates} == {"town", "province"}


def test_namesakes_are_settled_by_the_country_in_context(kb: Knowledge) -> None:
    assert sitrep.places("Rukban", countries=["JO"]).chosen.country == "JO"  # type: ignore[union-attr]
    assert _places(kb, "Drones struck the Rukban camp in southeastern Syria on Sunday.") == [("sy-rukban", "SY", 1)]
    assert _places(kb, "A drone struck near Rukban, Jordan, on Sunday.") == [("geonames:11428685", "JO", 1)]


def test_a_site_beats_a_town_of_the_same_name() -> None:
    lookup = sitrep.places("Harir")
    assert lookup.chosen is not None and lookup.chosen.id == "iq-harir"


def test_an_unknown_village_falls_back_to_its_named_province(kb: Knowledge) -> None:
    text = "Drones targeted a US base in Tell Baydar village in Hasakah province on Saturday."
    assert _places(kb, text) == [("admin1:SY.01", "SY", 3)]


def test_a_sea_position_given_as_an_offset_gets_the_offset_point(kb: Knowledge) -> None:
    text = "A missile struck a tanker 95 nautical miles southeast of Aden on Friday, the Houthis said."
    report = Report(id=report_id(text), text=text, doc="t.txt", published="2024-01-27", published_basis="metadata")
    (mention,) = extract_report(report, kb).mentions
    aden = sitrep.places("Aden").chosen
    assert aden is not None and mention.lat is not None and mention.lon is not None
    assert haversine_km(aden.lat, aden.lon, mention.lat, mention.lon) == pytest.approx(95 * 1.852, rel=0.01)
    assert mention.lat < aden.lat and mention.lon > aden.lon
    assert mention.geo_precision == 2
    assert text[slice(*mention.spans["place"])] == "95 nautical miles southeast of Aden"


@pytest.mark.parametrize(
    "text",
    [
        "More drones were shot down over the base, officials said on Monday.",
        "The strike was one of dozens. Of the attacks, none caused casualties.",
        "The Mission said the attack hit the compound on Monday.",
        "Officials said the main airport was hit on Sunday.",
    ],
)
def test_common_words_are_not_places(kb: Knowledge, text: str) -> None:
    assert _places(kb, text) == []


def _user_gazetteer(folder: Path, *rows: str) -> Path:
    user = folder / "places.csv"
    user.write_text(
        "id,name,aliases,kind,admin1,country,lat,lon,source\n" + "".join(f"{row}\n" for row in rows), encoding="utf-8"
    )
    return user


def test_a_user_gazetteer_adds_and_overrides_entries(tmp_path: Path) -> None:
    user = _user_gazetteer(
        tmp_path,
        "sy-khirbat-adnan,Khirbat Adnan,Khirbat ‘Adnan,village,Al-Hasakah,SY,36.60,40.90,field survey 2024",
        "sy-tanf,al-Tanf garrison,al-Tanf,base,Homs,SY,33.50,38.60,corrected position",
    )
    kb = load_knowledge(gazetteer=user)
    assert sitrep.places("Khirbat ‘Adnan", gazetteer=user).chosen.id == "sy-khirbat-adnan"  # type: ignore[union-attr]
    assert kb.places["sy-tanf"].source == "corrected position"
    text = "Drones targeted a US base in Khirbat ‘Adnan village in Hasakah province on Saturday."
    assert _places(kb, text) == [("sy-khirbat-adnan", "SY", 1)]


def test_a_broken_user_gazetteer_is_a_clear_error(tmp_path: Path) -> None:
    user = tmp_path / "places.csv"
    user.write_text("id,name\nx,y\n", encoding="utf-8")
    with pytest.raises(sitrep.DataFileError, match="missing columns: aliases, kind, admin1, country, lat, lon, source"):
        load_knowledge(gazetteer=user)


def test_every_facility_names_a_public_source(kb: Knowledge) -> None:
    curated = [p for p in kb.places.values() if not p.id.startswith(("geonames:", "icao:", "admin1:"))]
    assert len(curated) >= 50
    assert all(p.source.strip() for p in curated)


def test_a_user_gazetteer_with_one_id_twice_is_a_clear_error(tmp_path: Path) -> None:
    user = _user_gazetteer(
        tmp_path,
        "x-one,Khirbat Adnan,,village,Al-Hasakah,SY,36.60,40.90,field survey",
        "x-one,Tal Tamr,,town,Al-Hasakah,SY,36.65,40.37,field survey",
    )
    with pytest.raises(sitrep.DataFileError, match="id 'x-one' is used twice") as error:
        load_knowledge(gazetteer=user)
    assert "places.csv" in str(error.value) and "3" in str(error.value)
