"""``kyniem units``: every unit and its activities across plans, with its role in each
(chủ trì, phối hợp, chỉ đạo, tham mưu, đề nghị, hướng dẫn).

A wide terminal shows each unit as a table (role, when, kind, the task with its plan); a
narrower one, and plain text, stacks each task: its title, then role, when, kind and plan.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import sort_key, word
from ..items import Item, ItemKind
from ..plans.model import Role
from ..wording import role_word
from .itemtext import item_json, kind_text, window_text
from .layout import (
    MIN_TITLE,
    PIPE_WIDTH,
    Entry,
    join_fields,
    natural,
    plain_entries,
    rich_entries,
    table_fits,
)

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

    from ..plans.model import Plan
    from ..units.resolve import Identity


@dataclass(frozen=True)
class UnitTasks:
    unit: str  # the spelling used most
    tasks: tuple[tuple[Role, Item], ...]  # leads first, then the other roles in Role's order
    id: str = ""  # the identity (scheduler.units); "" for a collective
    locality: str = ""
    spellings: tuple[str, ...] = ()  # every spelling merged into this identity

    @property
    def lead(self) -> tuple[Item, ...]:
        return tuple(item for role, item in self.tasks if role is Role.LEAD)

    @property
    def partner(self) -> tuple[Item, ...]:
        return tuple(item for role, item in self.tasks if role is not Role.LEAD)

    def title(self, lang: str = "vi") -> str:
        return " · ".join(self.title_parts(lang))

    def title_parts(self, lang: str = "vi") -> list[str]:
        """The heading's parts: name and counts (with locality), then the collective mark or
        the other spellings; a narrow layout breaks the heading only between parts."""
        head = f"{self.unit} ({len(self.lead)} + {len(self.partner)})"
        if self.locality:
            head += f" — {self.locality}"
        if not self.id:
            return [head, word("unit_collective", lang)]
        others = [s for s in self.spellings if s != self.unit]
        return [head, *([f"{word('unit_spellings', lang)}: {'; '.join(others)}"] if others
                        else [])]


def _links(item: Item) -> list[tuple[Role, str, bool]]:
    if item.links:
        return [(link.role, link.unit, link.collective) for link in item.links]
    leads = [(Role.LEAD, item.lead, False)] if item.lead else []
    return leads + [(Role.PARTNER, p, False) for p in item.partners]


#: name as written, its plan, whether the plan marks it a collective → identity or None
Resolve = Callable[[str, "Plan | None", bool], "Identity | None"]


@dataclass(frozen=True)
class Units:
    units: tuple[UnitTasks, ...]
    lang: str

    @classmethod
    def of(cls, items: Iterable[Item], lang: str, only: str | None = None,
           resolve: Resolve | None = None) -> Units:
        """Group activities by unit identity (:mod:`scheduler.units`: spellings and
        abbreviations of one body merged), bodies by locality and name, collectives last;
        a unit's tasks are its leads first, then its other roles (Role's order). ``only``
        keeps the units whose id or any spelling holds it (case and diacritics aside)."""
        from ..units.normalise import key, level_fits, level_of, trailing_levels

        spelled: dict[str, Counter[str]] = {}
        places: dict[str, str] = {}
        tasks: dict[str, list[tuple[Role, Item]]] = {}
        where: dict[int, str] = {}  # a plan's place, by the plan (its items share it)
        for item in items:
            if item.kind is ItemKind.PEAK:
                continue  # the peak belongs to its activity, listed already
            for role, unit, collective in _links(item):
                found = resolve(unit, item.plan, collective) if resolve else None
                # a collective or an unlisted name is one per plan's place: "Các tổ chức
                # CT-XH" of a ward and of a district are not one (regression)
                if found is None and id(item.plan) not in where:
                    where[id(item.plan)] = _place(item)
                k = found.id if found else f"\x00{key(unit)}\x00{where[id(item.plan)]}"
                places.setdefault(k, found.locality if found else "")
                spelled.setdefault(k, Counter())[unit] += 1
                if (role, item) not in tasks.setdefault(k, []):
                    tasks[k].append((role, item))
        order = {role: i for i, role in enumerate(Role)}
        needle = key(only) if only else ""
        keys = [k for k in spelled if not needle or (
            (needle in k or any(needle in key(s) for s in spelled[k]))
            and level_fits(only or "", level_of(places[k]) if places[k] else trailing_levels(
                spelled[k].most_common(1)[0][0])))]
        keys.sort(key=lambda k: (k.startswith("\x00"), sort_key(places[k]),
                                 sort_key(spelled[k].most_common(1)[0][0])))
        return cls(tuple(UnitTasks(spelled[k].most_common(1)[0][0],
                                   tuple(sorted(tasks[k], key=lambda t: order[t[0]])),
                                   "" if k.startswith("\x00") else k, places[k],
                                   tuple(sorted(spelled[k], key=sort_key)))
                         for k in keys), lang)

    def _rows(self, tasks: UnitTasks) -> list[list[str]]:
        """role, when, kind, plan, title for each task."""
        rows = []
        for role, item in tasks.tasks:
            plan = item.plan.id if item.plan else ""
            rows.append([role_word(role.value, self.lang), window_text(item, self.lang),
                         kind_text(item, self.lang), plan, item.title])
        return rows

    def _entries(self, tasks: UnitTasks) -> list[Entry]:
        return [Entry(title, (role, when, kind, plan))
                for role, when, kind, plan, title in self._rows(tasks)]

    def plain(self) -> str:
        return "\n".join(self.plain_lines())

    def plain_lines(self, width: int = PIPE_WIDTH) -> list[str]:
        """Each unit's heading, then its tasks stacked, within ``width`` cells."""
        lines = [word("units", self.lang)]
        for tasks in self.units:
            lines += ["", *join_fields(tasks.title_parts(self.lang), width, "", "  ")]
            lines += plain_entries(self._entries(tasks), width, "  ")
        if len(lines) == 1:
            lines += ["", word("nothing", self.lang)]
        return lines

    def fits(self, width: int) -> bool:
        """Whether the tables leave the task's title :data:`MIN_TITLE` cells at ``width``."""
        rows = [r for tasks in self.units for r in self._rows(tasks)]
        return table_fits([natural(r[i] for r in rows) for i in range(3)], [MIN_TITLE], width)

    def as_json(self) -> list[dict[str, Any]]:
        return [{"unit": t.unit, "id": t.id or None, "locality": t.locality,
                 "spellings": list(t.spellings), "lead": [item_json(i) for i in t.lead],
                 "partner": [item_json(i) for i in t.partner],
                 "roles": [{"role": role.value, "item": item.uid} for role, item in t.tasks]}
                for t in self.units]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table
        from rich.text import Text

        width = options.max_width
        wide = self.fits(width)
        yield Text(word("units", self.lang), style="bold")
        for tasks in self.units:
            heading = "\n".join(join_fields(tasks.title_parts(self.lang), width, "", "  "))
            if not wide:
                yield Text(heading, style="bold cyan")
                yield rich_entries(self._entries(tasks), width, "  ")
                continue
            table = Table(title=Text(heading), title_justify="left", title_style="bold cyan",
                          expand=True, show_header=False)
            for _ in range(3):
                table.add_column(no_wrap=True)
            table.add_column(ratio=1, overflow="fold")
            lead = role_word("lead", self.lang)
            for role, when, kind, plan, title in self._rows(tasks):
                what = Text(title)
                if plan:
                    what.append(f"\n{plan}", style="dim")
                table.add_row(Text(role), Text(when), Text(kind), what,
                              style="bold" if role == lead else None)
            yield table


def _place(item: Item) -> str:
    """Where the item's plan's bodies belong (:func:`scheduler.units.resolve.place_of`)."""
    if item.plan is None:
        return ""
    from ..units.resolve import place_of

    return place_of(item.plan).id
