"""Ingestion: every input kind becomes the right Records, and bad input becomes IngestErrors, lazily."""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import itertools
import json
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.ingest import SUPPORTED_SUFFIXES, iter_records
from pipeline.ingest.decoding import decode_bytes
from pipeline.ingest.errors import NO_TEXT
from pipeline.ingest.fields import normalize_date
from pipeline.records import IngestError, Record
from tests.archive_builders import tar_gz_bytes, zip_bytes

SHARED = Path(__file__).parents[1] / ".." / "shared"

ARTICLES: list[dict[str, Any]] = [
    {
        "id": "hn-001",
        "title": "Hà Nội khởi công cầu mới bắc qua sông Hồng",
        "sapo": "Sáng nay, thành phố tổ chức lễ khởi công cây cầu thứ tám bắc qua sông Hồng.",
        "body": "Cây cầu dài gần 5 km, dự kiến hoàn thành sau ba năm.\n"
        "Ông Trần Văn Minh, Giám đốc Sở Giao thông, cho biết dự án giúp giảm ùn tắc.",
        "url": "https://tintuc.example.vn/cau-moi.html",
        "source": "Tin Tức Thủ Đô",
        "published": "2024-03-05",
        "author": "Lan Anh",
    },
    {
        "id": "dn-002",
        "title": "Đà Nẵng đón lượng khách du lịch kỷ lục dịp lễ",
        "sapo": "Các khách sạn ven biển gần như kín phòng trong suốt kỳ nghỉ.",
        "body": "Bà Lê Thị Hoa, Phó Giám đốc Sở Du lịch, nói: “Chúng tôi đã chuẩn bị từ nhiều tháng trước”.",
        "url": "https://tintuc.example.vn/da-nang.html",
        "source": "Tin Tức Thủ Đô",
        "published": "05/03/2024",
        "author": "Quốc Bảo",
    },
]
EXPECTED_PUBLISHED = ["2024-03-05", "2024-03-05"]


def _items(*paths: Path | str) -> list[Record | IngestError]:
    return list(iter_records(paths))


def _records(items: list[Record | IngestError]) -> list[Record]:
    return [item for item in items if isinstance(item, Record)]


def _errors(items: list[Record | IngestError]) -> list[IngestError]:
    return [item for item in items if isinstance(item, IngestError)]


def _jsonl_bytes(rows: list[Any]) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def _csv_bytes(rows: list[dict[str, Any]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _parquet_bytes(rows: list[dict[str, Any]], row_group_size: int = 1) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows), buffer, row_group_size=row_group_size)
    return buffer.getvalue()


# name of the file written, its bytes, and the origin prefix of its records (before ":N")
FORMATS: list[tuple[str, Callable[[list[dict[str, Any]]], bytes], str]] = [
    ("news.jsonl", _jsonl_bytes, "news.jsonl"),
    ("news.jsonl.gz", lambda rows: gzip.compress(_jsonl_bytes(rows)), "news.jsonl.gz"),
    ("news.json", lambda rows: json.dumps(rows, ensure_ascii=False).encode("utf-8"), "news.json"),
    ("news.csv", _csv_bytes, "news.csv"),
    ("news.parquet", _parquet_bytes, "news.parquet"),
    ("news.zip", lambda rows: zip_bytes({"inner/a.jsonl": _jsonl_bytes(rows)}), "news.zip!inner/a.jsonl"),
    ("news.tar.gz", lambda rows: tar_gz_bytes({"inner/a.csv": _csv_bytes(rows)}), "news.tar.gz!inner/a.csv"),
    ("news.tgz", lambda rows: tar_gz_bytes({"b.parquet": _parquet_bytes(rows)}), "news.tgz!b.parquet"),
]


@pytest.mark.parametrize(("name", "encode", "origin"), FORMATS, ids=[f[0] for f in FORMATS])
def test_ingest_multi_record_formats_give_record_fields(
    tmp_path: Path, name: str, encode: Callable[[list[dict[str, Any]]], bytes], origin: str
) -> None:
    path = tmp_path / name
    path.write_bytes(encode(ARTICLES))
    items = _items(path)
    assert not _errors(items)
    assert len(items) == len(ARTICLES)
    for number, (record, row, published) in enumerate(zip(items, ARTICLES, EXPECTED_PUBLISHED, strict=True), 1):
        assert isinstance(record, Record)
        assert record.id == row["id"]
        assert record.title == row["title"]
        assert record.lead == row["sapo"]
        assert record.body == row["body"]
        assert (record.url, record.source, record.author) == (row["url"], row["source"], row["author"])
        assert record.published == published
        assert record.origin == f"{tmp_path / origin}:{number}"


def test_ingest_json_single_object_has_plain_origin(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(ARTICLES[0], ensure_ascii=False), encoding="utf-8")
    [record] = _items(path)
    assert isinstance(record, Record)
    assert (record.id, record.origin) == ("hn-001", str(path))


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"TITLE": "Tiêu đề", "Text": "Nội dung"}, {"title": "Tiêu đề", "body": "Nội dung"}),
        ({"title": "T", "Sapo": "sapo", "LEAD": "lead", "description": "mô tả"}, {"lead": "sapo"}),
        ({"title": "T", "summary": "tóm tắt", "lead": "lead"}, {"lead": "lead"}),
        ({"title": "T", "description": "mô tả", "summary": "tóm tắt"}, {"lead": "mô tả"}),
        ({"content": "nội dung", "text": "văn bản", "title": "T"}, {"body": "văn bản"}),
        ({"Body": "thân bài", "text": "văn bản"}, {"body": "thân bài", "title": ""}),
        ({"title": "T", "site": "Báo A", "Source": "Báo B"}, {"source": "Báo B"}),
        ({"title": "T", "publish_date": "2021-01-01", "DATE": "04/11/2020"}, {"published": "2020-11-04"}),
        ({"title": "T", "sapo": "", "lead": None, "summary": "tóm tắt"}, {"lead": "tóm tắt"}),
        ({"id": 42, "title": 2024, "body": "x"}, {"id": "42", "title": "2024"}),
        ({"title": "T", "body": ["Đoạn một.", "Đoạn hai."]}, {"body": "Đoạn một.\nĐoạn hai."}),
        ({"title": "T", "published": "hôm qua"}, {"published": None}),
        (
            {"title": "  T  ", "url": " https://a.vn/x ", "author": ["An", "Bình"]},
            {"title": "T", "author": "An, Bình"},
        ),
    ],
)
def test_ingest_fields_case_insensitive_in_alias_order(
    tmp_path: Path, row: dict[str, Any], expected: dict[str, Any]
) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(_jsonl_bytes([row]))
    [record] = _items(path)
    assert isinstance(record, Record)
    for attribute, value in expected.items():
        assert getattr(record, attribute) == value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-11-04", "2020-11-04"),
        ("2020-11-04T10:30:00+07:00", "2020-11-04"),
        ("2020-11-04 10:30:00Z", "2020-11-04"),
        ("2020/11/04", "2020-11-04"),
        ("04/11/2020", "2020-11-04"),
        ("4-11-2020 10:30", "2020-11-04"),
        ("Thứ tư, 04/11/2020 - 10:30 (GMT+7)", "2020-11-04"),
        ("ngày 4 tháng 11 năm 2020", "2020-11-04"),
        ("Wed, 04 Nov 2020 10:30:00 +0700", "2020-11-04"),
        (datetime(2020, 11, 4, 10, 30), "2020-11-04"),
        (date(2020, 11, 4), "2020-11-04"),
        ("31/02/2020", None),
        ("hôm qua", None),
        ("", None),
        (None, None),
        (20201104, None),
    ],
)
def test_ingest_normalize_date(value: Any, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_ingest_missing_id_is_stable_content_hash(tmp_path: Path) -> None:
    rows = [{key: value for key, value in row.items() if key != "id"} for row in ARTICLES]
    (tmp_path / "a.jsonl").write_bytes(_jsonl_bytes(rows))
    (tmp_path / "b.csv").write_bytes(_csv_bytes(rows))
    from_jsonl = _records(_items(tmp_path / "a.jsonl"))
    from_csv = _records(_items(tmp_path / "b.csv"))
    again = _records(_items(tmp_path / "a.jsonl"))
    for record, row in zip(from_jsonl, rows, strict=True):
        assert record.id == Record(title=row["title"], lead=row["sapo"], body=row["body"]).content_hash()
    assert [r.id for r in from_jsonl] == [r.id for r in from_csv] == [r.id for r in again]
    assert len({r.id for r in from_jsonl}) == len(rows)


def test_ingest_malformed_json_line_is_one_error_among_good_lines(tmp_path: Path) -> None:
    good = _jsonl_bytes(ARTICLES).splitlines(keepends=True)
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(good[0] + b'{"title": "Thi\xe1\xba\xbfu ngo\n' + b"\n" + good[1] + b"[1, 2]\n")
    items = _items(path)
    assert [type(item) for item in items] == [Record, IngestError, Record, IngestError]
    assert [item.id for item in _records(items)] == ["hn-001", "dn-002"]
    bad_json, not_object = _errors(items)
    assert bad_json.source == f"{path}:2"
    assert bad_json.id is None
    assert bad_json.error.startswith("invalid JSON: ")
    assert (not_object.source, not_object.error) == (f"{path}:5", "expected a JSON object, got array")


@pytest.mark.parametrize(
    ("row", "expected_id"),
    [
        ({"id": "k-1", "sapo": "Chỉ có phần mở đầu.", "url": "https://a.vn"}, "k-1"),
        ({"body": "   ", "title": ""}, None),
        ({"tiêu đề": "Không đúng tên trường"}, None),
    ],
)
def test_ingest_record_without_text_is_error(tmp_path: Path, row: dict[str, Any], expected_id: str | None) -> None:
    path = tmp_path / "empty.json"
    path.write_text(json.dumps([row], ensure_ascii=False), encoding="utf-8")
    assert _items(path) == [IngestError(source=f"{path}:1", id=expected_id, error=NO_TEXT)]


def test_ingest_truncated_gzip_keeps_records_before_the_break(tmp_path: Path) -> None:
    rows = [{"id": str(n), "title": f"Bản tin số {n}", "body": "Nội dung bản tin. " * 20} for n in range(2000)]
    data = gzip.compress(_jsonl_bytes(rows))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = _items(path)
    records, errors = _records(items), _errors(items)
    assert 0 < len(records) < len(rows)
    assert [r.id for r in records] == [str(n) for n in range(len(records))]
    assert len(errors) == 1
    assert items[-1] is errors[0]
    assert errors[0].source == str(path)
    assert "truncated" in errors[0].error


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 this is not really a zip archive",
        zip_bytes({"a.jsonl": _jsonl_bytes(ARTICLES)})[:60],
        b"",
    ],
    ids=["garbage", "cut", "empty"],
)
def test_ingest_broken_zip_is_one_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(data)
    [error] = _items(path)
    assert isinstance(error, IngestError)
    assert error.source == str(path)
    assert "zip" in error.error


def test_ingest_truncated_tar_gz_reports_error_and_keeps_earlier_members(tmp_path: Path) -> None:
    members = {f"bai-{n:02d}.txt": f"Tiêu đề {n}\n{'Thân bài. ' * 300}".encode() for n in range(10)}
    data = tar_gz_bytes(members)
    path = tmp_path / "cut.tar.gz"
    path.write_bytes(data[: len(data) // 2])
    items = _items(path)
    records = _records(items)
    assert records
    assert [r.id for r in records] == [f"bai-{n:02d}" for n in range(len(records))]
    # the member cut mid-read is charged to itself, the lost rest of the archive to the archive
    member_error, archive_error = items[len(records) :]
    assert isinstance(member_error, IngestError)
    assert member_error.source == f"{path}!bai-{len(records):02d}.txt"
    assert isinstance(archive_error, IngestError)
    assert archive_error.source == str(path)
    assert "tar" in archive_error.error


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("report.pdf", "unsupported input format '.pdf'"),
        ("data.JSON.bz2", "unsupported input format '.bz2'"),
        ("README", "unsupported input format (no file extension)"),
    ],
)
def test_ingest_unsupported_suffix_is_error(tmp_path: Path, name: str, error: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4")
    assert _items(path) == [IngestError(source=str(path), error=error)]


def test_ingest_missing_path_is_error(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co.jsonl"
    assert _items(missing) == [IngestError(source=str(missing), error="no such file or directory")]


def test_ingest_suffix_registry_matches_contract() -> None:
    assert set(SUPPORTED_SUFFIXES) == {
        ".txt",
        ".json",
        ".jsonl",
        ".jsonl.gz",
        ".csv",
        ".parquet",
        ".html",
        ".htm",
        ".zip",
        ".tar.gz",
        ".tgz",
    }


def test_ingest_folder_recursion_with_nested_archives(tmp_path: Path) -> None:
    root = tmp_path / "kho"
    (root / "b" / "c").mkdir(parents=True)
    (root / "__MACOSX").mkdir()
    (root / ".git").mkdir()
    (root / "a.txt").write_text("Tin thứ nhất\nNội dung thứ nhất.", encoding="utf-8")
    (root / "b" / "c" / "d.jsonl").write_bytes(_jsonl_bytes(ARTICLES[:1]))
    inner_zip = zip_bytes({"e.txt": "Tin lồng\nTrong zip lồng zip.".encode()})
    inner_tar = tar_gz_bytes({"f.jsonl": _jsonl_bytes(ARTICLES[1:])})
    (root / "b" / "z.zip").write_bytes(
        zip_bytes(
            {
                "tin/": b"",
                "tin/g.csv": _csv_bytes(ARTICLES[:1]),
                "nested.zip": inner_zip,
                "nested.tgz": inner_tar,
                "../thoat-ra.txt": "Tên có hai chấm\nChỉ là một cái tên.".encode(),
                "__MACOSX/._g.csv": b"\x00\x05",
                "tin/.DS_Store": b"\x00",
                "ghi-chu.docx": b"PK",
            }
        )
    )
    (root / "b" / "t.tar.gz").write_bytes(tar_gz_bytes({"zip-trong-tar.zip": inner_zip}))
    (root / "x.pdf").write_bytes(b"%PDF")
    (root / ".DS_Store").write_bytes(b"\x00")
    (root / "__MACOSX" / "._a.txt").write_bytes(b"\x00")
    (root / ".git" / "HEAD.txt").write_text("ref", encoding="utf-8")

    items = _items(root)
    origins = [item.origin if isinstance(item, Record) else item.source for item in items]
    assert origins == [
        f"{root}/a.txt",
        f"{root}/b/c/d.jsonl:1",
        f"{root}/b/t.tar.gz!zip-trong-tar.zip!e.txt",
        f"{root}/b/z.zip!tin/g.csv:1",
        f"{root}/b/z.zip!nested.zip!e.txt",
        f"{root}/b/z.zip!nested.tgz!f.jsonl:1",
        f"{root}/b/z.zip!../thoat-ra.txt",
        f"{root}/b/z.zip!ghi-chu.docx",
        f"{root}/x.pdf",
    ]
    assert [type(item) for item in items] == [Record] * 7 + [IngestError] * 2
    nested = items[4]
    assert isinstance(nested, Record)
    assert (nested.id, nested.title, nested.body) == ("e", "Tin lồng", "Trong zip lồng zip.")
    assert not (tmp_path / "thoat-ra.txt").exists()  # member names are never paths on disk


@pytest.mark.parametrize(
    ("data", "expected_title"),
    [
        ("\n\n  Tin sáng Thứ Hai  \nDòng một.\n\n  Dòng hai thụt lề.\n\n".encode(), "Tin sáng Thứ Hai"),
        (codecs.BOM_UTF8 + "Tin có BOM\r\nDòng một.\r\n\r\n  Dòng hai thụt lề.".encode(), "Tin có BOM"),
        ("Tin UTF-16\nDòng một.\n\n  Dòng hai thụt lề.\n".encode("utf-16"), "Tin UTF-16"),
        (
            codecs.BOM_UTF16_BE + "Tin UTF-16 BE\nDòng một.\n\n  Dòng hai thụt lề.".encode("utf-16-be"),
            "Tin UTF-16 BE",
        ),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_ingest_txt_title_body_and_encodings(tmp_path: Path, data: bytes, expected_title: str) -> None:
    path = tmp_path / "ban-tin.txt"
    path.write_bytes(data)
    [record] = _items(path)
    assert isinstance(record, Record)
    assert record.title == expected_title
    assert record.body == "Dòng một.\n\n  Dòng hai thụt lề."
    assert (record.id, record.origin, record.lead) == ("ban-tin", str(path), "")


def test_ingest_empty_txt_is_error(tmp_path: Path) -> None:
    path = tmp_path / "trong.txt"
    path.write_bytes(b"\n  \n")
    [error] = _items(path)
    assert isinstance(error, IngestError)
    assert (error.source, error.id) == (str(path), "trong")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Hà Nội".encode(), "Hà Nội"),
        (codecs.BOM_UTF8 + "Hà Nội".encode(), "Hà Nội"),
        ("Hà Nội".encode("utf-16"), "Hà Nội"),
        ("Ha\u0300 N\u00f4\u0323i".encode("cp1258"), "Ha\u0300 N\u00f4\u0323i"),
        (b"\x81\xff", "\ufffd\u00ff"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "cp1258", "undecodable"],
)
def test_ingest_decode_bytes(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


def test_ingest_cp1258_text_file_decodes(tmp_path: Path) -> None:
    path = tmp_path / "cu.txt"
    path.write_bytes("Ha\u0300 N\u00f4\u0323i mu\u0300a thu\nTrơ\u0300i se\u0303 la\u0323nh.".encode("cp1258"))
    [record] = _items(path)
    assert isinstance(record, Record)
    assert unicodedata.normalize("NFC", record.title) == "Hà Nội mùa thu"


def test_ingest_utf16_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "utf16.jsonl"
    path.write_bytes(_jsonl_bytes(ARTICLES).decode("utf-8").encode("utf-16"))
    assert [r.id for r in _records(_items(path))] == ["hn-001", "dn-002"]


def test_ingest_csv_large_field_semicolons_and_quoted_newlines(tmp_path: Path) -> None:
    long_body = "Đoạn văn rất dài. " * 20_000  # beyond csv's default 128 KiB field limit
    rows = [
        {"ID": "c1", "Title": "Tin dài", "Content": long_body},
        {"ID": "c2", "Title": "Tin nhiều dòng", "Content": "Dòng một;\nDòng hai"},
    ]
    path = tmp_path / "bang.csv"
    path.write_bytes(_csv_bytes(rows, delimiter=";"))
    records = _items(path)
    assert [(r.id, r.body) for r in _records(records)] == [("c1", long_body), ("c2", "Dòng một;\nDòng hai")]


def test_ingest_parquet_row_groups_and_extra_columns(tmp_path: Path) -> None:
    rows = [
        {"id": f"p{n}", "Title": f"Tin {n}", "body": "Nội dung.", "embedding": [0.1] * 8, "published": None}
        for n in range(5)
    ]
    path = tmp_path / "bang.parquet"
    path.write_bytes(_parquet_bytes(rows, row_group_size=2))
    assert pq.ParquetFile(path).num_row_groups == 3
    records = _records(_items(path))
    assert [(r.id, r.title, r.origin) for r in records] == [(f"p{n}", f"Tin {n}", f"{path}:{n + 1}") for n in range(5)]


ARTICLE_HTML = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Hà Nội mở rộng phố đi bộ quanh hồ Hoàn Kiếm | Tin Tức Thủ Đô</title>
<meta property="og:title" content="Hà Nội mở rộng phố đi bộ quanh hồ Hoàn Kiếm">
<meta property="og:site_name" content="Tin Tức Thủ Đô">
<meta property="og:url" content="https://tintuc.example.vn/pho-di-bo.html">
<meta name="author" content="Minh Anh">
<meta property="article:published_time" content="2023-09-15T08:30:00+07:00">
</head><body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li>
<li><a href="/kinh-te">Kinh tế</a></li></ul></nav></header>
<main><article>
<h1>Hà Nội mở rộng phố đi bộ quanh hồ Hoàn Kiếm</h1>
<p>Từ cuối tuần này, thành phố thí điểm mở rộng không gian đi bộ sang các tuyến phố lân cận hồ Hoàn Kiếm,
nhằm phục vụ người dân và du khách trong dịp lễ.</p>
<p>Theo Sở Giao thông vận tải, phương án phân luồng đã được lấy ý kiến của các quận và người dân sinh sống
trên địa bàn trong nhiều tháng qua.</p>
<p>Ông Nguyễn Văn Hùng, Phó Giám đốc Sở, cho biết các điểm trông giữ xe sẽ được bố trí thêm để bảo đảm
thuận tiện cho người tham gia giao thông.</p>
</article></main>
<footer><p>Bản quyền thuộc về Tin Tức Thủ Đô. Liên hệ quảng cáo: 024 0000 0000.</p></footer>
</body></html>
"""


@pytest.mark.parametrize("name", ["pho-di-bo.html", "pho-di-bo.HTM"])
def test_ingest_html_main_text_and_metadata_without_boilerplate(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    [record] = _items(path)
    assert isinstance(record, Record)
    assert record.id == "pho-di-bo"
    assert record.title == "Hà Nội mở rộng phố đi bộ quanh hồ Hoàn Kiếm"
    paragraphs = record.body.split("\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Từ cuối tuần này")
    assert paragraphs[2].startswith("Ông Nguyễn Văn Hùng")
    for boilerplate in ("Trang chủ", "Thời sự", "Bản quyền", "quảng cáo"):
        assert boilerplate not in record.body
    assert (record.author, record.source, record.published) == ("Minh Anh", "Tin Tức Thủ Đô", "2023-09-15")
    assert record.url == "https://tintuc.example.vn/pho-di-bo.html"


def test_ingest_jsonl_gz_is_lazy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [{"id": str(n), "title": f"Bản tin {n}", "body": "Nội dung ngắn."} for n in range(5000)]
    path = tmp_path / "lon.jsonl.gz"
    path.write_bytes(gzip.compress(_jsonl_bytes(rows)))
    parsed: list[str] = []
    real_loads = json.loads

    def counting_loads(text: str, *args: Any, **kwargs: Any) -> Any:
        parsed.append(text)
        return real_loads(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", counting_loads)
    first = list(itertools.islice(iter_records([path]), 3))
    assert [r.id for r in _records(first)] == ["0", "1", "2"]
    assert len(parsed) == 3


@pytest.mark.shared
def test_ingest_seed_article_title_line() -> None:
    seed = SHARED / "seed" / "dan-van-toa-dam.txt"
    if not seed.exists():
        pytest.skip("../shared is absent")
    first_line = next(line for line in seed.read_text(encoding="utf-8").splitlines() if line.strip())
    [record] = _items(seed)
    assert isinstance(record, Record)
    assert record.id == "dan-van-toa-dam"
    assert record.title == first_line.strip()
    assert record.body
    assert not record.body.startswith(record.title)
    assert record.body == record.body.strip("\n")
