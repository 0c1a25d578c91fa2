"""Messages of registry files and local registries (scheduler/registry, data/local)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
}
