"""report.html: one self-contained file (inline CSS, JS and SVG) with charts, sortable searchable tables
and a per-document view rendered by displacy; rebuilt from an output folder alone; all text escaped."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.report import write_report
from pipeline.report.docview import person_spans, resolve_overlaps
from pipeline.run import run

# Original short articles written for these tests.
ARTICLES = [
    {
        "id": "bai-1-nuoc-sach",
        "title": 'Hội nghị <b>"Nước sạch"</b> & vệ sinh nông thôn',
        "source": "Bản tin Thử nghiệm",
        "published": "2024-03-05",
        "body": (
            "Sáng 4/3, UBND tỉnh Quảng Trị tổ chức hội nghị về nước sạch và vệ sinh môi trường nông thôn.\n\n"
            "Phát biểu tại hội nghị, Phó Chủ tịch UBND tỉnh Quảng Trị Trần Minh Khoa nhấn mạnh: “Mỗi hộ dân có "
            "nước sạch là thước đo rõ nhất của chương trình nông thôn mới, các huyện phải coi đây là nhiệm vụ "
            "hằng ngày”.\n\n"
            "Ông Khoa yêu cầu Sở Nông nghiệp và Phát triển nông thôn khẩn trương rà soát các công trình cấp nước "
            "đã xuống cấp. Các huyện cần bố trí kinh phí sửa chữa trạm bơm trước mùa khô. Sở Tài chính phải "
            "hướng dẫn thủ tục giải ngân vốn cho các xã vùng sâu.\n\n"
            "Theo Giám đốc Trung tâm Nước sạch tỉnh Quảng Trị Lê Thị Ngọc Hà, khó khăn lớn nhất hiện nay là nhiều "
            "công trình cấp nước được xây dựng đã lâu, chi phí vận hành cao. Bà Hà đề nghị tỉnh sớm ban hành "
            "giá nước thống nhất và tăng cường kiểm tra chất lượng nước tại các trạm cấp nước tập trung.\n\n"
            "“Chúng tôi sẽ phối hợp với các xã lắp đặt đồng hồ đo nước cho từng hộ dân”, bà Hà cho biết."
        ),
    },
    {
        "id": "bai-2-chuyen-doi-so",
        "title": "Huyện Đông Sơn đẩy mạnh chuyển đổi số trong thủ tục hành chính",
        "source": "Bản tin Thử nghiệm",
        "published": "2024-04-18",
        "body": (
            "Chiều 17/4, huyện Đông Sơn sơ kết công tác chuyển đổi số quý I.\n\n"
            "Chủ tịch UBND huyện Đông Sơn Phạm Văn Tùng cho biết tỷ lệ hồ sơ trực tuyến của huyện đã tăng "
            "nhưng vẫn còn nhiều xã chưa số hóa kết quả giải quyết thủ tục hành chính.\n\n"
            "Ông Tùng yêu cầu các xã tập trung số hóa hồ sơ đất đai, không để hồ sơ quá hạn kéo dài. "
            "Phòng Nội vụ cần tăng cường kiểm tra đột xuất bộ phận một cửa. Các xã phải hướng dẫn người cao "
            "tuổi sử dụng dịch vụ công trực tuyến.\n\n"
            "“Huyện sẽ bố trí kinh phí mua máy quét cho bộ phận một cửa cấp xã trong quý II”, ông Tùng khẳng "
            "định.\n\n"
            "Trưởng phòng Nội vụ huyện Đông Sơn Vũ Thị Mai đề xuất xây dựng kho dữ liệu dùng chung để người dân "
            "không phải nộp lại giấy tờ đã có. Bà Mai cũng kiến nghị tỉnh sớm hoàn thiện cơ sở dữ liệu đất đai."
        ),
    },
    {
        "id": "bai-3-thu-vien",
        "title": "Thư viện lưu động đến với học sinh vùng biển",
        "source": "Tin Văn hóa Thử nghiệm",
        "published": "2024-05-02",
        "body": (
            "Sở Văn hóa tỉnh Quảng Trị vừa đưa xe thư viện lưu động đến các trường học ở xã đảo.\n\n"
            "Giám đốc Sở Văn hóa tỉnh Quảng Trị Ngô Quốc Bảo cho rằng nhu cầu đọc sách của học sinh vùng biển rất "
            "lớn. Ông Bảo đề nghị các trường bố trí phòng đọc mở cửa cả ngày thứ bảy. Ngành giáo dục cần phối "
            "hợp tổ chức ngày hội đọc sách mỗi học kỳ.\n\n"
            "“Sở sẽ bổ sung hai nghìn đầu sách thiếu nhi cho các thư viện xã trong năm nay”, ông Bảo nói.\n\n"
            "Cô giáo Đặng Thu Trang, Trường Tiểu học Hải An, mong muốn các nhà tài trợ tiếp tục hỗ trợ tủ "
            "sách lớp học. Các thư viện cần đổi mới cách giới thiệu sách để thu hút học sinh."
        ),
    },
]


class StrictParser(HTMLParser):
    """Python's parser, plus a check that every non-void element is closed in order."""

    VOID = {"meta", "br", "input", "img", "hr", "link", "area", "base", "col", "source", "wbr"}
    SVG_SELF = {"rect", "line", "circle", "polyline", "path", "text"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    src = folder / "articles.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    stats = run([src], folder / "out", workers=1)
    assert stats.documents == len(ARTICLES)
    return folder / "out"


@pytest.fixture(scope="module")
def page(out: Path) -> str:
    return (out / "report.html").read_text(encoding="utf-8")


def _docs(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def test_report_is_self_contained(page: str) -> None:
    assert page.startswith("<!doctype html>")
    assert not re.search(r"<script[^>]+src=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"@import|url\(", page, re.I)
    assert "http://" not in page and "https://" not in page
    assert "<style>" in page and "<script>" in page


def test_report_parses_as_well_formed_html(page: str) -> None:
    parser = StrictParser()
    parser.feed(page)
    parser.close()
    assert not parser.problems, parser.problems[:5]
    assert parser.stack == [], parser.stack
    assert parser.tags.get("svg", 0) >= 5 and parser.tags.get("table", 0) >= 3


def test_report_has_the_charts(page: str) -> None:
    titles = re.findall(r"<figcaption>(.*?)</figcaption><svg", page)
    for title in ("Theme sizes", "Themes over time", "Most quoted people", "Solutions by theme",
                  "Documents by kind", "Documents by source"):  # fmt: skip
        assert title in titles, (title, titles)
    assert re.search(r"<svg[^>]*><title>Documents by kind</title>", page)
    # the most quoted people carry their organisation
    chart = page.split("<figcaption>Most quoted people</figcaption>")[1].split("</svg>")[0]
    assert re.search(r"Trần Minh Khoa \(UBND tỉnh Quảng Trị\)|Phạm Văn Tùng \(UBND huyện Đông Sơn\)", chart), chart


def test_report_tables_list_people_statements_and_solutions(out: Path, page: str) -> None:
    docs = _docs(out)
    people = page.split('id="people-table"')[1].split("</table>")[0]
    names = {p["name"] for d in docs for p in d["people"]}
    assert {"Trần Minh Khoa", "Phạm Văn Tùng"} <= names
    for name in names:
        assert f"<td>{name}</td>" in people, name
    statements = page.split('id="statements-table"')[1].split("</table>")[0]
    solutions = page.split('id="solutions-table"')[1].split("</table>")[0]
    assert statements.count("<tr>") - 1 == sum(len(d["statements"]) for d in docs) > 0
    assert solutions.count("<tr>") - 1 == sum(len(d["solutions"]) for d in docs) > 0
    for key in ("people", "statements", "solutions"):
        assert f'class="sortable" id="{key}-table"' in page
        assert 'class="search" placeholder' in page and f'data-table="{key}-table"' in page


def test_report_has_sort_and_search_script(page: str) -> None:
    script = page.split("<script>")[1].split("</script>")[0]
    for piece in ("table.sortable", "sortTable", "input.search", "doc-select", "hashchange"):
        assert piece in script, piece


def test_report_renders_each_document_with_displacy_marks(out: Path, page: str) -> None:
    assert '<select id="doc-select">' in page
    sections = re.findall(r'<section class="doc" id="doc-(\d+)" hidden>(.*?)</section>', page, re.S)
    assert len(sections) == len(ARTICLES)
    assert f"All {len(ARTICLES)} documents are rendered." in page
    for _, body in sections:
        assert '<div class="entities"' in body  # displacy's container
        assert re.search(r'<mark class="entity"[^>]*>[^<]+<span class="el">(STATEMENT|PERSON)</span></mark>', body)
    everything = "".join(body for _, body in sections)
    for label in ("STATEMENT", "SOLUTION", "PERSON"):
        assert f'<span class="el">{label}</span>' in everything, label
    assert '<mark class="entity" data-label="PERSON">Trần Minh Khoa <span class="el">PERSON</span></mark>' in page


def test_report_escapes_html_in_titles(page: str) -> None:
    assert '<b>"Nước sạch"</b>' not in page
    assert "Hội nghị &lt;b&gt;&quot;Nước sạch&quot;&lt;/b&gt; &amp; vệ sinh nông thôn" in page


def test_write_report_rebuilds_from_the_folder_alone(out: Path, tmp_path: Path, page: str) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(out / "documents.jsonl", copy / "documents.jsonl")  # no tables, no errors.jsonl
    path = write_report(copy)
    assert path == copy / "report.html"
    rebuilt = path.read_text(encoding="utf-8")
    assert "<figcaption>Solutions by theme</figcaption><svg" in rebuilt  # themes from documents.jsonl
    assert rebuilt.count('<section class="doc"') == len(ARTICLES)
    assert write_report(out).read_text(encoding="utf-8") == page  # same folder, same report


def test_write_report_on_an_empty_folder(tmp_path: Path) -> None:
    page = write_report(tmp_path).read_text(encoding="utf-8")
    assert "No documents." in page and "<svg" not in page
    parser = StrictParser()
    parser.feed(page)
    assert not parser.problems and not parser.stack


def test_tables_are_capped(out: Path, tmp_path: Path, monkeypatch) -> None:
    import pipeline.report.html as report_html

    monkeypatch.setattr(report_html, "MAX_ROWS", 2)
    monkeypatch.setattr(report_html, "MAX_DOCUMENTS", 1)
    copy = tmp_path / "capped"
    copy.mkdir()
    shutil.copy(out / "documents.jsonl", copy / "documents.jsonl")
    page = write_report(copy).read_text(encoding="utf-8")
    statements = page.split('id="statements-table"')[1].split("</table>")[0]
    assert statements.count("<tr>") == 3
    total = sum(len(d["statements"]) for d in _docs(out))
    assert f"(the first 2 of {total} are listed)" in page
    assert page.count('<section class="doc"') == 1
    assert f"The first 1 of {len(ARTICLES)} documents are rendered" in page


def test_person_spans_and_overlaps() -> None:
    text = "Ông Trần Minh Khoa nói rằng ông Khoa sẽ về. Ông Khoang không."
    people = [{"name": "Trần Minh Khoa", "aliases": ["ông Khoa", "Ông", "Phó Chủ tịch Trần Minh Khoa"]}]
    spans = person_spans(text, people)
    assert [text[s:e] for s, e, _ in spans] == ["Trần Minh Khoa", "ông Khoa"]
    kept, dropped = resolve_overlaps([(0, 20, "STATEMENT"), (4, 18, "PERSON"), (15, 30, "SOLUTION"), (40, 45, "X")])
    assert kept == [(0, 20, "STATEMENT"), (40, 45, "X")]
    assert dropped == {"PERSON": 1, "SOLUTION": 1}


def test_render_text_inside_a_notebook(monkeypatch) -> None:
    """In Jupyter displacy would display the markup and return None; the report needs the markup."""
    import spacy.displacy

    from pipeline.report.docview import render_text

    monkeypatch.setattr(spacy.displacy, "is_in_jupyter", lambda: True)
    markup = render_text("Ông Khoa nói <b>.", [(4, 8, "PERSON")])
    assert '<mark class="entity" data-label="PERSON">Khoa <span class="el">PERSON</span></mark>' in markup
    assert "&lt;b&gt;" in markup
