"""What ``kyniem token`` prints: each secret address under its feed, whole (an address is
never cut to fit a terminal: a clerk copies it), with its state (plain, rich, JSON)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..dates import fmt
from ..wording import say

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


WIDTH = 80  # a pipe has no width: the house rule


@dataclass(frozen=True)
class TokenRow:
    feed: str  # a private feed's key, or "index"
    name: str  # its calendar's name ("" for the index)
    hint: str
    created: date
    revoked: date | None
    token: str | None  # None once revoked
    path: str | None  # s/<token>/… in the site
    url: str | None  # with --base-url (or the config's base_url)
    published: bool = True  # its calendar was in the last build


@dataclass(frozen=True)
class TokensView:
    rows: tuple[TokenRow, ...]
    lang: str
    action: str  # list | new | revoked | revoked_last

    def _lines(self) -> list[tuple[str, str]]:
        """(style, text) lines."""
        w = self.lang
        if self.action == "list" and not self.rows:
            return [("", say("token_none").render(w))]
        out: list[tuple[str, str]] = []
        if self.action != "list":
            out.append(("bold", say(f"token_done_{self.action}",
                                    feed=self.rows[0].feed).render(w)))
        for r in self.rows:
            feed = say("token_index").render(w) if r.feed == "index" else r.feed
            if r.name:
                out.append(("bold", r.name))
            if r.revoked is not None:
                out.append(("dim", say("token_revoked_line", feed=feed, hint=r.hint,
                                       day=fmt(r.revoked)).render(w)))
                continue
            out.append(("cyan", say("token_live_line", feed=feed,
                                    day=fmt(r.created)).render(w)))
            if not r.published:
                out.append(("yellow", "  " + say("token_unpublished").render(w)))
                continue
            out.append(("", "  " + (r.url or r.path or "")))
        if self.action == "new" or (self.action == "list" and self.rows
                                    and not any(r.url for r in self.rows)):
            out.append(("dim", say("token_rebuild" if self.action == "new"
                                   else "token_no_base").render(w)))
        if self.action.startswith("revoked"):
            out.append(("dim", say(f"token_after_{self.action}").render(w)))
        return out

    def plain(self) -> str:
        """Within 80 columns, but for an address: a clerk copies it whole."""
        out = []
        for _, text in self._lines():
            if text.startswith("  ") and "/" in text:
                out.append(text)
            else:
                indent = " " * (len(text) - len(text.lstrip()))
                out += textwrap.wrap(text, WIDTH, subsequent_indent=indent or "  ",
                                     break_long_words=False, break_on_hyphens=False) or [""]
        return "\n".join(out)

    def as_json(self) -> list[dict[str, Any]]:
        return [{"feed": r.feed, "name": r.name, "token": r.token, "hint": r.hint, "path": r.path,
                 "url": r.url, "created": r.created.isoformat(),
                 "revoked": r.revoked.isoformat() if r.revoked else None,
                 "published": r.published} for r in self.rows]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        for style, text in self._lines():
            yield Text(text, style=style or "", overflow="fold")
