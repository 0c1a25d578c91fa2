"""The ledger: per UID, the content digest last published, its SEQUENCE and when it changed.

RFC 5545 §3.8.7.4 wants SEQUENCE to grow when a revision matters and §3.8.7.3 LAST-MODIFIED
to say when; Google and Outlook keep an event up to date by its UID, and ignore a revision
whose SEQUENCE is lower than one they have. So stamps come from here, never from the clock
alone: building the same data twice gives byte-identical feeds, an event's stamp moves only
when its own content does, and neither ever goes back (a clock set back keeps the last
LAST-MODIFIED). DTSTAMP carries the same moment (§3.8.7.2 lets it be the last revision; a
build time would change every byte every build).

A site keeps its ledger in its state database (:mod:`.state`), committed together with the
release that publishes it; ``kyniem feed --state FILE`` keeps one as JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..atomic import write_atomic
from ..registry import InputError, Problem
from ..state import DAMAGED, Invalid, expect
from ..wording import say

Entry = tuple[str, int, str]  # digest, SEQUENCE, LAST-MODIFIED (ISO, UTC)


@dataclass(frozen=True)
class Stamp:
    sequence: int
    modified: datetime  # UTC, whole seconds


class Ledger:
    """UID → (digest, sequence, modified); ``stamp`` records a change when the digest moves.

    ``floors`` are SEQUENCE numbers already published for keys the ledger lacks (a site whose
    state was lost): such an event starts above its floor, never below."""

    def __init__(self, now: datetime, entries: dict[str, Entry] | None = None,
                 floors: dict[str, int] | None = None) -> None:
        self.now = now.astimezone(UTC).replace(microsecond=0)
        self.entries = entries if entries is not None else {}
        self.floors = floors if floors is not None else {}
        self.dirty: set[str] = set()  # keys changed since loading

    @property
    def changed(self) -> bool:
        return bool(self.dirty)

    def stamp(self, key: str, digest: str) -> Stamp:
        entry = self.entries.get(key)
        if entry is not None and entry[0] == digest:
            return Stamp(entry[1], datetime.fromisoformat(entry[2]))
        if entry is None:
            floor = self.floors.get(key)
            sequence, modified = (0, self.now) if floor is None else (floor + 1, self.now)
        else:
            sequence = entry[1] + 1
            modified = max(self.now, datetime.fromisoformat(entry[2]))
        self.entries[key] = (digest, sequence, modified.isoformat())
        self.dirty.add(key)
        return Stamp(sequence, modified)

    @classmethod
    def load(cls, path: Path, now: datetime) -> Ledger:
        """The JSON ledger at ``path`` (a fresh one when missing). A damaged file is an error,
        not a silent restart that would send every SEQUENCE back to 0."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls(now)
        try:
            data = expect(json.loads(raw), dict, "ledger")
            entries = {expect(k, str, "uid"): entry(v)
                       for k, v in expect(data.get("events"), dict, "events").items()}
        except DAMAGED as exc:
            raise InputError([Problem(str(path), None, "ledger",
                                      say("ledger_damaged", why=exc))]) from None
        return cls(now, entries)

    def save(self, path: Path) -> None:
        if not self.changed and path.exists():
            return
        data = {"version": 1, "events": {k: list(v) for k, v in sorted(self.entries.items())}}
        write_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())


def entry(value: object) -> Entry:
    """One ledger entry read back: [digest, SEQUENCE >= 0, ISO moment], else Invalid."""
    if not isinstance(value, list | tuple) or len(value) != 3:
        raise Invalid("an entry is not [digest, sequence, modified]")
    digest, sequence, modified = value
    if expect(sequence, int, "sequence") < 0:
        raise Invalid("a negative SEQUENCE")
    datetime.fromisoformat(expect(modified, str, "modified"))
    return expect(digest, str, "digest"), sequence, modified
