"""Where bytes come from: a file on disk or a member inside an archive, named for error messages."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from pipeline.ingest.limits import MAX_MEMBER_BYTES, read_limited
from pipeline.records import IngestError, Record

Item = Record | IngestError
"""What every reader yields: a document, or the reason one (or a whole file) could not be read."""

_SEPARATORS = re.compile(r"[/\\]")
_SKIPPED_FOLDERS = frozenset({"__MACOSX"})


@dataclass(frozen=True, slots=True)
class Source:
    """One readable thing. `name` picks the reader by suffix; `origin` is what errors and records cite."""

    name: str
    origin: str
    opener: Callable[[], BinaryIO]

    @classmethod
    def from_path(cls, path: Path) -> Source:
        return cls(name=path.name, origin=os.fspath(path), opener=lambda: open(path, "rb"))  # noqa: SIM115

    @property
    def stem(self) -> str:
        """The file name without its extension: the id of single-document files (`.txt`, `.html`)."""
        return PurePosixPath(_SEPARATORS.split(self.name)[-1]).stem

    def open(self) -> BinaryIO:
        """A fresh binary stream; the caller closes it."""
        return self.opener()

    def open_seekable(self) -> BinaryIO:
        """A stream that supports seeking, for formats read from the end (zip, parquet).

        Members of a streamed tar cannot seek, so only those are buffered in memory — one member,
        never the archive around it; nothing is ever written to disk.
        """
        stream = self.opener()
        try:
            seekable = stream.seekable()
        except (AttributeError, OSError):  # tar stream members raise instead of answering
            seekable = False
        if seekable:
            return stream
        with stream:
            return io.BytesIO(read_limited(stream, MAX_MEMBER_BYTES, "archive member"))

    def at(self, number: int) -> str:
        """Origin of the `number`-th (1-based) record of a multi-record file."""
        return f"{self.origin}:{number}"

    def member(self, name: str, opener: Callable[[], BinaryIO]) -> Source:
        """A member of this archive; its name is only a label, never a path on disk."""
        return Source(name=name, origin=f"{self.origin}!{name}", opener=opener)


def is_skipped(name: str) -> bool:
    """Hidden files and folders and macOS resource forks are not documents (inside folders and archives)."""
    parts = [part for part in _SEPARATORS.split(name) if part]
    hidden = any(part.startswith(".") and part not in (".", "..") for part in parts)
    return hidden or any(part in _SKIPPED_FOLDERS for part in parts)
