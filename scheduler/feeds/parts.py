"""A site in parts: each plan file, and the registry's occurrences, is one :class:`Part` — its
events already serialized, and which feeds and year pages each of them belongs to.

A rebuild reads only the parts whose source changed; every feed is then the concatenation of
its parts' bytes (RFC 5545 sets no order on components), so one edited plan costs one plan's
work plus copying bytes, not a pass over 100,000 events (issue 4: a rebuild within 5 % of a
cold build). Parts are cached in the site's state (:mod:`.state`), keyed by the source file's path,
size and content hash, the registry's, the horizon, the language and this format.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import sys
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..items import ItemKind
from ..site.data import Entry, PlanHead, entry_json, entry_of, head_json, read_entry, read_head
from ..state import Invalid, expect, expect_list
from ..units.normalise import key as spelling_key
from .catalogue import (
    Pair,
    Route,
    context,
    day_route,
    days_path,
    plan_days_route,
    plan_path,
    routes,
    secret,
    unit_path,
)
from .events import FeedEvent, key_days
from .ledger import Stamp
from .quiet import code_version
from .writer import event_bytes

#: reads byte ranges [start, end) of a cached part's events, in order
Reader = Callable[[Sequence[tuple[int, int]]], list[bytes]]

FORMAT = 18  # bump when a Part changes shape: older cached parts become misses
DETAIL = ("bounds", "feeds", "keys", "days")  # a cached part's, read when asked for
PRINT = 24  # hex digits of a feed's print in a part
_PRINTS = re.compile(f"[0-9a-f]{{{PRINT}}}")


@dataclass
class Part:
    """One source's share of the site."""

    source: str  # a plan file's path, or "registry"
    key: tuple[object, ...]
    token: str  # changes whenever anything this part contributes changes
    plan_id: str | None = None
    bounds: list[int] = field(default_factory=lambda: [0])  # event i: data[bounds[i]:bounds[i+1]]
    feeds: dict[str, list[int]] = field(default_factory=dict)  # feed path → its events here
    #: feed path → (group, key, name, locality)
    titles: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)
    borrows: dict[str, list[Pair]] = field(default_factory=dict)  # feed path → registry days
    keys: list[str] = field(default_factory=list)  # event i's ledger key (UID#RECURRENCE-ID)
    #: unit feed → the keys (scheduler.units.normalise) of the names written for it, made
    #: with the part: a rebuild compares every part's (addresses.py)
    spelled: dict[str, list[str]] = field(default_factory=dict)
    days: dict[Pair, list[int]] = field(default_factory=dict)  # registry part: days to lend
    rows: list[Entry] = field(default_factory=list)  # event i as the pages show it
    years: list[int] = field(default_factory=list)  # the years its events start in
    milestones: int = 0
    #: feed path → a digest of exactly its events' bytes here (their ledger keys, digests,
    #: stamps and privacy, with the format, code, language and base URL): a feed's
    #: fingerprint, and its segment's id (:mod:`.release`)
    prints: dict[str, str] = field(default_factory=dict)
    day_prints: dict[Pair, str] = field(default_factory=dict)  # registry part: each day's
    day_sizes: dict[Pair, int] = field(default_factory=dict)  # and how many events it has
    sizes: dict[str, int] = field(default_factory=dict)  # feed path → how many events here
    count: int = 0  # its events (markers of long windows included)
    size: int = 0  # their bytes
    spaces: list[str] = field(default_factory=list)  # its keys' namespaces (key_space)
    #: fills in a cached part's bounds, feeds' event lists, keys and days when one is first
    #: asked for (issue 11: a rebuild asks them of few parts); see :func:`read_detail`
    detail: Callable[[Part], None] | None = None
    data: bytes = b""  # a cached part's stay in the state: see payload()
    rows_reader: Callable[[], str] | None = None  # cached parts read rows only for a page
    reader: Reader | None = None  # and their bytes only for a feed that changed
    head: PlanHead | None = None  # a plan file's: what its page says of the plan
    when: dict[str, list[date]] = field(default_factory=dict)  # anniversary → its days here
    span: tuple[date, date] | None = None  # the first and last day of its events

    def __getattr__(self, name: str) -> object:
        """A detail of a cached part (:data:`DETAIL`), read now (never for other names)."""
        fill = self.__dict__.get("detail")
        if name not in DETAIL or fill is None:
            raise AttributeError(name)
        fill(self)
        self.detail = None
        return self.__dict__[name]

    @property
    def in_memory(self) -> bool:
        """Its bytes and rows held here, never read from the state (a fresh part)."""
        return self.reader is None and self.rows_reader is None

    def entries(self) -> list[Entry]:
        if not self.rows and self.rows_reader is not None:
            self.rows = read_rows(self.rows_reader())
        return self.rows

    def rows_of(self, year: int) -> list[Entry]:
        return [r for r in self.entries() if r.start.year == year]

    def chunk(self, path: str) -> bytes:
        return self._slices(self.feeds.get(path, ()))

    def lend(self, pairs: Iterable[Pair]) -> bytes:
        return self._slices([i for pair in pairs for i in self.days.get(pair, ())])

    def lent_print(self, pairs: Iterable[Pair]) -> str:
        """What :meth:`lend` gives, as a digest (its segment's id, :mod:`.release`)."""
        h = hashlib.blake2b(digest_size=PRINT // 2)  # a day it lacks lends nothing: "-"
        h.update("".join(self.day_prints.get(pair, "-") for pair in pairs).encode())
        return h.hexdigest()

    def payload(self) -> bytes:
        """All the events' bytes (a cached part's read from the state each time)."""
        return self._read([(0, self.bounds[-1])])[0]

    def _slices(self, indexes: Sequence[int]) -> bytes:
        """The events' bytes; runs of neighbouring events are copied as one slice (a plan's
        share of ``all.ics`` is its whole file). A cached part reads just those from the
        state, each time (issue 11: a rebuild where no feed moved reads no event's bytes,
        one plan's edit those of the feeds it is in, and none stays in memory)."""
        if not indexes:
            return b""
        runs: list[tuple[int, int]] = []
        for i in indexes:
            a, b = self.bounds[i], self.bounds[i + 1]
            if runs and runs[-1][1] == a:
                runs[-1] = (runs[-1][0], b)
            else:
                runs.append((a, b))
        found = self._read(runs)
        return found[0] if len(found) == 1 else b"".join(found)

    def _read(self, runs: Sequence[tuple[int, int]]) -> list[bytes]:
        if self.reader is not None:
            return self.reader(runs)
        return [self.data[a:b] for a, b in runs]


def make_part(source: str, key: tuple[object, ...], events: Sequence[FeedEvent],
              stamp: Callable[[str, str], Stamp], lang: str,
              plan: tuple[str, str] | tuple[str, str, str] | PlanHead | None,
              plan_pairs: Sequence[Pair],
              names: dict[str, str], span: tuple[int, int] | None = None,
              base_url: str | None = None) -> Part:
    """Serialize ``events`` and record their feeds. ``plan`` is (id, title[, issuer]) for a
    plan file, or its :class:`PlanHead` (for its page); ``plan_pairs`` its anniversary days,
    borrowed from the registry part; ``base_url`` the site's, for each event's URL (so it belongs in
    the part's key)."""
    head = plan if isinstance(plan, PlanHead) else PlanHead(*plan) if plan else None
    # its feeds are named after the plan's subject and issuer (catalogue.feed_name)
    origin = (head.id, head.title, head.issuer) if head is not None else None
    extra, marks = _key_days(events, lang)
    chunks, bounds, at, ids = [], [0], 0, []
    for e in (*events, *extra):
        stamped = stamp(e.key, e.digest)
        data = event_bytes(e, stamped, lang, base_url)
        chunks.append(data)
        at += len(data)
        bounds.append(at)
        # what its bytes are made of (private: no URL, and not in the digest)
        ids.append(f"{e.key}\x1f{e.digest}\x1f{stamped.sequence}\x1f{stamped.modified}"
                   f"\x1f{e.private}")
    part = Part(source, key, "", origin[0] if origin else None, bounds,
                data=b"".join(chunks))
    feeds: dict[str, list[int]] = defaultdict(list)
    spelled: dict[str, set[str]] = defaultdict(set)
    unit_pairs: dict[str, set[Pair]] = defaultdict(set)
    for i, e in enumerate(events):
        for route in routes(e, origin, span, names):  # the one selection (catalogue.py)
            indexes = feeds[route.path]
            if not indexes or indexes[-1] != i:
                indexes.append(i)
            if route.group in ("anniversary", "unit", "private"):
                part.titles.setdefault(route.path, (route.group, route.key, route.name,
                                                    route.locality))
            if route.group == "unit" or route.key.startswith("units/"):
                unit_pairs[route.path] |= context(e)
            days = day_route(route)
            if days is not None:  # its "deadlines and key days" feed: markers of long windows
                mine = feeds[days.path]
                mine += [j for j in marks.get(i, (i,)) if not mine or mine[-1] != j]
                part.titles.setdefault(days.path, (days.group, days.key, days.name,
                                                   days.locality))
        for identity, name, _ in e.identities:
            spelled[unit_path(identity)].add(spelling_key(name))
        if e.milestone and (span is None or span[0] <= e.start.year <= span[1]):
            part.milestones += 1
        if e.kind is ItemKind.ANNIVERSARY and not origin:
            for a in e.anniversaries:
                part.days.setdefault((a, e.start.year), []).append(i)
        part.rows.append(_row(e))
    own: dict[Pair, int] = {}
    if origin:  # the plan's own anniversary days (not the registry's) are its units' context
        own = {(a, e.start.year): i for i, e in enumerate(events)
               if e.kind is ItemKind.ANNIVERSARY for a in e.anniversaries}
        for path, pairs in unit_pairs.items():
            feeds[path] += [own[p] for p in sorted(pairs) if p in own]
            feeds[days_path(path)] += [own[p] for p in sorted(pairs) if p in own]
        main = _plan_route(origin, head)
        for route in (main, plan_days_route(main)):
            feeds.setdefault(route.path, [])
            part.titles[route.path] = (route.group, route.key, route.name, route.locality)
            part.borrows[route.path] = sorted(set(plan_pairs))
    part.feeds = dict(feeds)
    part.spelled = {path: sorted(keys) for path, keys in spelled.items()}
    part.keys = [e.key for e in (*events, *extra)]
    part.sizes = {path: len(indexes) for path, indexes in part.feeds.items()}
    part.count, part.size = len(part.keys), part.bounds[-1]
    part.spaces = sorted({key_space(k) for k in part.keys})
    _pages(part, head, events)
    # days it holds itself are not borrowed too (a private plan keeps the registry's days
    # of its anniversaries: publish.py), so no feed gets one UID twice
    part.borrows.update({q: sorted(pairs - own.keys()) for p, pairs in unit_pairs.items()
                         for q in (p, days_path(p))})
    h = hashlib.blake2b(repr(key).encode(), digest_size=16)
    h.update("\n".join(ids).encode())  # stamps too: the same token, the same bytes
    part.token = h.hexdigest()
    # what else an event's bytes depend on (not the plan file's hash: an edit leaves its
    # other events' prints as they were)
    where = repr((FORMAT, code_version(), lang, base_url))
    part.prints = {path: _print(where, ids, indexes) for path, indexes in part.feeds.items()}
    part.day_prints = {pair: _print(where, ids, indexes) for pair, indexes in part.days.items()}
    part.day_sizes = {pair: len(indexes) for pair, indexes in part.days.items()}
    return part


def _print(context: str, ids: Sequence[str], indexes: Sequence[int]) -> str:
    h = hashlib.blake2b(context.encode(), digest_size=PRINT // 2)
    h.update("\n".join([ids[i] for i in indexes]).encode())
    return h.hexdigest()


def _plan_route(origin: tuple[str, str, str], head: PlanHead | None) -> Route:
    """A plan's own feed: public, or its private twin (issue 13)."""
    route = Route(plan_path(origin[0]), "plan", origin[0], origin[1], origin[2])
    return secret(route) if head is not None and head.private else route


def _key_days(events: Sequence[FeedEvent], lang: str
              ) -> tuple[list[FeedEvent], dict[int, list[int]]]:
    """The start and end markers that stand for each long window in the key-days feeds
    (:func:`.events.key_days`), to serialize after ``events``; event index → its markers'."""
    extra: list[FeedEvent] = []
    marks: dict[int, list[int]] = {}
    for i, e in enumerate(events):
        split = key_days([e], lang)
        if split != [e]:
            first = len(events) + len(extra)
            marks[i] = list(range(first, first + len(split)))
            extra += split
    return extra, marks


def _row(e: FeedEvent) -> Entry:
    return entry_of(e)


def _pages(part: Part, head: PlanHead | None, events: Sequence[FeedEvent]) -> None:
    """What the pages need beyond the rows: the years, the plan's head, the anniversary
    days (an anniversary's next day; a plan's own day on its page), the span of days."""
    part.head = head
    part.years = sorted({r.start.year for r in part.rows})
    when: dict[str, set[date]] = defaultdict(set)
    for e in events:
        if e.kind is ItemKind.ANNIVERSARY:
            for a in e.anniversaries:
                when[a].add(e.start)
    part.when = {a: sorted(days) for a, days in when.items()}
    if part.rows:
        part.span = (min(r.start for r in part.rows), max(r.last for r in part.rows))


def key_space(key: str) -> str:
    """A ledger key's namespace: its first two parts ("plan/<plan id>", "anniversary/<id>"),
    so that a build asks only the parts that may hold a key for their keys."""
    return "/".join(key.split("/", 2)[:2])


# -- the cache: each part as checked JSON beside its bytes (see feeds/state.py) ------------

def key_digest(key: tuple[object, ...]) -> str:
    """What a cached part is looked up by: its key's paths, sizes, hashes and settings."""
    return hashlib.blake2b(repr((FORMAT, key)).encode(), digest_size=16).hexdigest()


def part_info(part: Part) -> tuple[str, str]:
    """Everything of a part but its bytes and rows, as JSON: what every build reads, and
    the detail (bounds, feeds' event lists, keys, days' events) read when needed. Its texts
    are written once (:class:`_Texts`): feed paths, unit names and localities repeat."""
    texts = _Texts(part.feeds)
    titles = [texts.refs(part.titles), texts.refs(x for t in part.titles.values() for x in t)]
    borrows = _shared(part.borrows, texts)
    spelled = [texts.refs(part.spelled), list(part.spelled.values())]
    info = json.dumps({
        "source": part.source, "token": part.token, "plan_id": part.plan_id,
        "count": part.count, "size": part.size,
        "feeds": [list(part.feeds), _packed([len(v) for v in part.feeds.values()], "I")],
        "prints": "".join(part.prints[path] for path in part.feeds),
        "texts": texts.extra, "titles": titles, "borrows": borrows,
        "spaces": part.spaces, "spelled": spelled,
        "days": [[a, y, part.day_prints[(a, y)], part.day_sizes[(a, y)]]
                 for (a, y) in part.days],
        "years": part.years, "milestones": part.milestones,
        "head": head_json(part.head),
        "when": {a: [d.isoformat() for d in days] for a, days in part.when.items()},
        "span": [d.isoformat() for d in part.span] if part.span else [],
    }, ensure_ascii=False, separators=(",", ":"))
    detail = json.dumps({
        "bounds": _packed(part.bounds),
        "indexes": _packed([i for v in part.feeds.values() for i in v], "I"),
        "keys": _lines(part.keys),
        "days": [_packed(i, "I") for i in part.days.values()],
    }, separators=(",", ":"))
    return info, detail


def rows_json(part: Part) -> str:
    return json.dumps([entry_json(r) for r in part.rows], ensure_ascii=False,
                      separators=(",", ":"))


def read_part(key: tuple[object, ...], info: str, data: bytes | Reader,
              rows: Callable[[], str], detail: str | Callable[[Part], None],
              size: int | None = None) -> Part:
    """A cached part, every value checked against the shape :func:`part_info` writes
    (:class:`~scheduler.state.Invalid` otherwise); its rows are read when a page needs them,
    its detail (a text, or its reader) when first asked for, and ``data`` may be the reader
    of its ``size`` bytes, called when a feed needs some."""
    raw = expect(json.loads(info), dict, "part")
    reader = data if callable(data) else None
    if isinstance(data, bytes):
        size = len(data)
    elif size is None:
        raise TypeError("a part read lazily needs the size of its bytes")
    if expect(raw.get("size"), int, "size") != size:
        raise Invalid("size: not the bytes' length")
    part = Part(expect(raw.get("source"), str, "source"), key,
                expect(raw.get("token"), str, "token"),
                None if raw.get("plan_id") is None else expect(raw["plan_id"], str, "plan_id"),
                data=data if isinstance(data, bytes) else b"", reader=reader)
    part.count, part.size = expect(raw.get("count"), int, "count"), size
    paths, lengths = _n(expect(raw.get("feeds"), list, "feeds"), 2)
    names = expect_list(paths, str, "feeds")
    counts = _ints(lengths, "feeds", "I")
    if len(counts) != len(names):
        raise Invalid("feeds: not one length per feed")
    part.sizes = dict(zip(names, counts, strict=True))
    prints = expect(raw.get("prints"), str, "prints")
    cut = _PRINTS.findall(prints)  # in C: a rebuild reads 35,000 of them
    if len(prints) != PRINT * len(names) or len(cut) != len(names):
        raise Invalid("prints: not one digest per feed")
    part.prints = dict(zip(names, cut, strict=True))
    table = [*names, *expect_list(raw.get("texts"), str, "texts")]
    paths, flat = _n(expect(raw.get("titles"), list, "titles"), 2)
    paths, flat = _refs(paths, table, "titles"), _refs(flat, table, "titles")
    if len(flat) != 4 * len(paths):
        raise Invalid("titles: expected four texts per feed")
    part.titles = dict(zip(paths, zip(*[iter(flat)] * 4, strict=True), strict=True))
    if not part.titles.keys() <= part.sizes.keys():
        raise Invalid("titles: a feed the part has no events list for")
    part.borrows = _unshared(raw.get("borrows"), table)
    part.spaces = expect_list(raw.get("spaces"), str, "spaces")
    paths, lists = _n(expect(raw.get("spelled"), list, "spelled"), 2)
    paths, lists = _refs(paths, table, "spelled"), expect_list(lists, list, "spelled")
    if len(lists) != len(paths) or not all({*map(type, v)} <= {str} for v in lists):
        raise Invalid("spelled: expected a list of keys per feed")
    part.spelled = dict(zip(paths, lists, strict=True))
    for row in expect_list(raw.get("days"), list, "days"):
        a, y, printed, n = _n(row, 4)
        part.day_prints[_pair([a, y])] = expect(printed, str, "days")
        part.day_sizes[_pair([a, y])] = expect(n, int, "days")
    part.years = expect_list(raw.get("years"), int, "years")
    part.milestones = expect(raw.get("milestones"), int, "milestones")
    part.head = read_head(raw.get("head"))
    part.when = {expect(a, str, "anniversary"): [_day(d) for d in expect_list(v, str, "when")]
                 for a, v in expect(raw.get("when"), dict, "when").items()}
    span = [_day(d) for d in expect_list(raw.get("span"), str, "span")]
    if len(span) not in (0, 2):
        raise Invalid("span: expected two days or none")
    part.span = (span[0], span[1]) if span else None
    part.rows_reader = rows
    for name in DETAIL:  # read with the detail, when first asked for
        del part.__dict__[name]
    if callable(detail):
        part.detail = detail
    else:
        read_detail(part, detail)
    return part


def read_detail(part: Part, text: str) -> None:
    """The detail :func:`part_info` wrote into ``part``, checked against its record
    (:class:`~scheduler.state.Invalid` otherwise)."""
    raw = expect(json.loads(text), dict, "detail")
    count = part.count
    bounds = _bounds(raw.get("bounds"), part.size)
    if len(bounds) - 1 != count:
        raise Invalid("bounds: not one per event")
    flat = _indexes(raw.get("indexes"), count)
    if sum(part.sizes.values()) != len(flat):
        raise Invalid("feeds: lengths do not add up")
    feeds, at = {}, 0
    for name, n in part.sizes.items():
        feeds[name] = flat[at:at + n]
        at += n
    keys = expect(raw.get("keys"), str, "keys")
    found = keys.split("\n") if keys else []
    if len(found) != count:
        raise Invalid("keys: not one per event")
    lists = expect_list(raw.get("days"), str, "days")
    if len(lists) != len(part.day_prints):
        raise Invalid("days: not one list per day")
    part.bounds, part.feeds, part.keys = bounds, feeds, found
    part.days = {pair: _indexes(v, count) for pair, v in zip(part.day_prints, lists,
                                                             strict=True)}
    if {p: len(v) for p, v in part.days.items()} != part.day_sizes:
        raise Invalid("days: not as many events as the record says")


def read_rows(text: str) -> list[Entry]:
    return [read_entry(r) for r in expect(json.loads(text), list, "rows")]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid(f"day: {text!r} is no ISO date") from None


def _packed(numbers: Sequence[int], code: str = "Q") -> str:
    """Whole numbers ≥ 0 as base64 of little-endian words (``code``: "Q" 64-bit, "I" 32-bit
    for event indexes): a rebuild reads every part's record, and JSON lists of 150,000
    numbers were most of that (issue 11)."""
    words = array(code, numbers)
    if sys.byteorder == "big":
        words.byteswap()
    return base64.b64encode(words.tobytes()).decode("ascii")


def _ints(value: object, what: str, code: str = "Q") -> list[int]:
    """:func:`_packed` numbers read back, checked."""
    try:  # strict: only the alphabet, padded (b64decode's validate runs a regex first)
        data = binascii.a2b_base64(expect(value, str, what), strict_mode=True)
    except binascii.Error:
        raise Invalid(f"{what}: not base64") from None
    words = array(code)
    if len(data) % words.itemsize:
        raise Invalid(f"{what}: not whole {8 * words.itemsize}-bit words")
    words.frombytes(data)
    if sys.byteorder == "big":
        words.byteswap()
    return words.tolist()


def _lines(keys: Sequence[str]) -> str:
    """Ledger keys, one per line (they never hold a line break: UIDs, RFC 5545 §3.8.4.7)."""
    if any("\n" in k for k in keys):
        raise ValueError("a ledger key holds a line break")
    return "\n".join(keys)


def _bounds(value: object, size: int) -> list[int]:
    found = _ints(value, "bounds")
    if not found or found[0] != 0 or found[-1] != size or found != sorted(found):
        raise Invalid("bounds: out of order, or not the bytes' length")
    return found


def _indexes(value: object, count: int) -> list[int]:
    found = _ints(value, "indexes", "I")  # unsigned words: never below 0
    if found and max(found) >= count:
        raise Invalid("indexes: past the events")
    return found


class _Texts:
    """A part record's texts by number: the feed paths first (the record lists them), then
    every other text once, in ``extra``. A plan's part names each unit, its path and its
    locality in its titles, its key-days feed's, its borrowed days and its spellings: half
    a record was repeats, and a rebuild reads a thousand records (issue 11)."""

    def __init__(self, paths: Iterable[str]) -> None:
        self.index = {p: i for i, p in enumerate(paths)}
        self.extra: list[str] = []

    def refs(self, texts: Iterable[str]) -> str:
        """The texts' numbers, packed (:func:`_packed`)."""
        out = []
        for text in texts:
            i = self.index.get(text)
            if i is None:
                i = self.index[text] = len(self.index)
                self.extra.append(text)
            out.append(i)
        return _packed(out, "I")


def _refs(value: object, table: Sequence[str], what: str) -> list[str]:
    """:meth:`_Texts.refs` read back, checked."""
    found = _ints(value, what, "I")
    if found and max(found) >= len(table):
        raise Invalid(f"{what}: past the texts")
    return list(map(table.__getitem__, found))


def _shared(lists: dict[str, list[Pair]], texts: _Texts) -> list[object]:
    """Feed path → registry days, as [paths, each distinct list of days, which one each
    path has]: a plan's feeds mostly borrow one list (its anniversary's days), so a rebuild
    checks it once per part, not once per feed (issue 11)."""
    distinct: dict[tuple[Pair, ...], int] = {}
    which = [distinct.setdefault(tuple(pairs), len(distinct)) for pairs in lists.values()]
    return [texts.refs(lists), [[list(p) for p in pairs] for pairs in distinct],
            _packed(which)]


def _unshared(value: object, table: Sequence[str]) -> dict[str, list[Pair]]:
    paths, distinct, which = _n(expect(value, list, "borrows"), 3)
    names = _refs(paths, table, "borrows")
    lists = [[_pair(x) for x in expect_list(v, list, "borrows")]
             for v in expect_list(distinct, list, "borrows")]
    chosen = _ints(which, "borrows")
    if len(chosen) != len(names) or any(i >= len(lists) for i in set(chosen)):
        raise Invalid("borrows: lists do not add up")
    return {name: lists[i] for name, i in zip(names, chosen, strict=True)}


def _pair(value: list[object]) -> Pair:
    a, y = _n(value, 2)
    return expect(a, str, "anniversary"), expect(y, int, "year")


def _n(row: list[Any], n: int) -> list[Any]:
    if len(row) != n:
        raise Invalid(f"expected {n} values, found {len(row)}")
    return row
