"""The party-role stage: the attacker is the agent of the attack, not a voice or a defender."""

from __future__ import annotations

import pytest

from sitrep.extract import extract_report
from sitrep.knowledge import Knowledge
from sitrep.records import Report, report_id


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        # officials are a voice, also when their nationality is written "U.S." with its full stop
        (
            "An earlier statement from U.S. defense officials said the drone attack at the Ain al-Asad air base "
            "on Tuesday caused minor injuries.",
            None,
        ),
        ("U.K. military officials said the Houthis fired two missiles at a tanker off Mokha on Sunday.", "Houthis"),
        # the defender who stopped the weapons of the attack is not its attacker
        ("U.S. aerial defenses intercepted a drone targeting the al-Tanf base on Monday.", None),
        ("Israeli fighter jets shot down a drone launched at Eilat on Friday.", None),
        # ... but where the interception is the attack, its agent attacked
        ("Houthi forces shot down a US MQ-9 Reaper drone over Hodeidah on Sunday.", "Houthis"),
        # a nationality right before the attack word is its agent, also after "in"
        ("The mayor of Nabatieh was among those killed on Wednesday in Israeli strikes on the city.", "Israel"),
        ("Rockets fell in northern Israel near Kiryat Shmona on Wednesday.", None),
        # a state's own strike keeps its agent
        ("U.S. forces struck a Kataib Hezbollah site at Jurf al-Sakhar on Tuesday.", "US forces"),
    ],
)
def test_the_attacker_is_the_agent_of_the_attack(kb: Knowledge, text: str, attacker: str | None) -> None:
    report = Report(id=report_id(text), doc="t.txt", text=text, published="2024-02-05")
    (mention,) = extract_report(report, kb).mentions
    assert mention.attacker == attacker
