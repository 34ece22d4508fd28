"""Size limits: what one input may weigh before it would exhaust memory or time, in one place.

Readers check these before holding anything whole in memory and report the limit in the error,
so an oversized input costs one errors.jsonl line, never the run.
"""

from __future__ import annotations

from typing import BinaryIO

from pipeline.ingest.errors import TOO_LARGE, RejectedInput

MAX_DOCUMENT_BYTES = 20 * 2**20
"""One document read whole: a .txt or .html file, one line of .jsonl, one line of .csv."""

MAX_JSON_BYTES = 512 * 2**20
"""A .json file, parsed whole (a list of records); larger collections belong in .jsonl."""

MAX_MEMBER_BYTES = 2 * 2**30
"""An archive member, as declared by the archive or when it must be buffered in memory (a zip or
Parquet file inside a tar.gz, which cannot be read without seeking)."""

MAX_DOCUMENT_CHARS = 1_000_000
"""Characters of one document's text (title, lead and body). Analysis time grows with length
(about 25 s for 1,000,000 characters on one core) and spaCy refuses longer texts (its `max_length`)."""


def format_size(size: int) -> str:
    """A byte count as people write it: "20 MiB", "2 GiB", "512 KiB", "100 bytes"."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"


def too_large(what: str, limit: int) -> RejectedInput:
    """The error for an input over a byte limit, naming the limit."""
    return RejectedInput(TOO_LARGE.format(what=what, limit=format_size(limit)))


def read_limited(stream: BinaryIO, limit: int, what: str) -> bytes:
    """All of `stream`, or `RejectedInput` as soon as it holds more than `limit` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(what, limit)
    return data
