"""A pickle an attacker would plant: unpickling it creates a file (issue 9 regressions)."""

from __future__ import annotations

from pathlib import Path


class Planted:
    """Unpickling this runs ``open(marker, "w")``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (open, (str(self.marker), "w"))
