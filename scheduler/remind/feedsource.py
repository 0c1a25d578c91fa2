"""``kyniem remind --feed URL``: items from a published iCalendar feed instead of local files.

The feed is fetched with a conditional GET (RFC 9110 §13.1: ``If-None-Match`` with the last
``ETag``, ``If-Modified-Since`` with the last ``Last-Modified``); the body and both validators
are cached on disk, so an unchanged feed costs a 304 and no parsing of a new body.
Recurring events are expanded with ``recurring_ical_events`` (RRULE, RFC 5545 §3.3.10, with
RECURRENCE-ID overrides, §3.8.4.4, applied).

Events become :class:`scheduler.items.Item` rows. kyniem's own feeds say what each event is:

* ``X-KYNIEM-KIND`` — the item kind (anniversary, campaign, peak, event, meeting, visit,
  deadline, report); events without it (any other calendar) are treated as ``event``;
* ``X-KYNIEM-REMINDERS:30,7,1`` — the plan's lead times in days;
* ``X-KYNIEM-LEAD`` — one per lead unit (several are joined "A; B"); ``X-KYNIEM-PARTNER`` —
  one per partner unit, ``X-KYNIEM-UNIT`` (with ``X-KYNIEM-ROLE``) — a unit with another role
  (directs, advises, requested, guides), counted with the partners;
* all-day ``DTSTART;VALUE=DATE`` with an exclusive ``DTEND`` (RFC 5545 §3.6.1); a deadline is
  a one-day event on its (already shifted) due day.

A feed is somebody else's bytes. Only ``http://`` and ``https://`` URLs are fetched, through an
opener without urllib's ``file:``, ``ftp:`` and ``data:`` handlers, and a redirect may only
lead to http(s) too (urllib's own redirect handler would follow one to ``ftp:``). No message
quotes the body: a parser's exception text can echo a line of it (``--feed file:///etc/passwd``
once printed the file's first word), so a feed that does not parse is reported by our own
words and at most the number of the first line that does not read as a content line. A body
over :data:`MAX_BYTES` is not read, lead times outside :data:`LEAD_DAYS` are ignored, and an
event whose days cannot be computed (a date at the end of the calendar) is skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..dates import VN_TZ, plus_days
from ..items import Item, ItemKind, Items
from ..plans.workdays import Due
from ..registry import InputError, Problem
from ..wording import Message, say

#: Lead times a feed may give (``X-KYNIEM-REMINDERS``), in days: up to ten years.
LEAD_DAYS = range(0, 3651)
#: The largest feed body read (a year of a province's plans is well under 1 MB).
MAX_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Fetched:
    body: bytes
    status: int  # 200, 304 (not modified: the cached body), 0 (a file, or the cache on error)
    etag: str | None = None
    last_modified: str | None = None


def feed_error(url: str, why: str | Message) -> InputError:
    return InputError([Problem("", None, "FEED", why if isinstance(why, Message)
                               else f"{url}: {why}")])


def checked_url(url: str) -> str:
    """``url`` if it is an http(s) URL with a host, else :class:`InputError` (exit 2)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok:
        raise InputError([Problem("", None, "--feed", say("remind_feed_scheme", url=url))])
    return url


class _HttpRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects to http(s) only (urllib's own would follow one to ``ftp:``)."""

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request | None:
        try:
            checked_url(newurl)
        except InputError:
            raise feed_error(req.full_url, say("remind_feed_redirect",
                                               url=req.full_url)) from None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def opener() -> urllib.request.OpenerDirector:
    """urllib's default opener without the ``file:``, ``ftp:`` and ``data:`` handlers."""
    built = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.UnknownHandler(),
                    urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(),
                    urllib.request.HTTPDefaultErrorHandler(), _HttpRedirects(),
                    urllib.request.HTTPErrorProcessor()):
        built.add_handler(handler)
    return built


def cache_paths(url: str, cache: Path) -> tuple[Path, Path]:
    key = hashlib.sha1(url.encode()).hexdigest()[:20]
    return cache / f"{key}.ics", cache / f"{key}.json"


def default_cache() -> Path:
    from ..registry.cache import cache_dir

    return Path(cache_dir()) / "feeds"


def fetch(url: str, cache: Path | None = None, timeout: float = 20.0) -> Fetched:
    """The feed's body, with a conditional GET against the cached copy."""
    import http.client
    import urllib.error

    checked_url(url)
    cache = cache or default_cache()
    body_path, meta_path = cache_paths(url, cache)
    meta: dict[str, Any] = {}
    if body_path.exists() and meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
    headers = {"User-Agent": "kyniem-remind", "Accept": "text/calendar, */*;q=0.5"}
    if meta.get("etag"):
        headers["If-None-Match"] = meta["etag"]
    if meta.get("last_modified"):
        headers["If-Modified-Since"] = meta["last_modified"]
    try:
        request = urllib.request.Request(url, headers=headers)
        with opener().open(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
            status = getattr(response, "status", None) or 0
            etag = response.headers.get("ETag")
            modified = response.headers.get("Last-Modified")
    except urllib.error.HTTPError as exc:
        if exc.code == 304 and body_path.exists():
            return Fetched(body_path.read_bytes(), 304, meta.get("etag"),
                           meta.get("last_modified"))
        return _fallback(url, body_path, f"HTTP {exc.code} {_phrase(exc.code)}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return _fallback(url, body_path, say("remind_feed_unreachable", why=str(reason)))
    except http.client.HTTPException as exc:  # not HTTP: its text may quote what came back
        return _fallback(url, body_path, say("remind_feed_unreachable",
                                             why=type(exc).__name__))
    if len(body) > MAX_BYTES:
        raise feed_error(url, say("remind_feed_too_large", url=url, limit=MAX_BYTES >> 20))
    try:
        cache.mkdir(parents=True, exist_ok=True)
        _write(body_path, body)
        _write(meta_path, json.dumps({"url": url, "etag": etag, "last_modified": modified}
                                     ).encode())
    except OSError:
        pass  # no cache: the next fetch is a full one
    return Fetched(body, status, etag, modified)


def _phrase(code: int) -> str:
    """The standard reason phrase (the server's own is its text, not ours to print)."""
    from http import HTTPStatus

    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return ""


def _fallback(url: str, body_path: Path, why: str | Message) -> Fetched:
    """Unreachable: the cached copy with a warning, or a clear error when there is none."""
    if body_path.exists():
        print(f"kyniem remind: {say('remind_feed_stale_copy', url=url, why=why)}",
              file=sys.stderr)
        return Fetched(body_path.read_bytes(), 0)
    raise feed_error(url, say("remind_feed_at", url=url, why=why))


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def items(body: bytes, url: str, start: date, end: date) -> Items:
    """The feed's events touching [start, end] as items, recurring ones expanded."""
    import icalendar
    import recurring_ical_events  # type: ignore[import-untyped]

    after = plus_days(end, 1, "--feed")
    try:
        calendar = icalendar.Calendar.from_ical(body)
        events = recurring_ical_events.of(calendar).between(start, after)
        recurring = {str(e.get("UID")) for e in calendar.walk("VEVENT")
                     if any(e.get(k) is not None for k in ("RRULE", "RDATE", "RECURRENCE-ID"))}
    except Exception:  # malformed iCalendar in any of its many ways; its text may quote it
        raise unreadable(url, body) from None
    found: dict[str, Item] = {}
    for event in events:
        try:
            item = to_item(event, str(event.get("UID")) in recurring)
        except (ValueError, TypeError, OverflowError, AttributeError, KeyError):
            continue  # days that cannot be computed, values of the wrong type
        if item is not None:
            found.setdefault(item.uid, item)
    return Items(tuple(found.values()))


def unreadable(url: str, body: bytes) -> InputError:
    """Our own message for a feed that does not parse: the line, never its text."""
    line = first_bad_line(body)
    if line is None:
        return feed_error(url, say("remind_feed_unreadable", url=url))
    return feed_error(url, say("remind_feed_unreadable_at", url=url, line=line))


def first_bad_line(body: bytes) -> int | None:
    """The number of the first physical line starting a content line that does not split
    into name, parameters and value (RFC 5545 §3.1; folded lines joined), if any."""
    from icalendar.parser import Contentline

    text = body.decode("utf-8", "replace")
    logical: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if raw[:1] in (" ", "\t") and logical:
            logical[-1] = (logical[-1][0], logical[-1][1] + raw[1:])
        elif raw.strip():
            logical.append((number, raw))
    for number, line in logical:
        try:
            Contentline(line).parts()  # type: ignore[no-untyped-call]
        except Exception:
            return number
    return None


def _day(value: Any) -> date | None:
    moment = getattr(value, "dt", value)
    if isinstance(moment, datetime):
        return (moment.astimezone(VN_TZ) if moment.tzinfo else moment).date()
    return moment if isinstance(moment, date) else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _many(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    return tuple(t for v in values if (t := _unit(v)))


def _unit(value: Any) -> str | None:
    """A unit's name: icalendar 7 leaves X- properties raw (``vUnknown``), but their default
    type is TEXT (RFC 5545 §3.8.8.2), so ``\\,`` and ``\\;`` are unescaped here."""
    text = _text(value)
    return None if text is None else _ESCAPED.sub(
        lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


_ESCAPED = re.compile(r"\\([\\;,nN])")  # RFC 5545 §3.3.11


def reminders_of(value: Any) -> tuple[int, ...]:
    """``X-KYNIEM-REMINDERS:30,7,1`` → (30, 7, 1); junk entries and days outside
    :data:`LEAD_DAYS` are ignored."""
    text = _text(value) or ""
    return tuple(int(p) for p in (part.strip() for part in text.replace(";", ",").split(","))
                 if _DIGITS.fullmatch(p) and int(p) in LEAD_DAYS)


_DIGITS = re.compile(r"[0-9]{1,9}")  # ASCII digits: str.isdigit() takes "²", int() does not


def to_item(event: Any, recurring: bool = False) -> Item | None:
    """One expanded VEVENT as an item (None without a UID or start). Instances of a recurring
    event get the instance's original day (RECURRENCE-ID) in their uid; a deadline instance
    moved by an override keeps that day as the day it was written for."""
    uid = _text(event.get("UID"))
    start = _day(event.get("DTSTART"))
    if not uid or start is None:
        return None
    raw_end = event.get("DTEND")
    moment = getattr(raw_end, "dt", None)
    if moment is None:
        end = start
    elif isinstance(moment, datetime):
        end = max(start, _day(raw_end) or start)
    else:  # all-day: DTEND is exclusive (RFC 5545 §3.6.1)
        end = max(start, moment - timedelta(days=1))
    instance = _day(event.get("RECURRENCE-ID")) or start
    if recurring:
        uid = f"{uid}/{instance:%Y%m%d}"
    try:
        kind = ItemKind((_text(event.get("X-KYNIEM-KIND")) or "event").lower())
    except ValueError:
        kind = ItemKind.EVENT
    due = None
    if kind in (ItemKind.DEADLINE, ItemKind.REPORT):
        due = Due(instance if recurring and instance != start else end, end)
    return Item(uid=f"feed/{uid}", kind=kind, title=_text(event.get("SUMMARY")) or uid,
                start=start, end=end, due=due,
                lead="; ".join(_many(event.get("X-KYNIEM-LEAD"))) or None,
                partners=(_many(event.get("X-KYNIEM-PARTNER"))
                          + _many(event.get("X-KYNIEM-UNIT"))),
                reminders=reminders_of(event.get("X-KYNIEM-REMINDERS")))
