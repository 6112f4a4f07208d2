"""Fusion: one event per real attack across reports, stable ids, incremental by block."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

import sitrep
from sitrep.api import event_ids, jsonl, prediction_lines

from .conftest import SCORER, SHARED, count_rows

SAME_ATTACK = {
    "wire.jsonl": '{"text": "Two drones struck the Harir air base in Erbil province on Wednesday, a Kurdish security source said.", "published": "2023-10-18", "source": "Wire A"}',
    "local.jsonl": '{"text": "The al-Harir airbase north of Irbil was hit by an explosive-laden UAV at noon on October 18, officials said.", "published": "2023-10-19", "source": "Paper B"}',
    "claims.jsonl": '{"text": "Tashkil al-Waritheen claimed that its drone struck Harir Base in northern Iraq yesterday.", "published": "2023-10-19", "source": "Channel C"}',
}
NEXT_DAY = {
    "day1.jsonl": '{"text": "Rockets hit the Ain al-Asad air base in Anbar province on Monday, a security source said.", "published": "2023-10-30", "source": "Wire A"}',
    "day2.jsonl": '{"text": "Drones targeted the Ain al-Asad air base in Anbar province on Tuesday, officials said.", "published": "2023-10-31", "source": "Wire A"}',
}


def _write(folder: Path, files: dict[str, str]) -> list[Path]:
    paths = []
    for name, line in files.items():
        path = folder / name
        path.write_text(line + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_three_outlets_telling_one_attack_make_one_event(db: str, tmp_path: Path) -> None:
    sitrep.ingest(_write(tmp_path, SAME_ATTACK), db=db)
    (event,) = sitrep.events(db)
    assert (event.place_canonical, event.date, event.sources, event.reports) == ("Harir Air Base", "2023-10-18", 3, 3)
    assert event.weapons == ("drone",)
    # One outlet carries the group's claim, another the Pentagon's confirmation: the claim wins (GOLD.md).
    assert event.claim == "claimed" and event.claimed_by == ("Tashkil al-Waritheen",)
    detail = sitrep.event(event.id, db)
    assert sorted(r.source for _, r in detail.mentions) == ["Channel C", "Paper B", "Wire A"]  # type: ignore[type-var]


def test_two_attacks_on_one_base_on_consecutive_days_are_two_events(db: str, tmp_path: Path) -> None:
    sitrep.ingest(_write(tmp_path, NEXT_DAY), db=db)
    events = sitrep.events(db)
    assert [(e.place_canonical, e.date) for e in events] == [
        ("Ain al-Asad Air Base", "2023-10-30"),
        ("Ain al-Asad Air Base", "2023-10-31"),
    ]


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_any_ingest_order_gives_the_same_events_and_ids(order: tuple[int, ...], tmp_path: Path) -> None:
    paths = _write(tmp_path, {**SAME_ATTACK})
    reference_db, permuted_db = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    sitrep.ingest(paths, db=reference_db)
    for n in order:
        sitrep.ingest([paths[n]], db=permuted_db)
    assert [(e.id, e.mention_keys) for e in sitrep.events(permuted_db)] == [
        (e.id, e.mention_keys) for e in sitrep.events(reference_db)
    ]


def test_ingesting_a_report_refuses_only_its_blocks(db: str, tmp_path: Path) -> None:
    sitrep.ingest(_write(tmp_path, SAME_ATTACK), db=db)
    before = {e.id: e for e in sitrep.events(db)}
    summary = sitrep.ingest(
        _write(
            tmp_path,
            {"tanf.jsonl": '{"text": "A drone struck the al-Tanf garrison on Sunday.", "published": "2023-10-22"}'},
        ),
        db=db,
    )
    assert summary.events == 1  # the al-Tanf block alone was fused again
    after = {e.id: e for e in sitrep.events(db)}
    assert set(before) < set(after) and all(after[i] == e for i, e in before.items())
    assert count_rows(db, "dirty_blocks") == 0


def test_clusters_over_the_shared_corpora(tmp_path: Path, shared: Path) -> None:
    """Seeds and dev together, fused, scored by tools/score.py: B-cubed F1 >= 0.90."""
    corpus = tmp_path / "corpus"
    (corpus / "gold").mkdir(parents=True)
    for name in ("seeds", "dev"):
        for path in (SHARED / "corpus" / name).glob("*.txt"):
            (corpus / path.name).write_bytes(path.read_bytes())
        for path in (SHARED / "corpus" / name / "gold").glob("*.json"):
            (corpus / "gold" / path.name).write_bytes(path.read_bytes())
    extractions = [x for x in sitrep.extract(sorted(corpus.glob("*.txt"))) if isinstance(x, sitrep.Extraction)]
    ids = event_ids(sitrep.fuse(extractions))
    fused, plain = tmp_path / "fused.jsonl", tmp_path / "plain.jsonl"
    fused.write_text(
        "".join(f"{line}\n" for x in extractions for line in jsonl(prediction_lines(x, ids))), encoding="utf-8"
    )
    plain.write_text("".join(f"{line}\n" for x in extractions for line in jsonl(prediction_lines(x))), encoding="utf-8")

    def score(path: Path) -> dict[str, dict[str, float]]:
        out = subprocess.run(
            [sys.executable, str(SCORER), str(corpus), str(path), "--json"], capture_output=True, text=True, check=True
        )
        return json.loads(out.stdout)  # type: ignore[no-any-return]

    with_fusion, without = score(fused), score(plain)
    assert with_fusion["clusters"]["b3_f1"] >= 0.90
    assert with_fusion["events"]["f1"] >= without["events"]["f1"]
