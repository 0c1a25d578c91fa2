"""Shared wording and layout: guidance-style titles, countdowns, JSON rows, plain columns."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from ..dates import fmt
from ..i18n import ordinal_en, word
from ..model import Calendar, Occurrence
from ..rules import MilestoneClass
from ..wording import say

#: The class's colour; an occurrence with no class (None, Tết) is not coloured.
CLASS_STYLE: dict[MilestoneClass | None, str] = {
    MilestoneClass.TRON: "bold red", MilestoneClass.LE5: "yellow", MilestoneClass.KHAC: "dim",
    None: ""}


def title(occ: Occurrence, lang: str) -> str:
    """The annual guidance's wording, e.g.
    "70 năm Chiến thắng Điện Biên Phủ (07/05/1954 - 07/05/2024)"; a lunar origin adds its
    lunar date, as provincial guidance writes a founding on a lunar day:
    "95 năm … (10/3 âm lịch; 07/04/1930 - 07/04/2025)"."""
    a = occ.anniversary
    if occ.ordinal is None or occ.origin_date is None:
        origin = f"{a.origin.day}/{a.origin.month} {word('lunar', lang)}"
        return f"{a.display_name(lang)} ({origin}, {fmt(occ.date)})"
    span = f"{fmt(occ.origin_date)} - {fmt(occ.date)}"
    if a.origin.calendar is Calendar.LUNAR:
        lunar_day = say("registry_lunar_date", day=a.origin.day, month=a.origin.month)
        span = f"{lunar_day.render(lang)}; {span}"
    if lang == "en":
        return f"{ordinal_en(occ.ordinal)} anniversary: {a.name_en} ({span})"
    return f"{occ.ordinal} năm {a.name} ({span})"


def countdown(day: date, today: date, lang: str) -> str:
    n = (day - today).days
    if n == 0:
        return word("today", lang)
    return word("in_days", lang, n=n) if n > 0 else word("ago", lang, n=-n)


def occurrence_json(occ: Occurrence, lang: str, today: date | None = None) -> dict[str, Any]:
    a = occ.anniversary
    row: dict[str, Any] = {
        "id": a.id,
        "name": a.name,
        "name_en": a.name_en,
        "origin": occ.origin_date.isoformat() if occ.origin_date else None,
        "date": occ.date.isoformat(),
        "ordinal": occ.ordinal,
        "class": occ.klass.value if occ.klass is not None else None,
        "milestone": occ.milestone,
        "calendar": a.origin.calendar.value,
        "kind": a.kind.value,
        "scope": a.scope,
        "policy": a.policy.id,
        "title": title(occ, lang),
    }
    if today is not None:
        row["days"] = (occ.date - today).days
    return row


def columns(rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns separated by two spaces (NFC text: one code point per cell)."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    )
