"""`sitrep eval` gives the numbers of tools/score.py, and extraction holds its quality floors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import sitrep
from sitrep.api import jsonl, prediction_lines

from .conftest import CORPORA, ROOT, SCORER

FLOORS = json.loads((ROOT / "tests" / "floors.json").read_text(encoding="utf-8"))


def _scorer(corpus: Path, predictions: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, str(SCORER), str(corpus), str(predictions), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", ["seeds", "dev", "dev2"])
def test_eval_equals_the_reference_scorer(name: str, tmp_path: Path, shared: Path) -> None:
    corpus = CORPORA[name]
    predictions = tmp_path / "predictions.jsonl"
    lines = [
        line
        for x in sitrep.extract(sorted(corpus.glob("*.txt")))
        if isinstance(x, sitrep.Extraction)
        for line in prediction_lines(x)
    ]
    predictions.write_text("".join(f"{line}\n" for line in jsonl(lines)), encoding="utf-8")
    ours, _ = sitrep.evaluate(corpus)
    assert ours == _scorer(corpus, predictions)


@pytest.mark.parametrize("name", ["seeds", "dev", "dev2"])
def test_quality_floors(name: str, shared: Path) -> None:
    """Dev's publication dates come from its SOURCES.tsv manifest, as a crawler would give them."""
    result, _ = sitrep.evaluate(CORPORA[name])
    _assert_floors(result, FLOORS[name], name)


@pytest.mark.parametrize("name", ["dev", "dev2"])
def test_quality_floors_without_the_manifest(name: str, tmp_path: Path, shared: Path) -> None:
    """With dates only from the texts themselves, extraction still holds lower floors; the
    option and a copy of the corpus without its SOURCES.tsv score alike."""
    blind = tmp_path / name
    shutil.copytree(CORPORA[name], blind, ignore=shutil.ignore_patterns("SOURCES.tsv"))
    result, _ = sitrep.evaluate(CORPORA[name], manifests=False)
    assert result == sitrep.evaluate(blind)[0]
    _assert_floors(result, FLOORS[f"{name}-without-manifest"], f"{name} without SOURCES.tsv")


def _assert_floors(result: dict[str, Any], floors: dict[str, float], name: str) -> None:
    for path, floor in floors.items():
        section, metric = path.split(".")
        value = result[section][metric]
        assert value is not None and value >= floor, f"{name} {path} = {value}, floor {floor}"


def test_reports_stating_no_attack_give_no_mention(shared: Path) -> None:
    quiet = [
        "ap-provincial-election-results.txt",
        "reuters-halbousi-ministers-resign.txt",
        "shafaq-provincial-polls-close.txt",
    ]
    for item in sitrep.extract([CORPORA["dev"] / name for name in quiet]):
        assert isinstance(item, sitrep.Extraction)
        assert item.mentions == ()


def test_each_miss_names_the_stage_that_decided_it(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "r.txt").write_text(
        "Two drones struck the Harir air base in Erbil province on Wednesday, a security source said. "
        "Separately, a drone hit the Wadi Zerqun depot on Tuesday.\n",
        encoding="utf-8",
    )
    (tmp_path / "SOURCES.tsv").write_text("slug\tpublished\nr\t2024-01-26\n", encoding="utf-8")
    harir = {"country": "IQ", "lat": 36.53, "lon": 44.22, "place": "Harir air base", "target": None}
    gold = {
        "events": [
            # sitrep dates it Wednesday 24 January: a gold day of 20 January is the time anchor's miss
            {"id": "e1", "date": "2024-01-20", "date_earliest": "2024-01-20", "date_latest": "2024-01-20", **harir},
            # a depot no gazetteer entry knows
            {"id": "e2", "date": "2024-01-23", "country": "SY", "lat": 35.1, "lon": 39.6, "place": "Wadi Zerqun"},
        ],
        "figures": [{"metric": "attacks", "value": 151}],
    }
    (tmp_path / "gold" / "r.json").write_text(json.dumps(gold), encoding="utf-8")
    _, misses = sitrep.evaluate(tmp_path)
    stages = {(next(k for k in m if k not in ("doc", "stage")), m["stage"]) for m in misses}
    assert stages == {
        ("missed", "time anchor"),
        ("spurious", "time anchor"),
        ("missed", "gazetteer"),
        ("missed_figure", "figure"),
    }


def test_wrong_slots_name_their_stage(shared: Path) -> None:
    _, misses = sitrep.evaluate(CORPORA["dev2"])
    wrong = [pair for m in misses if "wrong" in m for pair in m["wrong"].values()]
    assert wrong and all(pair["stage"] in ("time anchor", "party roles") for pair in wrong)
    events = [m for m in misses if "missed" in m or "spurious" in m]
    assert all(m["stage"] in STAGES for m in events)


STAGES = {"gazetteer", "attack statement", "place role", "time anchor", "linking", "party roles"}
