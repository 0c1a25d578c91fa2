"""Where kyniem keeps what it writes for itself, and how it reads that back safely.

* **Caches** (the compiled registry, fetched feeds) go to the user cache directory; losing one
  costs only time.
* **State** (a site's SEQUENCE ledger, its cached parts and published files) goes to the user
  state directory, one folder per site keyed by the site's real path, or to ``--state DIR``;
  never inside the folder that gets published.

Nothing is read back with pickle or anything else that runs code on load: caches and state are
JSON or SQLite, and every value read is checked (:func:`expect`) before it is used. A cache
that fails the check is thrown away and made again, with a note on stderr (:func:`note`).

The folders follow the XDG Base Directory rules on Linux (``$XDG_CACHE_HOME``,
``$XDG_STATE_HOME``, relative values ignored), as platformdirs computes them; platformdirs is
imported only on other systems, because importing it costs a listing's start-up time.
"""

from __future__ import annotations

import os
import sys
from typing import TypeVar

CACHE_ENV = "KYNIEM_CACHE_DIR"  # "off" disables the registry cache
STATE_ENV = "KYNIEM_STATE_DIR"

T = TypeVar("T")


class Invalid(ValueError):
    """Data read back from a cache or state file is not what kyniem writes."""


def _user_dir(override: str, variable: str, default: str, kind: str) -> str:
    """``$override``, else ``$variable/kyniem`` (the XDG rule, as platformdirs applies it on
    Linux), else platformdirs' ``user_<kind>_dir`` elsewhere."""
    given = os.environ.get(override)
    if given:
        return given
    if sys.platform not in ("darwin", "win32", "cygwin"):
        base = os.environ.get(variable, "").strip()
        if not os.path.isabs(base):  # the XDG spec ignores relative paths
            base = os.path.expanduser(default)
        return os.path.join(base, "kyniem")
    import platformdirs

    found: str = getattr(platformdirs, f"user_{kind}_dir")("kyniem", appauthor=False)
    return found


def cache_dir() -> str:
    """``$KYNIEM_CACHE_DIR``, else the user cache directory (``~/.cache/kyniem``)."""
    return _user_dir(CACHE_ENV, "XDG_CACHE_HOME", "~/.cache", "cache")


def state_dir() -> str:
    """``$KYNIEM_STATE_DIR``, else the user state directory (``~/.local/state/kyniem``)."""
    return _user_dir(STATE_ENV, "XDG_STATE_HOME", "~/.local/state", "state")


def site_state(site: str) -> str:
    """The state folder of the site published at ``site`` (a real path): one per site, so
    two sites never share a ledger, and a site found again at the same path finds its own."""
    import hashlib  # not on a listing's start-up path

    digest = hashlib.blake2b(site.encode(), digest_size=10).hexdigest()
    name = "".join(c if c.isalnum() else "-" for c in os.path.basename(site))[:40] or "site"
    return os.path.join(state_dir(), "sites", f"{name}-{digest}")


#: What reading back a damaged cache can raise (json, the checks, enums, dates, nesting).
DAMAGED = (OSError, ValueError, TypeError, KeyError, OverflowError, RecursionError)


def note(message: object) -> None:
    """One line on stderr about kyniem's own files (a cache rebuilt, state moved)."""
    print(f"kyniem: {message}", file=sys.stderr)


def expect(value: object, kind: type[T], what: str) -> T:
    """``value`` if it is a ``kind`` (bool is not an int here), else :class:`Invalid`."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise Invalid(f"{what}: expected {kind.__name__}, found {type(value).__name__}")
    return value


def expect_list(value: object, kind: type[T], what: str) -> list[T]:
    found = expect(value, list, what)
    if set(map(type, found)) <= {kind}:  # checked in bulk (a rebuild reads 100,000 of them)
        return list(found)
    return [expect(v, kind, what) for v in found]
