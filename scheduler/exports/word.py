"""A :class:`~.sheet.Sheet` as a Word document laid out as the state's documents are
(Decree 30/2020/NĐ-CP on clerical work, Appendix I "Thể thức và kỹ thuật trình bày văn bản
hành chính"):

- A4 paper (I.4); margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm (I.5):
  20, 20, 30 and 15 mm here, which leaves 165 mm for the table;
- Times New Roman (I.3), body 14 pt, the table 12 pt;
- the national motto (II.1): "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in bold capitals 12–13 pt,
  "Độc lập - Tự do - Hạnh phúc" in bold 13–14 pt with a line of its length beneath
  (an underline here); the issuing body (II.3) top left in bold capitals 12–13 pt with a
  short line beneath;
- the title in bold capitals 14 pt (II.5); an appendix (II.10) headed "PHỤ LỤC", its title
  and "(Kèm theo …)" in italics;
- page numbers in Arabic figures centred in the top margin, none on the first page (II.11);
- the table's heading row repeated on every page, so a signed page 3 still says what its
  columns are.

python-docx writes it all except the heading-row repeat (``w:tblHeader``) and the page
number field (``w:fldSimple PAGE``), which it has no API for.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ..sanitize import strip_controls
from ..wording import say
from .sheet import Sheet

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT, TABLE_PT, MOTTO_PT = 14, 12, 13
NATION_PT = 12  # 12–13 allowed; at 13 the line no longer fits its 105 mm box
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
MOTTO_MM = (60, 105)  # the issuer's box and the motto's, 165 mm together


def docx_bytes(sheet: Sheet) -> bytes:
    import docx
    from docx.shared import Mm, Pt

    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.0
    section = doc.sections[0]
    section.page_width, section.page_height = (Mm(n) for n in PAGE_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    _page_numbers(doc)
    _motto(doc, sheet)
    if sheet.caption:
        _line(doc.add_paragraph(), sheet.caption, bold=True, before=12)
    _line(doc.add_paragraph(), sheet.title.upper(), bold=True, before=0 if sheet.caption else 12)
    for text in sheet.lines:
        _line(doc.add_paragraph(), text, italic=True)
    _table(doc, sheet)
    for text in sheet.notes:
        _line(doc.add_paragraph(), text, italic=True, size=TABLE_PT, center=False, before=6)
    doc.core_properties.title = strip_controls(sheet.title)
    doc.core_properties.author = "kyniem"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _line(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False,
          size: float = BODY_PT, center: bool = True, underline: bool = False,
          before: float = 0) -> Paragraph:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(before)
    run = paragraph.add_run(strip_controls(text))
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    run.underline = underline
    return paragraph


#: Issuers whose documents follow the Party's layout (Hướng dẫn 36-HD/VPTW ngày 03/4/2018 of
#: the Central Office, on the format of Party documents): folded words naming a committee.
PARTY_WORDS = ("dang uy", "dang bo", "chi bo", "quan uy", "huyen uy", "thi uy", "tinh uy",
               "thanh uy", "ban thuong vu", "ban chap hanh", "ban tuyen giao", "ban dan van",
               "ban to chuc", "uy ban kiem tra")


def is_party(issuer: str | None) -> bool:
    """Whether ``issuer`` is a Party body (its documents carry "ĐẢNG CỘNG SẢN VIỆT NAM",
    not the state motto)."""
    from ..names import fold

    return issuer is not None and any(w in fold(issuer) for w in PARTY_WORDS)


def _motto(doc: Document, sheet: Sheet) -> None:
    """The issuing body (left) and the national motto (right), side by side in a table
    without borders, as Appendix I's layout places them (boxes 2 and 1). A Party body's
    document has "ĐẢNG CỘNG SẢN VIỆT NAM" instead, and a star under its name (Hướng dẫn
    36-HD/VPTW, Điều 2)."""
    from docx.shared import Mm

    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    for column, cell, mm in zip(table.columns, (left, right), MOTTO_MM, strict=True):
        column.width = cell.width = Mm(mm)
    if sheet.issuer:
        _line(left.paragraphs[0], sheet.issuer.upper(), bold=True, size=MOTTO_PT)
        # the short line beneath, about 2/5 of the name (underscores join into one line:
        # python-docx draws no shapes and a paragraph border is hand-written XML)
        mark = "*" if is_party(sheet.issuer) else "_" * min(18, max(6, round(
            len(sheet.issuer) / 2)))
        _line(left.add_paragraph(), mark, size=MOTTO_PT).paragraph_format.line_spacing = 0.6
    if is_party(sheet.issuer):
        _line(right.paragraphs[0], say("export_motto_party").render(sheet.lang), bold=True,
              size=NATION_PT, underline=True)
    else:
        _line(right.paragraphs[0], say("export_motto_nation").render(sheet.lang), bold=True,
              size=NATION_PT)
        _line(right.add_paragraph(), say("export_motto").render(sheet.lang), bold=True,
              size=MOTTO_PT, underline=True)
    for cell in (left, right):
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = 0


def _table(doc: Document, sheet: Sheet) -> None:
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    doc.add_paragraph().paragraph_format.space_after = 0
    widths = [Mm(c.mm) for c in sheet.page_columns]
    table = doc.add_table(rows=1, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    head = table.rows[0]
    for grid, cell, width in zip(table.columns, head.cells, widths, strict=True):
        grid.width = cell.width = width  # rows added later take the grid's widths
    head._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeat on every page
    for cell, column in zip(head.cells, sheet.page_columns, strict=True):
        _cell(cell, column.heading, bold=True, center=True)
    for group in sheet.groups:
        if group.label is not None:
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[-1])
            _cell(merged, group.label, bold=True)
        for data in group.rows:
            cells = table.add_row().cells
            for i, text in enumerate(data.page):
                _cell(cells[i], text, bold=data.strong, center=i == 0)


def _cell(cell: _Cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(2)
    paragraph.paragraph_format.space_after = Pt(2)
    run = paragraph.add_run(strip_controls(text))  # "\n" becomes a line break
    run.bold, run.font.size = bold, Pt(TABLE_PT)


def _page_numbers(doc: Document) -> None:
    """PAGE in the header's middle from page 2 on; page 1 gets an empty header."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)

