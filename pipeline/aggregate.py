"""Aggregation over a whole run: themes of the proposed solutions across the archive.

After every document is written, the solutions of documents.jsonl are grouped by a `ThemeModel`
(fitted here, or loaded from an earlier run's folder with `themes_from`), each solution gets its
theme's label (documents.jsonl is rewritten atomically), the model is saved beside the outputs for
later archives, and the rows of the `themes` table are returned.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

from pipeline.store import DOCUMENTS, SOLUTION_WORDS, iter_jsonl

MODEL_FILE = "themes.joblib"
MIN_SOLUTIONS = 12  # fewer solutions than this are too few to group


def _solutions(out: Path) -> tuple[list[str], list[tuple[str, str | None, str | None]]]:
    """Solution texts in file order, with (document id, published date, source) of each."""
    texts: list[str] = []
    where: list[tuple[str, str | None, str | None]] = []
    for doc in iter_jsonl(out / DOCUMENTS):
        for sol in doc.get("solutions") or []:
            texts.append(sol.get("text") or "")
            where.append((str(doc["id"]), doc.get("published"), doc.get("source")))
    return texts, where


def _segmented(out: Path, texts: list[str], where: list[tuple[str, str | None, str | None]]) -> list[Any]:
    """The words of each solution as segmented in its document (the run writes them beside
    documents.jsonl), None where they are missing (a folder from an older version)."""
    by_document = {str(line["id"]): line.get("words") or [] for line in iter_jsonl(out / SOLUTION_WORDS)}
    found: list[Any] = []
    position: dict[str, int] = defaultdict(int)
    for text, (doc_id, _, _) in zip(texts, where, strict=True):
        words = by_document.get(doc_id, [])
        i = position[doc_id]
        position[doc_id] += 1
        found.append(words[i] if i < len(words) and text else None)
    return found


def _counts_by(labels, where, names, key_index: int, column: str) -> list[dict[str, Any]]:
    """Solutions and documents per (theme, month or source)."""
    solutions: dict[tuple[int, str], int] = defaultdict(int)
    documents: dict[tuple[int, str], set[str]] = defaultdict(set)
    for theme, item in zip(labels, where, strict=True):
        value = item[key_index]
        if key_index == 1:
            value = value[:7] if value else None  # YYYY-MM
        key = (int(theme), value or "(unknown)")
        solutions[key] += 1
        documents[key].add(item[0])
    return [
        {"theme_id": t, "label": names.get(t), column: v, "solutions": n, "documents": len(documents[(t, v)])}
        for (t, v), n in sorted(solutions.items())
    ]


def assign_themes(
    out: Path, *, themes_from: Path | None = None, random_state: int = 0
) -> dict[str, list[dict[str, Any]]]:
    """Label every solution of `out` with a theme; returns the rows of the `themes`, `themes_by_month`
    and `themes_by_source` tables."""
    from pipeline.themes import ThemeModel

    texts, where = _solutions(out)
    if themes_from is not None:
        model = ThemeModel.load(themes_from / MODEL_FILE if themes_from.is_dir() else themes_from)
        labels = list(model.predict(texts)) if texts else []
    elif len(texts) >= MIN_SOLUTIONS:
        model = ThemeModel(random_state=random_state).fit(texts, words=_segmented(out, texts, where))
        labels = list(model.labels_)
    else:
        return {}
    info = model.topic_info()
    names = dict(zip(info["theme"], info["label"], strict=True))
    _rewrite_with_themes(out, [names.get(t) if t >= 0 else None for t in labels])
    model.save(out / MODEL_FILE)
    docs: dict[int, set[str]] = defaultdict(set)
    dates: dict[int, list[str]] = defaultdict(list)
    sizes: dict[int, int] = defaultdict(int)
    for theme, (doc_id, published, _source) in zip(labels, where, strict=True):
        sizes[theme] += 1
        docs[theme].add(doc_id)
        if published:
            dates[theme].append(published)
    rows = []
    for row in info.itertuples(index=False):
        t = int(row.theme)
        rows.append({
            "theme_id": t, "label": row.label, "size": sizes.get(t, 0), "top_words": list(row.top_words),
            "representative": row.representative if isinstance(row.representative, str) else None,
            "n_documents": len(docs.get(t, ())),
            "first_date": min(dates[t]) if dates.get(t) else None, "last_date": max(dates[t]) if dates.get(t) else None,
        })  # fmt: skip
    return {
        "themes": rows,
        "themes_by_month": _counts_by(labels, where, names, 1, "month"),
        "themes_by_source": _counts_by(labels, where, names, 2, "source"),
    }


def _rewrite_with_themes(out: Path, themes: list[str | None]) -> None:
    """documents.jsonl with each solution's theme filled in, replaced atomically."""
    path, tmp = out / DOCUMENTS, out / f".{DOCUMENTS}.tmp"
    it = iter(themes)
    with open(tmp, "w", encoding="utf-8") as fh:
        for doc in iter_jsonl(path):
            for sol in doc.get("solutions") or []:
                sol["theme"] = next(it)
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
