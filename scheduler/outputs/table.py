"""A list of occurrences (``upcoming``, ``year``): rich table, plain columns or JSON.

Wide terminals get a table; narrower than its short columns plus a readable title
(:mod:`.layout`), and in plain text (80 cells), each anniversary is stacked: its title, then
date, countdown and class on the line below.
Rich is imported only inside ``__rich_console__``, keeping piped runs fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..dates import fmt
from ..i18n import class_word, weekday, word
from ..model import Occurrence
from .layout import (
    MIN_TITLE,
    PIPE_WIDTH,
    Entry,
    natural,
    plain_entries,
    rich_entries,
    table_fits,
    wrap,
)
from .text import CLASS_STYLE, countdown, occurrence_json, title

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


@dataclass(frozen=True)
class OccurrenceTable:
    """A list of occurrences, as ``upcoming`` (with countdown) or ``year`` shows it; ``marks``
    off drops the milestone star (a list of milestones only, as ``show`` has)."""

    heading: str
    occurrences: tuple[Occurrence, ...]
    lang: str
    today: date | None = None  # set: show a countdown column
    marks: bool = True

    def _cells(self, occ: Occurrence) -> list[str]:
        day = f"{fmt(occ.date)} {weekday(occ.date.weekday(), self.lang)}"
        cells = [day]
        if self.today is not None:
            cells.append(countdown(occ.date, self.today, self.lang))
        mark = "*" if occ.milestone and self.marks else ""
        cells += [class_word(occ.klass, self.lang) + mark, title(occ, self.lang)]
        return cells

    def _header(self) -> list[str]:
        keys = ["date", *(["days"] if self.today is not None else []), "class", "name"]
        return [word(k, self.lang) for k in keys]

    def _style(self, occ: Occurrence) -> str:
        return CLASS_STYLE.get(occ.klass, "") if occ.milestone else ""

    def _entries(self) -> list[Entry]:
        return [Entry(cells[-1], tuple(cells[:-1]), self._style(occ))
                for occ in self.occurrences for cells in [self._cells(occ)]]

    def plain(self) -> str:
        return "\n".join(self.plain_lines())

    def plain_lines(self, width: int = PIPE_WIDTH) -> list[str]:
        """Stacked anniversaries: a title (the guidance's wording, 60 to 120 characters)
        on a line of its own reads whole where a column beside the date would break it
        over three; the date, countdown and class go on the line below."""
        head = wrap(self.heading, width, "", "  ")
        if not self.occurrences:
            return [*head, word("none", self.lang)]
        return [*head, *plain_entries(self._entries(), width), *self._legend(width)]

    def _legend(self, width: int) -> list[str]:
        marked = self.marks and any(o.milestone for o in self.occurrences)
        return wrap(word("legend", self.lang), width, "", "  ") if marked else []

    def as_json(self) -> list[dict[str, Any]]:
        return [occurrence_json(o, self.lang, self.today) for o in self.occurrences]

    def fits(self, width: int) -> bool:
        """Whether a table at ``width`` leaves the title column :data:`MIN_TITLE` cells."""
        rows = [self._header(), *(self._cells(o) for o in self.occurrences)]
        fixed = [natural(r[i] for r in rows) for i in range(len(rows[0]) - 1)]
        return table_fits(fixed, [MIN_TITLE], width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table
        from rich.text import Text

        width = options.max_width
        if not self.occurrences:
            yield Text(self.heading)
            yield Text(word("none", self.lang))
            return
        if not self.fits(width):
            yield Text(self.heading, style="bold")
            yield rich_entries(self._entries(), width)
            if legend := self._legend(width):
                yield Text("\n".join(legend), style="dim")
            return
        table = Table(title=Text(self.heading), title_justify="left", header_style="bold")
        headers = self._header()
        for i, header in enumerate(headers):
            last = i == len(headers) - 1
            table.add_column(header, no_wrap=not last, overflow="fold" if last else "ellipsis")
        for occ in self.occurrences:
            cells = self._cells(occ)
            table.add_row(*(Text(c) for c in cells[:-1]), Text(cells[-1], style=self._style(occ)))
        if legend := self._legend(width):
            table.caption, table.caption_justify = Text(" ".join(legend)), "left"
        yield table
