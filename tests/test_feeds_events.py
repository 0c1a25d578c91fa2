"""Items → feed events: anniversaries worded like the guidance, deadlines on the working day
they are due, recurring reports with RECURRENCE-ID overrides for moved instances."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scheduler.commands import Settings
from scheduler.feeds.events import FeedEvent, events_of
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




# --- issue 11: events a phone can show ------------------------------------------------------

import re  # noqa: E402

from scheduler.feeds.events import (  # noqa: E402
    KEY_DAYS_LONGEST,
    SUMMARY_LIMIT,
    alarm_triggers,
    key_days,
    marker_uid,
    window_uid,
)
from scheduler.items import ItemKind  # noqa: E402
from scheduler.plans.short import LIMIT, derive_short, short_title  # noqa: E402

PHUONG = "plan/phuong-dien-bien-phu-70-2024"
MONTHLY = "plan/thanh-xuan-giai-phong-thu-do-70-2024/bao-cao-dinh-ky-hang-thang@kyniem"
#: "<units> chủ trì" at the head of a title: the units before the first "chủ trì", in the
#: first clause
LEAD_HEAD = re.compile(r"^(?P<units>[^;:.]+?),? chủ trì\b")


def bundled_activities() -> list[tuple[str, object]]:
    return [(a.title, a) for p in load(Settings()) for a in p.activities]


def test_every_bundled_activity_has_a_short_title_that_fits() -> None:
    activities = bundled_activities()
    assert len(activities) == 74  # the three plans of data/plans
    for title, activity in activities:
        short = short_title(activity)  # type: ignore[arg-type]
        assert short.strip() and len(short) <= LIMIT, (title, short)
        assert short[0].isupper() or not short[0].isalpha(), short
        head = LEAD_HEAD.match(title)
        if head and head.group("units").strip():
            units = head.group("units").casefold()
            assert not short.casefold().startswith(units), (title, short)
            assert not short.casefold().startswith("chủ trì"), (title, short)
            assert not any(short.casefold().startswith(u.casefold())
                           for u in activity.units), short  # type: ignore[attr-defined]


def test_a_short_title_starts_at_the_task() -> None:
    titles = dict(bundled_activities())
    doan = ("Đoàn TNCS Hồ Chí Minh phường chủ trì, phối hợp với các cơ quan, đơn vị liên quan "
            "thực hiện phát động phong trào “Chiến sỹ nhỏ Điện Biên làm nghìn việc tốt”")
    (title,) = [t for t in titles if t.startswith(doan)]
    assert short_title(titles[title]).startswith(  # type: ignore[arg-type]
        "Phát động phong trào “Chiến sỹ nhỏ Điện Biên làm nghìn việc tốt”")
    assert derive_short("Ban chỉ huy Quân sự Quận chủ trì phối hợp với phòng Lao động - "
                        "Thương binh và xã hội, Hội Cựu chiến binh Quận và Văn phòng Quận ủy "
                        "tham mưu các hoạt động tặng quà, tri ân",
                        ["Ban chỉ huy Quân sự Quận"]) == "Tham mưu các hoạt động tặng quà, tri ân"
    # the units named without "chủ trì", then the task
    assert derive_short("UBND phường, Ủy ban MTTQ và các tổ chức CT-XH phường đẩy mạnh phong "
                        "trào thi đua", ["UBND phường", "Ủy ban MTTQ",
                                         "các tổ chức CT-XH phường"]) == \
        "Đẩy mạnh phong trào thi đua"
    # "chủ trì" with no unit before it; "các tổ chức" is a noun, not the task's verb
    assert derive_short("Chủ trì, phối hợp với UB MTTQ, các tổ chức CT-XH phường tổ chức các "
                        "hoạt động văn hóa") == "Tổ chức các hoạt động văn hóa"
    assert derive_short("Căn cứ chức năng, nhiệm vụ được giao, chủ động tham mưu UBND quận") \
        == "Chủ động tham mưu UBND quận"
    # a title that does not start with units stays as it is
    assert derive_short("Tổ chức treo cờ Đảng, Tổ quốc") == "Tổ chức treo cờ Đảng, Tổ quốc"
    # "chủ trì" at the end names someone else's contest: not a role clause of this task
    assert derive_short("Tham gia Cuộc thi do Trung ương Đoàn chủ trì") == \
        "Tham gia Cuộc thi do Trung ương Đoàn chủ trì"


def test_a_long_title_is_cut_at_a_clause_or_a_word_with_an_ellipsis() -> None:
    clause = "Tổ chức các hoạt động tri ân, “Đền ơn đáp nghĩa”; tổ chức thăm hỏi các đồng chí " \
             "cựu chiến binh, sĩ quan quân đội, công an tiêu biểu"
    assert derive_short(clause) == "Tổ chức các hoạt động tri ân, “Đền ơn đáp nghĩa”…"
    words = "Thực hiện hiệu quả công tác tuyên truyền về các nội dung của Kế hoạch bằng các " \
            "hình thức phù hợp"
    cut = derive_short(words)
    assert cut.endswith("…") and len(cut) <= LIMIT
    assert words.startswith(cut[:-1]) and words[len(cut) - 1] == " "  # between words
    assert not cut[:-1].endswith((" và", " các", " của", " bằng", ","))
    # asides in parentheses go before anything is cut; quotations are never left open
    assert derive_short("Tổ chức trang trí (pa-nô, ban-nơ, cờ các loại) tại các tuyến phố " * 2
                        ).count("(") == 0
    quoted = derive_short("Tổ chức các hoạt động kỷ niệm 50 năm Chiến thắng “Hà Nội - Điện Biên "
                          "Phủ trên không” trên địa bàn Quận và các phường")
    assert quoted.count("“") == quoted.count("”")
    assert derive_short("tổ chức lễ") == "Tổ chức lễ"
    assert all(len(derive_short("Tổ chức " + "rất " * n + "tốt", limit=40)) <= 40
               for n in range(30))


def test_an_activitys_own_short_title_wins(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "id: p\ntitle: \"Kế hoạch\"\nanniversary: giai-phong-mien-nam\nyear: 2025\n"
        "issuer: \"UBND phường\"\nactivities:\n"
        "  - id: a\n    title: \"Văn phòng UBND phường chủ trì tổng hợp, báo cáo kết quả\"\n"
        "    short: \"Báo cáo kết quả\"\n    when: \"ngày 28/4/2025\"\n    kind: report\n"
        "    lead: \"Văn phòng UBND phường\"\n", encoding="utf-8")
    (event,) = [e for e in events_of(items_of(load(Settings(plans=(str(plan),)))))
                if e.uid == "plan/p/a@kyniem"]
    assert event.summary == "Hạn báo cáo: Báo cáo kết quả"
    assert event.description.startswith("Văn phòng UBND phường chủ trì tổng hợp, báo cáo")


def test_a_short_title_over_eighty_characters_is_refused(tmp_path: Path) -> None:
    from scheduler.registry import InputError

    plan = tmp_path / "p.yaml"
    plan.write_text(
        "format: 2\nid: p\ntitle: \"Kế hoạch\"\nanniversary: giai-phong-mien-nam\nyear: 2025\n"
        "issuer: \"UBND phường\"\nactivities:\n"
        f"  - id: a\n    title: \"Việc\"\n    short: \"{'Việc dài ' * 10}\"\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(Settings(plans=(str(plan),)))
    (problem,) = caught.value.problems
    assert "short" in problem.field and "80" in problem.render("vi")


def test_summaries_fit_a_phone(seed_events: list[FeedEvent]) -> None:
    tasks = [e for e in seed_events if e.kind is not ItemKind.ANNIVERSARY]
    assert all(len(e.summary) <= SUMMARY_LIMIT for e in tasks)
    (report,) = by_uid(seed_events, f"{PHUONG}/btg-theo-doi-don-doc@kyniem")
    assert report.summary.startswith("Hạn báo cáo: Theo dõi, đôn đốc việc thực hiện Kế hoạch")


def test_the_description_has_the_full_text_time_units_and_plan(
        seed_events: list[FeedEvent]) -> None:
    (doan,) = by_uid(seed_events, f"{PHUONG}/doan-chien-sy-nho-dien-bien@kyniem")
    lines = doan.description.split("\n")
    assert lines[0].startswith("Đoàn TNCS Hồ Chí Minh phường chủ trì, phối hợp với") and \
        lines[0].endswith("do Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh chủ trì")
    assert "Chủ trì: Đoàn TNCS Hồ Chí Minh phường" in lines
    assert "Phối hợp: Các cơ quan, đơn vị liên quan" in lines
    assert lines[-1] == ("Kế hoạch: Kế hoạch tuyên truyền kỷ niệm 70 năm Chiến thắng Điện "
                         "Biên Phủ (07/5/1954 - 07/5/2024) — của Đảng ủy phường")
    (report,) = by_uid(seed_events,
                       "plan/quan-dbp-tren-khong-50-2022/ubnd-ke-hoach-tong-the@kyniem")
    assert "Thời gian theo văn bản: báo cáo Ban Thường vụ Quận ủy cuối tháng 8/2022" in \
        report.description.split("\n")


def test_editor_notes_stay_out_of_the_feed(seed_events: list[FeedEvent]) -> None:
    notes = [a.notes for p in load(Settings()) for a in p.activities if a.notes]
    assert notes
    assert not any(n in e.description for n in notes for e in seed_events)


def test_the_plans_reference_has_its_number_date_and_issuer(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "id: p\ntitle: \"Kế hoạch kỷ niệm 50 năm Ngày Giải phóng miền Nam\"\n"
        "anniversary: giai-phong-mien-nam\nyear: 2025\nissuer: \"Ban Thường vụ Quận ủy\"\n"
        "number: \"125-KH/QU\"\nissued: \"01/03/2025\"\nactivities:\n"
        "  - id: a\n    title: \"Treo cờ\"\n    when: \"từ ngày 20/4/2025 đến ngày 30/4/2025\"\n"
        "    kind: campaign\n    notes: \"chỉ cho biên tập viên\"\n", encoding="utf-8")
    for lang, ref in (
            ("vi", "Kế hoạch: Kế hoạch kỷ niệm 50 năm Ngày Giải phóng miền Nam — số 125-KH/QU "
                   "ngày 01/03/2025 của Ban Thường vụ Quận ủy"),
            ("en", "Plan: Kế hoạch kỷ niệm 50 năm Ngày Giải phóng miền Nam — No. 125-KH/QU "
                   "of 01/03/2025 issued by Ban Thường vụ Quận ủy")):
        (task,) = [e for e in events_of(items_of(load(Settings(plans=(str(plan),), lang=lang))),
                                        lang) if e.uid == "plan/p/a@kyniem"]
        assert task.description.split("\n")[-1] == ref
        assert "biên tập" not in task.description


def test_english_description_words() -> None:
    events = events_of(items_of(load(Settings(lang="en"))), "en")
    (doan,) = by_uid(events, f"{PHUONG}/doan-chien-sy-nho-dien-bien@kyniem")
    assert "Lead: Đoàn TNCS Hồ Chí Minh phường" in doan.description.split("\n")
    assert "Partner: Các cơ quan, đơn vị liên quan" in doan.description.split("\n")
    assert "Plan: Kế hoạch tuyên truyền" in doan.description


def test_a_monthly_report_keeps_only_reminders_shorter_than_a_month(
        seed_events: list[FeedEvent]) -> None:
    master, *overrides = by_uid(seed_events, MONTHLY)
    plan = next(p for p in load(Settings()) if p.id == "thanh-xuan-giai-phong-thu-do-70-2024")
    assert 30 in plan.reminders  # the plan asks for 30, 7 and 1 days
    assert master.reminders == (7, 1) and all(o.reminders == (7, 1) for o in overrides)
    # the RRULE's one TRIGGER serves every instance: 1 day before a Monday instance (19/08)
    # is Friday, so "1 day" rings 08:00 three days ahead at most
    assert alarm_triggers(master) == ["-P6DT16H", "-P2DT16H"]
    (october,) = [o for o in overrides if o.recurrence_id == date(2024, 10, 19)]
    assert october.start == date(2024, 10, 18)  # Saturday 19/10 → Friday
    assert alarm_triggers(october) == ["-P6DT16H", "-PT16H"]  # 11/10 and 17/10 at 08:00


def test_key_days_split_long_windows_into_first_and_last_day(
        seed_events: list[FeedEvent]) -> None:
    days = key_days(seed_events)
    long_ = [e for e in seed_events if e.rrule is None and e.recurrence_id is None
             and (e.end - e.start).days >= KEY_DAYS_LONGEST]
    assert long_ and len(days) == len(seed_events) + len(long_)
    assert all((e.end - e.start).days < KEY_DAYS_LONGEST for e in days)
    (doan,) = by_uid(seed_events, f"{PHUONG}/doan-chien-sy-nho-dien-bien@kyniem")
    (first,) = by_uid(days, f"{PHUONG}/doan-chien-sy-nho-dien-bien/start@kyniem")
    (last,) = by_uid(days, f"{PHUONG}/doan-chien-sy-nho-dien-bien/end@kyniem")
    assert (first.start, last.start) == (doan.start, doan.end)
    assert first.summary == f"Bắt đầu: {doan.summary}"
    assert last.summary == f"Kết thúc: {doan.summary}"
    assert first.description.startswith("Cả đợt: 01/01/2024 – 31/12/2024\n")
    assert first.digest and first.digest != last.digest != doan.digest
    assert first == first.sealed()  # sealed: its digest covers what it says
    assert not by_uid(days, doan.uid)  # the window itself is gone
    assert len(by_uid(days, MONTHLY)) == len(by_uid(seed_events, MONTHLY))  # recurring: kept
    one_day = [e for e in seed_events if e.start == e.end and e.rrule is None]
    assert all(e in days for e in one_day)
    assert key_days(seed_events) == days  # stable


def test_key_days_of_a_peak_and_in_english(seed_events: list[FeedEvent]) -> None:
    peak = next(e for e in seed_events if e.kind is ItemKind.PEAK
                and (e.end - e.start).days >= KEY_DAYS_LONGEST)
    first, last = key_days([peak])
    assert first.summary.startswith("Bắt đầu cao điểm: ") and "Cao điểm:" not in first.summary
    en = next(e for e in events_of(items_of(load(Settings(lang="en"))), "en")
              if e.uid == peak.uid)
    first, last = key_days([en], "en")
    assert first.summary.startswith("Peak starts: ") and last.summary.startswith("Peak ends: ")
    assert first.description.startswith("The whole window: ")
    window = en._replace(kind=ItemKind.CAMPAIGN, summary="Tuyên truyền")
    assert [e.summary for e in key_days([window], "en")] == ["Starts: Tuyên truyền",
                                                            "Ends: Tuyên truyền"]


def test_a_window_of_a_week_stays_whole(seed_events: list[FeedEvent]) -> None:
    week = seed_events[0]._replace(start=date(2024, 4, 22), end=date(2024, 4, 28), rrule=None,
                                   recurrence_id=None).sealed()
    assert key_days([week]) == [week]
    assert len(key_days([week._replace(end=date(2024, 4, 29)).sealed()])) == 2


def test_marker_uids_are_derived_from_the_windows() -> None:
    uid = f"{PHUONG}/doan-chien-sy-nho-dien-bien@kyniem"
    assert marker_uid(uid, "start") == f"{PHUONG}/doan-chien-sy-nho-dien-bien/start@kyniem"
    assert window_uid(marker_uid(uid, "end")) == uid
    assert window_uid(f"{PHUONG}/a/peak/start@kyniem") == f"{PHUONG}/a/peak@kyniem"
    assert window_uid(uid) == uid
    # an activity whose id is "start" is no marker
    assert window_uid(f"{PHUONG}/start@kyniem") == f"{PHUONG}/start@kyniem"


def test_kyniem_feed_links_events_to_the_site_of_its_address() -> None:
    from scheduler.publish import site_base

    assert site_base("https://x.vn/kyniem/plans/p.ics", "plans/p.ics") == "https://x.vn/kyniem"
    assert site_base("https://x.vn/kyniem/all.ics", "all.ics") == "https://x.vn/kyniem"
    assert site_base("https://x.vn/lich/mine.ics", "unit.ics") == "https://x.vn/lich"
    assert site_base("https://x.vn/kyniem", "all.ics") == "https://x.vn/kyniem"
    assert site_base(None, "all.ics") is None
