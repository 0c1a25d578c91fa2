"""The site's pages: ``index.html`` (every feed with its subscribe links) and one readable page
per year (``years/2024.html``). Plain HTML with inline CSS: no script, no external asset, so
any static host serves it and it opens offline."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape as _escape

from ..sanitize import strip_controls
from .links import join, links


def escape(text: str) -> str:
    """HTML text or attribute, without control characters (never valid in HTML text)."""
    return _escape(strip_controls(text))

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Lịch kỷ niệm", "Commemoration calendars"),
    "intro": ("Đăng ký một lịch một lần; lịch của bạn tự cập nhật khi kế hoạch thay đổi "
              "(Google: 12–24 giờ, Outlook: vài giờ).",
              "Subscribe once; your calendar updates itself when plans change "
              "(Google: every 12–24 h, Outlook: every few hours)."),
    "no_base": ("Trang này được tạo không có --base-url nên chưa có liên kết đăng ký; "
                "tải tệp .ics hoặc tạo lại với --base-url.",
                "Built without --base-url: no subscribe links; download the .ics or rebuild "
                "with --base-url."),
    "all": ("Tất cả", "Everything"), "milestones": ("Các năm kỷ niệm", "Milestones"),
    "plan": ("Theo kế hoạch", "By plan"), "anniversary": ("Theo ngày kỷ niệm", "By anniversary"),
    "unit": ("Theo đơn vị", "By unit"), "events": ("sự kiện", "events"),
    "years": ("Theo năm", "By year"), "download": ("Tải .ics", "Download .ics"),
    "apple": ("Apple", "Apple"), "google": ("Google", "Google"),
    "outlook": ("Outlook.com", "Outlook.com"), "outlook_work": ("Outlook (cơ quan)",
                                                                 "Outlook (work)"),
    "back": ("← Danh sách lịch", "← All calendars"), "date": ("Ngày", "Date"),
    "what": ("Nội dung", "What"), "units": ("Đơn vị", "Units"),
}

CSS = ("body{font:16px/1.45 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}"
       "table{border-collapse:collapse;width:100%}td,th{padding:.3rem .5rem;text-align:left;"
       "border-bottom:1px solid #ddd;vertical-align:top}a{color:#b00}"
       ".links a{margin-right:.6rem;white-space:nowrap}.m{font-weight:bold}.n{white-space:nowrap}")


def _w(key: str, lang: str) -> str:
    return WORDS[key][1 if lang == "en" else 0]


def _page(title: str, body: str, lang: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n"
            "</body></html>\n")


@dataclass(frozen=True)
class Listed:
    """A feed as the index lists it."""

    group: str  # all | milestones | plan | anniversary | unit
    key: str
    path: str
    name: str
    events: int


def index_page(feeds: Sequence[Listed], sizes: dict[str, int], lang: str,
               base_url: str | None, years: Sequence[int]) -> str:
    parts = [f"<h1>{escape(_w('title', lang))}</h1>", f"<p>{escape(_w('intro', lang))}</p>"]
    if not base_url:
        parts.append(f"<p><em>{escape(_w('no_base', lang))}</em></p>")
    groups: dict[str, list[Listed]] = defaultdict(list)
    for feed in feeds:
        groups[feed.group].append(feed)
    for group in ("all", "milestones", "plan", "anniversary", "unit"):
        if not groups[group]:
            continue
        parts.append(f'<h2 id="{group}">{escape(_w(group, lang))}</h2><table>')
        for feed in groups[group]:
            parts.append(_feed_row(feed, sizes.get(feed.path, 0), lang, base_url))
        parts.append("</table>")
    if years:
        parts.append(f'<h2 id="years">{escape(_w("years", lang))}</h2><p>')
        parts.append(" · ".join(f'<a href="years/{y}.html">{y}</a>' for y in years) + "</p>")
    return _page(_w("title", lang), "\n".join(parts), lang)


def _feed_row(feed: Listed, size: int, lang: str, base_url: str | None) -> str:
    cells = [f'<a class="ics" href="{escape(feed.path)}">{escape(_w("download", lang))}</a>']
    if base_url:
        ln = links(join(base_url, feed.path), feed.name)
        cells = [f'<a class="{cls}" href="{escape(href)}">{escape(_w(cls, lang))}</a>'
                 for cls, href in (("apple", ln.webcal), ("google", ln.google),
                                   ("outlook", ln.outlook), ("outlook_work", ln.outlook_work))
                 ] + cells
    label = feed.name.split(": ", 1)[-1] if feed.group in ("unit", "anniversary") \
        else feed.name
    return (f"<tr><td>{escape(label)}</td><td class=\"n\">{feed.events} {_w('events', lang)}, "
            f"{size // 1024 + 1} KB</td><td class=\"links\">{' '.join(cells)}</td></tr>")


def year_page(year: int, rows: Sequence[str], lang: str) -> str:
    """``years/YYYY.html``: the year's events by date (rows made by the parts), milestones
    in bold."""
    body = [f'<p><a href="../index.html">{escape(_w("back", lang))}</a></p>',
            f"<h1>{escape(_w('title', lang))} {year}</h1><table>",
            f"<tr><th>{_w('date', lang)}</th><th>{_w('what', lang)}</th>"
            f"<th>{_w('units', lang)}</th></tr>", *rows, "</table>"]
    return _page(f"{_w('title', lang)} {year}", "\n".join(body), lang)
