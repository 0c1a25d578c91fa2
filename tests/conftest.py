from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from scheduler.wording import use as use_language

FIXTURES = Path(__file__).parent / "fixtures"

# Real parsers, a CalDAV server, an HTTP server and Chromium (tests/interop/servers.py).
pytest_plugins = ["interop.servers"]

# Timing is not what the properties test: a busy CI machine must not turn them flaky.
settings.register_profile("kyniem", deadline=None)
settings.load_profile("kyniem")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the user's registries or writes the user's cache or state."""
    monkeypatch.delenv("KYNIEM_REGISTRY", raising=False)
    monkeypatch.delenv("KYNIEM_LANG", raising=False)
    monkeypatch.delenv("KYNIEM_PLANS", raising=False)
    monkeypatch.delenv("KYNIEM_LOCALITY", raising=False)
    monkeypatch.delenv("KYNIEM_STORE", raising=False)
    monkeypatch.setenv("KYNIEM_CONFIG", str(tmp_path / "config" / "config.toml"))  # none
    monkeypatch.setenv("KYNIEM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KYNIEM_STATE_DIR", str(tmp_path / "state"))
    use_language("vi")  # a command run with --lang en in an earlier test leaves it set
