"""Read registry files (YAML) into :class:`Registry`, with a line number for every problem.

Every field is checked against the tables below and every problem is reported at once: bad
YAML, unknown or duplicate fields, invalid dates (31/02), lunar day 31, a missing source, an
id used twice. Files are only read, never written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ..model import Anniversary, Calendar, Kind, Location, Origin, Policy
from ..rules import LUNAR_YEARS, ORDINALS, ClassBy, LeapDay, MilestoneClass
from ..wording import quote, say
from ..yamlread import (
    Field,
    FieldError,
    Reader,
    choice,
    compose,
    day_first,
    ident,
    line,
    scalar_of,
    text,
    url,
    whole_in,
)
from .errors import InputError, Problem
from .sources import Registry

_LUNAR = re.compile(r"^\s*(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\s*$", re.ASCII)


# Unknown fields are errors: a typo must not pass silently.
ANNIVERSARY_FIELDS: dict[str, Field] = {
    "id": Field(True, ident),
    "name": Field(True, text),
    "name_en": Field(False, text),  # a local clerk need not invent one: the name stands in
    "date": Field(True, text),
    "calendar": Field(False, choice(Calendar)),
    "class_by": Field(False, choice(ClassBy)),
    "kind": Field(True, choice(Kind)),
    "scope": Field(True, text),
    "policy": Field(True, ident),
    "source": Field(True, text),
    "url": Field(False, url),
    "aliases": Field(False, text, many=True),
    "notes": Field(False, text),
    "leap_day": Field(False, choice(LeapDay)),
}
POLICY_FIELDS: dict[str, Field] = {
    "id": Field(True, ident),
    "name": Field(True, text),
    "name_en": Field(False, text),
    "source": Field(True, text),
    "classes": Field(False, choice(MilestoneClass), many=True),
    "min_ordinal": Field(False, whole_in(ORDINALS)),
    "ordinals": Field(False, whole_in(ORDINALS), many=True),
}
TOP_LEVEL = ("policies", "anniversaries")


def _origin(values: dict[str, Any]) -> Origin:
    calendar = values.get("calendar", Calendar.SOLAR)
    written = values["date"]
    if calendar is Calendar.LUNAR:
        m = _LUNAR.match(written)
        if not m:
            raise FieldError(say("registry_not_lunar", value=quote(written)))
        day, month = int(m[1]), int(m[2])
        if not (1 <= day <= 30 and 1 <= month <= 12):
            raise FieldError(say("registry_lunar_range", value=quote(written)))
        year = int(m[3]) if m[3] else None
        if year is not None and year not in LUNAR_YEARS:  # the converter's range
            raise FieldError(say("lunar_year_range", value=quote(written), first=LUNAR_YEARS.start,
                                 last=LUNAR_YEARS.stop - 1))
        return Origin(day, month, year, Calendar.LUNAR)
    d = day_first(written)
    return Origin(d.day, d.month, d.year, Calendar.SOLAR)


def _anniversary(
    reader: Reader, node: yaml.Node, where: str, policies: Mapping[str, Policy]
) -> Anniversary | None:
    # every field checked, even after a first problem (regression: a bad id hid a bad date
    # and an unknown policy until the next check)
    before = len(reader.problems)
    values, nodes = reader.fields(node, where, ANNIVERSARY_FIELDS)
    if not isinstance(node, yaml.MappingNode):
        return None
    origin = None
    if "date" in values:
        try:
            origin = _origin(values)
        except FieldError as exc:
            reader.problem(nodes["date"], f"{where}.date", exc.message)
    class_by = values.get("class_by", ClassBy.ORIGIN)
    if origin is not None and origin.year is None and class_by is ClassBy.ORIGIN:
        reader.problem(nodes["date"], f"{where}.date", say("registry_no_year_class"))
    if origin is not None and "leap_day" in values and (origin.day, origin.month) != (29, 2):
        reader.problem(nodes["leap_day"], f"{where}.leap_day", say("registry_leap_day_only"))
    policy = policies.get(values["policy"]) if "policy" in values else None
    if "policy" in values and policy is None:
        known = ", ".join(sorted(policies))
        reader.problem(nodes["policy"], f"{where}.policy", say("registry_unknown_policy",
                                                                 known=known))
    if len(reader.problems) > before or origin is None or policy is None:
        return None
    return Anniversary(
        id=values["id"],
        name=values["name"],
        name_en=values.get("name_en", values["name"]),
        origin=origin,
        kind=values["kind"],
        scope=values["scope"],
        policy=policy,
        source=values["source"],
        url=values.get("url"),
        aliases=values.get("aliases", ()),
        notes=values.get("notes"),
        class_by=class_by,
        leap_day=values.get("leap_day"),
        location=Location(reader.file, line(node)),
    )


def _policy(reader: Reader, node: yaml.Node, where: str) -> Policy | None:
    parsed = reader.record(node, where, POLICY_FIELDS)
    if parsed is None:
        return None
    values, _ = parsed
    return Policy(
        id=values["id"],
        name=values["name"],
        name_en=values.get("name_en", values["name"]),
        source=values["source"],
        classes=frozenset(values.get("classes", ())),
        min_ordinal=values.get("min_ordinal", 1),
        ordinals=frozenset(values.get("ordinals", ())),
    )


def load_registry(paths: Iterable[str | os.PathLike[str]]) -> Registry:
    """Load and merge registry files; raise :class:`InputError` listing every problem."""
    problems: list[Problem] = []
    policies: dict[str, Policy] = {}
    policy_seen: dict[str, str] = {}
    pending: list[tuple[Reader, yaml.Node, str]] = []
    files: list[str] = []
    for path in paths:
        reader = Reader(str(path), problems)
        files.append(str(path))
        root = compose(Path(path), reader, say("registry_expected"))
        if root is None:
            continue
        top = reader.mapping(root, "")
        for key, (key_node, _) in top.items():
            if key not in TOP_LEVEL:
                reader.problem(key_node, key, say("registry_unknown_section",
                                                  known=", ".join(TOP_LEVEL)))
        if "anniversaries" not in top and "policies" not in top:
            reader.problem(root, "anniversaries", say("registry_missing_section"))
        if "policies" in top:
            for i, item in enumerate(reader.sequence(top["policies"][1], "policies")):
                policy = _policy(reader, item, f"policies[{i}]")
                if policy is None:
                    continue
                here = f"{reader.file}:{line(item)}"
                if policy.id in policies:
                    reader.problem(item, f"policies[{i}].id", say(
                        "registry_policy_twice", id=quote(policy.id),
                        at=policy_seen[policy.id]))
                else:
                    policies[policy.id], policy_seen[policy.id] = policy, here
        if "anniversaries" in top:
            items = reader.sequence(top["anniversaries"][1], "anniversaries")
            pending += [(reader, item, f"anniversaries[{i}]") for i, item in enumerate(items)]
    # anniversaries are read after every file's policies, so a user file may use any policy
    anniversaries: list[Anniversary] = []
    seen: dict[str, str] = {}  # id -> where it was first used, even if that entry is broken
    for reader, item, where in pending:
        raw_id = scalar_of(item, "id")
        if raw_id is not None and raw_id in seen:
            reader.problem(item, f"{where}.id", say("registry_id_twice", id=quote(raw_id),
                                                        at=seen[raw_id]))
            continue
        if raw_id is not None:
            seen[raw_id] = f"{reader.file}:{line(item)}"
        anniversary = _anniversary(reader, item, where, policies)
        if anniversary is not None:
            anniversaries.append(anniversary)
    if problems:
        raise InputError(problems)
    return Registry(tuple(anniversaries), policies, tuple(files))
