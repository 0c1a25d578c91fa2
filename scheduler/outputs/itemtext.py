"""Wording shared by the plan views: an item's window, its due day, its units, its JSON."""

from __future__ import annotations

from typing import Any

from ..dates import fmt
from ..i18n import word
from ..items import Item
from ..plans.model import Role
from ..wording import MESSAGES, role_word


def kind_text(item: Item, lang: str) -> str:
    return item_kind(item.kind.value, lang)


def item_kind(kind: str, lang: str) -> str:
    """A dated item's kind in words (``items.ItemKind`` value); an unknown one as it is."""
    pair = MESSAGES.get(f"item_kind_{kind}", (kind, kind))
    return pair[1] if lang == "en" else pair[0]


def window_text(item: Item, lang: str) -> str:
    """``01/11/2022 – 30/12/2022``, one day, "chưa có thời gian" when undated ("theo chỉ đạo
    …"), "không ghi thời gian" when the plan gives the task no time at all (format 2)."""
    if item.start is None or item.end is None:
        untimed = item.activity is not None and not item.activity.timed
        return word("untimed" if untimed else "undated", lang)
    if item.due is not None:
        return item.due.describe(lang)
    if item.start == item.end:
        return fmt(item.start)
    return f"{fmt(item.start)} – {fmt(item.end)}"


def units_text(item: Item, lang: str) -> str:
    """"A, B; với C; chỉ đạo: D": leads, partners, then the other roles by name."""
    leads = item.with_role(Role.LEAD) if item.links else ((item.lead,) if item.lead else ())
    parts = [", ".join(leads)] if leads else []
    if item.partners:
        parts.append(f"{word('with', lang)} {', '.join(item.partners)}")
    for role in OTHER_ROLES:
        named = item.with_role(role)
        if named:
            parts.append(f"{role_word(role.value, lang)}: {', '.join(named)}")
    return "; ".join(parts)


#: Roles shown by name after the leads and partners.
OTHER_ROLES = (Role.DIRECTS, Role.ADVISES, Role.GUIDES, Role.REQUESTED)


def item_json(item: Item) -> dict[str, Any]:
    """An item for scripts: ISO dates, the due day before and after any shift."""
    due = item.due
    window = item.activity.window if item.activity else None
    return {
        "uid": item.uid,
        "kind": item.kind.value,
        "title": item.title,
        "start": item.start.isoformat() if item.start else None,
        "end": item.end.isoformat() if item.end else None,
        "due": due.day.isoformat() if due else None,
        "due_written": due.written.isoformat() if due else None,
        "shifted": bool(due and due.moved),
        "shift_reason": due.reason if due and due.moved else None,
        "rrule": item.rrule,
        "precision": window.precision.value if window else "day",
        "lead": item.lead,
        "partners": list(item.partners),
        "roles": {link.unit: link.role.value for link in item.links},
        "phrase": item.phrase,
        "plan": item.plan.id if item.plan else None,
        "anniversary": item.occurrence.id if item.occurrence else None,
    }
