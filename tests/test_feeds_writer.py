"""The RFC 5545 writer: folding between characters (§3.1), TEXT escaping (§3.3.11), all-day
events (§3.6.1), the calendar's name and refresh hints; checked against icalendar's reading."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import icalendar
from hypothesis import given
from hypothesis import strategies as st

from scheduler.feeds.events import FeedEvent
from scheduler.feeds.ledger import Stamp
from scheduler.feeds.writer import (
    CalendarMeta,
    calendar_bytes,
    escape,
    event_bytes,
    fold,
    vtimezone,
    vtimezone_from_tzdb,
)
from scheduler.items import ItemKind

STAMP = Stamp(2, datetime(2024, 6, 1, 17, 0, tzinfo=UTC))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=400))
def test_fold_never_splits_a_character_and_unfolds_to_the_line(line: str) -> None:
    folded = fold(line)
    assert folded.endswith("\r\n")
    physical = folded[:-2].split("\r\n")
    assert all(len(p.encode()) <= 75 for p in physical)
    assert physical[0] + "".join(p[1:] for p in physical[1:]) == line
    assert all(p.startswith(" ") for p in physical[1:])


def test_escape_text_values() -> None:
    assert escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def event(**changes: object) -> FeedEvent:
    base = FeedEvent("plan/p/a@kyniem", "Hạn: Báo cáo kết quả, tổng kết; gửi Ban Tuyên giáo",
                     date(2024, 12, 20), date(2024, 12, 20), ItemKind.DEADLINE,
                     "Thời gian theo văn bản: trước ngày 20/12/2024\nĐơn vị: UBND phường",
                     lead="UBND phường", partners=("Đoàn phường", "Hội CCB"),
                     reminders=(7, 1), plan="p")
    return base._replace(**changes).sealed()


def parse(data: bytes) -> icalendar.Calendar:
    cal = icalendar.Calendar.from_ical(data)
    assert isinstance(cal, icalendar.Calendar)
    return cal


def test_an_event_reads_back_as_written() -> None:
    data = calendar_bytes(CalendarMeta("Lịch phường", url="https://x.vn/a.ics"),
                          [event_bytes(event(), STAMP)])
    cal = parse(data)
    assert str(cal["X-WR-CALNAME"]) == "Lịch phường" and str(cal["NAME"]) == "Lịch phường"
    assert str(cal["X-WR-TIMEZONE"]) == "Asia/Ho_Chi_Minh"
    assert str(cal["METHOD"]) == "PUBLISH"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    (ev,) = cal.walk("VEVENT")
    assert ev["SUMMARY"] == "Hạn: Báo cáo kết quả, tổng kết; gửi Ban Tuyên giáo"
    assert ev["DESCRIPTION"].endswith("Đơn vị: UBND phường")
    assert ev.decoded("DTSTART") == date(2024, 12, 20)
    assert ev.decoded("DTEND") == date(2024, 12, 21)  # the day after the last day
    assert ev["SEQUENCE"] == 2
    assert ev.decoded("DTSTAMP") == datetime(2024, 6, 1, 17, 0, tzinfo=UTC)
    assert [str(p) for p in ev["X-KYNIEM-PARTNER"]] == ["Đoàn phường", "Hội CCB"]
    # Friday 20/12/2024: 7 days before is Friday 13/12, 1 day before Thursday 19/12; 08:00
    assert [str(a.get("TRIGGER").to_ical().decode()) for a in ev.walk("VALARM")] == \
        ["-P6DT16H", "-PT16H"]
    assert [datetime.combine(date(2024, 12, 20), time()) + a.decoded("TRIGGER")
            for a in ev.walk("VALARM")] == [datetime(2024, 12, 13, 8), datetime(2024, 12, 19, 8)]
    assert ev["CATEGORIES"].cats == ["Hạn chót"]
    assert "URL" not in ev  # no base URL given


def test_the_written_time_zone_is_the_tz_databases() -> None:
    """The VTIMEZONE is kept as text (a rebuild imports no icalendar): it must stay what
    icalendar derives from the installed tz database, offsets and all."""
    assert vtimezone() == vtimezone_from_tzdb()
    (zone,) = parse(calendar_bytes(CalendarMeta("x"), [])).walk("VTIMEZONE")
    assert [(str(s["TZNAME"]), s["TZOFFSETTO"].to_ical()) for s in zone.walk("STANDARD")] == \
        [("+08", "+0800"), ("+07", "+0700")]


def test_a_window_spans_its_days_and_has_no_alarm() -> None:
    data = calendar_bytes(CalendarMeta("x"), [event_bytes(event(
        kind=ItemKind.CAMPAIGN, start=date(2022, 11, 1), end=date(2022, 12, 30)), STAMP)])
    (ev,) = parse(data).walk("VEVENT")
    assert (ev.decoded("DTSTART"), ev.decoded("DTEND")) == (date(2022, 11, 1),
                                                            date(2022, 12, 31))
    assert ev.walk("VALARM") == []


def test_same_event_and_stamp_give_the_same_bytes_and_digest() -> None:
    assert event_bytes(event(), STAMP) == event_bytes(event(), STAMP)
    assert event().digest == event().digest
    assert event(summary="khác").digest != event().digest
    assert b"\xef\xbb\xbf" not in calendar_bytes(CalendarMeta("x"), [])


@given(st.text(alphabet=st.characters(max_codepoint=0x3000)))
def test_no_control_character_ever_reaches_a_feed(text: str) -> None:
    """Regression (issue 9): control characters went raw into the ICS, and the strict
    ``ical`` parser then rejected the feed."""
    written = escape(text)
    assert not any(ord(c) < 0x20 and c != "\t" or 0x7F <= ord(c) < 0xA0 for c in written)


def test_a_feed_with_control_characters_in_its_data_still_parses() -> None:
    event = FeedEvent("x@kyniem", "Lễ\x1b]0;pwned\x07 kỷ niệm", date(2024, 5, 7),
                      date(2024, 5, 7), ItemKind.EVENT, "mô tả\x00\x9b", lead="Ban\x08")
    data = calendar_bytes(CalendarMeta("Lịch\x1b"), [event_bytes(event, Stamp(
        0, datetime(2024, 1, 1, tzinfo=UTC)))])
    assert not any(b in data for b in (b"\x1b", b"\x07", b"\x00", b"\x08", "\x9b".encode()))
    (parsed,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(parsed["SUMMARY"]) == "Lễ]0;pwned kỷ niệm"


# --- issue 11: what a phone shows -----------------------------------------------------------


def alarms(e: FeedEvent) -> list[datetime]:
    """When each VALARM of the written event rings, local time (all-day: the day at 00:00)."""
    (ev,) = parse(calendar_bytes(CalendarMeta("x"), [event_bytes(e, STAMP)])).walk("VEVENT")
    start = datetime.combine(ev.decoded("DTSTART"), time())
    return [start + a.decoded("TRIGGER") for a in ev.walk("VALARM")]


def test_a_reminder_rings_at_eight_on_the_working_day_before() -> None:
    # Monday 16/12/2024: "1 day before" is a Sunday → Friday 13/12 at 08:00 (-P2DT16H)
    monday = event(start=date(2024, 12, 16), end=date(2024, 12, 16), reminders=(1,))
    assert alarms(monday) == [datetime(2024, 12, 13, 8)]
    assert b"TRIGGER:-P2DT16H\r\n" in event_bytes(monday, STAMP)
    # Monday 05/05/2025 after the 30/4–1/5 holidays and the swapped day off 02/05 (holidays.VN)
    after_holidays = event(start=date(2025, 5, 5), end=date(2025, 5, 5), reminders=(9, 7, 1, 0))
    assert alarms(after_holidays) == [
        datetime(2025, 4, 26, 8),  # 9 days: Saturday 26/04/2025, a make-up working day
        datetime(2025, 4, 28, 8),  # 7 days: Monday 28/04
        datetime(2025, 4, 29, 8),  # 1 day: 04/05 (Sunday) … 30/04 are all off → Tuesday 29/04
        datetime(2025, 5, 5, 8),  # 0 days: the day itself, 08:00
    ]


def test_every_line_is_folded_however_long_its_values() -> None:
    """Regression (issue 11): the lines kyniem makes itself are written unfolded for speed;
    a plan's list of reminders is the user's, and may run past 75 octets."""
    long = event(reminders=tuple(range(3600, 3500, -7)), rrule="FREQ=MONTHLY;BYMONTHDAY=20;"
                 "UNTIL=20261231;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12", uid="plan/" + "p" * 90)
    data = event_bytes(long, STAMP)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert parse(calendar_bytes(CalendarMeta("x"), [data])).walk("VEVENT")[0][
        "X-KYNIEM-REMINDERS"] == ",".join(map(str, range(3600, 3500, -7)))


def test_two_reminders_on_the_same_working_day_ring_once() -> None:
    monday = event(start=date(2024, 12, 16), end=date(2024, 12, 16), reminders=(3, 2, 1))
    assert alarms(monday) == [datetime(2024, 12, 13, 8)]


def test_windows_and_anniversaries_carry_no_alarm() -> None:
    for kind in (ItemKind.CAMPAIGN, ItemKind.ANNIVERSARY, ItemKind.PEAK):
        assert alarms(event(kind=kind)) == []


def test_url_is_the_events_row_on_its_plan_page() -> None:
    from scheduler.feeds.links import event_anchor

    e = event(plan="quan-dbp-tren-khong-50-2022")
    data = event_bytes(e, STAMP, "vi", "https://lich.example.vn/kyniem/")
    (ev,) = parse(calendar_bytes(CalendarMeta("x"), [data])).walk("VEVENT")
    assert str(ev["URL"]) == ("https://lich.example.vn/kyniem/plans/quan-dbp-tren-khong-50-"
                              f"2022.html#{event_anchor(e.uid)}")
    assert b"URL:" not in event_bytes(e, STAMP, "vi", None)  # no base URL, no link
    registry_day = event(kind=ItemKind.ANNIVERSARY, plan=None)
    assert b"URL:" not in event_bytes(registry_day, STAMP, "vi", "https://lich.example.vn/")


def test_a_key_day_marker_links_to_its_windows_row() -> None:
    from scheduler.feeds.events import key_days
    from scheduler.feeds.links import event_anchor

    window = event(kind=ItemKind.CAMPAIGN, start=date(2022, 11, 1), end=date(2022, 12, 30))
    first, last = key_days([window])
    for marker in (first, last):
        data = event_bytes(marker, STAMP, "vi", "https://x.vn").replace(b"\r\n ", b"")
        assert f"#{event_anchor(window.uid)}\r\n".encode() in data


def test_categories_in_the_feeds_language() -> None:
    for lang, word in (("vi", "Báo cáo"), ("en", "Report")):
        data = event_bytes(event(kind=ItemKind.REPORT), STAMP, lang)
        (ev,) = parse(calendar_bytes(CalendarMeta("x"), [data])).walk("VEVENT")
        assert ev["CATEGORIES"].cats == [word]
        assert str(ev["X-KYNIEM-KIND"]) == "report"  # for programs (kyniem remind --feed)


def test_calendar_description_is_written_twice() -> None:
    from scheduler.wording import calendar_description

    text = calendar_description("unit", "Đoàn phường", "vi", "Phường Điện Biên")
    data = calendar_bytes(CalendarMeta("Đơn vị: Đoàn phường", text), [])
    assert str(parse(data)["DESCRIPTION"]) == text  # RFC 7986 §5.2
    assert f"\r\nX-WR-CALDESC:{escape(text)}\r\n" in data.decode().replace("\r\n ", "")
    assert text.startswith("Các việc của Đoàn phường (Phường Điện Biên) trong các kế hoạch")
    assert b"X-WR-CALDESC" not in calendar_bytes(CalendarMeta("x"), [])


def test_every_calendar_group_has_a_description_in_both_languages() -> None:
    from scheduler.wording import CALENDAR_DESCRIPTIONS, calendar_description

    for group in ("all", "milestones", "plan", "anniversary", "unit", "deadlines"):
        vi = calendar_description(group, "Tên", "vi")
        en = calendar_description(group, "Tên", "en", "Quận Thanh Xuân")
        assert vi.endswith(".") and en.endswith(".") and vi != en
        assert "{" not in vi + en and "  " not in vi + en
        assert group in CALENDAR_DESCRIPTIONS
    assert "Quận Thanh Xuân" in calendar_description("all", "", "vi", "Quận Thanh Xuân")


def test_the_build_warns_of_a_feed_over_a_thousand_events() -> None:
    from scheduler.feeds.site import BuildReport
    from scheduler.outputs.feeds import BuildView

    report = BuildReport("site", sizes={"all.ics": 2_000_000, "units/a.ics": 900},
                         counts={"all.ics": 4_321, "units/a.ics": 12})
    assert report.crowded == ["all.ics"]
    vi = BuildView(report, 2, "vi").lines()
    en = BuildView(report, 2, "en").lines()
    assert any(x.startswith("Cảnh báo: all.ics có 4321 sự kiện") for x in vi)
    assert any(x.startswith("Warning: all.ics holds 4321 events") for x in en)
    assert not any("units/a.ics" in x for x in vi + en)
    assert BuildView(report, 2, "vi").as_json()["over_1000_events"] == ["all.ics"]
