"""Legacy Vietnamese encodings (Windows-1258, TCVN3, VNI) are detected and converted; other text is not mangled."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from pipeline.ingest import iter_records
from pipeline.ingest.decoding import decode_bytes, detect_encoding, iter_lines, text_problem
from pipeline.ingest.errors import BINARY_FILE, EMPTY_FILE
from pipeline.ingest.legacy import decode_tcvn3, decode_vni, guess_encoding, load_table, vietnamese_score
from pipeline.normalize import normalize_text
from pipeline.records import IngestError, Record

# Original sentences written for these tests: every vowel shape and tone, capitals, common words.
SENTENCES = [
    "Người dân xã Tân Phú được hướng dẫn đăng ký hộ kinh doanh trực tuyến.",
    "Ủy ban nhân dân tỉnh đề nghị các sở, ngành khẩn trương hoàn thiện hồ sơ dự án.",
    "Những con đường mới trong khu đô thị đã được trồng thêm cây xanh và ghế đá.",
    "Đoàn công tác kiểm tra tiến độ xây dựng trường học ở vùng lũ miền Trung.",
    'Bà Trịnh Thị Nguyệt cho biết: "Chúng tôi sẽ hỗ trợ ngư dân sửa chữa tàu thuyền".',  # TCVN3 has no curly quotes
    "Giá rau củ tăng nhẹ, riêng thịt lợn giảm khoảng mười phần trăm so với tuần trước.",
    "ĐẢNG ỦY PHƯỜNG TỔ CHỨC HỘI NGHỊ SƠ KẾT SÁU THÁNG ĐẦU NĂM.",
    "Học sinh khuyết tật ở huyện miền núi được tặng xe lăn, sách vở và học bổng.",
]
TEXT = "\n".join(SENTENCES)
TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Windows writes it: letters with shape marks precomposed, tone marks combining."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        out += base.encode("cp1258") + "".join(c for c in decomposed if c in TONES).encode("cp1258")
    return bytes(out)


def _inverse(name: str) -> dict[str, bytes]:
    """Character -> byte sequence, the first (canonical) sequence of the table for each character."""
    inverse: dict[str, bytes] = {}
    for sequence, char in load_table(name).items():
        inverse.setdefault(char, sequence)
    return inverse


def encode_tcvn3(text: str) -> bytes:
    inverse = _inverse("tcvn3")
    return b"".join(inverse[c] if ord(c) > 127 else c.encode() for c in unicodedata.normalize("NFC", text))


def encode_vni(text: str) -> bytes:
    inverse = _inverse("vni")
    return b"".join(
        inverse[c] if ord(c) > 127 else c.encode() if c.isascii() else c.encode("cp1252")
        for c in unicodedata.normalize("NFC", text)
    )


ENCODERS = {"cp1258": encode_cp1258, "tcvn3": encode_tcvn3, "vni": encode_vni}


@pytest.mark.parametrize("encoding", list(ENCODERS))
def test_reliability_legacy_text_is_detected_and_converted(encoding: str) -> None:
    data = ENCODERS[encoding](TEXT)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert detect_encoding(data) == encoding
    assert unicodedata.normalize("NFC", decode_bytes(data)) == TEXT


@pytest.mark.parametrize("encoding", list(ENCODERS))
@pytest.mark.parametrize("sentence", SENTENCES)
def test_reliability_legacy_single_sentence_is_detected(encoding: str, sentence: str) -> None:
    data = ENCODERS[encoding](sentence)
    assert unicodedata.normalize("NFC", decode_bytes(data)) == sentence


@pytest.mark.parametrize(
    ("data", "decoder", "expected"),
    [  # byte values written out by hand, independent of the data files
        (b"H\xb5 N\xe9i", decode_tcvn3, "Hà Nội"),
        (b"ng\xad\xeai d\xa9n", decode_tcvn3, "người dân"),
        (b"\xae\xad\xeang ph\xe8 \xa7\xb9i h\xe4c", decode_tcvn3, "đường phố Đại học"),
        (b"Vie\xe4t Nam", decode_vni, "Việt Nam"),
        (b"ng\xf6\xf4\xf8i da\xe2n", decode_vni, "người dân"),  # ö = ư, ôø = ờ, aâ = â
        (b"\xf1\xf6\xf4\xefc ca\xf9c", decode_vni, "được các"),
        (b"ch\xe6 \xd1\xd6\xd4\xcfC A\xd9P", decode_vni, "chỉ ĐƯỢC ÁP"),
    ],
)
def test_reliability_legacy_tables_by_hand(data: bytes, decoder, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert decoder(data) == expected


def test_reliability_tcvn3_table_matches_glibc() -> None:
    """An independent implementation of TCVN 5712:1993 (glibc's iconv) agrees byte for byte."""
    iconv = shutil.which("iconv")
    if iconv is None:
        pytest.skip("iconv not installed")
    data = bytes(range(0x80, 0x100)) + bytes([0x01, 0x02, 0x04, 0x05, 0x06, *range(0x11, 0x18)])
    result = subprocess.run([iconv, "-f", "TCVN5712-1", "-t", "UTF-8"], input=data, capture_output=True)
    if result.returncode != 0:
        pytest.skip("iconv has no TCVN5712-1")
    expected = unicodedata.normalize("NFC", result.stdout.decode("utf-8"))
    assert unicodedata.normalize("NFC", decode_tcvn3(data)) == expected


def test_reliability_vni_table_covers_every_vietnamese_letter() -> None:
    letters = {c for c in unicodedata.normalize("NFC", "".join(SENTENCES)) if not c.isascii() and c.isalpha()}
    letters |= {c.upper() for c in letters} | {c.lower() for c in letters}
    assert letters <= set(_inverse("vni")) and letters <= set(_inverse("tcvn3"))
    assert len({c for c in load_table("vni").values()}) == 134  # 67 lower-case letters and their capitals


@pytest.mark.parametrize(
    "text",
    [
        "Plain English news: the council met on Monday and approved the budget.",
        "“Smart quotes” — a café, a naïve résumé; don’t panic… 100 €",
        "Le conseil municipal a voté à l’unanimité ; la séance était très animée.",
        "A população não está satisfeita com a decisão; Ýmir, Òscar e Ìsola também não.",
    ],
)
def test_reliability_cp1252_text_is_not_taken_for_vietnamese(text: str) -> None:
    data = text.encode("cp1252")
    assert decode_bytes(data) == text
    assert detect_encoding(data) in ("utf-8", "cp1252")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (unicodedata.normalize("NFD", TEXT).encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-32"), "utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-le-no-bom", "utf-16-be-no-bom", "utf-8-nfd", "utf-32"],
)
def test_reliability_unicode_is_read_as_unicode(data: bytes, encoding: str) -> None:
    assert detect_encoding(data) == encoding
    assert unicodedata.normalize("NFC", decode_bytes(data)) == TEXT


def test_reliability_utf8_cut_mid_character_stays_utf8() -> None:
    data = TEXT.encode("utf-8")
    cut = data[: data.index("thị".encode()) + 3]  # a download cut inside the three bytes of "ị"
    assert detect_encoding(cut) == "utf-8"
    assert decode_bytes(cut).startswith(SENTENCES[0])
    assert decode_bytes(cut).endswith(" th\ufffd")
    broken_middle = data.replace("Tân".encode(), b"T\xe2n")  # one stray Latin-1 byte in UTF-8 text
    assert decode_bytes(broken_middle).endswith(SENTENCES[-1])


def test_reliability_score_prefers_real_vietnamese() -> None:
    assert vietnamese_score(TEXT) > 50
    assert vietnamese_score(decode_tcvn3(encode_cp1258(TEXT))) < 0
    assert vietnamese_score("The quick brown fox") == 0
    assert guess_encoding(b"\x81\xff") == "cp1252"  # no Vietnamese in any reading: Western European
    assert guess_encoding(b"\x81\xff", prefer="tcvn3") == "tcvn3"  # ... unless the file's earlier lines say otherwise


@pytest.mark.parametrize("encoding", list(ENCODERS))
def test_reliability_legacy_jsonl_and_csv_lines(tmp_path: Path, encoding: str) -> None:
    encode = ENCODERS[encoding]
    rows = [{"id": f"r{n}", "title": s, "body": SENTENCES[-1 - n]} for n, s in enumerate(SENTENCES[:4])]
    jsonl = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    csv_text = "id;title;body\n" + "".join(f"{r['id']};{r['title']};{r['body']}\n" for r in rows)
    (tmp_path / "a.jsonl").write_bytes(encode(jsonl))
    (tmp_path / "b.csv").write_bytes(encode(csv_text))
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(encode(jsonl)))
    items = list(iter_records([tmp_path]))
    assert all(isinstance(item, Record) for item in items), items
    titles = [normalize_text(item.title) for item in items if isinstance(item, Record)]
    assert titles == [normalize_text(s) for s in SENTENCES[:4]] * 3


def test_reliability_line_decoding_keeps_the_file_encoding_for_ambiguous_lines() -> None:
    """A short line with no evidence of its own is read in the encoding the file's earlier lines showed."""
    lines = [encode_tcvn3(SENTENCES[0]) + b"\n", encode_tcvn3("Mư") + b"\n"]
    decoded = [line for line in iter_lines(io.BytesIO(b"".join(lines))) if isinstance(line, str)]
    assert [unicodedata.normalize("NFC", line) for line in decoded] == [SENTENCES[0] + "\n", "Mư\n"]


@pytest.mark.parametrize(
    ("head", "problem"),
    [
        (b"", EMPTY_FILE),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BINARY_FILE),
        (bytes(range(256)) * 4, BINARY_FILE),
        (b"\x00" * 100, BINARY_FILE),
        (TEXT.encode() + b"\x00" * 500, None),  # NUL padding after a cut download
        (TEXT.encode("utf-16-le"), None),
        (encode_tcvn3(TEXT.upper()), None),  # TCVN3 capitals use a few control bytes
        (encode_vni(TEXT), None),
    ],
    ids=["empty", "png", "all-bytes", "nuls", "nul-padded", "utf-16", "tcvn3-capitals", "vni"],
)
def test_reliability_text_or_binary(head: bytes, problem: str | None) -> None:
    assert text_problem(head) == problem


def test_reliability_binary_jsonl_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "anh.jsonl"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\n" * 50)
    assert list(iter_records([path])) == [IngestError(source=str(path), error=BINARY_FILE)]


def test_reliability_utf16_with_bom_needs_no_zero_bytes() -> None:
    data = "Đường ở ngữ".upper().encode("utf-16")  # no ASCII letter: no zero byte after the BOM
    assert decode_bytes(data) == "ĐƯỜNG Ở NGỮ"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_reliability_wide_unicode_jsonl_is_streamed(tmp_path: Path, encoding: str) -> None:
    rows = [{"id": f"w{n}", "title": s} for n, s in enumerate(SENTENCES)]
    path = tmp_path / "rong.jsonl"
    path.write_bytes("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode(encoding))
    records = list(iter_records([path]))
    assert [r.title for r in records if isinstance(r, Record)] == SENTENCES


def test_reliability_truncated_gzip_keeps_every_line_before_the_break() -> None:
    rows = "".join(json.dumps({"id": n, "title": "Tin ngắn"}) + "\n" for n in range(20)).encode()
    cut = gzip.compress(b'{"id": 99, "title": "' + b"y" * 100_000 + b'"}\n')
    stream = gzip.GzipFile(fileobj=io.BytesIO(gzip.compress(rows) + cut[: len(cut) // 2]))
    read: list[str] = []
    with pytest.raises(EOFError):
        for line in iter_lines(stream):
            read.append(str(line))
    assert len(read) == 20
