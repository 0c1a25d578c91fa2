"""Helpers of the ``kyniem remind`` tests: small feeds written on the fly, the CLI as a real
subprocess, a threaded HTTP server."""

from __future__ import annotations

import functools
import hashlib
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
             f"DTSTART;VALUE=DATE:{ymd(day)}", f"DTEND;VALUE=DATE:{ymd(end)}",
             f"SUMMARY:{title}", f"X-KYNIEM-KIND:{kind}", f"X-KYNIEM-REMINDERS:{reminders}"]
    if lead:
        lines.append(f"X-KYNIEM-LEAD:{lead}")
    return lines + ["END:VEVENT"]


def ymd(day: date) -> str:
    """``YYYYMMDD`` with four year digits (``%Y`` writes year 1 as "1")."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def feed(events: Sequence[list[str]]) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kyniem//tests//VI"]
    for lines_of_one in events:
        lines += lines_of_one
    return "\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n"


def write_feed(path: Path, events: Sequence[list[str]]) -> str:
    """Write the feed to ``path``; its http:// URL (``--feed`` takes no ``file:``)."""
    path.write_text(feed(events), encoding="utf-8")
    return serve_file(path)


_SERVED: dict[str, Path] = {}
_FILES_BASE: list[str] = []


def serve_file(path: Path) -> str:
    """An http:// URL on loopback at which ``path`` is served, read afresh at each request
    (one server thread for the whole test process, started on first use)."""
    if not _FILES_BASE:
        _FILES_BASE.append(_start_file_server())
    key = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:16]
    _SERVED[key] = path
    return f"{_FILES_BASE[0]}/{key}/{path.name}"


def _start_file_server() -> str:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = _SERVED.get(self.path.strip("/").split("/")[0])
            body = path.read_bytes() if path is not None and path.exists() else None
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/calendar; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="feed-files", daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


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


#: The unprivileged user the read-only tests run kyniem as when they run as root (root
#: ignores file modes, so a 0444 file is not read-only for it).
NOBODY = 65534


@functools.lru_cache
def _python_for(uid: int, gid: int, pythonpath: str) -> tuple[str, ...] | None:
    """An interpreter of this Python version that ``uid`` can run and that imports kyniem
    and its dependencies (the venv's may live under /root, which nobody can enter)."""
    import shutil

    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (sys.executable, f"/usr/bin/{version}", shutil.which(version)):
        if not candidate:
            continue
        try:
            done = subprocess.run([candidate, "-c", "import sqlalchemy, apscheduler, "
                                   "scheduler.cli"], capture_output=True, timeout=60,
                                  user=uid, group=gid, extra_groups=[], cwd="/",
                                  env={"PYTHONPATH": pythonpath, "PATH": "/usr/bin:/bin"})
        except OSError:
            continue
        if done.returncode == 0:
            return (candidate,)
    return None


def kyniem_unprivileged(args: Sequence[str], home: Path, timeout: float = 60,
                        **extra: str) -> subprocess.CompletedProcess[str]:
    """``kyniem`` as a real subprocess as a user without privileges: the current one, or
    ``nobody`` when the tests run as root (``home`` must be traversable and writable by
    it). Skips when no interpreter can run as nobody."""
    import sysconfig

    import pytest

    paths = sysconfig.get_paths()
    pythonpath = os.pathsep.join([str(ROOT), paths["purelib"], paths["platlib"]])
    environ = {"HOME": str(home), "KYNIEM_CACHE_DIR": str(home / "cache"),
               "PYTHONPATH": pythonpath, "PYTHONDONTWRITEBYTECODE": "1",
               "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **extra}
    if os.geteuid() != 0:
        return subprocess.run([*KYNIEM, *args], capture_output=True, text=True,
                              timeout=timeout, env=environ, cwd=ROOT)
    python = _python_for(NOBODY, NOBODY, pythonpath)
    if python is None:
        pytest.skip("no Python interpreter that the user nobody can run")
    return subprocess.run([*python, "-m", "scheduler", *args], capture_output=True,
                          text=True, timeout=timeout, env=environ, cwd=ROOT, user=NOBODY,
                          group=NOBODY, extra_groups=[])
