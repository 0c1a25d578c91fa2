"""HTTP header reading for :mod:`scheduler.serve`: conditional requests (RFC 9110 §13.1),
content negotiation of gzip (RFC 9110 §12.5.3) and the request target (RFC 3986 §2.1).

Header values arrive as bytes (ASGI); each function is called per request, so they work on
bytes without building objects, and the parsed Accept-Encoding values are memoised (clients
send a handful of distinct ones).
"""

from __future__ import annotations

import re
from email.utils import formatdate, parsedate_to_datetime
from functools import lru_cache
from urllib.parse import unquote_to_bytes

# Encoded slash and backslash, NUL: refused before decoding (RFC 3986 §2.1: a "%2F" is data,
# but a file server that decodes it has a path separator the router never saw).
_REFUSED = re.compile(rb"%2[fF]|%5[cC]|%00|\\|\x00")


def site_path(raw: bytes) -> str | None:
    """The release-relative path a request target names (``""``: the root; a trailing ``/``
    kept: a folder was asked for), or None when it could reach outside the release or a
    hidden file: ``..`` and ``.`` segments (also percent-encoded), dot-files and dot-folders,
    encoded slashes and backslashes, NUL and other control characters, bytes that are not
    UTF-8, empty segments."""
    if not raw.startswith(b"/") or _REFUSED.search(raw):
        return None
    try:
        text = unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return None
    parts = text[1:].split("/")
    folder = parts[-1] == ""
    if folder:
        parts.pop()
    for part in parts:
        if not part or part[0] == "." or any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0
                                             for c in part):
            return None
    path = "/".join(parts)
    return f"{path}/" if folder and path else path


def none_match(header: bytes, etag: bytes) -> bool:
    """If-None-Match against the selected representation's ETag (RFC 9110 §13.1.2): weak
    comparison, a list of tags, or ``*`` for any current representation."""
    if header == etag:  # the usual case: a client sends back the one tag it has
        return True
    opaque = etag[2:] if etag.startswith(b"W/") else etag
    for tag in header.split(b","):
        tag = tag.strip()
        if tag == b"*":
            return True
        if tag.startswith(b"W/"):
            tag = tag[2:]
        if tag == opaque:
            return True
    return False


def not_modified_since(header: bytes, mtime: int) -> bool:
    """If-Modified-Since (RFC 9110 §13.1.3): true when the file is no newer than the date
    given; a date that cannot be read is ignored (the full response follows)."""
    since = _since(header)
    return since is not None and mtime <= since


@lru_cache(maxsize=256)
def _since(header: bytes) -> int | None:
    try:
        return int(parsedate_to_datetime(header.decode("latin-1")).timestamp())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


@lru_cache(maxsize=256)
def accepts_gzip(header: bytes) -> bool:
    """Whether Accept-Encoding allows gzip (RFC 9110 §12.5.3): named (or ``x-gzip``) with a
    q-value above 0, or covered by ``*`` above 0 when not named; ``q=0`` refuses."""
    named: float | None = None
    star: float | None = None
    for item in header.split(b","):
        coding, _, params = item.partition(b";")
        coding = coding.strip().lower()
        q = 1.0
        for param in params.split(b";"):
            key, _, value = param.partition(b"=")
            if key.strip().lower() == b"q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
        if coding in (b"gzip", b"x-gzip"):
            named = q if named is None else max(named, q)
        elif coding == b"*":
            star = q
    if named is not None:
        return named > 0
    return star is not None and star > 0


def http_date(seconds: float) -> str:
    """An IMF-fixdate (RFC 9110 §5.6.7), for Last-Modified."""
    return formatdate(seconds, usegmt=True)


def duration_seconds(value: str) -> int:
    """An RFC 5545 §3.3.6 duration of hours, minutes and seconds (``PT12H``) in seconds: the
    feeds' REFRESH-INTERVAL, turned into the matching Cache-Control max-age."""
    found = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", value)
    if not found:
        raise ValueError(f"not a duration: {value!r}")
    days, hours, minutes, seconds = (int(g or 0) for g in found.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds
