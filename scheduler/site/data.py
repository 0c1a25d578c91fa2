"""What the pages need of a part, computed once with its events and cached with it
(:mod:`scheduler.feeds.parts`): a rebuild never re-reads a plan file for its page.

Tuples, not dataclasses: a national site holds 100,000 entries, read back from JSON."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from ..state import Invalid, expect, expect_list

if TYPE_CHECKING:
    from ..feeds.events import FeedEvent
    from ..plans.model import Plan


_UNTIL = re.compile(r"UNTIL=(\d{4})(\d{2})(\d{2})")


class PlanHead(NamedTuple):
    """A plan as its page introduces it; ``id`` and ``title`` first, as a part's ``plan``."""

    id: str
    title: str
    issuer: str = ""
    number: str = ""
    issued: date | None = None
    scope: str = ""
    refs: tuple[tuple[str, str], ...] = ()  # (implements | basis, "Kế hoạch 80-KH/TU ngày …")
    private: bool = False  # issue 13: no public page, its feeds only at secret addresses


def head_of(plan: Plan) -> PlanHead:
    refs = tuple((doc.kind.value, f"{doc.type} {doc}" if doc.type else str(doc))
                 for doc in plan.implements)
    return PlanHead(plan.id, plan.title, plan.issuer, plan.number or "", plan.issued,
                    plan.scope or "", refs, plan.private)


class Entry(NamedTuple):
    """An event as the pages show it: a row of a year page or of its plan's page."""

    uid: str
    summary: str
    start: date
    end: date  # inclusive
    kind: str  # an ItemKind value
    milestone: bool = False
    roles: tuple[tuple[str, str], ...] = ()  # (role, unit), leads first, as the plan words them
    rrule: str = ""  # a recurring event's RRULE value
    moved: date | None = None  # an override of a recurring event: the day it replaces

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(unit for _, unit in self.roles))

    @property
    def last(self) -> date:
        """The last day it covers: a recurring event's ``UNTIL`` (its own end is its first
        instance's)."""
        found = _UNTIL.search(self.rrule) if self.rrule else None
        if found is None:
            return self.end
        try:
            return max(self.end, date(*map(int, found.groups())))
        except ValueError:
            return self.end


def entry_of(e: FeedEvent) -> Entry:
    roles = ((("lead", e.lead),) if e.lead else ()) + tuple(("partner", p) for p in e.partners)
    return Entry(e.uid, e.summary, e.start, e.end, e.kind.value, e.milestone,
                 roles + e.others, e.rrule or "", e.recurrence_id)


# -- as JSON, checked on the way back (a cache file may be damaged or foreign) ------------

def head_json(head: PlanHead | None) -> list[Any] | None:
    if head is None:
        return None
    return [head.id, head.title, head.issuer, head.number, _day(head.issued), head.scope,
            [list(r) for r in head.refs], int(head.private)]


def read_head(raw: object) -> PlanHead | None:
    if raw is None:
        return None
    row = _n(expect(raw, list, "head"), 8)
    refs = tuple(_pair(r, "ref") for r in expect_list(row[6], list, "refs"))
    id_, title, issuer, number = (expect(v, str, "head") for v in row[:4])
    return PlanHead(id_, title, issuer, number, _read_day(row[4]), expect(row[5], str, "scope"),
                    refs, bool(expect(row[7], int, "private")))


def entry_json(e: Entry) -> list[Any]:
    return [e.uid, e.summary, e.start.isoformat(), e.end.isoformat(), e.kind, int(e.milestone),
            [list(r) for r in e.roles], e.rrule, _day(e.moved)]


def read_entry(raw: object) -> Entry:
    row = _n(expect(raw, list, "entry"), 9)
    uid, summary, kind, rrule = (expect(row[i], str, "entry") for i in (0, 1, 4, 7))
    start, end = _read_day(row[2]), _read_day(row[3])
    if start is None or end is None:
        raise Invalid("entry: no day")
    return Entry(uid, summary, start, end, kind, bool(expect(row[5], int, "milestone")),
                 tuple(_pair(r, "role") for r in expect_list(row[6], list, "roles")), rrule,
                 _read_day(row[8]))


def _day(d: date | None) -> str:
    return d.isoformat() if d else ""


def _read_day(value: object) -> date | None:
    text = expect(value, str, "day")
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise Invalid(f"day: {text!r} is no ISO date") from None


def _pair(value: list[Any], what: str) -> tuple[str, str]:
    a, b = _n(value, 2)
    return expect(a, str, what), expect(b, str, what)


def _n(row: list[Any], n: int) -> list[Any]:
    if len(row) != n:
        raise Invalid(f"expected {n} values, found {len(row)}")
    return row
