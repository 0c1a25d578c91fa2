"""What a re-issued plan changed (``kyniem diff OLD NEW``): plain functions over two plans.

**Matching.** The activities of OLD and NEW (sub-items included, each one like any other) are
paired in two rounds:

1. the same ``id`` — except the ids kyniem makes for sub-items written without one
   (``tham-hoi-0``, ``tham-hoi-1``: the parent's id and a position), which say where a sub-item
   stands, not which task it is; those go to round 2;
2. the rest by the similarity of their titles, folded (:func:`fold`: NFC, case folded,
   diacritics and đ removed, spaces collapsed): :class:`difflib.SequenceMatcher` ratio, pairs at
   or above :data:`THRESHOLD` taken greedily, best first (ties: the earlier activity of OLD,
   then of NEW).

What is left of OLD is *removed*, what is left of NEW *added*.

**Changes of a pair.** *retimed*: the activity gained or lost a time of its own (timed ↔
untimed), or, timed in both, its first or last day (or its recurrence) moved. A bound that both
versions take from the same place in the plan (its issue date, its anniversary day, its
campaign end or period: "từ nay", "vào dịp kỷ niệm") moves with that place, which is a change of
the plan, told once at plan level; an activity with no time of its own in both versions follows
its parent or the plan's period the same way. *reassigned*: a unit (names compared folded) was
added or removed, or its role changed. *reworded*: the title changed (NFC, spaces collapsed).
One pair can be several of these; each is one :class:`ActivityChange`.

**Per unit.** Every change is filed under each unit it concerns (:class:`UnitChanges`): the
unit's new tasks (a new activity naming it, or an activity now given to it), tasks taken from
it, its tasks retimed, and its role changes. Units are compared by their folded names and shown
as NEW writes them (as OLD does when they are gone).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from difflib import SequenceMatcher
from enum import StrEnum

from . import names
from .i18n import sort_key
from .plans.model import Activity, ParentDoc, Plan, Role
from .plans.window import Closure, Window

#: Titles whose folded similarity reaches this ratio can be the same task (round 2).
THRESHOLD = 0.6

#: Bounds a window takes from the plan rather than from the activity's own words.
CONTEXT_BOUNDS = frozenset({Closure.ANNIVERSARY, Closure.CAMPAIGN_END, Closure.ISSUED,
                            Closure.PLAN})


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    RETIMED = "retimed"
    REASSIGNED = "reassigned"
    REWORDED = "reworded"


def fold(text: str) -> str:
    """Text for comparing: "Ban Tuyên giáo  Quận ủy" → "ban tuyen giao quan uy"."""
    return " ".join(names.fold(unicodedata.normalize("NFC", text)).split())


def similarity(old: str, new: str) -> float:
    """The ratio of two titles, folded (0 … 1), as :func:`match` computes it."""
    return SequenceMatcher(None, fold(new), fold(old), autojunk=False).ratio()


def _written(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# -- matching -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """One task in both versions; ``by`` is "id" or "title" (then ``score`` is the ratio)."""

    old: Activity
    new: Activity
    by: str
    score: float = 1.0


@dataclass(frozen=True)
class Matching:
    pairs: tuple[Pair, ...]
    removed: tuple[Activity, ...]
    added: tuple[Activity, ...]


def generated_id(activity: Activity) -> bool:
    """Whether the id is the one the reader makes for a sub-item written without one."""
    return activity.parent is not None and re.fullmatch(
        re.escape(activity.parent) + r"-\d+", activity.id) is not None


def match(old: Sequence[Activity], new: Sequence[Activity],
          threshold: float = THRESHOLD) -> Matching:
    """Pair the activities of two versions (module docstring, "Matching")."""
    new_by_id = {a.id: a for a in new if not generated_id(a)}
    pairs: list[Pair] = []
    for a in old:
        b = new_by_id.get(a.id)
        if b is not None and not generated_id(a):
            pairs.append(Pair(a, b, "id"))
    taken_old = {p.old.id for p in pairs}
    taken_new = {p.new.id for p in pairs}
    rest_old = [(i, a) for i, a in enumerate(old) if a.id not in taken_old]
    rest_new = [(j, b) for j, b in enumerate(new) if b.id not in taken_new]
    folded_new = [(j, b, fold(b.title)) for j, b in rest_new]
    candidates: list[tuple[float, int, int, Activity, Activity]] = []
    for i, a in rest_old:
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(fold(a.title))
        for j, b, title in folded_new:
            matcher.set_seq1(title)
            if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold:
                score = matcher.ratio()
                if score >= threshold:
                    candidates.append((score, i, j, a, b))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    for score, _, _, a, b in candidates:
        if a.id in taken_old or b.id in taken_new:
            continue
        pairs.append(Pair(a, b, "title", score))
        taken_old.add(a.id)
        taken_new.add(b.id)
    order = {b.id: j for j, b in enumerate(new)}
    pairs.sort(key=lambda p: order[p.new.id])
    return Matching(tuple(pairs), tuple(a for a in old if a.id not in taken_old),
                    tuple(b for b in new if b.id not in taken_new))


# -- changes of one pair --------------------------------------------------------------------


def unit_roles(activity: Activity) -> dict[str, tuple[str, tuple[Role, ...]]]:
    """A unit's key → (the name as written first, its roles in :class:`Role` order). The
    key is the one ``kyniem units`` merges spellings by (:func:`scheduler.units.normalise.
    key`): "Ban CHQS phường" and "Ban Chỉ huy Quân sự" in a ward's plans are one unit
    (regression: a spelling changed in the re-issued plan was a task dropped and a new one)."""
    from .units.normalise import key as unit_key

    found: dict[str, tuple[str, set[Role]]] = {}
    for link in activity.links:
        key = unit_key(link.unit) or fold(link.unit)
        name, roles = found.setdefault(key, (link.unit, set()))
        roles.add(link.role)
    return {k: (name, tuple(r for r in Role if r in roles)) for k, (name, roles) in found.items()}


def _bound_moved(old: date | None, old_from: Closure, new: date | None,
                 new_from: Closure) -> bool:
    return old != new and not (old_from == new_from and old_from in CONTEXT_BOUNDS)


def retimed(old: Activity, new: Activity) -> bool:
    """Whether the task's own time changed (module docstring, "Changes of a pair")."""
    if old.timed != new.timed:
        return True
    if not old.timed:
        return False
    a, b = old.window, new.window
    return (a.rrule != b.rrule or _bound_moved(a.start, a.start_from, b.start, b.start_from)
            or _bound_moved(a.end, a.end_from, b.end, b.end_from))


@dataclass(frozen=True)
class RoleChange:
    """A unit's roles in an activity before and after: ``old`` empty when it was added,
    ``new`` empty when it was taken off."""

    key: str  # the folded name
    unit: str  # as written (in NEW when there)
    old: tuple[Role, ...]
    new: tuple[Role, ...]


def role_changes(old: Activity, new: Activity) -> tuple[RoleChange, ...]:
    """Every unit whose roles differ, in the order NEW names them, then those OLD had."""
    before, after = unit_roles(old), unit_roles(new)
    out = []
    for key in [*after, *(k for k in before if k not in after)]:
        was = before[key][1] if key in before else ()
        now = after[key][1] if key in after else ()
        if was != now:
            out.append(RoleChange(key, (after.get(key) or before[key])[0], was, now))
    return tuple(out)


@dataclass(frozen=True)
class ActivityChange:
    """One change of one activity: ``old`` is None when added, ``new`` None when removed;
    ``units`` holds the role changes of a reassigned activity."""

    change: Change
    old: Activity | None
    new: Activity | None
    units: tuple[RoleChange, ...] = ()

    def concerns(self) -> tuple[str, ...]:
        """The folded names of the units this change is filed under (see :func:`by_unit`)."""
        if self.change is Change.REASSIGNED:
            return tuple(u.key for u in self.units)
        if self.change is Change.RETIMED:
            assert self.old is not None and self.new is not None
            before = unit_roles(self.old)
            return tuple(k for k in unit_roles(self.new) if k in before)
        sides = [a for a in (self.new, self.old) if a is not None]
        return tuple(dict.fromkeys(k for a in sides for k in unit_roles(a)))


def changes_of(matching: Matching) -> tuple[ActivityChange, ...]:
    """Every change, by kind (added, removed, retimed, reassigned, reworded), each kind in
    plan order (NEW's; OLD's for removed activities)."""
    out = [ActivityChange(Change.ADDED, None, b) for b in matching.added]
    out += [ActivityChange(Change.REMOVED, a, None) for a in matching.removed]
    out += [ActivityChange(Change.RETIMED, p.old, p.new) for p in matching.pairs
            if retimed(p.old, p.new)]
    for p in matching.pairs:
        units = role_changes(p.old, p.new)
        if units:
            out.append(ActivityChange(Change.REASSIGNED, p.old, p.new, units))
    out += [ActivityChange(Change.REWORDED, p.old, p.new) for p in matching.pairs
            if _written(p.old.title) != _written(p.new.title)]
    return tuple(out)


# -- the plan itself ------------------------------------------------------------------------

PlanValue = str | int | date | Window | None


@dataclass(frozen=True)
class FieldChange:
    """A plan field that changed: ``anniversary`` (id), ``year``, ``number``, ``issued``,
    ``period`` (a :class:`Window`), ``campaign_end``."""

    field: str
    old: PlanValue
    new: PlanValue


@dataclass(frozen=True)
class PlanChanges:
    fields: tuple[FieldChange, ...] = ()
    references_added: tuple[ParentDoc, ...] = ()
    references_removed: tuple[ParentDoc, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.fields or self.references_added or self.references_removed)

    def field(self, name: str) -> FieldChange | None:
        return next((f for f in self.fields if f.field == name), None)


def _reference_key(ref: ParentDoc) -> tuple[str, str, date | None, str]:
    """A reference is the same document when its kind, number and date are (a reference
    with no number: its type and title instead)."""
    rest = "" if ref.number else fold(f"{ref.type or ''} {ref.title or ''}")
    return ref.kind.value, fold(ref.number), ref.date, rest


def _period(window: Window | None) -> tuple[object, ...] | None:
    if window is None:
        return None
    peak = window.peak
    return (window.start, window.end, None if peak is None else (peak.start, peak.end))


def plan_changes(old: Plan, new: Plan) -> PlanChanges:
    fields = []
    values: list[tuple[str, PlanValue, PlanValue, object, object]] = [
        ("anniversary", old.anniversary.id, new.anniversary.id, None, None),
        ("year", old.year, new.year, None, None),
        ("number", old.number, new.number,
         None if old.number is None else fold(old.number),
         None if new.number is None else fold(new.number)),
        ("issued", old.issued, new.issued, None, None),
        ("period", old.campaign, new.campaign, _period(old.campaign), _period(new.campaign)),
        ("campaign_end", old.campaign_end, new.campaign_end, None, None),
    ]
    for name, a, b, key_a, key_b in values:
        same = key_a == key_b if key_a is not None or key_b is not None else a == b
        if not same:
            fields.append(FieldChange(name, a, b))
    before = {_reference_key(r): r for r in old.implements}
    after = {_reference_key(r): r for r in new.implements}
    return PlanChanges(tuple(fields), tuple(r for k, r in after.items() if k not in before),
                       tuple(r for k, r in before.items() if k not in after))


# -- per unit -------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitTask:
    """A change as one unit sees it: its roles before (``old``) and after (``new``)."""

    change: ActivityChange
    old: tuple[Role, ...]
    new: tuple[Role, ...]

    @property
    def activity(self) -> Activity:
        found = self.change.new or self.change.old
        assert found is not None
        return found


@dataclass(frozen=True)
class UnitChanges:
    """One unit's changes; ``key`` is its folded name ("" for activities naming no unit)."""

    key: str
    unit: str
    added: tuple[UnitTask, ...] = ()
    removed: tuple[UnitTask, ...] = ()
    retimed: tuple[UnitTask, ...] = ()
    roles: tuple[UnitTask, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.retimed or self.roles)


def _roles(activity: Activity | None, key: str) -> tuple[Role, ...]:
    return () if activity is None else unit_roles(activity).get(key, ("", ()))[1]


def by_unit(changes: Iterable[ActivityChange]) -> tuple[UnitChanges, ...]:
    """File each change under the units it concerns; units in Vietnamese name order, the
    changes naming no unit last (``key`` "")."""
    names: dict[str, str] = {}
    lists: dict[str, dict[str, list[UnitTask]]] = {}

    def file(key: str, name: str, where: str, task: UnitTask, preferred: bool) -> None:
        if preferred or key not in names:
            names[key] = name
        lists.setdefault(key, {}).setdefault(where, []).append(task)

    for change in changes:
        if change.change is Change.REWORDED:
            continue
        if change.change is Change.REASSIGNED:
            for unit in change.units:
                task = UnitTask(change, unit.old, unit.new)
                where = "added" if not unit.old else "removed" if not unit.new else "roles"
                file(unit.key, unit.unit, where, task, bool(unit.new))
            continue
        where = change.change.value
        keys = change.concerns()
        if not any(a is not None and a.links for a in (change.old, change.new)):
            file("", "", where, UnitTask(change, (), ()), False)  # it names no unit at all
        for key in keys:
            task = UnitTask(change, _roles(change.old, key), _roles(change.new, key))
            side = change.new if change.new is not None else change.old
            assert side is not None
            file(key, unit_roles(side)[key][0], where, task, change.new is not None)
    out = [UnitChanges(key, names[key], *(tuple(found.get(where, ())) for where in
                                          ("added", "removed", "retimed", "roles")))
           for key, found in lists.items()]
    return tuple(sorted(out, key=lambda u: (u.key == "", sort_key(u.unit))))


# -- the whole comparison -------------------------------------------------------------------


@dataclass(frozen=True)
class PlanDiff:
    """What NEW changed in OLD; ``only`` is the ``--unit`` filter applied, if any."""

    old: Plan
    new: Plan
    plan: PlanChanges
    activities: tuple[ActivityChange, ...]
    units: tuple[UnitChanges, ...]
    only: str | None = None

    def count(self, change: Change) -> int:
        return sum(1 for c in self.activities if c.change is change)

    def __bool__(self) -> bool:
        return bool(self.plan or self.activities)

    def for_unit(self, needle: str | None) -> PlanDiff:
        """Only the units whose key contains ``needle``'s (as :meth:`scheduler.items.Item.
        involves` compares), and the activity changes filed under them (plan-level changes
        stay)."""
        if not needle:
            return self
        from .units.normalise import key as unit_key

        wanted = unit_key(needle) or fold(needle)
        units = tuple(u for u in self.units if u.key and wanted in u.key)
        keys = {u.key for u in units}
        activities = tuple(c for c in self.activities
                           if c.change is not Change.REASSIGNED and keys & set(c.concerns())
                           or c.change is Change.REASSIGNED
                           and any(u.key in keys for u in c.units))
        return replace(self, activities=activities, units=units, only=needle)


def compare(old: Plan, new: Plan, unit: str | None = None) -> PlanDiff:
    """What NEW changed in OLD, for every unit (or those ``unit`` names)."""
    changes = changes_of(match(old.activities, new.activities))
    diff = PlanDiff(old, new, plan_changes(old, new), changes, by_unit(changes))
    if unit and not _names_unit(unit, (old, new)):  # regression: "no changes" for a typo
        from .registry import InputError, Problem
        from .wording import quote, say

        raise InputError([Problem("", None, "--unit", say("diff_no_such_unit",
                                                          unit=quote(unit)))])
    return diff.for_unit(unit)


def _names_unit(unit: str, plans: Iterable[Plan]) -> bool:
    """Whether a unit ``unit`` names has a role in either plan."""
    from .units.normalise import key as unit_key

    wanted = unit_key(unit) or fold(unit)
    return any(wanted in k for plan in plans for a in plan.activities for k in unit_roles(a))


__all__ = ["THRESHOLD", "ActivityChange", "Change", "FieldChange", "Matching", "Pair",
           "PlanChanges", "PlanDiff", "RoleChange", "UnitChanges", "UnitTask", "by_unit",
           "compare", "fold", "match", "plan_changes", "similarity"]
