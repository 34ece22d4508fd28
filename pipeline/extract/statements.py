"""Statements: who said what, as direct quotes or reported (indirect) speech.

Textacy-style: a pure function over the Doc yields small records. A paragraph (one line of the
document) is the unit of reported speech in Vietnamese news: "X cho biết: …" runs to the end of
its paragraph, and the paragraphs after it that introduce no new source keep reporting X (cue "").
Attribution goes to a `Person` when the speaker phrase names one (full name, "ông Dũng", the title
alone, or a pronoun such as "đồng chí", "ông", "vị này" pointing back to the last person named),
else to the phrase itself (an organisation, "một phụ huynh") with `speaker_is_person` false.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from pipeline.extract.people import is_vietnamese_syllable
from pipeline.extract.text import SYLLABLE, doc_text, fold, lexicon, not_after_abbreviation, syllables, word_set
from pipeline.records import Person, Statement

_OPEN_CLOSE = {"“": "”", '"': '"', "‘": "’", "''": "''", "«": "»", "'": "'"}
_QUOTE = re.compile(r"“|''|\"|‘|«|(?<![\w])'(?=\w)")
_MIN_SYLLABLES = 5  # shorter quoted strings are names, titles or scare quotes
_PRONOUNS = {"đồng chí", "ông", "bà", "vị này", "người này", "ông ấy", "bà ấy", "anh", "chị", "anh ấy", "chị ấy",
             "vị lãnh đạo này", "vị bộ trưởng", "nữ đại biểu", "nam đại biểu", "lãnh đạo chính phủ"}  # fmt: skip
_LEADERS = re.compile(
    r"^(?:(?:còn|cũng|đáng chú ý|bên cạnh đó|ngoài ra|tuy nhiên|đồng thời|trong khi đó|mặt khác|theo đó|"
    r"trước đó|sau đó|tại đây|thảo luận tại đây|cũng theo|về vấn đề này|về việc này|trả lời|phát biểu|"
    r"tại buổi làm việc|tại hội nghị|tại cuộc họp|hồi năm \d+|năm \d+|trong đó)\b[\s,]*)+",
    re.IGNORECASE,
)
# adverbs between a subject and its reporting verb ("Bộ Xây dựng cũng đề nghị", "Ông cũng cho biết")
_LEADER_NOUNS = {"nhà lãnh đạo", "người đứng đầu", "lãnh đạo", "ông chủ", "người đứng đầu chính phủ"}
_TRAILERS = re.compile(
    r"(?:\s+(?:cũng|đã|đang|còn|vẫn|thì|lại|đều|sẽ|mới|vừa|từng|thêm|tiếp tục|nhiều lần|trực tiếp|công khai"
    r"|sẽ sớm|có thể|nhiều khả năng))+$"
)
# a body's document stands for the body: "thông báo của Cơ quan CSĐT …", "tỉnh X có báo cáo gửi Chính
# phủ", "công ty Y có văn bản số 92 gửi VEC"; a source's tail is no part of it either: its document, a
# date after it ("… của Barclays ngày 28-7"), a "cho biết" left by "Theo thông báo của X cho biết,"
_DOCUMENT_OF = re.compile(
    r"^(?:(?:thông báo|thông cáo|báo cáo|văn bản|công văn|tờ trình|kết luận|quyết định) (?:mới nhất )?của)\s+",
    re.IGNORECASE,
)
_SOURCE_TAIL = re.compile(
    r"(?:\s+(?:đã )?(?:có|gửi|ban hành|ra) (?:văn bản|báo cáo|công văn|tờ trình|thông báo)\b.*"
    r"|\s+(?:ngày|hôm|chiều|sáng|tối)\s+\d{1,2}(?:\s*[-/.]\s*\d{1,2}){1,2}|\s+cho biết)$",
    re.IGNORECASE,
)
# "Theo Bộ Xây dựng, …", "Cụ thể, theo X, …", "Điều này, theo X, sẽ …": the source between "theo" and a comma
_THEO = re.compile(r"(?:^|,\s)(?:(?i:còn|cũng|và) )?[Tt]heo ((?:[^,.;:]|\.(?=\w)){3,100}?), ")
# a source citing another: "Báo SCMP dẫn một số nguồn tin", "Reuters dẫn lời một quan chức"
_CITES = re.compile(r"^.{2,80}?\s(?:dẫn lời|dẫn nguồn|dẫn)\s(?=\S)")
# a plural or collective subject names a group, never one person through a title it contains
_COLLECTIVE = re.compile(r"^(?:các|những|hai|ba|nhiều|một số|cả hai|mọi|đa số|phần lớn)\s", re.IGNORECASE)
_NOMINALISERS = {"lời", "sự", "việc", "cuộc", "bài", "những", "các"}  # words that turn the verb after them into a noun
# words that make an agent noun of the verb after them: "nhà phân tích" (analyst), "giới quan sát" (observers)
_AGENT_MAKERS = {"nhà", "giới", "chuyên gia"}
# the verbs such a word turns into an agent noun; "Các chuyên gia cho rằng": "cho rằng" still reports
_AGENT_VERBS = {"phân tích", "quan sát", "bình luận", "nghiên cứu", "phê bình"}
# a name an honorific gives a person ("chị Nga") and an acronym the article defines ("… (ACV)")
_CALLED = re.compile(r"\b(?i:ông|bà|anh|chị|cô|chú|bác|em|cháu|bé)\s+([A-ZĐÀ-Ỹ]\w*(?:\s[A-ZĐÀ-Ỹ]\w*)?)\b")
_DEFINED_ACRONYM = re.compile(r"\w \(([A-ZĐ][A-ZĐ0-9&]{1,7})\)")
_CAPTION = re.compile(r"[-–]\s*(?:Ảnh|Video|Clip|Đồ họa|Nguồn)\s*:", re.IGNORECASE)
_BACK_REFERENCE = re.compile(r"^\s*(?:như vậy|như thế|như trên|điều này)\b", re.IGNORECASE)


@dataclass(slots=True)
class Speaker:
    name: str
    is_person: bool
    others: tuple[str, ...] = ()  # "A và B khẳng định": the other people who say the same


class SpeakerResolver:
    """Turns a speaker phrase into a person's full name, or keeps it as a non-person source."""

    def __init__(self, people: list[Person], text: str):
        self.people = people
        self.keys: list[tuple[str, Person]] = []
        for p in people:
            forms = {p.name, *p.aliases, *p.roles}
            given = p.name.split()[-1]
            forms |= {f"{h} {given}" for h in ("ông", "bà", "anh", "chị", "đồng chí")}
            forms |= _foreign_forms(p.name, ("ông", "bà"))  # "Flynn nói", "Putin cho biết", "ông Moon"
            self.keys.extend((fold(f), p) for f in forms if len(f) > 2)
        self.keys.sort(key=lambda kp: -len(kp[0]))
        mentions = []
        for p in people:
            given = p.name.split()[-1]
            forms = {p.name, *p.aliases} | {f"{h} {given}" for h in ("ông", "bà", "Ông", "Bà")}
            forms |= _foreign_forms(p.name, ("ông", "bà", "Ông", "Bà"))  # "Shanahan cho hay …" then "Theo ông, …"
            for form in forms:
                mentions.extend((m.start(), p) for m in re.finditer(rf"\b{re.escape(form)}\b", text))
        self.positions = sorted(mentions, key=lambda x: x[0])
        self.sources: list[str] = []  # non-person sources already named, for "các bộ trưởng" -> the full phrase
        self.text = text
        # acronyms the article defines ("Tổng công ty Cảng hàng không VN (ACV)"): bodies when they speak later
        self.acronyms = set(_DEFINED_ACRONYM.findall(text))
        # names the article gives people ("chị Nga", "anh Đức"): never the country or province of that name
        self.called = {m.group(1) for m in _CALLED.finditer(text)}

    def people_named(self, phrase: str) -> list[Person]:
        """Every person whose full name the phrase holds, in the order they appear."""
        key = f" {fold(phrase)} "
        found = [(key.find(f" {fold(p.name)} "), p) for p in self.people]
        return [p for pos, p in sorted((x for x in found if x[0] >= 0), key=lambda x: x[0])]

    def person_in(self, phrase: str, offset: int | None = None) -> Person | None:
        """The person a phrase names: the first named in it ("A và B khẳng định" -> A), by the longest
        name, alias or role found at that place."""
        key = f" {fold(phrase)} "
        words = phrase.split()
        if words and words[-1][:1].isupper():  # "bác sĩ Hách", "Bộ trưởng Tuấn": title + given name
            same_given = [p for p in self.people if fold(p.name).split()[-1] == fold(words[-1])]
            if len(same_given) == 1:
                return same_given[0]
        named = [(key.find(f" {fold(p.name)} "), p) for p in self.people]
        named = [(pos, p) for pos, p in named if pos >= 0]
        if named:
            return min(named, key=lambda x: x[0])[1]
        for form, person in self.keys:
            if f" {form} " in key:
                return person
        return self._by_title(phrase, offset)

    def _by_title(self, phrase: str, offset: int | None = None) -> Person | None:
        """ "Bí thư Yên Bái" -> the person whose role has that title and every capitalised word; when
        several have, the one named last before `offset` ("đại biểu TP. HCM" after "Đại biểu Tô Thị
        Bích Châu (TP. HCM)"). "nhà lãnh đạo Hàn Quốc" -> the person whose role names Hàn Quốc."""
        words = phrase.split()
        if not words or len(words) > 8:
            return None
        caps = {w.lower() for w in SYLLABLE.findall(" ".join(words[1:])) if w[:1].isupper()}
        leader = any(fold(phrase).startswith(n + " ") for n in _LEADER_NOUNS)
        head = "" if leader and caps else fold(" ".join(words[:2]))
        matches = [
            p
            for p in self.people
            if any(fold(r).startswith(head) and caps <= {w.lower() for w in SYLLABLE.findall(r)} for r in p.roles)
        ]
        if len(matches) > 1 and offset is not None and caps:
            named = [p for pos, p in self.positions if pos < offset and p in matches]
            return named[-1] if named else None
        return matches[0] if len(matches) == 1 else None

    def last_person_before(self, offset: int) -> Person | None:
        before = [p for pos, p in self.positions if pos < offset]
        return before[-1] if before else None

    def resolve(self, phrase: str, offset: int) -> Speaker | None:
        phrase = _TRAILERS.sub("", _LEADERS.sub("", phrase.strip(' ,-–—:"“”(')).strip(" ,-–—"))
        phrase = _SOURCE_TAIL.sub("", _DOCUMENT_OF.sub("", phrase)).strip(" ,-–—")
        cited = _CITES.search(phrase)
        if cited:  # "Báo SCMP dẫn một số nguồn tin": the source cited speaks
            phrase = phrase[cited.end() :]
        if not phrase or len(phrase) > 160:
            return None
        collective = _COLLECTIVE.match(phrase) is not None  # "các bộ trưởng ngoại giao ASEAN", "hai bên"
        person = None if collective else self.person_in(phrase, offset)
        if person:
            return Speaker(person.name, True)
        if fold(phrase) in _PRONOUNS:
            person = self.last_person_before(offset)
            return Speaker(person.name, True) if person else None
        if phrase in self.acronyms:
            return Speaker(phrase, False)
        if phrase in self.called:
            return None
        if len(phrase.split()) > 14 or not _looks_like_source(phrase):
            return None
        key = fold(phrase)
        fuller = [s for s in self.sources if fold(s).startswith(key + " ")]
        if fuller:  # "Các bộ trưởng" after "các bộ trưởng ngoại giao ASEAN": the same source
            return Speaker(fuller[-1], False)
        return Speaker(self._body_named_before(phrase, offset) or phrase, False)

    def _body_named_before(self, phrase: str, offset: int) -> str | None:
        """A bare organisation head ("quận", "Bộ", "Công an") stands for the body of that kind named last
        before `offset` ("Theo quận Ba Đình, … quận đã có văn bản yêu cầu …" -> "quận Ba Đình"). A head
        followed by a person ("cán bộ Nguyễn Văn An") or by another body ("Toàn bộ Ban quản lý") names none."""
        sylls = syllables(phrase)
        heads = lexicon("org_heads")
        if not sylls or heads.match_at(sylls, 0, phrase) != len(sylls):
            return None
        named = None
        for m in re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE).finditer(self.text, 0, offset):
            name_end = _proper_name_end(self.text, m.end())
            name = self.text[m.end() : name_end].strip()
            if not name or self.person_in(name) or heads.match_at(syllables(name), 0, name):
                continue
            named = self.text[m.start() : name_end]
        return named

    def note(self, speaker: Speaker) -> None:
        """Remember a non-person source that was given a statement, so later short forms resolve to it."""
        if not speaker.is_person and speaker.name not in self.sources:
            self.sources.append(speaker.name)


def _proper_name_end(text: str, start: int) -> int:
    """Where the proper name right after `start` ends: a number ("7"), capitalised syllables ("Ba Đình",
    "Hà Nội", "GTVT"), or Vietnamese words each capitalised on their first syllable ("Tài nguyên và Môi
    trường"), with "và" between capitalised words that do not open another body. A lower-case syllable
    that is a stop word or opens a reporting verb ("vừa", "cho biết") ends the name. `start` when no
    name follows."""
    words = syllables(text, start, min(len(text), start + 80))
    if not words or words[0].start - start > 1:
        return start
    if words[0].text.isdigit():
        return words[0].end  # "quận 7"
    capital = [w.text[:1].isupper() for w in words]
    first = words[0].text
    # "Hà Nội": every syllable capitalised; "Tài nguyên": a Vietnamese word's first syllable only
    per_word = len(words) > 1 and not capital[1] and not first.isupper() and is_vietnamese_syllable(first)
    stop, verbs, heads = word_set("stopwords"), lexicon("reporting_verbs"), lexicon("org_heads")

    def goes_on(k: int) -> bool:  # a lower-case syllable k that is the rest of a word of the name
        return not capital[k] and words[k].text not in stop and not verbs.match_at(words, k, text)

    end = last = start  # `last`: the end of the last syllable read, "và" included
    i = 0
    while i < len(words) and words[i].start - last <= 1 and capital[i]:
        end = last = words[i].end
        if per_word and i + 1 < len(words) and words[i + 1].start - end == 1 and goes_on(i + 1):
            i += 1
            end = last = words[i].end
        i += 1
        if i + 1 < len(words) and words[i].text == "và" and capital[i + 1] and not heads.match_at(words, i + 1, text):
            last = words[i].end  # the name goes on after "và"
            i += 1
    return end


def _foreign_forms(name: str, honorifics: tuple[str, ...]) -> set[str]:
    """Short forms of a foreign name (several words, not all Vietnamese syllables, "Patrick Shanahan"):
    its last word alone, and an honorific before its first word (family name first: "ông Moon")."""
    words = name.split()
    if len(words) < 2 or all(is_vietnamese_syllable(w) for w in words):
        return set()
    return {words[-1], *(f"{h} {words[0]}" for h in honorifics)}


def _looks_like_source(phrase: str) -> bool:
    """An unnamed or non-person source: an organisation or a source noun opens its phrase."""
    sylls = syllables(phrase)
    if not sylls:
        return False
    if lexicon("source_nouns").match_at(sylls, 0, phrase) or lexicon("org_heads").match_at(sylls, 0, phrase):
        return True
    if re.fullmatch(r"[\w.-]+\.(?:com|net|org|vn|gov|info)(?:\.\w{2})?", phrase.strip(), re.IGNORECASE):
        return True  # a news site: "Theo news.au.com, …"
    if lexicon("known_organizations").match_at(sylls, 0, phrase):
        return True
    # a country, province or city standing for its government: "Nghệ An sẽ mở lại đường", "Mỹ yêu cầu …"
    return lexicon("places").match_at(sylls, 0, phrase) == len(sylls)


def reporting_verbs(
    text: str, start: int, end: int, word_ends: set[int] | None = None
) -> Iterator[tuple[int, int, str]]:
    """(start, end, verb) of each reporting verb between start and end, longest match first.

    Verbs of reporting_verbs_colon.txt count only when ':' or 'rằng' follows them. With `word_ends`
    (the segmenter's word ends), a verb must end a word: "nói" in "nói chuyện" is not a reporting verb.
    """
    verbs, colon_verbs = lexicon("reporting_verbs"), lexicon("reporting_verbs_colon")
    sylls = syllables(text, start, end)
    i = 0
    while i < len(sylls):
        n = verbs.match_at(sylls, i, text)
        if not n:
            n = colon_verbs.match_at(sylls, i, text)
            after = text[sylls[i + n - 1].end : sylls[i + n - 1].end + 8] if n else ""
            if n and not re.match(r"\s*(?::|rằng\b)", after):
                n = 0
        if n and word_ends is not None and sylls[i + n - 1].end not in word_ends:
            n = 0
        if n and i > 0 and sylls[i - 1].text.lower() in _NOMINALISERS:
            n = 0  # "đưa ra lời bình luận", "sự đồng ý": the verb made a noun reports nothing
        if n:
            yield sylls[i].start, sylls[i + n - 1].end, text[sylls[i].start : sylls[i + n - 1].end]
            i += n
        else:
            i += 1


def _quotes(text: str, max_lines: int = 8) -> Iterator[tuple[int, int]]:
    """(start, end) of each quoted span's content. “ ” and " may run over several lines (a quote of
    several sentences, one per line); other marks stay within their line. An unbalanced mark is
    skipped, never allowed to swallow the rest of the document."""
    pos = 0
    while True:
        m = _QUOTE.search(text, pos)
        if not m:
            return
        mark = m.group()
        close = _OPEN_CLOSE[mark]
        limit = m.end()
        for _ in range(max_lines if mark in ("“", '"') else 1):
            nl = text.find("\n", limit)
            limit = len(text) if nl < 0 else nl + 1
        c = text.find(close, m.end(), limit)
        if mark == "“":
            reopened = text.find("“", m.end(), c if c >= 0 else limit)
            if reopened >= 0:
                c = -1
        if close == "'" and c >= 0:
            c = _closing_apostrophe(text, m.end(), limit)
        if mark == '"' and c >= 0 and "\n" in text[m.end() : c] and text[c + 1 : c + 2].isalnum():
            c = -1  # the next mark on a later line opens a quote ("giới thiệu "Mô hình …"): this one is unclosed
        if c < 0:
            pos = m.end()
            continue
        yield m.end(), c
        pos = c + len(close)


def _closing_apostrophe(text: str, start: int, end: int) -> int:
    """A single quote closes where it is not inside a word."""
    for m in re.finditer("'", text[start:end]):
        pos = start + m.start()
        if pos + 1 >= len(text) or not text[pos + 1].isalnum():
            return pos
    return -1


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


# conjunctions that open a subordinate clause with its own subject: "… sau khi ông Moon cho rằng"
_SUBORDINATOR = re.compile(
    r"\b(?:sau khi|trước khi|trong khi|khi|nhưng|song|bởi vì|vì vậy|nên)\s+(?=\S)", re.IGNORECASE
)


_HONORIFIC_START = re.compile(r"(?:ông|bà|anh|chị|đồng chí)\s+[A-ZĐÀ-Ỹ]", re.IGNORECASE)


def speaker_phrase(left: str) -> str:
    """The subject before a reporting verb: the clause after the last comma (unless that is too short)
    or after the last subordinating conjunction."""
    left = left.rstrip()
    apposition = re.search(r"(?:^|,\s)([^,]{2,80}),\s[^,]{2,80},$", left)
    if apposition and _HONORIFIC_START.match(apposition.group(1)):
        left = apposition.group(1)  # "Bà Nguyễn Thị Hoa, một cư dân,": the person stands before the apposition
    comma = left.rfind(", ")
    phrase = left[comma + 2 :] if comma >= 0 and len(left[comma + 2 :].split()) >= 2 else left
    last = max(_SUBORDINATOR.finditer(phrase), key=lambda m: m.end(), default=None)
    return phrase[last.end() :] if last and last.end() < len(phrase) else phrase


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim "rằng", colons, outer quotes and final punctuation off a reported content span."""
    m = re.match(r"\s*(?::|,)?\s*(?:rằng|là)?\s*[:,]?\s*", text[start:end])
    start += m.end() if m else 0
    while end > start and text[end - 1] in " .":
        end -= 1
    if text[start : start + 1] in '“"' and text[end - 1 : end] in '”"':
        start, end = start + 1, end - 1
    return start, end


def extract_statements(doc: Doc, people: list[Person], *, kind: str = "news") -> list[Statement]:
    """Direct quotes, reported speech and its continuations, headline statements; a speech's paragraphs."""
    text = doc_text(doc)
    resolver = SpeakerResolver(people, text)
    paragraphs = _paragraphs(text)
    quotes = list(_quotes(text))
    out: list[Statement] = list(_direct(doc, quotes, paragraphs, resolver))
    if kind in ("speech", "letter"):  # the body is the speaker's own words, not reported speech
        out += _speech(text, paragraphs, people, out)
    else:
        out += _reported(doc, paragraphs, quotes, out, resolver)
    out += _headline(text, paragraphs, out, resolver)
    out.sort(key=lambda s: (s.start, s.end))
    return out


def _direct(doc: Doc, quotes, paragraphs, resolver: SpeakerResolver) -> Iterator[Statement]:
    text = doc_text(doc)
    for q_start, q_end in quotes:
        content = text[q_start:q_end].strip()
        if len(syllables(content)) < _MIN_SYLLABLES:
            continue
        found = _attribute_quote(doc, q_start, q_end, paragraphs, resolver)
        if found:
            speaker, cue = found
            resolver.note(speaker)
            yield Statement(speaker.name, speaker.is_person, "direct", cue, content, q_start, q_end)


def _attribute_quote(doc: Doc, q_start: int, q_end: int, paragraphs, resolver: SpeakerResolver):
    """Speaker and cue of a quote: "…”, ông A nói." after it, "A nói: “…" before it, or a next
    paragraph "A nói như vậy"."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, q_start) + 1
    line_end = text.find("\n", q_end)
    line_end = len(text) if line_end < 0 else line_end
    after_start = q_end + 1
    stop = re.search(r"[.!?;“\"]", text[after_start:line_end])
    after_end = after_start + stop.start() if stop else line_end
    if len(text[after_start:after_end].split()) <= 20:
        for v_start, _v_end, verb in reporting_verbs(text, after_start, after_end):
            speaker = resolver.resolve(text[after_start:v_start], q_start)
            if speaker:
                return speaker, verb
    head = text[line_start : q_start - 1].rstrip()
    if head.endswith(":"):
        starts = [line_start, *_sentence_starts(text, line_start, line_start + len(head))]
        clause_start = max(starts[-1] - line_start, head.rfind("”") + 1)
        clause = head[clause_start:-1]
        # the first reporting verb whose subject resolves: "đại biểu A nhận xét là bộ trưởng B trả lời …:"
        for v_start, _, verb in reporting_verbs(clause, 0, len(clause)):
            if not clause[:v_start].strip():
                continue
            phrase = speaker_phrase(clause[:v_start])
            speaker = resolver.resolve(phrase, line_start + clause_start)
            if speaker and not speaker.is_person and _COLLECTIVE.match(speaker.name):
                speaker = _collective_subject(doc, speaker, line_start + clause_start + v_start, resolver)
            if speaker:
                return speaker, verb
        speaker = resolver.resolve(speaker_phrase(clause), line_start + clause_start)
        if speaker:
            return speaker, ":"
    if text[after_start:line_end].strip(" .…") == "" and line_end < len(text):
        nxt = text[line_end + 1 : text.find("\n", line_end + 1) if text.find("\n", line_end + 1) > 0 else len(text)]
        for v_start, v_end, verb in reporting_verbs(nxt, 0, min(len(nxt), 160)):
            if _BACK_REFERENCE.match(nxt[v_end:]):
                speaker = resolver.resolve(speaker_phrase(nxt[:v_start]), line_end + 1)
                if speaker:
                    return speaker, verb
            break
    return None


def _inside(spans, start: int, end: int) -> bool:
    return any(a <= start and end <= b + 1 for a, b in spans)


def _reported(doc: Doc, paragraphs, quotes, direct: list[Statement], resolver: SpeakerResolver) -> list[Statement]:
    """Indirect statements after reporting verbs or "Theo X,", and the paragraphs that continue them.

    A paragraph may hold several (one per sentence: "A khẳng định … Ông cũng đề nghị …"); each runs
    to the next one, or to the paragraph's end.
    """
    text = doc_text(doc)
    quoted = [(a - 1, b + 1) for a, b in quotes]
    word_ends = {t.idx + len(t.text) for t in doc}
    out: list[Statement] = []
    current: Speaker | None = None  # the source whose words a following paragraph may continue
    follow_ons = 0  # paragraphs continued since the last explicit statement
    for p_start, p_end in paragraphs:
        found = list(_reported_in(doc, p_start, p_end, quoted, resolver, current, word_ends))
        in_direct = [s for s in direct if p_start <= s.start < p_end]
        if found:
            for n, (speaker, first_cue, _sentence, first_start) in enumerate(found):
                first_end = found[n + 1][2] if n + 1 < len(found) else p_end
                later = [s.start - 1 for s in in_direct if s.start > first_start]
                first_end = min([first_end, *later])
                for cue, c_start, c_end in _coordinated(text, first_cue, first_start, first_end, word_ends):
                    c_start, c_end = _content(text, c_start, c_end)
                    content = text[c_start:c_end]
                    if len(syllables(content)) >= _MIN_SYLLABLES and not _BACK_REFERENCE.match(content):
                        resolver.note(speaker)
                        for name in (speaker.name, *speaker.others):
                            out.append(Statement(name, speaker.is_person, "indirect", cue, content, c_start, c_end))
            current, follow_ons = found[-1][0], 0
            continue
        if in_direct:
            last = in_direct[-1]
            current = Speaker(last.speaker, last.speaker_is_person) if last.speaker else current
            follow_ons = 0
            continue
        if current and _continues(text, p_start, p_end, resolver, current, need_cue=follow_ons > 4):
            c_start, c_end = _content(text, p_start, p_end)
            if not _inside(quoted, c_start, c_end):
                out.append(Statement(current.name, current.is_person, "indirect", "", text[c_start:c_end],
                                     c_start, c_end))  # fmt: skip
            follow_ons += 1
            continue
        current = None
    return out


# a second reporting verb of the same subject: "nói … và lưu ý …", "ghi nhận …; khẳng định …",
# "nói như vậy khi đề nghị …"
_COORDINATION = re.compile(r"(?:\s+(?:và|đồng thời|khi)|;|,\s+(?:đồng thời|và))\s+(?:(?:cũng|đồng thời|còn)\s+)?$")


# a tense or modal marker in the clause before "và": the verb after it continues the reported
# clause's own predicate ("bộ sẽ tổng hợp và đề xuất …"), not the speaker's
_EMBEDDED_PREDICATE = re.compile(r"\b(?:sẽ|cần|phải|đang|đã|được|có thể|sẵn sàng)\b", re.IGNORECASE)


# a passive, modal or negated verb reports nothing: its subject is asked or obliged to speak
_OBLIGED = re.compile(r"\b(?:được|bị|cần|phải|nên|hãy|không|chưa|chẳng)\s+(?:(?:cũng|được|phải)\s+)?$", re.IGNORECASE)


def _coordinated(text: str, cue: str, start: int, end: int, word_ends) -> list[tuple[str, int, int]]:
    """A reported content split at each coordinated reporting verb, every piece with its own cue."""
    pieces, cursor = [], start
    for v_start, v_end, verb in reporting_verbs(text, start, end, word_ends):
        joint = _COORDINATION.search(text[cursor:v_start]) if v_start > cursor else None
        clause = text[max(cursor, text.rfind(",", cursor, v_start - 2) + 1) : v_start]
        if joint and not _EMBEDDED_PREDICATE.search(clause):
            pieces.append((cue, start, cursor + joint.start()))
            cue, start, cursor = verb, v_end, v_end
    pieces.append((cue, start, end))
    return pieces


def _collective_subject(doc: Doc, speaker: Speaker, end: int, resolver: SpeakerResolver) -> Speaker | None:
    """A group as the subject: "Hai bên trao đổi … và tái khẳng định" -> "Hai bên", its noun phrase up to
    the first verb. The speaker's phrase ends at or before `end`."""
    text = doc_text(doc)
    start = text.rfind(speaker.name, max(0, end - 300), end)
    if start < 0 or doc.char_span(start, end, alignment_mode="expand") is None:
        return speaker
    verb = _first_verb(doc, start, end)
    return resolver.resolve(text[start : verb.idx if verb is not None else end], end)


def _sentence_subject(doc: Doc, start: int, end: int, resolver: SpeakerResolver) -> Speaker | None:
    """The noun phrase opening a sentence, up to its first verb, when it names a person or a group."""
    verb = _first_verb(doc, start, end)
    if verb is None:
        return None
    speaker = resolver.resolve(doc_text(doc)[start : verb.idx], verb.idx)
    if speaker and (speaker.is_person or _COLLECTIVE.match(speaker.name)):
        return speaker
    return None


def _first_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The first lower-case verb after the first word of text[start:end]: where a subject's noun phrase ends.
    A verb made an agent noun ("giới phân tích", "các chuyên gia phân tích") is still the noun phrase."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return next((t for t in list(span)[1:] if t.pos_ == "VERB" and t.text[:1].islower() and not _agent_noun(t)), None)


def _agent_noun(verb: Token) -> bool:
    """Whether a verb is made an agent noun by the word before it: "các nhà phân tích", "Giới quan sát",
    "các chuyên gia phân tích". Only verbs that form such nouns, and only when the maker opens the phrase
    or follows a determiner, number or adjective ("một số nhà", "nhiều chuyên gia"; not "ở nhà nói")."""
    if verb.i == 0 or verb.text.lower() not in _AGENT_VERBS:
        return False
    maker = verb.doc[verb.i - 1]
    if maker.text.lower() not in _AGENT_MAKERS:
        return False
    before = verb.doc[maker.i - 1] if maker.i > 0 else None
    return before is None or before.pos_ in ("DET", "NUM", "ADJ", "PUNCT", "") or before.is_space


def _noun_phrase(doc: Doc, start: int, end: int) -> bool:
    """A source phrase is a noun phrase: after its first word, no lower-case verb ("Tổ chức thăm hỏi ...")."""
    return doc.char_span(start, end, alignment_mode="expand") is not None and _first_verb(doc, start, end) is None


# sentence ends (not after an abbreviation), and semicolons that join clauses with a subject of their own
# or the same one elided
_SENTENCE_END = re.compile(r"(?<=[.!?…])" + not_after_abbreviation(r"\.") + r"\s+(?=[A-ZĐÀ-Ỹ“\"])|;\s+")
# connectors that may open a sentence whose subject is the previous speaker ("Đồng thời đề nghị …")
_ELIDED_SUBJECT = re.compile(
    r"^(?:(?:đồng thời|bên cạnh đó|ngoài ra|mặt khác|tuy nhiên|cũng|còn|và|theo đó|trước hết|cuối cùng|"
    r"ông|bà|đồng chí|vị này|ông ấy|bà ấy)[\s,]*)*(?:cũng\s*)?$",
    re.IGNORECASE,
)


def _sentence_starts(text: str, start: int, end: int) -> Iterator[int]:
    """Where each sentence of text[start:end] after the first starts."""
    return (m.end() for m in _SENTENCE_END.finditer(text, start, end))


def _reported_in(
    doc: Doc, p_start: int, p_end: int, quoted, resolver: SpeakerResolver, current: Speaker | None, word_ends
) -> Iterator[tuple[Speaker, str, int, int]]:
    """(speaker, cue, sentence start, content start) of each sentence of a paragraph that reports speech."""
    text = doc_text(doc)
    bounds = [p_start, *_sentence_starts(text, p_start, p_end)]
    for n, s_start in enumerate(bounds):
        s_end = bounds[n + 1] if n + 1 < len(bounds) else p_end
        if any(a <= s_start and s_end <= b for a, b in quoted):
            continue
        hit = _reported_sentence(doc, s_start, s_end, quoted, resolver, current, word_ends)
        if hit:
            current = hit[0]
            yield hit[0], hit[1], s_start, hit[2]


def _reported_sentence(doc: Doc, s_start: int, s_end: int, quoted, resolver, current, word_ends):
    text = doc_text(doc)
    elided = None  # a verb opening the sentence with the subject left out: the current source's words
    for v_start, v_end, verb in reporting_verbs(text, s_start, s_end, word_ends):
        if any(a <= v_start < b for a, b in quoted):
            continue
        left = text[s_start:v_start]
        if verb.lower() in _AGENT_VERBS:  # "Giới phân tích cho rằng …": the subject's noun; "cho rằng" reports
            verb_span = doc.char_span(v_start, v_end, alignment_mode="expand")
            if verb_span is not None and _agent_noun(verb_span[0]):
                continue
        if _OBLIGED.search(left):
            continue  # "các cơ quan cũng được đề nghị …", "các nhà khoa học phải đề xuất …": not a report
        if elided:
            # "Chia sẻ quan điểm này, đại biểu Hà Minh Tâm lưu ý …": the opening verb was a participle
            # clause and the sentence names its own speaker after the comma
            speaker = resolver.resolve(speaker_phrase(left), v_start) if ", " in left else None
            if speaker and speaker.is_person:
                return speaker, verb, v_end
            continue
        if _ELIDED_SUBJECT.match(left.strip(" ,")):
            # the verb opens its sentence ("Đề nghị Bộ Xây dựng …", "Ông cũng cho biết …"): the current source
            after_semicolon = text[:s_start].rstrip().endswith(";")
            if current and (text[v_start].isupper() or left.strip() or after_semicolon):
                pronoun = resolver.resolve(left, v_start) if left.strip() else None
                elided = (pronoun or current), verb, v_end
                if left.strip():
                    return elided
            continue
        if text[v_start].isupper():
            continue
        phrase = speaker_phrase(left)
        speaker = resolver.resolve(phrase, v_start)
        if speaker is None and re.search(r"(?:,|\svà)\s*$", left):
            # "Hai bên đã thảo luận về …, nhất trí …": a chain of predicates of the sentence's subject
            speaker = _sentence_subject(doc, s_start, v_start, resolver)
        if speaker and not speaker.is_person and _COLLECTIVE.match(speaker.name):
            speaker = _collective_subject(doc, speaker, v_start, resolver)
        elif speaker and not speaker.is_person:
            # "Bác sĩ Nông Văn Hách, bệnh viện Đa khoa tỉnh Yên Bái cho biết": the person, not the affiliation
            pieces = left.rsplit(", ", 2)
            person = resolver.person_in(", ".join(pieces[-2:])) if len(pieces) > 1 else None
            if person:
                speaker = Speaker(person.name, True)
        if speaker and speaker.is_person and " và " in phrase:
            named = resolver.people_named(phrase)
            if len(named) > 1 and named[0].name == speaker.name:
                speaker = Speaker(speaker.name, True, tuple(p.name for p in named[1:]))
        if speaker and not speaker.is_person:
            named_at = text.rfind(speaker.name, s_start, v_start)
            subject = (named_at, named_at + len(speaker.name)) if named_at >= 0 else (v_start - len(phrase), v_start)
            if not _noun_phrase(doc, *subject):
                speaker = None
        if speaker:
            return speaker, verb, v_end
    if elided:
        return elided
    for m in _THEO.finditer(text[s_start:s_end]):
        speaker = resolver.resolve(m.group(1), s_start + m.start(1))
        if speaker:
            return speaker, "theo", s_start + m.end()
    return None


def _continues(
    text: str,
    p_start: int,
    p_end: int,
    resolver: SpeakerResolver,
    current: Speaker | None = None,
    *,
    need_cue: bool = True,
) -> bool:
    """Whether a paragraph with no source of its own carries on the previous speaker's words: a full
    sentence, not a caption or a narrative opening, naming no other person."""
    para = text[p_start:p_end].strip()
    if len(syllables(para)) < 8 or para[-1:] not in '.…!?;:”"' or _CAPTION.search(para):
        return False
    sylls = syllables(para)
    if lexicon("narrative_openers").match_at(sylls, 0, para) or re.match(r"\d", para):
        return False
    cues = lexicon("speech_cues")
    if need_cue and not any(cues.match_at(sylls, i, para) for i in range(len(sylls))):
        return False
    low = f" {fold(para)} "
    for p in resolver.people:
        given = fold(p.name).split()[-1]
        forms = {fold(p.name)} | {f"{h} {given}" for h in ("ông", "bà", "anh", "chị")}
        if any(f" {f} " in low for f in forms):
            return False
    return True


def _headline(text: str, paragraphs, found: list[Statement], resolver: SpeakerResolver) -> Iterator[Statement]:
    """A headline "Thủ tướng: 'Thu thuế tài sản ...'" or a headline that is itself a quote."""
    if not paragraphs:
        return
    t_start, t_end = paragraphs[0]
    title = text[t_start:t_end]
    m = re.match(r"^([^:]{2,60}):\s*(.+)$", title)
    if m:
        speaker = resolver.resolve(m.group(1), t_start)
        if speaker:
            c_start, c_end = _content(text, t_start + m.start(2), t_end)
            c_start, c_end = _strip_quotes(text, c_start, c_end)
            yield Statement(speaker.name, speaker.is_person, "direct", ":", text[c_start:c_end], c_start, c_end)
        return
    c_start, c_end = _strip_quotes(text, t_start, t_end)
    if (c_start, c_end) != (t_start, t_end) and found:
        # the most quoted person; on a tie the one quoted first (deterministic across runs)
        counts = Counter(s.speaker for s in sorted(found, key=lambda s: s.start) if s.speaker_is_person)
        main = counts.most_common(1)[0][0] if counts else None
        if main:
            yield Statement(main, True, "direct", "", text[c_start:c_end], c_start, c_end)


def _strip_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    if end - start > 2 and text[start] in "'\"“‘" and text[end - 1] in "'\"”’":
        return start + 1, end - 1
    return start, end


def _speech(text: str, paragraphs, people: list[Person], found: list[Statement]) -> Iterator[Statement]:
    """A speech's substantive paragraphs are its speaker's words (at most eight, the longest)."""
    speaker = people[0].name if people else None
    if speaker is None:
        return
    taken = [(s.start, s.end) for s in found]
    body = [(a, b) for a, b in paragraphs[1:] if len(syllables(text, a, b)) >= 25 and not _inside(taken, a, b)]
    for a, b in sorted(sorted(body, key=lambda p: p[0] - p[1])[:8]):
        yield Statement(speaker, True, "direct", "", text[a:b], a, b)
