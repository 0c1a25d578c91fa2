"""A compiled copy of the registry, so listing commands skip YAML and lunar astronomy.

Keyed by every file's resolved path, size and modification time plus the kyniem version;
any change means a fresh load. Written atomically (temp file + rename) in the user cache
directory; a cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .. import __version__, lunar
from ..model import Calendar
from .sources import Registry

ENV_VAR = "KYNIEM_CACHE_DIR"


def cache_dir() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("kyniem", appauthor=False))


def _key(paths: Sequence[Path]) -> tuple[object, ...] | None:
    try:
        stats = [(str(p.resolve()), p.stat()) for p in paths]
    except OSError:
        return None  # a missing file: let the loader report it
    return (__version__, *((name, s.st_size, s.st_mtime_ns) for name, s in stats))


def load_cached(paths: Sequence[Path], directory: Path | None = None) -> Registry:
    """Like :func:`load.load_registry`, through the cache when it is fresh."""
    key = _key(paths)
    if key is None or os.environ.get(ENV_VAR) == "off":
        return _parse(paths)
    directory = directory or cache_dir()
    file = directory / (hashlib.sha256(repr(key).encode()).hexdigest()[:20] + ".pickle")
    try:
        with file.open("rb") as fh:
            stored_key, registry, table = pickle.load(fh)
        if stored_key == key:
            lunar.preload(table)
            return registry  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - any unreadable cache is only a miss
        pass
    registry = _parse(paths)
    pairs = {(a.origin.day, a.origin.month) for a in registry.anniversaries
             if a.origin.calendar is Calendar.LUNAR}
    _store(file, (key, registry, lunar.table(pairs)))
    return registry


def _parse(paths: Sequence[Path]) -> Registry:
    from . import load  # the YAML reader is imported only on a miss: it costs start-up time

    return load.load_registry(paths)


def _store(file: Path, payload: object) -> None:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".registry-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, file)
    except OSError:
        pass
