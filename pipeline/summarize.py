"""Per-document aggregates: the kind of document, a short extractive summary, and keywords."""

from __future__ import annotations

import math
import re
from collections import Counter

from spacy.tokens import Doc

from pipeline.extract.text import lexicon, word_set

_SPEECH_OPENING = re.compile(r"^\s*(?:kính\s+)?thưa\b", re.IGNORECASE | re.MULTILINE)
_FIRST_PERSON = re.compile(r"\b(?:tôi|chúng ta|chúng tôi)\b", re.IGNORECASE)
_LETTER = re.compile(r"^(?:thư|bức thư)\b", re.IGNORECASE)


def document_kind(title: str, text: str) -> str:
    """speech when the headline or opening says so, letter for "Thư ...", else news."""
    low_title = title.lower()
    if any(marker in low_title for marker in lexicon("speech_markers").entries):
        return "speech"
    head = text[:2000]
    if _SPEECH_OPENING.search(head) and len(_FIRST_PERSON.findall(text)) >= 2:
        return "speech"
    if _LETTER.match(title.strip()):
        return "letter"
    return "news"


def keywords(doc: Doc, limit: int = 10) -> list[str]:
    """Multi-syllable nouns and proper nouns, by frequency damped by length, without stop words."""
    stop = word_set("stopwords")
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for t in doc:
        if " " not in t.text or t.tag_ not in ("N", "Np", "Ny", "V") or t.text.lower() in stop:
            continue
        key = t.text.lower()
        counts[key] += 1
        if key not in surface or (t.text[:1].isupper() and t.tag_ == "Np"):
            surface[key] = t.text
    return [surface[k] for k, _ in counts.most_common(limit)]


def summarize(doc: Doc, title: str, limit: int = 3) -> list[str]:
    """Up to `limit` sentences of the body, the most informative first.

    A sentence scores by how many of the document's keywords it holds (log-damped frequency),
    normalised by its length, with a bonus for sentences near the start (news puts the gist first).
    """
    stop = word_set("stopwords")
    freq: Counter[str] = Counter(
        t.text.lower() for t in doc if " " in t.text and t.tag_ in ("N", "Np", "V") and t.text.lower() not in stop
    )
    candidates = []
    for rank, sent in enumerate(doc.sents):
        text = sent.text.strip()
        if len(text.split()) < 8 or text == title.strip():
            continue
        words = [t.text.lower() for t in sent if " " in t.text]
        score = sum(math.log1p(freq[w]) for w in set(words)) / math.sqrt(len(sent) + 1)
        score *= 1.0 + 1.0 / (1 + rank)
        candidates.append((score, rank, text))
    best = sorted(candidates, reverse=True)[:limit]
    return [text for _, _, text in best]
