"""pytest fixtures: a real CalDAV server (Radicale), a static HTTP server and headless Chromium.

Load with ``pytest_plugins = ["interop.servers"]`` in tests/conftest.py (pytest's default
"prepend" import mode puts tests/ on sys.path, so this folder imports as ``interop``). Import
the helpers from :mod:`interop.caldav`, not from here, so pytest can rewrite this plugin.

* ``radicale`` (session): a :class:`~interop.caldav.Radicale` client of ``python -m radicale``
  on loopback, anonymous, storage in a temporary folder (see :func:`interop.caldav.split_events`
  for feeding it a multi-event file).
* ``static_server`` (function): ``serve(directory) -> base_url`` over real HTTP.
* ``browser`` (session): a Playwright Chromium ``Browser`` on Debian's /usr/bin/chromium.
* ``icaljs_ready`` (session): ical.js installed with ``npm ci`` (see parsers.parse_icaljs).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .caldav import Radicale, split_events
from .parsers import ICALJS_DIR

if TYPE_CHECKING:
    from playwright.sync_api import Browser

__all__ = ["Radicale", "browser", "icaljs_ready", "radicale", "split_events", "static_server"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
START_TIMEOUT = 60.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# --- Radicale --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    """A real Radicale server on 127.0.0.1 (anonymous read/write), stopped at the end."""
    folder = tmp_path_factory.mktemp("radicale")
    port = free_port()
    config = folder / "config"
    store = _store_folder(folder)
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n"
        "[auth]\ntype = none\n"
        "[rights]\ntype = authenticated\n"
        f"[storage]\nfilesystem_folder = {store}\n"
        "[web]\ntype = none\n"
        "[logging]\nlevel = warning\n",
        encoding="utf-8",
    )
    log = (folder / "radicale.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(config)],
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        client = Radicale(f"http://127.0.0.1:{port}/", folder / "radicale.log")
        _wait_until_up(client, process, folder / "radicale.log")
        yield client
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        shutil.rmtree(store, ignore_errors=True)


def _store_folder(folder: Path) -> Path:
    """Collections on tmpfs when there is one: Radicale fsyncs every PUT, which on a disk
    makes a thousand events take half a minute; the server's checks are the same."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return Path(tempfile.mkdtemp(prefix="kyniem-radicale-", dir=shm))
    return folder / "collections"


def _wait_until_up(client: Radicale, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Radicale exited with {process.returncode}: {log.read_text()}")
        try:
            client.request("OPTIONS", client.base_url)
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"Radicale did not answer within {START_TIMEOUT:.0f} s: {log.read_text()}")


# --- static HTTP -----------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".ics": "text/calendar; charset=utf-8",
                      ".html": "text/html; charset=utf-8",
                      ".js": "text/javascript; charset=utf-8",
                      ".json": "application/json"}

    def log_message(self, format: str, *args: Any) -> None:
        """No access log on stderr."""


@pytest.fixture
def static_server() -> Iterator[Callable[[Path | str], str]]:
    """``serve(directory) -> "http://127.0.0.1:PORT/"``; every server stops at teardown."""
    servers: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def serve(directory: Path | str) -> str:
        handler = partial(_QuietHandler, directory=str(directory))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# --- Chromium --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium through Playwright (no downloaded browser builds)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's Chromium with "
                    "`apt-get update && apt-get install -y chromium` (or run tests/setup.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


# --- ical.js ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def icaljs_ready() -> Path:
    """ical.js installed under tests/interop/icaljs (``npm ci`` once, under a file lock)."""
    from filelock import FileLock

    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.fail("node and npm are needed for the ical.js checks: install Node.js 18+ "
                    "(Debian: apt-get install nodejs npm)")
    with FileLock(str(ICALJS_DIR / ".npm-ci.lock"), timeout=600):
        if not (ICALJS_DIR / "node_modules" / "ical.js").is_dir():
            done = subprocess.run([npm, "ci", "--prefix", str(ICALJS_DIR), "--no-audit",
                                   "--no-fund", "--loglevel=error"],
                                  capture_output=True, text=True, check=False)
            if done.returncode != 0:
                pytest.fail(f"npm ci --prefix {ICALJS_DIR} failed:\n{done.stdout}{done.stderr}")
    return ICALJS_DIR
