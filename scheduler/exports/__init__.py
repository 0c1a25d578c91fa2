"""Office documents: the lists of ``year``, ``upcoming``, ``agenda`` and ``units`` and a
plan's assignment appendix as Word (.docx), Excel (.xlsx) or CSV files, the forms in which
offices print, sign and pass on lists (issue 12, build item 4).

They read the same views as the terminal (:mod:`scheduler.outputs`) and never a plan's
phrases again: the view becomes a :class:`~.sheet.Sheet` (:mod:`.views`), the sheet becomes
bytes (:mod:`.word` after Decree 30/2020/NĐ-CP, :mod:`.tables`), and :func:`save` writes
them atomically (:mod:`scheduler.atomic`). python-docx and openpyxl are imported only when
a document is made, so listings stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..outputs import View
from ..registry import InputError, Problem
from ..wording import quote, say
from .sheet import Sheet
from .views import plan_appendix as plan_appendix
from .views import sheet_of

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

    from ..commands import Settings

FORMATS = ("docx", "xlsx", "csv")
STDOUT = "-"


def document(view: View | Sheet, fmt: str, lang: str) -> bytes:
    """The view (or a sheet: :func:`plan_appendix`) as the bytes of a ``fmt`` file."""
    sheet = view if isinstance(view, Sheet) else sheet_of(view, lang)
    return _render(sheet, _format(fmt))


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InputError([Problem("", None, "--format", say(
            "export_format", fmt=quote(fmt), known=", ".join(FORMATS)))])
    return fmt


def _render(sheet: Sheet, fmt: str) -> bytes:
    if fmt == "docx":
        from .word import docx_bytes

        return docx_bytes(sheet)
    from .tables import csv_bytes, xlsx_bytes

    return xlsx_bytes(sheet) if fmt == "xlsx" else csv_bytes(sheet)


@dataclass(frozen=True)
class Exported:
    """What was written: "Đã ghi kyniem-2026.docx: 35 dòng". A CSV for standard output
    carries its bytes in ``raw``, which :func:`scheduler.outputs.emit` writes as they are."""

    path: str
    fmt: str
    rows: int
    lang: str
    raw: bytes | None = None

    def plain(self) -> str:
        if self.path == STDOUT:
            return say("export_written_stdout", n=self.rows).render(self.lang)
        return say("export_written", path=self.path, n=self.rows).render(self.lang)

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, "format": self.fmt, "rows": self.rows}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        yield Text(self.plain())


def save(view: View | Sheet, fmt: str, output: str | None, force: bool,
         lang: str) -> Exported:
    """Write the view as a ``fmt`` file: to ``output``, else to the sheet's own name in the
    current folder (``kyniem-2026.docx``, ``kyniem-sap-toi-2026-12-03.xlsx``, …); a CSV goes
    to standard output with ``output`` "-". An existing file is replaced only with
    ``force`` (an InputError naming it otherwise), and never half-written."""
    from ..atomic import write_atomic

    fmt = _format(fmt)
    sheet = view if isinstance(view, Sheet) else sheet_of(view, lang)
    if output == STDOUT:
        if fmt != "csv":
            raise InputError([Problem("", None, "-o", say(
                "export_stdout_binary", fmt=fmt, example=f"{sheet.stem}.{fmt}"))])
        return Exported(STDOUT, fmt, len(sheet.rows), lang, _render(sheet, fmt))
    path = Path(output or f"{sheet.stem}.{fmt}")
    if path.suffix and path.suffix.lower() != f".{fmt}":
        raise InputError([Problem(str(path), None, "", say("export_suffix", suffix=path.suffix,
                                                           fmt=fmt))])
    # a mistyped folder makes no folders, and a folder is named as one (as `feed -o` does)
    if not path.parent.is_dir():
        raise InputError([Problem(str(path), None, "-o", say("path_no_folder",
                                                             folder=str(path.parent)))])
    if path.is_dir():
        raise InputError([Problem(str(path), None, "-o", say("path_is_folder"))])
    if not force and (path.exists() or path.is_symlink()):
        raise InputError([Problem(str(path), None, "", say("export_exists"))])
    write_atomic(path, _render(sheet, fmt))
    return Exported(str(path), fmt, len(sheet.rows), lang)


def plan_export(settings: Settings, plan_ref: str, fmt: str, output: str | None,
                force: bool) -> Exported:
    """``kyniem plan export PLAN``: the plan's assignment appendix (the plan by its id or a
    unique fragment of its title, issuer or anniversary: :func:`scheduler.finding.plan_of`)."""
    from ..finding import plan_of
    from ..planning import load

    plan = plan_of(load(settings), settings.registry(), plan_ref)
    return save(plan_appendix(plan, settings.lang), fmt, output, force, settings.lang)


__all__ = ["FORMATS", "Exported", "Sheet", "document", "plan_appendix", "plan_export", "save"]
