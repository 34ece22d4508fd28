"""Tests for pipeline.normalize: canonical text form and cleaning of pasted web articles."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize import clean_article, normalize_text
from pipeline.records import Record
from pipeline.resources import BOILERPLATE_LINES, FAMILY_NAMES, load_lexicon

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "dan-van-toa-dam.txt"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --------------------------------------------------------------------------- normalize_text


@pytest.mark.parametrize(
    "text",
    ["Nguyễn Văn Bình", "Đường Trường Sơn", "cộng đồng dân cư", "Ủy ban nhân dân", "người lao động"],
)
def test_normalize_nfd_becomes_nfc(text: str) -> None:
    decomposed = nfd(text)
    assert decomposed != text
    assert normalize_text(decomposed) == text


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("hoá", "hóa"),
        ("hoả", "hỏa"),
        ("hoã", "hõa"),
        ("hoạ", "họa"),
        ("khoẻ", "khỏe"),
        ("hoè", "hòe"),
        ("thuý", "thúy"),
        ("thuỷ", "thủy"),
        ("tuỳ", "tùy"),
        ("luỹ", "lũy"),
        ("thuỵ", "thụy"),
        ("Thành uỷ", "Thành ủy"),
        ("Uỷ ban", "Ủy ban"),
        ("UỶ BAN", "ỦY BAN"),
        ("HOÀ", "HÒA"),
        ("Hoà Bình", "Hòa Bình"),
        ("văn hoá, xã hội", "văn hóa, xã hội"),
        ("hoà.", "hòa."),
        ("(thuỷ)", "(thủy)"),
        ("hoà\nbình", "hòa\nbình"),
        (nfd("Đảng uỷ khối"), "Đảng ủy khối"),
    ],
)
def test_normalize_old_tone_placement_becomes_modern(old: str, new: str) -> None:
    assert normalize_text(old) == new


@pytest.mark.parametrize(
    "word",
    [
        "quý",
        "Quý",
        "QUÝ",
        "quỳnh",
        "quỷ",
        "quỹ",
        "quỵ",
        "hoàng",
        "thuyền",
        "khuya",
        "hoàn",
        "ngoài",
        "khuỷu",
        "hòa",
        "ủy",
        "thoát",
    ],
)
def test_normalize_keeps_unambiguous_tone_placement(word: str) -> None:
    assert normalize_text(word) == word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dòng một\r\ndòng hai", "dòng một\ndòng hai"),
        ("dòng một\rdòng hai", "dòng một\ndòng hai"),
        ("dòng một\u2028dòng hai", "dòng một\ndòng hai"),
        ("a\r\n\r\n\r\n\r\nb", "a\n\nb"),
        ("a\n\n\n\nb", "a\n\nb"),
        ("a\n\nb", "a\n\nb"),
        ("a   \nb\t\n", "a\nb"),
        ("  \n\nđầu bài", "đầu bài"),
    ],
)
def test_normalize_line_breaks_and_blank_lines(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hà\u00a0Nội", "Hà Nội"),
        ("Hà\u00a0\u00a0 Nội", "Hà Nội"),
        ("Hà\u2009Nội", "Hà Nội"),
        ("Hà\u3000Nội", "Hà Nội"),
        ("Hà\tNội", "Hà Nội"),
        ("Hà\u200bNội", "HàNội"),
        ("\ufeffTiêu đề", "Tiêu đề"),
        ("thông\u00adtin", "thôngtin"),
        ("Hà\u200d Nội\x07", "Hà Nội"),
        ("cán    bộ", "cán bộ"),
        ("ho\u200bà", "hòa"),
    ],
)
def test_normalize_spaces_and_invisible_characters(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        'Ông nói : " Chúng tôi sẽ làm ngay "',
        "TP. HCM , ngày 4 / 11",
        "“ Đề nghị các đơn vị ” - ông nói .",
        "giá 3 -5 triệu đồng,.. Những",
        "''Giải pháp''",
    ],
)
def test_normalize_leaves_punctuation_spacing_alone(text: str) -> None:
    assert normalize_text(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Thành uỷ\u00a0\r\n\r\n\r\nhoà  bình\u200b ",
        nfd("Khoẻ mạnh, thuý, quý"),
        "  \t\n\n\n",
        "",
        "o\u0300a\u0301",
    ],
)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


VIETNAMESE_AND_AWKWARD = st.text(
    alphabet=st.sampled_from(
        list("oOuUqQyYaAeEhHtT àáảãạÀÁẢẠèéẻẽẹỳýỷỹỵỶÝ.,“”-\n\r\t")
        + ["\u00a0", "\u200b", "\u0300", "\u0301", "\u0323", "\ufeff", "\u2028", "\x85", "\x0c"]
    ),
    max_size=60,
)


@given(st.one_of(st.text(), VIETNAMESE_AND_AWKWARD))
def test_normalize_never_raises_and_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once and "\n\n\n" not in once and "  " not in once


# --------------------------------------------------------------------------- lexicons


@pytest.mark.parametrize(("name", "expected"), [(BOILERPLATE_LINES, "Chia sẻ"), (FAMILY_NAMES, "Nguyễn")])
def test_resources_load_lexicon_skips_comments(name: str, expected: str) -> None:
    entries = load_lexicon(name)
    assert expected in entries
    assert all(e and not e.startswith("#") and e == e.strip() for e in entries)
    assert all(unicodedata.is_normalized("NFC", e) for e in entries)
    assert load_lexicon(name.removesuffix(".txt")) == entries


def test_resources_load_lexicon_returns_a_fresh_list() -> None:
    load_lexicon(FAMILY_NAMES).clear()
    assert "Trần" in load_lexicon(FAMILY_NAMES)


# --------------------------------------------------------------------------- clean_article

CAPTION = "Người dân mang rác thải nhựa đến điểm thu gom của tổ dân phố"
PASTED_BODY = (
    "\r\n"
    "Minh Trần\r\n"
    "Chia sẻ\r\n"
    "\r\n"
    "Baophuongxa-“Mỗi hộ gia đình hãy là một tuyên truyền viên về phân loại rác tại nguồn, "
    "để khu phố luôn sạch đẹp” - Bí thư Đảng uỷ phường Tân Mai Đỗ Thị Hoa phát biểu.\r\n"
    "\r\n"
    "Sáng 12/3, Uỷ ban nhân dân phường Tân Mai phối hợp với Hội Liên hiệp Phụ nữ tổ chức lễ "
    "ra mắt mô hình tại nhà văn hoá tổ dân phố số 5.\r\n"
    "\r\n"
    f"{CAPTION}\u00a0\u00a0\r\n"
    f"{CAPTION}\r\n"
    "\r\n"
    "Theo bà Hoa, sau ba tháng thí điểm, lượng rác thải sinh hoạt mang đi chôn lấp đã giảm "
    "gần một phần ba, người dân cũng tích cực tham gia hơn.\r\n"
    "Bình luận (3)\r\n"
    "Facebook | Zalo\r\n"
)


def pasted_record(**fields: str) -> Record:
    return Record(title="Đảng uỷ phường Tân Mai ra mắt mô hình tổ dân phố xanh", body=PASTED_BODY, **fields)


def test_clean_article_takes_author_and_source_from_pasted_text() -> None:
    cleaned = clean_article(pasted_record())
    assert cleaned.author == "Minh Trần"
    assert cleaned.source == "Baophuongxa"
    assert cleaned.title == "Đảng ủy phường Tân Mai ra mắt mô hình tổ dân phố xanh"
    assert cleaned.body.startswith("“Mỗi hộ gia đình")
    assert "Minh Trần" not in cleaned.body


def test_clean_article_removes_widgets_and_doubled_caption() -> None:
    body = clean_article(pasted_record()).body
    assert "Chia sẻ" not in body
    assert "Bình luận" not in body
    assert "Zalo" not in body
    assert body.count(CAPTION) == 1
    assert "uỷ" not in body and "Ủy ban nhân dân" in body
    assert body == normalize_text(body)


def test_clean_article_keeps_given_metadata_but_still_strips_it_from_text() -> None:
    cleaned = clean_article(pasted_record(author="Ban biên tập", source="baophuongxa.vn"))
    assert (cleaned.author, cleaned.source) == ("Ban biên tập", "baophuongxa.vn")
    assert not cleaned.body.startswith(("Minh Trần", "Baophuongxa"))


def test_clean_article_returns_a_new_record_and_is_idempotent() -> None:
    record = pasted_record(id="doc-1", url="https://example.vn/a")
    cleaned = clean_article(record)
    assert cleaned is not record and record.body == PASTED_BODY
    assert (cleaned.id, cleaned.url) == ("doc-1", "https://example.vn/a")
    assert clean_article(cleaned) == cleaned


ARTICLE_TEXT = "Các đơn vị đã hoàn thành kế hoạch năm trước thời hạn hai tháng, vượt chỉ tiêu đề ra."


@pytest.mark.parametrize(
    ("lead", "source", "rest"),
    [
        ("(Chinhphu.vn) - Sáng nay, Thủ tướng chủ trì cuộc họp.", "Chinhphu.vn", "Sáng nay"),
        ("(TTXVN) – Chiều 4/11, hội nghị đã bế mạc.", "TTXVN", "Chiều 4/11"),
        ("VOV.VN - Ngày 5/11, đoàn công tác đã đến thăm.", "VOV.VN", "Ngày 5/11"),
        ("Baophuongxa-“Chúng tôi sẽ làm ngay”, ông nói.", "Baophuongxa", "“Chúng tôi"),
        ("TTO - Với việc ra mắt mẫu xe mới, thị trường sôi động.", "TTO", "Với việc"),
    ],
)
def test_clean_article_source_prefix(lead: str, source: str, rest: str) -> None:
    cleaned = clean_article(Record(title="Tiêu đề", lead=lead, body=ARTICLE_TEXT))
    assert cleaned.source == source
    assert cleaned.lead.startswith(rest)
    assert cleaned.body == ARTICLE_TEXT


@pytest.mark.parametrize(
    "first_paragraph",
    [
        "Covid-19 vẫn diễn biến phức tạp tại nhiều địa phương.",
        "Mercedes-Benz vừa giới thiệu mẫu xe mới tại Việt Nam.",
        "Rolls - Royce Motor Cars là nhà sản xuất xe hơi siêu sang.",
        "Hà Nội - Thủ đô ngàn năm văn hiến đón khách du lịch.",
        "(12) - Mục thứ mười hai của danh sách.",
    ],
)
def test_clean_article_no_source_in_ordinary_text(first_paragraph: str) -> None:
    cleaned = clean_article(Record(title="Tiêu đề", body=f"{first_paragraph}\n\n{ARTICLE_TEXT}"))
    assert cleaned.source is None
    assert cleaned.body.startswith(first_paragraph)


@pytest.mark.parametrize(
    "body",
    [
        f"Hà Nội\n\n{ARTICLE_TEXT}",  # a place, not a person
        f"Thời Sự\n\n{ARTICLE_TEXT}",  # a section label
        f"Giá xăng tăng.\n\n{ARTICLE_TEXT}",  # a short sentence
        # the subject of the article, not its author
        f"Trần Thu Hà\n\nCa sĩ Trần Thu Hà vừa ra mắt album mới, {ARTICLE_TEXT}",
        f"{ARTICLE_TEXT}\n\nLê Văn Tám",  # after the article text
        "Nguyễn Văn An",  # nothing follows
    ],
)
def test_clean_article_no_author_in_ordinary_text(body: str) -> None:
    cleaned = clean_article(Record(title="Tiêu đề", body=body))
    assert cleaned.author is None
    assert cleaned.body == normalize_text(body)


@pytest.mark.parametrize(
    ("line", "removed"),
    [
        ("Chia sẻ", True),
        ("CHIA SẺ:", True),
        ("Bình luận (12)", True),
        ("Chia sẻ Facebook Zalo", True),
        ("In bài viết", True),
        ("Theo dõi trên Google News", True),
        ("anh chia sẻ.", False),
        ("Chia sẻ kinh nghiệm làm giàu", False),
    ],
)
def test_clean_article_widget_lines(line: str, removed: bool) -> None:
    cleaned = clean_article(Record(title="Tiêu đề", body=f"{ARTICLE_TEXT}\n{line}\n{ARTICLE_TEXT}"))
    assert (line not in cleaned.body) is removed


def test_clean_article_drops_only_immediate_repeats() -> None:
    body = f"Chú thích ảnh\nChú thích ảnh\n\n{ARTICLE_TEXT}\n\nChú thích ảnh"
    cleaned = clean_article(Record(title="Tiêu đề", body=body))
    assert cleaned.body == f"Chú thích ảnh\n\n{ARTICLE_TEXT}\n\nChú thích ảnh"


@given(st.text(max_size=200), st.text(max_size=50), st.text(max_size=50))
def test_clean_article_never_raises(body: str, title: str, lead: str) -> None:
    cleaned = clean_article(Record(title=title, lead=lead, body=body))
    assert cleaned.body == normalize_text(cleaned.body)


# --------------------------------------------------------------------------- the seed article


@pytest.fixture
def seed_record() -> Record:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip())
    return Record(title=lines[first], body="\n".join(lines[first + 1 :]), origin=str(SEED))


@pytest.mark.shared
def test_clean_article_seed(seed_record: Record) -> None:
    cleaned = clean_article(seed_record)
    assert cleaned.author == "Linh Nguyễn"
    assert cleaned.source == "Kinhtedothi"
    assert "Chia sẻ" not in cleaned.body
    assert cleaned.body.split("\n\n")[0].startswith("“Đề nghị")
    assert "Thành uỷ" not in cleaned.title + cleaned.body
    lines = [line for line in cleaned.body.split("\n") if line]
    assert len(lines) == len(set(lines))
    caption = "Phó Trưởng Ban Dân vận Thành ủy Hà Nội Phùng Văn Dũng phát biểu tại Tọa đàm"
    assert sum(line.startswith(caption) for line in lines) == 1
