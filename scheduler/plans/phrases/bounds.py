"""From ranges to a window's bounds: open ends closed by the context, durations checked.

See the package docstring, "Ranges and open ends".
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from ...dates import YEARS
from ..window import Closure, PhraseContext, Precision, Window
from .elements import Element, Kind, add_months, calendar_day, dmy, shift
from .errors import Unreadable
from .ranges import Range, Segment

#: The longest duration a phrase may give ("05 ngày"): ten years. Longer is a slip of the
#: keyboard ("99999999 ngày"), never a plan's activity.
MAX_DAYS = 3650


@dataclass(slots=True)
class Bound:
    """A window's first or last day, how precise the text was, and where it came from."""

    day: date
    prec: Precision | None  # None: the context gave it
    src: Closure


@dataclass(slots=True)
class Reading:
    """A window as read, before it becomes a :class:`Window`."""

    start: Bound
    end: Bound
    precs: list[Precision]  # the precisions of the text's bounds that made the window

    @property
    def precision(self) -> Precision:
        """The coarsest of the text's precisions (DAY when the text gave none)."""
        return max(self.precs, key=lambda p: p.rank) if self.precs else Precision.DAY


def _context_day(op: Element, ctx: PhraseContext) -> tuple[date, Closure]:
    """The day "từ nay" (issue date) or "dịp kỷ niệm" (anniversary) stands for."""
    if op.kind == Kind.NOW:
        if ctx.issued is None:
            raise Unreadable("phrase_no_issue_date")
        return ctx.issued, Closure.ISSUED
    if ctx.anniversary is None:
        raise Unreadable("phrase_no_anniversary")
    return ctx.anniversary, Closure.ANNIVERSARY


def _month_day(n: int, ref: date, forward: bool) -> date:
    """Day ``n`` of ``ref``'s month, else of the month before (after, if ``forward``)."""
    step = 1 if forward else -1
    for months in (0, step):
        first = add_months(ref.replace(day=1), months)
        if n <= monthrange(first.year, first.month)[1]:
            day = first.replace(day=n)
            if (day >= ref) if forward else (day <= ref):
                return day
    raise Unreadable("phrase_day_does_not_fit", n=n, ref=dmy(ref))


def _start_bound(conn: Kind | None, op: Element, ctx: PhraseContext, partner: Bound | None
                 ) -> Bound:
    """The start bound ("sau X" starts the day after X); a bare day needs its ``partner``."""
    if op.kind == Kind.MDAY:
        if partner is None:
            raise Unreadable("phrase_day_without_month", n=op.n)
        return Bound(_month_day(op.n, partner.day, False), Precision.DAY, Closure.TEXT)
    if op.atom is not None:
        a = op.atom
        if conn == Kind.AFTER:
            return Bound(shift(a.hi(), 1), a.prec, Closure.TEXT)
        return Bound(a.lo(), a.prec, Closure.TEXT)
    day, src = _context_day(op, ctx)
    return Bound(shift(day, 1) if conn == Kind.AFTER else day, None, src)


def _end_bound(conn: Kind | None, op: Element, ctx: PhraseContext, partner: Bound | None
               ) -> tuple[Bound, date]:
    """The end bound, and the first day of the time it comes from (for an assumed start)."""
    before = -1 if conn == Kind.BEFORE else 0
    if op.kind == Kind.MDAY:
        if partner is None:
            raise Unreadable("phrase_day_without_month", n=op.n)
        day = shift(_month_day(op.n, partner.day, True), before)
        return Bound(day, Precision.DAY, Closure.TEXT), day
    if op.atom is not None:
        a = op.atom
        if conn == Kind.BEFORE:
            day = shift(a.lo(), before)
            return Bound(day, a.prec, Closure.TEXT), day
        if a.end_of and conn is not None:  # "until the end of May" = "đến hết tháng 5"
            year_part = a.prec == Precision.QUARTER
            prec = Precision.YEAR if year_part else Precision.MONTH
            base = a.hi().replace(month=1, day=1) if year_part else a.hi().replace(day=1)
            return Bound(a.hi(), prec, Closure.TEXT), base
        return Bound(a.hi(), a.prec, Closure.TEXT), a.lo()
    day, src = _context_day(op, ctx)
    day = shift(day, before)
    return Bound(day, None, src), day


def _bounds(r: Range, ctx: PhraseContext) -> tuple[Bound | None, Bound | None, date | None]:
    """A range's bounds as the text gives them (None: open), and the end's own first day."""
    s_op, e_op = r.s_op, r.e_op
    if r.s_conn == Kind.AROUND and s_op is not None and s_op.atom is not None and e_op is None:
        lo, hi = s_op.atom.lo(), s_op.atom.hi()  # "trước, trong và sau": the month around it
        month_end = hi.replace(day=monthrange(hi.year, hi.month)[1])
        return (Bound(lo.replace(day=1), Precision.MONTH, Closure.ASSUMED),
                Bound(month_end, Precision.MONTH, Closure.ASSUMED), lo)
    if r.s_conn == Kind.AROUND:
        raise Unreadable("phrase_around_needs_date")
    ranged = s_op is not None and s_op.atom is not None and s_op.atom.ranged
    if e_op is None and s_op is not None and (r.s_conn is None or (r.s_conn == Kind.FROM
                                                                    and ranged)):
        if s_op.kind == Kind.MDAY:
            raise Unreadable("phrase_day_without_month", n=s_op.n)
        if s_op.atom is not None:
            a = s_op.atom
            last = Bound(a.hi(), a.prec, Closure.TEXT)
            return (None if a.through else Bound(a.lo(), a.prec, Closure.TEXT)), last, a.lo()
        day, src = _context_day(s_op, ctx)
        return Bound(day, None, src), Bound(day, None, src), day
    start: Bound | None = None
    end: Bound | None = None
    base: date | None = None
    if s_op is not None and s_op.kind == Kind.MDAY and e_op is not None:
        end, base = _end_bound(r.e_conn, e_op, ctx, None)
        start = _start_bound(r.s_conn, s_op, ctx, end)
    else:
        if s_op is not None:
            start = _start_bound(r.s_conn, s_op, ctx, None)
        if e_op is not None:
            end, base = _end_bound(r.e_conn, e_op, ctx, start)
    return start, end, base


def _close(r: Range, ctx: PhraseContext, recurring: bool) -> tuple[Bound, Bound]:
    """Close open bounds: by the duration, else the context (docstring: "Open ends")."""
    start, end, base = _bounds(r, ctx)
    dur = _duration(r.dur)
    if dur is not None and start is not None and end is None:
        end = Bound(shift(start.day, dur - 1), start.prec, Closure.TEXT)
    if dur is not None and end is not None and start is None:
        start = Bound(shift(end.day, 1 - dur), end.prec, Closure.TEXT)
    if start is None:
        assert end is not None
        if ctx.issued is not None and ctx.issued <= end.day:
            start = Bound(ctx.issued, None, Closure.ISSUED)
        elif recurring:
            year = ctx.default_year or end.day.year
            start = Bound(min(calendar_day(year, 1, 1), end.day), None, Closure.ASSUMED)
        else:
            first = min(base or end.day, end.day)
            start = Bound(first.replace(day=1), None, Closure.ASSUMED)
    if end is None:
        if recurring:
            end = recurring_end(ctx, start.day)
        elif ctx.anniversary is not None and ctx.anniversary >= start.day:
            end = Bound(ctx.anniversary, None, Closure.ANNIVERSARY)
        elif ctx.campaign_end is not None and ctx.campaign_end >= start.day:
            end = Bound(ctx.campaign_end, None, Closure.CAMPAIGN_END)
        else:
            end = Bound(calendar_day(start.day.year, 12, 31), None, Closure.ASSUMED)
    if end.day < start.day:
        raise Unreadable("phrase_ends_before_start", end=dmy(end.day), start=dmy(start.day))
    return start, end


def _duration(n: int | None) -> int | None:
    """A duration's days, which a window must honour: none, or too many, is an error."""
    if n is not None and n < 1:
        raise Unreadable("phrase_no_days")
    if n is not None and n > MAX_DAYS:
        raise Unreadable("phrase_too_many_days", limit=MAX_DAYS)
    return n


def recurring_end(ctx: PhraseContext, start: date) -> Bound:
    """A recurrence's end when the text gives none (docstring: "Recurring items")."""
    if ctx.campaign_end is not None:
        return Bound(ctx.campaign_end, None, Closure.CAMPAIGN_END)
    year = ctx.anniversary.year if ctx.anniversary is not None else ctx.default_year
    return Bound(calendar_day(year or start.year, 12, 31), None, Closure.ASSUMED)


def read_ranges(seg: Segment, ctx: PhraseContext, recurring: bool = False) -> Reading | None:
    """One window over the segment's ranges (their hull), or None when it has none."""
    if not seg.ranges:
        return None
    closed = [_close(r, ctx, recurring) for r in seg.ranges]
    for r, (s, e) in zip(seg.ranges, closed, strict=True):
        if r.dur is not None and not recurring:
            _check_duration(r.dur, s, e)
    start = min((s for s, _ in closed), key=lambda b: b.day)
    end = max((e for _, e in closed), key=lambda b: b.day)
    precs = [b.prec for pair in closed for b in pair if b.prec is not None]
    return Reading(start, end, precs)


def _check_duration(n: int, start: Bound, end: Bound) -> None:
    """``n`` days are the range's days when both ends are days, else fit inside it."""
    length = (end.day - start.day).days + 1
    if start.prec == end.prec == Precision.DAY and n != length:
        raise Unreadable("phrase_days_mismatch", n=n, start=dmy(start.day),
                         end=dmy(end.day), length=length)
    if n > length:
        raise Unreadable("phrase_days_do_not_fit", n=n, start=dmy(start.day),
                         end=dmy(end.day))


def window_of(phrase: str, read: Reading, peak: Window | None = None, rrule: str | None = None
              ) -> Window:
    """The :class:`Window` for ``phrase``; a recurring one is always DAY-precise. Its days lie
    in ``YEARS``, whatever the context gave (an anniversary on 31/12/9999 closes nothing)."""
    for bound in (read.start, read.end):
        if bound.day.year not in YEARS:
            raise Unreadable("phrase_start_outside" if bound is read.start
                             else "phrase_end_outside", day=dmy(bound.day),
                             first=YEARS.start, last=YEARS.stop - 1)
    return Window(phrase=phrase, start=read.start.day, end=read.end.day,
                  precision=Precision.DAY if rrule else read.precision,
                  start_from=read.start.src, end_from=read.end.src, rrule=rrule, peak=peak)


