"""The reminder database: APScheduler's job table, the delivery log and the channel outbox,
in one SQLAlchemy database (SQLite by default, any URL with ``--store``).

* Jobs live in an APScheduler 3 ``SQLAlchemyJobStore`` (table ``kyniem_jobs``; see
  https://apscheduler.readthedocs.io/en/3.x/modules/jobstores/sqlalchemy.html). One job per
  (item, lead time), id from :func:`.plan.job_id`, a ``DateTrigger`` at the fire time, the
  callable by textual reference (``scheduler.remind.deliver:fire``) with one plain dict as
  argument, ``coalesce=True`` and ``misfire_grace_time`` = the grace span (APScheduler's
  default of 1 s silently drops a reminder whose time passed while the process was down:
  https://apscheduler.readthedocs.io/en/3.x/userguide.html#missed-job-executions-and-coalescing).
* :meth:`Store.sync` diffs the wanted reminders against the stored rows and writes the
  difference in one transaction (``add_job`` commits once per job: 10,000 of them take ~30 s
  on SQLite). Rows are written in exactly the format ``SQLAlchemyJobStore.add_job`` writes
  (``id``, UTC timestamp, pickled ``Job.__getstate__()``), from a template job made through
  APScheduler's own ``Job`` class, so the scheduler reads them back as its own.
* The delivery log (``kyniem_delivered``), keyed by (job id, fire time), is what makes a
  reminder shown once: a reminder already in it is never scheduled again nor shown again
  (see :mod:`.deliver`). The outbox (``kyniem_outbox``) holds each extra channel's copy until
  it is sent (:mod:`.channels`).
* SQLite runs in WAL mode with ``synchronous=NORMAL`` (https://www.sqlite.org/wal.html):
  readers do not block the writer, and a commit survives a killed process.
* A SQLite store is opened by its resolved path (symlinks and ``..`` followed, made absolute),
  so SQLite, the lock (:mod:`.lock`) and the journal (:mod:`.deliver`) all name one file
  however the user spelled it; a database with more than one hard link is refused (SQLite
  keeps one ``-wal`` per *name*: two names are two WALs over one file, "How To Corrupt An
  SQLite Database File" §2.5, https://www.sqlite.org/howtocorrupt.html). Opening checks the
  store is writable and intact, and database errors become messages (:mod:`.health`).
* Job rows are read back through :mod:`.jobstate`, never with a bare ``pickle.loads``.
"""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ..dates import VN_TZ
from ..registry import InputError, Problem
from ..wording import Message, say
from . import health
from .plan import DEFAULT_GRACE, Clock, Reminder

FIRE = "scheduler.remind.deliver:fire"
JOBS_TABLE = "kyniem_jobs"

_meta = sa.MetaData()
delivered_t = sa.Table(
    "kyniem_delivered", _meta,
    sa.Column("job_id", sa.Unicode(191), primary_key=True),
    sa.Column("fire_at", sa.String(40), primary_key=True),
    sa.Column("state", sa.String(10), nullable=False),  # claimed | shown
    sa.Column("claimed_at", sa.String(40), nullable=False),
    sa.Column("shown_at", sa.String(40)),
    sa.Column("late", sa.Boolean, nullable=False, default=False),
    sa.Column("payload", sa.Text, nullable=False),
)
#: The same table ``SQLAlchemyJobStore`` declares (APScheduler 3.x), so either may create it.
jobs_t = sa.Table(
    JOBS_TABLE, _meta,
    sa.Column("id", sa.Unicode(191), primary_key=True),
    sa.Column("next_run_time", sa.Float(25), index=True),
    sa.Column("job_state", sa.LargeBinary, nullable=False),
)
outbox_t = sa.Table(
    "kyniem_outbox", _meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("job_id", sa.Unicode(191), nullable=False),
    sa.Column("fire_at", sa.String(40), nullable=False),
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("late", sa.Boolean, nullable=False, default=False),
    sa.Column("state", sa.String(10), nullable=False),  # pending | sent | failed
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt", sa.Float, nullable=False, default=0.0),
    sa.Column("error", sa.Text),
    sa.UniqueConstraint("job_id", "fire_at", "channel"),
)


def default_url() -> str:
    """``$KYNIEM_STORE``, else SQLite in the user's data directory (platformdirs)."""
    env = os.environ.get("KYNIEM_STORE")
    if env:
        return env
    from platformdirs import user_data_dir

    return f"sqlite:///{Path(user_data_dir('kyniem')) / 'remind.sqlite'}"


def store_error(url: str, why: str | Message) -> InputError:
    return InputError([Problem("", None, "", say("remind_store_error", store=safe_url(url),
                                                      why=why))])


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return repr(url)


@dataclass(frozen=True)
class SyncResult:
    added: int
    moved: int
    removed: int
    kept: int
    already_delivered: int

    @property
    def changed(self) -> int:
        return self.added + self.moved + self.removed


@dataclass(frozen=True)
class Scheduled:
    """A stored job: its reminder and when APScheduler will run it (real time)."""

    reminder: Reminder
    run_at: datetime | None


@dataclass(frozen=True)
class Pending:
    """An outbox row waiting to be sent."""

    id: int
    channel: str
    payload: dict[str, Any]
    late: bool
    attempts: int


class Store:
    """One reminder database. Open with :func:`open_store`."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self.jobs_t = jobs_t

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def sqlite_path(self) -> Path | None:
        database = self.engine.url.database
        if self.dialect != "sqlite" or not database or database == ":memory:":
            return None
        return Path(database)

    def create(self) -> None:
        _meta.create_all(self.engine)

    def jobstore(self, lang: str = "vi") -> Any:
        """APScheduler's ``SQLAlchemyJobStore`` over this database (same table), reading
        rows without trusting them (:class:`.jobstate.SafeJobStore`)."""
        from .jobstate import SafeJobStore

        return SafeJobStore(engine=self.engine, tablename=JOBS_TABLE, lang=lang)

    def guarded(self) -> AbstractContextManager[None]:
        """A context in which a database error becomes a message (:func:`.health.guarded`)."""
        return health.guarded(safe_url(self.url), self.sqlite_path)

    # -- jobs -----------------------------------------------------------------------------

    def sync(self, reminders: Iterable[Reminder], clock: Clock,
             grace: timedelta = DEFAULT_GRACE) -> SyncResult:
        """Make the stored jobs exactly ``reminders`` minus those already delivered:
        insert the new, move the changed (another fire time or text), delete the rest —
        in one transaction, touching only the difference. Running it twice changes nothing."""
        from apscheduler.util import datetime_to_utc_timestamp

        wanted_all = list(reminders)
        with self.engine.begin() as conn:
            delivered = {(r.job_id, r.fire_at) for r in conn.execute(
                sa.select(delivered_t.c.job_id, delivered_t.c.fire_at))}
            wanted = {r.job_id: r for r in wanted_all if r.key not in delivered}
            stored: dict[str, tuple[float | None, dict[str, Any] | None]] = {}
            for found in conn.execute(sa.select(self.jobs_t.c.id, self.jobs_t.c.next_run_time,
                                                self.jobs_t.c.job_state)):
                stored[found.id] = (found.next_run_time, _payload_of(found.job_state))
            template = _template_state(grace)
            add: list[dict[str, Any]] = []
            move: list[dict[str, Any]] = []
            for jid, reminder in wanted.items():
                run_at = clock.to_real(reminder.fire_at)
                timestamp = datetime_to_utc_timestamp(run_at)
                old = stored.get(jid)
                if old is not None and old[0] is not None and abs(old[0] - timestamp) < 1e-3 \
                        and old[1] == reminder.payload():
                    continue
                row = {"b_id": jid, "next_run_time": timestamp,
                       "job_state": _job_state(template, reminder, run_at)}
                (add if old is None else move).append(row)
            remove = [jid for jid in stored if jid not in wanted]
            for chunk in _chunks(remove, 500):
                conn.execute(self.jobs_t.delete().where(self.jobs_t.c.id.in_(chunk)))
            if move:
                conn.execute(
                    self.jobs_t.update().where(self.jobs_t.c.id == sa.bindparam("b_id"))
                    .values(next_run_time=sa.bindparam("next_run_time"),
                            job_state=sa.bindparam("job_state")), move)
            if add:
                conn.execute(self.jobs_t.insert(), [
                    {"id": r["b_id"], "next_run_time": r["next_run_time"],
                     "job_state": r["job_state"]} for r in add])
        return SyncResult(len(add), len(move), len(remove),
                          len(wanted) - len(add) - len(move),
                          len(wanted_all) - len(wanted))

    def count(self) -> int:
        with self.engine.begin() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(self.jobs_t))
                       .scalar() or 0)

    def scheduled(self) -> list[Scheduled]:
        """Stored jobs, soonest first (rows that are not ours are left out)."""
        out = []
        with self.engine.begin() as conn:
            rows = conn.execute(sa.select(self.jobs_t.c.next_run_time, self.jobs_t.c.job_state)
                                .order_by(self.jobs_t.c.next_run_time, self.jobs_t.c.id))
            for row in rows:
                payload = _payload_of(row.job_state)
                if payload is not None:
                    out.append(Scheduled(Reminder.from_payload(payload),
                                         _run_at(row.next_run_time)))
        return out

    def remove_jobs(self, ids: Sequence[str]) -> None:
        with self.engine.begin() as conn:
            for chunk in _chunks(list(ids), 500):
                conn.execute(self.jobs_t.delete().where(self.jobs_t.c.id.in_(chunk)))

    # -- delivery log -------------------------------------------------------------------------

    def claim(self, reminder: Reminder, now: datetime, late: bool,
              channels: Sequence[str] = ()) -> bool:
        """Log the reminder as claimed (and queue it for each extra channel), in one
        transaction; False when it is already in the log (shown, or being shown)."""
        text = json.dumps(reminder.payload(), ensure_ascii=False)
        job, fire = reminder.key
        try:
            with self.engine.begin() as conn:
                conn.execute(delivered_t.insert().values(
                    job_id=job, fire_at=fire, state="claimed", claimed_at=now.isoformat(),
                    late=late, payload=text))
                if channels:
                    conn.execute(outbox_t.insert(), [
                        {"job_id": job, "fire_at": fire, "channel": name, "payload": text,
                         "late": late, "state": "pending", "attempts": 0,
                         "next_attempt": 0.0} for name in channels])
        except sa.exc.IntegrityError:
            return False
        return True

    def confirm(self, reminder: Reminder, now: datetime) -> None:
        """Mark a claimed reminder as shown."""
        job, fire = reminder.key
        with self.engine.begin() as conn:
            conn.execute(delivered_t.update()
                         .where(delivered_t.c.job_id == job, delivered_t.c.fire_at == fire)
                         .values(state="shown", shown_at=now.isoformat()))

    def unconfirmed(self) -> list[tuple[Reminder, bool]]:
        """Claimed but not marked shown: the process died in between (see :mod:`.deliver`).
        A row whose payload does not read as a reminder is left out."""
        with self.engine.begin() as conn:
            rows = conn.execute(sa.select(delivered_t.c.payload, delivered_t.c.late)
                                .where(delivered_t.c.state == "claimed")
                                .order_by(delivered_t.c.fire_at, delivered_t.c.job_id)).all()
        found = []
        for row in rows:
            try:
                found.append((Reminder.from_payload(json.loads(row.payload)), bool(row.late)))
            except (ValueError, KeyError, TypeError, AssertionError):
                continue
        return found

    def delivered(self) -> list[dict[str, Any]]:
        with self.engine.begin() as conn:
            found = conn.execute(sa.select(delivered_t).order_by(delivered_t.c.claimed_at,
                                                                 delivered_t.c.job_id)).all()
        return [dict(r._mapping) for r in found]

    # -- outbox ---------------------------------------------------------------------------------

    def pending(self, channel: str, now: float) -> list[Pending]:
        with self.engine.begin() as conn:
            rows = conn.execute(sa.select(outbox_t).where(
                outbox_t.c.channel == channel, outbox_t.c.state == "pending",
                outbox_t.c.next_attempt <= now).order_by(outbox_t.c.id)).all()
        return [Pending(r.id, r.channel, json.loads(r.payload), bool(r.late), r.attempts)
                for r in rows]

    def next_attempt(self, channel: str) -> float | None:
        with self.engine.begin() as conn:
            return conn.execute(sa.select(sa.func.min(outbox_t.c.next_attempt)).where(
                outbox_t.c.channel == channel, outbox_t.c.state == "pending")).scalar()

    def outbox_done(self, row: int, state: str, attempts: int, next_attempt: float = 0.0,
                    error: str | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(outbox_t.update().where(outbox_t.c.id == row).values(
                state=state, attempts=attempts, next_attempt=next_attempt, error=error))

    def outbox(self) -> list[dict[str, Any]]:
        with self.engine.begin() as conn:
            return [dict(r._mapping) for r in conn.execute(
                sa.select(outbox_t).order_by(outbox_t.c.id)).all()]


def open_store(url: str | None = None) -> Store:
    """Open (and create) the store at ``url`` (default :func:`default_url`); bad URLs,
    unreachable servers, read-only and damaged files become :class:`InputError` (exit 2)
    with a message, never a traceback."""
    # only the default store's folder is made: a mistyped --store (or $KYNIEM_STORE) made
    # folders and a fresh store, scheduling every reminder again (regression)
    own = url is None and not os.environ.get("KYNIEM_STORE")
    url = url or default_url()
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise store_error(url, say("store_not_url", why=str(exc))) from None
    options: dict[str, Any] = {}
    database: Path | None = None
    if parsed.get_backend_name() == "sqlite":
        database = _sqlite_file(url, parsed, own)
        if database is None:
            from sqlalchemy.pool import StaticPool

            options = {"poolclass": StaticPool}
        else:
            parsed = parsed.set(database=str(database))
        options["connect_args"] = {"timeout": 30, "check_same_thread": False}
    elif parsed.get_backend_name() != "postgresql":
        raise store_error(url, say("store_scheme"))
    else:
        options["pool_pre_ping"] = True
    try:
        engine = sa.create_engine(parsed, **options)
    except Exception as exc:  # unknown driver, missing module
        raise store_error(url, str(exc).splitlines()[0]) from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(url, engine)
    try:
        _first_contact(store, database)
    except BaseException:
        engine.dispose()
        raise
    return store


def _sqlite_file(url: str, parsed: sa.engine.URL, own: bool = True) -> Path | None:
    """The resolved path of a SQLite store (None in memory), its folder made when it is
    kyniem's ``own`` (the user data directory), checked writable and with one name."""
    database = parsed.database
    if not database or database == ":memory:":
        return None
    if parsed.query.get("uri"):
        raise InputError([Problem("", None, "", say("remind_store_uri",
                                                          store=safe_url(url)))])
    path = Path(database)
    if not own and not path.parent.is_dir():
        raise store_error(url, say("path_no_folder", folder=str(path.parent)))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        real = path.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python < 3.13)
        why = getattr(exc, "strerror", None) or str(exc)
        raise store_error(url, say("store_no_folder", why=why)) from None
    health.check_writable(real)
    check_one_name(real)
    return real


def check_one_name(database: Path) -> None:
    """Refuse a database file with more than one hard link (see the module docstring)."""
    try:
        links = database.stat().st_nlink
    except FileNotFoundError:
        return
    if links > 1:
        raise InputError([Problem("", None, "", say(
            "remind_store_hard_links", path=str(database), links=links))])


def _first_contact(store: Store, database: Path | None) -> None:
    """Create the tables and, for SQLite, check the file is intact (:mod:`.health`)."""
    try:
        store.create()
        if database is not None:
            with store.engine.connect() as conn:
                health.check_intact(conn, database)
    except sa.exc.SQLAlchemyError as exc:
        if database is not None and health.known(exc):
            raise health.describe(exc, safe_url(store.url), database) from None
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise store_error(store.url, say("store_cannot_open", why=reason)) from None


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _payload_of(job_state: bytes) -> dict[str, Any] | None:
    """The payload of a stored job, read without trusting the row (:mod:`.jobstate`)."""
    from .jobstate import payload_of

    return payload_of(job_state)


def _run_at(timestamp: Any) -> datetime | None:
    """A stored ``next_run_time`` as local time (None when absent or out of range)."""
    from apscheduler.util import utc_timestamp_to_datetime

    try:
        run_at = utc_timestamp_to_datetime(timestamp)
        return run_at.astimezone(VN_TZ) if run_at else None
    except (OverflowError, ValueError, OSError, TypeError):
        return None


def _template_state(grace: timedelta) -> dict[str, Any]:
    """The state dict of one job made by APScheduler's own ``Job`` class (so the rows we
    write carry every field its version expects)."""
    from apscheduler.job import Job
    from apscheduler.schedulers.base import BaseScheduler
    from apscheduler.triggers.date import DateTrigger

    class _Unstarted(BaseScheduler):  # type: ignore[misc]
        def shutdown(self, wait: bool = True) -> None:  # pragma: no cover - never started
            pass

        def wakeup(self) -> None:  # pragma: no cover
            pass

    moment = datetime(2000, 1, 1, tzinfo=VN_TZ)
    job = Job(_Unstarted(), id="template", func=FIRE, trigger=DateTrigger(moment, VN_TZ),
              executor="default", args=({},), kwargs={}, name="template",
              misfire_grace_time=int(grace.total_seconds()), coalesce=True, max_instances=1,
              next_run_time=moment)
    state: dict[str, Any] = job.__getstate__()
    return state


def _job_state(template: dict[str, Any], reminder: Reminder, run_at: datetime) -> bytes:
    from apscheduler.triggers.date import DateTrigger

    state = dict(template, id=reminder.job_id, trigger=DateTrigger(run_at, VN_TZ),
                 args=(reminder.payload(),), name=reminder.title[:80], next_run_time=run_at)
    return pickle.dumps(state, pickle.HIGHEST_PROTOCOL)


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
