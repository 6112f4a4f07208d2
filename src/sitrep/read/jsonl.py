"""Read JSON Lines: one report a line with `text` and optional metadata."""

from __future__ import annotations

import json
from collections.abc import Iterator
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
    published = next((str(row[k]) for k in _DATE_FIELDS if row.get(k)), None)
    return Report(
        id=report_id(body),
        text=body,
        doc=str(row.get("doc") or f"{doc}:{number}"),
        source=_optional_str(row.get("source")),
        url=_optional_str(row.get("url")),
        title=_optional_str(row.get("title")),
        published=published,
        published_basis="metadata" if published else "unknown",
    )


def _optional_str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
