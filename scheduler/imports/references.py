"""What a plan document cites: the documents it rests on or carries out, and anniversaries.

* References (DOMAIN.md "References"): "<Type> số <number> ngày <date> của <issuer>" in the
  title and the preamble. ``kind`` is that of the nearest "Căn cứ" (basis) or "Thực hiện"
  (implements) before it in the sentence. An issuer written once after a list ("Đề án số
  03/UBND-ĐA ngày 22/3/2024, Kế hoạch số 88/KH-UBND ngày 23/3/2024 của UBND thành phố Hà
  Nội") belongs to every document of the list. A number must hold "/" or "-".
* Anniversaries: "N năm <name> (origin - anniversary)" anywhere; the title's is the plan's.
  Without dates ("kết hợp với 70 năm ngày ký Hiệp định Giơ-ne-vơ …") a registry entry must
  match the name and have its origin year N years before the plan's year. Registry names
  and aliases are compared folded (no diacritics, no case, no punctuation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model import Anniversary
from ..names import fold

DOC_TYPES = ("Kế hoạch", "Hướng dẫn", "Thông báo", "Quyết định", "Chỉ thị", "Kết luận",
             "Công văn", "Đề án", "Nghị quyết", "Thông tri", "Chương trình", "Nghị định",
             "Thông tư", "Quy định", "Điều lệ")
_DATE = r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
REFERENCE = re.compile(
    rf"(?P<type>{'|'.join(DOC_TYPES)})\s+(?:số\s*:?\s*)?(?P<number>\d+[\w.]*[/-][\w./-]*\w)"
    rf"(?:\s*,?\s*ngày\s+(?P<date>{_DATE}))?"
    r"(?:\s+(?:của|do)\s+(?P<issuer>.+?)(?=\s+(?:về|v/v|việc|đã|nhằm|và các|ban hành|quy định|"
    rf"hướng dẫn|và\s+(?:{'|'.join(DOC_TYPES)}))\b|[,;:(]|\s*$))?", re.IGNORECASE)
KIND_WORDS = re.compile(r"\b(can cu|thuc hien)\b")
ANNIVERSARY = re.compile(
    r"(?P<n>\d{1,4})\s+năm\s+(?P<name>(?:(?!\d{1,4}\s+năm\s)[^()]){3,200}?)\s*\(\s*"
    r"(?P<d1>\d{1,2}/\d{1,2}/\d{4})\s*"
    r"[-–—]\s*(?P<d2>\d{1,2}/\d{1,2}/\d{4})\s*\)")
COMBINED = re.compile(r"(?:gắn với|kết hợp với|kết hợp|cùng với)\s+(?:các hoạt động\s+)?"
                      r"(?:kỷ niệm\s+)?(?P<n>\d{1,4})\s+năm\s+(?P<name>[^,;.()]{3,200}?)"
                      r"(?=\s+(?:do|của|tại|vào|nhằm|trong|cho)\s|[,;.()]|$)",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    number: str
    date: date | None
    kind: str  # basis | implements
    type: str
    issuer: str | None
    line: int


@dataclass(frozen=True)
class Cited:
    """An anniversary as the document writes it, linked to the registry when one matches."""

    name: str
    origin: date | None
    day: date | None  # the anniversary day written (the second date)
    ordinal: int
    registry: Anniversary | None
    line: int

    @property
    def key(self) -> tuple[object, ...]:
        return (self.registry.id,) if self.registry else (fold(self.name), self.origin)


def day_of(text: str | None) -> date | None:
    if not text:
        return None
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    try:
        return date(numbers[2], numbers[1], numbers[0])
    except (ValueError, IndexError):
        return None


def references(text: str, line: int, default_kind: str) -> list[Reference]:
    found: list[Reference] = []
    pending: list[int] = []  # references of the list so far, without an issuer
    folded = fold(text)
    for m in REFERENCE.finditer(text):
        kinds = KIND_WORDS.findall(folded[: m.start()])
        kind = ("basis" if kinds[-1] == "can cu" else "implements") if kinds else default_kind
        issuer = m["issuer"].strip() if m["issuer"] else None
        ref = Reference(m["number"].strip(), day_of(m["date"]), kind,
                        m["type"][:1].upper() + m["type"][1:].lower(), issuer, line)
        found.append(ref)
        if issuer is None:
            pending.append(len(found) - 1)
            continue
        for i in pending:  # "A, B của X": X issued A too
            found[i] = Reference(found[i].number, found[i].date, found[i].kind, found[i].type,
                                 issuer, found[i].line)
        pending.clear()
    return found


def _plain(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


def match_registry(name: str, origin: date | None, ordinal: int, year: int | None,
                   registry: tuple[Anniversary, ...]) -> Anniversary | None:
    """The registry entry this name and origin (or ordinal and year) stand for, if any."""
    plain = _plain(name)
    best: tuple[float, Anniversary] | None = None
    for a in registry:
        o = a.origin
        if origin is not None and (o.day, o.month, o.year) != (origin.day, origin.month,
                                                               origin.year):
            continue
        if origin is None and (year is None or o.year is None or o.year != year - ordinal):
            continue
        score = max(_similar(plain, _plain(n)) for n in (a.name, *a.aliases))
        if score >= (0.5 if origin is not None else 0.8) and (best is None or score > best[0]):
            best = (score, a)
    return best[1] if best else None


def _similar(text: str, name: str) -> float:
    """How much of the registry name the text holds, word by word, from its start."""
    words, known = text.split(), name.split()
    if not known:
        return 0.0
    if " ".join(words[: len(known)]) == name:
        return 1.0
    shared = len(set(words) & set(known))
    return shared / max(len(known), 1)


def anniversaries(text: str, line: int, year: int | None,
                  registry: tuple[Anniversary, ...]) -> list[Cited]:
    out: list[Cited] = []
    for m in ANNIVERSARY.finditer(text):
        origin, day = day_of(m["d1"]), day_of(m["d2"])
        name = m["name"].strip(" ,;:")
        ordinal = int(m["n"])
        out.append(Cited(name, origin, day, ordinal,
                         match_registry(name, origin, ordinal, year, registry), line))
    for m in COMBINED.finditer(text):
        if ANNIVERSARY.match(text, m.start("n")):
            continue  # dated: read above
        ordinal, name = int(m["n"]), m["name"].strip()
        found = match_registry(name, None, ordinal, year, registry)
        out.append(Cited(found.name if found else name, None, None, ordinal, found, line))
    return out
