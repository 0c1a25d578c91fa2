"""The reader's two exceptions: the public one, and the one raised while reading."""

from __future__ import annotations


class PhraseError(ValueError):
    """A phrase the reader does not understand; ``reason`` says what, in one English sentence."""

    phrase: str
    reason: str

    def __init__(self, phrase: str, reason: str) -> None:
        super().__init__(f"cannot read {phrase!r}: {reason}")
        self.phrase = phrase
        self.reason = reason


class Unreadable(Exception):
    """Internal: what went wrong, before the phrase is attached (becomes a PhraseError)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

