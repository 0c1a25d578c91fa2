"""The structure of a plan document (scheduler/imports/structure.py): header, title and
preamble, sections by kind, headings, items and sub-items, unit blocks of the assignment
section, the closing, notes and the signature, on small paragraph lists (DOMAIN.md "How a
plan document is built"); Word's generated markers as well as typed ones."""

from __future__ import annotations

import pytest

from scheduler.imports.documents import Paragraph
from scheduler.imports.structure import SECTION_KINDS, Entry, Layout, layout, section_kind

TITLE = ("KẾ HOẠCH", "Tổ chức kỷ niệm 70 năm Ngày Giải phóng Thủ đô (10/10/1954 - 10/10/2024)")


def paras(*lines: str) -> tuple[Paragraph, ...]:
    """One paragraph per line, numbered from 1 as a text file numbers them."""
    return tuple(Paragraph(text, n) for n, text in enumerate(lines, 1))


def body(*lines: str) -> Layout:
    """A document with a bare "KẾ HOẠCH" title and ``lines`` after it (lines 3, 4, …)."""
    return layout(paras(*TITLE, *lines))


def texts(items: list[Paragraph]) -> list[str]:
    return [p.text for p in items]


Outline = list[tuple[str, str | None, "Outline"]]


def tree(entries: list[Entry]) -> Outline:
    """Entries as (text, unit, children) to compare a whole outline at once."""
    return [(e.text, e.unit, tree(e.children)) for e in entries]


# -- header ----------------------------------------------------------------------------------

def test_header_number_place_and_date() -> None:
    lay = layout(paras(
        "QUẬN ỦY HAI BÀ TRƯNG", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số: 125-KH/QU",
        "Hai Bà Trưng, ngày 01 tháng 6 năm 2022", *TITLE, "II. NỘI DUNG", "- Treo cờ."))
    assert texts(lay.header) == ["QUẬN ỦY HAI BÀ TRƯNG", "ĐẢNG CỘNG SẢN VIỆT NAM",
                                 "Số: 125-KH/QU", "Hai Bà Trưng, ngày 01 tháng 6 năm 2022"]
    assert (lay.number, lay.place, lay.date_parts) == ("125-KH/QU", "Hai Bà Trưng",
                                                      ("01", "6", "2022"))
    assert lay.date_para is not None and lay.date_para.line == 4
    assert texts(lay.title) == [TITLE[1]]


@pytest.mark.parametrize(("line", "number"), [
    ("Số: 45/KH-UBND", "45/KH-UBND"),
    ("Số 125-KH/QU", "125-KH/QU"),
    ("SỐ: 12/KH-UBND", "12/KH-UBND"),
    ("Số: /KH-UBND", "/KH-UBND"),  # blank: filled in by hand after signing
    ("Số:", ""),
])
def test_the_number_as_written(line: str, number: str) -> None:
    assert layout(paras(line, *TITLE)).number == number


def test_no_number_line_no_number() -> None:
    lay = layout(paras("UBND PHƯỜNG AN KHÁNH", "An Khánh, ngày 02 tháng 3 năm 2025", *TITLE))
    assert lay.number is None and lay.place == "An Khánh"


@pytest.mark.parametrize("line", ["Thanh Xuân, ngày  tháng  năm 2024",
                                  "Thanh Xuân, ngày tháng năm 2024"])
def test_a_blank_date_keeps_its_year(line: str) -> None:
    lay = layout(paras("Số: /KH-UBND", line, *TITLE))
    assert (lay.number, lay.place, lay.date_parts) == ("/KH-UBND", "Thanh Xuân",
                                                      ("", "", "2024"))


def test_no_date_line_no_date() -> None:
    lay = layout(paras("Số: 45/KH-UBND", *TITLE))
    assert (lay.place, lay.date_parts, lay.date_para) == (None, None, None)


def test_an_issuing_department_is_not_the_number() -> None:
    lay = layout(paras("UBND TỈNH BẮC GIANG", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
                       "Số: 12/KH-SVHTTDL", "Bắc Giang, ngày 05 tháng 3 năm 2024", *TITLE))
    assert lay.number == "12/KH-SVHTTDL"


def test_no_ke_hoach_line_no_header() -> None:
    lay = layout(paras("Số: 12/KH-UBND", "Tổ chức kỷ niệm 70 năm Chiến thắng Điện Biên Phủ",
                       "II. NỘI DUNG", "- Treo cờ."))
    assert lay.header == []
    assert [s.kind for s in lay.sections] == ["content"]
    assert texts([e.para for e in lay.entries]) == ["- Treo cờ."]


# -- title and preamble ----------------------------------------------------------------------

def test_a_title_over_several_lines_then_the_preamble() -> None:
    lay = layout(paras(
        "KẾ HOẠCH", "Tổ chức các hoạt động kỷ niệm 50 năm Chiến thắng",
        "“Hà Nội - Điện Biên Phủ trên không”", "(18/12/1972 - 18/12/2022)",
        "Thực hiện Kế hoạch số 80-KH/TU, ngày 26/5/2022 của Ban Thường vụ Thành ủy Hà Nội, "
        "Ban Thường vụ Quận ủy ban hành kế hoạch tổ chức thực hiện như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU"))
    assert [p.line for p in lay.title] == [2, 3, 4]
    assert [p.line for p in lay.preamble] == [5]
    assert lay.header == []


def test_ke_hoach_and_its_title_on_one_line() -> None:
    lay = layout(paras("Số: 1/KH-UBND",
                       "KẾ HOẠCH tổ chức kỷ niệm 70 năm Chiến thắng Điện Biên Phủ",
                       "II. NỘI DUNG"))
    assert texts(lay.title) == ["tổ chức kỷ niệm 70 năm Chiến thắng Điện Biên Phủ"]
    assert lay.title[0].line == 2 and texts(lay.header) == ["Số: 1/KH-UBND"]


def test_a_title_that_is_itself_a_thuc_hien_sentence() -> None:
    """Seed 003: the title is "Thực hiện Kế hoạch số 88/KH-UBND …" (no ":"); the sentence
    after it, which ends with ":", is the preamble."""
    title = ("Thực hiện Kế hoạch số 88/KH-UBND ngày 23/3/2024 của UBND thành phố Hà Nội về tổ "
             "chức các hoạt động kỷ niệm 70 năm Ngày Giải phóng Thủ đô (10/10/1954-10/10/2024)")
    preamble = ("Thực hiện Đề án số 03/UBND-ĐA ngày 22/3/2024, Kế hoạch số 88/KH-UBND ngày "
                "23/3/2024 của UBND thành phố Hà Nội và các văn bản chỉ đạo có liên quan; UBND "
                "quận Thanh Xuân xây dựng kế hoạch thực hiện, cụ thể:")
    lay = layout(paras("Số: /KH-UBND", "Thanh Xuân, ngày tháng năm 2024", "KẾ HOẠCH", title,
                       preamble, "I. MỤC ĐÍCH, YÊU CẦU"))
    assert texts(lay.title) == [title]
    assert texts(lay.preamble) == [preamble]


def test_can_cu_after_the_title_starts_the_preamble_which_runs_to_the_first_section() -> None:
    lay = body("Căn cứ Hướng dẫn số 12-HD/BTGTW ngày 10/01/2025 của Ban Tuyên giáo Trung ương;",
               "Thực hiện Kế hoạch số 300-KH/TU của Thành ủy;",
               "UBND phường xây dựng kế hoạch như sau",
               "II. NỘI DUNG")
    assert texts(lay.title) == [TITLE[1]]
    assert [p.line for p in lay.preamble] == [3, 4, 5]


# -- sections --------------------------------------------------------------------------------

SECTIONS = [
    ("I. MỤC ĐÍCH, YÊU CẦU", "I", "MỤC ĐÍCH, YÊU CẦU", "purpose"),
    ("I- MỤC ĐÍCH, YÊU CẦU", "I", "MỤC ĐÍCH, YÊU CẦU", "purpose"),
    ("II. NỘI DUNG", "II", "NỘI DUNG", "content"),
    ("II- NỘI DUNG TUYÊN TRUYỀN KỶ NIỆM", "II", "NỘI DUNG TUYÊN TRUYỀN KỶ NIỆM", "content"),
    ("II. CÁC HOẠT ĐỘNG KỶ NIỆM", "II", "CÁC HOẠT ĐỘNG KỶ NIỆM", "content"),
    ("II. NHIỆM VỤ, GIẢI PHÁP", "II", "NHIỆM VỤ, GIẢI PHÁP", "content"),
    ("III – TỔ CHỨC THỰC HIỆN", "III", "TỔ CHỨC THỰC HIỆN", "assignment"),
    ("III- PHÂN CÔNG NHIỆM VỤ", "III", "PHÂN CÔNG NHIỆM VỤ", "assignment"),
    ("IV. TRÁCH NHIỆM CỦA CÁC ĐƠN VỊ", "IV", "TRÁCH NHIỆM CỦA CÁC ĐƠN VỊ", "assignment"),
    ("III. KINH PHÍ THỰC HIỆN", "III", "KINH PHÍ THỰC HIỆN", "budget"),
    ("V. CHẾ ĐỘ BÁO CÁO", "V", "CHẾ ĐỘ BÁO CÁO", "reporting"),
    ("VI) BÁO CÁO KẾT QUẢ", "VI", "BÁO CÁO KẾT QUẢ", "reporting"),
    ("IV: THỜI GIAN THỰC HIỆN", "IV", "THỜI GIAN THỰC HIỆN", "period"),
]


@pytest.mark.parametrize(("line", "number", "title", "kind"), SECTIONS)
def test_a_roman_heading_starts_a_section_of_its_kind(line: str, number: str, title: str,
                                                      kind: str) -> None:
    lay = body(line)
    assert [(s.number, s.title, s.kind, s.para.line) for s in lay.sections] == [
        (number, title, kind, 3)]
    assert lay.title[-1].text == TITLE[1]  # the heading ended the title


def test_every_section_kind_is_tried() -> None:
    assert {kind for kind, _ in SECTION_KINDS} == {case[3] for case in SECTIONS}


@pytest.mark.parametrize(("title", "kind"), [
    ("NỘI DUNG VÀ TỔ CHỨC THỰC HIỆN", "assignment"),  # the first match wins
    ("MỤC ĐÍCH, YÊU CẦU VÀ NỘI DUNG", "purpose"),
    ("THỜI GIAN TỔ CHỨC THỰC HIỆN", "assignment"),
    ("Nội dung", "content"),
    ("KHEN THƯỞNG", "other"),
])
def test_section_kind_first_match_wins(title: str, kind: str) -> None:
    assert section_kind(title) == kind


def test_purposes_are_skipped() -> None:
    lay = body("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "- Tuyên truyền sâu rộng.",
               "II. NỘI DUNG", "- Treo cờ.")
    assert [(p.line, why) for p, why in lay.skipped] == [(4, "purpose"), (5, "purpose")]
    assert texts([e.para for e in lay.entries]) == ["- Treo cờ."]


def test_budget_and_reporting_paragraphs_close_the_plan() -> None:
    lay = body("III. KINH PHÍ", "- Các đơn vị tự cân đối kinh phí.", "Kinh phí từ ngân sách.",
               "IV. CHẾ ĐỘ BÁO CÁO", "Định kỳ hàng tháng (trước ngày 20) báo cáo kết quả.")
    assert [p.line for p in lay.closing] == [4, 5, 7]
    assert lay.entries == []


def test_a_roman_heading_of_no_known_kind_is_no_task() -> None:
    lay = body("II. NỘI DUNG", "- Treo cờ.", "III. KHEN THƯỞNG",
               "- Khen thưởng các tập thể có thành tích.")
    assert "III. KHEN THƯỞNG" not in [e.text for e in lay.entries]


# -- headings and items ----------------------------------------------------------------------

def test_topic_headings_hold_no_work() -> None:
    lay = body("II- NỘI DUNG TUYÊN TRUYỀN KỶ NIỆM", "1. Chủ đề tuyên truyền",
               "“CHIẾN THẮNG ĐIỆN BIÊN PHỦ - SỨC MẠNH VIỆT NAM”", "2. Nội dung tuyên truyền",
               "- Bối cảnh lịch sử.", "- Tầm vóc của chiến thắng.", "3. Khẩu hiệu",
               "- Nhiệt liệt chào mừng!", "4. Tổ chức Lễ kỷ niệm")
    assert [(p.line, why) for p, why in lay.skipped] == [
        (5, "topic"), (7, "topic"), (8, "topic"), (10, "topic")]
    assert [(e.text, e.heading) for e in lay.entries] == [("Tổ chức Lễ kỷ niệm", True)]


def test_a_period_headings_paragraph_is_the_period() -> None:
    lay = body("II. NỘI DUNG", "3. Thời gian tuyên truyền kỷ niệm",
               "Hoạt động diễn ra trong năm 2024, cao điểm từ đầu tháng 3 đến hết tháng 5/2024.",
               "4. Tổ chức Lễ kỷ niệm")
    assert [p.line for p in lay.periods] == [5]
    assert [e.text for e in lay.entries] == ["Tổ chức Lễ kỷ niệm"]  # the period is no task


def test_a_period_section_is_the_period() -> None:
    lay = body("IV. THỜI GIAN THỰC HIỆN", "Từ tháng 9 đến tháng 10/2024.", "- Cao điểm tháng 10.")
    assert [p.line for p in lay.periods] == [4, 5] and lay.entries == []


def test_a_numbered_heading_with_no_items_is_a_task_but_not_a_group_heading() -> None:
    lay = body("II. NỘI DUNG", "1. Tuyên truyền", "- Treo cờ.", "2. Tổ chức Lễ kỷ niệm",
               "3. Các hoạt động kỷ niệm", "3.1. Tổ chức gặp mặt", "3.2 Tổ chức thăm hỏi",
               "4) Tổ chức hội thi")
    assert [(e.text, e.section, e.heading) for e in lay.entries] == [
        ("Treo cờ.", "II.1", False),
        ("Tổ chức Lễ kỷ niệm", "II.2", True),
        ("Tổ chức gặp mặt", "II.3.1", True),
        ("Tổ chức thăm hỏi", "II.3.2", True),
        ("Tổ chức hội thi", "II.4", True)]
    assert [(n, t) for n, t, _ in lay.sections[0].headings] == [
        ("1", "Tuyên truyền"), ("2", "Tổ chức Lễ kỷ niệm"), ("3", "Các hoạt động kỷ niệm"),
        ("3.1", "Tổ chức gặp mặt"), ("3.2", "Tổ chức thăm hỏi"), ("4", "Tổ chức hội thi")]


def test_a_sentence_that_starts_with_a_number_is_no_heading() -> None:
    lay = body("II. NỘI DUNG", "1. Diễu hành", "1.000 người tham gia diễu hành.")
    assert [(e.text, e.section, e.heading) for e in lay.entries] == [
        ("1.000 người tham gia diễu hành.", "II.1", False)]


def test_sub_items_go_under_the_last_item() -> None:
    lay = body("II. NỘI DUNG", "- Treo cờ (tháng 10/2024).", "+ Treo cờ tại trụ sở.",
               "+Treo cờ tại nhà dân.", "– Triển lãm ảnh.", "• Hội thi.")
    assert tree(lay.entries) == [
        ("Treo cờ (tháng 10/2024).", None, [("Treo cờ tại trụ sở.", None, []),
                                            ("Treo cờ tại nhà dân.", None, [])]),
        ("Triển lãm ảnh.", None, []), ("Hội thi.", None, [])]


def test_a_sub_item_with_no_item_before_it_stands_alone() -> None:
    lay = body("II. NỘI DUNG", "1. Tuyên truyền", "+ Treo cờ.", "2. Hội thi", "- Vòng loại.")
    assert tree(lay.entries) == [("Treo cờ.", None, []), ("Vòng loại.", None, [])]


def test_an_item_ending_with_a_colon_holds_the_items_after_it() -> None:
    lay = body("II. NỘI DUNG", "- Tổ chức các hoạt động sau:", "- Hội thi.", "- Triển lãm.",
               "1. Tuyên truyền", "- Treo cờ.")
    assert tree(lay.entries) == [
        ("Tổ chức các hoạt động sau:", None, [("Hội thi.", None, []),
                                              ("Triển lãm.", None, [])]),
        ("Treo cờ.", None, [])]
    assert [e.opens for e in lay.entries] == [True, False]


# -- the assignment section ------------------------------------------------------------------

def test_unit_headings_name_the_units_of_their_items() -> None:
    lay = body("III. TỔ CHỨC THỰC HIỆN", "1. Công an phường, Ban Chỉ huy Quân sự phường",
               "- Bảo đảm an ninh trật tự.", "2. Văn phòng HĐND và UBND phường",
               "Tham mưu tổ chức Lễ kỷ niệm.", "Phối hợp chuẩn bị hội trường.")
    assert [(s, u, p.line) for s, u, p in lay.units] == [
        ("III.1", "Công an phường, Ban Chỉ huy Quân sự phường", 4),
        ("III.2", "Văn phòng HĐND và UBND phường", 6)]
    assert [(e.text, e.unit, e.section) for e in lay.entries] == [
        ("Bảo đảm an ninh trật tự.", "Công an phường, Ban Chỉ huy Quân sự phường", "III.1"),
        ("Tham mưu tổ chức Lễ kỷ niệm.", "Văn phòng HĐND và UBND phường", "III.2"),
        ("Phối hợp chuẩn bị hội trường.", "Văn phòng HĐND và UBND phường", "III.2")]
    assert lay.closing == []  # plain paragraphs of a block with no items are its tasks


def test_an_assignment_heading_with_no_items_is_no_task() -> None:
    lay = body("III. TỔ CHỨC THỰC HIỆN", "1. Phòng Văn hóa", "2. Phòng Nội vụ", "- Khen thưởng.")
    assert [(e.text, e.unit) for e in lay.entries] == [("Khen thưởng.", "Phòng Nội vụ")]


def test_an_item_names_its_own_unit() -> None:
    lay = body("III. TỔ CHỨC THỰC HIỆN", "1. Mặt trận Tổ quốc và các đoàn thể",
               "- Đoàn Thanh niên quận: Tổ chức hội thi tìm hiểu.",
               "- Yêu cầu: các đơn vị thực hiện nghiêm túc.")
    assert [(e.text, e.unit) for e in lay.entries] == [
        ("Tổ chức hội thi tìm hiểu.", "Đoàn Thanh niên quận"),
        ("Yêu cầu: các đơn vị thực hiện nghiêm túc.", "Mặt trận Tổ quốc và các đoàn thể")]


def test_a_bare_unit_names_the_sub_items_under_the_blocks_opening_sentence() -> None:
    """Seed 000, III.4: "…, trong đó:" holds "- Đoàn …: task" and "- Hội CCB:" with its "+"."""
    lay = body("III. TỔ CHỨC THỰC HIỆN", "4. Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
               "Chỉ đạo, hướng dẫn, tổ chức đợt sinh hoạt chính trị (từ tháng 9/2022), trong đó:",
               "- Đoàn TNCS Hồ Chí Minh Quận: Vận động đoàn viên tham gia Cuộc thi.",
               "- Hội CCB:", "+ Chỉ đạo các cấp Hội tổ chức giao lưu.",
               "+ Tổ chức gặp mặt, thăm hỏi.", "5. Đảng ủy Quân sự Quận", "- Tổ chức thăm hỏi.")
    mttq = "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội"
    assert tree(lay.entries) == [
        ("Chỉ đạo, hướng dẫn, tổ chức đợt sinh hoạt chính trị (từ tháng 9/2022), trong đó:",
         mttq, [("Vận động đoàn viên tham gia Cuộc thi.", "Đoàn TNCS Hồ Chí Minh Quận", []),
                ("Chỉ đạo các cấp Hội tổ chức giao lưu.", "Hội CCB", []),
                ("Tổ chức gặp mặt, thăm hỏi.", "Hội CCB", [])]),
        ("Tổ chức thăm hỏi.", "Đảng ủy Quân sự Quận", [])]


def test_a_bare_unit_first_in_its_block_names_all_its_sub_items() -> None:
    lay = body("III. TỔ CHỨC THỰC HIỆN", "1. Mặt trận Tổ quốc quận", "- Hội CCB:",
               "+ Thăm hỏi cựu chiến binh.", "+ Gặp mặt nhân chứng lịch sử.")
    assert tree(lay.entries) == [("Thăm hỏi cựu chiến binh.", "Hội CCB", []),
                                 ("Gặp mặt nhân chứng lịch sử.", "Hội CCB", [])]


def test_a_bare_units_sub_items_are_not_under_another_units_task() -> None:
    lay = body("III. TỔ CHỨC THỰC HIỆN", "1. Mặt trận Tổ quốc quận",
               "- Đoàn Thanh niên quận: Tổ chức hội thi (tháng 9/2024).", "- Hội CCB:",
               "+ Thăm hỏi cựu chiến binh.", "+ Gặp mặt nhân chứng lịch sử.")
    doan = lay.entries[0]
    assert (doan.unit, doan.children) == ("Đoàn Thanh niên quận", [])
    assert [(e.text, e.unit) for e in lay.entries[1:]] == [
        ("Thăm hỏi cựu chiến binh.", "Hội CCB"), ("Gặp mặt nhân chứng lịch sử.", "Hội CCB")]


def test_a_plain_paragraph_after_a_blocks_items_closes_the_block() -> None:
    lay = body("III. TỔ CHỨC THỰC HIỆN", "1. Phòng Văn hóa", "- Tham mưu tổ chức Lễ kỷ niệm.",
               "Các đơn vị báo cáo kết quả về UBND quận trước ngày 15/10/2024.",
               "- Nghiêm túc thực hiện.", "2. Phòng Nội vụ", "- Khen thưởng.")
    assert [p.line for p in lay.closing] == [6, 7]
    assert [(e.text, e.unit) for e in lay.entries] == [
        ("Tham mưu tổ chức Lễ kỷ niệm.", "Phòng Văn hóa"), ("Khen thưởng.", "Phòng Nội vụ")]


def test_a_plain_paragraph_after_an_openers_items_closes_the_block() -> None:
    lay = body("III. TỔ CHỨC THỰC HIỆN", "1. Phòng Giáo dục và Đào tạo quận",
               "Chịu trách nhiệm hướng dẫn các trường học:", "- Tổ chức tuyên truyền.",
               "- Tổ chức tham quan di tích.",
               "Các đơn vị báo cáo kết quả về UBND quận trước ngày 15/10/2024.")
    assert [p.line for p in lay.closing] == [8]
    assert [c.text for c in lay.entries[0].children] == ["Tổ chức tuyên truyền.",
                                                         "Tổ chức tham quan di tích."]


# -- notes and the end -----------------------------------------------------------------------

def test_a_parenthesised_paragraph_is_a_note_not_a_task() -> None:
    lay = body("II. NỘI DUNG HOẠT ĐỘNG KỶ NIỆM", "(Có biểu chi tiết kèm theo)",
               "III. TỔ CHỨC THỰC HIỆN", "1. Trung tâm Văn hóa quận", "- Trang trí trực quan.",
               "(Có biểu tổng hợp vị trí điểm trực quan kèm theo).", "- Tổ chức văn nghệ.")
    assert [(p.line, why) for p, why in lay.skipped] == [(4, "note-content"),
                                                         (8, "note-assignment")]
    assert [e.text for e in lay.entries] == ["Trang trí trực quan.", "Tổ chức văn nghệ."]
    assert lay.closing == []


@pytest.mark.parametrize("first", ["Trên đây là kế hoạch tổ chức kỷ niệm, yêu cầu các đơn vị "
                                   "nghiêm túc thực hiện./.", "Nơi nhận:", "T/M ĐẢNG ỦY",
                                   "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"])
def test_the_signature_starts_at_the_closing_words_and_takes_the_rest(first: str) -> None:
    lay = body("II. NỘI DUNG", "- Treo cờ.", first, "- Như trên;", "III. TỔ CHỨC THỰC HIỆN",
               "1. Phòng Văn hóa", "- Lưu: VT.")
    assert [p.line for p in lay.signature] == [5, 6, 7, 8, 9]
    assert [e.text for e in lay.entries] == ["Treo cờ."]
    assert [s.number for s in lay.sections] == ["II"]


# -- Word's generated markers ----------------------------------------------------------------

def test_word_bullets_are_items_and_deeper_levels_sub_items() -> None:
    lay = layout((
        *paras(*TITLE, "II. NỘI DUNG"),
        Paragraph("Treo cờ (tháng 10/2024).", 4, 0, "-"),
        Paragraph("Treo cờ tại trụ sở.", 5, 1, "-"),
        Paragraph("Treo cờ tại nhà dân.", 6, 0, "+"),
        Paragraph("Triển lãm ảnh.", 7, 0, "•"),
        Paragraph("Trưng bày hiện vật.", 8, 2, "a)"),
    ))
    assert tree(lay.entries) == [
        ("Treo cờ (tháng 10/2024).", None, [("Treo cờ tại trụ sở.", None, []),
                                            ("Treo cờ tại nhà dân.", None, [])]),
        ("Triển lãm ảnh.", None, [("Trưng bày hiện vật.", None, [])])]


def test_a_word_marker_hides_nothing_from_the_text() -> None:
    """The text "- x" with no marker and the text "x" with Word's "-" are the same item."""
    typed = body("II. NỘI DUNG", "- Treo cờ.", "+ Tại trụ sở.")
    word = layout((*paras(*TITLE, "II. NỘI DUNG"), Paragraph("Treo cờ.", 4, 0, "-"),
                   Paragraph("Tại trụ sở.", 5, 1, "-")))
    assert tree(typed.entries) == tree(word.entries)


def test_a_word_numbered_unit_heading_names_its_unit() -> None:
    lay = layout((*paras(*TITLE, "III. TỔ CHỨC THỰC HIỆN"),
                  Paragraph("Phòng Văn hóa quận", 4, 0, "1."),
                  Paragraph("Tham mưu tổ chức Lễ kỷ niệm.", 5, 1, "-")))
    assert [(s, u) for s, u, _ in lay.units] == [("III.1", "Phòng Văn hóa quận")]
    assert [(e.text, e.unit) for e in lay.entries] == [
        ("Tham mưu tổ chức Lễ kỷ niệm.", "Phòng Văn hóa quận")]


def test_a_word_numbered_roman_heading_starts_a_section() -> None:
    lay = layout((*paras(*TITLE), Paragraph("NỘI DUNG", 3, 0, "II."),
                  Paragraph("Treo cờ.", 4, 1, "-")))
    assert [(s.number, s.kind) for s in lay.sections] == [("II", "content")]
