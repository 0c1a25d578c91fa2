"""Start-up benchmark: the listings against ``python3 -c pass``, side by side.

Covers ``upcoming``, ``year 2026``, ``agenda`` and ``when "cao điểm từ ngày 15/12/2022"`` (the
installed ``kyniem``, bundled registry and plans, output piped). Each command runs alternately
with ``python -c pass`` (so machine noise hits both alike); the median wall time of each and
their ratio are printed. Target (issues 2 and 12): ratio <= 6 with warm caches (the registry,
the working-day sets and the loaded plans under a fresh cache folder, filled by one run first).
Also reported per command: the cold ratio (``KYNIEM_CACHE_DIR=off``: YAML, lunar astronomy,
``holidays`` and the phrase reader every run) and the heavy modules it imports (none of
icalendar, apscheduler, rich, holidays when piped and warm), and the import cost of the
message catalogue (``scheduler.wording`` with its ``scheduler/messages`` sections).

Bytecode is written to a temporary folder (``PYTHONPYCACHEPREFIX``) even when the environment
says ``PYTHONDONTWRITEBYTECODE``: an installed kyniem has its ``.pyc`` files, and compiling
the sources on every run would be measured otherwise.

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
COMMANDS = (
    ("upcoming", ["upcoming", "--now", "01/01/2026"]),
    ("year 2026", ["year", "2026"]),
    ("agenda", ["agenda", "--now", "15/12/2022"]),
    ("when", ["when", "cao điểm từ ngày 15/12/2022"]),
)
#: Runs kyniem with the plan cache in planning.py's place (bench only; see the docstring).

class Failed(Exception):
    """A command exited with an error: its last line of stderr."""


def kyniem_command(checkout: bool) -> list[str]:
    if checkout:
        return [sys.executable, str(ROOT / "cli.py")]
    here = str(Path(sys.executable).parent)
    script = shutil.which("kyniem", path=here) or shutil.which("kyniem")
    return [script] if script else [sys.executable, str(ROOT / "cli.py")]


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True)  # piped, as a listing often is
    took = time.perf_counter() - start
    if done.returncode:
        lines = done.stderr.decode(errors="replace").strip().splitlines() or ["?"]
        raise Failed(f"exit {done.returncode}: {lines[-1][:100]}")
    return took


def side_by_side(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    baseline = [sys.executable, "-c", "pass"]
    base, ours = [], []
    for _ in range(runs):
        base.append(wall(baseline, env))
        ours.append(wall(cmd, env))
    return statistics.median(base), statistics.median(ours)


def import_times(args: list[str], env: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Module → (self, cumulative) microseconds, from ``python -X importtime``."""
    done = subprocess.run([sys.executable, "-X", "importtime", *args], env=env,
                          capture_output=True, text=True, check=True)
    times = {}
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            own, total, name = line.removeprefix("import time:").split("|")
            if own.strip().isdigit():
                times[name.strip()] = (int(own), int(total))
    return times


def heavy_modules(cmd: list[str], env: dict[str, str]) -> list[str]:
    script_and_args = cmd[1:] if cmd[0] == sys.executable else cmd
    found = {name.split(".")[0] for name in import_times(script_and_args, env)}
    return sorted(found & set(HEAVY))


#: Times importing the catalogue in a process that has what every listing imports before it.
CATALOGUE = ("import time, dataclasses, enum, re, scheduler; start = time.perf_counter(); "
             "import scheduler.wording as w; "
             "print((time.perf_counter() - start) * 1000, len(w.MESSAGES))")


def catalogue_cost(env: dict[str, str], runs: int = 9) -> tuple[float, float, int]:
    """Median milliseconds of importing ``scheduler.wording`` with its message sections:
    alone (cumulative, ``-X importtime``) and on top of the modules every listing imports
    anyway (dataclasses, enum, re); and the number of messages."""
    alone = statistics.median(
        import_times(["-c", "import scheduler.wording"], env)["scheduler.wording"][1]
        for _ in range(runs)) / 1000
    rows = [subprocess.run([sys.executable, "-c", CATALOGUE], env=env, capture_output=True,
                           text=True, check=True).stdout.split() for _ in range(runs)]
    return alone, statistics.median(float(r[0]) for r in rows), int(rows[0][1])


def measure(label: str, cmd: list[str], env: dict[str, str], runs: int) -> list[str]:
    try:
        wall(cmd, env)  # fill the caches (and write the bytecode)
        base, warm = side_by_side(cmd, env, runs)
        cold_base, cold = side_by_side(cmd, {**env, "KYNIEM_CACHE_DIR": "off"},
                                       max(runs // 2, 1))
        heavy = ", ".join(heavy_modules(cmd, env)) or "none"
    except Failed as exc:
        return [f"{label:<34} FAILED ({exc})"]
    verdict = "ok" if warm / base <= 6 else "OVER"
    return [f"{label:<34} warm {warm * 1000:6.1f} ms  ratio {warm / base:5.2f}x  {verdict:<4}"
            f"  | cold {cold * 1000:6.1f} ms  ratio {cold / cold_base:5.2f}x",
            f"{'':<34} python -c pass {base * 1000:5.1f} ms; heavy imports (warm): {heavy}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--checkout", action="store_true",
                        help="run this checkout's cli.py instead of the installed kyniem")
    args = parser.parse_args()
    kyniem = kyniem_command(args.checkout)
    report = [f"kyniem: {' '.join(kyniem)}  (runs: {args.runs} warm, "
              f"{max(args.runs // 2, 1)} cold; target <= 6x warm)"]
    with tempfile.TemporaryDirectory() as scratch:
        # the default cache location under a fresh XDG_CACHE_HOME; no user config or overrides
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("KYNIEM_") and k != "PYTHONDONTWRITEBYTECODE"}
        env.update(XDG_CACHE_HOME=os.path.join(scratch, "cache"),
                   XDG_CONFIG_HOME=os.path.join(scratch, "config"),
                   PYTHONPYCACHEPREFIX=os.path.join(scratch, "pyc"))
        for label, words in COMMANDS:
            report += measure(label, [*kyniem, *words], env, args.runs)
        alone, marginal, count = catalogue_cost(env)
        report.append(f"message catalogue (scheduler.wording + scheduler/messages, {count} "
                      f"messages): {marginal:.1f} ms on top of a listing's imports "
                      f"({alone:.1f} ms imported alone, dataclasses included)")
    print("\n".join(report))


if __name__ == "__main__":
    main()
