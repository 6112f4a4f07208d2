"""The party-role stage: the attacker is the agent of the attack, not a voice or a defender."""

from __future__ import annotations

import pytest

from sitrep.extract import extract_report
from sitrep.knowledge import Knowledge
from sitrep.records import Mention, Report, report_id


def _attacks(kb: Knowledge, text: str, published: str) -> tuple[Mention, ...]:
    """The attacks of a report written for a test, published on that day."""
    return extract_report(Report(id=report_id(text), doc="t.txt", text=text, published=published), kb).mentions


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
        # ... whatever stands before it: a headline's "killed in", a victim's name
        ("Militia commander killed in U.S. drone strike in Baghdad on Wednesday", "US forces"),
        (
            "Hezbollah mourned its commander, who was killed in a heavy Israeli strike on southern Beirut on Friday.",
            "Israel",
        ),
        # ... but the subject right before an attack verb is still read by its verb
        ("Pentagon officials said U.S. forces thwarted two drones at al-Tanf on Monday.", None),
        # a group named by its members who were killed is the side hit
        (
            "Three members of the Kataib Hezbollah militia were killed in a strike on a car in eastern Baghdad "
            "on Wednesday.",
            None,
        ),
        ("Five Houthi fighters were wounded when a missile struck a base near Hodeidah on Monday.", None),
        # who confirmed, spoke for a group or named the office that spoke is a voice
        (
            "Hezbollah said it fired rockets at a base near Safed on Saturday, as confirmed by the Israeli army.",
            "Hezbollah",
        ),
        (
            "A spokesman for the Iran-backed Kataib Hezbollah condemned the attack on the base at Baghdad "
            "airport on Tuesday.",
            None,
        ),
        (
            "An official in the US Department of Defense told AFP that a drone attack on the base at Erbil airport "
            "on Tuesday caused no damage.",
            None,
        ),
        ("The Houthis' Al Masirah satellite channel reported air strikes near Sanaa on Tuesday.", None),
        # ... but members who fired are the attacker, and a speaker's office leaves the agent it names
        ("Kataib Hezbollah militiamen fired rockets at a base near Erbil on Monday.", "Kataib Hezbollah"),
        ("The US Department of Defense said US forces struck a militia site at Jurf al-Sakhar on Monday.", "US forces"),
        # "by" with a describing word between still names the agent
        ("A cargo ship was hit in an attack by Yemen-based Houthi rebels off Hodeidah on Monday.", "Houthis"),
        ("The base near Erbil was attacked on Monday by Iran-backed Kataib Hezbollah.", "Kataib Hezbollah"),
        # a state's force that engaged an incoming weapon defended; engaging fighters is an attack
        (
            "US forces engaged a one-way attack drone near the Ain al-Asad air base on Thursday and shot it down.",
            None,
        ),
        ("Israeli troops engaged Hezbollah fighters in a firefight near Metula on Thursday.", "Israel"),
        # an attack noun behind "following" or "after" is no verb of the actor before it
        (
            "A drone hit the Harir air base on Friday. The US-led coalition left Harir base last year following "
            "attacks on the facility.",
            None,
        ),
        # "by" after a weapon was stopped names who stopped it; after a site was hit, the attacker
        ("CENTCOM said a drone was destroyed by U.S. forces near Erbil on Wednesday.", None),
        ("A militia convoy was targeted and destroyed by U.S. forces near al-Qaim on Wednesday.", "US forces"),
        # a state's own strike keeps its agent
        ("U.S. forces struck a Kataib Hezbollah site at Jurf al-Sakhar on Tuesday.", "US forces"),
        # a state's military that says its own forces or weapons struck is the attacker
        (
            "The Israel Defense Forces said on Monday that its fighter jets had struck a Hezbollah depot in the "
            "village of Kfar Kila in southern Lebanon.",
            "Israel",
        ),
        ("CENTCOM said its forces struck a Houthi radar site near Hodeidah, Yemen, on Monday.", "US forces"),
        # ... not when its own soldiers were hit, or its defences stopped the weapons
        (
            "The Israeli army said its soldiers were wounded in a Hezbollah drone strike on the town of Metula "
            "on Monday.",
            "Hezbollah",
        ),
        ("The Pentagon said its air defenses intercepted a drone that struck the Harir air base on Monday.", None),
        # unnamed factions named by their sponsor, in any of its words
        ("Iran-aligned factions fired rockets at the Ain al-Asad air base on Monday.", "Iran-backed militias"),
        (
            "A drone struck Tower 22 in Jordan on Sunday. President Joe Biden blamed radical Iranian-backed "
            "militant groups for the attack.",
            "Iran-backed militias",
        ),
    ],
)
def test_the_attacker_is_the_agent_of_the_attack(kb: Knowledge, text: str, attacker: str | None) -> None:
    (mention,) = _attacks(kb, text, "2024-02-05")
    assert mention.attacker == attacker


def test_who_a_party_is_for_is_no_party(kb: Knowledge) -> None:
    text = (
        "According to a new toll given by the Observatory on Saturday, 23 pro-Iran fighters were killed in the "
        "US airstrikes in eastern Syria on Friday night. The monitor said 10 were killed in the city of Deir ez-Zor "
        "and 13 in the city of Mayadin."
    )
    mentions = _attacks(kb, text, "2024-02-03")
    # the day of the attack told just before carries over: Iran is not a second side
    assert [(m.place_canonical, m.date) for m in mentions] == [("Deir ez-Zor", "2024-02-02"), ("Mayadin", "2024-02-02")]
    assert {m.target for m in mentions} == {"Iran-backed militias"}


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # fire on a state's territory targets that state (GOLD.md), with no target named
        ("Hezbollah fired a salvo of rockets at Metula on Tuesday.", "Israel"),
        ("The Houthis launched a ballistic missile at Eilat on Tuesday.", "Israel"),
        ("Israeli drones struck a military site near Isfahan in central Iran early on Tuesday.", "Iran"),
        # ... a target the sentence names wins
        ("Hezbollah fired anti-tank missiles at Israeli troops near Metula on Tuesday.", "Israel"),
        ("A Houthi drone struck a cargo ship at the port of Eilat on Tuesday.", "commercial vessel"),
        # ... a ship's trade names, as shipping notices write them
        ("A Greek-owned bulker was hit 70 nautical miles west of Hodeidah on Tuesday.", "commercial vessel"),
        ("A missile struck two freighters off the port of Aden on Tuesday.", "commercial vessel"),
        # ... what was hit on its ground is that state; a ship is no ground
        ("A drone launched from Syria crashed into a school in Eilat on Tuesday.", "Israel"),
        # a civilian object hit elsewhere is civilians
        ("An Israeli strike hit the municipality headquarters in Nabatieh on Tuesday.", "civilians"),
        ("An Israeli strike on Tuesday near Tir Harfa targeted a TV crew.", "civilians"),
        # ... a state striking its own ground is not its own target; Lebanon is no party
        ("Israeli jets struck a Hezbollah position near Tyre on Tuesday.", "Hezbollah"),
        ("An Israeli drone strike hit a car near Tyre on Tuesday.", None),
    ],
)
def test_fire_on_a_state_s_territory_targets_that_state(kb: Knowledge, text: str, target: str | None) -> None:
    (mention,) = _attacks(kb, text, "2024-04-17")
    assert mention.target == target


def test_an_attacker_s_claim_told_with_no_place_covers_its_attacks_of_those_days(kb: Knowledge) -> None:
    text = (
        "US B-2 bombers struck underground bunkers in Yemen early on Thursday, officials said. "
        "Houthi media reported air strikes around Sanaa on Thursday and strikes near Saada on Thursday."
    )
    mentions = _attacks(kb, text, "2024-10-17")
    assert [(m.place_canonical, m.attacker, m.claim) for m in mentions] == [
        ("Sanaa", "US forces", "claimed"),
        ("Sa'dah", "US forces", "claimed"),
    ]


def test_the_statement_after_a_claim_names_the_claimant_as_attacker(kb: Knowledge) -> None:
    text = (
        "An armed group calling itself the Islamic Resistance in Iraq claimed launching two drones on Saturday. "
        "The statement said the drones hit the US base at Rmelan in northeastern Syria."
    )
    (mention,) = _attacks(kb, text, "2023-11-12")
    assert (mention.attacker, mention.claim) == ("Islamic Resistance in Iraq", "claimed")


def test_a_general_claim_does_not_cover_an_attack_only_sources_tell(kb: Knowledge) -> None:
    text = (
        "The Islamic Resistance in Iraq claimed several attacks on US bases on Saturday. "
        "The group announced on Saturday that it targeted the al-Tanf base with drones. "
        "Sources told Al Mayadeen that the Islamic Resistance in Iraq targeted the Conoco gas field "
        "with missiles on Saturday."
    )
    mentions = _attacks(kb, text, "2023-11-19")
    assert [(m.place_canonical, m.claim) for m in mentions] == [
        ("al-Tanf garrison", "claimed"),
        ("Conoco gas field", "reported"),
    ]


def test_a_claim_with_no_attack_word_names_who_the_next_it_is(kb: Knowledge) -> None:
    text = (
        "The Islamic Resistance in Iraq made the announcement in a statement on Thursday. "
        "It named the targets as the occupation base near Erbil Airport and the Ain al-Asad air base. "
        "The drone strikes, the statement added, were a response to the war in Gaza."
    )
    mentions = _attacks(kb, text, "2024-01-26")
    assert [(m.attacker, m.claim, m.weapons) for m in mentions] == [
        ("Islamic Resistance in Iraq", "claimed", ("drone",)),
        ("Islamic Resistance in Iraq", "claimed", ("drone",)),
    ]


def test_a_group_s_news_with_no_claim_names_no_attacker(kb: Knowledge) -> None:
    text = (
        "Hezbollah mourned two of its fighters on Thursday. "
        "A drone struck a car near Tyre in southern Lebanon on Thursday."
    )
    (mention,) = _attacks(kb, text, "2024-01-26")
    assert mention.attacker is None


def test_according_to_the_statement_carries_the_confirmation_told_before(kb: Knowledge) -> None:
    text = (
        "A drone struck the Harir air base near Erbil on Monday. A US military statement confirmed the attack on "
        "the Harir air base and said that US forces shot down a second drone. According to the statement, two "
        "rockets were also fired on Monday at the Ain al-Asad air base in Anbar province, causing minor injuries "
        "to coalition forces."
    )
    mentions = _attacks(kb, text, "2024-01-16")
    assert [(m.place_canonical, m.target, m.claim) for m in mentions] == [
        ("Harir Air Base", "US forces", "confirmed"),
        ("Ain al-Asad Air Base", "US-led coalition", "confirmed"),
    ]


def test_a_sentence_with_its_own_sources_takes_no_confirmation_from_before(kb: Knowledge) -> None:
    text = (
        "A US military statement confirmed a drone attack on the Harir air base near Erbil on Monday. "
        "Witnesses told Al Mayadeen that rockets hit the Ain al-Asad air base in Anbar province on Monday."
    )
    mentions = _attacks(kb, text, "2024-01-16")
    assert [(m.place_canonical, m.claim) for m in mentions] == [
        ("Harir Air Base", "confirmed"),
        ("Ain al-Asad Air Base", "reported"),
    ]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("The Houthis said they fired a drone boat at a tanker off Hodeidah on Wednesday.", "claimed"),
        # a claim said not to have been made is none
        (
            "The Houthis have not officially claimed the drone boat attack on a tanker off Hodeidah on Wednesday.",
            "reported",
        ),
        ("No group has yet claimed the rocket attack on the Ain al-Asad air base on Wednesday.", "reported"),
        # officials of no named side speak for the striking state; an outlet's source or the
        # authorities of the place hit do not
        ("US bombers struck Houthi bunkers near Sanaa on Wednesday, officials said.", "claimed"),
        ("Israeli strikes hit the town hall in Nabatieh on Wednesday, authorities said.", "confirmed"),
        ("Israeli jets struck sites near Masyaf on Wednesday, SANA said, citing a military source.", "confirmed"),
        # US Central Command is an official voice however it speaks: of an attack on its forces
        # it confirms, of its own strike it claims
        (
            "The U.S. Central Command revealed that two drone attacks on the Ain al-Asad air base were "
            "thwarted on Wednesday.",
            "confirmed",
        ),
        ("U.S. Central Command revealed that US forces struck a Houthi site near Hodeidah on Wednesday.", "claimed"),
        # the place hit's rescue and health services are official voices
        ("Emergency services said a rocket hit a house near Acre on Saturday, wounding two.", "confirmed"),
    ],
)
def test_a_negated_claim_is_no_claim(kb: Knowledge, text: str, claim: str) -> None:
    (mention,) = _attacks(kb, text, "2024-06-13")
    assert mention.claim == claim


def test_an_uncrewed_boat_is_a_drone(kb: Knowledge) -> None:
    text = "An uncrewed surface vessel struck a bulk carrier off Hodeidah on Wednesday, UKMTO said."
    (mention,) = _attacks(kb, text, "2024-06-13")
    assert (mention.weapons, mention.target) == (("drone",), "commercial vessel")


def test_an_aside_about_a_group_s_campaign_leaves_its_claim_of_one_attack(kb: Knowledge) -> None:
    text = (
        "A drone hit the Harir air base near Erbil on Friday. "
        "The Islamic Resistance in Iraq, which has targeted US forces since mid-October, claimed responsibility "
        "for the Harir attack."
    )
    (mention,) = _attacks(kb, text, "2024-01-06")
    assert (mention.attacker, mention.claim) == ("Islamic Resistance in Iraq", "claimed")


def test_a_sentence_whose_only_attack_words_are_in_an_aside_tells_no_attack(kb: Knowledge) -> None:
    text = "Kataib Hezbollah, which has attacked US bases near Erbil since October, named a new leader on Friday."
    assert _attacks(kb, text, "2024-01-06") == ()


def test_the_side_hit_is_never_the_attacker(kb: Knowledge) -> None:
    text = (
        "The Islamic Resistance in Iraq said it attacked the port of Haifa with a drone on Thursday. "
        "Its statement said its fighters attacked the port of Haifa and confirms the Islamic Resistance."
    )
    (mention,) = _attacks(kb, text, "2024-02-01")
    assert (mention.attacker, mention.target) == ("Islamic Resistance in Iraq", "Israel")


def test_a_state_s_later_announcement_of_the_operation_claims_the_strikes_placed_before(kb: Knowledge) -> None:
    text = (
        "The US launched air strikes on underground bunkers in Yemen. "
        "Houthi media reported strikes around Sanaa and near Saada. "
        "US Defence Secretary Lloyd Austin said the bombers targeted five weapons storage sites in Yemen."
    )
    mentions = _attacks(kb, text, "2024-10-17")
    assert [(m.attacker, m.claim) for m in mentions] == [("US forces", "claimed"), ("US forces", "claimed")]


def test_a_group_s_later_claim_of_no_day_does_not_cover_attacks_placed_before(kb: Knowledge) -> None:
    text = (
        "A drone struck the Conoco gas field in eastern Syria on Monday, killing no one. "
        "The Islamic Resistance in Iraq fired rockets at the al-Tanf garrison on Monday. "
        "The Islamic Resistance in Iraq claimed responsibility for an attack."
    )
    mentions = _attacks(kb, text, "2024-02-06")
    assert [(m.place_canonical, m.claim) for m in mentions] == [
        ("Conoco gas field", "reported"),
        ("al-Tanf garrison", "reported"),
    ]


def test_a_confirmation_carries_only_to_attacks_in_the_same_country(kb: Knowledge) -> None:
    text = (
        "Emergency services said a rocket hit a house near Acre on Saturday. "
        "Hezbollah's commander was killed in an Israeli strike on southern Beirut on Saturday."
    )
    assert [(m.place_canonical, m.claim) for m in _attacks(kb, text, "2024-10-19")] == [
        ("Acre", "confirmed"),
        ("Beirut", "reported"),
    ]


@pytest.mark.parametrize(
    ("text", "attacker", "claim"),
    [
        # a definite description of an armed group stands for the group named before, on any day
        (
            "Hezbollah fired rockets at a base near Haifa on Saturday. The Iran-backed militant group also "
            "reported launching drones at Safed on Monday.",
            "Hezbollah",
            "claimed",
        ),
        (
            "The Rapid Support Forces shelled a market in El Fasher, Sudan, on Tuesday. The paramilitary group said "
            "it also struck an army post in El Obeid on Thursday.",
            "Rapid Support Forces",
            "claimed",
        ),
        (
            "The Houthis fired a missile at a tanker off Hodeidah on Friday. The Yemeni rebel group later "
            "reported a drone attack on a ship off Mokha on Sunday.",
            "Houthis",
            "claimed",
        ),
        # "the Iran-backed militant group" is the one named before, not Iran's unnamed factions
        (
            "Hezbollah fired rockets at a base near Haifa on Saturday. The Iran-backed militant group also "
            "reported launching rockets at Safed on Monday.",
            "Hezbollah",
            "claimed",
        ),
        # ... but "a militant group" is someone new: no one carries to another day
        (
            "Hezbollah fired rockets at a base near Haifa on Saturday. A militant group reported launching "
            "drones at Safed on Monday.",
            None,
            "reported",
        ),
    ],
)
def test_the_militant_group_is_the_group_named_before(
    kb: Knowledge, text: str, attacker: str | None, claim: str
) -> None:
    second = _attacks(kb, text, "2024-10-22")[-1]
    assert (second.attacker, second.claim) == (attacker, claim)


def test_a_description_that_names_its_group_names_no_earlier_one(kb: Knowledge) -> None:
    text = (
        "A US drone struck a car in Baghdad on Wednesday. Two members of the Iran-backed Kataib Hezbollah "
        "militia were killed in a strike in Jurf al-Sakhar on Sunday."
    )
    second = _attacks(kb, text, "2024-02-12")[-1]
    assert second.attacker is None


@pytest.mark.parametrize(
    ("text", "weapons"),
    [
        # one attack told as like the one before shares its weapons
        (
            "Russian drones struck an energy plant in Kharkiv, Ukraine, on Monday. A similar attack hit a "
            "substation in Odesa on Tuesday.",
            ("drone",),
        ),
        (
            "Houthi missiles hit a tanker off Mokha, Yemen, on Monday. This follows a similar incident on "
            "Sunday when a bulk carrier was attacked off Hodeidah.",
            ("missile",),
        ),
        # ... not a loose class of several, nor an attack not said to be like it
        (
            "Houthi missiles hit a tanker off Mokha, Yemen, on Monday. Similar attacks in recent weeks hit "
            "ships off Hodeidah on Sunday.",
            (),
        ),
        (
            "Russian drones struck an energy plant in Kharkiv, Ukraine, on Monday. An attack hit a substation "
            "in Odesa on Tuesday.",
            (),
        ),
    ],
)
def test_a_similar_attack_shares_the_weapons_of_the_one_before(
    kb: Knowledge, text: str, weapons: tuple[str, ...]
) -> None:
    second = _attacks(kb, text, "2024-05-22")[-1]
    assert second.weapons == weapons
    assert ("weapons" in second.inferred) is bool(weapons)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        # a ministry not said to be the attacker's is the host's: it confirms
        (
            "Israeli strikes hit the town hall of Nabatieh, Lebanon, on Wednesday. Five people were killed in "
            "the strike on the town hall, the ministry said.",
            "confirmed",
        ),
        # ... the attacker's own ministry announces its strike
        ("Israel's defence ministry said its jets struck a fuel depot in Hodeidah, Yemen, on Wednesday.", "claimed"),
        # a source the host's state media cite is the host's: it confirms, it claims nothing
        (
            "Israeli strikes hit Mezzeh near Damascus, Syria, on Sunday, state media reported citing a military "
            "source, with the transport ministry saying flights were diverted.",
            "confirmed",
        ),
        ("US strikes hit Ras Isa in Yemen on Friday, the state news agency said, citing an official.", "confirmed"),
        # ... with no host voice, the attacker's officials announce its own strike
        ("US forces struck a weapons depot in Jilib, Somalia, on Monday, officials said.", "claimed"),
        # a country that confirms speaks for the side hit
        ("Israel confirmed that a drone had targeted a house in Caesarea on Saturday.", "confirmed"),
        ("Syria has acknowledged that Israeli jets struck a depot near Homs on Saturday.", "confirmed"),
        ("A drone targeted a house in Caesarea on Saturday.", "reported"),
    ],
)
def test_whose_official_speaks_decides_the_claim(kb: Knowledge, text: str, claim: str) -> None:
    (mention,) = _attacks(kb, text, "2024-10-17")
    assert mention.claim == claim


@pytest.mark.parametrize(
    ("said", "claimed"),
    [
        ("The Pentagon said US forces carried out the strike.", True),
        # a state that only knows of a report acknowledges nothing
        ("The Pentagon said it was aware of reports of the strike.", False),
    ],
)
def test_a_state_aware_of_a_report_claims_nothing(kb: Knowledge, said: str, claimed: bool) -> None:
    text = "A US drone strike killed two men in a car in Jilib, Somalia, on Monday. " + said
    (mention,) = _attacks(kb, text, "2024-10-17")
    assert (mention.claim == "claimed") is claimed


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # fire on a base that hosts a party's forces is fire on them (facilities.csv `hosts`)
        ("A drone hit the Harir air base in Erbil province, Iraq, on Friday.", "US forces"),
        ("Two rockets landed inside the al-Tanf garrison in Syria on Friday.", "US forces"),
        # ... a town hosts no one, and a target the text names wins
        ("A drone hit a building in Erbil, Iraq, on Friday.", None),
        (
            "A drone attack targeted the Syrian Democratic Forces at the Conoco gas field in Syria on Friday.",
            "Syrian Democratic Forces",
        ),
    ],
)
def test_a_base_that_hosts_a_partys_forces_makes_them_the_target(kb: Knowledge, text: str, target: str | None) -> None:
    (mention,) = _attacks(kb, text, "2024-01-06")
    assert mention.target == target


@pytest.mark.parametrize(
    ("second_sentence", "attacker"),
    [
        ("A base near Haifa was hit by two missiles on Monday, sources said.", "Hezbollah"),
        # "Meanwhile" opens another story: the attacker told before does not carry into it
        ("Meanwhile, a base near Haifa was hit by two missiles on Monday, sources said.", None),
    ],
)
def test_meanwhile_opens_another_story(kb: Knowledge, second_sentence: str, attacker: str | None) -> None:
    text = "Hezbollah fired rockets at Kiryat Shmona in northern Israel on Monday. " + second_sentence
    second = _attacks(kb, text, "2024-10-15")[-1]
    assert (second.place_canonical, second.attacker) == ("Haifa", attacker)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # the kind of site hit outranks a victim named further from the attack word
        ("Israeli missiles targeted Aleppo airport on Tuesday, killing two civilian workers.", "airport"),
        ("A US strike hit the port of Hodeidah in Yemen on Friday, wounding three civilians.", "civilians"),
        # ... a party the text names outranks it
        ("Two drones targeted US forces at Erbil airport in Iraq on Friday.", "US forces"),
        # ... and a victim named nearer the attack word than the site stays the target
        ("A drone struck a civilian car near Erbil airport in Iraq on Friday.", "civilians"),
    ],
)
def test_the_kind_of_site_hit_competes_with_the_victims_named(kb: Knowledge, text: str, target: str) -> None:
    (mention,) = _attacks(kb, text, "2024-01-06")
    assert mention.target == target


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        # an attack that is what an inquiry seeks is the object of another verb
        (
            "Iraqi security forces were unable to determine the origin of the explosion at the Victory base "
            "near Baghdad airport on Tuesday.",
            None,
        ),
        ("Kataib Hezbollah launched a wave of attacks on the Harir air base in Erbil on Tuesday.", "Kataib Hezbollah"),
        # words attributed to someone name their author; an attack attributed to a group names it
        (
            "Two rockets hit the Victory base near Baghdad airport on Tuesday, according to a statement attributed "
            "to Iraqi security forces.",
            None,
        ),
        (
            "The rocket attack on the Victory base near Baghdad airport on Tuesday was attributed to Kataib Hezbollah.",
            "Kataib Hezbollah",
        ),
    ],
)
def test_who_sought_or_authored_words_about_an_attack_is_no_attacker(
    kb: Knowledge, text: str, attacker: str | None
) -> None:
    (mention,) = _attacks(kb, text, "2024-09-11")
    assert mention.attacker == attacker


def test_a_state_s_announcement_covers_its_attacks_of_the_news_not_one_recalled(kb: Knowledge) -> None:
    text = (
        "Defense Secretary Lloyd Austin said US forces carried out precision strikes in eastern Syria. "
        "The strikes hit a training facility near Mayadin, Austin said. "
        "US forces responded with airstrikes on Oct. 26, according to the newspaper. "
        "American planes hit weapons sites in the town of Abu Kamal, the Post reported."
    )
    mentions = _attacks(kb, text, "2023-11-13")
    assert [(m.place_canonical, m.background, m.claim) for m in mentions] == [
        ("Mayadin", False, "claimed"),
        ("Abu Kamal", True, "reported"),
    ]


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        # explosions someone heard tell an effect: the attacker told before is not carried in
        (
            "The Islamic Resistance in Iraq said it launched drones at the Harir air base on Monday. "
            "Residents reported hearing explosions near Erbil International Airport on Monday.",
            None,
        ),
        (
            "Hezbollah fired rockets at Metula on Tuesday. Witnesses heard explosions in Kiryat Shmona on Tuesday.",
            None,
        ),
        # ... unless the sentence names who caused them
        (
            "Drones struck the Harir air base on Monday. Residents heard explosions at the al-Tanf garrison on "
            "Monday, which resulted from an attack by the Islamic Resistance in Iraq.",
            "Islamic Resistance in Iraq",
        ),
        # ... and an attack told as such still carries it
        ("Hezbollah fired rockets at Metula on Tuesday. Rockets also hit Kiryat Shmona on Tuesday.", "Hezbollah"),
    ],
)
def test_explosions_someone_heard_carry_no_attacker(kb: Knowledge, text: str, attacker: str | None) -> None:
    last = _attacks(kb, text, "2024-01-16")[-1]
    assert last.attacker == attacker


@pytest.mark.parametrize(
    ("text", "attacker", "day"),
    [
        # an attack with no day of its own falls on the day just told: an attacker named for
        # other days is not carried into it
        (
            "The Islamic Resistance in Iraq claimed drone attacks on the al-Tanf garrison on Monday. "
            "On Thursday, three drones flew over the Conoco gas field and struck it. "
            "The al-Omar oil field was also hit by rockets.",
            None,
            "2024-01-18",
        ),
        # ... and one named for that day is
        (
            "The Islamic Resistance in Iraq claimed drone attacks on the al-Tanf garrison on Monday. "
            "The al-Omar oil field was also hit by rockets.",
            "Islamic Resistance in Iraq",
            "2024-01-15",
        ),
    ],
)
def test_a_carried_attacker_was_named_for_the_day_carried(
    kb: Knowledge, text: str, attacker: str | None, day: str
) -> None:
    last = _attacks(kb, text, "2024-01-20")[-1]
    assert (last.place_canonical, last.attacker, last.date) == ("al-Omar oil field", attacker, day)


@pytest.mark.parametrize(
    ("text", "place", "attacker"),
    [
        # an attack told as the one this one follows is not this one's: its agent, its toll
        (
            "Hezbollah fired dozens of rockets at Kiryat Shmona on Wednesday, hours after an Israeli drone strike "
            "killed one of its commanders in Nabatieh.",
            "Kiryat Shmona",
            "Hezbollah",
        ),
        (
            "Russia fired missiles at the city of Kharkiv, Ukraine, on Friday, days after Ukrainian drones struck "
            "a refinery in Ryazan, killing two workers.",
            "Kharkiv",
            "Russia",
        ),
        # "a day after", "a week after": the day the other attack is told by is not this one's place
        (
            "Israeli jets struck the port of Hodeidah on Saturday, a day after a drone launched from Yemen "
            "killed a man in Tel Aviv.",
            "port of Hodeidah",
            "Israel",
        ),
        (
            "Russian missiles hit Odesa on Monday, a week after Ukrainian drones struck a port in Novorossiysk.",
            "Odesa",
            "Russia",
        ),
    ],
)
def test_the_attack_this_one_follows_lends_it_nothing(kb: Knowledge, text: str, place: str, attacker: str) -> None:
    first = _attacks(kb, text, "2024-06-14")[0]
    assert (first.place, first.attacker, first.killed) == (place, attacker, None)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # the other attack is only this one's motive: its place is not a second site of this one
        (
            "Israeli jets struck the port of Hodeidah on Saturday, a day after a drone launched from Yemen "
            "killed a man in Tel Aviv.",
            ["port of Hodeidah"],
        ),
        ("Russian missiles hit Odesa on Monday, a week after talks in Istanbul.", ["Odesa"]),
        # an attack told after the words is still placed
        (
            "A day after the talks in Istanbul ended, Russian drones struck a depot in Kramatorsk, Ukrainian "
            "officials said.",
            ["Kramatorsk"],
        ),
    ],
)
def test_a_place_after_a_day_after_is_the_motive_s(kb: Knowledge, text: str, places: list[str]) -> None:
    assert [m.place for m in _attacks(kb, text, "2024-07-20")] == places


def test_shortly_after_an_hour_is_no_other_attack(kb: Knowledge) -> None:
    text = "The second wave of strikes began shortly after 2 a.m. in the Syrian coastal city of Tartus on Monday."
    assert [m.place for m in _attacks(kb, text, "2024-06-11")] == ["Tartus"]


@pytest.mark.parametrize(
    ("text", "attackers"),
    [
        # ", as" and a clause with its own subject and attack word: another attack, other parties
        (
            "Hezbollah fired rockets at Kiryat Shmona on Monday, as Israeli jets struck the village of Khiam "
            "in south Lebanon.",
            [("Kiryat Shmona", "Hezbollah"), ("Khiam", "Israel")],
        ),
        (
            "Russia fired missiles at the city of Kharkiv, Ukraine, on Monday, as Ukrainian drones struck an oil "
            "depot in the city of Belgorod, Russia.",
            [("Kharkiv", "Russia"), ("Belgorod", "Ukraine")],
        ),
        # ", as well as" lists places of one attack
        (
            "Islamic Resistance in Iraq drones struck the al-Tanf base, as well as the Rukban camp, on Monday.",
            [("Tanf base", "Islamic Resistance in Iraq"), ("Rukban camp", "Islamic Resistance in Iraq")],
        ),
    ],
)
def test_a_clause_with_its_own_subject_has_its_own_parties(
    kb: Knowledge, text: str, attackers: list[tuple[str, str]]
) -> None:
    assert [(m.place, m.attacker) for m in _attacks(kb, text, "2024-06-11")] == attackers
