"""A static site of feeds: every ``.ics`` plus ``index.html`` (subscribe links) and a page per
year. Any web server or CDN serves the folder as it is.

A build stages every changed file in a hidden folder beside the site and only then renames
them into place, so a build that fails leaves the previous site as it was; files whose bytes
did not change are not touched (their HTTP Last-Modified/ETag stay, subscribers re-download
nothing).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..i18n import sort_key, word
from ..registry import InputError, Problem
from .events import FeedEvent
from .html import Listed, index_page, year_page
from .ledger import Ledger, Stamp
from .links import join
from .parts import Pair, Part, load_part, make_part, save_part
from .writer import CalendarMeta, calendar_bytes

STATE = ".kyniem"  # ledger and manifest, inside the site folder
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

    @property
    def big(self) -> list[str]:
        return [p for p, n in self.sizes.items() if n > BIG_FEED]


@dataclass(frozen=True)
class Source:
    """Where a part comes from: ``load`` gives its events, the plan (id, title) of a plan
    file, and the plan's anniversary days to borrow from the registry part."""

    name: str  # file stem of the cached part
    label: str  # what messages call it: the plan file's path
    key: tuple[object, ...]
    load: Callable[[], tuple[list[FeedEvent], tuple[str, str] | None, list[Pair]]]
    span: tuple[int, int] | None = None  # the registry's: milestones feed only these years


class _LazyLedger:
    """The ledger, read only when some part must be serialized anew."""

    def __init__(self, path: Path, open_at: Callable[[Path], Ledger]) -> None:
        self.path, self.open_at = path, open_at
        self.ledger: Ledger | None = None

    def __call__(self, key: str, digest: str) -> Stamp:
        if self.ledger is None:
            self.ledger = self.open_at(self.path)
        return self.ledger.stamp(key, digest)

    def save(self) -> None:
        if self.ledger is not None:
            self.ledger.save(self.path, "pickle")


def build(out: Path, registry: Callable[[frozenset[Pair]], Source], plans: Sequence[Source],
          names: dict[str, str],
          years: tuple[int, int], lang: str, base_url: str | None,
          open_ledger: Callable[[Path], Ledger],
          progress: Callable[[int], Callable[[], None]] | None = None) -> BuildReport:
    """Write the site into ``out``: parts first (cached ones as they are), then every feed
    whose fingerprint moved, assembled from its parts' bytes; see the module docstring."""
    out.mkdir(parents=True, exist_ok=True)
    state = out / STATE
    ledger_file = state / "ledger.pickle"
    stamps = _LazyLedger(ledger_file, open_ledger)
    folder = state / "parts"
    use_cache = ledger_file.exists()  # parts carry the ledger's stamps: both or neither
    step = progress(len(plans) + 1) if progress else (lambda: None)

    fresh: list[tuple[str, Part]] = []

    def part_of(source: Source) -> Part:
        cached = load_part(folder, source.name, source.key) if use_cache else None
        if cached is not None:
            step()
            return cached
        events, plan, pairs = source.load()
        part = make_part(source.label, source.key, events, stamps, lang, plan, pairs, names,
                         source.span)
        fresh.append((source.name, part))  # stored with the site, only once the build has succeeded
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
    previous = _read_json(state / "feeds.json", {})
    prints: dict[str, str] = {}
    report = BuildReport(str(out), events=sum(len(p.feeds.get("all.ics", ())) for p in parts))
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        for feed in listed:
            mine = contributors[feed.path]
            lent = borrowed.get(feed.path, [])
            head = f"{feed.name}\x1f{base_url}\x1f{lent}\x1f{registry_part.token if lent else ''}"
            prints[feed.path] = _digest(head, [p.token for p in mine])
            old = previous.get(feed.path)
            if old and old[0] == prints[feed.path] and (out / feed.path).exists():
                report.sizes[feed.path] = old[1]
                report.unchanged.append(feed.path)
                continue
            url = join(base_url, feed.path) if base_url else None
            body = [p.chunk(feed.path) for p in mine] + [registry_part.lend(lent)]
            data = calendar_bytes(CalendarMeta(feed.name, url=url), body)
            report.sizes[feed.path] = len(data)
            _stage(out, staging, feed.path, data, report)
        pages = sorted({y for p in parts for y in p.years})
        files = {"index.html": index_page(listed, report.sizes, lang, base_url, pages)}
        for year in pages:
            path = f"years/{year}.html"
            having = [p for p in parts if year in p.years]
            prints[path] = _digest(f"{lang}\x1f{year}", [p.token for p in having])
            old = previous.get(path)
            if old and old[0] == prints[path] and (out / path).exists():
                report.unchanged.append(path)
                report.pages[path] = old[1]
                continue
            rows = sorted((r for p in having for r in p.rows_of(year)), key=lambda r: r[0])
            files[path] = year_page(year, [r[1] for r in rows], lang)
            report.pages[path] = len(files[path])
        files["feeds.json"] = json.dumps(
            [{"group": f.group, "key": f.key, "path": f.path, "name": f.name,
              "events": f.events, "bytes": report.sizes[f.path]} for f in listed],
            ensure_ascii=False, indent=1)
        for path, text in files.items():
            _stage(out, staging, path, text.encode(), report)
        _commit(out, staging, report)
        report.removed = _remove_stale(out, state / "manifest.json",
                                       sorted({*report.sizes, *report.pages, *files}))
        for name, part in fresh:
            save_part(folder, name, part)
        stamps.save()
        if not ledger_file.exists():  # a site without events: still a ledger, for next time
            open_ledger(ledger_file).save(ledger_file, "pickle")
        write_atomic(state / "feeds.json", json.dumps(
            {p: [prints[p], report.sizes.get(p) or report.pages[p]] for p in prints}).encode())
        _prune(folder, {lender.name, *(s.name for s in plans)})
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


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


def _prune(folder: Path, keep: set[str]) -> None:
    """Cached parts of plan files that are gone."""
    for file in folder.glob("*.pickle"):
        if file.stem not in keep:
            file.unlink(missing_ok=True)
            file.with_suffix(".bin").unlink(missing_ok=True)
            file.with_suffix(".rows").unlink(missing_ok=True)


def _read_json(path: Path, default: Any) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return default


def _stage(out: Path, staging: Path, path: str, data: bytes, report: BuildReport) -> None:
    target = out / path
    try:
        same = target.stat().st_size == len(data) and target.read_bytes() == data
    except FileNotFoundError:
        same = False
    if same:
        report.unchanged.append(path)
        return
    staged = staging / path
    staged.parent.mkdir(parents=True, exist_ok=True)
    staged.write_bytes(data)
    os.chmod(staged, 0o644)
    report.written.append(path)


def check_out(out: Path, force: bool) -> None:
    """``--out`` must be a folder kyniem built, an empty or new one, or ``--force``d: a build
    never writes over an ``index.html`` (or anything) it did not make."""
    if out.exists() and not out.is_dir():
        raise InputError([Problem(str(out), None, "--out", "is a file, not a folder")])
    if out.is_dir() and not force and not (out / STATE).is_dir() and any(out.iterdir()):
        raise InputError([Problem(str(out), None, "--out", "is not empty and not a kyniem "
                                  "site; give a new folder, or --force to build into it")])


def _commit(out: Path, staging: Path, report: BuildReport) -> None:
    """Rename every staged file into place (rename(2) is atomic per file). Every target is
    checked first, so a path in the way fails the build before any file of the site moves."""
    blocked = [path for path in report.written if (out / path).is_dir()
               or any(p.exists() and not p.is_dir() for p in (out / path).parents
                      if out in p.parents)]
    if blocked:
        raise InputError([Problem(str(out / path), None, "--out",
                                  "is in the way of a file of the site; nothing was changed")
                          for path in blocked])
    for path in report.written:
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / path, target)


def _remove_stale(out: Path, manifest: Path, current: list[str]) -> list[str]:
    """Feeds the previous build wrote and this one did not (a plan removed, a unit renamed)."""
    previous = _read_json(manifest, [])
    gone = sorted(set(previous) - set(current))
    for path in gone:
        (out / path).unlink(missing_ok=True)
    write_atomic(manifest, json.dumps(current, ensure_ascii=False).encode())
    return gone
