"""``kyniem agenda``: what is due, starting and running in a range, nearest deadline first.

A wide terminal shows each section as a table (when, type, what with its plan, who); a narrower
one, and plain text, stacks each task: its title, then window, type, units and plan below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..dates import fmt
from ..i18n import word
from ..items import Item, ItemKind, Items
from .itemtext import item_json, kind_text, units_text, window_text
from .layout import MIN_TITLE, PIPE_WIDTH, Entry, natural, plain_entries, rich_entries, table_fits

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

#: The narrowest units column a table may leave.
MIN_UNITS = 20

SECTION_STYLE = {"due": "bold red", "starting": "green", "running": "cyan",
                 "anniversaries": "magenta", "undated_items": "dim"}


@dataclass(frozen=True)
class Agenda:
    start: date
    end: date
    due: tuple[Item, ...]
    starting: tuple[Item, ...]
    running: tuple[Item, ...]
    anniversaries: tuple[Item, ...]
    undated: tuple[Item, ...]
    lang: str
    unit: str | None = None

    @classmethod
    def of(cls, items: Items, start: date, end: date, lang: str,
           unit: str | None = None) -> Agenda:
        """Sort the items touching [start, end] into the agenda's sections."""
        touching = items.between(start, end)
        due = sorted((i for i in touching if i.due and start <= i.due.day <= end),
                     key=lambda i: (i.due.day if i.due else start, i.uid))
        rest = [i for i in touching if i not in due and not (i.due and i.due.day < start)]
        marks = [i for i in rest if i.kind is ItemKind.ANNIVERSARY]
        work = [i for i in rest if i.kind is not ItemKind.ANNIVERSARY]
        starting = [i for i in work if i.start and i.start >= start]
        running = sorted((i for i in work if i.start and i.start < start),
                         key=lambda i: (i.end or end, i.uid))
        # tasks with no time of plans still in force (regression: a 2022 plan's undated
        # tasks filled every agenda, years on)
        undated = tuple(i for i in items.undated() if i.plan is None or i.plan.last_day >= start)
        return cls(start, end, tuple(due), tuple(starting), tuple(running), tuple(marks),
                   undated, lang, unit)

    def heading(self) -> str:
        span = {"start": fmt(self.start), "end": fmt(self.end)}
        if self.unit:
            return word("agenda_unit", self.lang, unit=self.unit, **span)
        return word("agenda", self.lang, **span)

    def sections(self) -> list[tuple[str, Sequence[Item]]]:
        return [("due", self.due), ("starting", self.starting), ("running", self.running),
                ("anniversaries", self.anniversaries), ("undated_items", self.undated)]

    def _row(self, item: Item) -> list[str]:
        plan = item.plan.id if item.plan else ""
        return [window_text(item, self.lang), kind_text(item, self.lang), item.title,
                units_text(item, self.lang), plan]

    def _entry(self, item: Item) -> Entry:
        when, kind, title, units, plan = self._row(item)
        return Entry(title, (when, kind, units, plan))

    def plain(self) -> str:
        return "\n".join(self.plain_lines())

    def plain_lines(self, width: int = PIPE_WIDTH) -> list[str]:
        """Each section's tasks stacked, within ``width`` cells."""
        lines = [self.heading()]
        for key, items in self.sections():
            if items:
                lines += ["", f"{word(key, self.lang)} ({len(items)}):"]
                lines += plain_entries((self._entry(i) for i in items), width, "  ")
        if len(lines) == 1:
            lines += ["", word("nothing", self.lang)]
        return lines

    def fits(self, width: int) -> bool:
        """Whether the tables leave the title :data:`MIN_TITLE` cells and the units
        :data:`MIN_UNITS` at ``width``."""
        rows = [self._row(i) for _, items in self.sections() for i in items]
        heads = [word(k, self.lang) for k in ("when", "type")]
        fixed = [natural([heads[0], *(r[0] for r in rows)]),
                 natural([heads[1], *(r[1] for r in rows)])]
        return table_fits(fixed, [MIN_TITLE, MIN_UNITS], width)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start.isoformat(), "end": self.end.isoformat(),
                               "unit": self.unit}
        for key, items in self.sections():
            out[key.replace("_items", "")] = [item_json(i) for i in items]
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table
        from rich.text import Text

        width = options.max_width
        wide = self.fits(width)
        yield Text(self.heading(), style="bold")
        for key, items in self.sections():
            if not items:
                continue
            caption = f"{word(key, self.lang)} ({len(items)})"
            if not wide:
                yield Text(caption, style=SECTION_STYLE[key])
                yield rich_entries((self._entry(i) for i in items), width, "  ")
                continue
            table = Table(title=Text(caption), title_justify="left",
                          title_style=SECTION_STYLE[key], header_style="bold", expand=True)
            table.add_column(word("when", self.lang), no_wrap=True)
            table.add_column(word("type", self.lang), no_wrap=True)
            table.add_column(word("what", self.lang), ratio=3, overflow="fold")
            table.add_column(word("who", self.lang), ratio=2, overflow="fold")
            for item in items:
                when, kind, title, units, plan = self._row(item)
                what = Text(title)
                if plan:
                    what.append(f"\n{plan}", style="dim")
                table.add_row(Text(when), Text(kind), what, Text(units))
            yield table
