"""Summaries against the lead baseline: ROUGE over syllables, side by side in one run.

    python benchmarks/summary_rouge.py [--archive ../shared/corpora/vietnews-heldout-3k.jsonl.gz] [--n 500]

Each held-out article is given without its lead (sapo); its summary (`pipeline.analyze(...).summary`,
up to three sentences) and the first one, two and three body sentences are scored against that lead
with ROUGE-1 and ROUGE-2 F1 over lower-cased syllables.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "corpora" / "vietnews-heldout-3k.jsonl.gz"


def syllables(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def rouge_n(candidate: str, reference: str, n: int) -> float:
    """ROUGE-n F1: clipped n-gram overlap between candidate and reference."""

    def grams(words: list[str]) -> Counter[tuple[str, ...]]:
        return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))

    c, r = grams(syllables(candidate)), grams(syllables(reference))
    overlap = sum((c & r).values())
    if not overlap:
        return 0.0
    p, rec = overlap / sum(c.values()), overlap / sum(r.values())
    return 2 * p * rec / (p + rec)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--n", type=int, default=500)
    args = ap.parse_args()
    if not args.archive.exists():
        raise SystemExit(f"archive not found: {args.archive} (the benchmark needs ../shared)")
    import pipeline
    from pipeline.nlp import segment  # noqa: F401  (warm the models before timing nothing else)

    systems = ["summary", "lead-1", "lead-2", "lead-3"]
    scores = {s: [0.0, 0.0] for s in systems}
    n = 0
    with gzip.open(args.archive, "rt", encoding="utf-8") as fh:
        for line in itertools.islice(fh, args.n):
            record = json.loads(line)
            lead, body = record.get("sapo") or "", record.get("body") or ""
            if not lead.strip() or not body.strip():
                continue
            doc = pipeline.analyze(body, title=record.get("title") or "")
            body_sentences = [s for s in doc.text.split("\n")[1:] if s.strip()]
            candidates = {
                "summary": " ".join(doc.summary),
                **{f"lead-{k}": " ".join(body_sentences[:k]) for k in (1, 2, 3)},
            }
            for system, text in candidates.items():
                scores[system][0] += rouge_n(text, lead, 1)
                scores[system][1] += rouge_n(text, lead, 2)
            n += 1
    print(f"ROUGE F1 against the lead, over syllables, {n} held-out articles without their lead:")
    for system in systems:
        r1, r2 = (x / n for x in scores[system])
        print(f"  {system:8s} ROUGE-1 {r1:.4f}  ROUGE-2 {r2:.4f}")


if __name__ == "__main__":
    main()
