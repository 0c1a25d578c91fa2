"""A compiled copy of the registry, so listing commands skip YAML and lunar astronomy.

Keyed by every file's resolved path, size and modification time plus the kyniem version;
any change means a fresh load. Written atomically (temp file + rename) in the user cache
directory; a cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Sequence

from .. import __version__, lunar
from ..model import Calendar
from .sources import Registry

ENV_VAR = "KYNIEM_CACHE_DIR"


def cache_dir() -> str:
    """``$KYNIEM_CACHE_DIR``, else the platform's user cache directory.

    On Linux and other XDG systems that is ``$XDG_CACHE_HOME/kyniem`` (``~/.cache/kyniem``),
    the rule platformdirs applies there (a test checks they agree); platformdirs itself is
    imported only elsewhere, because importing it costs about as much as the whole listing.
    """
    override = os.environ.get(ENV_VAR)
    if override:
        return override
    if sys.platform not in ("darwin", "win32", "cygwin"):
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        if not os.path.isabs(base):  # the XDG spec ignores relative paths
            base = os.path.expanduser("~/.cache")
        return os.path.join(base, "kyniem")
    from platformdirs import user_cache_dir

    return user_cache_dir("kyniem", appauthor=False)


def source_key(paths: Sequence[str]) -> tuple[object, ...] | None:
    try:
        stats = [(os.path.realpath(p), os.stat(p)) for p in paths]
    except OSError:
        return None  # a missing file: let the loader report it
    return (__version__, *((name, s.st_size, s.st_mtime_ns) for name, s in stats))


def load_cached(paths: Sequence[str], directory: str | os.PathLike[str] | None = None
                ) -> Registry:
    """Like :func:`load.load_registry`, through the cache when it is fresh."""
    key = source_key(paths)
    if key is None or os.environ.get(ENV_VAR) == "off":
        return _parse(paths)
    folder = os.fspath(directory) if directory is not None else cache_dir()
    # the name only spreads registry sets over files; the full key inside decides freshness
    file = os.path.join(folder, f"registry-{zlib.crc32(repr(key).encode()):08x}.pickle")
    try:
        with open(file, "rb") as fh:
            stored_key, registry, table = pickle.load(fh)
        if stored_key == key:
            lunar.preload(table)
            return registry  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - any unreadable cache is only a miss
        pass
    registry = _parse(paths)
    pairs = {(a.origin.day, a.origin.month) for a in registry.anniversaries
             if a.origin.calendar is Calendar.LUNAR}
    store(file, (key, registry, lunar.table(pairs)))
    return registry


def _parse(paths: Sequence[str]) -> Registry:
    from . import load  # the YAML reader is imported only on a miss: it costs start-up time

    return load.load_registry(paths)


def store(file: str, payload: object) -> None:
    import tempfile  # only on a miss

    try:
        os.makedirs(os.path.dirname(file), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(file), prefix=".registry-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, file)
    except OSError:
        pass
