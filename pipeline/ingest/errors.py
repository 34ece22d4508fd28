"""Error reasons for errors.jsonl, in one place so readers and tests agree on the wording."""

from __future__ import annotations

import csv
import gzip
import tarfile
import zipfile
import zlib

import pyarrow as pa

NO_SUCH_PATH = "no such file or directory"
UNSUPPORTED_FORMAT = "unsupported input format '{suffix}'"
NO_EXTENSION = "unsupported input format (no file extension)"
INVALID_JSON = "invalid JSON: {detail}"
NOT_AN_OBJECT = "expected a JSON object, got {kind}"
NO_TEXT = "no text field (expected one of body/text/content/title)"
EMPTY_TEXT_FILE = "empty text file (no non-blank line)"
NO_ARTICLE = "no article text found in the HTML page"
EMPTY_FILE = "empty file"
BINARY_FILE = "binary file, not text"
NO_DOCUMENTS = "no documents found in the file"
TOO_LARGE = "{what} too large: over the {limit} limit"
LINE_TOO_LONG = "line too long: over the {limit} limit for one record"
DOCUMENT_TOO_LONG = "document too long: {length:,} characters (limit {limit:,})"


class RejectedInput(Exception):
    """A file, member or record a reader refuses for a reason of its own; the message is the reason."""


# Most specific first: the first class in an exception's MRO found here names the problem.
_EXCEPTION_REASONS: dict[type[BaseException], str] = {
    EOFError: "truncated compressed data",
    gzip.BadGzipFile: "corrupt gzip data",
    zlib.error: "corrupt compressed data",
    zipfile.BadZipFile: "broken zip archive",
    zipfile.LargeZipFile: "zip archive needs ZIP64",
    tarfile.TarError: "broken tar archive",
    csv.Error: "malformed CSV",
    pa.ArrowException: "unreadable Parquet data",
    FileNotFoundError: NO_SUCH_PATH,
    PermissionError: "permission denied",
    IsADirectoryError: "is a directory",
    OSError: "cannot read",
    UnicodeError: "cannot decode",
}


def describe(exc: BaseException) -> str:
    """A one-line reason for an exception raised while reading a file, keeping its detail."""
    if isinstance(exc, RejectedInput):
        return str(exc)
    for cls in type(exc).__mro__:
        reason = _EXCEPTION_REASONS.get(cls)
        if reason is not None:
            break
    else:
        reason = type(exc).__name__
    detail = str(exc)
    if reason == NO_SUCH_PATH or not detail:
        return reason
    return f"{reason}: {detail}"


def unsupported(suffix: str) -> str:
    """Reason for a file whose extension no reader claims."""
    return UNSUPPORTED_FORMAT.format(suffix=suffix) if suffix else NO_EXTENSION
