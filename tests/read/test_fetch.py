"""Reports fetched from the web: pages and feeds from a real HTTP server on this machine.

The pages are written for these tests, with the facts of real attacks of January 2024.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sitrep
from sitrep.cli import app
from sitrep.errors import InputError
from sitrep.records import Extraction

_PAGE = """<!doctype html><html><head><title>Drone kills three US soldiers in Jordan</title></head>
<body><article><h1>Drone kills three US soldiers in Jordan</h1>
<p>A one-way attack drone struck Tower 22, a small US outpost in northeastern Jordan near the Syrian
border, on Sunday, killing three American soldiers and wounding dozens, US officials said.</p>
<p>The Islamic Resistance in Iraq, a coalition of Iran-backed militias, claimed the attack.</p>
</article></body></html>"""

_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Rockets hit Ain al-Asad</title><link>http://example.invalid/asad</link>
<pubDate>Sat, 20 Jan 2024 18:00:00 GMT</pubDate>
<description>Ballistic missiles and rockets were fired at the Ain al-Asad air base in western Iraq on
Saturday, wounding several US personnel, the Pentagon said.</description></item>
</channel></rss>"""

_ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/news/2024/01/28/tower-22.html": (200, "text/html; charset=utf-8", _PAGE.encode()),
    "/feed.xml": (200, "application/rss+xml", _FEED.encode()),
    "/archive.zip": (200, "application/zip", b"PK\x03\x04"),
    "/huge.html": (200, "text/html", b"<html><body><p>" + b"x" * 50_000 + b"</p></body></html>"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/old-address":
            self.send_response(301)
            self.send_header("Location", "/news/2024/01/28/tower-22.html")
            self.end_headers()
            return
        status, media, body = _ROUTES.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_page_and_a_feed_are_fetched_and_dated(site: str) -> None:
    found = list(sitrep.extract([f"{site}/news/2024/01/28/tower-22.html", f"{site}/feed.xml"]))
    page, item = [x for x in found if isinstance(x, Extraction)]
    assert page.report.url == f"{site}/news/2024/01/28/tower-22.html"
    assert page.report.published == "2024-01-28"  # the page gives none: its address files it under that day
    assert [(m.place_canonical, m.date, m.attacker) for m in page.mentions] == [
        ("Tower 22", "2024-01-28", "Islamic Resistance in Iraq")
    ]
    assert [(m.place_canonical, m.date) for m in item.mentions] == [("Ain al-Asad Air Base", "2024-01-20")]


def test_every_failing_address_is_one_error_naming_it_and_the_rest_goes_on(site: str, tmp_path: Path) -> None:
    db = str(tmp_path / "web.db")
    addresses = [f"{site}/missing", f"{site}/archive.zip", f"{site}/huge.html", f"{site}/old-address"]
    summary = sitrep.ingest(addresses, db=db, max_bytes=10_000)
    assert summary.failures == [
        f"{site}/missing: the server answered HTTP 404",
        f"{site}/archive.zip: not a news page or feed (content type application/zip)",
        f"{site}/huge.html: over the size limit of 10,000 bytes (--max-bytes raises it)",
    ]
    assert summary.reports_stored == 1  # the redirect led to the page
    assert [e.place_canonical for e in sitrep.events(db)] == ["Tower 22"]


def test_an_address_nobody_answers_is_one_error(tmp_path: Path) -> None:
    (error,) = sitrep.extract(["http://127.0.0.1:9/news"])  # the discard port: nothing listens
    assert isinstance(error, InputError)
    assert str(error).startswith("http://127.0.0.1:9/news: cannot fetch:")


def test_the_cli_reads_a_list_of_addresses_and_refuses_one_given_as_a_report(site: str, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# this morning's wire\n{site}/news/2024/01/28/tower-22.html\n\n{site}/feed.xml\n")
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", "--urls", str(listing), "--db", db])
    assert result.exit_code == 0, result.output
    assert "read 2 reports: stored 2" in result.stdout
    refused = runner.invoke(app, ["ingest", str(listing), "--db", db])
    assert refused.exit_code == 1
    assert "this file lists web addresses, not a report: pass it with --urls" in refused.output
    bad = tmp_path / "bad.txt"
    bad.write_text(f"{site}/feed.xml\nnot an address\n")
    wrong = runner.invoke(app, ["ingest", "--urls", str(bad), "--db", db])
    assert wrong.exit_code != 0
    assert "line 2 is not an http(s) address" in wrong.output
    assert "Traceback" not in wrong.output
