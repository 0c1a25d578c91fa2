"""Per plan file, the feed events it gave and their bytes, so a rebuild after one plan
changed reads one plan, not all of them (issue 4: a rebuild within 5 % of a cold build).

Keyed like the registry cache (:func:`scheduler.registry.cache.source_key`): the file's path,
size and modification time, the registry files' keys, the language and the kyniem version;
any change means a fresh read. ``KYNIEM_CACHE_DIR=off`` disables it.
"""

from __future__ import annotations

import os
import pickle
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..atomic import write_atomic
from ..items import of as items_of
from ..plans.load import load_plans
from ..plans.model import Plan
from ..registry import InputError, Problem, Registry
from ..registry.cache import ENV_VAR, cache_dir, source_key, store
from .events import FeedEvent, events_of

FORMAT = 5  # bump when FeedEvent or Source change shape: old pickles become misses


Blocks = dict[tuple[str, str], bytes]  # (ledger key, digest) → the event's bytes


@dataclass
class Source:
    """One plan file's share of the site: its plan, its events, their serialized bytes.

    From the cache, ``plan`` has no activities and the events are slim (no description):
    enough to place them in feeds and pages; their bytes come from ``blocks``."""

    path: str
    key: tuple[object, ...] | None
    plan: Plan
    events: list[FeedEvent]
    blocks: Blocks = field(default_factory=dict)
    dirty: bool = True


def plan_sources(paths: list[Path], registry: Registry, registry_files: list[str], lang: str,
                 use_cache: bool = True) -> list[Source]:
    """Every plan file's events, read through the cache; a duplicate plan id across files is
    an error naming both, as :func:`scheduler.plans.load.load_plans` reports it."""
    registry_key = source_key(registry_files)
    sources: list[Source] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in paths:
        key = _key(path, registry_key, lang)
        source, blocks = _cached(path, key) if use_cache else (None, {})
        if source is None:
            try:
                (plan,) = load_plans([path], registry)
            except InputError as exc:
                problems += exc.problems
                continue
            source = Source(str(path), key, plan, events_of(items_of([plan]), lang), blocks)
        if source.plan.id in seen:
            problems.append(Problem(str(path), None, "id", f"{source.plan.id!r} is already "
                                                           f"used by {seen[source.plan.id]}"))
            continue
        seen[source.plan.id] = str(path)
        sources.append(source)
    if problems:
        raise InputError(problems)
    return sources


def save(sources: list[Source]) -> None:
    """Store each changed source: a small pickle (the plan without its activities, the events
    without their descriptions, block offsets) and the blocks' bytes as one raw file, so a
    rebuild reads bytes, not objects."""
    for source in sources:
        if not (source.dirty and source.key is not None and _enabled()):
            continue
        source.dirty = False
        offsets, chunks, at = [], [], 0
        for block, data in source.blocks.items():
            offsets.append((block, at, at + len(data)))
            chunks.append(data)
            at += len(data)
        file = _file(source.path)
        slim = [e._replace(description="", slim=True) for e in source.events]
        plan = replace(source.plan, activities=())
        if atomic_bytes(file + ".bin", b"".join(chunks)):
            store(file, (source.key, source.path, plan, slim, offsets))


def atomic_bytes(file: str, data: bytes) -> bool:
    try:
        write_atomic(Path(file), data)
    except OSError:
        return False
    return True


def _key(path: Path, registry_key: tuple[object, ...] | None, lang: str
         ) -> tuple[object, ...] | None:
    own = source_key([str(path)])
    return None if own is None or registry_key is None else (FORMAT, own, registry_key, lang)


def _cached(path: Path, key: tuple[object, ...] | None) -> tuple[Source | None, Blocks]:
    """The cached source when its key still matches; else, the blocks of the stale entry
    (bytes of events that did not change are still good: they are keyed by digest)."""
    if key is None or not _enabled():
        return None, {}
    file = _file(str(path))
    try:
        with open(file, "rb") as fh:
            stored_key, name, plan, events, offsets = pickle.load(fh)
        data = Path(file + ".bin").read_bytes()
    except Exception:  # noqa: BLE001 - an unreadable cache is only a miss
        return None, {}
    blocks = {block: data[start:end] for block, start, end in offsets}
    if stored_key != key:
        return None, blocks
    return Source(name, key, plan, events, blocks, dirty=False), blocks


def _enabled() -> bool:
    return os.environ.get(ENV_VAR) != "off"


def _file(path: str) -> str:
    name = zlib.crc32(os.path.realpath(path).encode())
    return os.path.join(cache_dir(), "plans", f"{name:08x}.pickle")
