"""One delivering process per store.

Two APScheduler schedulers on one job store fire jobs twice (APScheduler 3 FAQ: "sharing a
persistent job store among two or more processes will lead to incorrect scheduler behavior",
https://apscheduler.readthedocs.io/en/3.x/faq.html), so the daemon and ``--once`` hold a lock
for as long as they run:

* SQLite: an OS file lock (``filelock``, ``flock(2)``) on ``<database>.lock`` next to the
  database; the kernel releases it when the process dies, even by SIGKILL. The holder's pid is
  written to ``<database>.pid`` for the message a second process prints.
* PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``,
  https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS) held on a
  dedicated connection; the server releases it when that connection ends.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from ..registry import InputError, Problem
from .store import JOBS_TABLE, Store, safe_url


class LockedError(InputError):
    """Another process delivers from this store."""


@dataclass(frozen=True)
class Held:
    release: Callable[[], None]


def advisory_key(name: str = JOBS_TABLE) -> int:
    """A positive 63-bit key for ``pg_try_advisory_lock``, stable across runs."""
    digest = hashlib.sha1(f"kyniem-remind:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big") & 0x7FFF_FFFF_FFFF_FFFF


def acquire(store: Store) -> Held:
    """Take the store's lock or raise :class:`LockedError` with a clear message."""
    if store.dialect == "postgresql":
        return _advisory(store)
    path = store.sqlite_path
    if path is None:  # in-memory: private to this process
        return Held(lambda: None)
    return _file_lock(store, str(path))


def _locked(store: Store, holder: str) -> LockedError:
    return LockedError([Problem("", None, "LOCKED",
                                f"another kyniem remind{holder} is already delivering reminders "
                                f"from {safe_url(store.url)}; stop it first (or use another "
                                "--store)")])


def _file_lock(store: Store, database: str) -> Held:
    from filelock import FileLock, Timeout

    lock = FileLock(database + ".lock", timeout=0)
    pidfile = database + ".pid"
    try:
        lock.acquire()
    except Timeout:
        try:
            with open(pidfile, encoding="ascii") as fh:
                holder = f" (pid {int(fh.read().strip())})"
        except (OSError, ValueError):
            holder = ""
        raise _locked(store, holder) from None
    with open(pidfile, "w", encoding="ascii") as fh:
        fh.write(f"{os.getpid()}\n")

    def release() -> None:
        with contextlib.suppress(OSError):
            os.unlink(pidfile)
        lock.release()

    return Held(release)


def _advisory(store: Store) -> Held:
    import sqlalchemy as sa

    key = advisory_key()
    conn = store.engine.connect()
    got = conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
    conn.commit()
    if not got:
        holder = conn.execute(sa.text(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND ((classid::bigint << 32) | objid::bigint) = :k"), {"k": key}).scalar()
        conn.close()
        raise _locked(store, f" (server pid {holder})" if holder else "")

    def release() -> None:
        try:
            conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            conn.commit()
        finally:
            conn.close()

    return Held(release)
