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


def test_who_a_party_is_for_is_no_party(kb: Knowledge) -> None:
    text = (
        "According to a new toll given by the Observatory on Saturday, 23 pro-Iran fighters were killed in the "
        "US airstrikes in eastern Syria on Friday night. The monitor said 10 were killed in the city of Deir ez-Zor "
        "and 13 in the city of Mayadin."
    )
    report = Report(id=report_id(text), doc="t.txt", text=text, published="2024-02-03")
    mentions = extract_report(report, kb).mentions
    # the day of the attack told just before carries over: Iran is not a second side
    assert [(m.place_canonical, m.date) for m in mentions] == [("Deir ez-Zor", "2024-02-02"), ("Mayadin", "2024-02-02")]
    assert {m.target for m in mentions} == {"Iran-backed militias"}
