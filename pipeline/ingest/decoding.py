"""Bytes to text: the single place that decides how input bytes are decoded, and whether they are text.

UTF-8 (BOM dropped), UTF-32 (with a BOM) and UTF-16 (with a BOM, or recognised by its zero bytes)
are read as such.
Anything else is a legacy encoding: Windows-1258, TCVN3 or VNI, whichever decoding reads most
like Vietnamese (`pipeline.ingest.legacy`), or Windows-1252 when none does. Decoding never raises;
undecodable bytes become U+FFFD.

Whether bytes are text at all is judged on the head of a file (`text_problem`): empty, or binary
(NUL bytes, many control codes), files are refused with a plain reason instead of being decoded.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from pipeline.ingest.errors import BINARY_FILE, EMPTY_FILE, LINE_TOO_LONG, RejectedInput
from pipeline.ingest.legacy import DEFAULT, decode_with, guess_encoding
from pipeline.ingest.limits import MAX_DOCUMENT_BYTES, format_size

LEGACY_FALLBACK = DEFAULT  # Windows Vietnamese: the legacy encoding that wins ties between Vietnamese readings
HEAD_BYTES = 8192
"""How much of a file is looked at to tell text from binary (as git does, in its first 8000 bytes)."""

_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)  # checked first: FF FE 00 00 starts like UTF-16 LE
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_NOT_CONTROL = bytes(sorted(set(range(256)) - set(_CONTROL_BYTES)))
_MAX_CONTROL_SHARE = 0.05  # text has hardly any; compressed or executable data about 10%


def decode_bytes(data: bytes) -> str:
    """Decode one document (or one line): UTF-8, UTF-16, else the best legacy Vietnamese decoding.

    Never raises: undecodable bytes become U+FFFD, so a stray byte cannot lose a document.
    Windows-1258 tone marks stay combining characters; normalisation (NFC) composes them.
    """
    return decode_with_encoding(data)[0]


def detect_encoding(data: bytes) -> str:
    """The encoding `decode_bytes` uses: utf-8(-sig), utf-16(-le/-be), utf-32, cp1258, tcvn3, vni or cp1252."""
    return decode_with_encoding(data)[1]


def decode_with_encoding(data: bytes, prefer: str | None = None) -> tuple[str, str]:
    """(text, encoding name) for `data`; `prefer` breaks ties between legacy encodings (see `guess_encoding`)."""
    wide = wide_unicode(data)
    if wide is not None:
        return data.decode(wide, errors="replace"), wide
    try:
        return data.decode("utf-8-sig"), "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    data = data.removeprefix(codecs.BOM_UTF8)
    encoding = guess_encoding(data, prefer)
    return decode_with(encoding, data), encoding


def wide_unicode(data: bytes) -> str | None:
    """The codec of UTF-32 or UTF-16 text (with a BOM, or UTF-16 without one), else None."""
    if data.startswith(_UTF32_BOMS):
        return "utf-32"
    if data.startswith(_UTF16_BOMS):
        return "utf-16"
    return utf16_without_bom(data)


def utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when `data` reads as BOM-less UTF-16 text, else None.

    Text in UTF-16 has a zero byte in nearly every character of the Latin range, all on the same
    side of each byte pair; the decoded head must then be text (few control codes).
    """
    head = data[:HEAD_BYTES]
    pairs = len(head) // 2
    if pairs < 2 or b"\x00" not in head:
        return None
    zeros_even, zeros_odd = head[0 : 2 * pairs : 2].count(0), head[1 : 2 * pairs : 2].count(0)
    if zeros_odd >= 0.3 * pairs and zeros_even <= 0.02 * pairs:
        order = "utf-16-le"
    elif zeros_even >= 0.3 * pairs and zeros_odd <= 0.02 * pairs:
        order = "utf-16-be"
    else:
        return None
    text = head[: 2 * pairs].decode(order, errors="replace")
    noise = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 0x20 and ch not in "\t\n\r\f\v"))
    return order if noise <= _MAX_CONTROL_SHARE * len(text) else None


def text_problem(head: bytes) -> str | None:
    """Why a file starting with `head` is not text (EMPTY_FILE, BINARY_FILE), or None when it is.

    NUL padding at the end (a download cut short, a pre-allocated file) does not make text binary.
    """
    if not head:
        return EMPTY_FILE
    if wide_unicode(head) is not None:
        return None
    content = head.rstrip(b"\x00")
    if not content or b"\x00" in content:
        return BINARY_FILE
    controls = len(content.translate(None, _NOT_CONTROL))
    return BINARY_FILE if controls > _MAX_CONTROL_SHARE * len(content) else None


def check_text(head: bytes) -> None:
    """Raise `RejectedInput` when `head` (the start of a file) is empty or binary."""
    problem = text_problem(head)
    if problem is not None:
        raise RejectedInput(problem)


@dataclass(frozen=True, slots=True)
class LineTooLong:
    """Stands for a line longer than the limit, skipped without being held in memory."""

    reason: str


def iter_lines(stream: BinaryIO, *, max_line_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[str | LineTooLong]:
    """Decoded lines of a binary stream, read lazily, line endings kept (the csv module wants them).

    Raises `RejectedInput` first if the stream is empty or binary. UTF-16 and UTF-32 text is decoded
    incrementally as a whole stream; anything else is split on b"\\n" and each line decoded on its
    own (UTF-8, else the legacy encoding of the previous legacy line wins ties). A line longer than
    `max_line_bytes` is skipped and yielded as a `LineTooLong`; memory stays bounded by that limit.
    """
    head = _read_head(stream, HEAD_BYTES)
    check_text(head)
    joined = io.BufferedReader(_Prefixed(head, stream))
    too_long = LineTooLong(LINE_TOO_LONG.format(limit=format_size(max_line_bytes)))
    wide = wide_unicode(head)
    if wide is not None:
        wrapper = io.TextIOWrapper(joined, encoding=wide, errors="replace", newline="")
        yield from _bounded_lines(wrapper.readline, max_line_bytes // 2, "\n", too_long)  # 2+ bytes a character
        return
    prefer: str | None = None
    for raw in _bounded_lines(joined.readline, max_line_bytes, b"\n", too_long):
        if isinstance(raw, LineTooLong):
            yield raw
            continue
        text, encoding = decode_with_encoding(raw, prefer)
        if encoding not in ("utf-8", "utf-8-sig"):
            prefer = encoding
        yield text


def iter_text_lines(stream: BinaryIO, *, max_line_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[str]:
    """As `iter_lines`, for readers that cannot skip a line (CSV): a too-long line raises `RejectedInput`."""
    for line in iter_lines(stream, max_line_bytes=max_line_bytes):
        if isinstance(line, LineTooLong):
            raise RejectedInput(line.reason)
        yield line


def _bounded_lines(readline, limit: int, newline, too_long: LineTooLong) -> Iterator:  # type: ignore[no-untyped-def]
    """Lines from `readline(size)` (bytes or str), each at most `limit` long; a longer one is read
    through in bounded pieces and replaced by `too_long`."""
    while True:
        line = readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(newline):
            yield line
            continue
        while line and not line.endswith(newline):  # drain the rest of the line in bounded pieces
            line = readline(1 << 20)
        yield too_long


def _read_head(stream: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes from one read of the stream (empty only at its end).

    One buffered read (`read1`), not a loop filling `size`: in a gzip cut short, the lines before
    the break must still be read, so no read may reach for data past them before they are yielded.
    """
    read1 = getattr(stream, "read1", None)
    return read1(size) if read1 is not None else stream.read(size)


class _Prefixed(io.RawIOBase):
    """A raw stream reading `head` (already consumed from `stream`) and then the rest of `stream`.

    Closing it does not close `stream`: the reader that opened the stream closes it.
    """

    def __init__(self, head: bytes, stream: BinaryIO):
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = _read_head(self._stream, len(buffer))  # one read: never past a break in the stream
        buffer[: len(data)] = data
        return len(data)
