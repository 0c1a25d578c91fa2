"""The RFC 5545 writer: folding between characters (§3.1), TEXT escaping (§3.3.11), all-day
events (§3.6.1), the calendar's name and refresh hints; checked against icalendar's reading."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
from hypothesis import given
from hypothesis import strategies as st

from scheduler.feeds.events import FeedEvent
from scheduler.feeds.ledger import Stamp
from scheduler.feeds.writer import CalendarMeta, calendar_bytes, escape, event_bytes, fold
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
    assert [str(a.get("TRIGGER").to_ical().decode()) for a in ev.walk("VALARM")] == \
        ["-P7D", "-P1D"]


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
