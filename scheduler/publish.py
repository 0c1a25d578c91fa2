"""Controllers of ``kyniem feed`` and ``kyniem build``: the one list of items → feed events →
the feeds the user asked for. Plain functions returning views; the CLI only parses arguments.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from .commands import Settings
from .dates import VN_TZ
from .feeds import parts, release, site
from .feeds.catalogue import DAYS, Feed, catalogue, plan_path, unit_identity, units_feed
from .feeds.events import FeedEvent, events_of
from .feeds.ledger import Ledger
from .feeds.pool import Tuning
from .feeds.writer import CalendarMeta, EventBytes, calendar_bytes
from .items import ItemKind, from_occurrences
from .model import Occurrence
from .occurrences import occurrence
from .occurrences import of as occurrences_of
from .outputs.feeds import BuildView, FeedView
from .plans.daysoff import holidays_version
from .plans.paths import plan_files
from .registry import InputError, Problem
from .registry.cache import source_key
from .rules import LUNAR_YEARS
from .site.data import PlanHead, head_of
from .state import site_state
from .units.attach import identify
from .wording import quote, say

HORIZON_YEARS = 10


@dataclass(frozen=True)
class Selection:
    unit: str | None = None
    anniversary: str | None = None
    plan: str | None = None
    milestones: bool = False
    key_days: bool = False  # the plan's or unit's "deadlines and key days" feed


def horizon(settings: Settings, years: int | None) -> tuple[int, int]:
    """Last year to +10 by default (issue 4: "milestones of the next ten years"; issue 11:
    last year's events stay in the feeds after New Year, a subscriber's history with them)."""
    first = settings.today.year - 1
    last = settings.today.year + (HORIZON_YEARS if years is None else years)
    if last >= LUNAR_YEARS.stop:
        raise InputError([Problem("", None, "--years", say(
            "horizon_past_lunar", last=last, limit=LUNAR_YEARS.stop - 1))])
    return first, last


def all_feeds(settings: Settings, years: tuple[int, int]) -> list[Feed]:
    """Every feed: the plans' items and the registry's occurrences over ``years``, read in
    one pass (``kyniem feed``; ``kyniem build`` reads the same through cached parts)."""
    from .items import combined
    from .items import of as items_of
    from .planning import load

    registry = settings.registry()
    plans = load(settings)
    public = [p for p in plans if not p.private]
    # the registry's occurrences first: where a plan's anniversary day is the same event
    # (same UID), the one computed with --leap-day wins
    own = {a.id for p in public for a in (p.anniversary, *combined(p))}
    items = [*from_occurrences(_occurrences(settings, years, own), settings.lang),
             *items_of(public)]
    known = {p.id: p for p in plans}
    events = identify(events_of(items, settings.lang), known, settings.resolver())
    # a private plan's events, its anniversary days among them, go to private feeds only
    # (issue 13); a day the public list has already is that one event
    seen = {(e.uid, e.recurrence_id) for e in events}
    events += [e._replace(private=True) for e in identify(
        events_of(items_of([p for p in plans if p.private]), settings.lang), known,
        settings.resolver()) if (e.uid, e.recurrence_id) not in seen]
    return catalogue(events, plans, registry.anniversaries, settings.lang, years)


def _occurrences(settings: Settings, years: tuple[int, int], also: frozenset[str] | set[str]
                 ) -> list[Occurrence]:
    """The national anniversaries and the locality's (``--locality``), and those the plans
    commemorate (``also``), over ``years``."""
    return occurrences_of(settings.anniversaries(also), settings.leap_day).between(
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
    check_url(base_url)
    for flag, path in (("-o", output), ("--state", state)):
        if path is not None:
            _check_file(flag, Path(path))
    span = horizon(settings, years)
    now = clock(settings)
    # from the plan files, not the site's cache: that cache's bytes carry the site's stamps
    feeds = all_feeds(settings, span)
    chosen = _choose(feeds, selection, settings.lang)
    if selection.key_days:
        second = next((f for f in feeds if f.group == "days" and f.key == chosen.path
                       or f.group == "private" and f.key == DAYS + chosen.key), None)
        if second is None:
            raise InputError([Problem("", None, "--key-days", say("key_days_needs"))])
        chosen = second
    ledger = Ledger.load(Path(state), now) if state else Ledger(now)
    data = calendar_bytes(CalendarMeta(chosen.name, chosen.description, base_url),
                          EventBytes(ledger, settings.lang, site_base(base_url, chosen.path))(
                              chosen.events))
    if state:
        ledger.save(Path(state))
    if output:
        _write_feed(Path(output), data)
    return FeedView(chosen.name, chosen.path, len(chosen.events), data, output, settings.lang)


def site_base(feed_url: str | None, path: str) -> str | None:
    """The site's address from a feed's own (``kyniem feed --base-url``), for the events'
    links to their plan pages: ``…/kyniem/plans/p.ics`` (the feed's path in a site) or
    ``…/kyniem/all.ics`` → ``…/kyniem``; an address that is no ``.ics`` file is the site's."""
    if not feed_url:
        return None
    base = feed_url.split("?", 1)[0].split("#", 1)[0]
    if base.endswith("/" + path):
        return base[: -len(path) - 1]
    return base.rsplit("/", 1)[0] if base.endswith(".ics") else base


def _choose(feeds: list[Feed], s: Selection, lang: str) -> Feed:
    for flag, value in (("--unit", s.unit), ("--anniversary", s.anniversary),
                        ("--plan", s.plan)):
        if value is not None and not value.strip():
            raise InputError([Problem("", None, flag, say("option_empty"))])
    given = [x for x in (s.unit, s.anniversary, s.plan) if x] + (["m"] if s.milestones else [])
    if len(given) > 1:
        raise InputError([Problem("", None, "feed", say("feed_one_choice"))])
    if s.milestones:
        return feeds[1]
    if s.unit:
        matches = units_feed(feeds, s.unit)
        if len(matches) != 1:
            known = matches or [f for f in feeds if f.group == "unit"]
            raise InputError([Problem("", None, "--unit", say(
                "unit_ambiguous" if matches else "unit_unknown", unit=s.unit,
                known="; ".join(f"{unit_identity(f)} ({f.name})" for f in known[:12])
                + (" …" if len(known) > 12 else "")))])
        return matches[0]
    for group, key in (("plan", s.plan), ("anniversary", s.anniversary)):
        if key:
            found = next((f for f in feeds if f.group == group and f.key == key
                          # a private plan's (issue 13): this is the office's own machine
                          or group == "plan" and f.group == "private"
                          and f.key == plan_path(key)), None)
            if found is None:
                raise _unknown(group, key, [f.key for f in feeds if f.group == group])
            return found
    return feeds[0]


def _unknown(group: str, key: str, known: list[str]) -> InputError:
    shown = "; ".join(known[:12]) + (" …" if len(known) > 12 else "")
    return InputError([Problem("", None, group, say("feed_unknown_key",
                                                    group=say(f"find_what_{group}"),
                                                    name=quote(key), known=shown or "-"))])


def check_url(base_url: str | None) -> None:
    """``--base-url``: an absolute http(s) address and nothing else (a CR or LF would start
    new lines in every feed: RFC 5545 §3.1)."""
    if base_url is not None:
        from .urls import UrlError, site_url

        try:
            site_url(base_url)
        except UrlError as exc:
            raise InputError([Problem("", None, "--base-url", exc.message)]) from None


def _check_file(flag: str, path: Path) -> None:
    """A file to write: its folder must exist (a mistyped path makes no folders) and it must
    not be a folder itself."""
    if not path.parent.is_dir():
        raise InputError([Problem(str(path), None, flag, say("path_no_folder",
                                                              folder=str(path.parent)))])
    if path.is_dir():
        raise InputError([Problem(str(path), None, flag, say("path_is_folder"))])


def _write_feed(path: Path, data: bytes) -> None:
    """Replace only a feed kyniem wrote; anything else the user has there stays."""
    from .atomic import check_replaceable, write_atomic
    from .feeds.writer import PRODID_MARK

    check_replaceable(path)  # before reading it: a FIFO would block, a device is no feed
    if path.exists():
        with path.open("rb") as fh:
            head = fh.read(200)
        if PRODID_MARK not in head:
            raise InputError([Problem(str(path), None, "-o", say("feed_not_ours"))])
    write_atomic(path, data)


def build(settings: Settings, out: str, base_url: str | None, years: int | None,
          progress: Callable[[int], Callable[[], None]] | None = None,
          force: bool = False, state: str | None = None,
          tuning: Tuning | None = None) -> BuildView:
    """The static site (``kyniem build``), from cached parts where nothing changed;
    ``tuning`` (the benchmark's) says how, never what (:mod:`.feeds.pool`)."""
    check_url(base_url)
    span = horizon(settings, years)
    found = release.resolve(out)
    folder = Path(state) if state else Path(site_state(str(found.link)))
    if folder.exists() and not folder.is_dir():
        raise InputError([Problem(str(folder), None, "--state", say("state_not_folder"))])
    registry = settings.registry()
    lang = settings.lang
    inputs = (parts.FORMAT, source_key(settings.paths()), span, lang, settings.leap_day.value,
              source_key(settings.unit_paths()), base_url,  # base_url: each event's URL
              settings.locality,
              holidays_version())  # its days off move deadlines and reminders (workdays.py)
    # in every part's key: as one digest (a thousand keys repeat it, and are hashed twice)
    context = (hashlib.blake2b(repr(inputs).encode(), digest_size=16).hexdigest(),)

    def registry_source(borrowed: frozenset[tuple[str, int]]) -> site.Source:
        """The registry's occurrences over the horizon, and the days plans borrow outside it
        (a 2022 plan's anniversary day in a 2026 site)."""
        extra = tuple(sorted(p for p in borrowed
                             if registry.get(p[0]) and not span[0] <= p[1] <= span[1]))

        def read() -> tuple[list[FeedEvent], None, list[tuple[str, int]]]:
            occs = _occurrences(settings, span, {p[0] for p in borrowed})
            for anniversary_id, year in extra:
                found = occurrence(registry.get(anniversary_id), year,  # type: ignore[arg-type]
                                   settings.leap_day)
                occs += [found] if found else []
            return events_of(from_occurrences(occs, lang), lang), None, []

        return site.Source("registry", "registry", (*context, extra), read, span)

    def plan_source(path: Path, real: str) -> site.Source:
        def read() -> tuple[list[FeedEvent], PlanHead, list[tuple[str, int]]]:
            from .items import combined
            from .items import of as items_of
            from .plans.load import load_plans

            (plan,) = load_plans([path], registry)
            # the registry part has these days (it is asked for them); a plan's own
            # anniversary that the registry lacks stays in the plan's part, as do a private
            # plan's days (issue 13: asking the registry for a year outside the horizon would
            # put that day, and a year page, in the public site)
            days = [a.id for a in (plan.anniversary, *combined(plan))
                    if registry.get(a.id) and not plan.private]
            events = [e for e in identify(events_of(items_of([plan]), lang), {plan.id: plan},
                                          settings.resolver())
                      if not (e.kind is ItemKind.ANNIVERSARY and e.anniversaries
                              and e.anniversaries[0] in days)]
            if plan.private:  # its anniversary days too (the registry's UIDs, no plan id)
                events = [e._replace(private=True) for e in events]
            return events, head_of(plan), [(a, plan.year) for a in days]  # head: its page

        name = hashlib.blake2b(real.encode(), digest_size=8).hexdigest()
        return site.Source(name, str(path), context, read, file=path)

    names = {a.id: a.display_name(lang) for a in registry.anniversaries}
    report = site.build(site.Target(found, folder, force), registry_source,
                        [plan_source(p, r) for p, r in plan_files(settings.plans)], names,
                        span, lang, base_url, clock(settings), progress, tuning)
    return BuildView(report, len(report.sizes), lang)
