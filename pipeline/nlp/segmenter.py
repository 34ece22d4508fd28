"""Word segmentation in the Vietnamese treebank's convention (UD Vietnamese-VTB).

pyvi's CRF was trained on treebank words; on the UD test file it is both more accurate than
underthesea's `word_tokenize` (F1 0.974 against 0.957) and about three times faster. Its output is
repaired where the treebank convention is regular and pyvi is not: a proper name written in several
title-case pieces is one word ("Nguyễn Đình Chiểu"), a numeral joins "%" and its scale word
("95%", "10 triệu"), and the organisation heads and places of our lexicons stay whole.
`benchmarks/segmentation.py` measures it against the other segmenters.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.resources import load_lexicon

_NUMERAL = re.compile(r"^\d[\d.,]*$")
_LONGEST_LEXICON_ENTRY = 6


@cache
def _scales() -> frozenset[str]:
    return frozenset(load_lexicon("number_scales"))


@cache
def _whole_words() -> frozenset[str]:
    """Multi-syllable organisation heads and places that are one word ("Ủy ban", "Hà Nội")."""
    entries = load_lexicon("org_heads") + load_lexicon("places")
    return frozenset(" ".join(e.lower().split()) for e in entries if len(e.split()) > 1)


def _is_name(word: str) -> bool:
    return word[:1].isalpha() and all(s[:1].isupper() for s in word.split())


def _repair(words: list[str]) -> list[str]:
    """Join what the treebank writes as one word and pyvi splits."""
    out: list[str] = []
    for word in words:
        if out:
            prev = out[-1]
            if _NUMERAL.match(prev) and (word == "%" or word.lower() in _scales()):
                out[-1] = f"{prev} {word}"
                continue
            # a sentence's first word is title-case anyway: it joins a name only when it is a name itself
            if _is_name(prev) and _is_name(word) and (len(out) > 1 or " " in prev):
                out[-1] = f"{prev} {word}"
                continue
        out.append(word)
    return _join_lexicon(out)


def _join_lexicon(words: list[str]) -> list[str]:
    whole = _whole_words()
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST_LEXICON_ENTRY, len(words) - i), 1, -1):
            candidate = " ".join(words[i : i + n])
            if candidate.lower() in whole:
                out.append(candidate)
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


def segment_sentence(sentence: str) -> list[str]:
    """The words of one sentence; a multi-syllable word is one string with single spaces."""
    from pyvi import ViTokenizer

    tokens = ViTokenizer.tokenize(sentence)
    if not isinstance(tokens, str) or not tokens.strip():
        return []
    return _repair([w.replace("_", " ") for w in tokens.split()])
