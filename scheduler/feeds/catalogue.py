"""Which feeds exist and which events each holds: everything, per plan, per unit identity
(in any role), per anniversary, and the milestones over a horizon.

One selection code path (issue 11, "one catalogue"): :func:`routes` says which feeds one
event belongs to and :func:`context` which anniversary days a feed borrows; ``kyniem feed``
(:func:`catalogue`, one pass over every event) and the site's cached parts
(:func:`scheduler.feeds.parts.make_part`) both call them, so the two agree by construction.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..i18n import sort_key, word
from ..items import ItemKind, combined
from ..model import Anniversary
from ..names import slug
from ..plans.model import Plan
from ..units.normalise import key as unit_key
from ..wording import calendar_description
from .events import FeedEvent, key_days

Pair = tuple[str, int]  # (anniversary id, year): an anniversary day other feeds borrow


@dataclass(frozen=True)
class Route:
    """A feed an event belongs to: its path in the site and what names it."""

    path: str
    group: str  # all | milestones | plan | unit | anniversary
    key: str  # the plan, anniversary or unit identity id
    name: str = ""  # the plan's title, the anniversary's or unit's name
    locality: str = ""  # units: where the body belongs


@dataclass(frozen=True)
class Feed:
    group: str  # all | milestones | plan | unit | anniversary
    key: str  # the plan or anniversary id, the unit's identity id
    path: str  # relative path in the site, e.g. "units/quan-thanh-xuan/ban-tuyen-giao.ics"
    name: str  # X-WR-CALNAME
    events: tuple[FeedEvent, ...]
    locality: str = ""
    description: str = ""  # X-WR-CALDESC: what the calendar holds


ALL = Route("all.ics", "all", "all")
MILESTONES = Route("milestones.ics", "milestones", "milestones")


def plan_path(plan_id: str) -> str:
    return f"plans/{slug(plan_id)}.ics"


def anniversary_path(anniversary_id: str) -> str:
    return f"anniversaries/{slug(anniversary_id)}.ics"


def unit_path(identity: str) -> str:
    """A unit's feed: its identity's id (:mod:`scheduler.units`), so a new spelling of the
    same body keeps the address; the site's ledger keeps it across renames."""
    return f"units/{identity}.ics"


def routes(event: FeedEvent, plan: tuple[str, ...] | None, span: tuple[int, int] | None,
           names: dict[str, str]) -> Iterator[Route]:
    """Every feed ``event`` belongs to; ``plan`` is the (id, title, issuer) of the plan it
    comes from, ``span`` the years of the milestones feed. A private plan's event goes only
    to private feeds (its plan's, its units', the office's "all"); a private unit's feed is
    private whatever the plan (issue 13)."""
    if event.private:
        yield secret(ALL)
        if plan is not None:
            yield secret(_plan_route(plan[0], plan[1], _issuer(plan)))
        for identity, name, locality in event.identities:
            yield secret(_unit_route(identity, name, locality))
        return
    yield ALL
    if plan is not None:
        yield _plan_route(plan[0], plan[1], _issuer(plan))
    if event.milestone and (span is None or span[0] <= event.start.year <= span[1]):
        yield MILESTONES
    for a in event.anniversaries:
        yield _anniversary_route(a, names.get(a, a))
    for identity, name, locality in event.identities:
        route = _unit_route(identity, name, locality)
        yield secret(route) if identity in event.hidden else route


# routes made once each (issue 11: a national build asks for a few thousand routes a million
# times)

@lru_cache(maxsize=4096)
def _plan_route(plan_id: str, title: str, issuer: str) -> Route:
    return Route(plan_path(plan_id), "plan", plan_id, title, issuer)


@lru_cache(maxsize=4096)
def _anniversary_route(anniversary_id: str, name: str) -> Route:
    return Route(anniversary_path(anniversary_id), "anniversary", anniversary_id, name)


@lru_cache(maxsize=16384)
def _unit_route(identity: str, name: str, locality: str) -> Route:
    return Route(unit_path(identity), "unit", identity, name, locality)


#: Where private feeds live among the parts: ``private/plans/x.ics`` is published only at
#: its secret addresses, ``s/<token>/plans/x.ics`` (:mod:`.tokens`).
PRIVATE = "private/"


def secret(route: Route) -> Route:
    """The private twin of a public feed: group ``private``, keyed by the public path it
    stands for (which says what it is: ``all.ics``, ``plans/…``, ``units/…``, ``days/…``)."""
    return Route(PRIVATE + route.path, "private", route.path, route.name, route.locality)


def underlying(key: str) -> str:
    """A private feed's kind, from its key (the public path it stands for)."""
    if key.startswith(DAYS):
        return "days"
    return {"plans/": "plan", "units/": "unit"}.get(key[:key.find("/") + 1], "all")


def described(group: str, key: str) -> str:
    """The kind of calendar a feed's description tells of (:func:`calendar_description`):
    a private feed's public twin's, the office-wide one its own."""
    if group != "private":
        return group
    kind = underlying(key)
    return "private_all" if kind == "all" else kind


def days_path(path: str) -> str:
    """The "deadlines and key days" feed beside a plan's or unit's feed, private or not."""
    if path.startswith(PRIVATE):
        return PRIVATE + DAYS + path.removeprefix(PRIVATE)
    return DAYS + path


#: Where a plan's or unit's second feed, "deadlines and key days", lives: beside nothing
#: else, so a subscriber picks it instead of the main one.
DAYS = "days/"


def plan_days_route(route: Route) -> Route:
    """The key-days feed of a plan's feed (which always has one)."""
    found = day_route(route)
    assert found is not None
    return found


def day_route(route: Route) -> Route | None:
    """The "deadlines and key days" feed of a plan's or unit's feed (issue 11: no multi-week
    bars on a phone); its key is the main feed's path."""
    if route.group not in ("plan", "unit", "private"):
        return None
    return _day_route(route.path, route.group, route.key, route.name, route.locality)


@lru_cache(maxsize=16384)
def _day_route(path: str, group: str, key: str, name: str, locality: str) -> Route | None:
    if group == "private":
        if underlying(key) not in ("plan", "unit"):
            return None
        return Route(days_path(path), "private", DAYS + key, name, locality)
    return Route(DAYS + path, "days", path, name, locality)


def context(event: FeedEvent) -> set[Pair]:
    """The anniversary days a unit feed shows beside this task: its anniversaries in the
    years the task spans (not every anniversary of its plans in every year)."""
    return {(a, d.year) for a in event.anniversaries for d in (event.start, event.end)}


def _issuer(plan: tuple[str, ...]) -> str:
    return plan[2] if len(plan) > 2 else ""


#: A plan's subject in its title: "Kế hoạch tổ chức các hoạt động kỷ niệm 70 năm …".
_SUBJECT = re.compile(r"\bkỷ niệm\s+(?=\S)", re.IGNORECASE)
_DATES = re.compile(r"\s*\([^()]*\d{4}[^()]*\)\s*$")  # "(07/5/1954 - 07/5/2024)"
PLAN_NAME_LIMIT = 72  # a phone's calendar list shows about 40 characters, its detail more


def plan_subject(title: str) -> str:
    """What a plan's calendar is named after: its title from the last "kỷ niệm" on, without
    the dates in parentheses ("Kế hoạch thực hiện Kế hoạch số 88/KH-UBND … về tổ chức các
    hoạt động kỷ niệm 70 năm Ngày Giải phóng Thủ đô (10/10/1954-10/10/2024)" → "kỷ niệm 70
    năm Ngày Giải phóng Thủ đô"), cut between words; a title without one, cut."""
    text = _DATES.sub("", " ".join(title.split()))
    found = list(_SUBJECT.finditer(text))
    if found:
        text = "kỷ niệm " + text[found[-1].end():]
    elif text[:9].casefold() == "kế hoạch ":
        text = text[9:]
    if len(text) > PLAN_NAME_LIMIT:
        text = text[:PLAN_NAME_LIMIT].rsplit(" ", 1)[0]
        if text.count("“") > text.count("”"):  # never half a quotation
            text = text[:text.rindex("“")]
        text = text.rstrip(",;:–- ") + "…"
    return text


def feed_name(group: str, name: str, lang: str, locality: str = "", plan: bool = False
              ) -> str:
    """X-WR-CALNAME: a unit's carries its locality ("Ban CHQS quận — Quận Thanh Xuân"), a
    plan's its subject and issuer ("Kế hoạch kỷ niệm 70 năm Chiến thắng Điện Biên Phủ —
    Đảng ủy phường Điện Biên": a whole title runs to 170 characters); ``plan``: a
    key-days feed's main feed is a plan's."""
    if group == "anniversary":
        return word("feed_anniversary", lang, name=name)
    if group == "unit":
        return word("feed_unit", lang, name=name) + (f" — {locality}" if locality else "")
    if group == "plan":
        name = word("feed_plan_name", lang, name=plan_subject(name))
    elif plan:  # a plan's key-days feed: "Hạn và ngày chính: kỷ niệm 70 năm … — Đảng ủy …"
        name = plan_subject(name)
    if group == "days":
        return word("feed_days", lang, name=name) + (f" — {locality}" if locality else "")
    return name + (f" — {locality}" if locality else "")


def route_name(group: str, key: str, name: str, lang: str, locality: str = "") -> str:
    """The name of the feed a route leads to (:func:`feed_name`, :func:`private_name`)."""
    if group == "private":
        return private_name(key, name, lang, locality)
    return feed_name(group, name, lang, locality, key.startswith("plans/"))


def private_name(key: str, name: str, lang: str, locality: str = "") -> str:
    """A private feed's name: its public twin's, marked internal ("… (nội bộ)")."""
    kind = underlying(key)
    if kind == "all":
        return word("feed_private_all", lang)
    plain = feed_name(kind, name, lang, locality, key.removeprefix(DAYS).startswith("plans/"))
    return word("feed_private", lang, name=plain)


def catalogue(events: Sequence[FeedEvent], plans: Sequence[Plan],
              anniversaries: Iterable[Anniversary], lang: str, years: tuple[int, int]
              ) -> list[Feed]:
    """Every feed of the site, in a stable order; one pass over the events builds the
    indexes, so a national site (100,000 events, thousands of units) stays linear."""
    names = {a.id: a.display_name(lang) for a in anniversaries}
    titles = {plan.id: (plan.title, plan.issuer or "") for plan in plans}
    for plan in plans:
        names.setdefault(plan.anniversary.id, plan.anniversary.display_name(lang))
    members: dict[str, list[FeedEvent]] = defaultdict(list)
    found: dict[str, Route] = {}
    borrowed: dict[str, set[Pair]] = defaultdict(set)
    days: dict[Pair, list[FeedEvent]] = defaultdict(list)
    for event in events:
        if event.kind is ItemKind.ANNIVERSARY:
            for a in event.anniversaries:
                days[a, event.start.year].append(event)
        origin = (event.plan, *titles[event.plan]) if event.plan in titles else None
        marks = key_days([event], lang)  # the event itself, or a long window's markers
        for route in routes(event, origin, years, names):
            members[route.path].append(event)
            found.setdefault(route.path, route)
            unit = route.group == "unit" or route.key.startswith("units/")
            if unit:
                borrowed[route.path] |= context(event)
            second = day_route(route)
            if second is not None:
                members[second.path] += marks
                found.setdefault(second.path, second)
                if unit:
                    borrowed[second.path] |= context(event)
    for plan in plans:
        main = Route(plan_path(plan.id), "plan", plan.id, plan.title, plan.issuer or "")
        main = secret(main) if plan.private else main
        for route in (main, plan_days_route(main)):
            found.setdefault(route.path, route)
            borrowed[route.path] |= {(a.id, plan.year)
                                     for a in (plan.anniversary, *combined(plan))}
    start, end = years
    feeds = [Feed("all", "all", "all.ics", word("feed_all", lang),
                  tuple(e for e in events if not e.private),
                  description=calendar_description("all", "", lang)),
             Feed("milestones", "milestones", "milestones.ics",
                  word("feed_milestones", lang, start=start, end=end),
                  tuple(members["milestones.ics"]),
                  description=calendar_description("milestones", "", lang))]
    ordered = [plan_path(p.id) for p in plans if not p.private]
    ordered += sorted((p for p, r in found.items() if r.group == "anniversary"),
                      key=lambda p: found[p].key)
    units = [p for p, r in found.items() if r.group == "unit"]
    seconds = [p for p, r in found.items() if r.group == "days"]
    hidden = sorted(p for p, r in found.items() if r.group == "private")
    for path in ordered + units + seconds + hidden:
        route = found[path]
        lent = [e for pair in sorted(borrowed[path]) for e in days.get(pair, ())]
        feeds.append(Feed(route.group, route.key, path,
                          route_name(route.group, route.key, route.name, lang,
                                     route.locality),
                          _ordered([*members[path], *lent]), route.locality,
                          calendar_description(described(route.group, route.key),
                                               route.name, lang, route.locality)))
    # units by locality, then name (as the site); then the key-days feeds, the private ones
    head = len(feeds) - len(units) - len(seconds) - len(hidden)
    tail = len(feeds) - len(seconds) - len(hidden)
    end = len(feeds) - len(hidden)
    feeds[head:tail] = sorted(feeds[head:tail],
                              key=lambda f: (sort_key(f.locality), sort_key(f.name), f.path))
    order = {f.path: i for i, f in enumerate(feeds)}
    feeds[tail:end] = sorted(feeds[tail:end],
                             key=lambda f: (order.get(f.key, len(order)), f.path))
    return feeds


def _ordered(events: Iterable[FeedEvent]) -> tuple[FeedEvent, ...]:
    """Without duplicates, in the order given (already by date: RFC 5545 needs no order, and
    a stable one keeps builds byte-identical)."""
    return tuple({(e.uid, e.recurrence_id): e for e in events}.values())


def unit_identity(feed: Feed) -> str | None:
    """The unit identity a feed is the calendar of: a unit's, or a private unit's (its key is
    the public path it stands for, ``units/<id>.ics``); None for other feeds."""
    if feed.group == "unit":
        return feed.key
    if feed.group == "private" and feed.key.startswith("units/"):
        return feed.key.removeprefix("units/").removesuffix(".ics")
    return None


def units_feed(feeds: Sequence[Feed], unit: str) -> list[Feed]:
    """The unit feeds ``kyniem feed --unit`` may mean: the identity named exactly (its id,
    or a spelling of it: "Ban CHQS quận" finds "Ban Chỉ huy Quân sự Quận"), else those
    whose names hold the words; the caller asks to choose when there are several."""
    # a private unit's feed too (issue 13: this is the office's own machine)
    ids = {f.path: found for f in feeds if (found := unit_identity(f)) is not None}
    units = [f for f in feeds if f.path in ids]
    needle = unit_key(unit)
    spelled = {f.path: {unit_key(u) for e in f.events for i, u, _ in e.identities
                        if i == ids[f.path]} for f in units}
    tests: list[Callable[[Feed], bool]] = [
        lambda f: ids[f.path] == unit or ids[f.path].endswith(f"/{unit}"),
        lambda f: needle in spelled[f.path],
        lambda f: any(needle in s for s in spelled[f.path])]
    for test in tests:
        chosen = [f for f in units if test(f)]
        if chosen:
            return chosen
    return []
