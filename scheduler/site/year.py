"""``years/YYYY.html``: the year at a glance (a strip of its twelve months, milestones
highlighted) and its events by date, each linked to its plan's page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..feeds.links import plan_page
from .data import Entry, PlanHead
from .html import escape, page, span_text, w
from .svg import legend, marks, timeline

YEAR_WORDS: dict[str, tuple[str, str]] = {
    "strip": ("Năm {year} theo tháng", "{year} by month"),
    "strip_desc": ("{n} sự kiện từ tháng 1 đến tháng 12; bảng dưới liệt kê đủ.",
                   "{n} events from January to December; the table below lists them all."),
    "caption": ("Các sự kiện năm {year} theo ngày; in đậm: năm kỷ niệm tròn",
                "The year's events by date; in bold: milestone anniversaries"),
}


def _y(key: str, lang: str, **values: object) -> str:
    return YEAR_WORDS[key][1 if lang == "en" else 0].format(**values)


def year_page(year: int, rows: Sequence[tuple[Entry, PlanHead | None]], lang: str) -> str:
    """``rows``: the year's entries by date, each with the plan it comes from (None for the
    registry's anniversary days)."""
    lo, hi = date(year, 1, 1), date(year, 12, 31)
    drawn = marks([e for e, _ in rows], lo, hi, lines=False)
    svg = timeline(drawn, lo, hi, _y("strip", lang, year=year),
                   _y("strip_desc", lang, n=len(rows)), "y", lang)
    body = [f'<p><a href="../index.html">{escape(w("back", lang))}</a></p>',
            f"<h1>{escape(w('title', lang))} {year}</h1>",
            legend([m.cls for m in drawn], lang), svg,
            f'<table class="stack"><caption>{escape(_y("caption", lang, year=year))}</caption>'
            f'<thead><tr><th scope="col">{escape(w("date", lang))}</th>'
            f'<th scope="col">{escape(w("what", lang))}</th>'
            f'<th scope="col">{escape(w("who", lang))}</th></tr></thead><tbody>',
            *(_row(e, head, lang) for e, head in rows), "</tbody></table>"]
    return page(f"{w('title', lang)} {year}", "\n".join(body), lang, script=False)


def _row(e: Entry, head: PlanHead | None, lang: str) -> str:
    cls = ' class="m"' if e.milestone else ""
    what = escape(e.summary)
    if head is not None:
        plan = w("plan_of", lang, issuer=head.issuer)
        what += (f'<br><a href="../{escape(plan_page(head.id))}" '
                 f'aria-label="{escape(plan)}: {escape(head.title)}">{escape(plan)}</a>')
    return (f'<tr{cls}><th scope="row" class="nowrap">{span_text(e.start, e.end)}</th>'
            f"<td>{what}</td><td>{escape(', '.join(e.units))}</td></tr>")
