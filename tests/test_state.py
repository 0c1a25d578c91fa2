"""Where caches and state live (scheduler/state.py): the XDG rules, one folder per site."""

from __future__ import annotations

import sys

import pytest

from scheduler import state


@pytest.mark.skipif(sys.platform in ("darwin", "win32", "cygwin"), reason="XDG systems only")
@pytest.mark.parametrize("xdg", [None, "/tmp/xdg-state", "relative/ignored"])
def test_default_state_dir_agrees_with_platformdirs(monkeypatch: pytest.MonkeyPatch,
                                                    xdg: str | None) -> None:
    from platformdirs import user_state_dir

    monkeypatch.delenv(state.STATE_ENV, raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_STATE_HOME", xdg)
    assert state.state_dir() == user_state_dir("kyniem", appauthor=False)


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
