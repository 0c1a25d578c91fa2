"""The one list of dated items: anniversary days, windows, peaks, shifted deadlines, and
recurring reports expanded by ``between``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from scheduler.items import ItemKind, from_occurrences, instances, of
from scheduler.occurrences import of as occurrences_of
from scheduler.plans.load import load_plans
from scheduler.registry.load import load_registry
from scheduler.registry.sources import bundled_path

REGISTRY = load_registry([bundled_path()])
(PLAN,) = load_plans([Path(__file__).parent / "fixtures" / "plans" / "minimal.yaml"], REGISTRY)
ITEMS = of([PLAN])


def test_uids_are_stable_and_derived_from_ids() -> None:
    assert [i.uid for i in ITEMS] == [
        "plan/test-plan/anniversary/chien-thang-dien-bien-phu",
        "plan/test-plan/anniversary/hiep-dinh-gio-ne-vo",
        "plan/test-plan/tuyen-truyen",
        "plan/test-plan/tuyen-truyen/peak",
        "plan/test-plan/bao-cao-thang",
        "plan/test-plan/bao-cao-so-ket",
        "plan/test-plan/bao-cao-sau",
        "plan/test-plan/le",
    ]
    assert [i.uid for i in of([PLAN])] == [i.uid for i in ITEMS]


def test_anniversary_days_of_the_plan() -> None:
    marks = [(i.title, i.start) for i in ITEMS if i.kind is ItemKind.ANNIVERSARY]
    assert marks == [("Chiến thắng Điện Biên Phủ", date(2024, 5, 7)),
                     ("Ngày ký Hiệp định Giơ-ne-vơ về đình chỉ chiến sự ở Việt Nam",
                      date(2024, 7, 21))]


def test_deadlines_shift_off_days_off() -> None:
    items = {i.uid: i for i in ITEMS}
    before = items["plan/test-plan/bao-cao-so-ket"].due
    after = items["plan/test-plan/bao-cao-sau"].due
    assert before is not None and after is not None
    assert (before.written, before.day, before.reason) == (date(2025, 4, 20), date(2025, 4, 18),
                                                           "CN")
    assert after.day == date(2025, 4, 21)
    assert items["plan/test-plan/tuyen-truyen"].due is None  # a campaign has no due day


def test_between_expands_the_monthly_report() -> None:
    found = [i for i in ITEMS.between(date(2024, 4, 1), date(2024, 6, 30))
             if i.uid.startswith("plan/test-plan/bao-cao-thang/")]
    assert [(i.start, i.due.day if i.due else None) for i in found] == [
        (date(2024, 4, 19), date(2024, 4, 19)),
        (date(2024, 5, 19), date(2024, 5, 17)),  # Sunday → Friday
        (date(2024, 6, 19), date(2024, 6, 19)),
    ]
    assert all(i.rrule is None for i in found)



def test_items_sharing_a_rule_keep_their_own_instances() -> None:
    """The rule's days are cached by (RRULE, start); each item's instances still carry its
    own UID and its own shift policy (an "after" report moves forward, a "before" back)."""
    from dataclasses import replace

    from scheduler.plans.workdays import Shift

    (monthly,) = [i for i in ITEMS if i.uid == "plan/test-plan/bao-cao-thang"]
    assert monthly.activity is not None and monthly.rrule is not None
    later = replace(monthly, uid="plan/other/bao-cao",
                    activity=replace(monthly.activity, shift=Shift.AFTER))
    mine = {i.start: i for i in instances(monthly)}
    theirs = {i.start: i for i in instances(later)}
    assert mine.keys() == theirs.keys() and len(mine) > 3
    sunday = date(2024, 5, 19)
    assert mine[sunday].uid == "plan/test-plan/bao-cao-thang/20240519"
    assert theirs[sunday].uid == "plan/other/bao-cao/20240519"
    back, forward = mine[sunday].due, theirs[sunday].due
    assert back is not None and forward is not None
    assert (back.day, forward.day) == (date(2024, 5, 17), date(2024, 5, 20))

def test_between_orders_and_bounds() -> None:
    found = ITEMS.between(date(2024, 5, 1), date(2024, 5, 10))
    assert [i.start for i in found] == sorted(i.start for i in found if i.start)
    assert {i.uid for i in found} >= {"plan/test-plan/tuyen-truyen/peak",
                                      "plan/test-plan/anniversary/chien-thang-dien-bien-phu"}
    assert all(i.overlaps(date(2024, 5, 1), date(2024, 5, 10)) for i in found)
    assert ITEMS.between(date(2030, 1, 1), date(2030, 12, 31)) == []


def test_undated_and_units() -> None:
    assert [i.uid for i in ITEMS.undated()] == ["plan/test-plan/le"]
    youth = ITEMS.for_unit("đoàn tncs")
    assert {i.uid for i in youth if i.kind is not ItemKind.ANNIVERSARY} == {
        "plan/test-plan/tuyen-truyen", "plan/test-plan/tuyen-truyen/peak"}
    assert ITEMS.for_unit(None) is ITEMS


def test_registry_occurrences_as_items() -> None:
    occs = occurrences_of(REGISTRY.anniversaries).in_year(2024)
    items = list(from_occurrences(occs))
    dbp = next(i for i in items if i.uid == "anniversary/chien-thang-dien-bien-phu/2024")
    assert dbp.title == "70 năm Chiến thắng Điện Biên Phủ (07/05/1954 - 07/05/2024)"
    assert len({i.uid for i in items}) == len(items)


def test_a_unit_named_with_its_level_is_not_another_levels_namesake() -> None:
    """Regression (tried as a clerk would): ``--unit "UBND quận"`` also found "UBND
    phường", "Ủy ban nhân dân các phường" and, in a ward's plan, its bare "UBND": the level
    word was dropped from the question as well as from the names."""
    from scheduler.plans.paths import plan_paths

    bundled = of(load_plans(plan_paths(), REGISTRY))
    district = bundled.for_unit("UBND quận")
    ward = bundled.for_unit("UBND phường")
    plans_of = {i.plan.id for i in district if i.plan and i.kind is not ItemKind.ANNIVERSARY}
    assert plans_of and not any("phuong" in p for p in plans_of)
    ward_plans = {i.plan.id for i in ward if i.plan and i.kind is not ItemKind.ANNIVERSARY}
    assert any("phuong" in p for p in ward_plans)  # "UBND" in a ward's plan is the ward's
    # without a level word the question finds both
    both = {i.plan.id for i in bundled.for_unit("UBND") if i.plan
            and i.kind is not ItemKind.ANNIVERSARY}
    assert both >= plans_of | ward_plans


def test_words_ending_like_a_level_are_no_level() -> None:
    """Review: "Hải quan", "cơ quan", "Hợp tác xã", "địa phương" end with a level word
    but name none (``--unit "Hải quan"`` found no customs office); "UBND quận, huyện" is a
    district's body too."""
    from scheduler.units.normalise import level_fits, trailing_levels

    for name in ("Cục Hải quan", "Chi cục Hải quan khu vực I", "Liên minh Hợp tác xã",
                 "các cơ quan", "Ban Chỉ đạo địa phương"):
        assert trailing_levels(name) == frozenset(), name
    assert level_fits("Hải quan", frozenset({"thanh pho"}))
    assert trailing_levels("UBND quận, huyện, thị xã") == {"quan", "huyen", "thi xa"}
    assert level_fits("UBND quận", trailing_levels("UBND quận, huyện"))
    assert not level_fits("UBND quận", trailing_levels("UBND phường"))
