"""spaCy extension attributes of this project, registered once at import, under the `vnp_` prefix."""

from __future__ import annotations

from spacy.tokens import Doc, Token

# Chunk tag of a word (B-NP, I-VP, ...), from underthesea's CRF chunker.
if not Token.has_extension("vnp_chunk"):
    Token.set_extension("vnp_chunk", default="O")
# Metadata of the document (id, title, source ...) carried with the Doc.
if not Doc.has_extension("vnp_meta"):
    Doc.set_extension("vnp_meta", default=None)
