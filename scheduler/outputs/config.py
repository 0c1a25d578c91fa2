"""What ``kyniem config`` shows: each key, its value and where the value comes from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..wording import Message, say

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


@dataclass(frozen=True)
class Row:
    key: str
    value: str | None  # None: not set (the built-in default applies)
    source: Message


@dataclass(frozen=True)
class ConfigView:
    path: str
    rows: tuple[Row, ...]
    lang: str
    path_only: bool = False
    single: bool = False  # one key asked for: its value alone when piped
    done: Message | None = None  # what was written

    def _value(self, row: Row) -> str:
        return row.value if row.value is not None else say("config_unset_value").render(
            self.lang)

    def plain(self) -> str:
        if self.path_only:
            return self.path
        if self.done is not None:
            return self.done.render(self.lang)
        if self.single:
            return self.rows[0].value or ""
        lines = [say("config_heading", path=self.path).render(self.lang)]
        for row in self.rows:  # stacked: a long path never squeezes the key
            lines.append(f"{row.key} = {self._value(row)}")
            lines.append(f"    ({row.source.render(self.lang)})")
        return "\n".join(lines)

    def as_json(self) -> Any:
        if self.path_only or self.done is not None:
            return {"path": self.path,
                    "done": self.done.render(self.lang) if self.done else None}
        return {"path": self.path, "keys": {
            r.key: {"value": r.value, "source": r.source.key.removeprefix("config_source_")}
            for r in self.rows}}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table

        if self.path_only or self.done is not None or self.single:
            yield self.plain()
            return
        table = Table(title=say("config_heading", path=self.path).render(self.lang),
                      title_justify="left", header_style="bold")
        for key in ("config_key", "config_value", "config_source"):
            table.add_column(say(key).render(self.lang), overflow="fold")
        for row in self.rows:
            table.add_row(row.key, self._value(row), row.source.render(self.lang))
        yield table
