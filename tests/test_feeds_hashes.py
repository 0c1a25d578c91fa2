"""Plan files' digests kept with their stat (scheduler/feeds/hashes.py): a file is read again
exactly when it may have changed, and the state keeps one row per plan file."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.feeds import hashes as hashes_module
from scheduler.feeds.hashes import RACY_NS, Hashes, file_digest
from scheduler.plans.load import bundled_plans_dir


def later() -> int:
    """A clock well past the racy window of files written now."""
    return time.time_ns() + 10 * RACY_NS


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The bytes hashed (hashes.file_digest, spied on): a file's bytes are read only to be
    hashed."""
    found: list[bytes] = []
    real = hashes_module.file_digest

    def spy(data: bytes) -> str:
        found.append(data)
        return real(data)

    monkeypatch.setattr(hashes_module, "file_digest", spy)
    return found


def test_an_unchanged_file_is_not_read_again(tmp_path: Path, reads: list[bytes]) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text("tiêu đề: một\n", encoding="utf-8")
    first = Hashes({}, later)
    key = first.key(plan)
    assert reads == [plan.read_bytes()]
    assert key == (str(plan), plan.stat().st_size, first.fresh[str(plan)][1])
    again = Hashes(dict(first.fresh), later)
    assert again.key(plan) == key
    assert len(reads) == 1  # from the stored digest
    assert again.fresh == {}


def test_an_edit_restored_to_its_size_and_mtime_is_seen(tmp_path: Path) -> None:
    """ctime moves with every write and cannot be set back (os.utime sets only a and m)."""
    plan = tmp_path / "p.yaml"
    plan.write_text("tiêu đề: mot\n", encoding="utf-8")
    first = Hashes({}, later)
    before = first.key(plan)
    info = plan.stat()
    time.sleep(0.01)  # a tick of the file system's clock
    plan.write_text("tiêu đề: hai\n", encoding="utf-8")  # as many bytes
    os.utime(plan, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert plan.stat().st_size == info.st_size and plan.stat().st_mtime_ns == info.st_mtime_ns
    after = Hashes(dict(first.fresh), later).key(plan)
    assert after[2] == file_digest(plan.read_bytes()) != before[2]


def test_a_file_changed_just_now_is_not_recorded(tmp_path: Path, reads: list[bytes]) -> None:
    """Racy git: another edit in the same timestamp tick would keep the stat."""
    plan = tmp_path / "p.yaml"
    plan.write_text("tiêu đề: một\n", encoding="utf-8")
    now = Hashes({}, time.time_ns)
    key = now.key(plan)
    assert now.fresh == {}
    assert Hashes(dict(now.fresh), later).key(plan) == key
    assert reads == [plan.read_bytes()] * 2  # hashed again, then recorded


def test_a_missing_file_is_left_to_the_loader(tmp_path: Path) -> None:
    hashes = Hashes({}, later)
    assert hashes.key(tmp_path / "gone.yaml") == (str(tmp_path / "gone.yaml"), None)
    assert hashes.fresh == {}


def test_stale_paths_are_those_no_plan_asked_for(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text("x\n", encoding="utf-8")
    hashes = Hashes({str(plan): ("0:0:0:0:0", "0" * 32), "/gone.yaml": ("1:1:1:1:1", "1" * 32)},
                    later)
    hashes.key(plan)
    assert hashes.stale() == ["/gone.yaml"]


def build(out: Path, plans: Path, state: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--out", str(out), "--plans", str(plans),
                                       "--state", str(state), "--now", "01/06/2024"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output


def stored(state: Path) -> dict[str, str]:
    with sqlite3.connect(state / "site.sqlite") as db:
        return dict(db.execute("SELECT path, digest FROM hashes").fetchall())


def test_the_site_state_keeps_one_digest_per_plan_file(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hashes_module, "RACY_NS", 300_000_000)  # a shorter wait
    plans = tmp_path / "plans"
    shutil.copytree(bundled_plans_dir(), plans)
    old = time.time() - 3600  # files an hour old: nothing racy
    for path in plans.iterdir():
        os.utime(path, (old, old))
    time.sleep(0.4)  # their ctime, which utime cannot set back, leaves the window
    build(tmp_path / "site", plans, tmp_path / "state")
    found = stored(tmp_path / "state")
    files = sorted(plans.glob("*.yaml"))
    assert sorted(found) == [str(p) for p in files]
    assert all(found[str(p)] == file_digest(p.read_bytes()) for p in files)
    files[0].unlink()  # its row goes with it; the edit of another is built
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(text.replace("title:", "title: ", 1), encoding="utf-8")
    build(tmp_path / "site", plans, tmp_path / "state")
    after = stored(tmp_path / "state")
    assert str(files[0]) not in after
    # changed just now: not recorded (racy), or recorded with its new bytes' digest
    edited = file_digest(files[1].read_bytes())
    assert after.pop(str(files[1]), edited) == edited != found[str(files[1])]
    assert after == {str(p): found[str(p)] for p in files[2:]}


def test_a_link_retargeted_between_stat_and_read_pairs_one_files_stat_and_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression (review): the stat and the bytes came from two lookups of the path, so a
    plan link retargeted in between (a deploy swapping versions) stored one file's stat
    with the other's digest, trusted again once the link pointed back."""
    one, two = tmp_path / "v1.yaml", tmp_path / "v2.yaml"
    one.write_text("tiêu đề: một\n", encoding="utf-8")
    two.write_text("tiêu đề: hai, dài hơn\n", encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.symlink_to(one)

    def swapping(real: Callable[..., os.stat_result]) -> Callable[..., os.stat_result]:
        def call(*args: Any, **kwargs: Any) -> os.stat_result:
            found = real(*args, **kwargs)
            plan.unlink()
            plan.symlink_to(two)
            return found
        return call

    monkeypatch.setattr(hashes_module.os, "stat", swapping(os.stat))
    monkeypatch.setattr(hashes_module.os, "fstat", swapping(os.fstat))
    hashes = Hashes({}, later)
    key = hashes.key(plan)
    monkeypatch.undo()
    assert key == (str(plan), one.stat().st_size, file_digest(one.read_bytes()))
    (seen, digest) = hashes.fresh[str(plan)]
    assert seen.split(":")[1] == str(one.stat().st_ino) and digest == key[2]
