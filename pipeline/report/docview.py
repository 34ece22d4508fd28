"""The per-document view: metadata, summary, people, and the text with its spans highlighted by spaCy's displacy.

displacy's "ent" style cannot nest or overlap spans, so each document gets two layers, each
resolved greedily (longer spans first, then earlier ones): statements with people, and solutions
and problems with people. People are found by their names (and short aliases such as "ông Khánh")
in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape
from typing import Any

COLORS = {"STATEMENT": "#a6cee3", "SOLUTION": "#b2df8a", "PROBLEM": "#fdbf6f", "PERSON": "#e7c6f5"}
LAYERS = (
    ("statements", "Statements & people", ("STATEMENT", "PERSON")),
    ("solutions", "Solutions, problems & people", ("SOLUTION", "PROBLEM", "PERSON")),
)
Span = tuple[int, int, str]

# displacy repeats these inline styles on every mark; the page's stylesheet carries them once instead
_MARK_STYLE = "padding: 0.45em 0.6em; margin: 0 0.25em; line-height: 1; border-radius: 0.35em;"
_LABEL_TAG = (
    '<span style="font-size: 0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em; '
    'vertical-align: middle; margin-left: 0.5rem">'
)
_MARK_OPEN = re.compile(r'\n(<mark class="entity" data-label="[A-Z]+">)\n {4}')


def _alias_pattern(name: str, alias: str) -> str | None:
    """A short alias worth finding in the text (e.g. "ông Khánh" for "Trịnh Quốc Khánh"), or None."""
    alias = " ".join(alias.split())
    words = alias.split()
    last = name.split()[-1] if name.split() else ""
    if not 2 <= len(words) <= 3 or not last or words[-1] != last or name in alias:
        return None
    first = words[0]
    head = f"[{re.escape(first[0].lower())}{re.escape(first[0].upper())}]{re.escape(first[1:])}"
    return head + r"\s+" + r"\s+".join(re.escape(w) for w in words[1:])


def person_spans(text: str, people: list[dict[str, Any]]) -> list[Span]:
    """Every occurrence of each person's name (and of short aliases) in `text`."""
    spans: list[Span] = []
    for person in people:
        name = " ".join(str(person.get("name") or "").split())
        if len(name) < 2:
            continue
        patterns = [r"\s+".join(re.escape(w) for w in name.split())]
        patterns += [p for a in person.get("aliases") or [] if (p := _alias_pattern(name, str(a)))]
        regex = re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)")
        spans.extend((m.start(), m.end(), "PERSON") for m in regex.finditer(text))
    return spans


def _offset_spans(text: str, items: list[dict[str, Any]], label: str) -> list[Span]:
    spans = []
    for item in items or []:
        start, end = item.get("start"), item.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            spans.append((start, end, label))
    return spans


def resolve_overlaps(spans: list[Span]) -> tuple[list[Span], Counter[str]]:
    """Non-overlapping spans in text order, longer (then earlier) ones kept; and what was dropped, by label."""
    kept: list[Span] = []
    dropped: Counter[str] = Counter()
    taken: list[tuple[int, int]] = []
    for span in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0], s[2])):
        start, end, label = span
        if any(start < e and s < end for s, e in taken):
            dropped[label] += 1
            continue
        taken.append((start, end))
        kept.append(span)
    return sorted(kept), dropped


def _compact(markup: str) -> str:
    """displacy's markup with the repeated inline styles as classes and without the template's line breaks
    (which would show as spaces the text does not have). Harmless if a spaCy version renders otherwise."""
    markup = markup.replace(_LABEL_TAG, '<span class="el">')
    for label, colour in COLORS.items():
        markup = markup.replace(f'style="background: {colour}; {_MARK_STYLE}"', f'data-label="{label}"')
    markup = _MARK_OPEN.sub(r"\1", markup)
    markup = markup.replace('\n    <span class="el">', ' <span class="el">')
    return markup.replace("</span>\n</mark>\n", "</span></mark>")


def render_text(text: str, spans: list[Span]) -> str:
    """The text with `spans` (already non-overlapping) as displacy <mark> elements."""
    from spacy import displacy

    ents = [{"start": s, "end": e, "label": label} for s, e, label in spans]
    markup = displacy.render(
        [{"text": text, "ents": ents, "title": None}],
        style="ent",
        manual=True,
        page=False,
        jupyter=False,  # in a notebook displacy would display the markup and return None
        options={"colors": COLORS},
    )
    return _compact(markup)


def _meta_row(name: str, value: Any) -> str:
    if value in (None, "", []):
        return ""
    return f"<dt>{escape(name)}</dt><dd>{escape(str(value))}</dd>"  # a url stays text: nothing refers outside


def render_document(doc: dict[str, Any], index: int) -> str:
    """One document's section (hidden until chosen in the page's document list)."""
    text = doc.get("text") or ""
    people = doc.get("people") or []
    found = person_spans(text, people)
    counts = {k: len(doc.get(k) or []) for k in ("people", "statements", "solutions", "problems")}
    meta = "".join(
        _meta_row(k, doc.get(k)) for k in ("id", "source", "published", "kind", "author", "url")
    ) + _meta_row("counts", ", ".join(f"{v} {k}" for k, v in counts.items()))
    keywords = doc.get("keywords") or []
    parts = [
        f'<section class="doc" id="doc-{index}" hidden>',
        f"<h3>{escape(str(doc.get('title') or doc.get('id') or '(untitled)'))}</h3>",
        f'<dl class="meta">{meta}</dl>',
    ]
    if keywords:
        parts.append(f"<p><b>Keywords:</b> {escape(', '.join(map(str, keywords)))}</p>")
    if doc.get("summary"):
        items = "".join(f"<li>{escape(str(s))}</li>" for s in doc["summary"])
        parts.append(f'<h4>Summary</h4><ol class="summary">{items}</ol>')
    if people:
        rows = "".join(
            f"<li><b>{escape(str(p.get('name') or ''))}</b>"
            + (f" — {escape('; '.join(map(str, p['roles'])))}" if p.get("roles") else "")
            + (f" <span class=\"muted\">({escape('; '.join(map(str, p['organizations'])))})</span>"
               if p.get("organizations") else "")
            + "</li>"
            for p in people
        )  # fmt: skip
        parts.append(f'<h4>People</h4><ul class="people">{rows}</ul>')
    if text:
        base = {
            "STATEMENT": _offset_spans(text, doc.get("statements"), "STATEMENT"),
            "SOLUTION": _offset_spans(text, doc.get("solutions"), "SOLUTION"),
            "PROBLEM": _offset_spans(text, doc.get("problems"), "PROBLEM"),
            "PERSON": found,
        }
        buttons, layers = [], []
        for i, (key, title, labels) in enumerate(LAYERS):
            kept, dropped = resolve_overlaps([s for label in labels for s in base[label]])
            shown = Counter(label for _, _, label in kept)
            legend = " ".join(
                f'<mark class="entity" data-label="{label}">{label.lower()} {shown[label]}</mark>' for label in labels
            )
            hidden = sum(dropped[label] for label in labels if label != "PERSON")
            note = f' <span class="muted">({hidden} overlapping spans not shown)</span>' if hidden else ""
            pressed = "true" if i == 0 else "false"
            buttons.append(
                f'<button type="button" data-layer="{key}" aria-pressed="{pressed}">{escape(title)}</button>'
            )
            layers.append(
                f'<div class="layer" data-layer="{key}"{"" if i == 0 else " hidden"}>'
                f'<p class="legend">{legend}{note}</p>{render_text(text, kept)}</div>'
            )
        parts.append(f'<h4>Text</h4><div class="layers">{"".join(buttons)}</div>{"".join(layers)}')
    else:
        parts.append('<p class="muted">No text stored for this document.</p>')
    parts.append("</section>")
    return "".join(parts)
