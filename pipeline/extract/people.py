"""People, their roles and organisations, and every alias a document uses for them.

Vietnamese news writes a person as a title chain plus a name ("Phó Bí thư Đảng ủy, Phó Cục
trưởng Cục Thuế TP Hà Nội Nguyễn Tiến Trường"), by name then apposition ("ông A, Giám đốc Sở
B, cho biết"), with a parenthesis ("đại biểu C (Cà Mau)"), and later by honorific and given
name ("ông Trường") or by the title alone. underthesea's NER sees most of this as one location,
so names are found from capitalised syllable runs, the family-name lexicon and title heads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc

from pipeline.extract.text import PhraseSet, Syllable, doc_text, fold, lexicon, syllables, word_set
from pipeline.records import Person

MAX_NAME = 4  # syllables in a Vietnamese personal name (Phạm Thị Nguyên Hạnh)
_HARD_BOUNDARY = re.compile(r"[:;!?“”\"()\[\]\n]|(?<![A-ZĐ])\.\s|[-–—](?=[“\"])")
# Where an apposition after a name ends: a dash or comma closing it, or a clause boundary.
_APPOSITION_END = re.compile(r"[:;!?“”\"()\[\]\n]|(?<![A-ZĐ])\.\s|\s[-–—]\s|,\s")
# Function words a role never ends with ("phó tướng của | Donald Trump" is not a role).
_DANGLING = {"của", "tại", "với", "và", "cho", "ở", "về", "trong", "thuộc", "là"}


@dataclass(slots=True)
class Mention:
    """One place where a person is named: `name` as written there, `alias` the whole phrase."""

    name: str
    start: int
    end: int
    alias: str
    roles: list[str] = field(default_factory=list)
    short: bool = False  # honorific + one syllable ("ông Dũng"): resolved to a full name later


@cache
def _family_names() -> frozenset[str]:
    """Vietnamese and foreign family names, lower-case: built once, asked for every capitalised run."""
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


def _pieces_before(text: str, ctx: int, start: int) -> list[tuple[int, int]]:
    """Comma-separated pieces of text[ctx:start], nearest first; " và " also separates when a title follows."""
    pieces: list[tuple[int, int]] = []
    end = start
    while end > ctx:
        cut, width = text.rfind(", ", ctx, end), 2
        for m in re.finditer(r" và ", text[ctx:end]):
            pos = ctx + m.start()
            if pos > cut and _title_start(syllables(text, pos + 4, pos + 60), 0, text):
                cut, width = pos, 4
        pieces.append((cut + width if cut >= 0 else ctx, end))
        if cut < 0:
            break
        end = cut
    return pieces


def _clean_role(role: str) -> str | None:
    role = role.strip(" ,-–")
    honorific = _preceding_word(role + " ", len(role) + 1, lexicon("honorifics"))
    if honorific and honorific not in lexicon("places") and len(role) > len(honorific):
        role = role[: -len(honorific)].strip()  # "Thủ tướng Samdech | Hun Sen"
    words = role.split()
    if not words or words[-1].lower() in _DANGLING:
        return None
    return role


def _roles_before(doc: Doc, start: int) -> tuple[list[str], int]:
    """Title chain right before a name: its roles (split at commas) and where the chain starts."""
    text = doc_text(doc)
    roles: list[str] = []
    chain_start = start
    for n, (p_start, p_end) in enumerate(_pieces_before(text, _clause_start(text, start), start)):
        sylls = syllables(text, p_start, p_end)
        found = -1
        # the nearest piece may carry leading words ("có Phó Trưởng Ban ..."); earlier ones must open with a title
        candidates = range(len(sylls)) if n == 0 else range(min(1, len(sylls)))
        family = _family_names()
        for i in candidates:
            if _title_start(sylls, i, text) and not any(_is_barrier(doc, s, text) for s in sylls[i:]):
                if not any(_starts_name(sylls, k, text, family) for k in range(i + 1, len(sylls))):
                    found = i
                break
        if found < 0:
            break
        role = _clean_role(text[sylls[found].start : p_end])
        if role is None:
            break
        roles.append(role)
        chain_start = sylls[found].start
        if n == 0 and found > 0:
            break  # words before the title in the nearest piece end the chain
    return roles[::-1], chain_start


def _starts_name(sylls: list[Syllable], k: int, text: str, family: frozenset[str]) -> bool:
    """Whether a Vietnamese personal name (family name + capitalised syllable) starts at sylls[k]."""
    s, nxt = sylls[k], sylls[k + 1] if k + 1 < len(sylls) else None
    return (
        s.is_cap
        and s.text.lower() in family
        and nxt is not None
        and nxt.is_cap
        and text[s.end : nxt.start] == " "
        and not lexicon("places").match_at(sylls, k, text)
    )


def _apposition_role(piece: str) -> str | None:
    """A title phrase opening `piece` ("Giám đốc Sở Y tế tỉnh C"), cut before verbs and other names."""
    lead = re.match(r"(?:một|là|nguyên là|hiện là)\s+", piece)
    if lead:
        piece = piece[lead.end() :]
    sylls = syllables(piece)
    if not sylls or not _title_start(sylls, 0, piece):
        return None
    family, reporting = _family_names(), lexicon("reporting_verbs")
    cut = len(sylls)
    for k, s in enumerate(sylls):
        if not s.is_cap and (s.text.lower() in word_set("role_barriers") or reporting.match_at(sylls, k, piece)):
            cut = k
            break
        sylls[k + 1] if k + 1 < len(sylls) else None
        if k and _starts_name(sylls, k, piece, family):
            return None  # another person's title chain ("..., Bí thư Tỉnh ủy Yên Bái Phạm Thị Thanh Trà")
    return _clean_role(piece[: sylls[cut - 1].end]) if cut else None


def _roles_after(doc: Doc, end: int, before_title: str | None) -> list[str]:
    """Apposition ("A, Giám đốc Sở B,", "A - giám đốc C -") or parenthesis ("A (Chủ tịch UBND tỉnh C)")."""
    text = doc_text(doc)
    rest = text[end : end + 300]
    if rest.startswith(" ("):
        close = rest.find(")")
        if close > 0:
            inner = rest[2:close].strip()
            sylls = syllables(inner)
            if sylls and _title_start(sylls, 0, inner):
                return [inner]
            if before_title and sylls and len(sylls) <= 5 and all(s.is_cap for s in sylls):
                return [f"{before_title} {inner}"]  # "đại biểu A (Cà Mau)" -> đại biểu Cà Mau
        return []
    roles: list[str] = []
    pos = 0
    while m := re.match(r"(?:, | [-–] )", rest[pos:]):
        start = pos + m.end()
        stop = _APPOSITION_END.search(rest, start)
        piece = rest[start : stop.start() if stop else len(rest)]
        role = _apposition_role(piece)
        if not role:
            break
        roles.append(role)
        pos = start + len(piece)
        if len(role) < len(piece.strip()):
            break  # the apposition ended inside the piece (a verb followed)
    return roles


def _name_in_run(run: list[Syllable], text: str, word_starts: set[int], first: int = 0) -> int:
    """Index in a capitalised run where a Vietnamese personal name starts, or -1.

    The name must start a word of the segmenter ("Hà Nội Nguyễn Văn A" never yields "Nội ..."),
    and must not be a place or a title that happens to begin with a family name ("Hà Nam", "Phó");
    it starts at `first` or later (after an organisation head: "Cục Thuế TP Hà Nội Nguyễn Tiến Trường").
    """
    family = _family_names()
    places = lexicon("places")
    for i in range(max(first, len(run) - MAX_NAME), len(run) - 1):
        if run[i].text.lower() not in family or run[i].is_upper and not all(s.is_upper for s in run):
            continue
        place = places.match_at(run, i, text)
        if run[i].start not in word_starts or place:
            continue
        if _title_start(syllables(text, run[i].start, run[i].start + 40), 0, text):
            continue
        if any(s.is_upper for s in run[i:]) and not all(s.is_upper for s in run[i:]):
            continue  # "Nguyễn UBND" is not a name
        return i
    return -1


def _name_like(s: Syllable) -> bool:
    """A capitalised syllable that can be part of a name: not a number, domain ("Quochoi.vn") or brand
    written in camel case ("VnExpress")."""
    return (
        s.is_cap
        and not s.text[0].isdigit()
        and "." not in s.text
        and not any(c.isupper() for c in s.text[1:-1])
        or (s.is_upper)
    )


def _cap_runs(text: str) -> Iterator[list[Syllable]]:
    """Maximal runs of capitalised syllables separated by single spaces.

    A short lower-case part after a hyphen continues a foreign name ("Moon Jae - in", "Kim Jong-un").
    """
    run: list[Syllable] = []
    for s in syllables(text):
        gap = text[run[-1].end : s.start] if run else ""
        if _name_like(s) and gap == " ":
            run.append(s)
            continue
        if (
            len(run) >= 2
            and gap in ("-", " - ")
            and s.text.islower()
            and len(s.text) <= 2
            and not is_vietnamese_syllable(run[-1].text)
        ):
            run[-1] = Syllable(text[run[-1].start : s.end], run[-1].start, s.end)
            continue
        if run:
            yield run
        run = [s] if _name_like(s) else []
    if run:
        yield run


def _preceding_word(text: str, start: int, phrases: PhraseSet) -> str | None:
    """The lexicon phrase that ends right before `start` (after one space, or ". " for "Q. Tân Bình")."""
    found = _preceding_phrase(text, start, phrases)
    return found[0] if found else None


def _preceding_phrase(text: str, start: int, phrases: PhraseSet) -> tuple[str, int] | None:
    """`_preceding_word` with where the phrase starts: whether it starts a word ("thôn" of "nông thôn" does not)."""
    before = syllables(text, max(0, start - 40), start)
    if not before or text[before[-1].end : start] not in (" ", ". "):
        return None
    for n in range(min(phrases.max_len, len(before)), 0, -1):
        phrase = text[before[-n].start : before[-1].end]
        if phrase in phrases:
            return phrase, before[-n].start
    return None


_VIET_SYLLABLE = re.compile(
    r"^(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$"
)


def is_vietnamese_syllable(syllable: str) -> bool:
    """Whether a syllable fits Vietnamese phonotactics ("Trump", "Putin", "Flynn" do not)."""
    bare = unicodedata.normalize("NFD", syllable.lower().replace("đ", "d"))
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    return bool(_VIET_SYLLABLE.match(bare))


class _Context:
    """Per-document lookups the name rules share: word starts, proper-noun and entity characters."""

    def __init__(self, doc: Doc):
        self.doc, self.text = doc, doc_text(doc)
        self.word_starts = {t.idx for t in doc}
        self.proper = bytearray(len(self.text) + 1)
        self.ent = {}
        for t in doc:
            if t.tag_ in ("Np", "Ny") or t.ent_type_ == "PER":
                self.proper[t.idx : t.idx + len(t.text)] = b"\x01" * len(t.text)
        for e in doc.ents:
            for i in range(e.start_char, e.end_char):
                self.ent[i] = e.label_

    def all_proper(self, sylls: list[Syllable]) -> bool:
        return all(self.proper[s.start] for s in sylls)

    def labels(self, sylls: list[Syllable]) -> set[str]:
        return {self.ent.get(s.start, "") for s in sylls}


def _foreign_name_start(run: list[Syllable], ctx: _Context, titled: bool, honor: str | None) -> int:
    """Start of a non-Vietnamese name at the end of a run ("Tổng thống Nga Vladimir Putin", "ông Putin",
    "Donald Trump"); leading places and titles inside the run are not part of it."""
    text, places = ctx.text, lexicon("places")
    i = 0
    while i < len(run):
        n = places.match_at(run, i, text) or _title_start(run, i, text)
        if not n:
            break
        i += n
    name = run[i:]
    if not name or len(name) > MAX_NAME or any(s.is_upper for s in name) or len(name[-1].text) < 2:
        return -1
    titled = titled or i > 0
    foreign = any(not is_vietnamese_syllable(s.text) for s in name if len(s.text) > 1)
    labels = ctx.labels(name)
    if not ctx.all_proper(name) and not (titled and foreign and len(name) > 1):
        return -1  # the tagger's proper nouns, unless a title introduces a plainly foreign name
    if len(name) == 1:  # a given or family name alone: kept when it cannot be anything else
        return i if honor and len(name[0].text) > 1 else -1
    if titled or honor or "PER" in labels:
        return i
    return i if foreign and not labels <= {"LOC", "ORG"} else -1


def _places_named(text: str, place_words: PhraseSet, word_starts: set[int]) -> set[str]:
    """Folded capitalised runs that follow an administrative unit anywhere in the text ("huyện Phúc Thọ")."""
    names = set()
    for run in _cap_runs(text):
        unit = _preceding_phrase(text, run[0].start, place_words)
        if unit and unit[1] in word_starts:
            names.add(fold(text[run[0].start : run[-1].end]))
    return names


def _title_after(text: str, end: int) -> bool:
    """A title right after a name, behind ", ", " - " or " (" (apposition, caption, parenthesis)."""
    m = re.match(r"(?:, | [-–] | \()", text[end : end + 4])
    return bool(m) and bool(_title_start(syllables(text, end + m.end(), end + m.end() + 60), 0, text))


def _mentions(doc: Doc) -> list[Mention]:
    ctx = _Context(doc)
    text = doc_text(doc)
    honorifics, blockers = lexicon("honorifics"), lexicon("name_context_blockers")
    out: list[Mention] = []
    blocked_end = -1
    blocked: set[str] = set()
    places_named = _places_named(text, lexicon("administrative_units"), ctx.word_starts)
    for run in _cap_runs(text):
        while (
            run
            and run[0].text.lower() in honorifics.entries
            and not (run[0].text in lexicon("places") and _preceding_word(text, run[0].start, lexicon("titles")))
        ):
            run = run[1:]  # sentence-initial "Ông Nguyễn Văn A"
        if not run:
            continue
        honor = _preceding_word(text, run[0].start, honorifics)
        # an honorific ends the title chain: in "… Henrik Aasland nhân dịp ông Aasland" nothing before "ông"
        # is a role of this mention
        roles, chain_start = ([], run[0].start) if honor else _roles_before(doc, run[0].start)
        if not roles and _title_after(text, run[-1].end):
            roles = ["…"]  # "Michael Flynn - Bộ trưởng Quốc phòng": titled by what follows
        org = lexicon("org_heads").match_at(run, 0, text) or lexicon("known_organizations").match_at(run, 0, text)
        if honor and run[0].text.lower() in _family_names():
            org = 0  # "ông Đoàn Ngọc Hải": after an honorific, "Đoàn" is a family name, not a delegation
        i = _name_in_run(run, text, ctx.word_starts, first=org)
        if i < 0 and org:
            continue  # "Viện Lowy", "Lầu Năm Góc", "Reuters": a body, not a person
        if i < 0:
            i = _foreign_name_start(run, ctx, bool(roles), honor)
            if i < 0:
                continue
        start, end = run[i].start, run[-1].end
        listed_after_place = blocked_end >= 0 and text[blocked_end:start] in (", ", " và ", " hay ")
        # a run right after "xã", "đường" … is a place even at the end of a title chain ("Viện trưởng
        # VKSND thị xã Phổ Yên"); a run listed after one, or met as one before, only when untitled
        place = _preceding_phrase(text, start, blockers)
        place_word = place[0] if place else None
        if place and roles and (place[1] not in ctx.word_starts or run[i].text.lower() in _family_names()):
            # "thôn" of "nông thôn" is a word's tail; "Chủ tịch UBND huyện Nguyễn Văn Dũng" names a person
            place_word = None
        # a titled run the article names as a place elsewhere ("Trưởng công an Phúc Thọ" beside "huyện
        # Phúc Thọ") is the title's place, unless it opens with a family name ("huyện Nguyễn Văn Dũng" is rare)
        place_elsewhere = (
            fold(text[start:end]) in places_named
            and run[i].text.lower() not in _family_names()
            and not _title_after(text, end)  # "Bác sĩ Thanh Nhàn, Trưởng khoa Nhi": a person after all
        )
        if (
            i == 0
            and not honor
            and (
                place_word
                or place_elsewhere
                or (not roles and (listed_after_place or fold(text[start:end]) in blocked))
            )
        ):
            blocked_end = end
            blocked.add(fold(text[start:end]))
            continue  # "đường Lê Duẩn, Trần Hưng Đạo", "xã Tân Hóa ... Trường tiểu học số 2 Tân Hóa"
        if i > 0 or roles == ["…"]:
            roles, chain_start = ([], start) if honor and i == 0 else _roles_before(doc, start)
        name = text[start:end]
        roles = roles + _roles_after(doc, end, roles[-1] if roles else None)
        alias_start = chain_start if chain_start < start else start
        if honor and alias_start == start:
            alias_start = start - len(honor) - 1
        out.append(Mention(name, start, end, text[alias_start:end], roles, short=len(run) - i == 1))
    return out


_CREDIT = re.compile(
    r"(?:Ảnh|Đồ họa|Đồ hoạ|Video|Clip|Bài|Bài và ảnh|Thực hiện|Nhóm phóng viên|Theo)\s*:\s*"
    r"([A-ZĐÀ-Ỹ][^\W\d_]*(?:\s[A-ZĐÀ-Ỹ][^\W\d_]*){0,3})\s*\.?\s*(?:$|\n|\))",
    re.MULTILINE,
)


def _looks_like_name_line(words: list[str]) -> bool:
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return False
    if len(words) == 1 and not (words[0].isupper() and is_vietnamese_syllable(words[0])):
        return False  # a one-word credit is a pen name in capitals ("Ảnh: NA")
    if len(words) == 1 and lexicon("known_organizations").match_at(syllables(words[0]), 0, words[0]):
        return False
    sylls = syllables(" ".join(words))
    return not lexicon("places").match_at(sylls, 0, " ".join(words)) and not _title_start(sylls, 0, " ".join(words))


def _byline(text: str) -> Iterator[Mention]:
    """Authors and photo credits: "Ảnh: QUANG VINH", "Đồ họa: VĨ CƯỜNG", or a name alone on a line
    in the last part of the article ("Như Tâm")."""
    for m in _CREDIT.finditer(text):
        if _looks_like_name_line(m.group(1).split()):
            yield Mention(m.group(1), m.start(1), m.end(1), m.group(1))
    tail_start = len(text) * 2 // 3
    for line in re.finditer(r"^[^\n]+$", text, re.MULTILINE):
        if line.start() < tail_start:
            continue
        words = line.group().strip().strip("()").split()
        if len(words) >= 2 and _looks_like_name_line(words):
            yield Mention(" ".join(words), line.start(), line.end(), " ".join(words))


def _role_head(role: str) -> str:
    """Title plus the first word of its organisation: "bộ trưởng bộ" for both "Bộ trưởng Bộ LĐTB & XH"
    and "bộ trưởng Bộ Lao động, Thương binh và Xã hội" (one role written two ways)."""
    sylls = syllables(role)
    n = _title_start(sylls, 0, role)
    return fold(role[: sylls[min(n, len(sylls) - 1)].end]) if n < len(sylls) else fold(role)


def _dedupe_roles(roles: list[str]) -> list[str]:
    """Keep the most complete writing of each role: drop one whose syllables another contains,
    or a shorter writing with the same title and organisation head."""
    heads = [_role_head(r) for r in roles]
    roles = [r for i, r in enumerate(roles) if not any(
        heads[j] == heads[i] and heads[i] != fold(r) and len(roles[j]) > len(r) for j in range(len(roles))
    )]  # fmt: skip
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
    text = doc_text(doc)
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
    candidates = (
        [p for p in people if fold(p.name).split()[-1] == key]
        or [p for p in people if fold(p.name).split()[0] == key]
        or [p for p in people if fold(p.name).replace(" ", "") == key]
    )
    if not candidates:
        return None
    before = [f for f in full if f.start < m.start and any(fold(f.name) == fold(p.name) for p in candidates)]
    if before:
        nearest = max(before, key=lambda f: f.start)
        return next(p for p in candidates if fold(p.name).endswith(fold(nearest.name)))
    return candidates[0]
