"""``kyniem agenda``: what is due, starting and running in a range, nearest deadline first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..dates import fmt
from ..i18n import word
from ..items import Item, ItemKind, Items
from .itemtext import item_json, kind_text, main_unit, units_text, window_text
from .text import columns

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

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
        return cls(start, end, tuple(due), tuple(starting), tuple(running), tuple(marks),
                   tuple(items.undated()), lang, unit)

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

    def _plain_row(self, item: Item) -> list[str]:
        """Short fields first and the long title last, so piped columns stay aligned."""
        when, kind, title, units, plan = self._row(item)
        return [when, kind, main_unit(item, self.lang), f"{title} [{plan}]" if plan else title]

    def plain(self) -> str:
        parts = [self.heading()]
        for key, items in self.sections():
            if items:
                body = columns([self._plain_row(i) for i in items])
                parts.append(f"{word(key, self.lang)} ({len(items)}):\n"
                             + "\n".join("  " + line for line in body.splitlines()))
        if len(parts) == 1:
            parts.append(word("nothing", self.lang))
        return "\n\n".join(parts)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start.isoformat(), "end": self.end.isoformat(),
                               "unit": self.unit}
        for key, items in self.sections():
            out[key.replace("_items", "")] = [item_json(i) for i in items]
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table

        yield f"[bold]{self.heading()}[/]"
        for key, items in self.sections():
            if not items:
                continue
            table = Table(title=f"{word(key, self.lang)} ({len(items)})", title_justify="left",
                          title_style=SECTION_STYLE[key], header_style="bold", expand=True)
            table.add_column(word("when", self.lang), no_wrap=True)
            table.add_column(word("type", self.lang), no_wrap=True)
            table.add_column(word("what", self.lang), ratio=3)
            table.add_column(word("who", self.lang), ratio=2)
            table.add_column(word("plan", self.lang), max_width=18, overflow="ellipsis",
                             no_wrap=True)
            for item in items:
                table.add_row(*self._row(item))
            yield table
