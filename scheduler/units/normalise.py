"""A unit's name as a key for comparing: "Ban CHQS quận" and "Ban chỉ huy Quân sự Quận" are
one body (DOMAIN.md "Abbreviations": the same body is spelled several ways within one plan).

The key is the name folded (case, diacritics: :func:`scheduler.names.fold`), its
abbreviations written out (:data:`ABBREVIATIONS`), punctuation and "và" dropped, and a
trailing level word ("quận", "phường": the plan's own level) dropped, since a plan's units are
qualified by the plan's locality anyway (:mod:`.resolve`).
"""

from __future__ import annotations

import re
from functools import cache

from ..names import fold

#: Abbreviations in unit names (folded, as whole words) → their words. Sources: DOMAIN.md
#: "Abbreviations"; the seed plans; Quy định 66-QĐ/TW (2017) on party documents' short names.
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ub": "uy ban",
    "mttq": "mat tran to quoc",
    "mttqvn": "mat tran to quoc viet nam",
    "bchqs": "ban chi huy quan su",
    "chqs": "chi huy quan su",
    "tncs": "thanh nien cong san",
    "tn": "thanh nien",
    "hcm": "ho chi minh",
    "ldtb&xh": "lao dong thuong binh xa hoi",
    "ldtbxh": "lao dong thuong binh xa hoi",
    "vh&tt": "van hoa thong tin",
    "vhtt": "van hoa thong tin",
    "vh-tt": "van hoa thong tin",
    "gd&dt": "giao duc dao tao",
    "gddt": "giao duc dao tao",
    "ccb": "cuu chien binh",
    "ct-xh": "chinh tri xa hoi",
    "ctxh": "chinh tri xa hoi",
    "lhpn": "lien hiep phu nu",
    "cand": "cong an nhan dan",
    "qdnd": "quan doi nhan dan",
    "tw": "trung uong",
    "btg": "ban tuyen giao",
    "bdv": "ban dan van",
    "lđld": "lien doan lao dong",
    "ldld": "lien doan lao dong",
    "tdtt": "the duc the thao",
}

#: Level words of local government, longest first (DOMAIN.md "Local government since 2025").
LEVELS = ("thanh pho", "thi xa", "thi tran", "dac khu", "quan", "huyen", "phuong", "xa", "tinh")

#: The party committee of a level, written "Quận ủy", "Đảng ủy", …: one token in the key.
_COMMITTEE = re.compile(r"\b(?:quan|huyen|tinh|thanh|thi|dang) uy$")
_WORD = re.compile(r"[a-z0-9&]+(?:-[a-z0-9]+)*")
_STOP = frozenset({"va", "cua"})


@cache
def key(name: str, locality: str = "", level: str | None = None) -> str:
    """The comparing key of a unit's name. ``locality`` (folded: "quan thanh xuan") is
    dropped where the name ends with it, and so is a trailing level word: the plan's own
    ``level`` when known ("UBND phường" in a district's plan is not the district's UBND),
    any level otherwise."""
    text = _expanded(name)
    if locality and text.endswith(" " + locality):
        text = text[: -len(locality) - 1]
    text = _COMMITTEE.sub("cap uy", text)
    for word in (level,) if level else LEVELS:
        if text.endswith(" " + word):
            text = text[: -len(word) - 1]
            break
    return text


def level_of(text: str) -> str | None:
    """The level word a text names ("UBND quận Thanh Xuân" → "quan"; "Huyện ủy" → "huyen")."""
    folded = fold(text)
    for level in LEVELS:
        if re.search(rf"\b{level}\b", folded):
            return level
    return None


@cache
def _expanded(name: str) -> str:
    """The name folded, its abbreviations written out, "và" and "của" dropped."""
    words: list[str] = []
    for token in _WORD.findall(fold(name)):
        expanded = ABBREVIATIONS.get(token)
        if expanded is None:  # "HĐND&UBND", "Văn hoá-Thông tin"
            expanded = " ".join(ABBREVIATIONS.get(t, t) for t in re.split(r"[&-]", token) if t)
        words += expanded.split()
    return " ".join(w for w in words if w not in _STOP)


#: Words that end in a level word but name no level: "Hải quan", "cơ quan", "Hợp tác xã",
#: "địa phương" (folded)
_NOT_LEVELS = ("hai quan", "co quan", "hop tac xa", "dia phuong", "ngoai giao quan")


@cache
def trailing_levels(name: str) -> frozenset[str]:
    """The level words a unit's name ends with: "UBND quận" {"quan"}, "UBND quận, huyện,
    thị xã" {"quan", "huyen", "thi xa"}; none for "Quận ủy" (a party committee), "Cục Hải
    quan" or "Hợp tác xã" (regression: taken for levels, they hid those bodies)."""
    text = _COMMITTEE.sub("cap uy", _expanded(name))
    if text.endswith(_NOT_LEVELS):
        return frozenset()
    found: set[str] = set()
    while (word := next((w for w in LEVELS if text.endswith(" " + w)), None)) is not None:
        found.add(word)
        text = text[: -len(word) - 1]
    return frozenset(found)


def trailing_level(name: str) -> str | None:
    """The one level word a name ends with ("UBND quận": "quan"), or None (none, or several)."""
    found = trailing_levels(name)
    return next(iter(found)) if len(found) == 1 else None


def level_fits(query: str, levels: str | frozenset[str] | None) -> bool:
    """Whether a unit at ``levels`` (None or empty: not known) may be the one ``query``
    names: a query that ends with a level word ("UBND quận") names a body of that level,
    never another level's namesake ("UBND phường": regression, a district's agenda filled
    with a ward's); "UBND quận, huyện" is a district's."""
    wanted = trailing_level(query)
    if isinstance(levels, str):
        levels = frozenset({levels})
    return wanted is None or not levels or wanted in levels
