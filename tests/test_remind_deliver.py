"""Delivery with a controlled clock (``--once``, in process): lead times, late delivery after
downtime (once, marked late), no repeat across runs, sync after a plan edit, the crash
windows of :mod:`scheduler.remind.deliver`."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from remind_support import event, write_feed

from scheduler.cli import main
from scheduler.dates import VN_TZ
from scheduler.remind.plan import Reminder
from scheduler.remind.store import open_store


@pytest.fixture(autouse=True)
def _store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KYNIEM_STORE", f"sqlite:///{tmp_path}/remind.sqlite")


def remind(*args: str) -> Result:
    result = CliRunner().invoke(main, ["remind", "--no-desktop", *args])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result


def lines(result: Result, word: str = "") -> list[str]:
    return [line for line in result.output.splitlines() if word in line and "Đã nhắc" not in line]


def test_lead_times_before_the_due_day(tmp_path: Path) -> None:
    url = write_feed(tmp_path / "f.ics", [event("bc@t", date(2024, 4, 19), "Báo cáo kết quả",
                                                kind="report", reminders="7,1")])
    week = remind("--feed", url, "--once", "--now", "12/04/2024")
    assert lines(week, "Báo cáo kết quả") == [
        "12/04/2024 08:00  Hạn báo cáo còn 7 ngày: Báo cáo kết quả (19/04/2024) [Ban Tuyên giáo]"]
    assert lines(remind("--feed", url, "--once", "--now", "17/04/2024"), "Báo cáo") == []
    day = remind("--feed", url, "--once", "--now", "18/04/2024", "--lang", "en")
    assert lines(day, "Báo cáo") == [
        "18/04/2024 08:00  Report due tomorrow: Báo cáo kết quả (19/04/2024) [Ban Tuyên giáo]"]
    due = remind("--feed", url, "--once", "--now", "19/04/2024")
    assert "Hạn báo cáo hôm nay" in due.output and "[trễ" not in due.output


def test_weekend_downtime_delivered_on_monday_once_marked_late(tmp_path: Path) -> None:
    url = write_feed(tmp_path / "f.ics", [
        event("sat@t", date(2024, 4, 13), "Việc thứ bảy", kind="event", reminders="0"),
        event("sun@t", date(2024, 4, 21), "Việc tuần sau", kind="event", reminders="7"),
        event("fri@t", date(2024, 4, 12), "Việc thứ sáu", kind="event", reminders="0")])
    friday = remind("--feed", url, "--once", "--clock", "2024-04-12T17:00")
    assert len(lines(friday, "Việc")) == 1 and "Việc thứ sáu" in friday.output
    monday = remind("--feed", url, "--once", "--clock", "2024-04-15T08:30")
    got = lines(monday, "Việc")
    assert len(got) == 2
    assert any("Việc thứ bảy" in g and "[trễ: lẽ ra nhắc lúc 08:00 T7 13/04/2024]" in g
               for g in got)
    assert any("Việc tuần sau" in g and "trễ: lẽ ra nhắc lúc 08:00 CN 14/04/2024" in g
               for g in got)
    again = remind("--feed", url, "--once", "--clock", "2024-04-15T09:00")
    assert lines(again, "Việc") == []
    assert "Đã nhắc 0 việc" in again.output


def test_sync_after_an_edit_moves_and_removes(tmp_path: Path) -> None:
    path = tmp_path / "f.ics"
    url = write_feed(path, [event("a@t", date(2024, 5, 10), "Việc A", reminders="1"),
                            event("b@t", date(2024, 5, 11), "Việc B", reminders="1")])
    listed = json.loads(remind("--feed", url, "--list", "--json", "--now", "01/05/2024").output)
    assert [(r["title"], r["fire_at"][:10]) for r in listed] == [
        ("Việc A", "2024-05-09"), ("Việc A", "2024-05-10"),
        ("Việc B", "2024-05-10"), ("Việc B", "2024-05-11")]
    write_feed(path, [event("a@t", date(2024, 5, 20), "Việc A (dời)", reminders="1")])
    listed = json.loads(remind("--feed", url, "--list", "--json", "--now", "01/05/2024").output)
    assert [(r["title"], r["fire_at"][:10]) for r in listed] == [
        ("Việc A (dời)", "2024-05-19"), ("Việc A (dời)", "2024-05-20")]
    assert lines(remind("--feed", url, "--once", "--now", "10/05/2024"), "Việc") == []
    assert len(lines(remind("--feed", url, "--once", "--now", "19/05/2024"), "Việc A")) == 1


def test_crash_after_claim_is_shown_once_on_the_next_run(tmp_path: Path) -> None:
    url = write_feed(tmp_path / "f.ics", [event("a@t", date(2024, 5, 10), "Việc A")])
    remind("--feed", url, "--list", "--now", "01/05/2024")
    store = open_store()
    [scheduled] = store.scheduled()
    # window (b)-(c): claimed in the log, the process died before showing it
    assert store.claim(scheduled.reminder, datetime.now(VN_TZ), late=False)
    store.engine.dispose()
    first = remind("--feed", url, "--once", "--now", "11/05/2024")
    assert len(lines(first, "Việc A")) == 1
    assert "nhắc lại sau khi bị gián đoạn" in first.output
    assert lines(remind("--feed", url, "--once", "--now", "11/05/2024"), "Việc A") == []


def test_job_lost_before_the_claim_is_re_added_and_shown(tmp_path: Path) -> None:
    url = write_feed(tmp_path / "f.ics", [event("a@t", date(2024, 5, 10), "Việc A")])
    remind("--feed", url, "--list", "--now", "01/05/2024")
    store = open_store()
    # window (a)-(b): APScheduler removed the job, then the process died
    store.remove_jobs([s.reminder.job_id for s in store.scheduled()])
    store.engine.dispose()
    run = remind("--feed", url, "--once", "--now", "10/05/2024")
    assert len(lines(run, "Việc A")) == 1 and "gián đoạn" not in run.output


def test_json_lines_and_unit_filter(tmp_path: Path) -> None:
    url = write_feed(tmp_path / "f.ics", [
        event("a@t", date(2024, 5, 10), "Việc A", lead="Đoàn Thanh niên"),
        event("b@t", date(2024, 5, 10), "Việc B", lead="Hội Phụ nữ")])
    run = remind("--feed", url, "--once", "--now", "10/05/2024", "--unit", "đoàn", "--json")
    events = [json.loads(x) for x in run.output.splitlines() if x.startswith('{"event"')]
    [shown] = [e for e in events if e["event"] == "reminder"]
    assert shown["title"] == "Việc A" and shown["late"] is False
    assert shown["urgency"] == "critical" and shown["fire_at"] == "2024-05-10T08:00:00+07:00"
    assert '"delivered": 1' in run.output


def test_delivery_log_keeps_one_row_per_reminder(tmp_path: Path) -> None:
    url = write_feed(tmp_path / "f.ics", [event("a@t", date(2024, 5, 10), "Việc A",
                                                reminders="3,1")])
    for day in ("07/05/2024", "08/05/2024", "09/05/2024", "09/05/2024", "10/05/2024"):
        remind("--feed", url, "--once", "--now", day)
    rows = open_store().delivered()
    assert [(r["job_id"], r["state"]) for r in rows] == [
        ("feed/a@t#3d", "shown"), ("feed/a@t#1d", "shown"), ("feed/a@t#0d", "shown")]
    assert Reminder.from_payload(json.loads(rows[0]["payload"])).days == 3


@pytest.mark.parametrize("written", [True, False])
def test_killed_between_write_and_mark_reads_the_output_file_back(tmp_path: Path,
                                                                  written: bool) -> None:
    from scheduler.remind.channels import Terminal
    from scheduler.remind.deliver import Journal, Runtime, journal_path, recover
    from scheduler.remind.plan import Clock
    from scheduler.remind.views import Delivery

    store = open_store()
    reminder = Reminder(job_id="a#0d", uid="a", kind="deadline", title="Việc A",
                        anchor=date(2024, 5, 10), days=0,
                        fire_at=datetime(2024, 5, 10, 8, tzinfo=VN_TZ))
    out = tmp_path / "reminders.log"
    with open(out, "a", encoding="utf-8") as stream:
        terminal = Terminal(stream)
        journal = Journal(journal_path(store))
        runtime = Runtime(store, Clock(), terminal, journal)
        assert store.claim(reminder, datetime.now(VN_TZ), False)  # (b)
        data = terminal.render(Delivery(reminder, datetime.now(VN_TZ), False)).encode()
        fd, device, inode = terminal.file() or (0, 0, 0)
        journal.intent(reminder.key, device, inode, out.stat().st_size, data)
        if written:
            terminal.write(data)  # (c) done, killed before (c')
        assert recover(runtime) == (0 if written else 1)
        journal.close()
    assert out.read_text(encoding="utf-8").count("Việc A") == 1
    assert store.unconfirmed() == []
