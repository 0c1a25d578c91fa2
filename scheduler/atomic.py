"""Atomic file writes: a temp file in the same folder, flushed, then renamed over the target,
so a reader (a web server, a subscriber) never sees half a file and a failure leaves the old
one intact (POSIX rename(2) is atomic within a file system).

Only a regular file is ever replaced: rename(2) would as happily put a file in place of a
symlink (the user's link is gone), a device node (``-o /dev/full`` as root) or a socket."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from .wording import say


class NotRegularFile(OSError):
    """The target exists and is not a regular file."""


def check_replaceable(path: Path) -> None:
    """Raise :class:`NotRegularFile` when ``path`` exists and is not a regular file."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(found.st_mode):
        raise NotRegularFile(errno.EEXIST, str(say("not_regular_file")), str(path))


def write_atomic(path: Path, data: bytes) -> None:
    check_replaceable(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a web server must read the file
        check_replaceable(path)  # again: a link may have appeared while writing
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
