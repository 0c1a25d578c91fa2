"""Control characters stay out of everything kyniem writes.

User files are checked where they are read (``kyniem check`` names file, line and field of
any control character other than tab and newline); what comes from elsewhere (a fetched
feed, an argument) is cleaned on the way out: ESC, BEL, NUL or a C1 control in a terminal
could set its title, move the cursor or worse, and the strict iCalendar parsers reject
them (RFC 5545 §3.3.11 leaves CTLs out of TEXT).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

#: C0 controls but tab and newline, DEL and the C1 controls.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def first_control(text: str) -> int | None:
    """The index of the first control character in ``text``, or None."""
    found = CONTROLS.search(text)
    return None if found is None else found.start()


def strip_controls(text: str) -> str:
    return CONTROLS.sub("", text) if CONTROLS.search(text) else text


_C1 = re.compile(r"[\x7f-\x9f]")


def json_text(value: Any, **options: Any) -> str:
    """JSON with non-ASCII text as it is, but every control character escaped: json escapes
    C0 itself; DEL and C1 (U+009B is a CSI to some terminals) only occur inside strings, so
    escaping them here keeps the JSON the same value."""
    return _escape_c1(json.dumps(value, ensure_ascii=False, **options))


def json_lines(rows: list[Any]) -> str:
    """A JSON list with one item per line, each item compact (:func:`json_text`'s
    escaping): the C encoder writes it, where ``indent`` takes json's pure-Python one (a
    national site's feeds.json, 4,000 feeds, is rewritten whenever a feed's size moves)."""
    if not rows:
        return "[]\n"
    text = ",\n".join([json.dumps(row, ensure_ascii=False) for row in rows])
    return "[\n" + _escape_c1(text) + "\n]\n"


def _escape_c1(text: str) -> str:
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def console(**options: Any) -> Console:
    """A rich Console that drops control characters from the text it renders (rich removes
    only BEL, BS, VT, FF and CR); its own styles and cursor moves are untouched."""
    from rich.console import Console
    from rich.segment import Segment

    class SafeConsole(Console):
        def render(self, renderable: Any, options: Any = None) -> Iterable[Segment]:
            for segment in super().render(renderable, options):
                if segment.control is None and CONTROLS.search(segment.text):
                    segment = Segment(strip_controls(segment.text), segment.style)
                yield segment

    return SafeConsole(**options)
