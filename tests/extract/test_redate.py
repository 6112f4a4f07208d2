"""Re-dating by arithmetic: an extraction made under one publication day, given another,
dates its attacks as extraction under that day would."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitrep.errors import InputError
from sitrep.extract import extract_report, redate
from sitrep.knowledge import Knowledge
from sitrep.read import read_reports
from sitrep.records import Extraction, Report, report_id

from ..conftest import CORPORA

_STAND_INS = ("2000-01-03", "2024-06-15")


def _report(text: str, published: str | None = None) -> Report:
    return Report(id=report_id(text), text=text, doc="r.txt", published=published, published_basis="metadata")


def _days(extraction: Extraction) -> list[tuple[object, ...]]:
    return [
        (m.place_id, m.date, m.date_earliest, m.date_latest, m.date_precision, m.background, m.inferred.get("date"))
        for m in extraction.mentions
    ] + [(f.metric, f.value, f.since, f.as_of) for f in extraction.figures]


def _redated(text: str, day: str, kb: Knowledge, stand_in: str = "2000-01-03") -> Extraction:
    probe = extract_report(_report(text, stand_in), kb)
    return redate(probe, _report(text, day), kb)


@pytest.mark.parametrize(
    "text",
    [
        # A weekday is the one on or before the publication day.
        "Houthi forces fired an anti-ship missile at a tanker off Hodeidah on Tuesday, the US military said.",
        # "late on" a weekday runs past midnight into the next day.
        "Rockets struck Ain al-Asad air base late on Friday, a security source said.",
        # No time phrase: the publication day or the one before; the next attack takes its day.
        "A drone hit the Conoco gas field. Another drone targeted Shaddadi, according to local sources.",
        # "the day before" hangs on the day last told.
        "Drones struck Erbil airport on Monday. The day before, rockets had hit Harir air base.",
        # A day and month without a year takes the year that puts it before publication.
        "Hezbollah said it fired rockets at Kiryat Shmona on December 30.",
        # A date with its year is fixed whatever the publication day.
        "An Israeli strike hit Damascus on 1 April 2024, killing several officers.",
        # The lead says on which day the news was told.
        "BAGHDAD, Nov. 11 (Xinhua) -- A drone attacked Ain al-Asad air base, a source said.",
    ],
)
def test_re_dating_gives_the_days_extraction_under_that_day_gives(text: str, kb: Knowledge) -> None:
    for day in ("2024-01-04", "2024-01-07", "2023-11-13"):
        expected = extract_report(_report(text, day), kb)
        assert expected.mentions
        assert _days(_redated(text, day, kb)) == _days(expected), day


def test_a_weekday_moves_with_the_publication_day(kb: Knowledge) -> None:
    text = "Houthi forces fired an anti-ship missile at a tanker off Hodeidah on Tuesday, the US military said."
    assert [m.date for m in _redated(text, "2024-01-11", kb).mentions] == ["2024-01-09"]
    assert [m.date for m in _redated(text, "2024-01-16", kb).mentions] == ["2024-01-16"]


def test_a_dated_year_does_not_move_and_turns_background(kb: Knowledge) -> None:
    text = "An Israeli strike hit Damascus on 1 April 2024, killing several officers."
    (mention,) = _redated(text, "2024-05-20", kb).mentions
    assert (mention.date, mention.background) == ("2024-04-01", True)
    (mention,) = _redated(text, "2024-04-02", kb).mentions
    assert (mention.date, mention.background) == ("2024-04-01", False)


def test_statements_of_one_attack_merge_again_when_their_days_meet(kb: Knowledge) -> None:
    # Under a Monday report "Sunday" and "on Monday" are two days; under a Tuesday one too;
    # the headline (no day) joins the statement whose day falls in its window.
    text = "Drone attack on Ain al-Asad air base.\n\nDrones struck Ain al-Asad air base on Sunday, officials said."
    for day in ("2024-01-08", "2024-01-09", "2024-01-10"):
        assert _days(_redated(text, day, kb)) == _days(extract_report(_report(text, day), kb)), day


def test_every_shared_report_re_dates_as_it_extracts(kb: Knowledge) -> None:
    compared = 0
    for corpus in CORPORA.values():
        for report in read_reports([corpus]):
            if isinstance(report, InputError) or report.published is None:
                continue
            expected = _days(extract_report(report, kb))
            for stand_in in _STAND_INS:
                probe = extract_report(replace(report, published=stand_in, published_basis="trial"), kb)
                assert _days(redate(probe, report, kb)) == expected, (report.doc, stand_in)
            compared += 1
    assert compared > 60


@pytest.mark.parametrize(("day", "claim"), [("2023-10-29", "claimed"), ("2023-11-12", "reported")])
def test_claims_told_apart_follow_the_days_they_cover(day: str, claim: str, kb: Knowledge) -> None:
    # A state's announcement with no day claims its strikes of the news, not one the report
    # only recalls: the strike of 26 October is news on the 29th, background on 12 November.
    text = (
        "US warplanes struck two sites in eastern Syria, officials said Sunday. "
        "Defense Secretary Lloyd Austin said in a statement that the president had ordered the strikes. "
        "The Pentagon has counted dozens of attacks on US troops since October 17. "
        "On 26 October 2023, American jets had hit a depot in the eastern Syrian town of Abu Kamal, the "
        "newspaper reported."
    )
    for stand_in in ("2023-10-29", "2023-11-12"):
        (mention,) = _redated(text, day, kb, stand_in).mentions
        assert (mention.place, mention.claim) == ("Abu Kamal", claim)
