"""The days off of a year, worked out once with the ``holidays`` package, then read from a cache.

Building ``holidays.VN`` costs a listing more than all the rest of its start-up (the package
imports its whole country registry; issue 12), so each year's exceptions to Monday–Friday are
stored beside the registry cache (:mod:`scheduler.registry.cache`, ``$KYNIEM_CACHE_DIR``): the
public holidays with their Vietnamese and English names, and the Saturdays and Sundays the
government makes working days in exchange (``weekend_workdays``; Labour Code 2019, Art. 112).

The file is keyed by this format, the installed ``holidays`` version and the :class:`Rules`
(a plan's own days off and working days): a new ``holidays`` release, which may add the days
off the government moves, means a fresh computation. It is JSON (never pickle: a planted cache
file must not run code), written atomically, and every value is checked when read back: a file
that fails the check is computed again, with a note; one that cannot be read or written is
simply not used (``KYNIEM_CACHE_DIR=off`` turns it off).
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..state import CACHE_ENV, DAMAGED, Invalid, cache_dir, expect, expect_list, note
from ..wording import say

FORMAT = 1
#: The ``holidays`` country and the languages a day off is named in (``--lang vi|en``).
COUNTRY, LANGUAGES = "VN", ("vi", "en_US")

__all__ = ["FORMAT", "VIETNAM", "Rules", "YearDays", "days_off", "holidays_version"]


@dataclass(frozen=True)
class Rules:
    """What makes a day off: Vietnam's public holidays (``holidays.VN``), plus the days a plan
    gives off (``days_off``: day, Vietnamese name, English name) and the days it makes working
    days (``workdays``: a Saturday worked in exchange), which win over every other rule."""

    days_off: tuple[tuple[date, str, str], ...] = ()
    workdays: tuple[date, ...] = ()

    def key(self) -> list[Any]:
        """A JSON value naming these rules (part of the cache key)."""
        return [COUNTRY, [[d.isoformat(), vi, en] for d, vi, en in sorted(self.days_off)],
                sorted(d.isoformat() for d in self.workdays)]


VIETNAM = Rules()


@dataclass(frozen=True)
class YearDays:
    """One year's exceptions to Monday–Friday: days off by ordinal with their names
    (Vietnamese, English), and the weekend days that are working days."""

    year: int
    off: dict[int, tuple[str, str]] = field(default_factory=dict)
    work: frozenset[int] = frozenset()

    def is_working_day(self, day: date) -> bool:
        ordinal = day.toordinal()
        return ordinal in self.work or (day.weekday() < 5 and ordinal not in self.off)

    def name(self, day: date, lang: str) -> str | None:
        names = self.off.get(day.toordinal())
        return None if names is None else names[lang == "en"]


def holidays_version() -> str:
    """The installed ``holidays`` version, from the name of its ``.dist-info`` folder: what
    ``importlib.metadata`` reads, without importing that and ``holidays`` (20 ms of start-up)."""
    import importlib.util

    spec = importlib.util.find_spec("holidays")
    if spec is not None and spec.origin:
        folder = os.path.dirname(os.path.dirname(spec.origin))
        try:
            names = os.listdir(folder)
        except OSError:
            names = []
        found = [n[len("holidays-"):-len(".dist-info")] for n in names
                 if n.startswith("holidays-") and n.endswith(".dist-info")]
        if len(found) == 1:
            return found[0]
    from importlib.metadata import version  # an unusual install: ask the slow way

    return version("holidays")


def compute(year: int, rules: Rules = VIETNAM) -> YearDays:
    """``year``'s days off under ``rules``, from the ``holidays`` package."""
    import holidays

    # the neighbouring years too: a day off one year's rules put across New Year is still off
    years = range(max(year - 1, 1), min(year + 1, 9999) + 1)
    vi, en = (holidays.country_holidays(COUNTRY, language=lang, years=years)
              for lang in LANGUAGES)
    off = {d.toordinal(): (str(name), str(en.get(d, name))) for d, name in vi.items()
           if d.year == year}
    work = {d.toordinal() for d in vi.weekend_workdays if d.year == year}
    off.update((d.toordinal(), (name_vi, name_en)) for d, name_vi, name_en in rules.days_off
               if d.year == year)
    work.update(d.toordinal() for d in rules.workdays if d.year == year)
    return YearDays(year, off, frozenset(work))


class _Book:
    """The years of one rule set: read from the cache file on first use, computed (and the
    file rewritten) for a year it lacks."""

    def __init__(self, rules: Rules, directory: str) -> None:
        self.rules = rules
        self.key = json.loads(json.dumps([FORMAT, holidays_version(), rules.key()]))
        # the name only spreads rule sets over files; the full key inside decides freshness
        self.file = None if directory == "off" else os.path.join(
            directory, f"workdays-{zlib.crc32(repr(self.key).encode()):08x}.json")
        self.years: dict[int, YearDays] = self._read()

    def year(self, year: int) -> YearDays:
        found = self.years.get(year)
        if found is None:
            found = self.years[year] = compute(year, self.rules)
            self._write()
        return found

    def _read(self) -> dict[int, YearDays]:
        if self.file is None:
            return {}
        try:
            with open(self.file, "rb") as fh:
                stored = json.loads(fh.read())
            if not isinstance(stored, dict) or stored.get("key") != self.key:
                return {}  # another format or holidays release: computed again, overwritten
            return decode(stored.get("years"))
        except OSError:  # none yet, or a folder that cannot be read: only a miss
            return {}
        except DAMAGED as exc:
            note(say("cache_rebuilt", file=self.file, why=exc))
            return {}

    def _write(self) -> None:
        if self.file is not None:
            from ..registry.cache import store

            store(self.file, {"key": self.key, "years": encode(self.years.values())})


def encode(years: Iterable[YearDays]) -> dict[str, Any]:
    return {str(y.year): {"off": [[o, *names] for o, names in sorted(y.off.items())],
                          "work": sorted(y.work)} for y in years}


def decode(data: object) -> dict[int, YearDays]:
    """The years of :func:`encode`'s output, each value checked, or :class:`Invalid`."""
    years: dict[int, YearDays] = {}
    for text, value in expect(data, dict, "years").items():
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 9999:
            raise Invalid(f"year {text!r}")
        year = int(text)
        value = expect(value, dict, f"year {year}")
        off: dict[int, tuple[str, str]] = {}
        for row in expect_list(value.get("off"), list, f"days off {year}"):
            if len(row) != 3:
                raise Invalid(f"days off {year}: expected 3 fields, found {len(row)}")
            ordinal, name_vi, name_en = row
            off[_ordinal_in(ordinal, year)] = (expect(name_vi, str, "name"),
                                               expect(name_en, str, "name"))
        work = frozenset(_ordinal_in(o, year)
                         for o in expect_list(value.get("work"), int, f"workdays {year}"))
        years[year] = YearDays(year, off, work)
    return years


def _ordinal_in(value: object, year: int) -> int:
    ordinal = expect(value, int, "day")
    if not 1 <= ordinal <= date.max.toordinal() or date.fromordinal(ordinal).year != year:
        raise Invalid(f"day {ordinal} is not in {year}")
    return ordinal


#: Books by rules, ``directory`` and what the cache folder is found from: asked per day a
#: deadline shifts, so the folder (environment, home directory) is not worked out each time
_books: dict[tuple[Rules, str | None, str | None, str | None, str | None], _Book] = {}


def days_off(year: int, rules: Rules = VIETNAM, directory: str | None = None) -> YearDays:
    """``year``'s days off under ``rules``, through the cache in ``directory`` (default: the
    user cache directory; ``"off"``, or ``KYNIEM_CACHE_DIR=off``, computes without it)."""
    env = os.environ
    key = (rules, directory, env.get(CACHE_ENV), env.get("XDG_CACHE_HOME"), env.get("HOME"))
    book = _books.get(key)
    if book is None:
        folder = "off" if key[2] == "off" else directory or cache_dir()
        book = _books[key] = _Book(rules, folder)
    return book.year(year)
