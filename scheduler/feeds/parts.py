"""A site in parts: each plan file, and the registry's occurrences, is one :class:`Part` — its
events already serialized, and which feeds and year pages each of them belongs to.

A rebuild reads only the parts whose source changed; every feed is then the concatenation of
its parts' bytes (RFC 5545 sets no order on components), so one edited plan costs one plan's
work plus copying bytes, not a pass over 100,000 events (issue 4: a rebuild within 5 % of a
cold build). Parts are cached in the site's state (:mod:`.state`), keyed by the source file's path,
size and content hash, the registry's, the horizon, the language and this format.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dates import fmt
from ..items import ItemKind
from ..names import slug
from ..state import Invalid, expect, expect_list
from .catalogue import fold, unit_path
from .events import FeedEvent
from .html import escape
from .ledger import Stamp
from .writer import event_bytes

FORMAT = 6  # bump when a Part changes shape: older cached parts become misses

Pair = tuple[str, int]  # (anniversary id, year): an anniversary day other feeds borrow


@dataclass
class Part:
    """One source's share of the site."""

    source: str  # a plan file's path, or "registry"
    key: tuple[object, ...]
    token: str  # changes whenever anything this part contributes changes
    plan_id: str | None = None
    bounds: list[int] = field(default_factory=lambda: [0])  # event i: data[bounds[i]:bounds[i+1]]
    feeds: dict[str, list[int]] = field(default_factory=dict)  # feed path → its events here
    titles: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # → (group, key, name)
    borrows: dict[str, list[Pair]] = field(default_factory=dict)  # feed path → registry days
    days: dict[Pair, list[int]] = field(default_factory=dict)  # registry part: days to lend
    rows: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # year → (sort, <tr>)
    years: list[int] = field(default_factory=list)  # the years of ``rows``
    milestones: int = 0
    data: bytes = b""
    rows_reader: Callable[[], str] | None = None  # cached parts read rows only for a page

    def rows_of(self, year: int) -> list[tuple[str, str]]:
        if not self.rows and self.rows_reader is not None:
            self.rows = read_rows(self.rows_reader())
        return self.rows.get(year, [])

    def chunk(self, path: str) -> bytes:
        return self._slices(self.feeds.get(path, ()))

    def lend(self, pairs: Iterable[Pair]) -> bytes:
        return self._slices([i for pair in pairs for i in self.days.get(pair, ())])

    def _slices(self, indexes: Sequence[int]) -> bytes:
        """The events' bytes; runs of neighbouring events are copied as one slice (a plan's
        share of ``all.ics`` is its whole file)."""
        runs: list[bytes] = []
        start = end = -1
        for i in indexes:
            a, b = self.bounds[i], self.bounds[i + 1]
            if a != end:
                if end >= 0:
                    runs.append(self.data[start:end])
                start = a
            end = b
        if end >= 0:
            runs.append(self.data[start:end])
        return runs[0] if len(runs) == 1 else b"".join(runs)


def make_part(source: str, key: tuple[object, ...], events: Sequence[FeedEvent],
              stamp: Callable[[str, str], Stamp], lang: str, plan: tuple[str, str] | None,
              plan_pairs: Sequence[Pair], names: dict[str, str],
              span: tuple[int, int] | None = None) -> Part:
    """Serialize ``events`` and record their feeds. ``plan`` is (id, title) for a plan file;
    ``plan_pairs`` its anniversary days, borrowed from the registry part."""
    chunks, bounds, at = [], [0], 0
    for e in events:
        data = event_bytes(e, stamp(e.key, e.digest), lang)
        chunks.append(data)
        at += len(data)
        bounds.append(at)
    part = Part(source, key, "", plan[0] if plan else None, bounds, data=b"".join(chunks))
    feeds: dict[str, list[int]] = defaultdict(list)
    unit_pairs: dict[str, set[Pair]] = defaultdict(set)
    for i, e in enumerate(events):
        feeds["all.ics"].append(i)
        if plan:
            feeds[f"plans/{slug(plan[0])}.ics"].append(i)
        if e.milestone and (span is None or span[0] <= e.start.year <= span[1]):
            feeds["milestones.ics"].append(i)
            part.milestones += 1
        for a in e.anniversaries:
            path = f"anniversaries/{slug(a)}.ics"
            feeds[path].append(i)
            part.titles.setdefault(path, ("anniversary", a, names.get(a, a)))
            if e.kind is ItemKind.ANNIVERSARY and not plan:
                part.days.setdefault((a, e.start.year), []).append(i)
        for unit in dict.fromkeys(fold(u) for u in e.units):
            path = unit_path(unit)
            if not feeds[path] or feeds[path][-1] != i:
                feeds[path].append(i)
            part.titles.setdefault(path, ("unit", _spelling(e, unit), _spelling(e, unit)))
            unit_pairs[path].update((a, d.year) for a in e.anniversaries
                                    for d in (e.start, e.end))
        part.rows.setdefault(e.start.year, []).append(_row(e))
    if plan:  # the plan's own anniversary days (not the registry's) are its units' context
        own = {(a, e.start.year): i for i, e in enumerate(events)
               if e.kind is ItemKind.ANNIVERSARY for a in e.anniversaries}
        for path, pairs in unit_pairs.items():
            feeds[path] += [own[p] for p in sorted(pairs) if p in own]
        path = f"plans/{slug(plan[0])}.ics"
        feeds.setdefault(path, [])
        part.titles[path] = ("plan", plan[0], plan[1])
        part.borrows[path] = sorted(set(plan_pairs))
    part.feeds = dict(feeds)
    part.years = sorted(part.rows)
    part.borrows.update({p: sorted(pairs) for p, pairs in unit_pairs.items()})
    h = hashlib.blake2b(repr(key).encode(), digest_size=16)
    h.update("".join(e.digest for e in events).encode())
    part.token = h.hexdigest()
    return part


def _row(e: FeedEvent) -> tuple[str, str]:
    when = fmt(e.start) if e.start == e.end else f"{fmt(e.start)} – {fmt(e.end)}"
    cls = ' class="m"' if e.milestone else ""
    return (f"{e.start.isoformat()}{e.uid}",
            f"<tr{cls}><td>{when}</td><td>{escape(e.summary)}</td>"
            f"<td>{escape(', '.join(e.units))}</td></tr>")


def _spelling(e: FeedEvent, folded: str) -> str:
    return next(unicodedata.normalize("NFC", u) for u in e.units if fold(u) == folded)


def content_key(path: Path) -> tuple[object, ...]:
    """A plan file's identity for the cache: its path and a hash of its bytes (not its
    modification time: an edit restored with ``touch -r`` or unpacked from an archive is
    still seen). Reading a national set of plans for this costs tens of milliseconds."""
    try:
        data = path.read_bytes()
    except OSError:
        return (str(path), None)  # the loader reports it
    return (str(path), len(data), hashlib.blake2b(data, digest_size=16).hexdigest())


# -- the cache: each part as checked JSON beside its bytes (see feeds/state.py) ------------

def key_digest(key: tuple[object, ...]) -> str:
    """What a cached part is looked up by: its key's paths, sizes, hashes and settings."""
    return hashlib.blake2b(repr((FORMAT, key)).encode(), digest_size=16).hexdigest()


def part_info(part: Part) -> str:
    """Everything of a part but its bytes and rows, as JSON."""
    return json.dumps({
        "source": part.source, "token": part.token, "plan_id": part.plan_id,
        "bounds": part.bounds, "feeds": part.feeds,
        "titles": {p: list(t) for p, t in part.titles.items()},
        "borrows": {p: [list(x) for x in pairs] for p, pairs in part.borrows.items()},
        "days": [[a, y, i] for (a, y), i in part.days.items()],
        "years": part.years, "milestones": part.milestones,
    }, ensure_ascii=False, separators=(",", ":"))


def rows_json(part: Part) -> str:
    return json.dumps({str(y): [list(r) for r in rows] for y, rows in part.rows.items()},
                      ensure_ascii=False, separators=(",", ":"))


def read_part(key: tuple[object, ...], info: str, data: bytes,
              rows: Callable[[], str]) -> Part:
    """A cached part, every value checked against the shape :func:`part_info` writes
    (:class:`~scheduler.state.Invalid` otherwise); its rows are read when a page needs them."""
    raw = expect(json.loads(info), dict, "part")
    bounds = _bounds(raw.get("bounds"), len(data))
    count = len(bounds) - 1
    part = Part(expect(raw.get("source"), str, "source"), key,
                expect(raw.get("token"), str, "token"),
                None if raw.get("plan_id") is None else expect(raw["plan_id"], str, "plan_id"),
                bounds, data=data)
    part.feeds = {expect(p, str, "feed"): _indexes(v, count)
                  for p, v in expect(raw.get("feeds"), dict, "feeds").items()}
    for path, title in expect(raw.get("titles"), dict, "titles").items():
        group, k, name = _n(expect_list(title, str, "title"), 3)
        part.titles[path] = (group, k, name)
    part.borrows = {p: [_pair(x) for x in expect_list(v, list, "borrows")]
                    for p, v in expect(raw.get("borrows"), dict, "borrows").items()}
    for row in expect_list(raw.get("days"), list, "days"):
        a, y, indexes = _n(row, 3)
        part.days[_pair([a, y])] = _indexes(indexes, count)
    part.years = _ints(raw.get("years"), "years")
    part.milestones = expect(raw.get("milestones"), int, "milestones")
    part.rows_reader = rows
    return part


def read_rows(text: str) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = {}
    for year, rows in expect(json.loads(text), dict, "rows").items():
        out[int(year)] = [tuple(_n(expect_list(r, str, "row"), 2)) for r in
                          expect_list(rows, list, "rows")]
    return out


def _ints(value: object, what: str) -> list[int]:
    """A list of ints, checked in bulk (a national site's parts hold 150,000 of them)."""
    found = expect(value, list, what)
    if not set(map(type, found)) <= {int}:
        raise Invalid(f"{what}: expected whole numbers")
    return found


def _bounds(value: object, size: int) -> list[int]:
    found = _ints(value, "bounds")
    if not found or found[0] != 0 or found[-1] != size or found != sorted(found):
        raise Invalid("bounds: out of order, or not the bytes' length")
    return found


def _indexes(value: object, count: int) -> list[int]:
    found = _ints(value, "indexes")
    if found and (min(found) < 0 or max(found) >= count):
        raise Invalid("indexes: past the events")
    return found


def _pair(value: list[object]) -> Pair:
    a, y = _n(value, 2)
    return expect(a, str, "anniversary"), expect(y, int, "year")


def _n(row: list[Any], n: int) -> list[Any]:
    if len(row) != n:
        raise Invalid(f"expected {n} values, found {len(row)}")
    return row
