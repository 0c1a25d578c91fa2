"""What ``kyniem find`` found: each hit's kind and name, then its id and detail below, so a
narrow terminal keeps the whole name (plain, rich, JSON)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..wording import say

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

    from ..finding import Hit

WIDTH = 80  # a pipe has no width: the house rule
_PAD = 14  # the kind column ("Ngày kỷ niệm ")


@dataclass(frozen=True)
class Found:
    query: str
    hits: tuple[Hit, ...]
    lang: str
    matched: bool  # False: the hits are suggestions (nothing matched)

    def _heading(self) -> str:
        if not self.hits:
            return say("find_nothing", text=self.query).render(self.lang)
        key = "find_heading" if self.matched else "find_suggestions"
        return say(key, text=self.query).render(self.lang)

    def _rows(self, width: int) -> list[tuple[str, list[str], str]]:
        """(kind, name lines, id · detail) per hit, the name wrapped to ``width``."""
        rows = []
        for hit in self.hits:
            kind = say(f"find_kind_{hit.kind}").render(self.lang)
            name = textwrap.wrap(hit.name, max(20, width - _PAD)) or [""]
            rows.append((kind, name, " · ".join(p for p in (hit.id, hit.detail) if p)))
        return rows

    def plain(self, width: int = WIDTH) -> str:
        lines = [self._heading()]
        for kind, name, detail in self._rows(width):
            lines.append(f"{kind:<{_PAD}}{name[0]}")
            lines += [" " * _PAD + more for more in name[1:]]
            lines += _whole_ids(detail, width)
        return "\n".join(lines)

    def as_json(self) -> list[dict[str, Any]]:
        return [{"kind": h.kind, "id": h.id, "name": h.name, "detail": h.detail,
                 "score": h.score, "match": self.matched} for h in self.hits]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        yield Text(self._heading(), style="bold")
        for kind, name, detail in self._rows(options.max_width):
            line = Text(f"{kind:<{_PAD}}", style="cyan")
            line.append(name[0])
            yield line
            for more in name[1:]:
                yield Text(" " * _PAD + more)
            for d in _whole_ids(detail, options.max_width):
                yield Text(d, style="dim")


def _whole_ids(detail: str, width: int) -> list[str]:
    """The id and detail lines, indented, wrapped between words only: an id is copied from
    here, and was cut at a hyphen at 80 columns (regression). An id too long for the indent
    starts at the line's start instead, so the view keeps to ``width``."""
    room = max(20, width - _PAD)
    return [(" " * _PAD if len(piece) <= room else "") + piece
            for piece in textwrap.wrap(detail, room, break_on_hyphens=False,
                                       break_long_words=False)]
