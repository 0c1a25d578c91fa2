"""Office documents (scheduler/exports): every format of every view, opened again with
python-docx, openpyxl and csv; the 2026 year list through LibreOffice to PDF."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import unicodedata
from datetime import date, datetime
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.document import Document
from docx.shared import Length, Pt
from pypdf import PdfReader

from scheduler import commands, exports, planning
from scheduler.cli import main
from scheduler.commands import Filters, Settings
from scheduler.exports.sheet import Column, Group, Row, Sheet
from scheduler.exports.word import MARGINS_MM
from scheduler.i18n import word
from scheduler.outputs.agenda import Agenda
from scheduler.outputs.table import OccurrenceTable
from scheduler.outputs.units import Units
from scheduler.plans.model import Plan
from scheduler.registry import InputError

NOW = Settings(now=date(2026, 12, 3))
BUNDLED_PLANS = sorted((Path(__file__).parent.parent / "data" / "plans").glob("*.yaml"))


def year_2026(lang: str = "vi") -> OccurrenceTable:
    return commands.year(Settings(now=NOW.now, lang=lang), 2026, Filters())


def upcoming(lang: str = "vi") -> OccurrenceTable:
    return commands.upcoming(Settings(now=NOW.now, lang=lang), None, None, None, Filters())


def agenda() -> Agenda:
    # spring 2024: the bundled plans' peak, so every section has something in it
    return planning.agenda(NOW, None, date(2024, 3, 1), date(2024, 5, 31), 0)


def units() -> Units:
    return planning.units(NOW, None)


def plans() -> tuple[Plan, ...]:
    return planning.load(NOW)


def open_docx(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def table_text(document: Document) -> list[list[str]]:
    """The data table (the last one; the first lays out the motto block)."""
    return [[cell.text for cell in row.cells] for row in document.tables[-1].rows]


def open_xlsx(data: bytes) -> list[list[object]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def open_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark, for Excel"
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


# -- the year and upcoming lists ----------------------------------------------------------------


def test_year_docx_has_one_row_per_anniversary_and_the_state_layout() -> None:
    view = year_2026()
    assert len(view.occurrences) > 40
    document = open_docx(exports.document(view, "docx", "vi"))
    rows = table_text(document)
    assert rows[0] == ["STT", "Ngày", "Loại năm", "Sự kiện"]
    assert len(rows) == 1 + len(view.occurrences)
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, len(rows))]
    names = [r[3] for r in rows[1:]]
    assert "72 năm Chiến thắng Điện Biên Phủ (07/05/1954 - 07/05/2026)" in names
    assert "110 năm Ngày sinh đồng chí Trần Quốc Hoàn (23/01/1916 - 23/01/2026)" in names
    assert rows[1][1].startswith("01/01/2026")
    section = document.sections[0]
    def mm(length: Length | None) -> float:  # Word keeps twentieths of a point
        assert length is not None
        return float(round(length.mm, 1))

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    # Decree 30/2020/NĐ-CP, Appendix I: top/bottom 20–25, left 30–35, right 15–20 mm
    assert 20 <= mm(section.top_margin) <= 25 and 20 <= mm(section.bottom_margin) <= 25
    assert 30 <= mm(section.left_margin) <= 35 and 15 <= mm(section.right_margin) <= 20
    assert MARGINS_MM == {"top": 20, "bottom": 20, "left": 30, "right": 15}
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size is not None and Pt(13) <= normal.font.size <= Pt(14)
    table_runs = [run for row in document.tables[-1].rows for cell in row.cells
                  for p in cell.paragraphs for run in p.runs]
    assert table_runs and all(Pt(12) <= run.font.size <= Pt(13) for run in table_runs)
    widths = [[mm(cell.width) for cell in row.cells] for row in document.tables[-1].rows]
    assert all(w == [12, 26, 22, 105] for w in widths)  # the columns fill 165 mm
    head = document.tables[-1].rows[0]._tr
    assert head.trPr is not None and head.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    motto = [p.text for cell in document.tables[0].rows[0].cells for p in cell.paragraphs]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in motto
    assert "Độc lập - Tự do - Hạnh phúc" in motto
    title = next(p for p in document.paragraphs if p.text == "CÁC NGÀY KỶ NIỆM NĂM 2026")
    assert all(run.bold for run in title.runs)
    assert section.different_first_page_header_footer  # no page number on page 1
    assert 'w:instr="PAGE"' in section.header._element.xml


def test_milestones_are_bold_and_explained() -> None:
    view = year_2026()
    document = open_docx(exports.document(view, "docx", "vi"))
    rows = document.tables[-1].rows[1:]
    for occ, row in zip(view.occurrences, rows, strict=True):
        runs = [run for p in row.cells[3].paragraphs for run in p.runs]
        assert all(bool(run.bold) == occ.milestone for run in runs)
        assert row.cells[2].text.endswith("*") == occ.milestone
    assert any("mốc kỷ niệm theo quy định" in p.text for p in document.paragraphs)


def test_year_xlsx_keeps_dates_as_dates() -> None:
    view = year_2026()
    data = exports.document(view, "xlsx", "vi")
    rows = open_xlsx(data)
    assert rows[0] == ["STT", "Ngày", "Loại năm", "Sự kiện"]
    assert len(rows) == 1 + len(view.occurrences)
    for occ, row in zip(view.occurrences, rows[1:], strict=True):
        assert isinstance(row[1], datetime) and row[1].date() == occ.date
    assert rows[1][0] == 1 and isinstance(rows[1][0], int)
    assert any("Điện Biên Phủ" in str(r[3]) for r in rows)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert sheet["B2"].number_format == "dd/mm/yyyy"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:D{len(rows)}"
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["A"].width
    assert sheet.title == "Ngày kỷ niệm"


def test_year_csv_is_utf8_with_bom_and_day_first_dates() -> None:
    view = year_2026()
    data = exports.document(view, "csv", "vi")
    rows = open_csv(data)
    assert rows[0] == ["STT", "Ngày", "Loại năm", "Sự kiện"]
    assert len(rows) == 1 + len(view.occurrences)
    assert [r[1] for r in rows[1:]] == [o.date.strftime("%d/%m/%Y") for o in view.occurrences]
    assert any(r[3].startswith("72 năm Chiến thắng Điện Biên Phủ") for r in rows)
    assert b"\r\n" in data  # RFC 4180 line ends


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_upcoming_has_a_countdown_column(fmt: str) -> None:
    view = upcoming()
    data = exports.document(view, fmt, "vi")
    if fmt == "docx":
        rows = table_text(open_docx(data))
    else:
        rows = open_xlsx(data) if fmt == "xlsx" else open_csv(data)  # type: ignore[assignment]
    assert rows[0] == ["STT", "Ngày", "Còn (ngày)", "Loại năm", "Sự kiện"]
    assert len(rows) == 1 + len(view.occurrences)
    days = [(o.date - date(2026, 12, 3)).days for o in view.occurrences]
    assert days[0] >= 0 and days[-1] > 300
    assert [str(r[2]) for r in rows[1:]] == [str(n) for n in days]


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_english_headings(fmt: str) -> None:
    view = year_2026("en")
    data = exports.document(view, fmt, "en")
    if fmt == "docx":
        document = open_docx(data)
        rows = table_text(document)
        motto = [p.text for c in document.tables[0].rows[0].cells for p in c.paragraphs]
        assert "Independence - Freedom - Happiness" in motto
    else:
        rows = open_xlsx(data) if fmt == "xlsx" else open_csv(data)  # type: ignore[assignment]
    assert rows[0] == ["No.", "Date", "Year class", "Anniversary"]
    assert any("Dien Bien Phu" in str(r[3]) or "Điện Biên Phủ" in str(r[3]) for r in rows)


def test_an_empty_list_says_so() -> None:
    view = commands.year(NOW, 2026, Filters(scopes=frozenset({"lai châu"}), milestones_only=True))
    assert view.occurrences == ()
    document = open_docx(exports.document(view, "docx", "vi"))
    assert len(document.tables[-1].rows) == 1
    assert any(p.text == "Không có ngày kỷ niệm nào." for p in document.paragraphs)
    assert len(open_xlsx(exports.document(view, "xlsx", "vi"))) == 1


# -- agenda and units ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_agenda_lists_every_item_under_its_section(fmt: str) -> None:
    view = agenda()
    sections = [(key, items) for key, items in view.sections() if items]
    count = sum(len(items) for _, items in sections)
    assert len(sections) >= 2 and count > 10
    data = exports.document(view, fmt, "vi")
    if fmt == "docx":
        rows = table_text(open_docx(data))
        assert rows[0] == ["STT", "Thời gian", "Loại việc", "Nội dung", "Đơn vị", "Kế hoạch"]
        labels = [r[0] for r in rows[1:] if len(set(r)) == 1]  # a merged label row
        assert labels == [f"{word(k, 'vi')} ({len(i)})" for k, i in sections]
        assert len(rows) == 1 + len(sections) + count
        titles = {r[3] for r in rows}
    else:
        rows = open_xlsx(data) if fmt == "xlsx" else open_csv(data)  # type: ignore[assignment]
        assert rows[0] == ["Mục", "STT", "Thời gian", "Từ ngày", "Đến ngày", "Loại việc",
                           "Nội dung", "Đơn vị", "Kế hoạch"]
        assert len(rows) == 1 + count
        titles = {str(r[6]) for r in rows}
        first = sections[0][1][0]
        start = rows[1][3]
        if fmt == "xlsx":
            assert isinstance(start, datetime) and start.date() == first.start
        else:
            assert first.start is not None and start == first.start.strftime("%d/%m/%Y")
    assert {i.title for _, items in sections for i in items} <= titles


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_units_lists_each_unit_and_its_tasks(fmt: str) -> None:
    view = units()
    count = sum(len(t.tasks) for t in view.units)
    data = exports.document(view, fmt, "vi")
    if fmt == "docx":
        rows = table_text(open_docx(data))
        assert rows[0] == ["STT", "Vai trò", "Thời gian", "Loại việc", "Kế hoạch", "Nội dung"]
        assert len(rows) == 1 + len(view.units) + count
        assert view.units[0].title("vi") in rows[1][0]
    else:
        rows = open_xlsx(data) if fmt == "xlsx" else open_csv(data)  # type: ignore[assignment]
        assert rows[0][:3] == ["Đơn vị", "STT", "Vai trò"]
        assert len(rows) == 1 + count
        assert {str(r[0]) for r in rows[1:]} == {t.unit for t in view.units}
    role = 1 if fmt == "docx" else 2
    leads = sum(1 for t in view.units for r, _ in t.tasks if r.value == "lead")
    assert leads and sum(1 for r in rows if r[role] == "chủ trì") == leads


# -- a plan's appendix -------------------------------------------------------------------


@pytest.mark.parametrize("plan", plans(), ids=lambda p: p.id)
def test_plan_appendix_has_one_row_per_activity(plan: Plan) -> None:
    sheet = exports.plan_appendix(plan, "vi")
    document = open_docx(exports.document(sheet, "docx", "vi"))
    rows = table_text(document)
    assert rows[0] == ["STT", "Nội dung", "Thời gian", "Chủ trì", "Phối hợp"]
    data = [r for r in rows[1:] if len(set(r)) > 1]
    assert [r[1] for r in data] == [a.title for a in plan.activities]  # plan order
    for activity, row in zip(plan.activities, data, strict=True):
        assert row[3] == "\n".join(activity.leads)
        if activity.timed and activity.window.start:
            assert activity.window.start.strftime("%d/%m/%Y") in row[2]
            assert activity.window.phrase in row[2]
    texts = [p.text for p in document.paragraphs]
    assert "PHỤ LỤC" in texts and "PHÂN CÔNG THỰC HIỆN" in texts
    assert any(t.startswith("(Kèm theo ") and plan.title in t for t in texts)
    issuer = document.tables[0].rows[0].cells[0].paragraphs[0].text
    assert issuer == plan.issuer.upper()
    labels = [r[0] for r in rows[1:] if len(set(r)) == 1]
    assert labels and all(label.startswith("Mục ") or label == "Chế độ báo cáo"
                          for label in labels)
    sheet_rows = open_xlsx(exports.document(sheet, "xlsx", "vi"))
    assert sheet_rows[0] == ["STT", "Mục", "Nội dung", "Thời gian (theo văn bản)", "Từ ngày",
                             "Đến ngày", "Chủ trì", "Phối hợp"]
    assert len(sheet_rows) == 1 + len(plan.activities)
    assert len(open_csv(exports.document(sheet, "csv", "vi"))) == 1 + len(plan.activities)


def test_plan_export_writes_the_appendix(tmp_path: Path) -> None:
    plan = plans()[0]
    target = tmp_path / "phu-luc.xlsx"
    written = exports.plan_export(NOW, plan.id, "xlsx", str(target), False)
    assert written.plain() == f"Đã ghi {target}: {len(plan.activities)} dòng"
    assert written.as_json() == {"path": str(target), "format": "xlsx",
                                 "rows": len(plan.activities)}
    assert len(open_xlsx(target.read_bytes())) == 1 + len(plan.activities)


def test_plan_export_takes_a_name_fragment_and_refuses_an_unknown_plan(
        tmp_path: Path) -> None:
    out = tmp_path / "phan-cong.docx"
    exports.plan_export(NOW, "thanh xuan", "docx", str(out), False)
    assert "Giải phóng Thủ đô" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    with pytest.raises(InputError) as caught:
        exports.plan_export(NOW, "zzzz qqqq", "docx", None, False)
    assert "không có kế hoạch nào khớp «zzzz qqqq»" in caught.value.problems[0].render("vi")


# -- writing files ----------------------------------------------------------------------------


def test_default_name_and_refusing_to_overwrite(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    view = year_2026()
    written = exports.save(view, "docx", None, False, "vi")
    target = tmp_path / "kyniem-2026.docx"
    assert written.path == "kyniem-2026.docx" and target.exists()
    assert written.plain() == f"Đã ghi kyniem-2026.docx: {len(view.occurrences)} dòng"
    target.write_bytes(b"signed copy")
    with pytest.raises(InputError) as caught:
        exports.save(view, "docx", None, False, "vi")
    problem = caught.value.problems[0]
    assert problem.file == "kyniem-2026.docx"
    assert "--force" in problem.render("vi") and "--force" in problem.render("en")
    assert target.read_bytes() == b"signed copy"
    exports.save(view, "docx", None, True, "vi")
    assert len(table_text(open_docx(target.read_bytes()))) == 1 + len(view.occurrences)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp left


def test_other_default_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert exports.save(upcoming(), "csv", None, False, "vi").path == \
        "kyniem-sap-toi-2026-12-03.csv"
    assert exports.save(agenda(), "xlsx", None, False, "vi").path == \
        "kyniem-lich-viec-2024-03-01.xlsx"
    assert exports.save(units(), "docx", None, False, "vi").path == "kyniem-don-vi.docx"
    plan = plans()[0]
    assert exports.plan_export(NOW, plan.id, "docx", None, False).path == \
        f"{plan.id}-phan-cong.docx"


def test_a_name_with_another_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        exports.save(year_2026(), "docx", str(tmp_path / "list.xlsx"), False, "vi")
    assert ".xlsx" in caught.value.problems[0].render("vi")
    assert not (tmp_path / "list.xlsx").exists()


def test_csv_to_standard_output_and_only_csv() -> None:
    view = year_2026()
    written = exports.save(view, "csv", "-", False, "vi")
    assert written.raw is not None
    assert len(open_csv(written.raw)) == 1 + len(view.occurrences)
    with pytest.raises(InputError) as caught:
        exports.save(view, "docx", "-", False, "vi")
    assert "kyniem-2026.docx" in caught.value.problems[0].render("vi")


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(InputError):
        exports.document(year_2026(), "odt", "vi")


def test_formulas_stay_text() -> None:
    """A title starting with "=" must not run as a formula in Excel (OWASP CSV injection)."""
    row = Row(("1", "=HYPERLINK(\"x\")"), (1, "=HYPERLINK(\"x\")"))
    sheet = Sheet("t", "t", "t", (Column("A", 20), Column("B", 145)), (Column("A"), Column("B")),
                  (Group(None, (row,)),), "vi")
    book = openpyxl.load_workbook(io.BytesIO(exports.document(sheet, "xlsx", "vi")))
    assert book.active is not None and book.active["B2"].data_type == "s"
    assert open_csv(exports.document(sheet, "csv", "vi"))[1][1] == "'=HYPERLINK(\"x\")"


# -- through the command line and LibreOffice -------------------------------------------------


def test_cli_year_format_docx(tmp_path: Path) -> None:
    target = tmp_path / "nam.docx"
    args = ["year", "2026", "--format", "docx", "-o", str(target), "--now", "03/12/2026"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Đã ghi" in result.output
    assert len(table_text(open_docx(target.read_bytes()))) == 1 + len(year_2026().occurrences)
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 2 and "--force" in again.output


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice is not installed (tests/setup.sh installs it)")
def test_year_docx_converts_to_pdf(tmp_path: Path) -> None:
    view = year_2026()
    source = tmp_path / "kyniem-2026.docx"
    source.write_bytes(exports.document(view, "docx", "vi"))
    profile = (tmp_path / "lo-profile").as_uri()  # never the user's LibreOffice profile
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    reader = PdfReader(tmp_path / "kyniem-2026.pdf")
    pages = [unicodedata.normalize("NFC", page.extract_text()) for page in reader.pages]
    assert len(pages) >= 2
    text = "\n".join(pages)
    assert "Chiến thắng Điện Biên Phủ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    # the heading row on every page, the page number from page 2 on
    assert all("STT Ngày Loại năm Sự kiện" in page for page in pages)
    assert pages[1].lstrip().startswith("2")
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)) == (210, 297)


# -- the sheets and their words ---------------------------------------------------------------


def every_sheet() -> list[Sheet]:
    from scheduler.exports.views import sheet_of

    views: list[object] = [year_2026(), upcoming(), agenda(), units(), year_2026("en")]
    return ([sheet_of(v, "vi") for v in views]
            + [exports.plan_appendix(p, lang) for p in plans() for lang in ("vi", "en")])


def test_every_sheet_fills_the_page_between_the_margins() -> None:
    """165 mm: A4's 210 less the 30 mm left and 15 mm right margins."""
    for sheet in every_sheet():
        assert sum(c.mm for c in sheet.page_columns) == 210 - 30 - 15, sheet.stem
        assert sheet.rows, sheet.stem
        for row in sheet.rows:
            assert len(row.page) == len(sheet.page_columns), sheet.stem
            assert len(row.cells) == len(sheet.cell_columns), sheet.stem


def test_every_export_message_is_used_and_worded_in_both_languages() -> None:
    from string import Formatter

    from scheduler.messages.exports import MESSAGES
    from scheduler.wording import MESSAGES as CATALOGUE

    source = Path(__file__).parent.parent / "scheduler" / "exports"
    text = "\n".join(p.read_text(encoding="utf-8") for p in source.glob("*.py"))
    for key, (vi, en) in MESSAGES.items():
        assert key.startswith("export_") and CATALOGUE[key] == (vi, en)
        fields = [{f for _, f, _, _ in Formatter().parse(t) if f} for t in (vi, en)]
        assert fields[0] == fields[1], key
        assert vi != en or not any(ch.isalpha() for ch in vi), key
        column = key.removeprefix("export_col_")
        assert f'"{key}"' in text or f'("{column}",' in text, f"{key} is not used"


def test_a_missing_folder_is_refused_not_made(tmp_path: Path) -> None:
    """Regression from review: `-o /nonexist/a.docx` made the folder (feed -o refuses)."""
    target = tmp_path / "khong-co" / "a.docx"
    with pytest.raises(InputError) as caught:
        exports.save(commands.year(NOW, 2026, commands.Filters()), "docx", str(target), False,
                     "vi")
    assert "không có thư mục" in caught.value.problems[0].render("vi")
    assert not target.parent.exists()
    with pytest.raises(InputError) as folder:
        exports.save(commands.year(NOW, 2026, commands.Filters()), "docx", str(tmp_path),
                     True, "vi")
    assert "là một thư mục" in folder.value.problems[0].render("vi")


def test_a_cell_starting_with_a_tab_is_not_a_formula() -> None:
    from scheduler.exports.tables import _text

    assert _text("\t=1+1").startswith("'")


@pytest.mark.parametrize(("plan_id", "party"), [("phuong-dien-bien-phu-70-2024", True),
                                                ("thanh-xuan-giai-phong-thu-do-70-2024", False)])
def test_a_party_bodys_plan_carries_the_partys_heading(tmp_path: Path, plan_id: str,
                                                       party: bool) -> None:
    """Hướng dẫn 36-HD/VPTW: a Party committee's document is headed "ĐẢNG CỘNG SẢN VIỆT NAM"
    with a star under the issuer, not with the state's motto (Đảng ủy phường vs UBND quận)."""
    out = tmp_path / "phu-luc.docx"
    exports.plan_export(NOW, plan_id, "docx", str(out), False)
    head = docx.Document(str(out)).tables[0]
    text = "\n".join(cell.text for cell in head.rows[0].cells)
    assert ("ĐẢNG CỘNG SẢN VIỆT NAM" in text) is party
    assert ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text) is not party
    assert ("\n*" in head.rows[0].cells[0].text) is party


def test_csv_to_standard_output_with_json_keeps_the_csv() -> None:
    """Regression (tried as a clerk would): ``--json --format csv -o -`` printed only
    ``{"path": "-", "rows": 91}``; the CSV went nowhere. The file goes to standard output,
    what was written to standard error."""
    result = CliRunner().invoke(main, ["year", "2026", "--json", "--format", "csv", "-o", "-"])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows[0][0] == "STT" and len(rows) > 10
    assert '"rows": ' + str(len(rows) - 1) in result.stderr


def test_the_closing_reporting_paragraph_is_named_in_words() -> None:
    """Regression (tried as a clerk would): the appendix's "Mục" column said "report", the
    importer's English name for the closing reporting paragraph, in a document sent out."""
    result = CliRunner().invoke(main, ["plan", "export", "thanh xuan", "--format", "csv",
                                       "-o", "-"])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    sections = {row[1] for row in rows[1:]}
    assert "Chế độ báo cáo" in sections and "report" not in sections
