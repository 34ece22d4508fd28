"""report.html: one self-contained file that opens offline (inline CSS, inline vanilla JS, inline SVG charts).

It shows counts; charts of theme sizes, themes over time, the most quoted people with their
organisations, solutions by theme with their proposers, and documents by kind and by source;
sortable, searchable tables of people, statements and solutions (capped, so the file stays small
for big archives); and a per-document view with people, statements, solutions and problems
highlighted in the text by spaCy's displacy (for the first documents only, also capped).
Everything is read from an output folder, so `vnpipe report DIR` rebuilds it from the folder alone.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

from pipeline.report.assets import SCRIPT, STYLE
from pipeline.report.charts import StackedRow, bar_chart, empty_chart, small_multiples, stacked_bar_chart
from pipeline.report.collect import NO_THEME, UNKNOWN, ReportData, collect

MAX_ROWS = 2000  # rows per table
MAX_DOCUMENTS = 200  # documents pre-rendered in the per-document view
MAX_VIEW_BYTES = 12_000_000  # ... and at most this much of rendered views
TOP = 15  # bars per chart
TOP_THEMES_OVER_TIME = 12
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _n(value: int) -> str:
    return f"{value:,}"


# ---------------------------------------------------------------- charts


def _theme_sizes(data: ReportData) -> tuple[list[tuple[str, int]], int]:
    """(theme label, solutions) largest first, and the number of solutions in no theme."""
    if data.themes:
        rows = [(str(t.get("label") or t.get("theme_id")), int(t.get("size") or 0)) for t in data.themes]
    else:
        rows = [(theme, sum(c.values())) for theme, c in data.proposers.items()]
    themes = sorted((r for r in rows if r[1] > 0 and r[0] != NO_THEME), key=lambda r: (-r[1], r[0]))
    return themes, sum(n for label, n in rows if label == NO_THEME)


def _themes_over_time(data: ReportData) -> tuple[list[tuple[str, dict[str, int]]], int]:
    """(label, {month: solutions}) for the largest themes, and how many solutions had no date."""
    by_theme: dict[str, Counter[str]] = {}
    if data.themes_by_month:
        for row in data.themes_by_month:
            if row.get("theme_id") is not None and int(row["theme_id"]) < 0:
                continue
            label = str(row.get("label") or row.get("theme_id"))
            by_theme.setdefault(label, Counter())[str(row.get("month") or UNKNOWN)] += int(row.get("solutions") or 0)
    else:
        for theme, months in data.theme_months.items():
            if theme != NO_THEME:
                by_theme[theme] = Counter(months)
    undated = sum(n for c in by_theme.values() for m, n in c.items() if not _MONTH.match(m))
    dated = {label: {m: n for m, n in c.items() if _MONTH.match(m) and n} for label, c in by_theme.items()}
    ranked = sorted(((label, m) for label, m in dated.items() if m), key=lambda r: (-sum(r[1].values()), r[0]))
    return ranked[:TOP_THEMES_OVER_TIME], undated


def _top_organization(data: ReportData, name: str) -> str | None:
    person = data.people.get(name)
    if person and person.organizations:
        return person.organizations.most_common(1)[0][0]
    return None


def _quoted(data: ReportData) -> list[tuple[str, int]]:
    rows = []
    for name, count in sorted(data.quoted.items(), key=lambda r: (-r[1], r[0]))[:TOP]:
        org = _top_organization(data, name)
        rows.append((f"{name} ({org})" if org else name, count))
    return rows


def _solutions_by_theme(data: ReportData) -> list[StackedRow]:
    themes = sorted(data.proposers.items(), key=lambda r: (-sum(r[1].values()), r[0]))[:TOP]
    rows = []
    for theme, proposers in themes:
        named = sorted(((p, n) for p, n in proposers.items() if p), key=lambda r: (-r[1], r[0]))
        segments = [(name, n, rank) for rank, (name, n) in enumerate(named[:3])]
        others = sum(n for _, n in named[3:])
        segments.append((f"{len(named) - 3} other proposers" if len(named) > 3 else "other proposers", others, 3))
        segments.append(("no proposer", proposers.get("", 0), 5))
        caption = ", ".join(f"{name} {n}" for name, n in named[:3])
        rows.append(StackedRow(theme, segments, caption))
    return rows


def _documents_by_source(data: ReportData) -> list[tuple[str, int]]:
    rows = sorted(data.sources.items(), key=lambda r: (-r[1], r[0]))
    if len(rows) > TOP:
        rest = rows[TOP - 1 :]
        rows = rows[: TOP - 1] + [(f"({len(rest)} other sources)", sum(n for _, n in rest))]
    return rows


def _charts(data: ReportData) -> str:
    sizes, unthemed = _theme_sizes(data)
    sizes_note = "Solutions per theme" + (f", the largest {TOP} of {len(sizes)} themes" if len(sizes) > TOP else "")
    sizes_note += f"; {_n(unthemed)} solutions fit no theme." if unthemed else "."
    no_themes = "No themes: too few solutions to group."
    series, undated = _themes_over_time(data)
    if series:
        over_time_note = f"Solutions per month for the {len(series)} largest dated themes, on a shared scale."
        if undated:
            over_time_note += f" {_n(undated)} solutions in documents without a date are not shown."
    else:
        over_time_note = "No dated solutions: the documents carry no publication dates." if sizes else no_themes
    by_theme = _solutions_by_theme(data) if sizes else []
    return "".join([
        '<div class="charts">',
        bar_chart("Theme sizes", sizes[:TOP], note=sizes_note) if sizes else empty_chart("Theme sizes", no_themes),
        bar_chart("Most quoted people", _quoted(data), note="Statements by person (organisation).")
        if data.quoted else empty_chart("Most quoted people", "No statements by people."),
        "</div>",
        small_multiples("Themes over time", series, note=over_time_note),
        stacked_bar_chart("Solutions by theme", by_theme,
                          [("top proposer", 0), ("second", 1), ("third", 2), ("other proposers", 3),
                           ("no proposer", 5)],
                          note="Each bar splits a theme's solutions by proposer; the top proposers follow the bar.")
        if by_theme else empty_chart("Solutions by theme", no_themes),
        '<div class="charts">',
        bar_chart("Documents by kind", sorted(data.kinds.items(), key=lambda r: (-r[1], r[0]))),
        bar_chart("Documents by source", _documents_by_source(data)),
        "</div>",
    ])  # fmt: skip


# ---------------------------------------------------------------- tables


def _cell(value: Any, numeric: bool = False) -> str:
    if isinstance(value, tuple):  # (document id, index of its rendered view or None)
        doc_id, view = value
        if view is not None:
            return f'<td><a href="#doc-{view}">{escape(str(doc_id))}</a></td>'
        return f"<td>{escape(str(doc_id))}</td>"
    text = "" if value is None else str(value)
    return f'<td class="num">{escape(text)}</td>' if numeric else f"<td>{escape(text)}</td>"


def _table(key: str, title: str, headers: list[str], rows: list[list[Any]], total: int, numeric=()) -> str:
    head = "".join(f'<th class="num">{escape(h)}</th>' if h in numeric else f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(_cell(v, h in numeric) for h, v in zip(headers, row, strict=True)) + "</tr>" for row in rows
    )
    capped = f" (the first {_n(len(rows))} of {_n(total)} are listed)" if total > len(rows) else ""
    return (
        f'<h2 id="{key}">{escape(title)}</h2>'
        f'<div class="tools"><input type="search" class="search" placeholder="Search {escape(title.lower())}…" '
        f'data-table="{key}-table" data-count="{key}-count" aria-label="Search {escape(title.lower())}">'
        f'<span class="muted" id="{key}-count">{_n(len(rows))} rows{capped}</span></div>'
        f'<p class="note">Click a column header to sort; the search ignores accents.</p>'
        f'<div class="scroll"><table class="sortable" id="{key}-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _people_rows(data: ReportData) -> list[list[Any]]:
    ranked = sorted(data.people.items(), key=lambda r: (-r[1].statements, -r[1].documents, r[0]))[:MAX_ROWS]
    return [
        [
            name,
            "; ".join(r for r, _ in p.roles.most_common(3)),
            "; ".join(o for o, _ in p.organizations.most_common(3)),
            p.documents,
            p.statements,
        ]
        for name, p in ranked
    ]


# ---------------------------------------------------------------- documents


def _documents(data: ReportData) -> str:
    if not data.views:
        return '<h2 id="documents">Documents</h2><p class="muted">No documents.</p>'
    options = "".join(f'<option value="{i}">{escape(label)}</option>' for i, label in data.options)
    shown = (
        f"All {_n(data.documents)} documents are rendered."
        if len(data.views) == data.documents
        else f"The first {_n(len(data.views))} of {_n(data.documents)} documents are rendered here, "
        "to keep the file small; every document is in documents.jsonl and the tables."
    )
    return (
        '<h2 id="documents">Documents</h2>'
        f'<p class="note">{shown} In the text, each view marks people with either statements or '
        "solutions and problems; where spans overlap the longer one is kept.</p>"
        f'<label for="doc-select">Document: </label><select id="doc-select">{options}</select>' + "".join(data.views)
    )


def _errors(data: ReportData) -> str:
    if not data.errors:
        return ""
    return _table("errors", "Errors", ["id", "source", "error"], data.error_rows, data.errors)


def _overview(data: ReportData) -> str:
    stats = [
        ("documents", data.documents),
        ("people", len(data.people)),
        ("statements", data.statements),
        ("solutions", data.solutions),
        ("problems", data.problems),
        ("themes", len(_theme_sizes(data)[0])),
        ("errors", data.errors),
    ]
    items = "".join(f"<li><b>{_n(v)}</b>{escape(k)}</li>" for k, v in stats)
    dates = f'<p class="muted">Published {escape(" to ".join(data.dates))}</p>' if data.dates else ""
    return f'<ul class="stats" id="overview">{items}</ul>{dates}'


def build_html(out: Path) -> str:
    data = collect(out, max_rows=MAX_ROWS, max_documents=MAX_DOCUMENTS, max_view_bytes=MAX_VIEW_BYTES)
    nav = ["charts", "people", "statements", "solutions", "documents"] + (["errors"] if data.errors else [])
    return "\n".join([
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>vnpipe report: {escape(out.resolve().name)}</title><style>{STYLE}</style></head><body>",
        f'<header><h1>vnpipe report</h1><p class="muted">{escape(out.resolve().name)}</p></header>',
        "<nav>" + "".join(f'<a href="#{k}">{k.capitalize()}</a>' for k in nav) + "</nav><main>",
        _overview(data),
        '<h2 id="charts">Charts</h2>',
        _charts(data),
        _table("people", "People", ["name", "roles", "organisations", "documents", "statements"],
               _people_rows(data), len(data.people), numeric=("documents", "statements")),
        _table("statements", "Statements", ["document", "speaker", "type", "cue", "text"],
               data.statement_rows, data.statements),
        _table("solutions", "Solutions", ["document", "theme", "proposer", "text"],
               data.solution_rows, data.solutions),
        _documents(data),
        _errors(data),
        f"</main><script>{SCRIPT}</script></body></html>",
    ])  # fmt: skip


def write_report(out: Path) -> Path:
    """Write out/report.html from the output folder `out` (atomically); returns its path."""
    out = Path(out)
    path = out / "report.html"
    tmp = out / ".report.html.tmp"
    tmp.write_text(build_html(out), encoding="utf-8")
    tmp.replace(path)
    return path
