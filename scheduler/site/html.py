"""What every page shares: escaping, the words (Vietnamese first, English with ``lang="en"``),
the page around a body and its one stylesheet (mobile first: nothing wider than a 360 px
phone)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from html import escape as _escape

from ..dates import fmt
from ..sanitize import strip_controls
from ..wording import worded
from .script import SCRIPT


@lru_cache(maxsize=1 << 16)
def escape(text: str) -> str:
    """HTML text or attribute, without control characters (never valid in HTML text).
    Cached: pages repeat their unit names, titles and words thousands of times."""
    return _escape(strip_controls(text))



WEEKDAYS = (("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"),
            ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"))


def w(key: str, lang: str, **values: object) -> str:
    return worded(f"site_{key}", lang, **values)


def day_text(d: date, lang: str) -> str:
    """``Thứ Ba, 07/05/2024``: a clerk plans by weekday."""
    return f"{WEEKDAYS[1 if lang == 'en' else 0][d.weekday()]}, {fmt(d)}"


@lru_cache(maxsize=1 << 14)
def span_text(start: date, end: date) -> str:
    return fmt(start) if start == end else f"{fmt(start)} – {fmt(end)}"


CSS = (
    "*,*::before,*::after{box-sizing:border-box}[hidden]{display:none!important}"
    "body{font:16px/1.45 system-ui,sans-serif;color:#1b1b1b;margin:0 auto;max-width:62rem;"
    "padding:0 .75rem 3rem;overflow-wrap:break-word}"
    "h1{font-size:1.45rem;line-height:1.25;margin:1rem 0 .5rem}"
    "h2{font-size:1.2rem;margin:1.6rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid #a00}"
    "h3{font-size:1.05rem;margin:1.1rem 0 .4rem}a{color:#a00}"
    "h2.sub{font-size:1rem;border:0;margin:0 0 .2rem;padding:0}"
    "p{margin:.4rem 0}.meta{color:#555;font-size:.92rem}"
    ".jump ul,.links{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0;"
    "margin:.4rem 0}"
    ".jump a{display:inline-block;padding:.3rem .7rem;border:1px solid #bbb;border-radius:1rem;"
    "text-decoration:none}"
    ".help{background:#f6f6f6;border-radius:.4rem;padding:.5rem .75rem;font-size:.93rem}"
    ".help p{margin:.2rem 0}"
    "#find label{display:block;font-weight:600}#q{width:100%;font:inherit;padding:.45rem .6rem;"
    "border:2px solid #888;border-radius:.4rem}"
    ".cards{list-style:none;padding:0;margin:0;display:grid;gap:.6rem;"
    "grid-template-columns:repeat(auto-fill,minmax(min(100%,21rem),1fr))}"
    ".card{border:1px solid #d5d5d5;border-radius:.5rem;padding:.6rem .7rem;min-width:0}"
    ".card h3,.card h4{font-size:1rem;margin:0 0 .2rem}"
    ".url{display:flex;gap:.4rem;align-items:flex-start;margin:.45rem 0 .2rem}"
    ".url code{flex:1;min-width:0;overflow-wrap:anywhere;font-size:.8rem;background:#f3f3f3;"
    "padding:.25rem .35rem;border-radius:.25rem;user-select:all}"
    ".second{margin-top:.4rem;font-size:.93rem}.second summary{cursor:pointer;color:#333}"
    "button.copy{flex:none;font:inherit;font-size:.85rem;padding:.2rem .6rem;cursor:pointer}"
    ".links a{display:inline-block;padding:.2rem .55rem;border:1px solid #d9b3b3;"
    "border-radius:.3rem;text-decoration:none;font-size:.9rem}"
    ".plans{margin:.3rem 0 0;padding-left:1.1rem;font-size:.92rem}"
    "table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:600}"
    "th,td{padding:.35rem .5rem;text-align:left;border-bottom:1px solid #ddd;vertical-align:top}"
    "thead th{border-bottom:2px solid #999}th[scope=row]{font-weight:normal}"
    "th[scope=rowgroup]{background:#f3f3f3}tr.m{font-weight:bold}"
    ".nowrap{white-space:nowrap}.role{color:#555}"
    "@media (max-width:40rem){table.stack,.stack tbody,.stack tr,.stack th,.stack td"
    "{display:block}.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;"
    "clip-path:inset(50%)}.stack tr{border-bottom:1px solid #ddd;padding:.35rem 0}"
    ".stack th,.stack td{border:0;padding:.05rem 0}.stack th[scope=row]{color:#555}"
    ".stack th[scope=rowgroup]{padding:.3rem .4rem}.stack caption{display:block}}"
    ".tl{display:block;width:100%;height:auto;max-width:48rem;margin:.6rem 0}"
    ".tl text{font:17px system-ui,sans-serif;fill:#333}.tl .g{stroke:#e2e2e2}"
    ".w{fill:#3f6fb0}.p{fill:#c25e00}.d{fill:#8e1b1b}.tl .k{fill:#fff;font-size:12px}"
    ".a{stroke:#d00;stroke-width:3}.a2{fill:#d00}.m2{fill:#f2c200;stroke:#6b5200}"
    ".t{stroke:#111;stroke-width:2;stroke-dasharray:6 4}"
    ".legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;padding:0;margin:.2rem 0;"
    "font-size:.9rem}.legend svg{vertical-align:middle;margin-right:.3rem}"
)


#: A page at a secret address (issue 13): never indexed, and its address never sent on in a
#: Referer header when a link is followed (Referrer Policy, W3C: ``no-referrer``).
SECRET_HEAD = '<meta name="robots" content="noindex,nofollow"><meta name="referrer" ' \
    'content="no-referrer">'


def page(title: str, body: str, lang: str, script: bool = True, head: str = "") -> str:
    tail = f"<script>{SCRIPT}</script>\n" if script else ""
    return (f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "vi"}"><head>'
            '<meta charset="utf-8"><meta name="viewport" content="width=device-width,'
            f'initial-scale=1">{head}<title>{escape(title)}</title><style>{CSS}</style>'
            f"</head>\n<body>\n{body}\n{tail}</body></html>\n")
