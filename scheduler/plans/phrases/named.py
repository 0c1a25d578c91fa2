"""Named days in a phrase: "trước Tết Nguyên đán 2025", "trước Quốc khánh 2/9/2024".

Plans set deadlines by the days everyone knows: "báo cáo trước Tết Nguyên đán 2025", "thăm
hỏi dịp Giỗ Tổ Hùng Vương 2024". Read as words, such a phrase kept only its year (all of
2025) or lost its "trước" (the connector needs a time right after it). Here a named day is a
time (package docstring, "Named days"):

* the days are a table (:data:`NAMED_DAYS`): the public holidays of the Labour Code 2019,
  Art. 112, and of Decree 145/2013/NĐ-CP, Art. 4 (Tết Nguyên đán on lunar 1/1, Giỗ Tổ Hùng
  Vương on lunar 10/3, Quốc khánh on 2/9), and the traditional Rằm tháng Giêng (lunar 15/1)
  and Tết Trung thu (lunar 15/8); a lunar day falls in the solar year of its lunar year,
  converted as the registry converts (:mod:`scheduler.lunar`);
* a date written after the name is the time ("Quốc khánh 2/9/2024"), checked against the name
  when its year is written; else a year ("Tết Nguyên đán Ất Tỵ 2025", "năm 2025"), its
  sexagenary name checked against it; else (solar days only) the day of a year the context
  gives, as "2/9" is;
* a lunar day needs its year written: "trước Tết" in a plan issued in November is the next
  year's Tết, and the reader does not guess which;
* a name counts as a time when a date follows it, when it comes right after a connector
  ("trước", "từ", "đến", "sau", "chậm nhất", "trước, trong và sau"), or, written with its
  year, when the phrase has no other time; anywhere else it is words ("dịp Tết Nguyên đán
  Giáp Thìn 2024 (từ 25/01 đến 15/02/2024)" is the range; "trong dịp kỷ niệm 80 năm Quốc
  khánh" stays the plan's commemoration);
* "Tết" alone is Tết Nguyên đán only before a year, a sexagenary name or the phrase's end
  ("Tết trồng cây", "Tết Thiếu nhi" are other days).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...lunar import LunarRangeError, to_solar
from .days import DayReader
from .elements import OPERANDS, WORD_CONN, Atom, Element, Kind, day_atom, dmy
from .errors import Unreadable
from .ranges import FILLER
from .tokens import Token, fold


@dataclass(frozen=True)
class NamedDay:
    """A day known by name: as messages write it, its words (folded), its day and month,
    lunar or solar."""

    name: str
    words: tuple[str, ...]
    day: int
    month: int
    lunar: bool


def _named(name: str, day: int, month: int, lunar: bool) -> NamedDay:
    return NamedDay(name, tuple(fold(name.lower()).split()), day, month, lunar)


NAMED_DAYS: tuple[NamedDay, ...] = (
    _named("Tết Nguyên đán", 1, 1, True), _named("Tết âm lịch", 1, 1, True),
    _named("Tết cổ truyền", 1, 1, True), _named("Tết", 1, 1, True),
    _named("Tết Dương lịch", 1, 1, False), _named("Tết Nguyên tiêu", 15, 1, True),
    _named("Rằm tháng Giêng", 15, 1, True), _named("Tết Trung thu", 15, 8, True),
    _named("Giỗ Tổ Hùng Vương", 10, 3, True), _named("Giỗ Tổ", 10, 3, True),
    _named("Quốc khánh", 2, 9, False), _named("Quốc tế Lao động", 1, 5, False),
)
_BY_FIRST: dict[str, list[NamedDay]] = {}
for _day in NAMED_DAYS:
    _BY_FIRST.setdefault(_day.words[0], []).append(_day)

#: The heavenly stems and earthly branches: a year's name is CAN[(y + 6) % 10] CHI[(y + 8) % 12]
#: (2024 Giáp Thìn, 2025 Ất Tỵ); matched folded.
CAN = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
CHI = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")
_CAN = frozenset(fold(c.lower()) for c in CAN)
_CHI = frozenset(fold(c.lower()) for c in CHI)


def year_name(year: int) -> str:
    """The sexagenary name of ``year`` ("Ất Tỵ" for 2025)."""
    return f"{CAN[(year + 6) % 10]} {CHI[(year + 8) % 12]}"


def _same_name(folded: str, year: int) -> bool:
    return folded == fold(year_name(year).lower())


class NamedReader(DayReader):
    """Named days, for the scanner: a :data:`Kind.NAMED` element, made a time or words by
    :func:`keep_named` once the phrase's other elements are known."""

    def folded(self, i: int) -> str:
        return fold(self.toks[i].text) if 0 <= i < len(self.toks) else ""

    def named(self, i: int) -> tuple[list[Element], int] | None:
        """The named day at i, with its date or year; None when no name starts there."""
        best: NamedDay | None = None
        for entry in _BY_FIRST.get(self.folded(i), ()):
            if (best is None or len(entry.words) > len(best.words)) and all(
                    self.folded(i + k) == w for k, w in enumerate(entry.words)):
                best = entry
        if best is None:
            return None
        j = i + len(best.words)
        stem = ""
        if self.folded(j) in _CAN and self.folded(j + 1) in _CHI:
            stem, j = f"{self.folded(j)} {self.folded(j + 1)}", j + 2
        if best.words == ("tet",) and not stem and not self._ends_name(j):
            return None  # "Tết trồng cây", "Tết Thiếu nhi": other days
        written = self.day(j, None) if self.num(j) is not None or self.key(j, "ngay") else None
        if written is not None and written[0].kind == Kind.ATOM and written[0].atom is not None:
            atom, end = written[0].atom, written[1]
            self._check_written(best, atom, stem)
            return [Element(Kind.NAMED, i, end, atom, n=-1)], end
        year, end = self.trailing_year(j)
        if year is None and self.year(j) is not None:
            year, end = self.year(j), j + 1
        if year is not None and stem and not _same_name(stem, year):
            raise Unreadable("phrase_named_stem", name=best.name, year=year,
                             stem=year_name(year))
        if year is None:
            if best.lunar:  # made a time or words by keep_named: an error only if a time
                return [Element(Kind.NAMED, i, end, None, n=NAMED_DAYS.index(best))], end
            atom = day_atom(best.day, best.day, best.month, None, None)
        else:
            day = _solar(best, year) if best.lunar else date(year, best.month, best.day)
            atom = day_atom(day.day, day.day, day.month, year, None)
        return [Element(Kind.NAMED, i, end, atom, n=NAMED_DAYS.index(best))], end

    def _ends_name(self, j: int) -> bool:
        """After a bare "Tết": the end, a number, a symbol, "năm" or a connector."""
        return (j >= len(self.toks) or self.num(j) is not None or bool(self.toks[j].sym)
                or self.key(j, "nam", "va", "den", "toi", "hoac", "cua"))

    def _check_written(self, entry: NamedDay, atom: Atom, stem: str) -> None:
        """A date written after a name is that name's day (when its year is written)."""
        if atom.year is None:
            if not entry.lunar and (atom.m1, atom.d1, atom.d2) != (entry.month, entry.day,
                                                                    entry.day):
                raise Unreadable("phrase_named_date", name=entry.name,
                                 day=f"{entry.day:02d}/{entry.month:02d}",
                                 written=f"{atom.d1:02d}/{atom.m1:02d}")
            return
        if stem and not _same_name(stem, atom.year):
            raise Unreadable("phrase_named_stem", name=entry.name, year=atom.year,
                             stem=year_name(atom.year))
        day = (_solar(entry, atom.year) if entry.lunar
               else date(atom.year, entry.month, entry.day))
        if atom.d1 != atom.d2 or atom.lo() != day:
            raise Unreadable("phrase_named_date", name=entry.name, day=dmy(day),
                             written=dmy(atom.lo()))


def _solar(entry: NamedDay, year: int) -> date:
    try:
        return to_solar(entry.day, entry.month, year)
    except LunarRangeError:
        raise Unreadable("phrase_named_lunar_range", year=year) from None


_EXPLICIT = OPERANDS - {Kind.ANNIV}


def keep_named(els: list[Element], toks: list[Token]) -> list[Element]:
    """Each named day a time (:data:`Kind.ATOM`) or words, by the module's rules; a lunar day
    without its year that is a time is an error."""
    if not any(e.kind == Kind.NAMED for e in els):
        return els
    others = any(e.kind in _EXPLICIT for e in els)
    out: list[Element] = []
    for n, el in enumerate(els):
        if el.kind != Kind.NAMED:
            out.append(el)
            continue
        prev = els[n - 1] if n else None
        after_connector = prev is not None and prev.kind in WORD_CONN and all(
            FILLER & t.keys for t in toks[prev.i1:el.i0])
        dated = el.n < 0  # n: the named day's row, -1 when a date was written after it
        yeared = el.atom is not None and el.atom.year is not None
        if not (dated or after_connector or (yeared and not others)):
            continue  # words: "dịp Tết … (từ 25/01 đến 15/02/2024)"
        if el.atom is None:
            raise Unreadable("phrase_named_year", name=NAMED_DAYS[el.n].name)
        out.append(Element(Kind.ATOM, el.i0, el.i1, el.atom))
    return out
