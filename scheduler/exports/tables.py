"""A :class:`~.sheet.Sheet` as an Excel workbook (openpyxl) or a CSV file: one heading row,
then one row per listed thing, dates as dates.

Excel: the heading row frozen and filtered, widths per column, dates stored as dates
shown dd/mm/yyyy, printed on A4 landscape with the heading row on every page. CSV: UTF-8
with a byte-order mark (Excel reads a CSV without one in the Windows code page and garbles
Vietnamese), commas, CRLF line ends (RFC 4180 §2), dates dd/mm/yyyy.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from ..dates import fmt
from ..sanitize import strip_controls
from .sheet import Cell, Sheet

DATE_FORMAT = "dd/mm/yyyy"
#: A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: CSV injection


def xlsx_bytes(sheet: Sheet) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = _tab(sheet.tab)
    ws.append([strip_controls(c.heading) for c in sheet.cell_columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    top = Alignment(vertical="top", wrap_text=True)
    for r, row in enumerate(sheet.rows, 2):
        for c, value in enumerate(row.cells, 1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = strip_controls(value)
                cell.data_type = "s"  # "=…" stays text: openpyxl would make it a formula
            else:
                cell.value = value
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
            cell.alignment = top
    for i, column in enumerate(sheet.cell_columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = column.chars
    last = get_column_letter(len(sheet.cell_columns))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{len(sheet.rows) + 1}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    ws.print_title_rows = "1:1"
    header, footer = ws.oddHeader, ws.oddFooter
    assert header is not None and footer is not None
    header.center.text = strip_controls(sheet.title).replace("&", "&&")  # & starts a code
    footer.center.text = "&P/&N"
    book.properties.title = strip_controls(sheet.title)
    book.properties.creator = "kyniem"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _tab(name: str) -> str:
    """A worksheet name Excel accepts: 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in strip_controls(name))
    return cleaned.strip()[:31] or "kyniem"


def csv_bytes(sheet: Sheet) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_text(c.heading) for c in sheet.cell_columns])
    for row in sheet.rows:
        writer.writerow([_text(value) for value in row.cells])
    return out.getvalue().encode("utf-8-sig")


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return fmt(value)
    if isinstance(value, int):
        return str(value)
    text = strip_controls(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text
