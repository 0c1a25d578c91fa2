"""The plan model: a KẾ HOẠCH, its references, its units and its dated activities.

Plan format 2 (docs/plan-format.md) adds what real plans say and format 1 lost: several lead
units and the roles of every unit (DOMAIN.md "Roles"), activities with no time of their own,
sub-items, targets, references of two kinds (căn cứ / thực hiện) and the plan's own campaign
and peak periods. Format 1 files read into the same model.
"""

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


class Role(StrEnum):
    """A unit's part in an activity, as the plan words it."""

    LEAD = "lead"  # chủ trì
    PARTNER = "partner"  # phối hợp
    DIRECTS = "directs"  # chỉ đạo: a body that directs a lower one
    ADVISES = "advises"  # tham mưu: prepares the work for the committee
    REQUESTED = "requested"  # đề nghị: a body outside the issuer's authority is asked
    GUIDES = "guides"  # hướng dẫn


class RefKind(StrEnum):
    """What a referenced document is to the plan."""

    BASIS = "basis"  # căn cứ: the legal basis
    IMPLEMENTS = "implements"  # thực hiện: the parent plan this one carries out


@dataclass(frozen=True)
class UnitLink:
    """A unit named by an activity, with its role; ``collective`` for a level or a group
    ("UBND các xã, phường", "các phòng, ban, đơn vị liên quan"), which is not one body."""

    unit: str
    role: Role
    collective: bool = False


#: Kinds whose window's last day is a due date (moved off days off by the shift policy).
DUE_KINDS = frozenset({ActivityKind.DEADLINE, ActivityKind.REPORT})


@dataclass(frozen=True)
class ParentDoc:
    """A referenced document: "Kế hoạch số 80-KH/TU ngày 26/5/2022 của …" (DOMAIN.md
    "References"); ``type`` is its document type as written ("Kế hoạch", "Hướng dẫn", …)."""

    number: str
    date: date | None = None
    issuer: str | None = None
    title: str | None = None
    kind: RefKind = RefKind.IMPLEMENTS
    type: str | None = None

    def __str__(self) -> str:
        text = self.number
        if self.date:
            text += f" ngày {self.date.day:02d}/{self.date.month:02d}/{self.date.year}"
        if self.issuer:
            text += f" của {self.issuer}"
        return text


@dataclass(frozen=True)
class Activity:
    """One task of the plan. ``timed`` is False when the plan gives it no time of its own
    (its window is then undated); ``merged`` names the assignment entries (section III) that
    restate it and were folded into it (``relates_to``), so one task gives one set of items."""

    id: str
    title: str
    kind: ActivityKind
    window: Window
    links: tuple[UnitLink, ...] = ()
    notes: str | None = None
    section: str | None = None
    shift: Shift = Shift.BEFORE
    reminders: tuple[int, ...] = ()
    timed: bool = True
    parent: str | None = None  # the activity this one is a sub-item of
    targets: tuple[str, ...] = ()  # "100% các phòng, ban…", "ít nhất 01 hoạt động"
    tentative: bool = False  # "dự kiến"
    separate_plan: bool = False  # "có kế hoạch riêng"
    combined_with: tuple[Anniversary, ...] = ()  # "gắn với" another anniversary
    relates_to: str | None = None
    merged: tuple[str, ...] = ()
    text: str | None = None  # the source sentence, as written
    line: int | None = None  # its line in the source document
    short: str | None = None  # what a phone shows (a feed's SUMMARY); see plans/short.py
    location: Location | None = field(default=None, compare=False)

    def with_role(self, *roles: Role) -> tuple[str, ...]:
        return tuple(link.unit for link in self.links if link.role in roles)

    @property
    def leads(self) -> tuple[str, ...]:
        return self.with_role(Role.LEAD)

    @property
    def lead(self) -> str | None:
        """The first lead unit (format 1 had one)."""
        return next(iter(self.leads), None)

    @property
    def partners(self) -> tuple[str, ...]:
        return self.with_role(Role.PARTNER)

    @property
    def units(self) -> tuple[str, ...]:
        """Every unit named, leads first, each once."""
        ordered = sorted(self.links, key=lambda link: _ROLE_ORDER[link.role])
        return tuple(dict.fromkeys(link.unit for link in ordered))


@dataclass(frozen=True)
class Plan:
    """A plan; ``implements`` holds every referenced document (see :attr:`parents` and
    :attr:`basis`), ``campaign`` the plan's own campaign period (with its peak) when stated."""

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
    locality: str | None = None  # where its local bodies belong ("Quận Thanh Xuân, Hà Nội")
    source: str | None = None
    implements: tuple[ParentDoc, ...] = ()
    reminders: tuple[int, ...] = ()
    format: int = 1
    campaign: Window | None = None
    notes: tuple[str, ...] = ()  # budget, reporting and other closing paragraphs
    #: "lưu hành nội bộ": its feeds only at secret addresses (issue 13; feeds/tokens.py)
    private: bool = False
    location: Location | None = field(default=None, compare=False)

    @property
    def parents(self) -> tuple[ParentDoc, ...]:
        """The plans this one carries out (thực hiện)."""
        return tuple(p for p in self.implements if p.kind is RefKind.IMPLEMENTS)

    @property
    def basis(self) -> tuple[ParentDoc, ...]:
        """Its legal basis (căn cứ)."""
        return tuple(p for p in self.implements if p.kind is RefKind.BASIS)

    @property
    def ordinal(self) -> int | None:
        origin = self.anniversary.origin.year
        return None if origin is None else self.year - origin

    @property
    def anniversary_day(self) -> date | None:
        from ..occurrences import occurrence

        occ = occurrence(self.anniversary, self.year)
        return None if occ is None else occ.date

    @property
    def last_day(self) -> date:
        """The last day the plan covers: the latest of its campaign's end, its stated end,
        its anniversary day and its activities' ends, else the end of its year."""
        known = [d for d in (self.campaign.end if self.campaign else None, self.campaign_end,
                             self.anniversary_day, *(a.window.end for a in self.activities))
                 if d is not None]
        return max(known) if known else date(self.year, 12, 31)


_ROLE_ORDER = {role: i for i, role in enumerate(Role)}
