"""Feed events → iCalendar bytes (RFC 5545), written directly for speed.

The ``icalendar`` package builds a component tree per event; a national feed has 100,000
events, so each event here becomes its content lines once (a few string joins) and a feed is
the concatenation of its events' bytes. ``tests/test_feeds_*`` parse every output with
icalendar, the strict ``ical`` package and Mozilla's ical.js to keep this honest.

- Content lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character
  (§3.1); no byte-order mark.
- TEXT values escape backslash, semicolon, comma and newline (§3.3.11).
- All-day events: ``DTSTART;VALUE=DATE``, ``DTEND`` the day after the last day (§3.6.1).
- Calendar name, description and refresh hints: NAME, DESCRIPTION, REFRESH-INTERVAL, SOURCE
  (RFC 7986 §5.1, §5.2, §5.7, §5.8) and the X-WR-CALNAME / X-WR-CALDESC / X-PUBLISHED-TTL that
  Google and Outlook read.
- Each event's URL (§3.8.4.6) is its row on its plan's page of the site, when the site's base
  URL is known; CATEGORIES (§3.8.1.2) are in the feed's language; each VALARM (§3.6.6) fires
  at 08:00 of a working day (:func:`.events.alarm_triggers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

from .. import __version__
from ..i18n import word
from ..wording import category_word
from .events import FeedEvent, alarm_triggers, window_uid
from .ledger import Ledger, Stamp
from .links import event_anchor, join, plan_page

TZID = "Asia/Ho_Chi_Minh"
PRODID = f"-//kyniem//kyniem {__version__}//VI"
PRODID_MARK = b"PRODID:-//kyniem//"  # what any version's feeds start with
REFRESH = "PT12H"  # Google refreshes every 12–24 h anyway; hint no faster than that

# control characters are no TEXT (§3.3.11: TSAFE-CHAR excludes CTLs); CR goes too
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11), without control characters. Chained ``replace`` is
    about five times faster than ``str.translate`` with a table (it runs per property)."""
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str) -> str:
    """One content line, folded at 75 octets between characters (§3.1), CRLF-terminated."""
    if len(line) <= 75 and line.isascii():
        return line + "\r\n"
    data = line.encode()
    if len(data) <= 75:
        return line + "\r\n"
    parts = []
    begin, limit = 0, 75
    while len(data) - begin > limit:
        cut = begin + limit
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back off to the start
            cut -= 1
        parts.append(data[begin:cut])
        begin, limit = cut, 74  # continuation lines start with one space
    parts.append(data[begin:])
    return b"\r\n ".join(parts).decode() + "\r\n"


def _date(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


@lru_cache(maxsize=1024)
def _utc(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")  # a build stamps most events at one moment


def event_url(event: FeedEvent, base_url: str | None) -> str | None:
    """The event's row on its plan's page (None without a base URL, or without a plan: the
    registry's anniversary days, or of a private plan: its page is not published)."""
    if not base_url or not event.plan or event.private:
        return None
    return f"{join(base_url, plan_page(event.plan))}#{event_anchor(window_uid(event.uid))}"


def event_bytes(event: FeedEvent, stamp: Stamp, lang: str = "vi",
                base_url: str | None = None) -> bytes:
    """One VEVENT (§3.6.1) as bytes; the same event, stamp and base URL always give the same
    bytes. Lines of kyniem's own making (dates, stamps, keywords) are short ASCII and end in
    CRLF as written; only those holding the user's text are folded (issue 11: a national
    site writes 300,000 events, each of 20 to 30 lines)."""
    when = _utc(stamp.modified)
    out = ["BEGIN:VEVENT\r\n", fold(f"UID:{event.uid}"),
           f"DTSTAMP:{when}\r\nLAST-MODIFIED:{when}\r\nSEQUENCE:{stamp.sequence}\r\n"]
    if event.recurrence_id is not None:
        out.append(f"RECURRENCE-ID;VALUE=DATE:{_date(event.recurrence_id)}\r\n")
    out.append(f"DTSTART;VALUE=DATE:{_date(event.start)}\r\n"
               f"DTEND;VALUE=DATE:{_date(event.end + _DAY)}\r\n")
    if event.rrule:
        out.append(fold(f"RRULE:{event.rrule}"))
    out.append(fold(f"SUMMARY:{escape(event.summary)}"))
    if event.description:
        out.append(fold(f"DESCRIPTION:{escape(event.description)}"))
    url = event_url(event, base_url)
    if url:
        out.append(fold(f"URL:{url}"))
    out.append(_kind_lines(event.kind.value, lang))
    if event.reminders:
        out.append(fold(f"X-KYNIEM-REMINDERS:{','.join(map(str, event.reminders))}"))
    if event.lead:
        out.append(_unit_line("X-KYNIEM-LEAD:", event.lead))
    out += [_unit_line("X-KYNIEM-PARTNER:", p) for p in event.partners]
    out += [_unit_line("X-KYNIEM-LEAD:" if role == "lead"
                       else f"X-KYNIEM-UNIT;X-KYNIEM-ROLE={role}:", u) for role, u in event.others]
    if event.plan:
        out.append(fold(f"X-KYNIEM-PLAN:{event.plan}"))
    triggers = alarm_triggers(event)
    if triggers:
        said = fold(f"DESCRIPTION:{escape(word('feed_alarm', lang, summary=event.summary))}")
        for trigger in triggers:
            out.append(f"BEGIN:VALARM\r\nACTION:DISPLAY\r\n{said}TRIGGER:{trigger}\r\n"
                       "END:VALARM\r\n")
    out.append("END:VEVENT\r\n")
    return "".join(out).encode()


_DAY = timedelta(days=1)


@lru_cache(maxsize=4096)
def _unit_line(name: str, unit: str) -> str:
    """A unit's line, folded: plans name the same few dozen units on every event."""
    return fold(name + escape(unit))


@lru_cache(maxsize=64)
def _kind_lines(kind: str, lang: str) -> str:
    return "".join(fold(line) for line in (
        "TRANSP:TRANSPARENT", f"CATEGORIES:{escape(category_word(kind, lang))}",
        f"X-KYNIEM-KIND:{kind}"))


class EventBytes:
    """Each event serialized once, whatever number of feeds hold it, stamped by a ledger
    (``kyniem feed``; a site's parts serialize their own events)."""

    def __init__(self, ledger: Ledger, lang: str, base_url: str | None = None) -> None:
        self.ledger, self.lang, self.base_url = ledger, lang, base_url
        self.done: dict[tuple[str, date | None], bytes] = {}

    def __call__(self, events: Iterable[FeedEvent]) -> list[bytes]:
        out = []
        for e in events:
            key = (e.uid, e.recurrence_id)
            data = self.done.get(key)
            if data is None:
                data = self.done[key] = event_bytes(e, self.ledger.stamp(e.key, e.digest),
                                                    self.lang, self.base_url)
            out.append(data)
        return out


@dataclass(frozen=True)
class CalendarMeta:
    """What a subscriber's calendar list shows (Google shows the URL without X-WR-CALNAME)."""

    name: str
    description: str = ""
    url: str | None = None


def calendar_bytes(meta: CalendarMeta, events: Iterable[bytes]) -> bytes:
    """A whole feed: VCALENDAR header, the VTIMEZONE of X-WR-TIMEZONE, then the events."""
    return calendar_head(meta) + b"".join(events) + CALENDAR_END


CALENDAR_END = b"END:VCALENDAR\r\n"


def calendar_head(meta: CalendarMeta) -> bytes:
    """What comes before a feed's events: the VCALENDAR's properties and the VTIMEZONE.
    A site writes its feeds from it, their events and :data:`CALENDAR_END` (issue 11: a
    national site's all.ics is 190 MB, never held whole)."""
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape(meta.name)}",
        f"X-WR-CALNAME:{escape(meta.name)}",
    ]
    if meta.description:
        head += [f"DESCRIPTION:{escape(meta.description)}",
                 f"X-WR-CALDESC:{escape(meta.description)}"]
    head += [f"X-WR-TIMEZONE:{TZID}", f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
             f"X-PUBLISHED-TTL:{REFRESH}"]
    if meta.url:
        head += [f"SOURCE;VALUE=URI:{meta.url}", f"URL:{meta.url}"]
    return "".join(map(fold, head)).encode() + vtimezone()


#: Asia/Ho_Chi_Minh since 1970 (UTC+8, then UTC+7 from 13/6/1975), as icalendar derives it
#: from the tz database (tests/test_feeds_writer.py checks that it still does): written as
#: text, a rebuild that writes one feed need not import icalendar (issue 11)
_VTIMEZONE = (
    "BEGIN:VTIMEZONE", f"TZID:{TZID}",
    "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZNAME:+08", "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800", "END:STANDARD",
    "BEGIN:STANDARD", "DTSTART:19750613T000000", "TZNAME:+07", "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0700", "END:STANDARD",
    "END:VTIMEZONE",
)


@cache
def vtimezone() -> bytes:
    """Asia/Ho_Chi_Minh as a VTIMEZONE (RFC 5545 §3.6.5); Outlook wants one for the
    X-WR-TIMEZONE it is told about."""
    return "".join(fold(line) for line in _VTIMEZONE).encode()


def vtimezone_from_tzdb() -> bytes:
    """The same, derived from the tz database by icalendar: what :func:`vtimezone` must be."""
    from icalendar import Timezone

    zone = Timezone.from_tzid(TZID, first_date=date(1970, 1, 1), last_date=date(2100, 1, 1))
    text = zone.to_ical().decode().replace("\r\n ", "").replace("\r\n", "\n").rstrip("\n")
    return "".join(fold(line) for line in text.split("\n") if not line.startswith("COMMENT"))\
        .encode()
