"""The time-anchor stage: said days, and the news day that dates attacks told with no day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sitrep.api import prediction_lines
from sitrep.document import prepare_document
from sitrep.extract import extract_or_probe, extract_report, redate
from sitrep.extract.anchors import is_said_day, news_phrases
from sitrep.knowledge import Knowledge
from sitrep.records import UNDATED_REASON, Report, Undated, report_id
from sitrep.resolve.time import Published, find_time_phrases, news_window


def _report(text: str, published: str) -> Report:
    return Report(id=report_id(text), doc="t.txt", text=text, published=published)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # published on a Friday: the lead's Thursday is the day before
        ("Militias attacked a US base in eastern Syria, reports said Thursday. More followed.", "2024-08-29"),
        ("The group made the announcement in a statement on Thursday. It named two bases.", "2024-08-29"),
        ("Ukraine's air force said on Thursday that Russia launched drones overnight.", "2024-08-29"),
        # a wire story's dateline day is the day it was filed
        ("BAGHDAD, Aug. 29 (Xinhua) -- Drones hit two US bases, one in Syria and one in Iraq.", "2024-08-29"),
        ("Drones hit a US base on Aug. 29 - the third attack this week.", None),
        # a day the attack happened is not a said day; a said day deep in the story is no lead
        ("Drones struck a US base in eastern Syria on Thursday.", None),
        ("A base was hit. Nothing more was known. Officials gave no details. A spokesman said on Thursday ...", None),
    ],
)
def test_the_news_day_is_the_day_the_lead_says_it_was_told(kb: Knowledge, text: str, expected: str | None) -> None:
    doc = prepare_document(_report(text, "2024-08-30"), kb)
    found = news_window(news_phrases(doc), Published(date(2024, 8, 30)))
    assert (found.date.isoformat() if found and found.date else None) == expected


def test_an_attack_told_with_no_day_takes_the_news_day(kb: Knowledge) -> None:
    text = (
        "Iran-backed factions attempted an attack on a US base, reports said Thursday.\n\n"
        "Local sources said that during the night, the groups targeted the US base at the Conoco gas field "
        "with drones."
    )
    (mention,) = extract_report(_report(text, "2024-08-30"), kb).mentions
    assert (mention.date, mention.date_earliest, mention.date_latest) == ("2024-08-29", "2024-08-28", "2024-08-29")
    assert mention.inferred["date"] == "no time phrase: the day the news was told or the day before"


@pytest.mark.parametrize(
    "dateline",
    ["DUBAI, Feb 19 (Reuters) - ", "ADEN, Yemen, Feb. 19 (AP) -- ", "SANAA, Feb. 19 (Xinhua) -- "],
)
def test_a_dateline_s_day_dates_the_report_not_the_attack_the_lead_tells(kb: Knowledge, dateline: str) -> None:
    text = (
        f"{dateline}A cargo ship was struck by two missiles fired by the Houthis late on Sunday, the U.S. "
        "military said on Monday.\n\nThe ship was hit about 35 nautical miles south of the port of Mocha."
    )
    (mention,) = extract_report(_report(text, "2024-02-19"), kb).mentions
    assert mention.date == "2024-02-18"


def test_an_attack_with_its_own_day_keeps_it(kb: Knowledge) -> None:
    text = (
        "The Islamic Resistance in Iraq said on Thursday that it had attacked US forces.\n\n"
        "Its drones struck the Harir air base on Wednesday night."
    )
    (mention,) = extract_report(_report(text, "2024-01-26"), kb).mentions
    assert mention.date == "2024-01-24"


def test_the_day_nearest_the_attack_word_dates_an_attack_told_without_its_place(kb: Knowledge) -> None:
    text = (
        "According to a new toll given by a war monitor on Saturday, 23 fighters were killed in US airstrikes "
        "in eastern Syria on Friday night. Ten were killed in the city of Mayadin."
    )
    (mention,) = extract_report(_report(text, "2024-02-03"), kb).mentions
    assert mention.date == "2024-02-02"


def test_an_attack_known_only_to_a_week_or_more_is_kept_as_a_coarse_line(kb: Knowledge) -> None:
    text = (
        "Rockets hit the Ain al-Asad air base in western Iraq late last month, officials said. "
        "A drone struck the Harir air base near Erbil in early January. "
        "A drone struck the al-Tanf garrison on Friday."
    )
    extraction = extract_report(Report(id=report_id(text), doc="t.txt", text=text, published="2024-02-10"), kb)
    assert [m.place_canonical for m in extraction.mentions] == ["al-Tanf garrison"]
    lines = [line for line in prediction_lines(extraction) if line.get("kind") == "coarse"]
    assert [(line["place_canonical"], line["time_precision"], line["reason"]) for line in lines] == [
        ("Ain al-Asad Air Base", 2, "no day within a week"),
        ("Harir Air Base", 2, "no day within a week"),
    ]


def test_an_attack_of_a_report_of_unknown_day_is_a_coarse_line_once_per_place(kb: Knowledge) -> None:
    text = (
        "Drones struck the Ain al-Asad air base in western Iraq on Tuesday, officials said. "
        "The attack on Ain al-Asad caused no casualties, the officials added. "
        "Rockets hit the Conoco gas field in eastern Syria on Wednesday."
    )
    report = Report(id=report_id(text), doc="t.txt", text=text)
    extraction = extract_report(report, kb)
    assert extraction.report.published is None and extraction.mentions == ()
    lines = [line for line in prediction_lines(extraction) if line.get("kind") == "coarse"]
    assert [(line["place_canonical"], line["date_earliest"], line["reason"]) for line in lines] == [
        ("Ain al-Asad Air Base", None, UNDATED_REASON),
        ("Conoco gas field", None, UNDATED_REASON),
    ]
    assert len(extraction.coarse[0].evidence_spans) == 2  # two statements of one attack, one line
    # With its day known, the same report tells two events and nothing coarse.
    dated = extract_report(replace(report, published="2024-01-11", published_basis="metadata"), kb)
    assert [(m.place_canonical, m.date) for m in dated.mentions] == [
        ("Ain al-Asad Air Base", "2024-01-09"),
        ("Conoco gas field", "2024-01-10"),
    ]
    assert dated.coarse == ()


def test_a_coarse_attack_is_kept_when_the_report_is_dated_again(kb: Knowledge) -> None:
    text = "Rockets hit the Ain al-Asad air base in western Iraq late last month, officials said."
    report = Report(id=report_id(text), doc="t.txt", text=text, published="2024-02-10")
    extraction = extract_report(report, kb)
    (coarse,) = extraction.coarse
    (again,) = redate(extraction, replace(report, published="2024-03-10"), kb).coarse
    assert (coarse.date_latest, again.date_latest) == ("2024-01-31", "2024-02-29")
    assert again.place_canonical == coarse.place_canonical


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("The Pentagon said on Thursday that drones hit the base.", True),
        ("The group said in a statement on Thursday that it fired rockets.", True),
        # what was said is a clause with its own day
        ("Syrian media reported that 25 people had been killed overnight between Sunday and Monday.", False),
        ("Officials said 25 people were killed on Thursday.", False),
        # the day between the speaker and the verb of saying
        ("An army spokesperson on Wednesday confirmed that flights were normal.", True),
        ("Drones on Wednesday struck the base.", False),
    ],
)
def test_a_said_day_is_the_day_of_the_saying_only(kb: Knowledge, text: str, said: bool) -> None:
    (phrase,) = find_time_phrases(text, kb, 0, len(text))
    assert is_said_day(text, phrase) is said


@pytest.mark.parametrize(
    ("text", "onset"),
    [
        ("Strikes have hit the base almost daily since October 17.", True),
        # the day a war or a campaign began is not the day of an attack told beside it
        ("Hezbollah fired rockets at Haifa, weeks into the war that began on September 23.", True),
        ("Drones hit Kharkiv again, part of an offensive which started in May.", True),
        ("Rockets fell on the town, since the escalation began on October 8.", True),
        # ... but clashes that broke out on a day happened that day
        ("Clashes broke out on October 8 in the north of the city.", False),
        ("A drone hit a base in Erbil on November 2, the group said.", False),
    ],
)
def test_a_day_something_ongoing_began_is_its_onset(kb: Knowledge, text: str, onset: bool) -> None:
    phrases = find_time_phrases(text, kb, 0, len(text))
    assert phrases
    assert all(p.is_since is onset for p in phrases)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        # history told of the attack
        ("In 2019, rockets hit the Ain al-Asad air base, officials said on Tuesday.", True),
        ("Rockets hit the Ain al-Asad air base during the war with ISIS, officials said.", True),
        # ... history told of the place, in a clause after it, is not the attack's
        (
            "US aircraft struck a base at Jurf al-Sakhar, a town the militia took over during the war with "
            "ISIS in 2014, on Tuesday.",
            False,
        ),
    ],
)
def test_history_told_of_the_place_is_not_the_attack_s(kb: Knowledge, text: str, background: bool) -> None:
    (mention,) = extract_report(_report(text, "2024-02-07"), kb).mentions
    assert mention.background is background


def _undated(text: str) -> Report:
    return Report(id=report_id(text), doc="t.txt", text=text)


@pytest.mark.parametrize(
    "text",
    [
        # the lead dates its attack: the report is from the day after it
        "Drones struck the US base at al-Tanf in Syria late on 23 October 2023, the group said.\n\n"
        "A week earlier, on Wednesday, rockets had hit the Ain al-Asad air base in Iraq.",
        "Russian drones hit power stations in Kharkiv on 9 March 2024, the regional governor said.\n\n"
        "The strikes on Thursday also damaged homes in the city.",
    ],
)
def test_a_report_with_no_day_is_from_the_day_after_the_attack_its_lead_dates(kb: Knowledge, text: str) -> None:
    report = extract_report(_undated(text), kb).report
    assert report.published_basis.startswith("inferred from text: the day after the latest attack it dates")


@pytest.mark.parametrize(
    ("text", "after"),
    [
        # the lead names its news by weekday; the date written out is of an older attack
        (
            "US warplanes struck two weapons depots in eastern Syria, officials said Sunday.\n\n"
            "The strikes hit sites near the town of Abu Kamal.\n\n"
            "US jets had already bombed a depot in Mayadin on Oct. 26, 2023, the Pentagon said.",
            "2023-10-26",
        ),
        (
            "A rocket struck the Mission Support Site Euphrates in Syria on Wednesday.\n\n"
            "It was the first attack since drones hit the Harir air base in Iraq on 20 November 2023.",
            "2023-11-20",
        ),
        (
            "Militants attacked an army post near Djibo in northern Burkina Faso on Friday, the army said.\n\n"
            "Gunmen had killed soldiers in an ambush near Djibo on 11 May 2024.",
            "2024-05-11",
        ),
    ],
)
def test_a_lead_told_by_weekday_before_a_dated_attack_leaves_the_day_unknown(
    kb: Knowledge, text: str, after: str
) -> None:
    found = extract_or_probe(_undated(text), kb)
    assert isinstance(found, Undated)
    assert (found.report.published, found.report.published_earliest) == (None, after)


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        # the claim's day is named before: "two days earlier" counts from it
        (
            "The Islamic Resistance in Iraq on Tuesday claimed a drone attack on the Harir air base in Iraq "
            "two days earlier.",
            "2023-11-21",
            "2023-11-19",
        ),
        (
            "Ukraine's military said on Friday that its drones had hit an oil depot in Feodosia, Crimea, three "
            "days earlier.",
            "2024-05-31",
            "2024-05-28",
        ),
        # ... and "two days later" from a date
        (
            "Drones hit the al-Tanf base in Syria on 19 October 2023, and rockets hit the Ain al-Asad air base in "
            "Iraq two days later.",
            "2023-10-25",
            "2023-10-21",
        ),
    ],
)
def test_days_counted_from_a_day_the_sentence_names_before(kb: Knowledge, text: str, published: str, day: str) -> None:
    mentions = extract_report(_report(text, published), kb).statements
    assert mentions[-1].date == day


def test_days_counted_from_the_claim_s_day_move_with_the_publication_day(kb: Knowledge) -> None:
    text = "The Islamic Resistance in Iraq on Tuesday claimed a drone attack on the Harir air base in Iraq two days earlier."
    extraction = extract_report(_report(text, "2023-11-21"), kb)
    week_later = redate(extraction, replace(extraction.report, published="2023-11-28"), kb)
    assert [m.date for m in week_later.mentions] == ["2023-11-26"]
