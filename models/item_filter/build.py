"""Rebuild the solution/problem item filter (`pipeline/extract/item_filter.py`) from annotated articles.

The annotations (`annotations.jsonl`) are made by ../shared/eval/GUIDE.md on articles of the
development archive ../shared/corpora/vietnews-dev-20k.jsonl.gz. The archive's licence forbids
copying its text, so each line keeps only the article's id, a hash of its text and the character
offsets of its solutions and problems; this script reads the text back from the archive.

    python models/item_filter/build.py add DIR...   # GUIDE-format <id>.json files -> annotations.jsonl
    python models/item_filter/build.py train        # -> solutions.json, problems.json, MANIFEST.json
    python models/item_filter/build.py score        # the rules alone: F1 on the annotations, dev gold

Training: the rules run with the filter off; each item they find is labelled by whether it matches an
annotated one as the project's scorer matches them (token F1 >= 0.5, one to one). A logistic regression
(scikit-learn) learns from those labels; its regularisation, the rarest feature it keeps and its
threshold are chosen by 5-fold cross-validation over articles, on the scorer's F1. A kind whose
cross-validated F1 does not beat the rules alone by MIN_GAIN gets no model (the rules decide alone).
The development gold (../shared/eval/dev-gold) is never trained on: it is scored at the end, rules
alone and rules with the filter, into the manifest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import sklearn
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from pipeline.extract import extract_people, extract_statements
from pipeline.extract.item_filter import CLAUSES, KINDS, ItemModel, features_of, item_features
from pipeline.extract.solutions import rule_items
from pipeline.extract.text import doc_text
from pipeline.ingest import iter_records
from pipeline.nlp import annotate
from pipeline.normalize import clean_article
from pipeline.records import Record
from pipeline.summarize import document_kind

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1].parent / "shared"
ARCHIVE = SHARED / "corpora" / "vietnews-dev-20k.jsonl.gz"
DEV_GOLD = SHARED / "eval" / "dev-gold"
ANNOTATIONS = HERE / "annotations.jsonl"
C_GRID = (0.1, 0.3, 1.0, 3.0)
MIN_COUNTS = (5, 10, 20)  # a feature seen in fewer items teaches noise to 160-odd articles
TIE = 0.003  # cross-validated F1 differences smaller than this are noise
MIN_GAIN = 0.005  # a model is shipped only when cross-validation shows at least this F1 gain
THRESHOLDS = tuple(round(float(t), 2) for t in np.arange(0.1, 0.71, 0.05))
# a clause becomes a problem only when the model is sure: most clauses are none
CLAUSE_THRESHOLDS = tuple(round(float(t), 2) for t in np.arange(0.5, 0.96, 0.05))
WHO = {"solutions": "proposer", "problems": "raised_by"}
# the solution filter does without single words: in cross-validation they add nothing (0.621 without,
# 0.620 with) and they made it drop plain demands over incidental words ("thứ hai")
UNUSED_FEATURES = {"solutions": ("word:",)}


def guide_text(article: dict) -> str:
    """The document as GUIDE.md gives it to annotators: title, lead and body apart by blank lines."""
    return f"{article['title']}\n\n{article['sapo']}\n\n{article['body']}"


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def scorer():
    """The project's scorer (../shared/tools/score_extraction.py): its matching defines a hit."""
    sys.path.insert(0, str(SHARED / "tools"))
    import score_extraction

    return score_extraction


def archive_articles(ids: set[str]) -> dict[str, dict]:
    with gzip.open(ARCHIVE, "rt", encoding="utf-8") as lines:
        return {a["id"]: a for a in map(json.loads, lines) if a["id"] in ids}


def add(dirs: list[Path]) -> None:
    """Turn GUIDE-format annotations into offsets, replacing earlier lines of the same article."""
    golds = {g["id"]: g for d in dirs for f in sorted(d.glob("*.json")) for g in [json.loads(f.read_text())]}
    articles = archive_articles(set(golds))
    kept = {a["id"]: a for a in map(json.loads, ANNOTATIONS.open())} if ANNOTATIONS.exists() else {}
    for doc_id, gold in sorted(golds.items()):
        if doc_id not in articles:
            print(f"{doc_id}: not in {ARCHIVE.name}, skipped")
            continue
        text = guide_text(articles[doc_id])
        line: dict = {"id": doc_id, "sha1": text_hash(text)}
        for kind in KINDS:
            spans = []
            for item in gold[kind]:
                for wording in (item["text"], unicodedata.normalize("NFC", item["text"])):
                    at = text.find(wording)
                    if at >= 0:
                        spans.append([at, at + len(wording)])
                        break
                else:
                    print(f"{doc_id}: {kind} item not found verbatim, skipped")
            line[kind] = spans
        kept[doc_id] = line
    with ANNOTATIONS.open("w", encoding="utf-8") as out:
        for doc_id in sorted(kept):
            out.write(json.dumps(kept[doc_id]) + "\n")
    print(f"{len(kept)} annotated articles in {ANNOTATIONS.name}")


def candidates(record: Record) -> Iterator[tuple[str, str, dict[str, float]]]:
    """(kind, text, features) of every item the rules find in a record, before any filtering, and
    (CLAUSES, …) of every clause they leave unclassified."""
    record = clean_article(record)
    doc = annotate(record.text)
    people = extract_people(doc, author=record.author)
    statements = extract_statements(doc, people, kind=document_kind(record.title, record.text))
    found = rule_items(doc, statements, people)
    for kind, items in zip(KINDS, (found.solutions, found.problems), strict=True):
        for item in items:
            yield kind, item.text, features_of(doc, item, statements)
    text = doc_text(doc)
    for clause in found.clauses:
        features = item_features(doc, clause.start, clause.end, said=clause.said, sourced=clause.who is not None)
        yield CLAUSES, text[clause.start : clause.end], features


class Corpus:
    """Rule items of annotated articles with their labels, per kind: rows, labels, article of each row."""

    def __init__(self, records: list[Record], gold: dict[str, dict[str, list[str]]]):
        match = scorer().match
        self.gold = gold
        self.rows: dict[str, list[tuple[str, str, dict[str, float]]]] = {k: [] for k in (*KINDS, CLAUSES)}
        self.rule_problems: dict[str, list[str]] = {}
        for record in records:
            found = {k: [] for k in (*KINDS, CLAUSES)}
            for kind, text, features in candidates(record):
                found[kind].append((text, features))
            for kind in KINDS:
                hits = {p for _, p in match(gold[record.id][kind], [t for t, _ in found[kind]])}
                for i, (text, features) in enumerate(found[kind]):
                    self.rows[kind].append((record.id, text, {**features, "_label": float(i in hits)}))
            # a clause is a problem when it matches one of the annotated problems the rules missed
            self.rule_problems[record.id] = [t for t, _ in found["problems"]]
            hit = {g for g, _ in match(gold[record.id]["problems"], self.rule_problems[record.id])}
            missed = [t for i, t in enumerate(gold[record.id]["problems"]) if i not in hit]
            hits = {p for _, p in match(missed, [t for t, _ in found[CLAUSES]])}
            for i, (text, features) in enumerate(found[CLAUSES]):
                self.rows[CLAUSES].append((record.id, text, {**features, "_label": float(i in hits)}))

    def arrays(self, kind: str) -> tuple[list[dict], np.ndarray, np.ndarray, list[str]]:
        rows = self.rows[kind]
        unused = ("_label", *UNUSED_FEATURES.get(kind, ()))
        features = [{k: v for k, v in f.items() if not k.startswith(unused)} for _, _, f in rows]
        labels = np.array([f["_label"] for _, _, f in rows], dtype=int)
        return features, labels, np.array([d for d, _, _ in rows]), [t for _, t, _ in rows]

    def f1(self, kind: str, keep: np.ndarray) -> float:
        """The scorer's F1 over these articles when only the `keep` rows are output."""
        match = scorer().match
        by_doc: dict[str, list[str]] = {d: [] for d in self.gold}
        for (doc_id, text, _), kept in zip(self.rows[kind], keep, strict=True):
            if kept:
                by_doc[doc_id].append(text)
        if kind == CLAUSES:  # the clauses kept join the rules' problems
            by_doc = {d: self.rule_problems.get(d, []) + texts for d, texts in by_doc.items()}
        gold_kind = "problems" if kind == CLAUSES else kind
        tp = npred = ngold = 0
        for doc_id, gold in self.gold.items():
            tp += len(match(gold[gold_kind], by_doc[doc_id]))
            npred += len(by_doc[doc_id])
            ngold += len(gold[gold_kind])
        return 2 * tp / (npred + ngold) if npred + ngold else 0.0


def fit(features: list[dict], labels: np.ndarray, c: float) -> tuple[DictVectorizer, LogisticRegression]:
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(features)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=0).fit(x, labels)
    return vectorizer, model


def common_features(features: list[dict], min_count: int) -> set[str]:
    """Features seen in at least `min_count` items: a word met once or twice teaches noise."""
    counts: Counter[str] = Counter(name for f in features for name in f)
    return {name for name, n in counts.items() if n >= min_count}


def only(features: list[dict], names: set[str]) -> list[dict]:
    return [{k: v for k, v in f.items() if k in names} for f in features]


def cross_validate(corpus: Corpus, kind: str) -> tuple[float, int, float, float]:
    """(C, minimum feature count, threshold, cross-validated F1) that score best over 5 folds of articles."""
    features, labels, groups, _ = corpus.arrays(kind)
    settings = [(c, m) for c in C_GRID for m in MIN_COUNTS]
    probability = {s: np.zeros(len(labels)) for s in settings}
    for train, test in GroupKFold(n_splits=5).split(features, labels, groups):
        train_features = [features[i] for i in train]
        for c, min_count in settings:
            names = common_features(train_features, min_count)
            vectorizer, model = fit(only(train_features, names), labels[train], c)
            x = vectorizer.transform(only([features[i] for i in test], names))
            probability[c, min_count][test] = model.predict_proba(x)[:, 1]
    thresholds = CLAUSE_THRESHOLDS if kind == CLAUSES else THRESHOLDS
    scored = [(corpus.f1(kind, probability[s] >= t), s, t) for s in settings for t in thresholds]
    best = max(f1 for f1, _, _ in scored)
    # among settings within TIE of the best, the simplest (fewest features, then strongest
    # regularisation), then the one that changes the rules' output least (the filter drops fewest
    # items, the clause model adds fewest)
    near = [x for x in scored if x[0] >= best - TIE]
    least_change = 1 if kind == CLAUSES else -1
    f1, (c, min_count), threshold = max(near, key=lambda x: (x[1][1], -x[1][0], least_change * x[2]))
    return c, min_count, threshold, f1


def to_item_model(vectorizer: DictVectorizer, model: LogisticRegression, threshold: float) -> ItemModel:
    weights = {name: round(float(w), 6) for name, w in zip(vectorizer.feature_names_, model.coef_[0], strict=True)}
    return ItemModel({k: v for k, v in weights.items() if v}, round(float(model.intercept_[0]), 6), threshold)


def load_annotated() -> tuple[list[Record], dict[str, dict[str, list[str]]]]:
    lines = [json.loads(line) for line in ANNOTATIONS.open(encoding="utf-8")]
    articles = archive_articles({a["id"] for a in lines})
    records, gold = [], {}
    for line in lines:
        article = articles.get(line["id"])
        text = guide_text(article) if article else ""
        if not article or text_hash(text) != line["sha1"]:
            print(f"{line['id']}: missing from the archive or changed, skipped")
            continue
        gold[line["id"]] = {k: [text[a:b] for a, b in line[k]] for k in KINDS}
        records.append(Record(title=article["title"], lead=article["sapo"], body=article["body"], id=line["id"]))
    return records, gold


def load_dev_gold() -> tuple[list[Record], dict[str, dict[str, list[str]]]]:
    records = [r for r in iter_records([DEV_GOLD / "input.jsonl"]) if isinstance(r, Record)]
    gold = {}
    for record in records:
        data = json.loads((DEV_GOLD / f"{record.id}.json").read_text(encoding="utf-8"))
        gold[record.id] = {k: [item["text"] for item in data[k]] for k in KINDS}
    return records, gold


def rules_alone(kind: str, n: int) -> np.ndarray:
    """Which rows the rules alone output: all their items, none of the clauses they left."""
    return np.full(n, kind != CLAUSES, dtype=bool)


def train() -> None:
    if not ARCHIVE.exists():
        sys.exit(f"{ARCHIVE} is needed to rebuild the model (the annotations hold offsets, not text)")
    records, gold = load_annotated()
    corpus = Corpus(records, gold)
    dev = Corpus(*load_dev_gold()) if DEV_GOLD.exists() else None
    manifest: dict = {
        "model": "logistic regression over item features (pipeline/extract/item_filter.py)",
        "built": dt.date.today().isoformat(),
        "scikit-learn": sklearn.__version__,
        "data": {
            "annotations": ANNOTATIONS.name,
            "archive": str(ARCHIVE.relative_to(SHARED.parent)),
            "articles": len(records),
            "guide": "shared/eval/GUIDE.md",
        },
    }
    for kind in (*KINDS, CLAUSES):
        features, labels, _, _ = corpus.arrays(kind)
        c, min_count, threshold, cv_f1 = cross_validate(corpus, kind)
        names = common_features(features, min_count)
        item_model = to_item_model(*fit(only(features, names), labels, c), threshold)
        rules_f1 = corpus.f1(kind, rules_alone(kind, len(labels)))
        shipped = cv_f1 >= rules_f1 + MIN_GAIN
        path = HERE / f"{kind}.json"
        if shipped:
            path.write_text(json.dumps(item_model.to_dict(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        else:
            path.unlink(missing_ok=True)  # the rules alone do as well
        scores = {
            "shipped": shipped,
            "items": len(labels),
            "items_matching_gold": int(labels.sum()),
            "C": c,
            "min_feature_count": min_count,
            "features": len(item_model.weights),
            "threshold": threshold,
            "cv_f1_rules": round(rules_f1, 3),
            "cv_f1_filtered": round(cv_f1, 3),
        }
        if dev is not None:
            dev_features, dev_labels, _, _ = dev.arrays(kind)
            keep = np.array([item_model.keeps(f) for f in dev_features], dtype=bool)
            scores["dev_gold_f1_rules"] = round(dev.f1(kind, rules_alone(kind, len(dev_labels))), 3)
            scores["dev_gold_f1_filtered"] = round(dev.f1(kind, keep), 3)
        manifest[kind] = scores
        print(kind, scores)
    (HERE / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")


def score() -> None:
    """The rules' F1 (no filter) on the annotated articles and on the development gold: the quick
    check of a rule change, before retraining."""
    for name, (records, gold) in (("annotated", load_annotated()), ("dev gold", load_dev_gold())):
        corpus = Corpus(records, gold)
        f1 = {kind: round(corpus.f1(kind, rules_alone(kind, len(corpus.rows[kind]))), 3) for kind in KINDS}
        print(f"{name} ({len(records)} articles): rules F1 {f1}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("add", help="add GUIDE-format annotations").add_argument("dirs", nargs="+", type=Path)
    sub.add_parser("train", help="rebuild the model from the annotations and the archive")
    sub.add_parser("score", help="score the rules alone on the annotations and the dev gold")
    args = parser.parse_args()
    if args.command == "add":
        add(args.dirs)
    elif args.command == "score":
        score()
    else:
        train()


if __name__ == "__main__":
    main()
