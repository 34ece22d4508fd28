"""The dev-gold solutions with their hand-made theme categories (tests/data/theme_categories.json).

Shared by the themes test and benchmark; the texts are read from ../shared at run time, never stored.
"""

from __future__ import annotations

import json
from pathlib import Path

CATEGORIES = Path(__file__).parent / "data" / "theme_categories.json"


def read_gold_solutions(dev_gold: Path) -> tuple[list[str], list[str]]:
    """Texts of the gold solutions whose theme label has a category, and those categories."""
    categories = json.loads(CATEGORIES.read_text(encoding="utf-8"))
    texts, groups = [], []
    for path in sorted(dev_gold.glob("*.json")):
        for solution in json.loads(path.read_text(encoding="utf-8")).get("solutions", []):
            if solution.get("theme") in categories and solution.get("text"):
                texts.append(solution["text"])
                groups.append(categories[solution["theme"]])
    return texts, groups
