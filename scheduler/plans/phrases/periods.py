"""Reading months, quarters and years ("tháng 10, 11/2022", "Quý II", "Q2 2024", "năm 2023").

See the package docstring, "Parts of months, quarters, years".
"""

from __future__ import annotations

from .elements import Element, Kind, Part, month_atom, quarter_atom, year_atom
from .errors import Unreadable
from .tokens import TokenReader


class PeriodReader(TokenReader):
    """Times coarser than a day: months, quarters, years, and parts of them."""

    def months_of_year(self, i: int) -> tuple[Element, int] | None:
        """"6 tháng đầu năm 2024" (January–June), "6 tháng cuối năm" (July–December)."""
        n = self.small(i, 12)
        if n is None or not self.key(i + 1, "thang") or not self.key(i + 2, "dau", "cuoi"):
            return None
        if not self.key(i + 3, "nam"):
            return None
        year, k = self.trailing_year(i + 4, ("nam",))
        if year is None and self.year(k) is not None:
            year, k = self.year(k), k + 1
        months = [1, n] if self.key(i + 2, "dau") else [13 - n, 12]
        atom = month_atom(months, year, None)
        atom.ranged = True
        return Element(Kind.ATOM, i, k, atom), k

    def month_list(self, j: int) -> tuple[list[int], int]:
        """Months 1..12 joined by ",", "và", "-" ("tháng 10, 11", "tháng 10 - 12")."""
        first = self.num(j)
        if first is None:
            return [], j
        if self.small(j, 12) is None:
            raise Unreadable(f"{first} is not a month")
        months, j = [first], j + 1
        while self.sym(j, ",", "-", "&") or self.key(j, "va", "and"):
            k = j + 1
            if self.key(k, "thang"):
                k += 1
            m = self.small(k, 12)
            if m is None or (self.sym(k + 1, "/") and self.small(k + 2, 31) is not None):
                break  # not a month, or "tháng 11, 12/12/2022": a date follows
            months.append(m)
            j = k + 1
        return months, j

    def month_vi(self, j: int, part: Part | None) -> tuple[Element, int] | None:
        """"tháng 10, 11/2022", "tháng 12 năm 2023", "cuối tháng 11" (``part`` read before)."""
        if not self.key(j, "thang"):
            return None
        months, k = self.month_list(j + 1)
        if not months:
            return None
        year, k = self.trailing_year(k)
        return Element(Kind.ATOM, j, k, month_atom(months, year, part)), k

    def month_en(self, j: int, part: Part | None) -> tuple[Element, int] | None:
        """"December 2022", "October - December 2023", "May of 2024"; "December 15" refused."""
        m = self.prefixed(j, "m")
        if m is None:
            return None
        if self.small(j + 1, 31) is not None and self.year(j + 1) is None:
            raise Unreadable("month-first dates are not read: write the day first "
                             "(15 December 2022)")
        months, k = [m], j + 1
        while self.sym(k, ",", "-", "&") or self.key(k, "and"):
            nxt = self.prefixed(k + 1, "m")
            if nxt is None:
                break
            months.append(nxt)
            k += 2
        year, k = self.trailing_year(k, ("of",))
        if year is None:
            at = k + 1 if self.sym(k, ",") else k
            if self.year(at) is not None:
                year, k = self.year(at), at + 1
        return Element(Kind.ATOM, j, k, month_atom(months, year, part)), k

    def years(self, j: int) -> tuple[list[int], int] | None:
        """Years joined by ",", "và", "and" (a dash is a range, read later)."""
        y = self.year(j)
        if y is None or self.unit_after(j + 1):
            return None
        found, k = [y], j + 1
        while (self.sym(k, ",", "&") or self.key(k, "va", "and")) and self.year(k + 1):
            found.append(self.year(k + 1) or 0)
            k += 2
        return found, k

    def year_vi(self, j: int, part: Part | None) -> tuple[Element, int] | None:
        """"năm 2023, 2024", "cuối năm 2024", "cuối năm" (its year from the context)."""
        if not self.key(j, "nam"):
            return None
        got = self.years(j + 1)
        if got is None and part is not None and self.num(j + 1) is None:  # "cuối năm"
            atom = year_atom([0], part)
            atom.year, atom.explicit = None, False
            return Element(Kind.ATOM, j, j + 1, atom), j + 1
        if got is None:
            return None
        return Element(Kind.ATOM, j, got[1], year_atom(got[0], part)), got[1]

    def bare_year(self, j: int, part: Part | None) -> tuple[Element, int] | None:
        """"2022", "year 2024", "early 2024"."""
        if self.key(j, "year"):
            j += 1
        got = self.years(j)
        if got is None:
            return None
        return Element(Kind.ATOM, j, got[1], year_atom(got[0], part)), got[1]

    def quarter_number(self, k: int) -> int | None:
        """A quarter's number, Roman ("II") or digit ("2"); other digits are an error."""
        r = self.prefixed(k, "r")
        if r is not None:
            return r
        n = self.num(k)
        if n is None:
            return None
        if self.toks[k].ndig > 1 or not 1 <= n <= 4:
            raise Unreadable(f"quarter {n} does not exist (quarters are I to IV)")
        return n

    def quarter(self, j: int) -> tuple[Element, int] | None:
        """"Quý I, II năm 2024", "Q2 2024", "quarter 3", "second quarter of 2024"."""
        start = j
        if self.key(j, "quy") or (self.num(j + 1) is not None and (
                self.key(j, "quarter") or (self.key(j, "q") and self.glued(j)))):
            k = j + 1
        elif (self.prefixed(j, "o") or self.small(j, 4)) and (
                self.key(j + 1, "quarter") or (self.key(j + 1, "st", "nd", "rd", "th")
                                               and self.key(j + 2, "quarter"))):
            first = self.prefixed(j, "o") or self.small(j, 4) or 0
            k = j + 2 if self.key(j + 1, "quarter") else j + 3
            year, k = self.trailing_year(k, ("of", "nam"))
            if year is None and self.year(k) is not None:
                year, k = self.year(k), k + 1
            return Element(Kind.ATOM, start, k, quarter_atom([first], year)), k
        else:
            return None
        q0 = self.quarter_number(k)
        if q0 is None:
            return None
        found, k = [q0], k + 1
        while self.sym(k, ",", "-", "&") or self.key(k, "va", "and"):
            nxt = k + 1
            if self.key(nxt, "quy", "q", "quarter"):
                nxt += 1
            q = self.prefixed(nxt, "r") or self.small(nxt, 4)
            if q is None:
                break
            found.append(q)
            k = nxt + 1
        year, k = self.trailing_year(k, ("nam", "of"))
        if year is None:
            at = k + 1 if self.sym(k, ",") else k
            if self.year(at) is not None:
                year, k = self.year(at), at + 1
        return Element(Kind.ATOM, start, k, quarter_atom(found, year)), k

