"""Annotation: text -> spaCy Doc (sentences, words, part of speech, chunks, entities), once per document."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp import (
    extensions,  # noqa: F401  (registers the vnp_ extensions)
    tagger,  # noqa: F401  (registers the vnp_tagger component)
)
from pipeline.nlp.tokenizer import UndertheseaTokenizer, align_words, iter_sentence_spans

__all__ = ["annotate", "get_nlp", "segment"]


@cache
def get_nlp() -> Language:
    """The project's spaCy pipeline: underthesea tokenizer, then the underthesea tagger component."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = UndertheseaTokenizer(nlp.vocab)
    nlp.add_pipe("vnp_tagger")
    return nlp


# spaCy keeps every new word in the shared vocabulary forever; over an archive of hundreds of
# thousands of articles that is unbounded memory. Past this many strings the pipeline is rebuilt
# (cheap: the underthesea models are cached apart from it).
MAX_VOCAB_STRINGS = 50_000


def annotate(text: str) -> Doc:
    """The annotated Doc of a normalised document text; `doc.text == text`."""
    nlp = get_nlp()
    if len(nlp.vocab.strings) > MAX_VOCAB_STRINGS:
        get_nlp.cache_clear()
        nlp = get_nlp()
    return nlp(text)


def words_in(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    """The Doc's words inside text[start:end] (a word cut by either edge included), inner spaces made one."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return tuple(" ".join(t.text.split()) for t in span if not t.is_space) if span is not None else ()


def segment(text: str) -> list[list[str]]:
    """Sentences of words; a multi-syllable word is one string with single spaces ("Hà Nội").

    Words in the Vietnamese treebank's convention (`pipeline.nlp.segmenter`), the most accurate
    segmentation here. The annotated Doc keeps underthesea's words instead: its part-of-speech and
    NER models were trained on them, and the extraction rules score lower on treebank words.
    """
    from pipeline.nlp.segmenter import segment_sentence

    out = []
    for start, end in iter_sentence_spans(text):
        spans = align_words(text, start, end, segment_sentence(text[start:end]))
        if spans:  # each word as written ("95%", not "95 %"), inner whitespace made one space
            out.append([" ".join(text[s:e].split()) for s, e in spans])
    return out
