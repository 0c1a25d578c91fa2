"""Subscribe links for a published feed URL, as each client documents them.

- Apple Calendar (and Outlook desktop): the ``webcal://`` scheme opens "subscribe".
- Google Calendar: ``https://calendar.google.com/calendar/r?cid=<webcal URL>`` adds a
  calendar by URL (Google then refreshes it every 12–24 hours).
- Outlook on the web: ``/calendar/0/addfromweb?url=…&name=…`` on outlook.live.com (personal)
  and outlook.office.com (work or school accounts).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlencode, urlsplit, urlunsplit


@dataclass(frozen=True)
class Links:
    https: str
    webcal: str
    google: str
    outlook: str
    outlook_work: str


def links(url: str, name: str) -> Links:
    """Every subscribe link of an absolute http(s) feed URL."""
    parts = urlsplit(url)
    webcal = urlunsplit(("webcal", *parts[1:]))
    google = "https://calendar.google.com/calendar/r?cid=" + quote(webcal, safe="")
    query = urlencode({"url": url, "name": name})
    return Links(url, webcal, google,
                 f"https://outlook.live.com/calendar/0/addfromweb?{query}",
                 f"https://outlook.office.com/calendar/0/addfromweb?{query}")


def join(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + "/" + quote(path)


@lru_cache(maxsize=4096)
def plan_page(plan_id: str) -> str:
    """A plan's page in the site (relative path): events link here, the index lists it."""
    from ..names import slug

    return f"plans/{slug(plan_id)}.html"


def event_anchor(uid: str) -> str:
    """The fragment of an event's row on its plan's page: short, stable, HTML-id safe."""
    import hashlib

    return "e-" + hashlib.blake2b(uid.encode(), digest_size=5).hexdigest()
