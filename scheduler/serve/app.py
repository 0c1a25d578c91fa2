"""The ASGI application of ``kyniem serve``: Starlette routing every path to one endpoint
that answers from :mod:`.files`.

The request path is short on purpose (issue 13 asks for ≥ 0.3 of nginx's requests per
second): a readlink, a dictionary lookup, three header reads and two ``send`` calls with
header lists made when the file was first read. Only a cache miss leaves the event loop (a
worker thread reads and compresses the file); a request never waits on a build.

Validators and negotiation follow RFC 9110: strong ETags per representation (the gzip body
has its own, §8.8.3.3), ``Vary: Accept-Encoding`` (§12.5.5), 304 on If-None-Match (weak
comparison, §13.1.2) or, without it, If-Modified-Since (§13.1.3); HEAD gets GET's headers
(§9.3.2); methods other than GET and HEAD get 405 with ``Allow`` (§15.5.6). Accept is not
consulted: a calendar client sending ``Accept: text/calendar`` or something odd still gets
the file (never 406).
"""

from __future__ import annotations

import asyncio
import html
import os
import re
from collections.abc import Iterable

import anyio.to_thread
from starlette.responses import Response
from starlette.routing import Route, Router
from starlette.types import Receive, Scope, Send

from ..feeds.tokens import SECRET, TOKEN
from ..wording import worded
from .files import OPEN_FLAGS, Cache, Entry, Found, Moved, Root, Site, load
from .http import accepts_gzip, none_match, not_modified_since, site_path

_INDEX = ("", "index.html")  # where a refused change is shown
_SECRET_INDEX = re.compile(rf"{SECRET}{TOKEN}/(?:index\.html)?")  # the office's private page
_CHUNK = 1 << 20


class Files:
    """The endpoint: every GET and HEAD of the site, and the banner of a refused change."""

    def __init__(self, site: Site, lang: str, cache: Cache | None = None) -> None:
        self.site = site
        self.lang = lang
        self.cache = cache or Cache()
        self.banner: str | None = None  # on the public index page
        self.inside: str | None = None  # on the office's private pages (s/<token>/)
        self._generation = 0  # moves with the banner: a load begun before is not kept
        self._pending: dict[tuple[Root, str], asyncio.Future[Found]] = {}

    def show(self, problems: str | None, withheld: bool = False) -> None:
        """Show ``problems`` on the index page (None: take the banner away); ``withheld``:
        the sources hold internal plans or units (issue 13), whose text must not reach the
        public page, which then only says that a change was refused; the office's private
        pages show the problems whole."""
        public = self._say("serve_refused_withheld") if problems and withheld else problems
        if (public, problems) != (self.banner, self.inside):
            self.banner, self.inside = public, problems
            self._generation += 1
            self.cache.clear(self.cache.root)  # the index pages, public and private

    def _say(self, key: str) -> str:
        return worded(key, self.lang)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope["method"]
        if method != "GET" and method != "HEAD":
            await self._text(scope, receive, send, 405, "serve_method",
                             {"allow": "GET, HEAD"})
            return
        root = self.site.root()
        if root is None:
            await self._not_built(scope, receive, send)
            return
        rel = site_path(scope.get("raw_path") or scope["path"].encode())
        found = None if rel is None else await self.find(root, rel)
        if isinstance(found, Entry) and found.body is None:  # a big file: open it now
            await self._stream(scope, receive, send, root, rel or "", found)
            return
        if isinstance(found, Entry):
            await self._answer(scope, send, found)
        elif isinstance(found, Moved):
            await Response(status_code=301, headers={"location": found.location})(
                scope, receive, send)
        else:
            await self._text(scope, receive, send, 404, "serve_not_found")

    async def find(self, root: Root, rel: str) -> Found:
        """The cached entry, or one read in a worker thread (concurrent misses of one path
        share the read)."""
        hit = self.cache.get(root, rel)
        if hit is not None:
            return hit
        key = (root, rel)
        pending = self._pending.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[Found] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        generation = self._generation
        try:
            banner = self.banner if rel in _INDEX else self.inside \
                if _SECRET_INDEX.fullmatch(rel) else None
            found = await anyio.to_thread.run_sync(load, root, rel, banner, self.lang)
        except BaseException:
            future.cancel()
            raise
        finally:
            del self._pending[key]
        if isinstance(found, Entry) and generation == self._generation:
            self.cache.put(root, rel, found)
        future.set_result(found)
        return found

    async def _answer(self, scope: Scope, send: Send, found: Entry) -> None:
        match = since = coding = None
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                match = value
            elif name == b"if-modified-since":
                since = value
            elif name == b"accept-encoding":
                coding = value
        packed = found.packed is not None and coding is not None and accepts_gzip(coding)
        if match is not None:
            fresh = none_match(match, found.packed_etag if packed else found.etag)
        else:
            fresh = since is not None and not_modified_since(since, found.mtime)
        if fresh:
            await send({"type": "http.response.start", "status": 304,
                        "headers": found.packed_304 if packed else found.plain_304})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200,
                    "headers": found.packed_headers if packed else found.plain})
        body = b"" if scope["method"] == "HEAD" else (found.packed if packed else found.body)
        await send({"type": "http.response.body", "body": body})

    async def _stream(self, scope: Scope, receive: Receive, send: Send, root: Root, rel: str,
                      found: Entry) -> None:
        """A file too big to keep, read from a descriptor opened before the headers go."""
        try:
            fd = os.open(found.path, OPEN_FLAGS)
        except OSError:
            fd = -1
        if fd < 0 or (os.fstat(fd).st_ino, os.fstat(fd).st_size) != found.stamp[:2]:
            if fd >= 0:
                os.close(fd)
            self.cache.forget(rel)
            await self._text(scope, receive, send, 404, "serve_not_found")
            return
        try:
            if _conditional(scope, found):
                await self._answer(scope, send, found)  # answers 304 from the headers
                return
            await send({"type": "http.response.start", "status": 200, "headers": found.plain})
            if scope["method"] == "HEAD":
                await send({"type": "http.response.body", "body": b""})
                return
            while chunk := await anyio.to_thread.run_sync(os.read, fd, _CHUNK):
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
        finally:
            os.close(fd)

    async def _text(self, scope: Scope, receive: Receive, send: Send, status: int, key: str,
                    headers: dict[str, str] | None = None) -> None:
        await Response(self._say(key) + "\n", status, {**(headers or {}), **_PLAIN},
                       "text/plain; charset=utf-8")(scope, receive, send)

    async def _not_built(self, scope: Scope, receive: Receive, send: Send) -> None:
        """503 until the first build (``--watch``) makes the site, with what went wrong."""
        from .files import with_banner

        page = (f'<!doctype html><html lang="{self.lang}"><head><meta charset="utf-8">'
                f"<title>kyniem</title></head><body><p>"
                f"{html.escape(self._say('serve_not_built_yet'))}</p></body></html>").encode()
        if self.banner:
            page = with_banner(page, self.banner, self.lang)
        await Response(page, 503, {"retry-after": "5", **_PLAIN},
                       "text/html; charset=utf-8")(scope, receive, send)


_PLAIN = {"cache-control": "no-store", "x-content-type-options": "nosniff"}


def _conditional(scope: Scope, found: Entry) -> bool:
    headers: Iterable[tuple[bytes, bytes]] = scope["headers"]
    values = dict(headers)
    match = values.get(b"if-none-match")
    if match is not None:
        return none_match(match, found.etag)
    since = values.get(b"if-modified-since")
    return since is not None and not_modified_since(since, found.mtime)


def application(files: Files) -> Router:
    """Starlette's router as the ASGI app: one route, every path, every method (the
    endpoint answers 405). Not wrapped in ``Starlette()``: its error and exception
    middleware cost a third of the requests per second on a 304 (measured with wrk at 64
    connections), and the endpoint raises nothing they would catch (uvicorn answers 500 if
    it ever did)."""
    return Router(routes=[Route("/{path:path}", files)])
