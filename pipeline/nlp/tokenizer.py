"""An underthesea-backed spaCy tokenizer: Vietnamese words (often several syllables) with exact offsets.

underthesea returns word strings only; we align them back onto the text so that
`doc.text == text` holds exactly and every later stage can use character offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc
from spacy.vocab import Vocab

_LINE = re.compile(r"[^\n]+")


def iter_sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence: lines are paragraphs, split further by underthesea's sentence splitter."""
    from underthesea import sent_tokenize

    for line in _LINE.finditer(text):
        base, chunk = line.start(), line.group()
        if not chunk.strip():
            continue
        cursor = 0
        for sentence in sent_tokenize(chunk):
            pos = chunk.find(sentence, cursor)
            if pos < 0:  # the splitter altered the string: fall back to the rest of the line
                break
            yield base + pos, base + pos + len(sentence)
            cursor = pos + len(sentence)
        rest = chunk[cursor:]
        if rest.strip():
            lead = len(rest) - len(rest.lstrip())
            yield base + cursor + lead, base + len(chunk.rstrip())


def align_words(text: str, start: int, end: int, words: list[str]) -> list[tuple[int, int]]:
    """Character spans of `words` inside text[start:end]; unknown pieces fall back to whitespace splitting."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for word in words:
        first = True
        w_start = w_end = cursor
        ok = True
        for syllable in word.split():
            pos = text.find(syllable, cursor, end)
            if pos < 0 or (not first and text[w_end:pos].strip()):
                ok = False
                break
            if first:
                w_start, first = pos, False
            w_end = cursor = pos + len(syllable)
        if not ok or first:
            continue
        spans.append((w_start, w_end))
    # any text the tokenizer skipped (it should not) becomes whitespace-split tokens
    out: list[tuple[int, int]] = []
    prev = start
    for s, e in spans + [(end, end)]:
        for m in re.finditer(r"\S+", text[prev:s]):
            out.append((prev + m.start(), prev + m.end()))
        if e > s:
            out.append((s, e))
        prev = e
    return out


def sentence_word_spans(text: str) -> list[list[tuple[int, int]]]:
    """The (start, end) of every word of `text`, sentence by sentence (underthesea's segmentation)."""
    from underthesea import word_tokenize

    out = []
    for s_start, s_end in iter_sentence_spans(text):
        words = word_tokenize(text[s_start:s_end], use_token_normalize=False)
        out.append(align_words(text, s_start, s_end, words))
    return out


class UndertheseaTokenizer:
    """Text -> Doc whose tokens are underthesea's words; whitespace other than one space becomes its own token."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        spans: list[tuple[int, int]] = []
        starts: list[bool] = []
        for sentence in sentence_word_spans(text):
            for i, span in enumerate(sentence):
                spans.append(span)
                starts.append(i == 0)
        words_out: list[str] = []
        spaces: list[bool] = []
        sent_starts: list[bool] = []
        cursor = 0
        for (s, e), is_start in zip(spans + [(len(text), len(text))], starts + [False], strict=True):
            gap = text[cursor:s]
            if gap:
                if gap == " " and words_out and not spaces[-1]:
                    spaces[-1] = True
                else:
                    words_out.append(gap)
                    spaces.append(False)
                    sent_starts.append(False)
            if e > s:
                words_out.append(text[s:e])
                spaces.append(False)
                sent_starts.append(is_start)
            cursor = e
        if sent_starts:
            sent_starts[0] = True
        return Doc(self.vocab, words=words_out, spaces=spaces, sent_starts=sent_starts)

    def to_bytes(self, **kwargs) -> bytes:  # spaCy serialisation hooks: nothing to save
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> UndertheseaTokenizer:
        return self
