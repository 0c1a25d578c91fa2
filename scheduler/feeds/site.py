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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from .cache import Blocks
from .catalogue import Feed
from .events import FeedEvent
from .html import index_page, year_page
from .ledger import Ledger
from .writer import CalendarMeta, calendar_bytes, event_bytes

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


class StaleCache(Exception):
    """A cached event's bytes are missing (the ledger was reset or edited): read plans anew."""


class EventBytes:
    """Each event serialized once per build, whatever number of feeds hold it. Bytes from an
    earlier build are reused by (ledger key, digest): the ledger gives an unchanged digest
    the stamp it had when those bytes were made."""

    def __init__(self, ledger: Ledger, lang: str, known: Blocks | None = None) -> None:
        self.ledger, self.lang = ledger, lang
        self.known = known or {}
        self.done: dict[tuple[str, date | None], bytes] = {}
        self.fresh: dict[tuple[str, date | None], tuple[tuple[str, str], bytes]] = {}

    def __call__(self, events: Iterable[FeedEvent]) -> list[bytes]:
        out = []
        for e in events:
            key = (e.uid, e.recurrence_id)
            data = self.done.get(key)
            if data is None:
                block = (e.key, e.digest)
                data = self.known.get(block)
                if data is None:
                    if e.slim:
                        raise StaleCache(e.uid)
                    data = event_bytes(e, self.ledger.stamp(e.key, e.digest), self.lang)
                    self.fresh[key] = (block, data)
                self.done[key] = data
            out.append(data)
        return out


def feed_bytes(feed: Feed, render: EventBytes, base_url: str | None) -> bytes:
    from .links import join

    url = join(base_url, feed.path) if base_url else None
    return calendar_bytes(CalendarMeta(feed.name, url=url), render(feed.events))


def fingerprint(feed: Feed, base_url: str | None) -> str:
    """What a feed's bytes depend on: its name, URL and its events' digests (an event's stamp
    moves only with its digest, see :mod:`ledger`)."""
    return _digest(f"{feed.name}\x1f{base_url}\x1f", feed.events)


def _digest(head: str, events: Sequence[FeedEvent]) -> str:
    h = hashlib.blake2b(head.encode(), digest_size=16)
    h.update("".join(e.digest for e in events).encode())
    return h.hexdigest()


def build(out: Path, feeds: Sequence[Feed], ledger_at: Callable[[Path], Ledger], lang: str,
          base_url: str | None, progress: Callable[[int], Callable[[], None]] | None = None,
          known: Blocks | None = None) -> tuple[BuildReport,
                                                                            EventBytes]:
    """Write the site into ``out``; see the module docstring for the guarantees. Feeds whose
    fingerprint did not change since the last build are not even rendered."""
    out.mkdir(parents=True, exist_ok=True)
    state = out / STATE
    ledger = ledger_at(state / "ledger.json")
    render = EventBytes(ledger, lang, known)
    previous = _read_json(state / "feeds.json", {})
    prints: dict[str, str] = {}
    report = BuildReport(str(out), events=len(feeds[0].events) if feeds else 0)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        step = progress(len(feeds)) if progress else (lambda: None)
        for feed in feeds:
            prints[feed.path] = fingerprint(feed, base_url)
            old = previous.get(feed.path)
            if old and old[0] == prints[feed.path] and (out / feed.path).exists():
                report.sizes[feed.path] = old[1]
                report.unchanged.append(feed.path)
            else:
                data = feed_bytes(feed, render, base_url)
                report.sizes[feed.path] = len(data)
                _stage(out, staging, feed.path, data, report)
            step()
        files = {"index.html": index_page(feeds, report.sizes, lang, base_url)}
        by_year: dict[int, list[FeedEvent]] = defaultdict(list)
        for event in feeds[0].events if feeds else ():
            by_year[event.start.year].append(event)
        for year, rows in by_year.items():
            path = f"years/{year}.html"
            prints[path] = _digest(f"{lang}\x1f", rows)
            old = previous.get(path)
            if old and old[0] == prints[path] and (out / path).exists():
                report.unchanged.append(path)
                report.pages[path] = old[1]
            else:
                files[path] = year_page(year, rows, lang)
                report.pages[path] = len(files[path])
        files["feeds.json"] = json.dumps(
            [{"group": f.group, "key": f.key, "path": f.path, "name": f.name,
              "events": len(f.events), "bytes": report.sizes[f.path]} for f in feeds],
            ensure_ascii=False, indent=1)
        for path, text in files.items():
            _stage(out, staging, path, text.encode(), report)
        _commit(out, staging, report)
        report.removed = _remove_stale(out, state / "manifest.json",
                                       sorted({*report.sizes, *report.pages, *files}))
        ledger.save(state / "ledger.json")
        write_atomic(state / "feeds.json", json.dumps(
            {p: [prints[p], report.sizes.get(p) or report.pages[p]] for p in prints}).encode())
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report, render


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


def _commit(out: Path, staging: Path, report: BuildReport) -> None:
    """Rename every staged file into place (rename(2) is atomic per file)."""
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
