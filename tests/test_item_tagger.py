"""The learnt problem tagger: the committed model, its features and decoding."""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import pipeline
from pipeline.extract import item_tagger
from pipeline.extract.item_tagger import (
    Word,
    document_features,
    gold_labels,
    item_probabilities,
    load_tagger,
    sentence_words,
    spans_of,
    split_at_rule_items,
    trim,
)
from pipeline.extract.solutions import rule_items
from pipeline.nlp import annotate

MODELS = Path(__file__).resolve().parents[1] / "models" / "items"


def test_committed_tagger_loads_with_its_manifest() -> None:
    manifest = json.loads((MODELS / "MANIFEST.json").read_text(encoding="utf-8"))
    tagger = load_tagger("problems")
    assert tagger is not None and manifest["problems"]["shipped"]
    assert tagger.o_weight == manifest["problems"]["o_weight"]
    assert set(tagger.tagger.labels()) == {"B", "I", "O"}
    assert manifest["problems"]["features"] > 1000
    assert hashlib.sha256((MODELS / "problems.crfsuite").read_bytes()).hexdigest() == manifest["problems"]["sha256"]
    # a model ships only where cross-validation shows it beats the rules alone
    assert manifest["problems"]["cv_f1_learnt"] > manifest["problems"]["cv_f1_rules"]


def people_statements(text: str):
    doc = annotate(text)
    people = pipeline.extract.extract_people(doc)
    return doc, people, pipeline.extract.extract_statements(doc, people)


def test_features_see_words_tags_cues_statements_and_the_rules_items() -> None:
    text = (
        'Giao thông đô thị\n\nBộ trưởng Nguyễn Văn Thắng nói: "Các địa phương phải tăng cường kiểm tra tải trọng xe."'
    )
    doc, people, statements = people_statements(text)
    found = rule_items(doc, statements, people)
    sentences = sentence_words(doc)
    features = document_features(doc, sentences, found.spans(), statements)
    assert [len(s) for s in features] == [len(s) for s in sentences]
    words = {w.text: f for s, fs in zip(sentences, features, strict=True) for w, f in zip(s, fs, strict=True)}
    demand = words["Các"]
    assert demand["rs"] == "B" and words["tăng cường"]["rs"] == "I"  # the rules' solution starts at "Các"
    assert demand["st"] == "directS" and demand.get("stB") == 1.0  # a quote with a speaker opens here
    assert words["phải"]["c_solution_cues_strong"] == "B" and words["phải"]["p"]
    assert words["tăng cường"]["c-1_solution_cues_strong"] == 1.0  # the cue just before it
    assert words["Giao thông"]["st"] == "none" and words["Giao thông"]["rs"] == "O"


def test_labels_and_decoding_round_trip() -> None:
    text = "Cần nạo vét kênh, kênh bị bồi lấp."
    parts = [("Cần", "V"), ("nạo vét", "V"), ("kênh", "N"), (",", "CH"), ("kênh", "N"), ("bị", "V"), ("bồi lấp", "V")]
    words, at = [], 0
    for word, tag in [*parts, (".", "CH")]:
        at = text.index(word, at)
        words.append(Word(at, at + len(word), word, tag))
        at += len(word)
    labels = gold_labels([words], [(0, 16)])  # "Cần nạo vét kênh"
    assert labels == [["B", "I", "I", "O", "O", "O", "O", "O"]]
    sure = [[{label: 1.0 if label == y else 0.0 for label in "BIO"} for y in labels[0]]]
    assert spans_of(text, [words], sure, 1.0) == [(0, 16)]
    # doubtful words (P(O) 0.55, 0.6) join the item only when the O label is weighed down
    doubtful = [dict(p) for p in sure[0]]
    doubtful[3] = {"B": 0.0, "I": 0.4, "O": 0.6}
    doubtful[4] = {"B": 0.0, "I": 0.45, "O": 0.55}
    assert spans_of(text, [words], [doubtful], 1.0) == [(0, 16)]
    assert spans_of(text, [words], [doubtful], 0.5) == [(0, 22)]  # "Cần nạo vét kênh, kênh"
    assert spans_of(text, [words[1:2]], [sure[0][:1]], 1.0) == []  # "nạo vét": two syllables are no item
    # a tagged span holding two of the rules' items is cut where the rules cut
    assert split_at_rule_items([(0, 33)], [(0, 16), (18, 33)]) == [(0, 16), (18, 33)]
    assert split_at_rule_items([(0, 33)], [(18, 33)]) == [(0, 33)]


def test_item_probabilities_average_the_words_inside_an_item() -> None:
    words = [Word(0, 3, "Cần", "V"), Word(4, 11, "nạo vét", "V"), Word(12, 16, "kênh", "N"), Word(16, 17, ",", "CH")]
    marginals = [[{"B": 0.8, "I": 0.0, "O": 0.2}, {"B": 0.0, "I": 0.6, "O": 0.4}, {"O": 1.0}, {"O": 1.0}]]
    assert item_probabilities([words], marginals, [(0, 11), (12, 17), (20, 30)]) == pytest.approx([0.7, 0.0, 0.0])


def test_item_edges_lose_punctuation_and_stray_quotes() -> None:
    text = 'Khu vực này theo quy hoạch là "không xây dựng nhà ở cao tầng mới".'
    assert text[slice(*trim(text, 0, text.index('"') + 1))] == "Khu vực này theo quy hoạch là"
    assert text[slice(*trim(text, text.index('"'), len(text)))] == '"không xây dựng nhà ở cao tầng mới"'
    quoted = "vì “giải cứu nông sản” – "
    assert quoted[slice(*trim(quoted, 2, len(quoted)))] == "“giải cứu nông sản”"


def rules_and_learnt(text: str) -> tuple[tuple[list, list], tuple[list, list]]:
    """(solutions, problems) of the rules alone, then re-drawn by the taggers."""
    doc, people, statements = people_statements(text)
    rules = pipeline.extract.extract_solutions_problems(doc, statements, people, learnt=False)
    return rules, pipeline.extract.extract_solutions_problems(doc, statements, people)


def test_the_tagger_finds_a_problem_told_without_cue_words() -> None:
    """No lexicon lists "bị ngứa và nổi mẩn đỏ": the rules find no problem, the tagger (trained on annotated
    problems) takes the resident's complaint for one, and who raised it is the rules'."""
    text = (
        "Họp dân về nước sạch\n\n"
        "Bà Nguyễn Thị Hoa, một cư dân, cho biết nhiều trẻ em trong khu bị ngứa và nổi mẩn đỏ sau khi tắm, "
        "nhiều gia đình phải mua nước bình để nấu ăn."
    )
    (_, rules), (_, learnt) = rules_and_learnt(text)
    assert rules == []
    (complaint,) = learnt
    assert complaint.text.startswith("nhiều trẻ em trong khu bị ngứa và nổi mẩn đỏ")
    assert complaint.raised_by == "Nguyễn Thị Hoa"


def test_the_tagger_keeps_the_rules_cuts_of_a_list_of_shortcomings() -> None:
    text = (
        "Sơ kết công tác y tế\n\n"
        "Giám đốc Sở Y tế Trần Văn Minh cho biết nhiều trạm y tế xã còn thiếu bác sĩ, trang thiết bị tại "
        "bệnh viện huyện xuống cấp, việc chuyển đổi số còn chậm."
    )
    (_, rules), (_, learnt) = rules_and_learnt(text)
    assert (
        [p.text for p in learnt]
        == [p.text for p in rules]
        == [
            "nhiều trạm y tế xã còn thiếu bác sĩ",
            "trang thiết bị tại bệnh viện huyện xuống cấp",
            "việc chuyển đổi số còn chậm",
        ]
    )
    assert {p.raised_by for p in learnt} == {"Trần Văn Minh"}


def test_a_repeated_list_of_shortcomings_is_cut_and_given_once() -> None:
    """A lead or caption that repeats the body: the rules merge the repeated items, and the tagger's span
    over the second copy is still cut where the rules cut it."""
    shortcomings = (
        "nhiều trạm y tế xã còn thiếu bác sĩ, trang thiết bị tại bệnh viện huyện xuống cấp, việc chuyển đổi số còn chậm"
    )
    text = (
        "Sơ kết công tác y tế\n\n"
        f"Giám đốc Sở Y tế Trần Văn Minh cho biết {shortcomings}.\n"
        f"Báo cáo của sở nêu rõ {shortcomings}."
    )
    _, learnt = rules_and_learnt(text)[1]
    assert [p.text for p in learnt] == [
        "nhiều trạm y tế xã còn thiếu bác sĩ",
        "trang thiết bị tại bệnh viện huyện xuống cấp",
        "việc chuyển đổi số còn chậm",
    ]


def test_who_raised_a_tagged_problem_is_the_speaker_of_its_stretch() -> None:
    doc, people, statements = people_statements(
        "Họp dân về nước sạch\n\n"
        'Bà Nguyễn Thị Hoa nói: "Nước máy có màu vàng đục, trẻ em bị ngứa sau khi tắm."\n'
        "Nhiều hộ dân cho biết phải mua nước bình để nấu ăn."
    )
    found = rule_items(doc, statements, people)
    text = doc.text
    quote = text.index("Nước máy")
    assert found.who(quote, quote + 20) == "Nguyễn Thị Hoa"
    # a span across the quote's end: the stretch it overlaps most (the quote) decides
    assert found.who(quote, text.index("Nhiều hộ") + 5) == "Nguyễn Thị Hoa"


def test_threads_share_the_tagger_safely() -> None:
    """Dask's workers run tasks in threads, and crfsuite's tagger holds the sentence it was last given."""
    tagger = load_tagger("problems")
    docs = []
    for n in range(4):
        doc, people, statements = people_statements(
            f"Họp dân số {n}\n\nBà Nguyễn Thị Hoa cho biết nước máy có màu vàng đục, trẻ em bị ngứa sau khi tắm, "
            + "nhiều gia đình phải mua nước bình để nấu ăn. " * (n + 1)
        )
        found = rule_items(doc, statements, people)
        sentences = sentence_words(doc)
        docs.append(document_features(doc, sentences, found.spans(), statements))
    alone = [tagger.marginals(features) for features in docs]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(tagger.marginals, docs * 50))
    assert together == alone * 50


def test_a_damaged_model_file_leaves_the_rules_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "items").mkdir()
    (tmp_path / "items" / "problems.crfsuite").write_bytes(b"not a model")
    manifest = {"problems": {"o_weight": 0.5, "sha256": hashlib.sha256(b"not a model").hexdigest()}}
    (tmp_path / "items" / "MANIFEST.json").write_text(json.dumps(manifest), encoding="utf-8")
    monkeypatch.setattr(item_tagger, "files", lambda _package: tmp_path)
    load_tagger.cache_clear()
    try:
        with pytest.warns(UserWarning, match="unreadable"):
            assert load_tagger("problems") is None
        # a model cut short (an interrupted build) would crash crfsuite: its checksum stops it first
        (tmp_path / "items" / "problems.crfsuite").write_bytes((MODELS / "problems.crfsuite").read_bytes()[:1000])
        manifest["problems"]["sha256"] = json.loads((MODELS / "MANIFEST.json").read_text())["problems"]["sha256"]
        (tmp_path / "items" / "MANIFEST.json").write_text(json.dumps(manifest), encoding="utf-8")
        load_tagger.cache_clear()
        with pytest.warns(UserWarning, match="checksum"):
            assert load_tagger("problems") is None
        assert load_tagger("solutions") is None  # not built: no warning, the rules work alone
    finally:
        load_tagger.cache_clear()
