"""Reminder daemon benchmark: 10,000 scheduled reminders.

Starts ``kyniem remind``'s daemon (the real one: APScheduler, SQLite job store, delivery log)
in a subprocess with 10,000 synthetic reminders — most spread over the coming year, ``--due``
of them a few seconds ahead — and reports:

* start time: process start → scheduler running with every job synced (cold: empty store,
  10,000 inserts; warm: a restart on the synced store, only the difference written);
* peak RSS of the daemon (``VmHWM``);
* delay between each due reminder's time and its delivery (p50, p99, max).

Targets (issue 5): start < 2 s, RSS < 150 MB, p99 delay < 1 s.

The reminders come from a synthetic source (``Options.source``) rather than a feed: parsing a
10,000-event iCalendar file with icalendar 7 alone takes ~3.5 s, which measures icalendar, not
the daemon (a province's real feed has hundreds of events).

    python bench/remind.py [--n 10000] [--due 200] [--ahead 4]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"start": 2.0, "rss_mb": 150.0, "p99": 1.0}


def child(args: argparse.Namespace) -> None:
    """The daemon process: synthetic reminders, the real daemon."""
    from scheduler.commands import Settings
    from scheduler.dates import VN_TZ
    from scheduler.remind import service
    from scheduler.remind.plan import Clock, Reminder

    base = datetime.fromtimestamp(args.base, VN_TZ)
    due_at = datetime.fromtimestamp(args.due_at, VN_TZ)
    far = [Reminder(job_id=f"bench/far/{i}#0d", uid=f"bench/far/{i}", kind="deadline",
                    title=f"Bench deadline {i}", anchor=(base + timedelta(days=2 + i % 360)).date(),
                    days=0, fire_at=base + timedelta(days=2 + i % 360, seconds=i),
                    lead="Unit") for i in range(args.n - args.due)]
    soon = [Reminder(job_id=f"bench/due/{args.run}/{i}#0d", uid=f"bench/due/{args.run}/{i}",
                     kind="report", title=f"Bench due {i}", anchor=due_at.date(), days=0,
                     fire_at=due_at + timedelta(milliseconds=10 * i), lead="Unit")
            for i in range(args.due)]
    options = service.Options(store=args.store, as_json=True, desktop=False, milestones=False,
                              refresh=3600, source=lambda now: far + soon, clock=Clock())
    service.daemon(Settings(), options)


def run_once(store: str, args: argparse.Namespace, run: int, base: float) -> dict[str, float]:
    due_at = time.time() + args.ahead
    cmd = [sys.executable, __file__, "--child", "--store", store, "--n", str(args.n),
           "--due", str(args.due), "--base", str(base), "--due-at", str(due_at),
           "--run", str(run)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)
    assert proc.stdout is not None and proc.stderr is not None
    ready: list[float] = []

    def watch_stderr() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            if not ready:
                ready.append(time.perf_counter() - started)
            sys.stderr.write("  daemon: " + line)

    threading.Thread(target=watch_stderr, daemon=True).start()
    delays = []
    for line in proc.stdout:
        event = json.loads(line) if line.startswith("{") else {}
        if event.get("event") == "reminder":
            shown = datetime.fromisoformat(event["shown_at"])
            fired = datetime.fromisoformat(event["fire_at"])
            delays.append((shown - fired).total_seconds())
            if len(delays) == args.due:
                break
    rss = 0.0
    with open(f"/proc/{proc.pid}/status", encoding="ascii") as fh:
        for row in fh:
            if row.startswith("VmHWM:"):
                rss = int(row.split()[1]) / 1024
    proc.send_signal(signal.SIGTERM)
    proc.wait(30)
    delays.sort()
    p99 = delays[max(0, int(len(delays) * 0.99) - 1)] if delays else float("nan")
    return {"start": ready[0] if ready else float("nan"), "rss_mb": rss, "p99": p99,
            "p50": statistics.median(delays) if delays else float("nan"),
            "max": max(delays) if delays else float("nan"), "delivered": len(delays)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--due", type=int, default=200)
    parser.add_argument("--ahead", type=float, default=4.0)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--base", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--due-at", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--run", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        store = f"sqlite:///{tmp}/bench.sqlite"
        base = datetime.combine(date.today(), datetime.min.time()).timestamp()
        cold = run_once(store, args, 1, base)
        warm = run_once(store, args, 2, base)
    print(f"kyniem remind benchmark: {args.n} reminders, {args.due} due {args.ahead:g} s "
          "after start")
    for name, result in (("cold start (empty store)", cold), ("warm restart", warm)):
        print(f"  {name}:")
        print(f"    start        {result['start']:.2f} s   (target < {TARGETS['start']:g} s)")
        print(f"    peak RSS     {result['rss_mb']:.0f} MB   (target < {TARGETS['rss_mb']:g} MB)")
        print(f"    delay p50    {result['p50'] * 1000:.0f} ms")
        print(f"    delay p99    {result['p99'] * 1000:.0f} ms   (target < "
              f"{TARGETS['p99'] * 1000:g} ms)")
        print(f"    delay max    {result['max'] * 1000:.0f} ms   "
              f"({result['delivered']:.0f}/{args.due} delivered)")
    ok = all(r[k] < TARGETS[k] for r in (cold, warm) for k in TARGETS)
    print("targets met" if ok else "TARGETS MISSED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
