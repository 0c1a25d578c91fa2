"""Sections of the one message catalogue (:data:`scheduler.wording.MESSAGES`), one module per
area so that each area's words live beside each other. Every module holds ``MESSAGES``: key →
(Vietnamese, English), ``{name}`` placeholders filled by :func:`scheduler.wording.say`.
:mod:`scheduler.wording` merges them and refuses a key defined twice.
"""

SECTIONS = ("cli", "plans", "registry", "exports", "layouts", "site", "words", "views",
            "serve", "tokens")
