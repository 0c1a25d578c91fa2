"""``kyniem timeline``: a Gantt-like chart of windows, peaks and deadlines against the months.

One character column covers a fixed number of days; windows are drawn █, peaks ▓,
deadlines ◆ on their (shifted) due day, and the anniversary day is a ★ under the month ruler
and a │ down every row. A chart :data:`WIDE` cells or wider has a label column, where a
title that fits it stands beside its bar; a longer title, and every title of a narrower
chart, takes lines of its own above its bar, so that no title is cut. Piped, the chart is
:data:`~.layout.PIPE_WIDTH` cells wide at most, whatever ``--width`` asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..dates import fmt
from ..i18n import word
from ..items import Item, ItemKind
from .itemtext import item_json, window_text
from .layout import PIPE_WIDTH, cells, pad, wrap

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
GLYPH = {"window": "█", "peak": "▓", "due": "◆", "mark": "│", "day": "★", "empty": "·"}
#: Narrower than this, a title goes above its bar instead of in a label column.
WIDE = 100
#: Indents a bar under its title (narrow charts).
BAR_INDENT = "  "
STYLE = {"window": "blue", "peak": "bold magenta", "due": "bold red", "mark": "yellow",
         "day": "bold yellow"}


def bar_label(item: Item) -> str:
    """What names a bar: the activity's short title (what a phone shows, at most about 80
    characters: :func:`scheduler.plans.short.short_title`), else the item's title. A chart of
    170-character titles is a page of text with bars between."""
    if item.activity is None:
        return item.title
    from ..plans.short import short_title

    return short_title(item.activity)


@dataclass(frozen=True)
class Timeline:
    heading: str
    start: date  # first day shown (a month's first day)
    end: date  # last day shown (a month's last day)
    rows: tuple[Item, ...]  # dated items except anniversaries, in order
    marks: tuple[date, ...]  # anniversary days
    lang: str
    width: int = 100

    @classmethod
    def of(cls, items: Sequence[Item], heading: str, lang: str, width: int = 100,
           start: date | None = None, end: date | None = None) -> Timeline:
        dated = [i for i in items if i.start is not None and i.end is not None]
        marks = tuple(sorted({i.start for i in dated
                              if i.kind is ItemKind.ANNIVERSARY and i.start}))
        rows = tuple(i for i in dated if i.kind is not ItemKind.ANNIVERSARY)
        first = start or min((i.start for i in dated if i.start), default=date.today())
        last = end or max((i.last_day for i in dated if i.last_day), default=first)
        first = first.replace(day=1)
        last = (last.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return cls(heading, first, last, rows, marks, lang, width)

    @property
    def _label_width(self) -> int:
        """The label column; 0 when the chart is too narrow for one."""
        return min(40, self.width // 3) if self.width >= WIDE else 0

    @property
    def _pad(self) -> str:
        """What goes before the ruler, the marker and every bar."""
        return " " * (self._label_width + 1) if self._label_width else BAR_INDENT

    @property
    def _columns(self) -> int:
        return max(12, self.width - len(self._pad))

    def _column(self, day: date) -> int:
        span = (self.end - self.start).days + 1
        offset = min(max((day - self.start).days, 0), span - 1)
        return offset * self._columns // span

    def _cells(self, item: Item) -> list[str]:
        """One glyph key per column for this item."""
        cells = ["empty"] * self._columns
        assert item.start is not None and item.end is not None
        shown_end = min(item.end, self.end)
        if item.start <= self.end and shown_end >= self.start:
            kind = "peak" if item.kind is ItemKind.PEAK else "window"
            for col in range(self._column(item.start), self._column(shown_end) + 1):
                cells[col] = kind
        for day in self.marks:
            if self.start <= day <= self.end and cells[self._column(day)] == "empty":
                cells[self._column(day)] = "mark"
        if item.due is not None and self.start <= item.due.day <= self.end:
            cells[self._column(item.due.day)] = "due"
        return cells

    def _ruler(self) -> str:
        ruler = [" "] * self._columns
        month = self.start
        while month <= self.end:
            label = MONTHS_EN[month.month - 1] if self.lang == "en" else f"T{month.month}"
            if month.month == 1 or month == self.start:
                label += f"/{month.year % 100:02d}"
            col = self._column(month)
            if all(c == " " for c in ruler[col:col + len(label) + 1]):
                ruler[col:col + len(label)] = label
            month = (month + timedelta(days=32)).replace(day=1)
        return "".join(ruler)[: self._columns]

    def _marker(self) -> str:
        """The anniversary days, on their own line under the months."""
        line = [" "] * self._columns
        for day in self.marks:
            if self.start <= day <= self.end:
                line[self._column(day)] = GLYPH["day"]
        return "".join(line)

    def _lines(self, item: Item) -> list[tuple[str, bool]]:
        """The item's lines, each with whether its bar follows. A title that fits the label
        column is the bar's label; a longer one (or any, without a label column) takes the
        whole width on lines of its own, its bar on the line below, in the same column as
        every other bar."""
        first, rest = ("  ↳ ", "    ") if item.kind is ItemKind.PEAK else ("", "  ")
        label, name = self._label_width, bar_label(item)
        if label and cells(first + name) <= label:
            return [(pad(first + name, label) + " ", True)]
        title = wrap(name, self.width, first.lstrip() if not label else first, rest)
        return [(line, False) for line in title] + [(self._pad, True)]

    def _chart(self, width: int) -> Timeline:
        return replace(self, width=width)

    def plain(self) -> str:
        chart = self._chart(min(self.width, PIPE_WIDTH))
        lines = [*wrap(self.heading, chart.width, "", "  "),
                 f"{fmt(self.start)} – {fmt(self.end)}",
                 (chart._pad + chart._ruler()).rstrip(), (chart._pad + chart._marker()).rstrip()]
        for item in self.rows:
            bar = "".join(GLYPH[c] for c in chart._cells(item))
            lines += [text + bar if has_bar else text for text, has_bar in chart._lines(item)]
        if not self.rows:  # said, not an empty chart (regression: nothing matched, exit 0)
            lines += wrap(word("timeline_empty", self.lang), chart.width, "", "  ")
        lines += wrap(word("timeline_legend", self.lang), chart.width, "", "  ")
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "anniversaries": [d.isoformat() for d in self.marks],
            "rows": [{**item_json(i), "window": window_text(i, self.lang)} for i in self.rows],
        }

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        chart = self._chart(min(self.width, options.max_width))
        yield Text("\n".join(wrap(self.heading, chart.width, "", "  ")), style="bold")
        yield Text(f"{fmt(self.start)} – {fmt(self.end)}", style="dim")
        yield Text((chart._pad + chart._ruler()).rstrip(), style="bold")
        yield Text((chart._pad + chart._marker()).rstrip(), style=STYLE["day"])
        for item in self.rows:
            for text, has_bar in chart._lines(item):
                line = Text(text)
                if has_bar:
                    for key in chart._cells(item):
                        line.append(GLYPH[key], style=STYLE.get(key, "dim"))
                yield line
        if not self.rows:
            yield Text("\n".join(wrap(word("timeline_empty", self.lang), chart.width, "", "  ")))
        yield Text("\n".join(wrap(word("timeline_legend", self.lang), chart.width, "", "  ")),
                   style="dim")
