"""Folder inputs: the files below a folder, in a reproducible order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from pipeline.ingest.errors import describe
from pipeline.ingest.sources import is_skipped
from pipeline.records import IngestError


def walk_folder(folder: Path) -> Iterator[Path | IngestError]:
    """Files under `folder`, depth first, entries sorted by name so runs are deterministic.

    Hidden entries and `__MACOSX` are skipped; an unreadable sub-folder is reported, not fatal;
    symlinked folders are followed once (a link loop cannot recurse forever).
    """
    yield from _walk(folder, set())


def _walk(folder: Path, seen: set[str]) -> Iterator[Path | IngestError]:
    real = os.path.realpath(folder)
    if real in seen:
        return
    seen.add(real)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield IngestError(source=os.fspath(folder), error=describe(exc))
        return
    for entry in entries:
        if is_skipped(entry.name):
            continue
        path = folder / entry.name
        if entry.is_dir():
            yield from _walk(path, seen)
        elif entry.is_file() or entry.is_symlink():  # a dangling link is reported when opened
            yield path
