"""The store: diff-sync (idempotent, moves, removals, never re-adding what fired), rows that
APScheduler reads as its own, WAL, the delivery log, the lock."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

import pytest
import sqlalchemy as sa

from scheduler.dates import VN_TZ
from scheduler.registry import InputError
from scheduler.remind import lock
from scheduler.remind.plan import Clock, Reminder
from scheduler.remind.store import FIRE, open_store

NOW = datetime(2024, 4, 15, 9, 0, tzinfo=VN_TZ)


@pytest.fixture(autouse=True)
def _store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KYNIEM_STORE", f"sqlite:///{tmp_path}/remind.sqlite")


def reminder(n: int, day: date = date(2024, 5, 1), title: str | None = None) -> Reminder:
    return Reminder(job_id=f"item/{n}#0d", uid=f"item/{n}", kind="deadline",
                    title=title or f"Item {n}", anchor=day, days=0,
                    fire_at=datetime.combine(day, dtime(8), VN_TZ), lead="UBND")


def test_sync_is_idempotent_and_moves_and_removes() -> None:
    store = open_store()
    wanted = [reminder(n) for n in range(50)]
    first = store.sync(wanted, Clock())
    assert (first.added, first.moved, first.removed) == (50, 0, 0)
    again = store.sync(wanted, Clock())
    assert (again.added, again.moved, again.removed, again.kept) == (0, 0, 0, 50)
    edited = [reminder(n, date(2024, 5, 2)) if n == 3 else reminder(n) for n in range(1, 50)]
    edited[5] = reminder(6, title="Renamed")
    done = store.sync(edited, Clock())
    assert (done.added, done.moved, done.removed) == (0, 2, 1)
    listed = {s.reminder.job_id: s for s in store.scheduled()}
    assert "item/0#0d" not in listed
    assert listed["item/3#0d"].reminder.anchor == date(2024, 5, 2)
    assert listed["item/3#0d"].run_at == datetime(2024, 5, 2, 8, tzinfo=VN_TZ)
    assert listed["item/6#0d"].reminder.title == "Renamed"


def test_delivered_reminders_are_never_re_added() -> None:
    store = open_store()
    store.sync([reminder(1), reminder(2)], Clock())
    assert store.claim(reminder(1), NOW, late=False)
    store.confirm(reminder(1), NOW)
    store.remove_jobs(["item/1#0d"])  # what APScheduler does when it runs a date job
    result = store.sync([reminder(1), reminder(2)], Clock())
    assert result.added == 0 and result.already_delivered == 1
    assert [s.reminder.job_id for s in store.scheduled()] == ["item/2#0d"]
    moved = reminder(1, date(2024, 5, 3))  # the item moved: a new reminder, scheduled again
    assert store.sync([moved, reminder(2)], Clock()).added == 1


def test_claim_admits_one_and_recovery_sees_unconfirmed() -> None:
    store = open_store()
    assert store.claim(reminder(1), NOW, late=True, channels=("webhook",))
    assert not store.claim(reminder(1), NOW, late=True, channels=("webhook",))
    assert [(r.job_id, late) for r, late in store.unconfirmed()] == [("item/1#0d", True)]
    store.confirm(reminder(1), NOW)
    assert store.unconfirmed() == []
    assert [(r["channel"], r["state"]) for r in store.outbox()] == [("webhook", "pending")]


def test_rows_are_apschedulers_own_jobs() -> None:
    from apscheduler.schedulers.background import BackgroundScheduler

    store = open_store()
    store.sync([reminder(1, date(2099, 5, 1))], Clock(), grace=timedelta(days=7))
    scheduler = BackgroundScheduler(jobstores={"default": store.jobstore()}, timezone=VN_TZ)
    scheduler.start(paused=True)
    try:
        [job] = scheduler.get_jobs()
        assert job.id == "item/1#0d" and job.func_ref == FIRE
        assert job.coalesce is True and job.misfire_grace_time == 7 * 86400
        assert job.next_run_time == datetime(2099, 5, 1, 8, tzinfo=VN_TZ)
        assert job.args == (reminder(1, date(2099, 5, 1)).payload(),)
    finally:
        scheduler.shutdown(wait=False)


def test_ten_thousand_jobs_sync_in_one_transaction_in_wal_mode() -> None:
    store = open_store()
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
    wanted = [reminder(n, date(2024, 5, 1) + timedelta(days=n % 300)) for n in range(10_000)]
    start = time.perf_counter()
    assert store.sync(wanted, Clock()).added == 10_000
    cold = time.perf_counter() - start
    start = time.perf_counter()
    assert store.sync(wanted, Clock()).kept == 10_000
    warm = time.perf_counter() - start
    assert store.count() == 10_000
    assert cold < 10 and warm < 5, (cold, warm)  # ~30 s with one commit per add_job


def test_bad_store_urls_are_clear_errors(tmp_path: Path) -> None:
    for url, words in [("nonsense", "not a database URL"),
                       ("mysql://x@localhost/db", "use a sqlite"),
                       (f"sqlite:///{tmp_path}/file.txt/sub/remind.sqlite", "cannot")]:
        if "file.txt" in url:
            (tmp_path / "file.txt").write_text("not a folder")
        with pytest.raises(InputError) as info:
            open_store(url)
        assert words in str(info.value.problems[0]), (url, info.value.problems)


def test_one_lock_per_sqlite_store() -> None:
    store = open_store()
    held = lock.acquire(store)
    with pytest.raises(lock.LockedError) as info:
        lock.acquire(open_store())
    assert "already delivering" in str(info.value.problems[0])
    assert "pid" in str(info.value.problems[0])
    held.release()
    lock.acquire(open_store()).release()
