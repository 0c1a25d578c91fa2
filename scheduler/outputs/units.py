"""``kyniem units``: every unit and its activities across plans, as lead or partner."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import sort_key, word
from ..items import Item, ItemKind
from .itemtext import item_json, kind_text, window_text
from .text import columns

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


@dataclass(frozen=True)
class UnitTasks:
    unit: str
    lead: tuple[Item, ...]
    partner: tuple[Item, ...]


@dataclass(frozen=True)
class Units:
    units: tuple[UnitTasks, ...]
    lang: str

    @classmethod
    def of(cls, items: Iterable[Item], lang: str, only: str | None = None) -> Units:
        """Group activities by unit (names compared case-insensitively), units in name order."""
        names: dict[str, str] = {}
        lead: dict[str, list[Item]] = {}
        partner: dict[str, list[Item]] = {}
        for item in items:
            if item.kind is ItemKind.PEAK:
                continue  # the peak belongs to its activity, listed already
            for role, unit in [(lead, item.lead)] + [(partner, p) for p in item.partners]:
                if unit:
                    key = unit.casefold()
                    names.setdefault(key, unit)
                    role.setdefault(key, []).append(item)
        keys = sorted((k for k in names if not only or only.casefold() in k), key=sort_key)
        return cls(tuple(UnitTasks(names[k], tuple(lead.get(k, ())), tuple(partner.get(k, ())))
                         for k in keys), lang)

    def _rows(self, tasks: UnitTasks) -> list[list[str]]:
        rows = []
        for role, items in (("lead_role", tasks.lead), ("partner_role", tasks.partner)):
            for item in items:
                plan = item.plan.id if item.plan else ""
                rows.append([word(role, self.lang), window_text(item, self.lang),
                             kind_text(item, self.lang), plan, item.title])
        return rows

    def plain(self) -> str:
        parts = [word("units", self.lang)]
        for tasks in self.units:
            body = columns(self._rows(tasks))
            parts.append(f"{tasks.unit} ({len(tasks.lead)} + {len(tasks.partner)})\n"
                         + "\n".join("  " + line for line in body.splitlines()))
        if len(parts) == 1:
            parts.append(word("nothing", self.lang))
        return "\n\n".join(parts)

    def as_json(self) -> list[dict[str, Any]]:
        return [{"unit": t.unit, "lead": [item_json(i) for i in t.lead],
                 "partner": [item_json(i) for i in t.partner]} for t in self.units]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table

        yield f"[bold]{word('units', self.lang)}[/]"
        for tasks in self.units:
            table = Table(title=f"{tasks.unit} ({len(tasks.lead)} + {len(tasks.partner)})",
                          title_justify="left", title_style="bold cyan", expand=True,
                          show_header=False)
            for ratio in (1, 3, 1, 2, 7):
                table.add_column(ratio=ratio)
            for row in self._rows(tasks):
                table.add_row(*row, style="bold" if row[0] == word("lead_role", self.lang)
                              else None)
            yield table
