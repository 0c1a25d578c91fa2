"""``kyniem check``'s warnings about units: two spellings in one place that look like one body
but did not resolve to one identity (a typo, an abbreviation the table lacks), each with the
directory entry that would merge them; and a name or alias a directory entry takes from an
earlier one (a user's "UBND" alias silently made every "UBND phường" that unit's)."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher

from ..plans.model import Plan
from ..registry import Problem
from ..wording import say
from .directory import Directory, Unit
from .normalise import key
from .resolve import Resolver

#: How alike two keys must be to be worth a question (difflib's ratio, 0–1).
ALIKE = 0.85


def near_duplicates(plans: Iterable[Plan], resolver: Resolver) -> list[Problem]:
    """One warning per pair of identities of one place whose spellings are alike."""
    seen: dict[str, tuple[str, str, Plan, int | None]] = {}  # id → (spelling, key, plan, line)
    for plan in plans:
        place = resolver.place(plan)
        for activity in plan.activities:
            for link in activity.links:
                found = resolver.identity(link.unit, plan, link.collective)
                if found is not None and found.id not in seen:
                    where = activity.location.line if activity.location else None
                    seen[found.id] = (link.unit, key(link.unit, "", place.level), plan, where)
    by_place: dict[str, list[str]] = {}
    for identity in seen:
        by_place.setdefault(identity.rpartition("/")[0], []).append(identity)
    problems: list[Problem] = []
    for ids in by_place.values():
        ids.sort()
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                if _alike(seen[a][1], seen[b][1]):
                    problems.append(_warning(seen[a], seen[b], b, resolver))
    return problems


def _alike(a: str, b: str) -> bool:
    if sorted(a.split()) == sorted(b.split()):
        return True
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= ALIKE


def _warning(first: tuple[str, str, Plan, int | None], second: tuple[str, str, Plan, int | None],
             second_id: str, resolver: Resolver) -> Problem:
    spelling_a, _, plan_a, _ = first
    spelling_b, _, plan_b, line_b = second
    place = resolver.place(plan_b).label or plan_b.id
    tail = second_id.rpartition("/")[2]
    fix = (f'- {{id: {tail}, name: "{spelling_a}", kind: government, '
           f'aliases: ["{spelling_b}"]}}')
    file = plan_b.location.file if plan_b.location else plan_b.id
    return Problem(file, line_b, "units", say("unit_near_duplicate", a=spelling_a,
                                                b=spelling_b, place=place, fix=fix))


def taken_spellings(directory: Directory) -> list[Problem]:
    """One warning per name or alias that an entry takes from an earlier entry of the same
    place: a later file wins (a user's file may mean to re-assign a bundled spelling), so the
    plans' spelling now names the later unit; said, with both entries, in case it was not
    meant."""
    first: dict[tuple[str | None, str], Unit] = {}
    problems: list[Problem] = []
    for unit in directory.units:
        place = key(unit.locality) if unit.locality else None
        for spelling in unit.spellings:
            earlier = first.setdefault((place, key(spelling)), unit)
            if earlier.id != unit.id:
                field = "name" if spelling == unit.name else "aliases"
                problems.append(Problem(unit.file, unit.line or None, field, say(
                    "unit_spelling_taken", spelling=spelling, unit=unit.id, other=earlier.id,
                    where=f"{earlier.file}:{earlier.line}")))
    return problems
