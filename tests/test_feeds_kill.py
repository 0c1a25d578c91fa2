"""``kyniem build`` killed at random moments (issue 9): the site is always one whole release,
SEQUENCE never goes back, and the next build leaves no staging behind.

``run_kills`` is shared with ``bench/kill_build.py``, the long variant (hundreds of kills).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.feeds import release
from scheduler.feeds.state import SiteState

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "data" / "plans"
EDITED = "quan-dbp-tren-khong-50-2022.yaml"
TITLE = 'title: "Sửa chữa, nâng cấp'


@dataclass
class Published:
    """What subscribers have been shown: per event, the highest SEQUENCE and LAST-MODIFIED."""

    sequence: dict[str, int] = field(default_factory=dict)
    modified: dict[str, str] = field(default_factory=dict)
    checks: int = 0

    def see(self, site: Path, when: str) -> None:
        """The site as it stands must be whole, and no event may go back."""
        folder = site.resolve()
        listed = json.loads((folder / "feeds.json").read_text(encoding="utf-8"))
        missing = [f["path"] for f in listed if not (folder / f["path"]).is_file()]
        assert not missing and (folder / "index.html").is_file(), (when, missing)
        for key, (sequence, modified) in stamps((folder / "all.ics").read_bytes()).items():
            assert sequence >= self.sequence.get(key, 0), (when, key, sequence)
            assert modified >= self.modified.get(key, ""), (when, key, modified)
            self.sequence[key], self.modified[key] = sequence, modified
        self.checks += 1


def stamps(data: bytes) -> dict[str, tuple[int, str]]:
    text = data.decode().replace("\r\n ", "")
    found = {}
    for block in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", text, re.S):
        fields = dict(re.findall(r"^([A-Z-]+)[^:\r\n]*:(.*?)\r$", block, re.M))
        key = fields["UID"] + ("#" + fields["RECURRENCE-ID"] if "RECURRENCE-ID" in fields
                               else "")
        found[key] = (int(fields["SEQUENCE"]), fields["LAST-MODIFIED"])
    return found


def leftovers(site: Path) -> list[str]:
    releases = site.parent / f".{site.name}.releases"
    current = os.readlink(site).split("/")[-1]
    extra = [p.name for p in releases.iterdir() if p.name not in (current, release.MARKER)]
    return extra + [p.name for p in site.parent.glob(f".{site.name}.switch-*")]


def run_kills(folder: Path, kills: int, seed: int) -> Published:
    """Build, then ``kills`` times: edit a plan (its title cycles through three versions, so
    an event's content comes back to one it had), start a build, kill it (SIGKILL) at a
    random moment of its second half (the first is Python starting and reading plans),
    check the site; then build to the end — half of the time after undoing the edit, as a
    user does when a build failed — and check the site and that no staging is left."""
    rng = random.Random(seed)
    plans = folder / "plans"
    shutil.copytree(PLANS, plans)
    original = (plans / EDITED).read_text(encoding="utf-8")
    assert TITLE in original
    site = folder / "site"
    env = {**os.environ, "KYNIEM_STATE_DIR": str(folder / "state"),
           "KYNIEM_CACHE_DIR": str(folder / "cache"), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "scheduler", "build", "--out", str(site), "--plans",
               str(plans), "--years", "1"]
    day = date(2024, 6, 1)

    def build(killed_after: float | None = None) -> None:
        nonlocal day
        day += timedelta(days=1)
        args = [*command, "--now", day.strftime("%d/%m/%Y")]
        if killed_after is None:
            subprocess.run(args, env=env, check=True, capture_output=True)
            return
        process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(killed_after)
        process.kill()
        process.wait()

    started = time.perf_counter()
    build()
    length = time.perf_counter() - started
    seen = Published()
    seen.see(site, "first build")
    def version(i: int) -> str:
        return original.replace(TITLE, f'{TITLE} (bản {i % 3})', 1) if i % 3 else original

    for i in range(kills):
        (plans / EDITED).write_text(version(i), encoding="utf-8")
        build(killed_after=rng.uniform(length * 0.5, length * 1.1))
        seen.see(site, f"kill {i}")
        if rng.random() < 0.5:
            (plans / EDITED).write_text(version(i - 1), encoding="utf-8")
        build()
        seen.see(site, f"recovery {i}")
        assert leftovers(site) == [], (i, leftovers(site))
    return seen


def test_builds_killed_at_random_moments_never_publish_a_lower_sequence(
        tmp_path: Path) -> None:
    kills = int(os.environ.get("KYNIEM_KILLS", "30"))
    seen = run_kills(tmp_path, kills, seed=9)
    assert seen.checks == 2 * kills + 1
    assert max(seen.sequence.values()) >= 2  # the edits did move SEQUENCE


# -- the two narrow windows, hit on purpose -----------------------------------------------------

PLAN = PLANS / "phuong-dien-bien-phu-70-2024.yaml"


def cli_build(site: Path, plans: Path, now: str) -> None:
    result = CliRunner().invoke(main, ["build", "--out", str(site), "--plans", str(plans),
                                       "--now", now, "--years", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("dies_in", ["commit", "switch"])
def test_a_build_dying_around_its_commit_leaves_one_whole_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dies_in: str) -> None:
    """Killed just before the state commit: the old site and the old ledger stay. Killed
    between the commit and the switch: the next build finishes the switch (roll forward)."""
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(PLAN, plans)
    site = tmp_path / "site"
    cli_build(site, plans, "01/06/2024")
    seen = Published()
    seen.see(site, "first")
    text = (plans / PLAN.name).read_text(encoding="utf-8")
    (plans / PLAN.name).write_text(text.replace("title: \"", "title: \"Sửa: ", 1),
                                   encoding="utf-8")

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # like SIGKILL: nothing after this point runs

    target = (SiteState, "commit") if dies_in == "commit" else (release, "switch")
    with monkeypatch.context() as patch:
        patch.setattr(*target, killed)
        result = CliRunner().invoke(main, ["build", "--out", str(site), "--plans",
                                           str(plans), "--now", "02/06/2024", "--years", "1"])
        assert result.exit_code == 1  # click's Abort on KeyboardInterrupt
    seen.see(site, "after the kill")
    cli_build(site, plans, "03/06/2024")
    seen.see(site, "recovered")
    assert leftovers(site) == []
    assert max(seen.sequence.values()) == 1


def test_roll_forward_uses_the_committed_release(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(PLAN, plans)
    cli_build(site, plans, "01/06/2024")
    first = os.readlink(site)
    with monkeypatch.context() as patch:
        patch.setattr(release, "switch", lambda *a, **k: None)  # "killed" before switching
        patch.setattr(release, "clean", lambda *a, **k: None)
        cli_build(site, plans, "02/06/2024")
    assert os.readlink(site) == first  # not switched yet
    (state,) = (tmp_path / "state").rglob("site.sqlite")
    committed = SiteState.open(state.parent)
    name = committed.meta("release")
    committed.close()
    assert name and name != first.split("/")[-1]
    release.recover(release.resolve(str(site)), name)
    assert os.readlink(site).endswith(name)
    assert leftovers(site) == []
