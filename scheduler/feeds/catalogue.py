"""Which feeds exist and which events each holds: everything, per plan, per unit (in any
role), per anniversary, and the milestones over a horizon. Selection only: every feed
reads the same list of events (:func:`scheduler.feeds.events.events_of`)."""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from ..i18n import word
from ..items import ItemKind, combined
from ..model import Anniversary
from ..names import slug
from ..plans.model import Plan
from .events import FeedEvent


@dataclass(frozen=True)
class Feed:
    group: str  # all | milestones | plan | unit | anniversary
    key: str  # the plan or anniversary id, the unit's name
    path: str  # relative path in the site, e.g. "units/ban-tuyen-giao-quan-uy.ics"
    name: str  # X-WR-CALNAME
    events: tuple[FeedEvent, ...]


def catalogue(events: Sequence[FeedEvent], plans: Sequence[Plan],
              anniversaries: Iterable[Anniversary], lang: str, years: tuple[int, int]
              ) -> list[Feed]:
    """Every feed of the site, in a stable order; one pass over the events builds the
    indexes, so a national site (100,000 events, thousands of units) stays linear."""
    names = {a.id: a.display_name(lang) for a in anniversaries}
    for plan in plans:
        names.setdefault(plan.anniversary.id, plan.anniversary.display_name(lang))
    by_plan: dict[str | None, list[FeedEvent]] = defaultdict(list)
    by_anniversary: dict[str, list[FeedEvent]] = defaultdict(list)
    by_unit: dict[str, list[FeedEvent]] = defaultdict(list)
    spelling: dict[str, str] = {}
    for event in events:
        by_plan[event.plan].append(event)
        for a in event.anniversaries:
            by_anniversary[a].append(event)
        for unit in dict.fromkeys(fold(u) for u in event.units):
            by_unit[unit].append(event)
        for unit in event.units:
            spelling.setdefault(fold(unit), unicodedata.normalize("NFC", unit))
    days_of = _days(by_anniversary)
    start, end = years
    feeds = [Feed("all", "all", "all.ics", word("feed_all", lang), tuple(events)),
             Feed("milestones", "milestones", "milestones.ics",
                  word("feed_milestones", lang, start=start, end=end),
                  tuple(e for e in events if e.milestone and start <= e.start.year <= end))]
    for plan in plans:
        days = [e for a in (plan.anniversary, *combined(plan))
                for e in days_of.get((a.id, plan.year), ())]
        feeds.append(Feed("plan", plan.id, f"plans/{slug(plan.id)}.ics",
                          plan.title,
                          _ordered([*by_plan[plan.id], *days])))
    for anniversary_id in sorted(by_anniversary):
        feeds.append(Feed("anniversary", anniversary_id,
                          f"anniversaries/{slug(anniversary_id)}.ics",
                          word("feed_anniversary", lang,
                               name=names.get(anniversary_id, anniversary_id)),
                          tuple(by_anniversary[anniversary_id])))
    from ..i18n import sort_key

    for folded in sorted(by_unit, key=lambda u: sort_key(spelling[u])):
        unit = spelling[folded]
        mine = by_unit[folded]
        feeds.append(Feed("unit", unit, unit_path(folded), word("feed_unit", lang, name=unit),
                          _ordered([*mine, *_context(mine, days_of)])))
    return feeds


def unit_path(folded: str) -> str:
    """A unit's feed: its name in ASCII and a short hash of the full name, so that units whose
    names differ only in diacritics ("Báo" and "Bao") never share a file."""
    tag = hashlib.blake2b(folded.encode(), digest_size=3).hexdigest()
    return f"units/{slug(folded)}-{tag}.ics"


def _days(by_anniversary: dict[str, list[FeedEvent]]) -> dict[tuple[str, int], list[FeedEvent]]:
    """Anniversary days by (anniversary id, year)."""
    days: dict[tuple[str, int], list[FeedEvent]] = defaultdict(list)
    for anniversary_id, events in by_anniversary.items():
        for e in events:
            if e.kind is ItemKind.ANNIVERSARY:
                days[anniversary_id, e.start.year].append(e)
    return days


def _context(mine: Sequence[FeedEvent], days: dict[tuple[str, int], list[FeedEvent]]
             ) -> list[FeedEvent]:
    """The anniversary days of the unit's work: each task's anniversaries in the years the
    task spans (not every anniversary of its plans in every year of any task)."""
    pairs = {(a, d.year) for e in mine for a in e.anniversaries for d in (e.start, e.end)}
    return [e for pair in sorted(pairs) for e in days.get(pair, ())]


def _ordered(events: Iterable[FeedEvent]) -> tuple[FeedEvent, ...]:
    """Without duplicates, in the order given (already by date: RFC 5545 needs no order, and
    a stable one keeps builds byte-identical)."""
    return tuple({(e.uid, e.recurrence_id): e for e in events}.values())


def units_feed(events: Sequence[FeedEvent], unit: str) -> tuple[FeedEvent, ...]:
    """One unit's feed for ``kyniem feed --unit``: the unit of that exact name (any case) if
    there is one — the site's feed of it — else every unit whose name contains the words, as
    ``kyniem agenda --unit`` matches; plus the anniversary days of that work."""
    needle = fold(unit)
    exact = any(fold(u) == needle for e in events for u in e.units)
    mine = [e for e in events
            if any(needle == fold(u) if exact else needle in fold(u) for u in e.units)]
    by_anniversary: dict[str, list[FeedEvent]] = defaultdict(list)
    for event in events:
        for a in event.anniversaries:
            by_anniversary[a].append(event)
    return _ordered([*mine, *_context(mine, _days(by_anniversary))])


@cache
def fold(text: str) -> str:
    """A unit's name for comparing: NFC, case-folded ("Hội CCB" = "HỘI CCB")."""
    return unicodedata.normalize("NFC", text).casefold()
