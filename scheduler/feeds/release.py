"""Publishing a site as a whole: each build writes a complete release folder beside the site,
and one symlink switch makes it current.

    site -> .site.releases/r20240601T000000-1a2b3c4d    what a web server serves
    .site.releases/.kyniem-site                          the marker: which site this is
    .site.releases/r…/index.html, all.ics, plans/…      one release

rename(2) replaces the symlink atomically, so readers (a web server, a subscriber) see the old
release or the new one, never a mix. Files that did not change are hard links to the previous
release's: same inode and modification time, so HTTP validators stay and nothing is fetched
again. A build that dies leaves an unfinished release, which the next build removes.

Writes never leave the release: its folder is new (mkdir), every folder in it is made by the
build and opened with O_NOFOLLOW, every file is created with O_CREAT|O_EXCL|O_NOFOLLOW
relative to its folder's descriptor, and a file taken from the previous release is reached the
same way and must be a regular file. The site's path is resolved once: its parent's real path
and its name. A folder is kyniem's only when the marker beside it names it.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import pickle
import re
import secrets
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import BinaryIO

from ..registry import InputError, Problem
from ..state import DAMAGED, Invalid, expect
from ..wording import say
from .ledger import Entry, entry

#: a piece of a file: an id that names its bytes (the same id, the same bytes; a feed's
#: part: its print, :mod:`.parts`), and how to make them when they must be made
Segment = tuple[str, Callable[[], bytes]]
#: a file written from the previous release's in the background (:meth:`Release.assemble`)
Filled = tuple[int, bool, "Layout | Future[Layout]"]
#: the most new segments a file filled in the background holds in memory before it is written
LATER_SEGMENTS = 8
#: the most files filled in the background at once (each holds two descriptors): beyond, a
#: file is written here (a registry edit makes every feed's lent days new)
LATER_FILES = 2


@dataclass(frozen=True)
class Layout:
    """How a file was made: its segments' ids and lengths, in order, and the file they
    describe (device, inode, modification time, size: a file any other writer replaced,
    an older kyniem for one, is not it; links keep all four)."""

    segments: list[tuple[str, int]]
    file: tuple[int, int, int, int]

    def describes(self, info: os.stat_result) -> bool:
        return self.file == _identity(info) and info.st_size == sum(n for _, n in self.segments)


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    return info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size


MARKER = ".kyniem-site"
_RELEASE = re.compile(r"^(r\d{8}T\d{6}|legacy-\d{8}T\d{6})-[0-9a-f]{8}$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")  # one component of a site path
_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
LEGACY_STATE = ".kyniem"  # where sites built before the releases kept their state


class Found(Enum):
    NEW = "new"  # nothing there
    EMPTY = "empty"  # an empty folder
    OURS = "ours"  # our symlink to one of our releases
    LEGACY = "legacy"  # a folder an older kyniem built (and nothing else in it)
    FOREIGN = "foreign"  # anything else: replaced only with --force, and kept aside


@dataclass(frozen=True)
class SiteDir:
    link: Path  # the site: the parent's real path and the name given

    @property
    def releases(self) -> Path:
        return self.link.parent / f".{self.link.name}.releases"

    @property
    def marker(self) -> Path:
        return self.releases / MARKER

    def release(self, name: str) -> Path:
        return self.releases / name

    def current(self) -> str | None:
        """The release the site's symlink names, when it is one of ours."""
        try:
            target = os.readlink(self.link)
        except OSError:
            return None
        head, _, name = target.partition("/")
        return name if head == self.releases.name and _RELEASE.match(name) else None


def resolve(out: str) -> SiteDir:
    """``--out`` as the build will use it throughout: the real path of its folder and its
    name (the site itself may be our symlink, so it is not resolved)."""
    absolute = os.path.abspath(out)
    name = os.path.basename(absolute)
    parent = os.path.realpath(os.path.dirname(absolute))
    if name in ("", ".", ".."):
        raise _problem(out, "site_name")
    if not os.path.isdir(parent):
        raise _problem(out, "site_no_parent", parent=os.path.dirname(absolute))
    return SiteDir(Path(parent) / name)


def inspect(site: SiteDir) -> Found:
    try:
        found = os.lstat(site.link)
    except FileNotFoundError:
        return Found.NEW
    if stat.S_ISLNK(found.st_mode):
        return Found.OURS if site.current() and names_site(site) else Found.FOREIGN
    if not stat.S_ISDIR(found.st_mode):
        raise _problem(str(site.link), "site_is_file")
    if not os.listdir(site.link):
        return Found.EMPTY
    return Found.LEGACY if _legacy(site.link) else Found.FOREIGN


def names_site(site: SiteDir) -> bool:
    """Whether the releases folder is ours and for this site (its marker names it)."""
    try:
        fd = os.open(site.marker, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as fh:
            data = json.loads(fh.read(4096))
        return isinstance(data, dict) and data.get("site") == str(site.link)
    except DAMAGED:
        return False


def claim(site: SiteDir) -> None:
    """Make the releases folder with its marker, or check that the one there is ours."""
    try:
        os.mkdir(site.releases, 0o755)
    except FileExistsError:
        if not names_site(site):
            raise _problem(str(site.releases), "releases_in_the_way") from None
        return
    fd = os.open(site.marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(json.dumps({"site": str(site.link), "by": "kyniem build"}).encode())


# -- a release being written -------------------------------------------------------------------

class Release:
    """A new release folder, written only through descriptors (see the module docstring);
    ``previous`` is the folder of the site as it is now, to take unchanged files from."""

    def __init__(self, site: SiteDir, previous: Path | None) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        self.name = f"r{stamp}-{secrets.token_hex(4)}"
        self.path = site.release(self.name)
        self.before = _open_dir(previous) if previous is not None else None
        self._old_dirs: dict[str, int | None] = {}  # the previous release's folders, opened
        #: its files as :meth:`_old` found them (a rebuild asks twice for each of 4,800: is
        #: it there, then link it; a file that went meanwhile fails the link, and is made)
        self._old_files: dict[str, tuple[int, str, os.stat_result] | None] = {}
        self._dirs: dict[str, int] = {}  # made with the first file: a build that changes
        # nothing makes no release (issue 11: a no-change rebuild linked every file anew)
        self._filler: ThreadPoolExecutor | None = None  # see assemble(later=True)
        self._filling: list[Future[Layout]] = []

    @property
    def opened(self) -> bool:
        return bool(self._dirs)

    def open(self) -> None:
        if not self._dirs:
            os.mkdir(self.path, 0o755)
            self._dirs[""] = os.open(self.path, _DIR)

    def settle(self) -> None:
        """Wait for the files being filled in the background (:meth:`assemble`); the first
        error of one is raised here."""
        filling, self._filling = self._filling, []
        errors = [error for job in filling if (error := job.exception()) is not None]
        if self._filler is not None:
            self._filler.shutdown()
            self._filler = None
        if errors:
            raise errors[0]

    def close(self) -> None:
        try:
            self.settle()
        finally:
            opened = {*self._dirs.values(),
                      *(fd for fd in self._old_dirs.values() if fd is not None)}
            for fd in {*opened, *([self.before] if self.before is not None else [])}:
                os.close(fd)
            self._dirs, self._old_dirs, self._old_files = {}, {}, {}
            self.before = None

    def discard(self) -> None:
        opened = self.opened
        with contextlib.suppress(Exception):  # the build failed already: its error stands
            self.settle()
        self.close()
        if opened:
            shutil.rmtree(self.path, ignore_errors=True)

    def has(self, path: str) -> bool:
        """Whether the previous release holds ``path`` as a regular file."""
        return self._old(path) is not None

    def _old(self, path: str) -> tuple[int, str, os.stat_result] | None:
        """The previous release's regular file at ``path``: its folder's descriptor (open
        while this release is), its name and its stat; None when there is none. (A plain
        function: a rebuild asks it twice for each of a national site's 4,800 files.)"""
        if path in self._old_files:
            return self._old_files[path]
        _parts(path)  # a site path, or ValueError
        if self.before is None:
            return None
        found = self._stat_old(self.before, path)
        self._old_files[path] = found
        return found

    def _stat_old(self, before: int, path: str) -> tuple[int, str, os.stat_result] | None:
        folder, _, name = path.rpartition("/")
        if folder not in self._old_dirs:  # each folder opened once (thousands of files)
            try:
                self._old_dirs[folder] = _walk(before, path)[0]
            except OSError:
                self._old_dirs[folder] = None
        old = self._old_dirs[folder]
        if old is None:
            return None
        try:
            found = os.stat(name, dir_fd=old, follow_symlinks=False)
        except OSError:
            return None
        return (old, name, found) if stat.S_ISREG(found.st_mode) else None

    def prepare(self, path: str) -> None:
        """The folders ``path`` goes in, made (before forked workers write into them)."""
        self._folder(path, create=True)

    def write(self, path: str, data: bytes, replace: bool = False) -> None:
        """A new file of this release (``replace``: one begun already goes first)."""
        folder, name = self._folder(path, create=True)
        if replace:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name, dir_fd=folder)
        fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644,
                     dir_fd=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            os.fchmod(fh.fileno(), 0o644)  # whatever the umask: a web server must read it

    def stream(self, path: str, pieces: Iterable[bytes]) -> tuple[int, bool]:
        """Write ``path`` piece by piece, compared as it goes with the previous release's;
        the same bytes are that file, linked (its inode and time kept: HTTP caches stay
        valid). Its size returned, and whether it was kept."""
        folder, name = self._folder(path, create=True)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name, dir_fd=folder)  # a worker that died may have begun it
        fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644,
                     dir_fd=folder)
        old = self._previous(path)
        size, same = 0, old is not None
        try:
            with os.fdopen(fd, "wb") as fh:
                os.fchmod(fh.fileno(), 0o644)
                for piece in pieces:
                    fh.write(piece)
                    size += len(piece)
                    if same and old is not None:
                        same = old.read(len(piece)) == piece
                same = same and old is not None and old.read(1) == b""
        finally:
            if old is not None:
                old.close()
        if same:
            os.unlink(name, dir_fd=folder)
            if self.keep(path):
                return size, True
            # the previous release's file went while it was read: said as the system says it
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), path)
        return size, False

    def assemble(self, path: str, segments: Sequence[Segment], layout: Layout | None,
                 later: bool = False) -> Filled:
        """Write ``path`` from its segments, copying in the kernel (copy_file_range(2)) each
        one the previous release's file holds, as ``layout`` (the state's record of how that
        file was made) says, instead of making it again: a national all.ics is 190 MB, and
        one plan's share of it is a thousandth (issue 11). The same ids in the same order
        are the same bytes: then the previous file, linked. Returned: the size, whether the
        file was kept, and its layout. ``later``: a file mostly copied is filled by a thread
        while the build goes on (the kernel's copy of all.ics was a tenth of a one-plan
        rebuild, with a CPU to spare); its layout is then a future, which :meth:`settle`
        waits for."""
        old = self._previous(path) if layout else None
        try:
            where: dict[str, tuple[int, int]] = {}
            if old is not None and layout is not None \
                    and layout.describes(os.fstat(old.fileno())):
                if [sid for sid, _ in segments] == [sid for sid, _ in layout.segments] \
                        and self.keep(path):
                    return sum(n for _, n in layout.segments), True, layout
                at = 0
                for sid, n in layout.segments:
                    where.setdefault(sid, (at, n))
                    at += n
            if not where or old is None:  # no record of the previous file: compared as
                return self._streamed(path, segments)  # it is written
            folder, name = self._folder(path, create=True)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name, dir_fd=folder)  # a worker that died may have begun it
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644,
                         dir_fd=folder)
            # on a thread: the new bytes made here and held (a few parts' shares), the
            # copies queued; else each piece written as it comes
            self._filling = [job for job in self._filling  # those done well: forgotten
                             if not job.done() or job.exception() is not None]
            here = (not later or len(self._filling) >= LATER_FILES
                    or sum(sid not in where for sid, _ in segments) > LATER_SEGMENTS)
            fill = _Fill(fd, old, run=here)
            old = None  # the fill closes it
            try:
                for sid, make in segments:
                    found = where.get(sid)
                    fill.add(sid, found if found is not None else make())
            except BaseException:
                fill.abandon()
                raise
            if here:
                return fill.size, False, fill.done()
            try:
                if self._filler is None:
                    self._filler = ThreadPoolExecutor(1, thread_name_prefix="kyniem-fill")
                job = self._filler.submit(fill.done)
            except BaseException:  # no thread to be had: nothing of the file is written
                fill.abandon()
                raise
            self._filling.append(job)
            return fill.size, False, job
        finally:
            if old is not None:
                old.close()

    def _streamed(self, path: str, segments: Sequence[Segment]) -> tuple[int, bool, Layout]:
        made: list[tuple[str, int]] = []

        def pieces() -> Iterator[bytes]:
            for sid, make in segments:
                data = make()
                made.append((sid, len(data)))
                yield data

        size, kept = self.stream(path, pieces())
        folder, name = self._folder(path, create=True)
        info = os.stat(name, dir_fd=folder, follow_symlinks=False)  # the new file, or the link
        return size, kept, Layout(made, _identity(info))

    def _previous(self, path: str) -> BinaryIO | None:
        """The previous release's regular file at ``path``, open for reading, or None."""
        found = self._old(path)
        if found is None:
            return None
        try:
            return os.fdopen(os.open(found[1], os.O_RDONLY | os.O_NOFOLLOW, dir_fd=found[0]),
                             "rb")
        except OSError:
            return None

    def keep(self, path: str, data: bytes | None = None) -> bool:
        """Take ``path`` from the previous release as it is (a hard link), when it is a
        regular file there and, if ``data`` is given, holds exactly those bytes."""
        found = self._old(path)
        if found is None:
            return False
        old, name, info = found
        try:
            if data is not None and not _holds(old, name, info.st_size, data):
                return False
            folder, _ = self._folder(path, create=True)
            try:
                os.link(name, name, src_dir_fd=old, dst_dir_fd=folder,
                        follow_symlinks=False)
            except FileExistsError:  # begun by a worker that died: the old file is it
                os.unlink(name, dir_fd=folder)
                os.link(name, name, src_dir_fd=old, dst_dir_fd=folder,
                        follow_symlinks=False)
            return True
        except OSError:
            return False

    def _folder(self, path: str, create: bool) -> tuple[int, str]:
        self.open()
        folder, _, name = path.rpartition("/")
        known = self._dirs.get(f"/{folder}" if folder else "")  # its folders were checked
        if known is not None and _NAME.match(name) and not path.startswith("/"):
            return known, name
        *dirs, name = _parts(path)
        key = ""
        for part in dirs:
            parent, key = self._dirs[key], f"{key}/{part}"
            if key not in self._dirs:
                if create:
                    os.mkdir(part, 0o755, dir_fd=parent)
                self._dirs[key] = os.open(part, _DIR, dir_fd=parent)
        return self._dirs[key], name


class _Fill:
    """A file of a release written from its segments, in order: a range of the previous
    release's file (offset, length), copied in the kernel, or new bytes. Neighbouring
    ranges are copied as one (all.ics's unchanged parts, before and after a plan's share,
    are two copies, not a thousand). ``run``: written as they come, else all of them by
    :meth:`done` (on a thread); the file and the previous one are closed by :meth:`done`
    or :meth:`abandon`."""

    def __init__(self, fd: int, old: BinaryIO, run: bool = True) -> None:
        self.fd, self.old, self.run = fd, old, run
        self.queued: list[tuple[int, int] | bytes] = []
        self.made: list[tuple[str, int]] = []
        self.size = 0
        try:
            os.fchmod(fd, 0o644)
        except BaseException:
            self.abandon()
            raise

    def add(self, sid: str, piece: tuple[int, int] | bytes) -> None:
        n = piece[1] if isinstance(piece, tuple) else len(piece)
        self.made.append((sid, n))
        self.size += n
        last = self.queued[-1] if self.queued else None
        if isinstance(piece, tuple) and isinstance(last, tuple) and sum(last) == piece[0]:
            self.queued[-1] = (last[0], last[1] + n)
            return
        if self.run and self.queued:  # the one before can grow no more: written now
            self._write_queued()
        self.queued.append(piece)

    def done(self) -> Layout:
        try:
            self._write_queued()
            written = os.fstat(self.fd)
        finally:
            self.abandon()
        return Layout(self.made, _identity(written))

    def abandon(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        self.old.close()

    def _write_queued(self) -> None:
        queued, self.queued = self.queued, []
        try:
            for piece in queued:
                if isinstance(piece, tuple):
                    _copy(self.old.fileno(), self.fd, *piece)
                else:
                    _write_all(self.fd, piece)
        except BaseException:
            self.abandon()
            raise


def _copy(source: int, target: int, offset: int, count: int) -> None:
    """``count`` bytes of ``source`` from ``offset`` onto the end of ``target``: in the
    kernel where it can (no copy through this process), else read and written."""
    kernel = hasattr(os, "copy_file_range")
    while count > 0:
        done = 0
        if kernel:
            try:
                done = os.copy_file_range(source, target, count, offset)
            except OSError:  # another file system, an old kernel: read and write instead
                kernel = False
        if done <= 0:
            data = os.pread(source, min(count, 1 << 22), offset)
            if not data:
                raise OSError(errno.EIO, "the previous release's file is shorter than recorded")
            _write_all(target, data)
            done = len(data)
        offset += done
        count -= done


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _parts(path: str) -> list[str]:
    parts = path.split("/")
    if not all(_NAME.match(p) for p in parts):
        raise ValueError(f"not a site path: {path!r}")
    return parts


def _open_dir(path: Path) -> int | None:
    try:
        return os.open(path, _DIR)
    except OSError:
        return None


def _walk(root: int, path: str) -> tuple[int, str]:
    """The descriptor of ``path``'s folder under ``root`` (no symlink followed) and its name;
    the caller closes the descriptor."""
    *dirs, name = _parts(path)
    fd = os.dup(root)
    try:
        for part in dirs:
            next_fd = os.open(part, _DIR, dir_fd=fd)
            os.close(fd)
            fd = next_fd
    except OSError:
        os.close(fd)
        raise
    return fd, name


def _holds(folder: int, name: str, size: int, data: bytes) -> bool:
    if size != len(data):
        return False
    fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=folder)
    with os.fdopen(fd, "rb") as fh:
        return fh.read(len(data) + 1) == data


# -- switching and cleaning up -------------------------------------------------------------

def switch(site: SiteDir, name: str, found: Found) -> Path | None:
    """Make release ``name`` the site. What stood at the site's path first moves out of the
    way: an empty folder is removed, an older kyniem site goes among the releases (to be
    removed), anything else (only with --force) is kept beside, under a name returned."""
    temporary = site.link.parent / f".{site.link.name}.switch-{secrets.token_hex(4)}"
    os.symlink(f"{site.releases.name}/{name}", temporary)
    kept = None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    try:
        if found is Found.EMPTY:
            os.rmdir(site.link)
        elif found is Found.LEGACY:
            os.rename(site.link, site.release(f"legacy-{stamp}-{secrets.token_hex(4)}"))
        elif found is Found.FOREIGN:
            kept = site.link.parent / f"{site.link.name}.before-kyniem-{stamp}"
            os.rename(site.link, kept)
        os.replace(temporary, site.link)
    except BaseException:
        os.unlink(temporary)
        raise
    return kept


def recover(site: SiteDir, committed: str | None) -> None:
    """After a build that died: when the state names a release (``committed``) that the
    site does not show yet, finish the switch (the release was complete before the state
    named it); then remove every other release and any half-made switch."""
    if not names_site(site):
        return
    if committed and committed != site.current() and os.path.isdir(site.release(committed)):
        found = inspect(site)
        if found is not Found.FOREIGN:
            switch(site, committed, found)
    clean(site)


def clean(site: SiteDir) -> None:
    """Every release but the current one, and leftover switch links."""
    current = site.current()
    for entry_ in os.scandir(site.releases):
        if _RELEASE.match(entry_.name) and entry_.name != current:
            shutil.rmtree(entry_.path, ignore_errors=True)
    prefix = f".{site.link.name}.switch-"
    for entry_ in os.scandir(site.link.parent):
        if entry_.name.startswith(prefix) and entry_.is_symlink():
            os.unlink(entry_.path)


# -- sites built by older versions, and sites whose state was lost ---------------------------

def _legacy(folder: Path) -> bool:
    """An older kyniem's site: its state folder lists every file there (so moving it away
    loses nothing the user put in it)."""
    try:
        listed = set(expect(json.loads((folder / LEGACY_STATE / "manifest.json").read_bytes()),
                            list, "manifest"))
    except DAMAGED:
        return False
    for root, dirs, files in os.walk(folder):
        rel = os.path.relpath(root, folder)
        if rel == ".":
            dirs[:] = [d for d in dirs if d != LEGACY_STATE and not d.startswith(".staging-")]
        for name in files:
            path = name if rel == "." else f"{rel}/{name}"
            if path not in listed or os.path.islink(os.path.join(root, name)):
                return False
        if any(os.path.islink(os.path.join(root, d)) for d in dirs):
            return False
    return True


class _PlainData(pickle.Unpickler):
    """Reads the old ``ledger.pickle`` (dicts, lists, strings, numbers) and nothing else: no
    class or function may be named, so loading it runs no code."""

    def find_class(self, module: str, name: str) -> type:
        raise pickle.UnpicklingError(f"refused {module}.{name}")


def legacy_ledger(folder: Path) -> dict[str, Entry]:
    """The ledger an older kyniem kept in the site folder, checked; empty when unreadable."""
    import io

    try:
        data = (folder / LEGACY_STATE / "ledger.pickle").read_bytes()
        raw = expect(_PlainData(io.BytesIO(data)).load(), dict, "ledger")
        events = expect(raw.get("events"), dict, "events")
        return {expect(k, str, "uid"): entry(v) for k, v in events.items()}
    except (*DAMAGED, pickle.UnpicklingError, EOFError, Invalid):
        return {}


def floors(folder: Path) -> dict[str, int]:
    """The highest SEQUENCE of every event published in ``folder``'s feeds, for a site whose
    ledger is gone: its events then go on above what subscribers have (RFC 5545 §3.8.7.4)."""
    found: dict[str, int] = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = os.path.join(root, name)
            if name.endswith(".ics") and not os.path.islink(path):
                _scan(path, found)
    return found


#: The lines a floor needs: a TEXT value escapes its line breaks (RFC 5545 §3.3.11), so a
#: line that starts with one of these names is that property; a value may be folded (§3.1)
_FLOOR_LINE = re.compile(
    rb"\n(?:(UID|RECURRENCE-ID|SEQUENCE)(?:;[^:\r\n]*)?:([^\r\n]*(?:\r\n [^\r\n]*)*)"
    rb"|END:VEVENT(?=\r\n|$))")


def _scan(path: str, found: dict[str, int]) -> None:
    """Each event's SEQUENCE in the feed at ``path``, the highest kept in ``found``: a
    regular expression finds the few lines that count (a national all.ics is 185 MB: read
    line by line in Python, it took seconds)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return
    uid: str | None = None
    rid: str | None = None
    sequence = 0
    for line in _FLOOR_LINE.finditer(data):
        name = line[1]
        if name is None:  # END:VEVENT
            if uid:
                key = uid if rid is None else f"{uid}#{rid}"
                found[key] = max(found.get(key, 0), sequence)
            uid = rid = None
            sequence = 0
            continue
        value = line[2].replace(b"\r\n ", b"")
        if name == b"UID":
            uid = value.decode("utf-8", "replace")
        elif name == b"RECURRENCE-ID":
            if len(value) == 8 and value.isascii():
                rid = f"{value[:4].decode()}-{value[4:6].decode()}-{value[6:].decode()}"
        elif value.isdigit() and len(value) < 10:  # SEQUENCE
            sequence = int(value)


def _problem(path: str, key: str, **values: object) -> InputError:
    return InputError([Problem(path, None, "--out", say(key, **values))])
