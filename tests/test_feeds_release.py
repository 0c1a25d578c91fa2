"""Releases (issue 9): a site is a symlink to a complete release; writes never leave it; the
folder is ours only by a marker naming it; state lives outside; nothing is unpickled."""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import threading
from concurrent.futures import Future
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from planted import Planted

from scheduler.cli import main
from scheduler.feeds import release
from scheduler.feeds.release import MARKER

PLAN = Path(__file__).parent.parent / "data" / "plans" / "phuong-dien-bien-phu-70-2024.yaml"


def build(out: Path, *args: str, now: str = "01/06/2024") -> Result:
    return CliRunner().invoke(main, ["build", "--out", str(out), "--now", now,
                                     "--plans", str(PLAN), "--years", "1", *args])


def sequences(site: Path) -> dict[str, int]:
    text = (site / "all.ics").read_bytes().decode().replace("\r\n ", "")
    return {m[0]: int(m[1]) for m in re.findall(r"UID:(\S+)\r\n.*?SEQUENCE:(\d+)", text, re.S)}


def test_the_site_is_a_symlink_to_one_whole_release(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(site).exit_code == 0
    first = os.readlink(site)
    assert first.startswith(".site.releases/r") and site.is_symlink()
    assert build(site, now="02/06/2024").exit_code == 0
    releases = [p.name for p in (tmp_path / ".site.releases").iterdir()]
    assert sorted(releases) == sorted([MARKER, os.readlink(site).split("/")[1]])
    assert not list(tmp_path.glob(".site.switch-*"))


def test_state_lives_outside_the_published_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(site).exit_code == 0
    published = [p for p in site.rglob("*")]
    assert not any(p.name.startswith(".") or p.suffix in (".pickle", ".sqlite")
                   for p in published)
    assert list((tmp_path / "state").rglob("site.sqlite"))  # KYNIEM_STATE_DIR (conftest)
    own = tmp_path / "own-state"
    assert build(tmp_path / "other", "--state", str(own)).exit_code == 0
    assert (own / "site.sqlite").exists()
    wrong = build(site, "--state", str(own), "--lang", "en")
    assert wrong.exit_code == 2 and "belongs to the site" in wrong.output


def test_a_symlinked_subfolder_is_never_written_through(tmp_path: Path) -> None:
    """Regression (issue 9): with ``site/units`` a symlink to another folder, a rebuild
    wrote feeds there."""
    site = tmp_path / "site"
    assert build(site).exit_code == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    units = site / "units"
    shutil.rmtree(units)  # a release's folder: ours to change in a test
    units.symlink_to(outside, target_is_directory=True)
    assert build(site, now="15/06/2024").exit_code == 0
    assert list(outside.iterdir()) == []
    assert (site / "units").is_dir() and not (site / "units").is_symlink()
    assert any((site / "units").iterdir())


def test_a_folder_in_place_of_a_feed_does_not_stop_the_next_release(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(site).exit_code == 0
    (site / "all.ics").unlink()
    (site / "all.ics").mkdir()
    assert build(site, now="15/06/2024").exit_code == 0
    assert (site / "all.ics").is_file() and b"BEGIN:VCALENDAR" in (site / "all.ics").read_bytes()


def test_an_empty_planted_state_folder_does_not_make_a_folder_ours(tmp_path: Path) -> None:
    """Regression (issue 9): an empty ``.kyniem/`` planted in a non-empty folder let
    ``build`` write there without --force."""
    www = tmp_path / "www"
    (www / ".kyniem").mkdir(parents=True)
    (www / "index.html").write_text("<p>của tôi</p>", encoding="utf-8")
    result = build(www, "--lang", "en")
    assert result.exit_code == 2 and "--force" in result.output
    assert (www / "index.html").read_text(encoding="utf-8") == "<p>của tôi</p>"
    # a marker that names another site does not count either
    other = tmp_path / ".www.releases"
    other.mkdir()
    (other / MARKER).write_text('{"site": "/srv/another"}', encoding="utf-8")
    www2 = tmp_path / "www2"
    (tmp_path / ".www2.releases").symlink_to(other)
    assert build(www2, "--lang", "en").exit_code == 2


def test_force_keeps_what_it_replaces(tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    (www / "index.html").write_text("<p>của tôi</p>", encoding="utf-8")
    result = build(www, "--force", "--json")
    assert result.exit_code == 0, result.output
    (kept,) = tmp_path.glob("www.before-kyniem-*")
    assert json.loads(result.output)["kept"] == str(kept)
    assert (kept / "index.html").read_text(encoding="utf-8") == "<p>của tôi</p>"
    assert (www / "all.ics").exists() and www.is_symlink()
    assert build(www).exit_code == 0  # ours now


def older_site(tmp_path: Path, ledger: bytes | None) -> Path:
    """A site as an older kyniem left it: the files, and ``.kyniem/`` with the manifest of
    them and the pickled ledger ``ledger``."""
    site = tmp_path / "site"
    site.mkdir()
    assert build(tmp_path / "model").exit_code == 0
    for path in (tmp_path / "model").rglob("*"):
        target = site / path.relative_to(tmp_path / "model")
        if path.is_dir():
            target.mkdir(exist_ok=True)
        else:
            target.write_bytes(path.read_bytes())
    published = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    state = site / ".kyniem"
    (state / "parts").mkdir(parents=True)
    (state / "manifest.json").write_text(json.dumps(published), encoding="utf-8")
    if ledger is not None:
        (state / "ledger.pickle").write_bytes(ledger)
    return site


def test_a_site_built_by_an_older_kyniem_moves_over_once(tmp_path: Path) -> None:
    """An old site (state in ``site/.kyniem``, ledger pickled) becomes a release; its ledger
    is read without running anything, and its SEQUENCE numbers go on."""
    model = tmp_path / "first"
    model.mkdir()
    uid = next(iter(sequences(older_site(model, None))))
    entries = {uid: ["old-digest", 7, "2024-05-01T00:00:00+00:00"]}
    site = older_site(tmp_path, pickle.dumps({"version": 1, "events": entries}))
    marker = tmp_path / "pwned"
    (site / ".kyniem" / "parts" / "x.pickle").write_bytes(pickle.dumps(Planted(marker)))
    assert build(site, now="15/06/2024").exit_code == 0
    assert site.is_symlink() and not (site / ".kyniem").exists()
    assert sequences(site)[uid] == 8  # the old ledger's 7, and the content moved
    assert not marker.exists()


def test_an_older_site_whose_ledger_cannot_be_read_goes_on_from_its_feeds(
        tmp_path: Path) -> None:
    site = older_site(tmp_path, pickle.dumps(Planted(tmp_path / "pwned")))
    before = sequences(site)
    assert build(site, now="15/06/2024").exit_code == 0
    after = sequences(site)
    assert all(after[uid] > before[uid] for uid in before)
    assert not (tmp_path / "pwned").exists()


def test_a_planted_pickle_in_any_state_location_runs_nothing(tmp_path: Path) -> None:
    """Regression (issue 9): ``.kyniem/ledger.pickle`` and ``.kyniem/parts/*.pickle`` were
    unpickled on the next build."""
    site = tmp_path / "site"
    site.mkdir()
    marker = tmp_path / "pwned"
    state = site / ".kyniem"
    (state / "parts").mkdir(parents=True)
    for path in (state / "ledger.pickle", state / "parts" / "registry.pickle",
                 state / "manifest.json"):
        path.write_bytes(pickle.dumps(Planted(marker)))
    result = build(site, "--force")
    assert result.exit_code == 0, result.output
    assert not marker.exists()
    # the new state: a database planted with a pickle is moved aside, never loaded
    (database,) = (tmp_path / "state").rglob("site.sqlite")
    database.write_bytes(pickle.dumps(Planted(marker)))
    before = sequences(site)
    result = build(site, now="02/06/2024")
    assert result.exit_code == 0, result.output
    assert not marker.exists()
    assert list(database.parent.glob("site.sqlite.damaged-*"))
    after = sequences(site)
    assert after.keys() == before.keys()
    assert all(after[uid] > before[uid] for uid in before)  # from the published floors


def test_lost_state_never_sends_sequence_back(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(site).exit_code == 0
    for state in (tmp_path / "state").rglob("site.sqlite*"):
        state.unlink()
    before = sequences(site)
    assert build(site, now="03/06/2024").exit_code == 0
    after = sequences(site)
    assert all(after[uid] >= before[uid] for uid in before)


def test_writes_stay_inside_the_release(tmp_path: Path) -> None:
    site = release.resolve(str(tmp_path / "site"))
    release.claim(site)
    out = release.Release(site, None)
    try:
        out.write("plans/a.ics", b"x")
        for bad in ("../escape.ics", "/etc/x", "/x", "/plans/x", "plans/../../x", "a/./b",
                    ".hidden"):
            with pytest.raises(ValueError):
                out.write(bad, b"x")
        with pytest.raises(FileExistsError):
            out.write("plans/a.ics", b"y")  # O_EXCL: never over something there
    finally:
        out.discard()
    assert not (tmp_path / "escape.ics").exists()


@pytest.mark.parametrize(("pieces", "kept"), [
    ([b"BEGIN:", b"VCALENDAR", b"\r\n"], True),  # the same bytes, cut otherwise
    ([b"BEGIN:", b"VCALENDAR"], False),  # a prefix of them
    ([b"BEGIN:", b"VCALENDAR", b"\r\nX"], False),  # more
    ([b"BEGIN:", b"VCALENDAx", b"\r\n"], False)])
def test_a_streamed_file_with_the_previous_bytes_is_the_previous_file(
        tmp_path: Path, pieces: list[bytes], kept: bool) -> None:
    """Big feeds are written piece by piece (never whole in memory); a file that comes out
    the same is the old file, linked: its inode (and HTTP validators) stay."""
    old = tmp_path / "old"
    (old / "units").mkdir(parents=True)
    (old / "units" / "a.ics").write_bytes(b"BEGIN:VCALENDAR\r\n")
    new = release.Release(release.SiteDir(tmp_path / "site"), old)
    os.mkdir(tmp_path / ".site.releases")
    try:
        assert new.stream("units/a.ics", iter(pieces)) == (sum(map(len, pieces)), kept)
    finally:
        new.close()
    made = new.path / "units" / "a.ics"
    assert made.read_bytes() == b"".join(pieces)
    assert (made.stat().st_ino == (old / "units" / "a.ics").stat().st_ino) is kept


def test_the_floors_are_read_from_folded_and_parameterised_lines(tmp_path: Path) -> None:
    """The lost-state scan (:func:`release.floors`) finds each event's SEQUENCE wherever the
    feed folds a long UID, gives RECURRENCE-ID a parameter or a text a word like "UID:";
    the highest SEQUENCE of a UID in any feed wins, and an override is an event of its own."""
    uid = "plan/" + "ke-hoach-tuyen-truyen-" * 4 + "/bao-cao@kyniem"
    folded = f"UID:{uid}".encode()
    folded = folded[:75] + b"\r\n " + folded[75:]
    feed = b"\r\n".join([
        b"BEGIN:VCALENDAR", b"VERSION:2.0",
        b"BEGIN:VEVENT", folded, b"SEQUENCE:3",
        b"DESCRIPTION:UID:fake@kyniem\\nSEQUENCE:99", b"BEGIN:VALARM", b"END:VALARM",
        b"END:VEVENT",
        b"BEGIN:VEVENT", folded, b"RECURRENCE-ID;VALUE=DATE:20240519", b"SEQUENCE;X-A=1:7",
        b"END:VEVENT",
        b"BEGIN:VEVENT", b"SEQUENCE:50", b"END:VEVENT",  # no UID: no event
        b"BEGIN:VEVENT", b"UID:other@kyniem", b"END:VEVENT",  # no SEQUENCE: 0, not 50
        b"END:VCALENDAR", b""])
    (tmp_path / "units").mkdir()
    (tmp_path / "all.ics").write_bytes(feed)
    (tmp_path / "units" / "a.ics").write_bytes(feed.replace(b"SEQUENCE:3", b"SEQUENCE:5"))
    assert release.floors(tmp_path) == {uid: 5, f"{uid}#2024-05-19": 7, "other@kyniem": 0}


SEGMENTS = [("head", b"BEGIN:VCALENDAR\r\n"), ("a", b"A" * 5000), ("b", b"B" * 7000),
            ("end", b"END:VCALENDAR\r\n")]


def _assembled(tmp_path: Path, name: str, previous: Path | None,
               segments: list[tuple[str, bytes]], layout: release.Layout | None,
               later: bool) -> tuple[release.Release, tuple[int, bool, object]]:
    site = release.SiteDir(tmp_path / name)
    os.makedirs(site.releases, exist_ok=True)
    out = release.Release(site, previous)
    made = out.assemble("all.ics", [(sid, lambda data=data: data) for sid, data in segments],
                        layout, later)
    return out, made


@pytest.mark.parametrize("later", [False, True])
def test_a_file_mostly_copied_is_the_same_filled_on_a_thread_or_not(
        tmp_path: Path, later: bool) -> None:
    """Issue 11: all.ics's unchanged shares are copied from the previous file by a thread
    while the build goes on; the file and its layout are what the build writes inline."""
    first, (_, _, layout) = _assembled(tmp_path, "one", None, SEGMENTS, None, False)
    first.close()
    assert isinstance(layout, release.Layout)
    changed = [*SEGMENTS[:2], ("b2", b"b" * 6000), SEGMENTS[3]]
    out, (size, kept, found) = _assembled(tmp_path, "two", first.path, changed, layout, later)
    assert (size, kept) == (sum(len(d) for _, d in changed), False)
    assert isinstance(found, Future) is later
    out.settle()
    written = found.result() if isinstance(found, Future) else found
    out.close()
    path = out.path / "all.ics"
    assert path.read_bytes() == b"".join(d for _, d in changed)
    assert written == release.Layout([(sid, len(d)) for sid, d in changed],
                                     release._identity(path.stat()))


def test_an_error_while_filling_on_a_thread_stops_the_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, (_, _, layout) = _assembled(tmp_path, "one", None, SEGMENTS, None, False)
    first.close()
    assert isinstance(layout, release.Layout)

    def failing(*args: object) -> None:
        raise OSError(5, "the disk failed")

    monkeypatch.setattr(release, "_copy", failing)
    changed = [*SEGMENTS[:2], ("b2", b"b" * 6000), SEGMENTS[3]]
    out, (_, _, found) = _assembled(tmp_path, "two", first.path, changed, layout, True)
    assert isinstance(found, Future)
    with pytest.raises(OSError, match="the disk failed"):
        out.settle()
    out.discard()
    assert not out.path.exists()


@pytest.mark.parametrize("later", [False, True])
def test_a_segment_that_fails_leaves_no_descriptor_open(tmp_path: Path, later: bool) -> None:
    """Regression: a file filled from segments kept the new file and the previous one open
    when making a new segment failed (the build then stops; a long-lived process leaked)."""
    first, (_, _, layout) = _assembled(tmp_path, "one", None, SEGMENTS, None, False)
    first.close()
    assert isinstance(layout, release.Layout)
    site = release.SiteDir(tmp_path / "two")
    os.makedirs(site.releases)
    opened = sorted(os.listdir("/proc/self/fd"))
    out = release.Release(site, first.path)

    def failing() -> bytes:
        raise ValueError("a part that does not read back")

    segments = [(sid, lambda data=data: data) for sid, data in SEGMENTS[:2]]
    with pytest.raises(ValueError, match="does not read back"):
        out.assemble("all.ics", [*segments, ("b2", failing)], layout, later)
    out.discard()  # closes the release's folders, not files it never knew
    assert sorted(os.listdir("/proc/self/fd")) == opened


def test_few_files_are_filled_on_threads_at_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Review: every file waiting for its thread holds two descriptors and its new bytes; a
    rebuild where every feed changed (a registry edit) on a slow disk ran out of
    descriptors. Beyond LATER_FILES pending, a file is written here."""
    first = release.Release(release.SiteDir(tmp_path / "one"), None)
    os.makedirs(first.path.parent)
    layouts = {}
    for name in ("a", "b", "c", "d"):
        made = first.assemble(f"{name}.ics", [(sid, lambda data=data: data)
                                               for sid, data in SEGMENTS], None)
        layouts[name] = made[2]
    first.close()
    real = release._copy
    gate = threading.Event()  # the threads' copies wait for it: a slow disk

    def slow(*args: int) -> None:
        if threading.current_thread() is not threading.main_thread():
            assert gate.wait(10)
        real(*args)

    monkeypatch.setattr(release, "_copy", slow)
    site = release.SiteDir(tmp_path / "two")
    os.makedirs(site.releases)
    out = release.Release(site, first.path)
    changed = [*SEGMENTS[:2], ("b2", b"b" * 6000), SEGMENTS[3]]
    found = [out.assemble(f"{name}.ics", [(sid, lambda data=data: data)
                                           for sid, data in changed], layouts[name], True)[2]
             for name in ("a", "b", "c", "d")]
    assert [isinstance(f, Future) for f in found] == [True] * release.LATER_FILES + [False] * (
        4 - release.LATER_FILES)
    gate.set()
    out.close()
    for name in ("a", "b", "c", "d"):
        assert (out.path / f"{name}.ics").read_bytes() == b"".join(d for _, d in changed)
