"""Names as ASCII: ids and file names from Vietnamese text (a low floor, used by all)."""

from __future__ import annotations

import re
import unicodedata


def plain(text: str) -> str:
    """Vietnamese without diacritics, case kept: "Đền ơn" → "Den on"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def fold(text: str) -> str:
    """Lower case without diacritics: "TỔ CHỨC THỰC HIỆN" → "to chuc thuc hien". One
    character out per character in (of NFC text), so positions found in the folded text
    hold in the original."""
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = unicodedata.normalize("NFD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    """An ASCII id or file name: "Ban Tuyên giáo Quận ủy" → "ban-tuyen-giao-quan-uy"."""
    return re.sub(r"[^a-z0-9]+", "-", plain(text).lower()).strip("-") or "x"
