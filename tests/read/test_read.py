"""Reading reports: every format, and every kind of bad input as one clear error."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.read import read_bytes, read_reports
from sitrep.records import Report


def _read_all(*paths: str | Path) -> tuple[list[Report], list[InputError]]:
    reports, errors = [], []
    for item in read_reports(paths):
        (errors if isinstance(item, InputError) else reports).append(item)
    return reports, errors  # type: ignore[return-value]


def test_text_dateline_becomes_published_and_leaves_the_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(" date 2023-10-18\nDrones struck the Harir air base on Wednesday.\n", encoding="utf-8")
    (report,), errors = _read_all(path)
    assert errors == []
    assert report.published == "2023-10-18"
    assert report.published_basis == "dateline"
    assert report.text == "Drones struck the Harir air base on Wednesday."


def test_dateline_before_the_title_on_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text(" date 2023-12-15 Bases targeted again\nBody.", encoding="utf-8")
    (report,), _ = _read_all(path)
    assert report.published == "2023-12-15"
    assert report.text.startswith("Bases targeted again")


def test_text_without_dateline_has_unknown_publication(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("A drone hit the base.", encoding="utf-8")
    (report,), _ = _read_all(path)
    assert report.published is None
    assert report.published_basis == "unknown"


def test_report_id_is_stable_across_whitespace(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A drone hit  the base.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("A drone hit the base.", encoding="utf-8")
    reports, _ = _read_all(tmp_path / "a.txt", tmp_path / "b.txt")
    assert reports[0].id == reports[1].id


def test_html_keeps_body_title_url_and_the_hour_of_publication(samples: Path) -> None:
    (report,), _ = _read_all(samples / "us-retaliation-feb2.html")
    assert report.title == "US bombers strike dozens of targets in Iraq and Syria"
    assert report.url == "https://samples.sitrep.invalid/2024/02/03/us-strikes-iraq-syria"
    assert report.published == "2024-02-03T06:30:00+00:00"
    assert "Abu Kamal" in report.text
    assert "Home | World" not in report.text


def test_jsonl_reads_each_line_with_its_metadata(samples: Path) -> None:
    reports, errors = _read_all(samples / "red-sea.jsonl")
    assert errors == []
    assert [r.published for r in reports] == ["2024-01-27", "2024-01-12", "2024-01-06"]
    assert reports[0].source == "Sample Wire"
    assert reports[0].doc.endswith("red-sea.jsonl:1")


def test_jsonl_broken_line_is_named_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"text": "first report"}\n{"text": broken\n\n{"text": "third report"}\n', encoding="utf-8")
    reports, errors = _read_all(path)
    assert [r.text for r in reports] == ["first report", "third report"]
    assert len(errors) == 1
    assert str(errors[0]).startswith(f"{path}:2: not valid JSON")


def test_jsonl_line_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"title": "no body"}\n[1, 2]\n', encoding="utf-8")
    _, errors = _read_all(path)
    assert [str(e) for e in errors] == [f"{path}:1: no 'text' field", f"{path}:2: not a JSON object"]


def test_jsonl_metadata_is_checked_field_by_field(tmp_path: Path) -> None:
    text = "Two drones struck the Harir air base on Wednesday."
    lines = [
        {"text": text, "published": 20231018},
        {"text": text + " Two.", "published": "x" * 100},
        {"text": text + " Three.", "source": {"a": 1}},
        {"text": text + " Four.", "title": "t" * 2000},
        {"text": text + " Five.", "published": "2023-10-18T09:30:00Z", "source": "Wire"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    reports, errors = _read_all(path)
    assert [(r.published, r.source) for r in reports] == [("2023-10-18T09:30:00Z", "Wire")]
    assert [str(e) for e in errors] == [
        f"{path}:1: field 'published' must be a date such as 2023-10-18, not 20231018",
        f"{path}:2: field 'published' must be a date such as 2023-10-18, not '{'x' * 39}...",
        f"{path}:3: field 'source' must be a string, not dict",
        f"{path}:4: field 'title' is over 1000 characters",
    ]


def test_feed_entries_become_reports_with_utc_dates(samples: Path) -> None:
    reports, errors = _read_all(samples / "israel-lebanon-syria.rss")
    assert errors == []
    assert len(reports) == 2
    assert reports[0].published == "2024-01-02T20:40:00+00:00"
    assert reports[0].source == "Sample Wire: Levant"
    assert "<p>" not in reports[0].text
    assert reports[1].title.startswith("Iran says Israeli strike")


def test_directory_is_read_recursively(tmp_path: Path) -> None:
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "x.txt").write_text("A report.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a report", encoding="utf-8")
    reports, errors = _read_all(tmp_path)
    assert [Path(r.doc).name for r in reports] == ["x.txt"]
    assert errors == []


def test_missing_path_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    _, (error,) = _read_all(missing)
    assert str(error) == f"{missing}: no such file or directory"


def test_binary_and_empty_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    reports, errors = _read_all(tmp_path)
    assert reports == []
    assert sorted(str(e) for e in errors) == [
        f"{tmp_path / 'blank.txt'}: empty file",
        f"{tmp_path / 'blob.txt'}: binary file, not a report",
        f"{tmp_path / 'empty.txt'}: empty file",
    ]


def test_utf16_text_is_decoded_with_or_without_its_byte_order_mark(tmp_path: Path) -> None:
    text = (
        "Drones hit the Harir air base \u2013 officials said \u201cno casualties\u201d, \u0623\u0631\u0628\u064a\u0644."
    )
    for name, data in (
        ("bom.txt", text.encode("utf-16")),
        ("le.txt", text.encode("utf-16-le")),
        ("be.txt", text.encode("utf-16-be")),
    ):
        (tmp_path / name).write_bytes(data)
    reports, errors = _read_all(tmp_path)
    assert errors == [] and [r.text for r in reports] == [text] * 3


def test_pipes_and_devices_are_skipped_with_a_line(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "real.txt").write_text("Two drones struck the Harir air base on Wednesday.", encoding="utf-8")
    reports, errors = _read_all(tmp_path, tmp_path / "pipe.txt")
    assert [Path(r.doc).name for r in reports] == ["real.txt"]
    skipped = "not a regular file (a pipe, device or socket), skipped"
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'pipe.txt'}: {skipped}",
        f"{tmp_path / 'zero.txt'}: {skipped}",
        f"{tmp_path / 'pipe.txt'}: {skipped}",
    ]


def test_cp1252_text_is_decoded_with_a_warning(tmp_path: Path, caplog: object) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Drones hit the base \u2013 officials said \u201cno casualties\u201d.".encode("cp1252"))
    with caplog.at_level(logging.WARNING):  # type: ignore[attr-defined]
        (report,), _ = _read_all(path)
    assert "\u2013" in report.text
    assert f"{path}: not UTF-8, decoded as cp1252" in caplog.text  # type: ignore[attr-defined]


def test_malformed_feed_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>x</title><item><title>unclosed", encoding="utf-8")
    reports, errors = _read_all(path)
    assert len(reports) + len(errors) >= 1
    assert all(str(e).startswith(str(path)) for e in errors)


def test_html_without_article_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>t</title></head><body><div></div></body></html>", encoding="utf-8")
    _, (error,) = _read_all(path)
    assert str(error) == f"{path}: no article text found in HTML"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["text", "html", "jsonl", "feed"]))
def test_read_never_raises_anything_but_input_error(data: bytes, kind: str) -> None:
    try:
        for item in read_bytes(data, doc="fuzz", kind=kind):
            assert isinstance(item, Report | InputError)
    except InputError:
        pass


def test_html_json_ld_publication_time_keeps_its_hour(tmp_path: Path) -> None:
    path = tmp_path / "ld.html"
    path.write_text(
        "<html><head><title>t</title><script type='application/ld+json'>"
        '{"@type": "NewsArticle", "datePublished": "2024-01-28T23:10:00+03:00"}</script></head>'
        "<body><article><p>A drone struck the Tower 22 outpost in Jordan on Sunday, killing three soldiers, officials said.</p>"
        "<p>It was the first deadly attack on US troops in the region since October.</p></article></body></html>",
        encoding="utf-8",
    )
    (report,), _ = _read_all(path)
    assert (report.published, report.published_basis) == ("2024-01-28T23:10:00+03:00", "metadata")
