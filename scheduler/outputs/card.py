"""One anniversary (``kyniem show``): facts, source, past and next milestones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..i18n import kind_word, word
from ..model import Anniversary, Calendar, Occurrence
from .layout import PIPE_WIDTH, facts, wrap
from .table import OccurrenceTable
from .text import occurrence_json

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

    def _milestones(self, key: str, occs: Sequence[Occurrence]) -> OccurrenceTable:
        """Past or next milestones: the list ``upcoming`` shows, every row a milestone."""
        return OccurrenceTable(word(key, self.lang), tuple(occs), self.lang, self.today,
                               marks=False)

    def plain(self) -> str:
        return "\n".join(self.plain_lines())

    def plain_lines(self, width: int = PIPE_WIDTH) -> list[str]:
        """The facts as "key: value" with the value wrapping under itself, then the
        milestones; within ``width`` cells."""
        lines = [*wrap(self.anniversary.id, width), *facts(self._facts(), width)]
        for key, occs in (("past", self.past), ("next", self.upcoming)):
            lines.append("")
            if occs:
                lines += self._milestones(key, occs).plain_lines(width)
            else:
                lines += [f"{word(key, self.lang)}:", "  " + word("nothing", self.lang)]
        return lines

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
        from rich.text import Text

        facts = Table.grid(padding=(0, 2))
        facts.add_column(style="bold", no_wrap=True)
        facts.add_column(overflow="fold")
        for key, value in self._facts():
            facts.add_row(Text(key), Text(value))
        yield Panel(facts, title=Text(self.anniversary.id), title_align="left")
        for key, occs in (("past", self.past), ("next", self.upcoming)):
            if occs:
                yield self._milestones(key, occs)
            else:
                yield Text(word(key, self.lang), style="bold")
                yield Text("  " + word("nothing", self.lang))
