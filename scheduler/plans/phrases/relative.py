"""Phrases relative to the plan's own events: "trong thời gian cao điểm", "trong dịp kỷ niệm",
"trước Lễ kỷ niệm", "sau khi kết thúc các hoạt động kỷ niệm", "during the peak".

Read only when the phrase writes no time of its own; the days are the plan's campaign or peak
(``PhraseContext.campaign``, ``.peak``) or the anniversary day. See the package docstring,
"Relative to the plan's events". The words are matched, like the undated ones, on the phrase's
tokens folded (no diacritics) and joined by spaces.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date
from functools import cache

from ..window import Closure, PhraseContext, Precision, Window
from .bounds import MAX_DAYS, Bound, Reading, window_of
from .elements import calendar_day, dmy, shift
from .errors import Unreadable

_KN = r"k[iy] niem"  # kỷ niệm, kỉ niệm
#: The anniversary itself: "Lễ kỷ niệm", "dịp kỷ niệm", "ngày kỷ niệm", "khi tổ chức Lễ …".
_EVENT = rf"(?:khi (?:to chuc|dien ra) )?(?:(?:ngay |dip )?le |dip |ngay )?{_KN}"
#: The commemorations: the whole campaign ("các hoạt động kỷ niệm", "đợt kỷ niệm").
_ACTS = (rf"(?:(?:thoi gian|qua trinh|dip|dot|giai doan) )?(?:(?:dien ra|to chuc|trien khai) )?"
         rf"(?:cac )?(?:(?:chuoi )?hoat dong )?{_KN}")
_EVENT_EN = r"(?:ceremony|anniversary(?: ceremony| day)?|commemoration(?: ceremony)?)\b"
_ACTS_EN = (r"(?:commemorations?|celebrations?|commemorative (?:events|activities|period)"
            r"|anniversary (?:events|activities|celebrations|period|campaign)|campaign)\b")

#: (rule, pattern), the first that matches deciding (a campaign may come with its peak);
#: compiled on first use, not on import (the reader is on the CLI's start-up path).
_RULES: tuple[tuple[str, str], ...] = (
    ("around", rf"\btruoc (?:, )?(?:trong )?va sau (?:{_EVENT}|{_ACTS})"
               rf"|\bbefore (?:, )?(?:during (?:, )?)?and after the (?:{_EVENT_EN}|{_ACTS_EN})"),
    ("ended", rf"\bsau (?:khi )?(?:ket thuc|hoan thanh)(?: xong)? (?:(?:cac|chuoi|dot) )?"
              rf"(?:hoat dong )?{_KN}"
              rf"|\bsau (?:khi (?:to chuc|dien ra)(?: xong)? )?(?:cac|chuoi|dot)"
              rf"(?: hoat dong)? {_KN}"
              r"|\bafter the (?:end of the )?(?:commemorations|celebrations"
              r"|anniversary (?:events|activities|celebrations)|campaign)\b"
              r"|\bafter the commemoration (?:ends|is over)\b"
              r"|\bonce the (?:commemorations|celebrations) (?:end|are over)\b"),
    ("after", rf"\b(?P<on>trong va )?sau {_EVENT}|\b(?P<on_en>during and )?after the {_EVENT_EN}"),
    ("before", rf"\btruoc (?P<on>va trong |hoac trong )?{_EVENT}"
               rf"|\b(?:before|prior to) (?P<on_en>and on |and during )?the {_EVENT_EN}"),
    ("peak", r"\b(?:trong|vao|suot) (?:(?:thoi gian|dot|giai doan|thoi diem|dip|nhung ngay) )?"
             r"cao diem\b|\b(?:during|in|at|throughout) the peak\b"),
    ("campaign", rf"\b(?:trong|khi|suot) {_ACTS}\b"
                 rf"|\b(?:when|while) the {_ACTS_EN} (?:are|is) (?:held|on|under way|taking place)"
                 rf"|\b(?:during|throughout) the {_ACTS_EN}"),
)


@cache
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, re.compile(rx)) for name, rx in _RULES)


def read_relative(phrase: str, words: str, durations: list[int], ctx: PhraseContext
                  ) -> Window | None:
    """The window of a phrase with no time of its own that names one of the plan's events
    (None when it names none); ``words`` are its folded tokens, ``durations`` the days it
    gives next to its words ("05 ngày trong dịp kỷ niệm"), which must fit in the window."""
    found = {name: m for name, rx in _compiled() if (m := rx.search(words)) is not None}
    if not found:
        return None
    peak: Window | None = None
    if "around" in found:
        read = _around(ctx)
    elif "ended" in found:
        read = _ended(ctx)
    elif "after" in found:
        m = found["after"]
        read = _after(ctx, m.group("on") is not None or m.group("on_en") is not None)
    elif "before" in found:
        m = found["before"]
        read = _before(ctx, m.group("on") is not None or m.group("on_en") is not None)
    elif "campaign" in found:
        read = _plan_window(ctx.campaign, "campaign")
        if "peak" in found:  # "trong dịp kỷ niệm, nhất là trong thời gian cao điểm"
            peak_read = _plan_window(ctx.peak, "peak")
            if peak_read.start.day < read.start.day:
                raise Unreadable("phrase_plan_peak_before_campaign",
                                 peak=dmy(peak_read.start.day), start=dmy(read.start.day))
            if peak_read.end.day > read.end.day:  # the campaign runs on through its peak
                read.end = peak_read.end
            peak = window_of(phrase, peak_read)
    else:
        read = _plan_window(ctx.peak, "peak")
    if read.end.day < read.start.day:
        raise Unreadable("phrase_would_end_before_start", end=dmy(read.end.day),
                         start=dmy(read.start.day))
    length = (read.end.day - read.start.day).days + 1
    for n in durations:
        if not 1 <= n <= MAX_DAYS:
            raise Unreadable("phrase_duration_range", n=n, limit=MAX_DAYS)
        if n > length:
            raise Unreadable("phrase_days_do_not_fit", n=n, start=dmy(read.start.day),
                             end=dmy(read.end.day))
    return window_of(phrase, read, peak=peak)


def _reading(start: date, start_from: Closure, end: date, end_from: Closure) -> Reading:
    return Reading(Bound(start, None, start_from), Bound(end, None, end_from),
                   [Precision.RELATIVE])


def _plan_window(window: Window | None, what: str) -> Reading:
    """The days of the plan's campaign or peak (closures PLAN)."""
    if window is None:
        raise Unreadable("phrase_no_peak" if what == "peak" else "phrase_no_campaign")
    if window.start is None or window.end is None:
        raise Unreadable("phrase_peak_undated" if what == "peak" else "phrase_campaign_undated")
    return _reading(window.start, Closure.PLAN, window.end, Closure.PLAN)


def _anniversary(ctx: PhraseContext) -> date:
    if ctx.anniversary is None:
        raise Unreadable("phrase_no_anniversary")
    return ctx.anniversary


def _around(ctx: PhraseContext) -> Reading:
    """Before, during and after: the peak, else the campaign, else the anniversary's month."""
    if ctx.peak is not None or ctx.campaign is not None:
        return _plan_window(ctx.peak or ctx.campaign, "peak" if ctx.peak else "campaign")
    day = _anniversary(ctx)
    last = calendar_day(day.year, day.month, monthrange(day.year, day.month)[1])
    return _reading(day.replace(day=1), Closure.ASSUMED, last, Closure.ASSUMED)


def _ended(ctx: PhraseContext) -> Reading:
    """After the commemorations end: the campaign's last day (the day a report is due)."""
    if ctx.campaign is not None:
        end = _plan_window(ctx.campaign, "campaign").end
        return Reading(end, end, [Precision.RELATIVE])
    if ctx.campaign_end is not None:
        return _reading(ctx.campaign_end, Closure.CAMPAIGN_END, ctx.campaign_end,
                        Closure.CAMPAIGN_END)
    raise Unreadable("phrase_no_campaign_end")


def _after(ctx: PhraseContext, during: bool) -> Reading:
    """From the day after the anniversary (the day itself if "trong và sau") to the campaign's
    end, else the open-end rule (ctx.campaign_end, else 31 December)."""
    anniv = _anniversary(ctx)
    start = anniv if during else shift(anniv, 1)
    campaign = _plan_window(ctx.campaign, "campaign") if ctx.campaign is not None else None
    if campaign is not None and campaign.end.day >= start:
        return Reading(Bound(start, None, Closure.ANNIVERSARY), campaign.end,
                       [Precision.RELATIVE])
    if ctx.campaign_end is not None and ctx.campaign_end >= start:
        return _reading(start, Closure.ANNIVERSARY, ctx.campaign_end, Closure.CAMPAIGN_END)
    return _reading(start, Closure.ANNIVERSARY, calendar_day(start.year, 12, 31),
                    Closure.ASSUMED)


def _before(ctx: PhraseContext, on: bool) -> Reading:
    """From the campaign's start to the day before the anniversary (the day itself if "trước
    và trong"); with no campaign, the open-start rule (issue date, else the month's first)."""
    anniv = _anniversary(ctx)
    end = anniv if on else shift(anniv, -1)
    if ctx.campaign is not None:
        start = _plan_window(ctx.campaign, "campaign").start
        if start.day > end:
            raise Unreadable("phrase_campaign_after", start=dmy(start.day), end=dmy(end))
        return Reading(start, Bound(end, None, Closure.ANNIVERSARY), [Precision.RELATIVE])
    if ctx.issued is not None and ctx.issued <= end:
        return _reading(ctx.issued, Closure.ISSUED, end, Closure.ANNIVERSARY)
    return _reading(end.replace(day=1), Closure.ASSUMED, end, Closure.ANNIVERSARY)
