"""The RFC 5545 rules that no parser in the harness enforces, checked on the raw bytes.

``own_checks(data)`` returns human-readable problems (an empty list means none found):

* §3.1: every content line ends with CRLF; no physical line is longer than 75 octets; a fold
  (CRLF + one space or tab) never splits a multi-octet UTF-8 sequence (the RFC's note on
  "improperly folded lines").
* §3.1.4 / RFC 3629 §6: the text is UTF-8 without a byte order mark.
* §3.4, §3.6 (and §3.7.3, §3.7.4): one VCALENDAR with VERSION and PRODID; BEGIN/END nest.
* §3.6.1, §3.8.4.7, §3.8.7.2: every VEVENT has UID, DTSTAMP and DTSTART; UID is under 200
  octets (a practical limit: CalDAV servers use it in resource names); each (UID,
  RECURRENCE-ID) pair is unique (§3.8.4.4); DTEND and DURATION never both appear.
* §3.8.2.2: DTEND has DTSTART's value type and is later; for a DATE, at least the next day.
* §3.3.4, §3.3.5: DTSTART, DTEND, DTSTAMP and RECURRENCE-ID values are real dates and times.
* §3.2.19: every TZID parameter used has a VTIMEZONE with that TZID in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["BOM", "own_checks"]

BOM = b"\xef\xbb\xbf"
MAX_OCTETS = 75
MAX_UID_OCTETS = 200
_FOLD = re.compile(rb"\r?\n[ \t]")
_BREAK = re.compile(rb"\r\n|\r|\n")
_DATE = re.compile(r"\d{8}")
_DATE_TIME = re.compile(r"\d{8}T\d{6}(Z?)")


@dataclass
class _Component:
    name: str
    props: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    children: list[_Component] = field(default_factory=list)

    def first(self, name: str) -> tuple[str, dict[str, str], str] | None:
        return next((p for p in self.props if p[0] == name), None)

    def walk(self) -> list[_Component]:
        return [self, *(c for child in self.children for c in child.walk())]


def own_checks(data: bytes) -> list[str]:
    """All problems found in one .ics file (see the module docstring for the rules)."""
    problems = _octet_problems(data)
    body = data.removeprefix(BOM)
    try:
        text = _FOLD.sub(b"", body).decode("utf-8")
    except UnicodeDecodeError as error:
        return [*problems, f"not valid UTF-8 (after unfolding) at octet {error.start}: "
                           f"{error.reason} (RFC 5545 §3.1.4)"]
    roots, structure = _components(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return problems + structure + _calendar_problems(roots)


def _octet_problems(data: bytes) -> list[str]:
    problems = []
    if data.startswith(BOM):
        problems.append("starts with a UTF-8 byte order mark (BOM) (RFC 5545 §3.1.4)")
    bare_lf = data.count(b"\n") - data.count(b"\r\n")
    bare_cr = data.count(b"\r") - data.count(b"\r\n")
    if bare_lf or bare_cr:
        problems.append(f"{bare_lf} bare LF and {bare_cr} bare CR line endings; content lines "
                        "end with CRLF (RFC 5545 §3.1)")
    elif data and not data.endswith(b"\r\n"):
        problems.append("the last line does not end with CRLF (RFC 5545 §3.1)")
    lines = _BREAK.split(data)
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_OCTETS:
            problems.append(f"line {number} is {len(line)} octets, over {MAX_OCTETS} "
                            "(RFC 5545 §3.1)")
        if number > 1 and len(line) > 1 and line[0] in b" \t" and 0x80 <= line[1] <= 0xBF:
            problems.append(f"the fold before line {number} splits a multi-octet UTF-8 "
                            "character (RFC 5545 §3.1)")
    return problems


def _split_unquoted(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == sep and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _content_line(line: str) -> tuple[str, dict[str, str], str]:
    """NAME;PARAM=VALUE:value (RFC 5545 §3.1), parameter values unquoted."""
    head, *rest = _split_unquoted(line, ":")
    name, *params = _split_unquoted(head, ";")
    parsed = {}
    for param in params:
        key, _, value = param.partition("=")
        parsed[key.upper()] = value.strip('"')
    return name.upper(), parsed, ":".join(rest)


def _components(lines: list[str]) -> tuple[list[_Component], list[str]]:
    roots: list[_Component] = []
    stack: list[_Component] = []
    problems = []
    for number, line in enumerate(lines, 1):
        if not line:
            continue
        name, params, value = _content_line(line)
        if name == "BEGIN":
            component = _Component(value.upper())
            (stack[-1].children if stack else roots).append(component)
            stack.append(component)
        elif name == "END":
            if not stack or stack[-1].name != value.upper():
                problems.append(f"content line {number}: END:{value} does not close "
                                f"{'BEGIN:' + stack[-1].name if stack else 'anything'}")
            else:
                stack.pop()
        elif stack:
            stack[-1].props.append((name, params, value))
        else:
            problems.append(f"content line {number}: {name} outside any component")
    problems += [f"BEGIN:{c.name} is never closed" for c in stack]
    return roots, problems


def _calendar_problems(roots: list[_Component]) -> list[str]:
    calendars = [c for c in roots if c.name == "VCALENDAR"]
    if len(calendars) != 1 or len(roots) != 1:
        return [f"expected one VCALENDAR, found {[c.name for c in roots]} (RFC 5545 §3.4)"]
    calendar = calendars[0]
    problems = [f"VCALENDAR has no {name} (RFC 5545 §3.6)"
                for name in ("VERSION", "PRODID") if calendar.first(name) is None]
    defined = {p[2] for c in calendar.children if c.name == "VTIMEZONE"
               for p in c.props if p[0] == "TZID"}
    used = {params["TZID"] for c in calendar.walk() for _, params, _ in c.props
            if "TZID" in params}
    problems += [f"TZID={tzid} is used but no VTIMEZONE defines it (RFC 5545 §3.2.19)"
                 for tzid in sorted(used - defined)]
    seen: set[tuple[str, str]] = set()
    for event in (c for c in calendar.children if c.name == "VEVENT"):
        problems += _event_problems(event, seen)
    return problems


def _event_problems(event: _Component, seen: set[tuple[str, str]]) -> list[str]:
    uid_prop = event.first("UID")
    label = f"VEVENT {uid_prop[2]!r}" if uid_prop else "VEVENT without UID"
    problems = [f"{label} has no {name} (RFC 5545 §3.6.1)"
                for name in ("UID", "DTSTAMP", "DTSTART") if event.first(name) is None]
    if uid_prop and len(uid_prop[2].encode()) >= MAX_UID_OCTETS:
        problems.append(f"{label}: UID is {len(uid_prop[2].encode())} octets, "
                        f"not under {MAX_UID_OCTETS}")
    rid = event.first("RECURRENCE-ID")
    pair = (uid_prop[2] if uid_prop else "", _moment_key(rid))
    if uid_prop and pair in seen:
        what = f"RECURRENCE-ID {rid[2]}" if rid else "no RECURRENCE-ID"
        problems.append(f"{label} with {what} appears twice (RFC 5545 §3.8.4.7, §3.8.4.4)")
    seen.add(pair)
    values = {}
    for name in ("DTSTART", "DTEND", "DTSTAMP", "RECURRENCE-ID"):
        prop = event.first(name)
        if prop is not None:
            value = _moment(prop)
            if isinstance(value, str):
                problems.append(f"{label}: {name}: {value} (RFC 5545 §3.3.4, §3.3.5)")
            else:
                values[name] = value
    if event.first("DTEND") and event.first("DURATION"):
        problems.append(f"{label} has both DTEND and DURATION (RFC 5545 §3.6.1)")
    if "DTSTART" in values and "DTEND" in values:
        problem = _end_problem(values["DTSTART"], values["DTEND"])
        if problem:
            problems.append(f"{label}: {problem} (RFC 5545 §3.8.2.2)")
    return problems


def _moment_key(prop: tuple[str, dict[str, str], str] | None) -> str:
    return "" if prop is None else f"{prop[1].get('TZID', '')}:{prop[2]}"


_Moment = tuple[dt.date, str | None]  # the value and its zone: "Z", a TZID, or None (floating)


def _moment(prop: tuple[str, dict[str, str], str]) -> _Moment | str:
    """A DATE or DATE-TIME value with its zone, or a problem string."""
    _, params, value = prop
    is_date = params.get("VALUE", "").upper() == "DATE"
    match = (_DATE if is_date else _DATE_TIME).fullmatch(value)
    if match is None:
        return f"{value!r} is not a {'DATE' if is_date else 'DATE-TIME'} value"
    try:
        if is_date:
            return dt.datetime.strptime(value, "%Y%m%d").date(), None
        zone = "Z" if match.group(1) else params.get("TZID")
        return dt.datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S"), zone
    except ValueError as error:
        return f"{value!r} is not a real date or time ({error})"


def _end_problem(start: _Moment, end: _Moment) -> str | None:
    (start_value, start_zone), (end_value, end_zone) = start, end
    if isinstance(start_value, dt.datetime) != isinstance(end_value, dt.datetime):
        return "DTEND and DTSTART have different value types (DATE vs DATE-TIME)"
    if start_zone != end_zone:  # two DATE-TIMEs in different zones
        start_utc, end_utc = _utc(start_value, start_zone), _utc(end_value, end_zone)
        if start_utc is None or end_utc is None:
            return None  # floating against zoned, or a zone zoneinfo does not know
        start_value, end_value = start_utc, end_utc
    if end_value <= start_value:
        return f"DTEND {end_value.isoformat()} is not after DTSTART {start_value.isoformat()}"
    return None


def _utc(value: dt.date, zone: str | None) -> dt.datetime | None:
    if not isinstance(value, dt.datetime) or zone is None:
        return None
    try:
        tzinfo = dt.UTC if zone == "Z" else ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return value.replace(tzinfo=tzinfo).astimezone(dt.UTC)
