"""Dated items → feed events: what each calendar entry says, decided once for every feed.

A deadline or a window is its own all-day event (``VALUE=DATE``, RFC 5545 §3.6.1: DTEND is
the day after the last day), because Google ignores VALARM in subscribed calendars; alarms
are only an extra for clients that import. A recurring report is one RRULE (§3.3.10) with a
RECURRENCE-ID override (§3.8.4.4) for each instance moved off a day off.

What a phone shows (issue 11): SUMMARY is the kind's prefix and the activity's short title
(:mod:`scheduler.plans.short`); DESCRIPTION (§3.8.1.5) the full title as written, the time as
written, the units with their roles and the plan's reference, in the feed's language (editors'
``notes`` stay out). A reminder fires at 08:00 of the working day on or before "N days before"
(:func:`alarm_triggers`), and the "deadlines and key days" feeds show a long window as its
first and last day (:func:`key_days`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from ..dates import fmt
from ..i18n import class_word, word
from ..items import Item, ItemKind, instance_dues, rule_days
from ..occurrences import occurrence
from ..outputs.itemtext import item_kind
from ..outputs.text import title
from ..plans.model import Role, UnitLink
from ..plans.short import derive_short, short_title
from ..plans.workdays import Shift, shift
from ..wording import feed_text, role_word

#: Summary prefix per kind (vi, en); anniversaries are worded by the guidance title.
PREFIX: dict[ItemKind, tuple[str, str]] = {
    ItemKind.PEAK: ("Cao điểm: ", "Peak: "),
    ItemKind.DEADLINE: ("Hạn: ", "Due: "),
    ItemKind.REPORT: ("Hạn báo cáo: ", "Report due: "),
}

#: The longest SUMMARY of an activity, prefix included, unless its plan's ``short`` is longer.
SUMMARY_LIMIT = 80

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
    #: the unit identities with a role in it (scheduler.units): (id, display name, locality);
    #: collectives have none. Feeds select by these ids; not part of the digest.
    identities: tuple[tuple[str, str, str], ...] = ()
    #: issue 13: from a private plan (its feeds only at secret addresses), and the ids of the
    #: private units among ``identities``; set with the identities, not part of the digest
    private: bool = False
    hidden: tuple[str, ...] = ()

    @property
    def units(self) -> tuple[str, ...]:
        named = ((self.lead,) if self.lead else ()) + self.partners
        return named + tuple(u for _, u in self.others if u not in named)

    @property
    def key(self) -> str:
        """The ledger's key: the UID, and the RECURRENCE-ID of an override."""
        return self.uid if self.recurrence_id is None else f"{self.uid}#{self.recurrence_id}"

    def sealed(self) -> FeedEvent:
        """With its digest: what the ledger compares to bump SEQUENCE and LAST-MODIFIED
        (RFC 5545 §3.8.7.4, §3.8.7.3). The alarms' triggers are in it: they fall on working
        days, so a new ``holidays`` release can move one while the event stays put."""
        partners = "\x1e".join(self.partners)
        others = f"\x1f{self.others}" if self.others else ""
        alarms = "".join(f"\x1f{t}" for t in alarm_triggers(self))
        text = (f"{self.uid}\x1f{self.summary}\x1f{self.start}\x1f{self.end}\x1f"
                f"{self.kind._value_}\x1f{self.description}\x1f{self.rrule}\x1f"
                f"{self.recurrence_id}\x1f{self.lead}\x1f{partners}\x1f"
                f"{self.reminders}\x1f{self.plan}{others}{alarms}")
        digest = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
        return tuple.__new__(FeedEvent, (*self[:_DIGEST], digest, *self[_DIGEST + 1:]))


_DIGEST = FeedEvent._fields.index("digest")  # sealed() sets it without _replace's keywords


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
        base = base._replace(end=base.start)  # each instance is one day
        moved = list(_moved_instances(item, base, lang))
        kept = _series_reminders(base, moved)
        yield base._replace(reminders=kept)
        yield from (m._replace(reminders=kept) for m in moved)
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
    lines = [f"{word('feed_source', lang)}: {a.source}"]
    if occ.klass is not None:  # Tết has no class: "năm lẻ 5" would mislead
        lines.insert(0, f"{word('feed_class', lang)}: {class_word(occ.klass, lang)}"
                     + (f" ({word('feed_milestone', lang)})" if occ.milestone else ""))
    return FeedEvent(feed_uid(f"anniversary/{a.id}/{occ.date.year}"), summary, occ.date,
                     occ.date, ItemKind.ANNIVERSARY, "\n".join(lines),
                     reminders=item.reminders, anniversaries=(a.id,),
                     milestone=occ.milestone)


def _activity(item: Item, lang: str) -> FeedEvent:
    assert item.start is not None and item.end is not None
    prefix = PREFIX.get(item.kind, ("", ""))[1 if lang == "en" else 0]
    plan = item.plan
    room = SUMMARY_LIMIT - len(prefix)  # a derived title leaves room for the prefix
    short = short_title(item.activity, room) if item.activity else derive_short(item.title,
                                                                                limit=room)
    anniversaries: tuple[str, ...] = ()
    if plan is not None:
        own = item.activity.combined_with if item.activity else ()
        anniversaries = tuple(dict.fromkeys(
            (plan.anniversary.id, *(a.id for a in plan.combined_with), *(a.id for a in own))))
    return FeedEvent(
        feed_uid(item.uid), prefix + short, item.start, item.end, item.kind,
        "\n".join(description_lines(item, lang)), rrule=item.rrule, lead=item.lead,
        partners=item.partners, reminders=item.reminders, plan=plan.id if plan else None,
        anniversaries=anniversaries,
        others=tuple((link.role.value, link.unit) for link in item.links
                     if link.role not in (Role.PARTNER,) and link.unit != item.lead))


def description_lines(item: Item, lang: str) -> list[str]:
    """An activity's DESCRIPTION (RFC 5545 §3.8.1.5), line by line, in the feed's language:
    the title as written, the kind, the time as written, the units by role, the plan."""
    assert item.start is not None and item.end is not None
    lines = [item.title,
             f"{word('feed_kind', lang)}: {item_kind(item.kind.value, lang)}"]
    if item.phrase:
        lines.append(f"{word('feed_phrase', lang)}: {item.phrase}")
    else:
        lines.append(feed_text("dates", lang, start=fmt(item.start), end=fmt(item.end)))
    if item.due is not None and item.due.moved:
        lines.append(f"{word('feed_shifted', lang)}: {item.due.describe(lang)}")
    if item.rrule:
        lines.append(word("feed_recurring", lang))
    lines += unit_lines(item, lang)
    if item.plan is not None:
        lines.append(plan_reference(item, lang))
    return lines


def unit_lines(item: Item, lang: str) -> list[str]:
    """"Chủ trì: A, B", "Phối hợp: C", … one line per role, in the order of roles."""
    links = item.links or (*((UnitLink(item.lead, Role.LEAD),) if item.lead else ()),
                            *(UnitLink(p, Role.PARTNER) for p in item.partners))
    lines = []
    for role in Role:
        named = list(dict.fromkeys(link.unit for link in links if link.role is role))
        if named:
            word_ = role_word(role.value, lang)
            lines.append(feed_text("units", lang, role=word_[:1].upper() + word_[1:],
                                   units=", ".join(named)))
    return lines


def plan_reference(item: Item, lang: str) -> str:
    """"Kế hoạch: <title> — số 125-KH/QU ngày 01/06/2022 của Quận ủy …"."""
    plan = item.plan
    assert plan is not None
    parts = [feed_text("plan_number", lang, number=plan.number) if plan.number else "",
             feed_text("plan_issued", lang, day=fmt(plan.issued)) if plan.issued else "",
             feed_text("plan_issuer", lang, issuer=plan.issuer) if plan.issuer else ""]
    ref = " ".join(p for p in parts if p)
    return feed_text("plan", lang, title=plan.title) + (f" — {ref}" if ref else "")


def _moved_instances(item: Item, base: FeedEvent, lang: str) -> Iterator[FeedEvent]:
    """Overrides for the instances a working-day shift moves (same UID, RECURRENCE-ID)."""
    for _, due in instance_dues(item):
        if due is None or not due.moved:
            continue
        note = f"{word('feed_shifted', lang)}: {due.describe(lang)}"
        yield base._replace(start=due.day, end=due.day, rrule=None, recurrence_id=due.written,
                            description=f"{base.description}\n{note}")


def dtend(event: FeedEvent) -> date:
    return event.end + timedelta(days=1)


# -- reminders (VALARM, RFC 5545 §3.6.6) ----------------------------------------------------

#: The local hour a reminder fires at, on a working day (an all-day event starts at 00:00).
ALARM_HOUR = 8
#: Instances of a recurring report looked at for its reminders (ten years of months).
SERIES_LOOK = 120


@lru_cache(maxsize=65536)
def alarm_day(day: date, days: int) -> date:
    """The working day on or before ``days`` days before ``day`` (weekends and public holidays
    skipped as a deadline is: :func:`scheduler.plans.workdays.shift`)."""
    return shift(day - timedelta(days=days), Shift.BEFORE).day


def alarm_offset(event: FeedEvent, days: int) -> int:
    """How many days before the event's first day its ``days``-day reminder fires. A recurring
    event has one TRIGGER for every instance: the largest offset its working-day instances
    need, so that no reminder comes later than asked."""
    return _offset(event.rrule, event.start, days)


@lru_cache(maxsize=16384)
def _offset(rrule: str | None, start: date, days: int) -> int:
    days_of = _series_days(rrule, start) if rrule else (start,)
    working = [d for d in days_of if alarm_day(d, 0) == d] or days_of
    return max((d - alarm_day(d, days)).days for d in working)


def series_days(event: FeedEvent) -> tuple[date, ...]:
    """The days of a recurring event's instances as written (RRULE from DTSTART)."""
    assert event.rrule is not None
    return _series_days(event.rrule, event.start)


def _series_days(rrule: str, start: date) -> tuple[date, ...]:
    # the rule's days as items.instances has them (cached there: every reminder of a report,
    # and its reminders' check, asks for the same days)
    return rule_days(rrule, start)[:SERIES_LOOK]


def trigger(offset: int) -> str:
    """A TRIGGER duration (§3.3.6) relative to an all-day event's start (its day at 00:00):
    08:00 ``offset`` days before it. ``trigger(3)`` is ``-P2DT16H``; ``trigger(0)`` ``PT8H``."""
    hours = offset * 24 - ALARM_HOUR
    if hours < 0:
        return f"PT{-hours}H"
    whole, rest = divmod(hours, 24)
    return "-P" + (f"{whole}D" if whole else "") + (f"T{rest}H" if rest else "")


def alarm_triggers(event: FeedEvent) -> list[str]:
    """One TRIGGER per reminder, the earliest first; two reminders that land on the same
    working day ring once."""
    if event.kind not in ALARM_KINDS:
        return []
    offsets = sorted({alarm_offset(event, days) for days in event.reminders}, reverse=True)
    return [trigger(offset) for offset in offsets]


def _series_reminders(master: FeedEvent, moved: list[FeedEvent]) -> tuple[int, ...]:
    """The reminders of a recurring report that never fire on or before the previous
    instance's day: a monthly report keeps its 7- and 1-day reminders, not a 30-day one (it
    would ring the day after the previous report was due)."""
    if master.kind not in ALARM_KINDS:
        return master.reminders
    overrides = {m.recurrence_id: m for m in moved}
    days = series_days(master)
    kept = []
    for n in master.reminders:
        offset = alarm_offset(master, n)
        rings = [(alarm_day(overrides[d].start, n), overrides[d].start) if d in overrides
                 else (d - timedelta(days=offset), d) for d in days]
        if all(ring > previous for (ring, _), (_, previous) in zip(rings[1:], rings,
                                                                   strict=False)):
            kept.append(n)
    return tuple(kept)


# -- deadlines and key days -----------------------------------------------------------------

#: A window longer than this many days shows as its first and last day in a key-days feed.
KEY_DAYS_LONGEST = 7
MARKERS = ("start", "end")


def key_days(events: Iterable[FeedEvent], lang: str = "vi") -> list[FeedEvent]:
    """The events of a "deadlines and key days" feed: one-day events (deadlines, reports,
    anniversary days) and short windows as they are; a window longer than
    :data:`KEY_DAYS_LONGEST` days as two one-day events, "Bắt đầu: …" on its first day and
    "Kết thúc: …" on its last, with their own UIDs (:func:`marker_uid`); recurring events and
    their overrides as they are."""
    out: list[FeedEvent] = []
    for event in events:
        if event.rrule or event.recurrence_id is not None or \
                (event.end - event.start).days < KEY_DAYS_LONGEST:
            out.append(event)
            continue
        out += [_marker(event, "start", event.start, lang),
                _marker(event, "end", event.end, lang)]
    return out


def marker_uid(uid: str, which: str) -> str:
    """``plan/p/a@kyniem`` → ``plan/p/a/start@kyniem``: stable, derived from the window's."""
    head, at, domain = uid.rpartition("@")
    return f"{head}/{which}@{domain}" if at else f"{uid}/{which}"


def window_uid(uid: str) -> str:
    """The UID of the window a key-day marker stands for (the marker's own UID otherwise):
    its row on the plan's page. Activity UIDs are ``plan/<plan>/<activity>[/peak]``, so a
    marker's has at least four parts."""
    head, at, domain = uid.rpartition("@")
    base, _, last = (head if at else uid).rpartition("/")
    if last in MARKERS and base.count("/") >= 2:
        return f"{base}{at}{domain}"
    return uid


def _marker(event: FeedEvent, which: str, day: date, lang: str) -> FeedEvent:
    summary = event.summary
    key = f"key_{which}"
    if event.kind is ItemKind.PEAK:
        summary = summary.removeprefix(PREFIX[ItemKind.PEAK][1 if lang == "en" else 0])
        key = f"key_peak_{which}"
    whole = feed_text("key_window", lang, start=fmt(event.start), end=fmt(event.end))
    return event._replace(
        uid=marker_uid(event.uid, which), summary=feed_text(key, lang, summary=summary),
        start=day, end=day, description="\n".join(filter(None, (whole, event.description))),
        digest="").sealed()
