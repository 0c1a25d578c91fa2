"""One delivering process per store.

Two APScheduler schedulers on one job store fire jobs twice (APScheduler 3 FAQ: "sharing a
persistent job store among two or more processes will lead to incorrect scheduler behavior",
https://apscheduler.readthedocs.io/en/3.x/faq.html), so the daemon and ``--once`` hold a lock
for as long as they run:

* SQLite: ``flock(2)`` on a lock file keyed by the *database file*, not by the name the user
  gave: ``.kyniem-remind.<inode>.lock`` in the folder of the database's resolved path (the
  store is opened by that path, :func:`.store.open_store`). So

  - a symlink, a relative path or ``..`` lead to the resolved path, hence the same folder and
    the same inode: the same lock;
  - the folder fixes the file system, hence ``st_dev``; the name carries ``st_ino``: one lock
    file per database file, also across a rename inside the folder, and the same name for
    every NFS client (inode numbers are the server's, device numbers are not);
  - hard links are refused, at opening and again here (``st_nlink > 1``): SQLite itself keeps
    one ``-wal`` per name, so two names cannot share one store safely whatever the lock does
    (https://www.sqlite.org/howtocorrupt.html §2.5);
  - after the lock is taken the database is stat'ed again: if another file took its place in
    between (moved away and made anew), the lock is of the wrong inode and is taken again.

  Why not ``flock`` the database itself: SQLite locks it with POSIX ``fcntl`` locks, which a
  process loses as a whole when it closes *any* descriptor of the file ("How To Corrupt"
  §2.2), and on NFS ``flock`` is emulated with ``fcntl`` over the whole file, so it would
  block SQLite's own readers; a separate lock file touches neither. The kernel releases the
  lock when the process dies, even by SIGKILL; the file itself is never deleted (deleting a
  lock file lets two processes lock two different inodes). It is opened with ``O_NOFOLLOW``
  and must be a regular file, and it holds the holder's pid for the message a second
  process prints.
* PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``,
  https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS) held on a
  dedicated connection; the server releases it when that connection ends.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..registry import InputError, Problem
from ..wording import say
from .store import JOBS_TABLE, Store, check_one_name, safe_url


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
    return _file_lock(store, path)


def _locked(store: Store, holder: str) -> LockedError:
    return LockedError([Problem("", None, "LOCKED", say("remind_locked", holder=holder,
                                                        store=safe_url(store.url)))])


def lock_path(database: Path, inode: int) -> Path:
    return database.parent / f".kyniem-remind.{inode}.lock"


def _file_lock(store: Store, database: Path) -> Held:
    for _attempt in range(3):
        before = _identity(database)
        fd = _open_lock(lock_path(database, before[1]))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise _locked(store, holder) from None
        if _identity(database) == before:
            _write_pid(fd)
            return Held(functools.partial(_unlock, fd))
        os.close(fd)  # another file took the database's place: lock that one
    raise _locked(store, "")


def _identity(database: Path) -> tuple[int, int]:
    """(st_dev, st_ino) of the database, which must have one name."""
    check_one_name(database)
    st = database.stat()
    return st.st_dev, st.st_ino


def _open_lock(path: Path) -> int:
    flags = os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK
    try:
        try:
            fd = os.open(path, flags | os.O_RDWR | os.O_CREAT, 0o644)
        except PermissionError:  # another user's lock file: flock needs no write access
            fd = os.open(path, flags | os.O_RDONLY)
    except OSError as exc:
        raise _unusable(path, exc.strerror or str(exc)) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise _unusable(path, str(say("not_regular_file")))
    return fd


def _unusable(path: Path, reason: str) -> InputError:
    return InputError([Problem("", None, "LOCKED", say("remind_lock_unusable", file=str(path),
                                                        reason=reason))])


def _holder(fd: int) -> str:
    try:
        return f" (pid {int(os.pread(fd, 32, 0).decode('ascii').strip())})"
    except (OSError, ValueError):
        return ""


def _write_pid(fd: int) -> None:
    with contextlib.suppress(OSError):  # read-only lock file: no pid in the message
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


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
