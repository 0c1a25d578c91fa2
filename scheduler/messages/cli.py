"""Messages of the command line: click help, usage errors, config and find (scheduler/cli.py, config.py, finding.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
}
