"""The long variant of ``tests/test_feeds_kill.py``: ``kyniem build`` killed (SIGKILL) at
hundreds of random moments; after each kill and each recovery build the site must be one
whole release, no event's SEQUENCE or LAST-MODIFIED lower than subscribers saw before, and
no staging left behind.

    python bench/kill_build.py [--kills 300] [--seed 9]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_feeds_kill import run_kills  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kyniem-kill-") as folder:
        seen = run_kills(Path(folder), args.kills, args.seed)
    print(f"{args.kills} builds killed, {seen.checks} sites checked, "
          f"{len(seen.sequence)} events, highest SEQUENCE {max(seen.sequence.values())}: "
          f"no SEQUENCE went back, no staging left ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
