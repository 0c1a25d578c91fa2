"""The reader's two exceptions: the public one, and the one raised while reading.

Both carry a catalogue :class:`~scheduler.wording.Message` (section ``messages/plans.py``, keys
``phrase_…``), worded when shown in the command's language.
"""

from __future__ import annotations

from ...wording import Message, quote, say


class PhraseError(ValueError):
    """A phrase the reader does not understand: ``reason`` says why, ``message`` the whole
    "cannot read 'PHRASE': REASON" (both worded when shown)."""

    phrase: str
    reason: Message
    message: Message

    def __init__(self, phrase: str, reason: Message) -> None:
        self.phrase = phrase
        self.reason = reason
        self.message = say("phrase_cannot_read", phrase=quote(phrase), reason=reason)
        super().__init__(self.message)

    def __str__(self) -> str:
        return str(self.message)


class Unreadable(Exception):
    """Internal: what went wrong, before the phrase is attached (becomes a PhraseError); the
    catalogue key and its values."""

    def __init__(self, key: str, **values: object) -> None:
        self.reason = say(key, **values)
        super().__init__(self.reason)

    def __str__(self) -> str:
        return str(self.reason)
