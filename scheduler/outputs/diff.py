"""``kyniem diff OLD NEW``: what a re-issued plan changed, per unit (see :mod:`..plandiff`).

Plain text is wrapped to :data:`WIDTH` columns (a long title goes on over several lines); a
wide terminal shows each unit as a table, a narrower one the plain layout at its own width (the
tables' three columns would squeeze titles and dates); ``--json`` gives the whole comparison.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..dates import fmt
from ..plandiff import (
    ActivityChange,
    Change,
    FieldChange,
    PlanDiff,
    PlanValue,
    UnitChanges,
    UnitTask,
)
from ..plans.model import Activity, ParentDoc, Plan, Role
from ..plans.window import Window
from ..wording import role_word, say
from .layout import PIPE_WIDTH, natural, table_fits, wrap

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.text import Text

#: Plain text is wrapped to this many columns.
WIDTH = PIPE_WIDTH
#: The narrowest title or details column (window, roles) a unit's table may leave: a
#: task's title here is short, its details a date range and a quoted phrase.
MIN_COLUMN = 25

#: Per-unit sections: the :class:`UnitChanges` field, its heading, its mark in plain text.
SECTIONS = (("added", "diff_added", "+"), ("removed", "diff_removed", "-"),
            ("retimed", "diff_retimed", "~"), ("roles", "diff_roles", "*"))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _span(window: Window) -> str | None:
    if window.start is None or window.end is None:
        return None
    return fmt(window.start) if window.start == window.end else \
        f"{fmt(window.start)} – {fmt(window.end)}"


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _roles_json(roles: tuple[Role, ...]) -> list[str]:
    return [r.value for r in roles]


def _when_json(activity: Activity) -> dict[str, Any]:
    window = activity.window
    return {"start": _iso(window.start), "end": _iso(window.end),
            "phrase": window.phrase if activity.timed else None,
            "timed": activity.timed, "rrule": window.rrule}


def activity_json(activity: Activity | None) -> dict[str, Any] | None:
    if activity is None:
        return None
    return {"id": activity.id, "title": activity.title, **_when_json(activity),
            "roles": [{"unit": link.unit, "role": link.role.value,
                       "collective": link.collective} for link in activity.links]}


def reference_json(ref: ParentDoc) -> dict[str, Any]:
    return {"number": ref.number, "date": _iso(ref.date), "issuer": ref.issuer,
            "title": ref.title, "kind": ref.kind.value, "type": ref.type}


def _value_json(value: PlanValue) -> Any:
    if isinstance(value, Window):
        return value.as_json()
    return value.isoformat() if isinstance(value, date) else value


@dataclass(frozen=True)
class DiffView:
    diff: PlanDiff
    lang: str

    # -- words --------------------------------------------------------------------------

    def _say(self, key: str, **values: object) -> str:
        return say(key, **values).render(self.lang)

    def _label(self, plan: Plan) -> str:
        """The plan as the heading names it: its number and date, else its file, else id."""
        if plan.number:
            issued = f" ({fmt(plan.issued)})" if plan.issued else ""
            return _nfc(plan.number) + issued
        if plan.location is not None and plan.location.file:
            return Path(plan.location.file).name
        return plan.id

    def heading(self) -> str:
        return self._say("diff_heading", new=self._label(self.diff.new),
                         old=self._label(self.diff.old))

    def summary(self) -> str:
        diff = self.diff
        counts = {c.value: diff.count(c) for c in Change}
        plan = diff.plan
        changed = len(plan.fields) + len(plan.references_added) + len(plan.references_removed)
        return self._say("diff_summary", plan=changed, units=len(diff.units), **counts)

    def roles(self, roles: tuple[Role, ...]) -> str:
        return ", ".join(role_word(r.value, self.lang) for r in roles)

    def when(self, activity: Activity) -> str:
        """"01/11/2022 – 30/11/2022", "không có thời gian riêng (…)", "chưa có thời gian"."""
        window = activity.window
        span = _span(window)
        if span is None:
            return self._say("diff_undated")
        if window.rrule:
            span += f" ({self._say('diff_recurring')})"
        if not activity.timed:
            return self._say("diff_untimed", window=span)
        return span

    def when_written(self, activity: Activity) -> str:
        """The window and, when the activity has a time of its own, its phrase as written."""
        text = self.when(activity)
        phrase = activity.window.phrase.strip()
        return f"{text} (“{_nfc(phrase)}”)" if activity.timed and phrase else text

    def value(self, change: FieldChange, value: PlanValue) -> str:
        if value is None:
            return self._say("diff_not_given")
        if isinstance(value, Window):
            span = _span(value) or self._say("diff_undated")
            return f"{span} (“{_nfc(value.phrase)}”)" if value.phrase else span
        if isinstance(value, str | int):
            if change.field == "anniversary":
                found = self.diff.new.anniversary if value == self.diff.new.anniversary.id \
                    else self.diff.old.anniversary
                return f"{found.display_name(self.lang)} ({value})"
            return _nfc(str(value))
        return fmt(value)

    def reference(self, ref: ParentDoc) -> str:
        parts = [" ".join(p for p in (ref.type, ref.number) if p) or (ref.title or "")]
        parts += [fmt(ref.date)] if ref.date else []
        parts += [ref.issuer] if ref.issuer else []
        return _nfc(", ".join(p for p in parts if p))

    def plan_lines(self) -> list[tuple[str, str]]:
        """(label, text) for each change of the plan itself."""
        plan = self.diff.plan
        rows = [(self._say(f"diff_{f.field}"),
                 f"{self.value(f, f.old)} → {self.value(f, f.new)}") for f in plan.fields]
        for key, refs in (("diff_reference_added", plan.references_added),
                          ("diff_reference_removed", plan.references_removed)):
            for ref in refs:
                rows.append((self._say(key, kind=self._say(f"diff_{ref.kind.value}")),
                             self.reference(ref)))
        return rows

    def task_details(self, section: str, task: UnitTask) -> list[str]:
        """The lines under a task's title in a unit's section."""
        change = task.change
        if section == "added":
            lines = [f"{self.roles(task.new)} · {self.when_written(task.activity)}"]
            if change.change is Change.REASSIGNED:
                lines[0] += f" · {self._say('diff_given_now')}"
            return lines
        if section == "removed":
            line = self.roles(task.old)
            if change.change is Change.REASSIGNED:
                line += f" · {self._say('diff_still_in_plan')}"
            return [line]
        if section == "retimed":
            assert change.old is not None and change.new is not None
            was, now = self.was_now()
            return [f"{was} {self.when_written(change.old)}",
                    f"{now} {self.when_written(change.new)}"]
        return [f"{self.roles(task.old)} → {self.roles(task.new)}"]

    def was_now(self) -> tuple[str, str]:
        """"trước:" and "nay:", padded to one width (the times line up)."""
        was, now = (self._say(k) + ":" for k in ("diff_was", "diff_now"))
        width = max(len(was), len(now))
        return was.ljust(width), now.ljust(width)

    def unit_name(self, unit: UnitChanges) -> str:
        return _nfc(unit.unit) if unit.key else self._say("diff_no_unit")

    def reworded(self) -> list[ActivityChange]:
        return [c for c in self.diff.activities if c.change is Change.REWORDED]

    # -- plain --------------------------------------------------------------------------

    def plain(self) -> str:
        return "\n".join(self._plain_lines())

    def _plain_lines(self, width: int = WIDTH) -> Iterator[str]:
        """The comparison as lines of at most ``width`` cells (bar a single long token)."""
        yield from wrap(self.heading(), width, "", "  ")
        if self.diff.only:
            yield from wrap(self._say("diff_only_unit", unit=self.diff.only), width, "", "  ")
        if not self.diff:
            yield self._say("diff_nothing")
            return
        yield from wrap(self.summary(), width, "", "  ")
        rows = self.plan_lines()
        if rows:
            yield ""
            yield self._say("diff_plan")
            for label, text in rows:
                yield from wrap(f"{label}: {text}", width, "  ", "    ")
        for unit in self.diff.units:
            yield ""
            yield from wrap(self.unit_name(unit), width, "", "  ")
            for field, key, mark in SECTIONS:
                tasks: tuple[UnitTask, ...] = getattr(unit, field)
                if not tasks:
                    continue
                yield f"  {self._say(key)}:"
                for task in tasks:
                    yield from wrap(f"{mark} {_nfc(task.activity.title)}", width, "    ",
                                    "      ")
                    for line in self.task_details(field, task):
                        yield from wrap(line, width, "      ", "        ")
        reworded = self.reworded()
        if reworded:
            yield ""
            yield self._say("diff_reworded")
            for change in reworded:
                assert change.old is not None and change.new is not None
                was, now = self.was_now()
                yield from wrap(f"{was} {_nfc(change.old.title)}", width, "  - ", "    ")
                yield from wrap(f"{now} {_nfc(change.new.title)}", width, "    ", "    ")

    def fits(self, width: int) -> bool:
        """Whether the units' tables leave the title and the details :data:`MIN_COLUMN`
        cells each at ``width``."""
        labels = natural(self._say(key) for unit in self.diff.units
                         for field, key, _ in SECTIONS if getattr(unit, field))
        return table_fits([labels], [MIN_COLUMN, MIN_COLUMN], width)

    # -- JSON ---------------------------------------------------------------------------

    def as_json(self) -> dict[str, Any]:
        diff = self.diff
        plan = diff.plan
        plan_json: dict[str, Any] = {
            f: None for f in ("anniversary", "year", "number", "issued", "period",
                              "campaign_end")}
        for field in plan.fields:
            plan_json[field.field] = {"old": _value_json(field.old),
                                      "new": _value_json(field.new)}
        plan_json["references"] = {
            "added": [reference_json(r) for r in plan.references_added],
            "removed": [reference_json(r) for r in plan.references_removed]}
        return {
            "old": _plan_json(diff.old), "new": _plan_json(diff.new), "unit": diff.only,
            "summary": {**{c.value: diff.count(c) for c in Change},
                        "plan": len(plan.fields) + len(plan.references_added)
                        + len(plan.references_removed), "units": len(diff.units)},
            "plan": plan_json,
            "activities": [_change_json(c) for c in diff.activities],
            "units": [_unit_json(u) for u in diff.units],
        }

    # -- rich ---------------------------------------------------------------------------

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table
        from rich.text import Text

        if not self.fits(options.max_width):
            yield from self._rich_lines(options.max_width)
            return
        yield Text(self.heading(), style="bold")
        if self.diff.only:
            yield Text(self._say("diff_only_unit", unit=self.diff.only), style="dim")
        if not self.diff:
            yield Text(self._say("diff_nothing"))
            return
        yield Text(self.summary())
        rows = self.plan_lines()
        if rows:
            table = Table(title=self._say("diff_plan"), title_justify="left",
                          title_style="bold cyan", show_header=False, expand=True)
            table.add_column(ratio=2, style="bold", overflow="fold")
            table.add_column(ratio=5, overflow="fold")
            for label, text in rows:
                table.add_row(Text(label), Text(text))
            yield table
        for unit in self.diff.units:
            table = Table(title=self.unit_name(unit), title_justify="left",
                          title_style="bold cyan", show_header=False, expand=True)
            table.add_column(style="bold", no_wrap=True)
            table.add_column(ratio=1, overflow="fold")
            table.add_column(ratio=1, overflow="fold")
            for field, key, _ in SECTIONS:
                for task in getattr(unit, field):
                    style = "green" if field == "added" else "red" if field == "removed" \
                        else None
                    table.add_row(Text(self._say(key), style=style or ""),
                                  Text(_nfc(task.activity.title)),
                                  Text("\n".join(self.task_details(field, task))))
            yield table
        reworded = self.reworded()
        if reworded:
            table = Table(title=self._say("diff_reworded"), title_justify="left",
                          title_style="bold cyan", expand=True)
            table.add_column(self._say("diff_was"), ratio=1, overflow="fold")
            table.add_column(self._say("diff_now"), ratio=1, overflow="fold")
            for change in reworded:
                assert change.old is not None and change.new is not None
                table.add_row(Text(_nfc(change.old.title)), Text(_nfc(change.new.title)))
            yield table

    def _rich_lines(self, width: int) -> Iterator[Text]:
        """The plain layout at ``width``: names bold, added and removed tasks coloured."""
        from rich.text import Text

        colour = {"+": "green", "-": "red"}
        for line in self._plain_lines(width):
            mark = line[4:6] if line.startswith("    ") and not line.startswith("     ") else ""
            style = ("bold" if line and not line.startswith(" ")
                     else colour.get(mark[:1], "") if mark[1:] == " " else "")
            yield Text(line, style=style)


def _plan_json(plan: Plan) -> dict[str, Any]:
    return {"id": plan.id, "title": plan.title, "number": plan.number,
            "issued": _iso(plan.issued),
            "file": plan.location.file if plan.location is not None else None}


def _change_json(change: ActivityChange) -> dict[str, Any]:
    row: dict[str, Any] = {"change": change.change.value, "old": activity_json(change.old),
           "new": activity_json(change.new)}
    if change.change is Change.REASSIGNED:
        row["units"] = [{"unit": u.unit, "old": _roles_json(u.old), "new": _roles_json(u.new)}
                        for u in change.units]
    return row


def _task_json(section: str, task: UnitTask) -> dict[str, Any]:
    activity = task.activity
    row: dict[str, Any] = {"id": activity.id, "title": activity.title}
    if section == "added":
        row.update(roles=_roles_json(task.new), **_when_json(activity),
                   via=task.change.change.value)
    elif section == "removed":
        row.update(roles=_roles_json(task.old), via=task.change.change.value)
    elif section == "retimed":
        assert task.change.old is not None and task.change.new is not None
        row.update(roles=_roles_json(task.new), old=_when_json(task.change.old),
                   new=_when_json(task.change.new))
    else:
        row.update(old=_roles_json(task.old), new=_roles_json(task.new))
    return row


def _unit_json(unit: UnitChanges) -> dict[str, Any]:
    return {"unit": unit.unit if unit.key else None,
            **{field: [_task_json(field, t) for t in getattr(unit, field)]
               for field, _, _ in SECTIONS}}
