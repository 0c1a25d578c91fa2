"""Feed events get the identities of their units: every feed, page and reminder then
selects by identity, never by spelling (issue 11: "Ban CHQS quận" and "Ban Chỉ huy Quân sự
Quận" are one feed; "các cơ quan, đơn vị liên quan" is none)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ..plans.model import Plan
from .resolve import Resolver

if TYPE_CHECKING:
    from ..feeds.events import FeedEvent


def collectives(plan: Plan) -> frozenset[str]:
    """The names the plan itself marks as collectives (format 2 ``kind: collective``)."""
    return frozenset(link.unit for a in plan.activities for link in a.links if link.collective)


def identify(events: Iterable[FeedEvent], plans: Mapping[str, Plan], resolver: Resolver
             ) -> list[FeedEvent]:
    """``events`` with ``identities`` set: (id, name as written, locality) of each unit that
    is one body, each identity once, in the event's order of units (leads first); and
    which of them are private units, and whether the plan is private (issue 13)."""
    marked = {plan_id: collectives(plan) for plan_id, plan in plans.items()}
    out: list[FeedEvent] = []
    for event in events:
        plan = plans.get(event.plan) if event.plan else None
        if plan is None or not event.units:
            out.append(event._replace(private=True) if plan is not None and plan.private
                       else event)
            continue
        found: dict[str, tuple[str, str, str]] = {}
        hidden: list[str] = []
        for name in event.units:
            identity = resolver.identity(name, plan, name in marked[plan.id])
            if identity is not None and identity.id not in found:
                found[identity.id] = (identity.id, name, identity.locality)
                if identity.unit is not None and identity.unit.private:
                    hidden.append(identity.id)
        out.append(event._replace(identities=tuple(found.values()), private=plan.private,
                                  hidden=tuple(hidden)))
    return out
