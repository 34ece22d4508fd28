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


# Chosen on development articles (not on the held-out ones the benchmark reports).
_POSITION_WEIGHT = 0.2  # news puts the gist first
_REDUNDANCY_WEIGHT = 0.5  # maximal marginal relevance: do not repeat what is already chosen
_TITLE_WEIGHT = 2  # words of the headline count more in the document's centroid
_BUDGET_SYLLABLES = 45  # about the length of a lead paragraph


def _content_words(span) -> list[str]:
    stop = word_set("stopwords")
    return [
        t.text.lower()
        for t in span
        if not (t.is_punct or t.is_space or t.like_num)
        and t.text.lower() not in stop
        and (" " in t.text or t.tag_ in ("N", "Np", "V", "A"))
    ]


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    num = sum(v * b[k] for k, v in a.items())
    den = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return num / den if den else 0.0


def summarize(doc: Doc, title: str, limit: int = 3) -> list[str]:
    """Up to `limit` sentences of the body, the most informative first.

    Centroid summarisation: a sentence scores by its cosine with the document's content words (the
    headline's counting double), plus a bonus for coming early; sentences are picked greedily with
    a penalty for repeating one already picked, until about a lead paragraph's length.
    """
    sentences = [
        s for s in doc.sents if s.text.strip() and s.text.strip() != title.strip() and len(s.text.split()) >= 8
    ]
    if not sentences:
        return []
    vectors = [Counter(_content_words(s)) for s in sentences]
    centroid: Counter[str] = Counter()
    for v in vectors:
        centroid.update(v.keys())
    first = next(iter(doc.sents), None)
    if first is not None and first.text.strip() == title.strip():
        for w in set(_content_words(first)):
            centroid[w] += _TITLE_WEIGHT
    base = [_cosine(v, centroid) + _POSITION_WEIGHT / (1 + i) for i, v in enumerate(vectors)]
    chosen: list[int] = []
    length = 0
    while len(chosen) < limit and length < _BUDGET_SYLLABLES and len(chosen) < len(sentences):

        def gain(i: int) -> float:
            return base[i] - _REDUNDANCY_WEIGHT * max((_cosine(vectors[i], vectors[j]) for j in chosen), default=0.0)

        best = max((i for i in range(len(sentences)) if i not in chosen), key=gain)
        chosen.append(best)
        length += len(sentences[best].text.split())
    return [sentences[i].text.strip() for i in chosen]
