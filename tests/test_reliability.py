"""A run over a messy archive finishes, loses nothing and says what it skipped (every case of the issue).

Also: size limits, archive safety, and property tests that decoding, normalisation and ingestion
never raise on arbitrary bytes and text.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import pickle
import random
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest import archives as archives_module
from pipeline.ingest import iter_records
from pipeline.ingest.decoding import LineTooLong, decode_bytes, iter_lines
from pipeline.ingest.errors import (
    BINARY_FILE,
    EMPTY_FILE,
    EMPTY_TEXT_FILE,
    NO_ARTICLE,
    NO_DOCUMENTS,
    NO_TEXT,
)
from pipeline.ingest.limits import MAX_DOCUMENT_BYTES, MAX_DOCUMENT_CHARS
from pipeline.normalize import clean_article, normalize_text
from pipeline.records import IngestError, Record
from pipeline.run import run
from tests.archive_builders import tar_gz_bytes, zip_bytes
from tests.test_reliability_encodings import encode_cp1258, encode_tcvn3, encode_vni

# Original short articles written for these tests.
ARTICLES = {
    "cau-moi": (
        "Huyện Gia Lâm khánh thành cầu dân sinh qua sông Đuống",
        "Sáng 12/3, Ủy ban nhân dân huyện Gia Lâm khánh thành cây cầu dài 120 mét nối hai xã ven sông.\n"
        "Ông Phạm Quốc Hưng, Chủ tịch Ủy ban nhân dân huyện, cho biết cây cầu giúp hơn 5.000 hộ dân đi lại thuận tiện.",
    ),
    "cho-phien": (
        "Chợ phiên vùng cao nhộn nhịp ngày cuối tuần",
        "Từ sáng sớm, đồng bào các dân tộc đã mang rau rừng, mật ong và thổ cẩm xuống chợ.\n"
        "Bà Giàng Thị Mai, một tiểu thương, nói năm nay hàng bán chạy hơn năm ngoái.",
    ),
    "nuoc-sach": (
        "Tỉnh đầu tư hệ thống nước sạch cho vùng ven biển",
        "Sở Nông nghiệp cho biết dự án cấp nước sạch cho khoảng 8.000 hộ dân ở ba huyện ven biển.\n"
        "Lãnh đạo Sở đề nghị các địa phương đẩy nhanh giải phóng mặt bằng để công trình sớm hoàn thành.",
    ),
    "thu-vien": (
        "Thư viện tỉnh mở cửa phục vụ bạn đọc buổi tối",
        "Từ tháng này, thư viện mở cửa đến 21 giờ để học sinh và người lao động đến đọc sách.\n"
        "Giám đốc thư viện Lê Thanh Bình nói lượng bạn đọc buổi tối tăng gấp đôi sau hai tuần.",
    ),
    "le-hoi": (
        "Lễ hội đua thuyền truyền thống thu hút hàng nghìn người xem",
        "Mười hai đội thuyền của các xã ven sông tham gia cuộc đua trên quãng đường hai cây số.\n"
        "Ban tổ chức trao giải nhất cho đội thuyền xã Hòa Bình.",
    ),
    "tiem-chung": (
        "Trạm y tế phường tổ chức tiêm chủng mở rộng cho trẻ em",
        "Hơn 300 trẻ dưới năm tuổi được tiêm vắc xin trong hai ngày cuối tuần.\n"
        "Bác sĩ Nguyễn Thu Hà khuyên phụ huynh theo dõi sức khỏe của trẻ sau khi tiêm.",
    ),
}
ENGLISH = (
    "City council approves new bus routes",
    "The council voted on Monday to add three bus routes serving the northern suburbs.",
)


def _txt(title: str, body: str, newline: str = "\n") -> str:
    return title + newline + newline + body.replace("\n", newline) + newline


def _jsonl(rows: list[Any]) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def build_messy_archive(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Write every case of the issue under `root`.

    Returns (good documents: file name -> expected normalised title, bad inputs: source suffix ->
    a word its error reason must contain). Each key is unique and names exactly one output line.
    """
    root.mkdir(parents=True)
    (root / "con").mkdir()
    good: dict[str, str] = {}
    bad: dict[str, str] = {}

    def add_good(relative: str, title: str) -> None:
        good[relative] = normalize_text(title)

    # text files in every encoding and line ending
    t, b = ARTICLES["cau-moi"]
    (root / "utf8-bom-crlf.txt").write_bytes(b"\xef\xbb\xbf" + _txt(t, b, "\r\n").encode("utf-8"))
    add_good("utf8-bom-crlf.txt", t)
    t, b = ARTICLES["cho-phien"]
    (root / "utf16.txt").write_bytes(_txt(t, b).encode("utf-16"))
    add_good("utf16.txt", t)
    t, b = ARTICLES["nuoc-sach"]
    (root / "windows-1258.txt").write_bytes(encode_cp1258(_txt(t, b, "\r\n")))
    add_good("windows-1258.txt", t)
    t, b = ARTICLES["thu-vien"]
    (root / "tcvn3.txt").write_bytes(encode_tcvn3(_txt(t, b, "\r\n")))
    add_good("tcvn3.txt", t)
    t, b = ARTICLES["le-hoi"]
    (root / "vni.txt").write_bytes(encode_vni(_txt(t, b)))
    add_good("vni.txt", t)
    (root / "english.txt").write_bytes(_txt(*ENGLISH).encode("cp1252"))
    add_good("english.txt", ENGLISH[0])
    quotes = 'Người dân nói: “Chúng tôi mong con đường sớm được sửa\nÔng Tư cho biết "sẽ kiến nghị lên huyện.'
    (root / "ngoac-kep-le.txt").write_text(_txt("Dân mong sửa đường", quotes), encoding="utf-8")
    add_good("ngoac-kep-le.txt", "Dân mong sửa đường")

    # empty, blank, binary, oversized
    (root / "rong.txt").write_bytes(b"")
    bad["rong.txt"] = EMPTY_FILE
    (root / "trang.txt").write_bytes(b" \r\n\t\n")
    bad["trang.txt"] = EMPTY_TEXT_FILE
    rng = random.Random(0)
    (root / "anh.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(4000))
    bad["anh.txt"] = BINARY_FILE
    (root / "con" / "chuong-trinh.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200) + rng.randbytes(2000))
    bad["con/chuong-trinh.txt"] = BINARY_FILE
    sentence = " ".join(b.replace("\n", " ") for _, b in ARTICLES.values())
    one_line = (sentence + " ") * (5 * 2**20 // len(sentence.encode()) + 1)
    (root / "mot-dong-5mb.txt").write_text(one_line, encoding="utf-8")  # a single 5 MB line
    bad["mot-dong-5mb.txt"] = "document too long"

    # JSON Lines: good records, a malformed line, a record without text, a line that is not an object
    t, b = ARTICLES["tiem-chung"]
    lines = [
        {"id": "jl-1", "title": t, "body": b},
        {"id": "jl-2", "title": ENGLISH[0] + " (repeat)", "text": ENGLISH[1]},
    ]
    raw = (
        _jsonl(lines[:1]) + b'{"id": "jl-bad", "title": "Thi\xe1\xba\xbfu ngo\n' + _jsonl([{"id": "jl-3", "url": "x"}])
    )
    raw += b"[1, 2]\n" + _jsonl(lines[1:])
    (root / "tin.jsonl").write_bytes(raw.replace(b"\n", b"\r\n"))
    add_good("tin.jsonl:1", t)
    bad["tin.jsonl:2"] = "invalid JSON"
    bad["tin.jsonl:3"] = NO_TEXT
    bad["tin.jsonl:4"] = "expected a JSON object"
    add_good("tin.jsonl:5", ENGLISH[0] + " (repeat)")

    # the same document twice (processed once, the duplicate recorded): a record id repeated in
    # another file, and a .txt file copied into a sub-folder (the file name is its id)
    t, b = ARTICLES["tiem-chung"]
    (root / "trung-lap.json").write_text(
        json.dumps([{"id": "jl-1", "title": t, "body": b}], ensure_ascii=False), "utf-8"
    )
    bad["trung-lap.json:1"] = "duplicate"
    copied = _txt("Phường ra quân dọn vệ sinh kênh rạch", "Hàng trăm người dân cùng dọn rác dọc tuyến kênh.")
    (root / "ban-tin.txt").write_text(copied, encoding="utf-8")
    (root / "con" / "ban-tin.txt").write_text(copied, encoding="utf-8")
    add_good("ban-tin.txt", "Phường ra quân dọn vệ sinh kênh rạch")
    bad["con/ban-tin.txt"] = "duplicate"

    # compressed and archived inputs: truncated gzip, broken zip, a good zip with hostile names
    first = _jsonl([{"id": "gz-1", "title": "Bản tin nén số một", "body": "Nội dung bản tin nén."}])
    second = gzip.compress(_jsonl([{"id": "gz-2", "title": "Bản tin bị cắt", "body": "Nội dung. " * 5000}]))
    (root / "cat-do.jsonl.gz").write_bytes(gzip.compress(first) + second[: len(second) // 2])
    add_good("cat-do.jsonl.gz:1", "Bản tin nén số một")
    bad["cat-do.jsonl.gz"] = "truncated"
    (root / "hong.zip").write_bytes(zip_bytes({"a.txt": b"x" * 100})[:50])
    bad["hong.zip"] = "zip"
    slip = _txt("Tên tệp có hai chấm", "Tệp này chỉ có tên lạ, không được ghi ra ngoài thư mục.")
    absolute = _txt("Tên tệp là đường dẫn tuyệt đối", "Tệp này cũng chỉ được đọc, không được ghi ra đĩa.")
    legacy_member = encode_tcvn3(_txt("Bản tin cũ trong tệp nén", "Nội dung được gõ bằng phông chữ cũ."))
    (root / "kho.zip").write_bytes(
        zip_bytes({"../../thoat-ra.txt": slip.encode(), "/tmp/vnpipe-tuyet-doi.txt": absolute.encode()})
    )
    add_good("kho.zip!../../thoat-ra.txt", "Tên tệp có hai chấm")
    add_good("kho.zip!/tmp/vnpipe-tuyet-doi.txt", "Tên tệp là đường dẫn tuyệt đối")
    (root / "kho.tar.gz").write_bytes(tar_gz_bytes({"cu/ban-tin-cu.txt": legacy_member}))
    add_good("kho.tar.gz!cu/ban-tin-cu.txt", "Bản tin cũ trong tệp nén")

    # formats with nothing to read
    (root / "bao-cao.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    bad["bao-cao.pdf"] = "unsupported input format '.pdf'"
    (root / "trang-chu.html").write_text(
        "<html><head><title>Trang chủ</title></head><body><div></div></body></html>", encoding="utf-8"
    )
    bad["trang-chu.html"] = NO_ARTICLE
    (root / "chi-tieu-de.csv").write_text("id,title,body\n", encoding="utf-8")
    bad["chi-tieu-de.csv"] = NO_DOCUMENTS
    return good, bad


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def messy_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("messy")
    root, out = base / "kho", base / "out"
    good, bad = build_messy_archive(root)
    unpickled: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        unpickled.append("pickle")  # recorded too, in case the run turns the exception into an error line
        raise AssertionError("input data must never be unpickled")

    with pytest.MonkeyPatch.context() as patch:  # nothing from the inputs is unpickled (one process: workers=1)
        patch.setattr(pickle, "loads", refuse)
        patch.setattr(pickle, "load", refuse)
        stats = run([root], out, workers=1)
    return {
        "root": root,
        "out": out,
        "base": base,
        "good": good,
        "bad": bad,
        "stats": stats,
        "unpickled": unpickled,
        "documents": _lines(out / "documents.jsonl"),
        "errors": _lines(out / "errors.jsonl"),
    }


def test_reliability_run_finishes_and_accounts_for_every_document(messy_run: dict[str, Any]) -> None:
    root: Path = messy_run["root"]
    documents, errors = messy_run["documents"], messy_run["errors"]
    good, bad = messy_run["good"], messy_run["bad"]
    assert not messy_run["unpickled"]
    # every input document is exactly one line of one of the two files
    assert len(documents) + len(errors) == len(good) + len(bad)
    assert messy_run["stats"].documents == len(documents) and messy_run["stats"].errors == len(errors)
    titles = sorted(d["title"] for d in documents)
    assert titles == sorted(good.values())
    assert len({d["id"] for d in documents}) == len(documents)
    for line in errors:
        assert set(line) == {"source", "id", "error"} and line["error"]
    reasons = {e["source"].removeprefix(f"{root}{os.sep}"): e["error"] for e in errors}
    assert len(reasons) == len(errors)
    assert set(reasons) == set(bad)
    for source, expected in bad.items():
        assert expected in reasons[source], (source, reasons[source])


def test_reliability_legacy_encodings_come_out_as_unicode(messy_run: dict[str, Any]) -> None:
    titles = {d["title"] for d in messy_run["documents"]}
    for name in ("nuoc-sach", "thu-vien", "le-hoi"):
        assert normalize_text(ARTICLES[name][0]) in titles
    texts = {d["id"]: d["text"] for d in messy_run["documents"]}
    assert normalize_text(ARTICLES["thu-vien"][1]) in texts["tcvn3"]
    assert normalize_text(ARTICLES["le-hoi"][1]) in texts["vni"]
    assert normalize_text(ARTICLES["nuoc-sach"][1]) in texts["windows-1258"]
    assert "\r" not in texts["utf8-bom-crlf"] and "\ufeff" not in texts["utf8-bom-crlf"]


def test_reliability_archive_members_never_leave_their_archive(messy_run: dict[str, Any]) -> None:
    base: Path = messy_run["base"]
    assert not (base / "thoat-ra.txt").exists() and not (base.parent / "thoat-ra.txt").exists()
    assert not Path("/tmp/vnpipe-tuyet-doi.txt").exists()
    written = {p.name for p in messy_run["out"].rglob("*")}
    from pipeline.store import SCHEMAS

    outputs = {"documents.jsonl", "errors.jsonl", "report.html", "vnpipe.duckdb", "tables", "themes.joblib"}
    outputs.add(".solution-words.jsonl")  # the run's work file for themes
    assert written <= outputs | {f"{name}.parquet" for name in SCHEMAS}


# --------------------------------------------------------------------------- limits


def test_reliability_oversized_text_file_names_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "qua-lon.txt"
    with open(path, "wb") as fh:
        fh.write(b"Tieu de\n")
        fh.truncate(MAX_DOCUMENT_BYTES + 10)  # sparse: no 20 MB written in the test
    [error] = list(iter_records([path]))
    assert isinstance(error, IngestError)
    assert error.error == "text file too large: over the 20 MiB limit"


def test_reliability_overlong_jsonl_line_is_one_error_and_reading_goes_on(tmp_path: Path) -> None:
    rows = [{"id": "a", "title": "Tin một"}, {"id": "b", "title": "Tin hai"}]
    data = _jsonl(rows[:1]) + b'{"id": "c", "title": "' + b"x" * 300 + b'"}\n' + _jsonl(rows[1:])
    lines = list(iter_lines(io.BytesIO(data), max_line_bytes=200))
    assert [type(line) for line in lines] == [str, LineTooLong, str]
    assert json.loads(lines[2])["id"] == "b"  # type: ignore[arg-type]
    path = tmp_path / "dong-dai.jsonl"
    with open(path, "wb") as fh:
        fh.write(data.replace(b"x" * 300, b"x" * (MAX_DOCUMENT_BYTES + 1)))
    items = list(iter_records([path]))
    assert [getattr(item, "id", None) for item in items] == ["a", None, "b"]
    assert isinstance(items[1], IngestError) and items[1].source == f"{path}:2"
    assert "line too long" in items[1].error and "20 MiB" in items[1].error


def test_reliability_document_character_limit_matches_the_analyser(tmp_path: Path) -> None:
    from pipeline.nlp import get_nlp

    assert get_nlp().max_length >= MAX_DOCUMENT_CHARS
    path = tmp_path / "dai.jsonl"
    path.write_bytes(
        _jsonl(
            [
                {"id": "ok", "body": "a" * (MAX_DOCUMENT_CHARS - 10)},
                {"id": "long", "body": "ă" * (MAX_DOCUMENT_CHARS + 1)},
            ]
        )
    )
    ok, long = iter_records([path])
    assert isinstance(ok, Record)
    assert long == IngestError(
        source=f"{path}:2",
        id="long",
        error=f"document too long: {MAX_DOCUMENT_CHARS + 1:,} characters (limit 1,000,000)",
    )


def test_reliability_oversized_archive_member_is_its_own_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives_module, "MAX_MEMBER_BYTES", 1000)
    path = tmp_path / "bom.zip"
    path.write_bytes(zip_bytes({"nho.txt": "Tin nhỏ\nNội dung.".encode(), "lon.txt": b"Tin lon\n" + b" " * 5000}))
    small, big = iter_records([path])
    assert isinstance(small, Record)
    assert big == IngestError(source=f"{path}!lon.txt", error="archive member too large: over the 1000 bytes limit")


# --------------------------------------------------------------------------- never raises

ARBITRARY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VIETNAMESE_BYTES = st.sampled_from(
    [encode_tcvn3("Người dân"), encode_vni("Người dân"), encode_cp1258("Người dân"), "Người dân".encode()]
)
MESSY_BYTES = st.one_of(
    st.binary(max_size=600),
    st.lists(
        st.one_of(st.binary(max_size=20), VIETNAMESE_BYTES, st.sampled_from([b"\n", b"\r\n", b"\x00", b'"', b"{"]))
    ).map(b"".join),
)


@ARBITRARY
@given(MESSY_BYTES)
def test_reliability_decode_bytes_never_raises(data: bytes) -> None:
    assert isinstance(decode_bytes(data), str)


@ARBITRARY
@given(st.text(max_size=400))
def test_reliability_normalize_never_raises(text: str) -> None:
    normalized = normalize_text(text)
    assert normalize_text(normalized) == normalized
    clean_article(Record(title=text[:50], body=text))


@ARBITRARY
@given(MESSY_BYTES, st.sampled_from([".txt", ".jsonl", ".csv", ".json", ".html", ".jsonl.gz", ".zip", ".tar.gz"]))
def test_reliability_iter_records_never_raises(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bat-ky{suffix}"
        path.write_bytes(data)
        items = list(iter_records([path]))
    assert items, "every file yields at least one record or error"
    assert all(isinstance(item, Record | IngestError) for item in items)
    for item in items:
        if isinstance(item, IngestError):
            assert item.error and item.source.startswith(str(path))
