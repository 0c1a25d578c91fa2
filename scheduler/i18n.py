"""Interface words in Vietnamese and English (``--lang vi|en``), from the message catalogue
(section ``messages/words.py``); weekdays and the Vietnamese sort order."""

from __future__ import annotations

from functools import lru_cache

from .rules import MilestoneClass
from .wording import MESSAGES, worded

LANGS = ("vi", "en")

WEEKDAYS: tuple[tuple[str, ...], tuple[str, ...]] = (
    ("T2", "T3", "T4", "T5", "T6", "T7", "CN"),
    ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
)


def _index(lang: str) -> int:
    return 1 if lang == "en" else 0


def word(key: str, lang: str, **values: object) -> str:
    return worded(f"word_{key}", lang, **values)


def kind_word(value: str, lang: str) -> str:
    """Kinds, and the scope "national"; other scopes (place names) pass through."""
    found = MESSAGES.get(f"kind_{value}")
    return found[_index(lang)] if found else value


def class_word(klass: MilestoneClass | None, lang: str) -> str:
    """The class in words; "—" for an occurrence without one."""
    return worded(f"class_{klass.value if klass else 'none'}", lang)


def weekday(index: int, lang: str) -> str:
    return WEEKDAYS[_index(lang)][index]


#: Letters of the Vietnamese alphabet that follow their base letter (a ă â, d đ, e ê,
#: o ô ơ, u ư): their combining marks, ranked; tone marks only break ties.
LETTER_MARKS = {"\u0306": "1", "\u0302": "2", "\u031b": "3"}  # breve, circumflex, horn


@lru_cache(maxsize=1 << 14)
def sort_key(text: str) -> tuple[str, str]:
    """Vietnamese dictionary order: a < ă < â … d < đ, letter by letter; tones second.
    Cached: a site sorts the same unit names for every plan's page."""
    import unicodedata

    primary: list[str] = []
    for ch in unicodedata.normalize("NFD", text.casefold().replace("đ", "d\u0335")):
        if ch in LETTER_MARKS or ch == "\u0335":
            primary[-1] = primary[-1][0] + LETTER_MARKS.get(ch, "1")
        elif not unicodedata.combining(ch):
            primary.append(ch + "0")
    return "".join(primary), text.casefold()


def ordinal_en(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st…"""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
