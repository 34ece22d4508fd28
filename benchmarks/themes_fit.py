"""Time `ThemeModel().fit` on 50,000 short texts, and compare its themes with human groupings.

    python benchmarks/themes_fit.py [--n 50000] [--n-jobs -1] [--also-single-process]

Texts are sentences (40-250 characters) of the news bodies in ../shared/corpora/vietnews-dev-20k.jsonl.gz,
in file order; without ../shared they are made by recombining clauses of the embedded sample archive
(corpora/sample/*.txt), which gives fewer distinct words but the same amount of segmentation work.

Agreement: the dev-gold solutions (../shared/eval/dev-gold) grouped by hand into categories
(tests/data/theme_categories.json); NMI and ARI of ThemeModel (automatic number of themes, and
n_themes = number of categories) next to TfidfVectorizer() + KMeans(k = number of categories).
Nothing from ../shared is written anywhere.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.cluster import KMeans  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score  # noqa: E402

from pipeline.themes import ThemeModel  # noqa: E402
from tests.theme_gold import read_gold_solutions  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "vietnews-dev-20k.jsonl.gz"
DEV_GOLD = SHARED / "eval" / "dev-gold"
SAMPLE = ROOT / "corpora" / "sample"
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def sentences(text: str) -> list[str]:
    return [s.strip() for line in text.splitlines() for s in _SENTENCE_END.split(line) if 40 <= len(s.strip()) <= 250]


def corpus_texts(n: int) -> tuple[list[str], str]:
    """n short texts: corpus sentences when ../shared is there, else recombined sample-archive clauses."""
    if CORPUS.exists():
        out: list[str] = []
        with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
            for line in f:
                out.extend(sentences(json.loads(line).get("body") or ""))
                if len(out) >= n:
                    return out[:n], f"sentences of {CORPUS.name}"
        return out, f"all {len(out)} sentences of {CORPUS.name}"
    clauses = [c.strip() for p in sorted(SAMPLE.glob("*.txt")) for s in sentences(p.read_text(encoding="utf-8"))
               for c in s.rstrip(".!?…").split(",") if len(c.split()) >= 4]  # fmt: skip
    rng = random.Random(0)
    return [", ".join(rng.sample(clauses, 2)) + "." for _ in range(n)], "recombined clauses of corpora/sample"


def time_fit(texts: list[str], n_jobs: int | None) -> tuple[float, ThemeModel]:
    start = time.perf_counter()
    model = ThemeModel(random_state=0, n_jobs=n_jobs).fit(texts)
    return time.perf_counter() - start, model


def gold_agreement() -> dict[str, tuple[float, float]] | None:
    if not DEV_GOLD.is_dir():
        return None
    texts, groups = read_gold_solutions(DEV_GOLD)
    k = len(set(groups))
    found = {
        "ThemeModel(n_themes=None)": ThemeModel(random_state=0).fit(texts).labels_,
        f"ThemeModel(n_themes={k})": ThemeModel(n_themes=k, random_state=0).fit(texts).labels_,
        f"TfidfVectorizer + KMeans(k={k})": KMeans(n_clusters=k, random_state=0).fit_predict(
            TfidfVectorizer().fit_transform(texts)
        ),
    }
    print(f"\nagreement with hand-grouped dev-gold solution themes ({len(texts)} solutions, {k} categories)")
    scores = {}
    for name, labels in found.items():
        scores[name] = (normalized_mutual_info_score(groups, labels), adjusted_rand_score(groups, labels))
        print(f"  {name:34s} NMI {scores[name][0]:.3f}  ARI {scores[name][1]:.3f}")
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=50_000, help="number of texts")
    parser.add_argument("--n-jobs", type=int, default=-1, help="ThemeModel n_jobs (default -1: every core)")
    parser.add_argument("--also-single-process", action="store_true", help="time n_jobs=1 as well")
    args = parser.parse_args()

    texts, origin = corpus_texts(args.n)
    mean_len = sum(map(len, texts)) / max(len(texts), 1)
    print(f"{len(texts)} texts ({origin}; {len(set(texts))} distinct, {mean_len:.0f} characters on average)")
    runs = [args.n_jobs] + ([1] if args.also_single_process and args.n_jobs != 1 else [])
    model = None
    for n_jobs in runs:
        seconds, fitted = time_fit(texts, n_jobs)
        model = model or fitted
        print(f"ThemeModel(n_jobs={n_jobs}).fit: {seconds:.1f} s, {len(texts) / seconds:,.0f} texts/s, "
              f"{fitted.n_themes_} themes, {int((fitted.labels_ == -1).sum())} outliers")  # fmt: skip
    assert model is not None
    info = model.topic_info()
    print(info[["theme", "size", "label"]].head(12).to_string(index=False))
    probe = texts[:: max(1, len(texts) // 5_000)]
    agreement = float((model.predict(probe) == model.labels_[:: max(1, len(texts) // 5_000)]).mean())
    print(f"predict on {len(probe)} training texts agrees with labels_ for {agreement:.1%}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "themes.joblib"
        model.save(path)
        same = bool((ThemeModel.load(path).predict(probe[:500]) == model.predict(probe[:500])).all())
        print(f"saved model: {path.stat().st_size / 2**20:.1f} MiB, identical predictions after load: {same}")
    gold_agreement()


if __name__ == "__main__":
    main()
