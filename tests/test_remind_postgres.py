"""The PostgreSQL store, for real: a throwaway cluster (initdb, pg_ctl) on a free port, the
job store, the delivery log, ``--once`` through the CLI, and the advisory lock that refuses a
second daemon."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from remind_support import event, write_feed

from scheduler.cli import main
from scheduler.dates import VN_TZ
from scheduler.remind import lock
from scheduler.remind.plan import Clock, Reminder
from scheduler.remind.store import open_store


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or \
        [p for p in [shutil.which(name)] if p]
    if not found:
        pytest.fail(f"{name} not found: apt-get install -y postgresql")
    return found[-1]


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    data = Path(tempfile.mkdtemp(prefix="kyniem-pg-"))
    if as_root:
        shutil.chown(data, "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    subprocess.run([*prefix, _bin("initdb"), "-D", str(data / "db"), "-U", "kyniem",
                    "-A", "trust", "--no-sync", "-E", "UTF8"], check=True, capture_output=True)
    subprocess.run([*prefix, _bin("pg_ctl"), "-D", str(data / "db"), "-w", "-l",
                    str(data / "log"), "-o",
                    f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off",
                    "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://kyniem@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, _bin("pg_ctl"), "-D", str(data / "db"), "-m", "immediate",
                        "stop"], capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


def test_store_log_and_advisory_lock(postgres: str) -> None:
    store = open_store(postgres)
    reminder = Reminder(job_id="a#0d", uid="a", kind="deadline", title="Việc A",
                        anchor=date(2099, 5, 10), days=0,
                        fire_at=datetime(2099, 5, 10, 8, tzinfo=VN_TZ))
    assert store.sync([reminder], Clock()).added == 1
    assert store.sync([reminder], Clock()).kept == 1
    assert store.claim(reminder, datetime.now(VN_TZ), False)
    assert not store.claim(reminder, datetime.now(VN_TZ), False)
    held = lock.acquire(store)
    other = open_store(postgres)
    with pytest.raises(lock.LockedError) as info:
        lock.acquire(other)
    assert "already delivering" in info.value.problems[0].render("en")
    held.release()
    lock.acquire(other).release()
    store.engine.dispose()
    other.engine.dispose()


def test_once_against_postgres(postgres: str, tmp_path: Path) -> None:
    url = write_feed(tmp_path / "f.ics", [event("pg@t", date(2024, 5, 10), "Việc trên PG")])
    args = ["remind", "--no-desktop", "--store", postgres, "--feed", url, "--once", "--now",
            "10/05/2024"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "Hạn chót hôm nay: Việc trên PG" in first.output
    second = CliRunner().invoke(main, args)
    assert "Việc trên PG" not in second.output and "Đã nhắc 0 việc" in second.output
    bad = CliRunner().invoke(main, ["remind", "--store",
                                    "postgresql+psycopg://kyniem@127.0.0.1:9/x", "--list"])
    assert bad.exit_code == 2 and "không mở được kho" in bad.output
