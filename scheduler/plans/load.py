"""Read plan files (docs/plan-format.md) into :class:`Plan`, every problem with file and line.

Each activity's ``when`` phrase is read here, once, with the plan's context (anniversary day,
issue date, campaign end); a phrase the reader cannot understand is a problem naming the file,
the line and the phrase. Views never read phrases themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..model import Anniversary, Kind, Location, Origin, Policy
from ..names import slug
from ..registry.errors import InputError, Problem
from ..registry.sources import Registry
from ..rules import LEAD_DAYS, ORDINALS, PLAN_YEARS, MilestoneClass
from ..wording import quote, say
from ..yamlread import (
    Field,
    FieldError,
    Reader,
    choice,
    compose,
    day_first,
    day_in,
    flag,
    ident,
    line,
    scalar_of,
    text,
    whole_in,
)

__all__ = ["ACTIVITY_BASE", "bundled_plans_dir", "load_plans", "plan_paths"]
from .activities import ACTIVITY_BASE, ActivityReader
from .model import ParentDoc, Plan, RefKind
from .paths import ENV_VAR, bundled_plans_dir, plan_paths  # noqa: F401 - as before
from .phrases import PhraseError, read_phrase
from .window import Closure, PhraseContext, Precision, Window

FORMATS = range(1, 3)  # the plan formats this version reads

_plan_day = day_in(PLAN_YEARS)  # every date of a plan (an ad-hoc origin may be older)

PLAN_FIELDS: dict[str, Field] = {
    "format": Field(False, whole_in(FORMATS)),
    "id": Field(True, ident),
    "title": Field(True, text),
    "anniversary": Field(True, None),
    "year": Field(False, whole_in(PLAN_YEARS)),
    "ordinal": Field(False, whole_in(ORDINALS)),
    "combined_with": Field(False, None),
    "issuer": Field(True, text),
    "number": Field(False, text),
    "issued": Field(False, _plan_day),
    "campaign_end": Field(False, _plan_day),
    "period": Field(False, text),
    "scope": Field(False, text),
    "locality": Field(False, text),
    "source": Field(False, text),
    "implements": Field(False, None),
    "references": Field(False, None),
    "notes": Field(False, text, many=True),
    "reminders": Field(False, whole_in(LEAD_DAYS), many=True),
    "private": Field(False, flag),
    "activities": Field(True, None),
}
PARENT_FIELDS: dict[str, Field] = {
    "number": Field(True, text),
    "date": Field(False, _plan_day),
    "issuer": Field(False, text),
    "title": Field(False, text),
}
REFERENCE_FIELDS: dict[str, Field] = {
    **PARENT_FIELDS,
    "number": Field(False, text),
    "kind": Field(False, choice(RefKind)),
    "type": Field(False, text),
}
#: Fields only format 2 knows; a format 1 file using one is told to say ``format: 2``.
FORMAT_2_ONLY = ("period", "references", "notes")
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


def load_plans(paths: Iterable[Path], registry: Registry) -> tuple[Plan, ...]:
    """Read every plan file; raise :class:`InputError` listing every problem at once."""
    problems: list[Problem] = []
    plans: list[Plan] = []
    seen: dict[str, str] = {}
    for path in paths:
        reader = Reader(str(path), problems)
        root = compose(path, reader, say("plan_expected"))
        if root is None:
            continue
        plan_id = scalar_of(root, "id")
        if plan_id is not None and plan_id in seen:
            reader.problem(root, "id", say("plan_id_taken", id=quote(plan_id),
                                               other=seen[plan_id]))
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
    plan_format = values.get("format", 1)
    if "format" in nodes and "format" not in values:
        # A format this version does not read: say only that (its fields are not ours to
        # judge, and "add 'format: 2'" would be wrong advice).
        reader.problems[before:] = [p for p in reader.problems[before:] if p.field == "format"]
        return None
    for key in FORMAT_2_ONLY if plan_format == 1 else ():
        if key in nodes:
            reader.problem(nodes[key], key, say("plan_format_2_field"))
    plan_id = values.get("id", "plan")

    def anniversary_at(node: yaml.Node, where: str) -> Anniversary | None:
        return _anniversary(reader, node, where, plan_id, registry)

    anniversary = (anniversary_at(values["anniversary"], "anniversary")
                   if "anniversary" in values else None)
    combined = [anniversary_at(n, f"combined_with[{i}]") for i, n in enumerate(
        reader.sequence(values["combined_with"], "combined_with"))
    ] if "combined_with" in values else []
    year = _year(reader, root, nodes, values, anniversary) if anniversary else None
    parents = [_parent(reader, n, f"implements[{i}]", PARENT_FIELDS)
               for i, n in enumerate(reader.sequence(values["implements"], "implements"))
               ] if "implements" in values else []
    parents += [_parent(reader, n, f"references[{i}]", REFERENCE_FIELDS)
                for i, n in enumerate(reader.sequence(values["references"], "references"))
                ] if "references" in values else []
    context = campaign = None
    if anniversary is not None and year is not None:
        # A plan that states no issue date cannot predate the documents it implements:
        # "từ nay" then counts from the latest of those.
        parent_dates = [p.date for p in parents if p is not None and p.date is not None]
        context = PhraseContext(anniversary=_anniversary_day(anniversary, year),
                                issued=values.get("issued") or max(parent_dates, default=None),
                                campaign_end=values.get("campaign_end"), year=year)
        campaign = _period(reader, nodes, values, context)
        frame = campaign or implied_campaign(context)
        if frame is not None:
            context = replace(context, campaign=frame, peak=frame.peak)
    nodes_of = reader.sequence(values["activities"], "activities") if "activities" in values \
        else []
    activities = ActivityReader(reader, context, plan_format, anniversary_at, campaign
                                ).read_all(nodes_of)
    if len(reader.problems) > before or anniversary is None or year is None:
        return None
    return Plan(
        id=values["id"],
        title=values["title"],
        anniversary=anniversary,
        year=year,
        issuer=values["issuer"],
        activities=tuple(activities),
        combined_with=tuple(c for c in combined if c is not None),
        number=values.get("number"),
        issued=values.get("issued"),
        campaign_end=values.get("campaign_end"),
        scope=values.get("scope"),
        locality=values.get("locality"),
        source=values.get("source"),
        implements=tuple(p for p in parents if p is not None),
        reminders=values.get("reminders", ()),
        format=plan_format,
        campaign=campaign,
        notes=values.get("notes", ()),
        private=values.get("private", False),
        location=Location(reader.file, line(root)),
    )


def implied_campaign(context: PhraseContext) -> Window | None:
    """When a plan states no ``period``, "during the commemorations" runs from its issue date
    (or its parent documents') to the later of the anniversary day and the campaign end."""
    start = context.issued
    ends = [d for d in (context.anniversary, context.campaign_end) if d is not None]
    if start is None or not ends or max(ends) < start:
        return None
    return Window(phrase="", start=start, end=max(ends), precision=Precision.RELATIVE,
                  start_from=Closure.ISSUED, end_from=Closure.ANNIVERSARY)


def _period(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any],
            context: PhraseContext) -> Window | None:
    """The plan's own campaign period ("Hoạt động … diễn ra trong năm 2024, trong đó cao điểm
    từ đầu tháng 3 đến hết tháng 5/2024"), its peak included."""
    if "period" not in values:
        return None
    try:
        return read_phrase(values["period"], context)
    except PhraseError as exc:
        reader.problem(nodes["period"], "period", exc.message)
        return None


def _registry_entry(reader: Reader, node: yaml.Node, where: str, anniversary_id: str,
                    registry: Registry) -> Anniversary | None:
    """A registry anniversary by id."""
    found = registry.get(anniversary_id)
    if found is None:
        reader.problem(node, where, say("plan_unknown_anniversary", id=quote(anniversary_id)))
    return found


def _anniversary(reader: Reader, node: yaml.Node, where: str, plan_id: str,
                 registry: Registry) -> Anniversary | None:
    """A registry id, or an ad-hoc anniversary (name and origin date) the plan defines."""
    if isinstance(node, yaml.ScalarNode):
        try:
            ident(str(node.value))
        except FieldError as exc:
            reader.problem(node, where, exc.message)
            return None
        return _registry_entry(reader, node, where, str(node.value), registry)
    parsed = reader.record(node, where, AD_HOC_FIELDS)
    if parsed is None:
        return None
    values, _ = parsed
    origin = values["date"]
    suffix = "anniversary" if where == "anniversary" else _slug(values["name"])
    return Anniversary(
        id=f"{plan_id}-{suffix}",
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
            reader.problem(root, "year", say("plan_no_year"))
        return None
    if ordinal is not None and origin is None:
        reader.problem(nodes["ordinal"], "ordinal", say("plan_no_origin"))
        return None
    if year is not None and ordinal is not None and origin is not None and year - origin != ordinal:
        reader.problem(nodes["ordinal"], "ordinal", say("plan_ordinal_mismatch", ordinal=ordinal,
                                                        year=year, actual=year - origin))
        return None
    if year is None:
        assert origin is not None and ordinal is not None
        return int(origin + ordinal)
    if origin is not None and year <= origin:
        reader.problem(nodes["year"], "year", say("plan_year_before_origin", year=year,
                                                  origin=origin))
        return None
    return int(year)


def _anniversary_day(anniversary: Anniversary, year: int) -> date | None:
    from ..occurrences import occurrence

    occ = occurrence(anniversary, year)
    return None if occ is None else occ.date


def _parent(reader: Reader, node: yaml.Node, where: str,
            fields: dict[str, Field]) -> ParentDoc | None:
    parsed = reader.record(node, where, fields)
    if parsed is None:
        return None
    values, _ = parsed
    return ParentDoc(values.get("number", ""), values.get("date"), values.get("issuer"),
                     values.get("title"), values.get("kind", RefKind.IMPLEMENTS),
                     values.get("type"))


def _slug(name: str) -> str:
    """An id from a name: "Ngày thành lập Quận" → "ngay-thanh-lap-quan"."""
    return slug(name)
