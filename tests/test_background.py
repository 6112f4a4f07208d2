"""Background: attacks a report only recalls are listed, marked, and left out of counts by default.

The reports are written for these tests, with the facts of real attacks of early 2024.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import sitrep
from sitrep.cli import app
from sitrep.errors import UsageError
from sitrep.web import create_app

# One report tells the news (al-Tanf, Friday) and recalls Tower 22 five weeks earlier; the
# other tells the news of a strike on Ain al-Asad.
_REPORTS = {
    "tanf.txt": (
        "2024-03-02",
        "A drone struck the al-Tanf garrison in Syria on Friday, US officials said. The attack came weeks "
        "after the drone strike on Tower 22 in Jordan on January 28, which killed three US soldiers.",
    ),
    "asad.txt": (
        "2024-03-02",
        "Rockets were fired at the Ain al-Asad air base in western Iraq on Friday, the Pentagon said.",
    ),
}


def _ingested(folder: Path, db: str) -> str:
    folder.mkdir()
    rows = ["slug\tpublished"]
    for name, (published, text) in _REPORTS.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
        rows.append(f"{Path(name).stem}\t{published}")
    (folder / "SOURCES.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    sitrep.ingest([folder], db=db)
    return db


def test_background_is_listed_and_left_out_of_counts_unless_asked(db: str, tmp_path: Path) -> None:
    _ingested(tmp_path / "in", db)
    listed = sitrep.events(db)
    assert sorted((e.place_canonical, e.background) for e in listed) == [
        ("Ain al-Asad Air Base", False),
        ("Tower 22", True),
        ("al-Tanf garrison", False),
    ]
    assert [e.place_canonical for e in sitrep.events(db, background=True)] == ["Tower 22"]
    assert len(sitrep.events(db, background=False)) == 2
    assert sitrep.stats(db).total == 2
    assert dict(sitrep.stats(db).by["country"]) == {"IQ": 1, "SY": 1}
    assert sitrep.stats(db, with_background=True).total == 3


def test_the_cli_counts_without_background_and_lists_it_marked(sqlite_db: str, tmp_path: Path) -> None:
    _ingested(tmp_path / "in", sqlite_db)
    runner = CliRunner()
    counted = json.loads(runner.invoke(app, ["stats", "--db", sqlite_db, "-f", "json"]).stdout)
    everything = json.loads(runner.invoke(app, ["stats", "--db", sqlite_db, "-f", "json", "--with-background"]).stdout)
    assert (counted["total"], everything["total"]) == (2, 3)
    rows = json.loads(runner.invoke(app, ["events", "--db", sqlite_db, "-f", "json"]).stdout)
    assert sorted(r["background"] for r in rows) == [False, False, True]


def test_the_json_api_leaves_background_out_of_stats_and_filters_it(sqlite_db: str, tmp_path: Path) -> None:
    _ingested(tmp_path / "in", sqlite_db)
    client = TestClient(create_app(sqlite_db))
    assert client.get("/api/stats").json()["total"] == 2
    assert client.get("/api/stats", params={"with_background": "true"}).json()["total"] == 3
    assert client.get("/api/events").json()["total"] == 3
    assert client.get("/api/events", params={"background": "false"}).json()["total"] == 2
    (only,) = client.get("/api/events", params={"background": "true", "view": "map"}).json()["events"]
    assert "Tower 22" in only


def test_the_brief_marks_background_and_leaves_it_out_of_its_numbers(sqlite_db: str, tmp_path: Path) -> None:
    _ingested(tmp_path / "in", sqlite_db)
    html = sitrep.brief(tmp_path / "brief.html", db=sqlite_db).read_text(encoding="utf-8")
    assert "<b>2</b>distinct attacks" in html
    assert html.count('data-background="true"') == 1
    assert "1 background attacks" in html
    with_it = sitrep.brief(tmp_path / "all.html", db=sqlite_db, with_background=True).read_text(encoding="utf-8")
    assert "<b>3</b>distinct attacks" in with_it


def test_the_printed_brief_is_on_the_paper_asked_for_with_ids_and_links(sqlite_db: str, tmp_path: Path) -> None:
    _ingested(tmp_path / "in", sqlite_db)
    html_path = sitrep.brief(tmp_path / "b.html", db=sqlite_db, pdf=tmp_path / "a4.pdf")
    html = html_path.read_text(encoding="utf-8")
    assert "@page { size: A4;" in html and ".leaflet-control-container { display: none; }" in html
    assert all(f'<td class="id">{e.id}</td>' in html for e in sitrep.events(db=sqlite_db))
    sitrep.brief(tmp_path / "l.html", db=sqlite_db, pdf=tmp_path / "letter.pdf", paper="Letter")
    # PDF points: A4 is 595 x 842, US Letter 612 x 792.
    assert re.search(rb"/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]", (tmp_path / "a4.pdf").read_bytes())
    assert re.search(rb"/MediaBox \[0 0 612 792\]", (tmp_path / "letter.pdf").read_bytes())
    with pytest.raises(UsageError, match="paper must be one of A4, Letter"):
        sitrep.brief(tmp_path / "x.html", db=sqlite_db, paper="A3")
