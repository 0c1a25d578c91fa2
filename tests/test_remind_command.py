"""``kyniem remind`` on the command line: bad input exits 2 with a message (never a
traceback), ``--list`` on the bundled plans, and start-up stays free of APScheduler."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from remind_support import ROOT, kyniem

from scheduler.cli import main


@pytest.fixture(autouse=True)
def _store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KYNIEM_STORE", f"sqlite:///{tmp_path}/remind.sqlite")


@pytest.mark.parametrize(("args", "message"), [
    (["--store", "nonsense", "--list"], "không phải địa chỉ cơ sở dữ liệu"),
    (["--store", "oracle://u@h/db", "--once"], "hãy dùng địa chỉ sqlite"),
    # regression: these three were English in a Vietnamese run
    (["--at", "25:00", "--once"], "không phải giờ trong ngày"),
    (["--clock", "tomorrow", "--once"], "không phải thời điểm"),
    (["--webhook", "ftp://x", "--once"], "không phải địa chỉ http(s)"),
    (["--webhook", "ftp://x", "--once", "--lang", "en"], "is not an http(s) URL"),
    (["--smtp", "smtp://", "--once"], "không có dạng smtp://"),
    (["--smtp", "smtp://localhost", "--once"], "hãy ghi ít nhất một địa chỉ nhận thư"),
    (["--once", "--list"], "không ghi cả hai"),
])
def test_bad_input_exits_2_with_a_message(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["remind", *args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_list_on_the_bundled_plans() -> None:
    result = CliRunner().invoke(main, ["remind", "--list", "--now", "10/04/2024"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Lời nhắc đã lên lịch (")
    assert ("12/04/2024 08:00  7 ngày trước   báo cáo       Báo cáo kết quả về UBND quận"
            in result.output)
    rows = json.loads(CliRunner().invoke(main, ["remind", "--list", "--json", "--now",
                                                "10/04/2024", "--unit", "Công an"]).output)
    assert rows and all(r["kind"] == "anniversary" or "Công an" in (r["lead"] or "")
                        or any("Công an" in p for p in r["partners"]) for r in rows)


def test_startup_does_not_import_the_scheduler(tmp_path: Path) -> None:
    code = ("import sys, scheduler.cli; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'apscheduler', 'sqlalchemy', 'platformdirs', 'filelock', 'icalendar'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"
    helped = kyniem(["remind", "--help"], tmp_path)
    assert helped.returncode == 0 and "--once" in helped.stdout and "--feed" in helped.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--clock", "0001-01-01T00:00"], "vượt quá năm 1–9998"),
    (["--clock", "0001-01-08T23:59"], "vượt quá năm 1–9998"),  # grace + 1 day before year 1
    (["--clock", "0001-01-01T00:00+14:00"], "năm 0 nằm ngoài khoảng 1–9998"),
    (["--clock", "9998-12-31T23:59"], "vượt quá năm 1–9998"),
    (["--clock", "9998-12-31T23:00-12:00"], "năm 9999 nằm ngoài khoảng 1–9998"),
    (["--clock", "9999-12-31T23:59:59"], "năm 9999 nằm ngoài khoảng 1–9998"),
    (["--clock", "31/12/9999 08:00"], "năm 9999 nằm ngoài khoảng 1–9998"),
    (["--now", "31/12/9998"], "vượt quá năm 1–9998"),
    (["--now", "01/01/0001"], "vượt quá năm 1–9998"),
    (["--now", "28/09/9997"], "vượt quá năm 1–9998"),  # the 460-day horizon ends in 9999
])
@pytest.mark.parametrize("mode", ["--once", "--list"])
def test_moments_at_the_ends_of_the_calendar_exit_2(args: list[str], message: str,
                                                    mode: str) -> None:
    """Regression: ``--clock 0001-01-01T00:00`` and ``--now 31/12/9998`` ended in an
    OverflowError traceback (today - grace - 1 day, today + horizon)."""
    result = CliRunner().invoke(main, ["remind", "--no-desktop", mode, *args])
    assert result.exit_code == 2, (result.output, result.exception)
    assert message in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_moments_at_the_ends_of_the_calendar_in_english() -> None:
    result = CliRunner().invoke(main, ["remind", "--once", "--now", "31/12/9998", "--lang",
                                       "en"])
    assert result.exit_code == 2
    assert "the span it needs leaves the years 1–9998" in result.output


def test_the_daemon_refuses_an_edge_moment_too(tmp_path: Path) -> None:
    done = kyniem(["remind", "--no-desktop", "--clock", "0001-01-01T00:00"], tmp_path,
                  timeout=30)
    assert done.returncode == 2, done.stderr
    assert "vượt quá năm 1–9998" in done.stderr and "Traceback" not in done.stderr
