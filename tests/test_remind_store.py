"""The store: diff-sync (idempotent, moves, removals, never re-adding what fired), rows that
APScheduler reads as its own, WAL, the delivery log, the lock."""

from __future__ import annotations

import json
import os
import pickle
import time
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.dates import VN_TZ
from scheduler.registry import InputError
from scheduler.remind import lock
from scheduler.remind.plan import Clock, Reminder
from scheduler.remind.store import FIRE, _job_state, _template_state, jobs_t, open_store

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
                       (f"sqlite:///{tmp_path}/file.txt/sub/remind.sqlite", "no folder"),
                       (f"sqlite:///{tmp_path}/typo/remind.sqlite", "no folder")]:
        if "file.txt" in url:
            (tmp_path / "file.txt").write_text("not a folder")
        with pytest.raises(InputError) as info:
            open_store(url)
        assert words in info.value.problems[0].render("en"), (url, info.value.problems)
    # a mistyped store makes no folders (regression: a fresh store, every reminder again)
    assert not (tmp_path / "typo").exists()


def test_one_lock_per_sqlite_store() -> None:
    store = open_store()
    held = lock.acquire(store)
    with pytest.raises(lock.LockedError) as info:
        lock.acquire(open_store())
    assert "đang gửi lời nhắc" in str(info.value.problems[0])  # the user's language
    assert "already delivering" in info.value.problems[0].render("en")
    assert "pid" in str(info.value.problems[0])
    held.release()
    lock.acquire(open_store()).release()


def test_symlinks_relative_paths_and_renames_meet_one_lock(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "data" / "remind.sqlite"
    real.parent.mkdir()  # a store named by the user: its folder is theirs to make
    first = open_store(f"sqlite:///{real}")
    held = lock.acquire(first)
    try:
        (tmp_path / "link").symlink_to(tmp_path / "data")
        monkeypatch.chdir(tmp_path / "link")
        for url in (f"sqlite:///{tmp_path}/link/remind.sqlite", "sqlite:///remind.sqlite",
                    "sqlite:///../data/./remind.sqlite"):
            other = open_store(url)
            assert other.sqlite_path == real  # SQLite, lock and journal: one name
            with pytest.raises(lock.LockedError):
                lock.acquire(other)
            other.engine.dispose()
        first.engine.dispose()  # the lock stays held (its own descriptor)
        real.rename(real.with_name("moved.sqlite"))  # one file, whatever its name
        moved = open_store(f"sqlite:///{real.with_name('moved.sqlite')}")
        with pytest.raises(lock.LockedError):
            lock.acquire(moved)
    finally:
        held.release()
    lock.acquire(moved).release()


def test_a_store_with_hard_links_is_refused(tmp_path: Path) -> None:
    """SQLite keeps one -wal per name: two names of one file are two WALs over one store."""
    open_store().engine.dispose()
    os.link(tmp_path / "remind.sqlite", tmp_path / "other.sqlite")
    for name in ("remind.sqlite", "other.sqlite"):
        with pytest.raises(InputError) as info:
            open_store(f"sqlite:///{tmp_path}/{name}")
        assert "có 2 tên (liên kết cứng)" in str(info.value.problems[0])


class Planted:
    """A pickle that runs a command when loaded (never loaded by the tests themselves)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return os.system, (f"touch {self.marker}",)


def plant(store_url: str, rows: dict[str, bytes]) -> None:
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        for jid, state in rows.items():
            conn.execute(jobs_t.insert().values(id=jid, next_run_time=1.0, job_state=state))
    engine.dispose()


def planted_rows(marker: Path) -> dict[str, bytes]:
    """A pickle that runs a command; a clean pickle whose job names ``os:system``."""
    state = pickle.loads(_job_state(_template_state(timedelta(days=7)), reminder(9), NOW))
    state.update(func="os:system", args=(f"touch {marker}",))
    return {"evil/pickle#0d": pickle.dumps({"args": (Planted(marker),)}),
            "evil/func#0d": pickle.dumps(state), "evil/garbage#0d": b"\x80\x05garbage"}


def test_a_planted_job_row_runs_nothing(tmp_path: Path) -> None:
    """Regression: job rows were read back with pickle.loads (ours and APScheduler's)."""
    marker = tmp_path / "pwned"
    url = f"sqlite:///{tmp_path}/remind.sqlite"
    store = open_store(url)
    store.sync([reminder(1, date(2099, 5, 1))], Clock())
    plant(url, planted_rows(marker))
    held = lock.acquire(store)  # --list reads the rows without syncing them away
    try:
        listed = CliRunner().invoke(main, ["remind", "--list", "--json"])
        assert listed.exit_code == 0, listed.output
        assert [r["job_id"] for r in json.loads(listed.output)] == ["item/1#0d"]
        jobstore = store.jobstore()
        jobstore.start(None, "default")
        assert [job.id for job in jobstore.get_all_jobs()] == ["item/1#0d"]
        assert jobstore.lookup_job("evil/func#0d") is None
    finally:
        held.release()
    assert not marker.exists()
    assert store.count() == 1  # dropped by APScheduler's store, as its own does
    plant(url, planted_rows(marker))
    once = CliRunner().invoke(main, ["remind", "--once", "--no-desktop", "--now",
                                     "01/04/2024"])
    assert once.exit_code == 0, once.output
    assert not marker.exists()
    assert not [s for s in store.scheduled() if "evil" in s.reminder.job_id]
    with store.engine.connect() as conn:  # the sync removed them
        assert conn.execute(sa.text("SELECT count(*) FROM kyniem_jobs WHERE id LIKE 'evil%'")
                            ).scalar() == 0


def test_the_job_state_allows_only_what_our_rows_hold() -> None:
    from scheduler.remind.jobstate import ALLOWED, NotOurs, load_state

    data = _job_state(_template_state(timedelta(days=7)), reminder(1), NOW)
    assert _globals_of(data) == set(ALLOWED)
    assert load_state(data)["args"][0] == reminder(1).payload()
    for bad in (pickle.dumps({"args": (Planted(Path("/nonexistent/x")),)}),
                pickle.dumps(ValueError("x")), b"", b"not a pickle"):
        with pytest.raises(NotOurs):
            load_state(bad)


def _globals_of(data: bytes) -> set[tuple[str, str]]:
    """(module, name) of each class a pickle of ours names (recorded while loading it)."""
    import io

    found: set[tuple[str, str]] = set()

    class Recording(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> object:
            found.add((module, name))
            return super().find_class(module, name)

    Recording(io.BytesIO(data)).load()
    return found
