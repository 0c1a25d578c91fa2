"""Controllers of the plan commands (``when``, ``agenda``, ``timeline``, ``units``,
``plan new``): plain functions returning views; the CLI only parses arguments.

Every plan view reads one list of dated items (:func:`load_items`); none reads a phrase.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .commands import Settings
from .dates import plus_days
from .i18n import word
from .items import Items
from .items import of as items_of
from .outputs.agenda import Agenda
from .outputs.window import WhenView
from .plans.cached import load_plans, plan_paths
from .plans.model import Plan
from .plans.window import PhraseContext
from .registry import InputError, Problem
from .rules import PLAN_YEARS
from .wording import say

if TYPE_CHECKING:  # imported where used: a listing's start-up pays only for what it runs
    from .outputs.diff import DiffView
    from .outputs.timeline import Timeline
    from .outputs.units import Units
    from .plans import templates


def load(settings: Settings) -> tuple[Plan, ...]:
    return load_plans(plan_paths(settings.plans), settings.registry())


def load_items(settings: Settings) -> Items:
    """The one list of dated items, from every plan in use."""
    return items_of(load(settings))


def when(settings: Settings, phrase: str, anniversary: date | None, issued: date | None,
         campaign_end: date | None, year: int | None) -> WhenView:
    """How ``phrase`` is read in this context."""
    from .plans.phrases import PhraseError, read_phrase

    context = PhraseContext(anniversary=anniversary, issued=issued, campaign_end=campaign_end,
                            year=year)
    try:
        window = read_phrase(phrase, context)
    except PhraseError as exc:
        raise InputError([Problem("", None, "PHRASE", exc.message)]) from None
    return WhenView(window, settings.lang)


def agenda(settings: Settings, unit: str | None, start: date | None, end: date | None,
           days: int) -> Agenda:
    """What is due, starting and running from ``start`` (today) for ``days`` or to ``end``."""
    start = start or settings.today
    end = end or plus_days(start, days - 1, "--week/--month")
    return Agenda.of(load_items(settings).for_unit(unit), start, end, settings.lang, unit)


def timeline(settings: Settings, target: str, unit: str | None, width: int) -> Timeline:
    """A plan (by id) or a whole year (``2024``) as a chart."""
    from .outputs.timeline import Timeline
    from .yamlread import FieldError, whole_in

    plans = load(settings)
    if target.isascii() and target.isdigit():
        try:
            year = whole_in(PLAN_YEARS)(target)
        except FieldError as exc:
            raise InputError([Problem("", None, "PLAN|YEAR", exc.message)]) from None
        chosen = [p for p in plans if p.year == year]
        items = items_of(chosen).for_unit(unit)
        heading = word("timeline", settings.lang, what=target)
        dated = [i for i in items if i.overlaps(date(year, 1, 1), date(year, 12, 31))]
        return Timeline.of(dated, heading, settings.lang, width, date(year, 1, 1),
                           date(year, 12, 31))
    from .finding import plan_of

    plan = plan_of(plans, settings.registry(), target, "PLAN|YEAR")
    items = items_of([plan]).for_unit(unit)
    return Timeline.of(list(items), word("timeline", settings.lang, what=plan.title),
                       settings.lang, width)


def units(settings: Settings, unit: str | None) -> Units:
    from .outputs.units import Units

    return Units.of(load_items(settings), settings.lang, unit, settings.resolver().identity)


def diff(settings: Settings, old: str, new: str, unit: str | None) -> DiffView:
    """What plan NEW changed in OLD, per unit (:mod:`scheduler.plandiff`). Each is a plan
    file (YAML) or a document (.txt, .md, .docx, .pdf, read as ``kyniem import`` reads it:
    :func:`scheduler.importing.plan_from_document`); the problems of both are told at once."""
    from .importing import plan_from_document
    from .imports.documents import READS
    from .outputs.diff import DiffView
    from .plandiff import compare

    registry = settings.registry()
    problems: list[Problem] = []
    plans: list[Plan] = []
    for given in (old, new):
        path = Path(given)
        try:
            if path.suffix.lower() in READS:
                plans.append(plan_from_document(path, registry))
            else:
                plans += load_plans([path], registry)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return DiffView(compare(plans[0], plans[1], unit), settings.lang)


def plan_new(settings: Settings, anniversary_id: str, year: int, template: str | None,
             output: str | None, force: bool) -> templates.Written:
    """Write a dated plan for ``anniversary_id`` in ``year`` from a template."""
    from .finding import anniversary_id as named
    from .occurrences import occurrence
    from .plans import templates

    registry = settings.registry()
    anniversary_id = named(registry, anniversary_id, "ANNIVERSARY")
    anniversary = registry.get(anniversary_id)
    assert anniversary is not None
    occ = occurrence(anniversary, year, settings.leap_day)
    if occ is None:
        raise InputError([Problem("", None, "YEAR", say("plan_new_no_occurrence",
                                                        id=anniversary_id, year=year))])
    source = Path(template) if template else templates.bundled_template()
    plan = templates.dated_plan(source, occ)
    if output == "-":  # standard output, as the other commands' -o - (regression: a file "-")
        text = templates.render(plan, str(source), f"{plan['id']}.yaml")
        return templates.Written("-", len(plan["activities"]), settings.lang, text.encode())
    path = Path(output or f"{plan['id']}.yaml")
    templates.write_new(path, templates.render(plan, str(source), path.name), force)
    return templates.Written(str(path), len(plan["activities"]), settings.lang)

