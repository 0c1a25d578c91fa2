"""Start-up benchmark: ``kyniem upcoming`` against ``python3 -c pass``, side by side.

Runs the two commands alternately (so machine noise hits both alike) and prints the median
wall time of each and their ratio. Target (issue 2): ratio <= 6 with a warm registry cache.
Also reports the cold ratio (cache disabled: YAML parse + lunar astronomy every run) and
which heavy modules a listing imports (none of icalendar, apscheduler, rich when piped).

    python bench/startup.py [--runs 30] [--checkout]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("icalendar", "apscheduler", "rich", "holidays", "yaml", "starlette", "uvicorn")


def kyniem_command(checkout: bool) -> list[str]:
    if checkout:
        return [sys.executable, str(ROOT / "cli.py")]
    here = str(Path(sys.executable).parent)
    script = shutil.which("kyniem", path=here) or shutil.which("kyniem")
    return [script] if script else [sys.executable, str(ROOT / "cli.py")]


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def side_by_side(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    baseline = [sys.executable, "-c", "pass"]
    base, ours = [], []
    for _ in range(runs):
        base.append(wall(baseline, env))
        ours.append(wall(cmd, env))
    return statistics.median(base), statistics.median(ours)


def imported_modules(cmd: list[str], env: dict[str, str]) -> set[str]:
    """Top-level modules the command imports (``python -X importtime`` on its script)."""
    script_and_args = cmd[1:] if cmd[0] == sys.executable else cmd
    done = subprocess.run([sys.executable, "-X", "importtime", *script_and_args], env=env,
                          capture_output=True, text=True, check=True)
    return {line.rsplit("|", 1)[-1].strip().split(".")[0]
            for line in done.stderr.splitlines() if line.startswith("import time:")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--checkout", action="store_true",
                        help="run this checkout's cli.py instead of the installed kyniem")
    args = parser.parse_args()
    cmd = [*kyniem_command(args.checkout), "upcoming", "--now", "01/01/2026"]
    with tempfile.TemporaryDirectory() as cache:
        # the default cache location, under a temporary XDG_CACHE_HOME
        env = {**os.environ, "XDG_CACHE_HOME": cache}
        for name in ("KYNIEM_REGISTRY", "KYNIEM_CACHE_DIR"):
            env.pop(name, None)
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)  # fill the cache
        base, warm = side_by_side(cmd, env, args.runs)
        cold_base, cold = side_by_side(cmd, {**env, "KYNIEM_CACHE_DIR": "off"}, args.runs // 2)
        heavy = sorted(imported_modules(cmd, env) & set(HEAVY))
    print(f"command: {' '.join(cmd)}")
    print(f"python3 -c pass          {base * 1000:7.1f} ms")
    print(f"kyniem upcoming (warm)   {warm * 1000:7.1f} ms   ratio {warm / base:4.2f}x"
          "  (target <= 6x)")
    print(f"kyniem upcoming (cold)   {cold * 1000:7.1f} ms   ratio {cold / cold_base:4.2f}x"
          "  (cache off)")
    print(f"heavy modules imported:  {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
