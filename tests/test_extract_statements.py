"""Statements and attribution over the forms of Vietnamese news: quotes, reported speech, "theo X",
continuations, headlines, speeches, and unbalanced quotation marks."""

from __future__ import annotations

import pipeline


def statements_of(text: str) -> list[dict]:
    return pipeline.analyze(text).to_dict()["statements"]


def test_statements_quote_then_attribution() -> None:
    text = (
        "Hà Nội họp bàn chống ngập\n\n"
        "“Thành phố sẽ cải tạo toàn bộ hệ thống thoát nước trong năm nay”, Giám đốc Sở Xây dựng Lê Văn Nam nói."
    )
    (st,) = statements_of(text)
    assert (st["speaker"], st["type"], st["cue"]) == ("Lê Văn Nam", "direct", "nói")
    assert st["text"] == "Thành phố sẽ cải tạo toàn bộ hệ thống thoát nước trong năm nay"


def test_statements_colon_introduction_and_pronoun() -> None:
    text = (
        "Tỉnh đẩy mạnh chuyển đổi số\n\n"
        "Phó Chủ tịch UBND tỉnh Nam Định Trần Thị Hoa cho biết tỉnh đã số hóa 80% hồ sơ.\n"
        "Bà Hoa nhấn mạnh: “Các sở, ngành phải hoàn thành việc kết nối dữ liệu trước tháng 6”."
    )
    sts = statements_of(text)
    assert [(s["speaker"], s["type"], s["cue"]) for s in sts] == [
        ("Trần Thị Hoa", "indirect", "cho biết"),
        ("Trần Thị Hoa", "direct", "nhấn mạnh"),
    ]
    assert sts[0]["text"] == "tỉnh đã số hóa 80% hồ sơ"


def test_statements_theo_source_and_organisation() -> None:
    text = (
        "Giá phân bón tăng cao\n\n"
        "Theo Bộ Nông nghiệp và Phát triển nông thôn, giá phân bón đã tăng 30% so với cùng kỳ năm trước."
    )
    (st,) = statements_of(text)
    assert st["speaker"] == "Bộ Nông nghiệp và Phát triển nông thôn" and st["speaker_is_person"] is False
    assert st["cue"] == "theo" and st["text"].startswith("giá phân bón đã tăng 30%")


def test_statements_continuation_paragraph_keeps_speaker() -> None:
    text = (
        "Bộ Y tế yêu cầu giảm quá tải\n\n"
        "Thứ trưởng Bộ Y tế Phạm Quốc Bảo cho biết số bệnh nhân tăng 20%.\n"
        "Vì vậy, các bệnh viện tuyến tỉnh cần mở rộng khoa cấp cứu và tăng cường bác sĩ."
    )
    sts = statements_of(text)
    assert [(s["speaker"], s["cue"]) for s in sts] == [("Phạm Quốc Bảo", "cho biết"), ("Phạm Quốc Bảo", "")]


def test_statements_headline_with_colon() -> None:
    text = "Thủ tướng: 'Không để người dân thiếu nước sạch'\n\nThủ tướng Lê Minh Khang chủ trì cuộc họp về cấp nước."
    sts = statements_of(text)
    assert sts[0]["speaker"] == "Lê Minh Khang" and sts[0]["text"] == "Không để người dân thiếu nước sạch"


def test_statements_unbalanced_quote_does_not_swallow_the_document() -> None:
    text = (
        "Tranh luận về học phí\n\n"
        "Ông Đỗ Văn Tài nói: “Học phí phải phù hợp với thu nhập của người dân.\n"
        "Sở Giáo dục cho biết sẽ công bố mức học phí mới vào tháng 8."
    )
    summary = pipeline.analyze(text).to_dict()
    assert any(s["speaker"] == "Sở Giáo dục" and s["cue"] == "cho biết" for s in summary["statements"])
    assert all("tháng 8" not in s["text"] or s["speaker"] == "Sở Giáo dục" for s in summary["statements"])


def test_statements_unclosed_straight_quote_does_not_pair_with_a_later_opening() -> None:
    # the first quote never closes; the next straight mark opens a title ("giới thiệu "Mô hình …"), so
    # pairing the two would hide the reporting clauses between them
    text = (
        "Hội thảo giáo dục đại học\n\n"
        'TS Phạm Hoàng Uyên băn khoăn: " Chương trình đào tạo đại học hiện nay thừa kế chương trình phổ thông.\n'
        "Sinh viên đã quen với cách học cũ, nay phải tự học nhiều hơn?\n"
        'TS Nguyễn Thanh Phượng đã giới thiệu "Mô hình đại học mới của Mỹ" với đặc trưng là doanh nghiệp tri thức.\n'
        '" Mô hình này Việt Nam hoàn toàn có thể áp dụng được " - bà Phượng nhấn mạnh.\n'
        "TS Nguyễn Quốc Chính cho rằng các trường cần xây dựng hệ sinh thái học tập suốt đời."
    )
    sts = {(s["speaker"], s["text"]) for s in statements_of(text)}
    assert ("Nguyễn Thanh Phượng", "Mô hình này Việt Nam hoàn toàn có thể áp dụng được") in sts
    assert ("Nguyễn Quốc Chính", "các trường cần xây dựng hệ sinh thái học tập suốt đời") in sts


def test_statements_speaker_before_an_apposition() -> None:
    # "Bà X, một cư dân, cho biết": the named person speaks, not the description set off by commas
    text = (
        "Nước bẩn ở khu tập thể\n\n"
        "Bà Nguyễn Thị Hoa, một cư dân, cho biết nước máy có màu vàng đục suốt nhiều tháng. "
        "Tại buổi làm việc, ông Lê Văn Nam, Giám đốc Sở Xây dựng, cho biết sở sẽ kiểm tra đường ống."
    )
    assert [s["speaker"] for s in statements_of(text)] == ["Nguyễn Thị Hoa", "Lê Văn Nam"]
    title_first = (
        "Kiểm tra công trình\n\n"
        "Trao đổi với phóng viên, Giám đốc Sở Xây dựng, ông Nguyễn Văn Dũng, cho biết sở sẽ kiểm tra các công trình."
    )
    assert [s["speaker"] for s in statements_of(title_first)] == ["Nguyễn Văn Dũng"]


def test_statements_speech_paragraphs_are_the_speakers() -> None:
    body = (
        "Thưa các đồng chí,\n"
        "Năm qua, tỉnh ta đã vượt qua nhiều khó khăn, tăng trưởng kinh tế đạt 7,2%, thu ngân sách vượt dự toán, "
        "đời sống của nhân dân tiếp tục được cải thiện rõ rệt ở cả thành thị và nông thôn.\n"
        "Tôi đề nghị các sở, ngành và địa phương tập trung tháo gỡ khó khăn cho doanh nghiệp, đẩy nhanh giải ngân "
        "vốn đầu tư công và chăm lo tốt hơn nữa cho người lao động trong dịp Tết sắp tới.\n"
    )
    doc = pipeline.analyze(body, title="Phát biểu của Chủ tịch UBND tỉnh Hoàng Văn Sơn tại hội nghị tổng kết")
    summary = doc.to_dict()
    assert summary["kind"] == "speech"
    assert len(summary["statements"]) == 2
    assert {s["speaker"] for s in summary["statements"]} == {"Hoàng Văn Sơn"}
    assert all(s["type"] == "direct" for s in summary["statements"])


def test_statements_abbreviation_does_not_end_the_sentence() -> None:
    text = (
        "Quốc hội thảo luận về nông nghiệp\n\n"
        "Đầu tiên là đại biểu Lê Minh Khoa (TP. HCM) cảnh báo tình trạng thiếu nước tưới đang lan rộng."
    )
    (st,) = statements_of(text)
    assert (st["speaker"], st["cue"]) == ("Lê Minh Khoa", "cảnh báo")


def test_statements_participle_opener_names_its_own_speaker() -> None:
    text = (
        "Quốc hội thảo luận về nông nghiệp\n\n"
        "Đại biểu Trần Văn Lộc cho rằng cần có chiến lược tổng thể cho nông nghiệp.\n"
        "Chia sẻ quan điểm này, đại biểu Hà Thị Mai lưu ý nông nghiệp đang đối diện nhiều thách thức."
    )
    sts = statements_of(text)
    assert [(s["speaker"], s["cue"]) for s in sts] == [("Trần Văn Lộc", "cho rằng"), ("Hà Thị Mai", "lưu ý")]


def test_statements_collective_subject_is_not_the_minister_it_contains() -> None:
    text = (
        "Hội nghị bộ trưởng ngoại giao\n\n"
        "Phó Thủ tướng, Bộ trưởng Ngoại giao Lê Văn Sơn dẫn đầu đoàn Việt Nam dự hội nghị.\n"
        "Về vấn đề an ninh khu vực, các bộ trưởng ngoại giao ASEAN bày tỏ quan ngại về các hoạt động quân sự gần đây.\n"
        "Các bộ trưởng nhất trí sớm hoàn tất bộ quy tắc ứng xử trong năm nay.\n"
        "Hai bên trao đổi về tình hình khu vực và tái khẳng định: “Mọi tranh chấp phải được giải quyết hòa bình”."
    )
    sts = statements_of(text)
    assert [(s["speaker"], s["speaker_is_person"]) for s in sts] == [
        ("các bộ trưởng ngoại giao ASEAN", False),
        ("các bộ trưởng ngoại giao ASEAN", False),
        ("Hai bên", False),
    ]


def test_statements_cited_source_and_foreign_family_name_pronoun() -> None:
    text = (
        "Lầu Năm Góc chưa quyết định\n\n"
        "Quyền Bộ trưởng Quốc phòng Mỹ Patrick Shanahan đến thăm châu Âu.\n"
        "Tại cuộc họp báo, Shanahan cho hay bộ chưa đưa ra quyết định nào về ngân sách.\n"
        "Theo ông, Bộ Quốc phòng không muốn lấy tiền từ những dự án xây nhà ở cho quân nhân.\n"
        "Báo Washington Post dẫn một số nguồn tin cho biết kế hoạch sẽ được công bố vào tuần sau."
    )
    sts = statements_of(text)
    assert [s["speaker"] for s in sts] == ["Patrick Shanahan", "Patrick Shanahan", "một số nguồn tin"]


def test_statements_coordinated_reporting_verbs_split_but_embedded_predicates_do_not() -> None:
    text = (
        "Thủ tướng làm việc với tỉnh\n\n"
        "Thủ tướng Lê Văn Bình nói nhiều hộ dân vùng cao vẫn còn rất khó khăn và lưu ý các ngành phải tập trung "
        "nguồn lực cho nông thôn.\n"
        "Bộ trưởng Trần Quốc Huy cho biết bộ sẽ tổng hợp ý kiến và đề xuất Chính phủ cơ chế đầu tư mới."
    )
    sts = statements_of(text)
    assert [(s["speaker"], s["cue"], s["text"]) for s in sts] == [
        ("Lê Văn Bình", "nói", "nhiều hộ dân vùng cao vẫn còn rất khó khăn"),
        ("Lê Văn Bình", "lưu ý", "các ngành phải tập trung nguồn lực cho nông thôn"),
        ("Trần Quốc Huy", "cho biết", "bộ sẽ tổng hợp ý kiến và đề xuất Chính phủ cơ chế đầu tư mới"),
    ]


def test_a_document_of_a_body_speaks_for_the_body() -> None:
    text = (
        "Theo thông báo của Sở Y tế tỉnh Nam Định, bệnh viện sẽ mở thêm hai khoa cấp cứu. "
        "Trước đó, công ty Minh Phát có văn bản số 12 gửi UBND tỉnh đề nghị được gia hạn dự án. "
        "Các chuyên gia của ngân hàng Barclays ngày 28-7 nhận định lãi suất sẽ giảm trong quý tới."
    )
    speakers = {s["speaker"] for s in statements_of(text)}
    assert {"Sở Y tế tỉnh Nam Định", "công ty Minh Phát", "Các chuyên gia của ngân hàng Barclays"} <= speakers


def test_a_bare_organisation_head_is_the_body_of_that_kind_named_before() -> None:
    text = (
        "Bộ Tài nguyên và Môi trường vừa gửi văn bản tới tỉnh Đắk Lắk về dự án thủy điện.\n\n"
        "Bộ nêu rõ, dự án sẽ làm mất 63 ha rừng. Theo quận Ba Đình, quận đã yêu cầu chủ đầu tư dừng thi công."
    )
    speakers = [s["speaker"] for s in statements_of(text)]
    assert {"Bộ Tài nguyên và Môi trường", "quận Ba Đình"} <= set(speakers)
    assert "Bộ" not in speakers


def test_a_bare_head_names_no_person_nor_a_verb_after_the_body() -> None:
    # "cán bộ Nguyễn Văn An" is a person, not a ministry; "Công ty Vinamilk vừa …" ends before "vừa"
    speakers = [
        s["speaker"]
        for s in statements_of(
            "Theo lời cán bộ Nguyễn Văn An, xã đã nhận văn bản.\n\nBộ nêu rõ, dự án phải dừng thi công. "
            "Công ty Vinamilk vừa công bố kết quả kinh doanh. Công ty cho biết, doanh thu tăng 10% so với năm trước."
        )
    ]
    assert not any("Nguyễn Văn An" in s and s.lower().startswith("bộ") for s in speakers)
    assert "Công ty Vinamilk" in speakers


def test_an_acronym_the_article_defines_speaks_as_written() -> None:
    """ "X (ACR)" defines ACR: "ACV cho biết …" later is the body's statement, named as written."""
    text = (
        "Sân bay rà soát giá gửi xe\n\n"
        "Tổng công ty Cảng hàng không Việt Nam (ACV) vừa có văn bản gửi các cảng hàng không.\n"
        "ACV cho biết sẽ điều chỉnh mức giá gửi xe ôtô tại các sân bay trong tháng tới."
    )
    sts = statements_of(text)
    assert [(s["speaker"], s["speaker_is_person"], s["cue"]) for s in sts] == [("ACV", False, "cho biết")]
    assert sts[0]["text"] == "sẽ điều chỉnh mức giá gửi xe ôtô tại các sân bay trong tháng tới"


def test_an_agent_noun_is_the_subject_not_the_reporting_verb() -> None:
    """ "Giới phân tích" (analysts), "các chuyên gia phân tích": the verb after "giới", "nhà", "chuyên gia"
    names who speaks; "cho rằng" reports. "Thế giới đề nghị" stays a report of the World Bank."""
    text = (
        "Kinh tế thế giới\n\n"
        "Giới phân tích cho rằng giá dầu sẽ còn tăng trong quý tới.\n"
        "Các chuyên gia phân tích đều cho rằng lãi suất khó giảm thêm.\n"
        "Ngân hàng Thế giới đề nghị các nước giảm trợ cấp nhiên liệu."
    )
    assert [(s["speaker"], s["cue"]) for s in statements_of(text)] == [
        ("Giới phân tích", "cho rằng"),
        ("Các chuyên gia phân tích", "cho rằng"),
        ("Ngân hàng Thế giới", "đề nghị"),
    ]


def test_experts_who_report_and_a_name_that_is_also_a_country() -> None:
    """Only verbs that form agent nouns ("phân tích") are taken in by "chuyên gia"; a name an honorific
    gives a person ("chị Nga") is never the country of that name."""
    text = (
        "Thị trường vàng và chợ rau\n\n"
        "Các chuyên gia cho rằng giá vàng sẽ tiếp tục tăng trong tháng tới.\n"
        "Chị Nga bán rau ở chợ Bến Thành đã hơn 10 năm. Nga cho biết giá rau tăng mạnh trong tuần qua."
    )
    sts = statements_of(text)
    assert ("Các chuyên gia", "cho rằng") in [(s["speaker"], s["cue"]) for s in sts]
    assert not any(s["speaker"] == "Nga" and not s["speaker_is_person"] for s in sts)
