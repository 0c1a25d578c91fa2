"""The interop harness (tests/interop) can fail: each check is shown refusing a bad sample.

The samples derive from tests/fixtures/ics/good.ics, a valid RFC 5545 feed: an all-day yearly
event (RRULE) with a RECURRENCE-ID override, a timed event in a VTIMEZONE, Vietnamese text
folded at 75 octets between characters, escaped "," and ";".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from interop.caldav import Radicale, split_events
from interop.parsers import (
    Ev,
    InteropError,
    all_parsers,
    canonical_rrule,
    disagreements,
    icaljs_results,
    own_checks,
    parse_ical_strict,
    parse_icalendar,
    recurrence_sets,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytest_plugins = ["interop.servers"]

GOOD = (Path(__file__).parent / "fixtures" / "ics" / "good.ics").read_bytes()
BIRTHDAY = "ngay-sinh-ho-chi-minh@kyniem.example"
NATIONAL_DAY = "quoc-khanh-2024@kyniem.example"
EXPECTED = [
    Ev(BIRTHDAY, None,
       "134 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2024), kỷ niệm cấp tỉnh",
       "2024-05-19", "2024-05-20", "FREQ=YEARLY;COUNT=3"),
    Ev(BIRTHDAY, "2025-05-19",
       "135 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2025) — năm lẻ 5",
       "2025-05-18", "2025-05-20", None),
    Ev(NATIONAL_DAY, None,
       "Lễ kỷ niệm 79 năm Cách mạng Tháng Tám thành công và Quốc khánh 2/9",
       "2024-09-02T08:00:00+07:00", "2024-09-02T10:30:00+07:00", None),
]
# The national-day SUMMARY starts on a physical line of its own: "SUMMARY:Lễ k..."
LE = "SUMMARY:Lễ k".encode()


def replaced(old: bytes, new: bytes, data: bytes = GOOD) -> bytes:
    """``data`` with ``old`` replaced once; fails if ``old`` is not there."""
    assert old in data, old
    return data.replace(old, new, 1)


def fold_ascii(line: bytes) -> bytes:
    """An ASCII content line folded at 75 octets (RFC 5545 §3.1)."""
    chunks = [line[:75]] + [b" " + line[i:i + 74] for i in range(75, len(line), 74)]
    return b"\r\n".join(chunks)


def test_the_good_sample_exercises_folding_of_vietnamese_text() -> None:
    lines = GOOD.split(b"\r\n")
    continued = [line for line in lines if line.startswith(b" ")]
    assert max(len(line) for line in lines) == 75
    assert any(not line.isascii() for line in continued)
    assert own_checks(GOOD) == []


def test_the_good_sample_reads_the_same_in_all_three_parsers(icaljs_ready: Path) -> None:
    results = all_parsers(GOOD)
    assert disagreements(results) == []
    assert results["ical.js"] == EXPECTED


def test_the_parsers_expand_the_good_rules_alike(icaljs_ready: Path) -> None:
    expanded = recurrence_sets(GOOD, 5)
    assert expanded["ical"] == expanded["ical.js"] == {
        BIRTHDAY: ["2024-05-19", "2025-05-19", "2026-05-19"]}


def test_a_bom_is_refused_by_the_strict_parser_and_flagged(icaljs_ready: Path) -> None:
    data = b"\xef\xbb\xbf" + GOOD
    with pytest.raises(InteropError, match="byte order mark"):
        parse_ical_strict(data)
    assert own_checks(data) == [
        "starts with a UTF-8 byte order mark (BOM) (RFC 5545 §3.1.4)"]
    assert parse_icalendar(data) == EXPECTED  # icalendar skips the BOM
    (icaljs,) = icaljs_results(data)
    assert isinstance(icaljs, InteropError)  # with a TypeError's message, not a word on BOMs


def test_bad_utf8_is_refused_by_the_strict_parser_and_flagged() -> None:
    data = replaced("Quốc".encode(), b"Qu\xe1\xbb")
    with pytest.raises(InteropError, match="not valid UTF-8"):
        parse_ical_strict(data)
    (problem,) = own_checks(data)
    assert problem.startswith("not valid UTF-8")


def test_a_fold_inside_a_multibyte_character_is_flagged(icaljs_ready: Path) -> None:
    data = replaced(LE, LE[:10] + b"\r\n " + LE[10:])  # "L" + 1 of the 3 octets of "ễ"
    assert own_checks(data) == [
        "the fold before line 42 splits a multi-octet UTF-8 character (RFC 5545 §3.1)"]
    with pytest.raises(InteropError, match="not valid UTF-8"):
        parse_ical_strict(data)
    # The lenient parsers decode each physical line before unfolding: "ễ" becomes U+FFFD.
    (icaljs,) = icaljs_results(data)
    for events in (parse_icalendar(data), icaljs):
        assert not isinstance(events, InteropError)
        summaries = [e.summary or "" for e in events if e.uid == NATIONAL_DAY]
        assert summaries[0].startswith("L\ufffd")


@pytest.mark.parametrize(("data", "problem"), [
    (replaced(b"DTSTAMP:20240101T000000Z\r\n", b""),
     f"VEVENT '{BIRTHDAY}' has no DTSTAMP (RFC 5545 §3.6.1)"),
    (replaced(f"UID:{NATIONAL_DAY}".encode(), f"UID:{BIRTHDAY}".encode()),
     f"VEVENT '{BIRTHDAY}' with no RECURRENCE-ID appears twice (RFC 5545 §3.8.4.7, §3.8.4.4)"),
    (replaced(b"DTEND;VALUE=DATE:20240520", b"DTEND;VALUE=DATE:20240518"),
     f"VEVENT '{BIRTHDAY}': DTEND 2024-05-18 is not after DTSTART 2024-05-19 "
     "(RFC 5545 §3.8.2.2)"),
    (replaced(b"DTEND;VALUE=DATE:20240520", b"DTEND;VALUE=DATE:20240519"),
     f"VEVENT '{BIRTHDAY}': DTEND 2024-05-19 is not after DTSTART 2024-05-19 "
     "(RFC 5545 §3.8.2.2)"),
    (replaced(b"DTEND;TZID=Asia/Ho_Chi_Minh:20240902T103000", b"DTEND:20240902T003000Z"),
     f"VEVENT '{NATIONAL_DAY}': DTEND 2024-09-02T00:30:00+00:00 is not after DTSTART "
     "2024-09-02T01:00:00+00:00 (RFC 5545 §3.8.2.2)"),
    (replaced(b"DTEND;VALUE=DATE:20240520", b"DTEND:20240520T000000"),
     f"VEVENT '{BIRTHDAY}': DTEND and DTSTART have different value types (DATE vs DATE-TIME) "
     "(RFC 5545 §3.8.2.2)"),
    (replaced(b"TZID=Asia/Ho_Chi_Minh:20240902T080000", b"TZID=Asia/Saigon:20240902T080000"),
     "TZID=Asia/Saigon is used but no VTIMEZONE defines it (RFC 5545 §3.2.19)"),
    (replaced(f"UID:{BIRTHDAY}".encode(), fold_ascii(b"UID:" + b"x" * 200)),
     f"VEVENT {'x' * 200!r}: UID is 200 octets, not under 200"),
    (replaced(b"VERSION:2.0\r\n", b""), "VCALENDAR has no VERSION (RFC 5545 §3.6)"),
    (replaced(b"PRODID:-//kyniem//interop sample//VI\r\n", b""),
     "VCALENDAR has no PRODID (RFC 5545 §3.6)"),
    (GOOD.replace(b"\r\n", b"\n"),
     "44 bare LF and 0 bare CR line endings; content lines end with CRLF (RFC 5545 §3.1)"),
    (GOOD.removesuffix(b"\r\n"), "the last line does not end with CRLF (RFC 5545 §3.1)"),
    (replaced(b"\r\n 024)", b"024)"), "line 21 is 106 octets, over 75 (RFC 5545 §3.1)"),
    (replaced(b"DTSTART;VALUE=DATE:20240519", b"DTSTART;VALUE=DATE:20240231"),
     f"VEVENT '{BIRTHDAY}': DTSTART: '20240231' is not a real date or time (day is out of "
     "range for month) (RFC 5545 §3.3.4, §3.3.5)"),
    (replaced(b"DTSTART;VALUE=DATE:20240519", b"DTSTART:20240519"),
     f"VEVENT '{BIRTHDAY}': DTSTART: '20240519' is not a DATE-TIME value "
     "(RFC 5545 §3.3.4, §3.3.5)"),
    (GOOD.removesuffix(b"END:VCALENDAR\r\n"), "BEGIN:VCALENDAR is never closed"),
], ids=["no-dtstamp", "duplicate-uid", "dtend-before", "dtend-equal-all-day",
        "dtend-before-across-zones", "dtend-type", "unknown-tzid", "long-uid", "no-version",
        "no-prodid", "lf", "no-final-crlf", "long-line", "bad-date", "date-without-value",
        "unclosed"])
def test_own_checks_flag_exactly_the_problem(data: bytes, problem: str) -> None:
    assert own_checks(data) == [problem]


def test_no_parser_minds_a_missing_dtstamp_or_a_duplicate_uid() -> None:
    """What own_checks is for: the parsers accept these silently."""
    for data in (replaced(b"DTSTAMP:20240101T000000Z\r\n", b""),
                 replaced(f"UID:{NATIONAL_DAY}".encode(), f"UID:{BIRTHDAY}".encode())):
        assert len(parse_icalendar(data)) == len(parse_ical_strict(data)) == 3


def test_an_unknown_tzid_makes_the_parsers_disagree(icaljs_ready: Path) -> None:
    """Without a VTIMEZONE, ical.js reads TZID=Asia/Saigon as floating; the others look the
    IANA name up."""
    data = replaced(b"TZID=Asia/Ho_Chi_Minh:20240902T080000", b"TZID=Asia/Saigon:20240902T080000")
    found = disagreements(all_parsers(data))
    assert len(found) == 1
    assert found[0].startswith("icalendar vs ical.js")
    assert "start='2024-09-02T08:00:00'," in found[0]


def test_an_impossible_date_is_refused_except_by_icaljs(icaljs_ready: Path) -> None:
    data = replaced(b"DTSTART;VALUE=DATE:20240519", b"DTSTART;VALUE=DATE:20240231")
    with pytest.raises(InteropError, match="day is out of range for month"):
        parse_ical_strict(data)
    with pytest.raises(InteropError, match="Wrong date format 20240231"):
        parse_icalendar(data)
    rolled, garbage = icaljs_results(data, b"BEGIN:VCALENDAR\r\nnot a content line\r\n")
    # ical.js accepts 31 February and rolls it over to 2 March.
    assert not isinstance(rolled, InteropError)
    assert [e.start for e in rolled if e.uid == BIRTHDAY] == ["2024-03-02", "2025-05-18"]
    assert isinstance(garbage, InteropError)
    assert 'invalid line (no token ";" or ":")' in str(garbage)


def test_icaljs_moves_a_yearly_29_february_to_1_march(icaljs_ready: Path) -> None:
    """RFC 5545 §3.3.10 ignores invalid dates (dateutil: next in 2028); ical.js does not."""
    data = replaced(b"RECURRENCE-ID;VALUE=DATE:20250519", b"RECURRENCE-ID;VALUE=DATE:20280229")
    data = data.replace(b"20240519", b"20240229").replace(b"20240520", b"20240301")
    assert recurrence_sets(data, 3) == {
        "ical": {BIRTHDAY: ["2024-02-29", "2028-02-29", "2032-02-29"]},
        "ical.js": {BIRTHDAY: ["2024-02-29", "2025-03-01", "2026-03-01"]},
    }


def test_canonical_rrule() -> None:
    assert canonical_rrule("UNTIL=2024-12-31;BYMONTHDAY=19;FREQ=MONTHLY;INTERVAL=1") == (
        "FREQ=MONTHLY;BYMONTHDAY=19;UNTIL=20241231")
    assert canonical_rrule("FREQ=WEEKLY;WKST=MO;BYDAY=WE,MO;UNTIL=20241231T000000Z") == (
        "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20241231T000000Z")
    assert canonical_rrule("FREQ=WEEKLY;WKST=SU;INTERVAL=2") == "FREQ=WEEKLY;INTERVAL=2;WKST=SU"


def test_split_events_keeps_overrides_and_timezones_with_each_uid() -> None:
    parts = split_events(GOOD)
    assert [uid for uid, _ in parts] == [BIRTHDAY, NATIONAL_DAY]
    for uid, data in parts:
        assert own_checks(data) == []
        assert data.count(b"BEGIN:VTIMEZONE") == 1
        assert parse_ical_strict(data) == [e for e in EXPECTED if e.uid == uid]


def test_radicale_accepts_the_good_feed_and_serves_it_back(radicale: Radicale) -> None:
    calendar = radicale.make_calendar("good")
    parts = split_events(GOOD)
    assert [radicale.put(calendar, uid, data) for uid, data in parts] == [201, 201]
    assert radicale.put(calendar, *parts[0]) == 204
    served = radicale.get(calendar)
    assert parse_ical_strict(served) == parse_icalendar(served) == EXPECTED


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("garbage", b"garbage\r\n", "Failed to parse line: garbage"),
    ("two-uids", GOOD, "Multiple VEVENT components with different UIDs"),
    ("bad-date", replaced(b"DTSTART;VALUE=DATE:20240519", b"DTSTART;VALUE=DATE:20240231",
                          split_events(GOOD)[0][1]), "day is out of range for month"),
])
def test_radicale_refuses_bad_objects(radicale: Radicale, name: str, data: bytes,
                                      reason: str) -> None:
    calendar = radicale.make_calendar(name)
    with pytest.raises(InteropError, match=r"-> 400: Bad Request; log: .*") as refused:
        radicale.put(calendar, "bad", data)
    assert reason in str(refused.value)


def test_static_server_and_browser(static_server: Callable[[Path], str], browser: Browser,
                                   tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        "<!doctype html><meta charset=utf-8><title>Lịch kỷ niệm</title><p>ok</p>",
        encoding="utf-8")
    (tmp_path / "feed.ics").write_bytes(GOOD)
    base = static_server(tmp_path)
    page = browser.new_page()
    try:
        page.goto(base + "index.html")
        assert page.title() == "Lịch kỷ niệm"
        response = page.request.get(base + "feed.ics")
        assert response.status == 200
        assert response.headers["content-type"] == "text/calendar; charset=utf-8"
        assert response.body() == GOOD
    finally:
        page.close()
