"""``plans/<slug>.html``: one plan for the clerks who carry it out — what it is, its timeline,
who does what (each task's row is the target of its calendar event's link), and the
calendars to subscribe to: the plan's and each of its units'."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from ..dates import fmt
from ..feeds.links import event_anchor
from ..i18n import sort_key
from ..names import fold
from ..wording import MESSAGES, ROLE_WORDS, role_word, worded
from .cards import anchor, card
from .data import Entry, PlanHead
from .html import day_text, escape, page, span_text, w
from .pages import Listed
from .svg import legend, marks, month_span, timeline


def _p(key: str, lang: str, **values: object) -> str:
    return worded(f"site_plan_{key}", lang, **values)


def timeline_range(span: tuple[date, date] | None, days: Sequence[date]
                   ) -> tuple[date, date] | None:
    """The months a plan's timeline shows: its events' and its anniversary days'."""
    ends = [*(span or ()), *days]
    return month_span(min(ends), max(ends)) if ends else None


def plan_page(head: PlanHead, entries: Sequence[Entry], span: tuple[date, date] | None,
              days: Sequence[tuple[date, str]], feed: Listed,
              units: Sequence[tuple[Listed, int]], label: dict[str, str],
              second: dict[str, Listed], lang: str, base_url: str | None) -> str:
    """``days``: the plan's anniversary days with their names; ``units``: the unit feeds its
    tasks are in, with how many of them; ``second``: feeds' "deadlines and key days" ones."""
    body = [f'<p><a href="../index.html">{escape(w("back", lang))}</a></p>',
            f"<h1>{escape(head.title)}</h1>", _about(head, span, days, lang)]
    shown = timeline_range(span, [d for d, _ in days])
    if shown is not None:
        lo, hi = shown
        drawn = marks([e for e in entries if e.kind != "anniversary"], lo, hi, lines=True)
        drawn += [m for d, name in days
                  for m in marks([Entry("", name, d, d, "anniversary")], lo, hi, lines=True)]
        tasks = sum(1 for e in entries if e.moved is None and e.kind != "anniversary")
        body += [f'<h2 id="timeline">{escape(_p("timeline", lang))}</h2>',
                 legend([m.cls for m in drawn] + ["t"], lang),
                 timeline(drawn, lo, hi, f"{_p('timeline', lang)}: {head.title}",
                          _p("timeline_desc", lang, lo=fmt(lo), hi=fmt(hi), n=tasks), "p",
                          lang, today=True)]
    body += [f'<h2 id="subscribe">{escape(_p("subscribe", lang))}</h2><ul class="cards">',
             card(feed, label, lang, base_url, 0, escape(w("events", lang, n=feed.events)),
                  level=3, root="../", second=second.get(feed.path)),
             "</ul>", _table(entries, units, lang)]
    if units:
        body.append(f'<h2 id="units">{escape(_p("unit_feeds", lang))}</h2><ul class="cards">')
        body += [card(u, label, lang, base_url, i, escape(_p("in_plan", lang, n=n)) + " · "
                      + escape(w("events", lang, n=u.events)), level=3, root="../",
                      second=second.get(u.path))
                 for i, (u, n) in enumerate(units, 1)]
        body.append("</ul>")
    return page(head.title, "\n".join(body), lang)


def _about(head: PlanHead, span: tuple[date, date] | None, days: Sequence[tuple[date, str]],
           lang: str) -> str:
    first = [escape(head.issuer)] if head.issuer else []
    if head.number:
        first.append(escape(_p("number", lang, number=head.number)))
    if head.issued:
        first.append(escape(_p("issued", lang, day=fmt(head.issued))))
    lines = [", ".join(first)] if first else []
    if head.scope:
        lines.append(escape(_p("scope", lang, scope=head.scope)))
    lines += [f"{escape(_p(kind, lang))}: {escape(text)}" for kind, text in head.refs
              if f"site_plan_{kind}" in MESSAGES]
    if span:
        lines.append(escape(_p("period", lang, span=span_text(*span))))
    lines += [f"{escape(_p('days', lang))}: <strong>{escape(day_text(d, lang))}</strong> "
              f"({escape(name)})" for d, name in days]
    return "\n".join(f"<p>{line}</p>" for line in lines)


def _table(entries: Sequence[Entry], units: Sequence[tuple[Listed, int]], lang: str) -> str:
    """Tasks by unit (the first named: the lead, as section III of a plan), plan-wide ones
    first; each row is its event's anchor."""
    cards = {fold(u.short or u.name): anchor(u.path) for u, _ in units}
    groups: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.moved is None:  # an override's day is in the timeline; its row is the event's
            groups[e.roles[0][1] if e.roles else ""].append(e)
    out = [f'<h2 id="assign">{escape(_p("assign", lang))}</h2><table class="stack"><thead><tr>'
           + "".join(f'<th scope="col">{escape(_p(k, lang))}</th>'
                     for k in ("when", "task", "roles")) + "</tr></thead>"]
    for unit in sorted(groups, key=lambda u: (u != "", sort_key(u))):
        name = escape(unit or _p("general", lang))
        if fold(unit) in cards:
            name = f'<a href="#{cards[fold(unit)]}">{name}</a>'
        out.append(f'<tbody><tr><th scope="rowgroup" colspan="3">{name}</th></tr>')
        for e in sorted(groups[unit], key=lambda e: (e.start, e.uid)):
            when = span_text(e.start, e.end)
            if e.rrule:
                when = _p("recurring", lang, first=fmt(e.start), last=fmt(e.last))
            cls = ' class="m"' if e.milestone else ""
            out.append(f'<tr id="{event_anchor(e.uid)}"{cls}><th scope="row">{escape(when)}</th>'
                       f"<td>{escape(e.summary)}</td><td>{_roles(e, lang)}</td></tr>")
        out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def _roles(e: Entry, lang: str) -> str:
    by_role: dict[str, list[str]] = defaultdict(list)
    for role, unit in e.roles:
        if unit not in by_role[role]:
            by_role[role].append(unit)
    return "; ".join(
        f'<span class="role">{escape(role_word(role, lang) if role in ROLE_WORDS else role)}:'
        f"</span> {escape(', '.join(names))}" for role, names in by_role.items())
