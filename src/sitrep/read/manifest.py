"""A crawl's manifest: the URL, outlet and publication date of each report file.

Collectors ship a table beside the files they fetched (`SOURCES.tsv` with columns
slug, url, outlet, published). sitrep reads it as metadata of the report files in
that directory, the way it reads an HTML page's meta tags: it fills what a report
does not say about itself and never overrides what it does.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sitrep.errors import InputError
from sitrep.read.decode import decode_bytes
from sitrep.records import Report

__all__ = ["MANIFEST_NAMES", "Manifest", "SourceEntry", "apply_entry", "find_manifest", "read_manifest"]

MANIFEST_NAMES = ("SOURCES.tsv", "sources.tsv", "SOURCES.csv", "sources.csv")
_KEY_COLUMNS = ("slug", "file", "doc")
_OUTLET_COLUMNS = ("outlet", "source")
_DATE_COLUMNS = ("published", "date")


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """What a manifest says about one report file."""

    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Manifest:
    """A manifest's entries by file stem, and the rows it could not use."""

    path: Path
    entries: dict[str, SourceEntry]
    errors: tuple[InputError, ...] = ()

    def entry_for(self, report_file: Path) -> SourceEntry | None:
        return self.entries.get(report_file.name) or self.entries.get(report_file.stem)


def find_manifest(directory: Path) -> Path | None:
    """The manifest file of a directory, if it has one."""
    for name in MANIFEST_NAMES:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    return None


def read_manifest(path: Path) -> Manifest:
    """Read a TSV or CSV manifest; a row that cannot be used is an InputError naming its line."""
    try:
        text = decode_bytes(path.read_bytes(), source=str(path))
    except OSError as exc:
        raise InputError(f"cannot read manifest: {exc.strerror}", source=str(path)) from exc
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    rows = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = {name.strip().lower(): name for name in rows.fieldnames or ()}
    key = next((columns[c] for c in _KEY_COLUMNS if c in columns), None)
    if key is None:
        raise InputError(f"manifest needs a column named one of {', '.join(_KEY_COLUMNS)}", source=str(path))
    entries: dict[str, SourceEntry] = {}
    errors: list[InputError] = []
    for line, row in enumerate(rows, start=2):
        name = (row.get(key) or "").strip()
        if not name:
            continue
        published = _cell(row, columns, _DATE_COLUMNS)
        if published is not None and not _is_day(published):
            errors.append(InputError(f"published {published!r} is not a YYYY-MM-DD date", source=str(path), line=line))
            published = None
        entries[name] = SourceEntry(
            url=_cell(row, columns, ("url",)),
            outlet=_cell(row, columns, _OUTLET_COLUMNS),
            title=_cell(row, columns, ("title",)),
            published=published[:10] if published else None,
        )
    return Manifest(path, entries, tuple(errors))


def apply_entry(report: Report, entry: SourceEntry, manifest_name: str) -> Report:
    """The report with the manifest's metadata filling the fields it leaves empty."""
    report = replace(
        report,
        url=report.url or entry.url,
        source=report.source or entry.outlet,
        title=report.title or entry.title,
    )
    if report.published is None and entry.published is not None:
        report = replace(report, published=entry.published, published_basis=f"metadata: {manifest_name}")
    return report


def _cell(row: dict[str, str | None], columns: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        if name in columns:
            value = (row.get(columns[name]) or "").strip()
            if value:
                return value
    return None


def _is_day(value: str) -> bool:
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True
