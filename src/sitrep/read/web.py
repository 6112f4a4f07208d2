"""Fetch reports from the web: a page or a feed by its address, with httpx.

Input: an http(s) address (or a file that lists them). Output: the bytes, what kind of
source they are (html, feed, text) and the address they came from after redirects, or an
InputError naming the address: the ingest goes on with the next one.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import httpx

from sitrep.errors import InputError

__all__ = ["Fetched", "fetch", "is_url", "new_client", "urls_in"]

# A slow or silent server must not stall an ingest of thousands of addresses.
TIMEOUT_SECONDS = 20.0
_USER_AGENT = f"sitrep/{version('sitrep')} (conflict event coding)"
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/feed+json")


@dataclass(frozen=True, slots=True)
class Fetched:
    """What an address gave: its body, its kind and the address it came from."""

    data: bytes
    kind: str
    url: str


def is_url(text: str | Path) -> bool:
    """Whether a command-line argument is a web address rather than a file."""
    return isinstance(text, str) and text.lower().startswith(("http://", "https://"))


def urls_in(listing: str, *, source: str) -> list[str]:
    """The addresses a URL list names, one per line (blank lines and # comments skipped)."""
    urls = []
    for number, line in enumerate(listing.splitlines(), 1):
        address = line.strip()
        if not address or address.startswith("#"):
            continue
        if not is_url(address):
            raise InputError(f"line {number} is not an http(s) address: {address[:80]!r}", source=source)
        urls.append(address)
    return urls


def new_client() -> httpx.Client:
    """One client for a run's addresses: connections are kept between them."""
    return httpx.Client(follow_redirects=True, timeout=TIMEOUT_SECONDS, headers={"User-Agent": _USER_AGENT})


def fetch(url: str, *, max_bytes: int, client: httpx.Client) -> Fetched:
    """Download one address, refusing a body over `max_bytes`; every failure is one InputError."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(f"the server answered HTTP {response.status_code}", source=url)
            data = bytearray()
            for chunk in response.iter_bytes():
                data += chunk
                if len(data) > max_bytes:
                    raise InputError(f"over the size limit of {max_bytes:,} bytes (--max-bytes raises it)", source=url)
            kind = _kind_of(response.headers.get("content-type", ""), bytes(data))
            if kind is None:
                media = response.headers.get("content-type", "unknown")
                raise InputError(f"not a news page or feed (content type {media})", source=url)
            return Fetched(bytes(data), kind, str(response.url))
    except httpx.TimeoutException as exc:
        raise InputError(f"no answer within {TIMEOUT_SECONDS:g} s", source=url) from exc
    except httpx.HTTPError as exc:
        raise InputError(f"cannot fetch: {exc}", source=url) from exc


def _kind_of(content_type: str, data: bytes) -> str | None:
    """The kind of source a response is, by its content type, else by its first bytes."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media in _FEED_TYPES or data.lstrip()[:200].lower().startswith((b"<?xml", b"<rss", b"<feed")):
        return "feed"
    if media in ("application/x-ndjson", "application/jsonl"):
        return "jsonl"
    if media.startswith("text/") or not media:
        return "text"
    return None
