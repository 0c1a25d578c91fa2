"""A build's per-plan work across processes, and the garbage collector held back meanwhile
(issue 11: a cold build of 1,000 plans spent 60 of its 72 s reading plan files and
serializing their events — work independent per file — and 10 % in 50 full collections).

Workers are forked (https://docs.python.org/3/library/multiprocessing.html#contexts-and-
start-methods): they inherit the plans' sources, the registry and the ledger as loaded, and
send back each part with the ledger entries it changed. A pooled build is the serial one,
byte for byte: a serial build stamps plan files in order, each against the ledger as the
plans before it left it, so each worker stamps against the ledger as loaded (undoing its
own changes after each file) and the parent applies the changes in the plans' order; a
part that stamped a key an earlier part had changed (two plan files sharing an event) is
made again in the parent, as the serial build would make it.

The collector: objects loaded before the build (the registry, its lunar dates) are frozen
out of every collection (:func:`gc.freeze`, which the Python documentation also advises
before forking), and young collections run at 50,000 new objects rather than 700, full
ones hardly at all; cyclic garbage (a YAML loader per plan file) is still collected young.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar, cast

from ..registry import InputError, Problem
from .ledger import Entry, Ledger, Stamp
from .parts import Part

if TYPE_CHECKING:  # the pool's modules load only when a pool runs
    from concurrent.futures import ProcessPoolExecutor

POOLED = 32  # plan files to make before a pool pays for its start (about 0.1 s)
POOLED_FILES = 128  # files to make and write (pages, feeds) before a pool pays for itself
THRESHOLDS = (50_000, 50, 1_000)  # gc: young, middle, full (defaults 700, 10, 10)

Stamper = Callable[[str, str], Stamp]
Make = Callable[[int, Stamper], Part]  # job i's part; InputError for a bad plan file
Outcome = Part | list[Problem]
R = TypeVar("R")
_Worked = tuple[Outcome, list[str], dict[str, Entry]]  # a part, keys stamped, entries changed


@dataclass(frozen=True)
class Tuning:
    """How a build runs (never what it makes): ``workers`` processes for fresh plan files
    (None: one per CPU; 1: none) once there are ``pooled`` of them, and whether the
    collector is held back. The benchmark turns both off to measure the old behaviour in the
    same run; tests pool a few plan files."""

    workers: int | None = None
    hold_gc: bool = True
    pooled: int = POOLED
    pooled_files: int = POOLED_FILES


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # what this process may use (containers, taskset)
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def workers_for(count: int, tuning: Tuning, least: int | None = None) -> int:
    """How many processes make ``count`` fresh parts (or, ``least`` given, files): 1 (here)
    when fewer than that, or without fork."""
    wanted = cpus() if tuning.workers is None else tuning.workers
    if count < (tuning.pooled if least is None else least) or wanted < 2:
        return 1  # before importing multiprocessing: a one-plan rebuild needs none of it
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(wanted, count)


@contextmanager
def held_gc(hold: bool = True) -> Iterator[None]:
    """The collector frozen and relaxed for the block, as it was afterwards."""
    if not hold:
        yield
        return
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def make_all(count: int, make: Make, stamp: Stamper, ledger: Callable[[], Ledger],
             step: Callable[[], None], workers: int, keep_closed: Sequence[int] = ()
             ) -> list[Outcome]:
    """Parts 0 … ``count``-1, in order, each a :class:`Part` or its plan file's problems.
    Serially ``stamp`` stamps; a pool of ``workers`` stamps against ``ledger()`` (the whole
    ledger, read before forking) and leaves the parent's ledger as a serial build would.
    ``keep_closed``: descriptors workers close (the build lock: a killed build's workers
    must not hold it)."""
    if workers < 2:
        out = []
        for i in range(count):
            out.append(_outcome(make, i, stamp))
            step()
        return out
    return _pooled(count, make, ledger(), step, workers, keep_closed)


def _outcome(make: Make, index: int, stamp: Stamper) -> Outcome:
    try:
        return make(index, stamp)
    except InputError as exc:  # every bad plan file is reported, not just the first
        return list(exc.problems)


@dataclass(frozen=True)
class _Job:
    call: Callable[[int], object]  # what a worker does with task i
    keep_closed: Sequence[int]
    parent: int  # a pipe's end that reads EOF once the parent is gone, killed too


_job: _Job | None = None  # what forked workers inherit: set while a pool runs


def map_forked(count: int, work: Callable[[int], R], workers: int,
               keep_closed: Sequence[int] = ()) -> list[R]:
    """``work(0)`` … ``work(count - 1)`` in order, in ``workers`` forked processes when more
    than one (they inherit ``work`` and what it reads, as it is when this is called); when a
    worker dies (out of memory?) the tasks without a result are done here. ``work`` must
    then be safe to do twice."""
    if workers < 2:
        return [work(i) for i in range(count)]
    from concurrent.futures.process import BrokenProcessPool

    out: list[R] = []
    broken = False
    with _forked(work, workers, keep_closed) as pool:
        try:
            for result in pool.map(_call, range(count),
                                   chunksize=max(1, count // (workers * 8))):
                out.append(cast(R, result))
        except BrokenProcessPool:
            broken = True
    if broken:  # once every worker has ended (the pool is shut down): none still writes
        out.extend(work(i) for i in range(len(out), count))
    return out


@contextmanager
def _forked(call: Callable[[int], object], workers: int, keep_closed: Sequence[int]
            ) -> Iterator[ProcessPoolExecutor]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _job
    parent, alive = os.pipe()  # only this process keeps ``alive`` (workers close theirs)
    _job = _Job(call, (*keep_closed, alive), parent)
    pool = ProcessPoolExecutor(workers, multiprocessing.get_context("fork"), _started)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _job = None
        os.close(parent)
        os.close(alive)


def _call(index: int) -> object:
    assert _job is not None
    return _job.call(index)


def _pooled(count: int, make: Make, ledger: Ledger, step: Callable[[], None], workers: int,
            keep_closed: Sequence[int]) -> list[Outcome]:
    from concurrent.futures.process import BrokenProcessPool

    out: list[Outcome] = []
    broken = False
    with _forked(lambda i: _work(i, make, ledger), workers, keep_closed) as pool:
        try:
            for result in pool.map(_call, range(count)):
                outcome, stamped, changed = cast(_Worked, result)
                if ledger.dirty.intersection(stamped):  # an earlier part changed a key of this
                    outcome = _outcome(make, len(out), ledger.stamp)
                else:
                    ledger.entries.update(changed)
                    ledger.dirty.update(changed)
                out.append(outcome)
                step()
        except BrokenProcessPool:  # a worker died (out of memory?): the rest is made here,
            broken = True  # once the others have ended
    for i in range(len(out), count if broken else 0):
        out.append(_outcome(make, i, ledger.stamp))
        step()
    return out


def _started() -> None:
    """A worker's start: streams of its own (another thread, a progress bar, may have held
    the inherited ones' locks when it forked), no build lock, and an end with its parent's:
    a killed build's workers would otherwise wait for tasks forever."""
    import threading

    assert _job is not None
    with suppress(OSError, ValueError):  # a closed stream stays as it was
        sys.stdout = open(os.dup(1), "w", encoding="utf-8")  # noqa: SIM115
        sys.stderr = open(os.dup(2), "w", encoding="utf-8")  # noqa: SIM115
    for fd in _job.keep_closed:
        with suppress(OSError):
            os.close(fd)
    threading.Thread(target=_orphaned, args=(_job.parent,), daemon=True).start()


def _orphaned(parent: int) -> None:
    """Ends this worker once its parent is gone (EOF: no process holds the other end)."""
    with suppress(OSError):
        while os.read(parent, 1):
            pass
    os._exit(1)


def _work(index: int, make: Make, ledger: Ledger) -> _Worked:
    """In a worker: part ``index``, the keys it stamped and the entries it changed; the
    worker's ledger is then as loaded again, for the next part."""
    before: dict[str, Entry | None] = {}

    def stamp(key: str, digest: str) -> Stamp:
        if key not in before:
            before[key] = ledger.entries.get(key)
        return ledger.stamp(key, digest)

    outcome = _outcome(make, index, stamp)
    changed = {k: ledger.entries[k] for k in before if k in ledger.dirty}
    for key, entry in before.items():
        if entry is None:
            ledger.entries.pop(key, None)
        else:
            ledger.entries[key] = entry
    ledger.dirty.difference_update(before)
    return outcome, list(before), changed
