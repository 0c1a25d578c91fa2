"""How much of a hand-encoded plan an import recovers (tests/test_imports_convert.py and
bench/import.py): anniversaries, related anniversaries, references, activity windows, units
with their roles, and whether every miss is listed in the import's ``unread``.

Activities are paired by their source sentence (``text``): the hand-encoded plans keep it, so
the pairing does not depend on line numbers (a .docx or .pdf numbers lines its own way).
Windows are compared as the loader reads them, with ``relates_to`` left out (folding would
hide the entries it joins); ``relates_to`` agreement is a share of its own.
"""

from __future__ import annotations

import copy
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scheduler.imports.convert import Imported
from scheduler.names import fold
from scheduler.plans.load import load_plans
from scheduler.registry.sources import Registry

ROLE_KEYS = ("lead", "partners", "directs", "advises", "requested", "guides")


@dataclass
class Shares:
    anniversary: float
    related: float
    references: float
    windows: float
    units: float
    relates: float
    activities: int
    misses: list[str] = field(default_factory=list)  # hand activity ids whose window differs
    unaccounted: list[str] = field(default_factory=list)  # misses the unread list omits

    def row(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


def key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


def walk(activities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for a in activities:
        out.append(a)
        out += walk(a.get("children", []))
    return out


def _unfolded(plan: dict[str, Any], registry: Registry) -> dict[str, Any]:
    """Each activity's window as the loader reads it, ``relates_to`` left out."""
    plain = copy.deepcopy(plan)
    for a in walk(plain["activities"]):
        a.pop("relates_to", None)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(yaml.safe_dump(plain, allow_unicode=True), encoding="utf-8")
        (loaded,) = load_plans([path], registry)
    return {a.id: (a.window.start, a.window.end) for a in loaded.activities}


def _roles(activity: dict[str, Any]) -> set[tuple[str, str]]:
    return {(key(v if isinstance(v, str) else v["name"]), role)
            for role in ROLE_KEYS for v in activity.get(role, ())}


def _share(found: int, total: int) -> float:
    return 1.0 if total == 0 else found / total


def shares(hand: dict[str, Any], found: Imported, registry: Registry) -> Shares:
    plan = found.plan
    anniversary = float(plan["anniversary"] == hand["anniversary"])
    hand_related = {c if isinstance(c, str) else key(c["name"]) for c in (
        *hand.get("combined_with", ()),
        *(c for a in walk(hand["activities"]) for c in a.get("combined_with", ())))}
    got_related = {c["id"] or key(c["name"]) for c in found.report["related"]}
    refs = {(r["number"], r.get("kind"), r.get("type"), r.get("date"), r.get("issuer"))
            for r in hand.get("references", ())}
    got_refs = {(r["number"], r.get("kind"), r.get("type"), r.get("date"), r.get("issuer"))
                for r in plan.get("references", ())}
    hand_windows, got_windows = _unfolded(hand, registry), _unfolded(plan, registry)
    by_text: dict[str, list[dict[str, Any]]] = {}
    for a in walk(plan["activities"]):  # the same sentence under several units: in order
        by_text.setdefault(key(a["text"]), []).append(a)
    same_window = same_units = same_relates = 0
    misses: list[str] = []
    unread = {key(u.text) for u in found.unread}
    unaccounted: list[str] = []
    hand_ids = {a["id"]: key(a["text"]) for a in walk(hand["activities"])}
    got_ids = {a["id"]: key(a["text"]) for a in walk(plan["activities"])}
    activities = walk(hand["activities"])
    for a in activities:
        same = by_text.get(key(a["text"]))
        got = same.pop(0) if same else None
        if got is None:
            misses.append(a["id"])
            continue
        if hand_windows[a["id"]] == got_windows[got["id"]]:
            same_window += 1
        else:
            misses.append(a["id"])
            if not any(u and u in key(a["text"]) for u in unread):
                unaccounted.append(a["id"])
        same_units += _roles(a) == _roles(got)
        want = hand_ids.get(a.get("relates_to", ""))
        have = got_ids.get(got.get("relates_to", ""))
        same_relates += want == have
    n = len(activities)
    return Shares(anniversary, _share(len(hand_related & got_related), len(hand_related)),
                  _share(len(refs & got_refs), len(refs)), _share(same_window, n),
                  _share(same_units, n), _share(same_relates, n), n, misses, unaccounted)


def hand_plan(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def format1_windows(old: Path, found: Imported, registry: Registry) -> tuple[int, int]:
    """Against the independent format 1 encoding (made by hand before the importer existed):
    of its activities whose time is written in their own paragraph, how many the import
    gives the same days. Returns (same, compared)."""
    (plan,) = load_plans([old], registry)
    got = _unfolded(found.plan, registry)
    texts = [(key(a["text"]), a["id"]) for a in walk(found.plan["activities"])]
    same = compared = 0
    for activity in plan.activities:
        phrase = key(re.sub(r"^triển khai\s+", "", activity.window.phrase))
        title = key(activity.title)[:40]
        match = next((i for t, i in texts if title and title in t), None)
        if match is None or not phrase or not any(phrase in t for t, i in texts if i == match):
            continue  # a time borrowed from elsewhere in the plan: format 2 leaves it out
        compared += 1
        same += got[match] == (activity.window.start, activity.window.end)
    return same, compared
