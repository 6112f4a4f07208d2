"""Read RSS and Atom feeds: one report per entry, through feedparser."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
import lxml.html
from lxml.etree import ParserError

from sitrep.errors import InputError
from sitrep.records import Report, normalise_text, report_id


def read_feed(data: bytes, *, doc: str) -> Iterator[Report | InputError]:
    """Yield a Report per feed entry (its content, else its summary, as text)."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        detail = f": {reason}" if reason else ""
        raise InputError(f"not a readable RSS/Atom feed{detail}", source=doc)
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, 1):
        body = normalise_text(_plain(_entry_html(entry)))
        if not body:
            yield InputError("feed entry has no text", source=doc, line=number)
            continue
        published = _entry_published(entry)
        yield Report(
            id=report_id(body),
            text=body,
            doc=f"{doc}#{number}",
            source=outlet,
            url=entry.get("link"),
            title=entry.get("title"),
            published=published,
            published_basis="metadata" if published else "unknown",
        )


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    if contents and contents[0].get("value"):
        return str(contents[0]["value"])
    return str(entry.get("summary") or "")


def _plain(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except ParserError:
        return ""
    for block in root.iter("p", "div", "li", "br", "h1", "h2", "h3", "h4"):
        block.tail = "\n" + (block.tail or "")
    return str(root.text_content())


def _entry_published(entry: Any) -> str | None:
    # feedparser gives struct_time in UTC; keep the hour for late-evening reports.
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    moment = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    return moment.isoformat()
