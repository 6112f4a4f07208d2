"""The attack-linking stage: a statement that goes on about an attack already told joins it."""

from __future__ import annotations

import pytest

from sitrep.extract import extract_report
from sitrep.knowledge import Knowledge
from sitrep.records import Mention, Report, report_id


def _mentions(kb: Knowledge, text: str, published: str = "2024-06-12") -> tuple[Mention, ...]:
    return extract_report(Report(id=report_id(text), doc="t.txt", text=text, published=published), kb).mentions


def test_a_ship_placed_by_its_port_and_by_an_offset_from_it_is_one_attack(kb: Knowledge) -> None:
    text = (
        "A bulk carrier was struck by a drone boat off the port of Aden on Tuesday, shipping sources said. "
        "The vessel was hit 60 nautical miles southeast of Aden, the UKMTO said."
    )
    (mention,) = _mentions(kb, text)
    assert mention.place_canonical == "60 nautical miles southeast of Aden"
    assert len(mention.evidence_spans) == 2


def test_a_strike_on_a_port_and_another_sides_attack_off_it_stay_two(kb: Knowledge) -> None:
    text = (
        "US jets struck Houthi radar sites at Hodeidah on Tuesday. "
        "The Houthis attacked a tanker 50 nautical miles west of Hodeidah on Tuesday."
    )
    assert [m.attacker for m in _mentions(kb, text)] == ["US forces", "Houthis"]


def test_a_sentence_about_another_weapon_goes_on_about_another_attack(kb: Knowledge) -> None:
    text = (
        "A rocket hit a base near Kidal, Mali, on Tuesday, a UN official said. "
        "The army believes the drone attack on a convoy last week was carried out by JNIM fighters."
    )
    (mention,) = _mentions(kb, text)
    assert (mention.weapons, mention.attacker, len(mention.evidence_spans)) == (("rocket",), None, 1)


def test_a_sentence_about_the_same_weapon_still_goes_on_about_the_attack(kb: Knowledge) -> None:
    text = (
        "A rocket hit a base near Kidal, Mali, on Tuesday, a UN official said. "
        "The rocket attack was claimed by JNIM fighters on Wednesday."
    )
    (mention,) = _mentions(kb, text)
    assert len(mention.evidence_spans) == 2


@pytest.mark.parametrize(
    "text",
    [
        # "the missiles" are the ballistic missiles just told, and the claim two sentences on is theirs
        "Militants launched ballistic missiles at Ain al-Asad air base on Saturday evening, CENTCOM said. "
        "Most of the missiles were intercepted by the base's air defenses. Damage is being assessed. "
        "Several US personnel are being checked for brain injuries. "
        "The Islamic Resistance in Iraq claimed responsibility for the attack.",
        "Russia fired cruise missiles at the city of Lviv, Ukraine, on Sunday, the air force said. "
        "Two of the missiles were shot down over the region. Firefighters worked through the night. "
        "Officials said three people were hurt. Russia's defence ministry said it carried out the attack.",
    ],
)
def test_a_general_weapon_word_goes_on_about_the_attack_with_a_kind_of_it(kb: Knowledge, text: str) -> None:
    (mention,) = _mentions(kb, text)
    # the lead, "the missiles" and the account of who carried it out
    assert len(mention.evidence_spans) == 3


@pytest.mark.parametrize(
    ("follow_up", "attacker", "weapons"),
    [
        ("Lebanese state media said the blast was caused by an Israeli drone strike.", "Israel", ("drone",)),
        ("Police said the explosion was the result of a Russian missile strike.", "Russia", ("missile",)),
        # no cause told: the blast stays unattributed, and a party after it is no agent of it
        ("The blast damaged an office of the group, Lebanese state media said.", None, ()),
    ],
)
def test_what_caused_a_blast_told_before_is_its_attack(
    kb: Knowledge, follow_up: str, attacker: str | None, weapons: tuple[str, ...]
) -> None:
    lead = "An explosion hit a building in the town of Nabatieh, Lebanon, on Tuesday, killing two people. "
    (mention,) = _mentions(kb, lead + follow_up, "2024-01-02")
    assert (mention.attacker, mention.weapons) == (attacker, weapons)


def test_a_related_development_is_another_story(kb: Knowledge) -> None:
    text = (
        "Rockets hit a US base at the Conoco field in Syria on Tuesday night, as confirmed by a US official. "
        "In a related development, the Pentagon said on Tuesday that eight soldiers were hurt in an attack "
        "on a base in Syria last week."
    )
    (mention,) = _mentions(kb, text, "2024-08-14")
    assert (mention.attacker, mention.claim, len(mention.evidence_spans)) == (None, "confirmed", 1)


def _claim_after_campaign(kb: Knowledge, campaign: str) -> str:
    text = (
        "Two Israeli airstrikes hit the town hall of Nabatieh, Lebanon, on Wednesday, killing the mayor, "
        "the health ministry said. " + campaign
    )
    (mention,) = _mentions(kb, text, "2024-10-17")
    return mention.claim


def test_an_attackers_account_of_its_campaign_claims_its_attack_at_the_place_it_names(kb: Knowledge) -> None:
    assert (
        _claim_after_campaign(
            kb, "Meanwhile, the Israeli army announced that it struck dozens of targets around Nabatieh."
        )
        == "claimed"
    )


def test_a_campaign_elsewhere_or_by_another_side_claims_nothing(kb: Knowledge) -> None:
    assert (
        _claim_after_campaign(kb, "Meanwhile, the Israeli army announced that it struck dozens of targets around Tyre.")
        == "confirmed"
    )
    assert (
        _claim_after_campaign(kb, "Meanwhile, Hezbollah announced that it fired dozens of rockets from near Nabatieh.")
        == "confirmed"
    )


@pytest.mark.parametrize(
    ("follow_up", "weapons"),
    [
        # "the explosion", "the blast" refer back to the explosion told before
        ("An official told AFP that two Katyusha rockets had caused the explosion.", ("rocket",)),
        ("Police said two rockets caused the blast.", ("rocket",)),
        # ... an explosion of no definite article may be another
        ("An official said two rockets caused an explosion elsewhere in the country.", ()),
    ],
)
def test_the_explosion_refers_back_to_the_one_told(kb: Knowledge, follow_up: str, weapons: tuple[str, ...]) -> None:
    text = "An explosion was heard at the Victory base near Baghdad airport late on Tuesday. " + follow_up
    first = _mentions(kb, text, "2024-09-11")[0]
    assert (first.place_canonical, first.weapons) == ("Victory Base Complex", weapons)


@pytest.mark.parametrize(
    ("second", "days"),
    [
        # "overnight" bounds the night that "at 23:00 on Tuesday" dates: one attack, on Tuesday
        ('"At 23:00 on Tuesday, an explosion was heard inside Baghdad airport," a spokesman said.', ["2024-09-10"]),
        # ... two days told exactly at one place are two attacks
        ("Rockets hit Baghdad airport again on Monday.", ["2024-09-09", "2024-09-11"]),
    ],
)
def test_a_vague_day_and_an_exact_one_inside_it_tell_one_attack(kb: Knowledge, second: str, days: list[str]) -> None:
    text = "An overnight explosion hit the coalition compound at Baghdad airport, officials said. " + second
    found = _mentions(kb, text, "2024-09-11")
    assert sorted(str(m.date) for m in found) == days


@pytest.mark.parametrize(
    ("lead", "placed", "claim"),
    [
        # the statement that places the confirmed attack told with no place shares its confirmation
        (
            "An Israeli strike killed two journalists near the border on Tuesday, Lebanese state media said.",
            "Al Mayadeen said the Israeli strike on Tuesday near the town of Tir Harfa targeted its crew.",
            "confirmed",
        ),
        # ... an indefinite attack word tells another attack
        (
            "An Israeli strike killed two journalists near the border on Tuesday, Lebanese state media said.",
            "Al Mayadeen said an Israeli strike on Tuesday near the town of Tir Harfa targeted its crew.",
            "reported",
        ),
        # ... and a lead no one confirmed confirms nothing
        (
            "An Israeli strike killed two journalists near the border on Tuesday.",
            "Al Mayadeen said the Israeli strike on Tuesday near the town of Tir Harfa targeted its crew.",
            "reported",
        ),
    ],
)
def test_placing_a_confirmed_attack_told_with_no_place_shares_the_confirmation(
    kb: Knowledge, lead: str, placed: str, claim: str
) -> None:
    filler = " The deaths add to a toll of journalists killed covering the war. Most of them died in Gaza. "
    (mention,) = [m for m in _mentions(kb, lead + filler + placed, "2023-11-21") if m.place_canonical == "Tayr Harfa"]
    assert mention.claim == claim


@pytest.mark.parametrize(
    ("text", "weapons"),
    [
        # a maritime notice: the lead names the weapon, the next sentence the position
        (
            "A bulk carrier was hit by an uncrewed surface vessel in the Red Sea on Wednesday, the UKMTO said. "
            "The attack occurred 60 nautical miles west of Hodeidah.",
            ("drone",),
        ),
        # Iraq: the lead names the rockets, then "the attack" is placed at the base
        (
            "Rockets were fired at US troops on Tuesday, an official said. "
            "It was the first such incident this month. The attack targeted the Ain al-Asad air base.",
            ("rocket",),
        ),
        # Somalia: the lead names a car bomb, then the blast is placed
        (
            "A car bomb went off on Friday, police said. The blast hit a checkpoint in Mogadishu, Somalia.",
            ("explosive",),
        ),
        # "The first" opening the sentence is one of the attacks the lead told
        (
            "Two drones targeted US forces in Syria on Thursday, an official said. "
            "The first struck the Conoco gas field base, causing minor damage.",
            ("drone",),
        ),
        # "an attack" tells another attack: nothing carries, nor does "the first" inside a sentence
        (
            "Rockets were fired at US troops on Tuesday, an official said. "
            "An attack targeted the Ain al-Asad air base.",
            (),
        ),
        (
            "Rockets were fired at US troops on Tuesday, an official said. "
            "It was the first time an attack targeted the Ain al-Asad air base.",
            (),
        ),
        # an attack placed in between ends the link
        (
            "Rockets were fired at US troops on Tuesday. A drone struck the Harir air base. "
            "The attack on the al-Tanf garrison caused no casualties.",
            (),
        ),
    ],
)
def test_the_attack_placed_after_its_lead_takes_the_lead_s_weapons(
    kb: Knowledge, text: str, weapons: tuple[str, ...]
) -> None:
    last = _mentions(kb, text)[-1]
    assert last.weapons == weapons
    if weapons:
        assert last.inferred["weapons"] == "no weapon named: the attack told just before with no place"


def test_an_attack_at_a_place_told_before_on_a_day_told_just_before_is_another_attack(kb: Knowledge) -> None:
    text = (
        "US aircraft struck Houthi radar sites in Hodeidah, Yemen, on Monday, officials said. "
        "US and British jets had also carried out strikes on January 12. "
        "Warplanes then hit missile launchers in Hodeidah, the newspaper reported."
    )
    mentions = _mentions(kb, text, "2024-02-06")
    assert [(m.place_canonical, m.date, m.background) for m in mentions] == [
        ("Hodeidah", "2024-02-05", False),
        ("Hodeidah", "2024-01-12", True),
    ]


def test_a_place_told_again_with_no_day_goes_on_about_the_attack_there(kb: Knowledge) -> None:
    text = (
        "US aircraft struck Houthi radar sites in Hodeidah, Yemen, on Monday, officials said. "
        "Warplanes also hit missile launchers in Hodeidah, the newspaper reported."
    )
    (mention,) = _mentions(kb, text, "2024-02-06")
    assert (mention.date, len(mention.evidence_spans)) == ("2024-02-05", 2)


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        # the definite weapon is the attack's own: who launched it is the attacker
        (
            "A rocket fired from Lebanon hit a football pitch in Majdal Shams on Saturday, killing 12 children. "
            "The Israeli military said the rocket was launched by Hezbollah.",
            "Hezbollah",
        ),
        (
            "A drone struck the Ain al-Asad air base in Iraq on Tuesday. "
            "US officials said the drone was launched by Kataib Hezbollah.",
            "Kataib Hezbollah",
        ),
        (
            "Missiles hit a military base near Port Sudan, Sudan, on Monday, the army said. "
            "The missiles were fired by the Rapid Support Forces, it said.",
            "Rapid Support Forces",
        ),
        # a weapon with no definite article may be another attack's
        (
            "A drone struck the Ain al-Asad air base in Iraq on Tuesday. "
            "US officials said drones launched by Kataib Hezbollah had been seen near the border.",
            None,
        ),
    ],
)
def test_the_definite_weapon_goes_on_about_the_attack(kb: Knowledge, text: str, attacker: str | None) -> None:
    (mention,) = _mentions(kb, text)
    assert mention.attacker == attacker


def test_a_maritime_notice_s_incident_is_the_attack_the_next_sentence_tells(kb: Knowledge) -> None:
    text = (
        "UKMTO has received a report of an incident 54 nautical miles southwest of Aden, Yemen.\n\n"
        "The master of a merchant vessel reports that the vessel was struck by a missile, causing a fire on board."
    )
    (mention,) = _mentions(kb, text, "2024-03-06")
    assert (mention.place_canonical, mention.country, mention.weapons) == (
        "54 nautical miles southwest of Aden",
        "YE",
        ("missile",),
    )
    assert (mention.target, len(mention.evidence_spans)) == ("commercial vessel", 2)


@pytest.mark.parametrize(
    "after",
    [
        # nothing happened to it: a suspicious approach is no attack
        "The master reports that a small craft approached the vessel; the crew are safe.",
        # the next sentence tells an attack somewhere else
        "Separately, drones struck the port of Hodeidah on Tuesday.",
    ],
)
def test_an_incident_the_next_sentence_does_not_tell_as_an_attack_is_none(kb: Knowledge, after: str) -> None:
    text = "UKMTO has received a report of an incident 40 nautical miles west of Hodeidah, Yemen.\n\n" + after
    assert all(m.place_canonical != "40 nautical miles west of Hodeidah" for m in _mentions(kb, text, "2024-03-06"))
