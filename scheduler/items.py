"""Stage 4 of the pipeline: the one list of dated items every output reads.

Plans (with their anniversary days) and registry occurrences become :class:`Item` rows here,
once; the terminal views, feeds and reminders only filter and render them. Query them like
recurring-ical-events: ``of(items).between(a, b)`` expands recurring reports (RFC 5545 RRULE,
§3.3.10) into their instances.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache

from .model import Anniversary, Occurrence
from .plans.model import DUE_KINDS, Activity, Plan, Role, UnitLink
from .plans.workdays import Due, shift


class ItemKind(StrEnum):
    ANNIVERSARY = "anniversary"
    CAMPAIGN = "campaign"
    PEAK = "peak"
    EVENT = "event"
    MEETING = "meeting"
    VISIT = "visit"
    DEADLINE = "deadline"
    REPORT = "report"


@dataclass(frozen=True)
class Item:
    """A dated thing to show: an anniversary day, an activity window, a peak, a deadline."""

    uid: str  # stable: derived from registry and plan ids, never random
    kind: ItemKind
    title: str
    start: date | None  # None: undated ("theo chỉ đạo của Thành phố")
    end: date | None
    due: Due | None = None  # deadlines and reports: the working day it is due
    rrule: str | None = None
    lead: str | None = None  # the first lead unit
    partners: tuple[str, ...] = ()
    links: tuple[UnitLink, ...] = ()  # every unit the activity names, with its role
    phrase: str | None = None
    plan: Plan | None = None
    activity: Activity | None = None
    occurrence: Occurrence | None = None
    reminders: tuple[int, ...] = ()

    @property
    def undated(self) -> bool:
        return self.start is None

    @property
    def units(self) -> tuple[str, ...]:
        """Every unit named, leads first, each once."""
        if not self.links:
            return ((self.lead,) if self.lead else ()) + self.partners
        return self.activity.units if self.activity else tuple(
            dict.fromkeys(link.unit for link in self.links))

    def with_role(self, *roles: Role) -> tuple[str, ...]:
        return tuple(link.unit for link in self.links if link.role in roles)

    @property
    def last_day(self) -> date | None:
        """The day the item ends for the user: the shifted due day, else the window's end."""
        return self.due.day if self.due else self.end

    def overlaps(self, start: date, end: date) -> bool:
        if self.start is None or self.last_day is None:
            return False
        return self.start <= end and start <= max(self.last_day, self.end or self.last_day)

    def involves(self, unit: str) -> bool:
        """Whether ``unit`` has any role in it: any part of a name, compared as unit names are
        (case, diacritics and abbreviations aside: "ban chqs" finds "Ban chỉ huy Quân sự
        Quận"; :mod:`scheduler.units.normalise`); a level the name ends with ("UBND quận")
        must be the unit's, when the unit's name writes one."""
        from .units.normalise import key, level_fits, trailing_levels

        needle = key(unit)
        if not needle:
            return False
        for name in self.units:
            if needle in key(name) and level_fits(
                    unit, trailing_levels(name) or (_plan_level(self.plan) if self.plan
                                                    else None)):
                return True
        return False


@lru_cache(maxsize=256)
def _plan_level(plan: Plan) -> str | None:
    """The level of the plan's own bodies ("UBND" in a ward's plan is the ward's)."""
    from .units.resolve import place_of

    return place_of(plan).level


def from_plan(plan: Plan) -> Iterator[Item]:
    """The plan's anniversary day(s) and each activity (and its peak) as items."""
    day = plan.anniversary_day
    if day is not None:
        yield _anniversary_item(plan, plan.anniversary.id, plan.anniversary.name, day)
    for other in combined(plan):
        from .occurrences import occurrence

        occ = occurrence(other, plan.year)
        if occ is not None:
            yield _anniversary_item(plan, other.id, other.name, occ.date, occ)
    yield from _period_items(plan)
    for activity in plan.activities:
        yield from _activity_items(plan, activity)


def _period_items(plan: Plan) -> Iterator[Item]:
    """The plan's own campaign period (format 2 ``period``) and its peak, as the plan words
    them: the frame every task without a time of its own runs in."""
    window = plan.campaign
    if window is None or window.start is None:
        return
    base = Item(uid=f"plan/{plan.id}/period", kind=ItemKind.CAMPAIGN, title=plan.title,
                start=window.start, end=window.end, phrase=window.phrase, plan=plan,
                reminders=plan.reminders)
    yield base
    if window.peak is not None and window.peak.start is not None:
        yield replace(base, uid=f"{base.uid}/peak", kind=ItemKind.PEAK,
                      start=window.peak.start, end=window.peak.end)


def combined(plan: Plan) -> tuple[Anniversary, ...]:
    """The anniversaries the plan is combined with, its own and its activities' ("gắn với"),
    each once."""
    found = {a.id: a for a in plan.combined_with}
    for activity in plan.activities:
        for other in activity.combined_with:
            found.setdefault(other.id, other)
    return tuple(found.values())


def _anniversary_item(plan: Plan, anniversary_id: str, name: str, day: date,
                      occ: Occurrence | None = None) -> Item:
    return Item(uid=f"plan/{plan.id}/anniversary/{anniversary_id}", kind=ItemKind.ANNIVERSARY,
                title=name, start=day, end=day, plan=plan, occurrence=occ)


def _activity_items(plan: Plan, activity: Activity) -> Iterator[Item]:
    window = activity.window
    due = None
    if activity.kind in DUE_KINDS and window.end is not None and window.rrule is None:
        due = shift(window.end, activity.shift)
    base = Item(
        uid=f"plan/{plan.id}/{activity.id}",
        kind=ItemKind(activity.kind.value),
        title=activity.title,
        start=window.start,
        end=window.end,
        due=due,
        rrule=window.rrule,
        lead=activity.lead,
        partners=activity.partners,
        links=activity.links,
        phrase=window.phrase or None,
        plan=plan,
        activity=activity,
        reminders=activity.reminders or plan.reminders,
    )
    yield base
    if window.peak is not None:
        yield replace(base, uid=f"{base.uid}/peak", kind=ItemKind.PEAK, start=window.peak.start,
                      end=window.peak.end, due=None, rrule=None)


def from_occurrences(occurrences: Iterable[Occurrence], lang: str = "vi") -> Iterator[Item]:
    """Registry occurrences (milestones) as items."""
    from .outputs.text import title

    for occ in occurrences:
        yield Item(uid=f"anniversary/{occ.id}/{occ.date.year}", kind=ItemKind.ANNIVERSARY,
                   title=title(occ, lang), start=occ.date, end=occ.date, occurrence=occ)


@dataclass(frozen=True)
class Items:
    """The query surface over items; build it with :func:`of`."""

    items: tuple[Item, ...]

    def between(self, start: date, end: date) -> list[Item]:
        """Dated items touching [start, end], recurring ones expanded to their instances,
        ordered by first day then uid."""
        found: list[Item] = []
        for item in self.items:
            if item.rrule and item.start is not None:
                found += [i for i in instances(item) if i.overlaps(start, end)]
            elif item.overlaps(start, end):
                found.append(item)
        return sorted(found, key=lambda i: (i.start or date.min, i.uid))

    def undated(self) -> list[Item]:
        return [i for i in self.items if i.undated]

    def for_unit(self, unit: str | None) -> Items:
        """Items the unit has a role in; anniversary days stay, as context."""
        if not unit:
            return self
        return Items(tuple(i for i in self.items
                           if i.kind is ItemKind.ANNIVERSARY or i.involves(unit)))

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)


def instances(item: Item) -> Iterator[Item]:
    """A recurring item's instances (RFC 5545 §3.3.10), each due on its shifted day."""
    for day, due in instance_dues(item):
        yield replace(item, uid=f"{item.uid}/{day:%Y%m%d}", start=day, end=day, due=due,
                      rrule=None)


def instance_dues(item: Item) -> Iterator[tuple[date, Due | None]]:
    """Each instance's day as the rule writes it, and its due day (None: no shift asked):
    what :func:`instances` are made of, for callers that need no item per instance (a
    feed's overrides: issue 11)."""
    assert item.start is not None and item.rrule is not None
    activity = item.activity
    policy = activity.shift if activity else None
    for day in rule_days(item.rrule, item.start):
        yield day, (shift(day, policy) if policy is not None else None)


@lru_cache(maxsize=4096)
def rule_days(rrule: str, start: date) -> tuple[date, ...]:
    """The days of an RRULE from ``start`` (always bounded: plans end their series). Cached:
    plans repeat their reporting rules ("hàng tháng trước ngày 20"), and parsing one with
    dateutil costs more than the instances it gives."""
    from dateutil.rrule import rrulestr

    rule = rrulestr(rrule, dtstart=datetime.combine(start, datetime.min.time()))
    return tuple(moment.date() for moment in rule)


def of(plans: Iterable[Plan], extra: Iterable[Item] = ()) -> Items:
    """All items of these plans (plus any extra items, e.g. registry milestones)."""
    items = [item for plan in plans for item in from_plan(plan)]
    return Items(tuple(items) + tuple(extra))
