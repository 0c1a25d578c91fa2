"""Finding things by name: ``kyniem find``, and a name fragment wherever an id is asked for.

Names are compared folded (case and diacritics dropped: :func:`scheduler.names.fold`) with the
unit directory's abbreviations written out (UBND, MTTQ, CHQS: :data:`units.normalise.
ABBREVIATIONS`), word by word, so "dien bien phu", "Điện Biên Phủ" and "ĐIỆN BIÊN" meet, and
"chqs" finds "Ban Chỉ huy Quân sự". Scores (best first):

====  ======================================================================================
1.0   the whole name or the id, exactly
0.9   the query's words, in order, at the start of the name
0.8   the query's words, in order, anywhere in the name
0.6   every query word begins a word of the name, in any order
≤0.5  alike as strings (difflib ratio ≥ 0.75 over the name's words), a suggestion only
====  ======================================================================================

A plan also matches through the anniversary it commemorates (its score × 0.95), so "dien bien
phu" lists the plans for Điện Biên Phủ right after the anniversary itself.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .i18n import kind_word
from .names import fold
from .registry import InputError, Problem
from .wording import current_language, say

if TYPE_CHECKING:
    from .commands import Settings
    from .plans.model import Plan
    from .registry import Registry

KINDS = ("anniversary", "plan", "activity", "unit")
MATCH = 0.6  # a real match; below: a suggestion only
CLEAR = 0.25  # how far ahead of the next a fragment's best match must be to stand for it
_TOKEN = re.compile(r"[a-z0-9&]+")


@dataclass(frozen=True)
class Hit:
    """One thing found: its ``kind`` (:data:`KINDS`), id, name, a line of detail, score."""

    kind: str
    id: str
    name: str
    detail: str
    score: float


@cache
def words(text: str) -> tuple[str, ...]:
    """Folded words, abbreviations written out."""
    from .units.normalise import ABBREVIATIONS

    out: list[str] = []
    for token in _TOKEN.findall(fold(text)):
        out += ABBREVIATIONS.get(token, token).split()
    return tuple(out)


def score(query: str, names: Iterable[str], ident: str = "") -> float:
    """How well ``query`` names a thing called ``names`` (or with id ``ident``)."""
    q = words(query)
    if not q:
        return 0.0
    if ident and fold(query.strip()) == fold(ident):
        return 1.0
    best = 0.0
    for name in names:
        w = words(name)
        if not w:
            continue
        if w == q:
            return 1.0
        if _runs(q, w, start=True):
            best = max(best, 0.9)
        elif _runs(q, w):
            best = max(best, 0.8)
        elif all(any(x.startswith(t) for x in w) for t in q):
            best = max(best, 0.6)
        else:
            best = max(best, _alike(q, w))
    return best


def _runs(q: tuple[str, ...], w: tuple[str, ...], start: bool = False) -> bool:
    """``q`` as consecutive words of ``w`` (the last one may be a prefix: "dien bien p")."""
    ends = range(1) if start else range(len(w) - len(q) + 1)
    for i in ends:
        part = w[i:i + len(q)]
        if len(part) == len(q) and part[:-1] == q[:-1] and part[-1].startswith(q[-1]):
            return True
    return False


def _alike(q: tuple[str, ...], w: tuple[str, ...]) -> float:
    """A misspelling's score: the best difflib ratio over runs of the name's words."""
    text = "".join(q)  # spaces dropped: "dienbien" is "dien bien" run together
    best = 0.0
    for size in {max(1, len(q) - 1), len(q), len(q) + 1}:
        for i in range(max(1, len(w) - size + 1)):
            run = "".join(w[i:i + size])
            best = max(best, difflib.SequenceMatcher(None, text, run).ratio())
    return round(best * 0.5, 3) if best >= 0.75 else 0.0


def anniversary_hits(registry: Registry, query: str) -> list[Hit]:
    hits = []
    for a in registry.anniversaries:
        s = score(query, (a.name, a.name_en or "", *a.aliases, a.id.replace("-", " ")), a.id)
        if s:
            lunar = f" {say('find_lunar')}" if a.origin.calendar.value == "lunar" else ""
            scope = kind_word(a.scope, current_language())  # "national": toàn quốc
            hits.append(Hit("anniversary", a.id, a.name, f"{a.origin}{lunar} · {scope}", s))
    return hits


def plan_hits(plans: Sequence[Plan], registry: Registry, query: str) -> list[Hit]:
    hits = []
    for plan in plans:
        own = score(query, (plan.title, plan.id.replace("-", " "), plan.issuer,
                            plan.locality or ""), plan.id)
        found = registry.get(plan.anniversary.id)
        through = 0.0
        if found is not None:
            through = 0.95 * score(query, (found.name, found.name_en or "", *found.aliases),
                                   found.id)
        s = max(own, through)
        if s:
            hits.append(Hit("plan", plan.id, plan.title, f"{plan.year} · {plan.issuer or ''}"
                            .rstrip(" ·"), s))
    return hits


def activity_hits(plans: Sequence[Plan], query: str) -> list[Hit]:
    """Activities by their title; shown by their short title (what a phone shows)."""
    from .plans.short import short_title

    hits = []
    for plan in plans:
        for act in plan.activities:
            s = score(query, (act.title, act.short or ""), act.id)
            if s:
                when = act.window.phrase or ""
                hits.append(Hit("activity", f"{plan.id}/{act.id}", short_title(act),
                                f"{plan.id} · {when}".rstrip(" ·"), s))
    return hits


def unit_hits(settings: Settings, plans: Sequence[Plan], query: str) -> list[Hit]:
    """Units of the directory and of the plans, one hit per identity (its best spelling)."""
    resolver = settings.resolver()
    best: dict[str, Hit] = {}

    def offer(ident: str, name: str, detail: str, names: Sequence[str]) -> None:
        s = score(query, names, ident)
        if s and (ident not in best or s > best[ident].score):
            best[ident] = Hit("unit", ident, name, detail, s)

    for unit in resolver.directory.units:  # a local body exists once per place: from plans
        if not unit.local or unit.locality:
            offer(unit.id, unit.name, unit.locality or "", unit.spellings)
    for plan in plans:
        for act in plan.activities:
            for link in act.links:
                found = resolver.identity(link.unit, plan, link.collective)
                if found is not None:
                    offer(found.id, link.unit, found.locality, (link.unit,))
    return list(best.values())


def find(settings: Settings, query: str, kinds: Sequence[str] = KINDS,
         limit: int = 30) -> tuple[list[Hit], bool]:
    """Everything ``query`` names, best first (then by kind, then name), and whether these
    are matches (True) or, nothing matching, suggestions."""
    from .planning import load

    registry = settings.registry()
    hits: list[Hit] = []
    if "anniversary" in kinds:
        hits += anniversary_hits(registry, query)
    if set(kinds) & {"plan", "activity", "unit"}:
        plans = load(settings)
        if "plan" in kinds:
            hits += plan_hits(plans, registry, query)
        if "activity" in kinds:
            hits += activity_hits(plans, query)
        if "unit" in kinds:
            hits += unit_hits(settings, plans, query)
    real = [h for h in hits if h.score >= MATCH]
    shown = real or hits  # no match: the suggestions
    shown.sort(key=lambda h: (-h.score, KINDS.index(h.kind), fold(h.name)))
    return shown[:limit], bool(real)


def pick(hits: Sequence[Hit], text: str, field: str, what: str) -> str:
    """The id ``text`` names among ``hits`` (already of one kind): the only real match, or
    the only whole-name match, or a best one far ahead of the next (:data:`CLEAR`: words in
    order against words scattered); else an :class:`InputError` listing the candidates. A
    slightly better score does not decide: "quan" names both district plans."""
    ranked = sorted(hits, key=lambda h: -h.score)
    # a fragment of one or two letters begins too many names to stand for one of them
    real = [h for h in ranked if h.score >= MATCH and len("".join(words(text))) >= 3]
    whole = [h for h in real if h.score == 1.0]
    if len(whole) == 1:
        return whole[0].id
    if real and (len(real) == 1 or real[0].score - real[1].score >= CLEAR):
        return real[0].id
    shown = "; ".join(f"{h.id} ({h.name})" for h in (real[:8] if real else ranked[:3]))
    if real:
        raise InputError([Problem("", None, field, say("find_ambiguous", text=text,
                                                       known=shown))])
    key = "find_none_close" if ranked else "find_none"
    raise InputError([Problem("", None, field, say(key, what=say(f"find_what_{what}"),
                                                   text=text, known=shown))])


def anniversary_id(registry: Registry, text: str, field: str = "ID") -> str:
    """``text`` as an anniversary id: the id itself, or a unique name fragment."""
    if registry.get(text) is not None:
        return text
    return pick(anniversary_hits(registry, text), text, field, "anniversary")


def plan_of(plans: Sequence[Plan], registry: Registry, text: str, field: str = "PLAN") -> Plan:
    """The plan ``text`` names: its id, or a unique fragment of its title or anniversary."""
    by_id = {p.id: p for p in plans}
    if text in by_id:
        return by_id[text]
    return by_id[pick(plan_hits(plans, registry, text), text, field, "plan")]
