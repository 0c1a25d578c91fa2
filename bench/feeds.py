"""Feed benchmark (issues 4 and 11), measured side by side in one run on a synthetic national
data set (bench/national.py: plans × 100 activities; 300 plans by default, ``--plans 1000``
for the national scale).

1. ``kyniem build`` as it was (serially, the garbage collector left as it is) against
   ``kyniem build`` now (fresh plan files in a pool of forked workers, the collector frozen
   and relaxed: scheduler/feeds/pool.py), each cold in a process of its own: wall time and
   CPU per event (CPU: the build's process and its workers), peak RSS of the process and of
   its largest worker, full collections, against the build before issue 11 (``--baseline``,
   from ``git archive``). Target: now/before CPU per event <= 0.6 (wall printed too).
   Then rebuilds of the new site, nothing changed and one plan changed, as fractions of its
   cold build, in time and in CPU (targets <= 1 % and <= 3 %), with the cached event bytes
   each read from the state (issue 11: a no-change rebuild read all 192 MB of them; a
   rebuild now copies the unchanged parts' shares of a feed from its previous file).
   Times are the build's own (``publish.build``).
2. ``--writers``: every feed of the site written two ways from the same feed events:
   kyniem's writer, and the plain approach (one ``icalendar.Event`` per item added to a
   ``Calendar``, ``to_ical()``). Target: ours >= 10x faster. Both outputs are then parsed by
   icalendar and compared event by event on a sample.

    python bench/feeds.py [--plans 300] [--activities 100] [--writers [--sample 40]]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
# a child building with the baseline's code imports that tree's scheduler, not this one
sys.path.insert(0, os.environ.get("KYNIEM_BENCH_CODE") or str(ROOT))
BASELINE = "a585ada"  # main before issue 11: "today's" build, which the targets compare with

from national import generate  # noqa: E402

from scheduler.commands import Settings  # noqa: E402
from scheduler.feeds.catalogue import Feed  # noqa: E402
from scheduler.feeds.events import ALARM_KINDS, FeedEvent  # noqa: E402
from scheduler.feeds.ledger import Ledger  # noqa: E402
from scheduler.feeds.writer import (  # noqa: E402
    PRODID,
    REFRESH,
    TZID,
    CalendarMeta,
    EventBytes,
    calendar_bytes,
    vtimezone,
)
from scheduler.publish import all_feeds  # noqa: E402

NOW = datetime(2026, 1, 1, 17, tzinfo=UTC)


def ours(feeds: list[Feed]) -> dict[str, bytes]:
    render = EventBytes(Ledger(NOW), "vi")
    return {f.path: calendar_bytes(CalendarMeta(f.name), render(f.events)) for f in feeds}


def plain(feeds: list[Feed]) -> dict[str, bytes]:
    """What one writes with the icalendar package alone, item by item."""
    import icalendar

    out = {}
    made: dict[tuple[object, object], object] = {}  # one Event per item, shared by its feeds
    for feed in feeds:
        cal = icalendar.Calendar()
        for key, value in (("VERSION", "2.0"), ("PRODID", PRODID), ("CALSCALE", "GREGORIAN"),
                           ("METHOD", "PUBLISH"), ("NAME", feed.name),
                           ("X-WR-CALNAME", feed.name), ("X-WR-TIMEZONE", TZID),
                           ("X-PUBLISHED-TTL", REFRESH)):
            cal.add(key, value)
        cal.add("REFRESH-INTERVAL", timedelta(hours=12), parameters={"VALUE": "DURATION"})
        cal.add_component(icalendar.Timezone.from_ical(vtimezone()))
        for e in feed.events:
            key = (e.uid, e.recurrence_id)
            if key not in made:
                made[key] = plain_event(icalendar, e)
            cal.add_component(made[key])
        out[feed.path] = cal.to_ical()
    return out


def plain_event(icalendar: object, e: FeedEvent) -> object:
    ev = icalendar.Event()  # type: ignore[attr-defined]
    ev.add("UID", e.uid)
    ev.add("DTSTAMP", NOW)
    ev.add("LAST-MODIFIED", NOW)
    ev.add("SEQUENCE", 0)
    if e.recurrence_id:
        ev.add("RECURRENCE-ID", e.recurrence_id)
    ev.add("DTSTART", e.start)
    ev.add("DTEND", e.end + timedelta(days=1))
    if e.rrule:
        ev.add("RRULE", icalendar.vRecur.from_ical(e.rrule))  # type: ignore[attr-defined]
    ev.add("SUMMARY", e.summary)
    if e.description:
        ev.add("DESCRIPTION", e.description)
    ev.add("TRANSP", "TRANSPARENT")
    ev.add("CATEGORIES", e.kind.value)
    ev.add("X-KYNIEM-KIND", e.kind.value)
    if e.lead:
        ev.add("X-KYNIEM-LEAD", e.lead)
    for p in e.partners:
        ev.add("X-KYNIEM-PARTNER", p)
    if e.kind in ALARM_KINDS:
        for days in e.reminders:
            alarm = icalendar.Alarm()  # type: ignore[attr-defined]
            alarm.add("ACTION", "DISPLAY")
            alarm.add("DESCRIPTION", e.summary)
            alarm.add("TRIGGER", timedelta(days=-days))
            ev.add_component(alarm)
    return ev


def readings(data: bytes) -> list[tuple[object, ...]]:
    import icalendar

    cal = icalendar.Calendar.from_ical(data)
    rows = []
    for ev in cal.walk("VEVENT"):
        rid = ev.get("RECURRENCE-ID")
        rrule = ev.get("RRULE")
        rows.append((str(ev["UID"]), rid.dt if rid else None, ev.decoded("DTSTART"),
                     ev.decoded("DTEND"), rrule.to_ical() if rrule else None,
                     str(ev["SUMMARY"]), str(ev.get("DESCRIPTION", "")), int(ev["SEQUENCE"])))
    return sorted(rows, key=repr)


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--activities", type=int, default=100)
    parser.add_argument("--writers", action="store_true",
                        help="Also kyniem's writer against icalendar (minutes at 300 plans).")
    parser.add_argument("--sample", type=int, default=40, help="Feeds compared event by event.")
    parser.add_argument("--baseline", default=BASELINE,
                        help="The commit whose build is 'before' (git archive of this clone).")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # one build, in its own process
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return
    with tempfile.TemporaryDirectory(prefix="kyniem-bench-") as tmp:
        work = Path(tmp)
        paths = generate(work / "plans", args.plans, args.activities)
        builds(work, paths, baseline(work, args.baseline))
        if args.writers:
            writers(work, args.sample)


def child(spec: dict[str, Any]) -> dict[str, Any]:
    """One ``publish.build`` (or, ``warm``, the registry and units read into the cache)."""
    import gc
    import resource

    settings = Settings(plans=(spec["plans"],), now=date.fromisoformat(spec["now"]))
    if spec.get("warm"):
        settings.registry()
        if hasattr(settings, "resolver"):  # not in the baseline
            settings.resolver()
        return {}
    if spec.get("before"):  # the baseline's build: no tuning, no lazily read bytes
        return build_before(settings, spec)

    from scheduler.feeds.pool import Tuning
    from scheduler.feeds.state import SiteState
    from scheduler.publish import build

    read = [0]
    blob = SiteState.blob

    def counted(state: SiteState, name: str, *args: Any) -> list[bytes]:
        found = blob(state, name, *args)
        read[0] += sum(map(len, found))
        return found

    SiteState.blob = counted  # type: ignore[method-assign]
    tuning = Tuning(workers=spec["workers"], hold_gc=spec["hold_gc"])
    full = gc.get_stats()[2]["collections"]
    in_gc = [0.0, 0.0]  # seconds collecting (this process), when the current one began

    def timed(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            in_gc[1] = time.perf_counter()
        else:
            in_gc[0] += time.perf_counter() - in_gc[1]

    gc.callbacks.append(timed)
    mine, theirs = resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN
    before = [resource.getrusage(who) for who in (mine, theirs)]
    started = time.perf_counter()
    view = build(settings, spec["out"], None, None, state=spec["state"], tuning=tuning)
    wall = time.perf_counter() - started
    after = [resource.getrusage(who) for who in (mine, theirs)]
    cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime
              for a, b in zip(after, before, strict=True))
    return {"wall": wall, "cpu": cpu, "events": view.report.events,
            "feeds": len(view.report.sizes), "written": len(view.report.written),
            "rss": after[0].ru_maxrss / 1024, "worker_rss": after[1].ru_maxrss / 1024,
            "full": gc.get_stats()[2]["collections"] - full, "gc": in_gc[0], "read": read[0]}


def median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median wall time."""
    return sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]


def build_before(settings: Settings, spec: dict[str, Any]) -> dict[str, Any]:
    import gc
    import resource

    from scheduler.publish import build

    full = gc.get_stats()[2]["collections"]
    mine = resource.RUSAGE_SELF
    usage = resource.getrusage(mine)
    started = time.perf_counter()
    view = build(settings, spec["out"], None, None, state=spec["state"])
    wall = time.perf_counter() - started
    after = resource.getrusage(mine)
    return {"wall": wall, "cpu": after.ru_utime + after.ru_stime - usage.ru_utime
            - usage.ru_stime, "events": view.report.events, "feeds": len(view.report.sizes),
            "written": len(view.report.written), "rss": after.ru_maxrss / 1024,
            "worker_rss": 0,
            "full": gc.get_stats()[2]["collections"] - full, "gc": float("nan"), "read": 0}


def baseline(work: Path, commit: str) -> Path | None:
    """The baseline's source tree (``git archive``), or None outside a git clone."""
    tree = work / "baseline"
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit],
                             capture_output=True, check=False)
    if archive.returncode:
        print(f"no baseline: git archive {commit}: {archive.stderr.decode().strip()}")
        return None
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def bytecode() -> dict[str, str]:
    """The environment, with Python writing and reading its bytecode caches: an installed
    kyniem imports from them (pip compiles them), and a machine that sets
    PYTHONDONTWRITEBYTECODE would compile every module in every build, from source (a
    twentieth of a one-plan rebuild: the plan reader is imported only when a plan is read).
    Both codes' are compiled before the first build (compileall)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(work: Path, out: str, now: str, workers: int | None, hold_gc: bool,
        code: Path | None = None) -> dict[str, Any]:
    spec = {"plans": str(work / "plans"), "out": str(work / out),
            "state": str(work / f"{out}.state"), "now": now, "workers": workers,
            "hold_gc": hold_gc, "before": code is not None}
    cache = "cache-before" if code else "cache"
    env = {**bytecode(), "KYNIEM_CACHE_DIR": str(work / cache),
           "KYNIEM_BENCH_CODE": str(code or "")}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", json.dumps(spec)], env=env,
                          check=True, capture_output=True, text=True)
    found: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    found["process"] = time.perf_counter() - started
    return found


def builds(work: Path, paths: list[Path], code: Path | None) -> None:
    """Part 1: cold builds before (the baseline's code), now as before (serial, collector
    as it is) and now, then rebuilds of the new site. Per event: each build's own count of
    events in all.ics (the two codes make the same events; now's feeds are more: key days)."""
    from scheduler.feeds.pool import cpus

    for tree, cache in ((None, "cache"), (code, "cache-before")):
        if tree is not None or cache == "cache":
            # both codes' bytecode made before any build (see bytecode())
            subprocess.run([sys.executable, "-m", "compileall", "-q",
                            str((tree or ROOT) / "scheduler")], check=True, env=bytecode())
            subprocess.run([sys.executable, __file__, "--child", json.dumps(
                {"plans": str(work / "plans"), "now": "2026-01-01", "warm": True})],
                check=True, capture_output=True,
                env={**bytecode(), "KYNIEM_CACHE_DIR": str(work / cache),
                     "KYNIEM_BENCH_CODE": str(tree or "")})
    rows: list[tuple[str, dict[str, Any]]] = []
    if code is not None:
        rows.append((f"cold, before ({BASELINE})", run(work, "before", "2026-01-02", 1, False,
                                                        code)))
    serial = run(work, "serial", "2026-01-02", 1, False)
    new = run(work, "new", "2026-01-02", None, True)
    # rebuilds, three of each (the median: a rebuild is seconds, and this machine's disk
    # stalls now and then); no anniversary falls on 3–6/1, so the index stays as built
    same = median([run(work, "new", "2026-01-03", None, True) for _ in range(3)])
    plan = paths[len(paths) // 2]
    text = plan.read_text(encoding="utf-8")
    edits = [text.replace("Hoạt động 1 ", "Hoạt động một ", 1), text,
             text.replace("Hoạt động 2 ", "Hoạt động hai ", 1)]
    ones = []
    for day, edit in enumerate(edits, start=4):  # an edit, its undoing, another edit
        plan.write_text(edit, encoding="utf-8")
        ones.append(run(work, "new", f"2026-01-0{day}", None, True))
    one = median(ones)
    rows += [("cold, serial, gc as it is", serial), ("cold, pool + gc held", new),
             ("rebuild, nothing changed*", same), ("rebuild, one plan changed*", one)]
    print(f"data: {len(paths)} plans, {new['events']} events in all.ics, {new['feeds']} "
          f"feeds; {cpus()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print(f"{'':27}{'build':>9}{'CPU':>9}{'µs/event':>9}{'CPU µs/ev':>10}{'feeds':>6}"
          f"{'peak RSS':>9}{'worker':>7}{'full GCs':>9}{'in gc':>6}{'read':>8}")
    for label, r in rows:
        worker = f"{r['worker_rss']:.0f}" if r["worker_rss"] else "-"
        in_gc = "-" if r["gc"] != r["gc"] else f"{r['gc']:.1f}s"
        print(f"{label:27}{r['wall']:8.2f}s{r['cpu']:8.2f}s"
              f"{1e6 * r['wall'] / r['events']:9.0f}{1e6 * r['cpu'] / r['events']:10.0f}"
              f"{r['feeds']:6d}{r['rss']:6.0f} MB{worker:>7}{r['full']:9d}{in_gc:>6}"
              f"{r['read'] / 1e6:5.1f} MB")
    print("(µs/event: per event of all.ics; worker: the largest worker's peak RSS, MB; "
          "read: cached event bytes read from the state; *: the median of three)")
    per = {id(r): (r["wall"] / r["events"], r["cpu"] / r["events"]) for _, r in rows}
    if code is not None:
        old = rows[0][1]
        print(f"cold, now / before: {per[id(new)][1] / per[id(old)][1]:.2f} CPU per event "
              f"(target <= 0.6), {per[id(new)][0] / per[id(old)][0]:.2f} wall per event")
    print(f"cold, pool + gc held / serial, gc as it is: {new['cpu'] / serial['cpu']:.2f} CPU, "
          f"{new['wall'] / serial['wall']:.2f} wall")
    print(f"rebuild, nothing changed: {100 * same['wall'] / new['wall']:.1f} % of cold "
          f"(target <= 1 %); one plan changed: {100 * one['wall'] / new['wall']:.1f} % "
          f"(target <= 3 %); in CPU: {100 * same['cpu'] / new['cpu']:.1f} % and "
          f"{100 * one['cpu'] / new['cpu']:.1f} %")


def writers(work: Path, sample_size: int) -> None:
    """Part 1: kyniem's writer against icalendar, on every feed of the site."""
    os.environ["KYNIEM_CACHE_DIR"] = "off"
    settings = Settings(plans=(str(work / "plans"),), now=NOW.date())
    started = time.perf_counter()
    feeds = all_feeds(settings, (2026, 2036))
    loaded = time.perf_counter() - started
    items = len(feeds[0].events)
    total = sum(len(f.events) for f in feeds)
    plans = len(list((work / "plans").glob("*.yaml")))
    print(f"data: {plans} plans, {items} events in all.ics, {len(feeds)} feeds, "
          f"{total} events over all feeds (loaded in {loaded:.1f} s)")

    t0 = time.perf_counter()
    mine = ours(feeds)
    t1 = time.perf_counter()
    theirs = plain(feeds)
    t2 = time.perf_counter()
    print(f"all feeds, kyniem writer      {t1 - t0:8.2f} s  "
          f"({sum(map(len, mine.values())) / 1e6:.0f} MB)")
    print(f"all feeds, icalendar per item {t2 - t1:8.2f} s  ratio {(t2 - t1) / (t1 - t0):.1f}x"
          f"  (target >= 10x)")
    step = max(1, len(feeds) // sample_size)
    sample = [f.path for f in feeds[1::step]]
    same = all(readings(mine[p]) == readings(theirs[p]) for p in sample)
    print(f"same events read back by icalendar in {len(sample)} sampled feeds: {same}")


if __name__ == "__main__":
    main()
