"""Plain data objects passed between the pipeline's stages.

Ingest yields `Record`s (or `IngestError`s); extraction produces `Person`, `Statement`,
`Solution`, `Problem`, `Figure`; `DocumentSummary` is one line of documents.jsonl.
Every stage imports these, and nothing else, from the stages before it.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Record:
    """One input document as read from a file, before any analysis.

    `origin` names where it came from (file path, plus `!member` or `:line` inside
    archives and multi-record files) so errors and duplicates can point back to it.
    """

    title: str = ""
    lead: str = ""  # the sapo: the bold opening paragraph of a Vietnamese news article
    body: str = ""
    id: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    author: str | None = None
    origin: str = ""

    @property
    def text(self) -> str:
        """Title, lead and body joined by blank lines (the CONTRACT's document text)."""
        return "\n\n".join(part for part in (self.title, self.lead, self.body) if part and part.strip())

    def content_hash(self) -> str:
        """Stable hash of the document's content: the id of records that carry none."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class IngestError:
    """An input document or file that could not be read: one errors.jsonl line."""

    source: str
    error: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "id": self.id, "error": self.error}


@dataclass(slots=True)
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    start: int = -1  # offset of the first mention, for ordering and rendering


@dataclass(slots=True)
class Statement:
    speaker: str | None
    speaker_is_person: bool
    type: str  # "direct" | "indirect"
    cue: str
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Solution:
    text: str
    proposer: str | None
    start: int
    end: int
    theme: str | None = None
    # the segmenter's words of `text`, as annotated in its document (not in the CONTRACT schema):
    # grouping solutions into themes reuses them instead of segmenting every text again
    words: tuple[str, ...] = ()


@dataclass(slots=True)
class Problem:
    text: str
    raised_by: str | None
    start: int
    end: int


@dataclass(slots=True)
class Figure:
    value: float | int
    unit: str
    text: str
    start: int = -1
    end: int = -1


@dataclass(slots=True)
class DocumentSummary:
    """The structured summary of one document (CONTRACT.md, one line of documents.jsonl)."""

    id: str
    title: str
    text: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    kind: str = "news"
    summary: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    solutions: list[Solution] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    origin: str = ""

    def to_dict(self, *, with_text: bool = True) -> dict[str, Any]:
        """The CONTRACT schema; `text` (the normalised document text) is an extra field."""
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "author": self.author,
            "kind": self.kind,
            "summary": list(self.summary),
            "keywords": list(self.keywords),
            "people": [
                {"name": p.name, "aliases": p.aliases, "roles": p.roles, "organizations": p.organizations}
                for p in self.people
            ],
            "organizations": [{"name": o} for o in self.organizations],
            "statements": [asdict(s) for s in self.statements],
            "solutions": [
                {"text": s.text, "proposer": s.proposer, "theme": s.theme, "start": s.start, "end": s.end}
                for s in self.solutions
            ],
            "problems": [asdict(p) for p in self.problems],
            "figures": [asdict(f) for f in self.figures],
        }
        if with_text:
            out["text"] = self.text
        return out
