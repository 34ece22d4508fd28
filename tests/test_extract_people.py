"""People, roles, organisations and aliases over the sentence shapes of Vietnamese news."""

from __future__ import annotations

import pytest

from pipeline.extract.people import extract_people, is_vietnamese_syllable
from pipeline.nlp import annotate


def people_of(text: str) -> dict[str, object]:
    return {p.name: p for p in extract_people(annotate(text))}


@pytest.mark.parametrize(
    ("text", "name", "roles"),
    [
        # title chain before the name, two roles separated by a comma
        (
            "Phó Bí thư Đảng ủy, Phó Giám đốc Sở Xây dựng tỉnh Nam Định Trần Quốc Hưng phát biểu tại hội nghị.",
            "Trần Quốc Hưng",
            ["Phó Bí thư Đảng ủy", "Phó Giám đốc Sở Xây dựng tỉnh Nam Định"],
        ),
        # apposition after the name
        (
            "Ông Lê Văn Bình, Giám đốc Sở Y tế tỉnh Thái Bình, cho biết tỉnh sẽ bổ sung bác sĩ.",
            "Lê Văn Bình",
            ["Giám đốc Sở Y tế tỉnh Thái Bình"],
        ),
        # parenthesis after the name
        (
            "Bà Đỗ Thị Dung (Phó Chủ tịch HĐND huyện Gia Lâm) đề nghị làm rõ trách nhiệm.",
            "Đỗ Thị Dung",
            ["Phó Chủ tịch HĐND huyện Gia Lâm"],
        ),
        # dash apposition, lower-case title
        (
            "Theo ông Trần Minh Quân - giám đốc Cảng vụ hàng không miền Bắc, lượng khách tăng mạnh.",
            "Trần Minh Quân",
            ["giám đốc Cảng vụ hàng không miền Bắc"],
        ),
        # a former role keeps "nguyên"
        (
            "Nguyên Bộ trưởng Bộ Tài chính Hồ Đức Lâm nhận định thị trường còn nhiều rủi ro.",
            "Hồ Đức Lâm",
            ["Nguyên Bộ trưởng Bộ Tài chính"],
        ),
        # National Assembly deputy: the province in parentheses completes the role
        (
            "Đại biểu Lò Thị Ngân (Sơn La) cho rằng cần ưu tiên vốn cho vùng cao.",
            "Lò Thị Ngân",
            ["Đại biểu Sơn La"],
        ),
    ],
)
def test_people_roles_forms(text: str, name: str, roles: list[str]) -> None:
    people = people_of(text)
    assert name in people, list(people)
    assert people[name].roles == roles


def test_people_foreign_names_and_country_in_title() -> None:
    people = people_of(
        "Tổng thống Nga Vladimir Putin đã điện đàm với Thủ tướng Anh Theresa May. "
        "Ông Putin cho biết hai bên sẽ hợp tác."
    )
    assert {"Vladimir Putin", "Theresa May"} <= set(people)
    assert people["Vladimir Putin"].roles == ["Tổng thống Nga"]
    assert people["Theresa May"].roles == ["Thủ tướng Anh"]
    assert "ông putin" in [a.lower() for a in people["Vladimir Putin"].aliases]
    assert "Putin" not in people


def test_people_aliases_resolve_to_one_person() -> None:
    text = (
        "Bộ trưởng Bộ Y tế Trần Thị Mai chủ trì cuộc họp. Bà Mai yêu cầu các bệnh viện giảm quá tải. "
        "Theo Bộ trưởng Bộ Y tế, ngành sẽ tăng cường kiểm tra."
    )
    people = people_of(text)
    assert list(people) == ["Trần Thị Mai"]
    aliases = [a.lower() for a in people["Trần Thị Mai"].aliases]
    assert "bà mai" in aliases and "bộ trưởng bộ y tế" in aliases
    assert people["Trần Thị Mai"].organizations == ["Bộ Y tế"]


def test_people_same_given_name_kept_apart() -> None:
    text = (
        "Chủ tịch UBND huyện Nguyễn Văn Dũng và Giám đốc Công an huyện Lê Quang Dũng cùng dự họp. "
        "Ông Lê Quang Dũng báo cáo tình hình an ninh. Ông Dũng cho biết sẽ tăng cường tuần tra."
    )
    people = people_of(text)
    assert {"Nguyễn Văn Dũng", "Lê Quang Dũng"} <= set(people)
    assert "ông dũng" in [a.lower() for a in people["Lê Quang Dũng"].aliases]
    assert "ông dũng" not in [a.lower() for a in people["Nguyễn Văn Dũng"].aliases]
    assert people["Nguyễn Văn Dũng"].roles == ["Chủ tịch UBND huyện"]


def test_people_places_streets_and_bodies_are_not_people() -> None:
    text = (
        "Các tuyến đường Lê Duẩn, Trần Hưng Đạo thường xuyên ùn tắc tại TP Hà Nội. "
        "Lầu Năm Góc chưa có quyết định, Reuters đưa tin. Viện Lowy công bố báo cáo."
    )
    assert people_of(text) == {}


def test_people_bylines_and_photo_credits() -> None:
    text = (
        "UBND tỉnh họp bàn giải pháp\n\nÔng Phan Văn Tú cho biết tỉnh sẽ hỗ trợ.\nToàn cảnh cuộc họp - Ảnh: MINH KHÔI"
    )
    assert {"Phan Văn Tú", "MINH KHÔI"} <= set(people_of(text))


@pytest.mark.parametrize(("syllable", "expected"), [("Nguyễn", True), ("Dũng", True), ("khuya", True),
                                                    ("Trump", False), ("Putin", False), ("Flynn", False)])  # fmt: skip
def test_people_vietnamese_syllable_shape(syllable: str, expected: bool) -> None:
    assert is_vietnamese_syllable(syllable) is expected


def test_people_honorific_ends_the_title_chain() -> None:
    text = (
        "Bộ trưởng Ngoại giao Hoàng Minh Khải đã hội đàm với Ngoại trưởng Na Uy Henrik Aasland "
        "nhân dịp ông Aasland thăm chính thức Việt Nam."
    )
    people = people_of(text)
    assert people["Henrik Aasland"].roles == ["Ngoại trưởng Na Uy"]
    assert "ông aasland" in [a.lower() for a in people["Henrik Aasland"].aliases]


def test_people_city_named_like_a_person_is_a_place() -> None:
    assert "Cao Lãnh" not in people_of("Hội nghị tổ chức tại thành phố Cao Lãnh. Cao Lãnh có nhiều đổi mới.")


def test_a_place_after_a_title_chain_is_no_person() -> None:
    text = (
        "Ông Trần Văn Bình - Viện trưởng VKSND thị xã Phổ Yên cho biết, hồ sơ đã được trả lại. "
        "Chủ tịch UBND huyện Nguyễn Văn Dũng dự họp."
    )
    people = people_of(text)
    assert "Phổ Yên" not in people
    assert {"Trần Văn Bình", "Nguyễn Văn Dũng"} <= set(people)


def test_an_abbreviated_place_after_a_title_chain_is_no_person() -> None:
    # "Q." (quận) and "P." (phường) are place words too, written with a dot before the name
    people = people_of(
        "Trưởng Công an Q. Tân Bình cho biết sẽ xử lý. Phó Chủ tịch UBND P. Bến Nghé Lê Văn Hùng dự họp."
    )
    assert "Tân Bình" not in people
    assert "Bến Nghé" not in people
    assert "Lê Văn Hùng" in people


def test_a_place_the_article_names_elsewhere_is_no_person_after_a_title() -> None:
    # "Phúc Thọ" is a district ("huyện Phúc Thọ") though its syllables could be given names
    people = people_of(
        "Trưởng công an Phúc Thọ giãi bày về nạn cát tặc. Cát tặc hoạt động trên địa bàn huyện Phúc Thọ. "
        "Chủ tịch UBND huyện Hoàng Mạnh Phú dự họp."
    )
    assert "Phúc Thọ" not in people
    assert "Hoàng Mạnh Phú" in people


def test_after_an_honorific_an_organisation_word_is_a_family_name() -> None:
    # "Đoàn" opens organisation names ("Đoàn công tác") and is a family name too
    people = people_of(
        "Ngày 8/1, ông Đoàn Văn Tâm – Phó chủ tịch UBND quận 3 – gửi đơn xin từ chức. Ông Tâm cho biết sẽ nghỉ."
    )
    assert "Đoàn Văn Tâm" in people
    assert "ông tâm" in [a.lower() for a in people["Đoàn Văn Tâm"].aliases]


def test_a_titled_name_that_is_also_a_hospital_is_a_person() -> None:
    # only an administrative unit ("huyện", "tỉnh" …) makes a name a place elsewhere, and a title in
    # apposition keeps it a person
    people = people_of("Bác sĩ Thanh Nhàn, Trưởng khoa Nhi, cho biết bệnh viện Thanh Nhàn đã tiếp nhận 20 ca bệnh.")
    assert "Thanh Nhàn" in people
