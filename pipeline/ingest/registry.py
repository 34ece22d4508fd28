"""Which reader handles which file: suffix -> reader, looked up in dicts (add a format = add an entry)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

from pipeline.ingest.archives import tar_members, zip_members
from pipeline.ingest.errors import NO_DOCUMENTS, describe, unsupported
from pipeline.ingest.htmlpage import read_html
from pipeline.ingest.jsonfiles import read_json, read_jsonl, read_jsonl_gz
from pipeline.ingest.sources import Item, Source
from pipeline.ingest.tabular import read_csv, read_parquet
from pipeline.ingest.text import read_txt
from pipeline.records import IngestError

Reader = Callable[[Source], Iterator[Item]]
MemberLister = Callable[[Source], Iterator[Source]]

READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".jsonl.gz": read_jsonl_gz,
    ".csv": read_csv,
    ".parquet": read_parquet,
    ".html": read_html,
    ".htm": read_html,
}
"""Document formats: suffix (lower case) -> reader yielding records and per-record errors."""

ARCHIVES: dict[str, MemberLister] = {
    ".zip": zip_members,
    ".tar.gz": tar_members,
    ".tgz": tar_members,
}
"""Container formats: suffix -> lister of members, each dispatched again by its own name."""

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(sorted([*READERS, *ARCHIVES]))
_LONGEST_FIRST = sorted(SUPPORTED_SUFFIXES, key=len, reverse=True)  # ".jsonl.gz" before ".gz"-like tails


def match_suffix(name: str) -> str | None:
    """The registered suffix `name` ends with (case-insensitive, longest match), or None."""
    lowered = name.lower()
    return next((suffix for suffix in _LONGEST_FIRST if lowered.endswith(suffix)), None)


def read_source(source: Source) -> Iterator[Item]:
    """Every record of a file or archive member; failures become IngestErrors, never exceptions.

    An error is charged to the innermost thing being read: a bad line to `file:N`, a corrupt member
    to `archive!member`, a truncated archive to the archive (after what was read before the break).
    A file that yields nothing at all is reported too (NO_DOCUMENTS), so every input is accounted for.
    """
    suffix = match_suffix(source.name)
    if suffix is None:
        yield IngestError(source=source.origin, error=unsupported(PurePosixPath(source.name).suffix.lower()))
        return
    found = 0
    try:
        if suffix in ARCHIVES:
            for member in ARCHIVES[suffix](source):
                for item in read_source(member):
                    found += 1
                    yield item
        else:
            for item in READERS[suffix](source):
                found += 1
                yield item
    except Exception as exc:  # one unreadable file must not stop a run over thousands
        yield IngestError(source=source.origin, error=describe(exc))
        return
    if not found:  # a blank .jsonl, a header-only .csv, "[]", an empty archive: say so, never skip silently
        yield IngestError(source=source.origin, error=NO_DOCUMENTS)
