"""The daemon as a real subprocess: a reminder fires at its time, Ctrl-C and SIGTERM exit
cleanly, a second daemon is refused, and SIGKILL at random points never loses or repeats a
reminder."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from remind_support import KYNIEM, ROOT, env, event, write_feed


def start(args: list[str], tmp_path: Path, out: Path | None = None) -> subprocess.Popen[str]:
    stdout = open(out, "a", encoding="utf-8") if out else subprocess.PIPE  # noqa: SIM115
    proc = subprocess.Popen([*KYNIEM, "remind", "--no-desktop", *args], stdout=stdout,
                            stderr=subprocess.PIPE, text=True, env=env(tmp_path), cwd=ROOT)
    if out:
        stdout.close()  # type: ignore[union-attr]
    return proc


def wait_for(path: Path, pattern: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if re.search(pattern, text):
            return text
        time.sleep(0.005)
    raise AssertionError(f"{pattern!r} not seen in {timeout} s: {text!r}")


def wait_lines(path: Path, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while path.read_text(encoding="utf-8").count("\n") < count:
        assert time.monotonic() < deadline, f"fewer than {count} lines after {timeout} s"
        time.sleep(0.002)


def test_fires_on_time_and_exits_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    url = write_feed(tmp_path / "f.ics", [event("a@t", date(2024, 5, 10), "Việc A")])
    out = tmp_path / "out.txt"
    proc = start(["--feed", url, "--clock", "2024-05-10T07:59:58"], tmp_path, out)
    text = wait_for(out, "Việc A", 15)
    assert "Hạn chót hôm nay: Việc A" in text and "[trễ" not in text
    second = start(["--feed", url], tmp_path)
    _, err = second.communicate(timeout=30)
    assert second.returncode == 2 and "đang gửi lời nhắc" in err and "Traceback" not in err
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert "Đã nhắc 1 việc (0 trễ)" in out.read_text(encoding="utf-8")


def test_one_daemon_per_store_through_a_symlink_or_a_relative_path(tmp_path: Path) -> None:
    """Regression: the lock was ``<name>.lock`` of the name given, so a daemon reached through
    a symlink (or a relative path) ran beside the first one on the same database."""
    url = write_feed(tmp_path / "f.ics", [event("a@t", date(2099, 5, 10), "Việc A")])
    (tmp_path / "link.sqlite").symlink_to(tmp_path / "remind.sqlite")
    (tmp_path / "sub").mkdir()
    relative = os.path.relpath(tmp_path / "sub" / ".." / "remind.sqlite", ROOT)
    first = start(["--feed", url], tmp_path)
    assert first.stderr is not None
    assert "Đang chạy" in first.stderr.readline()  # holds the lock, scheduler running
    try:
        for store, mode in ((f"sqlite:///{tmp_path}/link.sqlite", []),
                            (f"sqlite:///{relative}", ["--once"])):
            second = start(["--feed", url, "--store", store, *mode], tmp_path)
            _, err = second.communicate(timeout=30)
            assert second.returncode == 2, (store, mode, err)
            assert "đang gửi lời nhắc" in err and f"(pid {first.pid})" in err
            assert "Traceback" not in err
    finally:
        first.send_signal(signal.SIGTERM)
        _, err = first.communicate(timeout=15)
    assert first.returncode == 0 and "Traceback" not in err


def test_sigterm_and_downtime_late_delivery(tmp_path: Path) -> None:
    url = write_feed(tmp_path / "f.ics", [event("a@t", date(2024, 5, 11), "Việc thứ bảy")])
    out = tmp_path / "out.txt"
    proc = start(["--feed", url, "--clock", "2024-05-13T08:00", "--lang", "en"], tmp_path, out)
    text = wait_for(out, "Việc thứ bảy", 15)
    assert "[late: due 08:00 Sat 11/05/2024]" in text
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=15)
    assert proc.returncode == 0
    proc = start(["--feed", url, "--clock", "2024-05-13T08:01"], tmp_path, out)
    assert proc.stderr is not None
    assert "Đang chạy" in proc.stderr.readline()  # synced, scheduler running
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=15)
    assert out.read_text(encoding="utf-8").count("Việc thứ bảy") == 1


def test_sigkill_at_random_points_shows_every_reminder_exactly_once(tmp_path: Path) -> None:
    """Days of 30 reminders each; each life of the daemon (or of ``--once``) runs on the next
    day and is killed with SIGKILL at a random moment, mostly while it delivers. The last run
    is left to finish. Every reminder must appear exactly once in all output together."""
    first = date(2024, 6, 3)
    days, per_day, lives = 12, 60, 12
    events = [event(f"d{d}-{n}@t", first + timedelta(days=d), f"R{d:02d}-{n:02d}")
              for d in range(days) for n in range(per_day)]
    url = write_feed(tmp_path / "f.ics", events)
    out = tmp_path / "out.txt"
    seed = int(os.environ.get("KYNIEM_KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)

    # calibrate: when do deliveries start and end after process start, on this machine?
    began = time.monotonic()
    proc = start(["--feed", url, "--clock", f"{first}T08:00:01", "--grace", "60"], tmp_path,
                 out)
    wait_for(out, "R00-00", 30)
    t_first = time.monotonic() - began
    wait_for(out, f"R00-{per_day - 1}", 30)
    t_last = time.monotonic() - began
    proc.kill()
    proc.wait()
    partial = 0
    for life in range(1, lives):
        day = first + timedelta(days=life)
        before = out.read_text(encoding="utf-8").count("\n")
        due = (life + 1) * per_day - before
        args = ["--feed", url, "--clock", f"{day}T08:00:01", "--grace", "60"]
        proc = start(args + (["--once"] if life % 3 == 0 else []), tmp_path, out)
        if life % 2:  # anywhere in start-up: sync, recovery, APScheduler's first round
            time.sleep(rng.uniform(0, t_first))
        else:  # while delivering: once the first line is out
            wait_lines(out, before + 1, 30)
            time.sleep(rng.uniform(0, 0.8 * (t_last - t_first)))
        proc.kill()
        proc.wait()
        got = out.read_text(encoding="utf-8").count("\n") - before
        partial += 0 < got < due
    proc = start(["--feed", url, "--once", "--clock", f"{first + timedelta(days=days)}T09:00",
                  "--grace", "60"], tmp_path, out)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    text = out.read_text(encoding="utf-8")
    seen = Counter(re.findall(r"R\d\d-\d\d", text))
    expected = {f"R{d:02d}-{n:02d}" for d in range(days) for n in range(per_day)}
    assert set(seen) == expected, f"seed {seed}: missing {sorted(expected - set(seen))[:5]}"
    repeated = {k: v for k, v in seen.items() if v != 1}
    assert not repeated, f"seed {seed}: shown more than once: {repeated}"
    print(f"seed {seed}: {partial} of {lives - 1} lives killed while delivering")
    assert partial >= 1, f"seed {seed}: no kill landed while delivering ({t_first:.2f} s)"


def handles_sigterm(pid: int, timeout: float = 30) -> None:
    """Wait until the process has a SIGTERM handler (Linux: /proc/PID/status, SigCgt)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = Path(f"/proc/{pid}/status").read_text()
        caught = int(re.search(r"^SigCgt:\s*([0-9a-f]+)", status, re.M).group(1), 16)  # type: ignore[union-attr]
        if caught >> (signal.SIGTERM - 1) & 1:
            return
        time.sleep(0.005)
    raise AssertionError("the daemon never installed its SIGTERM handler")


def test_sigterm_or_ctrl_c_at_any_moment_exits_cleanly(tmp_path: Path) -> None:
    """Regression: a SIGTERM landing while the main thread held the scheduler's event lock
    (or while APScheduler submitted a job) left the daemon running forever. Signals now go
    through a pipe to a watcher thread; try them at random moments, start-up included."""
    events = [event(f"s{n}@t", date(2024, 5, 13), f"S{n}") for n in range(40)]
    url = write_feed(tmp_path / "f.ics", events)
    rng = random.Random(7)
    for life in range(8):
        out = tmp_path / f"out{life}.txt"
        proc = start(["--feed", url, "--clock", "2024-05-13T07:59:59"], tmp_path, out)
        handles_sigterm(proc.pid)  # before that, any program dies of SIGTERM
        time.sleep(rng.uniform(0.0, 1.2))
        proc.send_signal(signal.SIGTERM if life % 2 else signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
