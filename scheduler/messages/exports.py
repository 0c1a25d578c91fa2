"""Messages of office documents: Word, Excel and CSV (scheduler/exports.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
}
