"""One anniversary (``kyniem show``): facts, source, past and next milestones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..dates import fmt
from ..i18n import class_word, kind_word, word
from ..model import Anniversary, Calendar, Occurrence
from ..rules import MilestoneClass
from .text import CLASS_STYLE, columns, countdown, occurrence_json, title

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


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
        head = f"{self.anniversary.id}\n" + columns([[f"{k}:", v] for k, v in self._facts()])
        parts = [head]
        for key, occs in (("past", self.past), ("next", self.upcoming)):
            rows = self._milestone_rows(occs)
            body = columns(rows) if rows else "  " + word("nothing", self.lang)
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
