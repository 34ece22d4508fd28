"""JSON Lines (plain or gzipped, streamed line by line) and JSON files (a list of records or one)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from pipeline.ingest.decoding import LineTooLong, check_text, decode_bytes, iter_lines
from pipeline.ingest.errors import INVALID_JSON, NOT_AN_OBJECT
from pipeline.ingest.fields import record_from_mapping
from pipeline.ingest.limits import MAX_JSON_BYTES, read_limited
from pipeline.ingest.sources import Item, Source
from pipeline.records import IngestError

_JSON_KINDS: dict[type, str] = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}


def read_jsonl(source: Source) -> Iterator[Item]:
    """One record per line; a bad line is reported and reading goes on."""
    with source.open() as stream:
        yield from _read_lines(stream, source)


def read_jsonl_gz(source: Source) -> Iterator[Item]:
    """As `read_jsonl`, decompressing on the fly: the file is never held in memory whole."""
    with source.open() as stream, gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
        yield from _read_lines(unzipped, source)


def read_json(source: Source) -> Iterator[Item]:
    """A JSON array of records (origin `file:N`), or a single record object (origin `file`)."""
    with source.open() as stream:
        raw = read_limited(stream, MAX_JSON_BYTES, "JSON file")
    check_text(raw)
    try:
        data = json.loads(decode_bytes(raw))
    except (ValueError, RecursionError) as exc:  # bad syntax, huge numbers, deep nesting
        yield IngestError(source=source.origin, error=INVALID_JSON.format(detail=exc))
        return
    if isinstance(data, list):
        for number, item in enumerate(data, 1):
            yield _from_object(item, source.at(number))
    else:
        yield _from_object(data, source.origin)


def _read_lines(stream: BinaryIO, source: Source) -> Iterator[Item]:
    for number, line in enumerate(iter_lines(stream), 1):
        if isinstance(line, LineTooLong):
            yield IngestError(source=source.at(number), error=line.reason)
            continue
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except (ValueError, RecursionError) as exc:  # bad syntax, huge numbers, deep nesting
            yield IngestError(source=source.at(number), error=INVALID_JSON.format(detail=exc))
            continue
        yield _from_object(data, source.at(number))


def _from_object(data: Any, origin: str) -> Item:
    if not isinstance(data, dict):
        kind = "null" if data is None else _JSON_KINDS.get(type(data), type(data).__name__)
        return IngestError(source=origin, error=NOT_AN_OBJECT.format(kind=kind))
    return record_from_mapping(data, origin)
