"""Layouts that keep a task's title readable at any width (issue 12, item 5).

A list is a table while its short columns leave the title :data:`MIN_TITLE` cells; narrower,
each entry is *stacked*: the title (wrapped, never cut) on a bulleted line, its secondary
fields (kind, units, countdown, window, plan) on an indented line below, joined by " · " and
broken only between fields when they can be. Plain text (a pipe has no width) is laid out for
:data:`PIPE_WIDTH` columns, as the house rule of 80-column terminals and printers has it; the
one thing allowed past it is a single token that has no space to break at (a long URL).

Widths are terminal cells (a combining mark takes none, a wide character two), as rich counts
them, so that plain and rich agree. Nothing here imports rich at module level: piped runs must
not pay for it; :func:`rich_entries` imports it when a terminal view is being drawn.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

#: Columns of plain text: a pipe has no width, and 80 is the house rule.
PIPE_WIDTH = 80
#: The narrowest title column a table may leave; narrower, the entries are stacked.
MIN_TITLE = 30
#: Marks an entry's first line; its title goes on under the bullet's width.
BULLET = "• "
#: Between the secondary fields of a stacked entry.
SEPARATOR = " · "


def cells(text: str) -> int:
    """Terminal cells of ``text``: combining marks and controls take none, East Asian wide and
    full-width characters two (rich's ``cell_len`` counts the same way)."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Cc", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` cells."""
    return text + " " * max(0, width - cells(text))


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Greedy word wrap by cells, as :func:`textwrap.wrap` does it: spaces inside a line kept
    (padding that lines values up survives), dropped where the line breaks; ``first`` starts
    the first line and ``rest`` the others. A word wider than a whole line is kept whole on a
    line of its own (a URL, a file path): cutting it would lose it, and rich folds it on a
    terminal."""
    lines: list[str] = []
    line, used = first, cells(first)
    bare = True  # nothing but the indent on this line yet
    for space, word in _WORDS.findall(" ".join(text.split("\n"))):
        gap = 0 if bare else len(space)
        size = cells(word)
        if not bare and used + gap + size > width:
            lines.append(line)
            line, used, bare, gap = rest, cells(rest), True, 0
        line, used, bare = line + " " * gap + word, used + gap + size, False
    if not bare:
        lines.append(line)
    return lines or [first.rstrip()]


#: A word and the spaces before it (tabs and other blanks count as spaces).
_WORDS = re.compile(r"(\s*)(\S+)")


def join_fields(fields: Iterable[str], width: int, first: str = "", rest: str = "") -> list[str]:
    """Fields joined by " · ", a line broken between fields where one does not fit, and inside
    a field (at its spaces) only when the field is wider than a whole line. A date range such
    as "01/11/2022 – 30/11/2022" therefore stays on one line whenever a line can hold it."""
    lines: list[str] = []
    line, used = first, cells(first)
    bare = True
    for field in (f.strip() for f in fields):
        if not field:
            continue
        size = cells(field)
        if not bare and used + cells(SEPARATOR) + size > width:
            lines.append(line)
            line, used, bare = rest, cells(rest), True
        if bare and used + size > width:  # wider than a whole line: word-wrap it
            parts = wrap(field, width, line, rest)
            lines += parts[:-1]
            line, used, bare = parts[-1], cells(parts[-1]), False
            continue
        line = line + field if bare else line + SEPARATOR + field
        used += size if bare else cells(SEPARATOR) + size
        bare = False
    lines.append(line)
    return [x.rstrip() for x in lines if x.strip()] or [first.rstrip()]


@dataclass(frozen=True)
class Entry:
    """One row of a list, as a stacked layout shows it: the title, then its secondary fields
    in the order the table would show them; ``style`` colours the title on a terminal."""

    title: str
    fields: tuple[str, ...] = ()
    style: str = ""


def entry_lines(entry: Entry, width: int, indent: str = "") -> list[tuple[str, bool]]:
    """The entry's lines, each with whether it belongs to the title. The title hangs under
    the bullet; the fields are indented two cells further, so that a reader (and a script)
    tells them apart without colour."""
    under = indent + " " * cells(BULLET)
    title = [(line, True) for line in wrap(entry.title, width, indent + BULLET, under)]
    if not entry.fields:
        return title
    deeper = under + "  "
    return title + [(line, False) for line in join_fields(entry.fields, width, deeper, deeper)]


def plain_entries(entries: Iterable[Entry], width: int = PIPE_WIDTH,
                  indent: str = "") -> list[str]:
    """Stacked entries as plain lines."""
    return [line for entry in entries for line, _ in entry_lines(entry, width, indent)]


def rich_entries(entries: Iterable[Entry], width: int, indent: str = "",
                 field_style: str = "dim") -> Text:
    """Stacked entries as one rich Text: titles bold in their style, fields dimmed. Called
    from a ``__rich_console__`` only (it imports rich)."""
    from rich.text import Text

    text = Text(overflow="fold")
    for entry in entries:
        for line, is_title in entry_lines(entry, width, indent):
            if text:
                text.append("\n")
            style = f"bold {entry.style}".strip() if is_title else field_style
            text.append(line, style=style)
    return text


def natural(column: Iterable[str]) -> int:
    """The width a column needs to show every cell on one line."""
    return max((cells(line) for cell in column for line in cell.splitlines()), default=0)


def table_fits(fixed: Sequence[int], flexible: Sequence[int], width: int) -> bool:
    """Whether a rich table (rounded or heavy box, one cell of padding each side) whose
    ``fixed`` columns keep their natural widths still leaves each ``flexible`` column its
    minimum, within ``width`` cells: a column costs its width plus three (padding, border)."""
    columns = len(fixed) + len(flexible)
    return sum(fixed) + sum(flexible) + 3 * columns + 1 <= width


def hanging(rows: Sequence[Sequence[str]], width: int = PIPE_WIDTH,
            indent: str = "") -> list[str] | None:
    """Plain columns separated by two spaces whose last column (the title) wraps under
    itself; ``None`` when the short columns would leave the title under :data:`MIN_TITLE`
    cells (the caller stacks the entries instead)."""
    if not rows:
        return []
    count = len(rows[0]) - 1
    widths = [natural(r[i] for r in rows) for i in range(count)]
    if width - cells(indent) - sum(widths) - 2 * count < MIN_TITLE:
        return None
    out: list[str] = []
    for row in rows:
        prefix = indent + "".join(pad(c, w) + "  " for c, w in zip(row, widths, strict=False))
        out += wrap(row[-1], width, prefix, " " * cells(prefix))
    return out


def facts(rows: Iterable[Sequence[str]], width: int = PIPE_WIDTH) -> list[str]:
    """"key: value" lines, values in a column wrapping under itself; when the keys leave the
    values too little, each key on a line of its own and its value indented below."""
    table = [[f"{k}:" if k.strip() and not k.endswith(":") else k, v] for k, v in rows]
    lines = hanging(table, width)
    if lines is None:
        lines = [x for k, v in table for x in [k, *wrap(v, width, "  ", "  ")]]
    return [line.rstrip() for line in lines]
