"""From elements to ranges: dropping stray words, the peak, history, and missing years.

See the package docstring, "Ranges and open ends" and "Missing years".
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date

from ...dates import YEARS
from ...wording import quote
from ..window import PhraseContext, Precision
from .elements import (
    END_CONN,
    OPERANDS,
    START_CONN,
    WEAK,
    WORD_CONN,
    Atom,
    Element,
    Kind,
    add_months,
    calendar_day,
    check_year,
)
from .errors import Unreadable
from .tokens import Token

#: Words allowed between a connector and its time ("đến khoảng tháng 5", "by the 20th").
#: words allowed between a connector and its time ("trước ngày", "by the")
FILLER = frozenset({"trong", "vao", "khoang", "the", "on", "in", "of", "at", "around", "about",
                     "during", "between"})
#: Words that begin a time: one right after a connector that no reader took ("đến tháng sau",
#: "từ năm nay", "to month 13") is a bound the text gives but the reader cannot honour.
#: Vietnamese ones only spelled out: folded, they are other words ("đến Nam Định", "làm ngay").
_TIME_WORDS_VI = frozenset({"ngày", "tháng", "năm", "quý", "quí", "tuần"})
_TIME_WORDS_EN = frozenset({"day", "week", "month", "quarter", "year"})  # keys: English only


@dataclass(slots=True)
class Range:
    """``[s_conn] s_op [e_conn e_op]``: one time or two related by connectors."""

    s_conn: Kind | None = None
    s_op: Element | None = None
    e_conn: Kind | None = None
    e_op: Element | None = None
    dur: int | None = None  # "05 ngày, từ … đến …"
    listed: bool = True  # joined to the range before by ",", "và", "and"

    @property
    def atoms(self) -> list[Atom]:
        """The range's times that are atoms (not "từ nay", "dịp kỷ niệm", a bare day)."""
        return [op.atom for op in (self.s_op, self.e_op) if op is not None and op.atom is not None]


@dataclass(slots=True)
class Segment:
    """The main activity or its peak: its elements, recurrence markers, weekdays, ranges."""

    items: list[Element] = field(default_factory=list)
    recur: list[Element] = field(default_factory=list)
    weekdays: list[int] = field(default_factory=list)
    ranges: list[Range] = field(default_factory=list)


def meaningful(els: list[Element], toks: list[Token]) -> list[Element]:
    """Drop connectors not directly before a time, dashes not between two times, weak peak
    markers ("nhất là") and durations not next to a time: there they are just words."""
    out: list[Element] = []
    for n, el in enumerate(els):
        nxt = els[n + 1] if n + 1 < len(els) else None
        if el.kind in WORD_CONN | {Kind.DASH}:
            _check_unread_time(el, nxt, toks)
        if el.kind in WORD_CONN:
            if nxt is None or nxt.kind not in OPERANDS:
                continue
            if not all(FILLER & t.keys for t in toks[el.i1:nxt.i0]):
                continue
        elif el.kind == Kind.DASH:
            prev = els[n - 1] if n else None
            if (prev is None or nxt is None or prev.kind not in OPERANDS
                    or nxt.kind not in OPERANDS or prev.i1 != el.i0 or nxt.i0 != el.i1):
                continue
        elif el.kind == Kind.PEAK and el.freq == WEAK:
            if nxt is None or nxt.kind not in OPERANDS | WORD_CONN or not _close_by(
                    toks, el.i1, nxt.i0):
                continue
        elif el.kind == Kind.DUR:
            after = next((e for e in els[n + 1:] if e.kind != Kind.LIST), None)
            before = next((e for e in reversed(els[:n]) if e.kind != Kind.LIST), None)
            if not ((after is not None and after.kind in OPERANDS | WORD_CONN
                     and _close_by(toks, el.i1, after.i0, True))
                    or (before is not None and before.kind in OPERANDS
                        and _close_by(toks, before.i1, el.i0, True))):
                continue  # "chiến thắng 12 ngày đêm": a name, not this window's length
        out.append(el)
    return out


def _check_unread_time(el: Element, nxt: Element | None, toks: list[Token]) -> None:
    """A connector or dash followed by a time no reader took ("đến tháng sau", "đến 99999") is
    an error: dropping the connector as a mere word would silently lose a range's end or start.
    After a dash only a long number counts ("văn hóa - văn nghệ", "2022 - ngày hội")."""
    dash = el.kind == Kind.DASH
    p = el.i1
    while not dash and p < len(toks) and FILLER & toks[p].keys:
        p += 1
    if p >= (len(toks) if nxt is None else nxt.i0):
        return  # nothing after it, or an element the scanner read
    tok = toks[p]
    if tok.num is not None:
        unread = tok.ndig >= 4 and p == el.i1  # "2022 - 99999", "đến 99999"
    else:
        unread = not dash and (tok.text in _TIME_WORDS_VI or bool(_TIME_WORDS_EN & tok.keys))
        if nxt is not None and nxt.i0 == p + 1 and nxt.kind in OPERANDS:
            unread = False  # "từ ngày đầu tháng 3": the time follows the word
    if unread:
        said = " ".join(t.text for t in toks[el.i0:el.i1])
        shown = " ".join(t.text for t in toks[p:p + 2]) + (" …" if p + 2 < len(toks) else "")
        raise Unreadable("phrase_time_unread", said=quote(said), shown=quote(shown))


def _close_by(toks: list[Token], a: int, b: int, symbols: bool = False) -> bool:
    """Only filler words (and, if ``symbols``, punctuation) between tokens a and b."""
    return all(FILLER & t.keys or (symbols and t.sym) for t in toks[a:b])


def split_peak(els: list[Element]) -> tuple[Segment, Segment | None]:
    """The main segment and the peak's (after "cao điểm"), if it has a time."""
    main, peak = Segment(), None
    current = main
    for el in els:
        if el.kind == Kind.PEAK:
            if peak is None:
                peak = current = Segment()
            else:  # a second marker: more of the same peak
                current.items.append(Element(Kind.LIST, el.i0, el.i1))
        elif el.kind == Kind.RECUR:
            current.recur.append(el)
        elif el.kind == Kind.WDAY:
            current.weekdays.append(el.n)  # read in weekly phrases; elsewhere just words
        else:
            current.items.append(el)
    if peak is not None and not any(e.kind in OPERANDS for e in peak.items):
        peak = None  # "nhất là …" with no time after it: just words
    for seg in (main, peak):
        if seg is not None:
            seg.items = _drop_stray_anniversary(seg.items)
    return main, peak


def _drop_stray_anniversary(items: list[Element]) -> list[Element]:
    """"dịp kỷ niệm … (10/10/1954-10/10/2024)": beside explicit dates the mention is words."""
    if not any(e.kind == Kind.ATOM for e in items):
        return items
    out: list[Element] = []
    for n, el in enumerate(items):
        prev = items[n - 1].kind if n else None
        nxt = items[n + 1].kind if n + 1 < len(items) else None
        if el.kind == Kind.ANNIV and prev not in START_CONN | END_CONN and nxt not in END_CONN:
            continue
        out.append(el)
    return out


def group_ranges(items: list[Element]) -> list[Range]:
    """``[from] A [to B]`` ranges, with their durations and whether a list word joins them."""
    ranges: list[Range] = []
    listed, pending = True, None
    i, n = 0, len(items)
    while i < n:
        el = items[i]
        if el.kind == Kind.LIST:
            listed, i = True, i + 1
            continue
        if el.kind == Kind.DUR:
            if ranges and not listed and ranges[-1].dur is None:
                ranges[-1].dur = el.n  # "từ … đến … (05 ngày)"
            elif pending is None:
                pending = el.n
            else:
                raise Unreadable("phrase_two_durations")
            i += 1
            continue
        r = Range(dur=pending, listed=listed)
        pending, listed = None, False
        if el.kind in START_CONN and i + 1 < n and items[i + 1].kind in OPERANDS:
            r.s_conn, r.s_op, i = el.kind, items[i + 1], i + 2
        elif el.kind in OPERANDS:
            r.s_op, i = el, i + 1
        if i + 1 < n and items[i].kind in END_CONN and items[i + 1].kind in OPERANDS:
            r.e_conn, r.e_op, i = items[i].kind, items[i + 1], i + 2
        if r.s_op is None and r.e_op is None:
            raise Unreadable("phrase_dangling_connector")
        ranges.append(r)
    if pending is not None:
        if not ranges or ranges[-1].dur is not None:
            raise Unreadable("phrase_duration_only_n", days=pending)
        ranges[-1].dur = pending
    return ranges


def drop_history(ranges: list[Range], ctx: PhraseContext) -> list[Range]:
    """Leave out times more than 5 years before the plan's year ("Chiến dịch … tháng 12 năm
    1972") when the phrase has others; then ranges must be joined by a list word."""
    year = ctx.default_year
    if year is not None and year in YEARS and year - 5 in YEARS and len(ranges) > 1:
        limit = date(year - 5, 1, 1)

        def old(r: Range) -> bool:
            ops = [op for op in (r.s_op, r.e_op) if op is not None]
            return all(op.atom is not None and op.atom.explicit and op.atom.hi() < limit
                       for op in ops)

        ranges = [r for r in ranges if not old(r)] or ranges
    if any(not r.listed for r in ranges[1:]):
        raise Unreadable("phrase_unrelated_times")
    return ranges


def read_anniversary_pairs(ranges: list[Range]) -> None:
    """"(18/12/1972 - 18/12/2022)" is the commemoration, read as its second date."""
    for r in ranges:
        s = r.s_op.atom if r.s_op is not None else None
        e = r.e_op.atom if r.e_op is not None else None
        if (s is not None and e is not None and r.s_conn in (None, Kind.FROM)
                and r.e_conn in (Kind.TO, Kind.DASH) and s.prec == e.prec == Precision.DAY
                and s.explicit and e.explicit and s.year is not None and e.year is not None
                and s.d1 == s.d2 and e.d1 == e.d2 and (s.m1, s.d1) == (e.m1, e.d1)
                and e.year - s.year >= 2):
            r.s_conn, r.s_op, r.e_conn, r.e_op = None, r.e_op, None, None


def resolve_years(atoms: list[Atom], ctx: PhraseContext) -> None:
    """Give every atom without a year one: from the phrase's other times, else the context."""
    known = [(n, a) for n, a in enumerate(atoms) if a.explicit and a.year is not None]
    for n, atom in enumerate(atoms):
        if atom.year is not None:
            continue
        after = [a for k, a in known if k > n]
        before = [a for k, a in known if k < n]
        if after:
            y = after[0].year or 0
            atom.year = y - 1 if _safe_lo(atom, y) > after[0].lo() else y
        elif before:
            y = before[-1].year or 0  # the year after only if all of it would come before
            atom.year = y + 1 if _safe_hi(atom, y) < before[-1].lo() else y
        else:
            atom.year = _context_year(atom, ctx)


def _safe_lo(atom: Atom, year: int) -> date:
    """The atom's first day in ``year``, 29/2 read as 28/2 (only for comparisons)."""
    if atom.d1 <= 0:  # counted back from the month's end ("tuần cuối tháng 2")
        return atom.first_in(year)
    return calendar_day(year - atom.span, atom.m1, min(atom.d1, 28 if atom.m1 == 2 else 31))


def _safe_hi(atom: Atom, year: int) -> date:
    """The atom's last day in ``year``, 29/2 read as 28/2 (only for comparisons): "đến hết
    năm" after "từ tháng 5/2024" ends 31/12/2024, not 2025."""
    last = monthrange(check_year(year), atom.m2)[1]
    return calendar_day(year, atom.m2, min(atom.d2 or last, last))


def _context_year(atom: Atom, ctx: PhraseContext) -> int:
    """ctx's year, or the one before when that is nearer the anniversary (see the docstring)."""
    y = ctx.default_year
    if y is None:
        raise Unreadable("phrase_no_year")
    anniv = ctx.anniversary
    if (anniv is not None and y == anniv.year and y - 1 - atom.span in YEARS and y in YEARS
            and _safe_lo(atom, y) > add_months(anniv, 6)
            and add_months(anniv, -12) <= _safe_lo(atom, y - 1) <= anniv):
        return y - 1
    return y


