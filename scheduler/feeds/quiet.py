"""A rebuild that cannot change anything, answered from the state without reading a part
(issue 11: a no-change rebuild within 1 % of a cold build; reading each part's record
alone cost 3–5 %).

A build records what its site was made from: every source's key (plan files by their
bytes, the registry, the unit directory, the settings), the code's versions, and until
when time alone changes nothing — the index shows each anniversary's next day, so the
first such day on or after the build's today; cancelled events and moved feeds answer for
a grace period. A later build with the same key before that day, over the same release
whose folders nobody touched (a file deleted or added changes its folder's mtime), is that
build again."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

from ..state import DAMAGED, Invalid, expect


@dataclass(frozen=True)
class Quiet:
    key: str
    release: str
    built: str  # ISO time of the build: an earlier clock (--now, a corrected clock) rebuilds
    until: str | None  # ISO day: the last day the index stays as built
    expires: str | None  # ISO time: the first grace period to end
    folders: dict[str, list[int]]  # the release's folders: [mtime_ns, inode]
    counts: dict[str, int]  # each feed's events
    events: int
    pages: list[str]  # the year pages
    moved: list[str]  # gone unit feeds still answering

    def holds(self, key: str, release: str, today: date, now: datetime, where: Path) -> bool:
        return (key == self.key and release == self.release
                and now >= datetime.fromisoformat(self.built)
                and (self.until is None or today <= date.fromisoformat(self.until))
                and (self.expires is None or now < datetime.fromisoformat(self.expires))
                and folders(where) == self.folders)

    def text(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)


def whole_key(parts: Iterable[object]) -> str:
    return hashlib.blake2b(repr([code_version(), *parts]).encode(),
                           digest_size=16).hexdigest()


@cache
def code_version() -> str:
    """The code that makes a site, every module of this package (an upgrade that words a
    feed's name or a page otherwise rebuilds, though the version number stayed)."""
    h = hashlib.blake2b(digest_size=16)
    root = Path(__file__).resolve().parent.parent
    for source in sorted(root.rglob("*.py")):
        h.update(str(source.relative_to(root)).encode())
        h.update(source.read_bytes())
    return h.hexdigest()


def folders(release: Path) -> dict[str, list[int]]:
    """Every folder of a release (never following a link) with its mtime and inode."""
    found: dict[str, list[int]] = {}
    stack = [""]
    while stack:
        rel = stack.pop()
        path = release / rel if rel else release
        try:
            info = os.stat(path, follow_symlinks=False)
            found[rel] = [info.st_mtime_ns, info.st_ino]
            with os.scandir(path) as entries:
                stack += [f"{rel}/{e.name}" if rel else e.name for e in entries
                          if e.is_dir(follow_symlinks=False)]
        except OSError:
            found[rel] = [-1, -1]
    return found


def until(days: Iterable[Iterable[date]], today: date) -> str | None:
    """The last day the anniversaries' next days stay as on ``today``."""
    upcoming = [d for ds in days for d in ds if d >= today]
    return min(upcoming).isoformat() if upcoming else None


def read(text: str | None) -> Quiet | None:
    """The recorded build, checked; None when absent or unreadable (a full build follows)."""
    if text is None:
        return None
    try:
        raw = expect(json.loads(text), dict, "quiet")
        return Quiet(
            expect(raw["key"], str, "key"), expect(raw["release"], str, "release"),
            expect(raw["built"], str, "built"), _optional(raw["until"]), _optional(raw["expires"]),
            {expect(k, str, "folder"): [expect(n, int, "folder") for n in expect(v, list, "f")]
             for k, v in expect(raw["folders"], dict, "folders").items()},
            {expect(k, str, "feed"): expect(v, int, "count")
             for k, v in expect(raw["counts"], dict, "counts").items()},
            expect(raw["events"], int, "events"),
            [expect(p, str, "page") for p in expect(raw["pages"], list, "pages")],
            [expect(p, str, "moved") for p in expect(raw["moved"], list, "moved")])
    except (*DAMAGED, Invalid, KeyError):
        return None


def _optional(value: object) -> str | None:
    return None if value is None else expect(value, str, "date")
