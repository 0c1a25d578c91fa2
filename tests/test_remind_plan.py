"""Items → reminder specs: lead times per kind, the shifted due day, grace, stable ids."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from scheduler.commands import Settings
from scheduler.dates import VN_TZ
from scheduler.items import Item, ItemKind, Items
from scheduler.planning import load_items
from scheduler.plans.workdays import Due
from scheduler.remind.plan import (
    Clock,
    Reminder,
    job_id,
    leads,
    milestone_items,
    reminders_of,
    specs,
)


def at(day: date, hour: int = 8, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), VN_TZ)


def test_deadline_counts_to_the_shifted_due_day() -> None:
    # written for Sunday 20/04/2025, due Friday 18/04 (30/4 holidays come later)
    item = Item(uid="plan/p/bc", kind=ItemKind.REPORT, title="Báo cáo kết quả",
                start=date(2025, 4, 1), end=date(2025, 4, 20),
                due=Due(date(2025, 4, 20), date(2025, 4, 18), "CN"), reminders=(30, 7, 1))
    found = reminders_of(item)
    assert [r.days for r in found] == [30, 7, 1, 0]
    assert [r.fire_at for r in found] == [at(date(2025, 3, 19)), at(date(2025, 4, 11)),
                                         at(date(2025, 4, 17)), at(date(2025, 4, 18))]
    assert all(r.anchor == date(2025, 4, 18) and r.written == date(2025, 4, 20) for r in found)


def test_window_on_its_first_day_and_before_it() -> None:
    peak = Item(uid="plan/p/a/peak", kind=ItemKind.PEAK, title="Cao điểm",
                start=date(2024, 5, 1), end=date(2024, 5, 7), reminders=(7, 1))
    assert [(r.days, r.fire_at) for r in reminders_of(peak, time(7, 30))] == [
        (7, at(date(2024, 4, 24), 7, 30)), (1, at(date(2024, 4, 30), 7, 30)),
        (0, at(date(2024, 5, 1), 7, 30))]


def test_defaults_where_the_plan_gives_none_and_anniversaries_keep_their_own() -> None:
    meeting = Item(uid="m", kind=ItemKind.MEETING, title="Họp", start=date(2024, 5, 1),
                   end=date(2024, 5, 1))
    assert leads(meeting) == (1, 0)
    anniversary = Item(uid="a", kind=ItemKind.ANNIVERSARY, title="80 năm", start=date(2025, 9, 2),
                       end=date(2025, 9, 2), reminders=(30, 7, 1))
    assert leads(anniversary) == (90, 30, 7, 0)


def test_job_ids_are_stable_and_fit_the_job_store_key() -> None:
    assert job_id("plan/p/bc", 7) == "plan/p/bc#7d"
    long = job_id("x" * 400, 30)
    assert len(long) <= 191 and long == job_id("x" * 400, 30) and long.endswith("#30d")
    assert job_id("x" * 400, 30) != job_id("x" * 399 + "y", 30)


def test_specs_keep_the_grace_span_and_drop_what_expired() -> None:
    item = Item(uid="d", kind=ItemKind.DEADLINE, title="Hạn", start=date(2024, 4, 19),
                end=date(2024, 4, 19), due=Due(date(2024, 4, 19), date(2024, 4, 19)),
                reminders=(30, 7, 1))
    now = at(date(2024, 4, 15), 9)
    found = specs([item], now, grace=timedelta(days=7))
    assert [r.days for r in found] == [7, 1, 0]  # 30 days before (20/03) expired
    early = at(date(2024, 3, 21), 9)  # the 30-day reminder (20/03) missed, nothing else due
    assert [r.days for r in specs([item], early, grace=timedelta(days=7))] == [30, 7, 1, 0]
    assert [r.days for r in specs([item], early, grace=timedelta(hours=12))] == [7, 1, 0]


def test_of_an_items_missed_reminders_only_the_latest_is_kept() -> None:
    """Regression (tried as a clerk would): after a day off, one deadline was shown three
    times, the missed 7- and 1-day reminders (both late, one saying "today") and the
    on-time one. Only the latest due says how things stand; those to come stay."""
    item = Item(uid="d", kind=ItemKind.DEADLINE, title="Hạn", start=date(2024, 4, 19),
                end=date(2024, 4, 19), due=Due(date(2024, 4, 19), date(2024, 4, 19)),
                reminders=(30, 7, 1))
    other = Item(uid="e", kind=ItemKind.DEADLINE, title="Khác", start=date(2024, 4, 19),
                 end=date(2024, 4, 19), due=Due(date(2024, 4, 19), date(2024, 4, 19)),
                 reminders=(7,))
    found = specs([item, other], at(date(2024, 4, 19), 9), grace=timedelta(days=30))
    assert sorted((r.uid, r.days) for r in found) == [("d", 0), ("e", 0)]
    found = specs([item], at(date(2024, 4, 15), 9), grace=timedelta(days=30))
    assert [r.days for r in found] == [7, 1, 0]  # 30 days before was missed, 7 is later


def test_payload_round_trips_as_plain_values() -> None:
    item = Item(uid="u", kind=ItemKind.CAMPAIGN, title="Đợt", start=date(2024, 4, 1),
                end=date(2024, 4, 30), lead="UBND", partners=("MTTQ", "Đoàn"))
    reminder = reminders_of(item)[0]
    payload = reminder.payload()
    assert all(isinstance(v, (str, int, list, type(None))) for v in payload.values())
    assert Reminder.from_payload(payload) == reminder


def test_bundled_plans_report_due_in_seven_days() -> None:
    items = load_items(Settings())
    found = specs(items, at(date(2024, 4, 12)))
    report = [r for r in found if r.kind == "report" and r.fire_at == at(date(2024, 4, 12))]
    assert [(r.days, r.anchor) for r in report] == [(7, date(2024, 4, 19))]
    # the monthly report's May instance falls on a Sunday and is due on Friday 17/05
    may = [r for r in found if r.uid.endswith("/20240519")]
    assert {r.anchor for r in may} == {date(2024, 5, 17)}


def test_unit_filter_and_registry_milestones() -> None:
    items = load_items(Settings())
    unit = specs(items.for_unit("Ban Tuyên giáo Đảng ủy"), at(date(2024, 3, 1)))
    assert unit and all(r.kind == "anniversary" or r.lead == "Ban Tuyên giáo Đảng ủy"
                        or "Ban Tuyên giáo Đảng ủy" in r.partners for r in unit)
    extra = milestone_items(Settings().registry().anniversaries, date(2025, 1, 1),
                            date(2025, 12, 31), items)
    titles = [i.title for i in extra]
    assert any("80 năm" in t and "Cách mạng Tháng Tám" in t for t in titles), titles[:5]
    ninety = specs(Items(tuple(extra)), at(date(2025, 6, 4)))
    assert any(r.days == 90 and r.anchor == date(2025, 9, 2) for r in ninety)


def test_clock_fixed_runs_on_from_the_given_moment() -> None:
    moment = at(date(2024, 4, 19), 7, 59)
    clock = Clock.fixed(moment)
    assert timedelta(0) <= clock.now() - moment < timedelta(seconds=5)
    assert abs(clock.to_real(moment) - datetime.now(VN_TZ)) < timedelta(seconds=5)
