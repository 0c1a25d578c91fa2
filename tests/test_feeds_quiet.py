"""A rebuild that cannot change anything answers from the state (feeds/quiet.py) and says
what a full build would say; anything that could change the site makes a full build."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_feeds_build_cost import SERIAL, plans, site_build

from scheduler.feeds import quiet
from scheduler.feeds.state import SiteState
from scheduler.plans.load import bundled_plans_dir


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The parts a build looks up in the state (a quiet rebuild looks up none)."""
    asked: list[str] = []
    part = SiteState.part

    def counting(self: SiteState, name: str, *args: Any) -> Any:
        asked.append(name)
        return part(self, name, *args)

    monkeypatch.setattr(SiteState, "part", counting)
    return asked


def report(view: Any) -> tuple[object, ...]:
    r = view.report
    return (sorted(r.written + r.unchanged), r.sizes, r.counts, r.pages, r.events, r.release,
            r.moved)


def test_a_quiet_rebuild_reads_no_part_and_reports_as_a_full_one(
        tmp_path: Path, counted: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    source, site = plans(tmp_path / "plans", count=2), tmp_path / "site"
    site_build(source, site, date(2026, 1, 2), SERIAL)
    counted.clear()
    fast = site_build(source, site, date(2026, 1, 3), SERIAL)
    assert counted == [] and fast.report.written == []
    monkeypatch.setattr(quiet, "read", lambda text: None)  # the same build, the long way
    full = site_build(source, site, date(2026, 1, 3), SERIAL)
    assert counted and full.report.written == []
    assert report(fast) == report(full)


def test_what_could_change_the_site_makes_a_full_build(tmp_path: Path,
                                                        counted: list[str]) -> None:
    source, site = plans(tmp_path / "plans", count=2), tmp_path / "site"
    first = site_build(source, site, date(2026, 1, 2), SERIAL)
    record = quiet.read(SiteState.open(site.parent / "site.state").meta("quiet"))
    assert record is not None and record.until == "2026-01-06"  # Ngày 6/1 (1946) is next

    def rebuilt(day: date) -> list[str]:
        counted.clear()
        view = site_build(source, site, day, SERIAL)
        assert counted, "a full build reads the parts"
        return view.report.written

    # an anniversary day passed: the index shows the next one
    assert rebuilt(date(2026, 1, 7)) == ["index.html"]
    # a file taken out of the site is written again
    os.unlink(site.resolve() / "milestones.ics")
    assert rebuilt(date(2026, 1, 7)) == ["milestones.ics"]
    # a plan file edited
    plan = source / "plan-0001.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("Hoạt động 1 ", "Hoạt động I ", 1), encoding="utf-8")
    assert "all.ics" in rebuilt(date(2026, 1, 7))
    # a plan file renamed
    shutil.copy(bundled_plans_dir() / "phuong-dien-bien-phu-70-2024.yaml", source / "x.yaml")
    (source / "phuong-dien-bien-phu-70-2024.yaml").unlink()
    assert "feeds.json" in rebuilt(date(2026, 1, 7))  # the plans' order moved
    assert first.report.release != ""


def test_a_grace_period_ending_makes_a_full_build(tmp_path: Path, counted: list[str]) -> None:
    source, site = plans(tmp_path / "plans", count=2), tmp_path / "site"
    site_build(source, site, date(2026, 1, 2), SERIAL)
    (source / "plan-0001.yaml").unlink()  # its events are cancelled for 30 days
    site_build(source, site, date(2026, 1, 3), SERIAL)
    record = quiet.read(SiteState.open(site.parent / "site.state").meta("quiet"))
    assert record is not None and record.expires is not None
    assert record.expires == "2026-02-01T17:00:00+00:00"  # 03/01 00:00 in Hà Nội + 30 days
    counted.clear()
    site_build(source, site, date(2026, 1, 4), SERIAL)
    assert counted == []
    later = site_build(source, site, date(2026, 2, 3), SERIAL)
    assert counted and later.report.written  # the tombstones are gone from the feeds


def test_a_damaged_record_is_no_record() -> None:
    assert quiet.read(None) is None
    assert quiet.read("{") is None
    assert quiet.read('{"key": 1}') is None
    good = quiet.Quiet("k", "r", "2026-01-01T00:00:00+00:00", None, None, {"": [1, 2]},
                       {"all.ics": 3}, 3, [], [])
    assert quiet.read(good.text()) == good


def test_a_clock_set_back_makes_a_full_build(tmp_path: Path, counted: list[str]) -> None:
    """Regression: built on 07/01, then with --now 02/01 (or a corrected clock), the index
    must show 06/01 as the next day again."""
    source, site = plans(tmp_path / "plans", count=1), tmp_path / "site"
    site_build(source, site, date(2026, 1, 7), SERIAL)
    counted.clear()
    back = site_build(source, site, date(2026, 1, 2), SERIAL)
    assert counted and back.report.written == ["index.html"]


def test_grace_periods_that_ended_do_not_stop_quiet_rebuilds(tmp_path: Path,
                                                             counted: list[str]) -> None:
    """Regression: a gone unit stays in the book after its grace period; only periods still
    running may end the quiet path."""
    source, site = plans(tmp_path / "plans", count=2), tmp_path / "site"
    site_build(source, site, date(2026, 1, 2), SERIAL)
    (source / "plan-0001.yaml").unlink()  # its units go
    site_build(source, site, date(2026, 1, 3), SERIAL)
    site_build(source, site, date(2026, 2, 10), SERIAL)  # every grace period ended
    record = quiet.read(SiteState.open(site.parent / "site.state").meta("quiet"))
    assert record is not None and record.expires is None
    counted.clear()
    site_build(source, site, date(2026, 2, 11), SERIAL)
    assert counted == []


def test_new_code_makes_a_full_build(tmp_path: Path, counted: list[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: wording changed in an upgrade (the version number did not) is published."""
    source, site = plans(tmp_path / "plans", count=1), tmp_path / "site"
    site_build(source, site, date(2026, 1, 2), SERIAL)
    monkeypatch.setattr(quiet, "code_version", lambda: "another version")
    counted.clear()
    site_build(source, site, date(2026, 1, 2), SERIAL)
    assert counted
