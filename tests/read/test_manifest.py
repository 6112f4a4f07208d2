"""A directory's SOURCES.tsv manifest gives its report files their URL, outlet and date."""

from __future__ import annotations

from pathlib import Path

import sitrep
from sitrep.errors import InputError
from sitrep.read import read_reports
from sitrep.records import Report

UNDATED = "Drones struck the Harir air base north of Erbil on Wednesday, a security source said.\n"
DATED = " date 2023-10-19\nA drone hit the Ain al-Asad air base on Thursday, officials said.\n"


def _crawl(folder: Path, manifest: str, name: str = "SOURCES.tsv") -> Path:
    folder.mkdir()
    (folder / "harir.txt").write_text(UNDATED, encoding="utf-8")
    (folder / "asad.txt").write_text(DATED, encoding="utf-8")
    (folder / name).write_text(manifest, encoding="utf-8")
    return folder


def _read(folder: Path) -> tuple[dict[str, Report], list[InputError]]:
    reports, errors = {}, []
    for item in read_reports([folder]):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            reports[Path(item.doc).stem] = item
    return reports, errors


def test_manifest_fills_url_outlet_and_date(tmp_path: Path) -> None:
    folder = _crawl(
        tmp_path / "crawl",
        "slug\turl\toutlet\tpublished\n"
        "harir\thttps://example.org/harir\tExample Wire\t2023-10-18\n"
        "asad\thttps://example.org/asad\tExample Wire\t2023-10-25\n",
    )
    reports, errors = _read(folder)
    assert errors == []
    harir = reports["harir"]
    assert (harir.url, harir.source, harir.published) == ("https://example.org/harir", "Example Wire", "2023-10-18")
    assert harir.published_basis == "metadata: SOURCES.tsv"
    # The report's own dateline is never overridden by the manifest.
    assert (reports["asad"].published, reports["asad"].published_basis) == ("2023-10-19", "dateline")


def test_manifest_date_dates_the_attacks(tmp_path: Path) -> None:
    folder = _crawl(tmp_path / "crawl", "file,published\nharir.txt,2023-10-18\n", name="sources.csv")
    (extraction,) = [x for x in sitrep.extract([folder / "harir.txt"]) if isinstance(x, sitrep.Extraction)]
    (mention,) = extraction.mentions
    assert mention.date == "2023-10-18"
    assert extraction.report.published_basis == "metadata: sources.csv"


def test_bad_manifest_row_is_named_and_the_rest_still_applies(tmp_path: Path) -> None:
    folder = _crawl(
        tmp_path / "crawl",
        "slug\toutlet\tpublished\nharir\tWire\t18/10/2023\nasad\tWire\t2023-10-19\n",
    )
    reports, errors = _read(folder)
    assert [str(e) for e in errors] == [f"{folder / 'SOURCES.tsv'}:2: published '18/10/2023' is not a YYYY-MM-DD date"]
    assert reports["harir"].published is None and reports["harir"].source == "Wire"
    assert len(reports) == 2


def test_manifest_without_a_key_column_is_one_error_and_reports_are_still_read(tmp_path: Path) -> None:
    folder = _crawl(tmp_path / "crawl", "url\tpublished\nhttps://example.org\t2023-10-18\n")
    reports, errors = _read(folder)
    assert len(errors) == 1 and "manifest needs a column named one of slug, file, doc" in str(errors[0])
    assert sorted(reports) == ["asad", "harir"] and reports["harir"].published is None
