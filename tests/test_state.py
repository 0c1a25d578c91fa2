"""Where caches and state live (scheduler/state.py): the XDG rules, one folder per site."""

from __future__ import annotations

import sys

import pytest

from scheduler import state


@pytest.mark.skipif(sys.platform in ("darwin", "win32", "cygwin"), reason="XDG systems only")
@pytest.mark.parametrize("kind", ["cache", "state"])
@pytest.mark.parametrize("xdg", [None, "/tmp/xdg-dir", "relative/ignored"])
def test_default_folders_agree_with_platformdirs(monkeypatch: pytest.MonkeyPatch, kind: str,
                                                 xdg: str | None) -> None:
    """Without importing platformdirs (it costs a listing's start-up time), the same
    folders it gives on XDG systems."""
    import platformdirs

    monkeypatch.delenv(state.CACHE_ENV if kind == "cache" else state.STATE_ENV,
                       raising=False)
    variable = f"XDG_{kind.upper()}_HOME"
    if xdg is None:
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, xdg)
    ours = state.cache_dir() if kind == "cache" else state.state_dir()
    assert ours == getattr(platformdirs, f"user_{kind}_dir")("kyniem", appauthor=False)


def test_each_site_has_its_own_state(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(state.STATE_ENV, "/srv/state")
    a, b = state.site_state("/var/www/lich"), state.site_state("/var/www/lich2")
    assert a != b and a.startswith("/srv/state/sites/lich-")
    assert state.site_state("/var/www/lich") == a


def test_expect_tells_bool_from_int() -> None:
    assert state.expect(3, int, "n") == 3
    with pytest.raises(state.Invalid):
        state.expect(True, int, "n")
    with pytest.raises(state.Invalid):
        state.expect_list([1, "2"], int, "n")
