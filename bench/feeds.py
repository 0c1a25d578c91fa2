"""Feed benchmark (issue 4), measured side by side in one run on a synthetic national data set
(bench/national.py: 1,000 plans × 100 activities ≈ 100,000 dated items by default).

1. Every feed of the site built two ways from the same feed events: kyniem's writer, and the
   plain approach (one ``icalendar.Event`` per item added to a ``Calendar``, ``to_ical()``).
   Target: ours ≥ 10× faster. Both outputs are then parsed by icalendar and compared event by
   event (UID, RECURRENCE-ID, dates, RRULE, SUMMARY, DESCRIPTION, SEQUENCE) on a sample.
2. ``kyniem build`` cold (empty cache and site) against a rebuild after one plan changed, as
   separate processes. Target: the rebuild ≤ 5 % of the cold build.

    python bench/feeds.py [--plans 1000] [--activities 100] [--sample 40]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

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


def build(plans: Path, out: Path, cache: Path, now: str) -> float:
    env = {**os.environ, "KYNIEM_CACHE_DIR": str(cache),
           "KYNIEM_STATE_DIR": str(cache.parent / "state")}
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "build", "--plans", str(plans),
                    "--out", str(out), "--now", now], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--activities", type=int, default=100)
    parser.add_argument("--sample", type=int, default=40, help="Feeds compared event by event.")
    parser.add_argument("--build-only", action="store_true",
                        help="Only part 2: cold build against rebuilds.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kyniem-bench-") as tmp:
        work = Path(tmp)
        paths = generate(work / "plans", args.plans, args.activities)
        if not args.build_only:
            writers(work, args.sample)
        rebuilds(work, paths)


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


def rebuilds(work: Path, paths: list[Path]) -> None:
    """Part 2: ``kyniem build`` cold, then unchanged, then after one plan changed."""
    cache, site = work / "cache", work / "site"
    cold = build(work / "plans", site, cache, "01/01/2026")
    unchanged = build(work / "plans", site, cache, "02/01/2026")
    plan = paths[len(paths) // 2]
    plan.write_text(plan.read_text(encoding="utf-8").replace("Hoạt động 1 ",
                                                             "Hoạt động một ", 1),
                    encoding="utf-8")
    after_edit = build(work / "plans", site, cache, "03/01/2026")
    print(f"kyniem build, cold            {cold:8.2f} s")
    print(f"rebuild, nothing changed      {unchanged:8.2f} s  "
          f"{100 * unchanged / cold:.1f} % of cold")
    print(f"rebuild, one plan changed     {after_edit:8.2f} s  "
          f"{100 * after_edit / cold:.1f} % of cold  (target <= 5 %)")


if __name__ == "__main__":
    main()
