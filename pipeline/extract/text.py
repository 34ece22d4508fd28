"""Shared helpers over the annotated Doc: syllables with offsets, lexicon matchers.

Vietnamese writes one syllable per space-separated unit; a word ("Hà Nội") is one or more
syllables. Names, titles and organisations are found as runs of syllables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from pipeline.resources import load_lexicon

SYLLABLE = re.compile(r"\w+(?:[.'’]\w+)*", re.UNICODE)


@dataclass(slots=True, frozen=True)
class Syllable:
    text: str
    start: int
    end: int

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_upper(self) -> bool:
        return self.text.isupper() and len(self.text) > 1


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy rebuilds `doc.text` from its tokens on every access."""
    text = doc.user_data.get("vnp_text")
    if text is None:
        text = doc.user_data["vnp_text"] = doc.text
    return text


def syllables(text: str, start: int = 0, end: int | None = None) -> list[Syllable]:
    end = len(text) if end is None else end
    return [Syllable(m.group(), m.start(), m.end()) for m in SYLLABLE.finditer(text, start, end)]


def fold(s: str) -> str:
    """Case- and spacing-insensitive key of a phrase."""
    return " ".join(s.lower().split())


class PhraseSet:
    """A lexicon of multi-syllable phrases matched case-insensitively, longest first. An entry written
    "!phrase" is an exception: a match inside that phrase does not count ("!chậm nhất": "at the latest",
    no delay; "!cứu nạn": a rescue, not a disaster)."""

    def __init__(self, entries: list[str]):
        self.entries = {fold(e) for e in entries if not e.startswith("!")}
        self.exceptions = {fold(e[1:]) for e in entries if e.startswith("!")}
        self.max_len = max((len(e.split()) for e in self.entries), default=1)
        self.max_exception = max((len(e.split()) for e in self.exceptions), default=0)
        # first syllable of every entry: most syllables of a text start none, and are rejected at once
        self.first = {m.group().lower() for e in self.entries if (m := SYLLABLE.search(e))}

    def match_at(self, sylls: list[Syllable], i: int, text: str) -> int:
        """Number of syllables of the longest entry starting at sylls[i] (0 when none, or when the
        match lies inside an exception)."""
        if sylls[i].text.lower() not in self.first:
            return 0
        for n in range(min(self.max_len, len(sylls) - i), 0, -1):
            if fold(text[sylls[i].start : sylls[i + n - 1].end]) in self.entries:
                return 0 if self._in_exception(sylls, i, n, text) else n
        return 0

    def _in_exception(self, sylls: list[Syllable], i: int, n: int, text: str) -> bool:
        """Whether an exception phrase covers sylls[i : i + n]."""
        for start in range(max(0, i + n - self.max_exception), i + 1):
            for end in range(max(start + 1, i + n), min(start + self.max_exception, len(sylls)) + 1):
                if fold(text[sylls[start].start : sylls[end - 1].end]) in self.exceptions:
                    return True
        return False

    def __contains__(self, phrase: str) -> bool:
        return fold(phrase) in self.entries


def not_after_abbreviation(tail: str = "") -> str:
    """Regex lookbehinds that fail just after an abbreviation of `abbreviations.txt` followed by the
    pattern `tail` ("TP. HCM", "PGS. TS"): a full stop there ends no sentence or item."""
    return "".join(rf"(?<!\b{re.escape(a)}{tail})" for a in load_lexicon("abbreviations"))


@cache
def lexicon(name: str) -> PhraseSet:
    return PhraseSet(load_lexicon(name))


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(e.lower() for e in load_lexicon(name))
