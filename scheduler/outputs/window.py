"""``kyniem when``: how a time phrase is read, for checking a plan's wording."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..dates import fmt
from ..i18n import word
from ..plans.window import Window
from .text import columns

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

CLOSURE_WORDS: dict[str, tuple[str, str]] = {
    "text": ("theo văn bản", "as written"),
    "anniversary": ("ngày kỷ niệm", "the anniversary day"),
    "campaign-end": ("kết thúc đợt", "the campaign's end"),
    "issued": ("ngày ban hành", "the issue date"),
    "assumed": ("suy ra", "assumed"),
    "plan": ("theo đợt/cao điểm của kế hoạch", "the plan's campaign or peak"),
}
PRECISION_WORDS: dict[str, tuple[str, str]] = {
    "day": ("ngày", "day"),
    "month-part": ("đầu/giữa/cuối tháng", "part of a month"),
    "month": ("tháng", "month"),
    "quarter": ("quý", "quarter"),
    "year": ("năm", "year"),
    "relative": ("theo thời gian của kế hoạch", "relative to the plan's events"),
    "undated": ("chưa có thời gian", "undated"),
}


def _pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    pair = table.get(key, (key, key))
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
                 f"{fmt(window.start)} ({_pick(CLOSURE_WORDS, window.start_from, lang)})"],
                [indent + word("end", lang),
                 f"{fmt(window.end)} ({_pick(CLOSURE_WORDS, window.end_from, lang)})"],
            ]
        rows.append([indent + word("precision", lang),
                     _pick(PRECISION_WORDS, window.precision, lang)])
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
        return columns([[f"{k}:" if k.strip() and not k.endswith(":") else k, v]
                        for k, v in self._all_rows()])

    def as_json(self) -> dict[str, Any]:
        return self.window.as_json()

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table

        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for key, value in self._all_rows():
            table.add_row(key, value)
        yield table
