"""A release's files as a build asks for them: each kept from the previous release while its
fingerprint holds, else made and written — many at once in forked workers when every part
is in memory (a cold build: issue 11 measured a third of it here, one file after another).

A file is asked for with :meth:`Files.put` and exists after :meth:`Files.flush`; the order
of the report's lists is the order of the puts, pooled or not, so a pooled build reports
what a serial one does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import pool
from .release import Layout, Segment
from .state import Published

if TYPE_CHECKING:
    from .release import Release
    from .site import BuildReport


@dataclass(frozen=True)
class Segments:
    """A file as segments (:meth:`.release.Release.assemble`): those the previous release's
    file holds are copied from it."""

    items: list[Segment]


Make = Callable[[], bytes | Segments]  # a file's bytes, whole or in segments
#: its size, whether it was kept, its layout (a future while a thread fills the file)
Made = tuple[int, bool, "Layout | Future[Layout] | None"]


@dataclass
class Files:
    out: Release
    before: dict[str, Published]  # the previous release's files, when its state is ours
    report: BuildReport
    keep_closed: Sequence[int] = ()  # descriptors workers close (the build lock)
    tuning: pool.Tuning = field(default_factory=pool.Tuning)
    #: the layout of a file of the previous release (the state's: as ``before``)
    layout_of: Callable[[str], Layout | None] = lambda path: None
    published: dict[str, Published] = field(default_factory=dict)
    layouts: dict[str, Layout | None] = field(default_factory=dict)  # files made: theirs
    _filling: dict[str, Future[Layout]] = field(default_factory=dict)  # theirs, to come
    _asked: list[tuple[str, str, Make, bool]] = field(default_factory=list)
    _same: list[tuple[str, Make]] = field(default_factory=list)  # unchanged: linked at last

    def put(self, path: str, fingerprint: str, make: Make, here: bool = False) -> None:
        """``path`` with the bytes ``make`` gives, made only when ``fingerprint`` moved;
        ``here``: made in this process (``make`` stamps the ledger)."""
        self._asked.append((path, fingerprint, make, here))

    def size(self, path: str) -> int:
        return self.published[path].size

    def flush(self, pooled: bool) -> None:
        """Every file asked for since the last flush: ``pooled`` when the parts' bytes and
        rows are all in memory (a forked worker must not read the state's database). A file
        whose fingerprint held is taken from the previous release once a new one is made
        (:meth:`finish`)."""
        asked, self._asked = self._asked, []
        todo: list[int] = []  # indexes into asked: to make
        for i, (path, fingerprint, make, _) in enumerate(asked):
            old = self.before.get(path)
            if old is not None and old.print == fingerprint and self.out.has(path):
                self._same.append((path, make))
            else:
                todo.append(i)
        elsewhere = [i for i in todo if not asked[i][3]]
        workers = (pool.workers_for(len(elsewhere), self.tuning, self.tuning.pooled_files)
                   if pooled else 1)
        if workers > 1:
            self.out.settle()  # no thread of this process runs while it forks
            for i in elsewhere:
                self.out.prepare(asked[i][0])  # folders made here: workers only fill them
        # read here: forked workers ask the state nothing
        jobs = [(asked[i][0], asked[i][2], self.layout_of(asked[i][0])) for i in elsewhere]
        here = workers < 2  # in this process: big copies go on on a thread (Release)
        made = dict(zip(elsewhere, pool.map_forked(
            len(jobs), lambda j: self._make(*jobs[j], later=here), workers, self.keep_closed),
            strict=True))
        todo_set = set(todo)
        for i, (path, fingerprint, make, _) in enumerate(asked):
            if i not in todo_set:
                self.report.unchanged.append(path)
                self.published[path] = self.before[path]
                continue
            size, kept, layout = made[i] if i in made else self._make(
                path, make, self.layout_of(path))
            (self.report.unchanged if kept else self.report.written).append(path)
            self.published[path] = Published(fingerprint, size)
            if isinstance(layout, Future):
                self._filling[path] = layout
            else:
                self.layouts[path] = layout

    def finish(self) -> bool:
        """Whether the build made a new release: when it wrote a file or leaves one out.
        Its unchanged files are then linked from the previous one (or made again, should one
        have gone meanwhile). The files filled on a thread are waited for."""
        self.out.settle()
        self.layouts.update((p, job.result()) for p, job in self._filling.items())
        self._filling.clear()
        if not self.out.opened and self.before and set(self.before) <= set(self.published):
            return False
        for path, make in self._same:
            if not self.out.keep(path):  # the previous file went meanwhile: no layout holds
                layout = self._make(path, make, None)[2]
                assert not isinstance(layout, Future)  # made here and now (later=False)
                self.layouts[path] = layout
        self.out.open()  # the release's folder, should it hold no file at all
        return True

    def _make(self, path: str, make: Make, layout: Layout | None, later: bool = False
              ) -> Made:
        """The file's size, whether the previous release's held the same bytes, and its
        layout when made of segments (``layout``: the previous file's; ``later``: see
        :meth:`.release.Release.assemble`)."""
        data = make()
        if isinstance(data, Segments):
            return self.out.assemble(path, data.items, layout, later)
        if self.out.keep(path, data):
            return len(data), True, None
        self.out.write(path, data, replace=True)  # a worker that died may have begun it
        return len(data), False, None
