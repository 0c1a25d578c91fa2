"""The plan model: a KẾ HOẠCH, its parent documents and its dated activities."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ..model import Anniversary, Location
from .window import Window
from .workdays import Shift


class ActivityKind(StrEnum):
    CAMPAIGN = "campaign"
    PEAK = "peak"
    EVENT = "event"
    MEETING = "meeting"
    VISIT = "visit"
    DEADLINE = "deadline"
    REPORT = "report"


#: Kinds whose window's last day is a due date (moved off days off by the shift policy).
DUE_KINDS = frozenset({ActivityKind.DEADLINE, ActivityKind.REPORT})


@dataclass(frozen=True)
class ParentDoc:
    """A document the plan implements: "Kế hoạch số 80-KH/TU ngày 26/5/2022 của …"."""

    number: str
    date: date | None = None
    issuer: str | None = None
    title: str | None = None

    def __str__(self) -> str:
        text = self.number
        if self.date:
            text += f" ngày {self.date.day:02d}/{self.date.month:02d}/{self.date.year}"
        if self.issuer:
            text += f" của {self.issuer}"
        return text


@dataclass(frozen=True)
class Activity:
    id: str
    title: str
    kind: ActivityKind
    window: Window
    lead: str | None = None
    partners: tuple[str, ...] = ()
    notes: str | None = None
    section: str | None = None
    shift: Shift = Shift.BEFORE
    reminders: tuple[int, ...] = ()
    location: Location | None = field(default=None, compare=False)

    @property
    def units(self) -> tuple[str, ...]:
        return ((self.lead,) if self.lead else ()) + self.partners


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    anniversary: Anniversary
    year: int
    issuer: str
    activities: tuple[Activity, ...]
    combined_with: tuple[Anniversary, ...] = ()
    number: str | None = None
    issued: date | None = None
    campaign_end: date | None = None
    scope: str | None = None
    source: str | None = None
    implements: tuple[ParentDoc, ...] = ()
    reminders: tuple[int, ...] = ()
    location: Location | None = field(default=None, compare=False)

    @property
    def ordinal(self) -> int | None:
        origin = self.anniversary.origin.year
        return None if origin is None else self.year - origin

    @property
    def anniversary_day(self) -> date | None:
        from ..occurrences import occurrence

        occ = occurrence(self.anniversary, self.year)
        return None if occ is None else occ.date
