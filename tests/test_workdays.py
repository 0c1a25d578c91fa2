"""Working days in Vietnam (holidays.VN with swapped Saturdays) and deadline shifts."""

from __future__ import annotations

from datetime import date

import pytest

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
