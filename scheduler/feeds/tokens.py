"""Secret addresses of private feeds (issue 13): Google Calendar's "secret address in iCal
format", for plans marked ``private: true`` ("lưu hành nội bộ") and private units.

A calendar client can only poll a public URL, so an internal feed is published at a path no
one can guess, ``s/<token>/plans/<id>.ics``, and at no other. Each token is 160 bits from
:mod:`secrets`, above the 128 bits the issue and OWASP's session-id guidance ask for, written
in lower-case base32 (RFC 4648 §6): 32 letters and digits, no sign a URL, a path component or
a person reading it aloud could stumble on. A feed may have several live tokens (hand out a
new one, then revoke the old: no subscriber is cut off before they move); a revoked token's
files leave the site at the next build.

Tokens live in the site's state folder (``tokens.sqlite``, beside the build's database and
never inside the published folder), in their own database so that a damaged build state,
which is thrown away and rebuilt, never takes the addresses with it. A live token is kept as
it is (the build writes it into paths); a revoked one only as its BLAKE2b hash, enough to
answer "already revoked" and to list it, not to rebuild its address.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import re
import secrets
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

DATABASE = "tokens.sqlite"
#: touched by ``kyniem token new|revoke``: ``kyniem serve --watch`` rebuilds when it moves
CHANGED = "tokens.changed"
SECRET = "s/"  # where secret addresses live in a site
INDEX = "index"  # the private index page's "feed": every private feed with its links
TOKEN_BYTES = 20
#: a token as written: 160 bits in lower-case base32, 32 characters
TOKEN = r"[a-z2-7]{32}"

_TABLE = """
CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, token TEXT, feed TEXT NOT NULL,
    created TEXT NOT NULL, revoked TEXT);
CREATE TABLE IF NOT EXISTS names (feed TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def digest(token: str) -> str:
    return hashlib.blake2b(token.encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Token:
    feed: str  # a private feed's key ("plans/x.ics", "units/…ics", "all.ics") or INDEX
    hash: str
    created: datetime
    token: str | None = None  # None once revoked
    revoked: datetime | None = None
    name: str = ""  # the feed's calendar name when last built
    published: bool = True  # its feed was in the last build (a plan made public: no more)

    @property
    def hint(self) -> str:
        """What a person can read back: the token's first characters, or the hash's."""
        return (self.token or self.hash)[:6] + "…"

    def path(self, feed: str | None = None) -> str:
        """The token's path in the site: ``s/<token>/`` and the feed's key (the index's
        ``index.html``)."""
        assert self.token is not None
        key = feed or self.feed
        return f"{SECRET}{self.token}/" + ("index.html" if key == INDEX else key)


class Tokens:
    """The tokens of one site (its state folder)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.db = sqlite3.connect(folder / DATABASE, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_TABLE)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Tokens:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def all(self) -> list[Token]:
        """Every token, live and revoked, by feed and age."""
        return [Token(feed, h, datetime.fromisoformat(created), token,
                      datetime.fromisoformat(revoked) if revoked else None, name or "",
                      name is not None)
                for h, token, feed, created, revoked, name in self.db.execute(
                    "SELECT hash, token, t.feed, created, revoked, name FROM tokens AS t "
                    "LEFT JOIN names AS n ON n.feed = t.feed ORDER BY t.feed, created, hash")]

    def live(self) -> dict[str, list[Token]]:
        """Feed → its live tokens, oldest first (the first is the one links use)."""
        found: dict[str, list[Token]] = {}
        for t in self.all():
            if t.token is not None:
                found.setdefault(t.feed, []).append(t)
        return found

    def issue(self, feed: str, now: datetime) -> Token:
        token = base64.b32encode(secrets.token_bytes(TOKEN_BYTES)).decode().lower()
        made = Token(feed, digest(token), now, token)
        self.db.execute("INSERT INTO tokens VALUES (?, ?, ?, ?, NULL)",
                        (made.hash, token, feed, now.isoformat()))
        return made

    def ensure(self, feeds: Mapping[str, str], now: datetime, base_url: str | None = None
               ) -> dict[str, list[Token]]:
        """Live tokens for every one of ``feeds`` (key → calendar name) and for the private
        index (when there is any feed): a private feed first published gets its address
        here. The names and the site's address are kept for ``kyniem token list``."""
        wanted = sorted(feeds)
        live = self.live()
        with self._transaction():
            self.db.execute("DELETE FROM meta WHERE key = 'base_url'")
            if base_url:
                self.db.execute("INSERT INTO meta VALUES ('base_url', ?)", (base_url,))
            self.db.execute("DELETE FROM names")  # those of the feeds published now
            self.db.executemany("INSERT INTO names VALUES (?, ?)",
                                sorted({**feeds, **({INDEX: ""} if feeds else {})}.items()))
            for feed in [*wanted, INDEX] if wanted else []:
                if feed not in live:
                    self.issue(feed, now)
        return self.live()

    def base_url(self) -> str | None:
        """The site's address at its last build (``--base-url``), if it had one."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'base_url'").fetchone()
        return str(row[0]) if row else None

    def find(self, given: str) -> Token | None:
        """The token ``given`` names: the token itself, or its hash as ``list`` shows it."""
        h = digest(given.strip())
        return next((t for t in self.all() if t.hash == h or t.hash == given.strip()), None)

    def revoke(self, token: Token, now: datetime) -> Token:
        """Forget the token, keep its hash (its address goes at the next build)."""
        self.db.execute("UPDATE tokens SET token = NULL, revoked = ? WHERE hash = ?",
                        (now.isoformat(), token.hash))
        return replace(token, token=None, revoked=now)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")


_SECRET_PATH = re.compile(rf"^{SECRET}{TOKEN}/")


def masked(path: str) -> str:
    """A site path as reports show it: a secret address without its token (``s/…/all.ics``),
    since a build's output often lands in a shared log."""
    return _SECRET_PATH.sub("s/…/", path)


def fingerprint(live: dict[str, list[Token]]) -> str:
    """What a build's output depends on: the live tokens (a revoked one changes the site)."""
    h = hashlib.blake2b(digest_size=12)
    for feed in sorted(live):
        for t in live[feed]:
            h.update(f"{feed}\x1f{t.hash}\x1e".encode())
    return h.hexdigest()
