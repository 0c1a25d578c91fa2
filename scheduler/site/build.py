"""Writing the pages of a build (:func:`scheduler.feeds.site._write` calls it): each page is
rewritten only when its fingerprint moves — its parts' tokens and every other input it shows
(names, addresses, anniversary days); never today, which the pages' script shows."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..feeds.links import plan_page as plan_page_path
from ..i18n import sort_key
from .cards import labels
from .pages import Listed, index_page, seconds
from .plan import plan_page
from .private import private_page
from .year import YearPlan, year_page

if TYPE_CHECKING:
    from ..feeds.parts import Part
    from ..feeds.tokens import Token



@cache
def pages_version() -> str:
    """The code that makes the pages (this package and the subscribe links): a new version
    of it writes every page anew, as a changed input would."""
    h = hashlib.blake2b(digest_size=8)
    here = Path(__file__).parent
    for source in [*sorted(here.glob("*.py")), here.parent / "feeds" / "links.py"]:
        h.update(source.read_bytes())
    return h.hexdigest()


Put = Callable[[str, str, Callable[[], bytes]], None]  # path, fingerprint, its bytes


def anniversary_days(parts: Sequence[Part]) -> dict[str, list[date]]:
    """Every anniversary's days in the site, the registry's and the public plans' own."""
    found: dict[str, set[date]] = defaultdict(set)
    for part in parts:
        if part.head is not None and part.head.private:  # issue 13: nothing public of it
            continue
        for a, days in part.when.items():
            found[a].update(days)
    return {a: sorted(days) for a, days in found.items()}


def next_day(days: Sequence[date], today: date) -> date | None:
    return next((d for d in days if d >= today), None)


def years_of(parts: Sequence[Part]) -> list[int]:
    """The years the public pages cover (a private plan's add none: issue 13)."""
    return sorted({y for p in parts if p.head is None or not p.head.private for y in p.years})


def printed(listed: Sequence[Listed]) -> dict[str, str]:
    """Each feed as its cards show it, as a short digest of its ``repr``: made once per
    build for the index and every plan page (a unit's card names all its plans; issue 11)."""
    # its fields' values (the dataclass's own repr walks them in Python, with a guard
    # against cycles: twice the cost at 4,000 feeds)
    return {f.path: _digest(repr(tuple(vars(f).values())), []) for f in listed}


def write_pages(put: Put, listed: Sequence[Listed], parts: Sequence[Part],
                canonical: dict[str, str], lang: str, base_url: str | None,
                shown: dict[str, str]) -> list[str]:
    """The year pages and the plans' pages (the year pages' paths returned); the index
    comes after, with every feed's size (:func:`write_index`). ``canonical``: a feed's path
    in the site → the path its parts know it by; ``shown``: :func:`printed`."""
    pages: list[str] = []
    registry = next((p for p in parts if p.plan_id is None), None)  # the anniversaries'
    plan_feeds = {f.key: f for f in listed if f.group == "plan"}
    for year in years_of(parts):
        # a plan's part is read for its head and span only: editing its tasks rewrites the
        # year's page only when they move its first or last day or its number of events
        plans = sorted((YearPlan(p.head, p.span[0], p.span[1], plan_feeds[p.head.id].events)
                        for p in parts if p.head is not None and p.span is not None
                        and p.span[0].year <= year <= p.span[1].year
                        and p.head.id in plan_feeds),
                       key=lambda y: (y.start, y.end, sort_key(y.head.title), y.head.id))

        def year_bytes(year: int = year, plans: list[YearPlan] = plans) -> bytes:
            days = sorted((r for r in (registry.rows_of(year) if registry else [])
                           if r.kind == "anniversary"), key=lambda r: (r.start, r.uid))
            return year_page(year, days, plans, lang).encode()

        path = f"years/{year}.html"
        put(path, _digest(repr((pages_version(), lang, year, plans)),
                          [registry.token] if registry else []), year_bytes)
        pages.append(path)
    label = labels(listed, lang)
    known = {canonical.get(f.path, f.path): f for f in listed}
    site = _Site(known, label, anniversary_days(parts), seconds(listed),
                 {f.key: f.short or f.name for f in listed if f.group == "anniversary"},
                 shown)
    for part in parts:
        if part.head is not None and not part.head.private:  # issue 13: no public page
            _plan(put, part, site, lang, base_url)
    return pages


def write_index(put: Put, listed: Sequence[Listed], sizes: dict[str, int], lang: str,
                base_url: str | None, years: Sequence[int], today: date,
                shown: dict[str, str]) -> None:
    """The index, made only when what it shows moved: every feed as listed, its size in KB
    (the card says it), the years, the language and the address. Today only orders the
    anniversaries that have no next day, all last, so it is none of these."""
    text = repr((pages_version(), lang, base_url, list(years),
                 [(shown[f.path], sizes.get(f.path, 0) // 1024) for f in listed]))
    put("index.html", _digest(text, []),
        lambda: index_page(listed, sizes, lang, base_url, years, today).encode())


def write_private(put: Put, feeds: Sequence[Listed], sizes: dict[str, int],
                  pages: Sequence[Token], lang: str, base_url: str | None) -> None:
    """The office's page of private feeds, at each live address of the index (issue 13):
    each feed once, at its first live address."""
    if not feeds:  # no private plan (any more): no page either
        return
    first: dict[str, Listed] = {}
    for feed in feeds:
        first.setdefault(feed.key, feed)
    shown = list(first.values())
    fingerprint = repr((pages_version(), lang, base_url,
                        [(f, sizes.get(f.path, 0) // 1024) for f in shown]))
    for token in pages:
        put(token.path(), _digest(fingerprint, []),
            lambda: private_page(shown, sizes, lang, base_url).encode())


@dataclass(frozen=True)
class _Site:
    known: dict[str, Listed]  # by the path the parts know a feed by
    label: dict[str, str]  # links' names (cards.labels)
    days: dict[str, list[date]]  # anniversary → its days
    second: dict[str, Listed]  # "deadlines and key days" feeds by their main feed's path
    names: dict[str, str]  # anniversary → its name
    shown: dict[str, str]  # each feed as its cards show it (printed), made once


def _plan(put: Put, part: Part, site: _Site, lang: str, base_url: str | None) -> None:
    head = part.head
    assert head is not None
    known, label, days, names = site.known, site.label, site.days, site.names
    path = next(p for p, t in part.titles.items() if t[0] == "plan")
    feed = known[path]
    own = {(d, names.get(a, a)) for a, ds in part.when.items() for d in ds}
    shown = sorted(own | {(d, names.get(a, a)) for a, y in part.borrows.get(path, [])
                          for d in days.get(a, ()) if d.year == y})
    # in the part's order: the page sorts them by name, and their names are in their cards
    mine = [(known[p], p) for p in part.sizes if p in known and known[p].group == "unit"]
    cards = (feed, *(u for u, _ in mine),
             *(f for _, f in sorted(_seconds(site, feed, mine).items())))
    fingerprint = repr((pages_version(), lang, base_url, shown,
                        [(site.shown[f.path], label[f.path]) for f in cards]))

    def make() -> bytes:
        units = sorted(mine, key=lambda u: sort_key(u[0].short or u[0].name))
        rows = part.entries()
        tasks = [(u, sum(1 for i in set(part.feeds[p]) if i < len(rows)
                         and rows[i].kind != "anniversary")) for u, p in units]
        return plan_page(head, rows, part.span, shown, feed, tasks, label,
                         _seconds(site, feed, units), lang, base_url).encode()

    put(plan_page_path(head.id), _digest(fingerprint, [part.token]), make)


def _seconds(site: _Site, feed: Listed, units: Sequence[tuple[Listed, str]]
             ) -> dict[str, Listed]:
    """The key-days feeds of a plan's feed and of its units', in that order."""
    return {k: site.second[k] for k in (feed.path, *(u.path for u, _ in units))
            if k in site.second}


def _digest(head: str, tokens: Sequence[str]) -> str:
    h = hashlib.blake2b(head.encode(), digest_size=16)
    h.update("".join(tokens).encode())
    return h.hexdigest()
