"""Read a plan's time phrase ("triển khai trong tháng 11 đến 30/12/2022") into a Window.

One reader for every form in DOMAIN.md ("Time expressions seen in real plans"), in Vietnamese
and in plain English. Words that are not time ("triển khai", "báo cáo Ban Thường vụ Quận ủy",
parentheses, ``*``, quotes, trailing dots) are skipped; a phrase with no time in it is a
:class:`PhraseError` (the only exception :func:`read_phrase` raises, for any input) unless it is
a recognised undated phrase ("theo chỉ đạo của Thành phố", "as directed by the City", "TBD").

Decisions (each is tested in tests/test_phrases.py):

Reading
  * Text is normalised first: Unicode NFC, lower case, ``*``, ``_``, parentheses and quotes
    dropped, whitespace collapsed. Vietnamese keywords match their exact spelling or the
    spelling with no diacritics at all ("tháng"/"thang", "đến"/"den"), never another accented
    word ("thắng", "đền", "tự" are not "tháng", "đến", "từ"). English words are read only in
    phrases that are not Vietnamese (no Vietnamese letter or keyword), so "to lớn" or "in ấn"
    are not connectors; "may" is the month only next to a day, a year or a preposition.
    Words glued by "/" are document codes ("80-KH/TU", "b/cáo"), not words.
  * Dates are day first, always: "07/5/2024", "7/5", "7.5.2024", "ngày 7 tháng 5 năm 2024",
    "15 Dec 2022", "the 15th of December"; ISO "2024-05-07" too. Month-first dates ("December
    15, 2022") and two-digit years are refused, never guessed; invalid dates (31/02/2024) are
    errors. "N/yyyy" is a month ("5/2024"). Days of one month: "22-26/4/2024", "ngày 16, 17 và
    18/12/2022", "15-20 Dec 2022".
  * A connector ("từ", "đến", "trước", "from", "until", "by", …) counts only when a time follows
    it directly (allowing "ngày", "trong", "vào", "the", "on", "in", "of", "between"); a dash
    counts only between two times ("18/12/1972-18/12/2022", "2022 - 2025"), not in "văn hóa -
    văn nghệ". A duration counts only next to a time ("chiến thắng 12 ngày đêm" is a name).
  * Times joined by ",", "và", "and" are one window covering them all (their hull): "trong
    tháng 10, 11/2022" = 1/10–30/11/2022, "trong năm 2023, 2024" = 2023–2024. Two times with
    nothing relating them are an error, except that times ending more than 5 years before the
    context year ("Chiến dịch 12 ngày đêm tháng 12 năm 1972 … (triển khai từ tháng 9/2022)")
    are history, dropped when the phrase has other times. Weekdays ("Thứ Bảy, ngày 17/12") are
    words except in weekly phrases.

Parts of months, quarters, years
  * đầu tháng (early, beginning of, thượng tuần) = days 1–10, giữa tháng (mid, trung tuần) =
    11–20, cuối tháng (late, end of, hạ tuần) = 21–last: the traditional thượng/trung/hạ tuần.
    "hết tháng N" = through the last day of N (an end bound, precision month); English "end
    of N" right after until/to/by/through reads the same way.
  * Quý I–IV, "quý 2", "Q2 2024", "second quarter of 2024": the quarter's three months.
  * đầu/giữa/cuối năm (early/mid/late/end of a year) = January–March, April–September,
    October–December (precision quarter); "hết năm 2024" = through 31/12/2024; "6 tháng đầu
    năm" = January–June, "6 tháng cuối năm" = July–December.

Ranges and open ends
  * "từ A đến B", "A - B", "A–B", "A—B", "from A to B": A's first day to B's last day.
    "từ ngày 22 đến ngày 26/4/2024": the bare day takes its partner's month.
  * An anniversary pair "(18/12/1972 - 18/12/2022)": a day range whose two dates share day and
    month and whose start is two or more years before its end is not a window of years but the
    commemoration written as origin - anniversary; it reads as the single second date.
  * Open end ("từ tháng 9/2022", "cao điểm từ ngày 15/12/2022", "since 1 Nov"): closed by the
    anniversary if it is on or after the start (ANNIVERSARY), else by the campaign end if on or
    after the start (CAMPAIGN_END), else on 31/12 of the start's year (ASSUMED). A time written
    as a range keeps its end ("từ 10 - 20/12/2022" = 10–20/12/2022).
  * "từ nay", "kể từ ngày ký", "from now" start on the issue date (ISSUED); with no issue date
    they are an error.
  * Open start ("đến hết tháng 5/2024", "trước và trong ngày 11/6/2023", "by 15/12/2022"): the
    issue date when known and not after the end (ISSUED), else the first day of the end
    bound's month (or of its quarter/year for those: ASSUMED).
  * "trước X" / "before X" ends the day before X; "trước và trong ngày X", "before and on X",
    "by X", "chậm nhất X" end on X; "sau X" / "after X" starts the day after X; "trước, trong
    và sau X" / "before, during and after X" is X's month (both bounds ASSUMED).
  * "vào dịp kỷ niệm", "ngày kỷ niệm", "on the anniversary": the anniversary day (needs
    ctx.anniversary). Beside explicit dates, the mention is just words.
  * Peaks: "cao điểm", "peak" start a second window, ``peak``, read like the main one ("đặc biệt
    là", "nhất là", "especially" too, when a time follows at once). The main window is widened
    to end with the peak ("triển khai cuối tháng 11, cao điểm từ ngày 15/12/2022" =
    21/11–18/12/2022, peak 15/12–18/12/2022); a peak starting before the main window is an
    error. A phrase that is only a peak is a window equal to its peak, with ``peak`` set.
  * Durations "05 ngày, từ 22/4/2024 đến 26/4/2024", "5 days, …": the count must equal the
    days of a day-precise range (inclusive), or fit inside a coarser one; with only one bound
    it closes the other ("05 ngày từ ngày 22/4/2024" = 22–26/4/2024).

Missing years ("15/12", "cuối tháng 11", "Kỳ sinh hoạt chi bộ tháng 4")
  * From the phrase first: the nearest later time with a year (the year before it if that
    would put this one after it: "từ 15/12 đến 15/1/2023" starts 15/12/2022), else the nearest
    earlier one (the year after if needed).
  * Else from the context: ctx.year, else the anniversary's year, else the issue year. When
    that is the anniversary's year and puts the time's first day more than 6 months after the
    anniversary, while the year before would be within the year before the anniversary, the
    year before is taken ("tháng 12" in a plan for 07/5/2024 is 12/2023).

Recurring items (RFC 5545 §3.3.10 RRULE, with UNTIL = the window's end as YYYYMMDD)
  * "định kỳ hàng tháng (trước ngày 20)", "monthly before the 20th": due before the 20th =
    the 19th: ``FREQ=MONTHLY;BYMONTHDAY=19``; "ngày 20 hàng tháng", "by the 20th of each
    month": the 20th; "trước ngày 1", or no day: the last day of each month
    (``BYMONTHDAY=-1``). A day a month lacks is skipped, as RFC 5545 says.
  * "hằng quý", "quarterly": that day of the last month of each quarter
    (``FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=…``); "hàng tuần (thứ sáu)", "weekly on
    Friday": ``FREQ=WEEKLY;BYDAY=FR`` (no weekday: the start's); "hàng ngày", "daily";
    "ngày 18/12 hằng năm" (yearly needs its day).
  * Window: from the first occurrence on or after the issue date (ISSUED), else on or after
    1 January of the context year (ASSUMED), to the campaign end (CAMPAIGN_END), else 31/12
    of the anniversary's (else the context) year (ASSUMED); a range in the phrase ("hàng tháng
    từ tháng 5 đến tháng 12/2024") bounds it instead, and one that holds a single period ("the
    monthly meeting in May 2024") is that period, not a recurrence. dateutil checks that the
    rule's first occurrence is ``start``.

Undated, precision, closures
  * Undated: "theo chỉ đạo/hướng dẫn/thông báo/quy định của …", "chưa xác định", "thông báo
    sau", "as directed/instructed by …", "TBD", "to be determined/announced", when the phrase
    has no time: no days, precision UNDATED, both closures TEXT (the text says so).
  * ``precision`` is the coarsest precision of the bounds the text gave; bounds taken from
    the context do not count (a window with none from the text, or recurring, is DAY).
  * Windows never end before they start: such a phrase is a PhraseError.
  * Lunar dates ("10/3 âm lịch", "lunar") are an error, never read as solar dates.
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import Enum, auto
from typing import Literal

from .window import Closure, PhraseContext, Precision, Window

__all__ = ["PhraseError", "read_phrase"]

MAX_LENGTH = 4000  # characters; longer text is not a time phrase


class PhraseError(ValueError):
    """A phrase the reader does not understand; ``reason`` says what, in one English sentence."""

    phrase: str
    reason: str

    def __init__(self, phrase: str, reason: str) -> None:
        super().__init__(f"cannot read {phrase!r}: {reason}")
        self.phrase = phrase
        self.reason = reason


class _Fail(Exception):
    """Internal: what went wrong, before the phrase is attached (becomes a PhraseError)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --- vocabulary ------------------------------------------------------------------------------

#: Vietnamese keywords: key -> accepted spellings (the diacritic-free form is added below).
_VI_WORDS: dict[str, tuple[str, ...]] = {
    "thang": ("tháng",), "ngay": ("ngày",), "nam": ("năm",), "quy": ("quý", "quí"),
    "tu": ("từ",), "den": ("đến",), "toi": ("tới",), "truoc": ("trước",), "sau": ("sau",),
    "va": ("và",), "hoac": ("hoặc",), "trong": ("trong",), "vao": ("vào",),
    "khoang": ("khoảng",), "het": ("hết",), "dau": ("đầu",), "giua": ("giữa",),
    "cuoi": ("cuối",), "thuong": ("thượng",), "trung": ("trung",), "ha": ("hạ",),
    "tuan": ("tuần",), "hang": ("hàng", "hằng"), "moi": ("mỗi",), "dinh": ("định",),
    "ky": ("kỳ", "kì", "kỷ", "kỉ", "ký", "kí"), "ban": ("ban",), "hanh": ("hành",),
    "niem": ("niệm",), "nay": ("nay",), "ke": ("kể",),
    "bat": ("bắt",), "cho": ("cho",), "cao": ("cao",), "diem": ("điểm",), "dip": ("dịp",),
    "le": ("lễ",), "dac": ("đặc",), "biet": ("biệt",), "la": ("là",), "nhat": ("nhất",),
    "nhat_": ("nhật",), "cham": ("chậm",), "thu": ("thứ",), "chu": ("chủ",), "hai": ("hai",),
    "ba": ("ba",), "tu_": ("tư",), "sau_": ("sáu",), "bay": ("bảy",), "dem": ("đêm",),
}
#: Diacritic-free words that mark a phrase as Vietnamese (English words are then not read).
_VI_HINTS = frozenset({"thang", "ngay", "nam", "quy", "qui", "tu", "den", "truoc", "het", "dau",
                       "giua", "cuoi", "hang", "dinh", "ky", "trong", "tuan", "nay", "vao"})
_EN_WORDS = frozenset({
    "from", "since", "starting", "to", "until", "till", "through", "thru", "up", "by", "before",
    "prior", "after", "and", "or", "on", "in", "during", "of", "the", "at", "around", "about",
    "now", "early", "mid", "middle", "late", "end", "start", "beginning", "peak", "peaking",
    "especially", "particular", "notably", "monthly", "weekly", "quarterly", "yearly",
    "annually", "daily", "every", "each", "month", "week", "quarter", "year", "years", "day",
    "days", "months", "weeks", "anniversary", "q", "st", "nd", "rd", "th", "no", "later", "than",
    "latest", "between"})
_EN_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_EN_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
                "saturday": 5, "sunday": 6}
_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _fold(word: str) -> str:
    """Vietnamese without diacritics: "tháng" -> "thang", "đến" -> "den"."""
    plain = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if not unicodedata.combining(c))


def _build_vi() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for key, spellings in _VI_WORDS.items():
        for spelling in spellings:
            nfc = unicodedata.normalize("NFC", spelling)
            for form in (nfc, _fold(nfc)):
                table.setdefault(form, set()).add(key)
    return {form: frozenset(keys) for form, keys in table.items()}


_VI = _build_vi()


# --- tokens ----------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"([0-9]+)|([^\W\d_]+)|([\-\u2010-\u2015\u2212])|([/,.;:&+])")
_STRIP_RE = re.compile(r"[*_()\[\]{}\"'“”‘’«»„`]+")
_SPACE_RE = re.compile(r"\s+")
_UNDATED_RE = re.compile(
    r"\b(?:theo (?:su |)(?:chi dao|huong dan|thong bao|quy dinh|ke hoach cua cap tren)"
    r"|chua (?:xac dinh|co thoi gian|co lich)|(?:se )?thong bao sau"
    r"|as (?:directed|instructed|guided|announced|notified|decided|regulated|prescribed)"
    r"|tbd|tba|to be (?:determined|decided|announced|confirmed|fixed|agreed|scheduled)"
    r"|date to follow|not yet (?:dated|scheduled|fixed))\b")


_LUNAR_RE = re.compile(r"\b(?:am lich|al|lunar)\b")


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    keys: frozenset[str]
    num: int | None  # digits
    ndig: int
    sym: str  # "", "/", "-", ",", ".", ";", ":", "&", "+"
    start: int
    end: int


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower().replace("ð", "đ")
    text = _SPACE_RE.sub(" ", _STRIP_RE.sub(" ", text)).strip()
    return text.rstrip(" .;:,").strip()


def _tokens(text: str) -> tuple[list[_Tok], bool]:
    """Tokens of normalised text, and whether English words are read (not Vietnamese)."""
    raw = [(m.group(), m.lastindex or 0, m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
    english = text.isascii() and not any(k == 2 and t in _VI_HINTS for t, k, _, _ in raw)
    toks: list[_Tok] = []
    for n, (tok, kind, start, end) in enumerate(raw):
        if kind == 1:
            value = int(tok) if len(tok) <= 9 else 10**9
            toks.append(_Tok(tok, frozenset(), value, len(tok), "", start, end))
        elif kind == 2 and _in_code(raw, n):
            toks.append(_Tok(tok, frozenset(), None, 0, "", start, end))
        elif kind == 2:
            keys = set(_VI.get(tok, ()))
            if english:
                if tok in _EN_WORDS:
                    keys.add(tok)
                if tok in _EN_MONTHS and (tok != "may" or _may_is_month(raw, n)):
                    keys.add(f"m{_EN_MONTHS[tok]}")
                if tok in _EN_WEEKDAYS:
                    keys.add(f"w{_EN_WEEKDAYS[tok]}")
                if tok in _EN_ORDINALS:
                    keys.add(f"o{_EN_ORDINALS[tok]}")
            if tok in _ROMAN:
                keys.add(f"r{_ROMAN[tok]}")
            toks.append(_Tok(tok, frozenset(keys), None, 0, "", start, end))
        else:
            sym = "-" if kind == 3 else tok
            toks.append(_Tok(tok, frozenset({sym}), None, 0, sym, start, end))
    return toks, english


def _in_code(raw: list[tuple[str, int, int, int]], n: int) -> bool:
    """Words glued by a "/" are a document code ("80-KH/TU", "b/cáo"), not words."""
    def glued(a: int, b: int) -> bool:  # tokens a, "/", b with no spaces, a and b words
        return (a >= 0 and b < len(raw) and raw[a + 1][0] == "/" and raw[a][1] == raw[b][1] == 2
                and raw[a][3] == raw[a + 1][2] and raw[a + 1][3] == raw[b][2])

    return glued(n - 2, n) or glued(n, n + 2)


def _may_is_month(raw: list[tuple[str, int, int, int]], n: int) -> bool:
    """"May" is the month after a day number or a preposition, or before a year."""
    prev = raw[n - 1] if n else None
    nxt = raw[n + 1] if n + 1 < len(raw) else None
    if prev is not None and (prev[1] == 1 or prev[0] in _MAY_BEFORE):
        return True
    return nxt is not None and nxt[1] == 1 and len(nxt[0]) == 4


# --- elements --------------------------------------------------------------------------------

class _K(Enum):
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


_OPERANDS = frozenset({_K.ATOM, _K.NOW, _K.ANNIV, _K.MDAY})
_START_CONN = frozenset({_K.FROM, _K.AFTER, _K.AROUND})
_END_CONN = frozenset({_K.TO, _K.BY, _K.BEFORE, _K.DASH})
_WORD_CONN = frozenset({_K.FROM, _K.AFTER, _K.TO, _K.BY, _K.BEFORE, _K.AROUND})
_FILLER = frozenset({"trong", "vao", "khoang", "the", "on", "in", "of", "at", "around", "about",
                     "during", "between"})
_PARTS: dict[str, tuple[int, int | None]] = {"early": (1, 10), "mid": (11, 20), "late": (21, None)}
_YEAR_PARTS: dict[str, tuple[int, int]] = {"early": (1, 3), "mid": (4, 9), "late": (10, 12)}
_Part = Literal["early", "mid", "late", "through"]
_WEAK = "weak"  # "đặc biệt là", "nhất là": a peak only when a time follows at once
_MAY_BEFORE = frozenset({"in", "of", "early", "mid", "late", "from", "to", "until", "till",
                         "through", "thru", "by", "before", "after", "during", "and", "since",
                         ",", "-"})


@dataclass(slots=True)
class _Atom:
    """A stretch of calendar: months m1..m2 (days d1..d2) ending in ``year`` (None: unknown)."""

    prec: Precision
    m1: int
    m2: int
    d1: int
    d2: int | None  # None: the last day of m2
    year: int | None
    span: int = 0  # years from the first month to the last
    through: bool = False  # "hết tháng 5": an end bound
    end_of: bool = False  # English "end of": "through" when it closes a range
    ranged: bool = False  # written as a range or list ("10 - 20/12"): "từ" does not open it
    explicit: bool = False  # the year was written

    def lo(self, year: int | None = None) -> date:
        y = self.year if year is None else year
        assert y is not None
        return _day(y - self.span, self.m1, self.d1)

    def hi(self, year: int | None = None) -> date:
        y = self.year if year is None else year
        assert y is not None
        return _day(y, self.m2, self.d2 if self.d2 is not None else monthrange(y, self.m2)[1])


@dataclass(slots=True)
class _El:
    kind: _K
    i0: int  # token span [i0, i1)
    i1: int
    atom: _Atom | None = None
    n: int = 0  # MDAY: day of month; DUR: days; WDAY: weekday
    freq: str = ""  # RECUR: MONTHLY, WEEKLY, QUARTERLY, YEARLY, DAILY, "" (định kỳ)


def _day(year: int, month: int, day: int) -> date:
    if not 1000 <= year <= 2999:
        raise _Fail(f"year {year} is out of range")
    if not 1 <= month <= 12:
        raise _Fail(f"{month} is not a month")
    try:
        return date(year, month, day)
    except ValueError:
        raise _Fail(f"{day:02d}/{month:02d}/{year} is not a valid date") from None


def _phrase_table() -> dict[str, list[tuple[tuple[str, ...], tuple[_K, ...], str]]]:
    rows: list[tuple[str, tuple[_K, ...], str]] = [
        ("cao diem", (_K.PEAK,), ""), ("peak", (_K.PEAK,), ""), ("peaking", (_K.PEAK,), ""),
        ("dac biet la", (_K.PEAK,), _WEAK), ("nhat la", (_K.PEAK,), _WEAK),
        ("especially", (_K.PEAK,), _WEAK), ("in particular", (_K.PEAK,), _WEAK),
        ("notably", (_K.PEAK,), _WEAK),
        ("dip ky niem", (_K.ANNIV,), ""), ("ngay ky niem", (_K.ANNIV,), ""),
        ("dip le ky niem", (_K.ANNIV,), ""), ("ngay le ky niem", (_K.ANNIV,), ""),
        ("on the anniversary", (_K.ANNIV,), ""), ("at the anniversary", (_K.ANNIV,), ""),
        ("around the anniversary", (_K.ANNIV,), ""), ("anniversary day", (_K.ANNIV,), ""),
        ("during the anniversary", (_K.ANNIV,), ""),
        ("dinh ky", (_K.RECUR,), ""),
        ("tu nay", (_K.FROM, _K.NOW), ""), ("ke tu nay", (_K.FROM, _K.NOW), ""),
        ("tu ngay ky", (_K.FROM, _K.NOW), ""), ("ke tu ngay ky", (_K.FROM, _K.NOW), ""),
        ("tu ngay ban hanh", (_K.FROM, _K.NOW), ""),
        ("ke tu ngay ban hanh", (_K.FROM, _K.NOW), ""),
        ("truoc , trong va sau", (_K.AROUND,), ""), ("truoc trong va sau", (_K.AROUND,), ""),
        ("before , during and after", (_K.AROUND,), ""),
        ("before during and after", (_K.AROUND,), ""),
        ("from now", (_K.FROM, _K.NOW), ""), ("starting now", (_K.FROM, _K.NOW), ""),
        ("now", (_K.NOW,), ""),
        ("tu", (_K.FROM,), ""), ("ke tu", (_K.FROM,), ""), ("bat dau tu", (_K.FROM,), ""),
        ("bat dau", (_K.FROM,), ""), ("from", (_K.FROM,), ""), ("since", (_K.FROM,), ""),
        ("starting", (_K.FROM,), ""), ("starting from", (_K.FROM,), ""),
        ("den", (_K.TO,), ""), ("toi", (_K.TO,), ""), ("cho den", (_K.TO,), ""),
        ("cho toi", (_K.TO,), ""), ("to", (_K.TO,), ""), ("until", (_K.TO,), ""),
        ("till", (_K.TO,), ""), ("through", (_K.TO,), ""), ("thru", (_K.TO,), ""),
        ("up to", (_K.TO,), ""), ("up until", (_K.TO,), ""),
        ("truoc va trong", (_K.BY,), ""), ("truoc hoac trong", (_K.BY,), ""),
        ("truoc hoac vao", (_K.BY,), ""), ("cham nhat", (_K.BY,), ""), ("by", (_K.BY,), ""),
        ("before and on", (_K.BY,), ""), ("on or before", (_K.BY,), ""),
        ("no later than", (_K.BY,), ""), ("at the latest by", (_K.BY,), ""),
        ("truoc", (_K.BEFORE,), ""), ("before", (_K.BEFORE,), ""),
        ("prior to", (_K.BEFORE,), ""), ("sau", (_K.AFTER,), ""), ("after", (_K.AFTER,), ""),
        ("va", (_K.LIST,), ""), ("and", (_K.LIST,), ""),
    ]
    for unit, freq in (("thang", "MONTHLY"), ("tuan", "WEEKLY"), ("quy", "QUARTERLY"),
                       ("nam", "YEARLY"), ("ngay", "DAILY")):
        rows += [(f"hang {unit}", (_K.RECUR,), freq), (f"moi {unit}", (_K.RECUR,), freq)]
    for unit, freq in (("month", "MONTHLY"), ("week", "WEEKLY"), ("quarter", "QUARTERLY"),
                       ("year", "YEARLY"), ("day", "DAILY")):
        rows += [(f"every {unit}", (_K.RECUR,), freq), (f"each {unit}", (_K.RECUR,), freq)]
    for word, freq in (("monthly", "MONTHLY"), ("weekly", "WEEKLY"),
                       ("quarterly", "QUARTERLY"), ("yearly", "YEARLY"),
                       ("annually", "YEARLY"), ("daily", "DAILY")):
        rows.append((word, (_K.RECUR,), freq))
    table: dict[str, list[tuple[tuple[str, ...], tuple[_K, ...], str]]] = {}
    for words, kinds, freq in rows:
        seq = tuple(words.split())
        table.setdefault(seq[0], []).append((seq, kinds, freq))
    for entries in table.values():
        entries.sort(key=lambda e: -len(e[0]))
    return table


_PHRASES = _phrase_table()


class _Scanner:
    """Turns tokens into elements: times (atoms), connectors, markers; other words are skipped."""

    def __init__(self, toks: list[_Tok], english: bool) -> None:
        self.toks = toks
        self.english = english

    # token tests
    def key(self, i: int, *keys: str) -> bool:
        return 0 <= i < len(self.toks) and any(k in self.toks[i].keys for k in keys)

    def sym(self, i: int, *syms: str) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].sym in syms

    def num(self, i: int) -> int | None:
        return self.toks[i].num if 0 <= i < len(self.toks) else None

    def small(self, i: int, top: int) -> int | None:
        """A 1–2 digit number in 1..top at i."""
        n = self.num(i)
        return n if n is not None and self.toks[i].ndig <= 2 and 1 <= n <= top else None

    def year(self, i: int) -> int | None:
        """A four-digit year 1000..2999 at i."""
        n = self.num(i)
        return n if n is not None and self.toks[i].ndig == 4 and 1000 <= n <= 2999 else None

    def written_year(self, i: int) -> int:
        """The year after a "/" in a date: four digits, in range, else an error."""
        n = self.num(i)
        if n is None or self.toks[i].ndig != 4:
            raise _Fail("write the year in full, with four digits")
        if not 1000 <= n <= 2999:
            raise _Fail(f"year {n} is out of range")
        return n

    def prefixed(self, i: int, prefix: str) -> int | None:
        """A key starting with ``prefix`` ("m", "w", "r", "o") at i: its number."""
        if 0 <= i < len(self.toks):
            for k in self.toks[i].keys:
                if k[0] == prefix and k[1:].isdigit():
                    return int(k[1:])
        return None

    def glued(self, i: int) -> bool:
        """Token i touches token i + 1 (no space between)."""
        return i + 1 < len(self.toks) and self.toks[i].end == self.toks[i + 1].start

    def unit_after(self, i: int) -> bool:
        return self.key(i, "nam", "thang", "ngay", "tuan", "years", "months", "days", "weeks",
                        "year", "month", "day", "week")

    # the scan
    def run(self) -> list[_El]:
        out: list[_El] = []
        i, n = 0, len(self.toks)
        while i < n:
            found = self.phrase(i) or self.atom(i) or self.duration(i)
            if found is not None:
                els, i = found
                out.extend(els)
                continue
            tok = self.toks[i]
            if tok.sym == "-":
                out.append(_El(_K.DASH, i, i + 1))
            elif tok.sym in (",", "&", "+"):
                out.append(_El(_K.LIST, i, i + 1))
            elif tok.num is not None and self.unit_after(i + 1):
                i += 1  # "70 năm", "12 tháng": a count, not a time
            i += 1
        return out

    def phrase(self, i: int) -> tuple[list[_El], int] | None:
        """The longest marker or connector ("trước và trong", "hàng tháng") starting at i."""
        best: tuple[tuple[str, ...], tuple[_K, ...], str] | None = None
        for k in self.toks[i].keys:
            for seq, kinds, freq in _PHRASES.get(k, ()):
                if (best is None or len(seq) > len(best[0])) and all(
                        self.key(i + j, w) for j, w in enumerate(seq)):
                    best = seq, kinds, freq
        if best is None:
            return None
        seq, kinds, freq = best
        end = i + len(seq)
        if len(kinds) == 1:
            return [_El(kinds[0], i, end, freq=freq)], end
        return [_El(kinds[0], i, end - 1), _El(kinds[1], end - 1, end)], end

    def duration(self, i: int) -> tuple[list[_El], int] | None:
        n = self.num(i)
        if n is None or self.toks[i].ndig > 3:
            return None
        if self.key(i + 1, "ngay") and self.num(i + 2) is None:
            end = i + 3 if self.key(i + 2, "dem") else i + 2
            return [_El(_K.DUR, i, end, n=n)], end
        if self.key(i + 1, "days", "day") and self.num(i + 2) is None:
            return [_El(_K.DUR, i, i + 2, n=n)], i + 2
        return None

    # atoms
    def atom(self, i: int) -> tuple[list[_El], int] | None:
        half = self.months_of_year(i)
        if half is not None:
            return [half[0]], half[1]
        part, end_of, j = self.part(i)
        found = self.weekday(i) if part is None else None
        if found is None:
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

    def months_of_year(self, i: int) -> tuple[_El, int] | None:
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
        atom = self.month_atom(months, year, None)
        atom.ranged = True
        return _El(_K.ATOM, i, k, atom), k

    def part(self, i: int) -> tuple[_Part | None, bool, int]:
        """A month-part prefix at i: (part, English "end of", index after it)."""
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

    def month_list(self, j: int) -> tuple[list[int], int]:
        """Months 1..12 joined by ",", "và", "-" ("tháng 10, 11", "tháng 10 - 12")."""
        first = self.num(j)
        if first is None:
            return [], j
        if self.small(j, 12) is None:
            raise _Fail(f"{first} is not a month")
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

    def trailing_year(self, j: int, words: tuple[str, ...] = ("nam",)) -> tuple[int | None, int]:
        """An optional "/2024", "năm 2024" (or given words) after a time."""
        if self.sym(j, "/") and self.num(j + 1) is not None:
            return self.written_year(j + 1), j + 2
        if self.key(j, *words) and self.year(j + 1) is not None:
            return self.year(j + 1), j + 2
        return None, j

    def month_atom(self, months: list[int], year: int | None, part: _Part | None) -> _Atom:
        span = sum(1 for a, b in zip(months, months[1:], strict=False) if b < a)
        m1, m2 = months[0], months[-1]
        if part in _PARTS:
            d1, d2 = _PARTS[part]
            return _Atom(Precision.MONTH_PART, m1, m2, d1, d2, year, span,
                         explicit=year is not None, ranged=len(months) > 1)
        return _Atom(Precision.MONTH, m1, m2, 1, None, year, span, through=part == "through",
                     explicit=year is not None, ranged=len(months) > 1)

    def month_vi(self, j: int, part: _Part | None) -> tuple[_El, int] | None:
        if not self.key(j, "thang"):
            return None
        months, k = self.month_list(j + 1)
        if not months:
            return None
        year, k = self.trailing_year(k)
        return _El(_K.ATOM, j, k, self.month_atom(months, year, part)), k

    def month_en(self, j: int, part: _Part | None) -> tuple[_El, int] | None:
        m = self.prefixed(j, "m")
        if m is None:
            return None
        if self.small(j + 1, 31) is not None and self.year(j + 1) is None:
            raise _Fail("month-first dates are not read: write the day first (15 December 2022)")
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
        return _El(_K.ATOM, j, k, self.month_atom(months, year, part)), k

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

    def year_atom(self, found: list[int], part: _Part | None) -> _Atom:
        lo, hi = min(found), max(found)
        if part in _YEAR_PARTS:
            m1, m2 = _YEAR_PARTS[part]
            return _Atom(Precision.QUARTER, m1, m2, 1, None, hi, hi - lo, explicit=True,
                         ranged=len(found) > 1)
        return _Atom(Precision.YEAR, 1, 12, 1, None, hi, hi - lo, through=part == "through",
                     explicit=True, ranged=len(found) > 1)

    def year_vi(self, j: int, part: _Part | None) -> tuple[_El, int] | None:
        if not self.key(j, "nam"):
            return None
        got = self.years(j + 1)
        if got is None and part is not None and self.num(j + 1) is None:  # "cuối năm"
            atom = self.year_atom([0], part)
            atom.year, atom.explicit = None, False
            return _El(_K.ATOM, j, j + 1, atom), j + 1
        if got is None:
            return None
        return _El(_K.ATOM, j, got[1], self.year_atom(got[0], part)), got[1]

    def bare_year(self, j: int, part: _Part | None) -> tuple[_El, int] | None:
        if self.key(j, "year"):
            j += 1
        got = self.years(j)
        if got is None:
            return None
        return _El(_K.ATOM, j, got[1], self.year_atom(got[0], part)), got[1]

    def quarter_number(self, k: int) -> int | None:
        r = self.prefixed(k, "r")
        if r is not None:
            return r
        n = self.num(k)
        if n is None:
            return None
        if self.toks[k].ndig > 1 or not 1 <= n <= 4:
            raise _Fail(f"quarter {n} does not exist (quarters are I to IV)")
        return n

    def quarter(self, j: int) -> tuple[_El, int] | None:
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
            return _El(_K.ATOM, start, k, self.quarter_atom([first], year)), k
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
        return _El(_K.ATOM, start, k, self.quarter_atom(found, year)), k

    def quarter_atom(self, found: list[int], year: int | None) -> _Atom:
        span = sum(1 for a, b in zip(found, found[1:], strict=False) if b < a)
        return _Atom(Precision.QUARTER, 3 * found[0] - 2, 3 * found[-1], 1, None, year, span,
                     explicit=year is not None, ranged=len(found) > 1)

    def weekday(self, i: int) -> tuple[_El, int] | None:
        w = self.prefixed(i, "w")
        if w is not None:
            return _El(_K.WDAY, i, i + 1, n=w), i + 1
        if self.key(i, "chu") and self.key(i + 1, "nhat_"):
            return _El(_K.WDAY, i, i + 2, n=6), i + 2
        if self.key(i, "thu"):
            for word, w in (("hai", 0), ("ba", 1), ("tu_", 2), ("nam", 3), ("sau_", 4),
                            ("bay", 5)):
                if self.key(i + 1, word):
                    return _El(_K.WDAY, i, i + 2, n=w), i + 2
            n = self.small(i + 1, 7)
            if n is not None and n >= 2:
                return _El(_K.WDAY, i, i + 2, n=n - 2), i + 2
        return None

    def day_atom(self, d1: int, d2: int, month: int, year: int | None, part: _Part | None
                 ) -> _Atom:
        if not 1 <= month <= 12:
            raise _Fail(f"{month} is not a month")
        atom = _Atom(Precision.DAY, month, month, d1, d2, year, through=part == "through",
                      explicit=year is not None, ranged=d1 != d2)
        if d2 < d1:
            raise _Fail(f"days {d1}-{d2} run backwards")
        if year is not None:
            atom.lo(), atom.hi()  # validates
        elif d2 > monthrange(2000, month)[1]:
            raise _Fail(f"{d2:02d}/{month:02d} is not a valid date")
        return atom

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
            if self.key(k, "nam") and self.year(k + 1) is not None:
                return d, m, self.year(k + 1), k + 2
            return d, m, None, k
        if (self.sym(j + 1, ".") and self.glued(j) and self.glued(j + 1) and self.glued(j + 2)
                and self.sym(j + 3, ".") and self.glued(j + 3) and self.small(j + 2, 99)):
            y = self.year(j + 4)
            if y is not None:
                return d, self.num(j + 2) or 0, y, j + 5
        if self.key(j + 1, "thang") and self.small(j + 2, 99) is not None:
            m = self.num(j + 2) or 0
            y, k = self.trailing_year(j + 3)
            return d, m, y, k
        return None

    def day(self, j: int, part: _Part | None) -> tuple[_El, int] | None:
        start, ngay = j, self.key(j, "ngay")
        if ngay:
            j += 1
        elif self.key(j, "day") and self.small(j + 1, 31) is not None:
            return _El(_K.MDAY, j, j + 2, n=self.small(j + 1, 31) or 0), j + 2
        d = self.num(j)
        if d is None:
            return None
        if self.toks[j].ndig == 4:
            return self.iso(j)
        if self.toks[j].ndig > 2:
            return None
        dmy = self.day_month_year(j)
        if dmy is not None:
            d, m, y, k = dmy
            return _El(_K.ATOM, start, k, self.day_atom(d, d, m, y, part)), k
        if self.sym(j + 1, "/") and self.num(j + 2) is not None and self.toks[j + 2].ndig == 4:
            if self.small(j, 12) is None:  # "5/2024": a month
                raise _Fail(f"{d} is not a month")
            y = self.written_year(j + 2)
            return _El(_K.ATOM, start, j + 3, self.month_atom([d], y, part)), j + 3
        found = self.day_list(start, j, d, part, ngay)
        if found is None and self.english:
            found = self.day_en(start, j, d, part)
        if found is not None:
            return found
        if self.small(j, 31) is not None and (
                ngay or (self.key(j + 1, "den", "toi", "to", "until", "till", "through")
                         and (self.key(j + 2, "ngay") or self.num(j + 2) is not None))):
            return _El(_K.MDAY, start, j + 1, n=d), j + 1
        if ngay:
            raise _Fail(f"{d} is not a day of a month")
        return None

    def day_list(self, start: int, j: int, d: int, part: _Part | None, ngay: bool
                 ) -> tuple[_El, int] | None:
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
                raise _Fail(f"days {days[0]}-{days[1]} run backwards")
            return None
        if not (ngay or dash or len(days) > 2 or self.english):
            return None  # "nhóm 3, 15/12/2022": a number, then a date
        return _El(_K.ATOM, start, nxt, self.day_atom(days[0], days[-1], month, year, part)), nxt

    def day_en_month(self, k: int) -> tuple[int, int | None, int] | None:
        """The month and year after day k in English ("20 Dec 2022"): (month, year, next)."""
        if not self.english:
            return None
        found = self.day_en(k, k, self.num(k) or 0, None)
        atom = found[0].atom if found is not None else None
        if found is None or atom is None:
            return None
        return atom.m1, atom.year, found[1]

    def day_en(self, start: int, j: int, d: int, part: _Part | None
               ) -> tuple[_El, int] | None:
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
            if y is None and self.year(at) is not None:
                y, nxt = self.year(at), at + 1
            return _El(_K.ATOM, start, nxt, self.day_atom(d, d, m, y, part)), nxt
        if k > j + 1 and self.small(j, 31) is not None:
            return _El(_K.MDAY, start, j + 2, n=d), j + 2
        return None

    def iso(self, j: int) -> tuple[_El, int] | None:
        """ISO 2024-05-07 (digits and dashes with no spaces)."""
        if (self.sym(j + 1, "-") and self.sym(j + 3, "-")
                and all(self.glued(j + k) for k in range(4)) and self.num(j + 2) is not None
                and self.num(j + 4) is not None):
            y = self.written_year(j)
            atom = self.day_atom(self.num(j + 4) or 0, self.num(j + 4) or 0, self.num(j + 2) or 0,
                                 y, None)
            return _El(_K.ATOM, j, j + 5, atom), j + 5
        return None


# --- from elements to windows ----------------------------------------------------------------

@dataclass(slots=True)
class _Bound:
    day: date
    prec: Precision | None  # None: the context gave it
    src: Closure


@dataclass(slots=True)
class _Range:
    s_conn: _K | None = None
    s_op: _El | None = None
    e_conn: _K | None = None
    e_op: _El | None = None
    dur: int | None = None  # "05 ngày, từ … đến …"
    listed: bool = True  # joined to the range before by ",", "và", "and"

    @property
    def atoms(self) -> list[_Atom]:
        return [op.atom for op in (self.s_op, self.e_op) if op is not None and op.atom is not None]


@dataclass(slots=True)
class _Segment:
    items: list[_El] = field(default_factory=list)
    recur: list[_El] = field(default_factory=list)
    weekdays: list[int] = field(default_factory=list)
    ranges: list[_Range] = field(default_factory=list)


@dataclass(slots=True)
class _Read:
    start: _Bound
    end: _Bound
    precs: list[Precision]  # the precisions of the text's bounds that made the window

    @property
    def precision(self) -> Precision:
        return max(self.precs, key=lambda p: p.rank) if self.precs else Precision.DAY


def _keep(els: list[_El], toks: list[_Tok]) -> list[_El]:
    """Drop connectors not directly before a time, and dashes not between two times."""
    out: list[_El] = []
    for n, el in enumerate(els):
        nxt = els[n + 1] if n + 1 < len(els) else None
        if el.kind in _WORD_CONN:
            if nxt is None or nxt.kind not in _OPERANDS:
                continue
            if not all(_FILLER & t.keys for t in toks[el.i1:nxt.i0]):
                continue
        elif el.kind == _K.DASH:
            prev = els[n - 1] if n else None
            if (prev is None or nxt is None or prev.kind not in _OPERANDS
                    or nxt.kind not in _OPERANDS or prev.i1 != el.i0 or nxt.i0 != el.i1):
                continue
        elif el.kind == _K.PEAK and el.freq == _WEAK:
            if nxt is None or nxt.kind not in _OPERANDS | _WORD_CONN or not _close_by(
                    toks, el.i1, nxt.i0):
                continue
        elif el.kind == _K.DUR:
            after = next((e for e in els[n + 1:] if e.kind != _K.LIST), None)
            before = next((e for e in reversed(els[:n]) if e.kind != _K.LIST), None)
            if not ((after is not None and after.kind in _OPERANDS | _WORD_CONN
                     and _close_by(toks, el.i1, after.i0, True))
                    or (before is not None and before.kind in _OPERANDS
                        and _close_by(toks, before.i1, el.i0, True))):
                continue  # "chiến thắng 12 ngày đêm": a name, not this window's length
        out.append(el)
    return out


def _close_by(toks: list[_Tok], a: int, b: int, symbols: bool = False) -> bool:
    """Only filler words (and, if ``symbols``, punctuation) between tokens a and b."""
    return all(_FILLER & t.keys or (symbols and t.sym) for t in toks[a:b])


def _segments(els: list[_El]) -> tuple[_Segment, _Segment | None]:
    """The main segment and the peak's (after "cao điểm"), if it has a time."""
    main, peak = _Segment(), None
    current = main
    for el in els:
        if el.kind == _K.PEAK:
            if peak is None:
                peak = current = _Segment()
            else:  # a second marker: more of the same peak
                current.items.append(_El(_K.LIST, el.i0, el.i1))
        elif el.kind == _K.RECUR:
            current.recur.append(el)
        elif el.kind == _K.WDAY:
            current.weekdays.append(el.n)  # read in weekly phrases; elsewhere just words
        else:
            current.items.append(el)
    if peak is not None and not any(e.kind in _OPERANDS for e in peak.items):
        peak = None  # "nhất là …" with no time after it: just words
    for seg in (main, peak):
        if seg is not None:
            seg.items = _drop_stray_anniversary(seg.items)
    return main, peak


def _drop_stray_anniversary(items: list[_El]) -> list[_El]:
    """"dịp kỷ niệm … (10/10/1954-10/10/2024)": beside explicit dates the mention is words."""
    if not any(e.kind == _K.ATOM for e in items):
        return items
    out: list[_El] = []
    for n, el in enumerate(items):
        prev = items[n - 1].kind if n else None
        nxt = items[n + 1].kind if n + 1 < len(items) else None
        if el.kind == _K.ANNIV and prev not in _START_CONN | _END_CONN and nxt not in _END_CONN:
            continue
        out.append(el)
    return out


def _ranges(items: list[_El]) -> list[_Range]:
    """``[from] A [to B]`` ranges, with their durations and whether a list word joins them."""
    ranges: list[_Range] = []
    listed, pending = True, None
    i, n = 0, len(items)
    while i < n:
        el = items[i]
        if el.kind == _K.LIST:
            listed, i = True, i + 1
            continue
        if el.kind == _K.DUR:
            if ranges and not listed and ranges[-1].dur is None:
                ranges[-1].dur = el.n  # "từ … đến … (05 ngày)"
            elif pending is None:
                pending = el.n
            else:
                raise _Fail("it gives two durations")
            i += 1
            continue
        r = _Range(dur=pending, listed=listed)
        pending, listed = None, False
        if el.kind in _START_CONN and i + 1 < n and items[i + 1].kind in _OPERANDS:
            r.s_conn, r.s_op, i = el.kind, items[i + 1], i + 2
        elif el.kind in _OPERANDS:
            r.s_op, i = el, i + 1
        if i + 1 < n and items[i].kind in _END_CONN and items[i + 1].kind in _OPERANDS:
            r.e_conn, r.e_op, i = items[i].kind, items[i + 1], i + 2
        if r.s_op is None and r.e_op is None:
            raise _Fail("a connecting word has no time after it")
        ranges.append(r)
    if pending is not None:
        if not ranges or ranges[-1].dur is not None:
            raise _Fail(f"it gives a duration ({pending} days) but no dates")
        ranges[-1].dur = pending
    return ranges


def _drop_history(ranges: list[_Range], ctx: PhraseContext) -> list[_Range]:
    """Leave out times more than 5 years before the plan's year ("Chiến dịch … tháng 12 năm
    1972") when the phrase has others; then ranges must be joined by a list word."""
    year = ctx.default_year
    if year is not None and 1005 < year <= 2999 and len(ranges) > 1:
        limit = date(year - 5, 1, 1)

        def old(r: _Range) -> bool:
            ops = [op for op in (r.s_op, r.e_op) if op is not None]
            return all(op.atom is not None and op.atom.explicit and op.atom.hi() < limit
                       for op in ops)

        ranges = [r for r in ranges if not old(r)] or ranges
    if any(not r.listed for r in ranges[1:]):
        raise _Fail("it gives several times without saying how they relate")
    return ranges


def _anniversary_pairs(ranges: list[_Range]) -> None:
    """"(18/12/1972 - 18/12/2022)" is the commemoration, read as its second date."""
    for r in ranges:
        s = r.s_op.atom if r.s_op is not None else None
        e = r.e_op.atom if r.e_op is not None else None
        if (s is not None and e is not None and r.s_conn in (None, _K.FROM)
                and r.e_conn in (_K.TO, _K.DASH) and s.prec == e.prec == Precision.DAY
                and s.explicit and e.explicit and s.year is not None and e.year is not None
                and s.d1 == s.d2 and e.d1 == e.d2 and (s.m1, s.d1) == (e.m1, e.d1)
                and e.year - s.year >= 2):
            r.s_conn, r.s_op, r.e_conn, r.e_op = None, r.e_op, None, None


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _resolve_years(atoms: list[_Atom], ctx: PhraseContext) -> None:
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
            y = before[-1].year or 0
            atom.year = y + 1 if _safe_lo(atom, y) < before[-1].lo() else y
        else:
            atom.year = _context_year(atom, ctx)


def _safe_lo(atom: _Atom, year: int) -> date:
    """The atom's first day in ``year``, 29/2 read as 28/2 (only for comparisons)."""
    return _day(year - atom.span, atom.m1, min(atom.d1, 28 if atom.m1 == 2 else 31))


def _context_year(atom: _Atom, ctx: PhraseContext) -> int:
    """ctx's year, or the one before when that is nearer the anniversary (see the docstring)."""
    y = ctx.default_year
    if y is None:
        raise _Fail("no year is given and the plan gives none")
    anniv = ctx.anniversary
    if (anniv is not None and y == anniv.year and 1001 + atom.span <= y <= 2999
            and _safe_lo(atom, y) > _add_months(anniv, 6)
            and _add_months(anniv, -12) <= _safe_lo(atom, y - 1) <= anniv):
        return y - 1
    return y


def _context_day(op: _El, ctx: PhraseContext) -> tuple[date, Closure]:
    """The day "từ nay" (issue date) or "dịp kỷ niệm" (anniversary) stands for."""
    if op.kind == _K.NOW:
        if ctx.issued is None:
            raise _Fail("it counts from the plan's issue date ('từ nay', 'from now'), "
                        "which is not given")
        return ctx.issued, Closure.ISSUED
    if ctx.anniversary is None:
        raise _Fail("it refers to the anniversary, but the plan's anniversary day is not given")
    return ctx.anniversary, Closure.ANNIVERSARY


def _month_day(n: int, ref: date, forward: bool) -> date:
    """Day ``n`` of ``ref``'s month, else of the month before (after, if ``forward``)."""
    step = 1 if forward else -1
    for months in (0, step):
        first = _add_months(ref.replace(day=1), months)
        if n <= monthrange(first.year, first.month)[1]:
            day = first.replace(day=n)
            if (day >= ref) if forward else (day <= ref):
                return day
    raise _Fail(f"day {n} does not fit next to {_fmt(ref)}")


def _start_bound(conn: _K | None, op: _El, ctx: PhraseContext, partner: _Bound | None
                 ) -> _Bound:
    if op.kind == _K.MDAY:
        if partner is None:
            raise _Fail(f"day {op.n} is given without a month")
        return _Bound(_month_day(op.n, partner.day, False), Precision.DAY, Closure.TEXT)
    if op.atom is not None:
        a = op.atom
        if conn == _K.AFTER:
            return _Bound(a.hi() + timedelta(days=1), a.prec, Closure.TEXT)
        return _Bound(a.lo(), a.prec, Closure.TEXT)
    day, src = _context_day(op, ctx)
    return _Bound(day + timedelta(days=1) if conn == _K.AFTER else day, None, src)


def _end_bound(conn: _K | None, op: _El, ctx: PhraseContext, partner: _Bound | None
               ) -> tuple[_Bound, date]:
    """The end bound, and the first day of the time it comes from (for an assumed start)."""
    before = timedelta(days=1 if conn == _K.BEFORE else 0)
    if op.kind == _K.MDAY:
        if partner is None:
            raise _Fail(f"day {op.n} is given without a month")
        day = _month_day(op.n, partner.day, True)
        return _Bound(day - before, Precision.DAY, Closure.TEXT), day - before
    if op.atom is not None:
        a = op.atom
        if conn == _K.BEFORE:
            return _Bound(a.lo() - before, a.prec, Closure.TEXT), a.lo() - before
        if a.end_of and conn is not None:  # "until the end of May" = "đến hết tháng 5"
            year_part = a.prec == Precision.QUARTER
            prec = Precision.YEAR if year_part else Precision.MONTH
            base = a.hi().replace(month=1, day=1) if year_part else a.hi().replace(day=1)
            return _Bound(a.hi(), prec, Closure.TEXT), base
        return _Bound(a.hi(), a.prec, Closure.TEXT), a.lo()
    day, src = _context_day(op, ctx)
    return _Bound(day - before, None, src), day - before


def _bounds(r: _Range, ctx: PhraseContext) -> tuple[_Bound | None, _Bound | None, date | None]:
    """A range's bounds as the text gives them (None: open), and the end's own first day."""
    s_op, e_op = r.s_op, r.e_op
    if r.s_conn == _K.AROUND and s_op is not None and s_op.atom is not None and e_op is None:
        lo, hi = s_op.atom.lo(), s_op.atom.hi()  # "trước, trong và sau": the month around it
        month_end = hi.replace(day=monthrange(hi.year, hi.month)[1])
        return (_Bound(lo.replace(day=1), Precision.MONTH, Closure.ASSUMED),
                _Bound(month_end, Precision.MONTH, Closure.ASSUMED), lo)
    if r.s_conn == _K.AROUND:
        raise _Fail("'trước, trong và sau' (before, during and after) needs one date")
    ranged = s_op is not None and s_op.atom is not None and s_op.atom.ranged
    if e_op is None and s_op is not None and (r.s_conn is None or (r.s_conn == _K.FROM
                                                                    and ranged)):
        if s_op.kind == _K.MDAY:
            raise _Fail(f"day {s_op.n} is given without a month")
        if s_op.atom is not None:
            a = s_op.atom
            last = _Bound(a.hi(), a.prec, Closure.TEXT)
            return (None if a.through else _Bound(a.lo(), a.prec, Closure.TEXT)), last, a.lo()
        day, src = _context_day(s_op, ctx)
        return _Bound(day, None, src), _Bound(day, None, src), day
    start: _Bound | None = None
    end: _Bound | None = None
    base: date | None = None
    if s_op is not None and s_op.kind == _K.MDAY and e_op is not None:
        end, base = _end_bound(r.e_conn, e_op, ctx, None)
        start = _start_bound(r.s_conn, s_op, ctx, end)
    else:
        if s_op is not None:
            start = _start_bound(r.s_conn, s_op, ctx, None)
        if e_op is not None:
            end, base = _end_bound(r.e_conn, e_op, ctx, start)
    return start, end, base


def _close(r: _Range, ctx: PhraseContext, dur: int | None, recurring: bool
           ) -> tuple[_Bound, _Bound]:
    """Close open bounds: by the duration, else the context (docstring: "Open ends")."""
    start, end, base = _bounds(r, ctx)
    if dur is not None and dur >= 1 and start is not None and end is None:
        end = _Bound(start.day + timedelta(days=dur - 1), start.prec, Closure.TEXT)
    if dur is not None and dur >= 1 and end is not None and start is None:
        start = _Bound(end.day - timedelta(days=dur - 1), end.prec, Closure.TEXT)
    if start is None:
        assert end is not None
        if ctx.issued is not None and ctx.issued <= end.day:
            start = _Bound(ctx.issued, None, Closure.ISSUED)
        elif recurring:
            year = ctx.default_year or end.day.year
            start = _Bound(min(_day(year, 1, 1), end.day), None, Closure.ASSUMED)
        else:
            first = min(base or end.day, end.day)
            start = _Bound(first.replace(day=1), None, Closure.ASSUMED)
    if end is None:
        if recurring:
            end = _recurring_end(ctx, start.day)
        elif ctx.anniversary is not None and ctx.anniversary >= start.day:
            end = _Bound(ctx.anniversary, None, Closure.ANNIVERSARY)
        elif ctx.campaign_end is not None and ctx.campaign_end >= start.day:
            end = _Bound(ctx.campaign_end, None, Closure.CAMPAIGN_END)
        else:
            end = _Bound(_day(start.day.year, 12, 31), None, Closure.ASSUMED)
    if end.day < start.day:
        raise _Fail(f"it ends ({_fmt(end.day)}) before it starts ({_fmt(start.day)})")
    return start, end


def _recurring_end(ctx: PhraseContext, start: date) -> _Bound:
    if ctx.campaign_end is not None:
        return _Bound(ctx.campaign_end, None, Closure.CAMPAIGN_END)
    year = ctx.anniversary.year if ctx.anniversary is not None else ctx.default_year
    return _Bound(_day(year or start.year, 12, 31), None, Closure.ASSUMED)


def _fmt(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _read_ranges(seg: _Segment, ctx: PhraseContext, recurring: bool = False) -> _Read | None:
    """One window over the segment's ranges (their hull), or None when it has none."""
    if not seg.ranges:
        return None
    closed = [_close(r, ctx, r.dur, recurring) for r in seg.ranges]
    for r, (s, e) in zip(seg.ranges, closed, strict=True):
        if r.dur is not None and not recurring:
            _check_duration(r.dur, s, e)
    start = min((s for s, _ in closed), key=lambda b: b.day)
    end = max((e for _, e in closed), key=lambda b: b.day)
    precs = [b.prec for pair in closed for b in pair if b.prec is not None]
    return _Read(start, end, precs)


def _check_duration(n: int, start: _Bound, end: _Bound) -> None:
    length = (end.day - start.day).days + 1
    if n < 1:
        raise _Fail("it gives a duration of no days")
    if start.prec == end.prec == Precision.DAY and n != length:
        raise _Fail(f"it says {n} days but {_fmt(start.day)} to {_fmt(end.day)} "
                    f"is {length} days")
    if n > length:
        raise _Fail(f"{n} days do not fit between {_fmt(start.day)} and {_fmt(end.day)}")


def _window(phrase: str, read: _Read, peak: Window | None = None, rrule: str | None = None
            ) -> Window:
    return Window(phrase=phrase, start=read.start.day, end=read.end.day,
                  precision=Precision.DAY if rrule else read.precision,
                  start_from=read.start.src, end_from=read.end.src, rrule=rrule, peak=peak)


# --- recurring -------------------------------------------------------------------------------

def _recurring(phrase: str, seg: _Segment, ctx: PhraseContext) -> Window:
    """"định kỳ hàng tháng (trước ngày 20)" and the like: a window with an RRULE."""
    freqs = {e.freq for e in seg.recur if e.freq}
    if not freqs:
        raise _Fail("it says periodic (định kỳ) but not how often")
    if len(freqs) > 1:
        raise _Fail(f"it gives more than one frequency ({', '.join(sorted(freqs))})")
    freq = freqs.pop()
    monthday: int | None = None
    yearly: _Atom | None = None
    items: list[_El] = []
    for el in seg.items:
        if el.kind == _K.MDAY and monthday is None:
            prev = items[-1].kind if items else None
            if prev in (_K.BEFORE, _K.BY, _K.TO):
                items.pop()
            monthday = (el.n - 1 or -1) if prev == _K.BEFORE else el.n
        elif (freq == "YEARLY" and yearly is None and el.atom is not None
              and not el.atom.explicit and el.atom.prec == Precision.DAY):
            yearly = el.atom
        else:
            items.append(el)
    while items and items[-1].kind in _WORD_CONN | {_K.LIST}:
        items.pop()
    seg.ranges = _drop_history(_ranges(items), ctx)
    _resolve_years([a for r in seg.ranges for a in r.atoms], ctx)
    read = _read_ranges(seg, ctx, recurring=True)
    if read is not None and monthday is None and not seg.weekdays and _one_period(freq, read):
        return _window(phrase, _read_ranges(seg, ctx) or read)  # "the monthly meeting in May"
    if read is None:
        year = ctx.default_year
        if year is None:
            raise _Fail("a recurring item needs a year, and the plan gives none")
        start = (_Bound(ctx.issued, None, Closure.ISSUED) if ctx.issued is not None
                 else _Bound(_day(year, 1, 1), None, Closure.ASSUMED))
        read = _Read(start, _recurring_end(ctx, start.day), [])
    until = read.end.day
    rule = f"{_rule(freq, monthday, seg.weekdays, yearly, read.start.day)};UNTIL={until:%Y%m%d}"
    first = _first_occurrence(rule, read.start.day)
    if first is None or first > until:
        raise _Fail(f"it does not fall between {_fmt(read.start.day)} and {_fmt(until)}")
    read.start = replace(read.start, day=first)
    return _window(phrase, read, rrule=rule)


def _one_period(freq: str, read: _Read) -> bool:
    """The window holds a single period of the frequency: one item, not a recurrence."""
    a, b = read.start.day, read.end.day
    if freq == "MONTHLY":
        return (a.year, a.month) == (b.year, b.month)
    if freq == "QUARTERLY":
        return (a.year, (a.month - 1) // 3) == (b.year, (b.month - 1) // 3)
    if freq == "WEEKLY":
        return (b - a).days < 7
    return freq == "DAILY" and a == b


def _rule(freq: str, monthday: int | None, weekdays: list[int], yearly: _Atom | None,
          start: date) -> str:
    """The RRULE (RFC 5545 §3.3.10) without UNTIL."""
    if freq == "MONTHLY":
        return f"FREQ=MONTHLY;BYMONTHDAY={monthday or -1}"
    if freq == "QUARTERLY":
        return f"FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY={monthday or -1}"
    if freq == "WEEKLY":
        days = sorted(set(weekdays)) or [start.weekday()]
        return "FREQ=WEEKLY;BYDAY=" + ",".join(_RRULE_DAYS[d] for d in days)
    if freq == "DAILY":
        return "FREQ=DAILY"
    if yearly is None:
        raise _Fail("it says yearly but not on which day (write e.g. 'ngày 18/12 hằng năm')")
    return f"FREQ=YEARLY;BYMONTH={yearly.m1};BYMONTHDAY={yearly.d1}"


def _first_occurrence(rule: str, start: date) -> date | None:
    """The rule's first day on or after ``start``, checked to be its own first occurrence."""
    from dateutil.rrule import rrulestr

    first = next(iter(rrulestr(rule, dtstart=datetime(start.year, start.month, start.day))),
                 None)
    if first is None:
        return None
    again = next(iter(rrulestr(rule, dtstart=first)), None)
    if again != first:  # pragma: no cover - dateutil disagreeing with itself
        raise _Fail("the recurrence rule does not start where expected")
    day: date = first.date()
    return day


# --- the reader ------------------------------------------------------------------------------

def read_phrase(text: str, ctx: PhraseContext = PhraseContext()) -> Window:  # noqa: B008
    """Read a plan's time phrase (Vietnamese or English) into a :class:`Window`.

    ``ctx`` gives what the plan says besides the phrase (anniversary day, issue date, campaign
    end, default year). Raises :class:`PhraseError`, and nothing else, for any input it cannot
    read; the rules are in this module's docstring.
    """
    if not isinstance(text, str):
        raise PhraseError(repr(text), "the phrase is not text")
    try:
        return _read(text, ctx)
    except _Fail as exc:
        raise PhraseError(text, exc.reason) from None
    except (ValueError, OverflowError, ArithmeticError, LookupError, TypeError,
            AssertionError, AttributeError) as exc:  # pragma: no cover - a bug, reported
        raise PhraseError(text, f"internal error while reading it ({type(exc).__name__}: "
                                f"{exc})") from exc


def _read(text: str, ctx: PhraseContext) -> Window:
    if len(text) > MAX_LENGTH:
        raise _Fail(f"it is longer than {MAX_LENGTH} characters, not a time phrase")
    toks, english = _tokens(_normalise(text))
    if _LUNAR_RE.search(" ".join(_fold(t.text) for t in toks)):
        raise _Fail("lunar-calendar dates (âm lịch) are not read here; give the solar date")
    scanned = _Scanner(toks, english).run()
    main, peak_seg = _segments(_keep(scanned, toks))
    if main.recur:
        return _recurring(text, main, ctx)
    if not any(e.kind in _OPERANDS for e in main.items) and peak_seg is None:
        if _UNDATED_RE.search(" ".join(_fold(t.text) for t in toks)):
            return Window(phrase=text, start=None, end=None, precision=Precision.UNDATED,
                          start_from=Closure.TEXT, end_from=Closure.TEXT)
        if any(e.kind == _K.DUR for e in scanned):
            raise _Fail("it gives a duration but no dates")
        raise _Fail("no time expression was found in it")
    segments = [main] if peak_seg is None else [main, peak_seg]
    for seg in segments:
        seg.ranges = _ranges(seg.items)
        _anniversary_pairs(seg.ranges)
        seg.ranges = _drop_history(seg.ranges, ctx)
    _resolve_years([a for seg in segments for r in seg.ranges for a in r.atoms], ctx)
    main_read = _read_ranges(main, ctx)
    if peak_seg is None:
        assert main_read is not None
        return _window(text, main_read)
    peak_read = _read_ranges(peak_seg, ctx)
    assert peak_read is not None
    peak = _window(text, peak_read)
    if main_read is None:  # only a peak: the window is the peak
        return replace(peak, peak=peak)
    if peak_read.start.day < main_read.start.day:
        raise _Fail(f"the peak starts ({_fmt(peak_read.start.day)}) before the activity "
                    f"({_fmt(main_read.start.day)})")
    if peak_read.end.day > main_read.end.day:  # the activity runs on through its peak
        main_read.end = peak_read.end
        if peak_read.end.prec is not None:
            main_read.precs.append(peak_read.end.prec)
    return _window(text, main_read, peak=peak)

