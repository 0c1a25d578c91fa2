"""A small CalDAV (RFC 4791) client for Radicale, and the per-UID split CalDAV needs.

A calendar object resource holds the components of exactly one UID (RFC 4791 §4.1): a feed
with several events is PUT as one object per UID, built by :func:`split_events`.
"""

from __future__ import annotations

import hashlib
import http.client
import re
from pathlib import Path
from urllib.parse import urlsplit

from .parsers import InteropError

__all__ = ["Radicale", "safe_name", "split_events"]


class Radicale:
    """A small CalDAV client for the fixture's server (``base_url`` ends with ``/``).

    Radicale answers a refused request with a bare "Bad Request"; its reason goes to its log,
    so :class:`InteropError` messages carry the log lines written during the request.
    """

    def __init__(self, base_url: str, log: Path | None = None) -> None:
        self.base_url = base_url
        self.log = log

    def request(self, method: str, url: str, body: bytes = b"",
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        """One HTTP request; returns the status and the response body."""
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.netloc, timeout=30)
        try:
            conn.request(method, parts.path or "/", body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def make_calendar(self, name: str) -> str:
        """MKCALENDAR (RFC 4791 §5.3.1) ``/kyniem/<name>/``; returns its URL."""
        home = self.base_url + "kyniem/"
        if self.request("PROPFIND", home, headers={"Depth": "0"})[0] == 404:
            self._checked("MKCOL", home, ok={201})
        url = f"{home}{name}/"
        self._checked("MKCALENDAR", url, ok={201})
        return url

    def put(self, calendar_url: str, uid: str, ics_bytes: bytes) -> int:
        """PUT one calendar object (one UID, RFC 4791 §4.1) as ``<calendar>/<safe-uid>.ics``.

        Returns 201 (created) or 204 (replaced); anything else raises :class:`InteropError`
        with Radicale's response body and log.
        """
        url = calendar_url.rstrip("/") + "/" + safe_name(uid) + ".ics"
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        return self._checked("PUT", url, ics_bytes, headers, ok={201, 204})[0]

    def get(self, url: str) -> bytes:
        """GET a calendar object, or a whole calendar collection as one VCALENDAR."""
        return self._checked("GET", url, ok={200})[1]

    def _checked(self, method: str, url: str, body: bytes = b"",
                 headers: dict[str, str] | None = None, *, ok: set[int]) -> tuple[int, bytes]:
        logged = self.log.stat().st_size if self.log else 0
        status, answer = self.request(method, url, body, headers)
        if status not in ok:
            text = answer.decode("utf-8", "replace").strip()
            if self.log:
                with self.log.open("rb") as log:
                    log.seek(logged)
                    text += "; log: " + log.read().decode("utf-8", "replace").strip()
            raise InteropError(f"Radicale: {method} {url} -> {status}: {text}")
        return status, answer


def safe_name(uid: str) -> str:
    """A resource name for a UID: the UID's safe characters, plus a hash when any were not."""
    name = re.sub(r"[^A-Za-z0-9._@-]", "-", uid)[:100]
    if name != uid:
        name += "-" + hashlib.sha256(uid.encode()).hexdigest()[:12]
    return name


def split_events(data: bytes) -> list[tuple[str, bytes]]:
    """One VCALENDAR per UID: calendar properties, every VTIMEZONE, then the UID's components
    (the master and its RECURRENCE-ID overrides), in file order. Lines are kept byte for byte.
    """
    logical: list[bytes] = []  # each with its folded continuation lines
    for line in data.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t") and logical:
            logical[-1] += line
        else:
            logical.append(line)
    header: list[bytes] = []
    timezones: list[bytes] = []
    by_uid: dict[str, list[bytes]] = {}
    block: list[bytes] = []
    depth = 0
    for line in logical:
        upper = line.upper()
        if depth == 0:
            depth += upper.startswith(b"BEGIN:")
            continue  # BEGIN:VCALENDAR (END:VCALENDAR comes at depth 1)
        if depth == 1 and not upper.startswith((b"BEGIN:", b"END:")):
            header.append(line)
            continue
        if depth == 1 and upper.startswith(b"END:"):
            depth = 0
            continue
        block.append(line)
        depth += 1 if upper.startswith(b"BEGIN:") else -1 if upper.startswith(b"END:") else 0
        if depth == 1:
            _file_block(block, timezones, by_uid)
            block = []
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    begin, end = b"BEGIN:VCALENDAR" + newline, b"END:VCALENDAR" + newline
    return [(uid, b"".join([begin, *header, *timezones, *parts, end]))
            for uid, parts in by_uid.items()]


def _file_block(block: list[bytes], timezones: list[bytes], by_uid: dict[str, list[bytes]]) -> None:
    if block[0].upper().startswith(b"BEGIN:VTIMEZONE"):
        timezones.extend(block)
        return
    uid = ""
    for line in block[1:]:
        if line.upper().startswith(b"BEGIN:"):
            break  # a nested VALARM has no UID of the event's
        if line.upper().startswith(b"UID:") or line.upper().startswith(b"UID;"):
            unfolded = re.sub(rb"\r?\n[ \t]", b"", line).rstrip(b"\r\n")
            uid = unfolded.split(b":", 1)[1].decode("utf-8", "replace")
            break
    by_uid.setdefault(uid, []).extend(block)


