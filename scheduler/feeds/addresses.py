"""Addresses that never break (issue 11): a unit feed's path is recorded in the site's state
the first time it is published and kept from then on; a feed that must go away keeps
answering for a grace period, saying where it moved; an event that leaves a feed is
published there once more, cancelled, before it goes.

- **Paths.** A unit's feed is first published at its identity's path
  (:func:`.catalogue.unit_path`). A new identity that shares a spelling with one that is
  gone (a body renamed in the directory, an unlisted name given an entry) takes over the
  gone one's path, so its subscribers keep their calendar.
- **Moved and removed feeds.** An identity that is gone keeps its path answering for
  :data:`GRACE`: a calendar named "(đã chuyển)" whose description and one notice event say
  which feed now holds its work, and its events cancelled.
- **Cancelled events.** RFC 5545 §3.8.1.11 STATUS:CANCELLED with a higher SEQUENCE
  (§3.8.7.4) is how a publisher withdraws an event: clients that only poll a feed otherwise
  keep a vanished event or drop it silently. Each event of a plan that leaves a feed is kept
  in that feed, cancelled, for :data:`GRACE` (Google polls every 12–24 h, Outlook every few
  hours, a phone may be off for days). Not an anniversary day (it still comes: a year that
  left the horizon at New Year), nor an event already over: those just leave.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property

from ..dates import VN_TZ
from ..i18n import word
from ..items import ItemKind
from .catalogue import unit_path
from .events import FeedEvent, feed_uid
from .ledger import Stamp
from .parts import Part, read_part
from .writer import event_bytes, fold

GRACE = timedelta(days=30)
PLAN = "plans:"  # the book's identity of a plan's feed (no unit id holds a colon)

TABLES = """
CREATE TABLE IF NOT EXISTS addresses (identity TEXT PRIMARY KEY, path TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL, spellings TEXT NOT NULL, gone TEXT, moved_to TEXT);
CREATE TABLE IF NOT EXISTS cancelled (path TEXT NOT NULL, key TEXT NOT NULL,
    since TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (path, key));
"""


@dataclass
class Address:
    identity: str
    path: str
    name: str  # the feed's name when last published
    spellings: set[str]  # keys (scheduler.units.normalise) of the names it served
    gone: datetime | None = None
    moved_to: str | None = None  # the path that holds its work now


@dataclass
class Tombstone:
    path: str
    key: str
    since: datetime
    data: bytes  # the event's last bytes, cancelled


@dataclass
class Book:
    """The site's addresses and cancelled events, read at the start of a build and written
    in the build's transaction (:meth:`save`)."""

    now: datetime
    addresses: dict[str, Address] = field(default_factory=dict)
    tombstones: dict[tuple[str, str], Tombstone] = field(default_factory=dict)
    dropped: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def open(cls, db: sqlite3.Connection, now: datetime) -> Book:
        db.executescript(TABLES)
        book = cls(now)
        for identity, path, name, spellings, gone, moved in db.execute(
                "SELECT * FROM addresses"):
            book.addresses[identity] = Address(
                identity, path, name, set(json.loads(spellings)),
                datetime.fromisoformat(gone) if gone else None, moved)
        for path, k, since, data in db.execute("SELECT * FROM cancelled"):
            book.tombstones[path, k] = Tombstone(path, k, datetime.fromisoformat(since),
                                                 bytes(data))
        return book

    # -- paths -------------------------------------------------------------------------------

    def place(self, units: dict[str, Seen], before: dict[str, Seen],
              private: frozenset[str] = frozenset()) -> dict[str, str]:
        """Site paths of this build's unit feeds: ``units`` is this build's identities,
        ``before`` those of the previous parts of the plan files that changed; canonical
        path → site path out. Identities no longer present are marked gone (and where
        their work moved; nowhere when one of their spellings is in ``private``, the
        spellings of private units: the feed went private, issue 13)."""
        taken = {a.path: a.identity for a in self.addresses.values()}
        paths: dict[str, str] = {}
        for identity in sorted(units):
            seen = units[identity]
            known = self.addresses.get(identity)
            if known is None:
                known = self._inherit(identity, seen, set(units), before)
            if known is None:
                path = seen.path
                n = 2
                while path in taken and taken[path] != identity:
                    path = seen.path.removesuffix(".ics") + f"-{n}.ics"
                    n += 1
                known = Address(identity, path, seen.name, set())
            known.name, known.gone, known.moved_to = seen.name, None, None
            known.spellings |= seen.spellings
            self.addresses[identity] = known
            taken[known.path] = identity
            paths[seen.path] = known.path
        for address in self.addresses.values():
            if address.identity.startswith(PLAN):  # plan feeds: keep_plans
                continue
            if address.identity not in units and address.gone is None:
                address.gone = self.now
                if address.spellings & private:  # its work did not move: it is internal
                    continue
                old = before.get(address.identity)
                place = address.identity.rpartition("/")[0]
                address.moved_to = next(  # a body of the same place (as _inherit asks)
                    (paths[units[i].path] for i in sorted(units)
                     if i.rpartition("/")[0] == place
                     and (units[i].spellings & address.spellings
                          or (old and _same_work(old.keys, units[i].keys)))), None)
        return paths

    def _inherit(self, identity: str, seen: Seen, present: set[str], before: dict[str, Seen]
                 ) -> Address | None:
        """The address of a gone identity of the same place that served one of these
        spellings, or did the same work before: a rename keeps its subscribers."""
        place = identity.rpartition("/")[0]
        for old in sorted(self.addresses.values(), key=lambda a: a.identity):
            if old.identity in present or old.identity.rpartition("/")[0] != place \
                    or old.identity.startswith(PLAN):
                continue
            did = before.get(old.identity)
            if old.spellings & seen.spellings or (did and _same_work(did.keys, seen.keys)):
                del self.addresses[old.identity]
                return Address(identity, old.path, old.name, set(old.spellings))
        return None

    def keep_plans(self, plans: dict[str, tuple[str, str]],
                   renamed: dict[str, str] | None = None) -> None:
        """Plan feeds (``plan_id`` → (path, name)) in the book too: a plan removed, or made
        private (issue 13), leaves a feed that keeps answering for :data:`GRACE`, its
        events cancelled, instead of a 404 (issue 11: "a feed that must go away keeps
        answering"). A plan's work never moves to another plan's feed, but a plan file
        whose ``id`` was changed (``renamed``: old id → new) is the same plan: its old feed
        says where the plan is now, when that feed is public."""
        for plan_id, (path, name) in plans.items():
            known = self.addresses.get(PLAN + plan_id)
            if known is None or known.path != path:
                known = Address(PLAN + plan_id, path, name, set())
            known.name, known.gone, known.moved_to = name, None, None
            self.addresses[known.identity] = known
        for address in self.addresses.values():
            plan_id = address.identity.removeprefix(PLAN)
            if address.identity.startswith(PLAN) and address.gone is None \
                    and plan_id not in plans:
                address.gone = self.now
                now = (renamed or {}).get(plan_id)
                address.moved_to = plans[now][0] if now in plans else None

    def expires(self) -> str | None:
        """When the first grace period ends (a moved feed's, a cancelled event's): from then
        on a build changes the site even if nothing else did."""
        ends = [t.since + GRACE for t in self.tombstones.values()]
        ends += [a.gone + GRACE for a in self.retired() if a.gone]  # ended ones stay here
        return min(ends).isoformat() if ends else None

    def retired(self) -> list[Address]:
        """Gone feeds still inside their grace period: they keep answering."""
        return [a for a in self.addresses.values()
                if a.gone is not None and self.now - a.gone < GRACE]

    # -- cancelled events ------------------------------------------------------------------

    def cancel(self, before: Iterable[Part], now_keys: dict[str, set[str]],
               site_path: Callable[[str], str], stamp: Callable[[str, str], Stamp],
               live: set[str], lang: str, hidden: frozenset[str] = frozenset()) -> None:
        """Tombstones for each event of ``before`` (the previous parts of the plan files that
        changed or went) that is no longer in a feed it was in. ``now_keys``: site path →
        the keys it holds now; ``live``: every key of the site (those get no ledger bump,
        their SEQUENCE stays theirs elsewhere); ``hidden``: the keys now in private plans
        (issue 13), withdrawn from public feeds without their text. Anniversary days, and
        events over before today, just leave (:func:`withdrawn`)."""
        today = self.now.astimezone(VN_TZ).date()
        for part in before:
            for canonical, indexes in part.feeds.items():
                path = site_path(canonical)
                held = now_keys.get(path, set())
                for i in indexes:
                    k = part.keys[i]
                    if k in held or (path, k) in self.tombstones:
                        continue
                    old = part.data[part.bounds[i]:part.bounds[i + 1]]
                    if not withdrawn(old, today):
                        continue
                    sequence = _sequence(old) + 1
                    if k not in live:
                        sequence = max(sequence, stamp(k, "cancelled").sequence)
                    bare = k in hidden and not path.startswith("private/")
                    self.tombstones[path, k] = Tombstone(
                        path, k, self.now, cancelled(old, sequence, self.now, lang, bare))
        for (path, k) in list(self.tombstones):
            if k in now_keys.get(path, set()) or self.now - self.tombstones[path, k].since \
                    >= GRACE:
                del self.tombstones[path, k]
                self.dropped.add((path, k))

    def held(self) -> dict[str, list[Tombstone]]:
        """The cancelled events each feed holds, by its path (once the book is settled)."""
        out: dict[str, list[Tombstone]] = defaultdict(list)
        for t in sorted(self.tombstones.values(), key=lambda t: t.key):
            out[t.path].append(t)
        return out

    def save(self, db: sqlite3.Connection) -> None:
        """Write the book (inside the build's transaction)."""
        db.execute("DELETE FROM addresses")
        db.executemany("INSERT INTO addresses VALUES (?, ?, ?, ?, ?, ?)", (
            (a.identity, a.path, a.name, json.dumps(sorted(a.spellings), ensure_ascii=False),
             a.gone.isoformat() if a.gone else None, a.moved_to)
            for a in sorted(self.addresses.values(), key=lambda a: a.identity)))
        db.executemany("DELETE FROM cancelled WHERE path = ? AND key = ?", sorted(self.dropped))
        db.executemany("INSERT OR REPLACE INTO cancelled VALUES (?, ?, ?, ?)", (
            (t.path, t.key, t.since.isoformat(), t.data)
            for t in sorted(self.tombstones.values(), key=lambda t: (t.path, t.key))))


@dataclass
class Seen:
    """A unit identity as the parts show it: its canonical path, name, spelling keys and
    the keys of its events."""

    path: str
    name: str
    spellings: set[str] = field(default_factory=set)
    held: list[tuple[Part, str]] = field(default_factory=list)  # (part, its feed path)

    @cached_property
    def keys(self) -> set[str]:
        """Asked only when a unit appears or goes (a rebuild's usual case asks none of the
        150,000 keys of a national site)."""
        return {part.keys[i] for part, path in self.held for i in part.feeds.get(path, ())}


def units_of(parts: Sequence[Part], label: Callable[[str, str], str] | None = None
             ) -> dict[str, Seen]:
    """The unit identities of ``parts``, by id; ``label`` makes a feed's name of a unit's
    name and locality (a gone feed keeps it: regression, "Đơn vị: …" and "— Quận Thanh
    Xuân" were lost from a stopped unit feed's name)."""
    found: dict[str, Seen] = {}
    for part in parts:
        for path, (group, identity, name, locality) in part.titles.items():
            if group != "unit":
                continue
            seen = found.get(identity)
            if seen is None:  # (not setdefault: a national site has 30,000 of these)
                seen = found[identity] = Seen(unit_path(identity),
                                              label(name, locality) if label else name)
            seen.spellings.update(part.spelled.get(path, ()))
            seen.held.append((part, path))
    return found


def _same_work(old: set[str], new: set[str]) -> bool:
    """Most of what a gone unit did is now another's (a rename, a merge)."""
    return bool(old) and len(old & new) * 2 >= len(old)


def stored_parts(db: sqlite3.Connection, names: Iterable[str]) -> list[Part]:
    """The parts the state holds under ``names``, whatever their key (the previous build's),
    or nothing for a part that does not read back."""
    from ..state import DAMAGED

    out = []
    for name in names:
        row = db.execute("SELECT info, data, detail FROM parts WHERE name = ?",
                         (name,)).fetchone()
        if row is None:
            continue
        try:
            out.append(read_part((), str(row[0]), bytes(row[1]), lambda: "{}", str(row[2])))
        except DAMAGED:
            continue
    return out


# -- bytes ----------------------------------------------------------------------------------

#: What a withdrawn event keeps when its plan went private (issue 13): enough for a client
#: to find and cancel it (RFC 5546 §3.2.5: UID, SEQUENCE, DTSTAMP, DTSTART), and its title.
BARE = frozenset({"BEGIN", "END", "UID", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE",
                  "RECURRENCE-ID", "DTSTART", "DTEND", "RRULE", "SUMMARY", "TRANSP"})


def cancelled(data: bytes, sequence: int, now: datetime, lang: str, bare: bool = False
              ) -> bytes:
    """A published VEVENT withdrawn: STATUS:CANCELLED, the next SEQUENCE, stamped now, its
    alarms gone, its SUMMARY marked (RFC 5545 §3.8.1.11, §3.8.7.4); ``bare``: without its
    description, units, plan and link (:data:`BARE`)."""
    lines = data.decode().replace("\r\n ", "").split("\r\n")
    out: list[str] = []
    alarm = False
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    for line in lines:
        name = line.split(":", 1)[0].split(";", 1)[0]
        if line == "BEGIN:VALARM":
            alarm = True
        if alarm:
            alarm = line != "END:VALARM"
            continue
        if not line or name in ("STATUS", "URL") or (bare and name not in BARE):
            continue  # no URL: the plan's page may be gone, and no longer lists it
        if name == "SEQUENCE":
            line = f"SEQUENCE:{sequence}"
        elif name in ("DTSTAMP", "LAST-MODIFIED"):
            line = f"{name}:{stamp}"
        elif name == "SUMMARY":
            head, _, text = line.partition(":")
            line = f"{head}:{word('feed_cancelled', lang)}{text}"
        elif line == "END:VEVENT":
            out.append("STATUS:CANCELLED")
        out.append(line)
    return "".join(fold(line) for line in out).encode()


def withdrawn(data: bytes, today: date) -> bool:
    """Whether an event that left a feed is published there once more, cancelled. Not an
    anniversary day: it still comes (a year that left the horizon at New Year, a plan gone
    that needed it; "Đã hủy: Kỷ niệm 81 năm Ngày Quốc khánh" would be false), nor an event
    over before ``today`` (its last day: DTEND, exclusive, or its RRULE's UNTIL): it aged
    out, and nothing is left to tell."""
    last = None
    for line in data.replace(b"\r\n ", b"").split(b"\r\n"):
        if line == b"X-KYNIEM-KIND:" + ItemKind.ANNIVERSARY.value.encode():
            return False
        if line.startswith(b"DTEND;VALUE=DATE:"):
            end = _day(line[17:25]) - timedelta(days=1)
            last = end if last is None else max(last, end)
        elif line.startswith(b"RRULE:") and (found := _UNTIL.search(line)) is not None:
            until = _day(found.group(1))
            last = until if last is None else max(last, until)
    return last is None or last >= today


_UNTIL = re.compile(rb"UNTIL=(\d{8})")


def _day(text: bytes) -> date:
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _sequence(data: bytes) -> int:
    for line in data.split(b"\r\n"):
        if line.startswith(b"SEQUENCE:") and line[9:].isdigit():
            return int(line[9:])
    return 0


def notice(address: Address, moved_url: str | None, moved_name: str | None, lang: str,
           stamp: Stamp) -> bytes:
    """The one event a gone feed shows on the day it went: where its work is now."""
    day: date = (address.gone or stamp.modified).astimezone(VN_TZ).date()  # the local day
    if moved_name:
        summary = word("feed_moved_notice", lang, name=moved_name)
        text = word("feed_moved_text", lang, name=moved_name, url=moved_url or "")
    elif address.identity.startswith(PLAN):
        summary = word("feed_removed_notice", lang)
        text = word("feed_plan_removed_text", lang)
    else:
        summary = word("feed_removed_notice", lang)
        text = word("feed_removed_text", lang)
    event = FeedEvent(feed_uid(f"moved/{address.identity}"), summary, day, day,
                      ItemKind.EVENT, text).sealed()
    return event_bytes(event, stamp, lang)
