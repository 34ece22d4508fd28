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


def test_nlp_segment_keeps_the_docs_sentences_and_characters() -> None:
    from pipeline.run import SAMPLE

    text = (SAMPLE / "sample-002-thai-binh-hoa-giai-co-so.txt").read_text(encoding="utf-8")
    doc = annotate(text)
    from_doc = [[" ".join(t.text.split()) for t in s if not t.is_space] for s in doc.sents]
    from_doc = [s for s in from_doc if s]
    segmented = segment(text)
    assert len(segmented) == len(from_doc)
    for words, doc_words in zip(segmented, from_doc, strict=True):
        assert "".join("".join(words).split()) == "".join("".join(doc_words).split())


def test_nlp_segment_treebank_conventions() -> None:
    (words,) = segment("Ông Nguyễn Đình Chiểu cho biết 95% hộ dân ở Hà Nội đã nhận 10 triệu đồng từ Ủy ban nhân dân.")
    assert "Nguyễn Đình Chiểu" in words  # a name in title-case pieces is one word
    assert "95%" in words and "10 triệu" in words  # a numeral with "%" or its scale word
    assert "Hà Nội" in words and "Ủy ban" in words  # places and organisation heads stay whole
    assert words[-1] == "."


def test_nlp_segment_beats_underthesea_on_the_treebank_test_file() -> None:
    """The issue's bar, measured on UD Vietnamese-VTB test words (when ../shared is beside the project)."""
    from underthesea import word_tokenize

    from benchmarks.segmentation import read_conllu, score
    from tests.conftest import SHARED, shared_path

    gold = read_conllu(shared_path(SHARED / "eval" / "ud-vtb" / "test.conllu"))
    ours = [[w for sentence in segment(" ".join(g)) for w in sentence] for g in gold]
    theirs = [word_tokenize(" ".join(g), use_token_normalize=False) for g in gold]
    f1_ours, f1_theirs = score(gold, ours)[2], score(gold, theirs)[2]
    assert f1_ours >= 0.975 and f1_ours > f1_theirs + 0.01
