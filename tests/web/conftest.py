"""A database with the samples, a hostile report, one that recalls a past attack and one placed
only in a province, and the app served on a free local port."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

import sitrep
from sitrep.web import create_app

from ..conftest import SAMPLES

TOKEN = "test-token-3f9"
HOSTILE = {
    "title": "<script>alert('title')</script>",
    "source": "Evil \"Wire\" <img src=x onerror=alert('outlet')>",
    "url": "javascript:alert('url')",
    "published": "2024-01-21",
    "text": (
        "Drones struck the al-Tanf garrison on Sunday <script>alert('body')</script>, "
        "a source said <img src=x onerror=alert('img')> \"'><svg onload=alert('svg')>."
    ),
}


# A report that recalls an attack five weeks before it: background, left out of counts by default.
RECALLS = {
    "published": "2024-03-02",
    "text": (
        "A drone struck the al-Tanf garrison in Syria on Friday, US officials said. The attack came months after "
        "the drone attack on the Harir air base in Iraq on November 20, which caused no casualties."
    ),
}


# A report that places its attack only in a province: no event, one unresolved attack.
PROVINCE_ONLY = {
    "published": "2024-01-16",
    "text": "Drones attacked a base housing US forces in Syria's Hasakah province on Monday, a war monitor said.",
}


def write_hostile(folder: Path) -> Path:
    """The hostile report, one that recalls a past attack and one placed only in a province,
    as one JSON Lines file."""
    path = folder / "hostile.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in (HOSTILE, RECALLS, PROVINCE_ONLY)), encoding="utf-8")
    return path


@pytest.fixture
def web_db(db: str, tmp_path: Path) -> str:
    sitrep.ingest([SAMPLES, write_hostile(tmp_path)], db=db)
    return db


@pytest.fixture
def server(web_db: str) -> Iterator[str]:
    """The app, taking writes with TOKEN, on 127.0.0.1 in a thread; yields its base URL."""
    yield from _serve(create_app(web_db, token=TOKEN))


@pytest.fixture
def read_only_server(web_db: str) -> Iterator[str]:
    """The app started without a token (it takes no writes); yields its base URL."""
    yield from _serve(create_app(web_db))


def _serve(app: Any) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)
