"""``kyniem when``: how a time phrase is read, for checking a plan's wording."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..dates import fmt
from ..i18n import word
from ..plans.window import Window
from ..wording import MESSAGES
from .layout import facts

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult



def _pick(group: str, key: str, lang: str) -> str:
    pair = MESSAGES.get(f"{group}_{key}", (key, key))
    return pair[1] if lang == "en" else pair[0]


@dataclass(frozen=True)
class WhenView:
    window: Window
    lang: str

    def _rows(self, window: Window, indent: str = "") -> list[list[str]]:
        lang = self.lang
        rows = [[indent + word("phrase", lang), window.phrase]]
        if window.start is not None and window.end is not None:
            rows += [
                [indent + word("start", lang),
                 f"{fmt(window.start)} ({_pick('closure', window.start_from, lang)})"],
                [indent + word("end", lang),
                 f"{fmt(window.end)} ({_pick('closure', window.end_from, lang)})"],
            ]
        rows.append([indent + word("precision", lang),
                     _pick("precision", window.precision, lang)])
        if window.rrule:
            rows.append([indent + word("rrule", lang), window.rrule])
        return rows

    def _all_rows(self) -> list[list[str]]:
        rows = self._rows(self.window)
        if self.window.peak is not None:
            rows.append([word("peak", self.lang) + ":", ""])
            rows += self._rows(self.window.peak, "  ")
        return rows

    def plain(self) -> str:
        """"key: value" lines, a long value (the phrase) wrapping under itself."""
        return "\n".join(facts(self._all_rows()))

    def as_json(self) -> dict[str, Any]:
        return self.window.as_json()

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table

        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for key, value in self._all_rows():
            table.add_row(key, value)
        yield table
