"""One shape for every office document: a titled table whose rows are worded twice, as a
printed page shows them (Word) and as a spreadsheet keeps them (Excel, CSV: real dates in
columns of their own, so a clerk can sort and filter).

The views (:mod:`scheduler.outputs`) become sheets in :mod:`.views`; :mod:`.word` and
:mod:`.tables` write the bytes. Nothing here imports python-docx or openpyxl.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: A spreadsheet cell: text, a whole number (STT, days), a date (Excel date, dd/mm/yyyy).
Cell = str | int | date | None


@dataclass(frozen=True)
class Column:
    """A column's heading and width: ``mm`` on the printed page, ``chars`` in Excel."""

    heading: str
    mm: float = 0.0
    chars: int = 12


@dataclass(frozen=True)
class Row:
    """One listed thing: ``page`` as Word prints it, ``cells`` as the spreadsheet keeps it;
    ``strong`` rows are printed bold (a milestone year)."""

    page: tuple[str, ...]
    cells: tuple[Cell, ...]
    strong: bool = False


@dataclass(frozen=True)
class Group:
    """Rows under a label ("Hạn chót (3)", "Mục II", a unit); ``label`` None: no label row."""

    label: str | None
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Sheet:
    """A document: ``stem`` names its file (``kyniem-2026`` → ``kyniem-2026.docx``)."""

    stem: str
    tab: str  # the worksheet's name (Excel allows 31 characters)
    title: str  # printed in bold capitals
    page_columns: tuple[Column, ...]
    cell_columns: tuple[Column, ...]
    groups: tuple[Group, ...]
    lang: str
    issuer: str | None = None  # the issuing body, top left of the first page
    caption: str | None = None  # above the title: "PHỤ LỤC"
    lines: tuple[str, ...] = ()  # below the title, in italics: "(Kèm theo Kế hoạch …)"
    notes: tuple[str, ...] = ()  # below the table: a legend, "nothing listed"

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(row for group in self.groups for row in group.rows)
