"""Items tagged word by word by a CRF that reads the rules' findings (shipped for problems).

The rules (`solutions.rule_items`) find items by cue lexicons and cut them at commas, semicolons and
connectors. Their errors are systematic: a description that names a risk in passing, a list of
shortcomings cut at the wrong commas, a shortcoming told without any cue word ("nhiều trẻ em bị ngứa
và nổi mẩn đỏ"). A linear-chain CRF (python-crfsuite, trained by `models/items/build.py` on articles
annotated by ../shared/eval/GUIDE.md) labels each word of a sentence B (begins an item), I (inside)
or O from the word, its part of speech and neighbours, the cue words around it and where the rules
put their items, so it can keep a rule item, move its edges, drop it or find one the rules missed.

The same tagger of solutions scored as well as the solution filter (`item_filter`) on unseen
articles but joined enumerations the rules split right (the seed's "…, mà để làm được, trước hết …;
…"), so solutions keep the filter; it reads the solution CRF's certainty of each rule item as a
feature (`item_probabilities`). The model file is crfsuite's own (binary); MANIFEST.json beside
it records the data, the settings chosen by cross-validation and the scores.
"""

from __future__ import annotations

import hashlib
import json
import threading
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

import pycrfsuite
from spacy.tokens import Doc

from pipeline.extract.text import doc_text, lexicon, syllables
from pipeline.records import Statement

# lexicons whose cue words the tagger sees (on the word, in the 3 words before it, anywhere in the sentence)
CUE_LEXICONS = (
    "solution_cues",
    "solution_cues_strong",
    "problem_cues",
    "reporting_verbs",
    "plan_markers",
    "past_markers",
    "proposal_reporting_verbs",
)
# feature names, built once: a cue on the word, in its sentence, 1-3 words before it ("c-2_past_markers")
_CUE_KEYS = {
    name: (f"c_{name}", f"s_{name}", tuple((o, f"c{o}_{name}") for o in (-3, -2, -1))) for name in CUE_LEXICONS
}
# the neighbours' word and part of speech (2 each side); the next and previous word's rule tags and pairs
_NEIGHBOUR_KEYS = tuple(
    (o, (f"w{o}", f"p{o}") + ((f"rs{o}", f"rp{o}", f"rc{o}", f"pp{o}", f"ww{o}") if abs(o) == 1 else ("",) * 5))
    for o in (-2, -1, 1, 2)
)
_PUNCTUATION = frozenset(',.;:!?"“”‘’()-–…')
_STRIP = " ,;:.-–"  # an item's edges as annotated: no punctuation around it
_OPENING_QUOTES = "“‘"
_CLOSING_QUOTES = "”’"
_MIN_SYLLABLES = 3  # a tagged run of fewer syllables is no proposal or shortcoming ("cần", "khó khăn")

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a sentence as the tagger sees it: its character span, text and part of speech."""

    start: int
    end: int
    text: str
    tag: str


@dataclass(frozen=True, slots=True)
class RuleSpans:
    """Where the rules put their solutions, problems and the clauses they left unclassified."""

    solutions: list[Span]
    problems: list[Span]
    clauses: list[Span]


def _bio(words: Sequence[Word], spans: Sequence[Span]) -> list[str]:
    """B/I/O of each word against spans: a word is in a span when it starts inside it or straddles its
    start (the first span that holds it, in the given order); the first such word of each span is B."""
    if not words:
        return []
    first, last = words[0].start, words[-1].end
    near = [s for s in spans if s[0] < last and first < s[1]]
    if not near:
        return ["O"] * len(words)
    owner: list[int | None] = [None] * len(words)
    for k, (a, b) in enumerate(near):
        for i, word in enumerate(words):
            if owner[i] is None and (a <= word.start < b or word.start < a < word.end):
                owner[i] = k
    return ["O" if k is None else "I" if i and owner[i - 1] == k else "B" for i, k in enumerate(owner)]


def _cue_spans(text: str) -> dict[str, list[Span]]:
    """Where each cue lexicon matches in the text."""
    sylls = syllables(text)
    found: dict[str, list[Span]] = {}
    for name in CUE_LEXICONS:
        cues = lexicon(name)
        spans = []
        for i in range(len(sylls)):
            if n := cues.match_at(sylls, i, text):
                spans.append((sylls[i].start, sylls[i + n - 1].end))
        found[name] = spans
    return found


def _within(spans: list[Span], starts: list[int], first: int, last: int) -> list[Span]:
    """The spans (sorted by start, `starts` their starts) that start in [first, last)."""
    return spans[bisect_left(starts, first) : bisect_left(starts, last)]


def sentence_words(doc: Doc) -> list[list[Word]]:
    """The Doc's sentences as lists of words (spaces left out)."""
    return [
        [Word(t.idx, t.idx + len(t.text), t.text, t.tag_ or t.pos_) for t in sent if not t.is_space]
        for sent in doc.sents
    ]


def document_features(
    doc: Doc, sentences: list[list[Word]], rules: RuleSpans, statements: list[Statement]
) -> list[list[dict[str, str | float]]]:
    """The CRF features of every word, sentence by sentence (the same for both kinds)."""
    text = doc_text(doc)
    cues = _cue_spans(text)
    cue_starts = {name: [s for s, _ in spans] for name, spans in cues.items()}
    said = sorted((st.start, st.end, st.type + ("S" if st.speaker else "N")) for st in statements)
    out = []
    for words in sentences:
        if not words:
            out.append([])
            continue
        first, last = words[0].start, words[-1].end
        tags = {
            "rs": _bio(words, rules.solutions),
            "rp": _bio(words, rules.problems),
            "rc": _bio(words, rules.clauses),
        }
        # the lexicons with a cue in this sentence, and their tags: the others give a word no feature
        present = []
        for name in CUE_LEXICONS:
            cue_tag = _bio(words, _within(cues[name], cue_starts[name], first, last))
            if "B" in cue_tag:
                present.append((cue_tag, *_CUE_KEYS[name]))
        lower = [w.text.lower() for w in words]
        pos = [w.tag for w in words]
        near_said = [s for s in said if s[0] < last and first < s[1]]
        n = len(words)
        sentence = []
        for i, word in enumerate(words):
            statement = next((s for s in near_said if s[0] <= word.start < s[1]), None)
            rs, rp, rc = tags["rs"][i], tags["rp"][i], tags["rc"][i]
            f: dict[str, str | float] = {
                "b": 1.0,
                "w": lower[i],
                "p": pos[i],
                "rs": rs,
                "rp": rp,
                "rc": rc,
                "st": statement[2] if statement else "none",
                "rs_rp": rs + rp + rc,
                "p_rs": pos[i] + rs,
                "p_rp": pos[i] + rp,
            }
            if statement and word.start - statement[0] < 2:
                f["stB"] = 1.0
            if lower[i] in _PUNCTUATION:
                f["punct"] = lower[i]
            for cue_tag, on, in_sentence, before in present:
                if cue_tag[i] != "O":
                    f[on] = cue_tag[i]
                f[in_sentence] = 1.0
                for offset, key in before:
                    if i + offset >= 0 and cue_tag[i + offset] == "B":
                        f[key] = 1.0
            for offset, (w, p, rs, rp, rc, pp, ww) in _NEIGHBOUR_KEYS:
                j = i + offset
                if not 0 <= j < n:
                    f[w] = "<pad>"
                    continue
                f[w] = lower[j]
                f[p] = pos[j]
                if rs:
                    f[rs] = tags["rs"][j]
                    f[rp] = tags["rp"][j]
                    f[rc] = tags["rc"][j]
                    f[pp] = pos[i] + "|" + pos[j]
                    f[ww] = lower[i] + "|" + lower[j]
            if i == 0:
                f["bos"] = 1.0
            if i == n - 1:
                f["eos"] = 1.0
            sentence.append(f)
        out.append(sentence)
    return out


def gold_labels(sentences: list[list[Word]], spans: list[Span]) -> list[list[str]]:
    """B/I/O of every word against annotated item spans: what the CRF learns."""
    spans = sorted(spans)
    return [_bio(words, spans) for words in sentences]


def spans_of(
    text: str, sentences: list[list[Word]], marginals: list[list[dict[str, float]]], o_weight: float
) -> list[Span]:
    """Item spans from each word's label probabilities. A word is labelled by the largest of P(B), P(I)
    and o_weight * P(O): an o_weight under 1 lets the CRF, cautious by nature, reach more items."""
    found: list[Span] = []
    for words, probabilities in zip(sentences, marginals, strict=True):
        current: list[int] | None = None
        for word, p in zip(words, probabilities, strict=True):
            label = max(("B", "I", "O"), key=lambda k: p.get(k, 0.0) * (o_weight if k == "O" else 1.0))
            if label == "B" or (label == "I" and current is None):
                if current:
                    found.append((current[0], current[1]))
                current = [word.start, word.end]
            elif label == "I" and current is not None:
                current[1] = word.end
            elif current is not None:
                found.append((current[0], current[1]))
                current = None
        if current:
            found.append((current[0], current[1]))
    items = []
    for start, end in found:
        start, end = trim(text, start, end)
        if len(syllables(text, start, end)) >= _MIN_SYLLABLES:
            items.append((start, end))
    return items


def trim(text: str, start: int, end: int) -> Span:
    """text[start:end] without punctuation at its edges, nor a quotation mark that opens or closes
    nothing inside it ('… quy hoạch là "' ends before the quote of what follows)."""
    while True:
        before = (start, end)
        while start < end and text[start] in _STRIP:
            start += 1
        while end > start and text[end - 1] in _STRIP:
            end -= 1
        piece = text[start:end]
        if piece and (piece[-1] in _OPENING_QUOTES or (piece[-1] == '"' and piece.count('"') % 2)):
            end -= 1
        elif piece and (piece[0] in _CLOSING_QUOTES or (piece[0] == '"' and piece.count('"') % 2)):
            start += 1
        if (start, end) == before:
            return start, end


def split_at_rule_items(spans: list[Span], items: list[Span]) -> list[Span]:
    """Tagged spans, cut where the rules cut: a span that holds two or more of the rules' items gives
    those items. The CRF learnt from annotators who sometimes keep a list of shortcomings whole; a list
    split into its items ("thiếu bác sĩ, trang thiết bị xuống cấp, …") is what a reader asks for, and
    scores the same under cross-validation. The words of the span outside the rules' items are left
    out: kept as items of their own, they were the list's heading more often than a shortcoming
    ("những diễn biến phức tạp ở Biển Đông, nhất là …"; none of 6 matched an annotated problem on the
    development gold and unseen articles). `items` are sorted by start."""
    starts = [a for a, _ in items]
    out: list[Span] = []
    for start, end in spans:
        inside = [(a, b) for a, b in items[bisect_left(starts, start) : bisect_right(starts, end)] if b <= end + 1]
        out.extend(inside if len(inside) >= 2 else [(start, end)])
    return out


def item_probabilities(
    sentences: list[list[Word]], marginals: list[list[dict[str, float]]], items: list[Span]
) -> list[float]:
    """How sure the CRF is of each item: the probability that a word is inside one (B or I), averaged
    over the words that start in the item. The solution filter reads it for the rules' solutions."""
    words = [
        (w.start, 1.0 - p.get("O", 0.0))
        for ws, ms in zip(sentences, marginals, strict=True)
        for w, p in zip(ws, ms, strict=True)
    ]
    starts = [start for start, _ in words]
    out = []
    for start, end in items:
        inside = [p for _, p in words[bisect_left(starts, start) : bisect_left(starts, end)]]
        out.append(sum(inside) / len(inside) if inside else 0.0)
    return out


@dataclass
class ItemTagger:
    """A trained CRF of one kind and the weight of its O label (chosen by cross-validation). crfsuite's
    tagger holds the sentence it was last given: threads (Dask's workers run tasks in threads) take
    turns, one sentence at a time."""

    tagger: pycrfsuite.Tagger
    o_weight: float
    lock: threading.Lock = field(default_factory=threading.Lock)

    def marginals(self, features: list[list[dict[str, str | float]]]) -> list[list[dict[str, float]]]:
        out = []
        labels = self.tagger.labels()
        for sentence in features:
            if not sentence:
                out.append([])
                continue
            with self.lock:
                self.tagger.set(sentence)
                out.append([{label: self.tagger.marginal(label, i) for label in labels} for i in range(len(sentence))])
        return out

    def spans(self, text: str, sentences: list[list[Word]], features: list[list[dict[str, str | float]]]) -> list[Span]:
        return spans_of(text, sentences, self.marginals(features), self.o_weight)


@cache
def load_tagger(kind: str) -> ItemTagger | None:
    """The committed tagger of `kind`: "problems" (its spans are the problems) or "solution_tagger" (its
    probabilities are a feature of the solution filter); None when it is not built or unreadable (the
    rules then work alone)."""
    folder = files("pipeline.models").joinpath("items")
    path, manifest = folder.joinpath(f"{kind}.crfsuite"), folder.joinpath("MANIFEST.json")
    if not path.is_file() or not manifest.is_file():
        return None
    try:
        settings = json.loads(manifest.read_text(encoding="utf-8"))[kind]
        o_weight = float(settings["o_weight"])
        # crfsuite crashes the process on a damaged model file, rather than raising: check it first
        if hashlib.sha256(path.read_bytes()).hexdigest() != settings["sha256"]:
            raise ValueError("its checksum differs from MANIFEST.json")
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
    except (ValueError, KeyError, TypeError, OSError) as err:
        warnings.warn(f"item tagger {path} unreadable ({err}); the rules' {kind} are kept", stacklevel=2)
        return None
    return ItemTagger(tagger, o_weight)
