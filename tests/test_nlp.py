"""The annotation stage: the Doc keeps the text exactly and carries words, tags and entities."""

from __future__ import annotations

import pytest

from pipeline.nlp import annotate, segment

AWKWARD = [
    "Hà Nội mưa to.",
    "  Khoảng trắng đầu dòng\n\n\nvà ba dòng trống  ",
    "“Trích dẫn”- ông Dũng nói. Bà Hạnh  đồng ý.",
    "T.Ư, TP.HCM, 12,5% và 3.200 tỷ đồng…",
    "Dòng một\r\nDòng hai\tcó tab",
    "''Ngoặc kép đơn'' và ‘ngoặc cong’ (chú thích)",
    "",
    "\n",
    "English words mixed với tiếng Việt 😀 emoji",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_nlp_doc_text_round_trip(text: str) -> None:
    assert annotate(text).text == text


def test_nlp_words_tags_entities() -> None:
    doc = annotate("Bộ trưởng Nguyễn Văn An làm việc tại Hà Nội. Ông An cho biết sẽ tăng cường kiểm tra.")
    words = [t.text for t in doc if not t.is_space]
    assert "Hà Nội" in words and "tăng cường" in words and "Nguyễn Văn An" in words
    assert len(list(doc.sents)) == 2
    assert {t.tag_ for t in doc} >= {"Np", "V"}
    assert any(e.label_ == "LOC" and e.text == "Hà Nội" for e in doc.ents)
    assert all(t._.vnp_chunk for t in doc)


def test_nlp_segment_shape() -> None:
    assert segment("Hà Nội mưa to. Tôi đi học.") == [["Hà Nội", "mưa", "to", "."], ["Tôi", "đi", "học", "."]]


def test_nlp_segment_same_words_as_the_doc() -> None:
    from pipeline.run import SAMPLE

    text = (SAMPLE / "sample-002-thai-binh-hoa-giai-co-so.txt").read_text(encoding="utf-8")
    doc = annotate(text)
    from_doc = [[" ".join(t.text.split()) for t in s if not t.is_space] for s in doc.sents]
    assert segment(text) == [s for s in from_doc if s]
