"""Every feed of the seed plans and the bundled registry through four real parsers and a real
CalDAV server (issue 4): icalendar, the strict ``ical`` package, Mozilla's ical.js (Node),
Radicale on loopback; plus our own checks of what no parser enforces (tests/interop)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from interop.caldav import Radicale, safe_name, split_events
from interop.parsers import (
    disagreements,
    own_checks,
    parse_ical_strict,
    parse_icalendar,
    parse_icaljs,
    recurrence_sets,
)

from scheduler.cli import main
from scheduler.plans.load import bundled_plans_dir

NOW = "01/06/2024"  # horizon 2024–2034; the seed plans (2022, 2024) are always included


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed site, built twice: the second time one activity is gone and a unit lost its
    only task, so cancelled events and a retired unit feed go through the parsers too."""
    out = tmp_path_factory.mktemp("site")
    plans = tmp_path_factory.mktemp("plans")
    for plan in bundled_plans_dir().glob("*.yaml"):
        shutil.copy(plan, plans / plan.name)
    ward = plans / "phuong-dien-bien-phu-70-2024.yaml"
    for now in (NOW, "02/06/2024"):
        result = CliRunner().invoke(main, ["build", "--out", str(out), "--now", now,
                                           "--plans", str(plans), "--base-url",
                                           "https://lich.example.vn/kyniem"],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        text = ward.read_text(encoding="utf-8")
        ward.write_text(text.replace('  - "Ban Biên tập Bản tin"\n', "")
                        .replace('- id: "tt-internet-mang-xa-hoi"', '- id: "tt-internet-moi"'),
                        encoding="utf-8")
    assert "STATUS:CANCELLED" in (out / "all.ics").read_text(encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def feeds(site: Path) -> dict[str, bytes]:
    found = {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.ics"))}
    assert len(found) > 100  # all, milestones, 3 plans, every anniversary and unit
    return found


def test_every_feed_passes_our_own_checks(feeds: dict[str, bytes]) -> None:
    problems = {path: own_checks(data) for path, data in feeds.items()}
    assert {p: v for p, v in problems.items() if v} == {}


def test_three_parsers_read_every_feed_alike(icaljs_ready: Path,
                                             feeds: dict[str, bytes]) -> None:
    paths = list(feeds)
    by_icaljs = parse_icaljs(*feeds.values())  # one Node process for every file
    for path, from_js in zip(paths, by_icaljs, strict=True):
        data = feeds[path]
        readings = {"icalendar": parse_icalendar(data), "ical": parse_ical_strict(data),
                    "ical.js": from_js}
        assert disagreements(readings) == [], path
        assert readings["ical"], path if path != "milestones.ics" else "no milestones"


def test_recurring_reports_expand_alike(icaljs_ready: Path, feeds: dict[str, bytes]) -> None:
    data = feeds["plans/thanh-xuan-giai-phong-thu-do-70-2024.ics"]
    sets = recurrence_sets(data, 12)
    monthly = {uid: days for uid, days in sets["ical"].items() if "hang-thang" in uid}
    assert monthly, "the monthly report is a recurring event"
    assert sets["ical"] == sets["ical.js"]
    (days,) = monthly.values()
    assert days[0] == "2024-04-19" and days[-1] <= "2024-12-19"


def test_caldav_server_accepts_every_event(radicale: Radicale, feeds: dict[str, bytes]) -> None:
    """The whole feed PUT as one collection (Radicale splits it into one object per UID and
    checks each), then a sample of events PUT one by one as a CalDAV client would."""
    data = feeds["all.ics"]
    calendar = radicale.make_calendar("kyniem-one-by-one")  # also makes the home /kyniem/
    url = radicale.base_url + "kyniem/all-at-once/"
    status, answer = radicale.request("PUT", url, data,
                                      {"Content-Type": "text/calendar; charset=utf-8"})
    assert status == 201, answer
    objects = split_events(data)
    assert len(objects) > 500
    stored = radicale.get(url).replace(b"\r\n ", b"")
    assert stored.count(b"BEGIN:VEVENT") == data.count(b"BEGIN:VEVENT")
    sample = objects[::25] + [o for o in objects if b"RECURRENCE-ID" in o[1]][:3]
    assert {radicale.put(calendar, uid, body) for uid, body in sample} <= {201, 204}
    uid, _ = sample[0]
    assert f"UID:{uid}".encode() in radicale.get(calendar + safe_name(uid) + ".ics").replace(
        b"\r\n ", b"")


def test_every_event_has_a_unique_uid_and_stamp(feeds: dict[str, bytes]) -> None:
    text = feeds["all.ics"].decode()
    events = text.split("BEGIN:VEVENT")[1:]
    keys = []
    for event in events:
        unfolded = event.replace("\r\n ", "")
        uid = re.search(r"\r\nUID:(.*)\r\n", unfolded)
        rid = re.search(r"\r\nRECURRENCE-ID[^:]*:(.*)\r\n", unfolded)
        assert uid and "DTSTAMP:" in unfolded and "DTEND" in unfolded
        assert len(uid.group(1).encode()) < 200  # Outlook
        keys.append((uid.group(1), rid.group(1) if rid else None))
    assert len(keys) == len(set(keys))
    assert not text.startswith("\ufeff")
