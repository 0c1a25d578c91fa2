"""A static site of feeds: every ``.ics`` plus ``index.html`` (subscribe links) and a page per
year. Any web server or CDN serves the folder as it is.

A build writes a whole new release and switches the site to it in one step (:mod:`.release`),
after committing the ledger, the cached parts and the list of published files in one
transaction (:mod:`.state`); a build that fails or is killed leaves the previous site as it
was, and its SEQUENCE numbers can only grow. Files whose bytes did not change are the same
files (hard links: their HTTP Last-Modified/ETag stay, subscribers re-download nothing).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..i18n import sort_key, word
from ..registry import InputError, Problem
from ..sanitize import json_text
from ..wording import say
from . import release
from .events import FeedEvent
from .html import Listed, index_page, year_page
from .ledger import Ledger, Stamp
from .links import join
from .parts import Pair, Part, make_part
from .release import Found, SiteDir
from .state import Published, SiteState
from .writer import CalendarMeta, calendar_bytes

BIG_FEED = 1_000_000  # Google drops events from feeds around 1 MB


@dataclass
class BuildReport:
    out: str
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)  # feeds
    pages: dict[str, int] = field(default_factory=dict)  # year pages
    events: int = 0
    release: str = ""  # the release folder now current
    kept: str | None = None  # where a folder replaced with --force was moved

    @property
    def big(self) -> list[str]:
        return [p for p, n in self.sizes.items() if n > BIG_FEED]


@dataclass(frozen=True)
class Source:
    """Where a part comes from: ``load`` gives its events, the plan (id, title) of a plan
    file, and the plan's anniversary days to borrow from the registry part."""

    name: str  # the part's name in the state
    label: str  # what messages call it: the plan file's path
    key: tuple[object, ...]
    load: Callable[[], tuple[list[FeedEvent], tuple[str, str] | None, list[Pair]]]
    span: tuple[int, int] | None = None  # the registry's: milestones feed only these years


class _LazyLedger:
    """The ledger, read only when some part must be serialized anew."""

    def __init__(self, open_ledger: Callable[[], Ledger]) -> None:
        self.open_ledger = open_ledger
        self.ledger: Ledger | None = None

    def __call__(self, key: str, digest: str) -> Stamp:
        if self.ledger is None:
            self.ledger = self.open_ledger()
        return self.ledger.stamp(key, digest)


@dataclass(frozen=True)
class Target:
    """Where a build goes: the site (:mod:`.release`), its state folder, ``--force``."""

    site: SiteDir
    state: Path
    force: bool = False


def build(target: Target, registry: Callable[[frozenset[Pair]], Source],
          plans: Sequence[Source], names: dict[str, str], years: tuple[int, int], lang: str,
          base_url: str | None, now: datetime,
          progress: Callable[[int], Callable[[], None]] | None = None) -> BuildReport:
    """Build the site as a new release and make it current (:mod:`.release`), its state
    committed in the same step; one build per site at a time."""
    from filelock import FileLock, Timeout

    target.state.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(target.state / "build.lock"), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise InputError([Problem(str(target.site.link), None, "--out",
                                  say("build_running", state=target.state))]) from None
    try:
        state = SiteState.open(target.state)
        try:
            return _build(target, state, registry, plans, names, years, lang, base_url, now,
                          progress)
        finally:
            state.close()
    finally:
        lock.release()


def _build(target: Target, state: SiteState, registry: Callable[[frozenset[Pair]], Source],
           plans: Sequence[Source], names: dict[str, str], years: tuple[int, int], lang: str,
           base_url: str | None, now: datetime,
           progress: Callable[[int], Callable[[], None]] | None) -> BuildReport:
    site = target.site
    owner = state.meta("site")
    if owner is not None and owner != str(site.link):
        raise InputError([Problem(str(target.state), None, "--state",
                                  say("state_of_other_site", site=owner))])
    release.recover(site, state.meta("release"))
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
    stamps = _LazyLedger(lambda: state.ledger(now, floors))
    step = progress(len(plans) + 1) if progress else (lambda: None)
    fresh: list[tuple[str, Part]] = []

    def part_of(source: Source) -> Part:
        cached = state.part(source.name, source.key)
        if cached is not None:
            step()
            return cached
        events, plan, pairs = source.load()
        part = make_part(source.label, source.key, events, stamps, lang, plan, pairs, names,
                         source.span)
        fresh.append((source.name, part))  # stored with the release, in one transaction
        step()
        return part

    planned: list[Part] = []
    problems: list[Problem] = []
    for source in plans:
        try:
            planned.append(part_of(source))
        except InputError as exc:  # every bad plan file is reported, not just the first
            problems += exc.problems
    if problems:
        raise InputError(problems)
    # the registry part holds every anniversary day the plans borrow, so that a day two plans
    # share (outside the horizon too) is one event, never one per plan
    wanted = frozenset(pair for part in planned for pairs in part.borrows.values()
                       for pair in pairs)
    lender = registry(wanted)
    registry_part = part_of(lender)
    parts: list[Part] = [registry_part, *planned]
    _check_plan_ids(parts)
    listed, contributors, borrowed = _merge(parts, years, lang)
    # fingerprints hold only for the release they were recorded with
    before = state.published() if current and current == state.meta("release") else {}
    report = BuildReport(str(site.link), events=sum(len(p.feeds.get("all.ics", ()))
                                                    for p in parts))
    out = release.Release(site, previous)
    try:
        files = _write(out, before, listed, contributors, borrowed, registry_part, parts,
                       lang, base_url, report)
        state.commit(out.name, stamps.ledger, fresh, {lender.name, *(s.name for s in plans)},
                     files, {"site": str(site.link)})
    except BaseException:
        out.discard()
        raise
    out.close()
    kept = release.switch(site, out.name, found)
    release.clean(site)
    report.release, report.kept = out.name, str(kept) if kept else None
    report.removed = sorted(set(before) - set(files))
    return report


def _write(out: release.Release, before: dict[str, Published], listed: list[Listed],
           contributors: dict[str, list[Part]], borrowed: dict[str, list[Pair]],
           registry_part: Part, parts: list[Part], lang: str, base_url: str | None,
           report: BuildReport) -> dict[str, Published]:
    """Every file of the new release: taken from the previous one when its fingerprint (or
    its bytes) did not move, else written."""
    files: dict[str, Published] = {}

    def put(path: str, fingerprint: str, make: Callable[[], bytes]) -> int:
        old = before.get(path)
        if old is not None and old.print == fingerprint and out.keep(path):
            report.unchanged.append(path)
            files[path] = old
            return old.size
        data = make()
        if out.keep(path, data):
            report.unchanged.append(path)
        else:
            out.write(path, data)
            report.written.append(path)
        files[path] = Published(fingerprint, len(data))
        return len(data)

    for feed in listed:
        mine = contributors[feed.path]
        lent = borrowed.get(feed.path, [])
        head = f"{feed.name}\x1f{base_url}\x1f{lent}\x1f{registry_part.token if lent else ''}"
        url = join(base_url, feed.path) if base_url else None

        def feed_bytes(feed: Listed = feed, mine: list[Part] = mine,
                       lent: list[Pair] = lent, url: str | None = url) -> bytes:
            body = [p.chunk(feed.path) for p in mine] + [registry_part.lend(lent)]
            return calendar_bytes(CalendarMeta(feed.name, url=url), body)

        report.sizes[feed.path] = put(feed.path, _digest(head, [p.token for p in mine]),
                                      feed_bytes)
    pages = sorted({y for p in parts for y in p.years})
    for year in pages:
        path = f"years/{year}.html"
        having = [p for p in parts if year in p.years]

        def page(year: int = year, having: list[Part] = having) -> bytes:
            rows = sorted((r for p in having for r in p.rows_of(year)), key=lambda r: r[0])
            return year_page(year, [r[1] for r in rows], lang).encode()

        report.pages[path] = put(path, _digest(f"{lang}\x1f{year}", [p.token for p in having]),
                                 page)
    index = index_page(listed, report.sizes, lang, base_url, pages).encode()
    put("index.html", _digest(index.decode(), []), lambda: index)
    listing = json_text(
        [{"group": f.group, "key": f.key, "path": f.path, "name": f.name,
          "events": f.events, "bytes": report.sizes[f.path]} for f in listed],
        indent=1).encode()
    put("feeds.json", _digest(listing.decode(), []), lambda: listing)
    return files


def _check_plan_ids(parts: Sequence[Part]) -> None:
    seen: dict[str, str] = {}
    problems = []
    for part in parts:
        if part.plan_id is None:
            continue
        if part.plan_id in seen:
            problems.append(Problem(part.source, None, "id", f"{part.plan_id!r} is already "
                                                             f"used by {seen[part.plan_id]}"))
        seen.setdefault(part.plan_id, part.source)
    if problems:
        raise InputError(problems)


def _merge(parts: Sequence[Part], years: tuple[int, int], lang: str
           ) -> tuple[list[Listed], dict[str, list[Part]], dict[str, list[Pair]]]:
    """Every feed of the site, in the index's order, with the parts that hold its events and
    the registry days it borrows."""
    contributors: dict[str, list[Part]] = defaultdict(list)
    titles: dict[str, tuple[str, str, str]] = {}
    borrowed: dict[str, set[Pair]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for part in parts:
        for path, indexes in part.feeds.items():
            contributors[path].append(part)
            counts[path] += len(indexes)
        for path, title in part.titles.items():
            titles.setdefault(path, title)
        for path, pairs in part.borrows.items():
            borrowed[path].update(pairs)
    registry = parts[0]
    lent = {path: sorted(pairs) for path, pairs in borrowed.items()}
    for path, pairs in lent.items():
        counts[path] += sum(len(registry.days.get(pair, ())) for pair in pairs)
    start, end = years
    listed = [Listed("all", "all", "all.ics", word("feed_all", lang), counts["all.ics"]),
              Listed("milestones", "milestones", "milestones.ics",
                     word("feed_milestones", lang, start=start, end=end),
                     counts["milestones.ics"])]
    contributors.setdefault("milestones.ics", [])
    by_group: dict[str, list[Listed]] = defaultdict(list)
    for path, (group, key, name) in titles.items():
        if group == "anniversary":
            name = word("feed_anniversary", lang, name=name)
        elif group == "unit":
            name = word("feed_unit", lang, name=name)
        by_group[group].append(Listed(group, key, path, name, counts[path]))
    listed += by_group["plan"]  # in the plan files' order
    listed += sorted(by_group["anniversary"], key=lambda f: f.key)
    listed += sorted(by_group["unit"], key=lambda f: sort_key(f.key))
    return listed, contributors, lent


def _digest(head: str, tokens: Sequence[str]) -> str:
    h = hashlib.blake2b(head.encode(), digest_size=16)
    h.update("".join(tokens).encode())
    return h.hexdigest()


