"""A static site of feeds: every ``.ics`` plus ``index.html`` (subscribe links) and a page per
year. Any web server or CDN serves the folder as it is.

A build stages every changed file in a hidden folder beside the site and only then renames
them into place, so a build that fails leaves the previous site as it was; files whose bytes
did not change are not touched (their HTTP Last-Modified/ETag stay, subscribers re-download
nothing).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .catalogue import Feed
from .events import FeedEvent
from .html import index_page, year_pages
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
    sizes: dict[str, int] = field(default_factory=dict)
    events: int = 0

    @property
    def big(self) -> list[str]:
        return [p for p, n in self.sizes.items() if n > BIG_FEED]


class EventBytes:
    """Each event serialized once per build, whatever number of feeds hold it."""

    def __init__(self, ledger: Ledger, lang: str) -> None:
        self.ledger, self.lang = ledger, lang
        self.done: dict[tuple[str, date | None], bytes] = {}

    def __call__(self, events: Iterable[FeedEvent]) -> list[bytes]:
        out = []
        for e in events:
            key = (e.uid, e.recurrence_id)
            data = self.done.get(key)
            if data is None:
                ledger_key = e.uid if e.recurrence_id is None else f"{e.uid}#{e.recurrence_id}"
                stamp = self.ledger.stamp(ledger_key, e.digest)
                data = self.done[key] = event_bytes(e, stamp, self.lang)
            out.append(data)
        return out


def feed_bytes(feed: Feed, render: EventBytes, base_url: str | None) -> bytes:
    from .links import join

    url = join(base_url, feed.path) if base_url else None
    return calendar_bytes(CalendarMeta(feed.name, url=url), render(feed.events))


def build(out: Path, feeds: Sequence[Feed], ledger_now: Callable[[Path], Ledger], lang: str,
          base_url: str | None, progress: Callable[[int], Callable[[], None]] | None = None
          ) -> BuildReport:
    """Write the site into ``out``; see the module docstring for the guarantees."""
    out.mkdir(parents=True, exist_ok=True)
    state = out / STATE
    ledger = ledger_now(state / "ledger.json")
    render = EventBytes(ledger, lang)
    report = BuildReport(str(out), events=len(feeds[0].events) if feeds else 0)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        step = progress(len(feeds)) if progress else (lambda: None)
        files: dict[str, bytes] = {}
        for feed in feeds:
            data = feed_bytes(feed, render, base_url)
            report.sizes[feed.path] = len(data)
            _stage(out, staging, feed.path, data, report)
            step()
        pages = {"index.html": index_page(feeds, report.sizes, lang, base_url)}
        pages.update(year_pages(feeds[0].events if feeds else (), lang))
        files.update({p: d.encode() for p, d in pages.items()})
        manifest = sorted([*report.sizes, *files])
        files["feeds.json"] = json.dumps(
            [{"group": f.group, "key": f.key, "path": f.path, "name": f.name,
              "events": len(f.events), "bytes": report.sizes[f.path]} for f in feeds],
            ensure_ascii=False, indent=1).encode()
        for path, data in files.items():
            _stage(out, staging, path, data, report)
        _commit(out, staging, report)
        report.removed = _remove_stale(out, state / "manifest.json", [*manifest, "feeds.json"])
        ledger.save(state / "ledger.json")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


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
    from ..atomic import write_atomic

    try:
        previous = json.loads(manifest.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        previous = []
    gone = sorted(set(previous) - set(current))
    for path in gone:
        (out / path).unlink(missing_ok=True)
    write_atomic(manifest, json.dumps(current, ensure_ascii=False).encode())
    return gone
