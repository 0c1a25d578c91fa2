"""Recurring phrases ("định kỳ hàng tháng (trước ngày 20)") as RFC 5545 §3.3.10 RRULEs.

See the package docstring, "Recurring items". dateutil is imported only when a rule is checked,
so that importing the reader stays light.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from ..window import Closure, PhraseContext, Precision, Window
from .bounds import Bound, Reading, read_ranges, recurring_end, window_of
from .elements import WORD_CONN, Atom, Element, Kind, calendar_day, dmy
from .errors import Unreadable
from .ranges import Segment, drop_history, group_ranges, resolve_years

_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # RFC 5545 weekdays, date.weekday() order


def read_recurring(phrase: str, seg: Segment, ctx: PhraseContext) -> Window:
    """"định kỳ hàng tháng (trước ngày 20)" and the like: a window with an RRULE."""
    freqs = {e.freq for e in seg.recur if e.freq}
    if not freqs:
        raise Unreadable("phrase_periodic_how_often")
    if len(freqs) > 1:
        raise Unreadable("phrase_frequencies", found=", ".join(sorted(freqs)))
    freq = freqs.pop()
    monthday: int | None = None
    yearly: Atom | None = None
    items: list[Element] = []
    for el in seg.items:
        if el.kind == Kind.MDAY and monthday is None:
            prev = items[-1].kind if items else None
            if prev in (Kind.BEFORE, Kind.BY, Kind.TO):
                items.pop()
            monthday = (el.n - 1 or -1) if prev == Kind.BEFORE else el.n
        elif (freq == "YEARLY" and yearly is None and el.atom is not None
              and not el.atom.explicit and el.atom.prec == Precision.DAY):
            yearly = el.atom
        else:
            items.append(el)
    while items and items[-1].kind in WORD_CONN | {Kind.LIST}:
        items.pop()
    seg.ranges = drop_history(group_ranges(items), ctx)
    resolve_years([a for r in seg.ranges for a in r.atoms], ctx)
    read = read_ranges(seg, ctx, recurring=True)
    if read is not None and monthday is None and not seg.weekdays and _one_period(freq, read):
        return window_of(phrase, read_ranges(seg, ctx) or read)  # "the monthly meeting in May"
    if read is None:
        year = ctx.default_year
        if year is None:
            raise Unreadable("phrase_recurring_no_year")
        start = (Bound(ctx.issued, None, Closure.ISSUED) if ctx.issued is not None
                 else Bound(calendar_day(year, 1, 1), None, Closure.ASSUMED))
        read = Reading(start, recurring_end(ctx, start.day), [])
    until = read.end.day
    rule = (f"{_rule(freq, monthday, seg.weekdays, yearly, read.start.day)};"
            f"UNTIL={until.year:04d}{until.month:02d}{until.day:02d}")  # not %Y: "999"
    first = _first_occurrence(rule, read.start.day)
    if first is None or first > until:
        raise Unreadable("phrase_recurring_outside", start=dmy(read.start.day),
                         end=dmy(until))
    read.start = replace(read.start, day=first)
    return window_of(phrase, read, rrule=rule)


def _one_period(freq: str, read: Reading) -> bool:
    """The window holds a single period of the frequency: one item, not a recurrence."""
    a, b = read.start.day, read.end.day
    if freq == "MONTHLY":
        return (a.year, a.month) == (b.year, b.month)
    if freq == "QUARTERLY":
        return (a.year, (a.month - 1) // 3) == (b.year, (b.month - 1) // 3)
    if freq == "WEEKLY":
        return (b - a).days < 7
    return freq == "DAILY" and a == b


def _rule(freq: str, monthday: int | None, weekdays: list[int], yearly: Atom | None,
          start: date) -> str:
    """The RRULE (RFC 5545 §3.3.10) without UNTIL."""
    if freq == "MONTHLY":
        return f"FREQ=MONTHLY;BYMONTHDAY={monthday or -1}"
    if freq == "QUARTERLY":
        return f"FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY={monthday or -1}"
    if freq == "WEEKLY":
        days = sorted(set(weekdays)) or [start.weekday()]
        return "FREQ=WEEKLY;BYDAY=" + ",".join(_RRULE_DAYS[d] for d in days)
    if freq == "DAILY":
        return "FREQ=DAILY"
    if yearly is None:
        raise Unreadable("phrase_yearly_no_day")
    return f"FREQ=YEARLY;BYMONTH={yearly.m1};BYMONTHDAY={yearly.d1}"


def _first_occurrence(rule: str, start: date) -> date | None:
    """The rule's first day on or after ``start``, checked to be its own first occurrence."""
    from dateutil.rrule import rrulestr  # here, not at the top: importing the reader stays light

    first = next(iter(rrulestr(rule, dtstart=datetime(start.year, start.month, start.day))),
                 None)
    if first is None:
        return None
    again = next(iter(rrulestr(rule, dtstart=first)), None)
    if again != first:  # pragma: no cover - dateutil disagreeing with itself
        raise Unreadable("phrase_rule_start")
    day: date = first.date()
    return day


