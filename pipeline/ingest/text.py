"""Plain-text documents: the first non-blank line is the title, the rest is the body."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.ingest.decoding import decode_bytes, text_problem
from pipeline.ingest.errors import EMPTY_TEXT_FILE
from pipeline.ingest.fields import finish
from pipeline.ingest.limits import MAX_DOCUMENT_BYTES, read_limited
from pipeline.ingest.sources import Item, Source
from pipeline.records import IngestError, Record

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def read_txt(source: Source) -> Iterator[Item]:
    """One `.txt` file is one document, id'd by its file stem (e.g. "dan-van-toa-dam").

    Empty and binary files, and files over `MAX_DOCUMENT_BYTES`, are one error each.
    """
    with source.open() as stream:
        data = read_limited(stream, MAX_DOCUMENT_BYTES, "text file")
    problem = text_problem(data)
    if problem is not None:
        yield IngestError(source=source.origin, id=source.stem or None, error=problem)
        return
    title, body = split_title(decode_bytes(data))
    if not title:
        yield IngestError(source=source.origin, id=source.stem or None, error=EMPTY_TEXT_FILE)
        return
    yield finish(Record(title=title, body=body, id=source.stem or None, origin=source.origin))


def split_title(text: str) -> tuple[str, str]:
    """(title, body): body lines are kept as they are; only blank lines around the body go.

    >>> split_title("\\n  Hà Nội đổi mới  \\n\\nDòng một\\n  Dòng hai\\n\\n")
    ('Hà Nội đổi mới', 'Dòng một\\n  Dòng hai')
    """
    lines = _LINE_BREAK.split(text)
    start = next((index for index, line in enumerate(lines) if line.strip()), None)
    if start is None:
        return "", ""
    body = lines[start + 1 :]
    while body and not body[0].strip():
        body.pop(0)
    while body and not body[-1].strip():
        body.pop()
    return lines[start].strip(), "\n".join(body)
