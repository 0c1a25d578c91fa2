"""The three modes of ``kyniem remind``: the daemon, ``--once`` and ``--list``.

The daemon is an APScheduler 3 ``BlockingScheduler`` (https://apscheduler.readthedocs.io/en/3.x/
modules/schedulers/blocking.html) over the store's ``SQLAlchemyJobStore``, with one worker
thread (reminders come out in order), ``coalesce=True`` and ``misfire_grace_time`` = the grace
span as job defaults, and an in-memory interval job that re-syncs from the data (or refetches
the feed) every ``--refresh`` seconds. ``--once`` does the same sync and then delivers what is
due itself, without a scheduler: the right thing for cron.

Each mode checks its span of days (:func:`.plan.span`) and the ``--feed`` URL before it
opens the store, and runs inside the store's guard (:mod:`.health`): a database error at any
point of ``--once``, ``--list`` or the daemon's start ends in a message and exit 2.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from ..commands import Settings
from ..dates import VN_TZ
from ..registry import InputError
from . import lock
from .channels import Channel, Desktop, Dispatcher, Smtp, Terminal, Webhook, stats
from .deliver import Journal, Runtime, configure, deliver, journal_path, recover
from .health import describe, wording
from .plan import DEFAULT_AT, DEFAULT_GRACE, DEFAULT_HORIZON_DAYS, Clock, Reminder, span, specs
from .store import Store, SyncResult, open_store, safe_url
from .views import ReminderList, Summary, w


@dataclass(frozen=True)
class Options:
    """``kyniem remind``'s own options (the shared ones are in :class:`Settings`)."""

    store: str | None = None
    unit: str | None = None
    feed: str | None = None
    at: time = DEFAULT_AT
    clock: Clock = Clock()
    grace: timedelta = DEFAULT_GRACE
    horizon_days: int = DEFAULT_HORIZON_DAYS
    as_json: bool = False
    desktop: bool | None = None  # None: where notify-send exists
    smtp: str | None = None
    mail_to: tuple[str, ...] = ()
    webhook: str | None = None
    retry: float = 5.0
    refresh: float = 600.0
    milestones: bool = True
    drain: float = 30.0  # --once: how long to wait for extra channels
    #: Where reminders come from instead of plans or feed (benchmarks, embedding).
    source: Callable[[datetime], list[Reminder]] | None = None


def wanted(settings: Settings, options: Options, now: datetime) -> list[Reminder]:
    """The reminders the data asks for at ``now`` (local plans and registry milestones, or
    the feed), for one unit if asked."""
    from ..items import Items

    if options.source is not None:
        return options.source(now)
    first, last = span(now.date(), options.grace, options.horizon_days)
    if options.feed:
        from .feedsource import fetch
        from .feedsource import items as feed_items

        items = feed_items(fetch(options.feed).body, options.feed, first, last)
    else:
        from ..planning import load_items
        from .plan import milestone_items

        items = load_items(settings)
        if options.milestones:
            extra = milestone_items(settings.anniversaries(), first, last, items,
                                    settings.lang)
            items = Items(items.items + tuple(extra))
    return specs(items.for_unit(options.unit), now, options.at, options.grace,
                 options.horizon_days)


def channels(options: Options) -> list[Channel]:
    found: list[Channel] = []
    if options.desktop or (options.desktop is None and Desktop.available()):
        found.append(Desktop())
    if options.smtp:
        found.append(Smtp.from_url(options.smtp, options.mail_to))
    elif options.mail_to:
        found.append(Smtp.from_url("smtp://localhost:25", options.mail_to))
    if options.webhook:
        found.append(Webhook.checked(options.webhook))
    return found


@dataclass
class _Session:
    store: Store
    held: lock.Held
    runtime: Runtime

    def close(self) -> None:
        configure(None)
        if self.runtime.dispatcher is not None:
            self.runtime.dispatcher.stop()
        self.runtime.journal.close()
        self.held.release()
        self.store.engine.dispose()


def check(options: Options) -> None:
    """What can be refused before the store is opened: the span of days at the clock's now
    and the ``--feed`` URL."""
    span(options.clock.now().date(), options.grace, options.horizon_days)
    if options.feed:
        from .feedsource import checked_url

        checked_url(options.feed)


def _open(settings: Settings, options: Options) -> _Session:
    check(options)
    extra = channels(options)  # bad channel options fail before anything is opened
    store = open_store(options.store)
    try:
        held = lock.acquire(store)
    except InputError:
        store.engine.dispose()
        raise
    dispatcher = (Dispatcher(store, extra, options.clock, settings.lang, base=options.retry)
                  if extra else None)
    runtime = Runtime(store, options.clock, Terminal(sys.stdout, options.as_json),
                      Journal(journal_path(store)), dispatcher, settings.lang)
    configure(runtime)
    return _Session(store, held, runtime)


def _summary(session: _Session, settings: Settings, sync: SyncResult | None) -> Summary:
    runtime = session.runtime
    return Summary(runtime.delivered, runtime.late, session.store.count(),
                   safe_url(session.store.url), sync, settings.lang, runtime.recovered,
                   stats(session.store) if runtime.dispatcher is not None else {})


def once(settings: Settings, options: Options) -> Summary:
    """Deliver what is due or was missed (within the grace span) and exit: for cron."""
    session = _open(settings, options)
    try:
        with session.store.guarded():
            return _deliver_due(session, settings, options)
    finally:
        session.close()


def _deliver_due(session: _Session, settings: Settings, options: Options) -> Summary:
    now = options.clock.now()
    result = session.store.sync(wanted(settings, options, now), Clock(), options.grace)
    if session.runtime.dispatcher is not None:
        session.runtime.dispatcher.start()
    recover(session.runtime)
    for item in session.store.scheduled():
        if item.reminder.fire_at > now:
            break
        deliver(session.runtime, item.reminder)
        session.store.remove_jobs([item.reminder.job_id])
    if session.runtime.dispatcher is not None:
        session.runtime.dispatcher.drain(options.drain)
    return _summary(session, settings, result)


def listing(settings: Settings, options: Options) -> ReminderList:
    """What is scheduled; synced from the data first unless a daemon holds the store."""
    check(options)
    store = open_store(options.store)
    try:
        with store.guarded():
            try:
                held = lock.acquire(store)
            except lock.LockedError:
                held = None  # the running daemon keeps the store in sync
            if held is not None:
                try:
                    store.sync(wanted(settings, options, options.clock.now()), Clock(),
                               options.grace)
                finally:
                    held.release()
            return ReminderList(tuple(store.scheduled()), safe_url(store.url), settings.lang)
    finally:
        store.engine.dispose()


def daemon(settings: Settings, options: Options) -> Summary:
    """Run in the foreground until Ctrl-C (or SIGTERM), printing reminders as they come."""

    stopper = _Stopper()  # first: a signal during the store's opening is a clean stop too
    session = _open(settings, options)
    scheduler: Any = None
    result: SyncResult | None = None
    try:
        with session.store.guarded():
            try:
                result = session.store.sync(wanted(settings, options, options.clock.now()),
                                            options.clock, options.grace)
                if session.runtime.dispatcher is not None:
                    session.runtime.dispatcher.start()
                recover(session.runtime)
                scheduler = _scheduler(session, settings, options)
                stopper.attach(scheduler)
                if not stopper.stopped.is_set():
                    scheduler.start()  # blocks until Ctrl-C or SIGTERM
            except (KeyboardInterrupt, SystemExit):
                pass  # a clean exit, with the summary
            return _summary(session, settings, result)
    finally:
        if scheduler is not None and scheduler.running:
            scheduler.shutdown(wait=False)
        session.close()


def _scheduler(session: _Session, settings: Settings, options: Options) -> Any:
    from apscheduler.events import EVENT_SCHEDULER_STARTED
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.jobstores.memory import MemoryJobStore
    from apscheduler.schedulers.blocking import BlockingScheduler

    scheduler = BlockingScheduler(
        jobstores={"default": session.store.jobstore(settings.lang),
                   "memory": MemoryJobStore()},
        executors={"default": ThreadPoolExecutor(1), "sync": ThreadPoolExecutor(1)},
        job_defaults={"coalesce": True, "max_instances": 1,
                      "misfire_grace_time": int(options.grace.total_seconds())},
        timezone=VN_TZ)

    def resync() -> None:
        try:
            reminders = wanted(settings, options, options.clock.now())
            # APScheduler's own lock around its job stores: a job removed under the scheduler
            # between get_due_jobs and remove_job would kill its loop (JobLookupError).
            with scheduler._jobstores_lock, session.store.guarded():
                changed = session.store.sync(reminders, options.clock, options.grace)
        except InputError as exc:  # a feed that is down, a plan mid-edit: try later
            for problem in exc.problems:
                print(f"kyniem remind: {problem.render(settings.lang)}", file=sys.stderr)
            return
        if changed.changed:
            scheduler.wakeup()

    scheduler.add_job(resync, "interval", seconds=options.refresh, id="kyniem-resync",
                      jobstore="memory", executor="sync", misfire_grace_time=None)

    def started(event: Any) -> None:
        print(w("running", settings.lang, n=session.store.count()), file=sys.stderr,
              flush=True)

    scheduler.add_listener(started, EVENT_SCHEDULER_STARTED)
    _quiet_log(session.store, settings.lang)
    return scheduler


class _OneLine(logging.Handler):
    """APScheduler's log records (a job that raised, a store that failed for a while, a
    misfire) as one line on stderr each, a database error worded by :mod:`.health`: its
    logged tracebacks would bury the reminders in the terminal."""

    def __init__(self, store: Store, lang: str) -> None:
        super().__init__(logging.WARNING)
        self.store, self.lang = store, lang

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        error = record.exc_info[1] if record.exc_info else None
        if error is not None:
            text += ": " + self.short(error)
        print(f"kyniem remind: {text}", file=sys.stderr, flush=True)

    def short(self, error: BaseException) -> str:
        import sqlite3

        import sqlalchemy as sa

        if isinstance(error, sa.exc.SQLAlchemyError | sqlite3.Error):
            problem = describe(error, safe_url(self.store.url), self.store.sqlite_path)
            return wording(problem, self.lang)
        lines = str(error).strip().splitlines()
        return f"{type(error).__name__}: {lines[0][:200]}" if lines else type(error).__name__


def _quiet_log(store: Store, lang: str) -> None:
    logger = logging.getLogger("apscheduler")
    for old in [h for h in logger.handlers if isinstance(h, _OneLine)]:
        logger.removeHandler(old)
    logger.addHandler(_OneLine(store, lang))
    logger.propagate = False


class _Stopper:
    """Ctrl-C and SIGTERM stop the daemon from a watcher thread.

    The signal handler only writes a byte to a pipe (async-signal-safe). Both obvious designs
    hang, seen under load: calling ``scheduler.shutdown()`` in the handler deadlocks when the
    signal lands while the main thread holds the lock of the scheduler's ``threading.Event``
    (shutdown sets it); raising ``KeyboardInterrupt`` there is swallowed when it lands while
    APScheduler submits a job (it logs any ``BaseException`` there and goes on)."""

    def __init__(self) -> None:
        self.stopped = threading.Event()
        self.scheduler: Any = None
        self._read, self._write = os.pipe()
        threading.Thread(target=self._watch, name="kyniem-stop", daemon=True).start()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._on_signal)

    def _on_signal(self, signum: int, frame: Any) -> None:
        os.write(self._write, b"x")

    def _watch(self) -> None:
        os.read(self._read, 1)
        self.stopped.set()
        self.stop_if_asked()

    def attach(self, scheduler: Any) -> None:
        """Watch ``scheduler``; a stop asked before it ran stops it as soon as it starts."""
        from apscheduler.events import EVENT_SCHEDULER_STARTED

        self.scheduler = scheduler
        scheduler.add_listener(lambda event: self.stop_if_asked(), EVENT_SCHEDULER_STARTED)

    def stop_if_asked(self) -> None:
        from apscheduler.schedulers import SchedulerNotRunningError

        if self.stopped.is_set() and self.scheduler is not None:
            with contextlib.suppress(SchedulerNotRunningError):
                self.scheduler.shutdown(wait=False)
