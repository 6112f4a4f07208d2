"""Read reports from files, directories, feeds and standard input.

Every reader yields Reports; a problem with one file, line or entry is yielded as
an InputError naming it, so that a batch goes on to the next one.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Generator, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import httpx

from sitrep.errors import InputError
from sitrep.read.decode import decode_bytes
from sitrep.read.feed import read_feed
from sitrep.read.html import read_html
from sitrep.read.jsonl import read_jsonl
from sitrep.read.manifest import Manifest, apply_entry, find_manifest, read_manifest
from sitrep.read.text import read_text
from sitrep.read.urls import dated_by_url
from sitrep.read.web import fetch, is_url, new_client, urls_in
from sitrep.records import Report

__all__ = ["MAX_REPORT_BYTES", "REPORT_SUFFIXES", "read_bytes", "read_reports", "read_url_list", "report_files"]

REPORT_SUFFIXES = {".txt", ".html", ".htm", ".jsonl", ".rss", ".atom", ".xml"}
STDIN = "-"


# A report larger than this is refused unless the caller raises the limit: a news report
# is tens of kilobytes, and extraction time and memory grow with the text.
MAX_REPORT_BYTES = 5 * 1024 * 1024


def read_reports(
    paths: Iterable[str | Path], *, manifests: bool = True, max_bytes: int = MAX_REPORT_BYTES
) -> Iterator[Report | InputError]:
    """Yield the reports of files, directories (recursively), "-" (standard input) and web
    addresses (http:// or https://: a page or a feed, fetched once each).

    A directory's manifest (SOURCES.tsv) supplies the URL, outlet and publication
    date of the report files beside it (unless `manifests` is False); its unusable rows
    are reported once. A report with no date of its own takes the day its URL files it
    under ("/2023/11/18/").
    """
    by_directory: dict[Path, Manifest | None] = {}
    client: httpx.Client | None = None  # made at the first address: most runs read files only
    try:
        for raw in paths:
            if is_url(raw):
                client = client or new_client()
                yield from _read_url(str(raw), max_bytes, client)
                continue
            for path in report_files([raw]):
                if isinstance(path, InputError):
                    yield path
                    continue
                yield from _read_file(path, by_directory, manifests=manifests, max_bytes=max_bytes)
    finally:
        if client is not None:
            client.close()


def _read_url(url: str, max_bytes: int, client: httpx.Client) -> Iterator[Report | InputError]:
    """The reports of one web address: a page's article, or a feed's items."""
    try:
        fetched = fetch(url, max_bytes=max_bytes, client=client)
        for item in read_bytes(fetched.data, doc=url, kind=fetched.kind):
            if isinstance(item, Report) and not item.url:
                item = replace(item, url=fetched.url)
            yield dated_by_url(item) if isinstance(item, Report) else item
    except InputError as exc:
        yield exc


def _read_file(
    path: Path, by_directory: dict[Path, Manifest | None], *, manifests: bool, max_bytes: int
) -> Iterator[Report | InputError]:
    """The reports of one file, with its directory's manifest applied."""
    try:
        data = _read_at_most(path, max_bytes)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror}", source=str(path))
        return
    if len(data) > max_bytes:
        yield InputError(f"over the size limit of {max_bytes:,} bytes (--max-bytes raises it)", source=str(path))
        return
    manifest = None
    if manifests and str(path) != STDIN:
        if path.parent not in by_directory:
            by_directory[path.parent] = yield from _load_manifest(path.parent)
        manifest = by_directory[path.parent]
    entry = manifest.entry_for(path) if manifest else None
    kind = _kind(path, data)
    if kind == "text" and _lists_urls(data):
        yield InputError("this file lists web addresses, not a report: pass it with --urls", source=str(path))
        return
    try:
        for item in read_bytes(data, doc=_doc_name(path), kind=kind):
            if isinstance(item, Report):
                if entry is not None and manifest is not None:
                    item = apply_entry(item, entry, manifest.path.name)
                item = dated_by_url(item)
            yield item
    except InputError as exc:
        yield exc


def _lists_urls(data: bytes) -> bool:
    """Every line that says anything (a # comment aside) is a web address: a list of URLs, not a report."""
    text = data.decode("utf-8", "replace")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    return bool(lines) and all(is_url(line) and " " not in line for line in lines)


def read_url_list(path: str | Path) -> list[str]:
    """The web addresses a file lists, one per line (the file of --urls)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", source=str(path)) from exc
    return urls_in(text, source=str(path))


def _load_manifest(directory: Path) -> Generator[InputError, None, Manifest | None]:
    """Read a directory's manifest, yielding its errors; None when it has none or it is unusable."""
    found = find_manifest(directory)
    if found is None:
        return None
    try:
        stat = found.stat()
        manifest = _read_manifest_once(found, stat.st_mtime_ns, stat.st_size)
    except OSError as exc:
        yield InputError(f"cannot read manifest: {exc.strerror}", source=str(found))
        return None
    except InputError as exc:
        yield exc
        return None
    yield from manifest.errors
    return manifest


def _read_at_most(path: Path, max_bytes: int) -> bytes:
    """At most one byte more than the limit: enough to know a file is over it."""
    if str(path) == STDIN:
        return sys.stdin.buffer.read(max_bytes + 1)
    with Path(path).open("rb") as handle:
        return handle.read(max_bytes + 1)


def report_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Yield every report file named or found below a directory, sorted within each."""
    for raw in paths:
        path = Path(raw)
        if str(raw) == STDIN:
            yield path
        elif path.is_dir():
            found = [p for p in path.rglob("*") if p.suffix.lower() in REPORT_SUFFIXES and not p.is_dir()]
            for file in sorted(found):
                yield file if file.is_file() else _not_regular(file)
        elif path.is_file():
            yield path
        elif path.exists():
            yield _not_regular(path)
        else:
            yield InputError("no such file or directory", source=str(raw))


def _not_regular(path: Path) -> InputError:
    # A FIFO would block the ingest forever and a device never ends: neither is a report.
    return InputError("not a regular file (a pipe, device or socket), skipped", source=str(path))


def read_bytes(data: bytes, *, doc: str, kind: str = "text") -> Iterator[Report | InputError]:
    """Yield the reports held in the bytes of one source of the given kind."""
    if kind == "feed":
        if not data.strip():
            raise InputError("empty file", source=doc)
        yield from read_feed(data, doc=doc)
        return
    text = decode_bytes(data, source=doc)
    if kind == "jsonl":
        yield from read_jsonl(text, doc=doc)
    elif kind == "html":
        yield read_html(text, doc=doc)
    else:
        yield read_text(text, doc=doc)


@functools.lru_cache(maxsize=8)
def _read_manifest_once(path: Path, mtime_ns: int, size: int) -> Manifest:
    """A manifest read once per process while unchanged: a batch task reads one file at a time."""
    return read_manifest(path)


def _doc_name(path: Path) -> str:
    return "<stdin>" if str(path) == STDIN else str(path)


def _kind(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in {".rss", ".atom", ".xml"}:
        return "feed"
    if suffix in {".html", ".htm"}:
        return "html"
    if suffix == ".jsonl":
        return "jsonl"
    if suffix == ".txt":
        return "text"
    return _sniff(data)


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:200].lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"
