"""The spaCy component that tags words with underthesea's CRF models (see crf.py), once per sentence.

underthesea's `ner()` re-runs chunk -> pos_tag -> word_tokenize for every call; here each
model runs once on the words the tokenizer already produced.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.nlp.crf import tag_pos_ner

# underthesea (VLSP) part-of-speech tags -> Universal POS tags.
_UPOS = {
    "N": "NOUN", "Nc": "NOUN", "Nu": "NOUN", "Ny": "PROPN", "Np": "PROPN", "Nb": "NOUN",
    "V": "VERB", "Vb": "VERB", "Vy": "VERB", "A": "ADJ", "Ab": "ADJ", "P": "PRON", "R": "ADV",
    "L": "DET", "M": "NUM", "E": "ADP", "C": "CCONJ", "Cc": "CCONJ", "I": "INTJ", "T": "PART",
    "B": "X", "Y": "X", "S": "X", "X": "X", "Z": "X", "CH": "PUNCT",
}  # fmt: skip


@Language.component("vnp_tagger", assigns=["token.tag", "token.pos", "doc.ents"])
def vnp_tagger(doc: Doc) -> Doc:
    """Sets tag_ (underthesea tag), pos_ (UPOS) and doc.ents (PER, LOC, ORG, MISC); `_.vnp_chunk` is
    tagged on first use."""
    ents: list[Span] = []
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        pos_tags, ner_tags = tag_pos_ner([t.text for t in tokens])
        open_start, open_label, last = -1, "", -1
        for token, pos, ner in zip(tokens, pos_tags, ner_tags, strict=True):
            token.tag_ = pos
            token.pos_ = _UPOS.get(pos, "X")
            if open_start >= 0 and not (ner.startswith("I-") and ner[2:] == open_label):
                ents.append(Span(doc, open_start, last + 1, label=open_label))
                open_start = -1
            if ner.startswith("B-") or (ner.startswith("I-") and open_start < 0):
                open_start, open_label = token.i, ner[2:]
            last = token.i
        if open_start >= 0:
            ents.append(Span(doc, open_start, last + 1, label=open_label))
    doc.ents = ents
    return doc
