"""Archives (zip, tar.gz): their members, streamed one at a time, as `Source`s to be read like files.

Nothing is extracted to disk, so member names with `..` or absolute paths are only labels, and
links inside a tar are skipped. A member declaring more than `MAX_MEMBER_BYTES` is an error of
its own, raised when it is opened (so it is charged to the member, not the archive).
"""

from __future__ import annotations

import tarfile
import zipfile
from collections.abc import Callable, Iterator
from functools import partial
from typing import BinaryIO

from pipeline.ingest.limits import MAX_MEMBER_BYTES, too_large
from pipeline.ingest.sources import Source, is_skipped


def zip_members(source: Source) -> Iterator[Source]:
    """Members in stored order; directories, hidden files and `__MACOSX` are skipped."""
    with source.open_seekable() as stream, zipfile.ZipFile(stream) as archive:
        for info in archive.infolist():
            if info.is_dir() or is_skipped(info.filename):
                continue
            opener = partial(archive.open, info) if info.file_size <= MAX_MEMBER_BYTES else _oversized
            yield source.member(info.filename, opener)


def tar_members(source: Source) -> Iterator[Source]:
    """Regular-file members of a gzipped tar, read as a forward-only stream (`r|gz`).

    Each member must be read before the next one is requested, which `read_source` does.
    """
    with source.open() as stream, tarfile.open(fileobj=stream, mode="r|gz") as archive:
        for member in archive:
            if not member.isfile() or is_skipped(member.name):
                continue
            if member.size > MAX_MEMBER_BYTES:
                yield source.member(member.name, _oversized)
                continue
            content = archive.extractfile(member)
            if content is not None:
                yield source.member(member.name, _already_open(content))


def _already_open(stream: BinaryIO) -> Callable[[], BinaryIO]:
    return lambda: stream


def _oversized() -> BinaryIO:
    raise too_large("archive member", MAX_MEMBER_BYTES)
