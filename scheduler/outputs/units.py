"""``kyniem units``: every unit and its activities across plans, with its role in each
(chủ trì, phối hợp, chỉ đạo, tham mưu, đề nghị, hướng dẫn)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import sort_key, word
from ..items import Item, ItemKind
from ..plans.model import Role
from ..wording import role_word
from .itemtext import item_json, kind_text, window_text
from .text import columns

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


@dataclass(frozen=True)
class UnitTasks:
    unit: str
    tasks: tuple[tuple[Role, Item], ...]  # leads first, then the other roles in Role's order

    @property
    def lead(self) -> tuple[Item, ...]:
        return tuple(item for role, item in self.tasks if role is Role.LEAD)

    @property
    def partner(self) -> tuple[Item, ...]:
        return tuple(item for role, item in self.tasks if role is not Role.LEAD)

    def title(self) -> str:
        return f"{self.unit} ({len(self.lead)} + {len(self.partner)})"


def _links(item: Item) -> list[tuple[Role, str]]:
    if item.links:
        return [(link.role, link.unit) for link in item.links]
    leads = [(Role.LEAD, item.lead)] if item.lead else []
    return leads + [(Role.PARTNER, p) for p in item.partners]


@dataclass(frozen=True)
class Units:
    units: tuple[UnitTasks, ...]
    lang: str

    @classmethod
    def of(cls, items: Iterable[Item], lang: str, only: str | None = None) -> Units:
        """Group activities by unit (names compared case-insensitively), units in name order;
        a unit's tasks are its leads first, then its other roles (Role's order)."""
        names: dict[str, str] = {}
        tasks: dict[str, list[tuple[Role, Item]]] = {}
        for item in items:
            if item.kind is ItemKind.PEAK:
                continue  # the peak belongs to its activity, listed already
            for role, unit in _links(item):
                key = unit.casefold()
                names.setdefault(key, unit)
                tasks.setdefault(key, []).append((role, item))
        order = {role: i for i, role in enumerate(Role)}
        keys = sorted((k for k in names if not only or only.casefold() in k), key=sort_key)
        return cls(tuple(UnitTasks(names[k], tuple(sorted(tasks[k], key=lambda t: order[t[0]])))
                         for k in keys), lang)

    def _rows(self, tasks: UnitTasks) -> list[list[str]]:
        rows = []
        for role, item in tasks.tasks:
            plan = item.plan.id if item.plan else ""
            rows.append([role_word(role.value, self.lang), window_text(item, self.lang),
                         kind_text(item, self.lang), plan, item.title])
        return rows

    def plain(self) -> str:
        parts = [word("units", self.lang)]
        for tasks in self.units:
            body = columns(self._rows(tasks))
            parts.append(f"{tasks.title()}\n"
                         + "\n".join("  " + line for line in body.splitlines()))
        if len(parts) == 1:
            parts.append(word("nothing", self.lang))
        return "\n\n".join(parts)

    def as_json(self) -> list[dict[str, Any]]:
        return [{"unit": t.unit, "lead": [item_json(i) for i in t.lead],
                 "partner": [item_json(i) for i in t.partner],
                 "roles": [{"role": role.value, "item": item.uid} for role, item in t.tasks]}
                for t in self.units]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table

        yield f"[bold]{word('units', self.lang)}[/]"
        for tasks in self.units:
            table = Table(title=tasks.title(),
                          title_justify="left", title_style="bold cyan", expand=True,
                          show_header=False)
            for ratio in (1, 3, 1, 2, 7):
                table.add_column(ratio=ratio)
            for row in self._rows(tasks):
                table.add_row(*row, style="bold" if row[0] == role_word("lead", self.lang)
                              else None)
            yield table
