"""Turn the bytes of a file into text, refusing what is not text."""

from __future__ import annotations

import logging

from sitrep.errors import InputError

log = logging.getLogger(__name__)

_SNIFF_BYTES = 8192
# Control characters other than tab, newline, form feed and carriage return.
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32)) + b"\x0b"


def decode_bytes(data: bytes, *, source: str) -> str:
    """Return data as text: UTF-8, else cp1252 or latin-1 with a logged warning."""
    if not data.strip():
        raise InputError("empty file", source=source)
    if _looks_binary(data[:_SNIFF_BYTES]):
        raise InputError("binary file, not a report", source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        log.warning("%s: not UTF-8, decoded as %s", source, encoding)
        return text
    raise InputError("cannot decode text", source=source)  # pragma: no cover (latin-1 decodes all)


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls > len(head) * 0.05
