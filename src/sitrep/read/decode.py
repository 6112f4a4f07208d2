"""Turn the bytes of a file into text, refusing what is not text."""

from __future__ import annotations

import codecs
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
    utf16 = _utf16_text(data)
    if utf16 is not None:
        return utf16
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


def _utf16_text(data: bytes) -> str | None:
    """UTF-16 text, with a byte-order mark or without one (then every other byte of Latin
    text is a NUL): what Windows tools save as "Unicode"."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        head = data[:_SNIFF_BYTES]
        if len(head) < 4 or len(head) % 2:
            return None
        odd_nuls, even_nuls = head[1::2].count(0), head[0::2].count(0)
        half = len(head) // 2
        # Most characters of a report are Latin: one byte of each is a NUL, the other almost never.
        if odd_nuls > half / 2 and even_nuls <= odd_nuls / 20:
            encoding = "utf-16-le"
        elif even_nuls > half / 2 and odd_nuls <= even_nuls / 20:
            encoding = "utf-16-be"
        else:
            return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text[:_SNIFF_BYTES].encode("utf-8")) else text


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls > len(head) * 0.05
