"""A static site of feeds: every ``.ics`` plus ``index.html`` (subscribe links), a page per
plan and per year (:mod:`scheduler.site`). Any web server or CDN serves the folder as it is.

A build writes a whole new release and switches the site to it in one step (:mod:`.release`),
after committing the ledger, the cached parts and the list of published files in one
transaction (:mod:`.state`); a build that fails or is killed leaves the previous site as it
was, and its SEQUENCE numbers can only grow. Files whose bytes did not change are the same
files (hard links: their HTTP Last-Modified/ETag stay, subscribers re-download nothing).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path

from ..dates import VN_TZ
from ..i18n import sort_key, word
from ..registry import InputError, Problem
from ..sanitize import json_lines
from ..site.build import (
    anniversary_days,
    next_day,
    printed,
    write_index,
    write_pages,
    write_private,
    years_of,
)
from ..site.data import PlanHead
from ..site.pages import Listed
from ..wording import calendar_description, quote, say
from . import pool, quiet, release
from .addresses import (
    Address,
    Book,
    Tombstone,
    notice,
    stored_parts,
    units_of,
)
from .catalogue import DAYS, PRIVATE, Pair, described, plan_path, route_name, underlying
from .events import FeedEvent
from .files import Files, Segments
from .ledger import Ledger, Stamp
from .links import join
from .parts import Part, key_space, make_part
from .release import Found, SiteDir
from .state import Published, SiteState
from .tokens import INDEX, Token, Tokens, fingerprint
from .writer import CALENDAR_END, CalendarMeta, calendar_bytes, calendar_head

BIG_FEED = 1_000_000  # Google drops events from feeds around 1 MB
CROWDED_FEED = 1_000  # events: Google and Outlook slow down or drop events beyond (issue 11)


@dataclass
class BuildReport:
    out: str
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)  # feeds
    counts: dict[str, int] = field(default_factory=dict)  # feeds: their events
    pages: dict[str, int] = field(default_factory=dict)  # year pages
    events: int = 0
    release: str = ""  # the release folder now current
    kept: str | None = None  # where a folder replaced with --force was moved
    moved: list[str] = field(default_factory=list)  # gone unit feeds still answering

    @property
    def big(self) -> list[str]:
        return [p for p, n in self.sizes.items() if n > BIG_FEED]

    @property
    def crowded(self) -> list[str]:
        return [p for p, n in self.counts.items() if n > CROWDED_FEED]


@dataclass(frozen=True)
class Source:
    """Where a part comes from: ``load`` gives its events, the plan (id, title) of a plan
    file, and the plan's anniversary days to borrow from the registry part."""

    name: str  # the part's name in the state
    label: str  # what messages call it: the plan file's path
    key: tuple[object, ...]
    load: Callable[[], tuple[list[FeedEvent], tuple[str, str] | PlanHead | None, list[Pair]]]
    span: tuple[int, int] | None = None  # the registry's: milestones feed only these years
    file: Path | None = None  # a plan file: its content's key ends ``key`` (:mod:`.hashes`)


class _LazyLedger:
    """The ledger, read only when some part must be serialized anew."""

    def __init__(self, open_ledger: Callable[[], Ledger],
                 read_whole: Callable[[Ledger], None]) -> None:
        self.open_ledger, self.read_whole = open_ledger, read_whole
        self.ledger: Ledger | None = None

    def __call__(self, key: str, digest: str) -> Stamp:
        return self.open().stamp(key, digest)

    def open(self, whole: bool = False) -> Ledger:
        """The ledger; ``whole``: with every entry read (for forked workers: :mod:`.pool`)."""
        if self.ledger is None:
            self.ledger = self.open_ledger()
        if whole:
            self.read_whole(self.ledger)
        return self.ledger


@dataclass(frozen=True)
class _Run:
    tuning: pool.Tuning
    lock: Sequence[int]  # the build lock's descriptor, which workers must not keep
    tokens: Tokens  # the secret addresses of private feeds


def _lock(target: Target) -> int:
    """One build per site: ``flock(2)`` on the state's ``build.lock``, held while the returned
    descriptor is open (the kernel drops it when a killed build's process ends)."""
    path = target.state / "build.lock"
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise InputError([Problem(str(path), None, "--state", say(
            "state_unusable", why=exc.strerror or str(exc)))]) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise InputError([Problem(str(target.site.link), None, "--out",
                                  say("build_running", state=target.state))]) from None
    return fd


@dataclass(frozen=True)
class Target:
    """Where a build goes: the site (:mod:`.release`), its state folder, ``--force``."""

    site: SiteDir
    state: Path
    force: bool = False


def build(target: Target, registry: Callable[[frozenset[Pair]], Source],
          plans: Sequence[Source], names: dict[str, str], years: tuple[int, int], lang: str,
          base_url: str | None, now: datetime,
          progress: Callable[[int], Callable[[], None]] | None = None,
          tuning: pool.Tuning | None = None) -> BuildReport:
    """Build the site as a new release and make it current (:mod:`.release`), its state
    committed in the same step; one build per site at a time. ``tuning``: how (never what):
    fresh plan files in a pool of processes, the collector held back (:mod:`.pool`)."""
    target.state.mkdir(parents=True, exist_ok=True)
    lock = _lock(target)
    try:
        state = SiteState.open(target.state)
        try:
            run = _Run(tuning or pool.Tuning(), [lock], Tokens(target.state))
            try:
                with pool.held_gc(run.tuning.hold_gc):  # the registry, loaded, is frozen out
                    return _build(target, state, registry, plans, names, years, lang,
                                  base_url, now, progress, run)
            finally:
                run.tokens.close()
        finally:
            state.close()
    finally:
        os.close(lock)


def _build(target: Target, state: SiteState, registry: Callable[[frozenset[Pair]], Source],
           plans: Sequence[Source], names: dict[str, str], years: tuple[int, int], lang: str,
           base_url: str | None, now: datetime,
           progress: Callable[[int], Callable[[], None]] | None, run: _Run) -> BuildReport:
    site = target.site
    owner = state.meta("site")
    if owner is not None and owner != str(site.link):
        raise InputError([Problem(str(target.state), None, "--state",
                                  say("state_of_other_site", site=owner))])
    release.recover(site, state.meta("release"))
    hashes = state.hashes()
    plans = [replace(s, key=(*s.key, hashes.key(s.file)), file=None) if s.file else s
             for s in plans]
    found = release.inspect(site)
    if found is Found.FOREIGN and not target.force:
        raise InputError([Problem(str(site.link), None, "--out", say("site_not_ours"))])
    release.claim(site)
    current = site.current() if found is Found.OURS else None
    previous = (site.release(current) if current else site.link if found is Found.LEGACY
                else None)
    if found is Found.LEGACY and state.new:
        state.import_ledger(release.legacy_ledger(site.link))
    # a new state: events the ledger lacks go on above what subscribers already have
    floors = release.floors(previous) if previous and state.new else {}
    stamps = _LazyLedger(lambda: state.ledger(now, floors), state.read_whole)
    step = progress(len(plans) + 1) if progress else (lambda: None)
    today = now.astimezone(VN_TZ).date()  # the pages' today: next days, timelines
    sources = (registry(frozenset()).key, [(s.name, s.key) for s in plans])
    whole = quiet.whole_key((*sources, fingerprint(run.tokens.live())))
    if current is not None and current == state.meta("release"):
        last = quiet.read(state.meta("quiet"))
        if last is not None and last.holds(whole, current, today, now, site.release(current)):
            for _ in range(len(plans) + 1):
                step()
            state.keep_hashes(hashes)
            return _as_before(site, state, last)
    fresh: list[tuple[str, Part]] = []  # stored with the release, in one transaction

    def made(source: Source, stamp: Callable[[str, str], Stamp]) -> Part:
        events, plan, pairs = source.load()
        return make_part(source.label, source.key, events, stamp, lang, plan, pairs, names,
                         source.span, base_url)

    def part_of(source: Source) -> Part:
        cached = state.part(source.name, source.key)
        if cached is None:
            cached = made(source, stamps)
            fresh.append((source.name, cached))
        step()
        return cached

    planned = _plan_parts(plans, state, made, stamps, step, fresh, run)
    # the registry part holds every anniversary day the plans borrow, so that a day two plans
    # share (outside the horizon too) is one event, never one per plan
    wanted = frozenset(pair for part in planned for path, pairs in part.borrows.items()
                       if not path.startswith(PRIVATE) for pair in pairs)  # issue 13
    lender = registry(wanted)
    registry_part = part_of(lender)
    parts: list[Part] = [registry_part, *planned]
    _check_plan_ids(parts)
    listed, contributors, borrowed = _merge(parts, years, lang, today)
    keep = {lender.name, *(s.name for s in plans)}
    book = _addresses(state, now, parts, fresh, keep, stamps, lang)
    listed, contributors, borrowed, canonical = _relocate(listed, contributors, borrowed,
                                                          book.paths)
    live = run.tokens.ensure({f.key: f.name for f in listed if f.group == "private"}, now,
                             base_url)
    listed, hidden = _secrets(listed, contributors, borrowed, canonical, live)
    # fingerprints hold only for the release they were recorded with
    before = state.published() if current and current == state.meta("release") else {}
    report = BuildReport(str(site.link), events=sum(p.sizes.get("all.ics", 0) for p in parts))
    out = release.Release(site, previous)
    try:
        files = _write(out, before, listed, contributors, borrowed, registry_part, parts,
                       lang, base_url, report, book, canonical, stamps, today, run, hidden,
                       state.layout if before else lambda path: None)
        renewed = files.finish()  # nothing changed: the current release stays
        name = out.name if renewed or current is None else current
        settled = quiet.whole_key((*sources, fingerprint(live)))  # with new tokens, if any
        record = quiet.Quiet(
            settled, name, now.isoformat(), quiet.until(anniversary_days(parts).values(), today),
            book.book.expires(), quiet.folders(site.release(name)), report.counts,
            report.events, sorted(report.pages), report.moved)
        state.commit(name, stamps.ledger, fresh, keep, files.published,
                     {"site": str(site.link), "quiet": record.text()}, book.book.save,
                     files.layouts, hashes)
    except BaseException:
        out.discard()
        raise
    out.close()
    kept = release.switch(site, name, found) if renewed else None
    release.clean(site)
    report.release, report.kept = name, str(kept) if kept else None
    report.removed = sorted(set(before) - set(files.published))
    return report


def _as_before(site: SiteDir, state: SiteState, last: quiet.Quiet) -> BuildReport:
    """The report of a build that finds everything as the last one left it."""
    files = state.published()
    feeds = [*last.counts, *last.moved]
    return BuildReport(str(site.link), unchanged=sorted(files),
                       sizes={p: files[p].size for p in feeds if p in files},
                       counts=dict(last.counts), pages={p: files[p].size for p in last.pages
                                                        if p in files},
                       events=last.events, release=last.release, moved=list(last.moved))


def _plan_parts(plans: Sequence[Source], state: SiteState,
                made: Callable[[Source, Callable[[str, str], Stamp]], Part],
                stamps: _LazyLedger, step: Callable[[], None],
                fresh: list[tuple[str, Part]], run: _Run) -> list[Part]:
    """Each plan file's part, in order: the cached one while its key holds, else made anew,
    in a pool of forked workers when many are (issue 11; :mod:`.pool`); every bad plan file
    is reported, not just the first."""
    found = state.parts([(source.name, source.key) for source in plans])
    missing = [i for i, part in enumerate(found) if part is None]
    for _ in range(len(plans) - len(missing)):
        step()
    outcomes = pool.make_all(len(missing), lambda j, stamp: made(plans[missing[j]], stamp),
                             stamps, lambda: stamps.open(whole=True), step,
                             pool.workers_for(len(missing), run.tuning), run.lock)
    problems: list[Problem] = []
    for i, outcome in zip(missing, outcomes, strict=True):
        if isinstance(outcome, Part):
            found[i] = outcome
            fresh.append((plans[i].name, outcome))
        else:
            problems += outcome
    if problems:
        raise InputError(problems)
    return [part for part in found if part is not None]


@dataclass
class _Addresses:
    book: Book
    paths: dict[str, str]  # canonical unit feed path → its path in the site


def _addresses(state: SiteState, now: datetime, parts: Sequence[Part],
               fresh: Sequence[tuple[str, Part]], keep: set[str], stamps: _LazyLedger,
               lang: str) -> _Addresses:
    """Unit feeds' recorded paths, and the events that left a feed (:mod:`.addresses`):
    the previous parts of the plan files that changed or went are compared with now."""
    book = Book.open(state.db, now)
    gone = [name for (name,) in state.db.execute("SELECT name FROM parts")
            if name not in keep]
    before = stored_parts(state.db, [name for name, _ in fresh] + gone)
    hidden = {key for part in parts for group, key, _, _ in part.titles.values()
              if group == "private" and key.startswith("units/")}
    private = frozenset(k for part in parts if hidden & part.spelled.keys()
                        for path, keys in part.spelled.items() if path in hidden
                        for k in keys)  # spellings of private units (rarely any)
    def label(name: str, locality: str) -> str:
        return route_name("unit", "", name, lang, locality)

    paths = book.place(units_of(parts, label), units_of(before, label), private)
    now_of = {part.source: part.plan_id for part in parts}  # a plan file's id now
    book.keep_plans({part.plan_id: (path, route_name("plan", key, title, lang, issuer))
                     for part in parts if part.plan_id is not None
                     for path, (group, key, title, issuer) in part.titles.items()
                     if group == "plan"},  # a private plan's feed is no plan feed here
                    {p.plan_id: new_id for p in before if p.plan_id is not None
                     and (new_id := now_of.get(p.source)) not in (None, p.plan_id)})
    paths.update({DAYS + p: DAYS + q for p, q in list(paths.items())})
    if before or book.tombstones:
        def site_path(canonical: str) -> str:
            return paths.get(canonical, _old_path(book, canonical))

        # the keys of the feeds that can lose an event: those the changed plans' events were
        # in, those holding cancelled events, and all.ics (every key of the site); of them
        # only those the changed plans had, or cancelled events have, are asked about
        wanted = {site_path(c) for p in before for c in p.feeds}
        wanted |= {path for path, _ in book.tombstones} | {"all.ics", PRIVATE + "all.ics"}
        asked = {k for p in before for k in p.keys} | {k for _, k in book.tombstones}
        spaces = {key_space(k) for k in asked}
        held: dict[str, set[str]] = defaultdict(set)
        for part in parts:  # most parts hold another plan's events: their keys stay unread
            if spaces.isdisjoint(part.spaces) or asked.isdisjoint(part.keys):
                continue
            for path, indexes in part.feeds.items():
                where = paths.get(path, path)
                if where in wanted:
                    held[where].update(k for i in indexes if (k := part.keys[i]) in asked)
        book.cancel(before, held, site_path, stamps,
                    held["all.ics"] | held[PRIVATE + "all.ics"], lang,
                    frozenset(held[PRIVATE + "all.ics"]))
    return _Addresses(book, paths)


def _old_path(book: Book, canonical: str) -> str:
    """Where a unit feed that no longer exists was published (its key-days feed beside it:
    ``days/`` and the unit feed's recorded path)."""
    days = canonical.startswith(DAYS)
    identity = canonical.removeprefix(DAYS).removeprefix("units/").removesuffix(".ics")
    found = book.addresses.get(identity)
    if found is None:
        return canonical
    return DAYS + found.path if days else found.path


def _relocate(listed: list[Listed], contributors: dict[str, list[Part]],
              borrowed: dict[str, list[Pair]], paths: dict[str, str]
              ) -> tuple[list[Listed], dict[str, list[Part]], dict[str, list[Pair]],
                         dict[str, str]]:
    """Unit feeds at their recorded paths; the parts still know them by the canonical one
    (returned: site path → canonical path)."""
    canonical = {paths.get(f.path, f.path): f.path for f in listed}

    def placed(f: Listed) -> Listed:
        path = paths.get(f.path, f.path)
        key = paths.get(f.key, f.key) if f.group == "days" else f.key
        # most feeds stay where they are: no copy (a national site lists 4,000)
        return f if path == f.path and key == f.key else replace(f, path=path, key=key)

    moved = [placed(f) for f in listed]
    return (moved, {paths.get(p, p): v for p, v in contributors.items()},
            {paths.get(p, p): v for p, v in borrowed.items()}, canonical)


def _secrets(listed: list[Listed], contributors: dict[str, list[Part]],
             borrowed: dict[str, list[Pair]], canonical: dict[str, str],
             live: dict[str, list[Token]]) -> tuple[list[Listed], dict[str, str]]:
    """Private feeds at their secret addresses only, one copy per live token (:mod:`.tokens`);
    ``contributors``, ``borrowed`` and ``canonical`` learn the new paths. Returned: the
    feeds, and each secret path → the private path the parts and cancelled events know."""
    out: list[Listed] = []
    hidden: dict[str, str] = {}
    for feed in listed:
        if feed.group != "private":
            out.append(feed)
            continue
        for token in live.get(feed.key, []):
            path = token.path(feed.key)
            out.append(replace(feed, path=path))
            hidden[path] = feed.path
            contributors[path] = contributors[feed.path]
            if feed.path in borrowed:
                borrowed[path] = borrowed[feed.path]
            canonical[path] = canonical.get(feed.path, feed.path)
    return out, hidden


def _write(out: release.Release, before: dict[str, Published], listed: list[Listed],
           contributors: dict[str, list[Part]], borrowed: dict[str, list[Pair]],
           registry_part: Part, parts: list[Part], lang: str, base_url: str | None,
           report: BuildReport, addresses: _Addresses, canonical: dict[str, str],
           stamps: Callable[[str, str], Stamp], today: date, run: _Run,
           hidden: dict[str, str], layout_of: Callable[[str], release.Layout | None]
           ) -> Files:
    """Every file of the new release: taken from the previous one when its fingerprint (or
    its bytes) did not move, else written (:mod:`.files`), a feed from its segments: its
    head, each part's share, the registry's days it borrows, its cancelled events
    (``layout_of``: how the previous release's feed was made of them). ``hidden``: the
    private feeds' secret paths (:func:`_secrets`), which no public page or listing
    names."""
    files = Files(out, before, report, keep_closed=run.lock, tuning=run.tuning,
                  layout_of=layout_of)
    book = addresses.book
    cancelled = book.held()
    for feed in listed:
        mine = contributors[feed.path]
        lent = borrowed.get(feed.path, [])
        # events that left it, cancelled (addresses.py)
        dead = cancelled.get(hidden.get(feed.path, feed.path), [])
        lent_id = registry_part.lent_print(lent)
        head = (f"{feed.name}\x1f{base_url}\x1f{lent}\x1f{lent_id if lent else ''}\x1f"
                f"{[(t.key, t.since.isoformat()) for t in dead]}")
        url = join(base_url, feed.path) if base_url else None
        source = canonical.get(feed.path, feed.path)

        def feed_bytes(feed: Listed = feed, mine: list[Part] = mine, lent: list[Pair] = lent,
                       url: str | None = url, dead: list[Tombstone] = dead,
                       source: str = source, lent_id: str = lent_id) -> Segments:
            # each part's events read only when the previous file lacks them
            about = calendar_description(described(feed.group, feed.key),
                                         feed.short or feed.name, lang, feed.locality)
            top = calendar_head(CalendarMeta(feed.name, about, url))
            return Segments([
                (_digest(top.decode(), []), lambda: top),
                *((p.prints[source], partial(p.chunk, source)) for p in mine),
                (lent_id, partial(registry_part.lend, lent)),
                *((hashlib.blake2b(t.data, digest_size=12).hexdigest(), partial(bytes, t.data))
                  for t in dead),
                ("end", lambda: CALENDAR_END)])

        files.put(feed.path, _digest(head, [p.prints[source] for p in mine]), feed_bytes)
        report.counts[feed.path] = feed.events
    retired = [path for gone in book.retired()  # a feed that went answers, saying where to
               for path in _write_retired(gone, book, cancelled, listed, base_url, lang,
                                          stamps, files, report)]
    # year pages, plan pages (scheduler/site/build.py): public feeds only
    public = [f for f in listed if f.group != "private"]
    cards = printed(public)
    years = write_pages(files.put, public, parts, canonical, lang, base_url, cards)
    files.flush(pooled=all(p.in_memory for p in parts))
    for path in (*(f.path for f in listed), *retired):
        report.sizes[path] = files.size(path)
    report.pages = {path: files.size(path) for path in years}
    write_index(files.put, public, report.sizes, lang, base_url, years_of(parts), today,
                cards)
    write_private(files.put, [f for f in listed if f.group == "private"], report.sizes,
                  run.tokens.live().get(INDEX, []), lang, base_url)
    rows = [{"group": f.group, "key": f.key, "path": f.path, "name": f.name,
             "events": f.events, "bytes": report.sizes[f.path]} for f in public]
    # fingerprinted by its rows: made only when they moved (json_lines: one feed a line)
    files.put("feeds.json", _digest("lines\x1f" + repr(rows), []),  # its format, then rows
              lambda: json_lines(rows).encode())
    files.flush(pooled=False)
    return files


def _write_retired(gone: Address, book: Book, cancelled: dict[str, list[Tombstone]],
                   listed: list[Listed], base_url: str | None,
                   lang: str, stamps: Callable[[str, str], Stamp], files: Files,
                   report: BuildReport) -> list[str]:
    """The calendars a gone unit's feeds answer with during its grace period (its feed and
    its key-days feed): named as moved, one notice event saying where its work is now, their
    events cancelled."""
    paths = []
    for prefix in ("", DAYS):
        path = prefix + gone.path
        target = next((f for f in listed if gone.moved_to
                       and f.path == prefix + gone.moved_to), None)
        url = join(base_url, target.path) if base_url and target else None
        name = word("feed_moved_name" if target else "feed_removed_name", lang, name=gone.name)
        dead = cancelled.get(path, [])
        head = (f"{name}\x1f{url}\x1f{target.name if target else ''}\x1f"
                f"{[(t.key, t.since.isoformat()) for t in dead]}")
        # the key-days feed's notice is an event of its own (a UID means one event)
        about = replace(gone, identity=gone.identity + ("/days" if prefix else ""))

        def make(about: Address = about, url: str | None = url,
                 target: Listed | None = target, name: str = name,
                 dead: list[Tombstone] = dead) -> bytes:
            text = f"{about.identity}\x1f{url}\x1f{target.name if target else ''}"
            stamp = stamps(f"moved/{about.identity}@kyniem",
                           hashlib.blake2b(text.encode(), digest_size=12).hexdigest())
            first = notice(about, url, target.name if target else None, lang, stamp)
            return calendar_bytes(CalendarMeta(name), [first, *(t.data for t in dead)])

        files.put(path, _digest(head, []), make, here=True)  # it stamps the ledger
        report.moved.append(path)
        paths.append(path)
    return paths


def _check_plan_ids(parts: Sequence[Part]) -> None:
    seen: dict[str, str] = {}
    problems = []
    for part in parts:
        if part.plan_id is None:
            continue
        if part.plan_id in seen:
            problems.append(Problem(part.source, None, "id", say(
                "plan_id_used", id=quote(part.plan_id), other=seen[part.plan_id])))
        seen.setdefault(part.plan_id, part.source)
    if problems:
        raise InputError(problems)


def _merge(parts: Sequence[Part], years: tuple[int, int], lang: str, today: date
           ) -> tuple[list[Listed], dict[str, list[Part]], dict[str, list[Pair]]]:
    """Every feed of the site, in the index's order, with the parts that hold its events and
    the registry days it borrows; with what the pages show of each (a plan's head, an
    anniversary's next day on or after ``today``, a unit's plans)."""
    contributors: dict[str, list[Part]] = defaultdict(list)
    titles: dict[str, tuple[str, str, str, str]] = {}
    borrowed: dict[str, set[Pair]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for part in parts:
        for path, size in part.sizes.items():
            contributors[path].append(part)
            counts[path] += size
        for path, title in part.titles.items():
            titles.setdefault(path, title)
        for path, pairs in part.borrows.items():
            borrowed[path].update(pairs)
    registry = parts[0]
    lent = {path: sorted(pairs) for path, pairs in borrowed.items()}
    for path, pairs in lent.items():
        counts[path] += sum(registry.day_sizes.get(pair, 0) for pair in pairs)
    start, end = years
    listed = [Listed("all", "all", "all.ics", word("feed_all", lang), counts["all.ics"]),
              Listed("milestones", "milestones", "milestones.ics",
                     word("feed_milestones", lang, start=start, end=end),
                     counts["milestones.ics"])]
    contributors.setdefault("milestones.ics", [])
    by_group: dict[str, list[Listed]] = defaultdict(list)
    plans = {p.plan_id: p for p in parts if p.plan_id is not None}
    days = anniversary_days(parts)
    by_path = {plan_path(i): p for i, p in plans.items()}  # a private plan's key is its path
    for path, (group, key, name, locality) in titles.items():
        plan = plans.get(key) if group == "plan" else by_path.get(key) \
            if group == "private" else None
        by_group[group].append(Listed(
            group, key, path, route_name(group, key, name, lang, locality),
            counts[path], locality,
            short=name, head=plan.head if plan else None, span=plan.span if plan else None,
            next=next_day(days.get(key, []), today) if group == "anniversary" else None,
            plans=tuple(dict.fromkeys(p.plan_id for p in contributors[path] if p.plan_id))
            if group in ("unit", "private") else ()))
    listed += by_group["plan"]  # in the plan files' order
    listed += sorted(by_group["anniversary"], key=lambda f: f.key)
    listed += sorted(by_group["unit"],
                     key=lambda f: (sort_key(f.locality), sort_key(f.name), f.path))
    order = {f.path: i for i, f in enumerate(listed)}  # each main feed's, then its key days'
    listed += sorted(by_group["days"], key=lambda f: (order.get(f.key, len(order)), f.path))
    rank = {"all": 0, "plan": 1, "unit": 2, "days": 3}  # private feeds last, as their page
    listed += sorted(by_group["private"], key=lambda f: (
        rank[underlying(f.key)], sort_key(f.locality), sort_key(f.name), f.path))
    return listed, contributors, lent


def _digest(head: str, tokens: Sequence[str]) -> str:
    h = hashlib.blake2b(head.encode(), digest_size=16)
    h.update("".join(tokens).encode())
    return h.hexdigest()


