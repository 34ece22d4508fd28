"""Bytes to text: the single place that decides how input bytes are decoded.

A later stage adds legacy Vietnamese encodings (TCVN3, VNI, VIQR); it only has to change
`decode_bytes` (and, for line-streamed formats, `iter_text_lines`, which calls it per line).
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from typing import BinaryIO

LEGACY_FALLBACK = "cp1258"  # Windows Vietnamese: the usual encoding of non-UTF-8 Vietnamese files
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_bytes(data: bytes) -> str:
    """Decode one document (or one line): UTF-8 (BOM dropped), UTF-16 when a BOM says so, else cp1258.

    Never raises: undecodable bytes become U+FFFD, so a stray byte cannot lose a document.
    """
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.removeprefix(codecs.BOM_UTF8).decode(LEGACY_FALLBACK, errors="replace")


def iter_text_lines(stream: BinaryIO) -> Iterator[str]:
    """Decoded lines of a binary stream, read lazily, line endings kept (the csv module wants them).

    UTF-16 (BOM-marked) text is decoded incrementally as a whole stream; anything else is split on
    b"\\n" and each line goes through `decode_bytes`, which is safe for UTF-8 and single-byte codes.
    """
    if _peek(stream, 2).startswith(_UTF16_BOMS):
        wrapper = io.TextIOWrapper(stream, encoding="utf-16", errors="replace", newline="")
        try:
            yield from wrapper
        finally:
            wrapper.detach()  # the caller owns (and closes) the underlying stream
        return
    for raw in stream:
        yield decode_bytes(raw)


def _peek(stream: BinaryIO, size: int) -> bytes:
    """The first `size` bytes without consuming them (buffered readers peek; others seek back)."""
    peek = getattr(stream, "peek", None)
    if peek is not None:
        return peek(size)[:size]
    position = stream.tell()
    head = stream.read(size)
    stream.seek(position)
    return head
