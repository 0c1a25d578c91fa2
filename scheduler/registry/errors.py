"""Problems found in user input: each names the file, the line and the field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..wording import Message, current_language, field_word


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str | Message  # a Message is worded in the command's language when shown

    def render(self, lang: str) -> str:
        return self._line(self.text(lang), lang)

    def text(self, lang: str) -> str:
        """The message alone, in ``lang``."""
        return self.message.render(lang) if isinstance(self.message, Message) else self.message

    def __str__(self) -> str:  # in the command's language (wording.use)
        return self._line(str(self.message), current_language())

    def _line(self, text: str, lang: str) -> str:
        return ": ".join(p for p in (self.where, field_word(self.field, lang), text) if p)

    @property
    def where(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


class InputError(Exception):
    """One or more problems in files the user wrote; the CLI prints them and exits 2."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = tuple(problems)
