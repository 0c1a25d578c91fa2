"""What the scanner makes of tokens: elements (times, connectors, markers) holding atoms.

An :class:`Atom` is a stretch of calendar as the text wrote it, its year possibly still
unknown; an :class:`Element` is one meaningful piece of the phrase, over a span of tokens.
The parts of months and years are the package docstring's ("Parts of months, quarters,
years"): the traditional thượng/trung/hạ tuần, the weeks of a month, and quarters of a year.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
from enum import Enum, auto

from ...dates import YEARS
from ..window import Precision
from .errors import Unreadable

TYPE_CHECKING = False  # mypy reads this as typing.TYPE_CHECKING; importing typing costs ~2 ms


class Kind(Enum):
    """What an element is: a connector, a marker, or an operand (a time)."""

    FROM = auto()
    TO = auto()
    BY = auto()
    BEFORE = auto()
    AFTER = auto()
    DASH = auto()
    LIST = auto()
    PEAK = auto()
    RECUR = auto()
    DUR = auto()
    ATOM = auto()
    NOW = auto()
    ANNIV = auto()
    MDAY = auto()
    WDAY = auto()
    AROUND = auto()
    NAMED = auto()  # a named day, made a time or words by named.keep_named


OPERANDS = frozenset({Kind.ATOM, Kind.NOW, Kind.ANNIV, Kind.MDAY})
START_CONN = frozenset({Kind.FROM, Kind.AFTER, Kind.AROUND})
END_CONN = frozenset({Kind.TO, Kind.BY, Kind.BEFORE, Kind.DASH})
WORD_CONN = frozenset({Kind.FROM, Kind.AFTER, Kind.TO, Kind.BY, Kind.BEFORE, Kind.AROUND})
WEAK = "weak"  # "đặc biệt là", "nhất là": a peak only when a time follows at once

if TYPE_CHECKING:
    from typing import Literal

    Part = Literal["early", "mid", "late", "through", "week1", "week2", "week3", "week4",
                   "week-last"]
else:
    Part = str  # only annotations use it
#: Days; None: the month's last; 0 or less: counted back from the last (-6: the last 7 days).
MONTH_PARTS: dict[str, tuple[int, int | None]] = {
    "early": (1, 10), "mid": (11, 20), "late": (21, None),
    "week1": (1, 7), "week2": (8, 14), "week3": (15, 21), "week4": (22, 28),
    "week-last": (-6, None)}
WEEK_PARTS = frozenset({"week1", "week2", "week3", "week4", "week-last"})
YEAR_PARTS: dict[str, tuple[int, int]] = {"early": (1, 3), "mid": (4, 9), "late": (10, 12)}


@dataclass(slots=True)
class Atom:
    """A stretch of calendar: months m1..m2 (days d1..d2) ending in ``year`` (None: unknown)."""

    prec: Precision
    m1: int
    m2: int
    d1: int  # 0 or less: counted back from the last day of m1 (-6: the last 7 days)
    d2: int | None  # None: the last day of m2
    year: int | None
    span: int = 0  # years from the first month to the last
    through: bool = False  # "hết tháng 5": an end bound
    end_of: bool = False  # English "end of": "through" when it closes a range
    ranged: bool = False  # written as a range or list ("10 - 20/12"): "từ" does not open it
    explicit: bool = False  # the year was written

    def lo(self) -> date:
        """The first day (the year must be known by now)."""
        assert self.year is not None
        return self.first_in(self.year)

    def first_in(self, year: int) -> date:
        """The first day if the atom ends in ``year``; a day counted back from the month's
        end (``d1`` ≤ 0) is counted in that month as the calendar has it."""
        y = check_year(year - self.span)
        last = monthrange(y, self.m1)[1]
        return calendar_day(y, self.m1, self.d1 if self.d1 > 0 else last + self.d1)

    def hi(self) -> date:
        """The last day (the year must be known by now)."""
        y = self.year
        assert y is not None
        return calendar_day(y, self.m2,
                            self.d2 if self.d2 is not None else monthrange(y, self.m2)[1])


@dataclass(slots=True)
class Element:
    """A connector, marker or time over tokens ``i0:i1``."""

    kind: Kind
    i0: int  # token span [i0, i1)
    i1: int
    atom: Atom | None = None
    n: int = 0  # MDAY: day of month; DUR: days; WDAY: weekday
    freq: str = ""  # RECUR: MONTHLY, WEEKLY, QUARTERLY, YEARLY, DAILY, "" (định kỳ)
    tail: int = 0  # NAMED: the token where its written date or year begins

    def copied(self) -> Element:
        """A copy with a copy of its atom: a scan is shared by every reading of its text,
        and a reading sets its atoms' years (``ranges.resolve_years``)."""
        atom = self.atom
        if atom is not None:
            atom = Atom(*(getattr(atom, name) for name in Atom.__slots__))
        return Element(self.kind, self.i0, self.i1, atom, self.n, self.freq, self.tail)


def month_atom(months: list[int], year: int | None, part: Part | None) -> Atom:
    """Months ("tháng 10, 11"), or a part of them ("cuối tháng 11"); a wrap adds a year."""
    span = sum(1 for a, b in zip(months, months[1:], strict=False) if b < a)
    m1, m2 = months[0], months[-1]
    if part in MONTH_PARTS:
        d1, d2 = MONTH_PARTS[part]
        return Atom(Precision.MONTH_PART, m1, m2, d1, d2, year, span,
                    explicit=year is not None, ranged=len(months) > 1)
    return Atom(Precision.MONTH, m1, m2, 1, None, year, span, through=part == "through",
                explicit=year is not None, ranged=len(months) > 1)


def year_atom(found: list[int], part: Part | None) -> Atom:
    """Years ("năm 2023, 2024": their hull), or a part of one ("cuối năm": a quarter's days;
    "tuần đầu năm": a week of January, "tuần cuối năm" the last 7 days of December)."""
    lo, hi = min(found), max(found)
    if part in WEEK_PARTS:
        if lo != hi:
            raise Unreadable("phrase_week_years")
        return month_atom([12 if part == "week-last" else 1], hi, part)
    if part in YEAR_PARTS:
        m1, m2 = YEAR_PARTS[part]
        return Atom(Precision.QUARTER, m1, m2, 1, None, hi, hi - lo, explicit=True,
                    ranged=len(found) > 1)
    return Atom(Precision.YEAR, 1, 12, 1, None, hi, hi - lo, through=part == "through",
                explicit=True, ranged=len(found) > 1)


def quarter_atom(found: list[int], year: int | None) -> Atom:
    """Quarters 1–4 as their months; a wrap ("Quý IV, I") adds a year."""
    span = sum(1 for a, b in zip(found, found[1:], strict=False) if b < a)
    return Atom(Precision.QUARTER, 3 * found[0] - 2, 3 * found[-1], 1, None, year, span,
                explicit=year is not None, ranged=len(found) > 1)


def day_atom(d1: int, d2: int, month: int, year: int | None, part: Part | None) -> Atom:
    """Days d1..d2 of one month, checked to exist (in a leap year when the year is unknown)."""
    if not 1 <= month <= 12:
        raise Unreadable("phrase_not_month", value=month)
    atom = Atom(Precision.DAY, month, month, d1, d2, year, through=part == "through",
                explicit=year is not None, ranged=d1 != d2)
    if d2 < d1:
        raise Unreadable("phrase_days_backwards", first=d1, last=d2)
    if year is not None:
        atom.lo(), atom.hi()  # validates
    elif d2 > monthrange(2000, month)[1]:
        raise Unreadable("phrase_invalid_date", value=f"{d2:02d}/{month:02d}")
    return atom


# --- days ------------------------------------------------------------------------------------

def year_error(year: int | str) -> Unreadable:
    """A year outside :data:`scheduler.dates.YEARS`, the years every date of kyniem lies in."""
    return Unreadable("phrase_year_range", year=year, first=YEARS.start,
                      last=YEARS.stop - 1)


def check_year(year: int) -> int:
    """``year`` when it lies in :data:`scheduler.dates.YEARS`, else :class:`Unreadable`."""
    if year not in YEARS:
        raise year_error(year)
    return year


def calendar_day(year: int, month: int, day: int) -> date:
    """The date, or :class:`Unreadable` saying why there is none (years in ``YEARS`` only)."""
    check_year(year)
    if not 1 <= month <= 12:
        raise Unreadable("phrase_not_month", value=month)
    try:
        return date(year, month, day)
    except ValueError:
        raise Unreadable("phrase_invalid_date",
                         value=f"{day:02d}/{month:02d}/{year:04d}") from None


def shift(day: date, days: int) -> date:
    """``day`` moved by ``days`` within ``YEARS`` (as :func:`scheduler.dates.plus_days`, whose
    InputError is no answer inside the reader), else :class:`Unreadable`."""
    try:
        moved: date | None = day + timedelta(days=days)
    except OverflowError:
        moved = None
    if moved is None or moved.year not in YEARS:
        key = {(True, True): "phrase_shift_one_after", (True, False): "phrase_shift_one_before",
               (False, True): "phrase_shift_after", (False, False): "phrase_shift_before",
               }[abs(days) == 1, days > 0]
        raise Unreadable(key, n=abs(days), day=dmy(day), first=YEARS.start,
                         last=YEARS.stop - 1)
    return moved


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, kept within the target month (31/1 + 1 = 28/2 or 29/2)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    if not MINYEAR <= year <= MAXYEAR:  # only compared, so any date will do, but one must exist
        raise year_error(year)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def dmy(day: date) -> str:
    """Day first, as the plans write it: "07/05/2024" (four-digit years: "01/01/0900")."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
