"""The attack-statement stage: a sentence tells one attack, a whole campaign, or none."""

from __future__ import annotations

import pytest

from sitrep.extract import extract_report
from sitrep.knowledge import Knowledge
from sitrep.records import Report, report_id


@pytest.mark.parametrize(
    ("text", "attacks"),
    [
        # an ordinal makes a wave one of the attacks
        ("The first wave of attacks occurred in the area of the city of Masyaf, in western Syria.", 1),
        ("A wave of strikes hit the towns of Nabatieh and Tyre.", 0),
        ("Drones struck a US base near Erbil airport, the latest in a string of attacks on US troops.", 1),
        ("Shells hit a market in Kramatorsk, Ukraine, the third in a series of strikes on the city this month.", 1),
        ("Gunmen killed nine soldiers near Djibo, the latest in a wave of attacks in northern Burkina Faso.", 1),
        ("A string of attacks has hit US bases near Erbil airport and in eastern Syria.", 0),
        # habit and the attacks as a whole, with no day: a campaign
        ("The al-Asad base and the Harir base have previously faced drone attacks.", 0),
        ("The attacks in Iraq have targeted the Asad air base, Erbil airport and the Harir base.", 0),
        ("Hezbollah frequently attacks the town of Metula.", 0),
        ("Hezbollah attacked the town of Metula.", 1),
        # ... but the attacks of a named day are attacks
        ("The attacks on the Ain al-Asad air base on Tuesday have been claimed by the Islamic Resistance in Iraq.", 1),
        # a description of the group is no campaign
        ("An umbrella of mainly Iran-backed factions said they attacked the al-Shaddadi base with two drones.", 1),
        # an attack word alone in quotation marks is a speaker's name for it, not the report's
        ('A Kataib Hezbollah spokesman condemned what he called "an attack" on Baghdad airport.', 0),
        ("A spokesman said the “attack” on Baghdad airport was meant to disrupt the visit.", 0),
        ("A spokesman said the attack on Baghdad airport was meant to disrupt the visit.", 1),
        # an army's word for rockets fired at it: "launches were identified crossing ..."
        ("Several launches were identified crossing from Lebanon into the area of Kiryat Shmona.", 1),
        ("Two launches were detected crossing from Lebanon toward Metula, the military said.", 1),
        # a launch of another kind is no attack
        ("The company said two satellite launches from the Negev were planned for next year.", 0),
    ],
)
def test_a_sentence_tells_one_attack_or_a_campaign(kb: Knowledge, text: str, attacks: int) -> None:
    report = Report(id=report_id(text), doc="t.txt", text=text, published="2024-09-09")
    assert len(extract_report(report, kb).mentions) == attacks
