"""Addresses that never break (feeds/addresses.py): a renamed unit keeps its feed's path
and its events' UIDs; an activity removed from a plan is published once more, cancelled;
a unit feed that goes away keeps answering for its grace period, saying where it went."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from scheduler.cli import main
from scheduler.feeds.addresses import cancelled, withdrawn
from scheduler.plans.load import bundled_plans_dir

PLAN = "phuong-dien-bien-phu-70-2024.yaml"
BOARD = "ke-hoach-phuong-dien-bien-phu-70-2024/ban-bien-tap-ban-tin"


def build(out: Path, plans: Path, now: str, *args: str) -> None:
    result = CliRunner().invoke(main, ["build", "--out", str(out), "--now", now,
                                       "--plans", str(plans), "--base-url",
                                       "https://lich.example.vn/", *args],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output


def events(data: bytes) -> dict[str, str]:
    text = data.decode().replace("\r\n ", "")
    return {re.search(r"^UID:(.*)$", b, re.M).group(1).strip(): b  # type: ignore[union-attr]
            for b in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", text, re.S)}


def units(site: Path) -> dict[str, str]:
    listed = json.loads((site / "feeds.json").read_text(encoding="utf-8"))
    return {f["key"]: f["path"] for f in listed if f["group"] == "unit"}


def seed(tmp_path: Path) -> tuple[Path, str]:
    plans = tmp_path / "plans"
    plans.mkdir()
    text = (bundled_plans_dir() / PLAN).read_text(encoding="utf-8")
    (plans / PLAN).write_text(text, encoding="utf-8")
    return plans, text


def test_a_renamed_unit_keeps_its_address_and_uids(tmp_path: Path) -> None:
    plans, text = seed(tmp_path)
    site = tmp_path / "site"
    build(site, plans, "01/03/2024")
    path = units(site)[BOARD]
    before = events((site / path).read_bytes())
    assert before
    # the plan now calls it by the name the office gave it in its own directory
    mine = tmp_path / "units.yaml"
    mine.write_text('units:\n- id: ban-bien-tap\n  name: "Ban Biên tập"\n  kind: media\n'
                    '  aliases: ["Ban Biên tập Bản tin"]\n', encoding="utf-8")
    (plans / PLAN).write_text(text.replace("Ban Biên tập Bản tin", "Ban Biên tập"),
                              encoding="utf-8")
    build(site, plans, "02/03/2024", "--units", str(mine))
    now = units(site)
    assert BOARD not in now
    renamed = "ke-hoach-phuong-dien-bien-phu-70-2024/ban-bien-tap"
    assert now[renamed] == path  # same address for its subscribers
    after = events((site / path).read_bytes())
    assert after.keys() == before.keys()
    assert not any("STATUS:CANCELLED" in e for e in after.values())


def test_a_removed_activity_is_published_cancelled_then_leaves(tmp_path: Path) -> None:
    plans, text = seed(tmp_path)
    site = tmp_path / "site"
    build(site, plans, "01/03/2024")
    path = units(site)[BOARD]
    feeds = [site / path, site / "all.ics", site / "plans" / "phuong-dien-bien-phu-70-2024.ics"]
    uid = next(u for u in events(feeds[0].read_bytes()) if u.startswith("plan/"))
    seq = int(re.search(r"^SEQUENCE:(\d+)", events(feeds[1].read_bytes())[uid], re.M)
              .group(1))  # type: ignore[union-attr]
    activity = uid.split("/")[2].split("@")[0]
    (plans / PLAN).write_text(_without(text, activity), encoding="utf-8")
    build(site, plans, "02/03/2024")
    for feed in feeds:
        if not feed.exists():  # the board had only this task: its feed is a retired one
            feed = site / path
        gone = events(feed.read_bytes())[uid]
        assert "STATUS:CANCELLED" in gone, feed
        assert f"SEQUENCE:{seq + 1}" in gone and "BEGIN:VALARM" not in gone
        assert "SUMMARY:Đã hủy: " in gone
    build(site, plans, "10/03/2024")  # still within the grace period
    assert "STATUS:CANCELLED" in events((site / "all.ics").read_bytes())[uid]
    build(site, plans, "05/04/2024")  # 30 days on: it leaves
    assert uid not in events((site / "all.ics").read_bytes())


def test_a_unit_that_goes_keeps_answering_for_its_grace_period(tmp_path: Path) -> None:
    plans, text = seed(tmp_path)
    site = tmp_path / "site"
    build(site, plans, "01/03/2024")
    path = units(site)[BOARD]
    assert (site / "days" / path).is_file()  # and its key-days feed
    # the board is merged into the ward's information page by the plan's new wording
    (plans / PLAN).write_text(text.replace('  - "Ban Biên tập Bản tin"\n', ""),
                              encoding="utf-8")
    build(site, plans, "02/03/2024")
    assert BOARD not in units(site)
    data = (site / path).read_bytes().decode().replace("\r\n ", "")
    assert "(đã chuyển)" in data  # its work is now the other leads' of that task
    # named as it was (regression: "Đơn vị:" and its locality, when known, were lost)
    name = re.search(r"^X-WR-CALNAME:(.*)$", data, re.M)
    assert name and name.group(1).strip() == "Đơn vị: Ban Biên tập Bản tin (đã chuyển)"
    assert "UID:moved/" in data and "https://lich.example.vn/units/" in data
    days = (site / "days" / path).read_bytes().decode().replace("\r\n ", "")
    assert "(đã chuyển)" in days and "https://lich.example.vn/days/units/" in days
    uids = [line for text_ in (data, days) for line in text_.split("\r\n")
            if line.startswith("UID:moved/")]
    assert len(uids) == len(set(uids)) == 2  # two notices, two events
    build(site, plans, "15/04/2024")
    assert not (site / path).exists() and not (site / "days" / path).exists()


def test_cancelled_bytes_keep_the_uid_and_fold() -> None:
    from datetime import UTC, datetime

    long = "SUMMARY:" + "Tổ chức hoạt động " * 10
    data = ("BEGIN:VEVENT\r\nUID:x@kyniem\r\nSEQUENCE:3\r\nDTSTAMP:20240101T000000Z\r\n"
            f"{long}\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\nEND:VEVENT\r\n"
            ).encode()
    out = cancelled(data, 4, datetime(2024, 3, 2, tzinfo=UTC), "vi")
    assert b"UID:x@kyniem" in out and b"SEQUENCE:4" in out and b"VALARM" not in out
    assert b"STATUS:CANCELLED\r\nEND:VEVENT" in out
    assert all(len(line) <= 75 for line in out.split(b"\r\n"))


def _without(text: str, activity: str) -> str:
    """The plan file without the activity ``activity`` (a YAML list entry)."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line == f'- id: "{activity}"')
    end = next((i for i in range(start + 1, len(lines))
                if lines[i].startswith("- ") or not lines[i].startswith(" ")), len(lines))
    assert end > start
    return "\n".join(lines[:start] + lines[end:])


def test_a_renamed_unit_that_goes_cancels_its_key_days_events_where_they_were(
        tmp_path: Path) -> None:
    """Regression: a unit that kept its predecessor's address and then went had its key-days
    events cancelled under its canonical path, which was never published."""
    plans, text = seed(tmp_path)
    site = tmp_path / "site"
    directory = tmp_path / "units.yaml"
    directory.write_text('units:\n- id: ban-bien-tap\n  name: "Ban Biên tập"\n  kind: media\n'
                         '  aliases: ["Ban Biên tập Bản tin"]\n', encoding="utf-8")
    build(site, plans, "01/03/2024")
    path = units(site)[BOARD]
    build(site, plans, "02/03/2024", "--units", str(directory))  # renamed: same address
    assert path in units(site).values()
    (plans / PLAN).write_text(text.replace('  - "Ban Biên tập Bản tin"\n', ""),
                              encoding="utf-8")
    build(site, plans, "03/03/2024", "--units", str(directory))
    main = (site / path).read_bytes().decode()
    days = (site / "days" / path).read_bytes().decode()
    assert main.count("STATUS:CANCELLED") >= 1
    assert days.count("STATUS:CANCELLED") >= 1  # was 0: cancelled where nobody reads


def test_anniversaries_that_leave_the_horizon_at_new_year_are_not_cancelled(
        tmp_path: Path) -> None:
    """Regression (tried as a subscriber would): the first build of a new year published
    every anniversary day of the year that left the horizon as "Đã hủy: Kỷ niệm 81 năm
    Ngày Quốc khánh…" (92 in all.ics), in every anniversary feed and in milestones.ics.
    A day that still comes, or one already over, just leaves."""
    plans, _ = seed(tmp_path)
    site = tmp_path / "site"
    build(site, plans, "20/12/2027")
    before = events((site / "all.ics").read_bytes())
    build(site, plans, "02/01/2028")
    after = events((site / "all.ics").read_bytes())
    left = before.keys() - after.keys()
    assert left  # the horizon moved on: a year's days left all.ics
    for path in site.rglob("*.ics"):
        assert b"STATUS:CANCELLED" not in path.read_bytes(), path


def test_only_events_still_to_come_of_a_plan_are_cancelled() -> None:
    """Regression: deleting a plan cancelled the registry's days it had brought into the
    site ("Đã hủy: Kỷ niệm 78 năm Ngày thành lập QĐND", a day of 2022 in a 2024 build). An
    anniversary still comes; an event already over has nothing left to tell."""
    def vevent(kind: str, start: str, end: str, rrule: str = "") -> bytes:
        lines = ["BEGIN:VEVENT", "UID:x@kyniem", f"DTSTART;VALUE=DATE:{start}",
                 f"DTEND;VALUE=DATE:{end}", *([f"RRULE:{rrule}"] if rrule else []),
                 f"X-KYNIEM-KIND:{kind}", "END:VEVENT", ""]
        return "\r\n".join(lines).encode()

    today = date(2024, 6, 2)
    assert withdrawn(vevent("deadline", "20240602", "20240603"), today)
    assert withdrawn(vevent("campaign", "20240501", "20240701"), today)
    assert not withdrawn(vevent("deadline", "20240601", "20240602"), today)  # over
    assert not withdrawn(vevent("anniversary", "20241222", "20241223"), today)
    assert not withdrawn(vevent("anniversary", "20221222", "20221223"), today)
    # a monthly report whose first month is over but whose series goes on
    assert withdrawn(vevent("report", "20240120", "20240121",
                            "FREQ=MONTHLY;BYMONTHDAY=20;UNTIL=20241220"), today)
    assert not withdrawn(vevent("report", "20240120", "20240121",
                                "FREQ=MONTHLY;BYMONTHDAY=20;UNTIL=20240520"), today)


def test_a_gone_feeds_notice_is_on_the_builds_local_day(tmp_path: Path) -> None:
    """Regression: the notice was dated by the UTC date of the build's moment (midnight in
    Hà Nội is 17:00 UTC the day before): one day early, and for a nightly cron job too."""
    plans, _ = seed(tmp_path)
    site = tmp_path / "site"
    build(site, plans, "01/03/2024")
    (plans / PLAN).unlink()
    build(site, plans, "10/06/2024")
    notice = [b for b in events((site / "plans" / PLAN.replace(".yaml", ".ics"))
                                .read_bytes()).values() if "moved/" in b.split("\r\n")[0]]
    assert len(notice) == 1 and "DTSTART;VALUE=DATE:20240610" in notice[0]
