"""underthesea's CRF taggers (part of speech, chunks, named entities) with fast feature extraction.

underthesea builds each feature by re-parsing its template string with a regex and rebuilding
every column of the sentence, for every token and every template: quadratic in sentence length
and most of its tagging time. Here the templates (taken from underthesea's own predictors, so
they stay data) are compiled once and each sentence's columns are built once; the feature strings
are the same, so `underthesea_core.CRFTagger` returns the same tags.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

_TEMPLATE = re.compile(r"T\[(?P<i1>-?\d+)(,(?P<i2>-?\d+))?\](\[(?P<col>.*)\])?(\.(?P<fn>.*))?")


@dataclass(frozen=True, slots=True)
class Feature:
    """One compiled feature template, e.g. "T[-1,0][1]": words -1..0 of column 1 (part of speech)."""

    prefix: str
    first: int
    last: int | None
    column: int
    function: str | None


def compile_templates(templates: Sequence[str]) -> tuple[Feature, ...]:
    out = []
    for t in templates:
        m = _TEMPLATE.match(t)
        if m is None:
            raise ValueError(f"not a feature template: {t!r}")
        out.append(Feature(f"{t}=", int(m["i1"]), int(m["i2"]) if m["i2"] else None,
                           int(m["col"]) if m["col"] else 0, m["fn"]))  # fmt: skip
    return tuple(out)


@cache
def _functions() -> dict[str, Callable[[str], object]]:
    from underthesea.pipeline.ner import tagged_feature as tf

    return {"lower": tf.text_lower, "istitle": tf.text_istitle, "isallcap": tf.text_isallcap,
            "isdigit": tf.text_isdigit, "is_in_dict": tf.text_is_in_dict}  # fmt: skip


def sentence_features(rows: Sequence[Sequence[str]], features: Sequence[Feature]) -> list[list[str]]:
    """The feature strings of every token, exactly as underthesea's `word2features` builds them.

    Built feature by feature over the whole sentence (one list per template), then transposed.
    """
    n = len(rows)
    if not n:
        return []
    columns = list(zip(*rows, strict=True))
    functions = _functions()
    applied: dict[tuple[int, str], list[str]] = {}  # a function of a column, computed once per word
    per_feature: list[list[str]] = []
    for f in features:
        column = columns[f.column]
        if f.function and f.last is None:
            key = (f.column, f.function)
            if key not in applied:
                applied[key] = [str(functions[f.function](w)) for w in column]
            column = applied[key]
        values: list[str] = []
        for i in range(n):
            a = i + f.first
            if a < 0:
                values.append(f.prefix + "BOS")
                continue
            if a >= n or (f.last is not None and i + f.last >= n):
                values.append(f.prefix + "EOS")
                continue
            if f.last is None:
                values.append(f.prefix + column[a])
                continue
            word = " ".join(column[a : i + f.last + 1])
            values.append(f"{f.prefix}{functions[f.function](word) if f.function else word}")
        per_feature.append(values)
    return [list(token) for token in zip(*per_feature, strict=True)]


class FastTagger:
    """An underthesea CRF predictor's model and templates, with compiled feature extraction."""

    def __init__(self, predictor: object):
        self.model = predictor.model  # type: ignore[attr-defined]
        self.features = compile_templates(predictor.transformer.template)  # type: ignore[attr-defined]

    def tag(self, rows: Sequence[Sequence[str]]) -> list[str]:
        return list(self.model.tag(sentence_features(rows, self.features))) if rows else []


@cache
def taggers() -> tuple[FastTagger, FastTagger, FastTagger]:
    """Part of speech, chunk and NER taggers (loaded once per process, on first use)."""
    from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    return (
        FastTagger(CRFPOSTagPredictor.Instance()),
        FastTagger(CRFChunkingPredictor.Instance()),
        FastTagger(CRFNERPredictor.Instance()),
    )


def tag_words(words: Sequence[str]) -> list[tuple[str, str, str, str]]:
    """(word, pos, chunk, ner) for one sentence's words: what underthesea's `ner()` gives for them.

    As in underthesea, the earlier stage's tag column is the input of the next, and the column a
    model predicts is the placeholder "X" in its own features.
    """
    if not words:
        return []
    pos, ner = tag_pos_ner(words)
    chunk = tag_chunks(words, pos)
    return list(zip(words, pos, chunk, ner, strict=True))


def tag_pos_ner(words: Sequence[str]) -> tuple[list[str], list[str]]:
    """Part-of-speech and NER tags without the chunker: underthesea's NER templates read the words,
    their part of speech and its own placeholder column, never the chunk column, so its tags are
    those of the full chain."""
    if not words:
        return [], []
    pos_t, _, ner_t = taggers()
    pos = pos_t.tag([(w, "X") for w in words])
    ner = ner_t.tag([(w, p, "", "X") for w, p in zip(words, pos, strict=True)])
    return pos, ner


def tag_chunks(words: Sequence[str], pos: Sequence[str]) -> list[str]:
    """Chunk tags (B-NP, I-VP, …) of words with their part of speech."""
    return taggers()[1].tag([(w, p, "X") for w, p in zip(words, pos, strict=True)]) if words else []
