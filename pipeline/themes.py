"""Themes of short texts (statements, solutions): a scikit-learn style topic model.

`ThemeModel` is composed, as in BERTopic, of parts passed in, each replaceable:

    vectorizer  texts -> word counts         CountVectorizer over `VietnameseWords` (segmented words)
    reducer     counts -> theme-space vectors TF-IDF -> TruncatedSVD -> L2 normaliser ("passthrough": skip)
    clusterer   vectors -> theme ids          KMeans; the number of themes by silhouette when not given
    labeller    counts, ids -> words, labels   `ClassTfidf` (class-based TF-IDF, as BERTopic's c-TF-IDF)

Defaults are built in `fit`, never in `__init__`; parts passed in are cloned, never changed. Every
random choice derives from `random_state`, so the same texts and seed give the same themes. Nothing
is downloaded: words come from underthesea's bundled segmenter, stop words from `pipeline/resources`.

    >>> model = ThemeModel(n_themes=2).fit(texts)           # doctest: +SKIP
    >>> model.labels_[:3], model.predict(["Hà Nội chống ùn tắc giao thông"])   # doctest: +SKIP
    >>> model.topic_info()                                   # doctest: +SKIP
       theme                        label  size                          top_words  representative
    0      0  ùn tắc, giao thông, sân bay    14  [ùn tắc, giao thông, sân bay, ...]  Bộ GTVT đề nghị ...
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClusterMixin, clone
from sklearn.cluster import KMeans
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.metrics import silhouette_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import Normalizer, normalize
from sklearn.utils import check_random_state

__all__ = ["ClassTfidf", "ThemeModel", "VietnameseWords"]

OUTLIER = -1
STOPWORD_LEXICONS = ("stopwords", "theme_stopwords")
SAVE_FORMAT = "vnpipe.themes.ThemeModel"
SAVE_VERSION = 1

_SEARCH_N_INIT = 1  # KMeans restarts per candidate number of themes
# Below this many distinct texts, segmenting in worker processes costs more than it saves.
_PARALLEL_MIN_TEXTS = 2_000


# --------------------------------------------------------------------------- words


class VietnameseWords:
    """Analyzer for scikit-learn vectorizers: a short Vietnamese text -> its content words.

    Words come from underthesea's segmenter (a multi-syllable word is one token, syllables joined
    by one space), after the project's normalisation (NFC, modern tone marks). Tokens without a
    letter (punctuation), with a digit, shorter than `min_chars`, and stop words are dropped. Words
    are lower-cased, except acronyms ("ASEAN") and names written with every syllable capitalised
    ("Biển Đông", "Tân Sơn Nhất"), which keep their case so that labels read naturally.

        >>> VietnameseWords().words("Bộ GTVT đề nghị chống ùn tắc tại sân bay Tân Sơn Nhất dịp Tết.")
        ['bộ', 'GTVT', 'chống', 'ùn tắc', 'sân bay', 'Tân Sơn Nhất', 'dịp', 'tết']

    With `syllables=True` the analyzer also yields the syllables of lower-case multi-syllable words
    ("sân bay" -> "sân", "bay"): compounds sharing a syllable often share a meaning (mưa lũ, lũ
    quét), which helps a few dozen texts that share few whole words. Off by default: on thousands
    of texts it merges unrelated compounds (ngân hàng, cửa hàng; chính phủ, chính sách).

    `stop_words=None` uses the project lists (`pipeline/resources/stopwords.txt` and
    `theme_stopwords.txt`); pass any iterable of lower-case words to replace them.

    Segmentation is the slow step (about 0.8 ms for a sentence). `prepare(texts, n_jobs)` analyses
    the distinct texts of a batch once, in `n_jobs` processes, and keeps them until `forget()`;
    the cache is never pickled.
    """

    def __init__(self, stop_words: Iterable[str] | None = None, min_chars: int = 2, syllables: bool = False):
        self.stop_words = stop_words
        self.min_chars = min_chars
        self.syllables = syllables

    # The callable is what vectorizers use; it looks the batch cache up first.
    def __call__(self, text: str) -> list[str]:
        memo = self.__dict__.get("_memo")
        if memo is not None:
            features = memo.get(text)
            if features is not None:
                return list(features)
        return self.features(text)

    def features(self, text: str) -> list[str]:
        """The vectorizer's tokens for one text: its words, then (with `syllables`) their syllables."""
        return self._with_syllables(self.words(text))

    def _with_syllables(self, words: list[str]) -> list[str]:
        if not self.syllables:
            return words
        stop = self._stop_set()
        parts = [p for w in words if " " in w and w.islower() for p in w.split() if p not in stop]
        return words + [p for p in parts if len(p) >= self.min_chars]

    def words(self, text: str) -> list[str]:
        """The content words of one text, segmented now (no cache)."""
        from underthesea import word_tokenize

        from pipeline.normalize import normalize_text

        return self.content_words(word_tokenize(normalize_text(text), use_token_normalize=False))

    def content_words(self, tokens: Iterable[str]) -> list[str]:
        """The content words among segmented words (a multi-syllable word is one string)."""
        stop = self._stop_set()
        out = []
        for token in tokens:
            word = " ".join(token.split())
            if len(word) < self.min_chars or not any(ch.isalpha() for ch in word):
                continue
            if any(ch.isdigit() for ch in word):
                continue
            low = word.lower()
            if low in stop:
                continue
            out.append(word if _keeps_case(word) else low)
        return out

    def remember(self, text: str, tokens: Iterable[str]) -> None:
        """Cache the analysis of `text` from words already segmented (in its document) until `forget()`."""
        self.__dict__.setdefault("_memo", {})[text] = tuple(self._with_syllables(self.content_words(tokens)))

    def prepare(self, texts: Iterable[str], n_jobs: int | None = None) -> None:
        """Segment the distinct texts not yet cached, in `n_jobs` processes (joblib semantics)."""
        from joblib import Parallel, delayed, effective_n_jobs

        memo: dict[str, tuple[str, ...]] = self.__dict__.setdefault("_memo", {})
        todo = list(dict.fromkeys(t for t in texts if t not in memo))
        workers = effective_n_jobs(n_jobs)
        if workers <= 1 or len(todo) < _PARALLEL_MIN_TEXTS:
            for text in todo:
                memo[text] = tuple(self.features(text))
            return
        size = -(-len(todo) // (workers * 4))  # a few batches per worker evens out their load
        batches = [todo[i : i + size] for i in range(0, len(todo), size)]
        results = Parallel(n_jobs=workers)(delayed(_words_of_batch)(self, batch) for batch in batches)
        for batch, words in zip(batches, results, strict=True):
            memo.update(zip(batch, words, strict=True))

    def forget(self) -> None:
        """Drop the cache filled by `prepare`."""
        self.__dict__.pop("_memo", None)

    def _stop_set(self) -> frozenset[str]:
        stop = self.__dict__.get("_stop")
        if stop is None:
            if self.stop_words is None:
                from pipeline.resources import load_lexicon

                entries: Iterable[str] = (w for name in STOPWORD_LEXICONS for w in load_lexicon(name))
            else:
                entries = self.stop_words
            stop = frozenset(w.lower() for w in entries)
            self.__dict__["_stop"] = stop
        return stop

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("_memo", "_stop")}

    def __repr__(self) -> str:
        stop = "None" if self.stop_words is None else "[...]"
        return f"VietnameseWords(stop_words={stop}, min_chars={self.min_chars}, syllables={self.syllables})"


def _words_of_batch(analyzer: VietnameseWords, texts: list[str]) -> list[tuple[str, ...]]:
    """Worker side of `VietnameseWords.prepare`."""
    return [tuple(analyzer.features(t)) for t in texts]


def _keeps_case(word: str) -> bool:
    """Acronyms (ASEAN, ĐBSCL) and names with every syllable capitalised (Hà Nội) keep their case."""
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return True
    syllables = word.split()
    return len(syllables) > 1 and all(s[:1].isupper() for s in syllables)


# --------------------------------------------------------------------------- labels


class ClassTfidf(BaseEstimator):
    """Labels themes by the words that distinguish them: class-based TF-IDF (BERTopic's c-TF-IDF).

    All texts of a theme are one class. For word t and theme c,

        W(t, c) = tf(t, c) * log(1 + A / f(t))

    with tf(t, c) the count of t in c over all counts in c, f(t) the count of t over all themes and
    A the average count per theme. A theme's label joins its `label_words` best words, preferring
    multi-syllable words (readable on their own: "ùn tắc", "sân bay"), with `separator`.
    """

    def __init__(self, top_n_words: int = 10, label_words: int = 3, prefer_multisyllable: bool = True,
                 separator: str = ", "):  # fmt: skip
        self.top_n_words = top_n_words
        self.label_words = label_words
        self.prefer_multisyllable = prefer_multisyllable
        self.separator = separator

    def fit(self, X: Any, themes: Sequence[int], words: Sequence[str]) -> ClassTfidf:
        """X: counts (texts x words); themes: a theme id per text (-1 = outlier, left out)."""
        themes = np.asarray(themes)
        words = np.asarray(words, dtype=object)
        ids = np.unique(themes[themes != OUTLIER])
        X = sparse.csr_matrix(X)
        rows = np.flatnonzero(themes != OUTLIER)
        membership = sparse.csr_matrix(
            (np.ones(len(rows)), (np.searchsorted(ids, themes[rows]), rows)), shape=(len(ids), X.shape[0])
        )
        per_theme = np.asarray((membership @ X).todense(), dtype=float)  # themes x words
        totals = per_theme.sum(axis=1, keepdims=True)
        tf = np.divide(per_theme, totals, out=np.zeros_like(per_theme), where=totals > 0)
        f = per_theme.sum(axis=0)
        average = per_theme.sum() / max(len(ids), 1)
        idf = np.log1p(np.divide(average, f, out=np.zeros_like(f), where=f > 0))
        self.theme_ids_ = ids
        self.scores_ = tf * idf
        self.top_words_: list[list[str]] = []
        self.names_: list[str] = []
        for row in self.scores_:
            order = [i for i in np.argsort(-row, kind="stable") if row[i] > 0]
            ranked = [str(words[i]) for i in order]
            self.top_words_.append(ranked[: self.top_n_words])
            self.names_.append(self.separator.join(self._label_words(ranked)))
        return self

    def _label_words(self, ranked: list[str]) -> list[str]:
        if not self.prefer_multisyllable:
            return ranked[: self.label_words]
        multi = [w for w in ranked if " " in w][: self.label_words]
        if len(multi) < self.label_words:  # too few multi-syllable words: fill with the best others
            multi += [w for w in ranked if " " not in w][: self.label_words - len(multi)]
            multi.sort(key=ranked.index)
        return multi


# --------------------------------------------------------------------------- the model


class ThemeModel(ClusterMixin, BaseEstimator):
    """Groups short Vietnamese texts (statements, solutions) into themes with readable labels.

    Parameters (all optional; None builds the default part in `fit`):
        vectorizer: texts -> counts, e.g. a CountVectorizer; default CountVectorizer(analyzer=VietnameseWords()).
        reducer: counts -> dense vectors (fit_transform/transform); default TF-IDF, TruncatedSVD
            (`n_components`) and L2 normalisation; "passthrough" only L2-normalises the counts.
        clusterer: vectors -> theme ids (fit_predict; predict used when present); default KMeans.
        n_themes: number of themes; None picks it by silhouette among `min_themes`..`max_themes`,
            on at most `sample_size` texts (for the default clusterer; set on a given one that has
            `n_clusters`).
        labeller: a `ClassTfidf`-like object: fit(counts, theme ids, words) -> top_words_, names_.
        n_init: KMeans restarts for each candidate k and the final clustering; "auto" is 10 below
            10,000 texts, else 3.
        n_jobs: processes for word segmentation, which dominates fitting time (joblib semantics; the
            default -1 uses every core, 1 stays in this process; batches under 2,000 distinct texts
            are always segmented in-process).
        random_state: int or RandomState; the same texts and seed give the same themes.

    Learned: labels_ (a theme id per training text; -1 when a text has no content word),
    n_themes_, vectorizer_, reducer_, clusterer_, labeller_, centroids_ (unit vectors),
    representatives_ (per theme, the training text closest to its centroid), sizes_,
    silhouette_scores_ ({k: score} of the automatic choice; empty when the number was given).
    Theme ids are ordered by size: theme 0 is the largest.
    """

    def __init__(
        self,
        *,
        vectorizer: Any = None,
        reducer: Any = None,
        clusterer: Any = None,
        labeller: Any = None,
        n_themes: int | None = None,
        min_themes: int = 2,
        max_themes: int = 30,
        sample_size: int = 3_000,
        n_components: int | str = "auto",
        n_init: int | str = "auto",
        n_jobs: int | None = -1,
        random_state: Any = 0,
    ):
        self.vectorizer = vectorizer
        self.reducer = reducer
        self.clusterer = clusterer
        self.labeller = labeller
        self.n_themes = n_themes
        self.min_themes = min_themes
        self.max_themes = max_themes
        self.sample_size = sample_size
        self.n_components = n_components
        self.n_init = n_init
        self.n_jobs = n_jobs
        self.random_state = random_state

    # ----------------------------------------------------------------------- fit

    def fit(
        self, texts: Iterable[str], y: Any = None, *, words: Sequence[Sequence[str] | None] | None = None
    ) -> ThemeModel:
        """Learn the themes of `texts` (an iterable of strings); returns self.

        `words`, aligned with `texts`, may give a text's words already segmented (None: segment it),
        which the default analyzer uses instead of segmenting the text again.
        """
        texts = _as_texts(texts)
        if words is not None and len(words) != len(texts):
            raise ValueError(f"words has {len(words)} entries for {len(texts)} texts")
        if len(texts) < 2:
            raise ValueError(f"ThemeModel needs at least 2 texts, got {len(texts)}")
        rng = check_random_state(self.random_state)
        reducer_seed, sample_seed, cluster_seed = (int(s) for s in rng.randint(np.iinfo(np.int32).max, size=3))

        self.vectorizer_ = _fresh(self.vectorizer) if self.vectorizer is not None else self._default_vectorizer(texts)
        counts = sparse.csr_matrix(self._vectorize(self.vectorizer_, texts, fit=True, words=words))
        self.reducer_ = self._make_reducer(counts.shape, reducer_seed)
        vectors = self._reduce(counts, fit=True)

        content = np.flatnonzero(counts.getnnz(axis=1) > 0)
        if len(content) < 2:
            raise ValueError("fewer than 2 texts have content words: nothing to group")
        k = self._n_themes(vectors[content], sample_seed)
        self.clusterer_ = self._make_clusterer(k, cluster_seed, len(content))
        raw = np.full(len(texts), OUTLIER, dtype=int)
        raw[content] = np.asarray(self.clusterer_.fit_predict(vectors[content]), dtype=int)

        # theme ids by decreasing size (ties: the theme met first), the clusterer's ids kept to map predict
        found = [c for c in dict.fromkeys(raw[content].tolist()) if c != OUTLIER]
        sizes = {c: int(np.sum(raw == c)) for c in found}
        self.cluster_ids_ = np.array(sorted(found, key=lambda c: -sizes[c]), dtype=int)
        self.labels_ = self._to_themes(raw)
        self.n_themes_ = len(self.cluster_ids_)
        self.sizes_ = np.bincount(self.labels_[self.labels_ != OUTLIER], minlength=self.n_themes_)

        self.centroids_ = np.vstack([_unit(vectors[self.labels_ == t].mean(axis=0)) for t in range(self.n_themes_)])
        self.representatives_ = []
        for t in range(self.n_themes_):
            members = np.flatnonzero(self.labels_ == t)
            closest = members[int(np.argmax(vectors[members] @ self.centroids_[t]))]
            self.representatives_.append(texts[closest])

        self.labeller_ = _fresh(self.labeller) if self.labeller is not None else ClassTfidf()
        self.labeller_.fit(counts, self.labels_, self.vectorizer_.get_feature_names_out())
        return self

    def _vectorize(self, vectorizer: Any, texts: list[str], *, fit: bool, words: Any = None) -> Any:
        analyzer = getattr(vectorizer, "analyzer", None)
        if isinstance(analyzer, VietnameseWords):
            for text, tokens in zip(texts, words or (), strict=False):
                if tokens is not None:
                    analyzer.remember(text, tokens)
            analyzer.prepare(texts, n_jobs=self.n_jobs)
        try:
            out = vectorizer.fit_transform(texts) if fit else vectorizer.transform(texts)
        finally:
            if isinstance(analyzer, VietnameseWords):
                analyzer.forget()
        if fit and isinstance(analyzer, VietnameseWords) and hasattr(vectorizer, "stop_words_"):
            vectorizer.stop_words_ = None  # every word pruned by min_df: introspection only, large when saved
        return out

    def _default_vectorizer(self, texts: list[str]) -> CountVectorizer:
        # a word seen once cannot link two texts; with few texts keep it for the labels
        return CountVectorizer(analyzer=VietnameseWords(), min_df=2 if len(texts) >= 100 else 1, max_df=0.5)

    def _make_reducer(self, shape: tuple[int, int], seed: int) -> Any:
        if isinstance(self.reducer, str):
            if self.reducer != "passthrough":
                raise ValueError(f"reducer must be an estimator, None or 'passthrough', got {self.reducer!r}")
            return "passthrough"
        if self.reducer is not None:
            return _fresh(self.reducer)
        from sklearn.decomposition import TruncatedSVD

        steps: list[tuple[str, Any]] = [("tfidf", TfidfTransformer(sublinear_tf=True))]
        n_components = self.n_components
        if n_components == "auto":  # LSA wants about 100 dimensions, but small samples only carry a few
            n_components = min(100, max(5, shape[0] // 10))
        n_components = min(int(n_components), shape[0] - 1, shape[1] - 1)
        if n_components >= 2:
            steps.append(("svd", TruncatedSVD(n_components=n_components, random_state=seed)))
        steps.append(("normalize", Normalizer(copy=False)))
        return Pipeline(steps)

    def _reduce(self, counts: Any, *, fit: bool) -> np.ndarray:
        if isinstance(self.reducer_, str):  # passthrough
            out = normalize(counts.astype(float))
        else:
            out = self.reducer_.fit_transform(counts) if fit else self.reducer_.transform(counts)
        return np.asarray(out.toarray() if sparse.issparse(out) else out, dtype=float)

    def _n_themes(self, vectors: np.ndarray, seed: int) -> int | None:
        """The number of themes: given, or the silhouette-best k on a sample (default clusterer only)."""
        n = len(vectors)
        self.silhouette_scores_: dict[int, float] = {}
        if self.n_themes is not None:
            if not 1 <= self.n_themes <= n:
                raise ValueError(f"n_themes={self.n_themes} must be between 1 and the {n} texts with content words")
            return int(self.n_themes)
        if self.clusterer is not None:
            return None  # the given clusterer decides
        rng = np.random.RandomState(seed)
        sample = vectors if n <= self.sample_size else vectors[np.sort(rng.choice(n, self.sample_size, replace=False))]
        candidates = _candidate_ks(self.min_themes, min(self.max_themes, len(sample) - 1))
        if not candidates:
            return min(n, max(1, self.min_themes))
        best_k, best_score = candidates[0], -np.inf
        # choosing k needs a good clustering per k, not the best of many: fewer restarts than the final fit
        search_n_init = min(_SEARCH_N_INIT, self._n_init(n))
        for k in candidates:
            labels = KMeans(n_clusters=k, n_init=search_n_init, random_state=seed).fit_predict(sample)
            if len(np.unique(labels)) < 2:
                continue
            score = float(silhouette_score(sample, labels))
            self.silhouette_scores_[k] = score
            if score > best_score + 1e-9:
                best_k, best_score = k, score
        return best_k

    def _n_init(self, n: int) -> int:
        if self.n_init == "auto":
            return 10 if n < 10_000 else 3
        return int(self.n_init)

    def _make_clusterer(self, k: int | None, seed: int, n: int) -> Any:
        if self.clusterer is None:
            return KMeans(n_clusters=k, n_init=self._n_init(n), random_state=seed)
        clusterer = _fresh(self.clusterer)
        if k is not None and "n_clusters" in clusterer.get_params():
            clusterer.set_params(n_clusters=k)
        return clusterer

    def _to_themes(self, raw: np.ndarray) -> np.ndarray:
        """Clusterer ids -> theme ids (by size); unknown or outlier ids -> -1."""
        lookup = {int(c): t for t, c in enumerate(self.cluster_ids_)}
        return np.array([lookup.get(int(c), OUTLIER) for c in raw], dtype=int)

    # ----------------------------------------------------------------------- use

    def transform(self, texts: Iterable[str]) -> np.ndarray:
        """Theme-space vectors of `texts` (rows are unit length, or zero for texts without content words)."""
        self._check_fitted()
        texts = _as_texts(texts)
        counts = sparse.csr_matrix(self._vectorize(self.vectorizer_, texts, fit=False))
        return self._reduce(counts, fit=False)

    def predict(self, texts: Iterable[str]) -> np.ndarray:
        """The theme id of each text: the clusterer's assignment, or else the nearest theme centroid; -1 when
        a text has no known content word."""
        self._check_fitted()
        texts = _as_texts(texts)
        if not texts:
            return np.zeros(0, dtype=int)
        counts = sparse.csr_matrix(self._vectorize(self.vectorizer_, texts, fit=False))
        vectors = self._reduce(counts, fit=False)
        content = np.flatnonzero(counts.getnnz(axis=1) > 0)
        out = np.full(len(texts), OUTLIER, dtype=int)
        if len(content):
            if hasattr(self.clusterer_, "predict"):
                out[content] = self._to_themes(np.asarray(self.clusterer_.predict(vectors[content])))
            else:
                out[content] = np.argmax(vectors[content] @ self.centroids_.T, axis=1)
        return out

    def topic_info(self) -> pd.DataFrame:
        """One row per theme (outliers last, as theme -1): theme, label, size, top_words, representative."""
        self._check_fitted()
        rows = [
            {
                "theme": t,
                "label": self.labeller_.names_[t],
                "size": int(self.sizes_[t]),
                "top_words": list(self.labeller_.top_words_[t]),
                "representative": self.representatives_[t],
            }
            for t in range(self.n_themes_)
        ]
        n_outliers = int(np.sum(self.labels_ == OUTLIER))
        if n_outliers:
            rows.append({"theme": OUTLIER, "label": "(no theme)", "size": n_outliers, "top_words": [],
                         "representative": None})  # fmt: skip
        return pd.DataFrame(rows, columns=["theme", "label", "size", "top_words", "representative"])

    # ----------------------------------------------------------------------- persistence

    def save(self, path: str | Path) -> None:
        """Write the fitted model to `path` (joblib, i.e. pickle: load only files you wrote yourself)."""
        import joblib

        self._check_fitted()
        joblib.dump({"format": SAVE_FORMAT, "version": SAVE_VERSION, "model": self}, Path(path), compress=3)

    @classmethod
    def load(cls, path: str | Path) -> ThemeModel:
        """Read a model written by `save` (trusted files only: the format is pickle)."""
        import joblib

        payload = joblib.load(Path(path))
        if not isinstance(payload, dict) or payload.get("format") != SAVE_FORMAT:
            raise ValueError(f"{path} is not a saved ThemeModel")
        if payload.get("version") != SAVE_VERSION:
            raise ValueError(f"{path}: ThemeModel file version {payload.get('version')}, expected {SAVE_VERSION}")
        model = payload["model"]
        if not isinstance(model, cls):
            raise ValueError(f"{path} holds a {type(model).__name__}, not a {cls.__name__}")
        return model

    def _check_fitted(self) -> None:
        if not hasattr(self, "labels_"):
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet: call fit(texts) before using it."
            )


def _as_texts(texts: Iterable[str]) -> list[str]:
    if isinstance(texts, str | bytes):
        raise TypeError("expected an iterable of texts, got a single string")
    out = list(texts)
    for i, t in enumerate(out):
        if not isinstance(t, str):
            raise TypeError(f"text {i} is a {type(t).__name__}, not a str")
    return out


def _candidate_ks(low: int, high: int) -> list[int]:
    """Every k up to 10, then steps of about 15%: silhouette varies slowly with many themes."""
    ks: list[int] = []
    k = max(2, low)
    while k <= high:
        ks.append(k)
        k = k + 1 if k < 10 else max(k + 1, round(k * 1.15))
    return ks


def _fresh(part: Any) -> Any:
    """An unfitted copy of a part passed in (scikit-learn's clone; a deep copy for other objects)."""
    return clone(part, safe=False)


def _unit(v: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(v)
    return v / norm if norm > 0 else v
