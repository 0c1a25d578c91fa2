"""Web addresses a user gives (``--base-url``, a registry's ``url``): absolute http(s) URLs
with a host, and nothing a feed or a page could be tricked with — no whitespace, no control
characters (a CR/LF in a feed's SOURCE would start new content lines, RFC 5545 §3.1), no
quotes or angle brackets (RFC 3986 §2 leaves them out of URIs; they would end an HTML
attribute)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .wording import Message, quote, say

_FORBIDDEN = re.compile(r"[\s\x00-\x1f\x7f-\x9f\"'<>\\`]")


class UrlError(ValueError):
    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def web_url(text: str) -> str:
    """``text`` when it is a usable http(s) address, else :class:`UrlError`."""
    if _FORBIDDEN.search(text):
        raise UrlError(say("url_characters", url=quote(text)))
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - a bad port raises here
    except ValueError:
        raise UrlError(say("url_not_http", url=quote(text))) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UrlError(say("url_not_http", url=quote(text)))
    return text


def site_url(text: str) -> str:
    """``text`` when it can be the address a site is published at (``--base-url``): a web
    address (:func:`web_url`) with no query, no fragment and no file name ("…/index.html",
    pasted from the address bar: every feed link made from it was broken)."""
    web_url(text)
    parts = urlsplit(text)
    last = parts.path.rsplit("/", 1)[-1]
    if (parts.query or parts.fragment or "?" in text or "#" in text
            or last.lower().endswith(_PAGE_SUFFIXES)):
        raise UrlError(say("url_site_base", url=quote(text)))
    return text


#: A page's or a file's name ends a path so; a folder may hold a dot ("/lich.hanoi")
_PAGE_SUFFIXES = (".html", ".htm", ".php", ".asp", ".aspx", ".jsp", ".ics", ".json", ".xml")
