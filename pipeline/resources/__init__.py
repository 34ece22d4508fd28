"""Lexicons shipped as data files, so that rules can grow without touching code.

Each lexicon is a UTF-8 text file in this folder, one entry a line; blank lines and lines
starting with '#' (the header saying what the file holds) are skipped. Files are read once
per process and their entries put in Unicode NFC, the form every stage compares against.
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources

BOILERPLATE_LINES = "boilerplate_lines.txt"
FAMILY_NAMES = "family_names.txt"


def load_lexicon(name: str) -> list[str]:
    """Entries of the lexicon `name` (file name, ".txt" optional), in file order.

    Returns a fresh list each call so callers may mutate it without touching the cache.
    """
    return list(_read_lexicon(name if name.endswith(".txt") else f"{name}.txt"))


@functools.cache
def _read_lexicon(filename: str) -> tuple[str, ...]:
    """Read and parse one data file; cached because lexicons are looked up per document."""
    text = resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        entry = unicodedata.normalize("NFC", line.strip())
        if entry and not entry.startswith("#"):
            entries.append(entry)
    return tuple(entries)
