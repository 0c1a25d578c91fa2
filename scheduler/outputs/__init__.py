"""Last stage of the pipeline: the same lists rendered for a terminal, a pipe or a script."""

from __future__ import annotations

import sys
from typing import Any, Protocol, TextIO


class View(Protocol):
    def plain(self) -> str: ...
    def as_json(self) -> Any: ...


def emit(view: View, *, as_json: bool, stream: TextIO | None = None) -> None:
    """JSON when asked; rich on a terminal; plain text when piped."""
    out = stream or sys.stdout
    raw = getattr(view, "raw", None)
    if raw is not None and not as_json:  # a file format (an .ics feed): bytes as they are
        out.flush()
        out.buffer.write(raw)
        out.buffer.flush()
        return
    if as_json:
        import json

        out.write(json.dumps(view.as_json(), ensure_ascii=False, indent=2) + "\n")
    elif out.isatty():
        from rich.console import Console

        Console(file=out).print(view)
    else:
        out.write(view.plain() + "\n")
