"""Items → feed events: anniversaries worded like the guidance, deadlines on the working day
they are due, recurring reports with RECURRENCE-ID overrides for moved instances."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scheduler.commands import Settings
from scheduler.feeds.catalogue import slug, units_feed
from scheduler.feeds.events import FeedEvent, events_of
from scheduler.items import ItemKind
from scheduler.items import of as items_of
from scheduler.planning import load


@pytest.fixture(scope="module")
def seed_events() -> list[FeedEvent]:
    return events_of(items_of(load(Settings())))


def by_uid(events: list[FeedEvent], uid: str) -> list[FeedEvent]:
    return [e for e in events if e.uid == uid]


def test_anniversary_summary_follows_the_guidance(seed_events: list[FeedEvent]) -> None:
    (dbp,) = by_uid(seed_events, "anniversary/chien-thang-dien-bien-phu/2024@kyniem")
    assert dbp.summary == "Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ (07/05/1954 - 07/05/2024)"
    assert dbp.start == dbp.end == date(2024, 5, 7)
    assert "năm tròn" in dbp.description and dbp.milestone


def test_english_summary() -> None:
    (dbp,) = by_uid(events_of(items_of(load(Settings(lang="en"))), "en"),
                    "anniversary/chien-thang-dien-bien-phu/2024@kyniem")
    assert dbp.summary == "70th anniversary: Điện Biên Phủ Victory (07/05/1954 - 07/05/2024)"


def test_monthly_report_is_one_rrule_with_overrides_for_moved_instances(
        seed_events: list[FeedEvent]) -> None:
    uid = "plan/thanh-xuan-giai-phong-thu-do-70-2024/bao-cao-dinh-ky-hang-thang@kyniem"
    master, *overrides = by_uid(seed_events, uid)
    assert master.rrule == "FREQ=MONTHLY;BYMONTHDAY=19;UNTIL=20241231"
    assert master.start == master.end == date(2024, 4, 19)
    moved = {o.recurrence_id: o.start for o in overrides}
    # 19/05/2024 is a Sunday → Friday 17/05; 19/10/2024 a Saturday → Friday 18/10
    assert moved[date(2024, 5, 19)] == date(2024, 5, 17)
    assert moved[date(2024, 10, 19)] == date(2024, 10, 18)
    assert all(o.start.weekday() < 5 for o in overrides)
    assert date(2024, 6, 19) not in moved  # a Wednesday: no override


def test_a_deadline_sits_on_its_working_day_and_says_so() -> None:
    plan = Path(__file__).parent / "fixtures" / "plans" / "holiday_deadlines.yaml"
    events = {e.uid.split("/")[-1]: e
              for e in events_of(items_of(load(Settings(plans=(str(plan),)))))}
    # 30/04 and 01/05/2025 are public holidays; 02/05/2025 a swapped day off (holidays.VN)
    before, after, kept = events["truoc-le@kyniem"], events["sau-le@kyniem"], \
        events["giu-nguyen@kyniem"]
    assert before.start == before.end == date(2025, 4, 29)
    assert "30/04/2025" in before.description and "→ 29/04/2025" in before.description
    assert after.start == date(2025, 5, 5)  # Friday 2/5 swapped off, then the weekend
    assert kept.start == date(2025, 5, 2) and "Dời sang" not in kept.description


def test_undated_activities_are_not_on_the_calendar(seed_events: list[FeedEvent]) -> None:
    undated = [a for p in load(Settings()) for a in p.activities if a.window.start is None]
    assert undated
    uids = {e.uid for e in seed_events}
    assert all(f"plan/{p.id}/{a.id}@kyniem" not in uids
               for p in load(Settings()) for a in p.activities if a.window.start is None)


def test_a_plans_anniversary_day_is_one_event_with_the_registry_occurrence(
        seed_events: list[FeedEvent]) -> None:
    uids = [e.uid for e in seed_events]
    assert len(uids) == len({(e.uid, e.recurrence_id) for e in seed_events})
    assert not any("/anniversary/" in u for u in uids if u.startswith("plan/"))


def test_slug_and_unit_feed(seed_events: list[FeedEvent]) -> None:
    assert slug("Ban Tuyên giáo Quận ủy") == "ban-tuyen-giao-quan-uy"
    assert slug("Đoàn TNCS Hồ Chí Minh phường") == "doan-tncs-ho-chi-minh-phuong"
    mine = units_feed(seed_events, "đoàn tncs")
    tasks = [e for e in mine if e.kind is not ItemKind.ANNIVERSARY]
    assert tasks and all(any("đoàn tncs" in u.casefold() for u in e.units) for e in tasks)
    context = {e.uid for e in mine if e.kind is ItemKind.ANNIVERSARY}
    # the Đoàn works in the 2024 Điện Biên Phủ plan (with Giơ-ne-vơ) and the 2022 plan
    assert {"anniversary/chien-thang-dien-bien-phu/2024@kyniem",
            "anniversary/hiep-dinh-gio-ne-vo/2024@kyniem",
            "anniversary/ha-noi-dien-bien-phu-tren-khong/2022@kyniem"} <= context
    assert not any("/2023@" in u or "/2025@" in u for u in context)
