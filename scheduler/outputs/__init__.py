"""Last stage of the pipeline: the same lists rendered for a terminal, a pipe or a script."""

from __future__ import annotations

import sys
from typing import Any, Protocol, TextIO

from ..sanitize import strip_controls


class View(Protocol):
    def plain(self) -> str: ...
    def as_json(self) -> Any: ...


def emit(view: View, *, as_json: bool, stream: TextIO | None = None) -> None:
    """JSON when asked; rich on a terminal; plain text when piped. Text goes out as UTF-8
    whatever the locale, without control characters (JSON escapes them)."""
    out = stream or sys.stdout
    raw = getattr(view, "raw", None)
    if raw is not None:  # a file format (an .ics feed, a CSV): bytes as they are
        out.flush()
        out.buffer.write(raw)
        out.buffer.flush()
        if as_json:  # what was written goes beside it (regression: it replaced the file)
            from ..sanitize import json_text

            _write(sys.stderr, json_text(view.as_json()) + "\n")
        return
    if as_json:
        from ..sanitize import json_text

        # a view ending a stream of JSON lines (remind's reminders) is one line too
        lines = getattr(view, "json_lines", False)
        _write(out, json_text(view.as_json(), indent=None if lines else 2) + "\n")
    elif out.isatty():
        from ..sanitize import console

        console(file=out).print(view)
    else:
        _write(out, strip_controls(view.plain()) + "\n")


def _write(out: TextIO, text: str) -> None:
    """UTF-8 bytes when the stream has a buffer (a lone surrogate becomes U+FFFD: the output
    is always valid UTF-8), else text."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text)
        return
    out.flush()
    buffer.write(text.encode("utf-8", "replace"))
    buffer.flush()
