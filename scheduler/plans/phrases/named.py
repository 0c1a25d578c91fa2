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
  year's Tết, and the reader does not guess which; a date after a lunar name without its
  year ("Giỗ Tổ 10/3") is a lunar date, refused; so are days counted on the lunar calendar
  ("mùng 3 Tết", "28 Tết");
* a connector may stand before a name with "ngày", "dịp", "lễ", "là" between ("trước ngày
  Quốc khánh"); other words between them leave which day unclear: refused;
* a name counts as a time when a date follows it, when it comes right after a connector
  ("trước", "từ", "đến", "sau", "chậm nhất", "trước, trong và sau"), or, written with its
  year, when the phrase has no other time; anywhere else it is words ("dịp Tết Nguyên đán
  Giáp Thìn 2024 (từ 25/01 đến 15/02/2024)" is the range; "trong dịp kỷ niệm 80 năm Quốc
  khánh" stays the plan's commemoration);
* "Tết" alone is Tết Nguyên đán only before a year, a sexagenary name or the phrase's end
  ("Tết trồng cây", "Tết Thiếu nhi" are other days);
* a name made words leaves the year written with it a time when a dash, a list or "đến"
  joins that year to another time ("Tết Nguyên đán 2024-2025" is 2024–2025).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...lunar import LunarRangeError, to_solar
from ...wording import quote
from ..window import Precision
from .days import DayReader
from .elements import OPERANDS, WORD_CONN, Atom, Element, Kind, day_atom, dmy, year_atom
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
        if best.lunar and (self.num(i - 1) is not None or self.folded(i - 1) in _COUNTED):
            # "mùng 3 Tết", "28 Tết", "10/3 Tết âm lịch": days counted on the lunar calendar
            raise Unreadable("phrase_named_counted", name=best.name)
        row = NAMED_DAYS.index(best)
        written = self._written_day(j)
        if written is not None:
            atom, end = written
            self._check_written(best, atom, stem)
            return [Element(Kind.NAMED, i, end, atom, n=-1, tail=j)], end
        year, end = self.trailing_year(j)
        if year is None and self.key(j, "nam") and self.year(j + 1) is not None:
            year, end = self.year(j + 1), j + 2  # "năm 2025 (ngày 29/01/2025)": no count
        if year is None and self.num(j) is not None and not (
                j + 1 < len(self.toks) and self.toks[j + 1].sym) and not self.unit_after(j + 1):
            year, end = self.written_year(j), j + 1  # "99999", "24": refused, not left over
        if year is not None and stem and not _same_name(stem, year):
            raise Unreadable("phrase_named_stem", name=best.name, year=year,
                             stem=year_name(year))
        if year is None:
            if best.lunar:  # made a time or words by keep_named: an error only if a time
                return [Element(Kind.NAMED, i, end, None, n=row, tail=end)], end
            atom = day_atom(best.day, best.day, best.month, None, None)
        else:
            day = _solar(best, year) if best.lunar else date(year, best.month, best.day)
            atom = day_atom(day.day, day.day, day.month, year, None)
        return [Element(Kind.NAMED, i, end, atom, n=row, tail=j)], end

    def _written_day(self, j: int) -> tuple[Atom, int] | None:
        """One day written after a name ("2/9/2024", "ngày 02/9"); a month, a range or a
        list there is a time of its own, read after the name (then words or not)."""
        if self.num(j) is None and not self.key(j, "ngay"):
            return None
        found = self.day(j, None)
        if found is None or found[0].kind != Kind.ATOM or found[0].atom is None:
            return None
        atom = found[0].atom
        if atom.prec is not Precision.DAY or atom.d1 != atom.d2:
            return None
        return atom, found[1]

    def _ends_name(self, j: int) -> bool:
        """After a bare "Tết": the end, a number, a symbol, "năm" or a connector."""
        return (j >= len(self.toks) or self.num(j) is not None or bool(self.toks[j].sym)
                or self.key(j, "nam", "va", "den", "toi", "hoac", "cua"))

    def _check_written(self, entry: NamedDay, atom: Atom, stem: str) -> None:
        """A date written after a name is that name's day; after a lunar one it needs its
        year (regression: "Giỗ Tổ Hùng Vương 10/3", the lunar date, was read as 10 March)."""
        if atom.year is None:
            if entry.lunar:
                raise Unreadable("phrase_named_year", name=entry.name)
            if (atom.m1, atom.d1) != (entry.month, entry.day):
                raise Unreadable("phrase_named_date", name=entry.name,
                                 day=f"{entry.day:02d}/{entry.month:02d}",
                                 written=f"{atom.d1:02d}/{atom.m1:02d}")
            return
        if stem and not _same_name(stem, atom.year):
            raise Unreadable("phrase_named_stem", name=entry.name, year=atom.year,
                             stem=year_name(atom.year))
        day = (_solar(entry, atom.year) if entry.lunar
               else date(atom.year, entry.month, entry.day))
        if atom.lo() != day:
            raise Unreadable("phrase_named_date", name=entry.name, day=dmy(day),
                             written=dmy(atom.lo()))


def _solar(entry: NamedDay, year: int) -> date:
    try:
        return to_solar(entry.day, entry.month, year)
    except LunarRangeError:
        raise Unreadable("phrase_named_lunar_range", year=year) from None


_EXPLICIT = OPERANDS - {Kind.ANNIV}
#: Words before a name that count it: "mùng 3 Tết", "mồng 1 Tết" (refused)
_COUNTED = frozenset({"mung", "mong"})
#: Words allowed between a connector and a name besides the reader's fillers: "trước ngày
#: Quốc khánh", "trước dịp Tết", "chậm nhất là Tết"
_NAMED_FILLER = FILLER | {"ngay", "dip", "le", "la"}
#: What joins a name's year to another time: a range or a list ("2024-2025", "2024, 2025")
_JOINS = frozenset({Kind.DASH, Kind.LIST, Kind.TO})


def keep_named(els: list[Element], toks: list[Token]) -> list[Element]:
    """Each named day a time (:data:`Kind.ATOM`) or words, by the module's rules; a lunar day
    without its year that is a time is an error, and so is a connector cut off from a name
    by other words ("đến hết Tết 2025": which day is not guessed). A name made words leaves
    the year written with it a time ("Tết Nguyên đán 2024-2025" is 2024–2025)."""
    if not any(e.kind == Kind.NAMED for e in els):
        return els
    others = any(e.kind in _EXPLICIT for e in els)
    out: list[Element] = []
    for n, el in enumerate(els):
        if el.kind != Kind.NAMED:
            out.append(el)
            continue
        prev = els[n - 1] if n else None
        nxt = els[n + 1] if n + 1 < len(els) else None
        between = toks[prev.i1:el.i0] if prev is not None else []
        after_connector = prev is not None and prev.kind in WORD_CONN and all(
            _NAMED_FILLER & t.keys for t in between)
        if prev is not None and prev.kind in WORD_CONN and not after_connector and (
                el.atom is not None or el.n >= 0 and NAMED_DAYS[el.n].lunar):
            said = " ".join(t.text for t in toks[prev.i0:el.i1])
            raise Unreadable("phrase_named_connector", said=quote(said))
        dated = el.n < 0  # n: the named day's row, -1 when a date was written after it
        yeared = el.atom is not None and el.atom.year is not None
        starts_range = nxt is not None and nxt.kind == Kind.TO and nxt.i0 == el.i1
        if not (dated or after_connector or starts_range or (yeared and not others)):
            joined = nxt is not None and nxt.kind in _JOINS and nxt.i0 == el.i1
            if yeared and joined and el.atom is not None and el.atom.year is not None:
                # words, but a year joined to another time stays one: "Tết Nguyên đán
                # 2024-2025", "Quốc khánh năm 2024, 2025" (nothing written is dropped)
                out.append(Element(Kind.ATOM, el.tail, el.i1, year_atom([el.atom.year], None)))
            continue  # words: "dịp Tết … Giáp Thìn 2024 (từ 25/01 đến 15/02/2024)"
        if el.atom is None:
            raise Unreadable("phrase_named_year", name=NAMED_DAYS[el.n].name)
        # after a connector its span takes the words between ("trước ngày Quốc khánh"), so
        # that the connector is read as right before a time
        out.append(Element(Kind.ATOM, prev.i1 if after_connector and prev is not None
                           else el.i0, el.i1, el.atom))
    return out
