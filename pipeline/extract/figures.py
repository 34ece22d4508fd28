"""Figures: numbers with their unit and context ("52 giải pháp kinh nghiệm của 9 đơn vị", "12,5%")."""

from __future__ import annotations

import re

from pipeline.records import Figure

# Vietnamese numbers: "." groups thousands and "," marks decimals (3.200 tỷ đồng, 12,5%).
_NUMBER = re.compile(r"(?<![\w./,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\w/])")
_UNIT = re.compile(
    r"\s*(%|phần trăm|(?:nghìn |ngàn |triệu |tỷ |tỉ )*(?:đồng|USD|usd|euro|EUR)|"
    r"(?:nghìn |ngàn |triệu |tỷ |tỉ )+|[^\W\d]+(?: [^\W\d]+)?)",
)
_CONTEXT_STOP = re.compile(r"[,.;:!?()“”\"\n]")


def _value(integer: str, decimal: str | None) -> float | int:
    whole = int(integer.replace(".", ""))
    return float(f"{whole}.{decimal}") if decimal else whole


def extract_figures(text: str, limit: int = 50) -> list[Figure]:
    """Numbers with a unit word after them, and the phrase they stand in (up to 10 syllables)."""
    out: list[Figure] = []
    for m in _NUMBER.finditer(text):
        unit_m = _UNIT.match(text, m.end())
        if not unit_m:
            continue
        unit = unit_m.group(1).strip()
        if not unit or unit[0].isupper() and unit != "USD":
            continue  # "4/11", "Điều 5" and numbers before names are not figures
        stop = _CONTEXT_STOP.search(text, unit_m.end())
        end = stop.start() if stop else len(text)
        words = text[m.start() : end].split()
        phrase = " ".join(words[:10])
        out.append(Figure(_value(m.group(1), m.group(2)), unit, phrase, m.start(), m.start() + len(phrase)))
        if len(out) >= limit:
            break
    return out
