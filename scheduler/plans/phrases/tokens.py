"""Normalising a phrase and cutting it into tokens, with the Vietnamese and English vocabulary.

The reading rules (package docstring, "Reading") that act on single words live here: exact or
diacritic-free Vietnamese spellings, English words only in phrases that are not Vietnamese,
"may" as a month only beside a day, year or preposition, words glued by "/" as codes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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
#: Words after which English "may" is the month ("in May", "from May").
_MAY_BEFORE = frozenset({"in", "of", "early", "mid", "late", "from", "to", "until", "till",
                         "through", "thru", "by", "before", "after", "during", "and", "since",
                         ",", "-"})


def fold(word: str) -> str:
    """Vietnamese without diacritics: "tháng" -> "thang", "đến" -> "den"."""
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
LUNAR_RE = re.compile(r"\b(?:am lich|al|lunar)\b")


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
        if kind == 1:
            value = int(tok) if len(tok) <= 9 else 10**9
            toks.append(Token(tok, frozenset(), value, len(tok), "", start, end))
        elif kind == 2 and _in_code(raw, n):
            toks.append(Token(tok, frozenset(), None, 0, "", start, end))
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
            raise Unreadable("write the year in full, with four digits")
        if not 1000 <= n <= 2999:
            raise Unreadable(f"year {n} is out of range")
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
        """A unit word at i ("năm", "days"): the number before it is a count, not a time."""
        return self.key(i, "nam", "thang", "ngay", "tuan", "years", "months", "days", "weeks",
                        "year", "month", "day", "week")

    def trailing_year(self, j: int, words: tuple[str, ...] = ("nam",)) -> tuple[int | None, int]:
        """An optional "/2024", "năm 2024" (or given words) after a time."""
        if self.sym(j, "/") and self.num(j + 1) is not None:
            return self.written_year(j + 1), j + 2
        if self.key(j, *words) and self.year(j + 1) is not None:
            return self.year(j + 1), j + 2
        return None, j

