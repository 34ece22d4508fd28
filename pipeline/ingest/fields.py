"""Loosely named input fields to `Record`: the one place that knows the field aliases.

Archives label the same thing differently (`sapo`, `lead`, `description`...); the CONTRACT fixes
which names count and in which order, case-insensitively, so every tabular or JSON reader shares this.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from pipeline.ingest.decoding import decode_bytes
from pipeline.ingest.errors import DOCUMENT_TOO_LONG, NO_TEXT
from pipeline.ingest.limits import MAX_DOCUMENT_CHARS
from pipeline.records import IngestError, Record

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "title": ("title",),
    "lead": ("sapo", "lead", "description", "summary"),
    "body": ("body", "text", "content"),
    "url": ("url",),
    "source": ("source", "site"),
    "published": ("published", "date", "publish_date"),
    "author": ("author",),
}
"""Record attribute -> input field names (lower case), first present wins."""

KNOWN_FIELDS = frozenset(name for names in ALIASES.values() for name in names)

_YMD = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_VI_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def record_from_mapping(row: Mapping[Any, Any], origin: str) -> Record | IngestError:
    """Build a Record from a JSON object, CSV row or Parquet row; an IngestError if it has no text."""
    fields: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(key, str) and _present(value):
            fields.setdefault(key.strip().lower(), value)

    def pick(attribute: str) -> Any:
        return next((fields[name] for name in ALIASES[attribute] if name in fields), None)

    record = Record(
        title=_text(pick("title"), "\n").strip(),
        lead=_text(pick("lead"), "\n"),
        body=_text(pick("body"), "\n"),
        id=_optional(pick("id")),
        url=_optional(pick("url")),
        source=_optional(pick("source")),
        published=normalize_date(pick("published")),
        author=_optional(pick("author")),
        origin=origin,
    )
    return finish(record)


def finish(record: Record) -> Record | IngestError:
    """Reject a record with nothing to analyse, or too long to analyse (`MAX_DOCUMENT_CHARS`);
    give an id-less record its content hash as id."""
    if not (record.title.strip() or record.body.strip()):
        return IngestError(source=record.origin, id=record.id, error=NO_TEXT)
    if not record.id:
        record.id = record.content_hash()
    length = len(record.text)
    if length > MAX_DOCUMENT_CHARS:
        reason = DOCUMENT_TOO_LONG.format(length=length, limit=MAX_DOCUMENT_CHARS)
        return IngestError(source=record.origin, id=record.id, error=reason)
    return record


def normalize_date(value: Any) -> str | None:
    """YYYY-MM-DD for anything that reads as a date (ISO, dd/mm/yyyy, RFC 2822, 'ngày 4 tháng 11 năm
    2020'); None otherwise. Day-first, as Vietnamese dates are written."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        value = decode_bytes(value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    for pattern, order in ((_YMD, (0, 1, 2)), (_DMY, (2, 1, 0)), (_VI_WORDS, (2, 1, 0))):
        match = pattern.search(text)
        if match:
            parts = [int(group) for group in match.groups()]
            try:
                return date(parts[order[0]], parts[order[1]], parts[order[2]]).isoformat()
            except ValueError:
                return None
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _present(value: Any) -> bool:
    """Whether a field counts as given: empty strings, nulls and NaN (pandas' missing) do not."""
    if value is None:
        return False
    if isinstance(value, str | bytes):
        return bool(value.strip())
    if isinstance(value, float):
        return not math.isnan(value)
    if isinstance(value, list | tuple):
        return any(_present(item) for item in value)
    return True


def _text(value: Any, separator: str) -> str:
    """A field value as text: numbers via str(), bytes decoded, lists joined (paragraph lists by lines)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return decode_bytes(value)
    if isinstance(value, list | tuple):
        return separator.join(_text(item, separator) for item in value if _present(item))
    return str(value)


def _optional(value: Any) -> str | None:
    """A metadata value (id, url, source, author) trimmed, or None when absent; lists are comma-joined."""
    text = _text(value, ", ").strip()
    return text or None
