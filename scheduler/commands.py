"""Controllers: plain functions behind each CLI command (the CLI only parses arguments).

Each takes :class:`Settings` and returns a view; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING

from .dates import fmt, today_vn
from .i18n import word
from .model import Occurrence
from .occurrences import of
from .outputs.table import OccurrenceTable
from .registry import InputError, Problem, Registry, load_cached, registry_paths
from .rules import LUNAR_YEARS, LeapDay, MilestoneClass

if TYPE_CHECKING:
    from .outputs.card import AnniversaryCard
    from .outputs.report import CheckReport


@dataclass(frozen=True)
class Settings:
    """The options every command shares (defined once in the CLI)."""

    registries: tuple[str, ...] = ()
    lang: str = "vi"
    now: date | None = None
    leap_day: LeapDay = LeapDay.FEB28
    env: dict[str, str] | None = field(default=None, compare=False)

    @property
    def today(self) -> date:
        return self.now or today_vn()

    def paths(self, files: Sequence[str] = ()) -> list[str]:
        """Registry files in use: bundled, ``$KYNIEM_REGISTRY``, ``--registry`` (or ``files``)."""
        import os

        env = os.environ if self.env is None else self.env
        return registry_paths(files or self.registries, env)

    def registry(self) -> Registry:
        return load_cached(self.paths())


@dataclass(frozen=True)
class Filters:
    classes: frozenset[MilestoneClass] = frozenset()
    scopes: frozenset[str] = frozenset()  # casefolded
    milestones_only: bool = False

    def keep(self, occ: Occurrence) -> bool:
        return (
            (not self.classes or occ.klass in self.classes)
            and (not self.scopes or occ.anniversary.scope.casefold() in self.scopes)
            and (not self.milestones_only or occ.milestone)
        )


def upcoming(settings: Settings, start: date | None, end: date | None, years: int | None,
             filters: Filters) -> OccurrenceTable:
    """What falls between ``start`` (today) and ``end`` (default one year on), nearest first."""
    today = settings.today
    start = start or today
    if end is None:
        end = _add_years(start, years or 1)
    occs = of(settings.registry().anniversaries, settings.leap_day).between(start, end)
    heading = word("upcoming", settings.lang, start=fmt(start), end=fmt(end))
    return OccurrenceTable(heading, tuple(filter(filters.keep, occs)), settings.lang, today)


def year(settings: Settings, year: int, filters: Filters) -> OccurrenceTable:
    """The year's anniversaries in date order, worded like the annual guidance."""
    occs = of(settings.registry().anniversaries, settings.leap_day).in_year(year)
    heading = word("year", settings.lang, year=year)
    return OccurrenceTable(heading, tuple(filter(filters.keep, occs)), settings.lang)


def show(settings: Settings, anniversary_id: str, past: int, upcoming: int) -> AnniversaryCard:
    """One anniversary with its last ``past`` and next ``upcoming`` milestones."""
    from .outputs.card import AnniversaryCard

    registry = settings.registry()
    anniversary = registry.get(anniversary_id)
    if anniversary is None:
        raise InputError([_unknown_id(registry, anniversary_id)])
    today = settings.today
    query = of([anniversary], settings.leap_day)
    first = LUNAR_YEARS.start if anniversary.origin.year is None else anniversary.origin.year + 1
    policy = anniversary.policy
    yearly = not policy.classes and not policy.ordinals  # no milestones: list every year

    def counts(occ: Occurrence) -> bool:
        return yearly or occ.milestone

    back = [o for o in query.of_one(anniversary, range(today.year, first - 1, -1))
            if counts(o) and o.date < today]
    ahead = (o for o in query.of_one(anniversary, range(today.year, LUNAR_YEARS.stop))
             if counts(o) and o.date >= today)
    return AnniversaryCard(
        anniversary,
        past=tuple(reversed(back[:past])),
        upcoming=tuple(islice(ahead, upcoming)),
        lang=settings.lang,
        today=today,
    )


def check(settings: Settings, files: Sequence[str]) -> CheckReport:
    """Validate registries: the given files together with the bundled one (ids must not
    collide), or, with no files, every registry in use."""
    from .outputs.report import CheckReport
    from .registry.load import load_registry  # always the real files, never the cache

    paths = settings.paths(files)
    try:
        registry = load_registry(paths)
    except InputError as exc:
        return CheckReport(exc.problems, (0, 0, len(paths)), settings.lang)
    counts = (len(registry.anniversaries), len(registry.policies), len(registry.files))
    return CheckReport((), counts, settings.lang)


def _unknown_id(registry: Registry, anniversary_id: str) -> Problem:
    import difflib

    ids = [a.id for a in registry.anniversaries]
    close = difflib.get_close_matches(anniversary_id, ids, n=3, cutoff=0.5)
    hint = f" (did you mean: {', '.join(close)}?)" if close else ""
    return Problem("", None, "ID", f"no anniversary {anniversary_id!r}{hint}")


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02 → 28/02
        return day.replace(year=day.year + years, day=28)

