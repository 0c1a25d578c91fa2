"""``--feed URL``: conditional GET (ETag, Last-Modified → 304), X-KYNIEM-* properties,
recurring reports with a moved instance, other calendars' events, unreachable feeds."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from click.testing import CliRunner
from remind_support import FIXTURE, http_server

from scheduler.cli import main
from scheduler.items import ItemKind
from scheduler.registry import InputError
from scheduler.remind.feedsource import fetch, items

ETAG = '"plan-v1"'
MODIFIED = "Mon, 01 Apr 2024 00:00:00 GMT"


@pytest.fixture(autouse=True)
def _store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KYNIEM_STORE", f"sqlite:///{tmp_path}/remind.sqlite")


def serve(log: list[tuple[str | None, str | None, int]]) -> AbstractContextManager[str]:
    def handler(request: BaseHTTPRequestHandler) -> None:
        match = request.headers.get("If-None-Match")
        since = request.headers.get("If-Modified-Since")
        status = 304 if match == ETAG or since == MODIFIED else 200
        log.append((match, since, status))
        request.send_response(status)
        request.send_header("ETag", ETAG)
        request.send_header("Last-Modified", MODIFIED)
        body = FIXTURE.read_bytes() if status == 200 else b""
        request.send_header("Content-Type", "text/calendar; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return http_server(handler)


def test_conditional_get_gets_304_the_second_time(tmp_path: Path) -> None:
    log: list[tuple[str | None, str | None, int]] = []
    with serve(log) as base:
        first = fetch(f"{base}/plan.ics", tmp_path / "cache")
        second = fetch(f"{base}/plan.ics", tmp_path / "cache")
    assert first.status == 200 and second.status == 304
    assert second.body == first.body == FIXTURE.read_bytes()
    assert log == [(None, None, 200), (ETAG, MODIFIED, 304)]


def test_kyniem_properties_become_items() -> None:
    found = {i.uid: i for i in items(FIXTURE.read_bytes(), "x", date(2024, 1, 1),
                                     date(2024, 12, 31))}
    report = found["feed/plan/test/bao-cao-ket-qua@kyniem"]
    assert report.kind is ItemKind.REPORT and report.reminders == (30, 7, 1)
    assert report.due is not None and report.due.day == date(2024, 4, 19)
    assert report.lead == "Ban Tuyên giáo"
    assert report.partners == ("Đoàn Thanh niên", "Hội Cựu chiến binh")
    peak = found["feed/plan/test/cao-diem@kyniem"]
    assert (peak.kind, peak.start, peak.end) == (ItemKind.PEAK, date(2024, 4, 22),
                                                 date(2024, 5, 7))  # DTEND is exclusive
    may = found["feed/plan/test/bao-cao-thang@kyniem/20240519"]  # RECURRENCE-ID override
    assert may.due is not None and (may.due.written, may.due.day) == (date(2024, 5, 19),
                                                                     date(2024, 5, 17))
    assert "feed/plan/test/bao-cao-thang@kyniem/20240619" in found
    other = found["feed/le-ky-niem-other@example.org"]
    assert other.kind is ItemKind.EVENT and other.reminders == ()


def test_remind_from_a_feed_over_http(tmp_path: Path) -> None:
    log: list[tuple[str | None, str | None, int]] = []
    with serve(log) as base:
        args = ["remind", "--feed", f"{base}/plan.ics", "--list", "--json", "--now",
                "01/04/2024"]
        listed = CliRunner().invoke(main, args)
        assert listed.exit_code == 0, listed.output
        again = CliRunner().invoke(main, args)
    assert [status for *_, status in log] == [200, 304]
    rows = json.loads(listed.output)
    assert json.loads(again.output) == rows
    report = [r for r in rows if r["uid"] == "feed/plan/test/bao-cao-ket-qua@kyniem"]
    assert [(r["days"], r["fire_at"]) for r in report] == [
        (7, "2024-04-12T08:00:00+07:00"), (1, "2024-04-18T08:00:00+07:00"),
        (0, "2024-04-19T08:00:00+07:00")]  # 30 days before (20/03) is past the grace span
    other = [r["days"] for r in rows if r["uid"] == "feed/le-ky-niem-other@example.org"]
    assert other == [7, 1, 0]  # default lead times of an event


def test_unreachable_or_broken_feed_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["remind", "--feed", "http://127.0.0.1:9/x.ics",
                                       "--once"])
    assert result.exit_code == 2 and "cannot fetch it" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\nthis is not ical\n")
    with pytest.raises(InputError):
        items(broken.read_bytes(), "b", date(2024, 1, 1), date(2024, 12, 31))
    result = CliRunner().invoke(main, ["remind", "--feed", broken.as_uri(), "--list"])
    assert result.exit_code == 2 and "not a readable iCalendar feed" in result.output


def test_reminders_from_our_own_published_site(tmp_path: Path,
                                               static_server: object) -> None:
    """kyniem build → any static server → kyniem remind --feed: a ward's reminders with no
    shared database; the feed's X-KYNIEM-* properties keep kinds, units and lead times."""
    site = tmp_path / "site"
    built = CliRunner().invoke(main, ["build", "--out", str(site), "--now", "01/03/2024"])
    assert built.exit_code == 0, built.output
    base = static_server(site)  # type: ignore[operator]
    url = base + "plans/thanh-xuan-giai-phong-thu-do-70-2024.ics"
    listed = CliRunner().invoke(main, ["remind", "--feed", url, "--list", "--json",
                                       "--now", "01/04/2024"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    rows = rows["reminders"] if isinstance(rows, dict) else rows
    text = json.dumps(rows, ensure_ascii=False)
    assert "bao-cao-dinh-ky-hang-thang" in text  # the monthly report, from its RRULE
    assert "Phòng Văn hóa và Thông tin quận" in text  # a partner unit, from X-KYNIEM-PARTNER
    assert "2024-05-17" in text  # the May instance, moved off Sunday 19/05 (RECURRENCE-ID)
    # regression: escaped commas of a TEXT X- property were kept ("Các phòng\\, ban\\, …")
    monthly = next(r for r in rows if "hang-thang" in r["uid"])
    assert monthly["lead"] == "Các phòng, ban, đơn vị, UBND các phường"
