"""Dating undated reports from the corpus: the dated attacks at the same site, on the same day."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

import sitrep
from sitrep.batch import read_batch
from sitrep.corpus import DatedAttack, Reference
from sitrep.extract import extract_or_probe, extract_report
from sitrep.knowledge import Knowledge
from sitrep.read import read_reports
from sitrep.records import Extraction, Mention, Report, Undated, report_id, to_dict

from .conftest import CORPORA


def _mention(lat: float, lon: float, report_id: str = "undated") -> Mention:
    return Mention(
        doc="x.txt",
        report_id=report_id,
        id="m1",
        trigger="struck",
        evidence="",
        evidence_spans=(),
        date="2023-11-08",
        country="SY",
        lat=lat,
        lon=lon,
    )


def test_the_same_site_is_found_across_grid_cells_and_farther_sites_are_not() -> None:
    # 36.0 N lies on a cell border: 9 km north and 9 km east are in other cells.
    here = (35.99, 40.49)
    attacks = [
        DatedAttack("north", "SY", 36.07, 40.49, date(2023, 11, 8)),
        DatedAttack("east", "SY", 35.99, 40.59, date(2023, 11, 8)),
        DatedAttack("far", "SY", 35.99, 40.65, date(2023, 11, 8)),
        DatedAttack("other-country", "IQ", 35.99, 40.49, date(2023, 11, 8)),
        DatedAttack("undated", "SY", 35.99, 40.49, date(2023, 11, 8)),
    ]
    reference = Reference(attacks)
    assert sorted(a.report_id for a in reference.near(_mention(*here))) == ["east", "north"]
    assert (reference.first, reference.last) == (date(2023, 11, 8), date(2023, 11, 8))


def test_stored_attacks_are_read_only_when_needed() -> None:
    def stored() -> Iterator[DatedAttack]:
        raise AssertionError("read without need")
        yield  # a generator: the body runs on first use

    reference = Reference(stored())
    reference.add([_mention(33.5, 38.6, "dated")])
    with pytest.raises(AssertionError, match="read without need"):
        reference.near(_mention(33.5, 38.6))


_DATED = (
    "Drones struck Ain al-Asad air base in western Iraq on Tuesday, a US official said.\n\n"
    "Rockets also hit Erbil airport on Tuesday, according to Kurdish counterterrorism forces."
)
_SAME_ATTACKS = (
    "A drone attack targeted the Ain al-Asad air base on Tuesday, security sources said.\n\n"
    "Rockets struck Erbil airport on Tuesday evening, the Kurdistan Region's ministry said."
)
_ONE_OF_THEM = "A drone attack targeted the Ain al-Asad air base on Tuesday, security sources said."


def _write_reports(folder: Path) -> Path:
    folder.mkdir()
    (folder / "dated.txt").write_text(_DATED, encoding="utf-8")
    (folder / "same-attacks.txt").write_text(_SAME_ATTACKS, encoding="utf-8")
    (folder / "one-of-them.txt").write_text(_ONE_OF_THEM, encoding="utf-8")
    (folder / "SOURCES.tsv").write_text("file\tpublished\ndated.txt\t2024-01-10\n", encoding="utf-8")
    return folder


def _by_file(items: Iterable[object]) -> dict[str, Extraction]:
    return {Path(x.report.doc).name: x for x in items if isinstance(x, Extraction)}


def test_an_undated_report_takes_the_day_under_which_two_attacks_match_a_dated_one(tmp_path: Path) -> None:
    found = _by_file(sitrep.extract([_write_reports(tmp_path / "in")]))
    dated = found["same-attacks.txt"]
    assert dated.report.published == "2024-01-09"
    assert dated.report.published_basis.startswith("inferred from corpus: 2 of its attacks")
    assert [m.date for m in dated.mentions] == ["2024-01-09", "2024-01-09"]
    # One matching attack is too little evidence: the report stays undated, its attack unplaced in time.
    assert found["one-of-them.txt"].report.published is None


def test_a_corpus_dated_report_is_what_extraction_under_its_day_gives(tmp_path: Path, kb: Knowledge) -> None:
    dated = _by_file(sitrep.extract([_write_reports(tmp_path / "in")]))["same-attacks.txt"]
    again = extract_report(replace(dated.report, published_basis="metadata"), kb)
    assert [to_dict(m) for m in dated.mentions] == [to_dict(m) for m in again.mentions]


def test_an_undated_report_waits_as_its_probe_and_a_dated_one_is_extracted(kb: Knowledge) -> None:
    undated = extract_or_probe(_report(_ONE_OF_THEM), kb)
    assert isinstance(undated, Undated)
    assert undated.report.published is None
    # The probe places the attack and keeps the reading that dates it under any day.
    (statement,) = undated.probe.statements
    assert (statement.place_canonical, statement.reading is not None) == ("Ain al-Asad Air Base", True)
    dated = extract_or_probe(_report(_ONE_OF_THEM, "2024-01-10"), kb)
    assert isinstance(dated, Extraction) and [m.date for m in dated.mentions] == ["2024-01-09"]


def _report(text: str, published: str | None = None) -> Report:
    return Report(id=report_id(text), text=text, doc="r.txt", published=published, published_basis="metadata")


@pytest.mark.parametrize("corpus", ["seeds", "dev", "dev2"])
def test_shared_reports_the_corpus_cannot_date_are_what_extraction_with_no_day_gives(
    corpus: str, kb: Knowledge
) -> None:
    originals = {r.doc: r for r in read_reports([CORPORA[corpus]], manifests=False) if isinstance(r, Report)}
    undated = [
        x
        for x in sitrep.extract([CORPORA[corpus]], manifests=False)
        if isinstance(x, Extraction) and not x.report.published
    ]
    assert undated
    for extraction in undated:
        again = extract_report(originals[extraction.report.doc], kb)
        assert extraction.report == again.report
        assert [to_dict(m) for m in extraction.mentions] == [to_dict(m) for m in again.mentions]
        assert [to_dict(f) for f in extraction.figures] == [to_dict(f) for f in again.figures]
        assert [to_dict(m) for m in extraction.coarse] == [to_dict(m) for m in again.coarse]


# dev2 alone dates none of its reports from the corpus; read with dev it dates four.
@pytest.mark.parametrize("corpora", [["dev"], ["dev", "dev2"]])
def test_shared_reports_dated_from_their_corpus_are_what_extraction_under_that_day_gives(
    corpora: list[str], kb: Knowledge
) -> None:
    from_corpus = [
        x
        for x in sitrep.extract([CORPORA[c] for c in corpora], manifests=False)
        if isinstance(x, Extraction) and x.report.published_basis.startswith("inferred from corpus")
    ]
    assert from_corpus
    for extraction in from_corpus:
        again = extract_report(replace(extraction.report, published_basis="metadata"), kb)
        assert [to_dict(m) for m in extraction.mentions] == [to_dict(m) for m in again.mentions]
        assert [to_dict(f) for f in extraction.figures] == [to_dict(f) for f in again.figures]


def test_a_batch_dates_undated_reports_from_the_corpus_as_extract_does(tmp_path: Path) -> None:
    folder = _write_reports(tmp_path / "in")
    sitrep.batch([folder], tmp_path / "out", engine="local", jobs=2)
    written = {Path(x.report.doc).name: x for x in read_batch(tmp_path / "out")}
    expected = _by_file(sitrep.extract([folder]))
    assert written.keys() == expected.keys()
    for name, extraction in expected.items():
        assert (written[name].report, written[name].mentions) == (extraction.report, extraction.mentions)
    assert not (tmp_path / "out" / "undated").exists()


def test_a_day_is_looked_up_by_site_and_day() -> None:
    reference = Reference(
        [
            DatedAttack("a", "SY", 33.5, 38.6, date(2023, 11, 8)),
            DatedAttack("b", "SY", 33.5, 38.6, date(2023, 11, 9)),
            DatedAttack("c", "SY", 34.5, 38.6, date(2023, 11, 8)),
        ]
    )
    assert [a.report_id for a in reference.on_day(_mention(33.5, 38.6))] == ["a"]
