"""The exactly-once step: a reminder is shown only if it is not in the delivery log.

APScheduler 3 runs a job *at most once*: it removes a date-triggered job from the store when it
hands it to the executor, before the job runs, so a process killed in between loses the run.
kyniem turns that into *shown at least once* (every start re-syncs from the data and re-adds
any reminder that is neither stored nor logged; claimed-but-unshown rows are shown again) and
*at most once* (the log's primary key, job id and fire time, admits one claim). Per reminder:

  (a) APScheduler removes the job from the store and submits it to the executor;
  (b) **claim**: one transaction inserts (job id, fire time, state ``claimed``) into the log,
      and one outbox row per extra channel — or fails on the key: already handled, stop;
  (c) **show**: when the output is a regular file (``kyniem remind --once >> log``), first one
      ``write(2)`` of an *intent* line to an append-only journal (``<db>.shown`` next to a
      SQLite store, else in the cache folder): file identity, offset, length and SHA-1 of
      the bytes; then the text itself, with ``write(2)`` straight to the descriptor;
  (c') **mark**: one ``write(2)`` of the key to the journal, right after (c);
  (d) **confirm**: the row becomes ``shown`` (a database transaction: about a millisecond,
      which is why the journal exists).

What a user observes if the process dies (SIGKILL, power cut) in each window:

* before (a): the job is still stored; at the next start APScheduler runs it as a misfire
  (within ``misfire_grace_time``, coalesced) — shown once, marked late.
* between (a) and (b): the job is gone and nothing is logged; the next start's sync re-adds it
  (wanted, not logged) — shown once, marked late.
* between (b) and (c): logged as claimed, never shown; the next start shows every claimed row
  the journal does not vouch for, before the scheduler starts, then confirms it — shown once,
  marked late and "shown again after an interruption" (it may not have been seen). Its outbox
  rows were committed with the claim, so e-mail/webhook/desktop copies go out too.
* between (c) and (c'), output a regular file: the next start reads the file back at the
  journaled offset; if the bytes are there (same SHA-1) it confirms without showing again,
  otherwise it shows it (once). Exactly once.
* between (c) and (c'), output a terminal or a pipe: nothing can be read back, so it is shown
  again, marked "shown again after an interruption". This is the only window with a possible
  repeat — the time between two consecutive ``write`` calls, microseconds (a terminal cannot
  take part in a transaction; shrinking the window is the best any scheme can do without
  ever losing a reminder).
* between (c') and (d): journaled; the next start confirms it without showing it again.
* after (d): done. Re-syncs skip it (it is in the log); a second firing of the same
  (job, time) — a job re-added while its first run was in flight — loses the claim in (b).

Extra channels are at-least-once per (job, time): a copy is sent until it succeeds; e-mail and
webhook copies carry a stable Message-ID / Idempotency-Key so a receiver can drop a repeat.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .plan import LATE_AFTER, Clock, Reminder
from .views import Delivery


class Journal:
    """Append-only record of shown reminders, one ``write(2)`` per line: ``S`` (shown, step
    c') and, when the output is a regular file, ``I`` (intent, before step c: file identity,
    offset and digest of the bytes about to be written)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def _line(self, *fields: object) -> None:
        os.write(self.fd, ("\t".join(str(f) for f in fields) + "\n").encode())

    def mark(self, key: tuple[str, str]) -> None:
        self._line("S", *key)

    def intent(self, key: tuple[str, str], device: int, inode: int, offset: int,
               data: bytes) -> None:
        self._line("I", *key, device, inode, offset, len(data),
                   hashlib.sha1(data).hexdigest())

    def shown(self) -> set[tuple[str, str]]:
        """Keys surely shown: marked, or intended and found written in the output file."""
        found: set[tuple[str, str]] = set()
        for line in self.path.read_text(encoding="utf-8", errors="replace").splitlines():
            fields = line.split("\t")
            marked = fields[0] == "S" and len(fields) == 3
            if marked or (fields[0] == "I" and len(fields) == 8 and _written(*fields[3:])):
                found.add((fields[1], fields[2]))
        return found

    def clear(self) -> None:
        os.ftruncate(self.fd, 0)

    def close(self) -> None:
        os.close(self.fd)


#: Where the output file of this process is (set by :func:`recover` from the terminal).
_OUTPUT: dict[tuple[int, int], int] = {}


def _written(device: str, inode: str, offset: str, length: str, digest: str) -> bool:
    """Whether the output file (still this process's output) holds those bytes there."""
    fd = _OUTPUT.get((int(device), int(inode)))
    if fd is None:
        return False
    data = os.pread(fd, int(length), int(offset))
    return hashlib.sha1(data).hexdigest() == digest


def journal_path(store: Any) -> Path:
    """``<database>.shown`` next to a SQLite store, else one per store URL in the cache."""
    if store.sqlite_path is not None:
        return Path(f"{store.sqlite_path}.shown")
    from ..registry.cache import cache_dir

    digest = hashlib.sha1(str(store.url).encode()).hexdigest()[:16]
    return Path(cache_dir()) / f"remind-{digest}.shown"


@dataclass
class Runtime:
    """What the job callable needs in this process (set once by :func:`configure`)."""

    store: Any  # .store.Store (kept loose: this module is imported by APScheduler's pickle)
    clock: Clock
    terminal: Any  # .channels.Terminal
    journal: Journal
    dispatcher: Any = None  # .channels.Dispatcher | None
    lang: str = "vi"
    delivered: int = 0
    late: int = 0
    recovered: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def channel_names(self) -> tuple[str, ...]:
        return tuple(self.dispatcher.names) if self.dispatcher is not None else ()


_RUNTIME: Runtime | None = None


def configure(runtime: Runtime | None) -> None:
    global _RUNTIME
    _RUNTIME = runtime


def fire(payload: dict[str, Any]) -> bool:
    """The job callable (``scheduler.remind.deliver:fire``): one reminder's plain payload.

    Without a runtime the process is stopping (the scheduler's worker still runs the jobs it
    was handed before ``shutdown(wait=False)``, after the session closed): do nothing. The job
    already left the store and nothing was claimed — window (a)–(b) above — so the next start
    re-adds it and shows it, once."""
    runtime = _RUNTIME
    if runtime is None:
        return False
    return deliver(runtime, Reminder.from_payload(payload))


def deliver(runtime: Runtime, reminder: Reminder) -> bool:
    """Claim, show, confirm (steps b–d above); False if it was already in the log."""
    with runtime.lock:
        now = runtime.clock.now()
        late = now - reminder.fire_at > LATE_AFTER
        if not runtime.store.claim(reminder, now, late, runtime.channel_names):
            return False
        _show(runtime, Delivery(reminder, now, late, runtime.lang))
        runtime.store.confirm(reminder, now)
        runtime.delivered += 1
        runtime.late += late
    if runtime.dispatcher is not None:
        runtime.dispatcher.notify()
    return True


def _show(runtime: Runtime, delivery: Delivery) -> None:
    """Steps c and c': the intent (for a file output), the write, the mark."""
    data = runtime.terminal.render(delivery).encode()
    key = delivery.reminder.key
    target = runtime.terminal.file()
    if target is not None:
        fd, device, inode = target
        appending = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_APPEND
        offset = os.fstat(fd).st_size if appending else os.lseek(fd, 0, os.SEEK_CUR)
        runtime.journal.intent(key, device, inode, offset, data)
    runtime.terminal.write(data)
    runtime.journal.mark(key)


def recover(runtime: Runtime) -> int:
    """Show the claimed-but-unconfirmed reminders of a process that died (step c/d windows),
    then confirm them. Run before the scheduler starts."""
    count = 0
    with runtime.lock:
        target = runtime.terminal.file()
        if target is not None:
            fd, device, inode = target
            with contextlib.suppress(OSError):  # no /proc: no read-back, re-show instead
                _OUTPUT[(device, inode)] = os.open(f"/proc/self/fd/{fd}", os.O_RDONLY)
        try:
            shown = runtime.journal.shown()
        finally:
            for reader in _OUTPUT.values():
                os.close(reader)
            _OUTPUT.clear()
        for reminder, _late in runtime.store.unconfirmed():
            now = runtime.clock.now()
            if reminder.key not in shown:
                _show(runtime, Delivery(reminder, now, True, runtime.lang, again=True))
                count += 1
            runtime.store.confirm(reminder, now)
        runtime.journal.clear()  # every journaled key is now confirmed in the log
        runtime.delivered += count
        runtime.late += count
        runtime.recovered += count
    return count
