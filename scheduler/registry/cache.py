"""A compiled copy of the registry, so listing commands skip YAML and lunar astronomy.

Keyed by every file's resolved path, size and modification time plus the kyniem version and
this format; any change means a fresh load. Stored as JSON (never pickle: a planted cache file
must not run code) in the user cache directory, written atomically (temp file + rename), and
every value is checked when read back: a cache that fails the check is rebuilt, with a note.
A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Sequence
from datetime import date
from typing import Any

from .. import __version__, lunar
from ..model import Anniversary, Calendar, Kind, Location, Origin, Policy
from ..rules import ClassBy, LeapDay, MilestoneClass
from ..state import CACHE_ENV, DAMAGED, Invalid, cache_dir, expect, expect_list, note
from ..wording import say
from .sources import Registry

ENV_VAR = CACHE_ENV
FORMAT = 3  # 1 was a pickle

__all__ = ["ENV_VAR", "cache_dir", "load_cached", "source_key"]


def source_key(paths: Sequence[str]) -> tuple[object, ...] | None:
    try:
        stats = [(os.path.realpath(p), os.stat(p)) for p in paths]
    except OSError:
        return None  # a missing file: let the loader report it
    return (__version__, FORMAT, *((name, s.st_size, s.st_mtime_ns) for name, s in stats))


def load_cached(paths: Sequence[str], directory: str | os.PathLike[str] | None = None
                ) -> Registry:
    """Like :func:`load.load_registry`, through the cache when it is fresh."""
    key = source_key(paths)
    if key is None or os.environ.get(ENV_VAR) == "off":
        return _parse(paths)
    folder = os.fspath(directory) if directory is not None else cache_dir()
    # the name only spreads registry sets over files; the full key inside decides freshness
    file = os.path.join(folder, f"registry-{zlib.crc32(repr(key).encode()):08x}.json")
    wanted = json.loads(json.dumps(key))
    try:
        with open(file, "rb") as fh:
            stored = json.loads(fh.read())
        if isinstance(stored, dict) and stored.get("key") == wanted:
            registry, table = decode(stored)
            lunar.preload(table)
            return registry
    except FileNotFoundError:
        pass
    except DAMAGED as exc:
        note(say("cache_rebuilt", file=file, why=exc))
    registry = _parse(paths)
    pairs = {(a.origin.day, a.origin.month) for a in registry.anniversaries
             if a.origin.calendar is Calendar.LUNAR}
    store(file, {"key": wanted, **encode(registry, lunar.table(pairs))})
    return registry


def _parse(paths: Sequence[str]) -> Registry:
    from . import load  # the YAML reader is imported only on a miss: it costs start-up time

    return load.load_registry(paths)


def store(file: str, payload: dict[str, Any]) -> None:
    import tempfile  # only on a miss

    try:
        os.makedirs(os.path.dirname(file), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(file), prefix=".registry-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode())
        os.replace(tmp, file)
    except OSError:
        pass


# -- the format: plain JSON values, checked field by field on the way back -----------------

def encode(registry: Registry, table: dict[lunar.LunarKey, date]) -> dict[str, Any]:
    return {
        "policies": [[p.id, p.name, p.name_en, p.source, sorted(p.classes), p.min_ordinal,
                      sorted(p.ordinals)] for p in registry.policies.values()],
        "anniversaries": [_anniversary(a) for a in registry.anniversaries],
        "files": list(registry.files),
        "lunar": _lunar_rows(table),
    }


def _anniversary(a: Anniversary) -> list[Any]:
    o = a.origin
    where = [a.location.file, a.location.line] if a.location else None
    return [a.id, a.name, a.name_en, [o.day, o.month, o.year, o.calendar.value],
            a.kind.value, a.scope, a.policy.id, a.source, a.url, list(a.aliases), a.notes,
            a.class_by.value, a.leap_day.value if a.leap_day else None, where]


def decode(data: dict[str, Any]) -> tuple[Registry, dict[lunar.LunarKey, date]]:
    """The registry and lunar table of :func:`encode`'s output, or :class:`Invalid`."""
    policies: dict[str, Policy] = {}
    for row in expect_list(data.get("policies"), list, "policies"):
        pid, name, name_en, source, classes, min_ordinal, ordinals = _fields(row, 7, "policy")
        policies[expect(pid, str, "policy id")] = Policy(
            pid, expect(name, str, "name"), expect(name_en, str, "name_en"),
            expect(source, str, "source"),
            frozenset(MilestoneClass(c) for c in expect_list(classes, str, "classes")),
            expect(min_ordinal, int, "min_ordinal"),
            frozenset(expect_list(ordinals, int, "ordinals")))
    anniversaries = tuple(_decode_anniversary(row, policies)
                          for row in expect_list(data.get("anniversaries"), list, "entries"))
    files = tuple(expect_list(data.get("files"), str, "files"))
    table: dict[lunar.LunarKey, date] = {}
    for row in expect_list(data.get("lunar"), list, "lunar"):
        d, m, first, days = _fields(row, 4, "lunar")
        days = expect(days, list, "lunar days")
        if not {type(d), type(m), type(first), *map(type, days)} <= {int}:
            raise Invalid("lunar: expected whole numbers")
        table.update(zip([(d, m, y) for y in range(first, first + len(days))],
                         map(date.fromordinal, days), strict=True))
    return Registry(anniversaries, policies, files), table


def _lunar_rows(table: dict[lunar.LunarKey, date]) -> list[list[Any]]:
    """One row per lunar (day, month): its first year and the solar days of the years from
    there on, as ordinals (checked in bulk when read: a warm listing reads 400 of them)."""
    years: dict[tuple[int, int], dict[int, int]] = {}
    for (d, m, y), solar in table.items():
        years.setdefault((d, m), {})[y] = solar.toordinal()
    rows = []
    for (d, m), by_year in sorted(years.items()):
        first = min(by_year)
        rows.append([d, m, first, [by_year[y] for y in range(first, first + len(by_year))]])
    return rows


_TEXT, _MAYBE = (str,), (str, type(None))
#: The type of each value of an encoded anniversary (:func:`_anniversary`), in order.
_SHAPE = (_TEXT, _TEXT, _TEXT, (list,), _TEXT, _TEXT, _TEXT, _TEXT, _MAYBE, (list,), _MAYBE,
          _TEXT, _MAYBE, (list, type(None)))


def _decode_anniversary(row: list[Any], policies: dict[str, Policy]) -> Anniversary:
    (aid, name, name_en, origin, kind, scope, policy, source, url, aliases, notes, class_by,
     leap_day, where) = _fields(row, len(_SHAPE), "entry")
    if not all(isinstance(v, t) for v, t in zip(row, _SHAPE, strict=True)):
        raise Invalid(f"entry {aid!r}: a value of the wrong type")
    day, month, year, calendar = _fields(origin, 4, "origin")
    if not (type(day) is type(month) is int and (year is None or type(year) is int)):
        raise Invalid(f"entry {aid!r}: origin is not whole numbers")
    if policy not in policies:
        raise Invalid(f"unknown policy {policy!r}")
    location = None
    if where is not None:
        file, line = _fields(where, 2, "location")
        location = Location(expect(file, str, "file"), expect(line, int, "line"))
    return Anniversary(
        id=aid, name=name, name_en=name_en,
        origin=Origin(day, month, year, Calendar(calendar)),
        kind=Kind(kind), scope=scope, policy=policies[policy], source=source, url=url,
        aliases=tuple(expect_list(aliases, str, "aliases")), notes=notes,
        class_by=ClassBy(class_by), leap_day=None if leap_day is None else LeapDay(leap_day),
        location=location)


def _fields(row: list[Any], n: int, what: str) -> list[Any]:
    if len(row) != n:
        raise Invalid(f"{what}: expected {n} fields, found {len(row)}")
    return row
