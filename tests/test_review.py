"""Review: a coder's decisions on events, logged, and kept through re-fusion and new reports.

The reports are written for these tests, with the facts of real attacks of January 2024.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import sitrep
from sitrep.cli import app
from sitrep.errors import NotFoundError, UsageError
from sitrep.knowledge import load_knowledge
from sitrep.records import UNDATED_REASON
from sitrep.store import connect, fuse_block_in_store
from sitrep.web import create_app

from .web.conftest import TOKEN

_REPORTS = {
    # Two outlets tell the Tower 22 attack; the third tells it again a day later.
    "tower22-a.txt": (
        "2024-01-28",
        "A one-way attack drone struck Tower 22, a small US outpost in northeastern Jordan, on Sunday, "
        "killing three American soldiers, the US military said.",
    ),
    "tower22-b.txt": (
        "2024-01-28",
        "Three US service members were killed on Sunday when a drone hit Tower 22 in Jordan near the "
        "Syrian border, officials said.",
    ),
    # Two attacks on Ain al-Asad five days apart: two events of one fusion block.
    "asad-20.txt": (
        "2024-01-20",
        "Ballistic missiles and rockets were fired at Ain al-Asad air base in western Iraq on Saturday, "
        "wounding several US personnel, the Pentagon said.",
    ),
    "asad-25.txt": (
        "2024-01-25",
        "Drones targeted Ain al-Asad air base in Iraq's Anbar province on Thursday, a security source said.",
    ),
}
_LATER = (
    "2024-01-29",
    "The drone that struck Tower 22 in Jordan on Sunday killed three soldiers, the Pentagon said on Monday.",
)


def _write(folder: Path, reports: dict[str, tuple[str, str]]) -> Path:
    folder.mkdir(exist_ok=True)
    rows = ["slug\tpublished"]
    for name, (published, text) in reports.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
        rows.append(f"{Path(name).stem}\t{published}")
    (folder / "SOURCES.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _at(db: str, place: str, day: str | None = None) -> sitrep.Event:
    (found,) = [e for e in sitrep.events(db) if e.place_canonical == place and (day is None or e.date == day)]
    return found


@pytest.fixture
def reviewed_db(db: str, tmp_path: Path) -> str:
    sitrep.ingest([_write(tmp_path / "in", _REPORTS)], db=db)
    return db


def test_accept_reject_and_edits_are_logged_with_old_values(reviewed_db: str) -> None:
    db = reviewed_db
    tower = _at(db, "Tower 22")
    assert tower.review == "unreviewed" and len(tower.mention_keys) == 2
    assert sitrep.accept(tower.id, db=db, by="coder-a", note="checked against CENTCOM").review == "accepted"
    edited = sitrep.edit(tower.id, {"attacker": "Islamic Resistance in Iraq", "killed": "3"}, db=db, by="coder-a")
    assert (edited.attacker, edited.killed, edited.edited) == ("Islamic Resistance in Iraq", 3, ("attacker", "killed"))
    log = sitrep.review_log(tower.id, db=db)
    assert [(d.action, d.field, d.reviewer) for d in log] == [
        ("accept", None, "coder-a"),
        ("edit", "attacker", "coder-a"),
        ("edit", "killed", "coder-a"),
    ]
    assert log[1].old_value == '{"attacker": null}' and log[0].note == "checked against CENTCOM"
    asad = _at(db, "Ain al-Asad Air Base", "2024-01-20")
    assert sitrep.reject(asad.id, db=db, by="coder-b").review == "rejected"
    assert [e.id for e in sitrep.review_queue(db, state="rejected")] == [asad.id]
    assert tower.id in {e.id for e in sitrep.review_queue(db, state="accepted")}


def test_counts_leave_out_rejected_and_background_events_and_say_how_many(reviewed_db: str, tmp_path: Path) -> None:
    db = reviewed_db
    asad = _at(db, "Ain al-Asad Air Base", "2024-01-20")
    sitrep.reject(asad.id, db=db, by="coder-b")
    sitrep.edit(_at(db, "Ain al-Asad Air Base", "2024-01-25").id, {"background": "true"}, db=db)
    everything = len(sitrep.events(db))
    stats = sitrep.stats(db)
    assert (stats.total, stats.left_out) == (everything - 2, {"rejected": 1, "background": 1})
    assert sitrep.stats(db, with_rejected=True, with_background=True).total == everything
    assert [e.id for e in sitrep.events(db, rejected=True)] == [asad.id]
    printed = CliRunner().invoke(app, ["stats", "--db", db])
    assert printed.exit_code == 0
    assert "left out: 1 rejected (--with-rejected), 1 background (--with-background)" in printed.output
    brief = sitrep.brief(tmp_path / "brief.html", db=db)
    page = brief.read_text(encoding="utf-8")
    assert "1 events a coder rejected are left out" in page and asad.id not in page
    assert asad.id in sitrep.brief(tmp_path / "all.html", db=db, with_rejected=True).read_text(encoding="utf-8")


def test_exports_hold_every_event_but_the_rejected_and_carry_the_coders_notes(reviewed_db: str) -> None:
    db = reviewed_db
    tower, asad = _at(db, "Tower 22"), _at(db, "Ain al-Asad Air Base", "2024-01-20")
    sitrep.accept(tower.id, db=db, note="two outlets, one attack")
    sitrep.reject(asad.id, db=db, note="no such strike")
    by_default = sitrep.export("acled-csv", db=db, columns="acled+sitrep")
    assert isinstance(by_default, str)
    rows = {row["sitrep_event_id"]: row for row in csv.DictReader(io.StringIO(by_default))}
    assert asad.id not in rows and len(rows) == len(sitrep.events(db)) - 1
    assert "Coder: two outlets, one attack." in rows[tower.id]["notes"]
    assert rows[tower.id]["sitrep_review"] == "accepted"
    accepted = sitrep.export("jsonl", db=db, status="accepted")
    assert isinstance(accepted, str)
    assert [json.loads(line)["id"] for line in accepted.splitlines()] == [tower.id]
    everything = sitrep.export("geojson", db=db, status="all")
    assert isinstance(everything, str)
    reviewed = {f["properties"]["id"]: f["properties"]["review"] for f in json.loads(everything)["features"]}
    assert reviewed[asad.id] == "rejected" and len(reviewed) == len(sitrep.events(db))
    refused = CliRunner().invoke(app, ["export", "-f", "jsonl", "--status", "checked", "--db", db])
    assert refused.exit_code == 2 and "unknown review state checked" in refused.output


def test_a_weapons_edit_re_types_the_event_and_the_type_survives_refusion(reviewed_db: str) -> None:
    db = reviewed_db
    tower = _at(db, "Tower 22")
    assert (tower.weapons, tower.sub_event_type) == (("drone",), "Air/drone strike")
    edited = sitrep.edit(tower.id, {"weapons": "rocket"}, db=db, by="coder-a")
    assert (edited.weapons, edited.event_type, edited.sub_event_type) == (
        ("rocket",),
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    )
    sitrep.ingest([], db=db)  # fusing again applies the decision again
    again = _at(db, "Tower 22")
    assert (again.weapons, again.sub_event_type) == (("rocket",), "Shelling/artillery/missile attack")


def test_decisions_survive_new_reports_and_refusion(reviewed_db: str, tmp_path: Path) -> None:
    db = reviewed_db
    tower = _at(db, "Tower 22")
    sitrep.accept(tower.id, db=db)
    sitrep.edit(tower.id, {"date": "2024-01-28", "place": "31.8,38.6"}, db=db)
    split_key = tower.mention_keys[1]
    sitrep.split(tower.id, split_key, db=db)
    asad = [e for e in sitrep.events(db) if e.place_canonical == "Ain al-Asad Air Base"]
    merged = sitrep.merge(asad[0].id, asad[1].id, db=db)
    assert len(merged.mention_keys) == 2
    # Ingesting the same reports again, and a new one, fuses the blocks again.
    sitrep.ingest([tmp_path / "in", _write(tmp_path / "later", {"later.txt": _LATER})], db=db)
    kept = [e for e in sitrep.events(db) if set(e.mention_keys) & set(tower.mention_keys)]
    main = next(e for e in kept if split_key not in e.mention_keys)
    alone = next(e for e in kept if split_key in e.mention_keys)
    assert alone.mention_keys == (split_key,)
    assert (main.lat, main.lon, main.edited) == (31.8, 38.6, ("date", "place"))
    assert main.review == "changed"  # accepted, and a report joined since
    assert len([e for e in sitrep.events(db) if e.place_canonical == "Ain al-Asad Air Base"]) == 1


# Ten reports of the US strikes of 2 February 2024 in Iraq's Anbar province: the fusion
# block of the Ain al-Asad attacks, but other attacks.
_ANBAR_STRIKES = {
    f"anbar-{n}.txt": ("2024-02-03", text)
    for n, text in enumerate(
        (
            "US bombers struck militia sites near al-Qaim in Iraq's Anbar province on Friday, US Central Command said.",
            "American B-1 bombers hit targets around al-Qaim near the Syrian border on Friday night, officials said.",
            "The US strikes on Friday hit command centres of the Quds Force near al-Qaim in western Iraq.",
            "Warplanes bombed a weapons depot on the edge of al-Qaim on Friday, a local official told reporters.",
            "Residents of al-Qaim said US air strikes shook the town late on Friday.",
            "Airstrikes hit a militia compound in al-Qaim in Anbar province on Friday, a security source said.",
            "US warplanes struck a weapons store near Akashat in western Iraq on Friday, the Pentagon said.",
            "Strikes on Friday destroyed a militia base near Akashat in Anbar province, an Iraqi official said.",
            "The US military said on Saturday that its aircraft had bombed sites around Akashat on Friday.",
            "An air strike hit a supply depot of Kataib Hezbollah near Akashat on Friday, a security source said.",
        ),
        1,
    )
}


def _fuse_everything(db: str) -> None:
    """Fuse every block of the database again, as a full re-fusion does."""
    engine = connect(db, existing=True)
    kb = load_knowledge()
    for block in sorted({e.block for e in sitrep.events(db)}):
        fuse_block_in_store(engine, block, kb)
    engine.dispose()


def test_a_rejected_event_stays_rejected_through_re_ingest_and_ten_reports_of_its_block(
    reviewed_db: str, tmp_path: Path
) -> None:
    db = reviewed_db
    asad = _at(db, "Ain al-Asad Air Base", "2024-01-20")
    sitrep.reject(asad.id, db=db, note="no such attack")
    sitrep.ingest([tmp_path / "in"], db=db)
    sitrep.ingest([_write(tmp_path / "anbar", _ANBAR_STRIKES)], db=db)
    _fuse_everything(db)
    in_block = [e for e in sitrep.events(db) if e.block == asad.block]
    assert {e.place_canonical for e in in_block} >= {"Al-Qaim", "Akashat", "Ain al-Asad Air Base"}
    (rejected,) = [e for e in in_block if e.review == "rejected"]
    assert (rejected.id, rejected.mention_keys) == (asad.id, asad.mention_keys)
    assert sitrep.stats(db).left_out["rejected"] == 1


@pytest.mark.parametrize("order", [(0, 1, 2, 3), (3, 2, 1, 0), (2, 0, 3, 1)])
def test_a_merge_and_a_split_survive_a_full_re_fusion_in_any_ingest_order(
    db: str, tmp_path: Path, order: tuple[int, ...]
) -> None:
    names = list(_REPORTS)
    for n in order:
        sitrep.ingest([_write(tmp_path / f"in-{n}", {names[n]: _REPORTS[names[n]]})], db=db)
    tower = _at(db, "Tower 22")
    split_key = sorted(tower.mention_keys)[1]
    sitrep.split(tower.id, split_key, db=db)
    first, second = sorted((e for e in sitrep.events(db) if e.place_canonical == "Ain al-Asad Air Base"),
                           key=lambda e: e.date or "")  # fmt: skip
    sitrep.merge(first.id, second.id, db=db)
    for n in reversed(order):
        sitrep.ingest([tmp_path / f"in-{n}"], db=db)
    sitrep.ingest([_write(tmp_path / "later", {"later.txt": _LATER})], db=db)
    _fuse_everything(db)
    at_tower = [e for e in sitrep.events(db) if e.place_canonical == "Tower 22"]
    assert (split_key,) in [e.mention_keys for e in at_tower] and len(at_tower) == 2
    (asad,) = [e for e in sitrep.events(db) if e.place_canonical == "Ain al-Asad Air Base"]
    assert set(asad.mention_keys) == set(first.mention_keys) | set(second.mention_keys)


def test_an_edit_is_in_every_export_and_in_the_log_with_its_old_value(reviewed_db: str, tmp_path: Path) -> None:
    db = reviewed_db
    tower = _at(db, "Tower 22")
    sitrep.edit(tower.id, {"attacker": "Kataib Hezbollah"}, db=db, by="coder-a")
    (logged,) = sitrep.review_log(tower.id, db=db)
    assert (logged.field, logged.old_value, logged.reviewer) == (
        "attacker", json.dumps({"attacker": tower.attacker}), "coder-a"
    )  # fmt: skip
    acled = sitrep.export("acled-csv", db=db, columns="acled+sitrep")
    assert isinstance(acled, str)
    (row,) = [r for r in csv.DictReader(io.StringIO(acled)) if r["sitrep_event_id"] == tower.id]
    assert (row["actor1"], row["sitrep_edited"]) == ("Kataib Hizbullah", "attacker")  # ACLED's name for it
    geojson = sitrep.export("geojson", db=db)
    assert isinstance(geojson, str)
    (feature,) = [f for f in json.loads(geojson)["features"] if f["properties"]["id"] == tower.id]
    assert (feature["properties"]["attacker"], feature["properties"]["edited"]) == ("Kataib Hezbollah", ["attacker"])
    lines = sitrep.export("jsonl", db=db)
    assert isinstance(lines, str)
    (line,) = [json.loads(x) for x in lines.splitlines() if json.loads(x)["id"] == tower.id]
    assert (line["attacker"], line["edited"]) == ("Kataib Hezbollah", ["attacker"])
    sitrep.export("parquet", tmp_path / "pq", db=db)
    table = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    (stored,) = [r for r in table if r["id"] == tower.id]
    assert stored["attacker"] == "Kataib Hezbollah" and "attacker" in stored["edited"]


# A group's claim places the Tower 22 attack at al-Tanf, across the border in Syria: the
# same attack, in another country's fusion block.
_CLAIMED_AT_TANF = {
    "tanf-claim.txt": (
        "2024-01-28",
        "The Islamic Resistance in Iraq said its drones struck the al-Tanf base in Syria on Sunday.",
    )
}


@pytest.mark.parametrize("claim_first", [False, True])
def test_a_merge_across_two_fusion_blocks_holds_through_new_reports_and_refusion(
    db: str, tmp_path: Path, claim_first: bool
) -> None:
    tower_in = _write(tmp_path / "tower", {k: v for k, v in _REPORTS.items() if k.startswith("tower22")})
    claim_in = _write(tmp_path / "claim", _CLAIMED_AT_TANF)
    sitrep.ingest([claim_in, tower_in] if claim_first else [tower_in, claim_in], db=db)
    tower, tanf = _at(db, "Tower 22"), _at(db, "al-Tanf garrison")
    assert tower.country != tanf.country
    merged = sitrep.merge(tower.id, tanf.id, db=db, by="coder-a", note="one attack, claimed at al-Tanf")
    assert set(merged.mention_keys) == {*tower.mention_keys, *tanf.mention_keys}
    assert [e.place_canonical for e in sitrep.events(db)] == ["Tower 22"]
    # the same reports again, a new one of the attack, and a fusion of every block
    sitrep.ingest([tower_in, claim_in, _write(tmp_path / "later", {"later.txt": _LATER})], db=db)
    engine = connect(db, existing=True)
    for block in (tower.block, tanf.block):
        fuse_block_in_store(engine, block, load_knowledge())
    engine.dispose()
    (event,) = sitrep.events(db)
    assert set(merged.mention_keys) < set(event.mention_keys)
    assert [d.action for d in sitrep.review_log(event.id, db=db)] == ["merge"]


def test_wrong_decisions_are_one_clear_error(reviewed_db: str) -> None:
    db = reviewed_db
    tower = _at(db, "Tower 22")
    asad = _at(db, "Ain al-Asad Air Base", "2024-01-20")
    with pytest.raises(NotFoundError, match="no such event"):
        sitrep.accept("ev-000000000000", db=db)
    with pytest.raises(UsageError, match="cannot edit 'sources'"):
        sitrep.edit(tower.id, {"sources": "4"}, db=db)
    with pytest.raises(UsageError, match="unknown weapon 'spears'"):
        sitrep.edit(tower.id, {"weapons": "drone,spears"}, db=db)
    with pytest.raises(UsageError, match="under a week"):
        sitrep.edit(tower.id, {"date": "2024-01-01..2024-01-28"}, db=db)
    with pytest.raises(UsageError, match="is not a mention of"):
        sitrep.split(tower.id, asad.mention_keys[0], db=db)
    with pytest.raises(UsageError, match="unknown review state"):
        sitrep.review_queue(db, state="maybe")
    assert sitrep.review_log(tower.id, db=db) == []


def test_the_command_line_mirrors_the_api(reviewed_db: str) -> None:
    tower = _at(reviewed_db, "Tower 22")

    def review(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "sitrep", "review", *args, "--db", reviewed_db]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    done = review("edit", tower.id, "target=US forces", "claim=confirmed", "--by", "coder-c")
    assert done.returncode == 0 and done.stdout.strip() == f"{tower.id}: unreviewed, edited: claim, target"
    refused = review("edit", tower.id, "claim=maybe")
    assert refused.returncode == 2 and refused.stderr.strip().startswith("error: claim must be one of")
    assert "Traceback" not in refused.stderr
    log = review("log", tower.id, "--format", "csv")
    assert log.returncode == 0 and "coder-c" in log.stdout and "confirmed" in log.stdout


def test_the_json_api_takes_decisions_with_the_token(reviewed_db: str) -> None:
    tower = _at(reviewed_db, "Tower 22")
    client = TestClient(create_app(reviewed_db, token=TOKEN))
    path = f"/api/events/{tower.id}/decisions"
    assert client.post(path, json={"action": "accept"}).status_code == 401
    answer = client.post(path, json={"action": "accept", "by": "web"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200 and answer.json()["event"]["review"] == "accepted"
    bad = client.post(
        path, json={"action": "edit", "changes": {"killed": "x"}}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert bad.status_code == 400 and "whole number" in bad.json()["error"]
    log = client.get(f"/api/events/{tower.id}/log").json()["decisions"]
    assert [(d["action"], d["reviewer"]) for d in log] == [("accept", "web")]
    assert TestClient(create_app(reviewed_db)).post(path, json={"action": "accept"}).status_code in (404, 405)


# Rockets on Ain al-Asad "in early January": a window of ten days, no event until a coder gives the day.
_VAGUE = {
    "vague.txt": (
        "2024-02-10",
        "Rockets hit the Ain al-Asad air base in western Iraq in early January, officials said. "
        "A drone struck the al-Tanf garrison in Syria on Friday.",
    )
}


def test_an_attack_with_no_day_waits_in_the_unresolved_queue_until_a_coder_gives_one(db: str, tmp_path: Path) -> None:
    folder = _write(tmp_path / "vague", _VAGUE)
    sitrep.ingest([folder], db=db)
    assert [e.place_canonical for e in sitrep.events(db)] == ["al-Tanf garrison"]
    (waiting,) = sitrep.unresolved(db)
    assert (waiting.reason, waiting.time_precision, waiting.mention.place_canonical) == (
        "no day within a week",
        2,
        "Ain al-Asad Air Base",
    )
    assert (waiting.mention.date_earliest, waiting.mention.date_latest) == ("2024-01-01", "2024-01-10")
    with pytest.raises(UsageError, match="day must be a date"):
        sitrep.resolve(waiting.key, "early January", db=db)
    with pytest.raises(NotFoundError):
        sitrep.resolve("nosuch:c1", "2024-01-04", db=db)
    event = sitrep.resolve(waiting.key, "2024-01-04", db=db, by="coder-a", note="CENTCOM release")
    assert (event.place_canonical, event.date) == ("Ain al-Asad Air Base", "2024-01-04")
    assert sitrep.unresolved(db) == []
    with pytest.raises(UsageError, match="already resolved"):
        sitrep.resolve(waiting.key, "2024-01-05", db=db)
    (logged,) = sitrep.review_log(event.id, db=db)
    assert (logged.action, logged.reviewer, logged.old_value) == (
        "resolve",
        "coder-a",
        '{"date_earliest": "2024-01-01", "date_latest": "2024-01-10"}',
    )
    (mention, _), *_ = sitrep.event(event.id, db=db).mentions
    assert mention.inferred["date"].startswith("given by a coder (coder-a)")
    sitrep.ingest([folder], db=db)  # the report again: nothing doubles
    assert sorted(e.place_canonical for e in sitrep.events(db)) == ["Ain al-Asad Air Base", "al-Tanf garrison"]
    assert sitrep.unresolved(db) == []


def test_an_attack_of_a_report_of_unknown_day_waits_in_the_queue_and_a_coder_dates_it(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "undated"
    folder.mkdir()
    text = "A drone struck the al-Tanf garrison in southern Syria on Friday, a US official said."
    (folder / "undated.txt").write_text(text + "\n", encoding="utf-8")
    sitrep.ingest([folder], db=db)
    assert sitrep.events(db) == []
    (waiting,) = sitrep.unresolved(db)
    assert (waiting.reason, waiting.mention.place_canonical, waiting.mention.date) == (
        UNDATED_REASON,
        "al-Tanf garrison",
        None,
    )
    event = sitrep.resolve(waiting.key, "2024-01-26", db=db, by="coder-a")
    assert (event.place_canonical, event.date) == ("al-Tanf garrison", "2024-01-26")
    (mention, _), *_ = sitrep.event(event.id, db=db).mentions
    assert mention.inferred["date"] == "given by a coder (coder-a); the text allows no day"
    assert sitrep.unresolved(db) == []


_PROVINCE_ONLY = {
    # The lead places the attack only in a province; another outlet names the base.
    "hasakah-lead.txt": (
        "2024-01-16",
        "Drones attacked a base housing US forces in Syria's Hasakah province on Monday, a war monitor said.",
    ),
    "shaddadi.txt": (
        "2024-01-16",
        "A drone struck the al-Shaddadi base in northeastern Syria on Monday, the Syrian Observatory said.",
    ),
}


def test_an_attack_placed_only_in_a_province_waits_until_a_coder_places_it(db: str, tmp_path: Path) -> None:
    sitrep.ingest([_write(tmp_path / "province", _PROVINCE_ONLY)], db=db)
    (event,) = sitrep.events(db)
    (waiting,) = sitrep.unresolved(db)
    assert (waiting.reason, waiting.time_precision) == ("placed only to a province", 1)
    assert (waiting.mention.place_canonical, waiting.mention.geo_precision) == ("Al-Hasakah", 3)
    with pytest.raises(UsageError, match="still be placed only to a province: give its place"):
        sitrep.resolve(waiting.key, "2024-01-15", db=db)
    with pytest.raises(UsageError, match="is a province"):
        sitrep.resolve(waiting.key, place="Hasakah province", db=db)
    with pytest.raises(UsageError, match="no gazetteer place"):
        sitrep.resolve(waiting.key, place="Nowhere-on-the-map", db=db)
    placed = sitrep.resolve(waiting.key, place="al-Shaddadi", db=db, by="coder-b")
    # placed by the coder, it fuses with the other outlet's report of the attack
    assert (placed.place_canonical, len(placed.mention_keys)) == ("al-Shaddadi", 2)
    assert [e.id for e in sitrep.events(db)] == [placed.id] and set(event.mention_keys) < set(placed.mention_keys)
    assert sitrep.unresolved(db) == []
    (logged,) = sitrep.review_log(placed.id, db=db)
    assert (logged.field, json.loads(logged.old_value)["place"]) == ("place", "Hasakah province")
    told = {m.report_id: m for m, _ in sitrep.event(placed.id, db=db).mentions}
    (given,) = [m for m in told.values() if "place" not in m.spans]
    assert given.inferred["place"] == "given by a coder (coder-b); the text names Hasakah province (Al-Hasakah)"
    assert given.date == "2024-01-15"  # its day is still the text's


def test_a_coder_places_an_attack_by_coordinates_through_the_cli(sqlite_db: str, tmp_path: Path) -> None:
    lead = {"hasakah-lead.txt": _PROVINCE_ONLY["hasakah-lead.txt"]}
    sitrep.ingest([_write(tmp_path / "lead", lead)], db=sqlite_db)
    (waiting,) = sitrep.unresolved(sqlite_db)
    runner = CliRunner()
    neither = runner.invoke(app, ["review", "resolve", waiting.key, "--db", sqlite_db])
    assert neither.exit_code != 0 and "give the attack's day, its place, or both" in neither.output
    done = runner.invoke(app, ["review", "resolve", waiting.key, "--place", "36.06,40.83", "--db", sqlite_db])
    assert done.exit_code == 0, done.output
    (event,) = sitrep.events(sqlite_db)
    assert (event.lat, event.lon, event.country, event.date) == (36.06, 40.83, "SY", "2024-01-15")


def test_a_coder_places_an_attack_through_the_json_api(sqlite_db: str, tmp_path: Path) -> None:
    sitrep.ingest([_write(tmp_path / "province", _PROVINCE_ONLY)], db=sqlite_db)
    client = TestClient(create_app(sqlite_db, token=TOKEN))
    (waiting,) = client.get("/api/unresolved").json()["unresolved"]
    assert (waiting["reason"], waiting["mention"]["geo_precision"]) == ("placed only to a province", 3)
    url = f"/api/unresolved/{waiting['key']}/resolve"
    assert client.post(url, json={"place": "al-Shaddadi"}).status_code == 401
    done = client.post(url, json={"place": "al-Shaddadi"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert done.status_code == 200 and done.json()["event"]["place_canonical"] == "al-Shaddadi"
    assert len(done.json()["event"]["mention_keys"]) == 2


_TALLIES = {
    # A campaign's tally and a Gaza toll in one report (facts of November 2023).
    "tallies.txt": (
        "2023-11-21",
        "A drone struck the al-Tanf garrison in Syria on Monday, officials said. US forces in Iraq and Syria "
        "have been attacked at least 66 times since October 17, a Pentagon spokesman said on Monday. Gaza's "
        "health ministry says more than 13,000 people have been killed in the Gaza Strip since October 7.",
    ),
}


def _figure_keys(db: str) -> dict[str, str]:
    return {f.metric: str(f.key) for s in sitrep.figures(db) for f in s.figures}


def test_a_coder_rejects_and_re_assigns_figures_and_it_holds_through_re_ingest(db: str, tmp_path: Path) -> None:
    folder = _write(tmp_path / "tallies", _TALLIES)
    sitrep.ingest([folder], db=db)
    keys = _figure_keys(db)
    assert sorted(keys) == ["attacks", "killed"]
    with pytest.raises(NotFoundError):
        sitrep.review_figure("nosuch:f1", "accept", db=db)
    with pytest.raises(UsageError, match="cannot edit a figure's 'place'"):
        sitrep.review_figure(keys["killed"], "edit", changes={"place": "Gaza"}, db=db)
    assert [c.figure.value for c in sitrep.stats(db).coverage] == [66]
    toll = sitrep.review_figure(keys["killed"], "edit", changes={"subject": "Palestinians in Gaza"}, db=db, by="c")
    assert (toll.subject, toll.edited, toll.review) == ("Palestinians in Gaza", ("subject",), "unreviewed")
    rejected = sitrep.review_figure(keys["attacks"], "reject", note="the tally of another outlet", db=db)
    assert rejected.review == "rejected"
    sitrep.ingest([folder], db=db)  # the report again: the decisions hold
    series = sitrep.figures(db)
    assert [(s.metric, s.subject) for s in series] == [("killed", "Palestinians in Gaza")]
    assert [(d.action, d.field, d.old_value) for d in sitrep.figure_log(keys["killed"], db=db)] == [
        ("edit", "subject", json.dumps({"subject": "13,000 people have been killed in the Gaza Strip since October 7"}))
    ]
    assert sitrep.stats(db).coverage == []  # a rejected tally leaves the coverage lines


def test_figures_are_reviewed_through_the_cli_and_the_json_api(sqlite_db: str, tmp_path: Path) -> None:
    sitrep.ingest([_write(tmp_path / "tallies", _TALLIES)], db=sqlite_db)
    keys = _figure_keys(sqlite_db)
    runner = CliRunner()
    done = runner.invoke(app, ["review", "accept", keys["attacks"], "--db", sqlite_db])
    assert done.exit_code == 0 and done.output.strip() == f"{keys['attacks']}: accepted"
    bad = runner.invoke(app, ["review", "edit", keys["attacks"], "value=many", "--db", sqlite_db])
    assert bad.exit_code != 0 and "value must be a number" in bad.output and "Traceback" not in bad.output
    logged = json.loads(runner.invoke(app, ["review", "log", keys["attacks"], "--db", sqlite_db, "-f", "json"]).stdout)
    assert [row["action"] for row in logged] == ["accept"]
    client = TestClient(create_app(sqlite_db, token=TOKEN))
    url = f"/api/figures/{keys['killed']}/decisions"
    assert client.post(url, json={"action": "reject"}).status_code == 401
    answer = client.post(url, json={"action": "reject"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200 and answer.json()["figure"]["review"] == "rejected"
    shown = [f["key"] for s in client.get("/api/figures").json()["series"] for f in s["figures"]]
    assert shown == [keys["attacks"]]


def test_the_queue_through_the_cli_and_the_json_api(sqlite_db: str, tmp_path: Path) -> None:
    sitrep.ingest([_write(tmp_path / "vague", _VAGUE)], db=sqlite_db)
    runner = CliRunner()
    listed = json.loads(
        runner.invoke(app, ["review", "list", "--state", "unresolved", "--db", sqlite_db, "-f", "json"]).stdout
    )
    (row,) = listed
    assert (row["reason"], row["window"]) == ("no day within a week", "2024-01-01..2024-01-10")
    client = TestClient(create_app(sqlite_db, token=TOKEN))
    (waiting,) = client.get("/api/unresolved").json()["unresolved"]
    assert waiting["key"] == row["key"]
    refused = client.post(f"/api/unresolved/{row['key']}/resolve", json={"day": "2024-01-04"})
    assert refused.status_code == 401
    done = client.post(
        f"/api/unresolved/{row['key']}/resolve",
        json={"day": "2024-01-04"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert done.status_code == 200 and done.json()["event"]["date"] == "2024-01-04"
    assert client.get("/api/unresolved").json()["unresolved"] == []
    bad = runner.invoke(app, ["review", "resolve", row["key"], "2024-01-05", "--db", sqlite_db])
    assert bad.exit_code != 0 and "already resolved" in bad.output and "Traceback" not in bad.output
