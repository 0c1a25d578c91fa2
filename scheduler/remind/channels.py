"""Where reminders go: the terminal (synchronously, the exactly-once step of :mod:`.deliver`),
and extra channels — a desktop notification (``notify-send``, freedesktop Desktop
Notifications), e-mail over SMTP (RFC 5321; the message is RFC 5322 with a Message-ID derived
from job id and fire time, so a resent copy is recognisably the same message), and a webhook
POST of JSON with an ``Idempotency-Key`` header.

Extra channels are fed from the outbox table (rows written in the same transaction as the
delivery log, so a crash never loses one). Each channel has its own worker thread: a failing
channel is retried with exponential backoff (``base * 2**(attempt-1)``, capped) and never
blocks the terminal or the other channels; after ``max_attempts`` the row is marked failed.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TextIO
from urllib.parse import parse_qs, unquote, urlsplit

from ..registry import InputError, Problem
from ..sanitize import console, json_text, strip_controls
from ..wording import Message, quote, say
from .plan import Clock, Reminder
from .store import Pending, Store, safe_url
from .views import Delivery


class Channel(Protocol):
    @property
    def name(self) -> str: ...

    def send(self, delivery: Delivery) -> None: ...


@dataclass
class Terminal:
    """The terminal: a rich panel on a TTY, one plain line when piped, a JSON line for
    ``--json``. Each reminder is written with one ``write`` and flushed."""

    stream: TextIO
    as_json: bool = False
    rich: bool | None = None  # None: when the stream is a TTY

    def render(self, delivery: Delivery) -> str:
        if self.as_json:
            return json_text(delivery.as_json()) + "\n"
        rich = self.rich if self.rich is not None else self.stream.isatty()
        if not rich:  # a feed's titles are anybody's text: no control character gets out
            return strip_controls(delivery.plain()) + "\n"
        buffer = io.StringIO()
        width = min(100, shutil.get_terminal_size((100, 24)).columns)
        console(file=buffer, force_terminal=True, width=width).print(delivery)
        return buffer.getvalue()

    def file(self) -> tuple[int, int, int] | None:
        """(fd, device, inode) when the output is a regular file (``>> reminders.log``):
        then what was written can be read back (see :mod:`.deliver`)."""
        import os
        import stat

        try:
            fd = self.stream.fileno()
            info = os.fstat(fd)
        except (OSError, ValueError, io.UnsupportedOperation):
            return None
        return (fd, info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None

    def write(self, data: bytes) -> None:
        """All of ``data``, straight to the file descriptor when there is one."""
        import os

        self.stream.flush()
        try:
            fd = self.stream.fileno()
        except (OSError, ValueError, io.UnsupportedOperation):
            self.stream.write(data.decode())
            self.stream.flush()
            return
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]

    def show(self, delivery: Delivery) -> None:
        self.write(self.render(delivery).encode())


@dataclass(frozen=True)
class Desktop:
    """``notify-send`` (libnotify), where it exists."""

    command: str = "notify-send"
    name: str = "desktop"

    @staticmethod
    def available(command: str = "notify-send") -> bool:
        return shutil.which(command) is not None

    def send(self, delivery: Delivery) -> None:
        from .views import urgency

        level = urgency(delivery.reminder, delivery.now, delivery.late)
        subprocess.run([self.command, "--app-name=kyniem", f"--urgency={level}",
                        delivery.summary(), delivery.detail()],
                       check=True, timeout=15, capture_output=True)


@dataclass(frozen=True)
class Smtp:
    """E-mail over SMTP: ``smtp://[user:password@]host[:port][?starttls=1&from=ADDR]``."""

    host: str
    port: int
    to: tuple[str, ...]
    sender: str = "kyniem@localhost"
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 15.0
    name: str = "email"

    @classmethod
    def from_url(cls, url: str, to: Sequence[str]) -> Smtp:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise _bad("--smtp", say("remind_smtp_url", url=quote(url)))
        if not to:
            raise _bad("--mail-to", say("remind_mail_to_missing"))
        query = parse_qs(parts.query)
        try:
            port = parts.port or 25
        except ValueError:
            raise _bad("--smtp", say("remind_smtp_port", url=quote(url))) from None
        return cls(host=parts.hostname, port=port, to=tuple(to),
                   sender=query.get("from", ["kyniem@localhost"])[0],
                   user=unquote(parts.username) if parts.username else None,
                   password=unquote(parts.password) if parts.password else None,
                   starttls=query.get("starttls", ["0"])[0] in ("1", "true", "yes"))

    def message_id(self, reminder: Reminder) -> str:
        digest = hashlib.sha1("|".join(reminder.key).encode()).hexdigest()[:24]
        return f"<{digest}@kyniem>"

    def message(self, delivery: Delivery) -> Any:
        """The e-mail of a reminder. Headers are folded at 998 octets, not 78 (RFC 5322
        §2.1.1): Python's folding of a long Vietnamese subject puts the space between two
        encoded words outside them, where RFC 2047 §6.2 drops it ("Văn hóa vàThông tin")."""
        from email import policy
        from email.message import EmailMessage
        from email.utils import format_datetime

        msg = EmailMessage(policy=policy.default.clone(max_line_length=998))
        msg["Subject"] = delivery.summary()
        msg["From"] = self.sender
        msg["To"] = ", ".join(self.to)
        msg["Date"] = format_datetime(delivery.now)
        msg["Message-ID"] = self.message_id(delivery.reminder)
        msg["X-Kyniem-Job"] = delivery.reminder.job_id
        msg.set_content(f"{delivery.reminder.title}\n\n{delivery.detail()}\n")
        return msg

    def send(self, delivery: Delivery) -> None:
        import smtplib

        msg = self.message(delivery)
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password or "")
            smtp.send_message(msg)


@dataclass(frozen=True)
class Webhook:
    """POST the reminder as JSON (``Delivery.as_json``) to a URL; 2xx is success."""

    url: str
    timeout: float = 15.0
    name: str = "webhook"

    @classmethod
    def checked(cls, url: str) -> Webhook:
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise _bad("--webhook", say("remind_webhook_url", url=quote(url)))
        return cls(url)

    def send(self, delivery: Delivery) -> None:
        import json
        import urllib.request

        body = json.dumps(delivery.as_json(), ensure_ascii=False).encode()
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": "|".join(delivery.reminder.key),
            "User-Agent": "kyniem-remind"})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            response.read()


def _bad(option: str, why: Message) -> InputError:
    return InputError([Problem("", None, option, why)])


@dataclass
class Dispatcher:
    """One worker thread per extra channel, reading that channel's pending outbox rows."""

    store: Store
    channels: Sequence[Channel]
    clock: Clock
    lang: str = "vi"
    base: float = 1.0
    cap: float = 300.0
    max_attempts: int = 8
    _wake: dict[str, threading.Event] = field(default_factory=dict)
    _idle: dict[str, threading.Event] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _failing: set[str] = field(default_factory=set)  # channels whose failure was said

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.channels)

    def start(self) -> None:
        for channel in self.channels:
            self._wake[channel.name] = threading.Event()
            self._idle[channel.name] = threading.Event()
            thread = threading.Thread(target=self._run, args=(channel,), daemon=True,
                                      name=f"kyniem-{channel.name}")
            thread.start()
            self._threads.append(thread)

    def notify(self) -> None:
        for event in self._wake.values():
            event.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self.notify()
        for thread in self._threads:
            thread.join(timeout)

    def drain(self, timeout: float) -> bool:
        """Wait until every channel has nothing due to send (sent, failed or waiting for a
        later retry beyond ``timeout``); True if all pending rows were dealt with."""
        deadline = time.monotonic() + timeout
        self.notify()
        while time.monotonic() < deadline:
            busy = [n for n in self.names if self.store.next_attempt(n) is not None]
            if not busy:
                return True
            time.sleep(0.05)
        return False

    def _run(self, channel: Channel) -> None:
        """The channel's worker; a database error stops it with one line on stderr (the
        rows stay pending for the next start) instead of a thread's traceback."""
        import sys

        from .health import describe, wording

        try:
            self._loop(channel)
        except Exception as exc:
            import sqlite3

            import sqlalchemy as sa

            if not isinstance(exc, sa.exc.SQLAlchemyError | sqlite3.Error):
                raise
            problem = describe(exc, safe_url(self.store.url), self.store.sqlite_path)
            print(f"kyniem remind: {channel.name}: {wording(problem, self.lang)}",
                  file=sys.stderr, flush=True)

    def _loop(self, channel: Channel) -> None:
        wake = self._wake[channel.name]
        while not self._stop.is_set():
            wake.clear()
            for row in self.store.pending(channel.name, time.time()):
                if self._stop.is_set():
                    return
                self._send(channel, row)
            upcoming = self.store.next_attempt(channel.name)
            wait = 30.0 if upcoming is None else max(0.0, min(30.0, upcoming - time.time()))
            wake.wait(wait)

    def _send(self, channel: Channel, row: Pending) -> None:
        delivery = Delivery(Reminder.from_payload(row.payload), self.clock.now(), row.late,
                            self.lang)
        attempts = row.attempts + 1
        try:
            channel.send(delivery)
        except Exception as exc:  # any failure of this channel: retry later
            error = f"{type(exc).__name__}: {exc}"[:500]
            gave_up = attempts >= self.max_attempts
            if gave_up:
                self.store.outbox_done(row.id, "failed", attempts, error=error)
            else:
                delay = min(self.cap, self.base * 2 ** (attempts - 1))
                self.store.outbox_done(row.id, "pending", attempts, time.time() + delay, error)
            self._said(channel.name, error, gave_up)
            return
        self._failing.discard(channel.name)
        self.store.outbox_done(row.id, "sent", attempts)

    def _said(self, name: str, error: str, gave_up: bool) -> None:
        """A channel's failure on stderr: its first in a row, and each reminder given up
        (regression: a dead SMTP server left a cron run silent, exit 0, no mail sent)."""
        import sys

        if gave_up or name not in self._failing:
            self._failing.add(name)
            key = "remind_channel_gave_up" if gave_up else "remind_channel_failing"
            print(f"kyniem remind: {say(key, channel=name, error=error)}", file=sys.stderr,
                  flush=True)


def stats(store: Store) -> dict[str, dict[str, int]]:
    """Outbox rows per channel and state."""
    out: dict[str, dict[str, int]] = {}
    for row in store.outbox():
        out.setdefault(row["channel"], {}).setdefault(row["state"], 0)
        out[row["channel"]][row["state"]] += 1
    return out
