"""Dated items → feed events: what each calendar entry says, decided once for every feed.

A deadline or a window is its own all-day event (``VALUE=DATE``, RFC 5545 §3.6.1: DTEND is
the day after the last day), because Google ignores VALARM in subscribed calendars; alarms
are only an extra for clients that import. A recurring report is one RRULE (§3.3.10) with a
RECURRENCE-ID override (§3.8.4.4) for each instance moved off a day off.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import NamedTuple

from ..dates import fmt
from ..i18n import class_word, word
from ..items import Item, ItemKind, instances
from ..occurrences import occurrence
from ..outputs.itemtext import KIND_WORDS, units_text
from ..outputs.text import title
from ..plans.model import Role

#: Summary prefix per kind (vi, en); anniversaries are worded by the guidance title.
PREFIX: dict[ItemKind, tuple[str, str]] = {
    ItemKind.PEAK: ("Cao điểm: ", "Peak: "),
    ItemKind.DEADLINE: ("Hạn: ", "Due: "),
    ItemKind.REPORT: ("Hạn báo cáo: ", "Report due: "),
}

#: Kinds whose day is a due day: they carry alarms (for clients that import them).
ALARM_KINDS = frozenset({ItemKind.DEADLINE, ItemKind.REPORT})

DOMAIN = "kyniem"


class FeedEvent(NamedTuple):
    """One VEVENT (or one RECURRENCE-ID override of it), before stamping.

    ``digest`` covers everything a subscriber sees, so SEQUENCE and LAST-MODIFIED change
    only when it does (RFC 5545 §3.8.7.4). Immutable like the frozen dataclasses of the
    model, but a tuple: the per-plan cache of 100,000 of them unpickles several times faster.
    """

    uid: str
    summary: str
    start: date
    end: date  # inclusive last day; written as DTEND = end + 1 day
    kind: ItemKind
    description: str = ""
    rrule: str | None = None
    recurrence_id: date | None = None
    lead: str | None = None
    partners: tuple[str, ...] = ()
    reminders: tuple[int, ...] = ()
    plan: str | None = None
    others: tuple[tuple[str, str], ...] = ()  # (role, unit) beyond the first lead and partners
    anniversaries: tuple[str, ...] = ()
    milestone: bool = False
    digest: str = ""
    slim: bool = False  # from the cache, without description: never to be serialized

    @property
    def units(self) -> tuple[str, ...]:
        named = ((self.lead,) if self.lead else ()) + self.partners
        return named + tuple(u for _, u in self.others if u not in named)

    @property
    def key(self) -> str:
        """The ledger's key: the UID, and the RECURRENCE-ID of an override."""
        return self.uid if self.recurrence_id is None else f"{self.uid}#{self.recurrence_id}"

    def sealed(self) -> FeedEvent:
        text = "\x1f".join(map(str, (
            self.uid, self.summary, self.start, self.end, self.kind.value, self.description,
            self.rrule, self.recurrence_id, self.lead, "\x1e".join(self.partners),
            self.reminders, self.plan) + ((self.others,) if self.others else ())))
        return self._replace(digest=hashlib.blake2b(text.encode(), digest_size=12).hexdigest())


def feed_uid(item_uid: str) -> str:
    """A stable UID from registry and plan ids (never random; under Outlook's 200 bytes)."""
    return f"{item_uid}@{DOMAIN}"


def events_of(items: Iterable[Item], lang: str = "vi") -> list[FeedEvent]:
    """Every dated item as feed events, de-duplicated by UID (a plan's anniversary day and the
    registry's occurrence of it are the same event), ordered by first day then UID."""
    seen: dict[tuple[str, date | None], FeedEvent] = {}
    for item in items:
        for event in _events(item, lang):
            seen.setdefault((event.uid, event.recurrence_id), event.sealed())
    return sorted(seen.values(), key=lambda e: (e.start, e.uid, e.recurrence_id or date.min))


def _events(item: Item, lang: str) -> Iterator[FeedEvent]:
    if item.start is None or item.end is None:
        return  # undated: nothing to put on a calendar
    if item.kind is ItemKind.ANNIVERSARY:
        yield _anniversary(item, lang)
        return
    base = _activity(item, lang)
    if item.rrule:
        yield base._replace(end=base.start)  # each instance is one day
        yield from _moved_instances(item, base, lang)
        return
    if item.due is not None:
        base = base._replace(start=item.due.day, end=item.due.day)
    yield base


def _anniversary(item: Item, lang: str) -> FeedEvent:
    occ = item.occurrence
    if occ is None and item.plan is not None:
        occ = occurrence(item.plan.anniversary, item.plan.year)
    assert item.start is not None
    if occ is None:
        return FeedEvent(feed_uid(item.uid), item.title, item.start, item.start,
                         ItemKind.ANNIVERSARY, plan=item.plan.id if item.plan else None)
    a = occ.anniversary
    name = title(occ, lang)
    summary = name if occ.ordinal is None else f"{word('commemorate', lang)}{name}"
    lines = [f"{word('feed_class', lang)}: {class_word(occ.klass, lang)}"
             + (f" ({word('feed_milestone', lang)})" if occ.milestone else ""),
             f"{word('feed_source', lang)}: {a.source}"]
    return FeedEvent(feed_uid(f"anniversary/{a.id}/{occ.date.year}"), summary, occ.date,
                     occ.date, ItemKind.ANNIVERSARY, "\n".join(lines),
                     reminders=item.reminders, anniversaries=(a.id,),
                     milestone=occ.milestone)


def _activity(item: Item, lang: str) -> FeedEvent:
    assert item.start is not None and item.end is not None
    prefix = PREFIX.get(item.kind, ("", ""))[1 if lang == "en" else 0]
    plan = item.plan
    lines = [f"{word('feed_kind', lang)}: {KIND_WORDS[item.kind.value][1 if lang == 'en' else 0]}"]
    if item.phrase:
        lines.append(f"{word('feed_phrase', lang)}: {item.phrase}")
    if item.due is not None and item.due.moved:
        lines.append(f"{word('feed_shifted', lang)}: {item.due.describe(lang)}")
    if item.rrule:
        lines.append(word("feed_recurring", lang))
    units = units_text(item, lang)
    if units:
        lines.append(f"{word('feed_units', lang)}: {units}")
    if item.activity is not None and item.activity.notes:
        lines.append(item.activity.notes)
    anniversaries: tuple[str, ...] = ()
    if plan is not None:
        ref = plan.title + (f" — {plan.number}" if plan.number else "")
        if plan.issued:
            ref += f" ({fmt(plan.issued)})"
        lines.append(f"{word('feed_plan', lang)}: {ref}; {plan.issuer}")
        own = item.activity.combined_with if item.activity else ()
        anniversaries = tuple(dict.fromkeys(
            (plan.anniversary.id, *(a.id for a in plan.combined_with), *(a.id for a in own))))
    return FeedEvent(
        feed_uid(item.uid), prefix + item.title, item.start, item.end, item.kind,
        "\n".join(lines), rrule=item.rrule, lead=item.lead, partners=item.partners,
        reminders=item.reminders, plan=plan.id if plan else None, anniversaries=anniversaries,
        others=tuple((link.role.value, link.unit) for link in item.links
                     if link.role not in (Role.PARTNER,) and link.unit != item.lead))


def _moved_instances(item: Item, base: FeedEvent, lang: str) -> Iterator[FeedEvent]:
    """Overrides for the instances a working-day shift moves (same UID, RECURRENCE-ID)."""
    for instance in instances(item):
        due = instance.due
        if due is None or not due.moved:
            continue
        note = f"{word('feed_shifted', lang)}: {due.describe(lang)}"
        yield base._replace(start=due.day, end=due.day, rrule=None, recurrence_id=due.written,
                            description=f"{base.description}\n{note}")


def dtend(event: FeedEvent) -> date:
    return event.end + timedelta(days=1)
