"""What the report shows, gathered in one streaming pass over documents.jsonl (plus the small theme tables).

Only bounded things are kept: counters, at most `max_rows` rows per table and the rendered views
of at most `max_documents` documents; no document's text is held beyond its rendered view.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.report.docview import render_document
from pipeline.store import DOCUMENTS, ERRORS, TABLES, iter_jsonl

NO_THEME = "(no theme)"
UNKNOWN = "(unknown)"
TEXT_CHARS = 400  # a table cell shows at most this much of a statement or solution
MAX_ERRORS = 200


@dataclass
class Person:
    roles: Counter[str] = field(default_factory=Counter)
    organizations: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    statements: int = 0


@dataclass
class ReportData:
    documents: int = 0
    statements: int = 0
    solutions: int = 0
    problems: int = 0
    errors: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    people: dict[str, Person] = field(default_factory=dict)
    quoted: Counter[str] = field(default_factory=Counter)  # statements by person speaker
    proposers: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # theme -> proposer
    theme_months: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # theme -> month
    statement_rows: list[list[Any]] = field(default_factory=list)
    solution_rows: list[list[Any]] = field(default_factory=list)
    error_rows: list[list[Any]] = field(default_factory=list)
    views: list[str] = field(default_factory=list)  # rendered per-document sections
    options: list[tuple[int, str]] = field(default_factory=list)  # (view index, label) for the document list
    view_bytes: int = 0
    dates: list[str] = field(default_factory=list)  # [first, last] published date
    themes: list[dict[str, Any]] | None = None  # rows of tables/themes.parquet, when present and not empty
    themes_by_month: list[dict[str, Any]] | None = None


def _clip(text: Any, limit: int = TEXT_CHARS) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _read_table(out: Path, name: str) -> list[dict[str, Any]] | None:
    path = out / TABLES / f"{name}.parquet"
    if not path.exists():
        return None
    try:
        import pandas as pd

        frame = pd.read_parquet(path)
    except Exception:  # an unreadable table: fall back to documents.jsonl
        return None
    if frame.empty:
        return None
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _add_person(data: ReportData, person: dict[str, Any]) -> None:
    name = " ".join(str(person.get("name") or "").split())
    if not name:
        return
    entry = data.people.setdefault(name, Person())
    entry.documents += 1
    entry.roles.update(str(r) for r in person.get("roles") or [] if r)
    entry.organizations.update(str(o) for o in person.get("organizations") or [] if o)


def collect(out: Path, *, max_rows: int, max_documents: int, max_view_bytes: int) -> ReportData:
    data = ReportData()
    first_date = last_date = None
    for doc in iter_jsonl(out / DOCUMENTS):
        data.documents += 1
        doc_id = str(doc.get("id") or f"#{data.documents}")
        data.kinds[str(doc.get("kind") or "other")] += 1
        data.sources[str(doc.get("source") or UNKNOWN)] += 1
        published = str(doc.get("published") or "")
        month = published[:7] if len(published) >= 7 else None
        if published:
            first_date = min(first_date or published, published)
            last_date = max(last_date or published, published)
        view: int | None = None
        if len(data.views) < max_documents and data.view_bytes < max_view_bytes:
            view = len(data.views)
            section = render_document(doc, view)
            data.views.append(section)
            data.view_bytes += len(section.encode("utf-8"))
            data.options.append((view, _clip(f"{doc.get('title') or doc_id}", 90)))
        for person in doc.get("people") or []:
            _add_person(data, person)
        for st in doc.get("statements") or []:
            data.statements += 1
            speaker = " ".join(str(st.get("speaker") or "").split())
            if st.get("speaker_is_person") and speaker:
                data.quoted[speaker] += 1
                data.people.setdefault(speaker, Person()).statements += 1
            if len(data.statement_rows) < max_rows:
                data.statement_rows.append(
                    [(doc_id, view), speaker, st.get("type"), st.get("cue"), _clip(st.get("text"))]
                )
        for sol in doc.get("solutions") or []:
            data.solutions += 1
            theme = str(sol.get("theme") or NO_THEME)
            proposer = " ".join(str(sol.get("proposer") or "").split())
            data.proposers[theme][proposer] += 1
            data.theme_months[theme][month or UNKNOWN] += 1
            if len(data.solution_rows) < max_rows:
                data.solution_rows.append([(doc_id, view), theme, proposer, _clip(sol.get("text"))])
        data.problems += len(doc.get("problems") or [])
    for err in iter_jsonl(out / ERRORS):
        data.errors += 1
        if len(data.error_rows) < MAX_ERRORS:
            data.error_rows.append([err.get("id"), err.get("source"), _clip(err.get("error"))])
    data.dates = [d for d in (first_date, last_date) if d]
    data.themes = _read_table(out, "themes")
    data.themes_by_month = _read_table(out, "themes_by_month")
    return data
