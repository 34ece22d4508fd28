"""The fast CRF taggers give exactly underthesea's own tags, on real text of the sample archive."""

from __future__ import annotations

import json

import pytest
from underthesea import ner, sent_tokenize

from pipeline.nlp.crf import compile_templates, sentence_features, tag_words
from pipeline.run import SAMPLE


def _sample_sentences(limit: int = 120) -> list[str]:
    sentences: list[str] = []
    for path in sorted(SAMPLE.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for paragraph in json.loads(line)["body"].split("\n"):
                sentences.extend(sent_tokenize(paragraph))
    return [s for s in sentences if s.strip()][:limit]


def test_crf_tags_identical_to_underthesea_ner() -> None:
    sentences = _sample_sentences()
    assert len(sentences) >= 50
    for sentence in sentences:
        reference = [tuple(x) for x in ner(sentence)]
        assert tag_words([w for w, *_ in reference]) == reference, sentence


def test_crf_features_identical_to_underthesea_word2features() -> None:
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor

    predictor = CRFNERPredictor.Instance()
    rows = [("Ông", "Nc", "B-NP", "X"), ("Nguyễn Văn An", "Np", "B-NP", "X"), ("nói", "V", "B-VP", "X")]
    expected = predictor.transformer.transform([rows])[0][0]
    assert sentence_features(rows, compile_templates(predictor.transformer.template)) == expected


def test_crf_rejects_unknown_template() -> None:
    with pytest.raises(ValueError):
        compile_templates(["W[0]"])


def test_crf_tags_identical_on_held_out_news() -> None:
    """The same check over real news of the held-out archive, when ../shared is beside the project."""
    import gzip
    import itertools

    from tests.conftest import SHARED, shared_path

    archive = shared_path(SHARED / "corpora" / "vietnews-heldout-3k.jsonl.gz")
    with gzip.open(archive, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in itertools.islice(fh, 15)]
    sentences = [s for r in records for p in r["body"].split("\n") for s in sent_tokenize(p) if s.strip()]
    for sentence in sentences[:250]:
        reference = [tuple(x) for x in ner(sentence)]
        assert tag_words([w for w, *_ in reference]) == reference, sentence
