"""The seed article (../shared/seed) end to end: metadata, people with roles, statements, captions."""

from __future__ import annotations

SEED_PEOPLE = {
    "Phùng Văn Dũng": ["Phó Trưởng Ban Dân vận Thành ủy Hà Nội"],
    "Nguyễn Tiến Trường": ["Phó Bí thư Đảng ủy", "Phó Cục trưởng Cục Thuế TP Hà Nội"],
    "Phạm Thị Nguyên Hạnh": ["Phó Bí thư Đảng ủy Khối các cơ quan TP Hà Nội"],
}


def test_seed_metadata(seed_summary) -> None:
    assert seed_summary["author"] == "Linh Nguyễn"
    assert seed_summary["source"] == "Kinhtedothi"
    assert seed_summary["kind"] == "news"
    assert "Chia sẻ" not in seed_summary["text"]


def test_seed_people_and_roles(seed_summary) -> None:
    people = {p["name"]: p for p in seed_summary["people"]}
    for name, roles in SEED_PEOPLE.items():
        assert name in people, name
        got = [r.lower() for r in people[name]["roles"]]
        assert got == [r.lower() for r in roles], (name, got)
    assert "Ban Dân vận Thành ủy Hà Nội" in people["Phùng Văn Dũng"]["organizations"]
    assert "Linh Nguyễn" in people


def test_seed_statements_attributed(seed_summary) -> None:
    by_speaker = {}
    for st in seed_summary["statements"]:
        by_speaker.setdefault(st["speaker"], []).append(st)
    dung = by_speaker["Phùng Văn Dũng"]
    assert any(st["type"] == "direct" and st["text"].startswith("Đề nghị các đơn vị tập trung") for st in dung)
    assert {st["cue"] for st in dung} >= {"nói", "đánh giá", "lưu ý", "nêu rõ"}
    assert any(st["cue"] == "khẳng định" for st in by_speaker["Nguyễn Tiến Trường"])
    non_person = {st["speaker"] for st in seed_summary["statements"] if not st["speaker_is_person"]}
    assert "đại diện Đảng ủy Cục Thuế TP Hà Nội" in non_person
    assert "Thường trực Đảng ủy Khối Doanh nghiệp Hà Nội" in non_person


def test_seed_captions_not_duplicated(seed_summary) -> None:
    text = seed_summary["text"]
    for caption in ("Phó Trưởng Ban Dân vận Thành ủy Hà Nội Phùng Văn Dũng phát biểu tại Tọa đàm",
                    "Đại biểu từ các đơn vị trong Cụm thi đua nêu ý kiến thảo luận"):  # fmt: skip
        assert text.count(caption) == 1
    assert not any(st["text"].startswith("đề dẫn Tọa đàm") for st in seed_summary["statements"])
    figures = {(f["value"], f["unit"]) for f in seed_summary["figures"]}
    assert (52, "giải pháp") in figures and (35, "ý kiến") in figures
