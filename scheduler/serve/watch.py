"""``kyniem serve --watch``: rebuild the site when a registry, plan or unit file changes.

Changes are seen with watchfiles (inotify on Linux) on the folders holding the files the
settings name (an editor saves by writing a new file and renaming it over the old one, so a
watch on the file itself would be lost), filtered to those files and to ``*.yaml``/``*.yml`` in plan
folders. Each batch of changes runs ``kyniem check`` and then ``kyniem build`` as
subprocesses (``sys.executable -m scheduler``): a build holds no state of the server, a
crash in it cannot take the server down, and no process is forked from the threads uvicorn
and watchfiles run. They run with asyncio's subprocess support, so requests are answered
while a build runs. A change that fails either is refused: the last good release stays
current (a build that fails switches nothing, :mod:`scheduler.feeds.release`), the problems
go to stderr and onto the index page, until a good build.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from watchfiles import Change, awatch

from ..commands import Settings
from ..plans.paths import ENV_VAR as PLANS_VAR
from ..plans.paths import PLAN_SUFFIXES, bundled_plans_dir
from ..sanitize import strip_controls
from ..wording import say

Log = Callable[[str], None]
_PRIVATE = re.compile(r"^\s*-?\s*private:\s*[\"']?(?:true|yes)\b", re.M | re.I)


@dataclass(frozen=True)
class Sources:
    """What is watched: files (real paths) and plan folders (any ``*.yaml`` in them)."""

    files: frozenset[str]
    folders: frozenset[str]

    def roots(self) -> list[str]:
        """The folders to watch (not recursively): each file's and each plan folder."""
        found = {os.path.dirname(f) for f in self.files} | set(self.folders)
        return sorted(f for f in found if os.path.isdir(f))

    def private(self) -> bool:
        """Whether any watched plan or unit file marks something private (issue 13), read
        as text: a file that does not read as YAML still says so."""
        for path in self.plan_files():
            try:
                with open(path, encoding="utf-8", errors="replace") as fh:
                    if _PRIVATE.search(fh.read()):
                        return True
            except OSError:
                continue
        return False

    def plan_files(self) -> list[str]:
        found = [f for f in self.files if _plan_name(os.path.basename(f))
                 or f.lower().endswith((".yaml", ".yml"))]
        for folder in self.folders:
            try:
                found += [os.path.join(folder, n) for n in os.listdir(folder) if _plan_name(n)]
            except OSError:
                continue
        return found

    def __call__(self, change: Change, path: str) -> bool:
        return path in self.files or (os.path.dirname(path) in self.folders
                                      and _plan_name(os.path.basename(path)))


def _plan_name(name: str) -> bool:
    """A plan file's name in a plan folder, as :func:`..plans.paths.plan_files` reads them."""
    return os.path.splitext(name)[1].lower() in PLAN_SUFFIXES and not name.startswith(".")


def sources(settings: Settings, also: Sequence[str] = ()) -> Sources:
    """The registry, unit and plan files the settings read (as :func:`.plans.paths.
    plan_paths` chooses plans: ``--plans``, else ``$KYNIEM_PLANS``, else the bundled), and
    ``also`` (the site's secret addresses: :data:`scheduler.feeds.tokens.CHANGED`)."""
    files = {os.path.realpath(p) for p in (*settings.paths(), *settings.unit_paths(), *also)}
    entries = list(settings.plans) or [p for p in os.environ.get(PLANS_VAR, "").split(
        os.pathsep) if p.strip()] or [str(bundled_plans_dir())]
    folders = set()
    for entry in entries:
        real = os.path.realpath(entry)
        if os.path.isdir(real):
            folders.add(real)
        else:
            files.add(real)
    return Sources(frozenset(files), frozenset(folders))


def common_options(settings: Settings) -> list[str]:
    """The ``@common`` options that give a subprocess the same settings."""
    args = ["--lang", settings.lang, "--leap-day", settings.leap_day.value]
    if settings.now is not None:
        args += ["--now", settings.now.isoformat()]
    if settings.locality:
        args += ["--locality", settings.locality]
    for flag, values in (("--registry", settings.registries), ("--plans", settings.plans),
                         ("--units", settings.units)):
        for value in values:
            args += [flag, value]
    return args


@dataclass(frozen=True)
class Commands:
    check: tuple[str, ...]
    build: tuple[str, ...]


def commands(settings: Settings, directory: str, base_url: str | None, years: int | None,
             state: str | None) -> Commands:
    head = (sys.executable, "-m", "scheduler")
    common = common_options(settings)
    build = [*head, "build", "--out", directory, *common]
    for flag, value in (("--base-url", base_url), ("--years", years), ("--state", state)):
        if value is not None:
            build += [flag, str(value)]
    return Commands((*head, "check", "--json", *common), tuple(build))


class Rebuilder:
    """Runs check and build on each change; ``show`` gets the problems (None when good)."""

    def __init__(self, run: Commands, watched: Sources,
                 show: Callable[[str | None, bool], None],
                 log: Log) -> None:
        self.run = run
        self.watched = watched
        self.show = show
        self.log = log

    async def rebuild(self, why: str) -> bool:
        self.log(str(say("serve_building", why=why)))
        code, out, err = await self._spawn(self.run.check)
        problems = _check_problems(out) if code else None
        if code == 0:
            code, out, err = await self._spawn(self.run.build)
        if code == 0:
            self.show(None, False)
            self.log(str(say("serve_built")))
            return True
        text = problems or strip_controls((err.strip() or out.strip()) or str(
            say("serve_build_failed", command="kyniem", code=code)))
        self.log(str(say("serve_refused")))
        self.log(text)
        self.show(text, self.watched.private())
        return False

    async def forever(self, stop: asyncio.Event) -> None:
        """Build once, then on every change until ``stop``; changes that come during a
        build are gathered into the next one."""
        queue: asyncio.Queue[set[str]] = asyncio.Queue()
        watcher = asyncio.create_task(self._watch(queue, stop))
        try:
            await asyncio.sleep(0)  # the watch begins before the first build
            await self.rebuild(str(say("serve_why_start")))
            self.log(str(say("serve_watching", count=len(self.watched.files)
                             + len(self.watched.folders))))
            while True:
                changed = await queue.get()
                while not queue.empty():
                    changed |= queue.get_nowait()
                await self.rebuild(str(say("serve_why_changed",
                                           files=", ".join(sorted(changed)))))
        finally:
            stop.set()
            watcher.cancel()
            await asyncio.gather(watcher, return_exceptions=True)

    async def _watch(self, queue: asyncio.Queue[set[str]], stop: asyncio.Event) -> None:
        async for changes in awatch(*self.watched.roots(), watch_filter=self.watched,
                                    debounce=1000, step=100, recursive=False,
                                    stop_event=stop):
            queue.put_nowait({path for _, path in changes})

    async def _spawn(self, argv: Sequence[str]) -> tuple[int, str, str]:
        child = await asyncio.create_subprocess_exec(
            *argv, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE)
        try:
            out, err = await child.communicate()
        except asyncio.CancelledError:
            await asyncio.shield(_end(child))  # a build running at shutdown: the next
            raise  # build tidies after it (scheduler.feeds.release.recover)
        return (child.returncode or 0, out.decode("utf-8", "replace"),
                err.decode("utf-8", "replace"))


async def _end(child: asyncio.subprocess.Process) -> None:
    if child.returncode is not None:
        return
    child.terminate()
    try:
        await asyncio.wait_for(child.wait(), 5)
    except TimeoutError:
        child.kill()
        await child.wait()


def _check_problems(out: str) -> str | None:
    """``kyniem check --json``'s problems as its plain lines: file:line: field: message."""
    try:
        report = json.loads(out)
        lines = []
        for p in report["problems"]:
            where = f"{p['file']}:{p['line']}" if p.get("line") is not None else p.get("file")
            lines.append(": ".join(str(x) for x in (where, p.get("field"), p["message"]) if x))
    except (ValueError, KeyError, TypeError):
        return None
    return strip_controls("\n".join(lines)) or None
