"""Shared fixtures: the knowledge, a fresh database file, the demo samples and the shared corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.knowledge import Knowledge, load_knowledge

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPORA = {name: SHARED / "corpus" / name for name in ("seeds", "dev")}
SCORER = SHARED / "tools" / "score.py"


@pytest.fixture(scope="session")
def kb() -> Knowledge:
    return load_knowledge()


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A fresh SQLite database file."""
    return str(tmp_path / "sitrep.db")


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"the shared corpora are missing: expected {SHARED} beside the checkout")
    return SHARED
