"""Solutions (what is proposed, demanded or planned) and problems (shortcomings, obstacles, risks).

Both are found at the level of single items: a sentence is cut into clauses at ';' and at
enumeration colons ("như: a; b; c"), each clause is kept when it carries a cue from the
lexicons, and its proposer is the speaker of the statement that contains it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from pipeline.extract.text import lexicon, syllables
from pipeline.records import Problem, Solution, Statement

_ITEM_SPLIT = re.compile(r";\s+|:\s+|\.\s+(?=[A-ZĐÀ-Ỹ“\"])|\n+|…\s*")
_TAIL_CUT = re.compile(r",\s+(?:bởi|vì|bởi vì|mà để|mà|nhằm|để|trong đó|góp phần|từ đó)\s")
_LEAD_TRIM = re.compile(
    r"^(?:(?:tuy nhiên|đồng thời|bên cạnh đó|ngoài ra|trong đó|theo đó|do đó|vì vậy|vì thế|mặt khác|"
    r"trước hết|cụ thể|như|thứ nhất|thứ hai|thứ ba|một là|hai là|ba là|[-–•+*]|\d+[.)])[\s,]*)+",
    re.IGNORECASE,
)
_MIN_SYLLABLES = 6


def _items(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Clause-level items of text[start:end], trimmed of connectors and subordinate tails."""
    pos = start
    for m in list(_ITEM_SPLIT.finditer(text, start, end)) + [None]:
        stop = m.start() if m else end
        seg_start, seg_end = pos, stop
        lead = _LEAD_TRIM.match(text, seg_start, seg_end)
        if lead:
            seg_start = lead.end()
        tail = _TAIL_CUT.search(text, seg_start, seg_end)
        if tail:
            seg_end = tail.start()
        piece = text[seg_start:seg_end]
        stripped = piece.strip(" ,.…\"“”'")
        if stripped:
            s = seg_start + piece.find(stripped)
            yield s, s + len(stripped)
        pos = m.end() if m else end


def _has_cue(text: str, start: int, end: int, name: str) -> bool:
    sylls = syllables(text, start, end)
    cues = lexicon(name)
    return any(cues.match_at(sylls, i, text) for i in range(len(sylls)))


def _speaker_at(statements: list[Statement], start: int, end: int) -> str | None:
    for st in statements:
        if st.start <= start and end <= st.end + 1:
            return st.speaker
    return None


def extract_solutions_problems(doc: Doc, statements: list[Statement]) -> tuple[list[Solution], list[Problem]]:
    text = doc.text
    solutions: list[Solution] = []
    problems: list[Problem] = []
    seen: set[tuple[int, int]] = set()
    for para in re.finditer(r"[^\n]+", text):
        for i_start, i_end in _items(text, para.start(), para.end()):
            if (i_start, i_end) in seen or len(syllables(text, i_start, i_end)) < _MIN_SYLLABLES:
                continue
            seen.add((i_start, i_end))
            item = text[i_start:i_end]
            who = _speaker_at(statements, i_start, i_end)
            is_problem = _has_cue(text, i_start, i_end, "problem_cues")
            is_solution = _has_cue(text, i_start, i_end, "solution_cues")
            past = _has_cue(text, i_start, i_end, "past_markers")
            future = re.search(r"\b(?:sẽ|cần|phải|đề nghị|yêu cầu)\b", item)
            shortcoming = is_problem and re.search(r"\b(?:chưa|còn)\b", item) and "khắc phục" not in item
            if is_solution and not (past and not future) and not shortcoming:
                solutions.append(Solution(item, who, i_start, i_end))
                continue
            if is_problem:
                problems.append(Problem(item, who, i_start, i_end))
    return solutions, problems
