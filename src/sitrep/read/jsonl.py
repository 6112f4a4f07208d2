"""Read JSON Lines: one report a line with `text` and optional metadata."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from sitrep.errors import InputError
from sitrep.records import Report, normalise_text, report_id

_DATE_FIELDS = ("published", "date", "published_at")


def read_jsonl(text: str, *, doc: str) -> Iterator[Report | InputError]:
    """Yield a Report per line, or an InputError naming the line that is broken."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield _report_from_line(line, doc=doc, number=number)
        except InputError as exc:
            yield exc


def _report_from_line(line: str, *, doc: str, number: int) -> Report:
    try:
        row: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg})", source=doc, line=number) from exc
    if not isinstance(row, dict):
        raise InputError("not a JSON object", source=doc, line=number)
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("no 'text' field", source=doc, line=number)
    body = normalise_text(text)
    fields = {name: _text_field(row, name, limit, doc=doc, number=number) for name, limit in _TEXT_FIELDS.items()}
    date_field = next((k for k in _DATE_FIELDS if row.get(k) not in (None, "")), None)
    published = _published(row, date_field, doc=doc, number=number) if date_field else None
    return Report(
        id=report_id(body),
        text=body,
        doc=fields["doc"] or f"{doc}:{number}",
        source=fields["source"],
        url=fields["url"],
        title=fields["title"],
        published=published,
        published_basis="metadata" if published else "unknown",
    )


# The metadata a line may carry, each a string of at most this many characters.
_TEXT_FIELDS = {"doc": 1000, "source": 300, "url": 2000, "title": 1000}
_DATE_CHARS = 40


def _text_field(row: dict[str, Any], name: str, limit: int, *, doc: str, number: int) -> str | None:
    value = row.get(name)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(f"field {name!r} must be a string, not {type(value).__name__}", source=doc, line=number)
    if len(value) > limit:
        raise InputError(f"field {name!r} is over {limit} characters", source=doc, line=number)
    return value


def _published(row: dict[str, Any], name: str, *, doc: str, number: int) -> str:
    """A publication date: an ISO date or date-time string ("2023-10-18", "2023-10-18T09:30:00Z")."""
    value = row[name]
    if isinstance(value, str) and len(value) <= _DATE_CHARS:
        try:
            date.fromisoformat(value[:10])
            return value
        except ValueError:
            pass
    shown = repr(value) if len(repr(value)) <= _DATE_CHARS else repr(value)[:_DATE_CHARS] + "..."
    raise InputError(f"field {name!r} must be a date such as 2023-10-18, not {shown}", source=doc, line=number)
