"""Normalising a phrase and cutting it into tokens, with the Vietnamese and English vocabulary.

The reading rules (package docstring, "Reading") that act on single words live here: exact or
diacritic-free Vietnamese spellings, English words only in phrases that are not Vietnamese,
"may" as a month only beside a day, year or preposition, words glued by "/" as codes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .elements import check_year, year_error
from .errors import Unreadable

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
    "tien": ("tiên",), "cung": ("cùng",), "cua": ("của",), "trong_": ("trọng",), "tam": ("tâm",),
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
    "latest", "between", "last", "focus", "focusing", "focused"})
_EN_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_EN_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
                "saturday": 5, "sunday": 6}
#: Ordinals past "fourth" are read only to refuse them ("fifth quarter").
_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
#: Words of Roman-numeral letters ("v", "x", "iiii"): after "quý" a quarter that does not exist.
ROMAN_RE = re.compile(r"[ivxlcdm]+")
#: Words after which English "may" is the month ("in May", "from May").
_MAY_BEFORE = frozenset({"in", "of", "early", "mid", "late", "from", "to", "until", "till",
                         "through", "thru", "by", "before", "after", "during", "and", "since",
                         ",", "-"})


@lru_cache(maxsize=1 << 14)
def fold(word: str) -> str:
    """Vietnamese without diacritics: "tháng" -> "thang", "đến" -> "den". Cached: a national
    set of plans folds the same few hundred words 150,000 times."""
    plain = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if not unicodedata.combining(c))


def _build_vi() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for key, spellings in _VI_WORDS.items():
        for spelling in spellings:
            nfc = unicodedata.normalize("NFC", spelling)
            for form in (nfc, fold(nfc)):
                table.setdefault(form, set()).add(key)
    return {form: frozenset(keys) for form, keys in table.items()}


_VI = _build_vi()


# --- tokens ----------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"([0-9]+)|([^\W\d_]+)|([\-\u2010-\u2015\u2212])|([/,.;:&+])")
_STRIP_RE = re.compile(r"[*_()\[\]{}\"'“”‘’«»„`]+")
_SPACE_RE = re.compile(r"\s+")
#: Matched against the phrase's tokens folded (no diacritics) and joined by spaces.
UNDATED_RE = re.compile(
    r"\b(?:theo (?:su |)(?:chi dao|huong dan|thong bao|quy dinh|ke hoach cua cap tren)"
    r"|chua (?:xac dinh|co thoi gian|co lich)|(?:se )?thong bao sau"
    r"|as (?:directed|instructed|guided|announced|notified|decided|regulated|prescribed)"
    r"|tbd|tba|to be (?:determined|decided|announced|confirmed|fixed|agreed|scheduled)"
    r"|date to follow|not yet (?:dated|scheduled|fixed))\b")
#: "Tết âm lịch" is a named day (.named), read; any other lunar date is refused
LUNAR_RE = re.compile(r"\b(?:(?<!tet )am lich|al|lunar)\b")


@dataclass(frozen=True, slots=True)
class Token:
    """A number, a word (with its vocabulary ``keys``) or a symbol, at ``start:end``."""

    text: str
    keys: frozenset[str]
    num: int | None  # digits
    ndig: int
    sym: str  # "", "/", "-", ",", ".", ";", ":", "&", "+"
    start: int
    end: int


def normalise(text: str) -> str:
    """NFC, lower case, ``*``, ``_``, brackets and quotes dropped, spaces collapsed."""
    text = unicodedata.normalize("NFC", text).lower().replace("ð", "đ")
    text = _SPACE_RE.sub(" ", _STRIP_RE.sub(" ", text)).strip()
    return text.rstrip(" .;:,").strip()


def tokenise(text: str) -> tuple[list[Token], bool]:
    """Tokens of normalised text, and whether English words are read (not Vietnamese)."""
    raw = [(m.group(), m.lastindex or 0, m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
    english = text.isascii() and not any(k == 2 and t in _VI_HINTS for t, k, _, _ in raw)
    toks: list[Token] = []
    for n, (tok, kind, start, end) in enumerate(raw):
        if (kind == 2 and _in_code(raw, n)) or (kind == 1 and _numbers_code(raw, n)):
            toks.append(Token(tok, frozenset(), None, 0, "", start, end))
        elif kind == 1:
            value = int(tok) if len(tok) <= 9 else 10**9
            toks.append(Token(tok, frozenset(), value, len(tok), "", start, end))
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
            if tok in ROMAN:
                keys.add(f"r{ROMAN[tok]}")
            toks.append(Token(tok, frozenset(keys), None, 0, "", start, end))
        else:
            sym = "-" if kind == 3 else tok
            toks.append(Token(tok, frozenset({sym}), None, 0, sym, start, end))
    return toks, english


def _in_code(raw: list[tuple[str, int, int, int]], n: int) -> bool:
    """Words glued by a "/" are a document code ("80-KH/TU", "b/cáo"), not words."""
    def glued(a: int, b: int) -> bool:  # tokens a, "/", b with no spaces, a and b words
        return (a >= 0 and b < len(raw) and raw[a + 1][0] == "/" and raw[a][1] == raw[b][1] == 2
                and raw[a][3] == raw[a + 1][2] and raw[a + 1][3] == raw[b][2])

    return glued(n - 2, n) or glued(n, n + 2)


def _numbers_code(raw: list[tuple[str, int, int, int]], n: int) -> bool:
    """A number glued by "/" or "-" to a word outside the vocabulary numbers a document
    ("số 3456/KH-UBND", "146-KH/TU"): it is no year, however many digits it has."""
    if n + 2 >= len(raw) or raw[n + 1][0] not in ("/", "-") or raw[n + 2][1] != 2:
        return False
    word = raw[n + 2][0]
    return (raw[n][3] == raw[n + 1][2] and raw[n + 1][3] == raw[n + 2][2]
            and word not in _VI and word not in _EN_MONTHS)


def _may_is_month(raw: list[tuple[str, int, int, int]], n: int) -> bool:
    """"May" is the month after a day number or a preposition, or before a year."""
    prev = raw[n - 1] if n else None
    nxt = raw[n + 1] if n + 1 < len(raw) else None
    if prev is not None and (prev[1] == 1 or prev[0] in _MAY_BEFORE):
        return True
    return nxt is not None and nxt[1] == 1 and len(nxt[0]) == 4


# --- reading tokens --------------------------------------------------------------------------

class TokenReader:
    """Tests on the token at an index (an index out of range passes none of them)."""

    def __init__(self, toks: list[Token], english: bool) -> None:
        self.toks = toks
        self.english = english  # English words are read (the phrase is not Vietnamese)

    def key(self, i: int, *keys: str) -> bool:
        return 0 <= i < len(self.toks) and not self.toks[i].keys.isdisjoint(keys)

    def sym(self, i: int, *syms: str) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].sym in syms

    def num(self, i: int) -> int | None:
        return self.toks[i].num if 0 <= i < len(self.toks) else None

    def small(self, i: int, top: int) -> int | None:
        """A 1–2 digit number in 1..top at i."""
        n = self.num(i)
        return n if n is not None and self.toks[i].ndig <= 2 and 1 <= n <= top else None

    def year(self, i: int) -> int | None:
        """A four-digit year at i; one outside ``YEARS`` ("9999") is an error, not a word
        skipped (skipping it would drop part of the phrase)."""
        n = self.num(i)
        return check_year(n) if n is not None and self.toks[i].ndig == 4 else None

    def written_year(self, i: int) -> int:
        """The year where the text puts one ("/2024", "năm 2024"): four digits, in range."""
        n, tok = self.num(i), self.toks[i] if 0 <= i < len(self.toks) else None
        if n is None or tok is None or tok.ndig < 4:
            raise Unreadable("phrase_short_year")
        if tok.ndig > 4:
            raise year_error(tok.text if tok.ndig <= 12 else tok.text[:12] + "…")
        return check_year(n)

    def said_year(self, i: int, strict: bool = False) -> int | None:
        """A year at i after a word that announces one ("năm", "of", a month): a number of four
        or more digits must be one; when ``strict`` (right after "năm" spelled out, "of", or
        "1 May") any number must, unless a count ("năm 5 tháng")."""
        tok = self.toks[i] if 0 <= i < len(self.toks) else None
        if tok is None or tok.num is None or self.unit_after(i + 1):
            return None
        if tok.ndig >= 4 or strict:
            return self.written_year(i)
        return None

    def spelled(self, i: int, *texts: str) -> bool:
        """Token i written exactly so ("năm"): folded forms are other words too ("Việt Nam",
        "quy định", "làm ngay"), so a rule that refuses on a keyword wants it spelled out."""
        return 0 <= i < len(self.toks) and self.toks[i].text in texts

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
        """A unit word at i ("năm", "days"): the number before it is a count, not a time."""
        return self.key(i, "nam", "thang", "ngay", "tuan", "years", "months", "days", "weeks",
                        "year", "month", "day", "week")

    def trailing_year(self, j: int, words: tuple[str, ...] = ("nam",)) -> tuple[int | None, int]:
        """An optional "/2024", "năm 2024" (or given words) after a time."""
        if self.sym(j, "/") and self.num(j + 1) is not None:
            return self.written_year(j + 1), j + 2
        if self.key(j, *words):  # "of 2024", and "năm 2024" spelled out, must have a year
            year = self.said_year(j + 1, self.key(j, "of") or (
                "nam" in words and self.spelled(j, "năm")))
            if year is not None:
                return year, j + 2
        return None, j

