"""Messages of terminal views at every width (scheduler/outputs, remind/views.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
}
