"""Solutions (what is proposed, demanded or planned) and problems (shortcomings, obstacles, risks).

Both are found at the level of single items: a statement or paragraph is cut into clauses at ';',
enumeration colons ("như: a; b; c") and coordinating joints (", đồng thời"), and each clause is
classified by cue lexicons. What someone said (a statement) may propose with any cue ("tiếp tục
đẩy mạnh …"); the reporter's own narration needs a strong one ("cần", "phải", "sẽ", "đề nghị").
The proposer is the statement's speaker, or the source named before a proposal verb.

The rules' items are a first draft that two learnt models revise (`extract_solutions_problems`): the
solution filter (`item_filter`) drops unlikely solutions, and the problem tagger (`item_tagger`)
re-draws the problems word by word, reading the rules' items among its features.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

from spacy.tokens import Doc

from pipeline.extract.item_filter import filter_items
from pipeline.extract.item_tagger import (
    RuleSpans,
    document_features,
    item_probabilities,
    load_tagger,
    sentence_words,
    split_at_rule_items,
)
from pipeline.extract.statements import SpeakerResolver, reporting_verbs, speaker_phrase
from pipeline.extract.text import doc_text, fold, lexicon, not_after_abbreviation, syllables
from pipeline.records import Person, Problem, Solution, Statement

# "song" as "but", not of "song song" (parallel), "song phương" (bilateral), "song ca" (a duet) …
_SONG = r"song(?! song| phương| hành| ngữ| ca| sinh| thân)"
_ITEM_SPLIT = re.compile(
    r";\s+|:\s+|" + not_after_abbreviation() + r"\.\s+(?=[A-ZĐÀ-Ỹ“\"])|\n+|…\s*|\.\.\.\s*|\?\s+"
    r"|(?<=vấn đề) như\s+|(?<=hạn chế) như\s+|(?<=tồn tại) như\s+|(?<=khó khăn) như\s+|(?<=bất cập) như\s+"
    r"|,\s+(?=(?:đồng thời|đồng thời phải|trong đó(?! có)|mặt khác|bên cạnh đó|ngoài ra|do đó|vì vậy|vì thế"
    # a contrast opens a clause of its own ("kêu gọi tăng lương, trong khi đó VCCI cho rằng …")
    r"|trong khi đó|trong khi|tuy nhiên|nhưng|" + _SONG + r")\s"
    # "không nên ép buộc nhau, mà nên tìm cách hợp tác": "mà" (but rather) before a second demand ("mà phải"
    # is left out: "chưa nhận được tiền, mà phải tự thuê nhà" tells a burden, not a demand)
    r"|mà (?:nên|cần|hãy)\s)"
)
# a cause after a comma ends the item ("…, vì thiếu vốn"); a purpose or an outcome ("…, để …", "…, nhằm …",
# "…, từ đó …", "…, góp phần …") does not: the annotators keep it inside the proposal (45 times against 13
# in the annotated articles), but only the head before it decides the item's kind (_KEPT_TAIL)
_TAIL_CUT = re.compile(r",\s+(bởi vì|bởi|vì(?! vậy| thế)|do(?! đó)|dẫn tới|dẫn đến)\s")
_KEPT_TAIL = re.compile(
    r",\s+(?:nhất là|trong đó có|đặc biệt là|mà để|để|nhằm|mà|góp phần|từ đó|qua đó)\s", re.IGNORECASE
)
_CAUSES = frozenset({"bởi", "vì", "bởi vì", "do"})
# the request a clause carries out, and who made it: "Theo yêu cầu của UBND tỉnh, …"
_REQUEST_FRAME = (
    r"(?:theo|thực hiện) (?:yêu cầu|đề nghị|chỉ đạo|kiến nghị|đề xuất|kế hoạch) của (?P<source>[^,;:]{1,60}),"
)
_LEAD_CONNECTOR = re.compile(  # match() anchors it at the item's start
    r"(?:(?:tuy nhiên|đồng thời|bên cạnh đó|ngoài ra|trong đó|theo đó|do đó|vì vậy|vì thế|mặt khác|nhất là|"
    r"trước hết|cụ thể|như|thứ nhất|thứ hai|thứ ba|một là|hai là|ba là|nhưng|trong khi đó|trong khi|"
    r"mà(?= (?:nên|cần|hãy) )|" + _SONG + r"|chẳng hạn)\b|[-–•+*]|\d+[.)](?!\d)"
    r"|" + _REQUEST_FRAME + r")[\s,]*",
    re.IGNORECASE,
)
# a time adverbial before the clause: "Năm 2017, …", "Ngày mai (23-5), …", "Trong thời gian tới, …"
_LEAD_TIME = re.compile(
    r"(?:trong |từ |đến |vào )?(?:năm|ngày|tháng|tuần|quý|thời gian|giai đoạn|hiện nay|hiện tại|sắp tới|trước mắt|"
    r"về lâu dài|tới đây|sau đó)\b[^,;:.]{0,30},\s*",
    re.IGNORECASE,
)
_REQUEST_SOURCE = re.compile(_REQUEST_FRAME, re.IGNORECASE)
_CAPTION = re.compile(r"[-–]\s*(?:Ảnh|Video|Clip|Đồ họa|Nguồn)\s*:?\s*[^\n]*$", re.IGNORECASE)
_MIN_SYLLABLES = 4
# the shortest comma part of a list of shortcomings that is an item of its own: longer minimums (5, 7)
# were neutral on the annotated articles and cost unseen ones
_PROBLEM_PART_SYLLABLES = 3
# a quote's attribution after it: ", chủ tịch EVN đồng tình", "\" - ông Nhân nhấn mạnh"
_ATTRIBUTION_TAIL = re.compile(r"[\"”]?\s*(?:,|\s[-–])\s+(?P<tail>[^,;\"“”]{2,80})$")
_ATTRIBUTION_SYLLABLES = 12
_PROPOSER_SYLLABLES = 20  # the longest subject before a proposal verb ("Chủ tịch UBND thành phố Hà Nội …")
_PREDICATE_SYLLABLES = 6  # a subject and the verb after it: where a weak proposal cue must stand
# demand and plan cues that ask for nothing: "phải" of "gặp phải", "không phải là", "phải đối diện";
# "sẽ" of a forecast ("sẽ là", "sẽ khiến"); "chỉ cần" (only needs)
_NOT_OBLIGATION = re.compile(
    r"\b(?:gặp phải|vấp phải|không phải|phải đối diện|phải đối mặt|phải chịu(?! trách nhiệm)|bị phạt|sẽ bị"
    r"|có thể sẽ|sẽ rất|nên phải"  # "nên phải": a burden told ("so it had to"), no demand
    r"|sẽ là|sẽ không|sẽ có|sẽ thuộc|sẽ tăng|sẽ giảm|sẽ gây|sẽ mất|sẽ trở thành|không cần thiết"
    # what something will be or be seen as, and what is "only needed" (a condition, not a demand)
    r"|sẽ tiếp tục là|sẽ vẫn là|sẽ coi(?! trọng)|chỉ cần"
    # a question ("phải chăng"), a cost ("phải mất nhiều thời gian"), not knowing what to do, a failed try
    r"|phải chăng|phải mất|không biết phải|không được$"  # "phải chăng" is also "affordable": no demand either
    # a forecast or consequence, not a plan: "sẽ làm tăng nguy cơ", "sẽ khiến", "điều gì sẽ xảy ra"
    r"|sẽ làm tăng|sẽ làm giảm|sẽ khiến|sẽ dẫn đến|sẽ dẫn tới|sẽ xảy ra|sẽ ra sao|sẽ như thế nào"
    r"|sẽ ảnh hưởng|sẽ kéo theo|sẽ khó|sẽ gặp (?:khó|nhiều|phải|rủi ro|trở ngại)|sẽ thiệt"
    # how things will turn out, not what anyone will do: "sẽ trở nên tích cực", "sẽ ngày càng bền chặt"
    r"|sẽ trở nên|sẽ ngày càng|sẽ càng|sẽ dễ (?:bị|gây|dẫn)|sẽ diễn ra|sẽ nổ ra|sẽ chỉ (?:là|gây|khiến|làm))\b"
    # a hope or expectation that something will happen ("hi vọng đàm phán sẽ đạt kết quả")
    r"|(?<!của )(?<!trước )(?<!đáp ứng )\b(?:hi vọng|hy vọng|trông mong|kỳ vọng|dự báo|dự đoán|lo ngại|lo sợ)\b"
    r"[^.,;:?!]{0,60}?\bsẽ\b"
    # "phải" forced by circumstances, not asked for: "khiến doanh nghiệp phải …", "gặp khó khăn phải giải thể"
    r"|\b(?:khiến|(?<!bắt )buộc|bắt(?! buộc)|đành|đã|từng|vẫn)(?:\s+\w+){0,3}\s+phải\b|\bkhó khăn,? phải\b"
)
# "nên" is "should" after a short subject or a modal word ("Mỹ nên …", "cả hai bên đều nên …"); after a
# whole clause it is "so" ("Chủ đầu tư chưa trả tiền nên nhiều hạng mục bỏ hoang")
_SHOULD = re.compile(
    r"^(?!(?:vì|do|bởi|tại|nhờ)\b)(?:[^\W\d]+\s){0,3}[“\"]?"
    r"(?<!trở )(?<!cho )(?<!làm )(?<!tạo )(?<!dựng )nên\s(?!người|thơ)"
    r"|\b(?:thì|cũng|đều|chỉ|càng|vẫn|rất|chắc chắn) nên\s",
    re.IGNORECASE,
)
# a condition or consequence ("Nếu không giải quyết …, Việt Nam sẽ bị …") and narrative back-references
_NOT_PROPOSAL = re.compile(
    r"^(?:nếu|khi đó|do đó|vì vậy)\b|\b(?:như vậy khi|như thế khi|không thể(?! để))\b", re.IGNORECASE
)
# "từng" meaning "each" ("của từng di sản"), not "once" (a past marker)
_NOT_PAST = re.compile(r"\b(?:của|cho|với|tại|ở|theo|trong|từ|đến|tới|và) từng\b")
# "hạn chế" is a noun (a shortcoming) after these words, a verb (to limit: a measure) elsewhere
_SHORTCOMING_NOUN = re.compile(r"(?:còn|những|một số|nhiều|các|tồn tại,?|điểm|mặt)\s+(?:hạn chế|yếu kém|bất cập)")
# "hạn chế" as a verb with its object ("hạn chế phương tiện cá nhân", "để hạn chế ô nhiễm"): a measure
_LIMIT_VERB = re.compile(
    r"(?<!còn )(?<!những )(?<!các )(?<!nhiều )(?<!số )(?<!điểm )(?<!mặt )(?<!tồn tại )(?<!rất )\bhạn chế\s"
    r"(?!của|và|trong|về|như|này|đó|nhất định|yếu kém|lớn|là|thì|nên|do|vì|ở|khi|nhưng|mà)(?=\w)"
)
_REMEDY = re.compile(
    r"\b(?:khắc phục|giải quyết|tháo gỡ|xử lý|chấn chỉnh|ngăn chặn|phòng ngừa|hạn chế tình trạng|chống|phòng chống|"
    r"đề phòng|hỗ trợ|giúp đỡ|cứu trợ|thăm hỏi|vận động|không để|không thể để|ngăn ngừa"
    r"|(?<!né )(?<!trốn )tránh(?! khỏi)|(?<!bị )(?:chấm dứt|loại bỏ|xóa bỏ|xoá bỏ))\b"
    # a difficulty overcome or under control, or only named as a topic, is not a shortcoming raised
    r"|\b(?:vượt qua|vượt lên|vượt khó|biến thách thức|thuận lợi(?:,| và) khó khăn)\b"
    # the agenda of a review ("đánh giá kết quả đạt được, hạn chế", "khó khăn và giải pháp"), no shortcoming yet
    r"|\bkết quả (?:đạt được )?(?:và|,) (?:những )?(?:hạn chế|khó khăn|tồn tại|yếu kém|vướng mắc)\b"
    r"|\b(?:hạn chế|khó khăn|tồn tại|vướng mắc),? (?:và|cũng như) (?:những )?(?:giải pháp|nguyên nhân|bài học)\b"
    r"|\b(?:được|đã được) (?:kiểm soát|khắc phục|giải quyết|tháo gỡ|xử lý)\b"
)


T = TypeVar("T", Solution, Problem)
_LIST_HEADING = re.compile(r"(?:\bnhư|\bsau|\bgồm|\bbao gồm|\blà|\bvề|\bđến|\btới|\bvới)\W*$", re.IGNORECASE)
_UNDONE = re.compile(r"\b(?:chưa|không (?:được|thể)|chậm(?! nhất)|thiếu)\b")


def _items(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Clause-level items of text[start:end], trimmed of connectors and subordinate tails."""
    pos = start
    for m in [*_ITEM_SPLIT.finditer(text, start, end), None]:
        stop = m.start() if m else end
        seg_start, seg_end = pos, stop
        seg_start = _after_lead(text, seg_start, seg_end)
        tail = _TAIL_CUT.search(text, seg_start, seg_end)
        seg_end = _before_attribution(text, seg_start, seg_end)
        if tail and tail.start() < seg_end:
            if tail.group(1) in _CAUSES:  # the cause is an item of its own: often the problem answered
                yield from _stripped(text, tail.end(), seg_end)
            seg_end = tail.start()
        yield from _stripped(text, seg_start, seg_end)
        pos = m.end() if m else end


_ALL_CUES = ("solution_cues_strong", "solution_cues", "problem_cues")


def _after_lead(text: str, start: int, end: int) -> int:
    """Where the clause starts after its leading connectors and time adverbials. A would-be adverbial
    that holds a cue is the clause itself ("Thời gian tới cần rà soát …, …")."""
    while True:
        lead = _LEAD_CONNECTOR.match(text, start, end) or _LEAD_TIME.match(text, start, end)
        if not lead or lead.end() == start:
            return start
        if lead.re is _LEAD_TIME and any(_cue_count(text, start, lead.end(), name) for name in _ALL_CUES):
            return start
        start = lead.end()


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """text[start:end] without surrounding spaces, commas and quotes, if anything is left."""
    piece = text[start:end]
    stripped = piece.strip(" ,.…\"“”'")
    if stripped:
        s = start + piece.find(stripped)
        yield s, s + len(stripped)


def _before_attribution(text: str, start: int, end: int) -> int:
    """Where a clause ends before its attribution tail ("…", bạn đọc Lan nhấn mạnh; "…" - ông Nhân nói)."""
    m = _ATTRIBUTION_TAIL.search(text[start:end].rstrip(" .…"))
    tail = m.group("tail") if m else ""
    sylls = syllables(tail)
    if not m or len(sylls) > _ATTRIBUTION_SYLLABLES:
        return end
    ends_with_verb = _ends_with_reporting_verb(tail, 0, len(tail))
    # a source, not more of the clause ("…, lắp biển cảnh báo"): after a closing quote, a name or title,
    # or a verb with at most an adverb ("…, bức xúc nói", "…, nhận định")
    after_quote_or_short = m.group(0).lstrip()[:1] in '"”' or len(sylls) <= 3
    names_source = tail[:1].isupper() or any(
        lexicon(name).match_at(sylls, 0, tail) for name in ("honorifics", "source_nouns", "titles")
    )
    return start + m.start() if ends_with_verb and (after_quote_or_short or names_source) else end


def _ends_with_reporting_verb(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends with a reporting verb ("… cho biết"; after a quote "viết" reports too)."""
    sylls = syllables(text, start, end)
    verbs = (lexicon("reporting_verbs"), lexicon("reporting_verbs_colon"))
    return any(v.match_at(sylls, i, text) == len(sylls) - i for v in verbs for i in range(len(sylls)))


def _comma_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An enumeration of shortcomings split at its commas ("thiếu tổ chức sản xuất, thị trường bấp bênh").
    A part too short to be an item ("mất điện") stays with the part before it, or the one after it
    when it comes first ("Thiếu vốn, thị trường bấp bênh")."""
    parts: list[tuple[int, int]] = []
    pos, short_start = start, None
    for m in [*re.finditer(r",\s+|\s+và\s+", text[start:end]), None]:
        stop = start + m.start() if m else end
        if len(syllables(text, pos, stop)) >= _PROBLEM_PART_SYLLABLES:
            parts.append((pos if short_start is None else short_start, stop))
            short_start = None
        elif parts:
            parts[-1] = (parts[-1][0], stop)
        elif short_start is None:
            short_start = pos
        pos = start + m.end() if m else end
    if short_start is not None:
        parts.append((short_start, end))
    return parts


_DEMAND = re.compile(r"(?:không nên|đừng|cần phải|phải|cần(?! thiết)|hãy|đề nghị|yêu cầu)\b", re.IGNORECASE)


def _proposal_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A proposal cut at each comma that opens another one ("Thủ tục an ninh cần phải đẩy nhanh hơn,
    cần hướng dẫn hành khách …"): the clause after the comma starts with a proposal cue."""
    strong, imperative = lexicon("solution_cues_strong"), lexicon("solution_cues")
    cuts = []
    for m in re.finditer(r",\s+|\s+và\s+", text[start:end]):
        sylls = syllables(text, start + m.end(), min(end, start + m.end() + 40))
        after_comma = m.group().startswith(",")
        # after "và" only a demand opens another proposal: not "sẽ" (one plan) nor "cần thiết" (an adjective)
        demand_after_and = _DEMAND.match(text, start + m.end(), end)
        opens = strong.match_at(sylls, 0, text) if after_comma else demand_after_and
        if sylls and (opens or (after_comma and imperative.match_at(sylls, 0, text))):
            cuts.append((start + m.start(), start + m.end()))
    parts: list[tuple[int, int]] = []
    pos = start
    for cut_start, cut_end in [*cuts, (end, end)]:
        shortest = min(len(syllables(text, *parts[-1])), len(syllables(text, pos, cut_start))) if parts else 0
        if parts and shortest < _MIN_SYLLABLES:  # a piece too short to stand alone joins its neighbour
            parts[-1] = (parts[-1][0], cut_start)
        else:
            parts.append((pos, cut_start))
        pos = cut_end
    return parts


# words before which a proposal verb is a noun ("theo yêu cầu", "các kiến nghị", "đáp ứng đề nghị")
_NOUN_BEFORE = re.compile(r"\b(?:theo|trước|đáp ứng|các|những|nhiều|mọi|một số|với)\s+$", re.IGNORECASE)


def _after_proposer(text: str, start: int, end: int) -> int:
    """Where the proposal itself starts in "Tôi đề nghị …", "Chủ tịch UBND thành phố yêu cầu …": after
    a proposal verb that follows its subject (no proposal cue before it). An item that opens with the
    verb ("Đề nghị các đơn vị …") is an imperative and stays whole."""
    sylls = syllables(text, start, end)
    verbs = lexicon("proposal_reporting_verbs")
    cues = (lexicon("solution_cues"), lexicon("solution_cues_strong"))
    for i in range(1, min(len(sylls), _PROPOSER_SYLLABLES)):
        if any(c.match_at(sylls, i - 1, text) for c in cues):
            return start
        n = verbs.match_at(sylls, i, text)
        if n and _NOUN_BEFORE.search(text, sylls[0].start, sylls[i].start):
            continue  # the verb's noun: "Theo yêu cầu của …", "các kiến nghị …"
        if n and len(sylls) - i - n >= _MIN_SYLLABLES and sylls[i + n].text.lower() != "của":
            return sylls[i + n].start
    return start


# "do" of "tự do" (freedom) and "lý do" (reason), "song" of "song phương" (bilateral) join no clause
_CLAUSE_JOINT = re.compile(
    r",\s+|(?<!\btự)(?<!\blý)(?<!\blí)(?<!\bsong)\s+"
    r"(?=(?:do|vì|bởi vì|nhưng|" + _SONG + r"|khiến|mà)\s)",
    re.IGNORECASE,
)


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] cut at commas and before a clause of cause, contrast or result ("do", "nhưng")."""
    parts, pos = [], start
    for m in [*_CLAUSE_JOINT.finditer(text, start, end), None]:
        stop = m.start() if m else end
        if len(syllables(text, pos, stop)) >= _MIN_SYLLABLES:
            parts.append((pos, stop))
        pos = m.end() if m else end
    return parts


def _proposes(text: str, start: int, end: int) -> bool:
    return bool(_cue_count(text, start, end, "solution_cues_strong") or _opens_with(text, start, end, "solution_cues"))


def _syllable_end(text: str, start: int, end: int, n: int) -> int:
    """Where the first `n` syllables of text[start:end] end."""
    sylls = syllables(text, start, end)
    return sylls[min(n, len(sylls)) - 1].end if sylls else start


def _problem_parts(text: str, start: int, end: int, said: bool) -> list[tuple[int, int]]:
    """A list of shortcomings cut at its commas: each part naming a problem starts an item, a part
    that names none stays with the item before it ("khâu chế biến yếu, dẫn đến …")."""
    items: list[tuple[int, int]] = []
    for a, b in _comma_parts(text, start, end):
        if classify(text, a, b, said=said) == "problem" or not items:
            items.append((a, b))
        else:
            items[-1] = (items[-1][0], b)
    if items and classify(text, *items[0], said=said) != "problem":
        items[:2] = [(items[0][0], items[1][1])] if len(items) > 1 else items[:1]
    return items


def _cue_count(text: str, start: int, end: int, name: str) -> int:
    sylls = syllables(text, start, end)
    cues = lexicon(name)
    return sum(1 for i in range(len(sylls)) if cues.match_at(sylls, i, text))


def _opens_with(text: str, start: int, end: int, name: str) -> bool:
    sylls = syllables(text, start, end)
    return bool(sylls) and bool(lexicon(name).match_at(sylls, 0, text))


def _predicate_cues(text: str, start: int, end: int, not_obligations: list[re.Match[str]]) -> int:
    """The weak proposal cues among the first syllables of the clause text[start:end] (its subject and
    verb), leaving out those inside a phrase of no obligation ("sẽ tiếp tục là", "chỉ cần"):
    `not_obligations` are those phrases as matched on the whole clause (lower-cased, which keeps the
    length of Vietnamese text), so "phải chịu trách nhiệm" stays a demand."""
    window_end = _syllable_end(text, start, end, _PREDICATE_SYLLABLES)
    piece = text[start:end]
    for m in not_obligations:
        if start + m.start() < window_end:
            piece = piece[: m.start()] + " " * (m.end() - m.start()) + piece[m.end() :]
    return _cue_count(piece, 0, window_end - start, "solution_cues")


def classify(text: str, start: int, end: int, *, said: bool) -> str | None:
    """ "solution", "problem" or None for one clause; `said` when it is inside someone's statement."""
    item = text[start:end]
    low = item.lower()
    if item.rstrip().endswith("?"):
        return None
    problem_only = bool(_NOT_PROPOSAL.search(item)) and not re.search(r"\bthì (?:phải|cần)\b", low)
    comma = low.find(", ")
    if problem_only and low.startswith("nếu") and comma > 0:
        # a plan for a case ("Nếu mùa khô nặng hơn, sở sẽ điều chỉnh …") proposes in its main clause
        main = start + comma + 2
        problem_only = _cue_count(text, main, end, "solution_cues_strong") <= len(_NOT_OBLIGATION.findall(low[comma:]))
    not_obligations = list(_NOT_OBLIGATION.finditer(low))
    strong = _cue_count(text, start, end, "solution_cues_strong") - len(not_obligations)
    strong += bool(_SHOULD.search(item))
    imperative = _opens_with(text, start, end, "solution_cues")  # "Tăng cường ...", "Tổ chức ..."
    problem = _cue_count(text, start, end, "problem_cues") - len(_LIMIT_VERB.findall(low))
    past = _cue_count(text, start, end, "past_markers") - len(_NOT_PAST.findall(low))
    # a remedy that is not carried out is the shortcoming itself: "xử lý các hành vi vi phạm chưa nghiêm"
    remedy = bool(_REMEDY.search(low)) and not _UNDONE.search(low)
    if problem and _SHORTCOMING_NOUN.search(low) and not remedy:
        return "problem"
    # in someone's words a weak cue proposes when it opens the predicate ("các đơn vị tiếp tục đẩy mạnh …"),
    # not deep in a description ("hoạt động … có nhiều đổi mới, thực hiện …")
    early = said and _predicate_cues(text, start, end, not_obligations)
    proposes = not problem_only and (strong > 0 or imperative or bool(early))
    if proposes and not (past and not strong) and not (problem and not remedy and not strong):
        return "solution"
    if problem and not remedy:
        return "problem"
    return None


@dataclass(frozen=True, slots=True)
class RuleItems:
    """What the rules find: solutions, problems (repeats merged), the clauses they left unclassified
    that hold no problem cue (next to no rule item, out of the headline: where a shortcoming may be
    told without cue words), where they cut problems (repeats too), and who speaks in each stretch they
    read (a statement's speaker, or the source named before a proposal verb, in reading order: a
    statement before the paragraph items inside it): one record for run and training."""

    solutions: list[Solution]
    problems: list[Problem]
    clauses: list[tuple[int, int]]
    problem_cuts: list[tuple[int, int]]
    sources: list[tuple[int, int, str | None]]

    def spans(self) -> RuleSpans:
        return RuleSpans(
            [(s.start, s.end) for s in self.solutions],
            [(p.start, p.end) for p in self.problems],
            list(self.clauses),
        )

    def who(self, start: int, end: int) -> str | None:
        """Who proposed or raised text[start:end]: the source of the stretch that overlaps it most (the
        first one read, on a tie)."""
        best, most = None, 0
        for a, b, source in self.sources:
            overlap = min(b, end) - max(a, start)
            if overlap > most:
                best, most = source, overlap
        return best

    def tagged_problems(self, text: str, spans: list[tuple[int, int]]) -> list[Problem]:
        """The problem tagger's spans as problems: cut where the rules cut a list, raised by whoever speaks
        there, each wording once."""
        spans = split_at_rule_items(spans, self.problem_cuts)
        return _first_of_each([Problem(text[a:b], self.who(a, b), a, b) for a, b in spans])


def extract_solutions_problems(
    doc: Doc, statements: list[Statement], people: list[Person] | None = None, *, learnt: bool = True
) -> tuple[list[Solution], list[Problem]]:
    """Solutions and problems of a document, in text order. The rules find the items; with `learnt`
    and where the models are built, the solution filter (`item_filter`) drops the unlikely solutions,
    reading among its features how sure a solution CRF is of each, and the problem tagger
    (`item_tagger`) re-draws the problems word by word from the rules' items, the cue words and the
    words themselves; the rules tell who raised each."""
    found = rule_items(doc, statements, people)
    if not learnt:
        return found.solutions, found.problems
    solution_tagger, problem_tagger = load_tagger("solution_tagger"), load_tagger("problems")
    text = doc_text(doc)
    sentences, features = [], []
    if solution_tagger or problem_tagger:  # the two CRFs read the same features
        sentences = sentence_words(doc)
        features = document_features(doc, sentences, found.spans(), statements)
    tagged = None
    if solution_tagger and found.solutions:  # its certainty is read for the rules' solutions only
        marginals = solution_tagger.marginals(features)
        tagged = item_probabilities(sentences, marginals, [(s.start, s.end) for s in found.solutions])
    solutions = filter_items(doc, found.solutions, statements, "solutions", tagged)
    if problem_tagger is None:
        return solutions, found.problems
    return solutions, found.tagged_problems(text, problem_tagger.spans(text, sentences, features))


def rule_items(doc: Doc, statements: list[Statement], people: list[Person] | None = None) -> RuleItems:
    """The rules' items in text order, the clauses they could not classify, and who speaks where."""
    text = doc_text(doc)
    resolver = SpeakerResolver(people or [], text)
    solutions: list[Solution] = []
    problems: list[Problem] = []
    clauses: list[tuple[int, int]] = []
    covered: list[tuple[int, int]] = []
    sources: list[tuple[int, int, str | None]] = []

    def add(
        start: int, end: int, who: str | None, said: bool, carry: str | None = None, proposed: bool = False
    ) -> str | None:
        """Classify one item; `carry` is the previous item's kind when a ';' joins them (an enumeration);
        `proposed` when it is what a proposal verb reports ("nhất trí …", "yêu cầu …")."""
        if len(syllables(text, start, end)) < _MIN_SYLLABLES:
            return None
        if any(a <= start and end <= b for a, b in covered):
            return None
        if text[end : end + 2].lstrip().startswith(":") and (
            _LIST_HEADING.search(text, start, end) or _ends_with_reporting_verb(text, start, end)
        ):
            return None  # "… còn một số tồn tại, hạn chế, như:", "… Thanh tra bộ cho biết:" announce what follows
        # a tail the item keeps (", nhất là …", ", để …") details or aims it: the head decides its kind when
        # it can ("đề nghị xây lại cầu, nhất là mố cầu đã xuống cấp" proposes); else the whole item does
        tail = _KEPT_TAIL.search(text, start, end)
        head_end = tail.start() if tail and len(syllables(text, start, tail.start())) >= _MIN_SYLLABLES else end
        kind = classify(text, start, head_end, said=said)
        if kind is None and carry == "solution" and text[:start].rstrip().endswith(";"):
            kind = "solution"
        if kind is None and proposed:
            kind = "solution"
        if kind is None and head_end < end:
            kind, head_end = classify(text, start, end, said=said), end
        uncued = kind is None and not _cue_count(text, start, end, "problem_cues")  # where a cue is, rules decided
        if uncued and not any(a < end and start < b for a, b in clauses):
            clauses.append((start, end))
        if kind == "solution" and _SHORTCOMING_NOUN.search(text[start:end].lower()):
            # "… còn có bất cập, tồn tại cần khắc phục như …": names a shortcoming and the remedy at once
            problems.append(Problem(text[start:end], who, start, end))
        elif kind == "solution":
            # a proposal and the problem it answers in one sentence ("cần xây cầu vượt, vì lưu lượng xe lớn"):
            # a clause that names a problem and proposes nothing is a problem too
            for a, b in _clauses(text, start, end):
                if (a, b) == (start, end) or a >= head_end or _proposes(text, a, b):
                    continue  # the aim of a proposal ("…, để giảm ngập úng") is no shortcoming raised
                if classify(text, a, b, said=said) == "problem":
                    problems.append(Problem(text[a:b], who, a, b))
        if kind == "problem" and _cue_count(text, start, end, "problem_cues") >= 2:
            parts = _problem_parts(text, start, end, said)
            if len(parts) > 1:
                for a, b in parts:
                    problems.append(Problem(text[a:b], who, a, b))
                covered.append((start, end))
                return kind
        if kind == "solution":
            for a, b in _proposal_parts(text, _after_proposer(text, start, end), end):
                solutions.append(Solution(text[a:b], who, a, b))
        elif kind == "problem":
            problems.append(Problem(text[start:end], who, start, end))
        if kind:
            covered.append((start, end))
        return kind

    proposing = lexicon("proposal_reporting_verbs")
    for st in sorted(statements, key=lambda s: s.start):
        kind = None
        proposed = st.cue.lower() in proposing
        sources.append((st.start, st.end, st.speaker))
        for i_start, i_end in _items(text, st.start, st.end):
            kind = add(i_start, i_end, st.speaker, True, kind, proposed)
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for p_start, p_end in paragraphs:  # the headline too: it may state the proposal the article reports
        if _CAPTION.search(text, p_start, p_end):
            continue
        kind = None
        for i_start, i_end in _items(text, p_start, p_end):
            if any(a <= i_start < b or a < i_end <= b for a, b in covered):
                continue
            proposer = _proposer(text, p_start, i_start, i_end, resolver)
            sources.append((i_start, i_end, proposer))
            if p_start == 0 and not _cue_count(text, i_start, i_end, "solution_cues_strong"):
                continue  # a headline's words are terse: only a strong cue ("cần", "đề nghị") proposes there
            kind = add(i_start, i_end, proposer, False, kind)
    solutions.sort(key=lambda s: s.start)
    # a headline names the topic: the problems it mentions are raised in the text below (unless quoted)
    headline_end = paragraphs[0][1] if paragraphs else 0
    quoted = [(st.start, st.end) for st in statements]
    problems = sorted(
        (p for p in problems if p.start >= headline_end or any(a <= p.start < b for a, b in quoted)),
        key=lambda p: p.start,
    )
    problem_cuts = [(p.start, p.end) for p in problems]
    # the same words twice (a headline or caption repeating the body) are one proposal or problem
    solutions, problems = _first_of_each(solutions), _first_of_each(problems)
    # the clauses left over lie next to no rule item, out of the headline (its problems are raised below)
    taken = [(x.start, x.end) for x in (*solutions, *problems)]
    title_end = text.find("\n")
    candidates = [(s, e) for s, e in clauses if s >= title_end and not any(a < e and s < b for a, b in taken)]
    return RuleItems(solutions, problems, candidates, problem_cuts, sources)


def _first_of_each(items: list[T]) -> list[T]:
    """Items in text order, each wording kept once (its first place)."""
    seen: set[str] = set()
    out = []
    for item in items:
        key = fold(item.text)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _proposer(text: str, p_start: int, start: int, end: int, resolver: SpeakerResolver) -> str | None:
    """The source named before a reporting or proposal verb in the clause's sentence, if any."""
    stop = text.rfind(". ", p_start, start)
    sentence_start = stop + 2 if stop >= 0 else p_start
    frame = _REQUEST_SOURCE.search(text, sentence_start, start)
    if frame:
        source = frame.group("source").strip()
        speaker = resolver.resolve(source, frame.start("source"))
        return speaker.name if speaker else source
    for v_start, _v_end, _verb in reporting_verbs(text, sentence_start, end):
        speaker = resolver.resolve(speaker_phrase(text[sentence_start:v_start]), v_start)
        if speaker:
            return speaker.name
    return _planner(text, sentence_start, end, resolver)


def _planner(text: str, sentence_start: int, end: int, resolver: SpeakerResolver) -> str | None:
    """The body or person whose own plan the sentence announces: the subject before "sẽ", "dự kiến",
    "quyết định" ("Quận Ba Đình sẽ cưỡng chế …")."""
    sylls = syllables(text, sentence_start, end)
    markers = lexicon("plan_markers")
    for i in range(1, len(sylls)):
        if markers.match_at(sylls, i, text):
            subject = speaker_phrase(text[sentence_start : sylls[i].start])
            if len(syllables(subject)) > _PROPOSER_SYLLABLES:
                return None
            speaker = resolver.resolve(subject, sylls[i].start)
            return speaker.name if speaker else None
    return None
