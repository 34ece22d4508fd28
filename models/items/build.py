"""Rebuild the learnt item models from annotated articles: the solution filter
(`pipeline/extract/item_filter.py`) and the problem tagger (`pipeline/extract/item_tagger.py`).

The annotations (`annotations.jsonl`) are made by ../shared/eval/GUIDE.md on articles of the
development archive ../shared/corpora/vietnews-dev-20k.jsonl.gz. The archive's licence forbids
copying its text, so each line keeps only the article's id, a hash of its text and the character
offsets of its solutions and problems; this script reads the text back from the archive.

    python models/items/build.py add DIR...   # GUIDE-format <id>.json files -> annotations.jsonl
    python models/items/build.py train        # -> solutions.json, problems.crfsuite, MANIFEST.json
    python models/items/build.py score        # the rules alone: F1 on the annotations, dev gold

Each article runs through the pipeline up to the rules (`rule_items`).

- Solution filter: each solution the rules find is labelled by whether it matches an annotated one
  as the project's scorer matches them (token F1 >= 0.5, one to one). A logistic regression
  (scikit-learn) learns from those labels; its regularisation, the rarest feature it keeps and its
  threshold are chosen by 5-fold cross-validation over articles, on the scorer's F1.
- Problem tagger: every word gets the tagger's features and a B/I/O label from the annotated
  problems. A linear-chain CRF (sklearn-crfsuite, L-BFGS with L1 and L2 penalties) learns them; its
  L1 penalty and the weight of the O label when decoding are chosen by the same cross-validation.

A model whose cross-validated F1 does not beat the rules alone by MIN_GAIN is not written (the rules
decide alone). The development gold (../shared/eval/dev-gold) is never trained on: it is scored at
the end, rules alone and with the model, into the manifest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import multiprocessing
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

import numpy as np
import sklearn
import sklearn_crfsuite
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, KFold

from pipeline.extract import extract_people, extract_statements
from pipeline.extract.item_filter import CERTAINTY, ItemModel, features_of
from pipeline.extract.item_tagger import (
    Word,
    document_features,
    gold_labels,
    item_probabilities,
    sentence_words,
    spans_of,
)
from pipeline.extract.solutions import RuleItems, rule_items
from pipeline.extract.text import doc_text
from pipeline.ingest import iter_records
from pipeline.nlp import annotate
from pipeline.normalize import clean_article, normalize_text
from pipeline.records import Record
from pipeline.summarize import document_kind

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1].parent / "shared"
ARCHIVE = SHARED / "corpora" / "vietnews-dev-20k.jsonl.gz"
DEV_GOLD = SHARED / "eval" / "dev-gold"
ANNOTATIONS = HERE / "annotations.jsonl"
KINDS = ("solutions", "problems")
FOLDS = 5
T = TypeVar("T")
R = TypeVar("R")
TIE = 0.003  # cross-validated F1 differences smaller than this are noise
MIN_GAIN = 0.005  # a model is written only when cross-validation shows at least this F1 gain
# the solution filter
C_GRID = (0.1, 0.3, 1.0, 3.0)
MIN_COUNTS = (5, 10, 20)  # a feature seen in fewer items teaches noise
THRESHOLDS = tuple(round(float(t), 2) for t in np.arange(0.1, 0.71, 0.05))
# it does without single words: in cross-validation they add nothing (0.621 without, 0.620 with) and
# they made it drop plain demands over incidental words ("thứ hai")
UNUSED_FEATURES = ("word:",)
# the taggers
SOLUTION_L1 = 0.3  # as the problem tagger's choice; the solution CRF's certainty only feeds the filter
L1_GRID = (0.1, 0.3)  # a weaker L1 (0.05) scored lower in cross-validation; a stronger one keeps fewer features
L2 = 0.05  # a larger L2 (0.2) made no difference
O_WEIGHTS = (1.0, 0.7, 0.5, 0.35)


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


@dataclass
class Article:
    """One annotated article as the models see it: the rules' items, the solution filter's rows (text
    and features of each rule solution), the tagger's words and features, and the annotated items."""

    text: str
    rules: RuleItems
    solution_rows: list[tuple[str, dict[str, float]]]
    sentences: list[list[Word]]
    features: list[list[dict]]
    solution_labels: list[list[str]]
    problem_labels: list[list[str]]
    gold: dict[str, list[str]]
    solution_tagged: list[float] | None = None  # the solution CRF's certainty of each rule solution

    def rule_items(self, kind: str) -> list[str]:
        """The texts of the rules' solutions or problems."""
        return [item.text for item in (self.rules.solutions if kind == "solutions" else self.rules.problems)]


def locate(text: str, item: str) -> tuple[int, int] | None:
    """Where an annotated item lies in the pipeline's normalised text (annotators copy the raw text)."""
    for wording in (item, unicodedata.normalize("NFC", item), normalize_text(item).strip()):
        at = text.find(wording) if wording else -1
        if at >= 0:
            return at, at + len(wording)
    return None


def prepare(job: tuple[Record, dict[str, list[str]]]) -> Article:
    record, gold = job
    record = clean_article(record)
    doc = annotate(record.text)
    text = doc_text(doc)
    people = extract_people(doc, author=record.author)
    statements = extract_statements(doc, people, kind=document_kind(record.title, record.text))
    found = rule_items(doc, statements, people)
    sentences = sentence_words(doc)
    solutions = [span for item in gold["solutions"] if (span := locate(text, item))]
    problems = [span for item in gold["problems"] if (span := locate(text, item))]
    return Article(
        text=text,
        rules=found,
        solution_rows=[(s.text, features_of(doc, s, statements)) for s in found.solutions],
        sentences=sentences,
        features=document_features(doc, sentences, found.spans(), statements),
        solution_labels=gold_labels(sentences, solutions),
        problem_labels=gold_labels(sentences, problems),
        gold=gold,
    )


def parallel_map(function: Callable[[T], R], jobs: list[T], chunksize: int = 1) -> list[R]:
    """`map` over two worker processes. They are forked, so they see the training articles without
    copying them (`_ARTICLES`); where fork is missing (Windows) everything runs in this process."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return list(map(function, jobs))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        return pool.map(function, jobs, chunksize=chunksize)


def prepare_all(records: list[Record], gold: dict[str, dict[str, list[str]]]) -> list[Article]:
    return parallel_map(prepare, [(r, gold[r.id]) for r in records], chunksize=4)


def f1(articles: list[Article], predicted: list[list[str]], kind: str) -> float:
    """The project scorer's F1 of `predicted` item texts against the annotated ones."""
    match = scorer().match
    tp = npred = ngold = 0
    for article, items in zip(articles, predicted, strict=True):
        tp += len(match(article.gold[kind], items))
        npred += len(items)
        ngold += len(article.gold[kind])
    return 2 * tp / (npred + ngold) if npred + ngold else 0.0


def folds(n: int):
    """Train and test article indices of each cross-validation fold."""
    return KFold(FOLDS, shuffle=True, random_state=0).split(np.arange(n))


# the solution filter


def solution_rows(articles: list[Article]) -> tuple[list[dict], np.ndarray, np.ndarray]:
    """Features, labels (matches an annotated solution) and article index of every rule solution."""
    match = scorer().match
    features, labels, article_of = [], [], []
    for i, article in enumerate(articles):
        hits = {p for _, p in match(article.gold["solutions"], [t for t, _ in article.solution_rows])}
        tagged = article.solution_tagged or [None] * len(article.solution_rows)
        for j, ((_, row), p) in enumerate(zip(article.solution_rows, tagged, strict=True)):
            features.append({k: v for k, v in row.items() if not k.startswith(UNUSED_FEATURES)})
            if p is not None:
                features[-1][CERTAINTY] = p
            labels.append(int(j in hits))
            article_of.append(i)
    return features, np.array(labels), np.array(article_of)


def kept(articles: list[Article], article_of: np.ndarray, keep: np.ndarray) -> list[list[str]]:
    """The solutions each article outputs when only the `keep` rows (in row order) are kept."""
    out: list[list[str]] = [[] for _ in articles]
    rows = [text for article in articles for text, _ in article.solution_rows]
    for text, i, k in zip(rows, article_of, keep, strict=True):
        if k:
            out[i].append(text)
    return out


def fit_filter(features: list[dict], labels: np.ndarray, c: float) -> tuple[DictVectorizer, LogisticRegression]:
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


def cross_validate_filter(articles: list[Article]) -> tuple[float, int, float, float]:
    """(C, minimum feature count, threshold, cross-validated F1) that score best over folds of articles."""
    features, labels, article_of = solution_rows(articles)
    settings = [(c, m) for c in C_GRID for m in MIN_COUNTS]
    probability = {s: np.zeros(len(labels)) for s in settings}
    # folds of articles balanced by their number of rule solutions
    for train_rows, test_rows in GroupKFold(FOLDS).split(features, labels, article_of):
        train_features = [features[i] for i in train_rows]
        for c, min_count in settings:
            names = common_features(train_features, min_count)
            vectorizer, model = fit_filter(only(train_features, names), labels[train_rows], c)
            x = vectorizer.transform(only([features[i] for i in test_rows], names))
            probability[c, min_count][test_rows] = model.predict_proba(x)[:, 1]
    scored = [
        (f1(articles, kept(articles, article_of, probability[s] >= t), "solutions"), s, t)
        for s in settings
        for t in THRESHOLDS
    ]
    best = max(score for score, _, _ in scored)
    # among settings within TIE of the best, the simplest (fewest features, then strongest
    # regularisation), then the one that drops fewest of the rules' items
    near = [x for x in scored if x[0] >= best - TIE]
    score, (c, min_count), threshold = max(near, key=lambda x: (x[1][1], -x[1][0], -x[2]))
    return c, min_count, threshold, score


def to_item_model(vectorizer: DictVectorizer, model: LogisticRegression, threshold: float) -> ItemModel:
    weights = {name: round(float(w), 6) for name, w in zip(vectorizer.feature_names_, model.coef_[0], strict=True)}
    return ItemModel({k: v for k, v in weights.items() if v}, round(float(model.intercept_[0]), 6), threshold)


def train_filter(articles: list[Article], dev: list[Article] | None) -> dict:
    features, labels, _ = solution_rows(articles)
    c, min_count, threshold, cv_f1 = cross_validate_filter(articles)
    names = common_features(features, min_count)
    model = to_item_model(*fit_filter(only(features, names), labels, c), threshold)
    rules_f1 = f1(articles, [a.rule_items("solutions") for a in articles], "solutions")
    shipped = cv_f1 >= rules_f1 + MIN_GAIN
    path = HERE / "solutions.json"
    path.unlink(missing_ok=True)
    if shipped:
        path.write_text(json.dumps(model.to_dict(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    entry = {
        "model": "logistic regression over item features (pipeline/extract/item_filter.py)",
        "shipped": shipped,
        "items": len(labels),
        "items_matching_gold": int(labels.sum()),
        "C": c,
        "min_feature_count": min_count,
        "features": len(model.weights),
        "threshold": threshold,
        "cv_f1_rules": round(rules_f1, 3),
        "cv_f1_learnt": round(cv_f1, 3),
    }
    if dev is not None:
        dev_features, _, dev_article_of = solution_rows(dev)
        keep = np.array([model.keeps(f) for f in dev_features], dtype=bool)
        entry["dev_gold_f1_rules"] = round(f1(dev, [a.rule_items("solutions") for a in dev], "solutions"), 3)
        entry["dev_gold_f1_learnt"] = round(f1(dev, kept(dev, dev_article_of, keep), "solutions"), 3)
    return entry


# the taggers


def fit_tagger(
    articles: list[Article], l1: float, model_file: str | None = None, kind: str = "problems"
) -> sklearn_crfsuite.CRF:
    crf = sklearn_crfsuite.CRF(
        algorithm="lbfgs", c1=l1, c2=L2, max_iterations=150, all_possible_transitions=True, model_filename=model_file
    )
    labels = [a.solution_labels if kind == "solutions" else a.problem_labels for a in articles]
    crf.fit([s for a in articles for s in a.features], [s for sentences in labels for s in sentences])
    return crf


def solution_certainty(crf: sklearn_crfsuite.CRF, article: Article) -> list[float]:
    spans = [(s.start, s.end) for s in article.rules.solutions]
    return item_probabilities(article.sentences, crf.predict_marginals(article.features), spans)


def _out_of_fold_certainty(fold: tuple[np.ndarray, np.ndarray]) -> list[tuple[int, list[float]]]:
    train_at, test_at = fold
    crf = fit_tagger([_ARTICLES[i] for i in train_at], SOLUTION_L1, kind="solutions")
    return [(int(i), solution_certainty(crf, _ARTICLES[i])) for i in test_at]


def write_atomically(crf_fit: Callable[[str], sklearn_crfsuite.CRF], path: Path) -> tuple[sklearn_crfsuite.CRF, str]:
    """Train into a file aside, then move it into place: an interrupted build leaves no half-written
    model, which crfsuite would crash on (the pipeline also checks the checksum before opening it)."""
    partial = path.with_name(path.name + ".partial")
    crf = crf_fit(str(partial))
    crf.tagger_  # noqa: B018  (opens the model now, under the name it has until it is moved)
    digest = hashlib.sha256(partial.read_bytes()).hexdigest()
    partial.replace(path)
    return crf, digest


def train_solution_tagger(dev: list[Article] | None) -> dict:
    """The solution CRF, whose certainty of each rule solution is a feature of the filter. The filter
    learns from out-of-fold certainties: a CRF never reads an article it was trained on."""
    for part in parallel_map(_out_of_fold_certainty, list(folds(len(_ARTICLES)))):
        for i, certainty in part:
            _ARTICLES[i].solution_tagged = certainty
    crf, digest = write_atomically(
        lambda file: fit_tagger(_ARTICLES, SOLUTION_L1, file, kind="solutions"), HERE / "solution_tagger.crfsuite"
    )
    for article in dev or []:
        article.solution_tagged = solution_certainty(crf, article)
    # only its probabilities are read (o_weight 1: no decoding)
    return {
        "model": "linear-chain CRF over word features (pipeline/extract/item_tagger.py)",
        "l1": SOLUTION_L1,
        "l2": L2,
        "o_weight": 1.0,
        "features": len(crf.state_features_),
        "sha256": digest,
    }


def tagged(article: Article, marginals: list[list[dict[str, float]]], o_weight: float) -> list[str]:
    """The problems the pipeline outputs with a tagger whose word probabilities are `marginals`
    (`extract_solutions_problems`)."""
    spans = spans_of(article.text, article.sentences, marginals, o_weight)
    return [p.text for p in article.rules.tagged_problems(article.text, spans)]


_ARTICLES: list[Article] = []  # the training articles, shared with the cross-validation workers by fork


def _tagger_scores(l1: float) -> dict[tuple[float, float], float]:
    """Cross-validated F1 of the tagger with one L1 penalty, for every O weight."""
    predicted: dict[float, list[list[str]]] = {w: [[] for _ in _ARTICLES] for w in O_WEIGHTS}
    for train_at, test_at in folds(len(_ARTICLES)):
        crf = fit_tagger([_ARTICLES[i] for i in train_at], l1)
        for i in test_at:
            marginals = crf.predict_marginals(_ARTICLES[i].features)  # once for every O weight
            for w in O_WEIGHTS:
                predicted[w][i] = tagged(_ARTICLES[i], marginals, w)
    return {(l1, w): f1(_ARTICLES, predicted[w], "problems") for w in O_WEIGHTS}


def choose(scores: dict[tuple[float, float], float]) -> tuple[float, float, float]:
    """(L1, O weight, F1): among the settings within TIE of the best, the strongest L1 (the smaller
    model), then the O weight nearest 1 (the fewest items the CRF adds on its own doubt)."""
    best = max(scores.values())
    l1, o_weight = max((key for key, score in scores.items() if score >= best - TIE), key=lambda key: key)
    return l1, o_weight, scores[(l1, o_weight)]


def train_tagger(dev: list[Article] | None) -> dict:
    scores = {key: value for part in parallel_map(_tagger_scores, list(L1_GRID)) for key, value in part.items()}
    l1, o_weight, cv_f1 = choose(scores)
    rules_f1 = f1(_ARTICLES, [a.rule_items("problems") for a in _ARTICLES], "problems")
    shipped = cv_f1 >= rules_f1 + MIN_GAIN
    path = HERE / "problems.crfsuite"
    path.unlink(missing_ok=True)
    entry = {
        "model": "linear-chain CRF over word features (pipeline/extract/item_tagger.py)",
        "shipped": shipped,
        "l1": l1,
        "l2": L2,
        "o_weight": o_weight,
        "cv_f1_rules": round(rules_f1, 3),
        "cv_f1_learnt": round(cv_f1, 3),
        "cv_f1_grid": {f"l1={a} o_weight={b}": round(v, 3) for (a, b), v in sorted(scores.items())},
    }
    if shipped:
        crf, entry["sha256"] = write_atomically(lambda file: fit_tagger(_ARTICLES, l1, file), path)
        entry["features"] = len(crf.state_features_)
        if dev is not None:
            entry["dev_gold_f1_rules"] = round(f1(dev, [a.rule_items("problems") for a in dev], "problems"), 3)
            learnt = [tagged(a, crf.predict_marginals(a.features), o_weight) for a in dev]
            entry["dev_gold_f1_learnt"] = round(f1(dev, learnt, "problems"), 3)
    return entry


def train() -> None:
    global _ARTICLES
    if not ARCHIVE.exists():
        sys.exit(f"{ARCHIVE} is needed to rebuild the models (the annotations hold offsets, not text)")
    records, gold = load_annotated()
    _ARTICLES = prepare_all(records, gold)
    dev = prepare_all(*load_dev_gold()) if DEV_GOLD.exists() else None
    manifest: dict = {
        "built": dt.date.today().isoformat(),
        "scikit-learn": sklearn.__version__,
        "python-crfsuite": version("python-crfsuite"),
        "data": {
            "annotations": ANNOTATIONS.name,
            "archive": str(ARCHIVE.relative_to(SHARED.parent)),
            "articles": len(records),
            "guide": "shared/eval/GUIDE.md",
        },
    }
    manifest["solution_tagger"] = train_solution_tagger(dev)
    print("solution_tagger", manifest["solution_tagger"], flush=True)
    for kind, entry in (("solutions", train_filter(_ARTICLES, dev)), ("problems", train_tagger(dev))):
        manifest[kind] = entry
        print(kind, {k: v for k, v in entry.items() if k != "cv_f1_grid"}, flush=True)
    (HERE / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")


def score() -> None:
    """The rules' F1 on the annotated articles and on the development gold: the quick check of a rule
    change, before retraining."""
    for name, (records, gold) in (("annotated", load_annotated()), ("dev gold", load_dev_gold())):
        articles = prepare_all(records, gold)
        rules = {kind: round(f1(articles, [a.rule_items(kind) for a in articles], kind), 3) for kind in KINDS}
        print(f"{name} ({len(records)} articles): rules F1 {rules}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("add", help="add GUIDE-format annotations").add_argument("dirs", nargs="+", type=Path)
    sub.add_parser("train", help="rebuild the models from the annotations and the archive")
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
