"""vnpipe: Vietnamese news and speech archives to structured knowledge.

Public API (CONTRACT.md): `analyze(text, *, title=None, **metadata)` and `segment(text)`.
Heavy modules (underthesea, spaCy) load on first use, so `import pipeline` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.records import DocumentSummary

__all__ = ["analyze", "segment"]
__version__ = "0.1.0"


def analyze(text: str, *, title: str | None = None, **metadata: str | None) -> DocumentSummary:
    """Structured summary of one Vietnamese document; `.to_dict()` gives the CONTRACT schema.

    >>> doc = analyze("Hà Nội họp bàn giải pháp\\n\\nÔng Nguyễn Văn An cho biết thành phố sẽ tăng cường kiểm tra.")
    >>> [p.name for p in doc.people]
    ['Nguyễn Văn An']
    """
    from pipeline.analysis import analyze as _analyze

    return _analyze(text, title=title, **metadata)


def segment(text: str) -> list[list[str]]:
    """Sentences of words; a multi-syllable word is one string with single spaces.

    >>> segment("Hà Nội mưa to.")
    [['Hà Nội', 'mưa', 'to', '.']]
    """
    from pipeline.nlp import segment as _segment

    return _segment(text)
