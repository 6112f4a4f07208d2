"""Shared fixtures: the knowledge, a fresh database file, the demo samples and the shared corpora."""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text

from sitrep.knowledge import Knowledge, load_knowledge
from sitrep.store import database_url

from .pgserver import postgres_bindir, throwaway_cluster

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPORA = {name: SHARED / "corpus" / name for name in ("seeds", "dev", "dev2")}
SCORER = SHARED / "tools" / "score.py"


@pytest.fixture(scope="session")
def kb() -> Knowledge:
    return load_knowledge()


IN_CI = os.environ.get("CI") == "true"
_DATABASES = count(1)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database: a SQLite file, or a new database on the test PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "sitrep.db")
    server: str = request.getfixturevalue("pg")
    name = f"sitrep_test_{os.getpid()}_{next(_DATABASES)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def sqlite_db(tmp_path: Path) -> str:
    """A fresh SQLite database file, for what only SQLite has (WAL, the file itself)."""
    return str(tmp_path / "sitrep.db")


@pytest.fixture(scope="session")
def pg() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on a free local port, for the session (Debian's postgresql)."""
    bindir = postgres_bindir()
    if bindir is None:
        message = "PostgreSQL server not installed (make test installs Debian's postgresql)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    with throwaway_cluster(bindir) as url:
        yield url


def count_rows(db: str, table: str) -> int:
    """How many rows a table of either backend holds (0 while the schema is not there yet)."""
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)
    except Exception:
        return 0
    finally:
        engine.dispose()


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"the shared corpora are missing: expected {SHARED} beside the checkout")
    return SHARED
