"""Real Word and PDF files made from plain-text plans, for the importer's tests and benchmark.

- :func:`seed_texts`: the three real plans (``tests/fixtures/seeds/``, copies of shared/seeds);
- :func:`write_docx`: a Word file as a person would type the plan: numbered headings as literal
  text, ``- ``/``+ `` items as Word's automatic bullets (styles "List Bullet"/"List Bullet 2"),
  ``**bold**`` as bold runs, lines that wrap a sentence as line breaks inside one paragraph,
  and optionally a table;
- :func:`write_numbered_docx`: a multi-level automatic list (``1.``, ``a)``, bullets);
- :func:`write_pdf`: a text-layer PDF with an embedded Unicode font (DejaVu Sans), long
  paragraphs wrapped by the writer over several lines, 6 pt between paragraphs, page numbers
  in the footer; :func:`long_text` makes a plan of about N pages for timing;
- :func:`write_scanned_pdf` (drawings and an image, no text), :func:`write_encrypted_pdf`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fpdf import FPDF

from scheduler.imports.documents import text_width, wraps

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
#: A line of the text given to :func:`write_docx` that says where the table goes.
TABLE_HERE = "[[table]]"


def seed_texts() -> dict[str, str]:
    """The three seed plans by file stem (``000_…``), as UTF-8 text."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}


def write_document(text: str, path: Path) -> Path:
    """``text`` as the kind of document ``path``'s suffix names: .txt, .docx or .pdf."""
    if path.suffix == ".docx":
        return write_docx(text, path)
    if path.suffix == ".pdf":
        write_pdf(text, path)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# -- Word -------------------------------------------------------------------------------------

_BULLETS = {"- ": "List Bullet", "+ ": "List Bullet 2"}
_RUNS = re.compile(r"(\*\*|\*(?=[^\s*])|(?<=[^\s*])\*)")


def write_docx(text: str, path: Path, table: Sequence[Sequence[str]] | None = None) -> Path:
    """A Word file holding the plain-text plan ``text``; ``table`` goes where a line reads
    ``[[table]]`` (at the end if none does).

    Lines the importer's text rule joins (:func:`~scheduler.imports.documents.wraps`, tested
    on its own) become one Word paragraph with line breaks, as a title typed with Shift+Enter:
    so comparing with the .txt reading tests the Word reading, not that rule twice."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Times New Roman"
    bold = [False]  # **bold** may span lines (a title in two lines)
    paragraph: Any = None
    previous = ""
    placed = False
    width = text_width(text.splitlines())
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            paragraph = None
            continue
        if line == TABLE_HERE and table is not None:
            _add_table(document, table)
            paragraph, placed = None, True
            continue
        if paragraph is not None and wraps(previous, line, width):
            paragraph.add_run().add_break()  # a wrapped line: Shift+Enter in the same paragraph
        else:
            style = next((s for m, s in _BULLETS.items() if line.startswith(m)), None)
            paragraph = document.add_paragraph(style=style)
            if style is not None:
                line = line[2:]
        _add_runs(paragraph, line, bold)
        previous = raw.strip()
    if table is not None and not placed:
        _add_table(document, table)
    document.save(str(path))
    return path


def _add_runs(paragraph: Any, line: str, bold: list[bool]) -> None:
    italic = False
    for piece in _RUNS.split(line):
        if piece == "**":
            bold[0] = not bold[0]
        elif piece == "*":
            italic = not italic
        elif piece:
            run = paragraph.add_run(piece)
            run.bold, run.italic = bold[0] or None, italic or None


def _add_table(document: Any, rows: Sequence[Sequence[str]]) -> None:
    width = max(len(row) for row in rows)
    grid = document.add_table(rows=len(rows), cols=width)
    grid.style = "Table Grid"
    for row, values in zip(grid.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=False):
            cell.text = value


_MULTILEVEL = """<w:abstractNum {ns} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
    <w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/>
    <w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/>
    <w:pPr><w:ind w:left="1080" w:hanging="360"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%4."/>
    <w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%5."/>
    <w:pPr><w:ind w:left="1800" w:hanging="360"/></w:pPr></w:lvl>
</w:abstractNum>"""


def write_numbered_docx(items: Sequence[tuple[int, str]], path: Path, *,
                        restart_at: int | None = None, start: int = 1) -> Path:
    """A Word file whose paragraphs ``(level, text)`` are one automatic multi-level list:
    level 0 ``1.``, 1 ``a)``, 2 a bullet, 3 ``1.1.``, 4 ``I.``. From item ``restart_at`` on, the
    list is a second instance of the same definition, its first level starting at ``start``
    (``startOverride``); a level of -1 is a plain paragraph."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_MULTILEVEL.format(ns=nsdecls("w"))))
    for num_id, override in ((90, ""), (91, '<w:lvlOverride w:ilvl="0">'
                                            f'<w:startOverride w:val="{start}"/></w:lvlOverride>')):
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                                   f'<w:abstractNumId w:val="90"/>{override}</w:num>'))
    for index, (level, text) in enumerate(items):
        paragraph = document.add_paragraph(text)
        if level < 0:
            continue
        num_id = 91 if restart_at is not None and index >= restart_at else 90
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
            f"</w:numPr>"))
    document.save(str(path))
    return path


def with_line_breaks(path: Path, paragraph: int, texts: Sequence[str]) -> None:
    """Replace the text of body paragraph ``paragraph`` by ``texts`` separated by ``w:br``."""
    document = docx.Document(str(path))
    p = document.paragraphs[paragraph]
    for run in list(p.runs):
        run._r.getparent().remove(run._r)
    for i, text in enumerate(texts):
        if i:
            p.add_run().add_break()
        p.add_run(text)
    document.save(str(path))


# -- PDF --------------------------------------------------------------------------------------

class _Pages(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=9)
        self.cell(0, 5, f"- {self.page_no()} -", align="C")


def _pdf(size: float = 11) -> _Pages:
    pdf = _Pages(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_font("DejaVu", size=size)
    return pdf


def _markdown(line: str, bold: list[bool]) -> str:
    """``line`` for fpdf2's markdown: ``**`` kept (bold, also across lines), single ``*``
    dropped (no italic face here), fpdf2's other markers escaped."""
    out: list[str] = ["**"] if bold[0] else []
    for piece in _RUNS.split(line):
        if piece == "**":
            bold[0] = not bold[0]
            out.append("**")
        elif piece and piece != "*":
            piece = piece.replace("\\", "\\\\")
            for marker in ("__", "--", "~~"):
                piece = piece.replace(marker, "\\" + marker)
            out.append(piece)
    if bold[0]:
        out.append("**")
    return "".join(out)


def write_pdf(text: str, path: Path, *, size: float = 11, spacing: float = 1.4) -> int:
    """A text-layer PDF of the plain-text plan ``text``; returns its number of pages.

    Each line of ``text`` is one paragraph of the PDF, wrapped by the writer to the page width
    (justified), in DejaVu Sans of ``size`` points, lines ``spacing`` times the size apart; a
    blank line, and a line the text reader takes as a paragraph of its own (:func:`wraps`),
    leave a 6 pt gap, as between the paragraphs of a Word file (Decree 30/2020)."""
    pdf = _pdf(size)
    leading = size * spacing * 25.4 / 72  # mm
    pdf.add_page()
    bold = [False]
    gap = False
    width, previous = text_width(text.splitlines()), ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            gap = True
            continue
        if gap or (previous and not wraps(previous, line, width)):
            pdf.ln(2.1)  # 6 pt: a paragraph of its own, as the text reader reads it
            gap = False
        previous = line
        pdf.multi_cell(0, leading, _markdown(line, bold), markdown=True, new_x="LMARGIN",
                       new_y="NEXT")
    pdf.output(str(path))
    return int(pdf.page_no())


def pdf_lines(line: str, size: float = 11) -> list[str]:
    """The lines :func:`write_pdf` wraps one line of text into (at that font size)."""
    pdf = _pdf(size)
    pdf.add_page()
    leading = size * 1.4 * 25.4 / 72
    found = pdf.multi_cell(0, leading, _markdown(line, [False]), markdown=True, dry_run=True,
                           output="LINES")
    return [" ".join(str(text).replace("**", "").split()) for text in found]


def long_text(pages: int = 20) -> str:
    """A plan of about ``pages`` A4 pages as :func:`write_pdf` sets it (±1): the seeds'
    paragraphs, over and over."""
    blocks = [block for text in seed_texts().values() for block in text.split("\n\n")
              if block.strip()]
    chunks: list[str] = []
    size = 0
    while size < pages * _PER_PAGE:
        chunks.append(blocks[len(chunks) % len(blocks)])
        size += len(chunks[-1])
    return "\n\n".join(chunks)


_PER_PAGE = 2650  # characters of the seeds on a page of write_pdf's default layout


def write_scanned_pdf(path: Path) -> Path:
    """A PDF like a scan: a page of drawings and an image, and no text at all."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 300), 255)
    draw = ImageDraw.Draw(image)
    for row in range(12):
        draw.rectangle((40, 20 + row * 22, 560 - (row % 3) * 90, 32 + row * 22), fill=30)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(image, x=20, y=40, w=170)
    pdf.set_line_width(0.8)
    pdf.rect(15, 15, 180, 267)
    pdf.line(20, 30, 190, 30)
    pdf.ellipse(90, 200, 30, 30)
    pdf.output(str(path))
    return path


def write_encrypted_pdf(text: str, path: Path, user_password: str | None = "mat-khau") -> Path:
    """A text-layer PDF under a password (``user_password=None``: only an owner password,
    which restricts printing or copying but opens without asking)."""
    pdf = _pdf()
    pdf.set_encryption(owner_password="chu-so-huu", user_password=user_password)
    pdf.add_page()
    for line in text.splitlines():
        if line.strip():
            pdf.multi_cell(0, 5.5, line.strip(), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path
