"""A reminder store that is damaged or read-only ends in a message that says what to do and
exit 2, never a traceback: at opening (a file overwritten or cut mid-page, a 0444 file, WAL
files of another user, a read-only folder) and at any later point of ``--once``, ``--list``
and the daemon's start."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from remind_support import NOBODY, kyniem_unprivileged

from scheduler.cli import main
from scheduler.dates import VN_TZ
from scheduler.remind.plan import Clock, Reminder
from scheduler.remind.store import Store, open_store

LOST = "Chỉ mất bản ghi các lời nhắc đã gửi"


def reminders(n: int) -> list[Reminder]:
    day = date(2099, 5, 1)
    return [Reminder(job_id=f"item/{i}#0d", uid=f"item/{i}", kind="deadline",
                     title=f"Việc số {i} " * 8, anchor=day + timedelta(days=i % 200), days=0,
                     fire_at=datetime.combine(day + timedelta(days=i % 200), dtime(8), VN_TZ))
            for i in range(n)]


def make_store(path: Path, n: int = 400) -> Path:
    store = open_store(f"sqlite:///{path}")
    store.sync(reminders(n), Clock())
    store.engine.dispose()  # checkpointed: no -wal, no -shm left
    return path


def garbage(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def cut_mid_page(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.truncate(size // 2 + 1000)


@pytest.mark.parametrize("damage", [garbage, cut_mid_page])
@pytest.mark.parametrize("mode", ["--once", "--list"])
def test_a_damaged_store_exits_2_saying_what_to_do(tmp_path: Path, damage: object,
                                                   mode: str) -> None:
    """Regression: a store cut mid-page ended in 'database disk image is malformed' with a
    traceback; one overwritten said 'file is not a database' and nothing more."""
    path = make_store(tmp_path / "remind.sqlite")
    damage(path)  # type: ignore[operator]
    result = CliRunner().invoke(main, ["remind", mode, "--no-desktop", "--store",
                                       f"sqlite:///{path}", "--now", "01/04/2024"])
    assert result.exit_code == 2, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"kho lời nhắc {path} bị hỏng" in result.output
    assert f"Hãy chuyển tệp này (cùng {path}-wal" in result.output and LOST in result.output
    english = CliRunner().invoke(main, ["remind", mode, "--store", f"sqlite:///{path}",
                                        "--lang", "en"])
    assert "is damaged" in english.output and "Move it away" in english.output
    assert "the record of reminders already delivered" in english.output


def failing(message: str, code: int) -> sa.exc.DBAPIError:
    error = sqlite3.DatabaseError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return sa.exc.DatabaseError("SELECT 1", {}, error)


@pytest.mark.parametrize(("where", "mode"), [("scheduled", "--list"), ("scheduled", "--once"),
                                            ("count", "--once"), ("unconfirmed", "--once"),
                                            ("unconfirmed", "")])
@pytest.mark.parametrize(("error", "words"), [
    (failing("database disk image is malformed", 11), LOST),
    (failing("attempt to write a readonly database", 8), "không ghi được"),
    (failing("database or disk is full", 13), "đã đầy"),
    (failing("database is locked", 5), "khóa quá lâu"),
    (sa.exc.OperationalError("SELECT 1", {}, sqlite3.OperationalError("I/O")), "gặp lỗi"),
])
def test_a_database_error_at_any_later_point_is_a_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, mode: str,
        error: Exception, words: str) -> None:
    def fail(self: Store, *args: object) -> object:
        raise error

    monkeypatch.setattr(Store, where, fail)
    (tmp_path / "no-plans").mkdir()
    args = ["remind", "--no-desktop", "--store", f"sqlite:///{tmp_path}/remind.sqlite",
            "--no-milestones", "--plans", str(tmp_path / "no-plans")]
    result = CliRunner().invoke(main, [*args, *([mode] if mode else [])])  # "": the daemon
    assert result.exit_code == 2, (result.output, result.exception)
    assert words in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# -- read-only: run as a user the modes apply to ------------------------------------------

@pytest.fixture
def home() -> Iterator[Path]:
    """A folder the unprivileged user can enter and write (pytest's tmp_path is 0700 root's
    when the tests run as root)."""
    folder = Path(tempfile.mkdtemp(prefix="kyniem-ro-"))
    folder.chmod(0o755)
    (folder / "cache").mkdir()
    _give(folder, folder / "cache")
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):  # a 0555 folder cannot be emptied by shutil
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def _give(*paths: Path) -> None:
    """Make ``paths`` the unprivileged user's (a no-op when not root: they are ours)."""
    if os.geteuid() == 0:
        for path in paths:
            os.chown(path, NOBODY, NOBODY)


def _given_store(home: Path) -> tuple[Path, Path]:
    """A folder with a store of 20 reminders, both owned by the user kyniem will run as."""
    store = home / "store"
    store.mkdir()
    path = make_store(store / "remind.sqlite", 20)
    _give(store, path)
    return store, path


def _user() -> str:
    return "nobody" if os.geteuid() == 0 else os.environ.get("USER", "")


def test_a_read_only_store_file(home: Path) -> None:
    store, path = _given_store(home)
    path.chmod(0o444)
    done = kyniem_unprivileged(["remind", "--once", "--no-desktop", "--store",
                                f"sqlite:///{path}", "--now", "01/04/2024"], home)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"không ghi được vào {path} (quyền -r--r--r--)" in done.stderr
    assert f"chạy 'chmod u+w {path}'" in done.stderr


def test_wal_files_of_another_user(home: Path) -> None:
    store, path = _given_store(home)
    holder = sqlite3.connect(path)  # keeps -wal and -shm, as this (other) user's files
    try:
        holder.execute("SELECT count(*) FROM kyniem_jobs").fetchall()
        for wal in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            if os.geteuid() == 0:  # SQLite run by root gives them the database's owner
                os.chown(wal, 0, 0)
                wal.chmod(0o644)
            else:  # a user cannot give files away: make them read-only instead
                wal.chmod(0o444)
        done = kyniem_unprivileged(["remind", "--list", "--store", f"sqlite:///{path}"], home)
    finally:
        holder.close()
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"không ghi được vào {path}-wal" in done.stderr or \
        f"không ghi được vào {path}-shm" in done.stderr
    if os.geteuid() == 0:
        assert "thuộc về root" in done.stderr and "'chown nobody " in done.stderr


def test_a_read_only_folder(home: Path) -> None:
    store, path = _given_store(home)
    store.chmod(0o555)
    done = kyniem_unprivileged(["remind", "--once", "--no-desktop", "--store",
                                f"sqlite:///{path}", "--lang", "en"], home)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"cannot write in the folder {store}" in done.stderr
    assert f"as {_user()}" in done.stderr and "remind.sqlite-wal" in done.stderr


def test_a_channel_worker_stops_on_a_database_error_with_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from scheduler.remind.channels import Dispatcher, Webhook

    store = open_store(f"sqlite:///{tmp_path}/remind.sqlite")

    def fail(self: Store, *args: object) -> object:
        raise failing("database disk image is malformed", 11)

    monkeypatch.setattr(Store, "pending", fail)
    dispatcher = Dispatcher(store, [Webhook("http://127.0.0.1:9/x")], Clock())
    dispatcher.start()
    dispatcher.stop(10)
    err = capsys.readouterr().err
    assert "kyniem remind: webhook: kho lời nhắc" in err and "bị hỏng" in err
    assert "Traceback" not in err


def test_the_daemons_scheduler_logs_one_line_per_problem(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import logging

    from scheduler.remind.service import _OneLine

    store = open_store(f"sqlite:///{tmp_path}/remind.sqlite")
    error = failing("attempt to write a readonly database", 8)
    handler = _OneLine(store, "en")
    assert handler.short(error).startswith("the reminder store")
    assert "not writable" in handler.short(error)
    assert handler.short(RuntimeError("boom\nmore")) == "RuntimeError: boom"
    record = logging.LogRecord("apscheduler.executors.default", logging.ERROR, __file__, 1,
                               'Job "%s" raised an exception', ("x",),
                               (type(error), error, None))
    handler.emit(record)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith('kyniem remind: Job "x" raised an exception')
