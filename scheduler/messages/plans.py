"""Messages of plan files, time phrases, units and imports (scheduler/plans, yamlread.py, units, imports)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
}
