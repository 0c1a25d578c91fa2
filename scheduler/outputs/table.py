"""A list of occurrences (``upcoming``, ``year``): rich table, plain columns or JSON.

Rich is imported only inside ``__rich_console__``, keeping piped runs fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..dates import fmt
from ..i18n import class_word, weekday, word
from ..model import Occurrence
from .text import CLASS_STYLE, columns, countdown, occurrence_json, title

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


@dataclass(frozen=True)
class OccurrenceTable:
    """A list of occurrences, as ``upcoming`` (with countdown) or ``year`` shows it."""

    heading: str
    occurrences: tuple[Occurrence, ...]
    lang: str
    today: date | None = None  # set: show a countdown column

    def _cells(self, occ: Occurrence) -> list[str]:
        day = f"{fmt(occ.date)} {weekday(occ.date.weekday(), self.lang)}"
        cells = [day]
        if self.today is not None:
            cells.append(countdown(occ.date, self.today, self.lang))
        mark = "*" if occ.milestone else ""
        cells += [class_word(occ.klass, self.lang) + mark, title(occ, self.lang)]
        return cells

    def _header(self) -> list[str]:
        keys = ["date", *(["days"] if self.today is not None else []), "class", "name"]
        return [word(k, self.lang) for k in keys]

    def plain(self) -> str:
        if not self.occurrences:
            return f"{self.heading}\n{word('none', self.lang)}"
        rows = [self._header(), *(self._cells(o) for o in self.occurrences)]
        return f"{self.heading}\n{columns(rows)}{self._legend()}"

    def _legend(self) -> str:
        marked = any(o.milestone for o in self.occurrences)
        return f"\n{word('legend', self.lang)}" if marked else ""

    def as_json(self) -> list[dict[str, Any]]:
        return [occurrence_json(o, self.lang, self.today) for o in self.occurrences]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table

        if not self.occurrences:
            yield self.heading
            yield word("none", self.lang)
            return
        table = Table(title=self.heading, title_justify="left", header_style="bold")
        for i, header in enumerate(self._header()):
            table.add_column(header, no_wrap=i < len(self._header()) - 1)
        for occ in self.occurrences:
            cells = self._cells(occ)
            style = CLASS_STYLE[occ.klass] if occ.milestone else ""
            table.add_row(*cells[:-1], f"[{style}]{cells[-1]}[/]" if style else cells[-1])
        if legend := self._legend().strip():
            table.caption, table.caption_justify = legend, "left"
        yield table
