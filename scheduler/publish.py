"""Controllers of ``kyniem feed`` and ``kyniem build``: the one list of items → feed events →
the feeds the user asked for. Plain functions returning views; the CLI only parses arguments.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path

from .commands import Settings
from .dates import VN_TZ
from .feeds import parts, site
from .feeds.catalogue import Feed, catalogue, units_feed
from .feeds.events import FeedEvent, events_of
from .feeds.ledger import Ledger
from .feeds.site import EventBytes, feed_bytes
from .i18n import word
from .items import ItemKind, from_occurrences
from .model import Occurrence
from .occurrences import of as occurrences_of
from .outputs.feeds import BuildView, FeedView
from .plans.load import plan_paths
from .registry import InputError, Problem
from .registry.cache import source_key

HORIZON_YEARS = 10


@dataclass(frozen=True)
class Selection:
    unit: str | None = None
    anniversary: str | None = None
    plan: str | None = None
    milestones: bool = False


def horizon(settings: Settings, years: int | None) -> tuple[int, int]:
    """This year to +10 by default (issue 4: "milestones of the next ten years")."""
    first = settings.today.year
    return first, first + (HORIZON_YEARS if years is None else years)


def all_feeds(settings: Settings, years: tuple[int, int]) -> list[Feed]:
    """Every feed: the plans' items and the registry's occurrences over ``years``, read in
    one pass (``kyniem feed``; ``kyniem build`` reads the same through cached parts)."""
    from .items import of as items_of
    from .planning import load

    registry = settings.registry()
    plans = load(settings)
    items = items_of(plans, from_occurrences(_occurrences(settings, years), settings.lang))
    return catalogue(events_of(items, settings.lang), plans, registry.anniversaries,
                     settings.lang, years)


def _occurrences(settings: Settings, years: tuple[int, int]) -> list[Occurrence]:
    return occurrences_of(settings.registry().anniversaries, settings.leap_day).between(
        date(years[0], 1, 1), date(years[1], 12, 31))


def clock(settings: Settings) -> datetime:
    """The moment stamped on changed events: midnight of ``--now`` (scripts, tests, byte-
    identical output) or the real time."""
    if settings.now is not None:
        return datetime.combine(settings.now, time(), VN_TZ).astimezone(UTC)
    return datetime.now(UTC)


def feed(settings: Settings, selection: Selection, years: int | None, output: str | None,
         state: str | None, base_url: str | None) -> FeedView:
    """One feed, to stdout or a file (``kyniem feed``)."""
    span = horizon(settings, years)
    now = clock(settings)
    # from the plan files, not the site's cache: that cache's bytes carry the site's stamps
    chosen = _choose(all_feeds(settings, span), selection, settings.lang)
    ledger = Ledger.load(Path(state), now) if state else Ledger(now)
    data = feed_bytes(chosen, EventBytes(ledger, settings.lang), base_url)
    if state:
        ledger.save(Path(state))
    if output:
        _write_feed(Path(output), data)
    return FeedView(chosen.name, chosen.path, len(chosen.events), data, output, settings.lang)


def _choose(feeds: list[Feed], s: Selection, lang: str) -> Feed:
    given = [x for x in (s.unit, s.anniversary, s.plan) if x] + (["m"] if s.milestones else [])
    if len(given) > 1:
        raise InputError([Problem("", None, "feed",
                                  "give one of --unit, --anniversary, --plan, --milestones")])
    if s.milestones:
        return feeds[1]
    if s.unit:
        events: tuple[FeedEvent, ...] = units_feed(feeds[0].events, s.unit)
        if not any(e.units for e in events):
            raise _unknown("unit", s.unit, [f.key for f in feeds if f.group == "unit"])
        return Feed("unit", s.unit, "unit.ics", word("feed_unit", lang, name=s.unit), events)
    for group, key in (("plan", s.plan), ("anniversary", s.anniversary)):
        if key:
            found = next((f for f in feeds if f.group == group and f.key == key), None)
            if found is None:
                raise _unknown(group, key, [f.key for f in feeds if f.group == group])
            return found
    return feeds[0]


def _unknown(group: str, key: str, known: list[str]) -> InputError:
    shown = ", ".join(known[:12]) + (" …" if len(known) > 12 else "")
    return InputError([Problem("", None, group, f"no {group} {key!r} (known: {shown or '-'})")])


def _write_feed(path: Path, data: bytes) -> None:
    """Replace only a feed kyniem wrote; anything else the user has there stays."""
    from .atomic import write_atomic
    from .feeds.writer import PRODID

    if path.exists():
        head = path.open("rb").read(200)
        if f"PRODID:{PRODID.split('//kyniem ')[0]}".encode() not in head:
            raise InputError([Problem(str(path), None, "-o",
                                      "exists and is not a kyniem feed; not replaced")])
    write_atomic(path, data)


def build(settings: Settings, out: str, base_url: str | None, years: int | None,
          progress: Callable[[int], Callable[[], None]] | None = None) -> BuildView:
    """The static site (``kyniem build``), from cached parts where nothing changed."""
    if base_url and not base_url.startswith(("http://", "https://")):
        raise InputError([Problem("", None, "--base-url",
                                  f"{base_url!r}: give an http(s):// address")])
    span = horizon(settings, years)
    registry = settings.registry()
    lang = settings.lang
    context = (parts.FORMAT, source_key(settings.paths()), span, lang, settings.leap_day.value)

    @cache
    def registry_events() -> list[FeedEvent]:
        return events_of(from_occurrences(_occurrences(settings, span), lang), lang)

    @cache
    def registry_days() -> frozenset[tuple[str, int]]:
        return frozenset((e.anniversaries[0], e.start.year) for e in registry_events())

    def plan_source(path: Path) -> site.Source:
        def read() -> tuple[list[FeedEvent], tuple[str, str], list[tuple[str, int]]]:
            from .items import of as items_of
            from .plans.load import load_plans

            (plan,) = load_plans([path], registry)
            pairs = [(a.id, plan.year) for a in (plan.anniversary, *plan.combined_with)]
            lent = registry_days()  # a plan's anniversary day the registry part already has
            events = [e for e in events_of(items_of([plan]), lang)
                      if not (e.kind is ItemKind.ANNIVERSARY and e.anniversaries
                              and (e.anniversaries[0], e.start.year) in lent)]
            return events, (plan.id, plan.title), pairs

        name = hashlib.blake2b(os.path.realpath(path).encode(), digest_size=8).hexdigest()
        return site.Source(name, str(path), (*context, source_key([str(path)])), read)

    names = {a.id: a.display_name(lang) for a in registry.anniversaries}
    now = clock(settings)
    report = site.build(Path(out),
                        site.Source("registry", "registry", context,
                                    lambda: (registry_events(), None, [])),
                        [plan_source(p) for p in plan_paths(settings.plans)], names, span,
                        lang, base_url, lambda p: Ledger.load(p, now), progress)
    return BuildView(report, len(report.sizes), lang)
