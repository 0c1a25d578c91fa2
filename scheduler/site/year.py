"""``years/YYYY.html``: the year at a glance (a strip of its twelve months, milestones
highlighted), its anniversary days by date and the plans at work in it, each linked to its
page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from ..feeds.links import plan_page
from ..wording import worded
from .data import Entry, PlanHead
from .html import escape, page, span_text, w
from .svg import Mark, legend, marks, timeline


def _y(key: str, lang: str, **values: object) -> str:
    return worded(f"site_year_{key}", lang, **values)


class YearPlan(NamedTuple):
    """A plan as a year's page lists it: its days inside the year, its events in all."""

    head: PlanHead
    start: date
    end: date
    events: int


def year_page(year: int, days: Sequence[Entry], plans: Sequence[YearPlan], lang: str) -> str:
    """The year at a glance: the registry's anniversary days (milestones in bold) and the
    plans at work in it, each a bar of the strip and a row linking its page. A plan's tasks
    are on its page, not here: a national site's year holds 150,000 of them (issue 11)."""
    lo, hi = date(year, 1, 1), date(year, 12, 31)
    drawn = marks(days, lo, hi, lines=False) + [
        Mark(max(p.start, lo), min(p.end, hi), "w", f"{span_text(p.start, p.end)}: "
             f"{p.head.title}") for p in plans]
    svg = timeline(drawn, lo, hi, _y("strip", lang, year=year),
                   _y("strip_desc", lang, days=len(days), plans=len(plans)), "y", lang)
    body = [f'<p><a href="../index.html">{escape(w("back", lang))}</a></p>',
            f"<h1>{escape(w('title', lang))} {year}</h1>",
            legend([m.cls for m in drawn], lang), svg,
            f'<h2 id="days">{escape(_y("days", lang, year=year))}</h2>',
            f'<table class="stack"><caption>{escape(_y("days_caption", lang))}</caption>'
            f'<thead><tr><th scope="col">{escape(w("date", lang))}</th>'
            f'<th scope="col">{escape(w("what", lang))}</th></tr></thead><tbody>',
            *(_day(e) for e in days), "</tbody></table>",
            f'<h2 id="plans">{escape(_y("plans", lang, year=year))}</h2>']
    if plans:
        body += [f'<table class="stack"><caption>{escape(_y("plans_caption", lang))}</caption>'
                 f'<thead><tr><th scope="col">{escape(_y("time", lang))}</th>'
                 f'<th scope="col">{escape(_y("plan", lang))}</th>'
                 f'<th scope="col">{escape(w("who", lang))}</th></tr></thead><tbody>',
                 *(_plan(p, lang) for p in plans), "</tbody></table>"]
    else:
        body.append(f"<p>{escape(_y('no_plans', lang))}</p>")
    return page(f"{w('title', lang)} {year}", "\n".join(body), lang, script=False)


def _day(e: Entry) -> str:
    cls = ' class="m"' if e.milestone else ""
    return (f'<tr{cls}><th scope="row" class="nowrap">{span_text(e.start, e.end)}</th>'
            f"<td>{escape(e.summary)}</td></tr>")


def _plan(p: YearPlan, lang: str) -> str:
    link = (f'<a href="../{escape(plan_page(p.head.id))}">{escape(p.head.title)}</a>')
    return (f'<tr><th scope="row">{span_text(p.start, p.end)}</th><td>{link}</td>'
            f"<td>{escape(p.head.issuer)}<br>{escape(w('events', lang, n=p.events))}</td></tr>")
