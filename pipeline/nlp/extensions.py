"""spaCy extension attributes of this project, registered once at import, under the `vnp_` prefix."""

from __future__ import annotations

from spacy.tokens import Doc, Token


def _chunk(token: Token) -> str:
    """The chunk tag of a token, tagged for its whole sentence on first use and kept in the Doc: no
    stage of the pipeline reads chunks, so documents nobody asks about never pay for the chunker."""
    from pipeline.nlp.crf import tag_chunks

    chunks: dict[int, str] = token.doc.user_data.setdefault("vnp_chunks", {})
    if token.i not in chunks:
        tokens = [t for t in token.sent if not t.is_space]
        for t, chunk in zip(tokens, tag_chunks([t.text for t in tokens], [t.tag_ for t in tokens]), strict=True):
            chunks[t.i] = chunk
    return chunks.get(token.i, "O")


# Chunk tag of a word (B-NP, I-VP, ...), from underthesea's CRF chunker.
if not Token.has_extension("vnp_chunk"):
    Token.set_extension("vnp_chunk", getter=_chunk)
# Metadata of the document (id, title, source ...) carried with the Doc.
if not Doc.has_extension("vnp_meta"):
    Doc.set_extension("vnp_meta", default=None)
