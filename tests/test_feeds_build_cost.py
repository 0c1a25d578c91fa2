"""Build cost (issue 11): fresh plan files made by a pool of forked workers give what a serial
build gives, byte for byte and stamp for stamp, errors included; a rebuild reads the cached
bytes of the feeds that changed only; the garbage collector is as it was after a build."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from scheduler.commands import Settings
from scheduler.feeds import pool
from scheduler.feeds.ledger import Ledger
from scheduler.feeds.parts import Part
from scheduler.feeds.state import SiteState
from scheduler.outputs.feeds import BuildView
from scheduler.plans.load import bundled_plans_dir
from scheduler.publish import build
from scheduler.registry import InputError, Problem

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
from national import generate  # noqa: E402

SERIAL = pool.Tuning(workers=1, hold_gc=False)  # the build as it was
# a pool even for a few plan files and files to write, on one CPU
POOLED = pool.Tuning(workers=2, pooled=1, pooled_files=1)


def plans(folder: Path, count: int = 5) -> Path:
    """Synthetic plans (bench/national.py) and the bundled real ones."""
    generate(folder, count, 12)
    for path in bundled_plans_dir().glob("*.yaml"):
        shutil.copy(path, folder)
    return folder


def site_build(source: Path, out: Path, now: date, tuning: pool.Tuning) -> BuildView:
    return build(Settings(plans=(str(source),), now=now), str(out), None, 2,
                 state=str(out.parent / f"{out.name}.state"), tuning=tuning)


def files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def ledger(site: Path) -> list[tuple[str, str, int, str]]:
    db = sqlite3.connect(site.parent / f"{site.name}.state" / "site.sqlite")
    try:
        return db.execute("SELECT * FROM ledger ORDER BY uid").fetchall()
    finally:
        db.close()


def part_name(path: Path) -> str:
    """The name of a plan file's part in the state (publish.py)."""
    return hashlib.blake2b(os.path.realpath(path).encode(), digest_size=8).hexdigest()


def test_a_pooled_build_is_byte_identical_to_a_serial_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cold, then after edits (stamps move), a plan file gone and one new; same --now."""
    source = plans(tmp_path / "plans")
    pools: list[int] = []
    pooled_parts = pool._pooled

    def counted(count: int, *args: Any) -> list[pool.Outcome]:
        pools.append(count)
        return pooled_parts(count, *args)

    monkeypatch.setattr(pool, "_pooled", counted)
    writers: list[tuple[int, int]] = []  # files made, workers
    forked = pool.map_forked

    def counted_files(count: int, work: Any, workers: int, *args: Any) -> list[Any]:
        writers.append((count, workers))
        return forked(count, work, workers, *args)

    monkeypatch.setattr(pool, "map_forked", counted_files)
    serial, pooled = tmp_path / "serial", tmp_path / "pooled"
    edits = [lambda: None, lambda: _edit(source), lambda: _swap(source)]
    for day, edit in enumerate(edits, start=1):
        edit()
        one = site_build(source, serial, date(2026, 1, day), SERIAL)
        other = site_build(source, pooled, date(2026, 1, day), POOLED)
        assert sorted(one.report.written) == sorted(other.report.written)
        mine, theirs = files(serial), files(pooled)
        assert mine.keys() == theirs.keys()
        assert [p for p in mine if mine[p] != theirs[p]] == []
        assert ledger(serial) == ledger(pooled)
    assert pools == [8, 2]  # the new file alone is made in the parent
    # files (feeds and pages, then the index): the pooled cold build's in a pool, each
    # rebuild's here (cached parts are read from the state, which workers must not use)
    assert [w for _, w in writers] == [1, 1, 2, 1] + [1] * 8
    assert writers[2][0] > 100
    assert max(row[2] for row in ledger(pooled)) >= 1  # some SEQUENCE moved


def _edit(source: Path, old: str = "Hoạt động 1 ", new: str = "Hoạt động một ") -> None:
    for path in sorted(source.glob("plan-*.yaml"))[:2]:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _swap(source: Path) -> None:
    (source / "plan-0000.yaml").unlink()
    generate(source / "more", 1, 12, seed=7)
    (source / "more" / "plan-0000.yaml").rename(source / "plan-new.yaml")
    (source / "more").rmdir()


def test_plan_file_errors_are_all_reported_as_a_serial_build_reports_them(
        tmp_path: Path) -> None:
    source = plans(tmp_path / "plans")
    text = (source / "plan-0001.yaml").read_text(encoding="utf-8")
    (source / "plan-0001.yaml").write_text(text.replace("year: 2027", "year: soon"),
                                           encoding="utf-8")
    (source / "plan-0003.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    twin = (bundled_plans_dir() / "phuong-dien-bien-phu-70-2024.yaml").read_text("utf-8")
    (source / "twin.yaml").write_text(twin, encoding="utf-8")  # the same plan id twice
    found = []
    for name, tuning in (("serial", SERIAL), ("pooled", POOLED)):
        with pytest.raises(InputError) as caught:
            site_build(source, tmp_path / name, date(2026, 1, 1), tuning)
        found.append([(p.file, p.line, p.field, p.text("en")) for p in caught.value.problems])
    assert found[0] == found[1]
    assert {Path(f).name for f, *_ in found[0]} >= {"plan-0001.yaml", "plan-0003.yaml"}
    assert not (tmp_path / "pooled").exists()
    # fixed, the other duplicate id is the one problem left, in both
    (source / "plan-0001.yaml").write_text(text, encoding="utf-8")
    (source / "plan-0003.yaml").unlink()
    for name, tuning in (("serial", SERIAL), ("pooled", POOLED)):
        with pytest.raises(InputError) as caught:
            site_build(source, tmp_path / name, date(2026, 1, 1), tuning)
        assert [p.field for p in caught.value.problems] == ["id"]


def _fake_make(index: int, stamp: pool.Stamper) -> Part:
    """Part ``index`` stamps its own key and a key every part shares, whose content changes
    every second part: a serial build bumps it part after part; part 3 is a bad file."""
    if index == 3:
        raise InputError([Problem(f"plan-{index}.yaml", 7, "when", "cannot read it")])
    stamps = [stamp(f"own/{index}", "a"), stamp("shared", f"d{index // 2}")]
    data = repr([(s.sequence, s.modified.isoformat()) for s in stamps]).encode()
    return Part(f"plan-{index}.yaml", (), "", bounds=[0, len(data)], data=data)


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_parts_that_share_a_key_are_stamped_in_order(workers: int) -> None:
    """A part that stamped a key an earlier part changed is made again in the parent."""
    now = datetime(2026, 1, 1, tzinfo=UTC)
    results = []
    for tuning in (SERIAL, pool.Tuning(workers=workers, pooled=1)):
        book = Ledger(now, {"shared": ("d0", 4, "2025-01-01T00:00:00+00:00")})
        steps: list[int] = []
        made = pool.make_all(9, _fake_make, book.stamp, lambda b=book: b,  # type: ignore[misc]
                             lambda s=steps: s.append(1),  # type: ignore[misc]
                             pool.workers_for(9, tuning))
        results.append(([m.data if isinstance(m, Part) else m for m in made], book.entries,
                         book.dirty, len(steps)))
    assert results[0] == results[1]
    assert results[0][1]["shared"][1] == 4 + 4  # d0 → d1 → d2 → d3 → d4
    assert results[0][3] == 9


def test_a_rebuild_reads_only_the_bytes_of_feeds_that_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted at the state's reads of parts' bytes: none when no feed moved; then only
    parts of the feeds written, never more bytes than those feeds hold."""
    source = plans(tmp_path / "plans", count=3)
    site = tmp_path / "site"
    site_build(source, site, date(2026, 1, 1), SERIAL)
    read: list[tuple[str, int]] = []  # part, bytes
    blob = SiteState.blob

    def counted(self: SiteState, name: str, *args: Any) -> list[bytes]:
        found = blob(self, name, *args)
        read.append((name, sum(map(len, found))))
        return found

    def feeds_written(view: BuildView) -> list[str]:
        return [p for p in view.report.written if p.endswith(".ics")]

    monkeypatch.setattr(SiteState, "blob", counted)
    site_build(source, site, date(2026, 1, 2), SERIAL)
    assert read == []  # nothing moved: no event's bytes are read
    # one feed gone from the site: made again from its plan's part (and the registry's days)
    listed = json.loads((site / "feeds.json").read_text(encoding="utf-8"))
    plan_feed = next(f["path"] for f in listed if f["group"] == "plan"
                     and f["key"] == "plan-0001")
    os.unlink(site.resolve() / plan_feed)
    view = site_build(source, site, date(2026, 1, 3), SERIAL)
    assert feeds_written(view) == [plan_feed]
    assert {name for name, _ in read} <= {part_name(source / "plan-0001.yaml"), "registry"}
    assert part_name(source / "plan-0001.yaml") in {name for name, _ in read}
    assert sum(n for _, n in read) < view.report.sizes[plan_feed]
    # two plans edited: all.ics holds every part, yet no cached part is read: the feeds
    # written copy the unchanged parts' shares from their previous files (the edited
    # parts are made, not read)
    read.clear()
    _edit(source)
    view = site_build(source, site, date(2026, 1, 4), SERIAL)
    assert "all.ics" in feeds_written(view)
    assert read == []
    assert len(feeds_written(view)) < len(view.report.sizes)
    # a state that kept no layouts (kyniem before them): the cached shares are read
    db = sqlite3.connect(site.parent / "site.state" / "site.sqlite")
    db.execute("DELETE FROM layouts")
    db.commit()
    db.close()
    _edit(source, "Hoạt động 2 ", "Hoạt động hai ")
    view = site_build(source, site, date(2026, 1, 5), SERIAL)
    edited = {part_name(source / "plan-0000.yaml"), part_name(source / "plan-0001.yaml")}
    assert {name for name, _ in read} == (
        {part_name(p) for p in source.glob("*.yaml")} - edited | {"registry"})
    assert sum(n for _, n in read) < sum(view.report.sizes[p] for p in feeds_written(view))


def _other_file(layout: str) -> str:
    """The layout as recorded, said of another file (its inode one more)."""
    raw = json.loads(layout)
    raw["file"][1] += 1
    return json.dumps(raw)


@pytest.mark.parametrize(("damage", "told"), [
    (lambda layout: "[[", True), (lambda layout: '[["a", 1]]', True),
    (lambda layout: '{"file": [1, 2, 3], "segments": []}', True),
    (lambda layout: layout.replace('",', '",-', 1), True),  # a negative length
    (lambda layout: b"\xff", True),  # not even text (review: it stopped the build)
    (_other_file, False)])  # another file now: nothing is wrong with the record
def test_a_damaged_layout_makes_the_feed_whole_again(
        tmp_path: Path, damage: Any, told: bool, capsys: pytest.CaptureFixture[str]) -> None:
    """A layout that does not read back, or does not describe the previous file, is not
    used: the feed is written whole, the same as a site whose layouts are fine."""
    source = plans(tmp_path / "plans", count=3)
    damaged, fine = tmp_path / "damaged", tmp_path / "fine"
    for site in (damaged, fine):
        site_build(source, site, date(2026, 1, 1), SERIAL)
    db = sqlite3.connect(tmp_path / "damaged.state" / "site.sqlite")
    (layout,) = db.execute("SELECT layout FROM layouts WHERE path = 'all.ics'").fetchone()
    assert db.execute("UPDATE layouts SET layout = ? WHERE path = 'all.ics'",
                      (damage(layout),)).rowcount == 1
    db.commit()
    db.close()
    _edit(source)
    for site in (damaged, fine):
        site_build(source, site, date(2026, 1, 2), SERIAL)
    assert files(damaged) == files(fine)
    assert ("all.ics" in capsys.readouterr().err) is told


def test_a_state_an_older_kyniem_kept_gets_the_new_columns_and_tables(tmp_path: Path) -> None:
    """A site's state from before layouts and lazily read details (SCHEMA 1 all along):
    the next build adds what it lacks, remakes the parts (an older FORMAT) and builds the
    same site as a state made anew."""
    source = plans(tmp_path / "plans", count=2)
    older, fresh = tmp_path / "older", tmp_path / "fresh"
    site_build(source, older, date(2026, 1, 1), SERIAL)
    db = sqlite3.connect(tmp_path / "older.state" / "site.sqlite")
    db.execute("DROP TABLE layouts")
    db.execute("ALTER TABLE parts DROP COLUMN detail")
    db.execute("UPDATE parts SET key = 'of an older format'")
    db.commit()
    db.close()
    _edit(source)
    site_build(source, older, date(2026, 1, 2), SERIAL)
    site_build(source, fresh, date(2026, 1, 2), SERIAL)
    db = sqlite3.connect(tmp_path / "older.state" / "site.sqlite")
    assert "detail" in {r[1] for r in db.execute("PRAGMA table_info(parts)")}
    assert db.execute("SELECT count(*) FROM layouts").fetchone()[0] > 0
    db.close()
    assert files(older).keys() == files(fresh).keys()  # the same site (its SEQUENCEs go on)
    assert "Hoạt động một" in (older / "all.ics").read_bytes().decode().replace("\r\n ", "")


def test_a_feed_another_writer_replaced_is_not_copied_from(tmp_path: Path) -> None:
    """Review: a layout was trusted when the previous file had its size; an older kyniem
    (or anything else) that rewrote all.ics with other bytes of the same length made the
    next build copy shares from the wrong offsets. The layout names the file it describes."""
    source = plans(tmp_path / "plans", count=3)
    replaced, fine = tmp_path / "replaced", tmp_path / "fine"
    for site in (replaced, fine):
        site_build(source, site, date(2026, 1, 1), SERIAL)
    feed = replaced.resolve() / "all.ics"
    data = feed.read_bytes()
    swapped = data.replace(b"SEQUENCE:0", b"SEQUENCE:9")  # same length, other bytes
    assert swapped != data and len(swapped) == len(data)
    feed.unlink()
    feed.write_bytes(swapped)
    _edit(source)
    for site in (replaced, fine):
        site_build(source, site, date(2026, 1, 2), SERIAL)
    assert (replaced / "all.ics").read_bytes() == (fine / "all.ics").read_bytes()


def test_a_feed_made_of_copied_segments_is_the_feed_made_whole(tmp_path: Path) -> None:
    """Two sites with the same history, one of them rebuilt without its layouts each time
    (every part's share read and written): the same files, byte for byte; a feed no edit
    touched stays the same file (its inode: HTTP validators stay)."""
    source = plans(tmp_path / "plans", count=4)
    copied, whole = tmp_path / "copied", tmp_path / "whole"
    for site in (copied, whole):
        site_build(source, site, date(2026, 1, 1), SERIAL)
    held = tmp_path / "held"  # the last release's files, linked: their inodes stay taken
    steps = [(2, ("Hoạt động 1 ", "Hoạt động một ")), (3, ("Hoạt động 2 ", "Hoạt động hai ")),
             (4, None), (5, ("Hoạt động một ", "Hoạt động 1 "))]  # the last: undone
    for day, edit in steps:
        if edit is None:  # a plan file goes: its shares leave every feed
            (source / "plan-0002.yaml").unlink()
        else:
            _edit(source, *edit)
        shutil.rmtree(held, ignore_errors=True)
        for p in files(copied):
            (held / p).parent.mkdir(parents=True, exist_ok=True)
            os.link(copied / p, held / p)
        db = sqlite3.connect(whole.parent / "whole.state" / "site.sqlite")
        db.execute("DELETE FROM layouts")
        db.commit()
        db.close()
        views = [site_build(source, site, date(2026, 1, day), SERIAL)
                 for site in (copied, whole)]
        assert files(copied) == files(whole), day
        assert views[0].report.written == views[1].report.written
    kept = [p for p in files(copied) if p.endswith(".ics") and (held / p).exists()
            and (held / p).stat().st_ino == (copied / p).stat().st_ino]
    assert kept and "all.ics" not in kept


WORKERS_HANG = """
import os, sys, time
from datetime import date
from scheduler.commands import Settings
from scheduler.feeds import pool
from scheduler.publish import build

def hang(index, *args):
    with open(sys.argv[1], "a") as fh:
        fh.write(f"{os.getpid()}\\n")
    time.sleep(120)

pool._work = hang
build(Settings(plans=(sys.argv[2],), now=date(2026, 1, 1)), sys.argv[3], None, 2,
      state=sys.argv[4], tuning=pool.Tuning(workers=2, pooled=1))
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_killed_pooled_build_leaves_no_worker_and_no_lock(tmp_path: Path) -> None:
    source, pids, out = plans(tmp_path / "plans"), tmp_path / "pids", tmp_path / "site"
    build_process = subprocess.Popen([sys.executable, "-c", WORKERS_HANG, str(pids),
                                      str(source), str(out), str(tmp_path / "site.state")])
    try:
        for _ in range(600):
            if pids.exists() and len(pids.read_text().split()) >= 2:
                break
            time.sleep(0.1)
        workers = [int(p) for p in pids.read_text().split()]
    finally:
        build_process.kill()
        build_process.wait()
    for _ in range(100):
        if not any(_running(pid) for pid in workers):
            break
        time.sleep(0.1)
    assert not any(_running(pid) for pid in workers)
    site_build(source, out, date(2026, 1, 1), SERIAL)  # the lock is free, the state whole
    assert (out / "all.ics").is_file()


def test_a_second_build_of_a_site_is_refused_while_one_runs(tmp_path: Path) -> None:
    """One build per site: another process holding the state's lock (flock, as a running
    build does) makes a build stop at once, naming the site and the state; once it lets go
    the build goes on."""
    import fcntl

    source, out = plans(tmp_path / "plans", 2), tmp_path / "site"
    state = tmp_path / "site.state"
    state.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('held', flush=True)\ntime.sleep(60)\n"),
        str(state / "build.lock")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(InputError) as refused:
            site_build(source, out, date(2026, 1, 1), SERIAL)
        (problem,) = refused.value.problems
        assert problem.file == str(out) and problem.field == "--out"
        assert str(state) in problem.text("vi")
        assert not out.exists()
    finally:
        holder.kill()
        holder.wait()
    site_build(source, out, date(2026, 1, 1), SERIAL)
    assert (out / "all.ics").is_file()
    fd = os.open(state / "build.lock", os.O_RDWR)  # and the build let go of it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(fd)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")  # a zombie holds nothing; its reaper may be slow


def test_the_collector_is_as_it_was_after_a_build(tmp_path: Path) -> None:
    before = gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()
    site_build(plans(tmp_path / "plans", count=1), tmp_path / "site", date(2026, 1, 1),
               pool.Tuning())
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before


def test_workers_are_used_only_for_many_fresh_plan_files() -> None:
    assert pool.workers_for(pool.POOLED - 1, pool.Tuning(workers=8)) == 1
    assert pool.workers_for(100, pool.Tuning(workers=1)) == 1
    assert pool.workers_for(100, pool.Tuning(workers=8)) == 8
    assert pool.workers_for(3, pool.Tuning(workers=8, pooled=1)) == 3


def test_a_rebuild_that_changes_nothing_makes_no_release(tmp_path: Path) -> None:
    """Nothing written, nothing left out: the current release stays (no file linked anew);
    a feed deleted from the site, or one that must go, makes a new one."""
    source, site = plans(tmp_path / "plans", count=2), tmp_path / "site"
    first = site_build(source, site, date(2026, 1, 2), SERIAL).report
    # a day later (no anniversary passed: the pages' script shows the reader's today)
    again = site_build(source, site, date(2026, 1, 3), SERIAL).report
    assert again.written == [] and again.release == first.release
    assert site.resolve().name == first.release
    (source / "plan-0001.yaml").unlink()  # its feeds go: a new release without them
    third = site_build(source, site, date(2026, 1, 4), SERIAL).report
    assert third.release != first.release and third.removed
    assert site.resolve().name == third.release
    assert [p.name for p in site.parent.glob(".site.releases/r*")] == [third.release]


def test_when_a_file_worker_dies_the_rest_is_made_here_after_the_pool_ended(
        tmp_path: Path) -> None:
    """A worker killed (out of memory, say) breaks the pool: the tasks without a result are
    done in this process, only once no worker is left to write beside them."""
    parent = os.getpid()
    marks = tmp_path / "marks"
    marks.mkdir()

    def work(i: int) -> int:
        if os.getpid() != parent and i == 5:
            os._exit(3)  # this worker dies
        (marks / f"{i}-{os.getpid()}").touch()
        return i * i

    found = pool.map_forked(12, work, 2)
    assert found == [i * i for i in range(12)]
    done_here = sorted(int(p.name.split("-")[0]) for p in marks.iterdir()
                       if p.name.endswith(f"-{parent}"))
    assert 5 in done_here and done_here == list(range(done_here[0], 12))


@pytest.mark.parametrize("damage", [
    lambda info: {**info, "size": info["size"] + 1},  # not the bytes' length
    lambda info: {**info, "feeds": [info["feeds"][0], "AQAAAA"]},  # padding
    lambda info: {**info, "feeds": [["all.ics"], "AQAAAA=="]},  # titles for no feed
    lambda info: {**info, "feeds": [info["feeds"][0], "AQAAAA=="]},  # one length, many feeds
    lambda info: {**info, "prints": info["prints"][:-1]},  # not one print per feed
    lambda info: {**info, "spelled": {"units/x.ics": [1]}},
    lambda info: {**info, "spelled": ["ubnd"]},  # not a mapping
    lambda info: {**info, "spelled": [info["spelled"][0], [[1] for _ in info["spelled"][1]]]},
    lambda info: {**info, "spelled": [info["spelled"][0], []]},  # fewer lists than feeds
    lambda info: {**info, "texts": {}},  # not a list of texts
    lambda info: {**info, "texts": info["texts"][:-1]},  # a title's text past the table
    lambda info: {**info, "titles": [info["titles"][0], info["titles"][1][:-8]]},
    lambda info: {k: v for k, v in info.items() if k != "spelled"},  # an older record
    lambda info: {**info, "feeds": {"all.ics": "AQAAAAAAAAA="}}])  # an older shape
def test_a_damaged_part_record_is_made_again_from_its_plan(
        tmp_path: Path, damage: Any) -> None:
    """Records keep their numbers packed (base64 words): whatever a damaged one holds, the
    part is a miss, made again, and the site the same."""
    source, site = plans(tmp_path / "plans", count=1), tmp_path / "site"
    site_build(source, site, date(2026, 1, 2), SERIAL)
    before = files(site)
    db = sqlite3.connect(tmp_path / "site.state" / "site.sqlite")
    name = part_name(source / "plan-0000.yaml")
    (info,) = db.execute("SELECT info FROM parts WHERE name = ?", (name,)).fetchone()
    db.execute("UPDATE parts SET info = ? WHERE name = ?",
               (json.dumps(damage(json.loads(info))), name))
    db.execute("DELETE FROM meta WHERE key = 'quiet'")  # else nothing is even looked at
    db.commit()
    db.close()
    again = site_build(source, site, date(2026, 1, 2), SERIAL)
    assert again.report.written == [] and files(site) == before


@pytest.mark.parametrize("damage", [
    lambda detail: {**detail, "bounds": "not base64!"},
    lambda detail: {**detail, "bounds": detail["bounds"][:-4]},  # not whole words
    lambda detail: {**detail, "keys": detail["keys"] + "\nextra"},  # one key too many
    lambda detail: {**detail, "indexes": "/////w=="},  # past the events, and too few
    lambda detail: {**detail, "days": ["AQAAAA=="]},  # a day the record does not have
    lambda detail: "not json at all"])
def test_a_damaged_part_detail_stops_the_build_once_then_it_is_made_again(
        tmp_path: Path, damage: Any) -> None:
    """A part's detail (its events' bounds, lists and keys) is read only when a build needs
    it, mid-build: a damaged one drops the part from the state and stops that build with a
    message naming the state (exit 2, no traceback); the next build makes the part again,
    and the site is what it was."""
    source, site = plans(tmp_path / "plans", count=2), tmp_path / "site"
    site_build(source, site, date(2026, 1, 2), SERIAL)
    before = files(site)
    state = tmp_path / "site.state" / "site.sqlite"
    db = sqlite3.connect(state)
    name = part_name(source / "plan-0001.yaml")
    (detail,) = db.execute("SELECT detail FROM parts WHERE name = ?", (name,)).fetchone()
    damaged = damage(json.loads(detail))
    db.execute("UPDATE parts SET detail = ? WHERE name = ?",
               (damaged if isinstance(damaged, str) else json.dumps(damaged), name))
    db.execute("DELETE FROM layouts")  # feeds written whole: every share is read
    db.commit()
    db.close()
    (source / "plan-0000.yaml").write_text((source / "plan-0000.yaml").read_text(
        encoding="utf-8").replace("Hoạt động 1 ", "Hoạt động một ", 1), encoding="utf-8")
    with pytest.raises(InputError) as stopped:
        site_build(source, site, date(2026, 1, 3), SERIAL)
    (problem,) = stopped.value.problems
    assert problem.file == str(state) and name in problem.text("vi")
    assert "kyniem build" in problem.text("vi")
    assert files(site) == before  # the site as it was
    site_build(source, site, date(2026, 1, 3), SERIAL)
    assert "Hoạt động một" in (site / "all.ics").read_bytes().decode().replace("\r\n ", "")
    db = sqlite3.connect(state)
    assert db.execute("SELECT count(*) FROM parts WHERE name = ?", (name,)).fetchone() == (1,)
    db.close()


def test_another_holidays_release_makes_every_part_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Deadlines shift off public holidays and reminders ring on working days, from the
    installed ``holidays`` package: a new release of it (new days off) makes every cached
    part again, as a new registry does, instead of keeping the dates of the old one."""
    import scheduler.publish

    source, site = plans(tmp_path / "plans", count=2), tmp_path / "site"
    site_build(source, site, date(2026, 1, 1), SERIAL)

    def keys() -> set[str]:
        db = sqlite3.connect(tmp_path / "site.state" / "site.sqlite")
        try:
            return {str(k) for (k,) in db.execute("SELECT key FROM parts")}
        finally:
            db.close()

    before = keys()
    site_build(source, site, date(2026, 1, 1), SERIAL)
    assert keys() == before
    monkeypatch.setattr(scheduler.publish, "holidays_version", lambda: "9999.1.1")
    site_build(source, site, date(2026, 1, 1), SERIAL)
    assert len(keys()) == len(before) and not keys() & before


def test_an_alarm_a_new_holidays_release_moves_bumps_the_events_sequence(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: a reminder rings on the working day before; when a new ``holidays`` release
    makes that day a day off, the alarm moves while the deadline stays, and the event's
    SEQUENCE and LAST-MODIFIED must move with it (RFC 5545 §3.8.7.4): clients that keep an
    event whose SEQUENCE held would keep the old alarm."""
    import scheduler.publish
    from scheduler import items
    from scheduler.feeds import events
    from scheduler.plans import daysoff

    source = tmp_path / "plans"
    source.mkdir()
    (source / "plan.yaml").write_text(
        "id: bao-cao-thang-5\ntitle: \"Kế hoạch nộp báo cáo\"\n"
        "anniversary: ngay-sinh-ho-chi-minh\nyear: 2026\nissuer: \"UBND phường\"\n"
        "activities:\n  - id: nop-bao-cao\n    title: \"Nộp báo cáo kết quả\"\n"
        "    when: \"ngày 14/5/2026\"\n    kind: deadline\n    reminders: [3]\n"
        "    lead: \"Văn phòng UBND phường\"\n", encoding="utf-8")
    site = tmp_path / "site"

    def event() -> str:
        text = (site / "all.ics").read_bytes().decode().replace("\r\n ", "")
        (found,) = [e for e in text.split("BEGIN:VEVENT")[1:] if "nop-bao-cao@" in e]
        return found

    def fresh_days() -> None:  # as a new process would compute them
        monkeypatch.setattr(daysoff, "_books", {})
        for cached in (events.alarm_day, events._offset, items.rule_days):
            cached.cache_clear()

    compute = daysoff.compute

    def with_a_new_day_off(year: int, rules: daysoff.Rules = daysoff.VIETNAM
                           ) -> daysoff.YearDays:
        found = compute(year, rules)
        if year == 2026:
            found.off[date(2026, 5, 11).toordinal()] = ("Nghỉ bù", "Day off in lieu")
        return found

    try:
        fresh_days()
        site_build(source, site, date(2026, 5, 1), SERIAL)
        first = event()
        # Thursday 14/05/2026, three days before: Monday 11/05, 08:00
        assert "TRIGGER:-P2DT16H" in first and "SEQUENCE:0" in first
        monkeypatch.setattr(daysoff, "compute", with_a_new_day_off)
        monkeypatch.setattr(daysoff, "holidays_version", lambda: "9999.1.1")
        monkeypatch.setattr(scheduler.publish, "holidays_version", lambda: "9999.1.1")
        fresh_days()
        site_build(source, site, date(2026, 5, 2), SERIAL)
        second = event()
        assert "DTSTART;VALUE=DATE:20260514" in second  # the deadline stays
        assert "TRIGGER:-P5DT16H" in second  # Friday 08/05, 08:00
        assert "SEQUENCE:1" in second
        assert (first.split("LAST-MODIFIED:")[1][:16]
                != second.split("LAST-MODIFIED:")[1][:16])
    finally:
        fresh_days()  # later tests compute with the installed release
