"""The one error tree of sitrep: every failure a user can cause is a SitrepError.

SitrepError       .source (path or URL), .line; str(e) == "reports/a.jsonl:17: not valid JSON"
├─ InputError     a report cannot be read: empty, binary, broken JSONL/RSS/HTML
├─ DataFileError  a lexicon, gazetteer or actors file (ours or the user's) is invalid
├─ StoreError     database unreachable, schema newer than the code, failed migration
├─ UsageError     options that cannot go together
└─ NotFoundError  unknown event or report id
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every error sitrep raises on purpose."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def __str__(self) -> str:
        where = self.source or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(SitrepError):
    """A report cannot be read."""


class DataFileError(SitrepError):
    """A knowledge file (lexicon, gazetteer, actors) is invalid."""


class StoreError(SitrepError):
    """The database cannot be opened, read or written."""


class UsageError(SitrepError):
    """Options or arguments that cannot go together."""


class NotFoundError(SitrepError):
    """An event or report id that the database does not hold."""
