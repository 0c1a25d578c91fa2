"""Reading days: "07/5/2024", "7.5.2024", "ngày 7 tháng 5 năm 2024", "15 Dec 2022", ISO.

Day first, always (package docstring, "Reading"); "5/2024" is a month, a bare "ngày 15" or
"the 20th" is a day of a month that a partner date or a recurrence supplies.
"""

from __future__ import annotations

from .elements import Element, Kind, Part, day_atom, month_atom
from .errors import Unreadable
from .tokens import TokenReader


class DayReader(TokenReader):
    """Days, lists and ranges of days in one month, and bare days of a month ("the 20th")."""

    def day_month_year(self, j: int) -> tuple[int, int, int | None, int] | None:
        """``d/m[/yyyy]``, ``d.m.yyyy``, ``d tháng m [năm yyyy]`` at j: (d, m, year, next)."""
        d = self.num(j)
        if d is None or self.toks[j].ndig > 2:
            return None
        if self.sym(j + 1, "/") and self.num(j + 2) is not None and self.toks[j + 2].ndig <= 2:
            m = self.num(j + 2) or 0
            k = j + 3
            if self.sym(k, "/") and self.num(k + 1) is not None:
                return d, m, self.written_year(k + 1), k + 2
            year = self.said_year(k + 1, self.spelled(k, "năm")) if self.key(k, "nam") else None
            return (d, m, year, k + 2) if year is not None else (d, m, None, k)
        if (self.sym(j + 1, ".") and self.glued(j) and self.glued(j + 1) and self.glued(j + 2)
                and self.sym(j + 3, ".") and self.glued(j + 3) and self.small(j + 2, 99)):
            y = self.said_year(j + 4)
            if y is not None:
                return d, self.num(j + 2) or 0, y, j + 5
        if self.key(j + 1, "thang") and self.small(j + 2, 99) is not None:
            m = self.num(j + 2) or 0
            y, k = self.trailing_year(j + 3)
            return d, m, y, k
        return None

    def day(self, j: int, part: Part | None) -> tuple[Element, int] | None:
        """A day, days of a month, "N/yyyy" (a month), or a bare day of a month, at j."""
        start, ngay = j, self.key(j, "ngay")
        if ngay:
            j += 1
        elif self.key(j, "day") and self.small(j + 1, 31) is not None:
            return Element(Kind.MDAY, j, j + 2, n=self.small(j + 1, 31) or 0), j + 2
        d = self.num(j)
        if d is None:
            return None
        if self.toks[j].ndig > 2:
            return self.long_day(j, ngay)
        dmy = self.day_month_year(j)
        if dmy is not None:
            d, m, y, k = dmy
            return Element(Kind.ATOM, start, k, day_atom(d, d, m, y, part)), k
        if self.sym(j + 1, "/") and self.num(j + 2) is not None and self.toks[j + 2].ndig >= 3:
            if self.small(j, 12) is None:  # "5/2024": a month
                raise Unreadable("phrase_not_month", value=d)
            if self.sym(j + 3, "/") and self.num(j + 4) is not None:  # "1/1000/2024"
                raise Unreadable("phrase_not_month", value=self.toks[j + 2].text[:12])
            y = self.written_year(j + 2)
            return Element(Kind.ATOM, start, j + 3, month_atom([d], y, part)), j + 3
        found = self.day_list(start, j, d, part, ngay)
        if found is None and self.english:
            found = self.day_en(start, j, d, part)
        if found is not None:
            return found
        if self.small(j, 31) is not None and (
                ngay or (self.key(j + 1, "den", "toi", "to", "until", "till", "through")
                         and (self.key(j + 2, "ngay") or self.num(j + 2) is not None))):
            return Element(Kind.MDAY, start, j + 1, n=d), j + 1
        if ngay:
            raise Unreadable("phrase_not_day", value=d)
        return None

    def long_day(self, j: int, ngay: bool) -> tuple[Element, int] | None:
        """ISO "2024-05-07" at j; else a number of three or more digits where a day goes
        ("ngày 100/1/2024", "ngày 1000 tháng 5", "100 May") is an error, lest the rest be read
        without it (as the month 1/2024)."""
        found = self.iso(j) if self.toks[j].ndig == 4 else None
        if found is None and (ngay or (self.sym(j + 1, "/") and self.num(j + 2) is not None)
                              or (self.english and self.prefixed(j + 1, "m") is not None)):
            raise Unreadable("phrase_not_day", value=self.toks[j].text[:12])
        return found

    def day_list(self, start: int, j: int, d: int, part: Part | None, ngay: bool
                 ) -> tuple[Element, int] | None:
        """"22-26/4/2024", "16, 17 và 18/12/2022", "15-20 Dec 2022": days of one month."""
        if self.small(j, 31) is None:
            return None
        days, k = [d], j
        month, year, nxt = 0, None, 0
        while self.sym(k + 1, "-", ",") or self.key(k + 1, "va", "and"):
            dash = self.sym(k + 1, "-")
            if self.small(k + 2, 31) is None:
                return None
            k += 2
            days.append(self.num(k) or 0)
            dmy = self.day_month_year(k)
            last = dmy[1:] if dmy is not None else self.day_en_month(k)
            if last is not None:
                month, year, nxt = last
                break
        if not month:
            return None
        if days != sorted(set(days)):
            if dash and len(days) == 2:
                raise Unreadable("phrase_days_backwards", first=days[0], last=days[1])
            return None
        if not (ngay or dash or len(days) > 2 or self.english):
            return None  # "nhóm 3, 15/12/2022": a number, then a date
        return Element(Kind.ATOM, start, nxt, day_atom(days[0], days[-1], month, year, part)), nxt

    def day_en_month(self, k: int) -> tuple[int, int | None, int] | None:
        """The month and year after day k in English ("20 Dec 2022"): (month, year, next)."""
        if not self.english:
            return None
        found = self.day_en(k, k, self.num(k) or 0, None)
        atom = found[0].atom if found is not None else None
        if found is None or atom is None:
            return None
        return atom.m1, atom.year, found[1]

    def day_en(self, start: int, j: int, d: int, part: Part | None
               ) -> tuple[Element, int] | None:
        """"15 Dec 2022", "15th of December", "the 20th" (a day of every month)."""
        k = j + 1
        if self.key(k, "st", "nd", "rd", "th"):
            k += 1
        if self.key(k, "of"):
            k += 1
        m = self.prefixed(k, "m")
        if m is not None:
            y, nxt = self.trailing_year(k + 1, ("of",))
            at = k + 2 if self.sym(k + 1, ",") else k + 1
            if y is None:
                y = self.said_year(at, strict=at == k + 1)  # "1 May 0": no year, nor a guess
                nxt = nxt if y is None else at + 1
            return Element(Kind.ATOM, start, nxt, day_atom(d, d, m, y, part)), nxt
        if k > j + 1 and self.small(j, 31) is not None:
            return Element(Kind.MDAY, start, j + 2, n=d), j + 2
        return None

    def iso(self, j: int) -> tuple[Element, int] | None:
        """ISO 2024-05-07 (digits and dashes with no spaces)."""
        if (self.sym(j + 1, "-") and self.sym(j + 3, "-")
                and all(self.glued(j + k) for k in range(4)) and self.num(j + 2) is not None
                and self.num(j + 4) is not None):
            y = self.written_year(j)
            atom = day_atom(self.num(j + 4) or 0, self.num(j + 4) or 0, self.num(j + 2) or 0,
                            y, None)
            return Element(Kind.ATOM, j, j + 5, atom), j + 5
        return None


