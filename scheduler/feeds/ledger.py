"""The ledger: per UID, the content digest last published, its SEQUENCE and when it changed.

RFC 5545 §3.8.7.4 wants SEQUENCE to grow when a revision matters and §3.8.7.3 LAST-MODIFIED
to say when; Google and Outlook keep an event up to date by its UID. So stamps come from
here, never from the clock alone: building the same data twice gives byte-identical feeds,
and an event's stamp moves only when its own content does. DTSTAMP carries the same moment
(§3.8.7.2 lets it be the last revision; a build time would change every byte every build).
"""

from __future__ import annotations

import json
import pickle
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..atomic import write_atomic
from ..registry import InputError, Problem


@dataclass(frozen=True)
class Stamp:
    sequence: int
    modified: datetime  # UTC, whole seconds


class Ledger:
    """UID → (digest, sequence, modified); ``stamp`` records a change when the digest moves."""

    def __init__(self, now: datetime, entries: dict[str, list[object]] | None = None) -> None:
        self.now = now.astimezone(UTC).replace(microsecond=0)
        self.entries = entries or {}
        self.changed = False

    def stamp(self, key: str, digest: str) -> Stamp:
        entry = self.entries.get(key)
        if entry is None:
            self.entries[key] = [digest, 0, _iso(self.now)]
            self.changed = True
            return Stamp(0, self.now)
        old, sequence, modified = entry
        if old != digest:
            sequence = int(str(sequence)) + 1
            self.entries[key] = [digest, sequence, _iso(self.now)]
            self.changed = True
            return Stamp(sequence, self.now)
        return Stamp(int(str(sequence)), datetime.fromisoformat(str(modified)))

    @classmethod
    def load(cls, path: Path, now: datetime, form: str = "json") -> Ledger:
        """The ledger at ``path`` (a fresh one when missing): JSON (the user's ``--state``
        file) or pickle (a site's own, 100,000 entries read in a blink). A damaged file is an
        error, not a silent restart that would bump every SEQUENCE."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls(now)
        try:
            data = json.loads(raw) if form == "json" else pickle.loads(raw)
            entries = data["events"]
            if not isinstance(entries, dict):
                raise ValueError("'events' is not a mapping")
        except Exception as exc:  # noqa: BLE001 - whatever is wrong, say so and stop
            raise InputError([Problem(str(path), None, "ledger",
                                      f"unreadable ({exc}); move it away to start afresh "
                                      "(every event's SEQUENCE restarts at 0)")]) from None
        return cls(now, entries)

    def save(self, path: Path, form: str = "json") -> None:
        if not self.changed and path.exists():
            return
        if form == "json":  # sorted: a file people may read and diff
            data = {"version": 1, "events": dict(sorted(self.entries.items()))}
            body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        else:
            body = pickle.dumps({"version": 1, "events": self.entries}, pickle.HIGHEST_PROTOCOL)
        write_atomic(path, body)


def _iso(moment: datetime) -> str:
    return moment.isoformat()
