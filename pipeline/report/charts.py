"""Charts as inline SVG built in Python: horizontal bars, stacked bars and small-multiple line charts.

Every chart is a <figure> holding one <svg> with a <title>; all text is escaped, every shape has a
<title> tooltip with its exact value, and nothing refers to an outside resource.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

CHAR_W = 6.6  # approximate width of one character at the 12px chart font
PALETTE = ("#3b6ea8", "#e08a2c", "#4f9d69", "#b5477d", "#8a6fbf", "#9a9a9a")


def _clip(label: str, limit: int) -> str:
    label = " ".join(str(label).split())
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _figure(title: str, svg_body: str, width: int, height: int, note: str = "") -> str:
    caption = escape(title)
    note_html = f'<p class="note">{escape(note)}</p>' if note else ""
    return (
        f'<figure class="chart"><figcaption>{caption}</figcaption>'
        f'<svg role="img" aria-label="{caption}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{caption}</title>{svg_body}</svg>{note_html}</figure>'
    )


def empty_chart(title: str, message: str) -> str:
    """A chart placeholder that still carries its title, for data the folder does not hold."""
    caption = f"<figcaption>{escape(title)}</figcaption>"
    return f'<figure class="chart">{caption}<p class="note">{escape(message)}</p></figure>'


def bar_chart(
    title: str, rows: Sequence[tuple[str, int]], *, note: str = "", width: int = 560, label_chars: int = 46
) -> str:
    """Horizontal bars, one per (label, value), in the given order."""
    if not rows:
        return empty_chart(title, "Nothing to show.")
    top = max(v for _, v in rows) or 1
    labels = [_clip(label, label_chars) for label, _ in rows]
    label_w = min(int(max(len(s) for s in labels) * CHAR_W) + 10, int(width * 0.55))
    value_w = len(str(top)) * CHAR_W + 10
    bar_area = width - label_w - value_w
    row_h = 22
    parts = []
    for i, ((full, value), label) in enumerate(zip(rows, labels, strict=True)):
        y = i * row_h
        w = bar_area * value / top
        tip = escape(f"{full}: {value}")
        parts.append(
            f'<g><title>{tip}</title><text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}"></rect>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 15}">{value}</text></g>'
        )
    return _figure(title, "".join(parts), width, row_h * len(rows) + 4, note)


@dataclass
class StackedRow:
    label: str
    segments: list[tuple[str, int, int]]  # (name, value, palette index)
    caption: str = ""  # text after the bar, e.g. the top proposers


def stacked_bar_chart(
    title: str, rows: Sequence[StackedRow], legend: Sequence[tuple[str, int]], *, note: str = "", width: int = 980
) -> str:
    """Horizontal stacked bars with a legend of (name, palette index) and a caption after each bar."""
    if not rows:
        return empty_chart(title, "Nothing to show.")
    totals = [sum(v for _, v, _ in r.segments) for r in rows]
    top = max(totals) or 1
    labels = [_clip(r.label, 40) for r in rows]
    label_w = min(int(max(len(s) for s in labels) * CHAR_W) + 10, 280)
    bar_area = 260
    row_h, legend_h = 24, 24
    parts = []
    x = 0.0
    for name, colour in legend:
        parts.append(
            f'<rect x="{x:.1f}" y="4" width="12" height="12" fill="{PALETTE[colour % len(PALETTE)]}"></rect>'
            f'<text x="{x + 16:.1f}" y="14">{escape(name)}</text>'
        )
        x += 16 + len(name) * CHAR_W + 18
    for i, (row, label, total) in enumerate(zip(rows, labels, totals, strict=True)):
        y = legend_h + i * row_h
        parts.append(
            f"<g><title>{escape(f'{row.label}: {total}')}</title>"
            f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end">{escape(label)}</text></g>'
        )
        x = float(label_w)
        for name, value, colour in row.segments:
            if value <= 0:
                continue
            w = bar_area * value / top
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 5}" width="{w:.1f}" height="{row_h - 10}" '
                f'fill="{PALETTE[colour % len(PALETTE)]}"><title>{escape(f"{name}: {value}")}</title></rect>'
            )
            x += w
        caption = _clip(f"{total} · {row.caption}" if row.caption else str(total), 70)
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 16}">{escape(caption)}</text>')
    return _figure(title, "".join(parts), width, legend_h + row_h * len(rows) + 4, note)


def _month_range(months: Sequence[str]) -> list[str]:
    """Every YYYY-MM from the first to the last of `months` (just `months` when the span is huge)."""
    ordered = sorted(set(months))
    if not ordered:
        return []
    try:
        y0, m0 = map(int, ordered[0].split("-"))
        y1, m1 = map(int, ordered[-1].split("-"))
    except ValueError:
        return ordered
    span = (y1 - y0) * 12 + (m1 - m0) + 1
    if span > 240:
        return ordered
    out = []
    for k in range(span):
        y, m = divmod(m0 - 1 + k, 12)
        out.append(f"{y0 + y:04d}-{m + 1:02d}")
    return out


def small_multiples(
    title: str, series: Sequence[tuple[str, dict[str, int]]], *, note: str = "", columns: int = 3
) -> str:
    """One small line chart per (label, {month: value}), sharing the month axis and the vertical scale."""
    months = _month_range([m for _, values in series for m in values])
    if not series or not months:
        return empty_chart(title, note or "No dated data to show.")
    top = max((v for _, values in series for v in values.values()), default=0) or 1
    panel_w, panel_h, gap = 300, 120, 16
    plot_x, plot_y, plot_w, plot_h = 28, 22, panel_w - 40, panel_h - 48
    step = plot_w / max(len(months) - 1, 1)
    parts = []
    for k, (label, values) in enumerate(series):
        ox = (k % columns) * (panel_w + gap)
        oy = (k // columns) * (panel_h + gap)
        points = []
        dots = []
        for i, month in enumerate(months):
            v = values.get(month, 0)
            px = ox + plot_x + (i * step if len(months) > 1 else plot_w / 2)
            py = oy + plot_y + plot_h - plot_h * v / top
            points.append(f"{px:.1f},{py:.1f}")
            if v:
                dots.append(
                    f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2.5" fill="{PALETTE[0]}">'
                    f"<title>{escape(f'{label} · {month}: {v}')}</title></circle>"
                )
        total = sum(values.values())
        parts.append(
            f'<g class="panel"><rect x="{ox}" y="{oy}" width="{panel_w}" height="{panel_h}" class="frame"></rect>'
            f'<text x="{ox + 6}" y="{oy + 14}" class="ptitle">{escape(_clip(label, 38))} ({total})</text>'
            f'<line x1="{ox + plot_x}" y1="{oy + plot_y + plot_h}" x2="{ox + plot_x + plot_w}" '
            f'y2="{oy + plot_y + plot_h}" class="axis"></line>'
            f'<text x="{ox + plot_x - 4}" y="{oy + plot_y + 8}" text-anchor="end" class="tick">{top}</text>'
            f'<text x="{ox + plot_x - 4}" y="{oy + plot_y + plot_h}" text-anchor="end" class="tick">0</text>'
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{PALETTE[0]}" stroke-width="1.5"></polyline>'
            f"{''.join(dots)}"
            f'<text x="{ox + plot_x}" y="{oy + panel_h - 8}" class="tick">{escape(months[0])}</text>'
            f'<text x="{ox + plot_x + plot_w}" y="{oy + panel_h - 8}" text-anchor="end" class="tick">'
            f"{escape(months[-1])}</text></g>"
        )
    rows = (len(series) + columns - 1) // columns
    width = min(len(series), columns) * (panel_w + gap) - gap
    height = rows * (panel_h + gap) - gap
    return _figure(title, "".join(parts), width, height, note)
