"""Loaded plans kept beside the registry cache, so ``agenda`` does not parse YAML and time
phrases on every run (issue 12: once the working days were cached, reading the plans was the
largest part of a warm agenda's run).

:func:`load_plans` is a drop-in for :func:`scheduler.plans.load.load_plans`, and
:func:`plan_paths` (:mod:`.paths`) for its namesake, neither importing the YAML reader unless a
plan must be read. One cache file per
plan file, keyed by the file's content (path, size, modification time and CRC-32 of its bytes)
and the code that read it (the kyniem version, this format and every module of the package, by
size and modification time: a change to the phrase reader means a fresh reading). An
anniversary taken from the registry must still equal the registry's entry
(:mod:`.codec`), so a registry edit is a fresh reading too.

As the registry cache does: JSON, never pickle; written atomically; every value checked when
read back, a damaged file read again from the plan with a note; a file that cannot be read or
written is not used; ``KYNIEM_CACHE_DIR=off`` turns it off. Plans with problems are never
stored: those always come from the reader, every problem of every file told at once.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..registry.sources import Registry
from ..state import CACHE_ENV, DAMAGED, cache_dir, expect, note
from ..wording import say
from .codec import Stale, decode_plan, encode_plan
from .model import Plan
from .paths import plan_paths

FORMAT = 1
PACKAGE = Path(__file__).resolve().parent.parent

__all__ = ["FORMAT", "code_key", "load_plans", "plan_paths"]


def load_plans(paths: Iterable[Path], registry: Registry,
               directory: str | os.PathLike[str] | None = None) -> tuple[Plan, ...]:
    """Every plan of ``paths``, from the cache where it is fresh; else as the reader gives
    them (:func:`scheduler.plans.load.load_plans`), then stored."""
    paths = list(paths)
    folder = "off" if os.environ.get(CACHE_ENV) == "off" else os.fspath(directory or cache_dir())
    if folder == "off":
        return _read(paths, registry)
    keys = [_file_key(path) for path in paths]
    found = [_lookup(folder, path, key, registry) for path, key in zip(paths, keys, strict=True)]
    plans = [plan for got in found if got is not None for plan in got]
    if all(got is not None for got in found) and len({p.id for p in plans}) == len(plans):
        return tuple(plans)
    # a miss, or plan ids used twice across files: the reader, for its checks and messages
    fresh = _read(paths, registry)
    for path, key, got in zip(paths, keys, found, strict=True):
        if got is None and key is not None:
            mine = [p for p in fresh if p.location is not None and p.location.file == str(path)]
            _store(_cache_file(folder, path), key, mine, registry)
    return fresh


def _read(paths: list[Path], registry: Registry) -> tuple[Plan, ...]:
    from .load import load_plans as read

    return read(paths, registry)


@lru_cache(maxsize=1)
def code_key() -> list[Any]:
    """The code that reads plans: kyniem's version, this format, and the size and modification
    time of every module of the package (a checkout's edits change no version number)."""
    modules: list[list[Any]] = []
    folders = [str(PACKAGE)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                    folders.append(entry.path)
                elif entry.name.endswith(".py"):
                    found = entry.stat()
                    modules.append([os.path.relpath(entry.path, PACKAGE), found.st_size,
                                    found.st_mtime_ns])
    return [__version__, FORMAT, sorted(modules)]


def _file_key(path: Path) -> list[Any] | None:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
            found = os.fstat(fh.fileno())
    except OSError:
        return None  # a missing file: the reader says so
    return [str(path), os.path.realpath(path), found.st_size, found.st_mtime_ns,
            zlib.crc32(data), code_key()]


def _cache_file(folder: str, path: Path) -> str:
    # one file per plan file (as given), overwritten when it changes
    name = f"{os.path.realpath(path)}\0{path}".encode()
    return os.path.join(folder, f"plans-{zlib.crc32(name):08x}.json")


def _lookup(folder: str, path: Path, key: list[Any] | None,
            registry: Registry) -> list[Plan] | None:
    if key is None:
        return None
    file = _cache_file(folder, path)
    try:
        with open(file, "rb") as fh:
            stored = json.loads(fh.read())
        if not isinstance(stored, dict) or stored.get("key") != json.loads(json.dumps(key)):
            return None
        return [decode_plan(p, registry) for p in expect(stored.get("plans"), list, "plans")]
    except (OSError, Stale):  # none yet, an unreadable folder, a registry edit: only a miss
        return None
    except DAMAGED as exc:
        note(say("cache_rebuilt", file=file, why=exc))
        return None


def _store(file: str, key: list[Any], plans: list[Plan], registry: Registry) -> None:
    from ..registry.cache import store

    store(file, {"key": key, "plans": [encode_plan(p, registry) for p in plans]})
