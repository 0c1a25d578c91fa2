"""The registry's model: policies, origins, anniversaries and their occurrences.

Frozen dataclasses only; behaviour that depends on rules reads the tables in :mod:`rules`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from .rules import ClassBy, LeapDay, MilestoneClass


class Calendar(StrEnum):
    SOLAR = "solar"
    LUNAR = "lunar"


class Kind(StrEnum):
    HOLIDAY = "holiday"
    EVENT = "event"
    FOUNDING = "founding"
    BIRTH = "birth"
    DEATH = "death"
    TRADITION = "tradition"


@dataclass(frozen=True)
class Location:
    """Where something was written: a file and a 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Policy:
    """Which anniversaries are milestone (ceremony) years, as data.

    A year is a milestone when its ordinal is listed in ``ordinals``, or when its class is in
    ``classes`` and the ordinal is at least ``min_ordinal``. Examples: Decree 111/2018 (founding
    days: ceremony only in round years) is ``classes={tron}``; leaders' birthdays (first
    ceremony at 100, then every 10 years) add ``min_ordinal=100``. A policy with neither
    (``annual``: Tết, Decree 145/2013, Art. 5, the same protocol every year) gives its
    occurrences no class at all.
    """

    id: str
    name: str
    name_en: str
    source: str
    classes: frozenset[MilestoneClass] = frozenset()
    min_ordinal: int = 1
    ordinals: frozenset[int] = frozenset()

    @property
    def has_classes(self) -> bool:
        """Whether years differ under this policy; if not, its occurrences have no class."""
        return bool(self.classes or self.ordinals)

    def is_milestone(self, ordinal: int | None, klass: MilestoneClass | None) -> bool:
        if ordinal is not None and ordinal in self.ordinals:
            return True
        return klass in self.classes and (ordinal is None or ordinal >= self.min_ordinal)


@dataclass(frozen=True)
class Origin:
    """The original date: solar with a year, or lunar with or without one."""

    day: int
    month: int
    year: int | None
    calendar: Calendar = Calendar.SOLAR

    def __str__(self) -> str:
        text = f"{self.day:02d}/{self.month:02d}"
        return text if self.year is None else f"{text}/{self.year}"


@dataclass(frozen=True)
class Anniversary:
    """One registry entry. ``name_en`` is the Vietnamese ``name`` when the file gives none."""

    id: str
    name: str
    name_en: str
    origin: Origin
    kind: Kind
    scope: str
    policy: Policy
    source: str
    url: str | None = None
    aliases: tuple[str, ...] = ()
    notes: str | None = None
    class_by: ClassBy = ClassBy.ORIGIN
    leap_day: LeapDay | None = None
    location: Location | None = field(default=None, compare=False)

    def display_name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name


@dataclass(frozen=True)
class Occurrence:
    """One anniversary in one year: its solar date, ordinal (None when the origin year is
    unknown, as for Giỗ Tổ) and Decree-145 class (None when its policy tells no year from
    another, as for Tết); ``milestone`` is the policy's verdict."""

    anniversary: Anniversary
    date: dt.date
    ordinal: int | None
    klass: MilestoneClass | None
    milestone: bool
    origin_date: dt.date | None  # the origin as a solar date, when it has a year

    @property
    def id(self) -> str:
        return self.anniversary.id
