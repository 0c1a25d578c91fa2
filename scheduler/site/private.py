"""The office's page of private feeds (issue 13), itself at a secret address
(``s/<token>/index.html``): every internal calendar with its subscribe links, each at its
first live secret address. Never linked from the public site; marked ``noindex`` and
``no-referrer`` so that neither a search engine nor a followed link learns the address."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import count

from ..feeds.catalogue import underlying
from .cards import card, labels, unique
from .html import SECRET_HEAD, escape, page, w
from .pages import Listed

#: a private feed's secret path is ``s/<token>/<key>``; the page is ``s/<token>/index.html``
ROOT = "../../"


def private_page(feeds: Sequence[Listed], sizes: dict[str, int], lang: str,
                 base_url: str | None) -> str:
    """``feeds``: the private feeds, each once (its first live address), office-wide first,
    then plans, units and the deadlines-and-key-days feeds."""
    # the cards' groups are their public twins' (names, labels), their paths the secret ones
    shown = [replace(f, group=underlying(f.key)) for f in feeds]
    label = labels(shown, lang)
    # headings unique too: two internal plans on one subject differ by issuer, else by id
    heads = unique({f.path: f.short or f.name for f in shown}, {f.path: f for f in shown})
    shown = [replace(f, short=heads[f.path]) for f in shown]
    number = count(1)
    body = [f"<h1>{escape(w('private_title', lang))}</h1>",
            f"<p>{escape(w('private_intro', lang))}</p>"]
    if not base_url:
        body.append(f"<p><em>{escape(w('no_base', lang))}</em></p>")
    if base_url:
        body.append('<section class="help" aria-labelledby="help"><h2 id="help" class="sub">'
                    f'{escape(w("help", lang))}</h2>'
                    + "".join(f"<p>{w(k, lang)}</p>" for k in ("help_google", "help_outlook",
                                                               "help_phone")) + "</section>")
    for section, kinds in (("private_feeds", ("all", "plan", "unit")),
                           ("second", ("days",))):
        items = [f for f in shown if f.group in kinds]
        if not items:
            continue
        body.append(f'<section aria-labelledby="h-{section}"><h2 id="h-{section}">'
                    f"{escape(w(section, lang))}</h2><ul class=\"cards\">")
        for f in items:
            meta = escape(w("events", lang, n=f.events)) + \
                f", {sizes.get(f.path, 0) // 1024 + 1} KB"
            body.append(card(f, label, lang, base_url, next(number), meta, root=ROOT))
        body.append("</ul></section>")
    return page(w("private_title", lang), "\n".join(body), lang, head=SECRET_HEAD)
