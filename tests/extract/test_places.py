"""The place-role stage: which place a sentence names is where the attack landed."""

from __future__ import annotations

import pytest

from sitrep.api import prediction_lines
from sitrep.extract import extract_report, trace_report
from sitrep.knowledge import Knowledge
from sitrep.records import Report, report_id


def _roles(kb: Knowledge, text: str) -> dict[str, str]:
    report = Report(id=report_id(text), doc="t.txt", text=text, published="2024-02-05")
    return {text[r.hit.start : r.hit.end]: r.role for s in trace_report(report, kb) for r in s.places}


@pytest.mark.parametrize(
    ("text", "place", "role"),
    [
        # datelined wire copy: the dateline is where the report was filed
        ("BAGHDAD (Reuters) - Rockets struck the Ain al-Asad air base on Tuesday.", "BAGHDAD", "dateline"),
        ("BAGHDAD (Reuters) - Rockets struck the Ain al-Asad air base on Tuesday.", "Ain al-Asad air base", "site"),
        # a claim statement relayed by an outlet with a seat
        ("An Erbil-based official said two drones hit the Harir air base on Monday.", "Erbil", "seat"),
        (
            "Drones hit Mayadin on Monday, said the Observatory, a monitor headquartered in London, UK.",
            "London",
            "seat",
        ),
        ("The minister told reporters in Baghdad that rockets hit Ain al-Asad on Monday.", "Baghdad", "seat"),
        # a town abroad that speaks or owns is its government
        ("US jets struck Jurf al-Sakhar on Friday, in what Washington called a response.", "Washington", "voice"),
        ("Rockets hit Ain al-Asad on Monday over Washington's support for Israel.", "Washington", "voice"),
        ("Tehran-backed militias fired rockets at Ain al-Asad on Monday.", "Tehran", "voice"),
        # ... but troops "based in" a place were attacked there
        ("Rockets hit US troops based in Erbil on Monday.", "Erbil", "site"),
        # where the weapons came from
        ("Rockets fired from Qaim struck the base at Ain al-Asad on Sunday.", "Qaim", "origin"),
        ("Rockets fired from Qaim struck the base at Ain al-Asad on Sunday.", "Ain al-Asad", "site"),
        # a landmark that only says where the site is
        ("Two rockets hit the Victory Base Complex near Baghdad airport overnight.", "Baghdad airport", "landmark"),
        # a clause that describes the site says where it is
        (
            "The second drone attack targeted the al-Harir air base, which houses U.S. forces in the northern "
            "Iraqi city of Erbil.",
            "Erbil",
            "landmark",
        ),
        ("Drones hit the Conoco gas field, located near Deir ez-Zor, on Monday.", "Deir ez-Zor", "landmark"),
        ("Drones hit the Harir air base and the Erbil airport on Monday.", "Erbil airport", "site"),
        # a reference point of a bearing
        ("Israeli jets struck a village south of Tyre on Friday.", "Tyre", "reference"),
        # a distance with no bearing places the attack at the place, as near as the report says
        (
            "US forces engaged a drone a few kilometers from the Ain al-Asad air base on Thursday and shot it down.",
            "Ain al-Asad air base",
            "site",
        ),
        # a maritime notice: the sea frames, the offset is the place
        ("A missile hit a bulk carrier in the Red Sea on Saturday, the navy said.", "Red Sea", "frame"),
        # Israeli strikes in Syria: the city is the whole, the suburb the site
        ("Israeli missiles struck the Damascus suburb of Sayyida Zeinab on Monday.", "Damascus", "whole"),
        ("Israeli missiles struck the Damascus suburb of Sayyida Zeinab on Monday.", "Sayyida Zeinab", "site"),
        # the cause an attack is told for is its motive, not its site
        (
            "Hezbollah fired rockets at Kiryat Shmona on Friday in solidarity with the people of Rafah.",
            "Rafah",
            "motive",
        ),
        (
            "US aircraft struck Jurf al-Sakhar on Friday in response to the attack at Tower 22.",
            "Jurf al-Sakhar",
            "site",
        ),
        # a list of provinces says where the attacks were only to a province: no site
        ("Israeli strikes hit six sites in three provinces: Damascus, Homs and Hama, on Monday.", "Homs", "province"),
        ("Israeli strikes hit six sites in three provinces: Damascus, Homs and Hama, on Monday.", "Hama", "province"),
        ("Israeli strikes hit a depot in Homs on Monday.", "Homs", "site"),
        # "the countryside of Hama", "rural Idlib": the rural part of a province, no site
        ("The strikes also hit a research centre in the countryside of Hama on Sunday.", "Hama", "province"),
        ("Russian jets struck villages in rural Idlib on Monday, the monitor said.", "Idlib", "province"),
        ("Government shelling hit the Aleppo countryside on Monday.", "Aleppo", "province"),
        ("A drone struck a PMF post in Anbar province on Tuesday.", "Anbar province", "province"),
        # ... and beside a site it only restates where the site is
        ("A drone struck the Ain al-Asad air base in Anbar province on Tuesday.", "Anbar province", "landmark"),
        ("Drones hit the Harir air base and a PMF post in Erbil province on Monday.", "Erbil province", "restated"),
        # a territory named bare is the scope of a war, not where an attack landed
        ("The group said its attacks would go on until the war on the Gaza Strip ends.", "Gaza Strip", "scope"),
        (
            "Hamas fighters clashed with the army, which has besieged the Gaza Strip since October.",
            "Gaza Strip",
            "scope",
        ),
        # the area word after a list is every item's: "Quneitra and Daraa countryside"
        (
            "Israeli jets struck military sites in Quneitra and Daraa countryside early on Sunday.",
            "Quneitra",
            "province",
        ),
        ("Russian jets struck rebel positions in Hama and Idlib provinces on Sunday.", "Hama", "province"),
        # ... a town's countryside is no province's: the town places the attack
        ("Israeli missiles struck the Masyaf countryside on Sunday.", "Masyaf", "site"),
        # an official release gives the hour by a capital's clock
        ("At about 9 p.m. Baghdad time, US forces struck three sites at Jurf al-Sakhar.", "Baghdad", "clock"),
        ("Missiles hit Kharkiv, Ukraine, at 4 a.m. Kyiv time on Monday, officials said.", "Kyiv", "clock"),
        ("Missiles hit Kharkiv, Ukraine, at 4 a.m. Kyiv time on Monday, officials said.", "Kharkiv", "site"),
        (
            "Drones struck Baghdad airport at 9 p.m. on Tuesday, the time of the evening prayer.",
            "Baghdad airport",
            "site",
        ),
        # a monitor's director: his given name is a town's name
        (
            "A drone hit a base near Deir ez-Zor on Friday, said Rami Abdulrahman of the Observatory.",
            "Rami",
            "given name",
        ),
    ],
)
def test_each_place_gets_its_role(kb: Knowledge, text: str, place: str, role: str) -> None:
    assert _roles(kb, text)[place] == role


def test_an_armed_group_s_name_is_no_place(kb: Knowledge) -> None:
    roles = _roles(kb, "Israeli strikes hit Nabatieh on Wednesday, where Hezbollah and its ally Amal hold sway.")
    assert roles == {"Nabatieh": "site"}


def test_each_time_phrase_says_what_it_dates(kb: Knowledge) -> None:
    text = (
        "The Islamic Resistance in Iraq said on Thursday that it struck the Harir air base on Wednesday, "
        "the latest of the attacks since October 17."
    )
    report = Report(id=report_id(text), doc="t.txt", text=text, published="2024-02-02")
    ((sentence,),) = [trace_report(report, kb)]
    dates = {
        text[t.phrase.start : t.phrase.end]: (t.dates, str(t.window.date if t.window else None)) for t in sentence.times
    }
    assert dates["Thursday"] == ("when something was said", "2024-02-01")
    assert dates["Wednesday"] == ("an attack", "2024-01-31")
    assert dates["October 17"][0] == "a campaign's start"


@pytest.mark.parametrize(
    ("text", "province", "country"),
    [
        ("Israeli jets struck a Syrian army position in Quneitra governorate on Thursday.", "Quneitra", "SY"),
        ("A drone hit a Popular Mobilization Forces post in Anbar province late on Sunday.", "Anbar", "IQ"),
        ("US and British aircraft bombed targets in Hodeidah governorate on Monday night.", "Al Hudaydah", "YE"),
        (
            "Israeli artillery shelled the outskirts of several villages in Nabatieh governorate on Friday.",
            "Nabatieh",
            "LB",
        ),
    ],
)
def test_an_attack_placed_only_in_a_province_is_kept_as_a_coarse_line(
    kb: Knowledge, text: str, province: str, country: str
) -> None:
    extraction = extract_report(Report(id=report_id(text), doc="t.txt", text=text, published="2024-02-10"), kb)
    assert extraction.mentions == ()
    (line,) = [line for line in prediction_lines(extraction) if line.get("kind") == "coarse"]
    assert (line["reason"], line["geo_precision"], line["time_precision"]) == ("placed only to a province", 3, 1)
    assert (line["place_canonical"], line["country"]) == (province, country)


def test_a_province_the_report_places_more_precisely_is_no_coarse_attack(kb: Knowledge) -> None:
    text = (
        "Two US bases in Syria's northeastern province of Hasakah came under drone attack on Friday. "
        "One drone struck the al-Shaddadi base, the other was shot down near the Conoco gas field."
    )
    extraction = extract_report(Report(id=report_id(text), doc="t.txt", text=text, published="2024-02-10"), kb)
    assert extraction.coarse == ()
    assert extraction.mentions


def test_a_village_the_gazetteer_lacks_is_placed_at_its_province_and_says_so(kb: Knowledge) -> None:
    text = "A drone struck Umm Shiraa village in Deir ez-Zor province on Tuesday."
    (mention,) = extract_report(Report(id=report_id(text), doc="t.txt", text=text, published="2024-02-10"), kb).mentions
    assert (mention.place, mention.place_canonical, mention.geo_precision) == ("Umm Shiraa", "Deir ez-Zor", 3)
    assert mention.inferred["place"] == "named place not in the gazetteer; its province stands in"


@pytest.mark.parametrize("town", ["Majdal Shams", "Buq'ata"])
def test_a_town_of_the_israeli_held_golan_is_in_israel(kb: Knowledge, town: str) -> None:
    # GOLD.md: the country is the state in control of the place; GeoNames gives Syria's.
    text = f"A rocket fired from Lebanon hit {town} on Saturday, the army said."
    (mention,) = extract_report(Report(id=report_id(text), doc="t.txt", text=text, published="2024-07-28"), kb).mentions
    assert (mention.place_canonical, mention.country) == (town, "IL")


def _mentions(kb: Knowledge, text: str, published: str = "2024-06-12") -> tuple[str | None, ...]:
    report = Report(id=report_id(text), doc="t.txt", text=text, published=published, published_basis="metadata")
    return tuple(m.place_canonical for m in extract_report(report, kb).mentions)


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("Israeli jets struck the port of Hodeidah on Saturday, setting fuel tanks ablaze.", "Port of Hodeidah"),
        ("A drone hit a warehouse at the port of Eilat on Sunday, the army said.", "Port of Eilat"),
    ],
)
def test_a_listed_site_named_by_its_kind_first_is_that_site(kb: Knowledge, text: str, site: str) -> None:
    assert _mentions(kb, text) == (site,)


def test_a_ship_s_position_by_a_port_and_by_an_offset_from_its_town_is_one_attack(kb: Knowledge) -> None:
    text = (
        "A bulk carrier was struck by an explosive boat off the port of Hodeidah on Wednesday, shipping "
        "sources said. The ship was hit about 60 nautical miles southwest of Hodeidah, a security firm said."
    )
    assert _mentions(kb, text) == ("60 nautical miles southwest of Hodeidah",)
    # a ship struck off another port is another attack
    other = text.replace("southwest of Hodeidah", "west of Aden")
    assert len(_mentions(kb, other)) == 2


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # the Houthis' drone that hit Tel Aviv in July 2024 bore Jaffa's Arabic name
        (
            "An explosive drone hit a building in Tel Aviv on Friday. The Houthis claimed the attack, saying they "
            'had used a new drone they called "Yafa".',
            ("Tel Aviv",),
        ),
        ("An explosive drone hit a building in Tel Aviv on Friday, in an operation dubbed “Yafa”.", ("Tel Aviv",)),
        # unquoted after "called", a name is a place's: "a village called Kfar Kila"
        ("Israeli shells hit a village called Kfar Kila on Friday, residents said.", ("Kfar Kila",)),
    ],
)
def test_a_place_s_name_in_quotes_given_to_a_thing_is_no_place(
    kb: Knowledge, text: str, places: tuple[str, ...]
) -> None:
    assert _mentions(kb, text, "2024-07-19") == places


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # a place named as a part of the province after it is the site
        ("Israeli strikes hit the Masyaf area of Hama province on Sunday night, a monitor said.", ("Masyaf",)),
        (
            "Militants attacked an army post in the Dera Ismail Khan district of Khyber Pakhtunkhwa province, "
            "Pakistan, on Tuesday.",
            ("Dera Ismail Khan",),
        ),
        # a town named as the whole that the next place is part of is not
        ("An Israeli strike hit the Damascus suburb of Sayyida Zeinab on Monday, a monitor said.", ("Sayyida Zeinab",)),
    ],
)
def test_a_part_of_a_province_is_the_site_a_part_of_a_town_is_too(
    kb: Knowledge, text: str, places: tuple[str, ...]
) -> None:
    assert _mentions(kb, text, "2023-12-12") == places
