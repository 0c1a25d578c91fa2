"""The controller of ``kyniem serve``: binds the socket, runs uvicorn (httptools, uvloop)
with the app of :mod:`.app` and, with ``--watch``, the :class:`.watch.Rebuilder` beside it
on the same event loop."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import signal
import socket
import sys
from dataclasses import dataclass
from types import FrameType
from typing import Any

from ..commands import Settings
from ..registry import InputError, Problem
from ..sanitize import strip_controls
from ..wording import say
from .app import Files, application
from .files import Site
from .watch import Rebuilder, commands, sources


@dataclass(frozen=True)
class Stopped:
    """What ``kyniem serve`` prints when it ends (Ctrl+C or a signal)."""

    lang: str

    def plain(self) -> str:
        return say("serve_stopped").render(self.lang)

    def as_json(self) -> dict[str, Any]:
        return {"stopped": True}

    def __rich__(self) -> str:
        return self.plain()


def serve(settings: Settings, directory: str, host: str, port: int, watch: bool,
          base_url: str | None, years: int | None, state: str | None) -> Stopped:
    site = Site(directory)
    if not watch and site.root() is None:
        raise InputError([Problem(directory, None, "DIR", say("serve_no_site", dir=directory))])
    sock = _bind(host, port)
    files = Files(site, settings.lang)
    rebuilder = None
    if watch:
        rebuilder = Rebuilder(commands(settings, directory, base_url, years, state),
                              sources(settings, [_tokens_changed(directory, state)]),
                              files.show, _log)
    url = _url(host, sock.getsockname()[1])
    quiet = {s: signal.signal(s, _noted) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        import uvloop

        with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
            runner.run(_main(files, sock, rebuilder, str(say("serve_started", url=url,
                                                                  site=site.link))))
    finally:
        for sig, handler in quiet.items():
            signal.signal(sig, handler)
        sock.close()
    return Stopped(settings.lang)


def _tokens_changed(directory: str, state: str | None) -> str:
    """The file ``kyniem token new|revoke`` touches, in a state folder made now, so that its
    folder is watched from the start."""
    from ..access import state_folder
    from ..feeds.tokens import CHANGED

    folder = state_folder(directory, state)
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / CHANGED)


def _noted(signum: int, frame: FrameType | None) -> None:
    """Stands in for the default handlers while uvicorn runs: uvicorn raises the signal it
    caught again once it has stopped, and the watcher's build must be ended first."""


async def _main(files: Files, sock: socket.socket, rebuilder: Rebuilder | None,
                started: str) -> None:
    import uvicorn

    config = uvicorn.Config(application(files), http="httptools", lifespan="off",
                            access_log=False, log_level="warning", server_header=False,
                            proxy_headers=False, timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    stop = asyncio.Event()
    tasks = [asyncio.create_task(_announce(server, started))]
    if rebuilder is not None:
        tasks.append(asyncio.create_task(rebuilder.forever(stop)))
    try:
        await server.serve(sockets=[sock])
    finally:
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def _announce(server: Any, text: str) -> None:
    while not server.started:
        await asyncio.sleep(0.02)
    _log(text)


def _log(text: str) -> None:
    print(strip_controls(text), file=sys.stderr, flush=True)


#: why a port cannot be listened on → what to say, and which option to change
_BIND_ERRORS = {
    errno.EADDRNOTAVAIL: ("serve_host_not_here", "--host"),  # another machine's address
    errno.EACCES: ("serve_port_denied", "--port"),  # below 1024, without the right
    errno.EPERM: ("serve_port_denied", "--port"),
}


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket, made here so that a busy port is a message (exit 2), not
    uvicorn's log line."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError) as exc:  # no such name
        raise InputError([Problem("", None, "--host", say(
            "serve_host_unknown", host=host, why=getattr(exc, "strerror", None) or exc))
        ]) from None
    try:
        sock = socket.socket(family, kind, proto)
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError:
            sock.close()
            raise
    except OSError as exc:
        key, flag = _BIND_ERRORS.get(exc.errno or 0, ("serve_port_busy", "--port"))
        raise InputError([Problem("", None, flag, say(
            key, host=host, port=port, why=exc.strerror or exc))]) from None
    sock.set_inheritable(False)
    return sock


def _url(host: str, port: int) -> str:
    """The address to open: on every interface (0.0.0.0, ::), this machine's address on
    its network, which a phone or another office computer can reach (0.0.0.0 is none)."""
    if host in ("0.0.0.0", "::", ""):
        host = _lan_address() or host
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def _lan_address() -> str | None:
    """The IPv4 address this machine's default route goes out from: a UDP socket
    "connected" to a private address sends nothing, but learns its own address."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.254.254.254", 9))
            found: str = probe.getsockname()[0]
    except OSError:
        return None
    return None if found.startswith("127.") or found == "0.0.0.0" else found
