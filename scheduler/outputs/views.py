"""Views of occurrences and anniversaries. Each view renders itself three ways:

- ``__rich_console__`` for a terminal (rich is imported only there, keeping piped runs fast),
- ``plain()`` for pipes and files,
- ``as_json()`` for scripts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..dates import fmt
from ..i18n import class_word, kind_word, ordinal_en, weekday, word
from ..model import Anniversary, Calendar, Occurrence
from ..registry.errors import Problem
from ..rules import MilestoneClass

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

CLASS_STYLE = {MilestoneClass.TRON: "bold red", MilestoneClass.LE5: "yellow",
               MilestoneClass.KHAC: "dim"}


def title(occ: Occurrence, lang: str) -> str:
    """The annual guidance's wording, e.g.
    "70 năm Chiến thắng Điện Biên Phủ (07/05/1954 - 07/05/2024)"."""
    a = occ.anniversary
    if occ.ordinal is None or occ.origin_date is None:
        origin = f"{a.origin.day}/{a.origin.month} {word('lunar', lang)}"
        return f"{a.display_name(lang)} ({origin}, {fmt(occ.date)})"
    span = f"({fmt(occ.origin_date)} - {fmt(occ.date)})"
    if lang == "en":
        return f"{ordinal_en(occ.ordinal)} anniversary: {a.name_en} {span}"
    return f"{occ.ordinal} năm {a.name} {span}"


def countdown(day: date, today: date, lang: str) -> str:
    n = (day - today).days
    if n == 0:
        return word("today", lang)
    return word("in_days", lang, n=n) if n > 0 else word("ago", lang, n=-n)


def occurrence_json(occ: Occurrence, lang: str, today: date | None = None) -> dict[str, Any]:
    a = occ.anniversary
    row: dict[str, Any] = {
        "id": a.id,
        "name": a.name,
        "name_en": a.name_en,
        "origin": occ.origin_date.isoformat() if occ.origin_date else None,
        "date": occ.date.isoformat(),
        "ordinal": occ.ordinal,
        "class": occ.klass.value,
        "milestone": occ.milestone,
        "calendar": a.origin.calendar.value,
        "kind": a.kind.value,
        "scope": a.scope,
        "policy": a.policy.id,
        "title": title(occ, lang),
    }
    if today is not None:
        row["days"] = (occ.date - today).days
    return row


def _columns(rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns separated by two spaces (NFC text: one code point per cell)."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    )


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
        return f"{self.heading}\n{_columns(rows)}{self._legend()}"

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


@dataclass(frozen=True)
class AnniversaryCard:
    """One anniversary: its facts, source, and past and next milestones (``kyniem show``)."""

    anniversary: Anniversary
    past: tuple[Occurrence, ...]
    upcoming: tuple[Occurrence, ...]
    lang: str
    today: date

    def _facts(self) -> list[tuple[str, str]]:
        a = self.anniversary
        origin = str(a.origin)
        if a.origin.calendar is Calendar.LUNAR:
            origin += f" ({word('lunar', self.lang)})"
        policy_name = a.policy.name_en if self.lang == "en" else a.policy.name
        facts = [
            ("name", a.display_name(self.lang)),
            ("origin", origin),
            ("kind", kind_word(a.kind.value, self.lang)),
            ("scope", kind_word(a.scope, self.lang)),
            ("policy", f"{a.policy.id}: {policy_name}"),
            ("source", a.source + (f" <{a.url}>" if a.url else "")),
        ]
        if a.aliases:
            facts.append(("aliases", "; ".join(a.aliases)))
        if a.notes:
            facts.append(("notes", a.notes))
        return [(word(k, self.lang), v) for k, v in facts]

    def _milestone_rows(self, occs: Sequence[Occurrence]) -> list[list[str]]:
        return [["", fmt(o.date), countdown(o.date, self.today, self.lang),
                 class_word(o.klass, self.lang), title(o, self.lang)] for o in occs]

    def plain(self) -> str:
        head = f"{self.anniversary.id}\n" + _columns([[f"{k}:", v] for k, v in self._facts()])
        parts = [head]
        for key, occs in (("past", self.past), ("next", self.upcoming)):
            rows = self._milestone_rows(occs)
            body = _columns(rows) if rows else "  " + word("nothing", self.lang)
            parts.append(f"{word(key, self.lang)}:\n{body}")
        return "\n\n".join(parts)

    def as_json(self) -> dict[str, Any]:
        a = self.anniversary
        return {
            "id": a.id,
            "name": a.name,
            "name_en": a.name_en,
            "calendar": a.origin.calendar.value,
            "origin": str(a.origin),
            "kind": a.kind.value,
            "scope": a.scope,
            "policy": a.policy.id,
            "source": a.source,
            "url": a.url,
            "aliases": list(a.aliases),
            "past": [occurrence_json(o, self.lang, self.today) for o in self.past],
            "next": [occurrence_json(o, self.lang, self.today) for o in self.upcoming],
        }

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.panel import Panel
        from rich.table import Table

        facts = Table.grid(padding=(0, 2))
        facts.add_column(style="bold")
        facts.add_column()
        for key, value in self._facts():
            facts.add_row(key, value)
        yield Panel(facts, title=self.anniversary.id, title_align="left")
        for key, occs in (("past", self.past), ("next", self.upcoming)):
            table = Table(title=word(key, self.lang), title_justify="left", header_style="bold")
            for header in (word("date", self.lang), word("days", self.lang),
                           word("class", self.lang), word("name", self.lang)):
                table.add_column(header)
            for occ in occs:
                table.add_row(fmt(occ.date), countdown(occ.date, self.today, self.lang),
                              class_word(occ.klass, self.lang), title(occ, self.lang),
                              style=CLASS_STYLE[occ.klass] if occ.klass != MilestoneClass.KHAC
                              else None)
            yield table


@dataclass(frozen=True)
class CheckReport:
    """What ``kyniem check`` found: counts when valid, else one line per problem."""

    problems: tuple[Problem, ...]
    counts: tuple[int, int, int]  # anniversaries, policies, files
    lang: str

    @property
    def exit_code(self) -> int:
        return 2 if self.problems else 0

    def plain(self) -> str:
        if self.problems:
            lines = [str(p) for p in self.problems]
            return "\n".join([*lines, word("check_bad", self.lang, n=len(lines))])
        n, p, f = self.counts
        return word("check_ok", self.lang, n=n, p=p, f=f)

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": not self.problems,
            "problems": [
                {"file": p.file, "line": p.line, "field": p.field, "message": p.message}
                for p in self.problems
            ],
            "anniversaries": self.counts[0],
            "policies": self.counts[1],
            "files": self.counts[2],
        }

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        style = "red" if self.problems else "green"
        yield Text(self.plain(), style=style)
