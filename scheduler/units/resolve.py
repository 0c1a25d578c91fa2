"""Names as plans write them → unit identities, qualified by the plan's locality.

One place decides "is this the same body" (DESIGN.md "units/"): plans keep their names as
written; feeds, views and reminders select by :class:`Identity` id. A local body ("Ban Chỉ
huy Quân sự") is one per locality: in a plan of Quận Thanh Xuân it is
``quan-thanh-xuan/ban-chi-huy-quan-su``; where a plan names no locality its bodies are
qualified by the plan itself (two districts' "Ban CHQS quận" are never merged by guess).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..names import fold, slug
from ..plans.model import Plan
from .directory import Directory, Unit, UnitKind
from .normalise import LEVELS, key, level_of

#: "quận Thanh Xuân", "Phường Điện Biên", "tỉnh Bắc Ninh": a level word and a capitalised name.
_PLACE = re.compile(r"\b(thành phố|thị xã|thị trấn|đặc khu|quận|huyện|phường|xã|tỉnh)"
                    r"\s+((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\w-]*)(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ0-9][\w-]*)*)",
                    re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    """Where a plan's local bodies belong: ``id`` for paths, ``label`` for people ("" when
    the plan does not say), ``level`` (folded level word, for :func:`.normalise.key`)."""

    id: str
    label: str
    level: str | None


@dataclass(frozen=True)
class Identity:
    id: str  # "quan-thanh-xuan/ban-chi-huy-quan-su", "ban-tuyen-giao-trung-uong"
    kind: UnitKind | None  # None: a body the directory does not list
    locality: str  # the place's label, "" when unknown
    unit: Unit | None = None


def place_of(plan: Plan) -> Place:
    """The plan's ``locality`` when given, else the place its issuer or scope names, else
    the plan itself (its bodies are then its own)."""
    for text in (plan.locality, plan.issuer, plan.scope):
        if not text:
            continue
        found = _PLACE.search(text)
        if found and found.group(2)[:1].isupper():
            label = f"{found.group(1)[:1].upper()}{found.group(1)[1:].lower()} {found.group(2)}"
            return Place(slug(label), label, level_of(found.group(1)))
        if text is plan.locality:  # written without a level word: taken as it is
            label = text.split(",")[0].strip()
            return Place(slug(label), label, level_of(text))
    level = next((lv for t in (plan.issuer, plan.scope) if t for lv in [level_of(t)] if lv),
                 None)
    return Place(f"ke-hoach-{slug(plan.id)}", "", level)


class Resolver:
    """Resolves names against a directory; one per command (its lookups are cached)."""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory
        self._places: dict[str, Place] = {}
        # a plan names its units over and over (each activity): one normalising per name
        self._known: dict[tuple[str, str, bool], Identity | None] = {}

    @cached_property
    def table(self) -> dict[tuple[str | None, str], Unit]:
        return self.directory.by_key()

    def place(self, plan: Plan) -> Place:
        found = self._places.get(plan.id)
        if found is None:
            found = self._places[plan.id] = place_of(plan)
        return found

    def identity(self, name: str, plan: Plan | None, collective: bool = False
                 ) -> Identity | None:
        """The body ``name`` is in ``plan``; None for a collective (no feed of its own)."""
        memo = (name, plan.id if plan is not None else "", collective)
        if memo in self._known:
            return self._known[memo]
        found = self._known[memo] = self._identity(name, plan, collective)
        return found

    def _identity(self, name: str, plan: Plan | None, collective: bool) -> Identity | None:
        place = self.place(plan) if plan is not None else Place("", "", None)
        locality = fold(place.label) if place.label else ""
        k = key(name, locality, place.level)
        unit = (self.table.get((locality, k)) if locality else None) or self.table.get((None, k))
        if collective or (unit.kind is UnitKind.COLLECTIVE if unit else is_collective(k)):
            return None
        if unit is not None and not unit.local:
            return Identity(unit.id, unit.kind, unit.locality or "", unit)
        tail = unit.id if unit is not None else slug(k)
        ident = f"{place.id}/{tail}" if place.id else tail
        return Identity(ident, unit.kind if unit else None, place.label, unit)


def is_collective(k: str) -> bool:
    """A level or a group rather than one body: "các …", "UBND các phường", "mỗi …"
    (DOMAIN.md "Roles": collectives are not one unit). Bodies named with "các" ("Liên hiệp
    các Hội Văn học nghệ thuật") belong in the directory, which is asked first."""
    words = k.split()
    return bool(words) and (words[0] in ("moi", "nhung") or "cac" in words)


__all__ = ["LEVELS", "Identity", "Place", "Resolver", "is_collective", "place_of"]
