"""Word segmentation against the UD Vietnamese-VTB gold words, side by side in one run.

    python benchmarks/segmentation.py [--conllu ../shared/eval/ud-vtb/test.conllu]

Words are compared as character spans over the sentence text with spaces removed, so
normalisation and spacing do not count against a segmenter. Prints word precision, recall, F1 and
syllables per second for underthesea's `word_tokenize`, pyvi (when installed) and `pipeline.segment`.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "ud-vtb" / "test.conllu"


def read_conllu(path: Path) -> list[list[str]]:
    """Gold sentences as lists of words (multi-syllable words with spaces)."""
    sentences, words = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sentences.append(words)
            words = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                words.append(cols[1])
    if words:
        sentences.append(words)
    return sentences


def spans(words: list[str]) -> set[tuple[int, int]]:
    """Character spans of words over the text with every space removed."""
    out, pos = set(), 0
    for w in words:
        n = len("".join(w.split()))
        out.add((pos, pos + n))
        pos += n
    return out


def score(gold: list[list[str]], predicted: list[list[str]]) -> tuple[float, float, float]:
    tp = n_pred = n_gold = 0
    for g, p in zip(gold, predicted, strict=True):
        gs, ps = spans(g), spans(p)
        if "".join("".join(w.split()) for w in g) != "".join("".join(w.split()) for w in p):
            ps = set()  # the segmenter changed the characters: count its words as wrong
        tp += len(gs & ps)
        n_pred += len(p)
        n_gold += len(g)
    precision, recall = tp / n_pred, tp / n_gold
    return precision, recall, 2 * precision * recall / (precision + recall)


def segmenters() -> dict[str, Callable[[str], list[str]]]:
    from underthesea import word_tokenize

    import pipeline

    found: dict[str, Callable[[str], list[str]]] = {
        "underthesea word_tokenize": lambda s: word_tokenize(s, use_token_normalize=False),
        "pipeline.segment": lambda s: [w for sentence in pipeline.segment(s) for w in sentence],
    }
    try:
        from pyvi import ViTokenizer

        found["pyvi"] = lambda s: [w.replace("_", " ") for w in ViTokenizer.tokenize(s).split()]
    except ImportError:
        pass
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--conllu", type=Path, default=DEFAULT)
    args = ap.parse_args()
    if not args.conllu.exists():
        raise SystemExit(f"not found: {args.conllu} (the benchmark needs ../shared)")
    gold = read_conllu(args.conllu)
    texts = [" ".join(words) for words in gold]
    n_syllables = sum(len(t.split()) for t in texts)
    print(f"{len(gold)} sentences, {n_syllables} syllables ({args.conllu.name})")
    for name, segment in segmenters().items():
        segment(texts[0])  # load models before timing
        start = time.perf_counter()
        predicted = [segment(t) for t in texts]
        seconds = time.perf_counter() - start
        p, r, f = score(gold, predicted)
        print(f"  {name:28s} P {p:.4f}  R {r:.4f}  F1 {f:.4f}  {n_syllables / seconds:,.0f} syllables/s")


if __name__ == "__main__":
    main()
