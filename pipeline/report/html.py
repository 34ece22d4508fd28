"""A self-contained report.html (no external scripts or fonts): counts, charts as inline SVG, tables."""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

from pipeline.store import DOCUMENTS, ERRORS, iter_jsonl

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px;color:#222}
h1{margin-bottom:.2rem} .muted{color:#666} table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}
th{background:#f4f4f4} .bar{fill:#3b6ea8} svg text{font-size:12px}
"""


def _bar_chart(counts: list[tuple[str, int]], title: str) -> str:
    if not counts:
        return ""
    top = max(c for _, c in counts) or 1
    row_h, label_w, width = 22, 260, 720
    rows = []
    for i, (label, count) in enumerate(counts):
        w = (width - label_w - 60) * count / top
        y = i * row_h
        rows.append(
            f'<text x="0" y="{y + 15}">{html.escape(label[:40])}</text>'
            f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}"></rect>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 15}">{count}</text>'
        )
    height = row_h * len(counts)
    return (f"<h2>{html.escape(title)}</h2><svg role=\"img\" width=\"{width}\" height=\"{height}\" "
            f"viewBox=\"0 0 {width} {height}\">{''.join(rows)}</svg>")  # fmt: skip


def _table(headers: list[str], rows: list[list[str]], limit: int = 200) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c) if c is not None else '')}</td>" for c in row) + "</tr>"
        for row in rows[:limit]
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def write_report(out: Path) -> Path:
    """Write out/report.html from documents.jsonl and errors.jsonl; returns its path."""
    kinds: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    orgs_of: dict[str, str] = {}
    statements: list[list[str]] = []
    solutions: list[list[str]] = []
    n_docs = 0
    for doc in iter_jsonl(out / DOCUMENTS):
        n_docs += 1
        kinds[doc.get("kind") or "other"] += 1
        sources[doc.get("source") or "(unknown)"] += 1
        for p in doc.get("people", []):
            if p.get("organizations"):
                orgs_of.setdefault(p["name"], p["organizations"][0])
        for s in doc.get("statements", []):
            if s.get("speaker_is_person"):
                speakers[s["speaker"]] += 1
            if len(statements) < 200:
                statements.append([doc["id"], s.get("speaker"), s.get("type"), s.get("text", "")[:300]])
        for s in doc.get("solutions", []):
            if len(solutions) < 200:
                solutions.append([doc["id"], s.get("proposer"), s.get("text", "")[:300]])
    n_errors = sum(1 for _ in iter_jsonl(out / ERRORS))
    quoted = [(f"{name} ({orgs_of[name]})" if name in orgs_of else name, c) for name, c in speakers.most_common(15)]
    parts = [
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>vnpipe report</title>',
        f"<style>{_STYLE}</style></head><body>",
        "<h1>vnpipe report</h1>",
        f'<p class="muted">{n_docs} documents, {n_errors} errors</p>',
        _bar_chart(kinds.most_common(), "Documents by kind"),
        _bar_chart(sources.most_common(10), "Documents by source"),
        _bar_chart(quoted, "Most quoted people"),
        "<h2>Statements</h2>",
        _table(["document", "speaker", "type", "text"], statements),
        "<h2>Solutions</h2>",
        _table(["document", "proposer", "text"], solutions),
        "</body></html>",
    ]
    path = out / "report.html"
    tmp = out / ".report.html.tmp"
    tmp.write_text("\n".join(parts), encoding="utf-8")
    tmp.replace(path)
    return path
