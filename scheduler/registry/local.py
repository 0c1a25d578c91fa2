"""Which entries belong to a locality: the national ones, and those of one province.

Since 1 July 2025 Viet Nam has 34 provinces and centrally-run cities (Nghị quyết số
202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh, Điều 1):
11 kept as they were and 23 formed by merging. A predecessor province's days (its
liberation, its founding) now belong to the province it merged into, so a clerk in Bắc Ninh
sees "Bắc Giang" entries, and one who still writes "Bắc Giang" sees Bắc Ninh's.
Names match without case or diacritics and without "Tỉnh"/"Thành phố"/"TP.":
"ha noi" = "Hà Nội", "TP. Hồ Chí Minh" = "Hồ Chí Minh", "Thành phố Huế" = "Huế".
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Anniversary
from ..names import fold

#: The scope of an entry that concerns the whole country.
NATIONAL = "national"

#: Nghị quyết 202/2025/QH15, Điều 1: each province or city since 1 July 2025 and the
#: provinces merged into it (the first name is the one kept). Thừa Thiên Huế became the
#: centrally-run city of Huế on 1 January 2025 (Nghị quyết 175/2024/QH15).
PROVINCES: dict[str, tuple[str, ...]] = {
    "Hà Nội": (), "Huế": ("Thừa Thiên Huế",), "Lai Châu": (), "Điện Biên": (),
    "Sơn La": (), "Lạng Sơn": (), "Quảng Ninh": (), "Thanh Hóa": (), "Nghệ An": (),
    "Hà Tĩnh": (), "Cao Bằng": (),
    "Tuyên Quang": ("Hà Giang",),
    "Lào Cai": ("Yên Bái",),
    "Thái Nguyên": ("Bắc Kạn",),
    "Phú Thọ": ("Vĩnh Phúc", "Hòa Bình"),
    "Bắc Ninh": ("Bắc Giang",),
    "Hưng Yên": ("Thái Bình",),
    "Hải Phòng": ("Hải Dương",),
    "Ninh Bình": ("Hà Nam", "Nam Định"),
    "Quảng Trị": ("Quảng Bình",),
    "Đà Nẵng": ("Quảng Nam",),
    "Quảng Ngãi": ("Kon Tum",),
    "Gia Lai": ("Bình Định",),
    "Khánh Hòa": ("Ninh Thuận",),
    "Lâm Đồng": ("Đắk Nông", "Bình Thuận"),
    "Đắk Lắk": ("Phú Yên",),
    "Hồ Chí Minh": ("Bình Dương", "Bà Rịa - Vũng Tàu"),
    "Đồng Nai": ("Bình Phước",),
    "Tây Ninh": ("Long An",),
    "Cần Thơ": ("Sóc Trăng", "Hậu Giang"),
    "Vĩnh Long": ("Bến Tre", "Trà Vinh"),
    "Đồng Tháp": ("Tiền Giang",),
    "Cà Mau": ("Bạc Liêu",),
    "An Giang": ("Kiên Giang",),
}

#: Names of provinces merged before 2025 that people still write: Hà Tây joined Hà Nội on
#: 1 August 2008 (Nghị quyết 15/2008/QH12 ngày 29/5/2008 của Quốc hội, Điều 1).
OLDER_NAMES: dict[str, str] = {"Hà Tây": "Hà Nội"}

#: Short and everyday names of cities, as clerks write them ("TP.HCM", "Sài Gòn"):
#: regression, refused with unrelated suggestions.
SHORT_NAMES: dict[str, str] = {"HCM": "Hồ Chí Minh", "TPHCM": "Hồ Chí Minh",
                               "TP HCM": "Hồ Chí Minh", "Sài Gòn": "Hồ Chí Minh",
                               "Saigon": "Hồ Chí Minh", "HN": "Hà Nội", "TPHN": "Hà Nội"}

#: Words before a province's name that do not change which province it is.
_PREFIXES = ("thanh pho ", "tp ", "tinh ")


@lru_cache(maxsize=256)
def place_key(name: str) -> str:
    """``name`` without case, diacritics, punctuation or a "Tỉnh"/"Thành phố"/"TP." prefix."""
    plain = " ".join(re.sub(r"[^0-9a-z]+", " ", fold(name)).split())
    for prefix in _PREFIXES:
        if plain.startswith(prefix):
            return plain[len(prefix):]
    return plain


def _build() -> dict[str, str]:
    current: dict[str, str] = {}
    for province, predecessors in PROVINCES.items():
        for name in (province, *predecessors):
            current[place_key(name)] = province
    current.update({place_key(old): now for old, now in OLDER_NAMES.items()})
    current.update({place_key(short): now for short, now in SHORT_NAMES.items()})
    return current


#: place key of every province name, current or predecessor → the province now.
_CURRENT = _build()


def current_province(name: str) -> str | None:
    """The province (since 1 July 2025) that ``name`` is or merged into, or None if unknown."""
    return _CURRENT.get(place_key(name))


def same_place(a: str, b: str) -> bool:
    """Whether two names mean the same province now (a predecessor means its successor)."""
    key_a, key_b = place_key(a), place_key(b)
    return key_a == key_b or (key_a in _CURRENT and _CURRENT.get(key_a) == _CURRENT.get(key_b))


def in_locality(anniversary: Anniversary, locality: str | None) -> bool:
    """National entries always; with a ``locality``, also the entries of that province or of
    a province merged into it (and of the one it merged into, if a predecessor is named)."""
    if anniversary.scope.casefold() == NATIONAL:
        return True
    return locality is not None and same_place(anniversary.scope, locality)


def check_locality(locality: str, scopes: set[str]) -> None:
    """A locality kyniem knows: a province or city since 1 July 2025 (or one merged into
    it), or a scope of the registries in use; else :class:`InputError` with the closest
    names, since a mistyped place would silently show the national list only."""
    import difflib

    from ..wording import quote, say
    from .errors import InputError, Problem

    if current_province(locality) or any(same_place(locality, s) for s in scopes):
        return
    names = sorted({*PROVINCES, *(p for ps in PROVINCES.values() for p in ps), *OLDER_NAMES,
                    *(s for s in scopes if s.casefold() != NATIONAL)})
    keys = {place_key(n): n for n in names}
    close = [keys[k] for k in difflib.get_close_matches(place_key(locality), keys, 3, 0.6)]
    raise InputError([Problem("", None, "--locality", say(
        "locality_unknown", name=quote(locality),
        close=", ".join(close or ("Hà Nội", "Huế", "Bắc Ninh"))))])
