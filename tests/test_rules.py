from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scheduler.rules import CLASS_BY_LAST_DIGIT, MilestoneClass, class_of


def test_decree_145_art3_classes() -> None:
    assert class_of(70) is MilestoneClass.TRON
    assert class_of(100) is MilestoneClass.TRON
    assert class_of(75) is MilestoneClass.LE5
    assert class_of(5) is MilestoneClass.LE5
    assert class_of(94) is MilestoneClass.KHAC
    assert class_of(1) is MilestoneClass.KHAC


def test_the_table_is_the_rule() -> None:
    assert CLASS_BY_LAST_DIGIT == {0: MilestoneClass.TRON, 5: MilestoneClass.LE5}


@given(st.integers(min_value=1, max_value=10_000))
def test_class_depends_only_on_last_digit(n: int) -> None:
    expected = {"0": MilestoneClass.TRON, "5": MilestoneClass.LE5}.get(str(n)[-1],
                                                                      MilestoneClass.KHAC)
    assert class_of(n) is expected
    assert class_of(n + 10) is class_of(n)
