"""Controllers of ``kyniem feed`` and ``kyniem build``: the one list of items → feed events →
the feeds the user asked for. Plain functions returning views; the CLI only parses arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from .commands import Settings
from .dates import VN_TZ
from .feeds.cache import Blocks, Source, plan_sources, save
from .feeds.catalogue import Feed, catalogue, sort_event, units_feed
from .feeds.events import FeedEvent, events_of
from .feeds.ledger import Ledger
from .feeds.site import EventBytes, StaleCache, feed_bytes
from .feeds.site import build as build_site
from .items import from_occurrences
from .occurrences import of as occurrences_of
from .outputs.feeds import BuildView, FeedView
from .plans.load import plan_paths
from .registry import InputError, Problem

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


@dataclass
class Catalogue:
    feeds: list[Feed]
    sources: list[Source]

    def known_blocks(self) -> Blocks:
        known: Blocks = {}
        for source in self.sources:
            known.update(source.blocks)
        return known

    def keep(self, render: EventBytes) -> None:
        """Hand freshly serialized events to their plan files' cache entries (only a build
        does: its ledger is the one whose stamps the bytes carry), then store changed ones."""
        for source in self.sources:
            new = [render.fresh[k] for e in source.events
                   if (k := (e.uid, e.recurrence_id)) in render.fresh]
            if new:
                current = {e.key for e in source.events}
                renewed = {block[0] for block, _ in new}  # stale bytes of these go
                source.blocks = {b: d for b, d in source.blocks.items()
                                 if b[0] in current and b[0] not in renewed}
                source.blocks.update(new)
                source.dirty = True
        save(self.sources)


def all_feeds(settings: Settings, years: tuple[int, int], fresh: bool = False) -> Catalogue:
    """Every feed: the plans' items (through the per-file cache) and the registry's
    occurrences over ``years``."""
    registry = settings.registry()
    sources = plan_sources(plan_paths(settings.plans), registry, settings.paths(),
                           settings.lang, use_cache=not fresh)
    occs = occurrences_of(registry.anniversaries, settings.leap_day).between(
        date(years[0], 1, 1), date(years[1], 12, 31))
    merged: dict[tuple[str, date | None], FeedEvent] = {}
    for source in sources:
        for event in source.events:
            merged.setdefault((event.uid, event.recurrence_id), event)
    for event in events_of(from_occurrences(occs, settings.lang), settings.lang):
        merged.setdefault((event.uid, event.recurrence_id), event)
    events = sorted(merged.values(), key=sort_event)
    plans = [s.plan for s in sources]
    return Catalogue(catalogue(events, plans, registry.anniversaries, settings.lang, years),
                     sources)


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
    chosen = _choose(all_feeds(settings, span, fresh=True).feeds, selection)
    ledger = Ledger.load(Path(state), now) if state else Ledger(now)
    data = feed_bytes(chosen, EventBytes(ledger, settings.lang), base_url)
    if state:
        ledger.save(Path(state))
    if output:
        _write_feed(Path(output), data)
    return FeedView(chosen.name, chosen.path, len(chosen.events), data, output, settings.lang)


def _choose(feeds: list[Feed], s: Selection) -> Feed:
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
        return Feed("unit", s.unit, "unit.ics", f"{feeds[0].name} — {s.unit}", events)
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
    """The static site (``kyniem build``)."""
    if base_url and not base_url.startswith(("http://", "https://")):
        raise InputError([Problem("", None, "--base-url",
                                  f"{base_url!r}: give an http(s):// address")])
    span = horizon(settings, years)
    now = clock(settings)
    for fresh in (False, True):
        found = all_feeds(settings, span, fresh)
        try:
            report, render = build_site(Path(out), found.feeds, lambda p: Ledger.load(p, now),
                                        settings.lang, base_url, progress,
                                        found.known_blocks())
        except StaleCache:
            continue  # the ledger moved under the cache: once more, from the plan files
        found.keep(render)
        break
    return BuildView(report, len(found.feeds), settings.lang)
