"""Is the reminder store usable? Writable, not damaged — and a database error, wherever it
happens, as a message that says what to do (exit 2), never a traceback.

* **Read-only** is found before SQLite is asked anything, by looking at the files: SQLite in
  WAL mode writes the database, ``<db>-wal`` and ``<db>-shm``, and creates the last two (and
  a rollback journal) in the database's folder (https://www.sqlite.org/wal.html, "Read-Only
  Databases"; https://www.sqlite.org/tempfiles.html); kyniem adds its lock and journal files
  there. Each of them that exists must be writable by the effective user, and the folder
  too. ``os.access(..., effective_ids=True)`` answers as the kernel will (root passes,
  except on a read-only file system, which ``statvfs`` tells apart). The message names the
  file, its owner and mode, the user kyniem runs as, and the command that fixes it.
* **Damage** is found with ``PRAGMA quick_check(1)`` when the store is opened
  (https://www.sqlite.org/pragma.html#pragma_quick_check: every page and b-tree, O(N), ~10 ms
  for 10,000 jobs): a file cut mid-page or overwritten deep inside passes the first read of
  the schema and would only fail later, in the middle of a delivery.
* **Any other moment**: :func:`guarded` turns an ``sqlite3``/SQLAlchemy error into the same
  messages by its SQLite result code (https://www.sqlite.org/rescode.html): CORRUPT/NOTADB →
  damaged, READONLY/PERM/CANTOPEN → not writable, FULL, BUSY/LOCKED, else a generic one.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..registry import InputError, Problem
from ..wording import Message, say

#: SQLite primary result codes (https://www.sqlite.org/rescode.html).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
_CORRUPT = {SQLITE_CORRUPT, SQLITE_NOTADB}
_READ_ONLY = {SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN}
_BUSY = {SQLITE_BUSY, SQLITE_LOCKED}


def problem(message: Message) -> InputError:
    return InputError([Problem("", None, "", message)])


def wording(error: InputError, lang: str) -> str:
    """The first problem's message alone (no field), in ``lang``: for one-line notes."""
    message = error.problems[0].message
    return message.render(lang) if isinstance(message, Message) else str(message)


def user_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


# -- read-only ------------------------------------------------------------------------------

def companions(database: Path) -> list[Path]:
    """The files SQLite (WAL mode) and kyniem keep beside the database."""
    return [Path(f"{database}{suffix}") for suffix in ("-wal", "-shm", "-journal", ".shown")]


def check_writable(database: Path, extra: tuple[Path, ...] = ()) -> None:
    """Raise a message naming the first file (or the folder) the effective user cannot
    write; the database need not exist yet."""
    folder = database.parent
    if _read_only_fs(folder):
        raise problem(say("remind_store_read_only_fs", file=str(database)))
    if not _can_write(folder, os.W_OK | os.X_OK):
        st = folder.stat()
        raise problem(say(f"remind_store_folder_not_writable_{_whose(st.st_uid)}",
                          folder=str(folder), owner=user_name(st.st_uid),
                          mode=stat.filemode(st.st_mode), user=user_name(os.geteuid()),
                          name=database.name))
    for path in (database, *companions(database), *extra):
        if path.exists() and not _can_write(path, os.R_OK | os.W_OK):
            st = path.stat()
            raise problem(say(f"remind_store_not_writable_{_whose(st.st_uid)}",
                              file=str(path), owner=user_name(st.st_uid),
                              mode=stat.filemode(st.st_mode), user=user_name(os.geteuid())))


def _whose(uid: int) -> str:
    """Who can fix a file: its user (``own``), only ``root``, or its ``other`` owner."""
    return "own" if uid == os.geteuid() else "root" if uid == 0 else "other"


def _can_write(path: Path, mode: int) -> bool:
    return os.access(path, mode, effective_ids=os.access in os.supports_effective_ids)


def _read_only_fs(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


# -- damage ---------------------------------------------------------------------------------

def check_intact(connection: Any, database: Path) -> None:
    """``PRAGMA quick_check(1)`` on an open SQLAlchemy connection: 'ok' or a message."""
    import sqlalchemy as sa

    verdict = connection.execute(sa.text("PRAGMA quick_check(1)")).scalar()
    if verdict != "ok":
        first = str(verdict).strip().splitlines()[0][:120] if verdict else "?"
        raise problem(say("remind_store_corrupt", path=str(database),
                          reason=f"quick_check: {first}"))


# -- any database error ---------------------------------------------------------------------

def _sqlite_code(exc: BaseException) -> int | None:
    orig = getattr(exc, "orig", None) or exc
    if not isinstance(orig, sqlite3.Error):
        return None
    code = getattr(orig, "sqlite_errorcode", None)  # Python 3.11+
    return None if code is None else int(code) & 0xFF


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0][:200] if lines else type(orig).__name__


def known(exc: BaseException) -> bool:
    """Whether :func:`describe` has a message of its own for this SQLite error."""
    return _sqlite_code(exc) in _CORRUPT | _READ_ONLY | _BUSY | {SQLITE_FULL}


def describe(exc: BaseException, store: str, database: Path | None) -> InputError:
    """The message for a database error of the store ``store`` (a URL safe to show)."""
    code, reason = _sqlite_code(exc), _reason(exc)
    if database is not None and code in _CORRUPT:
        return problem(say("remind_store_corrupt", path=str(database), reason=reason))
    if database is not None and code in _READ_ONLY:
        try:
            check_writable(database)  # names the very file, when it can be found
        except InputError as named:
            return named
        return problem(say("remind_store_read_only", store=store, reason=reason,
                           path=str(database), user=user_name(os.geteuid())))
    if code == SQLITE_FULL:
        return problem(say("remind_store_full", store=store, reason=reason))
    if code in _BUSY:
        return problem(say("remind_store_busy", store=store, reason=reason))
    return problem(say("remind_store_failed", store=store, reason=reason))


@contextlib.contextmanager
def guarded(store: str, database: Path | None) -> Iterator[None]:
    """Turn an ``sqlite3`` or SQLAlchemy error raised inside into :func:`describe`'s
    message (an :class:`InputError`: exit 2)."""
    import sqlalchemy as sa

    try:
        yield
    except (sa.exc.SQLAlchemyError, sqlite3.Error) as exc:
        raise describe(exc, store, database) from None
