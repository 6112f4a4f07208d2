"""Figures as series with contradictions, event counts, the coverage line and charts."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitrep
from sitrep.analyze import contradictions, figure_series, subject_of
from sitrep.extract import extract_report
from sitrep.knowledge import Knowledge
from sitrep.records import Figure, Report, report_id


def _figure(value: float, as_of: str, source: str, qualifier: str = "exact") -> Figure:
    text = "US forces have been attacked {value:g} times in Iraq and Syria since October 17, officials said."
    return Figure(
        doc=f"{source}-{as_of}.txt",
        report_id=as_of,
        metric="attacks",
        value=value,
        evidence=text.format(value=value),
        span=(0, 10),
        qualifier=qualifier,
        subject=f"{value:g} times in Iraq and Syria since October 17",
        since="2023-10-17",
        as_of=as_of,
        source=source,
    )


def test_a_count_that_falls_from_one_source_is_flagged(kb: Knowledge) -> None:
    series = figure_series(
        [
            _figure(55, "2023-11-14", "Pentagon"),
            _figure(48, "2023-11-20", "Pentagon"),
            _figure(66, "2023-11-24", "Pentagon"),
        ],
        kb,
    )
    (item,) = series
    assert (item.subject, item.countries) == ("US forces", ("IQ", "SY"))
    assert [f.value for f in item.figures] == [55, 48, 66]
    assert item.flags == ("falls: Pentagon said 55 on 2023-11-14, then 48 on 2023-11-20",)


def test_two_sources_that_disagree_on_one_day_are_flagged_beyond_their_qualifiers() -> None:
    same_day = [_figure(97, "2023-12-14", "US official", "at least"), _figure(90, "2023-12-14", "Tracker")]
    assert contradictions(same_day) == ["disagree on 2023-12-14: US official at least 97, Tracker 90"]
    compatible = [_figure(97, "2023-12-14", "US official", "at least"), _figure(98, "2023-12-14", "Tracker")]
    assert contradictions(compatible) == []
    approximately = [_figure(66, "2023-11-24", "A", "approximately"), _figure(70, "2023-11-24", "B")]
    assert contradictions(approximately) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Houthis have attacked commercial ships in the Red Sea more than 40 times since November 19, the Pentagon said.",
            [("attacks", 40.0, "more than")],
        ),
        (
            "Hezbollah says at least 150 of its fighters have been killed since October 8.",
            [("killed", 150.0, "at least")],
        ),
        ("Israel has deployed about 100,000 troops in the north.", [("troops", 100000.0, "approximately")]),
        (
            "The Gaza health ministry said 24,620 people have been killed, including 10,000 children.",
            [("killed", 24620.0, "exact")],
        ),
        ("More than 110 days into the war, talks stalled.", []),
        ("The base lies 31 miles south of the town.", []),
        ("Washington approved a $14.3-billion package in 2023.", []),
        ("Two drones struck the al-Tanf base on Sunday, wounding three soldiers.", []),
        ("US forces were attacked four times on Thursday.", []),
        (
            "Since October 17, the group has carried out more than 60 operations against US bases in Iraq and Syria.",
            [("attacks", 60.0, "more than")],
        ),
        ("Eighteen one-way attack drones were shot down over the Red Sea on Tuesday.", []),
        # the rank of an attack counts the attacks so far
        (
            "The strike was the 54th time Israeli forces have targeted Syria since the start of the year.",
            [("attacks", 54.0, "exact")],
        ),
        # a count of what was attacked counts attacks
        (
            "Al-Shabaab has attacked more than 30 police stations in Somalia since January.",
            [("attacks", 30.0, "more than")],
        ),
        # a count stated with a verb of reaching
        ("The number of deaths in Sudan has reached 15,000, the UN said.", [("killed", 15000.0, "exact")]),
        ("The injuries rose to 25,000, the ministry said.", [("injured", 25000.0, "exact")]),
        ("On the Israeli side, more than 1,200 people lost their lives.", [("killed", 1200.0, "more than")]),
        ("The shelling of Kharkiv has resulted in the deaths of over 300 civilians.", [("killed", 300.0, "more than")]),
        # troops counted as casualties are no troops deployed
        ("Three US soldiers were killed in a drone strike on a base in Jordan.", []),
        ("Roughly 186 troops have been injured in attacks in Iraq and Syria.", [("injured", 186.0, "approximately")]),
        ("The US has about 900 military personnel in Syria.", [("troops", 900.0, "approximately")]),
        # the toll of one attack, and casualties on a day the report tells, are the attack's
        ("The death toll from the attack on Masyaf rose to 16, a hospital director said.", []),
        ("Local media said 25 people were killed in Hama on Sunday.", []),
        ("The Burkina Faso army killed five people in a preliminary toll.", []),
        ("Eleven airstrikes hit Nabatieh today, the governor said.", []),
        # ... but a day that only says when it was said does not make a toll an attack's
        ("The ministry said on Monday that 24,620 people have been killed.", [("killed", 24620.0, "exact")]),
        # a small count of strikes with no day of its own is a tally
        ("The US has answered with three retaliatory strikes against militia targets.", [("strikes", 3.0, "exact")]),
        # a part of a count told before
        ("Of those, 40 were wounded in the Jordan attack.", []),
        # "since" in a comparison counts nothing; "have been" counts only what has been done
        (
            "Syrian media said 25 people had been killed overnight, in the most extensive strikes since the war began.",
            [],
        ),
        ("At least 15 missiles were said to have been launched at Masyaf, and at least 32 people were wounded.", []),
        (
            "Since October 17, US forces have been attacked at least 97 times, the Pentagon said.",
            [("attacks", 97.0, "at least")],
        ),
        # the perfect counts so far, unless the sentence names the one night it happened
        ("At least 56 US service members had been injured, officials said.", [("injured", 56.0, "at least")]),
        ("Syrian media reported that 25 people had been killed overnight between Sunday and Monday.", []),
        # "until" with no day after it is a purpose, not a tally's end
        ("The deaths of five fighters in one air strike will be avenged until the occupiers leave.", []),
    ],
)
def test_figures_written_for_the_tests(kb: Knowledge, text: str, expected: list[tuple[str, float, str]]) -> None:
    report = Report(id=report_id(text), text=text, doc="t.txt", published="2024-01-20", published_basis="metadata")
    figures = extract_report(report, kb).figures
    assert [(f.metric, f.value, f.qualifier) for f in figures] == expected


def test_breakdown_and_since_are_read(kb: Knowledge) -> None:
    text = "Since October 17 there have been 55 attacks on US forces, including 27 attacks in Iraq, and 28 in Syria."
    report = Report(id=report_id(text), text=text, doc="t.txt", published="2023-11-14", published_basis="metadata")
    (figure,) = extract_report(report, kb).figures
    assert (figure.value, figure.breakdown, figure.since, figure.as_of) == (
        55,
        {"IQ": 27, "SY": 28},
        "2023-10-17",
        "2023-11-14",
    )


def test_the_day_of_a_date_is_no_part_of_a_tally(kb: Knowledge) -> None:
    # the 17 of "October 17" stands beside "US", but it counts nothing
    text = (
        "US and coalition troops have been attacked at least 23 times in Iraq and Syria from October 17 to 30, "
        "according to the US Defense Department."
    )
    report = Report(id=report_id(text), text=text, doc="t.txt", published="2023-11-01", published_basis="metadata")
    (figure,) = extract_report(report, kb).figures
    assert (figure.value, figure.breakdown) == (23, None)


def test_a_tally_s_countries_are_where_it_counts_not_whose_forces(kb: Knowledge) -> None:
    text = "There have been 66 attacks on U.S. forces in Iraq and Syria since October 17, officials said."
    report = Report(id=report_id(text), text=text, doc="t.txt", published="2023-11-14", published_basis="metadata")
    (figure,) = extract_report(report, kb).figures
    assert subject_of(figure, kb) == ("US forces", ("IQ", "SY"))


def test_the_shared_tallies_form_one_series_in_date_order(tmp_path: Path, shared: Path) -> None:
    db = str(tmp_path / "s.db")
    sitrep.ingest([shared / "corpus" / "seeds", shared / "corpus" / "dev"], db=db)
    series = {(s.subject, s.countries): s for s in sitrep.figures(db, metric="attacks")}
    main = series[("US forces", ("IQ", "SY"))]
    dated = [f for f in main.figures if f.as_of]
    assert len(dated) >= 8
    assert [f.as_of for f in dated] == sorted(f.as_of for f in dated)  # type: ignore[type-var]
    assert sum(1 for f in dated if f.source) >= 4
    assert {55, 66, 97, 98} <= {f.value for f in dated}


def test_stats_and_the_chart(tmp_path: Path, samples: Path) -> None:
    db, chart = str(tmp_path / "s.db"), tmp_path / "campaign.svg"
    sitrep.ingest([samples], db=db)
    stats = sitrep.stats(db, plot=chart)
    assert stats.total == len(sitrep.events(db)) > 0
    assert sum(n for _, n in stats.by["country"]) == stats.total
    assert sum(sum(c.values()) for c in stats.weekly_by_country.values()) == stats.total
    (line,) = stats.coverage  # the Erbil report quotes "more than 100 times since October 17"
    assert (line.figure.value, line.countries) == (100, ())
    assert line.own_count == len(
        [
            e
            for e in sitrep.events(db)
            if e.target in ("US forces", "US-led coalition")
            and (e.date or "") >= "2023-10-17"
            and (e.date or "") <= "2023-12-26"
        ]
    )
    svg = chart.read_text(encoding="utf-8")
    for label in (
        "Attacks per week, by country",
        "week starting",
        "events",
        "Quoted tallies of attacks",
        "tallies quoted in reports",
        "sitrep: distinct events documented",
    ):
        assert label in svg


def test_a_chart_must_be_png_or_svg(tmp_path: Path, samples: Path) -> None:
    db = str(tmp_path / "s.db")
    sitrep.ingest([samples], db=db)
    with pytest.raises(sitrep.UsageError, match=r"must be a \.png or \.svg file"):
        sitrep.stats(db, plot=tmp_path / "chart.gif")


def test_a_figures_source_may_be_a_name_with_plain_words_after_it(kb: Knowledge) -> None:
    text = "The Gaza health ministry says at least 26,637 Palestinians have been killed since October 7."
    (figure,) = extract_report(Report(id=report_id(text), text=text, doc="t.txt", published="2024-01-30"), kb).figures
    assert (figure.metric, figure.value, figure.source) == ("killed", 26637.0, "Gaza health ministry")
