"""Statements: who said what, as direct quotes or reported (indirect) speech.

Textacy-style: a pure function over the Doc yields small records. Attribution goes to a
`Person` when the speaker phrase names one (full name, "ông Dũng", the title alone, or a
pronoun such as "đồng chí", "ông", "vị này" pointing back to the last person named), else to
the phrase itself (an organisation, "một phụ huynh") with `speaker_is_person` false.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.extract.text import fold, lexicon, syllables
from pipeline.records import Person, Statement

_OPEN_CLOSE = {"“": "”", '"': '"', "‘": "’", "''": "''", "«": "»"}
_QUOTE = re.compile(r"“|''|\"|‘|«")
_MIN_QUOTE_SYLLABLES = 5  # shorter quoted strings are names, titles or scare quotes
_PRONOUNS = ("đồng chí", "ông", "bà", "vị này", "người này", "ông ấy", "bà ấy", "anh", "chị", "Bộ trưởng",
             "Thủ tướng", "Chủ tịch")  # fmt: skip
_LEADERS = re.compile(r"^(?:(?:còn|cũng|đáng chú ý|bên cạnh đó|ngoài ra|tuy nhiên|đồng thời|trong khi đó|"
                      r"mặt khác|theo đó|trước đó|sau đó|tại đây|thảo luận tại đây|cũng theo)[\s,]*)+",
                      re.IGNORECASE)  # fmt: skip


@dataclass(slots=True)
class Speaker:
    name: str
    is_person: bool


class SpeakerResolver:
    """Turns a speaker phrase into a person's full name, or keeps it as a non-person source."""

    def __init__(self, people: list[Person], text: str):
        self.text = text
        self.keys: list[tuple[str, Person]] = []
        for p in people:
            forms = {p.name, *p.aliases, *p.roles}
            given = p.name.split()[-1]
            forms |= {f"ông {given}", f"bà {given}", f"anh {given}", f"chị {given}"}
            self.keys.extend((fold(f), p) for f in forms if len(f) > 2)
        self.keys.sort(key=lambda kp: -len(kp[0]))
        self.positions = sorted(
            ((m.start(), p) for p in people for m in re.finditer(re.escape(p.name), text)), key=lambda x: x[0]
        )

    def person_in(self, phrase: str) -> Person | None:
        """The person a phrase names: the longest name, alias or role it contains."""
        key = f" {fold(phrase)} "
        for form, person in self.keys:
            if f" {form} " in key:
                return person
        return None

    def last_person_before(self, offset: int) -> Person | None:
        before = [p for pos, p in self.positions if pos < offset]
        return before[-1] if before else None

    def resolve(self, phrase: str, offset: int) -> Speaker | None:
        phrase = _LEADERS.sub("", phrase.strip(" ,-–—:")).strip(" ,-–—")
        if not phrase or len(phrase) > 160:
            return None
        person = self.person_in(phrase)
        if person:
            return Speaker(person.name, True)
        low = fold(phrase)
        if low in {fold(p) for p in _PRONOUNS}:
            person = self.last_person_before(offset)
            return Speaker(person.name, True) if person else Speaker(phrase, False)
        if len(phrase.split()) > 14 or not re.search(r"\w", phrase):
            return None
        return Speaker(phrase, False)


def _reporting_verbs(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, verb) of each reporting verb between start and end, longest match first.

    Verbs of reporting_verbs_colon.txt count only when ':' or 'rằng' follows them.
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
        if n and not sylls[i].is_cap:
            yield sylls[i].start, sylls[i + n - 1].end, text[sylls[i].start : sylls[i + n - 1].end]
            i += n
        else:
            i += 1


def _quotes(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each quoted span's content; an unbalanced mark ends at its paragraph."""
    pos = 0
    while True:
        m = _QUOTE.search(text, pos)
        if not m:
            return
        close = _OPEN_CLOSE[m.group()]
        par_end = text.find("\n\n", m.end())
        par_end = len(text) if par_end < 0 else par_end
        c = text.find(close, m.end(), par_end)
        if c < 0:  # unbalanced: skip the mark, never swallow the rest of the document
            pos = m.end()
            continue
        yield m.end(), c
        pos = c + len(close)


def _sentence_bounds(doc: Doc, offset: int) -> tuple[int, int]:
    text = doc.text
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    return line_start, line_end


def extract_statements(doc: Doc, people: list[Person]) -> list[Statement]:
    """Direct quotes with their attribution, then reported speech outside the quotes."""
    text = doc.text
    resolver = SpeakerResolver(people, text)
    out: list[Statement] = []
    quoted: list[tuple[int, int]] = []
    for q_start, q_end in _quotes(text):
        quoted.append((q_start - 1, q_end + 1))
        content = text[q_start:q_end].strip()
        if len(syllables(content)) < _MIN_QUOTE_SYLLABLES:
            continue
        found = _attribute_quote(text, q_start, q_end, resolver)
        if found:
            speaker, cue = found
            out.append(Statement(speaker.name, speaker.is_person, "direct", cue, content, q_start, q_end))
    for st in _indirect(doc, resolver, quoted):
        out.append(st)
    out.sort(key=lambda s: s.start)
    return out


def _attribute_quote(text: str, q_start: int, q_end: int, resolver: SpeakerResolver):
    """Speaker and cue of a quote: "…”, ông A nói." after it, or "A nói: “…" before it."""
    line_start, line_end = text.rfind("\n", 0, q_start) + 1, text.find("\n", q_end)
    line_end = len(text) if line_end < 0 else line_end
    after_start = q_end + 1
    stop = re.search(r"[.!?;“\"]", text[after_start:line_end])
    after_end = after_start + stop.start() if stop else line_end
    tail = text[after_start:after_end]
    if len(tail.split()) <= 20:
        for v_start, _v_end, verb in _reporting_verbs(text, after_start, after_end):
            speaker = resolver.resolve(text[after_start:v_start], q_start)
            if speaker:
                return speaker, verb
    head = text[line_start : q_start - 1].rstrip()
    if head.endswith(":"):
        clause_start = max(head.rfind(". "), head.rfind("”"), -1) + 1
        clause = head[clause_start:-1]
        verbs = list(_reporting_verbs(clause, 0, len(clause)))
        if verbs:
            v_start, _, verb = verbs[-1]
            speaker = resolver.resolve(_speaker_phrase(clause[:v_start]), line_start + clause_start)
            if speaker:
                return speaker, verb
        speaker = resolver.resolve(_speaker_phrase(clause), line_start + clause_start)
        if speaker and speaker.is_person:
            return speaker, ":"
    # a headline or paragraph "Thủ tướng: '…'" — colon right after a short speaker phrase
    return None


def _speaker_phrase(left: str) -> str:
    """The subject before a reporting verb: the clause after the last comma, unless a name spans it."""
    left = left.rstrip()
    comma = left.rfind(", ")
    return left[comma + 2 :] if comma >= 0 and len(left[comma + 2 :].split()) >= 2 else left


def _indirect(doc: Doc, resolver: SpeakerResolver, quoted: list[tuple[int, int]]) -> Iterator[Statement]:
    text = doc.text
    for sent in doc.sents:
        s_start, s_end = sent.start_char, sent.end_char
        for v_start, v_end, verb in _reporting_verbs(text, s_start, s_end):
            if any(a <= v_start < b for a, b in quoted):
                continue
            left = text[s_start:v_start]
            speaker = resolver.resolve(_speaker_phrase(left), v_start) if left.strip() else None
            if speaker is None or not speaker.is_person and not _looks_like_source(left):
                continue
            c_start = v_end
            rest = text[c_start:s_end]
            colon = rest.lstrip().startswith(":")
            m = re.match(r"\s*(?::|,)?\s*(?:rằng|là)?\s*[:,]?\s*", rest)
            c_start += m.end() if m else 0
            if colon:  # a colon introduction runs to the end of the paragraph
                _, c_end = _sentence_bounds(doc, c_start)
            else:
                c_end = s_end
            content = text[c_start:c_end].rstrip(" .")
            if text[c_start : c_start + 1] in "“\"'‘":
                continue  # the quote itself is the statement
            if len(syllables(content)) < _MIN_QUOTE_SYLLABLES:
                continue
            yield Statement(speaker.name, speaker.is_person, "indirect", verb, content, c_start, c_start + len(content))
            break
        else:
            m = re.match(r"\s*(?:còn |cũng )?theo (.{3,120}?), ", text[s_start:s_end], re.IGNORECASE)
            if m:
                speaker = resolver.resolve(m.group(1), s_start)
                c_start = s_start + m.end()
                content = text[c_start:s_end].rstrip(" .")
                if speaker and len(syllables(content)) >= _MIN_QUOTE_SYLLABLES:
                    yield Statement(
                        speaker.name, speaker.is_person, "indirect", "theo", content, c_start, c_start + len(content)
                    )


def _looks_like_source(left: str) -> bool:
    """An unnamed source: its phrase starts with a capitalised organisation or a source noun."""
    phrase = _LEADERS.sub("", _speaker_phrase(left).strip(" ,")).strip()
    low = phrase.lower()
    return bool(phrase) and (
        phrase[:1].isupper()
        or low.startswith(("đại diện", "lãnh đạo", "một ", "người", "các ", "nhiều ", "đại biểu", "cơ quan"))
    )
