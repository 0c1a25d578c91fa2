"""A feed as a card: its name, its https address in full (Google's "From URL" box needs it)
with a copy button, and subscribe links whose accessible names say which calendar they add."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..feeds.links import join, links
from .html import escape, w

if TYPE_CHECKING:
    from .pages import Listed

CLIENTS = ("google", "outlook", "outlook_work", "apple")


def labels(feeds: Sequence[Listed], lang: str) -> dict[str, str]:
    """Each feed's calendar as links name it ("Lịch Ban CHQS quận"), unique on the page: two
    links with one name must not add different calendars."""
    word = {"anniversary": "cal_anniversary", "days": "cal_days"}
    found = {f.path: w(word.get(f.group, "cal"), lang, name=f.short or f.name) for f in feeds}
    return unique(found, {f.path: f for f in feeds})


def unique(names: dict[str, str], feeds: dict[str, Listed]) -> dict[str, str]:
    """Names that collide get the locality, then the key (a unit or plan id)."""
    for extra in ({p: f.locality for p, f in feeds.items()}, {p: f.key for p, f in feeds.items()}):
        counts = Counter(names.values())
        names = {p: f"{n} ({extra[p]})" if counts[n] > 1 and extra[p] else n
                 for p, n in names.items()}
    return names


def anchor(path: str) -> str:
    """A card's id: from its feed's path, stable across builds."""
    return "f-" + re.sub(r"[^A-Za-z0-9]+", "-", path.removesuffix(".ics")).strip("-")


def card(feed: Listed, label: dict[str, str], lang: str, base_url: str | None,
         number: int, meta: str = "", extra: str = "", level: int = 3, root: str = "",
         second: Listed | None = None) -> str:
    """``meta`` and ``extra`` are HTML; ``root`` leads relative links back to the site's top
    (``../`` from a plan page); ``number`` makes the addresses' ids unique on the page;
    ``second`` is the feed's "deadlines and key days" companion, offered folded."""
    search = " ".join(filter(None, (feed.short or feed.name, feed.locality,
                                    feed.head.issuer if feed.head else "",
                                    feed.head.scope if feed.head else "")))
    out = [f'<li class="card" id="{anchor(feed.path)}" data-q="{escape(search)}">',
           f"<h{level}>{escape(feed.short or feed.name)}</h{level}>"]
    if meta:
        out.append(f'<p class="meta">{meta}</p>')
    out += [extra, _subscribe(feed, label[feed.path], lang, base_url, f"u{number}", root)]
    if second is not None:
        inner = _subscribe(second, label[second.path], lang, base_url, f"v{number}", root)
        out.append(f'<details class="second"><summary>{escape(w("second", lang))} '
                   f'<span class="meta">({escape(w("events", lang, n=second.events))})</span>'
                   f"</summary>{inner}</details>")
    out.append("</li>")
    return "\n".join(filter(None, out))


def _subscribe(feed: Listed, label: str, lang: str, base_url: str | None, code: str,
               root: str) -> str:
    """The feed's address with its copy button, and its links."""
    out = []
    items = []
    if base_url:
        ln = links(join(base_url, feed.path), feed.name)
        copy = escape(w("copy", lang))
        out.append(
            f'<div class="url"><code id="{code}">{escape(ln.https)}</code>'
            '<button type="button" class="copy" hidden '
            f'aria-controls="{code}" aria-label="{escape(w("copy_label", lang, label=label))}" '
            f'data-label="{copy}" data-done="{escape(w("copied", lang))}" '
            f'data-select="{escape(w("selected", lang))}">{copy}</button></div>')
        hrefs = {"google": ln.google, "outlook": ln.outlook, "outlook_work": ln.outlook_work,
                 "apple": ln.webcal}
        items = [(client, hrefs[client]) for client in CLIENTS]
    items.append(("ics", root + feed.path))
    out.append('<ul class="links">' + "".join(
        f'<li><a class="{client}" href="{escape(href)}" '
        f'aria-label="{escape(w(client, lang))}: {escape(label)}">{escape(w(client, lang))}</a>'
        "</li>" for client, href in items) + "</ul>")
    return "".join(out)
