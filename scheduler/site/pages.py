"""``index.html``: every feed as a card, for an office clerk on a phone. Units first (what a
clerk looks for: their own office), grouped by locality; then plans, anniversaries by their
next day, and the site-wide feeds with the year pages. A filter box finds a card by any
fragment of its name, with or without diacritics."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import count

from ..feeds.links import plan_page
from ..i18n import sort_key
from .cards import card, labels, unique
from .data import PlanHead
from .html import day_text, escape, page, span_text, w


@dataclass(frozen=True)
class Listed:
    """A feed as the site lists it."""

    group: str  # all | milestones | plan | anniversary | unit
    key: str  # the plan's or anniversary's id, the unit's identity
    path: str
    name: str  # the feed's name (X-WR-CALNAME)
    events: int
    locality: str = ""  # units: where the body belongs ("Quận Thanh Xuân"), "" if unknown
    short: str = ""  # the bare name a card shows ("Ban CHQS quận"); ``name`` when empty
    head: PlanHead | None = None  # plans
    span: tuple[date, date] | None = None  # plans: their first and last day
    next: date | None = None  # anniversaries: the next day on or after the build's today
    plans: tuple[str, ...] = ()  # units: the plans (ids) with work for them, in files' order


SECTIONS = ("units", "plans", "anniversaries", "more")


def seconds(feeds: Sequence[Listed]) -> dict[str, Listed]:
    """The "deadlines and key days" feeds, by their main feed's path (their key)."""
    return {f.key: f for f in feeds if f.group == "days"}


def plan_names(feeds: Sequence[Listed], lang: str) -> dict[str, str]:
    """Each plan's name as links to its page say it, unique on the site: short ("Kế hoạch
    của UBND quận Thanh Xuân (2024)") where that is unique, else the title."""
    plans = {f.path: f for f in feeds if f.group == "plan"}
    short = {p: _short(f, lang) for p, f in plans.items()}
    taken = Counter(short.values())
    named = unique({p: short[p] if taken[short[p]] == 1 else f.short or f.name
                    for p, f in plans.items()}, plans)
    return {plans[p].key: n for p, n in named.items()}


def _short(f: Listed, lang: str) -> str:
    if f.head is None or not f.head.issuer:
        return f.short or f.name
    name = w("plan_of", lang, issuer=f.head.issuer)
    if f.span is None:
        return name
    first, last = f.span[0].year, f.span[1].year
    return f"{name} ({first})" if first == last else f"{name} ({first}–{last})"


def index_page(feeds: Sequence[Listed], sizes: dict[str, int], lang: str,
               base_url: str | None, years: Sequence[int], today: date) -> str:
    label = labels(feeds, lang)
    named = plan_names(feeds, lang)
    groups: dict[str, list[Listed]] = defaultdict(list)
    second = seconds(feeds)
    for feed in feeds:
        if feed.group != "days":  # on their main feed's card
            groups[{"unit": "units", "plan": "plans", "anniversary": "anniversaries"}.get(
                feed.group, "more")].append(feed)
    counter = count(1)  # the addresses' ids

    def cards(items: Sequence[Listed], level: int = 3) -> str:
        return '<ul class="cards">\n' + "\n".join(
            card(f, label, lang, base_url, next(counter), _meta(f, sizes, lang),
                 _extra(f, named, lang), level, second=second.get(f.path))
            for f in items) + "\n</ul>"

    body = [f"<h1>{escape(w('title', lang))}</h1>", f"<p>{escape(w('intro', lang))}</p>"]
    if not base_url:
        body.append(f"<p><em>{escape(w('no_base', lang))}</em></p>")
    body.append(
        f'<div id="find" role="search" hidden><label for="q">{escape(w("find", lang))}</label>'
        f'<input id="q" type="search" autocomplete="off" '
        f'placeholder="{escape(w("find_hint", lang))}"><p id="found" aria-live="polite" '
        f'data-some="{escape(w("found_some", lang))}" '
        f'data-none="{escape(w("found_none", lang))}"></p></div>')
    body.append(f'<nav class="jump" aria-label="{escape(w("jump", lang))}"><ul>' + "".join(
        f'<li><a href="#{s}">{escape(w(s, lang))} ({len(groups[s])})</a></li>'
        for s in SECTIONS if groups[s]) + (
        f'<li><a href="#years">{escape(w("years", lang))}</a></li>' if years else "")
        + "</ul></nav>")
    if base_url:
        body.append(f'<section class="help" aria-labelledby="help"><h2 id="help" class="sub">'
                    f'{escape(w("help", lang))}</h2>'
                    + "".join(f"<p>{w(k, lang)}</p>" for k in ("help_google", "help_outlook",
                                                               "help_phone")) + "</section>")
    for section in SECTIONS:
        items = groups[section]
        if not items:
            continue
        body.append(f'<section id="{section}" data-group aria-labelledby="h-{section}">'
                    f'<h2 id="h-{section}">{escape(w(section, lang))}</h2>')
        if section == "units":
            body.append(_units(items, cards, lang))
        elif section == "anniversaries":
            body.append(cards(sorted(items, key=lambda f: (
                f.next is None, f.next or today, sort_key(f.short or f.name)))))
        else:
            body.append(cards(items))
        if section == "more" and years:
            body.append(f'<h3 id="years">{escape(w("years", lang))}</h3><p>' + " · ".join(
                f'<a href="years/{y}.html">{y}</a>' for y in years) + "</p>")
        body.append("</section>")
    return page(w("title", lang), "\n".join(body), lang)


def _units(items: Sequence[Listed], cards: Callable[..., str], lang: str) -> str:
    """Units by locality (unknown last), each locality's by name."""
    by_place: dict[str, list[Listed]] = defaultdict(list)
    for f in items:
        by_place[f.locality].append(f)

    def by_name(f: Listed) -> tuple[str, str]:
        return sort_key(f.short or f.name)

    if list(by_place) == [""]:  # no locality known: no heading to say so
        return cards(sorted(items, key=by_name))
    out = []
    for place in sorted(by_place, key=lambda p: (p == "", sort_key(p))):
        out.append(f"<div data-group><h3>{escape(place or w('nowhere', lang))}</h3>"
                   f"{cards(sorted(by_place[place], key=by_name), 4)}</div>")
    return "\n".join(out)


def _meta(f: Listed, sizes: dict[str, int], lang: str) -> str:
    bits = []
    if f.group == "plan" and f.head is not None:
        bits.append(escape(f.head.issuer))
        if f.span:
            bits.append(span_text(*f.span))
    if f.group == "anniversary":
        if f.next is None:
            bits.append(escape(w("no_next", lang)))
        else:
            # "(in 12 days)": the script counts from the reader's today (script.py)
            bits.append(escape(w("next", lang, day=day_text(f.next, lang)))
                        + f'<span data-next="{f.next.isoformat()}" data-in="'
                        + escape(w("in_days", lang, n="{n}")) + '" data-is="'
                        + escape(w("is_today", lang)) + '"></span>')
    bits.append(escape(w("events", lang, n=f.events)) + f", {sizes.get(f.path, 0) // 1024 + 1} KB")
    return " · ".join(bits)


def _extra(f: Listed, named: dict[str, str], lang: str) -> str:
    if f.group == "plan":
        page_path = plan_page(f.key)
        return (f'<p><a href="{escape(page_path)}" aria-label="{escape(w("plan_page", lang))}: '
                f'{escape(named.get(f.key, f.name))}">{escape(w("plan_page", lang))}</a></p>')
    if f.group == "unit" and f.plans:
        return (f'<p class="meta">{escape(w("in_plans", lang))}</p><ul class="plans">' + "".join(
            f'<li><a href="{escape(plan_page(p))}">{escape(named.get(p, p))}</a></li>'
            for p in f.plans) + "</ul>")
    return ""
