from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the user's registries or writes the user's cache."""
    monkeypatch.delenv("KYNIEM_REGISTRY", raising=False)
    monkeypatch.delenv("KYNIEM_LANG", raising=False)
    monkeypatch.setenv("KYNIEM_CACHE_DIR", str(tmp_path / "cache"))
