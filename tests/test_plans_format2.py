"""Plan format 2 (docs/plan-format.md, "Format 2"; rules in scheduler/plans/activities.py):
activities with no time of their own, sub-items, roles, restating entries (``relates_to``),
references of two kinds, ad-hoc anniversaries; and what items, views and feeds make of them.
Format 1 files read as before."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner
from interop.parsers import parse_ical_strict, parse_icalendar

from scheduler.cli import main
from scheduler.feeds.events import events_of
from scheduler.feeds.ledger import Stamp
from scheduler.feeds.writer import CalendarMeta, calendar_bytes, event_bytes
from scheduler.items import Item, of
from scheduler.outputs.itemtext import item_json, units_text
from scheduler.plans.load import load_plans
from scheduler.plans.model import Activity, ActivityKind, Plan, RefKind, Role, UnitLink
from scheduler.plans.window import Closure, Precision
from scheduler.registry import InputError
from scheduler.registry.load import load_registry
from scheduler.registry.sources import bundled_path

PLANS = Path(__file__).parent / "fixtures" / "plans"
GOOD = PLANS / "format2_plan.yaml"
DOCS = Path(__file__).parent.parent / "docs" / "plan-format.md"
REGISTRY = load_registry([bundled_path()])
(PLAN,) = load_plans([GOOD], REGISTRY)
BY_ID = {a.id: a for a in PLAN.activities}
ITEMS = of([PLAN])
ITEM = {i.uid.removeprefix("plan/format2-plan/"): i for i in ITEMS}

BAN_TUYEN_GIAO = "Ban Tuyên giáo Đảng ủy"
DOAN = "Đoàn TNCS Hồ Chí Minh phường"
CCB = "Hội Cựu chiến binh phường"


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_plans([path], REGISTRY)
    return [p.render("en") for p in info.value.problems]


def assert_problems(path: Path, expected: list[str]) -> None:
    """Exactly these problems, in order, each ``FILE:LINE: field: message…``."""
    found = problems(path)
    assert len(found) == len(expected), found
    for line, wanted in zip(found, expected, strict=True):
        assert line.startswith(f"{path}{wanted}"), line


def variant(tmp_path: Path, old: str, new: str) -> Path:
    """The good fixture with one piece of text replaced."""
    text = GOOD.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "variant.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# --- format 1 and the format field -----------------------------------------------------------


def test_a_format_1_file_reads_as_before() -> None:
    (plan,) = load_plans([PLANS / "minimal.yaml"], REGISTRY)
    assert (plan.format, plan.campaign, plan.notes) == (1, None, ())
    assert [a.id for a in plan.activities] == [
        "tuyen-truyen", "bao-cao-thang", "bao-cao-so-ket", "bao-cao-sau", "le"]
    assert all(a.timed and a.parent is None and a.merged == () for a in plan.activities)
    first = plan.activities[0]
    assert first.links == (UnitLink(BAN_TUYEN_GIAO, Role.LEAD),
                           UnitLink("Đoàn TNCS Hồ Chí Minh phường", Role.PARTNER),
                           UnitLink("UBND phường", Role.PARTNER))
    assert (first.lead, first.leads) == (BAN_TUYEN_GIAO, (BAN_TUYEN_GIAO,))
    # `implements` is what the plan carries out: all parents, no basis
    assert plan.parents == plan.implements and len(plan.parents) == 1 and plan.basis == ()
    assert plan.implements[0].kind is RefKind.IMPLEMENTS
    # "theo chỉ đạo" is undated but still timed: the plan gave it a time phrase
    assert plan.activities[4].window.undated and plan.activities[4].timed


def test_format_2_fields_in_a_format_1_file_ask_for_format_2() -> None:
    path = PLANS / "format2_fields_in_format1.yaml"
    assert_problems(path, [
        ":7: period: is a field of plan format 2: add 'format: 2'",
        ":9: references: is a field of plan format 2: add 'format: 2'",
        ":10: notes: is a field of plan format 2: add 'format: 2'",
        # format 1 still wants a time for every activity
        ":16: activities[1].when: give a time phrase ('when') or a 'start' date",
    ])


def test_format_2_activity_fields_are_unknown_in_format_1(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text((PLANS / "minimal.yaml").read_text(encoding="utf-8").replace(
        '    lead: "UBND phường"\n  - id: bao-cao-so-ket',
        '    lead: "UBND phường"\n    directs: "Chi bộ"\n  - id: bao-cao-so-ket'),
        encoding="utf-8")
    (found,) = problems(plan)
    assert ":25: activities[1].directs: unknown field" in found


def test_format_3_is_refused_and_nothing_else_is_said(tmp_path: Path) -> None:
    """Regression: a newer format was read as format 1, so every format 2 field drew a
    problem, among them "add 'format: 2'" to a file that says 'format: 3'."""
    path = variant(tmp_path, "format: 2\n", "format: 3\n")
    (found,) = problems(path)
    assert found.startswith(f"{path}:2: format: '3' ")


def test_the_good_fixture_is_format_2() -> None:
    assert PLAN.format == 2
    assert PLAN.notes == ("Kinh phí thực hiện từ nguồn ngân sách phường năm 2024.",
                          "Các chi bộ báo cáo kết quả về Đảng ủy phường.")


# --- time ------------------------------------------------------------------------------------


def test_the_period_is_the_plans_campaign_with_its_peak() -> None:
    campaign = PLAN.campaign
    assert campaign is not None and campaign.peak is not None
    assert (campaign.start, campaign.end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert (campaign.peak.start, campaign.peak.end) == (date(2024, 3, 1), date(2024, 5, 31))


def test_an_activity_with_no_time_runs_through_the_period() -> None:
    activity = BY_ID["tuyen-truyen"]
    window = activity.window
    assert not activity.timed
    assert (window.start, window.end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert window.precision is Precision.RELATIVE
    assert (window.start_from, window.end_from) == (Closure.PLAN, Closure.PLAN)
    assert window.peak is None  # the plan's peak is not repeated for every untimed activity
    assert window.phrase == ""
    assert ITEM["tuyen-truyen"].start == date(2024, 1, 1)
    assert "tuyen-truyen/peak" not in ITEM


def test_an_activity_with_no_time_is_undated_when_the_plan_has_no_period(
        tmp_path: Path) -> None:
    path = variant(tmp_path, 'period: "trong năm 2024, cao điểm từ đầu tháng 3 đến hết '
                             'tháng 5/2024"\n', "")
    (plan,) = load_plans([path], REGISTRY)
    by_id = {a.id: a for a in plan.activities}
    assert plan.campaign is None
    for untimed in ("tuyen-truyen", "tuyen-truyen-0", "tuyen-truyen-2-0"):
        window = by_id[untimed].window
        assert not by_id[untimed].timed
        assert window.undated and window.precision is Precision.UNDATED, untimed
    assert by_id["le-ky-niem"].timed and by_id["le-ky-niem"].window.start == date(2024, 5, 6)
    assert [i.uid for i in of([plan]).undated()][:2] == [
        "plan/format2-plan/tuyen-truyen", "plan/format2-plan/tuyen-truyen-0"]


def test_an_activity_may_still_give_when_or_start() -> None:
    assert BY_ID["tuyen-truyen-mang"].timed
    window = BY_ID["tuyen-truyen-mang"].window
    assert (window.start, window.end, window.precision) == (
        date(2024, 4, 1), date(2024, 4, 30), Precision.MONTH)


# --- sub-items -------------------------------------------------------------------------------


def test_sub_items_are_flattened_after_their_parent_with_generated_ids() -> None:
    assert [(a.id, a.parent) for a in PLAN.activities] == [
        ("tuyen-truyen", None),
        ("tuyen-truyen-0", "tuyen-truyen"),  # no id: the parent's and its place (from 0)
        ("tuyen-truyen-mang", "tuyen-truyen"),  # its own id
        ("tuyen-truyen-2", "tuyen-truyen"),
        ("tuyen-truyen-2-0", "tuyen-truyen-2"),  # a sub-item of a sub-item
        ("le-ky-niem", None),
        ("le-ky-niem-0", "le-ky-niem"),
        ("hoi-thi", None),
        ("bao-cao", None),
        ("phan-cong-bao-cao", None),  # a restating entry with a time of its own (below)
    ]


def test_a_sub_item_with_nothing_of_its_own_takes_its_parents_window_units_and_kind() -> None:
    parent, child = BY_ID["tuyen-truyen"], BY_ID["tuyen-truyen-0"]
    assert child.window == parent.window and not child.timed
    assert child.kind is parent.kind is ActivityKind.CAMPAIGN
    # the parent's own units, as read: the restating entry is folded into the parent only
    assert child.links == (UnitLink(BAN_TUYEN_GIAO, Role.LEAD),
                           UnitLink("UBND phường", Role.LEAD),
                           UnitLink(DOAN, Role.PARTNER),
                           UnitLink("Ủy ban MTTQ phường", Role.PARTNER),
                           UnitLink("các chi bộ", Role.DIRECTS, collective=True))
    # a timed parent's sub-item runs on the parent's day, with no time of its own
    dang_huong, le = BY_ID["le-ky-niem-0"], BY_ID["le-ky-niem"]
    assert (dang_huong.window, dang_huong.timed, dang_huong.kind) == (
        le.window, False, ActivityKind.EVENT)
    assert dang_huong.window.start == date(2024, 5, 6)


def test_a_sub_item_keeps_what_it_gives() -> None:
    mang = BY_ID["tuyen-truyen-mang"]
    assert mang.window != BY_ID["tuyen-truyen"].window
    assert mang.links == (UnitLink(DOAN, Role.LEAD),
                          UnitLink("Văn phòng Đảng ủy", Role.ADVISES))
    trien_lam = BY_ID["tuyen-truyen-2"]
    assert trien_lam.kind is ActivityKind.EVENT
    assert trien_lam.units == (CCB, "các tổ chức chính trị - xã hội")
    # and hands it down to its own sub-items
    hien_vat = BY_ID["tuyen-truyen-2-0"]
    assert (hien_vat.kind, hien_vat.links) == (ActivityKind.EVENT, trien_lam.links)


# --- units and roles -------------------------------------------------------------------------


def test_every_role_field() -> None:
    tuyen_truyen = BY_ID["tuyen-truyen"]
    assert tuyen_truyen.leads == (BAN_TUYEN_GIAO, "UBND phường")  # lead: a list
    assert tuyen_truyen.lead == BAN_TUYEN_GIAO
    assert tuyen_truyen.partners == (DOAN, "Ủy ban MTTQ phường", CCB)
    assert tuyen_truyen.with_role(Role.DIRECTS) == ("các chi bộ",)
    le = BY_ID["le-ky-niem"]
    assert le.leads == ("UBND phường",)  # lead: one name
    assert le.with_role(Role.GUIDES) == (BAN_TUYEN_GIAO,)
    assert BY_ID["tuyen-truyen-mang"].with_role(Role.ADVISES) == ("Văn phòng Đảng ủy",)
    assert BY_ID["tuyen-truyen-2"].with_role(Role.REQUESTED) == (
        CCB, "các tổ chức chính trị - xã hội")
    assert BY_ID["tuyen-truyen-2"].lead is None and BY_ID["tuyen-truyen-2"].leads == ()


def test_a_collective_is_marked_and_kind_unit_is_one_body() -> None:
    collectives = {(a.id, link.unit) for a in PLAN.activities for link in a.links
                   if link.collective}
    assert collectives == {
        ("tuyen-truyen", "các chi bộ"), ("tuyen-truyen-0", "các chi bộ"),
        ("tuyen-truyen-2", "các tổ chức chính trị - xã hội"),
        ("tuyen-truyen-2-0", "các tổ chức chính trị - xã hội")}
    # lead: {name: …, kind: unit}
    assert BY_ID["hoi-thi"].links[0] == UnitLink(DOAN, Role.LEAD, collective=False)


def test_lead_leads_partners_and_units_order() -> None:
    activity = Activity(
        id="x", title="X", kind=ActivityKind.CAMPAIGN, window=PLAN.activities[0].window,
        links=(UnitLink("P1", Role.PARTNER), UnitLink("L1", Role.LEAD),
               UnitLink("D1", Role.DIRECTS), UnitLink("L2", Role.LEAD),
               UnitLink("L1", Role.PARTNER), UnitLink("G1", Role.GUIDES),
               UnitLink("A1", Role.ADVISES), UnitLink("R1", Role.REQUESTED)))
    assert activity.lead == "L1"
    assert activity.leads == ("L1", "L2")
    assert activity.partners == ("P1", "L1")
    # leads first, then by role (partner, directs, advises, requested, guides), each once
    assert activity.units == ("L1", "L2", "P1", "D1", "A1", "R1", "G1")
    nobody = Activity(id="y", title="Y", kind=ActivityKind.EVENT,
                      window=activity.window)
    assert (nobody.lead, nobody.leads, nobody.units) == (None, (), ())


# --- restating entries (relates_to) ----------------------------------------------------------


def test_a_restating_entry_with_no_time_is_folded_and_its_units_join() -> None:
    tuyen_truyen = BY_ID["tuyen-truyen"]
    assert "phan-cong-tuyen-truyen" not in BY_ID
    assert tuyen_truyen.merged == ("phan-cong-tuyen-truyen",)
    # the entry's lead and Đoàn were there already; only Hội CCB is new, added at the end
    assert tuyen_truyen.links[-1] == UnitLink(CCB, Role.PARTNER)
    assert len(tuyen_truyen.links) == len(set(tuyen_truyen.links)) == 6
    assert not tuyen_truyen.timed  # neither has a time: still the period's
    assert tuyen_truyen.window.precision is Precision.RELATIVE


def test_a_target_with_no_time_takes_the_entrys_time() -> None:
    hoi_thi = BY_ID["hoi-thi"]
    assert "phan-cong-hoi-thi" not in BY_ID
    assert hoi_thi.merged == ("phan-cong-hoi-thi",)
    assert hoi_thi.timed
    assert (hoi_thi.window.start, hoi_thi.window.end) == (date(2024, 4, 1), date(2024, 4, 30))
    assert hoi_thi.window.phrase == "trong tháng 4/2024"
    assert hoi_thi.partners == (CCB,)
    assert hoi_thi.title == "Hội thi tìm hiểu lịch sử"  # the content activity's own title


def test_an_entry_with_the_same_time_in_other_words_is_folded() -> None:
    """Regression: windows were compared with their phrase, so "Ngày 6/5/2024" (section III)
    did not fold into "ngày 06/5/2024" (section II) and one task gave two sets of items."""
    le = BY_ID["le-ky-niem"]
    assert "phan-cong-le-ky-niem" not in BY_ID
    assert le.merged == ("phan-cong-le-ky-niem",)
    assert le.window.phrase == "ngày 06/5/2024"  # the target keeps its own wording
    assert le.partners == ("Công an phường",)
    assert [i.uid for i in ITEMS if "le-ky-niem" in i.uid] == [
        "plan/format2-plan/le-ky-niem", "plan/format2-plan/le-ky-niem-0"]


def test_an_entry_with_another_time_of_its_own_stays_separate() -> None:
    bao_cao, entry = BY_ID["bao-cao"], BY_ID["phan-cong-bao-cao"]
    assert bao_cao.merged == () and entry.relates_to == "bao-cao"
    assert bao_cao.window.end == date(2024, 5, 19) and entry.window.end == date(2024, 5, 24)
    assert bao_cao.relates_to is None


def test_problems_of_format_2_with_line_and_field() -> None:
    assert_problems(PLANS / "format2_problems.yaml", [
        ":10: references[0].kind: 'parent' is not one of: basis, implements",
        ":14: activities[0].lead[0].kind: 'group' is not one of: unit, collective",
        ":17: activities[1].partners[1].name: is required but missing",
        ":31: activities[6].tentative: 'yes' is not true or false",
        ":32: activities[7].id: is required but missing",  # only a sub-item may leave it out
        ":18: activities[c].relates_to: no activity with this id in the plan",
        # d → e → f: a chain is refused (e itself is folded into f)
        ":21: activities[d].relates_to: 'e' itself restates another activity",
    ])


def test_a_plan_with_one_problem_in_a_sub_item_is_refused(tmp_path: Path) -> None:
    path = variant(tmp_path, '      - title: "Treo băng rôn, khẩu hiệu"\n',
                   '      - title: "Treo băng rôn, khẩu hiệu"\n        lead: [""]\n')
    (found,) = problems(path)
    assert f"{path}:43: activities[0].children[0].lead[0]: " in found


def test_an_activity_restating_itself_is_a_problem(tmp_path: Path) -> None:
    path = variant(tmp_path, "    relates_to: bao-cao\n", "    relates_to: phan-cong-bao-cao\n")
    (found,) = problems(path)
    assert ": activities[phan-cong-bao-cao].relates_to: no activity with this id" in found


# --- references, anniversaries, kept fields --------------------------------------------------


def test_references_of_two_kinds() -> None:
    assert [(p.number, p.kind, p.type) for p in PLAN.implements] == [
        ("125-HD/BTGTW", RefKind.BASIS, "Hướng dẫn"),
        ("146-KH/TU", RefKind.IMPLEMENTS, "Kế hoạch"),
        ("80-KH/QU", RefKind.IMPLEMENTS, None),  # kind: implements unless told
    ]
    assert [p.number for p in PLAN.parents] == ["146-KH/TU", "80-KH/QU"]
    assert [p.number for p in PLAN.basis] == ["125-HD/BTGTW"]
    assert str(PLAN.basis[0]) == "125-HD/BTGTW ngày 10/01/2024 của Ban Tuyên giáo Trung ương"


def test_combined_with_takes_registry_ids_and_ad_hoc_anniversaries() -> None:
    registry_one, own = PLAN.combined_with
    assert registry_one.id == "hiep-dinh-gio-ne-vo"
    assert (own.id, own.name, own.scope) == (
        "format2-plan-ngay-thanh-lap-dang-bo-phuong", "Ngày thành lập Đảng bộ phường", "plan")
    assert (own.origin.day, own.origin.month, own.origin.year) == (15, 3, 1954)
    le_registry, le_own = BY_ID["le-ky-niem"].combined_with
    assert le_registry.id == "hiep-dinh-gio-ne-vo"
    assert (le_own.id, le_own.name) == ("format2-plan-ngay-truyen-thong-cuu-chien-binh-phuong",
                                        "Ngày truyền thống Cựu chiến binh phường")
    assert (le_own.origin.day, le_own.origin.month, le_own.origin.year) == (6, 12, 1994)
    assert BY_ID["hoi-thi"].combined_with == ()


def test_a_bad_ad_hoc_anniversary_in_an_activity_is_a_problem(tmp_path: Path) -> None:
    path = variant(tmp_path, '        date: "06/12/1994"\n', '        date: "31/02/1994"\n')
    (found,) = problems(path)
    assert f"{path}:65: activities[1].combined_with[1].date: " in found


def test_targets_flags_text_and_line_are_kept() -> None:
    tuyen_truyen = BY_ID["tuyen-truyen"]
    assert tuyen_truyen.targets == ("100% chi bộ tổ chức tuyên truyền", "ít nhất 01 hoạt động")
    assert tuyen_truyen.text == ("Tuyên truyền sâu rộng ý nghĩa lịch sử của Chiến thắng "
                                 "Điện Biên Phủ, trong đó:")
    assert (tuyen_truyen.line, tuyen_truyen.section) == (42, "II.1")
    assert (BY_ID["le-ky-niem"].tentative, BY_ID["le-ky-niem"].separate_plan) == (True, False)
    assert (BY_ID["hoi-thi"].tentative, BY_ID["hoi-thi"].separate_plan) == (False, True)
    assert BY_ID["bao-cao"].targets == () and BY_ID["bao-cao"].text is None
    assert BY_ID["bao-cao"].line is None
    assert BY_ID["phan-cong-bao-cao"].section == "III.4"


# --- items and views -------------------------------------------------------------------------


def test_items_carry_every_link() -> None:
    item = ITEM["tuyen-truyen"]
    assert item.links == BY_ID["tuyen-truyen"].links
    assert (item.lead, item.partners) == (BAN_TUYEN_GIAO, (DOAN, "Ủy ban MTTQ phường", CCB))
    assert item.units == BY_ID["tuyen-truyen"].units
    assert item.with_role(Role.LEAD) == (BAN_TUYEN_GIAO, "UBND phường")


@pytest.mark.parametrize(("unit", "uid"), [
    ("ubnd phường", "tuyen-truyen"),  # a second lead
    ("CHI BỘ", "tuyen-truyen"),  # directs, a collective
    ("văn phòng đảng ủy", "tuyen-truyen-mang"),  # advises
    ("chính trị - xã hội", "tuyen-truyen-2"),  # requested
    ("ban tuyên giáo", "le-ky-niem"),  # guides
    ("công an", "le-ky-niem"),  # a partner from a folded entry
])
def test_involves_finds_a_unit_by_any_role(unit: str, uid: str) -> None:
    assert ITEM[uid].involves(unit)
    assert not ITEM[uid].involves("Phòng Giáo dục")


def test_items_for_a_unit() -> None:
    def own(unit: str) -> list[str]:
        return [i.uid.removeprefix("plan/format2-plan/") for i in ITEMS.for_unit(unit)
                if not i.uid.startswith("plan/format2-plan/anniversary/")]

    assert own("Công an phường") == ["le-ky-niem"]
    assert own("chi bộ") == ["tuyen-truyen", "tuyen-truyen-0"]
    assert own("Văn phòng Đảng ủy") == ["tuyen-truyen-mang", "bao-cao", "phan-cong-bao-cao"]
    assert own("Hội Cựu chiến binh") == ["tuyen-truyen", "tuyen-truyen-2", "tuyen-truyen-2-0",
                                         "hoi-thi"]


@pytest.mark.parametrize(("uid", "vi", "en"), [
    ("tuyen-truyen",
     f"{BAN_TUYEN_GIAO}, UBND phường; phối hợp: {DOAN}, Ủy ban MTTQ phường, {CCB}; "
     "chỉ đạo: các chi bộ",
     f"{BAN_TUYEN_GIAO}, UBND phường; with: {DOAN}, Ủy ban MTTQ phường, {CCB}; "
     "directs: các chi bộ"),
    ("tuyen-truyen-mang", f"{DOAN}; tham mưu: Văn phòng Đảng ủy",
     f"{DOAN}; advises: Văn phòng Đảng ủy"),
    ("tuyen-truyen-2", f"đề nghị: {CCB}, các tổ chức chính trị - xã hội",
     f"requested: {CCB}, các tổ chức chính trị - xã hội"),
    ("le-ky-niem", f"UBND phường; phối hợp: Công an phường; hướng dẫn: {BAN_TUYEN_GIAO}",
     f"UBND phường; with: Công an phường; guides: {BAN_TUYEN_GIAO}"),
])
def test_units_text_names_every_role(uid: str, vi: str, en: str) -> None:
    assert units_text(ITEM[uid], "vi") == vi
    assert units_text(ITEM[uid], "en") == en


def test_units_text_of_a_format_1_item_is_unchanged() -> None:
    (plan,) = load_plans([PLANS / "minimal.yaml"], REGISTRY)
    item = next(iter(of([plan]).items[2:]))
    assert units_text(item, "vi") == (
        f"{BAN_TUYEN_GIAO}; phối hợp: Đoàn TNCS Hồ Chí Minh phường, UBND phường")
    bare = Item(uid="x", kind=item.kind, title="x", start=None, end=None, lead="A",
                partners=("B",))  # no links: lead and partners as before
    assert units_text(bare, "en") == "A; with: B"


def test_item_json_roles() -> None:
    data = item_json(ITEM["tuyen-truyen"])
    assert data["roles"] == {BAN_TUYEN_GIAO: "lead", "UBND phường": "lead", DOAN: "partner",
                             "Ủy ban MTTQ phường": "partner", "các chi bộ": "directs",
                             CCB: "partner"}
    assert (data["lead"], data["partners"]) == (BAN_TUYEN_GIAO, [DOAN, "Ủy ban MTTQ phường",
                                                                 CCB])
    assert data["precision"] == "relative"
    assert item_json(ITEM["tuyen-truyen-2"])["roles"] == {
        CCB: "requested", "các tổ chức chính trị - xã hội": "requested"}
    assert item_json(ITEM["tuyen-truyen-2"])["lead"] is None


# --- feeds -----------------------------------------------------------------------------------

STAMP = Stamp(1, datetime(2024, 6, 1, 17, 0, tzinfo=UTC))


@pytest.fixture(scope="module")
def feed() -> bytes:
    return calendar_bytes(CalendarMeta("Kế hoạch định dạng 2"),
                          [event_bytes(e, STAMP) for e in events_of(ITEMS)])


def vevent(data: bytes, uid: str) -> list[str]:
    """The unfolded content lines of one VEVENT."""
    lines = data.decode().replace("\r\n ", "").split("\r\n")
    start = lines.index(f"UID:plan/format2-plan/{uid}@kyniem")
    return lines[start:lines.index("END:VEVENT", start)]


def test_the_feed_names_every_lead_and_the_other_roles(feed: bytes) -> None:
    lines = vevent(feed, "tuyen-truyen")
    assert [x for x in lines if x.startswith("X-KYNIEM-LEAD:")] == [
        f"X-KYNIEM-LEAD:{BAN_TUYEN_GIAO}", "X-KYNIEM-LEAD:UBND phường"]
    assert [x for x in lines if x.startswith("X-KYNIEM-PARTNER:")] == [
        f"X-KYNIEM-PARTNER:{DOAN}", "X-KYNIEM-PARTNER:Ủy ban MTTQ phường",
        f"X-KYNIEM-PARTNER:{CCB}"]
    assert [x for x in lines if x.startswith("X-KYNIEM-UNIT")] == [
        "X-KYNIEM-UNIT;X-KYNIEM-ROLE=directs:các chi bộ"]
    assert [x for x in vevent(feed, "tuyen-truyen-2") if x.startswith("X-KYNIEM-UNIT")] == [
        f"X-KYNIEM-UNIT;X-KYNIEM-ROLE=requested:{CCB}",
        "X-KYNIEM-UNIT;X-KYNIEM-ROLE=requested:các tổ chức chính trị - xã hội"]
    assert not any(x.startswith("X-KYNIEM-LEAD") for x in vevent(feed, "tuyen-truyen-2"))
    description = next(x for x in lines if x.startswith("DESCRIPTION:"))
    assert "\\nChỉ đạo: các chi bộ" in description  # one line per role (issue 11)
    assert f"\\nChủ trì: {BAN_TUYEN_GIAO}\\, UBND phường" in description


def test_icalendar_and_the_strict_ical_package_read_the_feed(feed: bytes) -> None:
    strict = parse_ical_strict(feed)
    assert [e.uid for e in strict] == [e.uid for e in parse_icalendar(feed)]
    assert "plan/format2-plan/tuyen-truyen@kyniem" in {e.uid for e in strict}
    assert len(strict) == len(events_of(ITEMS))
    cal = icalendar.Calendar.from_ical(feed)
    (event,) = [e for e in cal.walk("VEVENT")
                if str(e["UID"]) == "plan/format2-plan/tuyen-truyen@kyniem"]
    leads = event["X-KYNIEM-LEAD"]
    assert isinstance(leads, list)
    assert [str(v) for v in leads] == [BAN_TUYEN_GIAO, "UBND phường"]
    unit = event["X-KYNIEM-UNIT"]
    assert (str(unit), unit.params["X-KYNIEM-ROLE"]) == ("các chi bộ", "directs")


def test_an_untimed_activity_without_a_period_is_not_in_the_feed(tmp_path: Path) -> None:
    path = variant(tmp_path, 'period: "trong năm 2024, cao điểm từ đầu tháng 3 đến hết '
                             'tháng 5/2024"\n', "")
    (plan,) = load_plans([path], REGISTRY)
    uids = {e.uid for e in events_of(of([plan]))}
    assert "plan/format2-plan/hoi-thi@kyniem" in uids  # it took its entry's time
    assert "plan/format2-plan/tuyen-truyen@kyniem" not in uids


# --- the command and the documentation ------------------------------------------------------


def test_check_a_format_2_file() -> None:
    result = CliRunner().invoke(main, ["check", str(GOOD), "--lang", "en"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "1 plan" in result.output and "10 activities" in result.output
    bad = CliRunner().invoke(main, ["check", str(PLANS / "format2_problems.yaml")])
    assert bad.exit_code == 2


def documented_plans(tmp_path: Path) -> list[Plan]:
    """The YAML examples of docs/plan-format.md, each loaded as a plan."""
    blocks = re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 2  # format 1, format 2
    paths = []
    for i, block in enumerate(blocks):
        paths.append(tmp_path / f"doc{i}.yaml")
        paths[-1].write_text(block, encoding="utf-8")
    return list(load_plans(paths, REGISTRY))


def test_the_documented_examples_load(tmp_path: Path) -> None:
    one, two = documented_plans(tmp_path)
    assert (one.format, two.format) == (1, 2)
    by_id = {a.id: a for a in two.activities}
    assert list(by_id) == ["tuyen-truyen", "tuyen-truyen-0", "tuyen-truyen-mang", "le-ky-niem",
                           "hoi-thi"]
    assert not by_id["tuyen-truyen"].timed
    assert by_id["tuyen-truyen"].window.precision is Precision.RELATIVE
    assert by_id["tuyen-truyen-0"].parent == "tuyen-truyen"
    assert by_id["hoi-thi"].merged == ("doan-hoi-thi",) and by_id["hoi-thi"].timed
    assert [p.number for p in two.basis] == ["125-HD/BTGTW"]
    assert [p.number for p in two.parents] == ["146-KH/TU"]
    assert [a.id for a in two.combined_with] == [
        "hiep-dinh-gio-ne-vo", "phuong-dbp-70-ngay-thanh-lap-dang-bo-phuong"]
    assert two.notes and two.campaign is not None and two.campaign.peak is not None
