"""Solutions, problems and figures: single items, their proposers, past facts left out."""

from __future__ import annotations

import pytest

import pipeline
from pipeline.extract import extract_people, extract_solutions_problems, extract_statements
from pipeline.extract.figures import extract_figures
from pipeline.nlp import annotate
from tests.conftest import SEED, shared_path


def analysed(text: str) -> dict:
    return pipeline.analyze(text).to_dict()


def rule_items(text: str) -> tuple[list, list]:
    """The rules' solutions and problems alone, without the learnt taggers: where an
    item starts and ends and who proposed it are the rules' work (tests/test_item_tagger.py covers the rest)."""
    doc = annotate(text)
    people = extract_people(doc)
    statements = extract_statements(doc, people)
    return extract_solutions_problems(doc, statements, people, learnt=False)


def test_solutions_enumeration_split_with_proposer() -> None:
    text = (
        "Sở Giao thông họp bàn chống ùn tắc\n\n"
        "Giám đốc Sở Giao thông vận tải tỉnh Bình Định Võ Thành Công yêu cầu các đơn vị "
        "tăng cường phân luồng tại các nút giao; lắp thêm camera giám sát ở cửa ngõ thành phố; "
        "xử lý nghiêm các trường hợp đỗ xe sai quy định."
    )
    summary = analysed(text)
    sols = summary["solutions"]
    assert len(sols) == 3
    assert sols[1]["text"] == "lắp thêm camera giám sát ở cửa ngõ thành phố"
    assert {s["proposer"] for s in sols} == {"Võ Thành Công"}


def test_solutions_comma_opening_another_proposal_splits_it() -> None:
    text = (
        "Sân bay chuẩn bị cho cao điểm Tết\n\n"
        "Thứ trưởng Bộ Giao thông vận tải Lê Văn Toàn cho biết thủ tục soi chiếu cần phải đẩy nhanh hơn, "
        "cần hướng dẫn hành khách làm thủ tục trực tuyến, tăng cường xe buýt phục vụ chuyến bay đêm."
    )
    sols = analysed(text)["solutions"]
    assert [s["text"] for s in sols] == [
        "thủ tục soi chiếu cần phải đẩy nhanh hơn",
        "cần hướng dẫn hành khách làm thủ tục trực tuyến",
        "tăng cường xe buýt phục vụ chuyến bay đêm",
    ]
    assert {s["proposer"] for s in sols} == {"Lê Văn Toàn"}


def test_solutions_past_fact_is_not_a_solution() -> None:
    text = (
        "Huyện tổng kết năm\n\n"
        "Năm qua, huyện đã tổ chức 12 hội nghị tập huấn và đã xây dựng 5 trường học mới cho học sinh vùng cao."
    )
    assert analysed(text)["solutions"] == []


def test_problems_list_after_shortcomings_cue() -> None:
    text = (
        "Ngành y tế tỉnh họp sơ kết\n\n"
        "Tuy nhiên, ngành vẫn còn một số tồn tại, hạn chế, như: nhiều trạm y tế xã còn thiếu bác sĩ; "
        "trang thiết bị tại bệnh viện huyện xuống cấp; việc chuyển đổi số còn chậm tiến độ."
    )
    probs = [p["text"] for p in analysed(text)["problems"]]
    assert "nhiều trạm y tế xã còn thiếu bác sĩ" in probs
    assert "trang thiết bị tại bệnh viện huyện xuống cấp" in probs
    assert "việc chuyển đổi số còn chậm tiến độ" in probs


def test_solutions_and_problems_of_the_seed() -> None:
    summary = pipeline.analyze(shared_path(SEED).read_text(encoding="utf-8")).to_dict()
    by_proposer: dict[str, list[str]] = {}
    for s in summary["solutions"]:
        by_proposer.setdefault(s["proposer"] or "", []).append(s["text"])
    assert any(t.startswith("Đề nghị các đơn vị tập trung nâng cao nhận thức") for t in by_proposer["Phùng Văn Dũng"])
    tax = by_proposer["đại diện Đảng ủy Cục Thuế TP Hà Nội"]
    assert any(t.startswith("Đảng bộ sẽ tiếp tục đẩy mạnh") for t in tax)
    assert any("giảm thời gian nộp thuế" in t for t in tax)
    assert any("đối thoại" in t for t in by_proposer["Thường trực Đảng ủy Khối Doanh nghiệp Hà Nội"])
    problems = [(p["raised_by"], p["text"]) for p in summary["problems"]]
    # the list after "vẫn còn một số tồn tại, hạn chế, như:" is split into its items
    trường = [t for who, t in problems if who == "Nguyễn Tiến Trường"]
    assert sum(1 for t in trường if "chưa" in t or "còn" in t) >= 5
    assert any(who == "Phùng Văn Dũng" and "chưa thực sự nhiệt tình" in t for who, t in problems)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Tỉnh bố trí 3.200 tỷ đồng cho dự án", 3200, "tỷ đồng"),
        ("tăng trưởng đạt 12,5% so với năm trước", 12.5, "%"),
        ("có 35 ý kiến được trao đổi tại hội nghị", 35, "ý kiến"),
    ],
)
def test_figures_value_and_unit(text: str, value: float, unit: str) -> None:
    (fig,) = extract_figures(text)
    assert (fig.value, fig.unit) == (value, unit)


def test_solutions_in_a_statement_a_weak_cue_must_open_the_predicate() -> None:
    text = (
        "Hội nghị tổng kết công tác dân vận\n\n"
        "Bí thư Đảng ủy Khối Trần Văn Hải cho biết các đơn vị tiếp tục đẩy mạnh cải cách thủ tục hành chính.\n"
        "Ông Hải nói hoạt động của cụm thi đua những năm gần đây có nhiều đổi mới "
        "trong việc thực hiện công tác dân vận."
    )
    sols = analysed(text)["solutions"]
    assert [s["text"] for s in sols] == ["các đơn vị tiếp tục đẩy mạnh cải cách thủ tục hành chính"]
    assert sols[0]["proposer"] == "Trần Văn Hải"


def test_problems_a_remedy_not_carried_out_is_a_shortcoming() -> None:
    text = (
        "Chống khai thác hải sản trái phép\n\n"
        "Phó Thủ tướng Lê Minh Quang cho rằng công tác giám sát tàu cá trên biển chưa tốt; "
        "xử lý các hành vi khai thác trái phép chưa nghiêm."
    )
    problems = analysed(text)["problems"]
    assert [p["text"] for p in problems] == [
        "công tác giám sát tàu cá trên biển chưa tốt",
        "xử lý các hành vi khai thác trái phép chưa nghiêm",
    ]
    assert {p["raised_by"] for p in problems} == {"Lê Minh Quang"}


def test_solutions_what_a_proposal_verb_reports_is_a_proposal() -> None:
    text = (
        "Hội đàm cấp cao hai nước\n\n"
        "Hai bên nhất trí đẩy nhanh việc ký kết hiệp định thương mại tự do song phương.\n"
        "Hai bên cho biết kim ngạch thương mại hai chiều đạt mức cao nhất từ trước đến nay."
    )
    sols = analysed(text)["solutions"]
    assert [(s["text"], s["proposer"]) for s in sols] == [
        ("đẩy nhanh việc ký kết hiệp định thương mại tự do song phương", "Hai bên")
    ]


def test_solutions_start_at_the_proposal_not_its_framing() -> None:
    # the proposer and the verb that frames the proposal, a mid-paragraph connector and a time
    # adverbial are not part of the item; an item opening with the verb is an imperative, kept whole
    text = (
        "Hà Nội chuẩn bị mùa hè an toàn cho học sinh\n\n"
        "Tại buổi làm việc, Chủ tịch UBND quận Hoàng Mai yêu cầu các trường rà soát toàn bộ bể bơi trước ngày 1-6. "
        "Nhưng các phường cũng phải bố trí người trực tại các hồ ao. "
        "Năm học 2024 - 2025, ngành giáo dục sẽ đưa môn bơi vào giờ học chính khóa.\n"
        "Đề nghị các gia đình quan tâm hơn đến con em trong dịp nghỉ hè."
    )
    texts = [s["text"] for s in analysed(text)["solutions"]]
    assert texts == [
        "các trường rà soát toàn bộ bể bơi trước ngày 1-6",
        "các phường cũng phải bố trí người trực tại các hồ ao",
        "ngành giáo dục sẽ đưa môn bơi vào giờ học chính khóa",
        "Đề nghị các gia đình quan tâm hơn đến con em trong dịp nghỉ hè",
    ]


def test_solutions_end_before_the_quote_attribution() -> None:
    text = (
        "Rác sau đêm pháo hoa\n\n"
        "Bạn đọc gửi ý kiến về tình trạng xả rác ở trung tâm thành phố.\n"
        '"Thành phố cần đặt thêm thùng rác quanh các điểm bắn pháo hoa", bạn đọc Trần Minh Quân viết.'
    )
    texts = [s["text"] for s in analysed(text)["solutions"]]
    assert texts == ["Thành phố cần đặt thêm thùng rác quanh các điểm bắn pháo hoa"]


def test_problems_the_shortcoming_a_proposal_answers() -> None:
    # one sentence proposes and names the problem it answers: both are found; a difficulty overcome is not one
    text = (
        "Phụ huynh xin thêm phòng học\n\n"
        "Tại buổi tiếp xúc cử tri, phụ huynh Trường tiểu học Yên Hòa đề nghị quận sớm xây thêm 12 phòng học, "
        "vì các lớp đang quá tải, nhiều em phải học ca ba.\n"
        "Nhiều học sinh của trường đã vượt qua khó khăn để đạt thành tích cao."
    )
    summary = analysed(text)
    assert any(s["text"].startswith("quận sớm xây thêm 12 phòng học") for s in summary["solutions"])
    assert any(p["text"].startswith("các lớp đang quá tải") for p in summary["problems"])  # without its "vì"
    # the rules see the difficulty overcome (the problem tagger, trained on annotations, may not)
    _, problems = rule_items(text)
    assert any(p.text.startswith("các lớp đang quá tải") for p in problems)
    assert not any("vượt qua khó khăn" in p.text for p in problems)


def test_a_headline_may_state_the_proposal_but_not_the_problem() -> None:
    text = (
        "Cần mở thêm tuyến xe buýt nhanh cho khu đô thị phía tây\n\n"
        "Tình trạng ùn tắc ở cửa ngõ phía tây thành phố ngày càng nghiêm trọng vào giờ cao điểm.\n"
        "Sở Giao thông vận tải cho biết đang lập phương án tuyến mới và sẽ lấy ý kiến người dân trong tháng tới."
    )
    summary = analysed(text)
    assert summary["solutions"][0]["text"] == "Cần mở thêm tuyến xe buýt nhanh cho khu đô thị phía tây"
    assert all(p["start"] > len("Cần mở thêm tuyến xe buýt nhanh cho khu đô thị phía tây") for p in summary["problems"])
    assert any(p["text"].startswith("Tình trạng ùn tắc") for p in summary["problems"])


def test_solutions_a_plan_for_a_case_a_named_measure_and_each_is_not_past() -> None:
    text = (
        "Thủy điện điều tiết nước mùa khô\n\n"
        "Giám đốc Sở Công thương Lê Văn Hải cho biết nếu hạn hán kéo dài, sở sẽ yêu cầu các nhà máy tăng lưu lượng xả. "
        "Theo ông, biện pháp lâu dài là xây hồ chứa nhỏ ở từng xã vùng cao. "
        "Ông Hải nói cần lập bản đồ nguồn nước của từng huyện để mọi người có thể tra cứu."
    )
    texts = [s["text"] for s in analysed(text)["solutions"]]
    assert any(t.endswith("sở sẽ yêu cầu các nhà máy tăng lưu lượng xả") for t in texts)
    assert any("xây hồ chứa nhỏ ở từng xã vùng cao" in t for t in texts)
    assert any(t.startswith("cần lập bản đồ nguồn nước của từng huyện") for t in texts)


def test_problems_named_without_the_classic_cue_words() -> None:
    text = (
        "Công nhân khu công nghiệp chờ lương\n\n"
        "Tại buổi đối thoại, đại diện công đoàn cho biết tình trạng nợ lương công nhân kéo dài nhiều tháng. "
        "Nhiều hồ sơ bảo hiểm được giải quyết rất chậm."
    )
    problems = [p["text"] for p in analysed(text)["problems"]]
    assert any(p.startswith("tình trạng nợ lương công nhân") for p in problems)
    assert "Nhiều hồ sơ bảo hiểm được giải quyết rất chậm" in problems


def test_solutions_keep_their_content_and_source_in_frames() -> None:
    # a tail ending in "cảnh báo" is part of the measure, not an attribution; a time adverbial holding a
    # cue is the clause itself; "Theo yêu cầu của X," frames the demand and names who made it
    text = (
        "Đèo Hải Vân trước mùa mưa\n\n"
        "Ông Lê Văn Hải, Giám đốc Sở Giao thông vận tải, cho biết đơn vị quản lý đường cần sơn lại vạch kẻ đường, "
        "lắp biển cảnh báo. Ông Hải nói thời gian tới cần rà soát các điểm sạt lở cũ.\n"
        "Theo yêu cầu của UBND tỉnh, các đơn vị thi công phải hoàn thành tuyến tránh trước Tết."
    )
    sols = {s.text: s.proposer for s in rule_items(text)[0]}
    assert any(t.endswith("sơn lại vạch kẻ đường, lắp biển cảnh báo") for t in sols)
    assert any(t.startswith("thời gian tới cần rà soát") for t in sols)
    assert sols.get("các đơn vị thi công phải hoàn thành tuyến tránh trước Tết") == "UBND tỉnh"


def test_cue_words_inside_other_words_do_not_count() -> None:
    # "chậm nhất" is a deadline, "cứu nạn" a rescue, "né tránh" an evasion: none is a delay, a disaster or a remedy
    text = (
        "Tỉnh chuẩn bị ứng phó bão\n\n"
        "Chủ tịch UBND tỉnh yêu cầu các huyện chậm nhất ngày 10-9 phải báo cáo phương án sơ tán dân. "
        "Lực lượng cứu hộ cứu nạn đã có mặt tại các xã ven biển từ sáng nay.\n"
        "Một số cán bộ xã còn né tránh trách nhiệm khi người dân phản ánh."
    )
    summary = analysed(text)
    assert not any("cứu hộ cứu nạn" in p["text"] for p in summary["problems"])
    assert not any("chậm nhất" in p["text"] for p in summary["problems"])
    assert any("né tránh trách nhiệm" in p["text"] for p in summary["problems"])
    assert not any("né tránh" in s["text"] for s in summary["solutions"])
    # "phải" of the right-hand side and of a question is no obligation
    caption = (
        "Hai nước thúc đẩy hợp tác\n\n"
        "Thứ trưởng Ngoại giao Nguyễn Văn An (thứ hai từ phải sang) tiếp đoàn công tác của tỉnh bạn. "
        "Đó có phải là thế mạnh lớn nhất của nền nông nghiệp nhiệt đới hay không."
    )
    assert rule_items(caption)[0] == []


def test_should_and_do_not_propose_but_so_does_not() -> None:
    # "nên" after a short subject is "should"; after a whole clause it is "so"; "đừng" is "do not";
    # "và" followed by a strong cue joins two proposals
    text = (
        "Chuyên gia bàn về thượng đỉnh\n\n"
        "Giáo sư Trần Văn Bình cho rằng Mỹ nên cụ thể hóa yêu cầu của mình trong vòng đàm phán tới "
        "và không nên đòi hỏi quá nhiều trong một lần. "
        "Theo ông, hai bên đừng đặt kỳ vọng quá cao vào một cuộc gặp.\n"
        "Chủ đầu tư chưa trả tiền cho nhà thầu nên nhiều hạng mục của dự án đang bỏ hoang."
    )
    solutions, problems = rule_items(text)
    texts = [s.text for s in solutions]
    assert "Mỹ nên cụ thể hóa yêu cầu của mình trong vòng đàm phán tới" in texts  # two demands joined by "và"
    assert "không nên đòi hỏi quá nhiều trong một lần" in texts
    assert any(t.startswith("hai bên đừng đặt kỳ vọng") for t in texts)
    assert not any("bỏ hoang" in t for t in texts)
    assert any("bỏ hoang" in p.text for p in problems)


def test_forecasts_hopes_place_names_and_report_intros_are_not_proposals() -> None:
    text = (
        "Cầu mới cho miền Tây\n\n"
        "Chương trình đã khánh thành 7 cây cầu ở Cần Thơ, Đồng Tháp và Long An trong năm nay.\n"
        "Nhiều người hi vọng cuộc gặp tuần tới sẽ đạt kết quả tốt đẹp cho cả hai bên. "
        "Việc khai thác cát quá mức sẽ làm tăng nguy cơ sạt lở bờ sông.\n"
        "Con đập mới sẽ ảnh hưởng đến người dân ở hạ du và kéo dài mùa khô.\n"
        "Việc thu phí sẽ khó nhận được sự đồng thuận, sẽ kéo theo nhiều phản ứng của người dân.\n"
        "Quan hệ hai nước sẽ ngày càng bền chặt, tình hình khu vực sẽ trở nên tích cực hơn.\n"
        "Quá trình đàm phán sẽ diễn ra rất chậm chạp và lâu dài.\n"
        "Trong buổi họp mới đây, đại diện Sở Giao thông vận tải tỉnh cho biết:\n"
        "Sở sẽ xây thêm 12 cây cầu bê tông cho các xã vùng sâu trong năm tới."
    )
    texts = [s.text for s in rule_items(text)[0]]
    assert texts == ["Sở sẽ xây thêm 12 cây cầu bê tông cho các xã vùng sâu trong năm tới"]


def test_so_become_one_plan_and_a_noun_of_hope_do_not_mislead() -> None:
    text = (
        "Công trình chậm tiến độ\n\n"
        "Ông Trần Văn Hùng cho biết giá vật liệu tăng nên nhiều công trình chậm tiến độ. "
        "Cuộc sống của công nhân trở nên khó khăn hơn trước.\n"
        "Hai bên phải tôn trọng các điều khoản đã ký kết trong hợp đồng.\n"
        "Công ty điện lực đã xin lỗi khách hàng và sẽ bồi thường thiệt hại cho các hộ dân.\n"
        "Để đáp ứng kỳ vọng của cử tri, thành phố sẽ xây thêm ba bệnh viện mới."
    )
    solutions, problems = rule_items(text)
    texts = [s.text for s in solutions]
    assert "giá vật liệu tăng nên nhiều công trình chậm tiến độ" in [p.text for p in problems]
    assert not any("trở nên" in t or "chậm tiến độ" in t for t in texts)
    assert "Hai bên phải tôn trọng các điều khoản đã ký kết trong hợp đồng" in texts
    assert any(t.endswith("đã xin lỗi khách hàng và sẽ bồi thường thiệt hại cho các hộ dân") for t in texts)
    assert any(t.endswith("thành phố sẽ xây thêm ba bệnh viện mới") for t in texts)


def test_a_body_announcing_its_own_plan_proposes_it_but_a_demand_made_of_it_does_not() -> None:
    text = (
        "Xử lý công trình sai phép ở phố Nguyễn Thái Học\n\n"
        "Quận Ba Đình sẽ cưỡng chế phần xây dựng sai phép của công trình trước ngày 30/10. "
        "Căn cứ kết luận thanh tra, Công an thị xã Sơn Tây sẽ tiến hành điều tra bổ sung vụ việc. "
        "Các doanh nghiệp cần nộp đủ hồ sơ trước khi khởi công."
    )
    sols = analysed(text)["solutions"]

    def proposer_of(words: str) -> str | None:
        (proposer,) = [s["proposer"] for s in sols if words in s["text"]]
        return proposer

    assert proposer_of("Quận Ba Đình sẽ cưỡng chế phần xây dựng sai phép") == "Quận Ba Đình"
    assert proposer_of("Công an thị xã Sơn Tây sẽ tiến hành điều tra bổ sung") == "Công an thị xã Sơn Tây"
    # "cần" asks something of the subject: the subject is not who asks
    assert proposer_of("Các doanh nghiệp cần nộp đủ hồ sơ") is None


def test_limiting_is_a_measure_and_a_review_agenda_names_no_shortcoming() -> None:
    text = (
        "Hà Nội họp về giao thông\n\n"
        "Thành phố sẽ hạn chế phương tiện cá nhân vào khu vực nội đô từ năm sau. "
        "Hội nghị đánh giá kết quả đạt được, hạn chế và bài học kinh nghiệm của năm qua. "
        "Năng lực của đội ngũ cán bộ cơ sở còn hạn chế."
    )
    sols, probs = rule_items(text)
    assert any(s.text.startswith("Thành phố sẽ hạn chế phương tiện cá nhân") for s in sols)
    assert [p.text for p in probs] == ["Năng lực của đội ngũ cán bộ cơ sở còn hạn chế"]


def test_problems_a_short_fragment_stays_with_its_neighbour() -> None:
    # a part of two syllables ("mất điện") is no item of its own: it stays with the shortcoming before
    # it, and a short first part ("Thiếu vốn") joins the one after it instead of being lost
    text = (
        "Ông Nguyễn Văn An cho biết, xã miền núi này còn nhiều khó khăn, mất điện, trường học xuống cấp "
        "nghiêm trọng. Bà Lê Thị Hoa nói: Thiếu vốn, thị trường đầu ra bấp bênh, nhiều hộ dân thiếu đất sản xuất."
    )
    problems = [p.text for p in rule_items(text)[1]]
    assert "xã miền núi này còn nhiều khó khăn, mất điện" in problems
    assert "trường học xuống cấp nghiêm trọng" in problems
    assert "Thiếu vốn, thị trường đầu ra bấp bênh" in problems


# words that carry a cue but name no proposal or problem, each with a real one that must stay:
# (text, 0 for solutions or 1 for problems, what no item may contain, what one item must contain)
_LOOKALIKE_CUES = {
    "what will be, what is only needed": (
        "Ông Nguyễn Văn An cho biết, diễn đàn sẽ tiếp tục là cầu nối giữa hai khu vực. "
        "Theo ông, các nước phát triển chỉ cần dưới 20 bộ để điều hành đất nước. "
        "Ông An đề nghị các bộ sớm rà soát chức năng, nhiệm vụ.",
        0,
        ("cầu nối", "dưới 20 bộ"),
        "các bộ sớm rà soát chức năng",
    ),
    "a question, a cost, a failed try, a burden": (
        "Ông Nguyễn Văn An cho biết, doanh nghiệp phải mất rất nhiều thời gian để xin giấy phép nhập khẩu. "
        "Theo ông, việc thu phí phải chăng đang bắt người dân gánh khoản lỗ của dự án. "
        "Nhiều người đã cố gắng tìm cách cải tiến chữ viết nhưng không được. "
        "Dự án vấp phải sự phản đối của người dân nên phải dừng thi công. "
        "Ông An đề nghị Bộ Công thương phải rút ngắn thời gian cấp phép.",
        0,
        ("phải mất", "phải chăng", "không được", "vấp phải"),
        "rút ngắn thời gian cấp phép",
    ),
    "a proposal verb used as a noun": (
        "Ông Nguyễn Văn An cho biết, các trạm trung chuyển rác hoạt động không đạt yêu cầu. "
        "Theo ông, gần 70 biệt thự đã được phá dỡ theo yêu cầu của các cơ quan nhà nước. "
        "Ông An yêu cầu công ty môi trường bổ sung trạm trung chuyển trong tháng tới.",
        0,
        ("đạt yêu cầu", "phá dỡ"),
        "bổ sung trạm trung chuyển",
    ),
    # "thiếu" (lacking), "yếu" (weak), "nợ" (debt) and "chưa" (not yet) inside words that name no fault
    "words of youth, rank and plain business": (
        "Ông Nguyễn Văn An cho biết, các em thiếu niên ở xã được học bơi miễn phí mỗi mùa hè. "
        "Theo ông, một thiếu tướng và nhiều học giả đã đến thăm lớp học. "
        "Ông An cho biết học phí chủ yếu do phụ huynh đóng, người vay trả nợ bằng lương hằng tháng. "
        "Theo ông, lớp học chưa xảy ra trường hợp nào phải cấp cứu, chưa kể hàng trăm em đã biết bơi. "
        "Ông An cho biết nhiều trường vẫn thiếu giáo viên dạy bơi.",
        1,
        ("thiếu niên", "thiếu tướng", "chủ yếu", "trả nợ", "chưa"),
        "thiếu giáo viên dạy bơi",
    ),
    # the longer cue wins over the exception inside it: "chưa đầy đủ" (incomplete), "khả năng trả nợ"
    "incomplete and unpaid are shortcomings": (
        "Ông Nguyễn Văn An cho biết, chỉ chưa đầy 10 ngày nữa dự án sẽ khởi công. "
        "Theo ông, hồ sơ thủ tục của dự án vẫn chưa đầy đủ. "
        "Ông An cho biết nhiều doanh nghiệp đã mất khả năng trả nợ ngân hàng.",
        1,
        ("chưa đầy 10",),
        "hồ sơ thủ tục của dự án vẫn chưa đầy đủ",
    ),
}


@pytest.mark.parametrize("case", _LOOKALIKE_CUES)
def test_a_cue_inside_a_lookalike_phrase_finds_nothing(case: str) -> None:
    text, kind, absent, present = _LOOKALIKE_CUES[case]
    items = [item.text for item in rule_items(text)[kind]]
    assert not any(word in item for item in items for word in absent)
    assert any(present in item for item in items)


def test_unpaid_debt_is_a_shortcoming() -> None:
    problems = [
        p.text for p in rule_items("Ông Nguyễn Văn An cho biết nhiều doanh nghiệp đã mất khả năng trả nợ ngân hàng.")[1]
    ]
    assert any("mất khả năng trả nợ" in p for p in problems)


def test_a_contrast_after_a_comma_opens_an_item_of_its_own() -> None:
    text = (
        "Tăng lương tối thiểu\n\n"
        "Tổng Liên đoàn Lao động luôn kêu gọi tăng lương tối thiểu, trong khi đó VCCI cho rằng doanh nghiệp "
        "đang rất khó khăn. Ông Nguyễn Văn An cho biết dự án đã khởi công từ năm ngoái, nhưng đến nay vẫn chưa "
        "được cấp phép xây dựng."
    )
    solutions, problems = rule_items(text)
    assert "tăng lương tối thiểu" in [s.text for s in solutions]
    assert any(p.text.startswith("đến nay vẫn chưa được cấp phép") for p in problems)
    assert not any(item.text.startswith(("trong khi", "nhưng")) for item in [*solutions, *problems])


def test_what_an_item_singles_out_stays_in_it() -> None:
    """ ", nhất là …" (above all) and ", trong đó có …" (including) name a part of what precedes them:
    the annotators keep them inside the item (33 of 43 times in the annotated articles)."""
    text = (
        "Sở Y tế họp về dịch sốt xuất huyết\n\n"
        "Giám đốc Sở Y tế Trần Văn Bình yêu cầu các quận tăng cường diệt lăng quăng tại khu dân cư, "
        "nhất là các công trình đang xây dựng. Ông cũng đề nghị các trường học phối hợp tuyên truyền, "
        "trong đó có các buổi sinh hoạt dưới cờ."
    )
    solutions, _ = rule_items(text)
    assert [s.text for s in solutions] == [
        "các quận tăng cường diệt lăng quăng tại khu dân cư, nhất là các công trình đang xây dựng",
        "các trường học phối hợp tuyên truyền, trong đó có các buổi sinh hoạt dưới cờ",
    ]


def test_purpose_stays_in_the_proposal_and_a_cause_is_cut_off() -> None:
    text = (
        "Hà Nội bàn giải pháp cho xe buýt\n\n"
        "Phó Giám đốc Sở Giao thông vận tải Hà Nội Lê Văn Hùng đề nghị mở thêm làn đường riêng cho xe buýt, "
        "để người dân bỏ xe máy. Ông cũng đề nghị tăng chuyến vào giờ cao điểm, vì xe buýt hiện quá tải."
    )
    solutions, _ = rule_items(text)
    texts = [s.text for s in solutions]
    assert "mở thêm làn đường riêng cho xe buýt, để người dân bỏ xe máy" in texts
    assert "tăng chuyến vào giờ cao điểm" in texts


def test_a_second_demand_after_ma_is_an_item_of_its_own() -> None:
    """ "không nên X, mà nên Y" (should not X but rather Y) makes two demands; "nên" may open a quote."""
    text = (
        "Quan hệ hai nước\n\n"
        "Bộ trưởng Ngoại giao Lê Văn Minh cho rằng hai nước không nên áp thuế trả đũa nhau, "
        "mà nên ngồi lại đàm phán để giải quyết bất đồng. "
        "Ông Lê Văn Minh nói rằng phía bạn “nên rút toàn bộ tàu khỏi vùng biển tranh chấp”."
    )
    solutions, _ = rule_items(text)
    texts = [s.text for s in solutions]
    assert texts[:2] == [
        "hai nước không nên áp thuế trả đũa nhau",
        "nên ngồi lại đàm phán để giải quyết bất đồng",
    ]
    assert any("nên rút toàn bộ tàu" in t for t in texts[2:])


def test_a_place_that_plans_is_the_proposer() -> None:
    """A province or country as the subject of a plan stands for its government: gold names it so."""
    text = (
        "Nghệ An sẽ mở lại đường đã rào\n\n"
        "Sau nhiều lần người dân kiến nghị, Nghệ An sẽ mở lại tuyến đường ven sông trong tháng tới."
    )
    solutions, _ = rule_items(text)
    assert [(s.text, s.proposer) for s in solutions] == [
        ("Nghệ An sẽ mở lại đường đã rào", "Nghệ An"),
        ("Nghệ An sẽ mở lại tuyến đường ven sông trong tháng tới", "Nghệ An"),
    ]


def test_a_proposer_keeps_no_quote_mark_nor_modal_adverb() -> None:
    text = (
        "Điều chỉnh quy hoạch ven sông\n\n"
        '"Thành phố sẽ sớm công bố phương án điều chỉnh quy hoạch khu ven sông trong tháng tới. '
        "Cơ quan thanh tra có thể kiến nghị thu hồi đất nếu phát hiện sai phạm."
    )
    solutions, _ = rule_items(text)
    assert {s.proposer for s in solutions} == {"Thành phố", "Cơ quan thanh tra"}


def test_a_kept_tail_does_not_decide_the_kind_and_plans_with_chi_dao_stay() -> None:
    """The head of "…, nhất là …" / "…, nhằm …" decides: a proposal stays one even when its tail names a
    fault; "sẽ chỉ đạo" is a plan, unlike "sẽ chỉ là"; ", mà phải …" tells a burden, not a demand."""
    text = (
        "Cầu yếu, kênh ngập\n\n"
        "Đại biểu Lê Văn Minh đề nghị xây dựng lại cầu Long Biên, nhất là phần mố cầu đã xuống cấp nghiêm trọng. "
        "Ông cũng đề nghị nạo vét kênh rạch, để giảm ngập úng trong mùa mưa năm nay.\n"
        "UBND tỉnh sẽ chỉ đạo các sở ngành kiểm tra toàn bộ các mỏ cát trên địa bàn.\n"
        "Nhiều hộ dân chưa nhận được tiền đền bù, mà phải tự thuê nhà ở tạm suốt hai năm qua."
    )
    solutions, problems = rule_items(text)
    assert [s.text for s in solutions] == [
        "xây dựng lại cầu Long Biên, nhất là phần mố cầu đã xuống cấp nghiêm trọng",
        "nạo vét kênh rạch, để giảm ngập úng trong mùa mưa năm nay",
        "UBND tỉnh sẽ chỉ đạo các sở ngành kiểm tra toàn bộ các mỏ cát trên địa bàn",
    ]
    assert not any("ngập úng" in p.text for p in problems)


def test_a_missing_person_or_a_failed_try_told_is_no_shortcoming_raised() -> None:
    """ "mất tích" (missing) and "thất bại" (failed) tell what happened: annotators took them for a problem
    raised once in 15 times, so they are no cues; a shortcoming named beside them still is one."""
    text = (
        "Lũ quét ở miền núi\n\n"
        "Hai người đi rừng bị mất tích sau trận mưa lớn đêm qua. Lần thử nghiệm đầu tiên đã thất bại vì trời mưa.\n"
        "Ông Lê Văn Hùng cho biết hệ thống cảnh báo lũ của huyện còn thiếu nhiều trạm đo mưa."
    )
    _, problems = rule_items(text)
    assert [p.text for p in problems] == ["hệ thống cảnh báo lũ của huyện còn thiếu nhiều trạm đo mưa"]
