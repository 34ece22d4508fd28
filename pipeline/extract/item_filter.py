"""A learnt second look at the solution items the rules find.

The rules over-generate: any clause with "phải", "cần" or "sẽ" in a long speech, a past fact told
with "tiếp tục", a forecast. A logistic regression trained on annotated articles
(`models/items/build.py`, data and scores in its MANIFEST.json) scores each item
from what the rules cannot weigh together: its words and first parts of speech, the words before
it, its cues, its length and place. Items scored under the model's threshold are dropped.

The model is a table of feature weights (JSON): readable, diff-able and independent of the
scikit-learn version that trained it.
"""

from __future__ import annotations

import json
import math
import warnings
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from spacy.tokens import Doc

from pipeline.extract.text import doc_text, lexicon, syllables
from pipeline.records import Solution, Statement

_CUE_LEXICONS = ("solution_cues_strong", "solution_cues", "problem_cues", "past_markers")
_FLAG_WORDS = ("nếu", "thì", "đã", "được", "bị", "không", "chưa", "đang", "vẫn", "còn", "là", "khi", "để", "nhằm")
_LENGTHS = (6, 12, 25, 40)  # syllable counts that bound the length bins
CERTAINTY = "crf"  # the feature of how sure the solution CRF is of an item (`item_tagger.item_probabilities`)


@dataclass(frozen=True, slots=True)
class ItemModel:
    """Weights of a logistic regression over `item_features`, and the probability an item needs."""

    weights: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-z))

    def keeps(self, features: dict[str, float]) -> bool:
        return self.probability(features) >= self.threshold

    def to_dict(self) -> dict:
        return {"intercept": self.intercept, "threshold": self.threshold, "weights": self.weights}

    @classmethod
    def from_dict(cls, data: dict) -> ItemModel:
        return cls(dict(data["weights"]), float(data["intercept"]), float(data["threshold"]))


@cache
def load_model(kind: str) -> ItemModel | None:
    """The committed filter of a kind ("solutions"); None when it has not been built."""
    path = files("pipeline.models").joinpath("items", f"{kind}.json")
    if not path.is_file():
        return None
    try:
        return ItemModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as err:  # a damaged file: the rules still work alone
        warnings.warn(f"item filter {path} unreadable ({err}); {kind} are kept unfiltered", stacklevel=2)
        return None


def item_features(doc: Doc, start: int, end: int, *, said: bool, sourced: bool) -> dict[str, float]:
    """Features of the item doc.text[start:end]; `said` when it lies in someone's statement,
    `sourced` when the rules found who proposed or raised it."""
    text = doc_text(doc)
    sylls = syllables(text, start, end)
    low = [s.text.lower() for s in sylls]
    features: dict[str, float] = {"said": float(said), "sourced": float(sourced)}
    for name in _CUE_LEXICONS:
        cues = lexicon(name)
        count = sum(1 for i in range(len(sylls)) if cues.match_at(sylls, i, text))
        features[f"cues:{name}"] = min(count, 3) / 3
        if sylls and cues.match_at(sylls, 0, text):
            features[f"opens:{name}"] = 1.0
    features[f"length:{sum(len(sylls) > n for n in _LENGTHS)}"] = 1.0
    paragraph = text.count("\n\n", 0, start)  # 0: headline, 1: lead (sapo), then the body
    features[f"paragraph:{min(paragraph, 2)}"] = 1.0
    features["place"] = start / max(len(text), 1)
    for word in _FLAG_WORDS:
        if word in low:
            features[f"has:{word}"] = 1.0
    if any(ch.isdigit() for ch in text[start:end]):
        features["has:digit"] = 1.0
    if text[start:end].rstrip().endswith("?"):
        features["question"] = 1.0
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in span if not t.is_space and t.tag_ != "CH"] if span is not None else []
    for word in words:
        features[f"word:{word.text.lower()}"] = 1.0
    tags = [t.tag_ for t in words[:2]]
    if tags:
        features[f"tag0:{tags[0]}"] = 1.0
        features[f"tags01:{'_'.join(tags)}"] = 1.0
    if low:
        features[f"first:{low[0]}"] = 1.0
    if span is not None:
        before = [t for t in doc[max(span.start - 3, 0) : span.start] if not t.is_space]
        for word in before[-2:]:
            features[f"before:{word.text.lower()}"] = 1.0
    return features


def features_of(doc: Doc, item: Solution, statements: list[Statement], tagged: float | None = None) -> dict[str, float]:
    """`item_features` of a found solution, as the filter sees it; `tagged` is how sure the solution CRF
    is of it (`item_tagger.item_probabilities`), when it is built."""
    said = any(st.start <= item.start < st.end for st in statements)
    features = item_features(doc, item.start, item.end, said=said, sourced=item.proposer is not None)
    if tagged is not None:
        features[CERTAINTY] = tagged
    return features


def filter_items(
    doc: Doc, items: list[Solution], statements: list[Statement], kind: str, tagged: list[float] | None = None
) -> list[Solution]:
    """The items the model of `kind` keeps (all of them when no model is built); `tagged` as in `features_of`,
    one value an item."""
    model = load_model(kind)
    if model is None:
        return items
    sure = tagged if tagged is not None else [None] * len(items)
    return [item for item, p in zip(items, sure, strict=True) if model.keeps(features_of(doc, item, statements, p))]
