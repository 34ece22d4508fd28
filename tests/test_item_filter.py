"""The learnt solution filter: the committed model and its features; the offsets-only training data of
the item models (`models/items`)."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import pytest

import pipeline
from pipeline.extract import item_filter
from pipeline.extract.item_filter import ItemModel, item_features, load_model
from pipeline.extract.item_tagger import load_tagger
from pipeline.nlp import annotate

MODELS = Path(__file__).resolve().parents[1] / "models" / "items"


def build_module():
    spec = importlib.util.spec_from_file_location("items_build", MODELS / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_committed_filter_loads_with_its_manifest() -> None:
    manifest = json.loads((MODELS / "MANIFEST.json").read_text(encoding="utf-8"))
    model = load_model("solutions")
    assert model is not None and manifest["solutions"]["shipped"]
    assert len(model.weights) == manifest["solutions"]["features"] > 100
    assert model.threshold == manifest["solutions"]["threshold"]
    # a model ships only where cross-validation shows it beats the rules alone
    assert manifest["solutions"]["cv_f1_learnt"] > manifest["solutions"]["cv_f1_rules"]
    assert manifest["data"]["articles"] >= 100
    # the solution CRF's certainty of an item is one of its features, and a certain item is kept more
    assert model.weights["crf"] > 0
    tagger = load_tagger("solution_tagger")
    assert tagger is not None
    digest = hashlib.sha256((MODELS / "solution_tagger.crfsuite").read_bytes()).hexdigest()
    assert digest == manifest["solution_tagger"]["sha256"]


def test_item_model_is_a_logistic_regression() -> None:
    model = ItemModel({"said": 2.0, "word:cần": 1.0}, intercept=-1.0, threshold=0.5)
    assert model.probability({}) == pytest.approx(1 / (1 + 2.718281828**1))
    assert model.probability({"said": 1.0, "word:cần": 1.0}) == pytest.approx(1 / (1 + 2.718281828**-2))
    assert not model.keeps({}) and model.keeps({"said": 1.0})
    assert ItemModel.from_dict(json.loads(json.dumps(model.to_dict()))) == model


def test_features_see_words_tags_cues_and_context() -> None:
    text = "Giao thông đô thị\n\nBộ trưởng yêu cầu các địa phương phải tăng cường kiểm tra tải trọng xe."
    doc = annotate(text)
    start = text.index("các địa phương")
    features = item_features(doc, start, len(text) - 1, said=True, sourced=True)
    assert features["said"] == 1.0 and features["sourced"] == 1.0
    assert features["word:tăng cường"] == 1.0  # a word of the Doc, not a syllable
    assert features["before:yêu cầu"] == 1.0
    assert features["cues:solution_cues_strong"] > 0 and "paragraph:1" in features
    assert any(name.startswith("tag0:") for name in features)


def test_the_model_prefers_a_demand_to_a_narrated_past_fact() -> None:
    model = load_model("solutions")
    text = (
        "Hội nghị tổng kết công tác phòng cháy\n\n"
        "Sáng 12-1, Công an thành phố tổng kết công tác phòng cháy chữa cháy năm 2023.\n\n"
        "Năm qua, thành phố đã tổ chức 120 cuộc kiểm tra và xử phạt 35 cơ sở vi phạm.\n"
        'Ông Nguyễn Văn An nói: "Các quận phải kiểm tra toàn bộ nhà trọ, buộc chủ nhà lắp lối thoát hiểm thứ hai."'
    )
    doc = annotate(text)
    past = text.index("thành phố đã")
    demand = text.index("Các quận phải")
    p_past = model.probability(item_features(doc, past, text.index(".\n", past), said=False, sourced=False))
    p_demand = model.probability(item_features(doc, demand, len(text) - 2, said=True, sourced=True))
    assert p_demand > model.threshold and p_demand > p_past


def rules_and_learnt(text: str) -> tuple[tuple[list, list], tuple[list, list]]:
    """(solutions, problems) of the rules alone, then with the learnt models."""
    doc = annotate(text)
    people = pipeline.extract.extract_people(doc)
    statements = pipeline.extract.extract_statements(doc, people)
    rules = pipeline.extract.extract_solutions_problems(doc, statements, people, learnt=False)
    return rules, pipeline.extract.extract_solutions_problems(doc, statements, people)


def test_filter_can_be_turned_off_and_only_removes_solutions() -> None:
    text = (
        "Cấp nước mùa hè\n\n"
        "Chủ tịch UBND thành phố yêu cầu Sở Xây dựng sớm hoàn thành tuyến ống số 2, "
        "không để người dân thiếu nước sinh hoạt trong mùa nắng nóng. "
        "Theo ông, nếu không có nguồn dự phòng thì khi sự cố xảy ra, hàng vạn hộ dân sẽ phải chịu cảnh mất nước."
    )
    (found, _), (kept, _) = rules_and_learnt(text)
    assert {x.text for x in kept} <= {x.text for x in found}
    assert any("tuyến ống số 2" in s.text for s in kept)


def test_annotations_are_offsets_without_text(tmp_path: Path) -> None:
    """`build.py add` keeps ids, hashes and offsets only: the archive's text stays out of the project."""
    build = build_module()
    article = {"id": "a1", "title": "Tiêu đề", "sapo": "Lời dẫn.", "body": "Cần nạo vét kênh. Kênh bị bồi lấp."}
    archive = tmp_path / "archive.jsonl.gz"
    with gzip.open(archive, "wt", encoding="utf-8") as out:
        out.write(json.dumps(article, ensure_ascii=False) + "\n")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    gold = {"id": "a1", "solutions": [{"text": "Cần nạo vét kênh"}], "problems": [{"text": "Kênh bị bồi lấp"}]}
    (gold_dir / "a1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    build.ARCHIVE, build.ANNOTATIONS = archive, tmp_path / "annotations.jsonl"
    build.add([gold_dir])
    line = json.loads(build.ANNOTATIONS.read_text(encoding="utf-8"))
    text = build.guide_text(article)
    assert set(line) == {"id", "sha1", "solutions", "problems"}
    assert [text[a:b] for a, b in line["solutions"]] == ["Cần nạo vét kênh"]
    assert [text[a:b] for a, b in line["problems"]] == ["Kênh bị bồi lấp"]
    raw = build.ANNOTATIONS.read_text(encoding="utf-8")
    assert "kênh" not in repr(line).lower() and "\\u" not in raw  # no text, escaped or not


def test_committed_annotations_hold_no_text() -> None:
    for raw in (MODELS / "annotations.jsonl").read_text(encoding="utf-8").splitlines():
        line = json.loads(raw)
        assert set(line) == {"id", "sha1", "solutions", "problems"}
        assert all(isinstance(x, int) for kind in ("solutions", "problems") for span in line[kind] for x in span)


def test_a_damaged_model_file_leaves_the_rules_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "items").mkdir()
    (tmp_path / "items" / "solutions.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(item_filter, "files", lambda _package: tmp_path)
    item_filter.load_model.cache_clear()
    try:
        with pytest.warns(UserWarning, match="unreadable"):
            assert item_filter.load_model("solutions") is None
    finally:
        item_filter.load_model.cache_clear()
