"""Per-document summary, keywords and kind."""

from __future__ import annotations

import pipeline
from pipeline.run import SAMPLE


def test_summary_sentences_come_from_the_body() -> None:
    text = (SAMPLE / "sample-002-thai-binh-hoa-giai-co-so.txt").read_text(encoding="utf-8")
    doc = pipeline.analyze(text)
    assert 1 <= len(doc.summary) <= 3
    assert all(sentence in doc.text and sentence != doc.title for sentence in doc.summary)
    assert len(set(doc.summary)) == len(doc.summary)


def test_keywords_are_multi_syllable_words() -> None:
    text = (SAMPLE / "sample-002-thai-binh-hoa-giai-co-so.txt").read_text(encoding="utf-8")
    keywords = pipeline.analyze(text).keywords
    assert keywords and all(" " in k for k in keywords)
