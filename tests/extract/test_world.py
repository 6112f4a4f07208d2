"""Attacks anywhere on Earth: the world's towns, with the evidence a town abroad needs.

The reports are written for these tests, with real places and facts of other conflicts.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import sitrep
from sitrep.cli import app
from sitrep.extract import extract_report
from sitrep.knowledge import Knowledge
from sitrep.records import Report, report_id
from sitrep.resolve.place import haversine_km


def _mentions(text: str, kb: Knowledge, published: str = "2024-05-30") -> list[sitrep.Mention]:
    report = Report(id=report_id(text), text=text, doc="r.txt", published=published, published_basis="metadata")
    return list(extract_report(report, kb).mentions)


@pytest.mark.parametrize(
    ("text", "country", "point"),
    [
        (
            "Russian drones struck the city of Kharkiv overnight, Ukraine's regional governor said on "
            "Thursday, damaging apartment blocks and wounding several residents.",
            "UA",
            (49.99, 36.23),
        ),
        (
            "Militants fired rockets at the United Nations camp in Gao, in northern Mali, on Friday, "
            "wounding several peacekeepers, the mission said.",
            "ML",
            (16.27, -0.05),
        ),
        (
            "The Rapid Support Forces shelled the city of El Fasher in North Darfur on Tuesday, killing "
            "at least ten civilians, Sudan's army said.",
            "SD",
            (13.63, 25.35),
        ),
        (
            "A suicide bomber struck a hotel near the beach in Mogadishu on Friday evening, Somalia's "
            "police said, killing several people.",
            "SO",
            (2.04, 45.34),
        ),
        (
            "Myanmar's military carried out an airstrike on a school in the town of Sagaing on Monday, "
            "residents said, killing students.",
            "MM",
            (21.88, 95.98),
        ),
        (
            "Gunmen attacked a village near Maiduguri in northeastern Nigeria on Sunday, killing farmers, "
            "local officials said.",
            "NG",
            (11.85, 13.16),
        ),
    ],
)
def test_an_attack_in_another_conflict_is_placed_in_its_country(
    text: str, country: str, point: tuple[float, float], kb: Knowledge
) -> None:
    (mention,) = _mentions(text, kb)
    assert mention.country == country
    assert mention.lat is not None and mention.lon is not None
    assert haversine_km(mention.lat, mention.lon, *point) <= 30


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("A suicide bomber blew himself up at a beach restaurant in Somalia's capital on Friday night.", (2.04, 45.34)),
        ("Drones struck a market in the Sudanese capital on Tuesday, killing five people.", (15.55, 32.53)),
        ("An Israeli strike hit a building in the Syrian capital on Monday, state media said.", (33.51, 36.29)),
    ],
)
def test_a_country_s_capital_named_as_such_is_that_city(text: str, point: tuple[float, float], kb: Knowledge) -> None:
    (mention,) = _mentions(text, kb)
    assert mention.lat is not None and mention.lon is not None
    assert haversine_km(mention.lat, mention.lon, *point) < 30


def test_a_capital_named_twice_in_apposition_is_one_place(kb: Knowledge) -> None:
    text = "US and British warplanes struck targets in Yemen's capital, Sanaa, on Monday night."
    (mention,) = _mentions(text, kb)
    assert mention.place == "Sanaa"


def test_the_words_before_a_list_of_towns_place_every_town_of_it(kb: Knowledge) -> None:
    text = (
        "Russian missiles struck the cities of Dnipro, Kryvyi Rih and Zaporizhzhia on Monday, Ukraine's air force said."
    )
    assert {m.place for m in _mentions(text, kb)} == {"Dnipro", "Kryvyi Rih", "Zaporizhzhia"}


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "Explosions were heard in Tehran and nearby Karaj early on Saturday, Iran's state media said.",
            {"Tehran", "Karaj"},
        ),
        ("Drones hit Kharkiv and neighbouring Chuhuiv in Ukraine overnight, officials said.", {"Kharkiv", "Chuhuiv"}),
    ],
)
def test_a_town_nearby_the_one_listed_before_is_placed_with_it(text: str, places: set[str], kb: Knowledge) -> None:
    assert {m.place for m in _mentions(text, kb)} == places


def test_a_town_listed_after_another_is_in_its_country(kb: Knowledge) -> None:
    # Russia is named too, and Engels in Russia was once called Pokrovsk
    text = "Russia fired missiles at the cities of Dnipro and Pokrovsk on Monday, Ukraine's air force said."
    assert {(m.place, m.country) for m in _mentions(text, kb)} == {("Dnipro", "UA"), ("Pokrovsk", "UA")}


def test_a_town_after_a_comma_that_speaks_is_no_list_item(kb: Knowledge) -> None:
    text = "Russian missiles struck the Ukrainian city of Dnipro, Kryvyi Rih's mayor said on Monday."
    assert {m.place for m in _mentions(text, kb)} == {"Dnipro"}


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # where around a town the weapons came from is no site
        ("Shells fired from positions near Sake hit a camp on the outskirts of Goma, Congo, on Friday.", {"Goma"}),
        ("Rockets fired from the outskirts of Sake hit a camp near Goma, Congo, on Friday.", {"Goma"}),
        # the same words with no origin cue are where the attack landed
        ("Shells hit positions near Sake, Congo, on Friday, the army said.", {"Sake"}),
    ],
)
def test_where_the_weapons_came_from_is_no_site(text: str, places: set[str], kb: Knowledge) -> None:
    assert {m.place for m in _mentions(text, kb)} == places


def test_may_before_a_day_s_number_is_the_month_not_a_doubt(kb: Knowledge) -> None:
    text = "GOMA, Congo, May 3 - Bombs hit two camps on the outskirts of Goma on Friday, officials said."
    assert [m.place for m in _mentions(text, kb, "2024-05-03")] == ["Goma"]


def test_a_known_name_that_ends_a_village_s_longer_name_is_no_place_of_its_own(kb: Knowledge) -> None:
    # "Biri" alone is a town in Israel; "Tudun Biri village" is in Nigeria, and the gazetteer
    # lacks it: its state stands in
    text = "A military drone strike hit Tudun Biri village in Nigeria's Kaduna state on Sunday night."
    (mention,) = _mentions(text, kb, "2023-12-04")
    assert (mention.place, mention.country, mention.geo_precision) == ("Tudun Biri", "NG", 3)
    assert "place" in mention.inferred


def test_a_known_village_before_its_kind_word_is_still_a_place(kb: Knowledge) -> None:
    text = "An Israeli drone struck Aitaroun village in south Lebanon on Sunday."
    assert [m.place_canonical for m in _mentions(text, kb)] == ["Aitaroun"]


def test_a_bare_capital_is_no_place(kb: Knowledge) -> None:
    assert _mentions("Gunmen stormed a hotel in the capital on Friday, police said.", kb) == []


def test_a_town_abroad_is_not_taken_when_its_country_is_not_named(kb: Knowledge) -> None:
    assert _mentions("Drones struck Sumy overnight, officials said on Thursday.", kb) == []
    assert sitrep.places("Sumy").chosen is None
    assert sitrep.places("Sumy", countries=["UA"]).chosen is not None


@pytest.mark.parametrize(
    ("name", "context", "country"),
    [
        # a world city names its country; so does a first-level area, as in extraction
        ("Sumy", "Drones struck Kyiv overnight, officials said.", "UA"),
        ("London", "Police in Ottawa said the man had driven from the west.", "CA"),
        ("El Fasher", "Fighting spread across North Darfur this week.", "SD"),
    ],
)
def test_the_lookup_takes_the_countries_a_context_names_as_extraction_does(
    name: str, context: str, country: str
) -> None:
    assert sitrep.places(name).chosen is None or sitrep.places(name).chosen.country != country  # type: ignore[union-attr]
    found = sitrep.places(name, context=context).chosen
    assert found is not None and found.country == country


def test_a_context_that_names_no_place_names_no_country() -> None:
    assert sitrep.places("Olympia", context="Officials said so on Thursday.").context_countries == ()
    assert sitrep.places("Olympia", context="Officials in Washington said so.").context_countries == ("US",)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a capital, or a city of a million, needs no country named
        ("Drones struck Moscow overnight, the mayor said on Thursday.", "RU"),
        ("Missiles struck Kharkiv overnight, officials said on Thursday.", "UA"),
        ("A car bomb exploded in Mogadishu on Friday, police said.", "SO"),
        ("Israeli jets struck a building in Tehran on Saturday, state media said.", "IR"),
        ("Russian missiles struck Kyiv's Podil district on Monday, the mayor said.", "UA"),
    ],
)
def test_a_world_city_needs_no_country_named(text: str, country: str, kb: Knowledge) -> None:
    (mention,) = _mentions(text, kb)
    assert mention.country == country


def test_a_capital_in_the_genitive_is_its_government_not_a_site(kb: Knowledge) -> None:
    text = "Militias fired rockets at the Ain al-Asad air base on Sunday over Washington's support for Israel."
    assert [m.country for m in _mentions(text, kb)] == ["IQ"]


@pytest.mark.parametrize(
    ("text", "country", "point"),
    [
        (
            "Two suicide bombers attacked crowds at Kabul's airport on Thursday, killing at least 60 Afghans.",
            "AF",
            (34.53, 69.17),
        ),
        ("Russian missiles hit Odesa's port on Monday, damaging grain silos, officials said.", "UA", (46.48, 30.73)),
    ],
)
def test_a_town_abroad_in_the_genitive_before_a_part_of_it_is_a_place(
    text: str, country: str, point: tuple[float, float], kb: Knowledge
) -> None:
    (mention,) = _mentions(text, kb)
    assert mention.country == country
    assert haversine_km(mention.lat or 0, mention.lon or 0, *point) <= 30


def test_a_name_called_a_region_is_not_the_town_of_that_name(kb: Knowledge) -> None:
    # Pazigyi is too small for the gazetteer; the town of Sagaing is 100 km away.
    text = "Junta jets bombed a crowd in Pazigyi, in the Sagaing region of Myanmar, on Tuesday, killing 100 people."
    assert [m.place_canonical for m in _mentions(text, kb)] == []


def test_a_world_city_does_not_beat_a_namesake_in_the_theatre_or_a_named_country(kb: Knowledge) -> None:
    # Libya's capital is Tripoli; so is a city of Lebanon, in the theatre
    tripoli = sitrep.places("Tripoli").chosen
    assert tripoli is not None and tripoli.country == "LB"
    # London, Ontario, in a report that names Canada
    london = sitrep.places("London", context="Canadian police said a drone fell on a barn.").chosen
    assert london is not None and london.country == "CA"
    assert sitrep.places("London").chosen.country == "GB"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        # a surname, in a report that names the town's country
        "US Defense Secretary Lloyd Austin said drones struck the al-Tanf garrison in Syria on Sunday.",
        # a word of a name, after no place word
        "US Central Command said its forces struck a radar site in Yemen on Sunday.",
    ],
)
def test_a_namesake_abroad_needs_a_place_word(text: str, kb: Knowledge) -> None:
    assert all(m.country != "US" for m in _mentions(text, kb, "2024-01-29"))


def test_a_country_name_is_the_country_not_a_town_abroad(kb: Knowledge) -> None:
    # GeoNames lists "Iraq" among the names of Arak, in Iran.
    text = "Iran-backed groups attacked US forces in Iraq on Sunday, the Pentagon said."
    assert all(m.country != "IR" for m in _mentions(text, kb, "2024-01-29"))
    iraq = sitrep.places("Iraq", countries=["IR"]).chosen
    assert iraq is not None and (iraq.kind, iraq.country) == ("country", "IQ")


@pytest.mark.parametrize(
    ("text", "weapon", "sub_event_type"),
    [
        (
            "A suicide bomber blew himself up at a crowded market in Mogadishu, Somalia, on Friday.",
            "explosive",
            "Suicide bomb",
        ),
        ("Gunmen opened fire on a bus near Maiduguri in northeastern Nigeria on Sunday.", "gunfire", "Armed clash"),
        (
            "Militants detonated an explosives-laden vehicle outside a police station in Bannu, Pakistan, on Tuesday.",
            "explosive",
            "Remote explosive/landmine/IED",
        ),
        (
            "A roadside bomb went off near a military convoy outside Gao in northern Mali on Tuesday.",
            "explosive",
            "Remote explosive/landmine/IED",
        ),
        (
            "Militants hurled a grenade at a police station in the town of Sagaing, Myanmar, on Monday.",
            "explosive",
            "Grenade",
        ),
        (
            "Heavy clashes broke out between the army and the militia in El Fasher, Sudan, on Wednesday.",
            None,
            "Armed clash",
        ),
        (
            "Russian drones struck an energy facility in Kharkiv, Ukraine, on Wednesday.",
            "drone",
            "Air/drone strike",
        ),
    ],
)
def test_the_attack_words_of_other_wars(text: str, weapon: str | None, sub_event_type: str, kb: Knowledge) -> None:
    """The weapon, and ACLED's sub-event type chosen by the words before the weapon (data/event_types.yaml)."""
    (mention,) = _mentions(text, kb, "2024-05-31")
    assert mention.weapons == ((weapon,) if weapon else ())
    assert mention.sub_event_type == sub_event_type


def test_a_seized_weapons_cache_is_no_attack(kb: Knowledge) -> None:
    text = "Police seized a cache of rockets and explosives in a warehouse in Mogadishu, Somalia, on Friday."
    assert _mentions(text, kb, "2024-05-31") == []


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        ("Al-Shabaab fighters attacked a military base in Mogadishu, Somalia, on Thursday.", "Al-Shabaab"),
        ("JNIM militants ambushed soldiers near Gao, Mali, on Saturday, killing twelve.", "JNIM"),
        ("The Rapid Support Forces shelled the city of El Fasher, Sudan, on Tuesday.", "Rapid Support Forces"),
        ("The Arakan Army attacked a police post in the town of Sittwe, Myanmar, on Monday.", "Arakan Army"),
        # an acronym that claims or carries out the attack, in brackets after the full name too
        ("JNIM claimed responsibility for an attack on an army post near Djibo, Burkina Faso, on Saturday.", "JNIM"),
        (
            "Fighters of Jama'at Nusrat al-Islam wal-Muslimin (JNIM) opened fire on soldiers near Djibo, "
            "Burkina Faso, on Saturday.",
            "JNIM",
        ),
        ("ISWAP attacked an army base near Maiduguri in northeastern Nigeria on Sunday.", "ISWAP"),
        # the party a source blames, a describing word between
        (
            "Drones struck the airport of Port Sudan, Sudan, on Sunday, the army said, blaming the "
            "paramilitary Rapid Support Forces.",
            "Rapid Support Forces",
        ),
        # "group" after a name; a describing word before it that names a listed actor is no part of it
        ("The al-Qaida-linked al-Shabab group attacked a hotel in Mogadishu, Somalia, on Friday.", "al-Shabab"),
        # a gang, and the members of a party that open the sentence are its subject
        (
            "Members of the Gran Grif gang opened fire on residents of the town of Saint-Marc, Haiti, on Thursday.",
            "Gran Grif",
        ),
        # a day before the party, closed by a comma, does not make it the one attacked "on"
        ("On Saturday, JNIM militants ambushed soldiers near Gao, Mali, killing twelve.", "JNIM"),
        # a pronoun or a describing word before a group noun names no group
        ("Its fighters attacked a police post in the town of Sittwe, Myanmar, on Monday.", None),
        ("Separatist militants opened fire on a train near the town of Mach, Pakistan, on Tuesday.", None),
        ("Insurgent fighters attacked a police post in the town of Sittwe, Myanmar, on Monday.", None),
    ],
)
def test_a_group_actors_yaml_does_not_list_can_be_the_attacker(text: str, attacker: str | None, kb: Knowledge) -> None:
    (mention,) = _mentions(text, kb, "2024-05-31")
    assert mention.attacker == attacker
    if attacker:
        assert attacker not in kb.actors and kb.actor(attacker).kind == "armed_group"


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        (
            "An air strike by the Saudi-led coalition hit a prison in the city of Saada, Yemen, on Friday.",
            "Saudi-led coalition",
        ),
        ("French-led forces struck a militant camp near the town of Menaka, Mali, on Monday.", "French-led forces"),
        # a listed party that begins with the state's name is that party; "the coalition" alone too
        ("The US-led coalition struck an ISIS hideout near the town of Hajin, Syria, on Monday.", "US-led coalition"),
    ],
)
def test_a_coalition_led_by_a_state_is_a_party_of_its_own(text: str, attacker: str, kb: Knowledge) -> None:
    (mention,) = _mentions(text, kb, "2024-05-31")
    assert mention.attacker == attacker
    assert kb.actor(attacker).kind in ("state_force", "coalition")


def test_the_members_of_a_group_someone_killed_are_the_target(kb: Knowledge) -> None:
    text = "Police opened fire on members of the Gran Grif gang in the town of Saint-Marc, Haiti, on Thursday."
    (mention,) = _mentions(text, kb)
    assert (mention.attacker, mention.target) == (None, "Gran Grif")


def test_a_listed_party_s_acronym_in_brackets_is_that_party(kb: Knowledge) -> None:
    text = "The Islamic Resistance in Iraq (IRI) claimed a drone attack on the Ain al-Asad base on Monday."
    assert [m.attacker for m in _mentions(text, kb)] == ["Islamic Resistance in Iraq"]


def test_a_group_s_acronym_in_brackets_is_that_group_throughout_the_report(kb: Knowledge) -> None:
    text = (
        "The Rapid Support Forces (RSF) shelled the city of El Fasher, Sudan, on Tuesday, killing ten people. "
        "On Wednesday, RSF fighters attacked a camp for displaced people near the town of Kutum, Sudan."
    )
    assert [m.attacker for m in _mentions(text, kb, "2024-05-30")] == ["Rapid Support Forces"] * 2


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        ("Russian troops shelled the town of Kupiansk on Monday, Ukrainian officials said.", "Russia"),
        ("Sudan's army bombed a market in the city of Nyala, Sudan, on Saturday, medics said.", "Sudan"),
        ("Turkish warplanes struck villages near Qamishli in northeastern Syria on Friday.", "Turkey"),
        # an adjective countryinfo lacks (countries.yaml)
        ("Philippine troops shelled rebel positions near the town of Marawi on Tuesday, the army said.", "Philippines"),
        # the agent of an attack noun, as "an Israeli strike" is Israel's
        ("A Turkish drone strike hit a car near Qamishli in northeastern Syria on Friday.", "Turkey"),
        ("A Russian missile attack on Kharkiv in Ukraine on Friday killed three people.", "Russia"),
        # a listed actor over the same words wins
        ("Israeli forces struck a house in the town of Bint Jbeil in south Lebanon on Monday.", "Israel"),
        # the subject of an attack verb
        ("Russia fired dozens of missiles at the city of Kharkiv, Ukraine, on Monday.", "Russia"),
        ("Azerbaijan shelled the Armenian town of Goris on Tuesday, Armenia's defence ministry said.", "Azerbaijan"),
        ("Myanmar again bombed the town of Lashio, Myanmar, on Sunday, residents said.", "Myanmar"),
        # the owner of the weapons, whoever stops them
        ("Ukrainian drones attacked an oil refinery in the city of Ryazan, Russia, overnight.", "Ukraine"),
        ("Air defences destroyed 32 Ukrainian drones over the city of Ryazan, Russia, overnight.", "Ukraine"),
        ("A Russian ballistic missile struck the port city of Odesa, Ukraine, late on Friday.", "Russia"),
        # a nationality alone is no party; nor is a country that is hit, or that speaks
        ("Gunmen attacked a hotel in Mogadishu, Somalia, on Friday, and a Turkish citizen was hurt.", None),
        ("Drones struck the city of Kharkiv on Monday, Ukraine said, killing two people.", None),
        ("Somalia hit by a suicide bombing: a blast tore through a market in Mogadishu on Friday.", None),
        # ... nor where the weapons came from
        ("A rocket fired from Lebanon hit a house in the town of Kiryat Shmona, Israel, on Friday.", None),
        ("Drones launched from Russia struck the city of Sumy, Ukraine, on Friday, officials said.", None),
        # ... nor where the attackers are, a part of the country between
        ("Militants in northern Mali attacked an army camp near Gao, Mali, on Sunday.", None),
        ("Fighters in eastern Myanmar shelled the town of Myawaddy, Myanmar, on Sunday.", None),
    ],
)
def test_a_state_actors_yaml_does_not_list_is_a_party_by_its_forces(
    text: str, attacker: str | None, kb: Knowledge
) -> None:
    (mention,) = _mentions(text, kb, "2024-05-31")
    assert mention.attacker == attacker
    if attacker and attacker not in kb.actors:
        assert kb.actor(attacker).kind == "state_force"


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Drones struck the airport in Port Sudan, Sudan, on Sunday, according to the Sudanese army.", "confirmed"),
        ("Drones struck the airport in Port Sudan on Sunday, according to Sudan.", "confirmed"),
        # a country that only describes the source, or no official source
        (
            "A ship was attacked 60 nautical miles west of Hodeidah on Sunday, according to the UK firm Ambrey.",
            "reported",
        ),
        ("Drones struck the airport in Port Sudan, Sudan, on Sunday, according to residents.", "reported"),
    ],
)
def test_a_state_cited_as_the_source_confirms(text: str, claim: str, kb: Knowledge) -> None:
    (mention,) = _mentions(text, kb)
    assert mention.claim == claim


def test_places_shows_how_a_context_changes_the_choice() -> None:
    assert sitrep.places("Gao").chosen is None
    lookup = sitrep.places("Gao", context="Militants attacked an army camp in northern Mali on Friday.")
    assert (lookup.chosen.country if lookup.chosen else None, lookup.context_countries) == ("ML", ("ML",))
    shown = CliRunner().invoke(app, ["places", "Gao", "--context", "an army camp in northern Mali"]).stdout
    assert "context names: ML" in shown and "without the context: nothing" in shown and "Gao -> Gao" in shown
    # a context that names another country leaves the theatre's namesake in place
    assert sitrep.places("Rukban", context="near the Syrian border").chosen.country == "SY"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "country", "point"),
    [
        (
            "Boko Haram fighters attacked farmers in Nigeria's Borno State on Saturday, killing at least twelve.",
            "NG",
            (11.85, 13.16),
        ),
        (
            "Russian missiles struck energy facilities in the Kharkiv region of Ukraine overnight, officials said.",
            "UA",
            (49.99, 36.23),
        ),
        ("Militants ambushed an army patrol in Mali's Gao region on Tuesday, the army said.", "ML", (16.27, -0.05)),
        # GeoNames' "Departamento de Arauca", as reports write it
        (
            "A truck bomb exploded at a military base in Colombia's Arauca province on Tuesday, the army said.",
            "CO",
            (7.08, -70.76),
        ),
        # "the province of X": the province that bears its capital's name
        (
            "Drones struck targets in the central province of Isfahan, Iran's state media said on Friday.",
            "IR",
            (32.65, 51.67),
        ),
    ],
)
def test_an_attack_placed_only_in_a_province_abroad_is_a_coarse_line_at_its_capital(
    text: str, country: str, point: tuple[float, float], kb: Knowledge
) -> None:
    report = Report(id=report_id(text), text=text, doc="r.txt", published="2024-05-30", published_basis="metadata")
    extraction = extract_report(report, kb)
    assert extraction.mentions == ()
    (coarse,) = extraction.coarse
    assert (coarse.country, coarse.geo_precision) == (country, 3)
    assert haversine_km(coarse.lat or 0, coarse.lon or 0, *point) <= 30


def test_a_province_abroad_needs_its_country_named(kb: Knowledge) -> None:
    # "Central Region" is an area of Ghana, Uganda, Malawi, ...: it names no country
    text = "Gunmen attacked a market in the Central Region on Saturday, residents said."
    report = Report(id=report_id(text), text=text, doc="r.txt", published="2024-05-30", published_basis="metadata")
    assert extract_report(report, kb).coarse == ()
    # "Borno State" is Nigeria's alone: it names its country
    text = "Gunmen attacked a market in Borno State on Saturday, residents said."
    report = Report(id=report_id(text), text=text, doc="r.txt", published="2024-05-30", published_basis="metadata")
    assert [(m.country, m.admin1) for m in extract_report(report, kb).coarse] == [("NG", "Borno")]
    # a province's bare name abroad is no attack's place: it is also its capital's, a
    # country's or a word; the lookup takes it, at the area's centre, when its country is named
    assert all(p.kind != "province" for p in sitrep.places("Niger", countries=["NG"]).candidates)
    assert sitrep.places("Borno").chosen is None
    borno = sitrep.places("Borno", context="Nigerian troops patrol the state.").chosen
    assert borno is not None and (borno.kind, borno.country) == ("province", "NG")
    # California's centre, not Los Angeles, its largest town
    california = sitrep.places("California", context="U.S. officials said.").chosen
    assert california is not None and haversine_km(california.lat, california.lon, 37.25, -119.75) < 100
    # a word before an area: no lookup takes "Central" for a province
    assert sitrep.places("Central", countries=["GH"]).chosen is None


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # two towns of the Donetsk region, 17 km apart; "Russian" names the attacker's country
        (
            "Russian glide bombs hit Kostiantynivka on Tuesday and a drone struck a market in Druzhkivka "
            "the same day, regional officials said.",
            "UA",
        ),
        # Sake and Goma, on the shore of Lake Kivu
        ("M23 rebels shelled Sake on Wednesday, and bombs fell on a camp outside Goma, aid workers said.", "CD"),
        # Markala and Segou, 34 km apart on the Niger; a town in Ivory Coast is also called Segou
        ("Jihadists attacked an army post in Markala on Sunday, a week after an ambush near Segou.", "ML"),
    ],
)
def test_two_neighbouring_towns_abroad_name_their_country(text: str, country: str, kb: Knowledge) -> None:
    mentions = _mentions(text, kb)
    assert mentions and {m.country for m in mentions} == {country}


def test_towns_abroad_far_apart_or_alone_name_no_country(kb: Knowledge) -> None:
    # Djibo and Dori lie 170 km apart: namesakes could be anywhere
    assert _mentions("Gunmen attacked a convoy near Djibo on Sunday and a market in Dori on Monday.", kb) == []
    assert _mentions("A drone struck a depot in Lashio on Monday, residents said.", kb) == []


def test_the_lookup_takes_an_area_no_town_or_other_area_shares_without_its_country() -> None:
    kentucky = sitrep.places("Kentucky").chosen
    assert kentucky is not None and (kentucky.kind, kentucky.country) == ("province", "US")
    assert haversine_km(kentucky.lat, kentucky.lon, 37.8, -85.7) < 150
    # a word before an area, or a name in lower case, is no area without evidence
    assert sitrep.places("Store").chosen is None
    assert sitrep.places("kentucky").chosen is None
    # "Punjab" is an area of India and of Pakistan: which one, only its country says
    assert sitrep.places("Punjab").chosen is None


def test_the_lookup_takes_the_area_before_a_town_of_its_name_elsewhere_in_the_country() -> None:
    # a town called Oregon lies in Ohio; the state is what the news means
    oregon = sitrep.places("Oregon", context="Officials in the U.S. state said fires spread.").chosen
    assert oregon is not None and (oregon.kind, oregon.admin1) == ("province", "Oregon")
    # Enugu the city lies in Enugu State: the name is still the city's
    enugu = sitrep.places("Enugu", context="Nigerian police said gunmen attacked a bus.").chosen
    assert enugu is not None and enugu.kind != "province"


@pytest.mark.parametrize(("name", "point"), [("England", (52.8, -2.3)), ("Wales", (52.4, -4.0))])
def test_a_country_s_other_name_that_is_one_of_its_areas_is_the_area(name: str, point: tuple[float, float]) -> None:
    chosen = sitrep.places(name).chosen
    assert chosen is not None and (chosen.kind, chosen.country) == ("province", "GB")
    assert haversine_km(chosen.lat, chosen.lon, *point) < 100
    # a country whose own name an area shares is still the country (the State of Mexico)
    assert sitrep.places("Mexico").chosen.kind == "country"  # type: ignore[union-attr]


@pytest.mark.parametrize(("name", "country"), [("Syria", "SY"), ("Ukraine", "UA"), ("United States", "US")])
def test_a_country_s_name_is_placed_at_its_centre_by_the_lookup_only(name: str, country: str, kb: Knowledge) -> None:
    chosen = sitrep.places(name).chosen
    assert chosen is not None and (chosen.kind, chosen.country) == ("country", country)
    # extraction never makes a country an attack's site
    text = f"Drones struck targets in {name} on Monday, officials said."
    assert _mentions(text, kb) == []


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a demonym names its country as well as the name does
        ("Ukrainian officials said Russian drones struck the city of Kharkiv on Thursday.", "UA"),
        ("Sudanese army officers said the Rapid Support Forces shelled the city of Omdurman on Friday.", "SD"),
        # and the short forms news writes
        ("A drone struck a warehouse in Liverpool on Monday, UK police said.", "GB"),
        ("A drone struck a warehouse in Liverpool on Monday, British police said.", "GB"),
        # a first-level area of two words or more names its country too (GeoNames writes
        # "Northern Darfur")
        ("The RSF shelled a camp near El Fasher in North Darfur on Friday, medics said.", "SD"),
        # "Congo" alone is either Congo: the gazetteer settles which
        ("M23 rebels shelled the outskirts of Goma in eastern Congo on Tuesday, the army said.", "CD"),
    ],
)
def test_a_demonym_or_a_short_form_names_the_town_s_country(text: str, country: str, kb: Knowledge) -> None:
    (mention,) = _mentions(text, kb)
    assert mention.country == country


def test_a_one_word_area_is_no_evidence_of_its_country(kb: Knowledge) -> None:
    # "Plateau" is a state of Nigeria and a word
    assert _mentions("Gunmen attacked a village near Pankshin on the Plateau on Monday, police said.", kb) == []
    # "Zamfara State" is Nigeria's alone ("Plateau State" is also Benin's)
    text = "Gunmen attacked a village near Gusau in Zamfara State on Monday, police said."
    assert [m.country for m in _mentions(text, kb)] == ["NG"]


def test_a_word_that_folds_to_a_country_s_name_names_no_country(kb: Knowledge) -> None:
    # countryinfo calls the Isle of Man "Mann", and "man" folds to it
    assert sitrep.places("Douglas", context="A man was arrested on Monday.").context_countries == ()
    assert sitrep.places("Izmir", context="Farmers roasted a turkey.").context_countries == ()
    assert sitrep.places("Izmir", context="Officials in Turkey said.").context_countries == ("TR",)


def test_a_short_form_in_capitals_is_no_pronoun(kb: Knowledge) -> None:
    assert sitrep.places("Texas City", context="Officials told us on Monday.").context_countries == ()
    assert sitrep.places("Texas City", context="US officials said on Monday.").context_countries == ("US",)
    assert sitrep.places("U.S.").chosen.country == "US"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "point"), [("Europe", (48.69, 9.14)), ("African", (7.19, 21.09)), ("European Union", (48.69, 9.14))]
)
def test_a_continent_s_name_or_adjective_is_the_continent_for_the_lookup_only(
    name: str, point: tuple[float, float], kb: Knowledge
) -> None:
    chosen = sitrep.places(name).chosen
    assert chosen is not None and chosen.kind == "continent"
    assert haversine_km(chosen.lat, chosen.lon, *point) < 5
    assert _mentions(f"Drones struck targets across {name} on Monday, officials said.", kb) == []


def test_a_country_is_placed_where_geonames_puts_it(kb: Knowledge) -> None:
    # the gazetteer's towns are GeoNames', so its countries are too (GeoNames' United States
    # is in Kansas, Wikipedia's 230 km away in Oklahoma)
    us = sitrep.places("United States").chosen
    assert us is not None and haversine_km(us.lat, us.lon, 39.76, -98.5) < 1 and "GeoNames" in us.source


def test_the_theatre_s_provinces_keep_their_names(kb: Knowledge) -> None:
    # other countries have a "Northern District" too
    assert sitrep.places("Northern District", countries=["IL"]).chosen.country == "IL"  # type: ignore[union-attr]
    assert sitrep.places("Hasakah province").chosen.country == "SY"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        # the Charleston church shooting of June 2015, as a wire dateline's state abbreviation
        (
            "A gunman opened fire at a church in Charleston, S.C., on Wednesday night, killing nine people, "
            "police said.",
            "Charleston",
            "US",
        ),
        # London, Ontario, not the world city: the province after it says which
        (
            "A gunman opened fire on a family in London, Ont., on Sunday evening, killing four, police said.",
            "London",
            "CA",
        ),
        # a first-level area named bare after the town: Gwoza in Borno State, Nigeria
        (
            "Gunmen attacked a checkpoint in Gwoza, Borno, on Sunday, killing three soldiers, police said.",
            "Gwoza",
            "NG",
        ),
        # Paris in Texas, not in France
        ("A drone struck a fuel depot in Paris, Texas, on Monday, officials said.", "Paris", "US"),
    ],
)
def test_the_area_after_a_town_and_a_comma_says_which_namesake_it_is(
    text: str, place: str, country: str, kb: Knowledge
) -> None:
    (mention,) = _mentions(text, kb)
    assert (mention.place_canonical, mention.country) == (place, country)


def test_a_word_after_a_comma_that_is_no_area_names_no_country(kb: Knowledge) -> None:
    assert _mentions("Jihadists attacked an army post in Djibo, on Sunday, Miss Traore said.", kb) == []
    assert _mentions("A gunman opened fire on a family in London on Sunday, police said.", kb)[0].country == "GB"


def test_the_lookup_takes_an_area_s_abbreviation_where_one_area_has_it() -> None:
    california = sitrep.places("Calif.").chosen
    assert california is not None and (california.kind, california.country) == ("province", "US")
    assert haversine_km(california.lat, california.lon, 37.25, -119.75) < 100
    # "WA" is Washington's and Western Australia's: only a context settles which
    assert sitrep.places("WA").chosen is None
    western = sitrep.places("WA", context="Australian police said on Monday.").chosen
    assert western is not None and western.name == "Western Australia"


def test_the_lookup_takes_a_second_level_area_named_with_its_area_word() -> None:
    # Orange County, California, at the centre of its towns, not the county of Florida or New York
    orange = sitrep.places("Orange County").chosen
    assert orange is not None and (orange.kind, orange.admin1) == ("district", "California")
    assert haversine_km(orange.lat, orange.lon, 33.7, -117.8) < 50
    # a country the context names settles namesakes: Montgomery County of Maryland or of Texas?
    texas = sitrep.places("Montgomery County", context="Sheriff's deputies in Conroe, Texas, said.").chosen
    assert texas is not None and texas.admin1 == "Texas"
    # the bare name is no area: "Orange" stays a town that needs its country named
    assert sitrep.places("Orange").chosen is None or sitrep.places("Orange").chosen.kind == "town"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "context", "country"),
    [
        # Harare was called Salisbury until 1982; the English cathedral city still is
        ("Salisbury", "Police in Wiltshire, England, said.", "GB"),
        # GeoNames gives Singapore "Garden City" as another name; towns in the US bear it
        ("Garden City", "Police in Kansas, in the United States, said.", "US"),
    ],
)
def test_a_town_s_own_name_beats_another_town_s_former_or_foreign_name(name: str, context: str, country: str) -> None:
    chosen = sitrep.places(name, context=context).chosen
    assert chosen is not None and (chosen.name, chosen.country) == (name, country)
    # without the context, the world city that once bore the name or bears it abroad is not taken
    assert sitrep.places(name).chosen is None


def test_a_town_known_only_by_another_name_is_still_found_by_it(kb: Knowledge) -> None:
    # no town bears "Kiev" as its own name: it stays Kyiv's, and "St." is Saint Petersburg's
    kyiv = sitrep.places("Kiev").chosen
    assert kyiv is not None and kyiv.name == "Kyiv"
    petersburg = sitrep.places("St. Petersburg", context="Officials in Russia said.").chosen
    assert petersburg is not None and petersburg.country == "RU"
    (mention,) = _mentions("A Russian missile struck a power plant near Kiev on Monday, officials said.", kb)
    assert mention.place_canonical == "Kyiv"


@pytest.mark.parametrize(
    "claim",
    [
        # the group found as "Al Shabaab militants" is the same group named bare
        "Al Shabaab said its fighters had carried out the attack.",
        # a definite description of it, however it is described, stands for it
        "The al Qaeda-linked group said its fighters had carried out the attack.",
    ],
)
def test_an_unlisted_group_named_again_or_described_claims_its_attack(claim: str, kb: Knowledge) -> None:
    # the Hayat Hotel siege in Mogadishu, August 2022
    lead = "Al Shabaab militants stormed a hotel in Mogadishu, Somalia, on Friday evening, police said. "
    (mention,) = _mentions(lead + claim, kb, "2022-08-20")
    assert (mention.attacker, mention.claim, mention.claimed_by) == ("Al Shabaab", "claimed", "Al Shabaab")


def test_a_description_ending_in_a_sponsor_word_is_no_group_s_name(kb: Knowledge) -> None:
    text = "Fighters of the al Qaeda-linked group attacked a base near Gao, Mali, on Sunday."
    assert [m.attacker for m in _mentions(text, kb)] == [None]


@pytest.mark.parametrize(
    ("claim", "group"),
    [
        # a claim with no object, told after the attack, claims it (Daraban, December 2023)
        ("A little-known group, Tehreek-e-Jihad Pakistan, claimed responsibility.", "Tehreek-e-Jihad Pakistan"),
        ("The Baloch Liberation Army claimed responsibility in a statement.", "Baloch Liberation Army"),
    ],
)
def test_a_claim_with_no_object_after_an_attack_claims_it(claim: str, group: str, kb: Knowledge) -> None:
    lead = "Militants detonated an explosives-laden vehicle outside a police station in Bannu, Pakistan, on Tuesday. "
    (mention,) = _mentions(lead + claim, kb, "2023-12-12")
    assert (mention.attacker, mention.claim) == (group, "claimed")


def test_a_denied_or_absent_claim_names_no_attacker(kb: Knowledge) -> None:
    lead = "Militants detonated an explosives-laden vehicle outside a police station in Bannu, Pakistan, on Tuesday. "
    (mention,) = _mentions(lead + "No group claimed responsibility.", kb, "2023-12-12")
    assert (mention.attacker, mention.claim) == (None, "reported")
