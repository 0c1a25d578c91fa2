"""What ``kyniem check`` found."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import word
from ..registry.errors import Problem
from .layout import PIPE_WIDTH, wrap

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
        return "\n".join(self.lines())

    def lines(self, width: int = PIPE_WIDTH) -> list[str]:
        """One problem (or warning) a line, a longer one going on indented, then the
        verdict; within ``width`` cells bar a single long token (a file path)."""
        if self.problems:
            told = [p.render(self.lang) for p in self.problems]
            verdict = word("check_bad_one" if len(told) == 1 else "check_bad", self.lang,
                           n=len(told))
        else:
            told = [f"{word('check_warning', self.lang)}: {w.render(self.lang)}"
                    for w in self.warnings]
            verdict = word("check_ok", self.lang, **self.counts)
        return [line for text in (*told, verdict) for line in wrap(text, width, "", "  ")]

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
        yield Text("\n".join(self.lines(options.max_width)), style=style, overflow="fold")
