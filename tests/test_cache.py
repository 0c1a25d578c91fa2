"""The compiled registry cache: used when fresh, rebuilt on any edit, never required."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from planted import Planted

from scheduler.registry import cache
from scheduler.registry import load as load_module

ROOT = Path(__file__).parent.parent
MINI = Path(__file__).parent / "fixtures" / "registry" / "mini.yaml"


def no_yaml(_: object) -> None:
    raise AssertionError("the YAML loader ran although the cache was fresh")


def test_fresh_cache_skips_the_loader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = cache.load_cached([MINI], tmp_path)
    assert len(list(tmp_path.glob("registry-*.json"))) == 1
    monkeypatch.setattr(load_module, "load_registry", no_yaml)
    assert cache.load_cached([MINI], tmp_path) == first


def test_an_edit_invalidates(tmp_path: Path) -> None:
    reg = tmp_path / "r.yaml"
    reg.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    before = cache.load_cached([reg], tmp_path / "c")
    reg.write_text(reg.read_text(encoding="utf-8").replace("Điện Biên Phủ", "Điện Biên"),
                   encoding="utf-8")
    os.utime(reg, ns=(1, 1))  # even with an old mtime: the size changed
    after = cache.load_cached([reg], tmp_path / "c")
    assert before.get("test-dbp") != after.get("test-dbp")
    entry = after.get("test-dbp")
    assert entry is not None and entry.name == "Chiến thắng Điện Biên"


def test_corrupt_or_unwritable_cache_is_only_a_miss(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    good = cache.load_cached([MINI], tmp_path)
    for file in tmp_path.glob("registry-*.json"):
        file.write_bytes(b"not json")
    assert cache.load_cached([MINI], tmp_path) == good
    assert "registry-" in capsys.readouterr().err  # a note that it was made again
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    assert cache.load_cached([MINI], blocked / "sub") == good


def test_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_VAR, "off")
    assert cache.load_cached([MINI]).get("test-dbp") is not None
    assert not list(tmp_path.rglob("registry-*"))


def test_a_planted_pickle_in_the_cache_runs_nothing(tmp_path: Path) -> None:
    """Regression (issue 9): the registry cache was a pickle, so a file planted in the user
    cache ran code on the next listing command."""
    import pickle

    good = cache.load_cached([MINI], tmp_path)
    marker = tmp_path / "pwned"
    planted = list(tmp_path.glob("registry-*"))
    assert planted
    for file in planted:
        file.write_bytes(pickle.dumps(Planted(marker)))
    assert cache.load_cached([MINI], tmp_path) == good
    assert not marker.exists()


@pytest.mark.parametrize("damage", [
    lambda d: {**d, "anniversaries": [["x"] * 14]},
    lambda d: {**d, "policies": "nd145"},
    lambda d: {**d, "lunar": [[1, 1, 2024, [10 ** 12]]]},
    lambda d: {**d, "lunar": [[1, 1, 2024, 5]]},
    lambda d: {**d, "anniversaries": [[*d["anniversaries"][0][:6], "no-such-policy",
                                        *d["anniversaries"][0][7:]]]},
    lambda d: {**d, "anniversaries": [[*d["anniversaries"][0][:3], [7, 5, True, "solar"],
                                        *d["anniversaries"][0][4:]]]},
])
def test_a_cache_of_the_wrong_shape_is_rebuilt(tmp_path: Path, damage: object) -> None:
    import json

    good = cache.load_cached([MINI], tmp_path)
    (file,) = tmp_path.glob("registry-*.json")
    data = json.loads(file.read_text(encoding="utf-8"))
    file.write_text(json.dumps(damage(data)), encoding="utf-8")  # type: ignore[operator]
    assert cache.load_cached([MINI], tmp_path) == good
    assert json.loads(file.read_text(encoding="utf-8")) == data  # written again, whole


def test_warm_listing_imports_no_parser_or_astronomy(tmp_path: Path) -> None:
    probe = (
        "import runpy, sys\n"
        "sys.argv = ['cli.py', 'upcoming', '--registry', sys.argv[1], '--now', '01/01/2025']\n"
        "try:\n    runpy.run_path('cli.py', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('yaml', 'lunar_vn', 'rich', 'icalendar', 'apscheduler',\n"
        "  'holidays') if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "KYNIEM_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", probe, str(MINI)], cwd=ROOT, env=env,
                           capture_output=True, text=True, check=True) for _ in range(2)]
    assert runs[0].stderr.strip() == "['lunar_vn', 'yaml']"  # cold: parse and compute once
    assert runs[1].stderr.strip() == "[]"  # warm: neither, and nothing heavy
    assert runs[0].stdout == runs[1].stdout
