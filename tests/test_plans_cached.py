"""The loaded-plans cache (scheduler/plans/cached.py): the reader's plans, fresh or not at all."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from datetime import date
from pathlib import Path

import pytest
from planted import Planted

from scheduler.commands import Settings
from scheduler.plans import cached
from scheduler.plans import load as load_module
from scheduler.plans.codec import encode_plan
from scheduler.plans.model import Plan
from scheduler.registry import InputError
from scheduler.registry.load import load_registry
from scheduler.registry.sources import Registry

ROOT = Path(__file__).parent.parent
PLANS = Path(__file__).parent / "fixtures" / "plans"
GOOD = [PLANS / "format2_plan.yaml", PLANS / "holiday_deadlines.yaml", PLANS / "minimal.yaml",
        *sorted((ROOT / "data" / "plans").glob("*.yaml"))]
OWN = (PLANS / "own_anniversary.yaml").read_text(encoding="utf-8").replace(
    '    start: "01/08/2025"\n', "")  # the fixture's one problem taken out


def no_reader(paths: object, registry: object) -> tuple[Plan, ...]:
    raise AssertionError("the plan reader ran although the cache was fresh")


@pytest.fixture
def registry() -> Registry:
    return Settings().registry()


def same(got: tuple[Plan, ...], want: tuple[Plan, ...]) -> None:
    """Equal plans, and equal where equality does not look (locations)."""
    assert got == want
    for mine, theirs in zip(got, want, strict=True):
        assert mine.location == theirs.location
        assert [a.location for a in mine.activities] == [a.location for a in theirs.activities]


def test_cached_plans_equal_the_readers(tmp_path: Path, registry: Registry,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "own.yaml"
    own.write_text(OWN, encoding="utf-8")
    paths = [*GOOD, own]
    want = load_module.load_plans(paths, registry)
    same(cached.load_plans(paths, registry, tmp_path / "c"), want)
    assert len(list((tmp_path / "c").glob("plans-*.json"))) == len(paths)
    monkeypatch.setattr(load_module, "load_plans", no_reader)
    warm = cached.load_plans(paths, registry, tmp_path / "c")
    same(warm, want)
    # the registry's own entries come back, the plan's own anniversary is rebuilt
    assert warm[0].anniversary is registry.get(warm[0].anniversary.id)
    assert warm[-1].anniversary.scope == "plan" and registry.get(warm[-1].anniversary.id) is None


def test_an_edit_is_read_again(tmp_path: Path, registry: Registry) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text((PLANS / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    before = cached.load_plans([plan], registry, tmp_path / "c")
    stat = plan.stat()
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace(before[0].title, before[0].title[::-1]), encoding="utf-8")
    os.utime(plan, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time
    assert cached.load_plans([plan], registry, tmp_path / "c")[0].title == before[0].title[::-1]


def test_a_registry_edit_is_read_again(tmp_path: Path) -> None:
    """The plan's anniversary day moves when the registry's does, and the windows with it."""
    mine = tmp_path / "registry.yaml"
    shutil.copy(Path(__file__).parent / "fixtures" / "registry" / "mini.yaml", mine)
    plan = tmp_path / "plan.yaml"
    plan.write_text((PLANS / "minimal.yaml").read_text(encoding="utf-8").replace(
        "chien-thang-dien-bien-phu", "test-dbp").replace("combined_with: [hiep-dinh-gio-ne-vo]\n",
                                                         ""), encoding="utf-8")
    before = cached.load_plans([plan], load_registry([str(mine)]), tmp_path / "c")
    assert before[0].anniversary_day == date(2024, 5, 7)
    mine.write_text(mine.read_text(encoding="utf-8").replace('"07/05/1954"', '"08/05/1954"'),
                    encoding="utf-8")
    edited = load_registry([str(mine)])
    after = cached.load_plans([plan], edited, tmp_path / "c")
    assert after[0].anniversary_day == date(2024, 5, 8)
    assert after == load_module.load_plans([plan], edited) != before


def test_new_code_reads_again(tmp_path: Path, registry: Registry,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    cached.load_plans(GOOD[:1], registry, tmp_path)
    [file] = tmp_path.glob("plans-*.json")
    stored = json.loads(file.read_bytes())
    assert stored["key"][-1] == cached.code_key()
    stored["plans"][0][1] = "a title from older code"
    stored["key"][-1][0] = "0.0.1"
    file.write_text(json.dumps(stored), encoding="utf-8")
    assert cached.load_plans(GOOD[:1], registry, tmp_path)[0].title != "a title from older code"


@pytest.mark.parametrize("damage", ["not json", "wrong type", "window backwards", "pickle"])
def test_a_damaged_file_is_read_again_not_trusted(damage: str, tmp_path: Path,
                                                  registry: Registry,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    want = cached.load_plans(GOOD[:1], registry, tmp_path)
    [file] = tmp_path.glob("plans-*.json")
    stored = json.loads(file.read_bytes())
    window = stored["plans"][0][5][0][3]  # the first activity's window
    if damage == "not json":
        file.write_bytes(b"{not json")
    elif damage == "pickle":
        file.write_bytes(pickle.dumps(Planted(tmp_path / "ran")))
    else:
        if damage == "wrong type":
            stored["plans"][0][3] = "2024"  # the year
        else:
            window[1], window[2] = 800000, 700000  # ends before it starts
        file.write_text(json.dumps(stored), encoding="utf-8")
    same(cached.load_plans(GOOD[:1], registry, tmp_path), want)
    assert "plans-" in capsys.readouterr().err
    assert not (tmp_path / "ran").exists()
    assert json.loads(file.read_bytes()) == json.loads(json.dumps(
        {"key": cached._file_key(GOOD[0]), "plans": [encode_plan(want[0], registry)]}))


def test_problems_come_from_the_reader_every_time(tmp_path: Path, registry: Registry) -> None:
    bad = [PLANS / "minimal.yaml", PLANS / "bad_phrase.yaml", PLANS / "ordinal_mismatch.yaml"]
    with pytest.raises(InputError) as first:
        cached.load_plans(bad, registry, tmp_path)
    with pytest.raises(InputError) as again:
        cached.load_plans(bad, registry, tmp_path)
    assert len(again.value.problems) == len(first.value.problems) == 4
    assert {p.file for p in again.value.problems} == {str(p) for p in bad[1:]}


def test_an_id_used_twice_across_cached_files(tmp_path: Path, registry: Registry) -> None:
    bundled = sorted((ROOT / "data" / "plans").glob("*.yaml"))[:1]
    copy = sorted((PLANS / "format1").glob(bundled[0].name))
    cached.load_plans(bundled, registry, tmp_path)
    cached.load_plans(copy, registry, tmp_path)
    with pytest.raises(InputError) as caught:
        cached.load_plans([*bundled, *copy], registry, tmp_path)
    assert [p.field for p in caught.value.problems] == ["id"]


def test_cache_off_writes_nothing(tmp_path: Path, registry: Registry,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYNIEM_CACHE_DIR", "off")
    assert cached.load_plans(GOOD[:1], registry) == load_module.load_plans(GOOD[:1], registry)
    assert not list(tmp_path.rglob("plans-*"))


@pytest.mark.parametrize("given", [(), ("{plans}",), ("{plans}", "{plans}/minimal.yaml"),
                                   ("{plans}/minimal.yaml", "{missing}")])
def test_plan_paths_agree_with_the_reader(given: tuple[str, ...], tmp_path: Path) -> None:
    values = [g.format(plans=PLANS, missing=tmp_path / "none.yaml") for g in given]
    assert cached.plan_paths(values) == load_module.plan_paths(values)
    env = {"KYNIEM_PLANS": os.pathsep.join(values)}
    assert cached.plan_paths((), env) == load_module.plan_paths((), env)


def test_an_unusable_cache_folder_is_only_a_miss(tmp_path: Path, registry: Registry,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("x", encoding="utf-8")
    for _ in range(2):
        same(cached.load_plans(GOOD[:2], registry, blocked / "sub"),
             load_module.load_plans(GOOD[:2], registry))
    assert capsys.readouterr().err == ""
