"""Read HTML pages: the article body and its metadata, through trafilatura."""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

from sitrep.errors import InputError
from sitrep.records import Report, normalise_text, report_id

# trafilatura keeps only the day of article:published_time; the hour matters for
# late-evening reports, so the meta tags are read as well (parsed by lxml: a pattern over
# raw HTML can be made to take quadratic time).
_PUBLISHED_NAMES = frozenset({"article:published_time", "datepublished", "og:published_time", "pubdate", "date"})
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?")


def read_html(html: str, *, doc: str) -> Report:
    """Return a Report from an HTML page (body text, title, url, publication date)."""
    try:
        result = trafilatura.bare_extraction(html, with_metadata=True)
    except (ValueError, TypeError) as exc:
        raise InputError(f"cannot parse HTML: {exc}", source=doc) from exc
    body = normalise_text(getattr(result, "text", None) or "") if result else ""
    if not body:
        raise InputError("no article text found in HTML", source=doc)
    published = _published_meta(html) or getattr(result, "date", None)
    return Report(
        id=report_id(body),
        text=body,
        doc=doc,
        source=getattr(result, "sitename", None),
        url=getattr(result, "url", None),
        title=getattr(result, "title", None),
        published=published,
        published_basis="metadata" if published else "unknown",
    )


def _published_meta(page: str) -> str | None:
    """The publication time of the page's meta tags or JSON-LD, with its hour and zone when given."""
    try:
        tree = lxml.html.document_fromstring(page.encode("utf-8"))
    except (etree.ParserError, ValueError):
        return None
    candidates = [
        meta.get("content", "")
        for meta in tree.iter("meta")
        if (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower() in _PUBLISHED_NAMES
    ]
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json":
            candidates += _JSON_LD_PUBLISHED.findall(script.text or "")
    for candidate in candidates:
        value = _ISO_DATETIME.match(candidate.strip())
        if value:
            return value.group(0).replace(" ", "T")
    return None
