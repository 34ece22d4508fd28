"""Text normalisation: one canonical form of Vietnamese text before any analysis.

Every later stage (segmentation, extraction, offsets in documents.jsonl) works on the output
of `normalize_text`, so it must be deterministic and idempotent, and it never touches
punctuation or quote spacing: gold annotations are verbatim substrings of the NFC text.

`normalize_text` is a chain of small `str -> str` steps; `clean_article` additionally strips
what a web page leaves in pasted text (share widgets, doubled photo captions, the byline and
the "Site-" source prefix) and moves the byline and site name into the record's metadata.

    >>> normalize_text("Thành uỷ  Hà Nội\\r\\nhoà\\u00a0bình")
    'Thành ủy Hà Nội\\nhòa bình'
"""

from __future__ import annotations

import dataclasses
import functools
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable

from pipeline.records import Record
from pipeline.resources import BOILERPLATE_LINES, FAMILY_NAMES, load_lexicon

__all__ = ["clean_article", "normalize_text"]

# --------------------------------------------------------------------------- text steps

# Everything str.splitlines() treats as a line break becomes "\n", so that later stages
# splitting on "\n" and on splitlines() agree.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def unify_line_breaks(text: str) -> str:
    """CRLF, CR and the Unicode line/paragraph separators -> LF."""
    return _LINE_BREAKS.sub("\n", text)


@functools.cache
def _invisible_table() -> dict[int, str | None]:
    """Translate table: Unicode spaces and tabs -> " ", control/format/surrogate chars -> removed.

    Built from the Unicode database once per process (about 0.1 s) rather than hand-listed,
    so zero-width spaces, joiners, BOMs, soft hyphens and bidi marks are all covered.
    """
    table: dict[int, str | None] = {}
    for code in range(sys.maxunicode + 1):
        category = unicodedata.category(chr(code))
        if category == "Zs":
            table[code] = " "
        elif category in ("Cc", "Cf", "Cs"):
            table[code] = None
    table[ord("\t")] = " "
    del table[ord("\n")]
    return table


def remove_invisible(text: str) -> str:
    """Non-breaking and other Unicode spaces -> " "; zero-width and control characters dropped.

    Runs before NFC so that a removed character cannot keep a base letter and its
    combining mark apart.
    """
    return text.translate(_invisible_table())


def to_nfc(text: str) -> str:
    """Compose decomposed (NFD) input: "hoa\\u0300" and "hoà" must be the same string."""
    return unicodedata.normalize("NFC", text)


def _tone_moves(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map old-style two-letter endings ("oà") to modern ones ("òa"), in every letter case."""
    moves: dict[str, str] = {}
    for first, toned in pairs:
        base, mark = unicodedata.normalize("NFD", toned)
        for f in (first, first.upper()):
            for b in (base, base.upper()):
                old = unicodedata.normalize("NFC", f + b + mark)
                moves[old] = unicodedata.normalize("NFC", f + mark) + b
    return moves


_TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ"}
_TONE_MOVES = _tone_moves([("o", t) for t in _TONED["a"] + _TONED["e"]] + [("u", t) for t in _TONED["y"]])
# After q, u belongs to the consonant "qu" and the tone stays on y: quý, quỳnh, quỹ.
_OLD_TONE = re.compile("(?<![qQ])(?:" + "|".join(sorted(_TONE_MOVES)) + ")")


def _ends_syllable(text: str, end: int) -> bool:
    """True when nothing letter-like follows: the ending is the last of its syllable."""
    if end >= len(text):
        return True
    nxt = text[end]
    return not (nxt.isalpha() or unicodedata.category(nxt).startswith("M"))


def modern_tone_marks(text: str) -> str:
    """One tone placement, the modern one: hoà -> hòa, khoẻ -> khỏe, Thành uỷ -> Thành ủy.

    Only syllable-final "oa oe uy" move their tone (hoàng, thuyền, khuya are already
    unambiguous), and "quy" keeps it on y. The same rule as underthesea's text_normalize.
    """

    def move(match: re.Match[str]) -> str:
        old = match.group(0)
        return _TONE_MOVES[old] if _ends_syllable(match.string, match.end()) else old

    return _OLD_TONE.sub(move, text)


_SPACE_RUN = re.compile(" {2,}")
_SPACES_AROUND_NEWLINE = re.compile(" *\n *")
_BLANK_LINES = re.compile("\n{3,}")


def tidy_whitespace(text: str) -> str:
    """Collapse space runs, trim lines, keep at most one blank line, trim the text.

    Leading spaces of a line go too: pasted web text indents at random, and a line's
    content (a byline, a widget label) should compare equal however it was indented.
    """
    text = _SPACE_RUN.sub(" ", text)
    text = _SPACES_AROUND_NEWLINE.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip(" \n")


_STEPS: tuple[Callable[[str], str], ...] = (
    unify_line_breaks,
    remove_invisible,
    to_nfc,
    modern_tone_marks,
    tidy_whitespace,
)


def normalize_text(text: str) -> str:
    """The canonical form every stage works on (NFC, modern tone marks, clean whitespace).

    Idempotent: normalize_text(normalize_text(x)) == normalize_text(x).

        >>> normalize_text("Khoẻ\\u200b mạnh,  thuý  ")
        'Khỏe mạnh, thúy'
    """
    for step in _STEPS:
        text = step(text)
    return text


# --------------------------------------------------------------------------- articles

# Counters and separators around widget labels; not "." or ",", which end sentence fragments.
_WIDGET_NOISE = re.compile(r"[\d()\[\]{}:|/•·\-–—]+")


def _widget_key(line: str) -> str:
    """A line reduced to its words, without counters or separators: "Bình luận (12)" -> "bình luận"."""
    return " ".join(_WIDGET_NOISE.sub(" ", line).casefold().split())


@functools.cache
def _widget_phrases() -> frozenset[tuple[str, ...]]:
    return frozenset(
        tuple(key.split()) for entry in load_lexicon(BOILERPLATE_LINES) if (key := _widget_key(normalize_text(entry)))
    )


def _is_widget_line(line: str, max_words: int = 8) -> bool:
    """True when the line is made only of widget labels: "Chia sẻ", "Chia sẻ Facebook Zalo"."""
    words = _widget_key(line).split()
    if not words or len(words) > max_words:
        return False
    phrases = _widget_phrases()
    longest = max(map(len, phrases))
    # covered[i]: words[:i] splits into widget phrases.
    covered = [True] + [False] * len(words)
    for end in range(1, len(words) + 1):
        covered[end] = any(
            covered[end - n] and tuple(words[end - n : end]) in phrases for n in range(1, min(longest, end) + 1)
        )
    return covered[-1]


@functools.cache
def _family_names() -> frozenset[str]:
    return frozenset(normalize_text(name) for name in load_lexicon(FAMILY_NAMES))


@functools.cache
def _place_names() -> frozenset[str]:
    """Places that look like bylines ("Hà Nội"): the shared places lexicon, case-folded."""
    return frozenset(normalize_text(p).casefold() for p in load_lexicon("places"))


def _looks_like_person_name(line: str) -> bool:
    """2-4 capitalised words, letters only, one of them a family name, not a known place.

    A byline such as "Linh Nguyễn" or "Trần Văn Nam"; "Hà Nội", "Thời sự" or a short
    sentence ("Giá xăng tăng.") are not.
    """
    words = line.split(" ")
    if not 2 <= len(words) <= 4:
        return False
    if not all(w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words):
        return False
    if line.casefold() in _place_names():
        return False
    return any(w in _family_names() for w in words)


_ARTICLE_LINE_MIN_WORDS = 8  # a line this long is article text, not a byline or widget
_AUTHOR_SEARCH_LINES = 3


def _is_article_line(line: str) -> bool:
    return len(line.split()) >= _ARTICLE_LINE_MIN_WORDS


def _find_author(lines: list[str]) -> int | None:
    """Index of the byline: a name-like line among the first few non-empty lines, above the text."""
    seen = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        if _is_article_line(line) or seen == _AUTHOR_SEARCH_LINES:
            return None
        seen += 1
        rest = lines[i + 1 :]
        if (
            _looks_like_person_name(line)
            and any(_is_article_line(r) for r in rest)
            # A name the article goes on to mention is its subject (a heading), not its author.
            and not any(line in r for r in rest)
        ):
            return i
    return None


# "Kinhtedothi-“Đề nghị", "VOV.VN - Sáng nay", "(Chinhphu.vn) - ", "(TTXVN) – ".
# An unbracketed site name is one ASCII token that looks like a domain, an acronym or a
# run-together site name (no Vietnamese letters), so "Covid-19" or "Mỹ-Trung" never match.
_SITE_TOKEN = r"(?:[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+|[A-Z][A-Z0-9]{2,}|[A-Z][a-z0-9]{4,})"
_SOURCE_PREFIX = re.compile(
    r"\((?P<paren>[^()\n\d][^()\n]{1,39})\) ?[-–—] ?"  # (Chinhphu.vn) - / (TTXVN)–
    rf"|(?P<spaced>{_SITE_TOKEN}) [-–—] (?=\S)"  # VOV.VN - Sáng nay
    rf"|(?P<glued>{_SITE_TOKEN})[-–—](?=\S)"  # Kinhtedothi-“Đề nghị
)
_OPENERS = "“\"'‘«(["


def _split_source_prefix(paragraph: str) -> tuple[str, str] | None:
    """("Kinhtedothi", rest) when the paragraph opens with a site name and a dash.

    Glued to the text, the dash must be followed by a capital or an opening quote, so
    hyphenated words ("Covid-19", "Email-marketing") are left alone; see below for compounds.
    """
    match = _SOURCE_PREFIX.match(paragraph)
    if not match or match.end() == len(paragraph):
        return None
    rest = paragraph[match.end() :]
    if match.group("paren"):
        return match.group("paren").strip(), rest
    site = match.group("spaced") or match.group("glued")
    if rest[0] in _OPENERS:
        return site, rest
    if match.group("glued") and not rest[0].isupper():
        return None
    # "Rolls - Royce", "Mercedes-Benz", "HIV - AIDS": an ASCII capitalised word after the dash
    # continues a compound name. Only a domain-like site name ("VOV.VN") is trusted regardless.
    next_word = re.match(r"\w+", rest)
    if "." not in site and next_word and next_word.group(0).isascii() and next_word.group(0)[0].isupper():
        return None
    return site, rest


def _drop_repeated_lines(lines: list[str]) -> list[str]:
    """Keep one copy of a line repeated right after itself (a photo caption pasted twice)."""
    kept: list[str] = []
    for line in lines:
        if line and kept and kept[-1] == line:
            continue
        kept.append(line)
    return kept


def _take_source(text: str) -> tuple[str | None, str]:
    """Split a source prefix off the first non-empty line of `text`."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line:
            continue
        split = _split_source_prefix(line)
        if split is None:
            return None, text
        site, rest = split
        lines[i] = rest
        return site, tidy_whitespace("\n".join(lines))
    return None, text


def clean_article(record: Record) -> Record:
    """A copy of `record` with normalised text and the web page's leftovers removed.

    From the body: widget lines ("Chia sẻ", "Bình luận"...), the second copy of a doubled
    line, and the byline above the text (-> `author` if empty). From the lead, or the body's
    first paragraph when there is no lead: a "Site-" / "(Site) - " prefix (-> `source` if empty).
    """
    title = normalize_text(record.title)
    lead = normalize_text(record.lead)
    lines = [line for line in normalize_text(record.body).split("\n") if not _is_widget_line(line)]
    lines = _drop_repeated_lines(lines)

    author = record.author
    at = _find_author(lines)
    if at is not None:
        author = author or lines[at]
        del lines[at]
    body = tidy_whitespace("\n".join(lines))

    site, lead = _take_source(lead)
    if site is None and not lead:
        site, body = _take_source(body)
    source = record.source or site

    return dataclasses.replace(record, title=title, lead=lead, body=body, author=author, source=source)
