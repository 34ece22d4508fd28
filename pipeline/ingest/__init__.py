"""Ingestion: input files and folders -> `Record`s, or `IngestError`s for what cannot be read.

No NLP happens here. Formats are those of CONTRACT.md (Inputs); see `SUPPORTED_SUFFIXES`.

>>> for item in iter_records(["corpora/sample"]):  # doctest: +SKIP
...     print(item.origin if isinstance(item, Record) else item.error)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.ingest.errors import NO_SUCH_PATH
from pipeline.ingest.folders import walk_folder
from pipeline.ingest.registry import SUPPORTED_SUFFIXES, read_source
from pipeline.ingest.sources import Source
from pipeline.records import IngestError, Record

__all__ = ["SUPPORTED_SUFFIXES", "iter_records"]


def iter_records(paths: Iterable[str | Path]) -> Iterator[Record | IngestError]:
    """Lazily read every document under `paths` (files or folders, folders recursively in name order).

    Never raises for bad input: each unreadable document, line or file yields an `IngestError`
    and reading goes on, so every input ends up in the output or in the error log.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in walk_folder(path):
                if isinstance(found, IngestError):
                    yield found
                else:
                    yield from read_source(Source.from_path(found))
        elif path.exists() or path.is_symlink():
            yield from read_source(Source.from_path(path))
        else:
            yield IngestError(source=os.fspath(raw), error=NO_SUCH_PATH)
