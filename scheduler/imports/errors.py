"""The one error the importer raises for a document it cannot read."""

from __future__ import annotations

from pathlib import Path

from ..wording import Message


class DocumentError(Exception):
    """A document that cannot be read: missing, of an unknown kind, damaged, locked, scanned.

    ``message`` is worded when shown (``str()`` gives the command's language, ``message.render``
    any other); it names the file itself. ``path`` is the file as the user gave it.
    """

    def __init__(self, message: Message, path: Path) -> None:
        super().__init__(message, path)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return str(self.message)
