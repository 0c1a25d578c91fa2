"""Read plan files (docs/plan-format.md) into :class:`Plan`, every problem with file and line.

Each activity's ``when`` phrase is read here, once, with the plan's context (anniversary day,
issue date, campaign end); a phrase the reader cannot understand is a problem naming the file,
the line and the phrase. Views never read phrases themselves.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..model import Anniversary, Kind, Location, Origin, Policy
from ..registry.errors import InputError, Problem
from ..registry.sources import Registry
from ..rules import LEAD_DAYS, ORDINALS, PLAN_YEARS, MilestoneClass
from ..wording import quote, say
from ..yamlread import (
    Field,
    Reader,
    choice,
    compose,
    day_first,
    day_in,
    ident,
    line,
    scalar_of,
    text,
    whole_in,
)
from .model import Activity, ActivityKind, ParentDoc, Plan
from .phrases import PhraseError, read_phrase
from .window import Closure, PhraseContext, Precision, Window
from .workdays import Shift

ENV_VAR = "KYNIEM_PLANS"

_plan_day = day_in(PLAN_YEARS)  # every date of a plan (an ad-hoc origin may be older)

PLAN_FIELDS: dict[str, Field] = {
    "id": Field(True, ident),
    "title": Field(True, text),
    "anniversary": Field(True, None),
    "year": Field(False, whole_in(PLAN_YEARS)),
    "ordinal": Field(False, whole_in(ORDINALS)),
    "combined_with": Field(False, ident, many=True),
    "issuer": Field(True, text),
    "number": Field(False, text),
    "issued": Field(False, _plan_day),
    "campaign_end": Field(False, _plan_day),
    "scope": Field(False, text),
    "source": Field(False, text),
    "implements": Field(False, None),
    "reminders": Field(False, whole_in(LEAD_DAYS), many=True),
    "activities": Field(True, None),
}
#: Fields an activity has in a plan and in a template alike.
ACTIVITY_BASE: dict[str, Field] = {
    "id": Field(True, ident),
    "title": Field(True, text),
    "kind": Field(True, choice(ActivityKind)),
    "lead": Field(False, text),
    "partners": Field(False, text, many=True),
    "notes": Field(False, text),
    "shift": Field(False, choice(Shift)),
    "reminders": Field(False, whole_in(LEAD_DAYS), many=True),
}
ACTIVITY_FIELDS: dict[str, Field] = {
    **ACTIVITY_BASE,
    "when": Field(False, text),
    "start": Field(False, _plan_day),
    "end": Field(False, _plan_day),
    "section": Field(False, text),
}
PARENT_FIELDS: dict[str, Field] = {
    "number": Field(True, text),
    "date": Field(False, _plan_day),
    "issuer": Field(False, text),
    "title": Field(False, text),
}
AD_HOC_FIELDS: dict[str, Field] = {
    "name": Field(True, text),
    "name_en": Field(False, text),
    "date": Field(True, day_first),
    "kind": Field(False, choice(Kind)),
}

#: A plan's own anniversary (not in the registry) is classed by Decree 145/2013, Art. 3.
AD_HOC_POLICY = Policy("plan", "Kỷ niệm theo kế hoạch", "Plan's own anniversary",
                       "Nghị định 145/2013/NĐ-CP, Điều 3",
                       frozenset({MilestoneClass.TRON, MilestoneClass.LE5}))


def bundled_plans_dir() -> Path:
    package = Path(__file__).resolve().parent.parent
    installed = package / "data" / "plans"
    return installed if installed.exists() else package.parent / "data" / "plans"


def plan_paths(given: Sequence[str] = (), env: Mapping[str, str] = os.environ) -> list[Path]:
    """``--plans`` files or folders, else ``$KYNIEM_PLANS``, else the bundled seed plans."""
    entries = list(given) or [p for p in env.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    roots = [Path(p) for p in entries] or [bundled_plans_dir()]
    paths: list[Path] = []
    for root in roots:
        paths += sorted(root.glob("*.yaml")) if root.is_dir() else [root]
    # a file given twice (a folder and a file in it) is read once
    unique = {os.path.realpath(p): p for p in reversed(paths)}
    return [p for p in paths if unique[os.path.realpath(p)] is p]


def load_plans(paths: Iterable[Path], registry: Registry) -> tuple[Plan, ...]:
    """Read every plan file; raise :class:`InputError` listing every problem at once."""
    problems: list[Problem] = []
    plans: list[Plan] = []
    seen: dict[str, str] = {}
    for path in paths:
        reader = Reader(str(path), problems)
        root = compose(path, reader, "a plan ('id:', 'title:', 'activities:')")
        if root is None:
            continue
        plan_id = scalar_of(root, "id")
        if plan_id is not None and plan_id in seen:
            reader.problem(root, "id", f"{plan_id!r} is already used by {seen[plan_id]}")
            continue
        if plan_id is not None:
            seen[plan_id] = reader.file
        plan = _plan(reader, root, registry)
        if plan is not None:
            plans.append(plan)
    if problems:
        raise InputError(problems)
    return tuple(plans)


def _plan(reader: Reader, root: yaml.Node, registry: Registry) -> Plan | None:
    """Read a plan, going on after a problem so one run reports everything wrong."""
    before = len(reader.problems)
    values, nodes = reader.fields(root, "", PLAN_FIELDS)
    plan_id = values.get("id", "plan")
    anniversary = (_anniversary(reader, values["anniversary"], plan_id, registry)
                   if "anniversary" in values else None)
    combined = [_registry_entry(reader, nodes["combined_with"], "combined_with", i, registry)
                for i in values.get("combined_with", ())]
    year = _year(reader, root, nodes, values, anniversary) if anniversary else None
    parents = [_parent(reader, n, f"implements[{i}]")
               for i, n in enumerate(reader.sequence(values["implements"], "implements"))
               ] if "implements" in values else []
    context = None
    if anniversary is not None and year is not None:
        # A plan that states no issue date cannot predate the documents it implements:
        # "từ nay" then counts from the latest of those.
        parent_dates = [p.date for p in parents if p is not None and p.date is not None]
        context = PhraseContext(anniversary=_anniversary_day(anniversary, year),
                                issued=values.get("issued") or max(parent_dates, default=None),
                                campaign_end=values.get("campaign_end"), year=year)
    nodes_of = reader.sequence(values["activities"], "activities") if "activities" in values \
        else []
    activities = [_activity(reader, n, f"activities[{i}]", context)
                  for i, n in enumerate(nodes_of)]
    seen: set[str] = set()
    for node, activity in zip(nodes_of, activities, strict=True):
        if activity is not None and activity.id in seen:
            reader.problem(node, "activities.id", f"{activity.id!r} is used twice in this plan")
        elif activity is not None:
            seen.add(activity.id)
    if len(reader.problems) > before or anniversary is None or year is None:
        return None
    return Plan(
        id=values["id"],
        title=values["title"],
        anniversary=anniversary,
        year=year,
        issuer=values["issuer"],
        activities=tuple(a for a in activities if a is not None),
        combined_with=tuple(c for c in combined if c is not None),
        number=values.get("number"),
        issued=values.get("issued"),
        campaign_end=values.get("campaign_end"),
        scope=values.get("scope"),
        source=values.get("source"),
        implements=tuple(p for p in parents if p is not None),
        reminders=values.get("reminders", ()),
        location=Location(reader.file, line(root)),
    )


def _registry_entry(reader: Reader, node: yaml.Node, where: str, anniversary_id: str,
                    registry: Registry) -> Anniversary | None:
    found = registry.get(anniversary_id)
    if found is None:
        reader.problem(node, where, f"no anniversary {anniversary_id!r} in the registry")
    return found


def _anniversary(reader: Reader, node: yaml.Node, plan_id: str,
                 registry: Registry) -> Anniversary | None:
    if isinstance(node, yaml.ScalarNode):
        return _registry_entry(reader, node, "anniversary", str(node.value), registry)
    parsed = reader.record(node, "anniversary", AD_HOC_FIELDS)
    if parsed is None:
        return None
    values, _ = parsed
    origin = values["date"]
    return Anniversary(
        id=f"{plan_id}-anniversary",
        name=values["name"],
        name_en=values.get("name_en", values["name"]),
        origin=Origin(origin.day, origin.month, origin.year),
        kind=values.get("kind", Kind.EVENT),
        scope="plan",
        policy=AD_HOC_POLICY,
        source=f"plan {plan_id}",
        location=Location(reader.file, line(node)),
    )


def _year(reader: Reader, root: yaml.Node, nodes: dict[str, yaml.Node],
          values: dict[str, Any], anniversary: Anniversary) -> int | None:
    origin = anniversary.origin.year
    year: int | None = values.get("year")
    ordinal: int | None = values.get("ordinal")
    if year is None and ordinal is None:
        if "year" not in nodes and "ordinal" not in nodes:  # else its own problem is told
            reader.problem(root, "year", "give the anniversary year (or its ordinal)")
        return None
    if ordinal is not None and origin is None:
        reader.problem(nodes["ordinal"], "ordinal", "this anniversary has no origin year")
        return None
    if year is not None and ordinal is not None and origin is not None and year - origin != ordinal:
        reader.problem(nodes["ordinal"], "ordinal",
                       f"{ordinal} does not match year {year} (that is the {year - origin}th)")
        return None
    if year is None:
        assert origin is not None and ordinal is not None
        return int(origin + ordinal)
    if origin is not None and year <= origin:
        reader.problem(nodes["year"], "year", f"{year} is not after the origin year {origin}")
        return None
    return int(year)


def _anniversary_day(anniversary: Anniversary, year: int) -> date | None:
    from ..occurrences import occurrence

    occ = occurrence(anniversary, year)
    return None if occ is None else occ.date


def _parent(reader: Reader, node: yaml.Node, where: str) -> ParentDoc | None:
    parsed = reader.record(node, where, PARENT_FIELDS)
    if parsed is None:
        return None
    values, _ = parsed
    return ParentDoc(values["number"], values.get("date"), values.get("issuer"),
                     values.get("title"))


def _activity(reader: Reader, node: yaml.Node, where: str,
              context: PhraseContext | None) -> Activity | None:
    """One activity; its phrase is read only when the plan's context is known (otherwise
    the plan's own problem is reported, not a cascade of phrase errors)."""
    parsed = reader.record(node, where, ACTIVITY_FIELDS)
    if parsed is None or context is None:
        return None
    values, nodes = parsed
    window = _window(reader, node, where, values, nodes, context)
    if window is None:
        return None
    return Activity(
        id=values["id"],
        title=values["title"],
        kind=values["kind"],
        window=window,
        lead=values.get("lead"),
        partners=values.get("partners", ()),
        notes=values.get("notes"),
        section=values.get("section"),
        shift=values.get("shift", Shift.BEFORE),
        reminders=values.get("reminders", ()),
        location=Location(reader.file, line(node)),
    )


def _window(reader: Reader, node: yaml.Node, where: str, values: dict[str, Any],
            nodes: dict[str, yaml.Node], context: PhraseContext) -> Window | None:
    if "when" in values and "start" in values:
        reader.problem(nodes["start"], f"{where}.start", "give either 'when' or 'start', not both")
        return None
    if "when" in values:
        try:
            window = read_phrase(values["when"], context)
        except PhraseError as exc:
            reader.problem(nodes["when"], f"{where}.when",
                           f"cannot read {values['when']!r}: {exc.reason}")
            return None
        outside = [d for d in (window.start, window.end)
                   if d is not None and d.year not in PLAN_YEARS]
        if outside:
            reader.problem(nodes["when"], f"{where}.when", say(
                "date_range", value=quote(values["when"]), first=PLAN_YEARS.start,
                last=PLAN_YEARS.stop - 1))
            return None
        return window
    if "start" not in values:
        reader.problem(node, f"{where}.when", "give a time phrase ('when') or a 'start' date")
        return None
    start = values["start"]
    end = values.get("end", start)
    if end < start:
        reader.problem(nodes["end"], f"{where}.end", "is before the start")
        return None
    return Window(phrase=f"{start:%d/%m/%Y} - {end:%d/%m/%Y}", start=start, end=end,
                  precision=Precision.DAY, start_from=Closure.TEXT, end_from=Closure.TEXT)
