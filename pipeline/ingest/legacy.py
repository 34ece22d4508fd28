"""Legacy Vietnamese encodings: decoders for TCVN3 and VNI, and a score that picks among decodings.

Before Unicode, Vietnamese web sites and documents used font encodings: Windows-1258 (letters
plus combining tone marks), TCVN3 (the "ABC" fonts: one byte per toned letter) and VNI (an ASCII
base letter followed by a diacritic byte). Their byte tables are data files in
`pipeline/resources/encodings/`. Which one a file uses is not written anywhere, so each candidate
decoding is scored by how Vietnamese it reads (`vietnamese_score`) and the best one wins.

    >>> decode_with("tcvn3", "Hµ Néi".encode("latin-1"))
    'Hà Nội'
    >>> decode_with("vni", "Vieät Nam".encode("cp1252"))
    'Việt Nam'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from importlib import resources

DEFAULT = "cp1258"
"""The Vietnamese candidate that wins ties: Windows' own Vietnamese code page."""

WESTERN = "cp1252"
"""The decoding of bytes that show no Vietnamese in any candidate (old English or French pages).
It agrees with Windows-1258 on most bytes, but not on ã õ ì ò ý ð Ì Ò..."""

CANDIDATES: tuple[str, ...] = (DEFAULT, "tcvn3", "vni", "utf-8")
"""Candidate decodings of bytes that are not valid UTF-8, in the order that wins ties.
"utf-8" here is lenient (bad bytes become U+FFFD): a UTF-8 file cut mid-character stays UTF-8."""

SAMPLE_BYTES = 64 * 1024
"""Only this much of the input is scored; the winner then decodes all of it."""

_TABLES = "encodings"

# --------------------------------------------------------------------------- tables


@functools.cache
def load_table(name: str) -> dict[bytes, str]:
    """The byte sequence -> character table of a legacy encoding (`tcvn3`, `vni`) from its data file.

    Lines are `HEX [HEX]<tab>U+XXXX<tab>comment`; blank lines and lines starting with '#' are skipped.
    """
    path = resources.files("pipeline.resources").joinpath(_TABLES, f"{name}.txt")
    table: dict[bytes, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sequence, code_point = line.split("\t")[:2]
        table[bytes.fromhex(sequence)] = chr(int(code_point.removeprefix("U+"), 16))
    return table


@functools.cache
def _tcvn3_translation() -> dict[int, str]:
    """str.translate table from Latin-1-decoded bytes to TCVN3 characters (single bytes only)."""
    return {sequence[0]: char for sequence, char in load_table("tcvn3").items()}


def decode_tcvn3(data: bytes) -> str:
    """TCVN3 bytes -> text; bytes outside the table are ASCII (never raises)."""
    return data.decode("latin-1").translate(_tcvn3_translation())


@functools.cache
def _vni_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """A regex matching every VNI sequence (two-byte ones first) and the sequence -> letter map.

    Sequences are written as Windows-1252 text, the way VNI bytes decode before conversion.
    """
    mapping = {sequence.decode("cp1252"): char for sequence, char in load_table("vni").items()}
    pairs: dict[str, list[str]] = {}
    for sequence in mapping:
        if len(sequence) == 2:
            pairs.setdefault(sequence[0], []).append(sequence[1])
    singles = sorted(sequence for sequence in mapping if len(sequence) == 1)
    alternatives = [re.escape(first) + _char_class(seconds) for first, seconds in sorted(pairs.items())]
    alternatives.append(_char_class(singles))
    return re.compile("|".join(alternatives)), mapping


def _char_class(chars: list[str]) -> str:
    return "[" + "".join(map(re.escape, sorted(chars))) + "]"


def decode_vni(data: bytes) -> str:
    """VNI bytes -> text: base letter + diacritic byte composed into one letter (never raises)."""
    pattern, mapping = _vni_pattern()
    return pattern.sub(lambda match: mapping[match.group(0)], data.decode("cp1252", errors="replace"))


DECODERS: dict[str, Callable[[bytes], str]] = {
    "cp1258": lambda data: data.decode("cp1258", errors="replace"),
    "tcvn3": decode_tcvn3,
    "vni": decode_vni,
    "utf-8": lambda data: data.decode("utf-8", errors="replace"),
    "cp1252": lambda data: data.decode("cp1252", errors="replace"),
}
"""Encoding name -> decoder that never raises (undecodable bytes become U+FFFD)."""


def decode_with(encoding: str, data: bytes) -> str:
    """`data` decoded as `encoding` (one of `DECODERS`), never raising."""
    return DECODERS[encoding](data)


# --------------------------------------------------------------------------- scoring


def _words(spaced: str) -> list[str]:
    return spaced.split()


def _alternation(spaced: str) -> str:
    """A regex alternation of space-separated literals, longest first ("ngh" before "ng")."""
    return "|".join(sorted(_words(spaced), key=len, reverse=True))


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_ONSETS = _alternation("ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x")
_CODAS = _alternation("ch ng nh c m n p t")
# Vowel clusters that take a final consonant, and those that end the syllable themselves.
_NUCLEI_BEFORE_CODA = _alternation("uyê iê yê uô ươ oa oă oe uâ uê uy oo a ă â e ê i o ô ơ u ư y")
_NUCLEI_FINAL = _alternation(
    "iêu yêu oai oay oao oeo uôi ươi ươu uya uyu uây ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu uơ"
)


_SYLLABLE = re.compile(f"(?:{_ONSETS})?(?:(?:{_NUCLEI_FINAL})|(?:{_NUCLEI_BEFORE_CODA})(?:{_CODAS})?)")
_WORD = re.compile(r"[^\W\d_]+")
_COMMON_WORDS = frozenset(
    _words(
        "của và các được người những là có không với đã này một đến để từ về tại nhiều năm cũng đó sẽ trên ông bà "
        "nước việc ngày đầu hơn thể vì cùng lại cho sau khi theo đây thì đi ra vào làm phải rằng"
    )
)
# Characters no correct decoding of text produces: U+FFFD, stray combining marks, control codes.
_NOISE = re.compile("[\ufffd\u0300-\u036f\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@functools.lru_cache(maxsize=65536)
def _word_score(word: str) -> int:
    """+1 for a Vietnamese syllable with diacritics (+1 more for a very common word), -1 otherwise."""
    lowered = word.lower()
    decomposed = unicodedata.normalize("NFD", lowered)
    tones = sum(decomposed.count(tone) for tone in _TONES)
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    if tones > 1 or not _SYLLABLE.fullmatch(bare):
        return -1
    return 2 if lowered in _COMMON_WORDS else 1


def vietnamese_score(text: str) -> int:
    """How Vietnamese a decoding reads: syllables with diacritics count for, garbled words and
    noise characters against. ASCII-only words are neutral (English, numbers, toneless words)."""
    text = unicodedata.normalize("NFC", text)
    score = -2 * len(_NOISE.findall(text))
    for word in _WORD.findall(text):
        if not word.isascii():
            score += _word_score(word)
    return score


def _sample(data: bytes) -> bytes:
    """The first `SAMPLE_BYTES`, cut after a space or line break so no character is split."""
    if len(data) <= SAMPLE_BYTES:
        return data
    cut = max(data.rfind(b" ", 0, SAMPLE_BYTES), data.rfind(b"\n", 0, SAMPLE_BYTES))
    return data[: cut + 1] if cut > 0 else data[:SAMPLE_BYTES]


def guess_encoding(data: bytes, prefer: str | None = None) -> str:
    """The candidate decoding of non-UTF-8 `data` that reads most like Vietnamese.

    Deterministic: the highest `vietnamese_score` wins, ties going to `prefer` (the encoding of the
    previous line of the same file), else to Windows-1258. When no candidate shows any Vietnamese,
    the bytes are Western European text: Windows-1252 (or `prefer`, to keep one file in one encoding).
    """
    sample = _sample(data)
    fallback = prefer if prefer in DECODERS else DEFAULT
    best, best_score = fallback, vietnamese_score(decode_with(fallback, sample))
    for name in CANDIDATES:
        if name == fallback:
            continue
        score = vietnamese_score(decode_with(name, sample))
        if score > best_score:
            best, best_score = name, score
    if best_score > 0:
        return best
    return prefer if prefer in DECODERS else WESTERN
