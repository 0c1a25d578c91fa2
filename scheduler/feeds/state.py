"""A site's state: its SEQUENCE ledger, its cached parts and the files it published, in one
SQLite database outside the published folder (``~/.local/state/kyniem/sites/…``, or
``--state DIR``; see :mod:`scheduler.state`).

One database, so that one transaction (:meth:`SiteState.commit`) records the ledger, the
parts whose bytes carry its stamps, the published files and the release that holds them: a
build killed at any moment leaves the state of the old site or of the new one, never a ledger
behind what subscribers have seen (SQLite commits are atomic, https://www.sqlite.org/
atomiccommit.html). Nothing here is pickled; every value read back is checked.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..registry import InputError, Problem
from ..state import DAMAGED, Invalid, expect, expect_list, note
from ..wording import say
from .hashes import Hashes
from .ledger import Entry, Ledger, entry
from .parts import Part, key_digest, part_info, read_detail, read_part, rows_json
from .release import Layout

SCHEMA = 1
DATABASE = "site.sqlite"
#: SQLITE_CORRUPT and SQLITE_NOTADB (https://www.sqlite.org/rescode.html): not a state to keep.
_DAMAGED_CODES = frozenset({11, 26})

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ledger (uid TEXT PRIMARY KEY, digest TEXT NOT NULL,
    sequence INTEGER NOT NULL, modified TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS parts (name TEXT PRIMARY KEY, key TEXT NOT NULL,
    info TEXT NOT NULL, data BLOB NOT NULL, rows TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, print TEXT NOT NULL,
    size INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS layouts (path TEXT PRIMARY KEY, layout TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hashes (path TEXT PRIMARY KEY, stat TEXT NOT NULL,
    digest TEXT NOT NULL);
"""
#: columns added since SCHEMA 1 (a state without them gets them, empty: its parts, of an
#: older FORMAT, are misses anyway)
_ADDED = (("parts", "detail", "TEXT NOT NULL DEFAULT ''"),)


@dataclass(frozen=True)
class Published:
    """A file of the current release: the fingerprint of what made it, and its size."""

    print: str
    size: int


class SiteState:
    """The state database of one site. Open with :meth:`open`; close when the build ends."""

    def __init__(self, path: Path, db: sqlite3.Connection, new: bool) -> None:
        self.path, self.db, self.new = path, db, new
        # parts' bytes read, times and bytes (a rebuild where nothing moved reads none)
        self.blobs_read = self.bytes_read = 0

    @classmethod
    def open(cls, folder: Path) -> SiteState:
        """The state in ``folder``; one that is not a database, or a damaged one, is moved
        aside (named in a note) and the site starts a new state, taking its SEQUENCE floors
        from what it published (:func:`.release.floors`)."""
        path = folder / DATABASE
        try:
            return cls._open(path)
        except sqlite3.Error as exc:
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF not in _DAMAGED_CODES:
                raise _unusable(path, exc) from None
        aside = path.with_name(f"{DATABASE}.damaged-{os.getpid()}-{int(time.time())}")
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{path}{suffix}", f"{aside}{suffix}")
        note(say("state_moved_aside", path=path, aside=aside))
        try:
            return cls._open(path)
        except sqlite3.Error as exc:
            raise _unusable(path, exc) from None

    @classmethod
    def _open(cls, path: Path) -> SiteState:
        new = not path.exists()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise _unusable(path, exc) from None
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_TABLES)
            for table, column, kind in _ADDED:
                if column not in {r[1] for r in db.execute(f"PRAGMA table_info({table})")}:
                    db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
            state = cls(path, db, new)
            row = state._one("SELECT value FROM meta WHERE key = 'schema'", raw=True)
        except BaseException:
            db.close()
            raise
        found = None if row is None else str(row[0])
        if found is None:
            state.set_meta("schema", str(SCHEMA))
        elif found != str(SCHEMA):
            db.close()
            raise InputError([Problem(str(path), None, "--state",
                                      say("state_schema", found=found, known=SCHEMA))])
        return state

    def close(self) -> None:
        self.db.close()

    def meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self._run("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- reading ---------------------------------------------------------------------------

    def ledger(self, now: datetime, floors: dict[str, int] | None = None) -> Ledger:
        """The ledger, its entries read as they are asked for (a rebuild after one plan
        changed stamps that plan's events, not 150,000), each checked: a damaged entry stops
        the build (a guess would publish lower SEQUENCE numbers)."""
        return Ledger(now, _StoredEntries(self), floors)

    def read_whole(self, ledger: Ledger) -> None:
        """Every entry into ``ledger`` at once (those it stamped stay), checked, for forked
        workers: they must not use this connection (https://www.sqlite.org/howtocorrupt.html
        §2.6), so they ask the state nothing."""
        entries = ledger.entries
        if isinstance(entries, _StoredEntries) and not entries.empty:
            for row in self._all("SELECT uid, digest, sequence, modified FROM ledger"):
                entries.setdefault(str(row[0]), self._checked(row[1:]))
            entries.empty = True

    def entry(self, uid: str) -> Entry | None:
        row = self._one("SELECT digest, sequence, modified FROM ledger WHERE uid = ?", (uid,))
        return None if row is None else self._checked(row)

    def _checked(self, row: tuple[object, ...]) -> Entry:
        try:
            return entry(list(row))
        except DAMAGED as exc:
            raise InputError([Problem(str(self.path), None, "ledger",
                                      say("state_damaged", why=exc))]) from None

    def part(self, name: str, key: tuple[object, ...]) -> Part | None:
        """The cached part ``name`` when its key still matches, its bytes read when a feed
        needs them (:meth:`blob`); a part that fails its checks is a miss (and a note),
        made again from its plan."""
        row = self._one("SELECT key, info, typeof(data), length(data), rowid FROM parts "
                        "WHERE name = ?", (name,))  # length() reads no blob's content
        return self._part(name, key, row)

    def parts(self, wanted: Sequence[tuple[str, tuple[object, ...]]]) -> list[Part | None]:
        """:meth:`part` of each (name, key), in one pass over the table (a national site's
        rebuild asks for a thousand)."""
        keys = dict(wanted)
        found: dict[str, Part | None] = {}
        # each record read as the scan gives it, never all of them held at once
        for row in self._all("SELECT name, key, info, typeof(data), length(data), rowid "
                             "FROM parts"):
            name = str(row[0])
            if name in keys:
                found[name] = self._part(name, keys[name], row[1:])
        return [found.get(name) for name, _ in wanted]

    def _part(self, name: str, key: tuple[object, ...], row: Sequence[object] | None
              ) -> Part | None:
        if row is None or row[0] != key_digest(key):
            return None
        try:
            info, size = expect(row[1], str, "info"), expect(row[3], int, "size")
            if row[2] != "blob":
                raise Invalid(f"data: expected bytes, found {row[2]}")
            rowid = expect(row[4], int, "rowid")
            return read_part(key, info, lambda runs: self.blob(name, rowid, size, runs),
                             lambda: self._rows(name), lambda part: self._fill(name, part),
                             size)
        except DAMAGED as exc:
            note(say("part_rebuilt", name=name, why=exc))
            return None

    def blob(self, name: str, rowid: int, size: int, runs: Sequence[tuple[int, int]]
             ) -> list[bytes]:
        """Byte ranges of a cached part, read in place (incremental I/O, https://www.sqlite.org/
        c3ref/blob_open.html: not the whole part for a feed that holds some of its events);
        counted in ``blobs_read`` and ``bytes_read``."""
        try:
            with self.db.blobopen("parts", "data", rowid, readonly=True) as blob:
                if len(blob) != size:  # the row is not the one found: never in one build
                    raise InputError([Problem(str(self.path), None, "parts", say(
                        "state_damaged", why=f"part {name} changed during the build"))])
                out = []
                for start, end in runs:
                    blob.seek(start)
                    out.append(blob.read(end - start))
        except sqlite3.Error as exc:
            raise _unusable(self.path, exc) from None
        self.blobs_read += 1
        self.bytes_read += sum(map(len, out))
        return out

    def _fill(self, name: str, part: Part) -> None:
        """A cached part's detail, read when first asked for. A damaged one is found late,
        mid-build: the part is dropped from the state and the build stops (exit 2), so that
        the next makes it again from its plan."""
        row = self._one("SELECT CAST(detail AS BLOB) FROM parts WHERE name = ?", (name,))
        try:
            if row is None:
                raise Invalid(f"part {name} has no detail")
            read_detail(part, expect(row[0], bytes, "detail").decode())
        except DAMAGED as exc:
            self._run("DELETE FROM parts WHERE name = ?", (name,))
            raise InputError([Problem(str(self.path), None, "parts",
                                      say("part_dropped", name=name, why=exc))]) from None

    def _rows(self, name: str) -> str:
        row = self._one("SELECT rows FROM parts WHERE name = ?", (name,))
        if row is None:
            raise Invalid(f"part {name} has no rows")
        return str(row[0])

    def layout(self, path: str) -> Layout | None:
        """How the current release's ``path`` was made from segments (:mod:`.release`),
        checked; None when it was not, or the record is damaged (the file is then made
        whole again, and a note says so)."""
        row = self._one("SELECT CAST(layout AS BLOB) FROM layouts WHERE path = ?", (path,))
        if row is None:
            return None
        try:
            raw = expect(json.loads(expect(row[0], bytes, "layout")), dict, "layout")
            file = expect_list(raw.get("file"), int, "file")
            if len(file) != 4:
                raise Invalid("file: expected device, inode, time and size")
            segments: list[tuple[str, int]] = []
            for item in expect(raw.get("segments"), list, "segments"):
                sid, size = expect(item, list, "segment")
                segments.append((expect(sid, str, "segment"), expect(size, int, "size")))
                if size < 0:
                    raise Invalid("layout: a negative size")
        except DAMAGED as exc:
            note(say("layout_ignored", path=path, why=exc))
            return None
        return Layout(segments, (file[0], file[1], file[2], file[3]))

    def hashes(self) -> Hashes:
        """The plan files' digests as the last build left them (:mod:`.hashes`); a damaged
        row is a file hashed again."""
        known = {}
        for path, seen, digest in self._all("SELECT path, stat, digest FROM hashes"):
            if (isinstance(path, str) and isinstance(seen, str) and isinstance(digest, str)
                    and len(digest) == 32 and digest.isalnum() and digest.isascii()):
                known[path] = (seen, digest)
        return Hashes(known)

    def published(self) -> dict[str, Published]:
        out = {}
        for path, fingerprint, size in self._all("SELECT * FROM files"):
            if isinstance(path, str) and isinstance(fingerprint, str) and isinstance(size, int):
                out[path] = Published(fingerprint, size)
        return out

    # -- writing: one transaction ----------------------------------------------------------

    def commit(self, release: str, ledger: Ledger | None, fresh: Iterable[tuple[str, Part]],
               keep: set[str], files: dict[str, Published], meta: dict[str, str],
               also: Callable[[sqlite3.Connection], None] | None = None,
               layouts: dict[str, Layout | None] | None = None,
               hashes: Hashes | None = None) -> None:
        """Record a built release, all at once: the ledger's changes, the new parts (and
        the end of parts whose plan files are gone), the files and the release's name, the
        layouts of the files made (None: made whole; files taken from the previous
        release keep theirs), the plan files' digests (:mod:`.hashes`), and whatever
        ``also`` writes (the feeds' addresses: :mod:`.addresses`)."""
        try:
            with self._transaction() as db:
                if also is not None:
                    also(db)
                if ledger is not None and ledger.dirty:
                    db.executemany("INSERT OR REPLACE INTO ledger VALUES (?, ?, ?, ?)",
                                   ((k, *ledger.entries[k]) for k in sorted(ledger.dirty)))
                for name, part in fresh:
                    info, detail = part_info(part)
                    db.execute("INSERT OR REPLACE INTO parts (name, key, info, data, rows, "
                               "detail) VALUES (?, ?, ?, ?, ?, ?)",
                               (name, key_digest(part.key), info, part.data, rows_json(part),
                                detail))
                stale = [n for (n,) in db.execute("SELECT name FROM parts") if n not in keep]
                db.executemany("DELETE FROM parts WHERE name = ?", ((n,) for n in stale))
                db.execute("DELETE FROM files")
                db.executemany("INSERT INTO files VALUES (?, ?, ?)",
                               ((p, f.print, f.size) for p, f in sorted(files.items())))
                made = layouts or {}
                db.executemany("DELETE FROM layouts WHERE path = ?",
                               ((p,) for p, layout in sorted(made.items()) if layout is None))
                db.executemany("INSERT OR REPLACE INTO layouts VALUES (?, ?)", (
                    (p, json.dumps({"file": layout.file, "segments": layout.segments},
                                   ensure_ascii=False, separators=(",", ":")))
                    for p, layout in sorted(made.items()) if layout is not None))
                db.execute("DELETE FROM layouts WHERE path NOT IN (SELECT path FROM files)")
                if hashes is not None:
                    _store_hashes(db, hashes)
                db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                               sorted({**meta, "release": release}.items()))
        except sqlite3.Error as exc:
            raise _unusable(self.path, exc) from None
        if ledger is not None:
            ledger.dirty.clear()

    def keep_hashes(self, hashes: Hashes) -> None:
        """The plan files' digests alone, for a build that changes nothing else."""
        if not hashes.fresh and not hashes.stale():
            return
        try:
            with self._transaction() as db:
                _store_hashes(db, hashes)
        except sqlite3.Error as exc:
            raise _unusable(self.path, exc) from None

    def import_ledger(self, entries: dict[str, Entry]) -> None:
        """Entries carried over from an older site's own ledger (once, on moving in)."""
        try:
            with self._transaction() as db:
                db.executemany("INSERT OR REPLACE INTO ledger VALUES (?, ?, ?, ?)",
                               ((k, *v) for k, v in sorted(entries.items())))
        except sqlite3.Error as exc:
            raise _unusable(self.path, exc) from None

    # -- plumbing --------------------------------------------------------------------------

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)

    def _one(self, sql: str, args: tuple[object, ...] = (), raw: bool = False
             ) -> tuple[object, ...] | None:
        try:
            with closing(self.db.execute(sql, args)) as cursor:
                row: tuple[object, ...] | None = cursor.fetchone()
                return row
        except sqlite3.Error as exc:
            if raw:  # opening: the caller tells a damaged file from an unusable one
                raise
            raise _unusable(self.path, exc) from None

    def _all(self, sql: str) -> Iterator[tuple[object, ...]]:
        try:
            yield from self.db.execute(sql)
        except sqlite3.Error as exc:
            raise _unusable(self.path, exc) from None

    def _run(self, sql: str, args: tuple[object, ...]) -> None:
        try:
            self.db.execute(sql, args)
        except sqlite3.Error as exc:
            raise _unusable(self.path, exc) from None


class _StoredEntries(dict[str, Entry]):
    """The ledger's entries: those read or stamped in this build, and the state's on demand."""

    def __init__(self, state: SiteState) -> None:
        super().__init__()
        self.state = state
        # nothing (more) to read: a first build's, or a ledger read whole
        self.empty = state._one("SELECT 1 FROM ledger LIMIT 1") is None

    def get(self, key: str, default: Entry | None = None) -> Entry | None:  # type: ignore[override]
        if key in self:
            return self[key]
        found = None if self.empty else self.state.entry(key)
        if found is not None:
            self[key] = found
        return default if found is None else found


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any exception (a kill is a
    rollback too: SQLite's journal undoes what was not committed)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _store_hashes(db: sqlite3.Connection, hashes: Hashes) -> None:
    db.executemany("DELETE FROM hashes WHERE path = ?", ((p,) for p in hashes.stale()))
    db.executemany("INSERT OR REPLACE INTO hashes VALUES (?, ?, ?)", hashes.rows())


def _unusable(path: Path, exc: BaseException) -> InputError:
    why = getattr(exc, "strerror", None) or str(exc)
    return InputError([Problem(str(path), None, "--state", say("state_unusable", why=why))])
