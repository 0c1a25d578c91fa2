"""Reading months, quarters and years ("tháng 10, 11/2022", "Quý II", "Q2 2024", "năm 2023").

See the package docstring, "Parts of months, quarters, years".
"""

from __future__ import annotations

from .elements import Element, Kind, Part, month_atom, quarter_atom, year_atom
from .errors import Unreadable
from .tokens import ROMAN, ROMAN_RE, TokenReader


class PeriodReader(TokenReader):
    """Times coarser than a day: months, quarters, years, and parts of them."""

    def months_of_year(self, i: int) -> tuple[Element, int] | None:
        """"6 tháng đầu năm 2024" (January–June), "6 tháng cuối năm" (July–December)."""
        if (self.num(i) is None or not self.key(i + 1, "thang")
                or not self.key(i + 2, "dau", "cuoi") or not self.key(i + 3, "nam")):
            return None
        n = self.small(i, 12)
        if n is None:
            raise Unreadable("phrase_months_too_many", n=self.toks[i].text[:12])
        year, k = self.trailing_year(i + 4, ("nam",))
        if year is None:
            year = self.said_year(k, self.spelled(i + 3, "năm"))  # "năm" came just before
            k = k if year is None else k + 1
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
            raise Unreadable("phrase_not_month", value=first)
        months, j = [first], j + 1
        while self.sym(j, ",", "-", "&") or self.key(j, "va", "and"):
            k = j + 1
            if self.key(k, "thang"):
                k += 1
            m = self.small(k, 12)
            if m is None and self.month_meant(k, self.sym(j, "-") or k > j + 1):
                raise Unreadable("phrase_not_month", value=self.num(k))
            if m is None or (self.sym(k + 1, "/") and self.small(k + 2, 31) is not None):
                break  # not a month, or "tháng 11, 12/12/2022": a date follows
            months.append(m)
            j = k + 1
        return months, j

    def month_meant(self, k: int, surely: bool) -> bool:
        """A number at k listed with months that can only be one ("tháng 10, 13", "tháng 10 -
        13", "tháng 10, tháng 13"), not a date or a count ("tháng 11, 12 ngày đêm")."""
        if self.num(k) is None or self.toks[k].ndig > 2:
            return False
        if self.sym(k + 1, "/") and self.small(k + 2, 31) is not None:
            return False  # "tháng 11, 32/12": a date, checked as one
        if self.unit_after(k + 1) and not (self.key(k + 1, "nam") and self.num(k + 2) is not None):
            return False
        return surely or k + 1 >= len(self.toks) or self.sym(k + 1, "/", ",", "-", "&") or (
            self.key(k + 1, "nam", "va", "and"))

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
        if self.num(j + 1) is not None and self.toks[j + 1].ndig < 4 and not self.unit_after(
                j + 2):
            if self.small(j + 1, 31) is None:  # "May 0", "May 99": no day, and no year
                self.written_year(j + 1)
            raise Unreadable("phrase_month_first")
        months, k = [m], j + 1
        while self.sym(k, ",", "-", "&") or self.key(k, "and"):
            nxt = self.prefixed(k + 1, "m")
            if nxt is None:
                break
            months.append(nxt)
            k += 2
        year, k = self.year_after(k)
        return Element(Kind.ATOM, j, k, month_atom(months, year, part)), k

    def year_after(self, k: int, words: tuple[str, ...] = ("of",)) -> tuple[int | None, int]:
        """The year of a month or quarter ("May 2024", "May, 2024", "May of 2024", "Q2 2024"):
        a number right after it is one ("Q2 24" is refused), unless a date ("Quý IV 15/12")."""
        year, k = self.trailing_year(k, words)
        if year is None:
            at = k + 1 if self.sym(k, ",") else k
            year = self.said_year(at, strict=at == k and not self.sym(at + 1, "/", "."))
            if year is not None:
                k = at + 1
        return year, k

    def years(self, j: int, said: bool = False) -> tuple[list[int], int] | None:
        """Years joined by ",", "và", "and" (a dash is a range, read later). ``said``: "năm"
        comes before, so a number at j must be a year (see :meth:`said_year`); so must any
        listed number of four digits or more ("năm 2023, 20245")."""
        if self.unit_after(j + 1):
            return None  # "2000 năm": a count
        y = self.said_year(j, self.spelled(j - 1, "năm")) if said else self.year(j)
        if y is None:
            return None
        found, k = [y], j + 1
        while self.sym(k, ",", "&") or self.key(k, "va", "and"):
            nxt = self.said_year(k + 1)
            if nxt is None:
                break
            found.append(nxt)
            k += 2
        return found, k

    def year_vi(self, j: int, part: Part | None) -> tuple[Element, int] | None:
        """"năm 2023, 2024", "cuối năm 2024", "cuối năm" (its year from the context)."""
        if not self.key(j, "nam"):
            return None
        got = self.years(j + 1, said=True)
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

    def quarter_number(self, k: int, roman: bool = True) -> int | None:
        """A quarter's number at k, Roman ("II") or digits ("2"). Any other number, or Roman
        numeral ("V", "X") when ``roman``, is an error: skipped, "quý V/2024" would read as the
        whole year. (Not ``roman`` after a folded "quy": "quy vi" is "quý vị", not quarter 6.)"""
        r = self.prefixed(k, "r")
        if r is not None:
            return r
        tok = self.toks[k] if 0 <= k < len(self.toks) else None
        if tok is None or (tok.num is None and (
                not roman or tok.keys or not ROMAN_RE.fullmatch(tok.text))):
            return None
        if tok.num is None:
            raise Unreadable("phrase_no_quarter", quarter=tok.text.upper())
        if tok.ndig > 2 or not 1 <= tok.num <= 4:
            raise Unreadable("phrase_no_quarter", quarter=tok.text[:12])
        return tok.num

    def listed_quarter(self, k: int, named: bool, roman: bool) -> int | None:
        """A quarter after "," "và" "-" ("Quý II, III", "Q2 - Q3"): with its word again
        (``named``) or as a Roman numeral it must be one; a bare number may be a date ("Quý IV,
        15/12/2024"), a year ("Quý II, 2024") or a count."""
        if named or self.num(k) is None:
            return self.quarter_number(k, roman)
        if self.toks[k].ndig > 2 or (self.sym(k + 1, "/", ".") and self.small(k + 2, 31)):
            return None
        if self.unit_after(k + 1) and not (self.key(k + 1, "nam") and self.num(k + 2) is not None):
            return None
        return self.quarter_number(k)

    def glued_quarter(self, j: int) -> tuple[Element, int] | None:
        """English "QII 2024", one word, so only with its year ("qi" alone is a word); "QV
        2024" is an error, not the year 2024."""
        text = self.toks[j].text if self.english and j < len(self.toks) else ""
        if not (text[:1] == "q" and ROMAN_RE.fullmatch(text[1:])):
            return None
        year, k = self.year_after(j + 1)
        if year is None:
            return None
        if text[1:] not in ROMAN:
            raise Unreadable("phrase_no_quarter", quarter=text[1:].upper())
        return Element(Kind.ATOM, j, k, quarter_atom([ROMAN[text[1:]]], year)), k

    def ordinal_quarter(self, j: int) -> tuple[Element, int] | None:
        """"second quarter of 2024", "2nd quarter"; "fifth quarter" is an error."""
        word = self.prefixed(j, "o")
        n = word if word is not None else self.num(j)
        k = j + 2 if self.key(j + 1, "st", "nd", "rd", "th") else j + 1
        if n is None or not self.key(k, "quarter"):
            return None
        if not 1 <= n <= 4 or (word is None and self.toks[j].ndig > 1):
            shown = n if word is not None else self.toks[j].text[:12]
            raise Unreadable("phrase_no_quarter", quarter=shown)
        year, k = self.year_after(k + 1, ("of", "nam"))
        return Element(Kind.ATOM, j, k, quarter_atom([n], year)), k

    def quarter(self, j: int) -> tuple[Element, int] | None:
        """"Quý I, II năm 2024", "Q2 2024", "quarter 3", "second quarter of 2024"."""
        if not self.key(j, "quy", "quarter", "q"):
            return self.glued_quarter(j) or self.ordinal_quarter(j)
        roman = not self.key(j, "quy") or self.spelled(j, "quý", "quí")
        q0 = self.quarter_number(j + 1, roman)
        if q0 is None:
            return None
        found, k = [q0], j + 2
        while self.sym(k, ",", "-", "&") or self.key(k, "va", "and"):
            named = self.key(k + 1, "quy", "q", "quarter")  # "Quý II và quý III"
            at = k + 2 if named else k + 1
            q = self.listed_quarter(at, named, roman)
            if q is None:
                break
            found.append(q)
            k = at + 1
        year, k = self.year_after(k, ("nam", "of"))
        return Element(Kind.ATOM, j, k, quarter_atom(found, year)), k
