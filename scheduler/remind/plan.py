"""Items → reminder specs: which item kinds are reminded when, as a table of rules.

A reminder is (item, lead time in days): it fires at the local time ``at`` (default 08:00,
Asia/Ho_Chi_Minh) ``days`` days before the item's anchor day — the *shifted* due day of a
deadline or report (``item.due.day``: what the unit must meet), else the first day of the window
or the anniversary day. ``days == 0`` is the reminder on the day itself. Lead times come from
the plan (``reminders: [30, 7, 1]``, in ``item.reminders``) where the rule says so, else the
rule's defaults.

Everything takes an injected clock (:class:`Clock`), never ``datetime.now`` directly.

Every day computed here stays in :data:`scheduler.dates.YEARS`: the span of interest
(:func:`span`, grace behind and horizon ahead of today) goes through ``plus_days`` and ends the
command with a message when it would leave them (``--clock 0001-01-01``, ``--now
31/12/9998``); a reminder whose day would fall before the first day (a long lead time on an
item near year 1) is dropped, having expired long before any ``now`` the span admits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from ..dates import VN_TZ, plus_days
from ..items import Item, ItemKind, Items
from ..plans.model import Role
from ..registry import InputError

#: Reminders older than this when first seen are still delivered (marked late); APScheduler's
#: ``misfire_grace_time`` is set to the same span, so a machine that was off for a long weekend
#: or a week of leave still gets them.
DEFAULT_GRACE = timedelta(days=7)
#: How far ahead reminders are scheduled (the longest default lead, 90 days, plus a year).
DEFAULT_HORIZON_DAYS = 460
DEFAULT_AT = time(8, 0)
#: A reminder delivered more than this after its time is marked late.
LATE_AFTER = timedelta(minutes=2)
#: The option a span out of range is blamed on.
SPAN_FIELD = "--now/--clock"


def span(today: date, grace: timedelta, horizon_days: int) -> tuple[date, date]:
    """The days of interest at ``today``: from the day before the grace span to the end of
    the horizon; :class:`InputError` (exit 2) when they would leave the supported years."""
    return (plus_days(today, -(grace.days + 1), SPAN_FIELD),
            plus_days(today, horizon_days, SPAN_FIELD))


def days_before(day: date, days: int) -> date | None:
    """``days`` days before ``day``, or None when that leaves the supported years."""
    try:
        return plus_days(day, -days)
    except InputError:
        return None


@dataclass(frozen=True)
class Rule:
    """When an item kind is reminded: ``days`` before its ``anchor`` day (and on the day)."""

    anchor: Literal["due", "start"]
    default: tuple[int, ...]
    on_day: bool = True
    plan_leads: bool = True  # the plan's ``reminders`` replace ``default`` when given


#: The reminder rules, as data. Deadlines and reports count to the shifted due day; windows
#: to their first day; anniversaries to the day itself (their lead times are longer, for the
#: preparation a ceremony needs, and not the plan's).
RULES: dict[ItemKind, Rule] = {
    ItemKind.DEADLINE: Rule("due", (7, 1)),
    ItemKind.REPORT: Rule("due", (7, 1)),
    ItemKind.CAMPAIGN: Rule("start", (7,)),
    ItemKind.PEAK: Rule("start", (7, 1)),
    ItemKind.EVENT: Rule("start", (7, 1)),
    ItemKind.MEETING: Rule("start", (1,)),
    ItemKind.VISIT: Rule("start", (7, 1)),
    ItemKind.ANNIVERSARY: Rule("start", (90, 30, 7), plan_leads=False),
}


@dataclass(frozen=True)
class Clock:
    """Wall time in Asia/Ho_Chi_Minh, optionally shifted: ``Clock.fixed(t)`` reads ``t`` at
    the moment it is made and runs on from there in real time (for ``--now``/``--clock``)."""

    offset: timedelta = timedelta(0)

    @classmethod
    def fixed(cls, moment: datetime) -> Clock:
        return cls(moment - datetime.now(VN_TZ))

    def now(self) -> datetime:
        return datetime.now(VN_TZ) + self.offset

    def to_real(self, moment: datetime) -> datetime:
        """The real wall time at which this clock shows ``moment`` (what APScheduler sees)."""
        return moment - self.offset


@dataclass(frozen=True)
class Reminder:
    """One reminder of one item: plain values only, so it travels as a job argument."""

    job_id: str
    uid: str
    kind: str
    title: str
    anchor: date
    days: int
    fire_at: datetime
    end: date | None = None
    written: date | None = None  # a due day as written, when it was shifted
    lead: str | None = None
    partners: tuple[str, ...] = field(default=())
    plan: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        """The delivery log's key: job id and fire time."""
        return self.job_id, self.fire_at.isoformat()

    def payload(self) -> dict[str, Any]:
        """Plain, picklable (and JSON-able) arguments of the job."""
        return {
            "job_id": self.job_id, "uid": self.uid, "kind": self.kind, "title": self.title,
            "anchor": self.anchor.isoformat(), "days": self.days,
            "fire_at": self.fire_at.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "written": self.written.isoformat() if self.written else None,
            "lead": self.lead, "partners": list(self.partners), "plan": self.plan,
        }

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Reminder:
        def day(value: Any) -> date | None:
            return date.fromisoformat(value) if value else None

        anchor = day(data["anchor"])
        assert anchor is not None
        return cls(job_id=data["job_id"], uid=data["uid"], kind=data["kind"],
                   title=data["title"], anchor=anchor, days=int(data["days"]),
                   fire_at=datetime.fromisoformat(data["fire_at"]), end=day(data.get("end")),
                   written=day(data.get("written")), lead=data.get("lead"),
                   partners=tuple(data.get("partners") or ()), plan=data.get("plan"))


def job_id(uid: str, days: int) -> str:
    """Stable id of (item, lead time): the item's uid and the lead, hashed when too long for
    the job store's key column (191 characters)."""
    text = f"{uid}#{days}d"
    if len(text) <= 180:
        return text
    return f"{text[:120]}~{hashlib.sha1(text.encode()).hexdigest()[:16]}#{days}d"


def leads(item: Item) -> tuple[int, ...]:
    """Lead times of an item in days, largest first, 0 (on the day) last when the rule has it."""
    rule = RULES[item.kind]
    chosen = item.reminders if (rule.plan_leads and item.reminders) else rule.default
    days = {d for d in chosen if d > 0} | ({0} if rule.on_day else set())
    return tuple(sorted(days, reverse=True))


def anchor(item: Item) -> date | None:
    if RULES[item.kind].anchor == "due" and item.due is not None:
        return item.due.day
    return item.start


def lead_names(item: Item) -> str | None:
    """Every lead unit, "A; B" (plan format 2 allows several)."""
    return "; ".join(item.with_role(Role.LEAD)) or item.lead


def others(item: Item) -> tuple[str, ...]:
    """Partners first, then units with other roles (directs, advises, …)."""
    if not item.links:
        return item.partners
    return tuple(u for u in item.units if u not in item.with_role(Role.LEAD))


def reminders_of(item: Item, at: time = DEFAULT_AT) -> list[Reminder]:
    """Every reminder of one (dated, non-recurring) item."""
    day = anchor(item)
    if day is None:
        return []
    written = item.due.written if item.due is not None and item.due.moved else None
    return [Reminder(job_id=job_id(item.uid, d), uid=item.uid, kind=item.kind.value,
                     title=item.title, anchor=day, days=d,
                     fire_at=datetime.combine(fire_day, at, VN_TZ),
                     end=item.end, written=written, lead=lead_names(item), partners=others(item),
                     plan=item.plan.id if item.plan else None)
            for d in leads(item) if (fire_day := days_before(day, d)) is not None]


def specs(items: Items | Iterable[Item], now: datetime, at: time = DEFAULT_AT,
          grace: timedelta = DEFAULT_GRACE,
          horizon_days: int = DEFAULT_HORIZON_DAYS) -> list[Reminder]:
    """The reminders to schedule at ``now``: fire time no older than ``grace`` (older ones
    have expired) and anchor day within the horizon; recurring items expanded to instances.
    Sorted by fire time, then job id."""
    query = items if isinstance(items, Items) else Items(tuple(items))
    first, last = span(now.date(), grace, horizon_days)
    found: dict[str, Reminder] = {}
    for item in query.between(first, last):
        for reminder in reminders_of(item, at):
            if reminder.fire_at >= now - grace and reminder.anchor <= last:
                found.setdefault(reminder.job_id, reminder)
    return sorted(_latest_due(list(found.values()), now), key=lambda r: (r.fire_at, r.job_id))


def _latest_due(reminders: list[Reminder], now: datetime) -> list[Reminder]:
    """Of one item's reminders for one day that are all due by ``now`` (missed while kyniem
    was not running), only the latest: it says how things stand ("hạn hôm nay"); the
    earlier ones would say it again, late (regression: a deadline shown three times, twice
    as "today", after a day off). Reminders still to come are all kept."""
    latest: dict[tuple[str, date], Reminder] = {}
    for r in reminders:
        if r.fire_at <= now:
            held = latest.get((r.uid, r.anchor))
            if held is None or (r.fire_at, r.job_id) > (held.fire_at, held.job_id):
                latest[r.uid, r.anchor] = r
    return [r for r in reminders
            if r.fire_at > now or latest[r.uid, r.anchor] is r]


def milestone_items(anniversaries: Iterable[Any], start: date, end: date,
                    known: Iterable[Item] = (), lang: str = "vi") -> list[Item]:
    """Registry milestones (ceremony years under their policy) in [start, end] as anniversary
    items, except those a plan already carries (same anniversary, same day)."""
    from ..items import from_occurrences
    from ..occurrences import of

    planned = {(i.uid.rsplit("/", 1)[-1], i.start) for i in known
               if i.kind is ItemKind.ANNIVERSARY and i.plan is not None}
    occs = [o for o in of(list(anniversaries)).between(start, end)
            if o.milestone and (o.id, o.date) not in planned]
    return list(from_occurrences(occs, lang))
