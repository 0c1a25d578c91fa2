"""What a listing imports once its caches are warm (issue 12: ``agenda`` within 6x of
``python -c pass``): never ``holidays``, ``rich`` or ``icalendar`` when its output is piped.
Times are not asserted here (bench/startup.py measures them); the modules are."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("holidays", "rich", "icalendar")
#: Runs the CLI as the ``kyniem`` script does, then names the heavy modules it imported.
CHILD = f"""
import atexit, sys
atexit.register(lambda: print("imported:", *sorted(m for m in {HEAVY!r} if m in sys.modules),
                              file=sys.stderr))
sys.argv[0] = "kyniem"
from scheduler.cli import run
run()
"""


def imported(tmp_path: Path, *args: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KYNIEM_")}
    env.update(KYNIEM_CACHE_DIR=str(tmp_path / "cache"), KYNIEM_CONFIG=str(tmp_path / "none"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run([sys.executable, "-c", CHILD, *args], env=env, capture_output=True,
                          text=True, check=True)  # piped: stdout is not a terminal
    assert done.stdout.strip()
    [line] = [line for line in done.stderr.splitlines() if line.startswith("imported:")]
    return line.split()[1:]


@pytest.mark.parametrize("args", [("agenda", "--now", "15/12/2022"),
                                  ("agenda", "--now", "01/05/2025", "--month")])
def test_a_warm_agenda_imports_nothing_heavy(args: tuple[str, ...], tmp_path: Path) -> None:
    cold = imported(tmp_path, *args)
    assert "holidays" in cold  # the first run works the days off out (and the check can fail)
    assert imported(tmp_path, *args) == []


@pytest.mark.parametrize("args", [("upcoming", "--now", "01/01/2026"), ("year", "2026"),
                                  ("when", "cao điểm từ ngày 15/12/2022")])
def test_other_warm_listings_import_nothing_heavy(args: tuple[str, ...],
                                                  tmp_path: Path) -> None:
    imported(tmp_path, *args)
    assert imported(tmp_path, *args) == []
