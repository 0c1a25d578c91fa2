"""The unit directory: bodies as identities, each with its id, name, abbreviations and
spellings (aliases), kind and whether it is local (one per locality: every district has its
"Ban Chỉ huy Quân sự") — the bundled ``data/units.yaml`` of common bodies, then
``$KYNIEM_UNITS``, then ``--units`` files, like registries. Files are only read."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml

from ..registry import InputError, Problem
from ..wording import quote, say
from ..yamlread import Field, Reader, choice, compose, flag, ident, line, scalar_of, text
from .normalise import key

ENV_VAR = "KYNIEM_UNITS"


class UnitKind(StrEnum):
    """What kind of body (DOMAIN.md "Roles"; the political system's parts)."""

    PARTY = "party"  # cấp ủy, ban của cấp ủy
    GOVERNMENT = "government"  # HĐND, UBND, phòng, sở
    FRONT = "front"  # Mặt trận Tổ quốc
    MASS = "mass"  # tổ chức chính trị - xã hội, hội
    ARMED = "armed"  # quân sự, công an
    SCHOOL = "school"
    MEDIA = "media"  # báo, đài, trang thông tin
    COLLECTIVE = "collective"  # "các cơ quan, đơn vị liên quan": not one body, no feed


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    kind: UnitKind
    aliases: tuple[str, ...] = ()
    local: bool = True  # one body per locality (qualified by the plan's locality)
    locality: str | None = None  # a body of one place only ("Quận Thanh Xuân")
    private: bool = False
    file: str = ""
    line: int = 0

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


FIELDS: dict[str, Field] = {
    "id": Field(True, ident),
    "name": Field(True, text),
    "kind": Field(True, choice(UnitKind)),
    "aliases": Field(False, text, many=True),
    "local": Field(False, flag),
    "locality": Field(False, text),
    "private": Field(False, flag),
    "notes": Field(False, text),
}


@dataclass(frozen=True)
class Directory:
    units: tuple[Unit, ...]
    files: tuple[str, ...] = ()

    def by_key(self) -> dict[tuple[str | None, str], Unit]:
        """(locality or None, spelling key) → unit; later files win (a user's file may
        re-assign a bundled spelling)."""
        found: dict[tuple[str | None, str], Unit] = {}
        for unit in self.units:
            place = key(unit.locality) if unit.locality else None
            for spelling in unit.spellings:
                found[place, key(spelling)] = unit
        return found


def unit_paths(extra: Sequence[str] = (), env: Mapping[str, str] = os.environ) -> list[str]:
    """Bundled directory, then ``$KYNIEM_UNITS`` (a path list), then ``--units`` files."""
    bundled = str(Path(__file__).resolve().parent.parent / "data" / "units.yaml")
    if not os.path.exists(bundled):  # a source checkout: data/ at the top
        bundled = str(Path(__file__).resolve().parents[2] / "data" / "units.yaml")
    from_env = [p for p in env.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    paths: dict[str, str] = {}
    for path in (bundled, *from_env, *extra):
        paths.setdefault(os.path.realpath(path), path)
    return list(paths.values())


@cache
def load_directory(paths: tuple[str, ...]) -> Directory:
    """Read directory files; raise :class:`InputError` listing every problem (file, line,
    field)."""
    problems: list[Problem] = []
    units: list[Unit] = []
    seen: dict[str, str] = {}
    for path in paths:
        reader = Reader(str(path), problems)
        root = compose(Path(path), reader, say("unit_dir_expected"))
        if root is None:
            continue
        top = reader.mapping(root, "")
        if "units" not in top:
            reader.problem(root, "units", say("yaml_missing"))
            continue
        for i, node in enumerate(reader.sequence(top["units"][1], "units")):
            unit = _unit(reader, node, f"units[{i}]", seen)
            if unit is not None:
                units.append(unit)
    if problems:
        raise InputError(problems)
    return Directory(tuple(units), tuple(str(p) for p in paths))


def _unit(reader: Reader, node: yaml.Node, where: str, seen: dict[str, str]) -> Unit | None:
    raw_id = scalar_of(node, "id")
    if raw_id is not None and raw_id in seen:
        reader.problem(node, f"{where}.id", say("unit_dir_id_taken", id=quote(raw_id),
                                                 where=seen[raw_id]))
        return None
    if raw_id is not None:
        seen[raw_id] = f"{reader.file}:{line(node)}"
    parsed = reader.record(node, where, FIELDS)
    if parsed is None:
        return None
    v, _ = parsed
    return Unit(v["id"], v["name"], v["kind"], tuple(v.get("aliases", ())),
                v.get("local", v.get("locality") is None), v.get("locality"),
                v.get("private", False), reader.file, line(node))


def directory(files: Iterable[str] = ()) -> Directory:
    return load_directory(tuple(unit_paths(tuple(files))))
