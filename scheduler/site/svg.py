"""Inline SVG timelines: windows as bars, peaks, due days as diamonds, anniversary days as
lines (a plan's page) or dots (a year's page), the reader's today as a dashed line (drawn by
the page's script).

A ``viewBox`` 600 units wide scales to any width (a 360 px phone: 15-unit text is 9 px);
colours come from the page's stylesheet (classes), so the legend's swatches match. Each mark
has a ``<title>`` (a tooltip); the tables beside hold the same facts for screen readers."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple

from ..wording import worded
from .data import Entry
from .html import escape, span_text

WIDTH, X0, X1 = 600, 6, 594
LANE, BAR = 20, 14
MAX_LANES = 10  # more overlapping windows share the lanes (their tables list them all)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")



def _w(key: str, lang: str) -> str:
    return worded(f"site_svg_{key}", lang)


class Mark(NamedTuple):
    start: date
    end: date
    cls: str  # w window | p peak | d due | a anniversary line | o anniversary dot | m milestone
    title: str


def marks(entries: Iterable[Entry], lo: date, hi: date, lines: bool) -> list[Mark]:
    """The entries as marks between ``lo`` and ``hi``; a recurring one as each of its days
    (a day an override moves is drawn where it moved to). ``lines``: anniversary days as
    lines (a plan's few) rather than dots (a year's many)."""
    entries = list(entries)
    moved = {(e.uid, e.moved) for e in entries if e.moved is not None}
    out: list[Mark] = []
    for e in entries:
        if e.kind == "anniversary":
            cls = "a" if lines else "m" if e.milestone else "o"
        else:
            cls = {"peak": "p", "deadline": "d", "report": "d"}.get(e.kind, "w")
        days = [(e.start, e.end)]
        if e.rrule and e.moved is None:
            days = [(d, d) for d in _instances(e, lo, hi) if (e.uid, d) not in moved]
        for start, end in days:
            if start <= hi and end >= lo:
                out.append(Mark(max(start, lo), min(end, hi), cls,
                                f"{span_text(start, end)}: {e.summary}"))
    return out


def _instances(e: Entry, lo: date, hi: date) -> tuple[date, ...]:
    assert e.rrule is not None
    return _between(e.rrule, e.start, lo, hi)


@lru_cache(maxsize=4096)
def _between(rrule: str, start: date, lo: date, hi: date) -> tuple[date, ...]:
    # cached: a monthly report is drawn on its plan's page and on every year's page, and
    # many plans share a rule (parsing it cost more than drawing)
    from dateutil.rrule import rrulestr

    try:
        rule = rrulestr(rrule, dtstart=datetime.combine(start, time()))
        found = rule.between(datetime.combine(lo, time()), datetime.combine(hi, time()),
                             inc=True)
    except (ValueError, TypeError):
        return (start,)
    return tuple(d.date() for d in found[:400])


def month_span(first: date, last: date) -> tuple[date, date]:
    """Whole months around ``first`` … ``last``: a timeline's range."""
    end = date(last.year + last.month // 12, last.month % 12 + 1, 1) - timedelta(days=1)
    return first.replace(day=1), end


def timeline(items: Sequence[Mark], lo: date, hi: date, title: str, desc: str, ident: str,
             lang: str, today: bool = False) -> str:
    """``today``: room for the viewer's today, which the page's script draws (a page made
    once shows the right day whenever it is read, and a rebuild on another day rewrites
    nothing: issue 11's no-change rebuild)."""
    days = (hi - lo).days + 1

    def x(d: date) -> float:
        return round(X0 + (d - lo).days / days * (X1 - X0), 1)

    body: list[str] = []
    y = 42  # below the years' and months' labels
    for cls in ("w", "p"):
        lanes = _lanes(_grouped(m for m in items if m.cls == cls))
        for lane in lanes:
            for (start, end), titles in lane:
                x0, x1 = x(start), x(end + timedelta(days=1))
                width = max(x1 - x0, 3)
                body.append(f'<rect class="{cls}" x="{x0}" y="{y}" width="{round(width, 1)}" '
                            f'height="{BAR}" rx="2"><title>{_title(titles, lang)}</title></rect>')
                if len(titles) > 1 and width >= 26:
                    body.append(f'<text class="k" x="{round(x0 + width / 2, 1)}" y="{y + 11}" '
                                f'text-anchor="middle" aria-hidden="true">{len(titles)}</text>')
            y += LANE
    for cls in ("d", "o", "m"):
        dots = _grouped(m for m in items if m.cls == cls)
        if not dots:
            continue
        for (start, _), titles in sorted(dots.items()):
            cx, cy = x(start) + (x(start + timedelta(days=1)) - x(start)) / 2, y + BAR / 2
            tip = f"<title>{_title(titles, lang)}</title>"
            if cls == "d":
                body.append(f'<path class="d" d="M{cx:.1f} {cy - 7:.1f}l7 7-7 7-7-7z">{tip}'
                            "</path>")
            else:
                body.append(f'<circle class="{"m2" if cls == "m" else "a2"}" cx="{cx:.1f}" '
                            f'cy="{cy:.1f}" r="{7 if cls == "m" else 5}">{tip}</circle>')
        y += LANE
    bottom = y + 2
    lines = []
    for (start, _), titles in sorted(_grouped(m for m in items if m.cls == "a").items()):
        cx = (x(start) + x(start + timedelta(days=1))) / 2
        lines.append(f'<line class="a" x1="{cx:.1f}" x2="{cx:.1f}" y1="38" y2="{bottom}">'
                     f"<title>{_title(titles, lang)}</title></line>")
    slot = ""
    if today:  # the script's line: x from the day's index among ``days`` (script.py)
        slot = (f' data-lo="{lo.isoformat()}" data-days="{days}" data-y="{bottom}" '
                f'data-today="{escape(_w("today", lang))}"')
        bottom += 20
    height = bottom + 6
    return (f'<svg class="tl" viewBox="0 0 {WIDTH} {height}"{slot} role="img" '
            f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">'
            f"{escape(desc)}</desc>{_axis(lo, hi, x, height, lang)}"
            + "".join(body) + "".join(lines) + "</svg>")


def _axis(lo: date, hi: date, x: Callable[[date], float], height: int, lang: str) -> str:
    """Years on top, then months (every second or third when there are many), gridlines."""
    starts = []
    d = lo.replace(day=1)
    while d <= hi:
        starts.append(d)
        d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    step = max(1, math.ceil(len(starts) / 12))
    out = []
    for i, d in enumerate(starts):
        left = max(x(d), X0)
        out.append(f'<line class="g" x1="{left}" x2="{left}" y1="20" y2="{height}"/>')
        if i == 0 or d.month == 1:
            out.append(f'<text x="{left + 2}" y="16">{d.year}</text>')
        if i % step == 0:
            name = MONTHS[d.month - 1] if lang == "en" else f"T{d.month}"
            out.append(f'<text x="{left + 2}" y="35">{name}</text>')
    return "".join(out)


def legend(classes: Iterable[str], lang: str) -> str:
    """The swatches of the marks shown, as HTML (text scales better than the SVG's)."""
    shapes = {
        "w": ('<rect class="w" x="0" y="2" width="22" height="10" rx="2"/>', "window"),
        "p": ('<rect class="p" x="0" y="2" width="22" height="10" rx="2"/>', "peak"),
        "d": ('<path class="d" d="M11 0l7 7-7 7-7-7z"/>', "due"),
        "a": ('<line class="a" x1="11" x2="11" y1="0" y2="14"/>', "day"),
        "o": ('<circle class="a2" cx="11" cy="7" r="5"/>', "day"),
        "m": ('<circle class="m2" cx="11" cy="7" r="6"/>', "milestone"),
        "t": ('<line class="t" x1="11" x2="11" y1="0" y2="14"/>', "today"),
    }
    items = [(c, *shapes[c]) for c in dict.fromkeys(classes) if c in shapes]
    # today's swatch shows once the script has drawn today's line
    return '<ul class="legend">' + "".join(
        f'<li{" data-today hidden" if c == "t" else ""}><svg width="22" height="14" '
        f'viewBox="0 0 22 14" aria-hidden="true">{shape}</svg>{escape(_w(word, lang))}</li>'
        for c, shape, word in items) + "</ul>"


def _grouped(items: Iterable[Mark]) -> dict[tuple[date, date], list[str]]:
    """Marks of the same days are drawn once (twenty tasks "through the year" are one bar)."""
    found: dict[tuple[date, date], list[str]] = defaultdict(list)
    for m in items:
        found[m.start, m.end].append(m.title)
    return found


def _lanes(groups: dict[tuple[date, date], list[str]]
           ) -> list[list[tuple[tuple[date, date], list[str]]]]:
    """Bars packed into lanes, first fit, longest first among those starting together."""
    lanes: list[list[tuple[tuple[date, date], list[str]]]] = []
    ends: list[date] = []
    for span in sorted(groups, key=lambda s: (s[0], -s[1].toordinal())):
        free = [i for i, end in enumerate(ends) if end < span[0]]
        if free:
            i = free[0]
        elif len(lanes) < MAX_LANES:
            lanes.append([])
            ends.append(span[1])
            i = len(lanes) - 1
        else:
            i = min(range(len(ends)), key=ends.__getitem__)
        lanes[i].append((span, groups[span]))
        ends[i] = max(ends[i], span[1])
    return lanes


def _title(titles: list[str], lang: str) -> str:
    shown = titles[:8]
    more = len(titles) - len(shown)
    return escape("\n".join(shown + ([_w("others", lang).format(n=more)] if more else [])))

