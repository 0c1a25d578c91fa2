"""What ``kyniem check`` found."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import word
from ..registry.errors import Problem

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


@dataclass(frozen=True)
class CheckReport:
    """What ``kyniem check`` found: counts when valid, else one line per problem."""

    problems: tuple[Problem, ...]
    counts: dict[str, int]  # anniversaries, policies, plans, activities, files
    lang: str
    warnings: tuple[Problem, ...] = ()  # worth a look, not wrong (units that look alike)

    @property
    def exit_code(self) -> int:
        return 2 if self.problems else 0

    def plain(self) -> str:
        if self.problems:
            lines = [p.render(self.lang) for p in self.problems]
            return "\n".join([*lines, word("check_bad", self.lang, n=len(lines))])
        told = [f"{word('check_warning', self.lang)}: {w.render(self.lang)}"
                for w in self.warnings]
        return "\n".join([*told, word("check_ok", self.lang, **self.counts)])

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": not self.problems,
            "problems": [
                {"file": p.file, "line": p.line, "field": p.field,
                 "message": p.text(self.lang)}
                for p in self.problems
            ],
            "warnings": [
                {"file": w.file, "line": w.line, "field": w.field,
                 "message": w.text(self.lang)}
                for w in self.warnings
            ],
            **self.counts,
        }

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        style = "red" if self.problems else "green"
        yield Text(self.plain(), style=style)
