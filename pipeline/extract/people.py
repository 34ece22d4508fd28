"""People, their roles and organisations, and every alias a document uses for them.

Vietnamese news writes a person as a title chain plus a name ("Phó Bí thư Đảng ủy, Phó Cục
trưởng Cục Thuế TP Hà Nội Nguyễn Tiến Trường"), by name then apposition ("ông A, Giám đốc Sở
B, cho biết"), with a parenthesis ("đại biểu C (Cà Mau)"), and later by honorific and given
name ("ông Trường") or by the title alone. underthesea's NER sees most of this as one location,
so names are found from capitalised syllable runs, the family-name lexicon and title heads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from pipeline.extract.text import PhraseSet, Syllable, fold, lexicon, syllables, word_set
from pipeline.records import Person

MAX_NAME = 4  # syllables in a Vietnamese personal name (Phạm Thị Nguyên Hạnh)
_HARD_BOUNDARY = re.compile(r"[:;!?“”\"()\[\]\n]|(?<![A-ZĐ])\.\s|\s[-–—]\s|[-–—](?=[“\"])")


@dataclass(slots=True)
class Mention:
    """One place where a person is named: `name` as written there, `alias` the whole phrase."""

    name: str
    start: int
    end: int
    alias: str
    roles: list[str] = field(default_factory=list)
    short: bool = False  # honorific + one syllable ("ông Dũng"): resolved to a full name later


def _family_names() -> frozenset[str]:
    return word_set("family_names") | word_set("family_names_foreign")


def _title_start(sylls: list[Syllable], i: int, text: str) -> int:
    """Syllables taken by a title (modifiers then a head) starting at sylls[i]; 0 when none."""
    titles, modifiers = lexicon("titles"), lexicon("title_modifiers")
    j = i
    while j < len(sylls):
        n = modifiers.match_at(sylls, j, text)
        head = titles.match_at(sylls, j, text)
        if head and head >= n:
            return j + head - i
        if not n:
            return 0
        j += n
    return 0


def _is_barrier(doc: Doc, s: Syllable, text: str) -> bool:
    """A lower-case word that a title chain cannot contain (verbs, time words: role_barriers.txt)."""
    return not s.is_cap and s.text.lower() in word_set("role_barriers")


def _clause_start(text: str, start: int, limit: int = 160) -> int:
    lo = max(0, start - limit)
    last = lo
    for m in _HARD_BOUNDARY.finditer(text, lo, start):
        last = m.end()
    return last


def _roles_before(doc: Doc, start: int) -> tuple[list[str], int]:
    """Title chain right before a name: its roles (split at commas) and where the chain starts."""
    text = doc.text
    ctx = _clause_start(text, start)
    pieces: list[tuple[int, int]] = []
    end = start
    while end > ctx:
        comma = text.rfind(",", ctx, end)
        pieces.append((comma + 1 if comma >= 0 else ctx, end))
        if comma < 0:
            break
        end = comma
    roles: list[str] = []
    chain_start = start
    for n, (p_start, p_end) in enumerate(pieces):
        sylls = syllables(text, p_start, p_end)
        found = -1
        # the last piece may carry leading words ("có Phó Trưởng Ban ..."); earlier ones must open with a title
        candidates = range(len(sylls)) if n == 0 else range(min(1, len(sylls)))
        for i in candidates:
            if _title_start(sylls, i, text) and not any(_is_barrier(doc, s, text) for s in sylls[i:]):
                found = i
                break
        if found < 0:
            break
        role = text[sylls[found].start : p_end].strip(" ,")
        if role:
            roles.append(role)
            chain_start = sylls[found].start
        if n == 0 and found > 0:
            break  # words before the title in the nearest piece end the chain
    return roles[::-1], chain_start


def _roles_after(doc: Doc, end: int, before_title: str | None) -> list[str]:
    """Apposition ("A, Giám đốc Sở B,") or parenthesis ("A (Chủ tịch UBND tỉnh C)") after a name."""
    text = doc.text
    rest = text[end : end + 200]
    if rest.startswith(" ("):
        close = rest.find(")")
        if close > 0:
            inner = rest[2:close].strip()
            sylls = syllables(inner)
            if sylls and _title_start(sylls, 0, inner):
                return [inner]
            if before_title and sylls and len(sylls) <= 5:
                return [f"{before_title} {inner}"]  # "đại biểu A (Cà Mau)" -> đại biểu Cà Mau
        return []
    if rest.startswith(", "):
        stop = _HARD_BOUNDARY.search(rest, 2)
        piece_end = min(x for x in (rest.find(",", 2), stop.start() if stop else -1, len(rest)) if x >= 0)
        piece = rest[2:piece_end]
        sylls = syllables(piece)
        if not sylls or not _title_start(sylls, 0, piece):
            return []
        cut = len(sylls)
        for k, s in enumerate(sylls):
            if not s.is_cap and (s.text.lower() in word_set("role_barriers") or _is_reporting(piece, s)):
                cut = k
                break
        if cut:
            return [piece[: sylls[cut - 1].end].strip()]
    return []


def _is_reporting(piece: str, s: Syllable) -> bool:
    return piece[s.start :].lower().startswith(("cho biết", "nói", "khẳng định", "nhấn mạnh", "cho rằng"))


def _name_in_run(run: list[Syllable], text: str, word_starts: set[int]) -> int:
    """Index in a capitalised run where a Vietnamese personal name starts, or -1.

    The name must start a word of the segmenter ("Hà Nội Nguyễn Văn A" never yields "Nội ..."),
    and must not be a place or a title that happens to begin with a family name ("Hà Nam", "Phó").
    """
    family = _family_names()
    places = lexicon("places")
    for i in range(max(0, len(run) - MAX_NAME), len(run) - 1):
        if run[i].text.lower() not in family or run[i].is_upper and not all(s.is_upper for s in run):
            continue
        if run[i].start not in word_starts or places.match_at(run, i, text):
            continue
        if _title_start(syllables(text, run[i].start, run[i].start + 40), 0, text):
            continue
        if any(s.is_upper for s in run[i:]) and not all(s.is_upper for s in run[i:]):
            continue  # "Nguyễn UBND" is not a name
        return i
    return -1


def _cap_runs(text: str) -> Iterator[list[Syllable]]:
    """Maximal runs of capitalised syllables separated by single spaces."""
    run: list[Syllable] = []
    for s in syllables(text):
        if s.is_cap and not s.text[0].isdigit() and run and text[run[-1].end : s.start] == " ":
            run.append(s)
            continue
        if run:
            yield run
        run = [s] if s.is_cap and not s.text[0].isdigit() else []
    if run:
        yield run


def _preceding_word(text: str, start: int, phrases: PhraseSet) -> str | None:
    """The lexicon phrase that ends right before `start` (separated by one space), if any."""
    before = syllables(text, max(0, start - 40), start)
    if not before or text[before[-1].end : start] != " ":
        return None
    for n in range(min(phrases.max_len, len(before)), 0, -1):
        phrase = text[before[-n].start : before[-1].end]
        if phrase in phrases:
            return phrase
    return None


def _mentions(doc: Doc) -> list[Mention]:
    text = doc.text
    honorifics, blockers = lexicon("honorifics"), lexicon("name_context_blockers")
    per_spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER"]
    word_starts = {t.idx for t in doc}
    proper_chars = bytearray(len(text) + 1)
    for t in doc:
        if t.tag_ in ("Np", "Ny") or t.ent_type_ == "PER":
            proper_chars[t.idx : t.idx + len(t.text)] = b"\x01" * len(t.text)

    def proper(start: int, end: int) -> bool:
        """Every syllable in [start, end) is inside a proper-noun word (tag Np) or a PER entity."""
        return all(proper_chars[s.start] for s in syllables(text, start, end))

    out: list[Mention] = []
    for run in _cap_runs(text):
        while run and run[0].text.lower() in honorifics.entries:
            run = run[1:]  # sentence-initial "Ông Nguyễn Văn A"
        if not run:
            continue
        i = _name_in_run(run, text, word_starts)
        if i < 0:
            i = _foreign_name_start(run, text, per_spans, proper)
            if i < 0:
                continue
        start, end = run[i].start, run[-1].end
        if _preceding_word(text, start, blockers) and not _preceding_word(text, start, honorifics):
            continue
        name = text[start:end]
        honor = _preceding_word(text, start, honorifics)
        short = len(run) - i == 1
        roles, chain_start = _roles_before(doc, start)
        title_head = None
        if roles:
            title_head = roles[-1]
        roles = roles + _roles_after(doc, end, title_head)
        alias_start = chain_start if chain_start < start else start
        if honor and alias_start == start:
            alias_start = start - len(honor) - 1
        out.append(Mention(name, start, end, text[alias_start:end], roles, short=short))
    return out


def _foreign_name_start(run: list[Syllable], text: str, per_spans: list[tuple[int, int]], doc_proper) -> int:
    """Start of a non-Vietnamese name at the end of a run after a title or honorific ("Tổng thống Nga
    Vladimir Putin", "ông Putin"), or a PER entity; leading places are not part of it."""
    places = lexicon("places")
    i = 0
    while i < len(run):
        n = places.match_at(run, i, text) or _title_start(run, i, text)
        if not n:
            break
        i += n
    if i >= len(run) or len(run) - i > MAX_NAME:
        return -1
    if any(s.is_upper for s in run[i:]) and not all(s.is_upper for s in run[i:]):
        return -1
    start, end = run[i].start, run[-1].end
    is_per = any(s <= start and end <= e or start <= s < end for s, e in per_spans)
    honor = _preceding_word(text, start, lexicon("honorifics"))
    proper = doc_proper(start, end)
    if len(run) - i == 1:
        return i if honor and (proper or is_per) else -1
    return i if proper and (is_per or i > 0 or honor) else -1


def _byline(text: str) -> Iterator[Mention]:
    """The author's name alone on the last line ("QUANG VINH", "Như Tâm")."""
    lines = [ln for ln in text.rstrip().split("\n") if ln.strip()]
    if not lines:
        return
    last = lines[-1].strip().strip("()")
    words = last.split()
    if 2 <= len(words) <= 4 and all(w[:1].isupper() and w.isalpha() for w in words):
        start = text.rfind(last)
        yield Mention(last, start, start + len(last), last)


def _dedupe_roles(roles: list[str]) -> list[str]:
    """Keep the most complete writing of each role: drop one whose syllables another contains."""
    keys = [set(fold(r).split()) for r in roles]
    out: list[str] = []
    for i, role in enumerate(roles):
        dominated = any(j != i and keys[i] <= keys[j] and (keys[i] != keys[j] or j < i) for j in range(len(roles)))
        if not dominated and role not in out:
            out.append(role)
    return out


def _organization(role: str) -> str | None:
    sylls = syllables(role)
    n = _title_start(sylls, 0, role)
    if n and n < len(sylls) and sylls[n].is_cap:
        return role[sylls[n].start :]
    return None


def extract_people(doc: Doc, *, author: str | None = None) -> list[Person]:
    """Every named person with full name, aliases, roles and organisations, in order of first mention."""
    text = doc.text
    mentions = _mentions(doc) + list(_byline(text))
    people: dict[str, Person] = {}
    full = [m for m in mentions if not m.short]
    # a name that is the tail of a longer one ("Trump" / "Donald Trump") is the same person
    for m in sorted(full, key=lambda m: -len(m.name.split())):
        key = fold(m.name)
        target = next((p for k, p in people.items() if k.endswith(" " + key) or k == key), None)
        if target is None:
            target = people[key] = Person(name=m.name, start=m.start)
        target.start = min(target.start, m.start)
        _absorb(target, m)
    for m in (m for m in mentions if m.short):
        target = _resolve_short(m, people.values(), full)
        if target is None:
            target = people.setdefault(fold(m.name), Person(name=m.name, start=m.start))
        _absorb(target, m)
    if author and fold(author) not in people:
        people[fold(author)] = Person(name=author, start=len(text))
    result = sorted(people.values(), key=lambda p: p.start)
    for p in result:
        p.roles = _dedupe_roles(p.roles)
        p.organizations = list(dict.fromkeys(o for o in map(_organization, p.roles) if o))
        p.aliases = [a for a in dict.fromkeys(p.aliases) if fold(a) != fold(p.name)]
    return result


def _absorb(person: Person, m: Mention) -> None:
    person.roles.extend(m.roles)
    if m.alias:
        person.aliases.append(m.alias)
    chain = m.alias[: len(m.alias) - len(m.name)].strip(" ,")
    if chain and m.roles:
        person.aliases.append(chain)


def _resolve_short(m: Mention, people, full: list[Mention]) -> Person | None:
    """The person an honorific + one-syllable mention points to: the nearest earlier full name
    ending (Vietnamese given name) or starting (foreign family name) with that syllable."""
    key = fold(m.name)
    candidates = [p for p in people if fold(p.name).split()[-1] == key] or [
        p for p in people if fold(p.name).split()[0] == key
    ]
    if not candidates:
        return None
    before = [f for f in full if f.start < m.start and any(fold(f.name) == fold(p.name) for p in candidates)]
    if before:
        nearest = max(before, key=lambda f: f.start)
        return next(p for p in candidates if fold(p.name).endswith(fold(nearest.name)))
    return candidates[0]
