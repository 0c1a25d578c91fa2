"""Controllers: plain functions behind each CLI command (the CLI only parses arguments).

Each takes :class:`Settings` and returns a view; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING

from .dates import fmt, plus_years, today_vn
from .i18n import word
from .model import Anniversary, Occurrence
from .occurrences import of
from .outputs.table import OccurrenceTable
from .registry import InputError, Problem, Registry, load_cached, registry_paths
from .rules import LUNAR_YEARS, LeapDay, MilestoneClass
from .wording import say

if TYPE_CHECKING:
    from .outputs.card import AnniversaryCard
    from .outputs.found import Found
    from .outputs.report import CheckReport
    from .units import Resolver


@dataclass(frozen=True)
class Settings:
    """The options every command shares (defined once in the CLI)."""

    registries: tuple[str, ...] = ()
    lang: str = "vi"
    now: date | None = None
    leap_day: LeapDay = LeapDay.FEB28
    plans: tuple[str, ...] = ()
    units: tuple[str, ...] = ()  # unit directory files beyond the bundled one
    locality: str | None = None  # lists and feeds: national anniversaries and this place's

    def anniversaries(self, also: Collection[str] = ()) -> list[Anniversary]:
        """The registry's entries for this locality (national, and the ``locality``'s:
        :func:`scheduler.registry.local.in_locality`), and those with an id in ``also``
        (a plan's own anniversary, wherever it is from)."""
        from .registry.local import check_locality, in_locality

        entries = self.registry().anniversaries
        if self.locality is not None:
            check_locality(self.locality, {a.scope for a in entries})
        return [a for a in entries if in_locality(a, self.locality) or a.id in also]

    @property
    def today(self) -> date:
        return self.now or today_vn()

    def paths(self, files: Sequence[str] = ()) -> list[str]:
        """Registry files in use: bundled, ``$KYNIEM_REGISTRY``, ``--registry`` (or ``files``)."""
        return registry_paths(files or self.registries)

    def registry(self) -> Registry:
        """The registries in use, read once per command (plans, occurrences and feeds all
        ask for it); kept beside the fields, so equality and hashing ignore it."""
        found: Registry | None = self.__dict__.get("_registry")
        if found is None:
            found = self.__dict__["_registry"] = load_cached(self.paths())
        return found

    def unit_paths(self) -> list[str]:
        """Unit directory files in use: bundled, ``$KYNIEM_UNITS``, ``--units``."""
        from .units import unit_paths

        return unit_paths(self.units)

    def resolver(self) -> Resolver:
        """Names → unit identities (:mod:`scheduler.units`), read once per command."""
        found: Resolver | None = self.__dict__.get("_resolver")
        if found is None:
            from .units import Resolver, load_directory

            directory = load_directory(tuple(self.unit_paths()))
            found = self.__dict__["_resolver"] = Resolver(directory)
        return found


@dataclass(frozen=True)
class Filters:
    """Which occurrences a list shows. With no ``--scope``, the national ones and those of
    ``locality`` (:func:`scheduler.registry.local.in_locality`): a province's founding day
    is not a national milestone."""

    classes: frozenset[MilestoneClass] = frozenset()
    scopes: frozenset[str] = frozenset()  # casefolded
    milestones_only: bool = False

    def keep(self, occ: Occurrence) -> bool:
        return (
            (not self.classes or occ.klass in self.classes)
            and (not self.scopes or any(scope_is(occ.anniversary.scope, s) for s in self.scopes))
            and (not self.milestones_only or occ.milestone)
        )

    def entries(self, settings: Settings) -> list[Anniversary]:
        """With ``--scope``, every entry (the scopes choose); else the locality's. A scope no
        entry has is refused, with those there are (regression: "Ha Noi", "toàn quốc" gave
        an empty list, exit 0)."""
        if not self.scopes:
            return settings.anniversaries()
        entries = list(settings.registry().anniversaries)
        known = sorted({a.scope for a in entries})
        unknown = [s for s in sorted(self.scopes) if not any(scope_is(k, s) for k in known)]
        if unknown:
            from .wording import quote, say

            raise InputError([Problem("", None, "--scope", say(
                "scope_unknown", scope=quote(unknown[0]), known=", ".join(known)))])
        return entries


#: What "national" is also written as in ``--scope``: the word ``show`` prints, in Vietnamese
_NATIONAL_WORDS = frozenset({"national", "toan quoc", "ca nuoc"})


def scope_is(scope: str, wanted: str) -> bool:
    """Whether an entry's ``scope`` is the one ``wanted`` names: without case or
    diacritics, a province by any of its names (:func:`.registry.local.same_place`)."""
    from .names import fold
    from .registry.local import NATIONAL, same_place

    if scope.casefold() == NATIONAL:
        return " ".join(fold(wanted).split()) in _NATIONAL_WORDS
    return scope.casefold() == wanted.casefold() or same_place(scope, wanted)


def upcoming(settings: Settings, start: date | None, end: date | None, years: int | None,
             filters: Filters) -> OccurrenceTable:
    """What falls between ``start`` (today) and ``end`` (default one year on), nearest first."""
    today = settings.today
    start = start or today
    if end is None:
        end = plus_years(start, years or 1, "--years")
    occs = of(filters.entries(settings), settings.leap_day).between(start, end)
    heading = word("upcoming", settings.lang, start=fmt(start), end=fmt(end))
    return OccurrenceTable(heading, tuple(filter(filters.keep, occs)), settings.lang, today)


def year(settings: Settings, year: int, filters: Filters) -> OccurrenceTable:
    """The year's anniversaries in date order, worded like the annual guidance."""
    occs = of(filters.entries(settings), settings.leap_day).in_year(year)
    heading = word("year", settings.lang, year=year)
    return OccurrenceTable(heading, tuple(filter(filters.keep, occs)), settings.lang)


def show(settings: Settings, anniversary_id: str, past: int, upcoming: int) -> AnniversaryCard:
    """One anniversary with its last ``past`` and next ``upcoming`` milestones."""
    from .finding import anniversary_id as named
    from .outputs.card import AnniversaryCard

    registry = settings.registry()
    anniversary = registry.get(named(registry, anniversary_id))
    assert anniversary is not None
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
    """Validate registries and plans. Given files are sorted by content (a plan has
    ``activities:``) and checked with the bundled registry (ids must not collide); with no
    files, every registry and plan in use is checked."""
    from .outputs.report import CheckReport
    from .plans.load import load_plans, plan_paths
    from .registry.load import load_registry  # always the real files, never the cache
    from .units.check import near_duplicates, taken_spellings

    plan_files = [f for f in files if _is_plan(f)]
    registry_files = [f for f in files if f not in plan_files]
    paths = settings.paths(registry_files)
    counts = {"anniversaries": 0, "policies": 0, "plans": 0, "activities": 0}
    try:
        registry = load_registry(paths)
        counts.update(anniversaries=len(registry.anniversaries),
                      policies=len(registry.policies))
        plans = plan_paths(plan_files or settings.plans) if plan_files or not files else []
        loaded = load_plans(plans, registry)
        counts.update(plans=len(loaded), activities=sum(len(p.activities) for p in loaded))
        resolver = settings.resolver()
        warnings = [*taken_spellings(resolver.directory),
                    *near_duplicates(loaded, resolver)]
    except InputError as exc:
        return CheckReport(exc.problems, counts, settings.lang)
    counts["files"] = len(paths) + len(plans)
    return CheckReport((), counts, settings.lang, tuple(warnings))


def _is_plan(path: str) -> bool:
    import os
    import re

    if os.path.isdir(path):
        return True
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return False  # the registry loader reports it
    return re.search(r"^activities\s*:", head, re.MULTILINE) is not None


def find(settings: Settings, text: str, kinds: Sequence[str], limit: int) -> Found:
    """``kyniem find``: anniversaries, plans, activities and units named by ``text``."""
    from .finding import KINDS
    from .finding import find as search
    from .outputs.found import Found

    if not text.strip():  # regression: "" found nothing and exited 0
        from .clilang import metavar  # the argument as the help names it ("CHỮ")

        raise InputError([Problem("", None, metavar("TEXT", settings.lang),
                                  say("option_empty"))])
    hits, matched = search(settings, text, kinds or KINDS, limit)
    return Found(text, tuple(hits), settings.lang, matched)
