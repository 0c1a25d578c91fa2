"""Read a plan's activities (docs/plan-format.md): units and roles, windows, sub-items, and
the assignment entries that restate a content activity (``relates_to``).

Format 2 rules, each tested in tests/test_plans_format2.py:

* An activity with no ``when`` and no ``start`` has no time of its own (``timed=False``). A
  sub-item takes its parent's window; any other activity runs through the plan's ``period``
  when the plan states one (precision ``relative``), else it is undated.
* Units: ``lead``, ``partners``, ``directs``, ``advises``, ``requested``, ``guides`` each take a
  name or a list; an entry is a name or ``{name: …, kind: collective}`` for a level or a group
  ("UBND các xã, phường"), which is not one body. A sub-item with no units takes its parent's.
* ``relates_to: ID`` (an assignment entry restating content activity ID, DOMAIN.md "How a plan
  document is built") is folded into ID: its units join ID's and, when ID has no time of its
  own and the entry has one, ID takes it. One task gives one set of items. An entry whose own
  time differs from ID's stays an activity of its own (it says something ID does not).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from ..model import Anniversary, Location
from ..registry.errors import Problem
from ..rules import LEAD_DAYS, PLAN_YEARS
from ..wording import Message, quote, say
from ..yamlread import Field, FieldError, Reader, choice, day_in, ident, line, text, whole_in
from .model import Activity, ActivityKind, Role, UnitLink
from .phrases import PhraseError, read_phrase
from .short import LIMIT as SHORT_LIMIT
from .window import Closure, PhraseContext, Precision, Window
from .workdays import Shift

_plan_day = day_in(PLAN_YEARS)


def flag(value: str) -> bool:
    """``true``/``false`` (YAML 1.1's yes/no are not taken: they read as words)."""
    if value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise FieldError(say("plan_not_flag", value=quote(value)))


#: Role field → role, in the order a unit's links are kept.
ROLE_FIELDS: dict[str, Role] = {
    "lead": Role.LEAD, "partners": Role.PARTNER, "directs": Role.DIRECTS,
    "advises": Role.ADVISES, "requested": Role.REQUESTED, "guides": Role.GUIDES}

#: Fields an activity has in a plan and in a template alike.
ACTIVITY_BASE: dict[str, Field] = {
    "id": Field(True, ident),
    "title": Field(True, text),
    "kind": Field(True, choice(ActivityKind)),
    "lead": Field(False, text),
    "partners": Field(False, text, many=True),
    "notes": Field(False, text),
    "shift": Field(False, choice(Shift)),
    "reminders": Field(False, whole_in(LEAD_DAYS), many=True),
}
def short_text(value: str) -> str:
    """An activity's ``short`` title: what a phone shows (:mod:`.short`), at most
    :data:`~.short.LIMIT` characters."""
    found = text(value)
    if len(found) > SHORT_LIMIT:
        raise FieldError(say("short_too_long", n=len(found), limit=SHORT_LIMIT))
    return found


ACTIVITY_FIELDS: dict[str, Field] = {
    **ACTIVITY_BASE,
    "short": Field(False, short_text),
    "when": Field(False, text),
    "start": Field(False, _plan_day),
    "end": Field(False, _plan_day),
    "section": Field(False, text),
}
#: Format 2: ids of sub-items and the kind may be left out; units are names or records.
ACTIVITY_FIELDS_2: dict[str, Field] = {
    **ACTIVITY_FIELDS,
    "id": Field(False, ident),
    "kind": Field(False, choice(ActivityKind)),
    **{name: Field(False, None) for name in ROLE_FIELDS},
    "children": Field(False, None),
    "targets": Field(False, text, many=True),
    "tentative": Field(False, flag),
    "separate_plan": Field(False, flag),
    "combined_with": Field(False, None),
    "relates_to": Field(False, ident),
    "text": Field(False, text),
    "line": Field(False, whole_in(range(1, 10**6))),
}
UNIT_KINDS = ("unit", "collective")


@dataclass
class ActivityReader:
    """Reads one plan's activity list; ``anniversary`` reads an id or an ad-hoc record."""

    reader: Reader
    context: PhraseContext | None  # None: the plan's own fields are wrong; check fields only
    format: int
    anniversary: Any  # Callable[[yaml.Node, str], Anniversary | None]
    campaign: Window | None = None
    #: ids of activities written but refused: no other problem is made of them (regression:
    #: a bad date also gave "relates_to: no activity has this id" on the entry naming it)
    refused: set[str] = field(default_factory=set)

    def read_all(self, nodes: list[yaml.Node]) -> list[Activity]:
        out: list[Activity] = []
        for i, node in enumerate(nodes):
            out += self.read(node, f"activities[{i}]", None)
        self._check_ids(out)
        return fold_restatements(self.reader, out, self.refused)

    def read(self, node: yaml.Node, where: str, parent: Activity | None) -> list[Activity]:
        """The activity at ``node`` and its sub-items, flattened (parent first)."""
        fields = ACTIVITY_FIELDS if self.format == 1 else ACTIVITY_FIELDS_2
        before = len(self.reader.problems)
        values, nodes = self.reader.fields(node, where, fields)
        if not isinstance(node, yaml.MappingNode) or len(self.reader.problems) > before:
            if isinstance(values.get("id"), str):
                self.refused.add(values["id"])
            if self.context is not None and isinstance(node, yaml.MappingNode) and (
                    "when" in values or "start" in values):  # its time's problems too, at once
                read_window(self.reader, node, where, values, nodes, self.context)
            return []
        if self.context is None:
            return []
        if "id" not in values:
            if parent is None:
                self.reader.problem(node, f"{where}.id", say("yaml_missing"))
                return []
            values["id"] = f"{parent.id}-{where.rsplit('[', 1)[1].rstrip(']')}"
        window, timed = self._window(node, where, values, nodes, parent)
        links = self._links(values, where, nodes)
        combined = tuple(a for a in (
            self.anniversary(n, f"{where}.combined_with[{i}]") for i, n in
            enumerate(self.reader.sequence(nodes["combined_with"], f"{where}.combined_with"))
        ) if a is not None) if "combined_with" in nodes else ()
        if window is None or links is None:
            return []
        activity = Activity(
            id=values["id"], title=values["title"],
            kind=values.get("kind", parent.kind if parent else ActivityKind.CAMPAIGN),
            window=window, links=links or (parent.links if parent else ()),
            notes=values.get("notes"), section=values.get("section"),
            shift=values.get("shift", Shift.BEFORE), reminders=values.get("reminders", ()),
            timed=timed, parent=parent.id if parent else None,
            targets=values.get("targets", ()), tentative=values.get("tentative", False),
            separate_plan=values.get("separate_plan", False), combined_with=combined,
            relates_to=values.get("relates_to"), text=values.get("text"),
            line=values.get("line"), short=values.get("short"),
            location=Location(self.reader.file, line(node)))
        out = [activity]
        if "children" in nodes:
            for i, child in enumerate(self.reader.sequence(nodes["children"],
                                                           f"{where}.children")):
                out += self.read(child, f"{where}.children[{i}]", activity)
        return out

    def _links(self, values: dict[str, Any], where: str,
               nodes: dict[str, yaml.Node]) -> tuple[UnitLink, ...] | None:
        links: list[UnitLink] = []
        ok = True
        for key, role in ROLE_FIELDS.items():
            if key not in values:
                continue
            if self.format == 1:  # lead: a name, partners: names (already parsed)
                names = (values[key],) if key == "lead" else values[key]
                links += [UnitLink(n, role) for n in names]
                continue
            node = nodes[key]
            entries = node.value if isinstance(node, yaml.SequenceNode) else [node]
            for i, entry in enumerate(entries):
                link = self._link(entry, f"{where}.{key}[{i}]", role)
                ok = ok and link is not None
                if link is not None and link not in links:
                    links.append(link)
        return tuple(links) if ok else None

    def _link(self, node: yaml.Node, where: str, role: Role) -> UnitLink | None:
        if isinstance(node, yaml.MappingNode):
            parsed = self.reader.record(node, where, {"name": Field(True, text),
                                                      "kind": Field(False, _unit_kind)})
            if parsed is None:
                return None
            values, _ = parsed
            return UnitLink(values["name"], role, values.get("kind") == "collective")
        try:
            return UnitLink(text(self.reader.raw(node, False)), role)
        except FieldError as exc:
            self.reader.problem(node, where, exc.message)
            return None

    def _window(self, node: yaml.Node, where: str, values: dict[str, Any],
                nodes: dict[str, yaml.Node], parent: Activity | None,
                ) -> tuple[Window | None, bool]:
        assert self.context is not None
        if "when" in values or "start" in values or self.format == 1:
            return read_window(self.reader, node, where, values, nodes, self.context), True
        if parent is not None:  # its parent's days; the peak is the parent's item alone
            return replace(parent.window, peak=None), False
        if self.campaign is not None:
            return replace(self.campaign, phrase="", precision=Precision.RELATIVE,
                           start_from=Closure.PLAN, end_from=Closure.PLAN, peak=None), False
        return UNTIMED, False

    def _check_ids(self, activities: list[Activity]) -> None:
        seen: set[str] = set()
        for activity in activities:
            if activity.id in seen:
                _problem(self.reader, activity, "activities.id",
                         say("plan_activity_twice", id=quote(activity.id)))
            seen.add(activity.id)


#: The window of an activity with no time of its own in a plan that states no period.
UNTIMED = Window(phrase="", start=None, end=None, precision=Precision.UNDATED,
                 start_from=Closure.ASSUMED, end_from=Closure.ASSUMED)


def _unit_kind(value: str) -> str:
    if value not in UNIT_KINDS:
        raise FieldError(say("yaml_not_one_of", value=quote(value), allowed=", ".join(UNIT_KINDS)))
    return value


def _problem(reader: Reader, activity: Activity, field: str, message: Message) -> None:
    at = activity.location
    reader.problems.append(Problem(reader.file, at.line if at else None, field, message))


def fold_restatements(reader: Reader, activities: list[Activity],
                      refused: Collection[str] = ()) -> list[Activity]:
    """Fold each ``relates_to`` entry into the activity it restates (module docstring); one
    naming a ``refused`` activity (reported already) is left as it is."""
    by_id = {a.id: a for a in activities}
    folded: set[str] = set()
    for entry in activities:
        if entry.relates_to is None:
            continue
        target = by_id.get(entry.relates_to)
        if target is None and entry.relates_to in refused:
            continue
        if target is None or entry.relates_to == entry.id:
            _problem(reader, entry, f"activities[{entry.id}].relates_to",
                     say("plan_relates_unknown"))
            continue
        if target.relates_to is not None:
            _problem(reader, entry, f"activities[{entry.id}].relates_to",
                     say("plan_relates_chain", id=quote(target.id)))
            continue
        if entry.timed and target.timed and _days(entry.window) != _days(target.window):
            continue  # its own time: a task of its own
        window, timed = (entry.window, True) if entry.timed and not target.timed \
            else (target.window, target.timed)
        links = target.links + tuple(link for link in entry.links if link not in target.links)
        by_id[target.id] = replace(target, links=links, window=window, timed=timed,
                                   merged=target.merged + (entry.id,))
        folded.add(entry.id)
    return [by_id[a.id] for a in activities if a.id not in folded]


def _days(window: Window) -> tuple[object, ...]:
    """The time a window gives, whatever its wording ("trong tháng 4/2024" in section II is
    the same time as "Trong tháng 4 năm 2024" in section III)."""
    peak = window.peak
    return (window.start, window.end, window.rrule,
            None if peak is None else (peak.start, peak.end))


def read_window(reader: Reader, node: yaml.Node, where: str, values: dict[str, Any],
                nodes: dict[str, yaml.Node], context: PhraseContext) -> Window | None:
    """The window of ``when`` (read with the plan's context) or of ``start``/``end``."""
    if "when" in values and "start" in values:
        reader.problem(nodes["start"], f"{where}.start", say("plan_when_and_start"))
        return None
    if "when" in values:
        try:
            window = read_phrase(values["when"], context)
        except PhraseError as exc:
            reader.problem(nodes["when"], f"{where}.when", exc.message)
            return None
        outside = [d for d in (window.start, window.end)
                   if d is not None and d.year not in PLAN_YEARS]
        if outside:
            reader.problem(nodes["when"], f"{where}.when", say(
                "date_range", value=quote(values["when"]), first=PLAN_YEARS.start,
                last=PLAN_YEARS.stop - 1))
            return None
        return window
    if "start" not in values:
        reader.problem(node, f"{where}.when", say("plan_no_time"))
        return None
    start = values["start"]
    end = values.get("end", start)
    if end < start:
        reader.problem(nodes["end"], f"{where}.end", say("plan_end_before_start"))
        return None
    return Window(phrase=f"{start:%d/%m/%Y} - {end:%d/%m/%Y}", start=start, end=end,
                  precision=Precision.DAY, start_from=Closure.TEXT, end_from=Closure.TEXT)


__all__ = ["ACTIVITY_BASE", "ActivityReader", "Anniversary", "read_window"]
