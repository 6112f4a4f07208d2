"""Shared fixtures: the knowledge, a fresh database file, the demo samples and the shared corpora."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text

from sitrep.knowledge import Knowledge, load_knowledge
from sitrep.store import database_url

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPORA = {name: SHARED / "corpus" / name for name in ("seeds", "dev")}
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
    bindir = _postgres_bindir()
    if bindir is None:
        message = "PostgreSQL server not installed (make test installs Debian's postgresql)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    root = Path(tempfile.mkdtemp(prefix="sitrep-pg-"))
    root.chmod(0o777)
    data, port = root / "data", _free_port()
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(
        [*as_postgres, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    subprocess.run(
        [*as_postgres, str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*as_postgres, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True
        )
        shutil.rmtree(root, ignore_errors=True)


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


def _postgres_bindir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return found[-1].parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"the shared corpora are missing: expected {SHARED} beside the checkout")
    return SHARED
