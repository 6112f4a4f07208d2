"""Extraction end to end on short reports written for these tests, and on arbitrary text."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract import extract_report
from sitrep.knowledge import Knowledge
from sitrep.records import Mention, Report, report_id


def _report(text: str, published: str | None = "2024-01-29") -> Report:
    return Report(
        id=report_id(text),
        text=text,
        doc="test.txt",
        published=published,
        published_basis="metadata" if published else "unknown",
    )


def _mentions(kb: Knowledge, text: str, published: str | None = "2024-01-29") -> list[tuple[str | None, ...]]:
    extraction = extract_report(_report(text, published), kb)
    return [(m.place_canonical, m.date, m.attacker, m.target, ",".join(m.weapons)) for m in extraction.mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A one-way attack drone struck Tower 22 in northeastern Jordan early on Sunday, killing three US soldiers.",
            [("Tower 22", "2024-01-28", None, "US forces", "drone")],
        ),
        (
            "The Islamic Resistance in Iraq said it targeted the US bases at al-Tanf and Rukban with drones on Saturday.",
            [
                ("al-Tanf garrison", "2024-01-27", "Islamic Resistance in Iraq", "US forces", "drone"),
                ("Rukban", "2024-01-27", "Islamic Resistance in Iraq", "US forces", "drone"),
            ],
        ),
        (
            "Houthi forces fired an anti-ship ballistic missile at a tanker 60 nautical miles southeast of Aden on "
            "Friday, CENTCOM said.",
            [
                (
                    "60 nautical miles southeast of Aden",
                    "2024-01-26",
                    "Houthis",
                    "commercial vessel",
                    "ballistic_missile",
                )
            ],
        ),
        (
            "Hezbollah fired rockets at the Meron air control base in northern Israel on Saturday.",
            [("Mount Meron air control base", "2024-01-27", "Hezbollah", "Israel", "rocket")],
        ),
        (
            "Israeli warplanes struck Damascus International Airport on Sunday, putting it out of service.",
            [("Damascus International Airport", "2024-01-28", "Israel", None, "airstrike")],
        ),
    ],
)
def test_attacks_written_for_the_tests(kb: Knowledge, text: str, expected: list[tuple[str | None, ...]]) -> None:
    assert _mentions(kb, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Armed factions threatened to attack US bases at al-Tanf if Washington supports Israel.",
        "The group warned it will continue to target the Ain al-Asad air base.",
        "US forces have been attacked dozens of times at al-Tanf and Harir since October 17.",
        "The US military established the al-Tanf base in 2016 to fight the Islamic State group.",
        "Iraq's parliament voted on Thursday to ask the coalition to leave the Ain al-Asad air base.",
        "Gen Kurilla travelled to Baghdad, Al Asad Air Base and Erbil Airfield on Tuesday.",
        "The number of attacks targeting US forces at al-Tanf in Syria has grown since the start of the war.",
        "Since October last year, US bases in Hasakah have been increasingly targeted by drones.",
        "Kharkiv has been shelled almost daily since the spring, the regional governor said.",
        "Since the coup, army jets have repeatedly bombed villages around Mindat.",
    ],
)
def test_threats_campaigns_and_non_violent_acts_are_not_attacks(kb: Knowledge, text: str) -> None:
    assert _mentions(kb, text) == []


def test_repeated_statements_of_one_attack_make_one_mention(kb: Knowledge) -> None:
    text = (
        "Two drones targeted the Harir air base in Erbil province on Wednesday. "
        "The Islamic Resistance in Iraq claimed the attack on the base."
    )
    extraction = extract_report(_report(text, "2023-10-18"), kb)
    (mention,) = extraction.mentions
    assert mention.place_canonical == "Harir Air Base"
    assert mention.attacker == "Islamic Resistance in Iraq"
    assert mention.claim == "claimed"
    assert mention.strikes == 2
    assert len(mention.evidence_spans) == 2


def test_every_stated_field_has_a_span_or_says_how_it_was_inferred(kb: Knowledge) -> None:
    text = "Kataib Hezbollah said it struck the Conoco gas field in Deir ez-Zor with rockets on Monday."
    mention = _only(kb, text)
    for name in ("place", "date", "attacker", "trigger"):
        start, end = mention.spans[name]
        assert text[start:end]
    assert text[slice(*mention.spans["place"])] == "Conoco gas field"
    assert text[slice(*mention.spans["date"])] == "on Monday" or text[slice(*mention.spans["date"])] == "Monday"
    assert mention.inferred.get("target") or mention.target is None


def test_an_attack_with_no_datable_day_is_not_an_event(kb: Knowledge) -> None:
    text = "Drones struck the al-Omar oil field on Friday."
    assert _mentions(kb, text, published=None) == []


def test_publication_date_from_the_user_dates_relative_days(kb: Knowledge) -> None:
    report = replace(_report("Drones struck the al-Omar oil field on Friday.", None), published="2023-11-24")
    (mention,) = extract_report(report, kb).mentions
    assert mention.date == "2023-11-24"


@settings(max_examples=120, deadline=None)
@given(st.text(max_size=1500))
def test_extract_never_raises_on_arbitrary_text(kb: Knowledge, text: str) -> None:
    extract_report(_report(text or "x"), kb)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Drones targeted",
                "the al-Tanf base",
                "on Sunday",
                "Hezbollah",
                "claimed",
                "at least 97 attacks",
                "in Iraq",
                "November 23,",
                "2023",
                "Ain al-Asad",
                ".",
                "\n",
                "‘",
                "-",
                "late on Thursday",
                "(Reuters)",
            ]
        ),
        max_size=40,
    )
)
def test_extract_never_raises_on_shuffled_report_phrases(kb: Knowledge, words: list[str]) -> None:
    extract_report(_report(" ".join(words) or "x"), kb)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A drone struck Tower 22 in Jordan on Sunday, killing three US soldiers and wounding more than 40.", 3, 40),
        ("Two drones struck the al-Tanf base on Sunday, wounding three soldiers.", None, 3),
        ("Rockets hit the Ain al-Asad air base on Monday; no one was hurt.", None, None),
        ("Three US soldiers were killed when a drone hit Tower 22 on Sunday.", 3, None),
        (
            "Six fighters of the US-backed Syrian Democratic Forces were killed in a drone attack on the al-Omar oil field on Sunday.",
            6,
            None,
        ),
        ("Two rockets hit the Ain al-Asad air base on Monday and soldiers of the coalition were wounded.", None, None),
        (
            "Lebanon's state news agency NNA said two civilians were wounded in an Israeli strike on Khiam on Monday.",
            None,
            2,
        ),
    ],
)
def test_the_casualties_of_one_attack_stay_with_it(
    kb: Knowledge, text: str, killed: int | None, injured: int | None
) -> None:
    extraction = extract_report(_report(text), kb)
    (mention,) = extraction.mentions
    assert (mention.killed, mention.injured) == (killed, injured)
    assert extraction.figures == ()


def test_explain_shows_each_field_beside_its_words() -> None:
    from typer.testing import CliRunner

    from sitrep.cli import app

    text = " date 2023-10-18\nTwo drones struck the Harir air base in Erbil province on Wednesday, a security source said.\n"
    result = CliRunner().invoke(app, ["extract", "-", "--explain"], input=text, env={"COLUMNS": "160"})
    assert result.exit_code == 0
    for line in ("“Harir air base”", "“Wednesday”", "“drones”", "Harir Air Base (Erbil, IQ)", "2023-10-18"):
        assert line in result.stdout
    # the stages: the place's role and what the time phrase dates, counted from what
    assert "site (" in result.stdout
    assert "2023-10-18: dates an attack, from publication day" in result.stdout


def _only(kb: Knowledge, text: str, published: str = "2024-01-29") -> Mention:
    (mention,) = extract_report(_report(text, published), kb).mentions
    return mention


def test_a_named_group_outranks_a_description_of_the_attackers(kb: Knowledge) -> None:
    text = (
        "Iran-backed militias fired rockets at the Ain al-Asad air base on Sunday. "
        "The attack on Sunday was the third on the base this week. "
        "The Islamic Resistance in Iraq claimed responsibility for the strikes."
    )
    mention = _only(kb, text)
    assert mention.attacker == "Islamic Resistance in Iraq"
    assert text[slice(*mention.spans["attacker"])] == "Islamic Resistance in Iraq"
    assert "attacker" not in mention.inferred


def test_a_claim_a_few_sentences_on_names_the_attacker(kb: Knowledge) -> None:
    text = (
        "Two drones targeted the Harir air base on Tuesday, a security source said. "
        "The attack caused no casualties, the source said. "
        "US troops have been attacked more than 60 times since mid-October. "
        "Washington has blamed groups aligned with Tehran. "
        "A group calling itself the Islamic Resistance in Iraq endorsed Tuesday's attack."
    )
    mention = _only(kb, text, "2023-11-21")
    assert mention.attacker == "Islamic Resistance in Iraq"
    assert mention.date == "2023-11-21"


def test_the_group_that_strikes_outranks_the_group_that_comments(kb: Knowledge) -> None:
    text = (
        "The Islamic Resistance in Iraq said it struck the Conoco gas field with drones on Saturday. "
        "A Kataib Hezbollah official stated that the strikes by the Islamic Resistance in Iraq would go on."
    )
    assert _only(kb, text).attacker == "Islamic Resistance in Iraq"


def test_a_named_target_outranks_an_attacker_carried_from_a_headline(kb: Knowledge) -> None:
    text = (
        "US troops attacked twice in Syria\n"
        "A one-way drone was launched at the Rumeilan landing zone, where US troops are based, on Friday."
    )
    mention = _only(kb, text)
    assert (mention.attacker, mention.target) == (None, "US forces")


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        # the host, the target's side or an authority not of the attacker confirms
        ("Israeli jets struck the port of Latakia on Friday, Syria said.", "confirmed"),
        ("Rockets struck Kiryat Shmona in northern Israel on Friday, according to the authorities.", "confirmed"),
        ("Houthi missiles hit the port of Hodeidah on Friday, Yemen's government said.", "confirmed"),
        ("Iraqi security sources said a US drone struck a car in eastern Baghdad on Friday.", "confirmed"),
        # a state announcing its own strike claims it (GOLD.md)
        (
            "Israeli warplanes struck a Hezbollah depot near Nabatieh in southern Lebanon on Friday, the Israeli "
            "military said.",
            "claimed",
        ),
        ("US forces carried out airstrikes on a weapons depot near Abu Kamal on Friday, officials said.", "claimed"),
        ("Israeli jets struck a weapons depot near Masyaf in Syria on Sunday, an IDF spokesperson said.", "claimed"),
    ],
)
def test_who_speaks_decides_the_claim(kb: Knowledge, text: str, claim: str) -> None:
    assert _only(kb, text).claim == claim


def test_an_official_release_confirms_every_attack_it_states(kb: Knowledge) -> None:
    heading = "U.S. Forces Respond to Attack\nNews Release 2024-0131\n\n"
    body = "Iran-aligned militants launched a drone at the Tower 22 outpost in Jordan on Sunday."
    released = _only(kb, heading + body)
    assert (released.claim, released.inferred["claim"]) == ("confirmed", "the report is an official release")
    assert _only(kb, body).claim == "reported"


def test_a_campaign_word_far_from_the_attack_does_not_hide_it(kb: Knowledge) -> None:
    text = (
        "A rocket struck the Mount Meron air control base in northern Israel on Monday, the army said, "
        "adding that no details of the damage to the radar station had been released so far."
    )
    assert _only(kb, text).place_canonical == "Mount Meron air control base"


def test_the_side_that_shoots_down_a_drone_is_its_target(kb: Knowledge) -> None:
    mention = _only(kb, "US forces shot down a one-way attack drone near Hodeidah on Saturday, CENTCOM said.")
    assert (mention.attacker, mention.target, mention.intercepted) == (None, "US forces", True)


def test_a_target_does_not_carry_to_another_country_on_another_day(kb: Knowledge) -> None:
    text = (
        "Hezbollah fired rockets at the Israeli army's Meron air control base on Monday. "
        "Two rockets were fired at the US embassy in Baghdad early on Friday, Iraqi officials said."
    )
    meron, embassy = extract_report(_report(text, "2024-01-29"), kb).mentions
    assert meron.target == "Israel"
    assert embassy.target is None


def test_a_known_name_ending_an_unknown_one_is_not_taken_for_it(kb: Knowledge) -> None:
    # The gazetteer lacks Ras al-Naqoura: "Naqoura" inside it is not guessed for it.
    text = "Israeli shells hit the hills of Ras al-Naqoura in southern Lebanon on Tuesday."
    assert _mentions(kb, text) == []
    # "Shaab" alone is a town in Israel and a name of Sahab in Jordan; the gazetteer knows Aita al-Shaab.
    text = "Israeli jets struck Hezbollah positions in the village of Aita al-Shaab in southern Lebanon on Tuesday."
    assert [m[0] for m in _mentions(kb, text)] == ["Aita al-Shaab"]
    assert [m[0] for m in _mentions(kb, "Drones struck Syria's al-Tanf garrison on Tuesday.")] == ["al-Tanf garrison"]


def test_each_clause_keeps_its_own_weapons(kb: Knowledge) -> None:
    text = (
        "A one-way attack drone targeted the Green Village base in eastern Syria on Thursday, "
        "while rockets were fired at the Rumeilan landing zone."
    )
    found = {m[0]: m[4] for m in _mentions(kb, text)}
    assert found == {"Green Village": "drone", "Rmelan": "rocket"}


def test_an_official_after_a_comma_speaks_for_the_state_that_struck(kb: Knowledge) -> None:
    text = (
        "A US drone strike in eastern Baghdad on Thursday killed a commander of Harakat al-Nujaba, the Pentagon said."
    )
    mention = _only(kb, text)
    assert (mention.attacker, mention.target, mention.claim) == ("US forces", "Harakat al-Nujaba", "claimed")


def test_a_target_does_not_carry_to_another_attackers_attack(kb: Knowledge) -> None:
    text = (
        "A US drone strike in eastern Baghdad on Thursday killed a commander of Harakat al-Nujaba. "
        "The Islamic Resistance in Iraq later claimed a drone attack on the Rumeilan landing zone in Syria."
    )
    baghdad, rumeilan = extract_report(_report(text, "2024-01-05"), kb).mentions
    assert baghdad.target == "Harakat al-Nujaba"
    assert (rumeilan.attacker, rumeilan.target) == ("Islamic Resistance in Iraq", None)


def test_a_groups_spokesman_claims_for_it(kb: Knowledge) -> None:
    text = "Houthi military spokesman Yahya Saree said the group fired drones at US warships off Hodeidah on Tuesday."
    mention = _only(kb, text)
    assert (mention.attacker, mention.claim, mention.claimed_by) == ("Houthis", "claimed", "Houthis")


def test_attacks_on_either_side_of_a_border_stay_two(kb: Knowledge) -> None:
    text = (
        "An Israeli air strike on a house in the village of Kfar Kila in southern Lebanon killed three "
        "Hezbollah fighters on Monday. Two soldiers were wounded when an anti-tank missile hit a house in "
        "Metula on Monday, the Israeli army said."
    )
    places = [(m.place_canonical, m.country, m.attacker) for m in extract_report(_report(text), kb).mentions]
    assert places == [("Kfar Kila", "LB", "Israel"), ("Metula", "IL", None)]


def test_an_attacker_does_not_carry_to_another_country(kb: Knowledge) -> None:
    text = (
        "Hezbollah fired an anti-tank missile at a house in Metula on Monday. "
        "A drone was shot down before reaching the Ain al-Asad air base on Monday, Iraqi officials said."
    )
    metula, asad = extract_report(_report(text), kb).mentions
    assert (metula.attacker, asad.attacker) == ("Hezbollah", None)


def test_an_attack_told_as_the_motive_keeps_its_own_parties_day_and_weapon(kb: Knowledge) -> None:
    text = (
        "US bombers struck seven sites in Iraq and Syria on Friday, in retaliation for the drone attack "
        "that killed three US soldiers at Tower 22 in Jordan on January 28. "
        "The strikes hit weapons depots near Al-Qaim, US officials said. "
        "The Tower 22 attack also wounded more than 40 service members."
    )
    found = {m.place_canonical: m for m in extract_report(_report(text, "2024-02-03"), kb).mentions}
    tower, qaim = found["Tower 22"], found["Al-Qaim"]
    assert (tower.date, tower.attacker, tower.target, tower.weapons) == ("2024-01-28", None, "US forces", ("drone",))
    assert (tower.killed, tower.injured) == (3, 40)
    assert (qaim.date, qaim.attacker) == ("2024-02-02", "US forces")


def test_an_attack_told_as_the_motive_with_no_day_of_its_own_is_not_dated_by_the_answer(kb: Knowledge) -> None:
    # the attack answered came before the answer, on a day the sentence does not give
    text = (
        "Hezbollah said it fired rockets at Kiryat Ata on Saturday in retaliation for Israeli strikes on "
        "civilians, particularly the recent bombing of Nabatieh in southern Lebanon."
    )
    (found,) = extract_report(_report(text, "2024-10-20"), kb).mentions
    assert (found.place_canonical, found.date) == ("Qiryat Ata", "2024-10-19")


def test_the_day_of_an_attack_only_recalled_dates_no_news_after_it(kb: Knowledge) -> None:
    text = (
        "Hezbollah fired rockets at Safed on Saturday. "
        "Its leader was killed in an Israeli strike on southern Beirut on September 27. "
        "A drone targeted a house in Caesarea, the army said."
    )
    found = {m.place_canonical: m for m in extract_report(_report(text, "2024-10-20"), kb).mentions}
    assert found["Beirut"].background
    assert found["Caesarea"].date == found["Safed"].date == "2024-10-19"


def test_a_separate_story_carries_no_party_in(kb: Knowledge) -> None:
    text = (
        "US aircraft struck weapons depots near Al-Qaim on Friday. "
        "Separately, a drone was intercepted near Erbil airport late on Thursday, Kurdish officials said."
    )
    qaim, erbil = extract_report(_report(text, "2024-02-03"), kb).mentions
    assert (qaim.attacker, erbil.attacker) == ("US forces", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Three Katyusha rockets landed near the US embassy in Baghdad's Green Zone early on Friday.",
            [("US Embassy in Baghdad", "2024-01-26", None, None, "rocket")],
        ),
        ("The prime minister's plane landed at Erbil airport on Friday.", []),
        (
            "A rocket attack targeted the Victory Base Complex near Baghdad airport late on Wednesday.",
            # the base hosts US forces (facilities.csv `hosts`): fire on it is fire on them
            [("Victory Base Complex", "2024-01-24", None, "US forces", "rocket")],
        ),
        (
            "The Islamic Resistance in Iraq said it targeted the Zionist entity's Haifa port with a drone on Wednesday.",
            [("Port of Haifa", "2024-01-24", "Islamic Resistance in Iraq", "Israel", "drone")],
        ),
    ],
)
def test_impact_verbs_places_near_others_and_possessives(
    kb: Knowledge, text: str, expected: list[tuple[str | None, ...]]
) -> None:
    assert _mentions(kb, text) == expected


def test_a_state_hit_at_home_is_not_the_target_abroad(kb: Knowledge) -> None:
    text = (
        "The Islamic Resistance in Iraq said it targeted the Zionist entity's Haifa port with a drone on Wednesday. "
        "A rocket attack targeted the Victory Base Complex near Baghdad airport late on Wednesday."
    )
    haifa, victory = extract_report(_report(text), kb).mentions
    assert (haifa.target, victory.target) == ("Israel", "US forces")


def test_a_group_denying_involvement_is_not_the_attacker(kb: Knowledge) -> None:
    text = (
        "A salvo of rockets struck the Conoco gas field base in Deir ez-Zor on Thursday, a coalition official said. "
        "Kataib Sayyid al-Shuhada denied any involvement in the attack."
    )
    mention = _only(kb, text)
    assert (mention.attacker, mention.target, mention.claim) == (None, "US forces", "confirmed")


def test_a_group_described_in_an_aside_is_still_the_attacker(kb: Knowledge) -> None:
    # "a coalition of ..." is neither the US-led coalition nor a second party to the attack.
    text = (
        "A drone hit the al-Omar oil field base in eastern Syria early on Sunday, a security source said. "
        "The attack was claimed by the Islamic Resistance in Iraq, a coalition of Iran-backed militias."
    )
    assert _mentions(kb, text) == [
        ("al-Omar oil field", "2024-01-28", "Islamic Resistance in Iraq", "US forces", "drone")
    ]


def test_the_attack_s_own_day_replaces_the_day_it_was_reported(kb: Knowledge) -> None:
    text = (
        "A drone hit the Ain al-Asad air base in western Iraq, officials said on Monday. "
        "The attack late on Sunday was claimed by Kataib Hezbollah."
    )
    mention = _only(kb, text)
    assert (mention.date, mention.attacker) == ("2024-01-28", "Kataib Hezbollah")
    assert "date" not in mention.inferred and text[slice(*mention.spans["date"])] == "late on Sunday"


def test_a_later_day_is_not_the_day_of_an_attack_already_reported(kb: Knowledge) -> None:
    text = "Rockets hit the al-Tanf base on Friday, officials said. The attack on Sunday was claimed by a militia."
    mention = _only(kb, text)
    assert mention.date == "2024-01-26"


def test_the_target_s_side_confirming_a_claim_dates_it_and_the_claim_stands(kb: Knowledge) -> None:
    text = (
        "Houthis say they hit a tanker off Aden\n\n"
        "The Houthis said on Saturday they had fired a missile at an oil tanker off Aden. "
        "US Central Command confirmed that the tanker was struck by a Houthi missile late on Friday."
    )
    mention = _only(kb, text, "2024-01-27")
    assert (mention.date, mention.attacker, mention.target, mention.claim) == (
        "2024-01-26",
        "Houthis",
        "commercial vessel",
        "claimed",
    )
    assert "date" not in mention.inferred  # the headline's guessed day does not stay beside the stated one


def test_a_joined_statement_keeps_no_guess_the_other_statement_states(kb: Knowledge) -> None:
    text = (
        "Israel strikes Damascus\n\nAn Israeli air strike hit a building in Damascus on Saturday, killing five people."
    )
    mention = _only(kb, text, "2024-01-20")
    assert (mention.date, mention.weapons, mention.killed) == ("2024-01-20", ("airstrike",), 5)
    assert "weapons" not in mention.inferred and "date" not in mention.inferred


def test_a_sponsor_is_not_the_attacker_and_a_list_of_weapons_is_one_clause(kb: Knowledge) -> None:
    text = (
        "Iranian-backed Houthis launched Iranian-designed drones, anti-ship cruise missiles, and an "
        "anti-ship ballistic missile toward merchant ships off Hodeidah on Tuesday."
    )
    mention = _only(kb, text, "2024-01-10")
    assert mention.attacker == "Houthis"
    assert mention.weapons == ("ballistic_missile", "cruise_missile", "drone")


def test_each_place_takes_the_day_of_its_own_clause_not_the_day_it_was_said(kb: Knowledge) -> None:
    text = (
        "The Islamic Resistance in Iraq said on Thursday that it had attacked the Ain al-Asad air base "
        "with two drones on Wednesday night, and the Harir base with a drone early on Thursday. "
        "A US defence official said one drone had been shot down near Ain al-Asad."
    )
    mentions = extract_report(_report(text, "2023-11-02"), kb).mentions
    assert [(m.place_canonical, m.date, m.intercepted) for m in mentions] == [
        ("Ain al-Asad Air Base", "2023-11-01", True),
        ("Harir Air Base", "2023-11-02", None),
    ]


def test_a_place_told_again_with_also_is_another_attack(kb: Knowledge) -> None:
    text = (
        "Rockets hit the Conoco gas field base on Monday, sources said. On Tuesday, drones struck the al-Tanf base. "
        "The Conoco base was also hit by mortars."
    )
    mentions = extract_report(_report(text, "2024-01-31"), kb).mentions
    assert [(m.place_canonical, m.date) for m in mentions][-1] == ("Conoco gas field", "2024-01-30")


def test_a_group_saying_that_it_attacked_claims_the_attack(kb: Knowledge) -> None:
    text = "Kataib Hezbollah said on Sunday that it had targeted the al-Tanf base with drones on Saturday."
    mention = _only(kb, text, "2024-01-28")
    assert (mention.date, mention.claim, mention.claimed_by) == ("2024-01-27", "claimed", "Kataib Hezbollah")


def test_the_interception_of_an_attack_s_weapons_is_part_of_that_attack(kb: Knowledge) -> None:
    text = (
        "CENTCOM Statement on Houthi attack\n\n"
        "Houthi forces launched drones and an anti-ship ballistic missile toward ships off Hodeidah "
        "on Tuesday. Eighteen one-way attack drones and the missile were shot down by US Navy destroyers and "
        "HMS Diamond."
    )
    extraction = extract_report(_report(text, "2024-01-10"), kb)
    (mention,) = extraction.mentions  # "HMS" is a ship's prefix, not Homs
    assert (mention.attacker, mention.claim, mention.intercepted) == ("Houthis", "confirmed", True)
    assert [f.metric for f in extraction.figures] == []  # eighteen drones are not eighteen attacks


def test_a_roundup_gives_each_attack_its_own_clause_and_its_side_as_target(kb: Knowledge) -> None:
    text = (
        "US forces attacked three times in a day\n\n"
        "US forces in Iraq and Syria came under attack three more times, a US defense official said on Friday. "
        "A drone was shot down near the al-Tanf garrison on Thursday evening, rockets landed near Mission Support "
        "Site Euphrates late on Thursday, and early on Friday a drone struck the runway at the Ain al-Asad air base. "
        "Pentagon officials said 21 US personnel suffered minor injuries in attacks last week."
    )
    mentions = extract_report(_report(text, "2023-10-27"), kb).mentions
    assert [(m.place_canonical, m.date, m.weapons, m.intercepted) for m in mentions] == [
        ("al-Tanf garrison", "2023-10-26", ("drone",), True),
        ("Conoco gas field", "2023-10-26", ("rocket",), None),
        ("Ain al-Asad Air Base", "2023-10-27", ("drone",), None),
    ]
    assert {(m.attacker, m.target) for m in mentions} == {(None, "US forces")}


def test_a_later_clause_with_its_own_attack_names_its_own_parties(kb: Knowledge) -> None:
    text = (
        "The US military said the Houthis fired two anti-ship ballistic missiles at a tanker off Mokha "
        "late on Sunday, and that US forces destroyed two drone boats near Hodeidah."
    )
    mentions = extract_report(_report(text, "2024-02-19"), kb).mentions
    assert [(m.place_canonical, m.attacker, m.weapons, m.claim) for m in mentions] == [
        ("Mocha", "Houthis", ("ballistic_missile",), "confirmed"),
        ("Hodeidah", "US forces", ("drone",), "claimed"),
    ]


def test_the_uk_maritime_agency_confirms(kb: Knowledge) -> None:
    text = "A missile struck a cargo ship 70 nautical miles east of Aden on Sunday, the UKMTO agency said."
    assert _only(kb, text, "2024-02-19").claim == "confirmed"


def test_border_villages_on_both_sides_are_places(kb: Knowledge) -> None:
    text = (
        "Israeli fighter jets struck Hezbollah sites near Aitaroun and Ayta ash-Shaab on Wednesday, the military "
        "said. Hezbollah said it attacked an Israeli army post at Shtula with anti-tank missiles on Wednesday."
    )
    mentions = extract_report(_report(text, "2023-11-15"), kb).mentions
    assert [(m.place_canonical, m.country, m.attacker) for m in mentions] == [
        ("Aitaroun", "LB", "Israel"),
        ("Aita al-Shaab", "LB", "Israel"),
        ("Shtula", "IL", "Hezbollah"),
    ]


def test_the_words_of_the_sentence_before_do_not_cast_a_party(kb: Knowledge) -> None:
    # "... in the strike on Khiam." ends right before "Hezbollah": its "on" is no target cue.
    text = (
        "Two civilians were wounded in the strike on Khiam on Tuesday. Hezbollah said it fired rockets at the "
        "Israeli army's Northern Command headquarters in Safed on Wednesday."
    )
    mentions = extract_report(_report(text, "2024-02-14"), kb).mentions
    assert [(m.place_canonical, m.attacker, m.target) for m in mentions][-1] == ("Safed", "Hezbollah", "Israel")


def test_weapons_named_as_what_was_hit_are_not_the_means(kb: Knowledge) -> None:
    text = "US B-1 bombers hit drone and rocket storage sites near al-Qaim on Friday, US Central Command said."
    mention = _only(kb, text, "2024-02-03")
    assert (mention.attacker, mention.weapons) == ("US forces", ("airstrike",))


def test_most_of_the_missiles_is_not_a_campaign_and_their_interception_counts(kb: Knowledge) -> None:
    text = (
        "The Islamic Resistance in Iraq said it fired ballistic missiles at the Ain al-Asad air base on Saturday. "
        "The US military said several US personnel were being evaluated for brain injuries after the attack on "
        "Ain al-Asad, and that most of the missiles were intercepted by air defences."
    )
    mention = _only(kb, text, "2024-01-21")
    assert (mention.claim, mention.intercepted, len(mention.evidence_spans)) == ("claimed", True, 2)


def test_a_later_clause_keeps_its_weapons_and_an_owner_is_no_party(kb: Knowledge) -> None:
    text = (
        "Yemen's Houthis said on Thursday they had targeted a US-owned cargo ship 60 nautical miles east of Aden, and fired "
        "ballistic missiles at the Israeli city of Eilat."
    )
    mentions = extract_report(_report(text, "2024-02-22"), kb).mentions
    assert [(m.place_canonical, m.target, m.weapons, m.claim) for m in mentions] == [
        ("60 nautical miles east of Aden", "commercial vessel", (), "claimed"),
        ("Eilat", "Israel", ("ballistic_missile",), "claimed"),
    ]


def test_an_earlier_clause_lends_its_weapons_to_a_place_told_after_it(kb: Knowledge) -> None:
    text = "Two drones struck the al-Tanf garrison on Sunday, and the Rukban base was also targeted."
    mentions = extract_report(_report(text, "2024-01-29"), kb).mentions
    assert [(m.place_canonical, m.weapons) for m in mentions] == [
        ("al-Tanf garrison", ("drone",)),
        ("Rukban", ("drone",)),
    ]


def test_a_count_before_an_adverb_and_the_verb(kb: Knowledge) -> None:
    text = "A missile struck a cargo ship off Aden on Thursday, and one crew member was slightly injured."
    assert _only(kb, text, "2024-02-22").injured == 1


def test_in_the_past_week_is_news_not_history(kb: Knowledge) -> None:
    text = "In the past week, a single rocket was fired toward the Ain al-Asad air base on Tuesday, causing no damage."
    mention = _only(kb, text, "2024-03-10")
    assert (mention.date, mention.background) == ("2024-03-05", False)


@pytest.mark.parametrize(
    "text",
    [
        "Houthi forces fired two drones at a container ship in the Red Sea on Tuesday.",
        "A bulk carrier was struck by a missile in the Gulf of Aden on Tuesday, the UKMTO agency said.",
        "Russian drones hit a grain vessel in the Black Sea on Tuesday, Ukraine's navy said.",
    ],
)
def test_a_sea_alone_is_no_place(kb: Knowledge, text: str) -> None:
    assert extract_report(_report(text, "2024-02-21"), kb).mentions == ()


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "An uncrewed surface vessel struck a bulk carrier 66 nautical miles southwest of the port city of "
            "Hodeidah on Wednesday.",
            "66 nautical miles southwest of ",
        ),
        (
            "The Houthis said they fired a missile at a tanker 50 km west of Mokha and drones at Eilat on Wednesday.",
            "50 km west of Mocha",
        ),
    ],
)
def test_an_offset_from_a_place_is_the_place_even_beside_another(kb: Knowledge, text: str, place: str) -> None:
    mentions = extract_report(_report(text, "2024-02-21"), kb).mentions
    assert str(mentions[0].place_canonical).startswith(place) and mentions[0].country == "YE"


def test_an_offset_right_after_a_site_only_says_where_the_site_is(kb: Knowledge) -> None:
    text = "Two drones struck the Harir air base, situated 45 kilometers north of Erbil, on Saturday evening."
    assert _only(kb, text).place_canonical == "Harir Air Base"


def test_one_attack_since_a_day_is_still_one_attack(kb: Knowledge) -> None:
    text = "Drones struck the Harir air base on Tuesday, the first attack on the base since December."
    assert _only(kb, text).place_canonical == "Harir Air Base"


def test_a_town_a_base_stands_outside_of_is_no_second_attack(kb: Knowledge) -> None:
    text = "A drone attacked the Harir air base outside the city of Erbil at noon on Saturday."
    assert _only(kb, text, "2023-11-13").place_canonical == "Harir Air Base"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("U.S. forces successfully downed three drones attempting to strike the al-Tanf base on Monday.", "US forces"),
        ("The Israeli military swiftly intercepted a drone launched at Eilat on Monday.", "Israel"),
    ],
)
def test_the_side_that_downs_the_weapons_is_the_target_past_an_adverb(kb: Knowledge, text: str, target: str) -> None:
    mention = _only(kb, text)
    assert (mention.attacker, mention.target) == (None, target)


def test_a_town_that_is_a_given_name_before_a_surname_is_no_place(kb: Knowledge) -> None:
    text = (
        "US airstrikes killed 23 fighters in the city of Mayadin on Friday night, "
        "the monitor's director Rami Abdulrahman said."
    )
    assert [m.place_canonical for m in extract_report(_report(text, "2024-02-03"), kb).mentions] == ["Mayadin"]
