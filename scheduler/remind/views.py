"""How a reminder reads: one plain line when piped, a rich panel coloured by urgency on a
terminal, one JSON line for scripts; the ``--list`` table and the exit summary.

The list is a table on a terminal wide enough to leave the task its title column
(:mod:`scheduler.outputs.layout`); narrower, each reminder is stacked: the task's title,
then when it fires, how long before, its kind, window and lead unit. Piped, its columns stay
within 80 cells, the title wrapping under itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..dates import fmt
from ..i18n import weekday
from ..outputs.itemtext import item_kind
from ..outputs.layout import (
    MIN_TITLE,
    PIPE_WIDTH,
    Entry,
    hanging,
    natural,
    plain_entries,
    rich_entries,
    table_fits,
    wrap,
)
from ..wording import worded
from .plan import Reminder

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

    from .store import Scheduled, SyncResult



def w(key: str, lang: str, **values: object) -> str:
    return worded(f"reminder_{key}", lang, **values)


def kind_word(kind: str, lang: str) -> str:
    return item_kind(kind, lang)


def countdown(anchor: date, today: date, lang: str) -> str:
    n = (anchor - today).days
    if n == 0:
        return w("today", lang)
    if n == 1:
        return w("tomorrow", lang)
    return w("in", lang, n=n) if n > 0 else w("ago", lang, n=-n)


def moment(at: datetime, lang: str) -> str:
    return f"{at:%H:%M} {weekday(at.weekday(), lang)} {fmt(at.date())}"


def headline(reminder: Reminder, now: datetime, lang: str) -> str:
    """``Hạn báo cáo còn 7 ngày``, ``Cao điểm bắt đầu ngày mai``, ``Ngày kỷ niệm còn 90 ngày``."""
    when = countdown(reminder.anchor, now.date(), lang)
    kind = kind_word(reminder.kind, lang)
    if reminder.kind in ("deadline", "report"):
        return w(f"due_{reminder.kind}", lang, when=when)
    if reminder.kind == "anniversary":
        return w("anniversary", lang, when=when)
    return w("starts", lang, Kind=kind[:1].upper() + kind[1:], when=when)


def window(reminder: Reminder, lang: str) -> str:
    day = fmt(reminder.anchor)
    if reminder.written is not None:
        day += f" ({w('moved', lang, day=fmt(reminder.written))})"
    if reminder.kind in ("deadline", "report", "anniversary") or not reminder.end:
        return day
    if reminder.end == reminder.anchor:
        return day
    return f"{day} – {fmt(reminder.end)}"


def units(reminder: Reminder, lang: str) -> str:
    parts = []
    if reminder.lead:
        parts.append(f"{w('lead', lang)}: {reminder.lead}")
    if reminder.partners:
        parts.append(f"{w('partners', lang)}: {', '.join(reminder.partners)}")
    return "; ".join(parts)


def urgency(reminder: Reminder, now: datetime, late: bool) -> str:
    """``critical`` (due today or tomorrow, or late), ``normal`` (within a week), ``low``."""
    left = (reminder.anchor - now.date()).days
    if late or left <= 1:
        return "critical"
    return "normal" if left <= 7 else "low"


COLOURS = {"critical": "bold red", "normal": "yellow", "low": "cyan"}


@dataclass(frozen=True)
class Delivery:
    """One reminder as shown at ``now`` (``late`` when shown well after its time)."""

    reminder: Reminder
    now: datetime
    late: bool
    lang: str = "vi"
    again: bool = False  # re-shown after a crash (see :mod:`.deliver`)

    def marks(self) -> list[str]:
        found = []
        if self.late:
            found.append(w("late", self.lang, at=moment(self.reminder.fire_at, self.lang)))
        if self.again:
            found.append(w("again", self.lang))
        return found

    def summary(self) -> str:
        return f"{headline(self.reminder, self.now, self.lang)}: {self.reminder.title}"

    def detail(self) -> str:
        lines = [window(self.reminder, self.lang)]
        if units(self.reminder, self.lang):
            lines.append(units(self.reminder, self.lang))
        if self.reminder.plan:
            lines.append(f"{w('plan', self.lang)}: {self.reminder.plan}")
        lines += self.marks()
        return "\n".join(lines)

    def plain(self) -> str:
        """One line: time, headline, title, window, lead unit, late mark."""
        late = "".join(f" [{m}]" for m in self.marks())
        lead = f" [{self.reminder.lead}]" if self.reminder.lead else ""
        return (f"{self.now:%d/%m/%Y %H:%M}  {self.summary()} "
                f"({window(self.reminder, self.lang)}){lead}{late}")

    def as_json(self) -> dict[str, Any]:
        return {"event": "reminder", **self.reminder.payload(), "shown_at": self.now.isoformat(),
                "late": self.late, "again": self.again,
                "urgency": urgency(self.reminder, self.now, self.late), "text": self.summary()}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.panel import Panel
        from rich.text import Text

        colour = COLOURS[urgency(self.reminder, self.now, self.late)]
        title = headline(self.reminder, self.now, self.lang)
        if self.late:
            title += " ⏰"
        body = Text()
        body.append(f"{self.reminder.title}\n", style="bold")
        body.append(self.detail())
        yield Panel(body,
                    title=f"[{colour}]{title}[/]", title_align="left", border_style=colour,
                    subtitle=f"{self.now:%H:%M %d/%m/%Y}", subtitle_align="right")


#: The narrowest lead-unit column the list's table may leave.
UNIT_MIN = 14


def lead_text(days: int, lang: str) -> str:
    return w("before", lang, n=days) if days else w("on_day", lang)


@dataclass(frozen=True)
class ReminderList:
    """``kyniem remind --list``: what is scheduled, soonest first."""

    scheduled: tuple[Scheduled, ...]
    store: str
    lang: str = "vi"

    def _row(self, item: Scheduled) -> list[str]:
        """fire time, lead time, kind, title, window, lead unit ("-" for none)."""
        r = item.reminder
        return [f"{r.fire_at:%d/%m/%Y %H:%M}", lead_text(r.days, self.lang),
                kind_word(r.kind, self.lang), r.title, window(r, self.lang), r.lead or "-"]

    def _entry(self, item: Scheduled) -> Entry:
        at, lead, kind, title, span, unit = self._row(item)
        return Entry(title, (at, lead, kind, span, *([unit] if unit != "-" else [])))

    def heading(self) -> str:
        return w("list", self.lang, n=len(self.scheduled), store=self.store)

    def plain(self) -> str:
        return "\n".join(self.plain_lines())

    def plain_lines(self, width: int = PIPE_WIDTH) -> list[str]:
        """Columns (time, lead time, kind, then "title (window) [unit]" wrapping under
        itself), or stacked reminders when those columns leave the title too little."""
        head = wrap(self.heading(), width, "", "  ")
        if not self.scheduled:
            return [*head, w("none", self.lang)]
        rows = [self._row(s) for s in self.scheduled]
        short_first = [[a, b, c, f"{d} ({e})" + (f" [{f}]" if f != "-" else "")]
                       for a, b, c, d, e, f in rows]
        body = hanging(short_first, width)
        if body is None:
            body = plain_entries((self._entry(s) for s in self.scheduled), width)
        return [*head, *body]

    def as_json(self) -> list[dict[str, Any]]:
        return [{**s.reminder.payload(),
                 "run_at": s.run_at.isoformat() if s.run_at else None} for s in self.scheduled]

    def fits(self, width: int) -> bool:
        """Whether a table leaves the task :data:`MIN_TITLE` cells and the lead unit
        :data:`UNIT_MIN` at ``width`` (its time, lead time and kind never wrap)."""
        rows = [self._row(s) for s in self.scheduled]
        heads = [w(k, self.lang) for k in ("col_when", "col_lead", "col_kind")]
        fixed = [natural([heads[i], *(r[i] for r in rows)]) for i in range(3)]
        return table_fits(fixed, [MIN_TITLE, UNIT_MIN], width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table
        from rich.text import Text

        width = options.max_width
        if not self.scheduled or not self.fits(width):
            yield Text("\n".join(wrap(self.heading(), width, "", "  ")), style="bold")
            if not self.scheduled:
                yield Text(w("none", self.lang))
            else:
                yield rich_entries((self._entry(s) for s in self.scheduled), width)
            return
        table = Table(title=Text(self.heading()), title_justify="left", header_style="bold",
                      expand=True)
        for key in ("col_when", "col_lead", "col_kind"):
            table.add_column(w(key, self.lang), no_wrap=True)
        table.add_column(w("col_what", self.lang), ratio=3, overflow="fold")
        table.add_column(w("col_unit", self.lang), ratio=1, overflow="fold")
        for s in self.scheduled:
            at, lead, kind, title, span, unit = self._row(s)
            what = Text(title)
            what.append(f"\n{span}", style="dim")
            table.add_row(Text(at), Text(lead), Text(kind), what, Text(unit))
        yield table


@dataclass(frozen=True)
class Summary:
    """What a run did, printed at exit (the reminders themselves were printed as they came)."""

    delivered: int
    late: int
    scheduled: int
    store: str
    sync: SyncResult | None = None
    lang: str = "vi"
    recovered: int = 0
    channels: dict[str, dict[str, int]] = field(default_factory=dict)
    #: with --json, one line after the reminders' lines: the output stays JSON Lines
    #: (regression: a pretty-printed summary made it neither JSON nor JSON Lines)
    json_lines = True

    def plain(self) -> str:
        return "\n".join(self.lines())

    def lines(self, width: int = PIPE_WIDTH) -> list[str]:
        text = w("summary", self.lang, n=self.delivered, late=self.late, left=self.scheduled)
        return wrap(text, width, "", "  ")

    def as_json(self) -> dict[str, Any]:
        sync = self.sync
        return {"event": "summary", "delivered": self.delivered, "late": self.late,
                "recovered": self.recovered, "scheduled": self.scheduled, "store": self.store,
                "sync": None if sync is None else {
                    "added": sync.added, "moved": sync.moved, "removed": sync.removed,
                    "kept": sync.kept, "already_delivered": sync.already_delivered},
                "channels": self.channels}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        yield Text("\n".join(self.lines(options.max_width)), style="dim")
