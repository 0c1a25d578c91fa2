"""The one error the importer raises: :class:`DocumentError` (a document it cannot read), and
its kind :class:`ImportProblem` (a document read, but no plan can be made of it)."""

from __future__ import annotations

from pathlib import Path

from ..wording import Message, say


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


class ImportProblem(DocumentError):
    """The document was read but makes no plan (no anniversary in its title, no task): the
    wording key and values; the message does not name the file (the caller does)."""

    def __init__(self, path: str, key: str, **values: object) -> None:
        super().__init__(say(key, **values), Path(path))
        self.key, self.values = key, values
