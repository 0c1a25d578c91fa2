"""Job rows read back from the store without trusting them.

APScheduler 3's ``SQLAlchemyJobStore`` keeps each job as a pickle of ``Job.__getstate__()``
and reads it back with ``pickle.loads`` (``_reconstitute_job``): whoever can write one row of
the database would run any code in the daemon ("Warning: the pickle module is not secure",
https://docs.python.org/3/library/pickle.html). Two things make a row safe to read here:

* a restricted unpickler (the documented way, "Restricting Globals",
  https://docs.python.org/3/library/pickle.html#restricting-globals) whose ``find_class``
  admits exactly the classes a state made by :func:`.store._template_state` /
  ``_job_state`` holds — found by reading a real row with ``pickletools.dis``:
  ``apscheduler.triggers.date.DateTrigger`` and, in its ``run_date`` and in
  ``next_run_time``, ``datetime.datetime``, ``datetime.timezone`` and ``datetime.timedelta``
  (the store writes ``Asia/Ho_Chi_Minh`` as a fixed ``datetime.timezone``: no pytz, no
  zoneinfo). Everything else in the state is a plain str/int/bool/dict/tuple/list;
* a check of the state itself: ``Job.__setstate__`` imports and calls whatever textual
  reference ``func`` holds (``ref_to_obj``), so a row naming ``os:system`` with a harmless
  pickle would still run a command at its fire time. Only our callable
  (:data:`.store.FIRE`), one dict argument that reads as a :class:`.plan.Reminder`, no
  keyword arguments, our executor and a ``DateTrigger`` pass.

A row that fails is not ours: :class:`SafeJobStore` (the job store the daemon's scheduler
uses) drops it with one line on stderr instead of APScheduler's logged traceback, and the next
sync deletes it anyway (it is never among the wanted reminders).
"""

from __future__ import annotations

import io
import pickle
import sys
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from apscheduler.job import Job
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.triggers.date import DateTrigger

from ..wording import say
from .plan import Reminder
from .store import FIRE

#: (module, name) of every class a job state of ours holds, and nothing else.
ALLOWED = frozenset({
    ("apscheduler.triggers.date", "DateTrigger"),
    ("datetime", "datetime"),
    ("datetime", "timezone"),
    ("datetime", "timedelta"),
})

#: What ``Job.__setstate__`` reads (APScheduler 3.11); a later 3.x may add keys, read or not.
_KEYS = frozenset({"version", "id", "func", "trigger", "executor", "args", "kwargs", "name",
                   "misfire_grace_time", "coalesce", "max_instances", "next_run_time"})


class NotOurs(ValueError):
    """A job row kyniem did not write (or cannot read)."""


class _Restricted(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED:
            raise NotOurs(f"pickled global {module}.{name} is not allowed")
        return super().find_class(module, name)


def load_state(data: bytes) -> dict[str, Any]:
    """The job state in ``data``, checked to be one :mod:`.store` writes; else
    :class:`NotOurs`. Nothing outside :data:`ALLOWED` is imported or called."""
    try:
        state = _Restricted(io.BytesIO(bytes(data))).load()
    except NotOurs:
        raise
    except Exception as exc:  # truncated, garbage, a class's own checks, overflow...
        raise NotOurs(f"unreadable job state ({type(exc).__name__})") from None
    _check(state)
    return dict(state)


def _check(state: Any) -> None:
    if not isinstance(state, dict) or not set(state) >= _KEYS or state["version"] != 1:
        raise NotOurs("not a job state of APScheduler 3")
    args, trigger = state["args"], state["trigger"]
    if state["func"] != FIRE or state["executor"] != "default" or state["kwargs"] != {}:
        raise NotOurs("not a kyniem reminder job")
    if not (isinstance(args, tuple) and len(args) == 1 and isinstance(args[0], dict)):
        raise NotOurs("not a kyniem reminder job")
    if not isinstance(trigger, DateTrigger) or not _moment(trigger.run_date):
        raise NotOurs("not a date trigger")
    if state["next_run_time"] is not None and not _moment(state["next_run_time"]):
        raise NotOurs("no run time")
    if not (isinstance(state["id"], str) and isinstance(state["name"], str)
            and isinstance(state["misfire_grace_time"], int | None)
            and isinstance(state["coalesce"], bool) and isinstance(state["max_instances"], int)):
        raise NotOurs("not a job state of kyniem")
    try:
        Reminder.from_payload(args[0])
    except (KeyError, TypeError, ValueError, AssertionError, AttributeError):
        raise NotOurs("not a reminder") from None


def _moment(value: Any) -> bool:
    return isinstance(value, datetime) and value.tzinfo is not None


def payload_of(data: bytes) -> dict[str, Any] | None:
    """The reminder payload of a stored job, or None when the row is not ours."""
    try:
        payload: dict[str, Any] = load_state(data)["args"][0]
    except NotOurs:
        return None
    return payload


class SafeJobStore(SQLAlchemyJobStore):  # type: ignore[misc]
    """APScheduler's ``SQLAlchemyJobStore`` reading rows through :func:`load_state`."""

    def __init__(self, *args: Any, lang: str = "vi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = lang

    def _reconstitute_job(self, job_state: bytes) -> Any:
        state = load_state(job_state)
        state["jobstore"] = self
        job = Job.__new__(Job)
        job.__setstate__(state)
        job._scheduler = self._scheduler
        job._jobstore_alias = self._alias
        return job

    def lookup_job(self, job_id: str) -> Any:
        try:
            return super().lookup_job(job_id)
        except NotOurs:
            return None

    def _get_jobs(self, *conditions: Any) -> list[Any]:
        """As APScheduler's own, with a one-line note for a row that is not ours."""
        jobs, failed = [], []
        query = sa.select(self.jobs_t.c.id, self.jobs_t.c.job_state).order_by(
            self.jobs_t.c.next_run_time)
        if conditions:
            query = query.where(sa.and_(*conditions))
        with self.engine.begin() as connection:
            for row in connection.execute(query):
                try:
                    jobs.append(self._reconstitute_job(row.job_state))
                except NotOurs:
                    failed.append(row.id)
                    note = say("remind_job_dropped", id=ascii(row.id)[:80]).render(self.lang)
                    print(note, file=sys.stderr, flush=True)
            if failed:
                connection.execute(self.jobs_t.delete().where(self.jobs_t.c.id.in_(failed)))
        return jobs
