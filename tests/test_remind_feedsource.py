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
from remind_support import FIXTURE, event, http_server, serve_file, write_feed

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
    assert result.exit_code == 2 and "không tải được" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\nthis is not ical\n")
    with pytest.raises(InputError):
        items(broken.read_bytes(), "b", date(2024, 1, 1), date(2024, 12, 31))
    result = CliRunner().invoke(main, ["remind", "--feed", serve_file(broken), "--list",
                                       "--lang", "en"])
    assert result.exit_code == 2 and "not a readable iCalendar feed" in result.output
    assert "(error at line 2)" in result.output and "this is not" not in result.output


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/plan.ics",
                                 "FILE:///etc/hostname", "data:text/calendar,BEGIN",
                                 "http:///no-host.ics", "/etc/passwd"])
def test_feed_takes_http_and_https_only(url: str) -> None:
    result = CliRunner().invoke(main, ["remind", "--feed", url, "--once"])
    assert result.exit_code == 2, result.output
    assert "chỉ nhận địa chỉ http:// hoặc https://" in result.output
    assert "root" not in result.output.replace(url, "")  # /etc/passwd was never read
    assert result.exception is None or isinstance(result.exception, SystemExit)
    english = CliRunner().invoke(main, ["remind", "--feed", url, "--list", "--lang", "en"])
    assert "only http:// and https:// URLs are taken" in english.output


@pytest.mark.parametrize("target", ["ftp://127.0.0.1:9/plan.ics", "file:///etc/passwd"])
def test_a_redirect_away_from_http_is_not_followed(tmp_path: Path, target: str) -> None:
    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(302)
        request.send_header("Location", target)
        request.end_headers()

    with http_server(handler) as base:
        result = CliRunner().invoke(main, ["remind", "--feed", f"{base}/plan.ics", "--once"])
    assert result.exit_code == 2, result.output
    assert "root:" not in result.output and "Traceback" not in result.output
    if target.startswith("ftp"):  # urllib refuses file: itself (HTTP 302), follows ftp:
        assert "chuyển hướng sang một địa chỉ không phải http(s)" in result.output


SECRET = "kyniem-secret-7f3a9c"


@pytest.mark.parametrize("body", [
    f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{SECRET}\r\nEND:VCALENDAR\r\n",
    f"{SECRET}:x:0:0:{SECRET}:/root:/bin/bash\n",  # what /etc/passwd looks like
    f"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:{SECRET}\r\nDTSTART:{SECRET}\r\n"
    f"RRULE:FREQ={SECRET}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    f"\x00\xff{SECRET}".encode("latin-1").decode("latin-1"),
])
def test_a_malformed_feed_is_reported_without_quoting_it(tmp_path: Path, body: str) -> None:
    path = tmp_path / "bad.ics"
    path.write_bytes(body.encode("utf-8"))
    result = CliRunner().invoke(main, ["remind", "--feed", serve_file(path), "--once"])
    assert result.exit_code in (0, 2), result.output
    assert SECRET not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_feed_lead_times_out_of_range_are_ignored(tmp_path: Path) -> None:
    url = write_feed(tmp_path / "f.ics", [
        event("a@t", date(2024, 5, 10), "Việc A", reminders="99999999999,3651,3650,²,-5,7"),
        event("b@t", date(9998, 9, 1), "Việc cuối lịch", reminders="3650,99999"),
        event("c@t", date(1, 3, 5), "Việc năm 1", reminders="90,1")])
    result = CliRunner().invoke(main, ["remind", "--feed", url, "--list", "--json", "--now",
                                       "01/05/2024"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert sorted(r["days"] for r in rows if r["title"] == "Việc A") == [0, 7]  # 3650: expired
    found = items(FIXTURE.read_bytes().replace(b"X-KYNIEM-REMINDERS:30,7,1",
                                               b"X-KYNIEM-REMINDERS:30,99999,3650,4000"),
                  "x", date(2024, 1, 1), date(2024, 12, 31))
    report = next(i for i in found if i.uid == "feed/plan/test/bao-cao-ket-qua@kyniem")
    assert report.reminders == (30, 3650)
    for now, title, days in [("01/03/0001", "Việc năm 1", [0, 1]),  # 90 days before: year 0
                             ("20/08/9997", "Việc cuối lịch", [0])]:
        edge = CliRunner().invoke(main, ["remind", "--feed", url, "--list", "--json", "--now",
                                         now, "--store", f"sqlite:///{tmp_path}/{now[-4:]}.db"])
        assert edge.exit_code == 0, edge.output
        assert sorted(r["days"] for r in json.loads(edge.output) if r["title"] == title) == days


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
    # format 2: both lead units, from two X-KYNIEM-LEAD lines (a regression: a list of them
    # was once turned into one garbled string)
    assert "Các phòng, ban, đơn vị; UBND các phường" in text
    assert "2024-05-17" in text  # the May instance, moved off Sunday 19/05 (RECURRENCE-ID)
    # regression: escaped commas of a TEXT X- property were kept ("Các phòng\\, ban\\, …")
    monthly = next(r for r in rows if "hang-thang" in r["uid"])
    assert monthly["lead"] == "Các phòng, ban, đơn vị; UBND các phường"
