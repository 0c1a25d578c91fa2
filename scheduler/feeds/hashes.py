"""Plan files' content digests, remembered with the file's stat so that a rebuild reads and
hashes only the files that changed (issue 11: reading and hashing a national set of plans was
a tenth of a one-plan rebuild).

A stored digest is trusted only while the file's device, inode, size, modification and
change times are all as recorded. The change time (ctime) moves on every write, rename or
``touch -r`` and cannot be set back, so an edit restored to its old size and mtime is still
seen. A file changed within :data:`RACY_NS` of the moment it was hashed is never recorded:
a second edit in the same timestamp tick would keep its stat (git's "racy clean" problem,
https://git-scm.com/docs/racy-git).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

RACY_NS = 3_000_000_000  # coarser than any file system's timestamps (FAT: 2 s)

Key = tuple[object, ...]  # (path, size, digest), or (path, None) when it cannot be read


def stat_text(info: os.stat_result) -> str:
    return (f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:"
            f"{info.st_ctime_ns}")


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Hashes:
    """Digests of files by path, from ``known`` (path → (stat text, digest), as stored)
    where the stat still matches; ``fresh`` collects what to store. ``now_ns``: the clock
    the racy rule compares file times with (tests inject it)."""

    def __init__(self, known: dict[str, tuple[str, str]],
                 now_ns: Callable[[], int] = time.time_ns) -> None:
        self.known, self.now_ns = known, now_ns
        self.fresh: dict[str, tuple[str, str]] = {}
        self.held: set[str] = set()  # stored rows that still hold

    def key(self, path: Path) -> Key:
        """The file's identity for the part cache: its path, size and a digest of its bytes
        (not its modification time alone: an edit restored with ``touch -r`` or unpacked
        from an archive is still seen), read and hashed only when its stat moved."""
        name = str(path)
        now = self.now_ns()  # before the stat: a slow read must not make a racy file old
        try:  # one descriptor for the stat and the bytes: a link retargeted between the two
            with path.open("rb") as fh:  # would pair one file's stat with another's digest
                info = os.fstat(fh.fileno())
                seen = stat_text(info)
                found = self.known.get(name)
                if found is not None and found[0] == seen:
                    self.held.add(name)
                    return (name, info.st_size, found[1])
                data = fh.read()
        except OSError:
            return (name, None)  # the loader reports it
        digest = file_digest(data)
        racy = max(info.st_mtime_ns, info.st_ctime_ns) > now - RACY_NS
        if len(data) == info.st_size and not racy:  # else: hashed again next time
            self.fresh[name] = (seen, digest)
        return (name, len(data), digest)

    def rows(self) -> Iterable[tuple[str, str, str]]:
        """What to store: the fresh digests (:meth:`stale` rows are dropped)."""
        return ((name, seen, digest) for name, (seen, digest) in sorted(self.fresh.items()))

    def stale(self) -> list[str]:
        """Stored rows that no longer hold: files gone from the build, or changed and not
        recorded again (racy)."""
        return sorted(self.known.keys() - self.held - self.fresh.keys())
