"""The scanner: tokens in, elements out (times, connectors, markers); other words skipped.

Times are read by :class:`.periods.PeriodReader` and :class:`.days.DayReader`; the markers and
connectors (package docstring, "Reading" and "Ranges and open ends") are the table below,
matched on the tokens' vocabulary keys, the longest match winning.
"""

from __future__ import annotations

from .elements import WEAK, WEEK_PARTS, Element, Kind, Part
from .errors import Unreadable
from .named import NamedReader
from .periods import PeriodReader

_Marker = tuple[tuple[str, ...], tuple[Kind, ...], str]  # keys, element kinds, frequency


def _marker_table() -> dict[str, list[_Marker]]:
    """Markers and connectors by their first key ("từ nay" is a FROM then a NOW)."""
    rows: list[tuple[str, tuple[Kind, ...], str]] = [
        ("cao diem", (Kind.PEAK,), ""), ("peak", (Kind.PEAK,), ""), ("peaking", (Kind.PEAK,), ""),
        ("dac biet la", (Kind.PEAK,), WEAK), ("nhat la", (Kind.PEAK,), WEAK),
        ("especially", (Kind.PEAK,), WEAK), ("in particular", (Kind.PEAK,), WEAK),
        ("notably", (Kind.PEAK,), WEAK), ("trong_ tam", (Kind.PEAK,), WEAK),
        ("trong_ tam la", (Kind.PEAK,), WEAK), ("focus on", (Kind.PEAK,), WEAK),
        ("focusing on", (Kind.PEAK,), WEAK), ("focused on", (Kind.PEAK,), WEAK),
        ("dip ky niem", (Kind.ANNIV,), ""), ("ngay ky niem", (Kind.ANNIV,), ""),
        ("dip le ky niem", (Kind.ANNIV,), ""), ("ngay le ky niem", (Kind.ANNIV,), ""),
        ("on the anniversary", (Kind.ANNIV,), ""), ("at the anniversary", (Kind.ANNIV,), ""),
        ("around the anniversary", (Kind.ANNIV,), ""), ("anniversary day", (Kind.ANNIV,), ""),
        ("during the anniversary", (Kind.ANNIV,), ""),
        ("dinh ky", (Kind.RECUR,), ""),
        ("tu nay", (Kind.FROM, Kind.NOW), ""), ("ke tu nay", (Kind.FROM, Kind.NOW), ""),
        ("tu ngay ky", (Kind.FROM, Kind.NOW), ""), ("ke tu ngay ky", (Kind.FROM, Kind.NOW), ""),
        ("tu ngay ban hanh", (Kind.FROM, Kind.NOW), ""),
        ("ke tu ngay ban hanh", (Kind.FROM, Kind.NOW), ""),
        ("truoc , trong va sau", (Kind.AROUND,), ""), ("truoc trong va sau", (Kind.AROUND,), ""),
        ("before , during and after", (Kind.AROUND,), ""),
        ("before during and after", (Kind.AROUND,), ""),
        ("from now", (Kind.FROM, Kind.NOW), ""), ("starting now", (Kind.FROM, Kind.NOW), ""),
        ("now", (Kind.NOW,), ""),
        ("tu", (Kind.FROM,), ""), ("ke tu", (Kind.FROM,), ""), ("bat dau tu", (Kind.FROM,), ""),
        ("bat dau", (Kind.FROM,), ""), ("from", (Kind.FROM,), ""), ("since", (Kind.FROM,), ""),
        ("starting", (Kind.FROM,), ""), ("starting from", (Kind.FROM,), ""),
        ("den", (Kind.TO,), ""), ("toi", (Kind.TO,), ""), ("cho den", (Kind.TO,), ""),
        ("cho toi", (Kind.TO,), ""), ("to", (Kind.TO,), ""), ("until", (Kind.TO,), ""),
        ("till", (Kind.TO,), ""), ("through", (Kind.TO,), ""), ("thru", (Kind.TO,), ""),
        ("up to", (Kind.TO,), ""), ("up until", (Kind.TO,), ""),
        ("truoc va trong", (Kind.BY,), ""), ("truoc hoac trong", (Kind.BY,), ""),
        ("truoc hoac vao", (Kind.BY,), ""), ("cham nhat", (Kind.BY,), ""), ("by", (Kind.BY,), ""),
        ("before and on", (Kind.BY,), ""), ("on or before", (Kind.BY,), ""),
        ("no later than", (Kind.BY,), ""), ("at the latest by", (Kind.BY,), ""),
        ("truoc", (Kind.BEFORE,), ""), ("before", (Kind.BEFORE,), ""),
        ("prior to", (Kind.BEFORE,), ""), ("sau", (Kind.AFTER,), ""), ("after", (Kind.AFTER,), ""),
        ("va", (Kind.LIST,), ""), ("and", (Kind.LIST,), ""),
    ]
    for unit, freq in (("thang", "MONTHLY"), ("tuan", "WEEKLY"), ("quy", "QUARTERLY"),
                       ("nam", "YEARLY"), ("ngay", "DAILY")):
        rows += [(f"hang {unit}", (Kind.RECUR,), freq), (f"moi {unit}", (Kind.RECUR,), freq)]
    for unit, freq in (("month", "MONTHLY"), ("week", "WEEKLY"), ("quarter", "QUARTERLY"),
                       ("year", "YEARLY"), ("day", "DAILY")):
        rows += [(f"every {unit}", (Kind.RECUR,), freq), (f"each {unit}", (Kind.RECUR,), freq)]
    for word, freq in (("monthly", "MONTHLY"), ("weekly", "WEEKLY"),
                       ("quarterly", "QUARTERLY"), ("yearly", "YEARLY"),
                       ("annually", "YEARLY"), ("daily", "DAILY")):
        rows.append((word, (Kind.RECUR,), freq))
    table: dict[str, list[_Marker]] = {}
    for words, kinds, freq in rows:
        seq = tuple(words.split())
        table.setdefault(seq[0], []).append((seq, kinds, freq))
    return table


_MARKERS = _marker_table()
#: "tuần thứ hai": weeks 1–4 of a month are read; 5–7 only to refuse them.
_VI_ORDINALS = {"nhat": 1, "hai": 2, "ba": 3, "tu_": 4, "nam": 5, "sau_": 6, "bay": 7}
_WEEKS: tuple[Part, ...] = ("week1", "week2", "week3", "week4")


class Scanner(PeriodReader, NamedReader):
    """Turns tokens into elements: times (atoms), connectors, markers; other words are skipped."""

    def run(self) -> list[Element]:
        """The phrase's elements, in order."""
        out: list[Element] = []
        i, n = 0, len(self.toks)
        while i < n:
            found = (self.marker(i) or self.named(i) or self.atom(i)
                     or self.duration(i))
            if found is not None:
                els, i = found
                out.extend(els)
                continue
            tok = self.toks[i]
            if tok.sym == "-":
                out.append(Element(Kind.DASH, i, i + 1))
            elif tok.sym in (",", "&", "+"):
                out.append(Element(Kind.LIST, i, i + 1))
            elif tok.num is not None and self.unit_after(i + 1):
                i += 1  # "70 năm", "12 tháng": a count, not a time
            i += 1
        return out

    def marker(self, i: int) -> tuple[list[Element], int] | None:
        """The longest marker or connector ("trước và trong", "hàng tháng") starting at i."""
        best: _Marker | None = None
        for k in self.toks[i].keys:
            for seq, kinds, freq in _MARKERS.get(k, ()):
                if (best is None or len(seq) > len(best[0])) and all(
                        self.key(i + j, w) for j, w in enumerate(seq)):
                    best = seq, kinds, freq
        if best is None:
            return None
        seq, kinds, freq = best
        end = i + len(seq)
        if len(kinds) == 1:
            return [Element(kinds[0], i, end, freq=freq)], end
        return [Element(kinds[0], i, end - 1), Element(kinds[1], end - 1, end)], end

    def duration(self, i: int) -> tuple[list[Element], int] | None:
        """"05 ngày", "12 ngày đêm", "5 days" (kept later only next to a time; any length, so
        that "99999999 ngày" is refused, not skipped)."""
        n = self.num(i)
        if n is None:
            return None
        if self.key(i + 1, "ngay") and self.num(i + 2) is None:
            end = i + 3 if self.key(i + 2, "dem") else i + 2
            return [Element(Kind.DUR, i, end, n=n)], end
        if self.key(i + 1, "days", "day") and self.num(i + 2) is None:
            return [Element(Kind.DUR, i, i + 2, n=n)], i + 2
        return None

    def atom(self, i: int) -> tuple[list[Element], int] | None:
        """A time at i, with its part ("cuối tháng 11"), or a weekday."""
        half = self.months_of_year(i)
        if half is not None:
            return [half[0]], half[1]
        part, end_of, j = self.part(i)
        found = self.weekday(i) if part is None else None
        if part in WEEK_PARTS:  # weeks of a month, or of a year (its January or December)
            found = (self.month_vi(j, part) or self.month_en(j, part) or self.year_vi(j, part)
                     or self.bare_year(j, part))
        elif found is None:
            found = (self.month_vi(j, part) or self.year_vi(j, part) or self.quarter(j)
                     or self.day(j, part) or self.month_en(j, part) or self.bare_year(j, part))
        if found is None:
            return None
        el, nxt = found
        if el.atom is not None and part is not None and end_of:
            el.atom.end_of = True
        if part is not None and el.atom is None:
            return None
        el.i0 = i
        return [el], nxt

    def part(self, i: int) -> tuple[Part | None, bool, int]:
        """A month-part prefix at i: (part, English "end of", index after it)."""
        week = self.week_vi(i) if self.key(i, "tuan") else self.week_en(i)
        if week is not None:
            return week[0], False, week[1]
        if self.key(i, "dau"):
            return "early", False, i + 1
        if self.key(i, "giua"):
            return "mid", False, i + 1
        if self.key(i, "cuoi"):
            return "late", False, i + 1
        if self.key(i, "het"):
            return "through", False, i + 1
        if self.key(i + 1, "tuan"):
            if self.key(i, "thuong"):
                return "early", False, i + 2
            if self.key(i, "trung"):
                return "mid", False, i + 2
            if self.key(i, "ha"):
                return "late", False, i + 2
        if self.key(i, "early"):
            return "early", False, i + 1
        if self.key(i, "late"):
            return "late", False, i + 1
        if self.key(i, "mid", "middle"):
            j = i + 1
            if self.key(j, "of") or self.sym(j, "-"):
                j += 1
            return "mid", False, j
        if self.key(i, "end", "start", "beginning") and self.key(i + 1, "of"):
            j = i + 2
            if self.key(j, "the"):
                j += 1
            return ("late" if self.key(i, "end") else "early"), self.key(i, "end"), j
        return None, False, i

    def week_vi(self, i: int) -> tuple[Part, int] | None:
        """"tuần đầu (tiên) (của)", "tuần cuối (cùng)", "tuần (lễ) thứ hai", "tuần thứ 3" at i."""
        j = i + 2 if self.key(i + 1, "le") else i + 1
        if self.key(j, "dau", "cuoi"):
            part: Part = "week1" if self.key(j, "dau") else "week-last"
            j += 2 if self.key(j + 1, "tien", "cung") else 1
        elif self.key(j, "thu"):
            n = self.small(j + 1, 99) or next(
                (w for word, w in _VI_ORDINALS.items() if self.key(j + 1, word)), None)
            if n is None or not self.week_exists(n, j + 2):
                return None
            part, j = _WEEKS[n - 1], j + 2
        else:
            return None
        return part, j + 1 if self.key(j, "cua") else j

    def week_en(self, i: int) -> tuple[Part, int] | None:
        """"first week of", "the 2nd week of", "last week in" at i."""
        n, j = self.prefixed(i, "o"), i + 1
        if n is None and self.num(i) is not None and self.key(i + 1, "st", "nd", "rd", "th"):
            n, j = self.num(i), i + 2
        if ((n is None and not self.key(i, "last")) or not self.key(j, "week")
                or not self.key(j + 1, "of", "in")):
            return None
        j += 3 if self.key(j + 2, "the") else 2
        if n is not None and not self.week_exists(n, j):
            return None
        return ("week-last" if n is None else _WEEKS[n - 1]), j

    def week_exists(self, n: int, j: int) -> bool:
        """Weeks 1–4 of a month exist; week ``n`` > 4 before a month or year ("tuần thứ năm
        tháng 9", "fifth week of May") is an error, else the words are not a week of one."""
        if 1 <= n <= 4:
            return True
        if self.key(j + 1 if self.key(j, "cua") else j, "thang", "nam") or (
                self.prefixed(j, "m") is not None):
            raise Unreadable("phrase_week_of_month", n=n)
        return False

    def weekday(self, i: int) -> tuple[Element, int] | None:
        """"Thứ Bảy", "thứ 6", "Chủ nhật", "Friday": 0 (Monday) … 6 (Sunday)."""
        w = self.prefixed(i, "w")
        if w is not None:
            return Element(Kind.WDAY, i, i + 1, n=w), i + 1
        if self.key(i, "chu") and self.key(i + 1, "nhat_"):
            return Element(Kind.WDAY, i, i + 2, n=6), i + 2
        if self.key(i, "thu"):
            for word, w in (("hai", 0), ("ba", 1), ("tu_", 2), ("nam", 3), ("sau_", 4),
                            ("bay", 5)):
                if self.key(i + 1, word):
                    return Element(Kind.WDAY, i, i + 2, n=w), i + 2
            n = self.small(i + 1, 7)
            if n is not None and n >= 2:
                return Element(Kind.WDAY, i, i + 2, n=n - 2), i + 2
        return None

