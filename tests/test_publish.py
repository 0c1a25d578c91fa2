"""``kyniem feed`` and ``kyniem build`` through the click entry point."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner, Result

from scheduler.cli import main
from scheduler.feeds.ledger import Ledger


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_feed_to_stdout_is_the_calendar_bytes() -> None:
    result = run("feed", "--plan", "phuong-dien-bien-phu-70-2024", "--now", "01/06/2024")
    assert result.exit_code == 0
    data = result.stdout_bytes
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"X-WR-CALNAME:K" in data and b"DTSTAMP:20240531T170000Z" in data
    assert run("feed", "--plan", "phuong-dien-bien-phu-70-2024", "--now",
               "01/06/2024").stdout_bytes == data  # same data, same bytes


def test_feed_milestones_and_horizon() -> None:
    data = run("feed", "--milestones", "--years", "2", "--now", "01/01/2025").stdout_bytes
    text = data.decode().replace("\r\n ", "")
    assert "Kỷ niệm 50 năm Ngày Giải phóng miền Nam\\, thống nhất đất nước" in text
    assert "DTSTART;VALUE=DATE:2028" not in text and "DTSTART;VALUE=DATE:2027" in text


def test_feed_for_a_unit_keeps_its_tasks_and_the_anniversary_day() -> None:
    ward = "ke-hoach-phuong-dien-bien-phu-70-2024/hoi-cuu-chien-binh"
    text = run("feed", "--unit", ward, "--now",
               "01/06/2024").stdout_bytes.decode().replace("\r\n ", "")
    assert "X-KYNIEM-PARTNER:Hội CCB" in text and "X-KYNIEM-LEAD:Hội" not in text
    assert "UID:anniversary/chien-thang-dien-bien-phu/2024@kyniem" in text
    assert "Hội Cựu chiến binh Quận" not in text  # another district's body, not this one


def test_a_unit_name_that_fits_two_bodies_asks_which() -> None:
    """Regression: "hội ccb" used to merge the ward's and a district's Hội CCB in one feed."""
    result = run("feed", "--unit", "hội ccb")
    assert result.exit_code == 2
    assert "nhiều đơn vị" in result.output and "/hoi-cuu-chien-binh" in result.output


def test_unknown_unit_plan_or_anniversary_is_exit_2() -> None:
    for args in (["--unit", "Sở Ngoại vụ"], ["--plan", "khong-co"], ["--anniversary", "x"]):
        result = run("feed", *args)
        assert result.exit_code == 2, args
        assert "không có" in result.output, result.output  # in the user's language


def test_feed_file_is_replaced_only_when_it_is_ours(tmp_path: Path) -> None:
    target = tmp_path / "lich.ics"
    assert run("feed", "-o", str(target), "--now", "01/06/2024").exit_code == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert run("feed", "-o", str(target), "--now", "02/06/2024").exit_code == 0
    notes = tmp_path / "notes.ics"
    notes.write_text("ghi chép của tôi", encoding="utf-8")
    result = run("feed", "-o", str(notes))
    assert result.exit_code == 2 and "không phải lịch do kyniem tạo" in result.output
    assert notes.read_text(encoding="utf-8") == "ghi chép của tôi"


def test_state_file_bumps_sequence_only_on_change(tmp_path: Path) -> None:
    state = tmp_path / "ledger.json"
    args = ["feed", "--plan", "phuong-dien-bien-phu-70-2024", "--state", str(state)]
    first = run(*args, "--now", "01/06/2024").stdout_bytes
    second = run(*args, "--now", "09/06/2024").stdout_bytes
    assert first == second  # nothing changed: the stamps of 01/06 stay
    assert b"SEQUENCE:1" not in second


def test_a_damaged_ledger_is_a_clear_error(tmp_path: Path) -> None:
    state = tmp_path / "ledger.json"
    state.write_text("{not json", encoding="utf-8")
    result = run("feed", "--state", str(state))
    assert result.exit_code == 2 and str(state) in result.output
    assert state.read_text(encoding="utf-8") == "{not json"


def test_ledger_moves_sequence_with_the_digest() -> None:
    from datetime import UTC, datetime

    ledger = Ledger(datetime(2024, 1, 1, tzinfo=UTC))
    assert ledger.stamp("a", "d1").sequence == 0
    later = Ledger(datetime(2024, 2, 1, tzinfo=UTC), ledger.entries)
    assert later.stamp("a", "d1").modified == datetime(2024, 1, 1, tzinfo=UTC)
    moved = later.stamp("a", "d2")
    assert (moved.sequence, moved.modified) == (1, datetime(2024, 2, 1, tzinfo=UTC))


def test_build_json_report(tmp_path: Path) -> None:
    result = run("build", "--out", str(tmp_path / "s"), "--now", "01/06/2024", "--json")
    report = json.loads(result.output)
    assert report["feeds"] > 100 and report["removed"] == []
    assert "all.ics" in report["written"] and report["over_1mb"] == []
    again = json.loads(run("build", "--out", str(tmp_path / "s"), "--now", "01/06/2024",
                           "--json").output)
    assert again["written"] == [] and again["unchanged"] == len(report["written"])


def test_paths_in_the_way_are_exit_2_never_a_traceback(tmp_path: Path) -> None:
    """Regressions from review: these raised OSError tracebacks (exit 1)."""
    a_file = tmp_path / "f"
    a_file.write_text("hi", encoding="utf-8")
    cases = [
        (["build", "--out", str(a_file)], "is a file"),
        (["build", "--out", str(a_file / "sub")], ""),
        (["feed", "-o", str(a_file / "y.ics")], "no folder"),
        (["feed", "-o", str(tmp_path)], "is a folder"),
        (["feed", "--state", str(tmp_path)], "is a folder"),
        (["feed", "-o", str(tmp_path / "missing" / "x.ics")], "no folder"),
        (["build", "--out", "/proc/kyniem-site"], ""),
        (["feed", "--unit", ""], "empty"),
        (["feed", "--years", "90"], "2100"),
        (["feed", "--base-url", "lich.example.vn/a.ics"], "http"),
    ]
    for args, words in cases:
        result = CliRunner().invoke(main, [*args, "--lang", "en"])
        assert result.exit_code == 2, (args, result.output, result.exception)
        assert "Traceback" not in result.output and words in result.output, args
    assert not (tmp_path / "missing").exists()


def test_build_never_writes_into_a_folder_it_did_not_make(tmp_path: Path) -> None:
    mine = tmp_path / "www"
    mine.mkdir()
    (mine / "index.html").write_text("<p>trang của tôi</p>", encoding="utf-8")
    result = run("build", "--out", str(mine), "--now", "01/06/2024")
    assert result.exit_code == 2 and "--force" in result.output
    assert (mine / "index.html").read_text(encoding="utf-8") == "<p>trang của tôi</p>"
    assert run("build", "--out", str(mine), "--now", "01/06/2024", "--force").exit_code == 0
    assert (mine / "all.ics").exists()
    assert run("build", "--out", str(mine), "--now", "01/06/2024").exit_code == 0  # ours now


def test_leap_day_policy_holds_for_a_plans_own_anniversary_day(tmp_path: Path) -> None:
    """Regression (review): the plan's copy of its anniversary day ignored --leap-day."""
    plan = tmp_path / "leap.yaml"
    plan.write_text('id: leap\ntitle: "Kế hoạch ngày nhuận"\nanniversary: test-leap\n'
                    'year: 2025\nissuer: "UBND"\nactivities:\n  - id: a\n    title: "A"\n'
                    '    when: "trong tháng 2/2025"\n    kind: campaign\n', encoding="utf-8")
    registry = str(Path(__file__).parent / "fixtures" / "registry" / "mini.yaml")
    for policy, day in (("feb28", b"20250228"), ("mar1", b"20250301")):
        data = run("feed", "--plan", "leap", "--plans", str(plan), "--registry", registry,
                   "--leap-day", policy, "--now", "01/01/2025").stdout_bytes
        text = data.replace(b"\r\n ", b"")
        block = text.split(b"UID:anniversary/test-leap/2025@kyniem")[1].split(b"END:VEVENT")[0]
        assert b"DTSTART;VALUE=DATE:" + day in block, policy


def test_progress_bar_only_on_a_terminal(monkeypatch: object) -> None:
    import io
    import sys

    from scheduler import cli

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert cli._progress() is None  # pytest's stderr is not a terminal
    screen = Tty()
    monkeypatch.setattr(sys, "stderr", screen)  # type: ignore[attr-defined]
    start = cli._progress()
    assert start is not None
    step = start(3)
    for _ in range(3):
        step()
    assert "kyniem build" in screen.getvalue()


def test_a_base_url_with_a_line_break_is_exit_2(tmp_path: Path) -> None:
    """Regression (issue 9): a CR/LF in --base-url added VEVENTs to every feed."""
    for url in ("https://lich.example.vn/a\r\nBEGIN:VEVENT", "https://lich.example.vn/ x",
                'https://lich.example.vn/"><script>', "https:///no-host", "javascript:x"):
        for args in (["feed"], ["build", "--out", str(tmp_path / "s")]):
            result = run(*args, "--base-url", url, "--lang", "en")
            assert result.exit_code == 2, (args, url, result.output)
            assert "--base-url" in result.output and "BEGIN:VEVENT\r\n" not in result.output
    assert not (tmp_path / "s").exists()


def test_feed_output_never_replaces_a_link_or_device(tmp_path: Path) -> None:
    target = tmp_path / "real.ics"
    target.write_bytes(b"PRODID:-//kyniem//old")
    link = tmp_path / "feed.ics"
    link.symlink_to(target)
    result = run("feed", "-o", str(link), "--lang", "en")
    assert result.exit_code == 2 and "not a regular file" in result.output
    assert link.is_symlink() and target.read_bytes() == b"PRODID:-//kyniem//old"
    fifo = tmp_path / "fifo.ics"
    os.mkfifo(fifo)  # reading its head to see whose feed it is would wait forever
    result = run("feed", "-o", str(fifo), "--lang", "en")
    assert result.exit_code == 2 and "not a regular file" in result.output
