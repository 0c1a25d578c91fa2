"""Controllers of ``kyniem token list | new FEED | revoke TOKEN`` (issue 13): the secret
addresses of a site's private feeds (:mod:`.feeds.tokens`). Plain functions returning views;
a change takes effect at the next ``kyniem build`` (or at once under ``kyniem serve
--watch``, which watches the tokens too)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from .dates import VN_TZ
from .feeds.links import join
from .feeds.tokens import CHANGED, DATABASE, INDEX, SECRET, TOKEN, Token, Tokens
from .outputs.tokens import TokenRow, TokensView
from .registry import InputError, Problem
from .wording import quote, say

#: a token as a person may paste it: alone, or inside its address (``…/s/<token>/…``)
_IN_ADDRESS = re.compile(rf"(?:^|/){SECRET}({TOKEN})(?:/|$)")


def state_folder(out: str, state: str | None) -> Path:
    """The state folder of the site at ``out`` (``--state`` when given), as the build finds
    it (:func:`scheduler.state.site_state`)."""
    from .feeds import release
    from .state import site_state

    folder = Path(state) if state else Path(site_state(str(release.resolve(out).link)))
    if folder.exists() and not folder.is_dir():
        raise InputError([Problem(str(folder), None, "--state", say("state_not_folder"))])
    return folder


def _open(out: str, state: str | None) -> Tokens:
    folder = state_folder(out, state)
    if not (folder / DATABASE).exists():
        raise InputError([Problem(out, None, "--out", say("token_no_site", out=out))])
    return Tokens(folder)


def _changed(tokens: Tokens) -> None:
    """Tell a watching server (``kyniem serve --watch``) that the addresses changed."""
    from .atomic import write_atomic

    write_atomic(tokens.folder / CHANGED, datetime.now(UTC).isoformat().encode())


def _row(t: Token, base_url: str | None) -> TokenRow:
    path = t.path() if t.token else None
    return TokenRow(t.feed, t.name, t.hint, _day(t.created), _day(t.revoked) if t.revoked else None,
                    t.token, path, join(base_url, path) if base_url and path else None,
                    t.published)


def _day(moment: datetime) -> date:
    return moment.astimezone(VN_TZ).date()


def list_tokens(out: str, state: str | None, base_url: str | None, lang: str) -> TokensView:
    """Every token; addresses whole with ``base_url``, else the one the site was built with."""
    from .publish import check_url

    check_url(base_url)
    with _open(out, state) as tokens:
        base_url = base_url or tokens.base_url()
        rows = [_row(t, base_url) for t in tokens.all()]
    return TokensView(tuple(rows), lang, "list")


def new_token(out: str, state: str | None, feed: str, base_url: str | None, lang: str,
              now: datetime | None = None) -> TokensView:
    """Another live address for ``feed`` (a private feed's key as ``list`` shows it, or
    ``index``): hand it out, then revoke the old one."""
    from .publish import check_url

    check_url(base_url)
    with _open(out, state) as tokens:
        known = sorted({t.feed for t in tokens.all()})
        wanted = feed.strip().removeprefix("/")
        if wanted not in known:
            shown = "; ".join(known[:12]) + (" …" if len(known) > 12 else "")
            raise InputError([Problem("", None, "FEED", say(
                "token_unknown_feed", feed=quote(feed), known=shown or "-"))])
        made = tokens.issue(wanted, now or datetime.now(UTC))
        base_url = base_url or tokens.base_url()
        _changed(tokens)
    return TokensView((_row(made, base_url),), lang, "new")


def revoke_token(out: str, state: str | None, given: str, lang: str,
                 now: datetime | None = None) -> TokensView:
    """Revoke a token, given alone, inside its address, or as its hash."""
    found = _IN_ADDRESS.search(given.strip())
    text = found.group(1) if found else given.strip()
    with _open(out, state) as tokens:
        token = tokens.find(text)
        if token is None:
            raise InputError([Problem("", None, "TOKEN", say("token_unknown"))])
        if token.token is None:
            raise InputError([Problem("", None, "TOKEN", say(
                "token_already_revoked", feed=token.feed))])
        done = tokens.revoke(token, now or datetime.now(UTC))
        left = done.feed in tokens.live()
        _changed(tokens)
    return TokensView((_row(done, None),), lang, "revoked" if left else "revoked_last")


__all__ = ["INDEX", "list_tokens", "new_token", "revoke_token", "state_folder"]
