"""Read plain-text reports, with an optional leading ` date YYYY-MM-DD` dateline."""

from __future__ import annotations

import re

from sitrep.errors import InputError
from sitrep.records import Report, normalise_text, report_id

# The collector's dateline: " date 2023-12-15" alone or before the title on line one.
_DATELINE = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*")


def read_text(text: str, *, doc: str, source: str | None = None) -> Report:
    """Return a Report from plain text; a leading dateline becomes `published`."""
    published = None
    basis = "unknown"
    match = _DATELINE.match(text)
    if match:
        published, basis = match.group(1), "dateline"
        text = text[match.end() :]
    text = normalise_text(text)
    if not text:
        raise InputError("no text after the dateline", source=doc)
    return Report(
        id=report_id(text),
        text=text,
        doc=doc,
        source=source,
        published=published,
        published_basis=basis,
    )
