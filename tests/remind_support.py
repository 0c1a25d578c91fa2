"""Helpers of the ``kyniem remind`` tests: small feeds written on the fly, the CLI as a real
subprocess, a threaded HTTP server."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "remind" / "plan.ics"
KYNIEM = [sys.executable, "-m", "scheduler"]


def event(uid: str, day: date, title: str, kind: str = "deadline", reminders: str = "0",
          lead: str | None = "Ban Tuyên giáo", last: date | None = None) -> list[str]:
    end = (last or day) + timedelta(days=1)
    lines = ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20240101T000000Z",
             f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}",
             f"SUMMARY:{title}", f"X-KYNIEM-KIND:{kind}", f"X-KYNIEM-REMINDERS:{reminders}"]
    if lead:
        lines.append(f"X-KYNIEM-LEAD:{lead}")
    return lines + ["END:VEVENT"]


def feed(events: Sequence[list[str]]) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kyniem//tests//VI"]
    for lines_of_one in events:
        lines += lines_of_one
    return "\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n"


def write_feed(path: Path, events: Sequence[list[str]]) -> str:
    path.write_text(feed(events), encoding="utf-8")
    return path.as_uri()


def env(tmp_path: Path, **extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items()
           if k not in ("KYNIEM_REGISTRY", "KYNIEM_LANG", "KYNIEM_PLANS")}
    out.update(KYNIEM_STORE=f"sqlite:///{tmp_path}/remind.sqlite",
               KYNIEM_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT), **extra)
    return out


def kyniem(args: Sequence[str], tmp_path: Path, timeout: float = 60,
           **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KYNIEM, *args], capture_output=True, text=True, timeout=timeout,
                          env=env(tmp_path, **extra), cwd=ROOT)


@contextmanager
def http_server(handler: Callable[[BaseHTTPRequestHandler], None]) -> Iterator[str]:
    """A real HTTP server on loopback in a thread; ``handler`` answers every request."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            handler(self)

        def do_POST(self) -> None:
            handler(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
