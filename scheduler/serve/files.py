"""The files ``kyniem serve`` answers with: the site's current release, and an in-memory
cache of ready responses.

A built site is a symlink to an immutable release folder (:mod:`scheduler.feeds.release`),
so a file once read never changes: its bytes, gzip bytes, ETags and header lists are made
once and every later request is a dictionary lookup (one readlink(2) per request finds the
current release, so a new build is served without a restart). A folder that is not a
release (a site built by hand, or by an older kyniem) is served too, each hit checked
against the file's stat.

Files are opened by descriptor after their real path is checked to lie inside the release
(no symlink leads out); a file too big to keep is streamed from a descriptor opened when the
request comes, so a release deleted meanwhile still completes (POSIX unlink semantics).
"""

from __future__ import annotations

import base64
import errno
import gzip
import hashlib
import html
import os
import re
import stat
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..feeds.release import SiteDir
from ..feeds.tokens import SECRET
from ..feeds.writer import REFRESH
from .http import duration_seconds, http_date

FEED_AGE = duration_seconds(REFRESH)  # a feed asks clients to come back after REFRESH
PAGE_AGE = 60  # pages: an edit served under --watch shows within a minute (see README)
LIMIT = 64 << 20  # bytes kept in memory, bodies and gzip bodies together
BIGGEST = 8 << 20  # a file above this is streamed from disk, never kept
OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)

TYPES = {
    ".ics": "text/calendar; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
}
_SQUEEZED = {".ics", ".html", ".json", ".svg", ".js", ".css", ".txt"}  # worth gzip

Headers = tuple[tuple[bytes, bytes], ...]


class Root(NamedTuple):
    path: str  # the release's real path
    fixed: bool  # an immutable release: cached entries need no check


@dataclass(frozen=True)
class Entry:
    """A file ready to answer with: both encodings and their header lists, made once."""

    path: str  # real path (to stream a big file)
    stamp: tuple[int, int, int]  # inode, size, mtime_ns: a folder that is not a release
    size: int
    body: bytes | None  # None: too big to keep, streamed
    packed: bytes | None  # the gzip body, when gzip is smaller
    etag: bytes
    packed_etag: bytes
    mtime: int
    plain: Headers  # 200 headers without a body's own (Content-Length is added per variant)
    plain_304: Headers
    packed_headers: Headers
    packed_304: Headers
    cost: int = field(default=0)


@dataclass(frozen=True)
class Moved:
    """A folder asked for without its slash: answered with a redirect to ``location``."""

    location: str


Found = Entry | Moved | None


class Site:
    """Where ``kyniem serve`` finds the current release of the site at ``directory``."""

    def __init__(self, directory: str) -> None:
        absolute = os.path.abspath(directory)
        self.link = os.path.join(os.path.realpath(os.path.dirname(absolute)),
                                 os.path.basename(absolute))
        self._target: str | None = None
        self._root: Root | None = None

    def root(self) -> Root | None:
        """The current release (one readlink per call), or None when there is no site."""
        try:
            target = os.readlink(self.link)
        except OSError as exc:
            if exc.errno != errno.EINVAL:  # EINVAL: a folder, not a symlink
                return None
            target = ""
        if target != self._target or self._root is None:
            self._root = self._find(target)
            self._target = target if self._root is not None else None
        return self._root

    def _find(self, target: str) -> Root | None:
        real = os.path.realpath(os.path.join(os.path.dirname(self.link), target or
                                             os.path.basename(self.link)))
        if not os.path.isdir(real):
            return None
        return Root(real, bool(target) and SiteDir(Path(self.link)).current() is not None)


def load(root: Root, rel: str, banner: str | None, lang: str) -> Found:
    """The entry for release path ``rel`` (:func:`.http.site_path`), read from disk; run
    in a worker thread (reading and compressing a big file must not hold the event loop)."""
    folder = rel == "" or rel.endswith("/")
    name = rel.rstrip("/")
    real = _inside(root.path, os.path.join(root.path, name) if name else root.path)
    if real is None:
        return None
    try:
        info = os.stat(real)
        if stat.S_ISDIR(info.st_mode):
            if name == SECRET.rstrip("/") or name.startswith(SECRET):
                # secret addresses (issue 13): a folder there is never confirmed by a
                # redirect (nor listed); only its index.html, asked for by its path, answers
                if not folder or name == "s":
                    return None
            elif not folder:
                return Moved(f"/{name}/")
            real = _inside(root.path, os.path.join(real, "index.html"))
            if real is None:
                return None
            name = f"{name}/index.html" if name else "index.html"
        elif folder:
            return None
        page = name.rsplit("/", 1)[-1] == "index.html"  # the site's, or a private one
        return _read(real, name, banner if page else None, lang)
    except OSError:
        return None


def _inside(root: str, path: str) -> str | None:
    """``path``'s real path when it lies in the release and no part of it is hidden."""
    real = os.path.realpath(path)
    if real == root:
        return real
    if not real.startswith(root + os.sep):
        return None
    rest = real[len(root) + 1:]
    return None if any(p.startswith(".") for p in rest.split(os.sep)) else real


def _read(real: str, name: str, banner: str | None, lang: str) -> Entry | None:
    fd = os.open(real, OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        stamp = (info.st_ino, info.st_size, info.st_mtime_ns)
        if info.st_size > BIGGEST and banner is None:
            digest = hashlib.blake2b(digest_size=16)
            while chunk := os.read(fd, 1 << 20):
                digest.update(chunk)
            return entry(real, name, stamp, None, digest.digest(), info.st_size)
        with os.fdopen(os.dup(fd), "rb") as fh:
            body = fh.read()
    finally:
        os.close(fd)
    if banner is not None:
        body = with_banner(body, banner, lang)
    return entry(real, name, stamp, body, hashlib.blake2b(body, digest_size=16).digest(),
                 len(body), banner is not None)


#: The modification time of a page with a banner: later than any If-Modified-Since
NEVER = 1 << 62


def entry(real: str, name: str, stamp: tuple[int, int, int], body: bytes | None,
          digest: bytes, size: int, fresh: bool = False) -> Entry:
    """Headers made once: type, validators, Cache-Control (``fresh``: always revalidate,
    for an index page carrying a banner that goes with the next good build)."""
    suffix = os.path.splitext(name)[1].lower()
    packed = None
    if body is not None and suffix in _SQUEEZED and len(body) > 256:
        squeezed = gzip.compress(body, 6, mtime=0)  # mtime 0: the same bytes every time
        packed = squeezed if len(squeezed) < len(body) else None
    tag = base64.urlsafe_b64encode(digest).rstrip(b"=")
    etag, packed_etag = b'"' + tag + b'"', b'"' + tag + b'-gz"'
    # a page carrying a banner is not its file: no Last-Modified, and If-Modified-Since never
    # answers 304 for it (regression: a client asking by date never saw the banner)
    mtime = NEVER if fresh else stamp[2] // 1_000_000_000
    secret = name.startswith("s/")
    age = FEED_AGE if suffix == ".ics" else PAGE_AGE
    control = "no-cache" if fresh else f"{'private' if secret else 'public'}, max-age={age}"
    common: list[tuple[bytes, bytes]] = [
        (b"cache-control", control.encode()),
        *([] if fresh else [(b"last-modified", http_date(mtime).encode())]),
        (b"vary", b"accept-encoding"),
        (b"x-content-type-options", b"nosniff"),
    ]
    if secret:  # an address that is the key: kept out of search engines and Referer
        common += [(b"x-robots-tag", b"noindex"), (b"referrer-policy", b"no-referrer")]
    kind = (b"content-type", TYPES.get(suffix, "application/octet-stream").encode())
    plain_304 = (*common, (b"etag", etag))
    packed_304 = (*common, (b"etag", packed_etag))
    plain = (*plain_304, kind, (b"content-length", str(size).encode()))
    packed_headers = (*packed_304, kind, (b"content-encoding", b"gzip"),
                      (b"content-length", str(len(packed or b"")).encode()))
    cost = len(body or b"") + len(packed or b"") + 1024
    return Entry(real, stamp, size, body, packed, etag, packed_etag, mtime, plain, plain_304,
                 packed_headers, packed_304, cost)


_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


def with_banner(page: bytes, text: str, lang: str) -> bytes:
    """``page`` with a banner showing ``text`` (escaped): before ``</main>``, else right
    after ``<body…>``, else first."""
    from ..wording import worded

    title = worded("serve_banner_title", lang)
    banner = (f'<div role="alert" lang="{lang}" id="kyniem-serve-alert" style="border:2px '
              f'solid #b00020;background:#fff4f4;color:#222;padding:.75em 1em;margin:1em">'
              f"<p><strong>{html.escape(title)}</strong></p>"
              f'<pre style="white-space:pre-wrap">{html.escape(text)}</pre></div>').encode()
    end = page.rfind(b"</main>")
    if end >= 0:
        return page[:end] + banner + page[end:]
    found = _BODY.search(page)
    at = found.end() if found else 0
    return page[:at] + banner + page[at:]


class Cache:
    """Entries of the current release, least recently used dropped past :data:`LIMIT`."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.root: Root | None = None
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._size = 0

    def get(self, root: Root, rel: str) -> Entry | None:
        if root != self.root:
            self.clear(root)
            return None
        found = self._entries.get(rel)
        if found is None:
            return None
        if not root.fixed and not _same(found):
            self._drop(rel)
            return None
        self._entries.move_to_end(rel)
        return found

    def put(self, root: Root, rel: str, found: Entry) -> None:
        if root != self.root or found.cost > self.limit:
            return
        self._drop(rel)
        self._entries[rel] = found
        self._size += found.cost
        while self._size > self.limit:
            self._drop(next(iter(self._entries)))

    def forget(self, *rels: str) -> None:
        for rel in rels:
            self._drop(rel)

    def clear(self, root: Root | None = None) -> None:
        """Forget every entry (a new release is current)."""
        self.root = root
        self._entries.clear()
        self._size = 0

    def _drop(self, rel: str) -> None:
        old = self._entries.pop(rel, None)
        if old is not None:
            self._size -= old.cost


def _same(found: Entry) -> bool:
    try:
        info = os.stat(found.path)
    except OSError:
        return False
    return (info.st_ino, info.st_size, info.st_mtime_ns) == found.stamp
