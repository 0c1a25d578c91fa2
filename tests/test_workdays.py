"""Working days in Vietnam (holidays.VN with swapped Saturdays) and deadline shifts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from scheduler.plans import daysoff
from scheduler.plans.daysoff import VIETNAM, Rules
from scheduler.plans.workdays import Shift, add_working_days, day_off_reason, is_working_day, shift


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 4, 21), True),  # Monday
        (date(2025, 4, 20), False),  # Sunday
        (date(2025, 4, 26), True),  # Saturday made a working day (swapped for 02/05/2025)
        (date(2025, 5, 2), False),  # the day off it bought
        (date(2025, 4, 30), False),  # Ngày Chiến thắng
        (date(2024, 5, 4), True),  # Saturday made a working day (swapped for 29/04/2024)
        (date(2025, 1, 29), False),  # Tết
    ],
)
def test_working_days(day: date, working: bool) -> None:
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("day", "policy", "expected", "shown"),
    [
        (date(2025, 4, 20), Shift.BEFORE, date(2025, 4, 18), "20/04/2025 (CN) → 18/04/2025"),
        (date(2025, 4, 20), Shift.AFTER, date(2025, 4, 21), "20/04/2025 (CN) → 21/04/2025"),
        (date(2025, 4, 20), Shift.NONE, date(2025, 4, 20), "20/04/2025"),
        (date(2025, 4, 30), Shift.AFTER, date(2025, 5, 5),
         "30/04/2025 (Ngày Chiến thắng) → 05/05/2025"),
        (date(2025, 4, 26), Shift.BEFORE, date(2025, 4, 26), "26/04/2025"),
        (date(2025, 2, 1), Shift.BEFORE, date(2025, 1, 24),
         "01/02/2025 (Mùng bốn Tết Nguyên Đán) → 24/01/2025"),
    ],
)
def test_shift_policies(day: date, policy: Shift, expected: date, shown: str) -> None:
    due = shift(day, policy)
    assert due.day == expected
    assert due.moved is (expected != day)
    assert due.describe("vi") == shown



@pytest.mark.parametrize("policy", [Shift.BEFORE, Shift.AFTER])
def test_shift_walks_day_by_day_across_new_year(policy: Shift) -> None:
    """Regression for the shift that looks each year's days off up once: over four years,
    New Year's Days and Tết included, it lands where a day-by-day walk asking
    :func:`is_working_day` of every day lands, with the same reason."""
    step = 1 if policy is Shift.AFTER else -1
    day = date(2024, 12, 1)
    while day < date(2028, 1, 15):
        walked = day
        while not is_working_day(walked):
            walked += timedelta(days=step)
        due = shift(day, policy, "vi")
        assert (due.day, due.reason) == (walked, day_off_reason(day, "vi")), day
        day += timedelta(days=1)
    # 31/12/2028 is a Sunday and 01/01/2029 New Year's Day: after → Tuesday 02/01/2029
    assert shift(date(2028, 12, 31), Shift.AFTER).day == date(2029, 1, 2)

def test_reasons_in_english() -> None:
    assert day_off_reason(date(2025, 4, 20), "en") == "Sun"
    assert day_off_reason(date(2025, 9, 2), "en") == "National Day"
    assert day_off_reason(date(2025, 9, 3), "en") is None


def test_add_working_days_skips_days_off() -> None:
    assert add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 26)  # swapped Saturday
    assert add_working_days(date(2025, 4, 26), 1) == date(2025, 4, 28)
    assert add_working_days(date(2025, 4, 28), 2) == date(2025, 5, 5)  # 30/4, 1/5, 2/5 off
    assert add_working_days(date(2025, 5, 5), -2) == date(2025, 4, 28)
    assert add_working_days(date(2025, 5, 5), 0) == date(2025, 5, 5)


# -- the working-day sets, cached beside the registry cache (issue 12) ----------------------

YEARS = (2019, 2024, 2025, 2026, 2031)
#: A plan's own rules: Christmas Eve 2025 given off, the Saturday after worked in exchange.
EXTRA = Rules(days_off=((date(2025, 12, 24), "Nghỉ bù theo kế hoạch", "Plan's day off"),),
              workdays=(date(2025, 12, 27),))


def every_day(year: int) -> list[date]:
    return [date(year, 1, 1) + timedelta(days=n) for n in range(366)
            if (date(year, 1, 1) + timedelta(days=n)).year == year]


def reference(year: int) -> tuple[dict[date, tuple[str, str]], set[date]]:
    """Days off and working days of ``year`` straight from holidays.VN, as the module used
    to ask it: one lazily expanding calendar per language."""
    import holidays

    vi, en = (holidays.country_holidays("VN", language=lang) for lang in ("vi", "en_US"))
    working = {d for d in every_day(year) if vi.is_working_day(d)}
    named = {d: (str(vi[d]), str(en[d])) for d in every_day(year) if d in vi}
    return named, working


@pytest.fixture
def fresh_books(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the years this process has already read, so the next call reads the file."""
    monkeypatch.setattr(daysoff, "_books", {})


def must_not_compute(year: int, rules: Rules = VIETNAM) -> daysoff.YearDays:
    raise AssertionError(f"holidays asked for {year} although the cache held it")


@pytest.mark.parametrize("year", YEARS)
def test_cached_sets_equal_the_computed_ones(year: int, tmp_path: Path, fresh_books: None,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    named, working = reference(year)
    computed = daysoff.days_off(year, directory=str(tmp_path))
    monkeypatch.setattr(daysoff, "_books", {})
    monkeypatch.setattr(daysoff, "compute", must_not_compute)
    cached = daysoff.days_off(year, directory=str(tmp_path))  # read back from the file
    assert cached == computed
    assert {d for d in every_day(year) if cached.is_working_day(d)} == working
    for day in every_day(year):
        names = named.get(day)
        assert cached.name(day, "vi") == (names and names[0])
        assert cached.name(day, "en") == (names and names[1])


def test_rules_are_applied_and_keyed(tmp_path: Path, fresh_books: None) -> None:
    plain = daysoff.days_off(2025, directory=str(tmp_path))
    extra = daysoff.days_off(2025, EXTRA, directory=str(tmp_path))
    assert len(list(tmp_path.glob("workdays-*.json"))) == 2  # one file per rule set
    assert plain.is_working_day(date(2025, 12, 24)) and not extra.is_working_day(
        date(2025, 12, 24))
    assert not plain.is_working_day(date(2025, 12, 27)) and extra.is_working_day(
        date(2025, 12, 27))
    assert extra.name(date(2025, 12, 24), "en") == "Plan's day off"
    changed = {d for d in every_day(2025)
               if plain.is_working_day(d) != extra.is_working_day(d)}
    assert changed == {date(2025, 12, 24), date(2025, 12, 27)}
    assert day_off_reason(date(2025, 12, 24), "vi", EXTRA) == "Nghỉ bù theo kế hoạch"
    assert add_working_days(date(2025, 12, 23), 1, EXTRA) == date(2025, 12, 25)
    assert shift(date(2025, 12, 28), Shift.BEFORE, rules=EXTRA).day == date(2025, 12, 27)


def test_the_key_names_the_holidays_release() -> None:
    from importlib.metadata import version

    assert daysoff.holidays_version() == version("holidays")


def workdays_file(folder: Path) -> Path:
    [found] = folder.glob("workdays-*.json")
    return found


@pytest.mark.parametrize("damage", [
    b"not json",
    b'{"key": 1}',
    None,  # a day moved into another year
    "wrong type",  # a name that is a number
])
def test_a_damaged_file_is_rebuilt_not_trusted(damage: bytes | str | None, tmp_path: Path,
                                               fresh_books: None,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    good = daysoff.days_off(2025, directory=str(tmp_path))
    file = workdays_file(tmp_path)
    stored = json.loads(file.read_bytes())
    row = stored["years"]["2025"]["off"][0]
    if damage is None:
        row[0] = date(2031, 1, 1).toordinal()
    elif damage == "wrong type":
        row[1] = 7
    file.write_bytes(damage if isinstance(damage, bytes) else json.dumps(stored).encode())
    monkeypatch.setattr(daysoff, "_books", {})
    assert daysoff.days_off(2025, directory=str(tmp_path)) == good
    if damage != b'{"key": 1}':  # that one is only another key: quietly made again
        assert "workdays-" in capsys.readouterr().err
    assert json.loads(file.read_bytes())["years"]["2025"] == json.loads(
        json.dumps(daysoff.encode([good])))["2025"]


def test_a_stale_file_is_not_trusted(tmp_path: Path, fresh_books: None,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A file another ``holidays`` release wrote (it may lack a day off the government moved
    since) is computed again, even when it says Ngày Chiến thắng is a working day."""
    daysoff.days_off(2025, directory=str(tmp_path))
    file = workdays_file(tmp_path)
    stored = json.loads(file.read_bytes())
    stored["key"][1] = "0.1"
    stored["years"]["2025"]["off"] = [r for r in stored["years"]["2025"]["off"]
                                      if r[0] != date(2025, 4, 30).toordinal()]
    file.write_text(json.dumps(stored), encoding="utf-8")
    monkeypatch.setattr(daysoff, "_books", {})
    assert not daysoff.days_off(2025, directory=str(tmp_path)).is_working_day(
        date(2025, 4, 30))
    assert json.loads(file.read_bytes())["key"][1] == daysoff.holidays_version()


def test_cache_off_writes_nothing(tmp_path: Path, fresh_books: None,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYNIEM_CACHE_DIR", "off")
    assert not is_working_day(date(2025, 9, 2))
    assert not list(tmp_path.rglob("workdays-*"))


WARM_CHECK = """
import sys
from datetime import date
from scheduler.plans.workdays import add_working_days, shift
print(add_working_days(date(2025, 4, 28), 2), shift(date(2025, 4, 30)).describe("vi"))
print("holidays" in sys.modules)
"""


def test_a_warm_run_does_not_import_holidays(tmp_path: Path) -> None:
    env = {**os.environ, "KYNIEM_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", WARM_CHECK], env=env, capture_output=True,
                           text=True, check=True).stdout.splitlines() for _ in range(2)]
    assert runs[0][0] == runs[1][0] == "2025-05-05 30/04/2025 (Ngày Chiến thắng) → 29/04/2025"
    assert [r[1] for r in runs] == ["True", "False"]  # cold: computed; warm: read back


def test_an_unusable_cache_folder_is_only_a_miss(tmp_path: Path, fresh_books: None,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("x", encoding="utf-8")
    assert not daysoff.days_off(2025, directory=str(blocked / "sub")).is_working_day(
        date(2025, 9, 2))
    assert capsys.readouterr().err == ""
