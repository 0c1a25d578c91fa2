from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scheduler.dates import DateFormatError, fmt, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07/05/1954", date(1954, 5, 7)),
        ("7/5/1954", date(1954, 5, 7)),
        ("03/02/2025", date(2025, 2, 3)),
        ("2025-02-03", date(2025, 2, 3)),  # ISO is year-month-day, never 2 March
        ("18.12.1972", date(1972, 12, 18)),
    ],
)
def test_day_first_and_iso(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/1930", "12/25/1946", "2025-2-3", "07/05", "tomorrow", ""])
def test_rejects(text: str) -> None:
    with pytest.raises(DateFormatError):
        parse_date(text)


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_round_trip(d: date) -> None:
    assert parse_date(fmt(d)) == d
    assert parse_date(d.isoformat()) == d
