"""Reading plan documents into paragraphs (issue 10, first stage of ``kyniem import``).

The three seed plans are read as .txt, and as real Word and PDF files made from them
(tests/docbuild.py): the three formats must give the same paragraphs. Then each format's own
features (line numbers, Word numbering and tables, PDF pages), every kind of bad input, and
arbitrary or damaged bytes, which must give a DocumentError and nothing else.
"""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docbuild import (
    TABLE_HERE,
    long_text,
    pdf_lines,
    seed_texts,
    with_line_breaks,
    write_docx,
    write_encrypted_pdf,
    write_numbered_docx,
    write_pdf,
    write_scanned_pdf,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.imports import documents
from scheduler.imports.documents import (
    MAX_BYTES,
    Paragraph,
    clean,
    continues,
    read_document,
    text_width,
    wraps,
)
from scheduler.imports.errors import DocumentError
from scheduler.wording import use

SEEDS = seed_texts()
PDF_LAYOUTS = {"11pt": {"size": 11, "spacing": 1.4}, "14pt-1.5": {"size": 14, "spacing": 1.5}}


def texts(paragraphs: tuple[Paragraph, ...]) -> list[str]:
    return [p.text for p in paragraphs]


def write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every seed as .txt, .docx and .pdf (two layouts), made once for the module."""
    folder = tmp_path_factory.mktemp("seeds")
    files: dict[str, Path] = {}
    for name, text in SEEDS.items():
        files[f"{name}.txt"] = write(folder / f"{name}.txt", text)
        files[f"{name}.docx"] = write_docx(text, folder / f"{name}.docx")
        for layout, options in PDF_LAYOUTS.items():
            pdf = folder / f"{name}-{layout}.pdf"
            write_pdf(text, pdf, size=options["size"], spacing=options["spacing"])
            files[f"{name}-{layout}.pdf"] = pdf
    return files


# -- the three formats agree ------------------------------------------------------------------

def test_the_seeds_are_copies_of_the_real_plans() -> None:
    assert len(SEEDS) == 3
    for text in SEEDS.values():
        assert "KẾ HOẠCH" in text and "Nơi nhận" in text


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_word_file_gives_the_text_files_paragraphs(built: dict[str, Path], name: str) -> None:
    plain = read_document(built[f"{name}.txt"])
    word = read_document(built[f"{name}.docx"])
    assert len(plain) > 50
    assert [p.marked for p in word] == texts(plain)
    assert all("*" not in p.text for p in word)


@pytest.mark.parametrize("layout", sorted(PDF_LAYOUTS))
@pytest.mark.parametrize("name", sorted(SEEDS))
def test_pdf_gives_the_text_files_paragraphs(built: dict[str, Path], name: str,
                                             layout: str) -> None:
    plain = read_document(built[f"{name}.txt"])
    pdf = read_document(built[f"{name}-{layout}.pdf"])
    assert texts(pdf) == texts(plain)


def test_the_pdf_really_wraps_paragraphs_over_lines_and_pages(built: dict[str, Path]) -> None:
    """The agreement above means something: the PDF's lines are not the text's lines."""
    from pypdf import PdfReader

    pdf = PdfReader(built["000_22dff3dd27fa88f4-11pt.pdf"])
    extracted = "\n".join(page.extract_text() for page in pdf.pages)
    assert len(pdf.pages) >= 3
    assert "\n- 2 -" in extracted  # page numbers are in the text layer, and dropped on reading
    longest = max(texts(read_document(built["000_22dff3dd27fa88f4.txt"])), key=len)
    lines = [" ".join(line.split()) for line in extracted.splitlines()]
    assert len(longest) > 600 and max(map(len, lines)) < 130  # wrapped by the writer
    assert " ".join(extracted.split()).count(longest) == 1
    paragraphs = read_document(built["000_22dff3dd27fa88f4-11pt.pdf"])
    assert longest in texts(paragraphs)
    assert not any(re.fullmatch(r"-? ?\d+ ?-?", p.text) for p in paragraphs)
    pages = [p.page for p in paragraphs]
    assert pages[0] == 1 and pages[-1] == len(pdf.pages)
    assert all(a <= b for a, b in zip(pages, pages[1:], strict=False))  # type: ignore[operator]
    lines = [p.line for p in paragraphs]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    assert lines[-1] > len(paragraphs)  # counted in extracted lines, not paragraphs


@pytest.mark.parametrize("layout", sorted(PDF_LAYOUTS))
def test_pdf_line_is_the_line_number_in_the_extracted_text(built: dict[str, Path],
                                                           layout: str) -> None:
    """Lines with text, counted over the whole document (page numbers included)."""
    from pypdf import PdfReader

    path = built[f"003_b4e5aed4716bfe0a-{layout}.pdf"]
    where: list[tuple[str, int]] = []
    for page, content in enumerate(PdfReader(path).pages, 1):
        where += [(clean(line), page) for line in content.extract_text().splitlines()
                  if line.strip()]
    found = read_document(path)
    for paragraph in found:
        first, page = where[paragraph.line - 1]
        assert paragraph.text.startswith(first) and paragraph.page == page, paragraph
    assert sum(1 for p in found if p.line > 1 and not where[p.line - 2][0].startswith("-")
               and where[p.line - 2][0][-1] not in ".:;") > 5  # not only after obvious ends


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_word_bullets_are_restored_as_markers_with_levels(built: dict[str, Path],
                                                           name: str) -> None:
    plain = read_document(built[f"{name}.txt"])
    word = read_document(built[f"{name}.docx"])
    expected = [("-", 0) if p.text.startswith("- ") else ("+", 1) if p.text.startswith("+ ")
                else (None, 0) for p in plain]
    assert [(p.marker, p.level) for p in word] == expected
    assert sum(1 for m, _ in expected if m) >= 10
    assert all(not p.text.startswith(("- ", "+ ")) for p in word if p.marker)


def test_seed_000_has_both_bullet_levels(built: dict[str, Path]) -> None:
    word = read_document(built["000_22dff3dd27fa88f4.docx"])
    veterans = next(i for i, p in enumerate(word) if p.text == "Hội Cựu chiến binh Quận:")
    assert (word[veterans].marker, word[veterans].level) == ("-", 0)
    assert [(p.marker, p.level) for p in word[veterans + 1:veterans + 3]] == [("+", 1)] * 2
    assert word[veterans + 1].text.startswith("Chỉ đạo các cấp Hội phối hợp")


# -- text files --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(SEEDS))
def test_text_line_numbers_point_at_the_paragraphs_first_line(built: dict[str, Path],
                                                                name: str) -> None:
    lines = SEEDS[name].split("\n")
    for paragraph in read_document(built[f"{name}.txt"]):
        first = clean(lines[paragraph.line - 1])
        assert first and paragraph.text.startswith(first), paragraph
        if paragraph.line > 1:  # and the line before is blank or ends another paragraph
            before = clean(lines[paragraph.line - 2])
            assert not before or not wraps(lines[paragraph.line - 2], lines[paragraph.line - 1],
                                           text_width(lines))


def test_text_paragraphs_of_seed_000(built: dict[str, Path]) -> None:
    found = read_document(built["000_22dff3dd27fa88f4.txt"])
    # the title's three short lines stay three paragraphs: the file has a paragraph per line
    # (its long lines run to 700 characters), so a short line is a whole one
    assert [(p.line, p.text) for p in found[:6]] == [
        (3, "KẾ HOẠCH"),
        (4, "Tổ chức các hoạt động kỷ niệm 50 năm Chiến thắng"),
        (5, "“Hà Nội - Điện Biên Phủ trên không”"),
        (6, "(18/12/1972 - 18/12/2022)"),
        (8, found[4].text),
        (10, "I. MỤC ĐÍCH, YÊU CẦU")]
    assert found[4].text.startswith("Thực hiện Kế hoạch số 80-KH/TU, ngày 26/5/2022")
    assert [(p.line, p.text) for p in found[-4:]] == [
        (114, "- Lưu."), (116, "T/M BAN THƯỜNG VỤ"), (117, "PHÓ BÍ THƯ THƯỜNG TRỰC"),
        (121, "Ngô Mạnh Điềm")]
    emphasised = next(p for p in found if p.text.startswith("- Các cơ quan, đơn vị"))
    assert emphasised.text.endswith("(triển khai trong tháng 11 đến 30/12/2022).")
    assert all(p.level == 0 and p.marker is None and p.cells is None and p.page is None
               for p in found)


def test_text_bold_title_over_two_lines_loses_its_markers(built: dict[str, Path]) -> None:
    found = texts(read_document(built["001_84c35f2e41083996.txt"]))
    at = found.index("“CHIẾN THẮNG ĐIỆN BIÊN PHỦ - SỨC MẠNH VIỆT NAM,")
    assert found[at + 1] == "TẦM VÓC THỜI ĐẠI”"


WRAPPED = """\
KẾ HOẠCH
Tổ chức các hoạt động kỷ niệm 70 năm Ngày Giải phóng
Thủ đô (10/10/1954-10/10/2024)

I. MỤC ĐÍCH, YÊU CẦU
1. Tuyên truyền, giáo dục sâu rộng trong cán bộ, đảng viên và các tầng lớp
Nhân dân về ý nghĩa to lớn của Ngày Giải phóng Thủ đô; khẳng định sự lãnh
đạo sáng suốt của Đảng.
2. Các hoạt động kỷ niệm được tổ chức trang trọng, tiết kiệm
II- NỘI DUNG
a) Tuyên truyền trên Cổng thông tin điện tử
b) Treo cờ Tổ quốc
- Phòng Văn hóa và Thông tin chủ trì, phối hợp với các đơn vị liên
quan (triển khai trong tháng 9/2024).
+ Đoàn thanh niên
3.1. Hội thi tìm hiểu
1) Báo cáo kết quả trước ngày 20/10/2024.
IV) Kinh phí

Số liệu:
10/10/2024 là ngày kỷ niệm
"""


def test_wrapped_lines_join_until_a_sentence_ends_or_an_item_starts(tmp_path: Path) -> None:
    found = read_document(write(tmp_path / "wrapped.txt", WRAPPED))
    assert [(p.line, p.text) for p in found] == [
        (1, "KẾ HOẠCH"),
        # short lines are whole: only a line that fills the file's width wraps (wraps())
        (2, "Tổ chức các hoạt động kỷ niệm 70 năm Ngày Giải phóng"),
        (3, "Thủ đô (10/10/1954-10/10/2024)"),
        (5, "I. MỤC ĐÍCH, YÊU CẦU"),
        (6, "1. Tuyên truyền, giáo dục sâu rộng trong cán bộ, đảng viên và các tầng lớp Nhân "
            "dân về ý nghĩa to lớn của Ngày Giải phóng Thủ đô; khẳng định sự lãnh đạo sáng "
            "suốt của Đảng."),
        (9, "2. Các hoạt động kỷ niệm được tổ chức trang trọng, tiết kiệm"),
        (10, "II- NỘI DUNG"),
        (11, "a) Tuyên truyền trên Cổng thông tin điện tử"),
        (12, "b) Treo cờ Tổ quốc"),
        (13, "- Phòng Văn hóa và Thông tin chủ trì, phối hợp với các đơn vị liên quan "
             "(triển khai trong tháng 9/2024)."),
        (15, "+ Đoàn thanh niên"),
        (16, "3.1. Hội thi tìm hiểu"),
        (17, "1) Báo cáo kết quả trước ngày 20/10/2024."),
        (18, "IV) Kinh phí"),
        (20, "Số liệu:"),
        (21, "10/10/2024 là ngày kỷ niệm"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom",
                                      "utf-16-be-bom"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_text_encodings_and_line_ends_read_alike(tmp_path: Path, encoding: str,
                                                 newline: str) -> None:
    text = WRAPPED.replace("\n", newline)
    if encoding == "utf-16-le-bom":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    expected = read_document(write(tmp_path / "plain.txt", WRAPPED))
    assert read_document(write(tmp_path / "other.txt", data)) == expected


def test_text_is_nfc_with_whitespace_collapsed(tmp_path: Path) -> None:
    decomposed = "Ke\u0302\u0301  hoa\u200b\u0323ch\tso\u0302\u0301\u00a08\u200b0"
    found = read_document(write(tmp_path / "nfd.txt", decomposed + "\n"))
    assert texts(found) == ["Kế hoạch số 80"]


def test_markdown_headings_stand_alone_and_emphasis_goes(tmp_path: Path) -> None:
    source = ("# Kế hoạch tuyên truyền\n"
              "kỷ niệm **70 năm** Chiến thắng\n"
              "Điện Biên Phủ _(07/5/1954 - 07/5/2024)_\n"
              "\n"
              "* Tuyên truyền trên __Cổng thông tin__ điện tử\n"
              "* Giữ nguyên tên_tệp và chỗ trống ___ và (*)\n")
    found = read_document(write(tmp_path / "plan.md", source))
    assert [(p.line, p.text) for p in found] == [
        (1, "Kế hoạch tuyên truyền"),
        (2, "kỷ niệm 70 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2024)"),
        (5, "* Tuyên truyền trên Cổng thông tin điện tử"),
        (6, "* Giữ nguyên tên_tệp và chỗ trống ___ và (*)")]


@pytest.mark.parametrize(("line", "item"), [
    ("- Tổ chức", True), ("-Tổ chức", True), ("+ Chỉ đạo", True), ("• Tổ chức", True),
    ("1. Ban Tuyên giáo", True), ("12) Báo cáo", True), ("3.1. Đoàn", True), ("3.1 Đoàn", True),
    ("a) Tuyên truyền", True), ("đ) Kinh phí", True), ("I. MỤC ĐÍCH", True),
    ("II- NỘI DUNG", True), ("IV) Kinh phí", True), ("**1. Ban Tuyên giáo**", True),
    ("-19 và các biến thể", False), ("2024. Tổ chức", False), ("XIII của Đảng", False),
    ("v.v. và các hoạt động", False), ("Hà Nội - Điện Biên Phủ", False),
])
def test_list_items_start_new_paragraphs(line: str, item: bool) -> None:
    assert documents.starts_item(line) is item
    assert continues("các hoạt động kỷ niệm", line) is not item


# -- Word --------------------------------------------------------------------------------------

NUMBERED = [(0, "Mục đích"), (1, "ý thứ nhất"), (1, "ý thứ hai"), (-1, "Đoạn thường"),
            (0, "Nội dung"), (1, "ý mới"), (2, "gạch đầu dòng"), (3, "tiểu mục"),
            (3, "tiểu mục hai"), (4, "La Mã"), (4, "La Mã hai"), (0, "- tự ghi dấu"),
            (1, "sau dấu tự ghi")]


def test_word_numbering_is_restored_per_level(tmp_path: Path) -> None:
    found = read_document(write_numbered_docx(NUMBERED, tmp_path / "numbered.docx"))
    assert [(p.marker, p.level, p.text) for p in found] == [
        ("1.", 0, "Mục đích"), ("a)", 1, "ý thứ nhất"), ("b)", 1, "ý thứ hai"),
        (None, 0, "Đoạn thường"), ("2.", 0, "Nội dung"), ("a)", 1, "ý mới"),
        ("+", 2, "gạch đầu dòng"), ("2.1.", 3, "tiểu mục"), ("2.2.", 3, "tiểu mục hai"),
        ("I.", 4, "La Mã"), ("II.", 4, "La Mã hai"), (None, 0, "- tự ghi dấu"),
        ("a)", 1, "sau dấu tự ghi")]
    assert [p.line for p in found] == list(range(1, len(NUMBERED) + 1))


def test_word_list_restarted_by_a_start_override(tmp_path: Path) -> None:
    items = [(0, "một"), (1, "ý"), (0, "hai"), (0, "danh sách mới"), (1, "ý"), (0, "bốn")]
    path = write_numbered_docx(items, tmp_path / "restart.docx", restart_at=3, start=5)
    assert [p.marker for p in read_document(path)] == ["1.", "a)", "2.", "5.", "a)", "6."]


def test_word_table_rows_come_in_document_order(tmp_path: Path) -> None:
    text = ("KẾ HOẠCH\n\nĐoạn trước bảng.\n\n" + TABLE_HERE +
            "\n\n- Việc sau bảng.\n\nĐoạn cuối.\n")
    rows = [["STT", "Nội dung", "Chủ trì", "Thời gian"],
            ["1", "Hội nghị báo cáo viên", "Ban Tuyên giáo", "tháng 10/2022"],
            ["", "", "", ""],
            ["2", "Treo cờ", "", "cao điểm từ ngày 15/12/2022"]]
    found = read_document(write_docx(text, tmp_path / "table.docx", table=rows))
    assert [(p.line, p.marked, p.cells) for p in found] == [
        (1, "KẾ HOẠCH", None),
        (2, "Đoạn trước bảng.", None),
        (3, "STT | Nội dung | Chủ trì | Thời gian", ("STT", "Nội dung", "Chủ trì", "Thời gian")),
        (7, "1 | Hội nghị báo cáo viên | Ban Tuyên giáo | tháng 10/2022",
         ("1", "Hội nghị báo cáo viên", "Ban Tuyên giáo", "tháng 10/2022")),
        (11, "2 | Treo cờ | | cao điểm từ ngày 15/12/2022",
         ("2", "Treo cờ", "", "cao điểm từ ngày 15/12/2022")),
        (14, "- Việc sau bảng.", None),
        (15, "Đoạn cuối.", None)]


def test_word_numbering_inside_table_cells(tmp_path: Path) -> None:
    """A "No." column numbered by Word: the numbers are in no text, only in numbering.xml."""
    document = docx.Document()
    grid = document.add_table(rows=3, cols=2)
    for row, task in zip(grid.rows, ["Treo cờ", "Hội nghị", "Báo cáo"], strict=True):
        row.cells[0].paragraphs[0].style = "List Number"
        row.cells[1].text = task
    document.save(str(tmp_path / "stt.docx"))
    found = read_document(tmp_path / "stt.docx")
    assert [p.cells for p in found] == [("1.", "Treo cờ"), ("2.", "Hội nghị"), ("3.", "Báo cáo")]
    assert [p.line for p in found] == [1, 3, 5]


def test_word_line_breaks_are_spaces(tmp_path: Path) -> None:
    path = write_docx("KẾ HOẠCH\n\nthay thế\n", tmp_path / "breaks.docx")
    with_line_breaks(path, 1, ["Tổ chức các hoạt động kỷ niệm", "70 năm Chiến thắng",
                               "(07/5/1954 - 07/5/2024)"])
    assert texts(read_document(path))[1] == ("Tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng "
                                              "(07/5/1954 - 07/5/2024)")


def test_word_tracked_deletions_and_tabs(tmp_path: Path) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:t>Báo cáo</w:t><w:tab/><w:t>trước ngày</w:t></w:r>'))
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText> 15/10</w:delText>'
        f"</w:r></w:del>"))
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="a"><w:r><w:t> 20/10/2024</w:t></w:r>'
        f"</w:ins>"))
    document.save(str(tmp_path / "tracked.docx"))
    assert texts(read_document(tmp_path / "tracked.docx")) == ["Báo cáo trước ngày 20/10/2024"]


def test_a_docx_named_doc_is_read(tmp_path: Path) -> None:
    path = write_docx("KẾ HOẠCH\n\n- Tuyên truyền.\n", tmp_path / "plan.docx")
    renamed = path.rename(tmp_path / "plan.doc")
    assert [p.marked for p in read_document(renamed)] == ["KẾ HOẠCH", "- Tuyên truyền."]


# -- PDF ---------------------------------------------------------------------------------------

def _wrapping(at_line_start: str | None = None, at_line_end: str | None = None) -> str:
    """A paragraph that write_pdf wraps with ``at_line_start`` starting a line after the first,
    or with a line before the last ending in ``at_line_end``."""
    body = ("Tổ chức các hoạt động văn hóa - văn nghệ, thể dục - thể thao trên địa bàn. Đẩy "
            "mạnh tuyên truyền kinh tế - xã hội, quốc phòng - an ninh. ") * 3
    for pad in range(60):
        text = "Thực hiện" + " ngay" * pad + " " + body.strip()
        lines = pdf_lines(text)
        if at_line_start and any(line.startswith(at_line_start) for line in lines[1:]):
            return text
        if at_line_end and any(line.endswith(at_line_end) for line in lines[:-1]):
            return text
    raise AssertionError("no padding wraps the paragraph that way")


@pytest.mark.parametrize(("start", "end"), [("- ", None), (None, ".")])
def test_pdf_paragraph_wrapped_at_a_dash_or_after_a_period_stays_whole(
        tmp_path: Path, start: str | None, end: str | None) -> None:
    paragraph = _wrapping(start, end)
    text = f"I. NỘI DUNG\n\n{paragraph}\n\n- Việc tiếp theo.\n\nĐoạn cuối cùng của kế hoạch."
    write_pdf(text, tmp_path / "wrap.pdf")
    assert texts(read_document(tmp_path / "wrap.pdf")) == [
        "I. NỘI DUNG", paragraph, "- Việc tiếp theo.", "Đoạn cuối cùng của kế hoạch."]


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    path = write_encrypted_pdf("KẾ HOẠCH\nTuyên truyền kỷ niệm.", tmp_path / "owner.pdf",
                               user_password=None)
    assert texts(read_document(path)) == ["KẾ HOẠCH", "Tuyên truyền kỷ niệm."]


def test_reading_a_20_page_pdf_is_quick(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    pages = write_pdf(long_text(20), path)
    assert 19 <= pages <= 21
    started = time.perf_counter()
    found = read_document(path)
    took = time.perf_counter() - started
    assert len(found) > 250 and found[-1].page == pages
    assert took < 2.0, f"{took:.2f} s for {pages} pages"


# -- bad input ---------------------------------------------------------------------------------

def _not_utf8(tmp: Path) -> Path:
    return write(tmp / "cp1258.txt", "Kế hoạch\n".encode() + b"ng\xe0y 15/12")


def _large(tmp: Path) -> Path:
    path = tmp / "large.pdf"
    with path.open("wb") as stream:
        stream.truncate(MAX_BYTES + 1024 * 1024)  # sparse: nothing is written
    return path


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return buffer.getvalue()


def _truncated_docx(tmp: Path) -> Path:
    data = write_docx("KẾ HOẠCH\n\nNội dung.", tmp / "whole.docx").read_bytes()
    return write(tmp / "truncated.docx", data[: len(data) // 2])


def _truncated_pdf(tmp: Path) -> Path:
    write_pdf(SEEDS["000_22dff3dd27fa88f4"], tmp / "whole.pdf")
    data = (tmp / "whole.pdf").read_bytes()
    return write(tmp / "truncated.pdf", data[: len(data) * 2 // 3])


def _no_text_docx(tmp: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("")
    document.add_table(rows=2, cols=2)
    document.save(str(tmp / "blank.docx"))
    return tmp / "blank.docx"


BAD: dict[str, tuple[object, tuple[str, ...], tuple[str, ...]]] = {
    # name: (how to make the file, words in Vietnamese, words in English)
    "missing": (lambda t: t / "không-có.docx", ("không có tệp",), ("no such file",)),
    "folder": (lambda t: t, ("thư mục",), ("folder",)),
    "empty": (lambda t: write(t / "rỗng.txt", b""), ("rỗng",), ("empty",)),
    "blank text": (lambda t: write(t / "trắng.txt", " \n\t\r\n \n"), ("không có chữ",),
                   ("no text",)),
    "blank docx": (_no_text_docx, ("không có chữ",), ("no text",)),
    "too large": (_large, ("31 MB", "30 MB"), ("31 MB", "30 MB limit")),
    "word 97": (lambda t: write(t / "cũ.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
                ("Word 97–2003", "lưu lại dạng .docx"), ("Word 97–2003", "save as .docx")),
    "locked docx": (lambda t: write(t / "khoá.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" * 80),
                    ("mật khẩu", "Word 97–2003"), ("password", "save as .docx")),
    "unknown kind": (lambda t: write(t / "plan.odt", b"PK\x03\x04"), (".odt", ".docx, .pdf"),
                     ("cannot read .odt files", ".txt, .md, .docx, .pdf")),
    "no extension": (lambda t: write(t / "plan", b"text"), ("(—)",), ("(—)",)),
    "docx not zip": (lambda t: write(t / "plan.docx", "Kế hoạch"), ("không phải tệp Word",),
                     ("not a readable Word document",)),
    "docx other zip": (lambda t: write(t / "sheet.docx", _zip({"xl/wb.xml": b"<workbook/>"})),
                       ("không phải tệp Word",), ("not a readable Word document",)),
    "docx truncated": (_truncated_docx, ("bị hỏng",), ("damaged",)),
    "pdf locked": (lambda t: write_encrypted_pdf("Kế hoạch", t / "khoá.pdf"),
                   ("mật khẩu", "in ra một PDF mới"), ("password", "print it to a new PDF")),
    "pdf garbage": (lambda t: write(t / "rác.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8 +
                                    b"\n%%EOF\n"), ("PDF bị hỏng",), ("PDF is damaged",)),
    "pdf not a pdf": (lambda t: write(t / "plan.pdf", "Kế hoạch"), ("PDF bị hỏng",),
                      ("PDF is damaged",)),
    "pdf truncated": (_truncated_pdf, ("PDF bị hỏng",), ("PDF is damaged",)),
    "pdf scanned": (lambda t: write_scanned_pdf(t / "scan.pdf"),
                    ("không có lớp chữ", "OCR", "ocrmypdf"),
                    ("no text layer", "run OCR first", "ocrmypdf")),
    "not utf-8": (_not_utf8, ("UTF-8", "vị trí 15"), ("not UTF-8", "offset 15")),
    "broken utf-16": (lambda t: write(t / "u16.txt", b"\xff\xfe" + "Kế".encode("utf-16-le") +
                                      b"\x00\xd8"), ("UTF-16", "vị trí byte 6"),
                      ("UTF-16", "offset 6")),
    "utf-16 without bom": (lambda t: write(t / "u16.txt", "Ke hoach".encode("utf-16-le")),
                           ("byte 0", "vị trí 1", "UTF-16"), ("zero byte", "offset 1", "UTF-16")),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_gives_a_clear_document_error(tmp_path: Path, case: str) -> None:
    make, vi_words, en_words = BAD[case]
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    error = caught.value
    assert error.path == path
    vi, en = error.message.render("vi"), error.message.render("en")
    assert vi.startswith(f"{path}: ") and en.startswith(f"{path}: ")
    for word in vi_words:
        assert word in vi
    for word in en_words:
        assert word in en
    assert vi != en
    assert str(error) == vi
    use("en")
    assert str(error) == en


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", "Kế hoạch")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, os.strerror(13), str(self))

    monkeypatch.setattr(Path, "open", refuse)  # chmod 0 does not stop root
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert f"{path}: không mở được tệp (Permission denied)" == caught.value.message.render("vi")
    assert "cannot open the file (Permission denied)" in caught.value.message.render("en")


def test_a_word_file_unpacking_to_too_much_is_refused(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_docx("KẾ HOẠCH\n", tmp_path / "plan.docx")
    monkeypatch.setattr(documents, "MAX_UNPACKED", 1000)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert "giải nén" in caught.value.message.render("vi")
    assert "unpacks to more than" in caught.value.message.render("en")


# -- any bytes: a DocumentError or paragraphs, nothing else ------------------------------------

FUZZ = settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow], deadline=None)


def _read_any(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        found = read_document(path)
    except DocumentError as error:
        assert error.path == path
        assert str(path) in error.message.render("vi") and str(path) in error.message.render("en")
        return
    assert isinstance(found, tuple) and found
    for paragraph in found:
        assert isinstance(paragraph, Paragraph) and paragraph.text == clean(paragraph.text)
        assert paragraph.text and paragraph.line >= 1


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def originals(fuzz_dir: Path) -> dict[str, bytes]:
    """Real files to damage: a Word file with bullets, numbering and a table, two PDFs (one
    with uncompressed content, so that damage reaches the text operators)."""
    text = SEEDS["000_22dff3dd27fa88f4"][:3000] + "\n\n" + TABLE_HERE
    write_docx(text, fuzz_dir / "o.docx", table=[["STT", "Nội dung"], ["1", "Treo cờ"]])
    write_numbered_docx(NUMBERED, fuzz_dir / "n.docx")
    write_pdf(SEEDS["001_84c35f2e41083996"][:3000], fuzz_dir / "o.pdf")
    from fpdf import FPDF

    plain = FPDF()
    plain.set_compression(False)
    plain.add_page()
    plain.set_font("helvetica", size=12)
    plain.multi_cell(0, 6, "Ke hoach to chuc ky niem. " * 40)
    plain.output(str(fuzz_dir / "u.pdf"))
    return {name: (fuzz_dir / name).read_bytes() for name in ("o.docx", "n.docx", "o.pdf",
                                                               "u.pdf")}


@FUZZ
@given(data=st.binary(max_size=4000),
       suffix=st.sampled_from([".txt", ".md", ".docx", ".pdf", ".doc", ".TXT"]))
def test_arbitrary_bytes_under_any_extension(fuzz_dir: Path, data: bytes, suffix: str) -> None:
    _read_any(fuzz_dir / f"any{suffix}", data)


@FUZZ
@given(prefix=st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe"]),
       data=st.binary(max_size=3000), suffix=st.sampled_from([".pdf", ".docx", ".txt"]))
def test_arbitrary_bytes_behind_a_real_magic_number(fuzz_dir: Path, prefix: bytes, data: bytes,
                                                     suffix: str) -> None:
    _read_any(fuzz_dir / f"magic{suffix}", prefix + data + b"\n%%EOF\n")


@FUZZ
@given(name=st.sampled_from(["o.docx", "n.docx", "o.pdf", "u.pdf"]), data=st.data())
def test_damaged_real_files(fuzz_dir: Path, originals: dict[str, bytes], name: str,
                            data: st.DataObject) -> None:
    original = bytearray(originals[name])
    how = data.draw(st.sampled_from(["truncate", "flip", "splice"]))
    if how == "truncate":
        damaged = bytes(original[: data.draw(st.integers(0, len(original) - 1))])
    elif how == "flip":
        for _ in range(data.draw(st.integers(1, 8))):
            at = data.draw(st.integers(0, len(original) - 1))
            original[at] = data.draw(st.integers(0, 255))
        damaged = bytes(original)
    else:
        at = data.draw(st.integers(0, len(original)))
        damaged = bytes(original[:at]) + data.draw(st.binary(min_size=1, max_size=64)) + \
            bytes(original[at:])
    _read_any(fuzz_dir / f"damaged{Path(name).suffix}", damaged)


@FUZZ
@given(part=st.sampled_from(["word/document.xml", "word/numbering.xml", "word/styles.xml"]),
       data=st.data())
def test_damaged_xml_inside_a_word_file(fuzz_dir: Path, originals: dict[str, bytes], part: str,
                                        data: st.DataObject) -> None:
    """The zip is sound, a part inside it is not: XML errors, odd values, missing elements."""
    with zipfile.ZipFile(io.BytesIO(originals["n.docx"])) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = bytearray(members[part])
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(xml) - 1))
        if data.draw(st.booleans()):
            xml[at:at + 1] = data.draw(st.sampled_from([b"", b"x", b"0", b"-1", b"999999", b'"',
                                                        b"<", b">", b"/", b"9"]))
        else:
            cut = data.draw(st.integers(at, min(len(xml), at + 200)))
            del xml[at:cut]
    members[part] = bytes(xml)
    _read_any(fuzz_dir / "xml.docx", _zip(members))


@FUZZ
@given(st.text(alphabet=st.one_of(st.sampled_from(list("ab *_-\t\n\u00a0\u200bế")),
                                  st.characters()), max_size=60))
def test_clean_is_stable(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert once == once.strip() and "  " not in once and "**" not in once


def test_clean_is_its_own_fixed_point_when_marks_hide_marks() -> None:
    """Regression: one pass of taking away emphasis left a new pair behind (a control
    character between "*" and a letter), so a paragraph was not its own clean text."""
    text = "*Q\x01*\u0301\u0301*áA*\x01"
    assert clean(text) == clean(clean(text)) == "Q \u0301\u0301áA"
