"""Read one .ics file with three independent parsers, and check what none of them enforces.

Each ``parse_*`` function takes the bytes of one iCalendar object (RFC 5545) and returns its
VEVENTs as comparable :class:`Ev` values, sorted, or raises :class:`InteropError` when that
parser refuses the file. The three are normalised alike, so a test can assert that
``parse_icalendar(b) == parse_ical_strict(b) == parse_icaljs(b)[0]``:

* ``start``/``end``/``recurrence_id``: a DATE (RFC 5545 §3.3.4) as ``YYYY-MM-DD``; a floating
  DATE-TIME (§3.3.5 form 1) as ``YYYY-MM-DDTHH:MM:SS``; a UTC or TZID DATE-TIME (forms 2 and 3)
  as local wall time plus the UTC offset the parser resolved, ``YYYY-MM-DDTHH:MM:SS+07:00``
  (so a wrong VTIMEZONE shows as a disagreement). ``end`` is the parser's own effective end:
  DTEND, else DTSTART + DURATION, else one day after a DATE or equal to a DATE-TIME (§3.6.1).
* ``rrule``: :func:`canonical_rrule` of each parser's own serialisation of the RECUR value
  (§3.3.10).

What each refuses (seen with icalendar 7.3, ical 14.3, ical.js 2.2): ``icalendar`` records,
and so refuses here, an impossible date (20240231) or a bad content line, but takes a BOM, bad
UTF-8 and a fold inside a character (U+FFFD); ``ical`` also refuses a TZID it cannot resolve
(no VTIMEZONE, not an IANA name) and, decoded strictly here, a BOM, bad UTF-8 and a fold inside
a character; ical.js refuses bad content lines and a BOM (with a cryptic message) but rolls
20240231 over to 2024-03-02, reads a TZID without a VTIMEZONE as floating time and decodes bad
UTF-8 to U+FFFD. None of them minds a missing DTSTAMP, a duplicate UID, DTEND before DTSTART or
long lines: that is ``own_checks``.

``recurrence_sets`` expands the recurring events with two engines (dateutil through ``ical``,
and ical.js), since they disagree on some rules. ``own_checks`` lives in :mod:`.rfc5545` and
is re-exported here.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from icalendar import Calendar, Component
from icalendar import Event as IcalendarEvent

from .rfc5545 import BOM, own_checks

__all__ = [
    "ICALJS_DIR",
    "Ev",
    "InteropError",
    "all_parsers",
    "canonical_rrule",
    "disagreements",
    "icaljs_results",
    "own_checks",
    "parse_ical_strict",
    "parse_icaljs",
    "parse_icalendar",
    "recurrence_sets",
]

ICALJS_DIR = Path(__file__).parent / "icaljs"
NODE_TIMEOUT = 120.0


class InteropError(Exception):
    """A parser, server or browser refused what it was given; the message says which and why."""


@dataclass(frozen=True)
class Ev:
    """One VEVENT as a parser understood it (normalised as the module docstring says)."""

    uid: str | None
    recurrence_id: str | None
    summary: str | None
    start: str | None
    end: str | None
    rrule: str | None

    def key(self) -> tuple[str, ...]:
        """A total order over events: missing fields sort first."""
        return tuple(v or "" for v in (self.uid, self.recurrence_id, self.start, self.end,
                                        self.summary, self.rrule))

    def __lt__(self, other: Ev) -> bool:
        return self.key() < other.key()


def canonical_rrule(text: str | None) -> str | None:
    """A RECUR value (RFC 5545 §3.3.10) as one canonical string.

    FREQ first, then the other parts sorted by name; BYxxx lists sorted; UNTIL without ISO
    punctuation; the defaults INTERVAL=1 and WKST=MO dropped. Example:
    ``FREQ=MONTHLY;BYMONTHDAY=19;UNTIL=20241231``.
    """
    if text is None:
        return None
    parts: dict[str, str] = {}
    for part in text.strip().removeprefix("RRULE:").split(";"):
        if not part:
            continue
        name, _, value = part.partition("=")
        name, value = name.strip().upper(), value.strip().upper()
        if name == "UNTIL":
            value = value.replace("-", "").replace(":", "")
        elif name.startswith("BY"):
            value = ",".join(sorted(value.split(",")))
        if (name, value) in {("INTERVAL", "1"), ("WKST", "MO")}:
            continue
        parts[name] = value
    ordered = sorted(parts, key=lambda n: (n != "FREQ", n))
    return ";".join(f"{n}={parts[n]}" for n in ordered)


def iso(value: dt.date | dt.datetime | None) -> str | None:
    """A DATE or DATE-TIME value as the module docstring says."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


# --- icalendar -------------------------------------------------------------------------------


def parse_icalendar(data: bytes) -> list[Ev]:
    """Parse with the ``icalendar`` package (``Calendar.from_ical``).

    icalendar is lenient: it keeps a value it cannot read and records the problem in the
    component's ``errors``; any such recorded error counts as a refusal here.
    """
    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except Exception as error:  # the library's refusal, whatever its type
        raise InteropError(f"icalendar: {error}") from error
    errors = [f"{c.name}: {prop}: {msg}" for cal in calendars for c in cal.walk()
              for prop, msg in c.errors]
    if errors:
        raise InteropError("icalendar: " + "; ".join(errors))
    events = [c for cal in calendars for c in cal.walk("VEVENT")]
    try:
        return sorted(_icalendar_ev(e) for e in events)
    except Exception as error:  # e.g. DTSTART missing: icalendar raises on .start/.end
        raise InteropError(f"icalendar: {error}") from error


def _icalendar_ev(event: Component) -> Ev:
    assert isinstance(event, IcalendarEvent)
    rrule: Any = event.get("RRULE")
    if isinstance(rrule, list):
        rrule = rrule[0]
    rid = event.decoded("RECURRENCE-ID") if "RECURRENCE-ID" in event else None
    summary = event.get("SUMMARY")
    return Ev(
        uid=str(event["UID"]) if "UID" in event else None,
        recurrence_id=iso(rid),
        summary=None if summary is None else str(summary),
        start=iso(event.start),
        end=iso(event.end),
        rrule=None if rrule is None else canonical_rrule(rrule.to_ical().decode()),
    )


# --- ical (strict) ---------------------------------------------------------------------------


def parse_ical_strict(data: bytes) -> list[Ev]:
    """Parse with the strict ``ical`` package (``IcsCalendarStream.calendar_from_ics``).

    The bytes are decoded here as strict UTF-8 (RFC 5545 §3.1.4 default charset) and a UTF-8
    BOM is refused, since the library is handed text and could not tell.
    """
    from ical.calendar_stream import IcsCalendarStream

    if data.startswith(BOM):
        raise InteropError("ical: the file starts with a UTF-8 byte order mark")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InteropError(f"ical: not valid UTF-8: {error}") from error
    try:
        calendar = IcsCalendarStream.calendar_from_ics(text)
    except Exception as error:  # CalendarParseError, pydantic errors, ...
        detail = getattr(error, "detailed_error", None)
        raise InteropError(f"ical: {error}" + (f" ({detail})" if detail else "")) from error
    try:
        return sorted(_ical_ev(e) for e in calendar.events)
    except Exception as error:  # e.g. no DTSTART: the model accepts it, .end then raises
        raise InteropError(f"ical: {error}") from error


def _ical_ev(event: Any) -> Ev:
    from ical.types.recur import RecurrenceId

    rid: dt.date | None = None
    if event.recurrence_id is not None:
        rid = RecurrenceId.to_value(str(event.recurrence_id))
        tzinfo = getattr(event.recurrence_id, "tzinfo", None)
        if isinstance(rid, dt.datetime) and rid.tzinfo is None and tzinfo is not None:
            rid = rid.replace(tzinfo=tzinfo)
    return Ev(
        uid=event.uid,
        recurrence_id=iso(rid),
        summary=event.summary,
        start=iso(event.dtstart),
        end=iso(event.end),
        rrule=None if event.rrule is None else canonical_rrule(event.rrule.as_rrule_str()),
    )


# --- ical.js ---------------------------------------------------------------------------------


def icaljs_results(*datas: bytes) -> list[list[Ev] | InteropError]:
    """Parse each file with Mozilla ical.js in one ``node`` process; a refusal is returned,
    not raised, so one call can mix good and bad files."""
    results: list[list[Ev] | InteropError] = []
    for result in _run_icaljs(datas):
        if isinstance(result, InteropError):
            results.append(result)
        else:
            results.append(sorted(Ev(**_icaljs_fields(e)) for e in result))
    return results


_Raw = list[dict[str, Any]]  # ical.js's events for one file, as parse.js printed them


def _run_icaljs(datas: tuple[bytes, ...], expand: int = 0) -> list[_Raw | InteropError]:
    node = shutil.which("node")
    if node is None:
        raise InteropError("ical.js: node is not installed (Node.js 18+ is needed)")
    if not (ICALJS_DIR / "node_modules" / "ical.js").is_dir():
        raise InteropError(f"ical.js: not installed: run npm ci --prefix {ICALJS_DIR}")
    with tempfile.TemporaryDirectory(prefix="kyniem-icaljs-") as tmp:
        paths = []
        for index, data in enumerate(datas):
            path = Path(tmp) / f"{index}.ics"
            path.write_bytes(data)
            paths.append(str(path))
        options = [f"--expand={expand}"] if expand else []
        done = subprocess.run([node, str(ICALJS_DIR / "parse.js"), *options, *paths],
                              cwd=ICALJS_DIR, capture_output=True, text=True,
                              timeout=NODE_TIMEOUT, check=False)
    if done.returncode != 0:
        raise InteropError(f"ical.js: node exited {done.returncode}: {done.stderr.strip()}")
    return [result["events"] if result["ok"]
            else InteropError(f"ical.js: file {index}: {result['error']}")
            for index, result in enumerate(json.loads(done.stdout))]


def parse_icaljs(*datas: bytes) -> list[list[Ev]]:
    """Parse each file with Mozilla ical.js (one ``node`` process for all of them); the first
    refusal raises :class:`InteropError` with ical.js's own message."""
    parsed: list[list[Ev]] = []
    for result in icaljs_results(*datas):
        if isinstance(result, InteropError):
            raise result
        parsed.append(result)
    return parsed


def _icaljs_fields(event: dict[str, Any]) -> dict[str, Any]:
    fields = {name: event[name] for name in Ev.__dataclass_fields__}
    return {**fields, "rrule": canonical_rrule(event["rrule"])}


# --- recurrence sets -------------------------------------------------------------------------


def recurrence_sets(data: bytes, count: int = 10) -> dict[str, dict[str, list[str]]]:
    """The first ``count`` starts of each recurring master event's recurrence set (RRULE +
    RDATE - EXDATE, RFC 5545 §3.8.5; RECURRENCE-ID overrides not applied), by UID, as computed
    by ``ical`` (python-dateutil) and by ical.js: ``{"ical": {...}, "ical.js": {...}}``.
    """
    return {"ical": _ical_recurrences(data, count), "ical.js": _icaljs_recurrences(data, count)}


def _ical_recurrences(data: bytes, count: int) -> dict[str, list[str]]:
    from ical.calendar_stream import IcsCalendarStream

    parse_ical_strict(data)  # the same refusals
    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    found: dict[str, list[str]] = {}
    for event in calendar.events:
        if event.recurrence_id is None and (event.rrule or event.rdate):
            starts = itertools.islice(event.as_rrule() or [], count)
            found[event.uid] = [iso(start) or "" for start in starts]
    return found


def _icaljs_recurrences(data: bytes, count: int) -> dict[str, list[str]]:
    (result,) = _run_icaljs((data,), expand=count)
    if isinstance(result, InteropError):
        raise result
    return {e["uid"]: e["occurrences"] for e in result if "occurrences" in e}


def all_parsers(data: bytes) -> dict[str, list[Ev]]:
    """The file through every parser: ``{"icalendar": [...], "ical": [...], "ical.js": [...]}``.

    Raises :class:`InteropError` on the first refusal.
    """
    return {"icalendar": parse_icalendar(data), "ical": parse_ical_strict(data),
            "ical.js": parse_icaljs(data)[0]}


def disagreements(results: dict[str, list[Ev]]) -> list[str]:
    """Human-readable differences between the parsers' readings (empty when all agree)."""
    (first, expected), *others = results.items()
    found = []
    for name, got in others:
        if got != expected:
            only_first = sorted(set(expected) - set(got))
            only_other = sorted(set(got) - set(expected))
            found.append(f"{first} vs {name}: only {first}: {only_first}; "
                         f"only {name}: {only_other}")
    return found
