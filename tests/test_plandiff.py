"""``kyniem diff OLD NEW``: matching, changes, per-unit grouping, views and the CLI.

tests/fixtures/diff/new.yaml re-issues old.yaml; its header lists every change, and only those.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from scheduler import planning
from scheduler.cli import main
from scheduler.commands import Settings
from scheduler.outputs.diff import DiffView
from scheduler.plandiff import (
    THRESHOLD,
    Change,
    PlanDiff,
    compare,
    fold,
    match,
    retimed,
    similarity,
)
from scheduler.plans.load import load_plans
from scheduler.plans.model import Activity, Plan, Role, UnitLink
from scheduler.plans.window import Closure
from scheduler.registry import InputError
from scheduler.units.normalise import key as unit_key

DIFF = Path(__file__).parent / "fixtures" / "diff"
OLD, NEW, INVALID = (str(DIFF / f"{name}.yaml") for name in ("old", "new", "invalid"))

BTG = "Ban Tuyên giáo Quận ủy"
CHQS = "Ban Chỉ huy Quân sự quận"
DAI = "Đài truyền thanh quận"
CCB = "Hội Cựu chiến binh quận"
GD = "Phòng Giáo dục và Đào tạo quận"
VHTT = "Phòng Văn hóa và Thông tin quận"
DOAN = "Quận đoàn"
TTVH = "Trung tâm Văn hóa quận"


def plan(path: str) -> Plan:
    (found,) = load_plans([Path(path)], Settings().registry())
    return found


@pytest.fixture(scope="module")
def plans() -> tuple[Plan, Plan]:
    return plan(OLD), plan(NEW)


@pytest.fixture(scope="module")
def diff(plans: tuple[Plan, Plan]) -> PlanDiff:
    return compare(*plans)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["diff", *args], catch_exceptions=False)


def render(view: object, width: int = 80) -> str:
    console = Console(file=StringIO(), width=width, color_system=None)
    console.print(view)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def ids(changes: PlanDiff) -> list[tuple[str, str | None, str | None]]:
    return [(c.change.value, c.old.id if c.old else None, c.new.id if c.new else None)
            for c in changes.activities]


# -- folding and matching -------------------------------------------------------------------


def test_fold_removes_case_diacritics_and_spacing() -> None:
    assert fold("  Ban Tuyên giáo   QUẬN ỦY ") == "ban tuyen giao quan uy"
    assert fold("Đoàn TNCS") == "doan tncs"
    composed = "Quận đoàn"
    assert fold(unicodedata.normalize("NFD", composed)) == fold(composed) == "quan doan"


def test_match_same_id_first_then_titles(plans: tuple[Plan, Plan]) -> None:
    found = match(plans[0].activities, plans[1].activities)
    pairs = {(p.old.id, p.new.id, p.by) for p in found.pairs}
    assert pairs == {
        ("tuyen-truyen", "tuyen-truyen", "id"), ("trien-lam", "trien-lam", "id"),
        ("thi-dua", "thi-dua", "id"), ("tham-hoi", "tham-hoi", "id"),
        ("bao-cao", "bao-cao", "id"),
        ("le-dang-huong", "dang-huong-dang-hoa", "title"),
        # sub-items written without ids: their made-up ids shifted, the titles did not
        ("tham-hoi-0", "tham-hoi-1", "title"), ("tham-hoi-1", "tham-hoi-2", "title"),
    }
    assert [a.id for a in found.removed] == ["ve-tranh"]
    assert [a.id for a in found.added] == ["tham-hoi-0", "gap-mat-ccb"]
    reworded = next(p for p in found.pairs if p.by == "title" and p.old.id == "le-dang-huong")
    assert THRESHOLD <= reworded.score < 1


def _activity(plans: tuple[Plan, Plan], ident: str, title: str) -> Activity:
    return replace(plans[0].activities[0], id=ident, title=title)


def test_match_threshold(plans: tuple[Plan, Plan]) -> None:
    near = ("Tổ chức hội thảo khoa học về chiến thắng",
            "Tổ chức hội thảo khoa học về Chiến thắng 12 ngày đêm")
    far = ("Tổ chức hội thảo khoa học về chiến thắng", "Thăm hỏi người có công")
    assert similarity(*near) >= THRESHOLD > similarity(*far)
    for (a, b), paired in ((near, True), (far, False)):
        found = match([_activity(plans, "a", a)], [_activity(plans, "b", b)])
        assert bool(found.pairs) is paired
        assert [x.id for x in found.removed] == ([] if paired else ["a"])
    ratio = similarity(*near)
    old, new = [_activity(plans, "a", near[0])], [_activity(plans, "b", near[1])]
    assert match(old, new, threshold=ratio).pairs
    assert not match(old, new, threshold=ratio + 1e-9).pairs


def test_match_takes_the_best_pair_first(plans: tuple[Plan, Plan]) -> None:
    shorter = _activity(plans, "shorter", "Thăm hỏi gia đình chính sách")
    closer = _activity(plans, "closer", "Thăm hỏi các gia đình chính sách tiêu biểu")
    target = _activity(plans, "new", "Thăm hỏi gia đình chính sách tiêu biểu")
    assert similarity(shorter.title, target.title) >= THRESHOLD
    assert similarity(closer.title, target.title) > similarity(shorter.title, target.title)
    for old in ([shorter, closer], [closer, shorter]):  # whatever comes first in OLD
        found = match(old, [target])
        assert [(p.old.id, p.new.id) for p in found.pairs] == [("closer", "new")]
        assert [a.id for a in found.removed] == ["shorter"]


def test_same_id_matches_whatever_the_title(plans: tuple[Plan, Plan]) -> None:
    old = [_activity(plans, "le", "Tổ chức lễ kỷ niệm")]
    new = [_activity(plans, "le", "Gặp mặt cựu chiến binh")]
    found = match(old, new)
    assert [(p.old.id, p.by) for p in found.pairs] == [("le", "id")]


# -- changes --------------------------------------------------------------------------------


def test_activity_changes(diff: PlanDiff) -> None:
    assert ids(diff) == [
        ("added", None, "tham-hoi-0"), ("added", None, "gap-mat-ccb"),
        ("removed", "ve-tranh", None),
        ("retimed", "tuyen-truyen", "tuyen-truyen"),
        ("retimed", "tham-hoi-0", "tham-hoi-1"),  # timed → no time of its own
        ("reassigned", "trien-lam", "trien-lam"),
        ("reassigned", "thi-dua", "thi-dua"),
        ("reworded", "le-dang-huong", "dang-huong-dang-hoa"),
    ]
    assert {c: diff.count(c) for c in Change} == {
        Change.ADDED: 2, Change.REMOVED: 1, Change.RETIMED: 2, Change.REASSIGNED: 2,
        Change.REWORDED: 1}


def test_reassigned_per_unit(diff: PlanDiff) -> None:
    units = {c.old.id: [(u.unit, u.old, u.new) for u in c.units]
             for c in diff.activities if c.change is Change.REASSIGNED and c.old}
    assert units == {
        "trien-lam": [(TTVH, (), (Role.LEAD,)), (VHTT, (Role.LEAD,), ())],
        "thi-dua": [(DOAN, (Role.PARTNER,), (Role.LEAD,))],
    }


def test_unit_spelling_and_context_dates_are_not_changes(plans: tuple[Plan, Plan],
                                                         diff: PlanDiff) -> None:
    old = {a.id: a for a in plans[0].activities}
    new = {a.id: a for a in plans[1].activities}
    # "Ban Tuyên giáo Quận ủy" → "Ban Tuyên giáo quận ủy": the same unit
    assert old["le-dang-huong"].partners != new["dang-huong-dang-hoa"].partners
    # "trước ngày 25/12/2022" starts on the issue date, which moved: the plan's change
    assert old["bao-cao"].window.start != new["bao-cao"].window.start
    assert old["bao-cao"].window.start_from is Closure.ISSUED
    concerned = {c.old.id for c in diff.activities if c.old} | {
        c.new.id for c in diff.activities if c.new}
    assert "bao-cao" not in concerned
    assert [c.change for c in diff.activities if c.old and c.old.id == "le-dang-huong"] == [
        Change.REWORDED]


def test_retimed_rules(plans: tuple[Plan, Plan]) -> None:
    base = plans[0].activities[0]  # timed, "trong tháng 11/2022"
    window = base.window
    assert not retimed(base, base)
    later = replace(base, window=replace(window, end=date(2022, 12, 5)))
    assert retimed(base, later)
    assert retimed(base, replace(base, timed=False))
    assert not retimed(replace(base, timed=False), replace(later, timed=False))
    from_issue = replace(base, window=replace(window, start_from=Closure.ISSUED))
    moved = replace(from_issue, window=replace(from_issue.window, start=date(2022, 11, 2)))
    assert not retimed(from_issue, moved)  # both from the issue date: the plan moved it
    assert retimed(base, replace(moved, window=replace(moved.window, start_from=Closure.TEXT)))


def test_plan_changes(plans: tuple[Plan, Plan], diff: PlanDiff) -> None:
    fields = {f.field: (f.old, f.new) for f in diff.plan.fields}
    assert list(fields) == ["number", "issued", "period"]
    assert fields["number"] == ("125-KH/QU", "130-KH/QU")
    assert fields["issued"] == (date(2022, 6, 1), date(2022, 6, 15))
    period = fields["period"]
    assert period[0] is not None and period[1] is not None
    assert [r.number for r in diff.plan.references_added] == ["12-HD/BTGTW"]
    assert [r.number for r in diff.plan.references_removed] == ["05-CV/QU"]
    other = compare(plans[0], replace(plans[1], year=2023, number=" 125-kh/qu "))
    assert [f.field for f in other.plan.fields] == ["year", "issued", "period"]


def test_grouped_by_unit(diff: PlanDiff) -> None:
    grouped = {u.unit: {s: [t.activity.id for t in getattr(u, s)]
                        for s in ("added", "removed", "retimed", "roles") if getattr(u, s)}
               for u in diff.units}
    assert grouped == {
        CHQS: {"added": ["tham-hoi-0"], "retimed": ["tham-hoi-1"]},
        BTG: {"retimed": ["tuyen-truyen"]},
        DAI: {"retimed": ["tuyen-truyen"]},
        CCB: {"added": ["tham-hoi-0", "gap-mat-ccb"], "retimed": ["tham-hoi-1"]},
        GD: {"removed": ["ve-tranh"]},
        VHTT: {"removed": ["trien-lam"]},
        DOAN: {"roles": ["thi-dua"]},
        TTVH: {"added": ["trien-lam"]},
    }
    # Vietnamese name order (Đ after D, before H); units with no change are not listed
    assert [u.unit for u in diff.units] == [CHQS, BTG, DAI, CCB, GD, VHTT, DOAN, TTVH]
    ccb = next(u for u in diff.units if u.unit == CCB)
    assert [(t.old, t.new) for t in ccb.added] == [((), (Role.PARTNER,)), ((), (Role.LEAD,))]


def test_unit_names_shown_as_new_writes_them(plans: tuple[Plan, Plan]) -> None:
    old, new = plans
    # BTG loses ve-tranh (told first, from OLD) and has tuyen-truyen retimed (from NEW)
    old = replace(old, activities=tuple(
        replace(a, links=(UnitLink(BTG, Role.LEAD),)) if a.id == "ve-tranh" else a
        for a in old.activities))
    shouting = "BAN TUYÊN GIÁO QUẬN ỦY"
    renamed = replace(new, activities=tuple(
        replace(a, links=tuple(replace(link, unit=shouting) if link.unit == BTG else link
                               for link in a.links))
        for a in new.activities))
    btg = [u for u in compare(old, renamed).units if u.key == unit_key(BTG)]
    assert [(u.unit, [t.activity.id for t in u.removed], [t.activity.id for t in u.retimed])
            for u in btg] == [(shouting, ["ve-tranh"], ["tuyen-truyen"])]


@pytest.mark.parametrize("needle", ["văn hóa", "VAN HOA", "Van hoa"])
def test_for_unit(diff: PlanDiff, needle: str) -> None:
    only = diff.for_unit(needle)
    assert [u.unit for u in only.units] == [VHTT, TTVH]
    assert ids(only) == [("reassigned", "trien-lam", "trien-lam")]
    assert only.plan == diff.plan and only.only == needle


def test_for_unit_keeps_the_unit_s_changes_only(diff: PlanDiff) -> None:
    ccb = diff.for_unit("cựu chiến binh")
    assert [u.unit for u in ccb.units] == [CCB]
    assert ids(ccb) == [("added", None, "tham-hoi-0"), ("added", None, "gap-mat-ccb"),
                        ("retimed", "tham-hoi-0", "tham-hoi-1")]
    nobody = diff.for_unit("Sở Ngoại vụ")
    assert nobody.units == () and nobody.activities == () and nobody.plan


def test_an_activity_naming_no_unit(plans: tuple[Plan, Plan]) -> None:
    old, new = plans
    nobody = replace(new.activities[0], id="le-ky-niem", title="Lễ kỷ niệm cấp quận", links=())
    diff = compare(old, replace(new, activities=(*new.activities, nobody)))
    last = diff.units[-1]
    assert (last.key, [t.activity.id for t in last.added]) == ("", ["le-ky-niem"])
    assert all(u.key for u in diff.for_unit("quận").units)
    view = DiffView(diff, "vi")
    lines = view.plain().splitlines()
    at = lines.index("(không ghi đơn vị)")
    assert lines[at + 1:at + 3] == ["  Việc mới:", "    + Lễ kỷ niệm cấp quận"]
    assert view.as_json()["units"][-1]["unit"] is None
    assert "(no unit named)" in render(DiffView(diff, "en"))


# -- views ----------------------------------------------------------------------------------


def test_json(diff: PlanDiff) -> None:
    result = run(OLD, NEW, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"plan", "activities", "units"}
    assert data["summary"] == {"added": 2, "removed": 1, "retimed": 2, "reassigned": 2,
                               "reworded": 1, "plan": 5, "units": 8}
    plan_json = data["plan"]
    assert plan_json["number"] == {"old": "125-KH/QU", "new": "130-KH/QU"}
    assert plan_json["issued"] == {"old": "2022-06-01", "new": "2022-06-15"}
    assert plan_json["period"]["old"]["start"] == "2022-09-01"
    assert plan_json["period"]["new"]["start"] == "2022-10-01"
    assert plan_json["anniversary"] is None and plan_json["year"] is None
    assert [r["number"] for r in plan_json["references"]["added"]] == ["12-HD/BTGTW"]
    assert [r["number"] for r in plan_json["references"]["removed"]] == ["05-CV/QU"]
    changes = [(a["change"], a["old"] and a["old"]["id"], a["new"] and a["new"]["id"])
               for a in data["activities"]]
    assert changes == ids(diff)
    retimed_json = next(a for a in data["activities"] if a["change"] == "retimed")
    assert (retimed_json["old"]["start"], retimed_json["old"]["end"]) == (
        "2022-11-01", "2022-11-30")
    assert (retimed_json["new"]["start"], retimed_json["new"]["end"],
            retimed_json["new"]["phrase"]) == (
        "2022-12-01", "2022-12-20", "từ ngày 01/12/2022 đến ngày 20/12/2022")
    assert {"unit": BTG, "role": "lead", "collective": False} in retimed_json["new"]["roles"]
    removed = next(a for a in data["activities"] if a["change"] == "removed")
    assert removed["new"] is None and removed["old"]["title"].startswith("Tổ chức cuộc thi")
    units = {u["unit"]: u for u in data["units"]}
    assert list(units) == [CHQS, BTG, DAI, CCB, GD, VHTT, DOAN, TTVH]
    assert [(t["id"], t["roles"], t["via"], t["start"]) for t in units[CCB]["added"]] == [
        ("tham-hoi-0", ["partner"], "added", "2022-12-01"),
        ("gap-mat-ccb", ["lead"], "added", "2022-12-15")]
    assert [(t["id"], t["via"]) for t in units[TTVH]["added"]] == [("trien-lam", "reassigned")]
    assert [(t["id"], t["roles"], t["via"]) for t in units[VHTT]["removed"]] == [
        ("trien-lam", ["lead"], "reassigned")]
    assert units[DOAN]["roles"] == [{"id": "thi-dua", "title": units[DOAN]["roles"][0]["title"],
                                     "old": ["partner"], "new": ["lead"]}]
    untimed = units[CHQS]["retimed"][0]
    assert (untimed["old"]["timed"], untimed["new"]["timed"]) == (True, False)
    assert untimed["new"]["phrase"] is None


def test_json_for_unit() -> None:
    data = json.loads(run(OLD, NEW, "--json", "--unit", "quan doan").stdout)
    assert data["unit"] == "quan doan"
    assert [u["unit"] for u in data["units"]] == [DOAN]
    assert [a["change"] for a in data["activities"]] == ["reassigned"]
    assert data["summary"]["reassigned"] == 1 and data["summary"]["added"] == 0


def _headings(text: str) -> list[str]:
    """Lines at the left margin after the summary: section and unit names."""
    return [line for line in text.splitlines()[3:] if line and not line.startswith(" ")]


def test_plain_vietnamese_at_80_columns() -> None:
    result = run(OLD, NEW)
    assert result.exit_code == 0, result.output
    out = result.stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any(len(line) > 70 for line in lines)  # long titles are wrapped, not cut
    assert lines[0] == "Thay đổi của kế hoạch 130-KH/QU (15/06/2022) so với 125-KH/QU (01/06/2022)"
    summary = " ".join(line.strip() for line in lines[1:3])
    assert summary == ("Tóm tắt: 2 việc mới, 1 việc bỏ, 2 việc đổi thời gian, 2 việc đổi đơn "
                       "vị, 1 việc đổi tên; 5 thay đổi chung; 8 đơn vị có thay đổi.")
    assert _headings(out) == ["Thay đổi chung của kế hoạch", CHQS, BTG, DAI, CCB, GD, VHTT,
                              DOAN, TTVH, "Việc đổi tên"]
    assert "  Số kế hoạch: 125-KH/QU → 130-KH/QU" in lines
    assert "  Ngày ban hành: 01/06/2022 → 15/06/2022" in lines
    assert "  Bỏ văn bản (căn cứ): Công văn 05-CV/QU, 20/05/2022, Quận ủy" in lines
    btg = lines[lines.index(BTG):]
    assert btg[1:6] == [
        "  Đổi thời gian:",
        "    ~ Thông tin, tuyên truyền sâu rộng về ý nghĩa lịch sử của chiến thắng 12",
        "      ngày đêm",
        "      trước: 01/11/2022 – 30/11/2022 (“trong tháng 11/2022”)",
        "      nay:   01/12/2022 – 20/12/2022 (“từ ngày 01/12/2022 đến ngày 20/12/2022”)"]
    doan = lines[lines.index(DOAN):]
    assert doan[1:4] == ["  Đổi vai trò:",
                         "    * Phát động phong trào thi đua lập thành tích chào mừng kỷ niệm",
                         "      phối hợp → chủ trì"]
    ccb = lines[lines.index(CCB):]
    assert ccb[1:4] == ["  Việc mới:", "    + Viếng Nghĩa trang liệt sĩ quận",
                        "      phối hợp · không có thời gian riêng (01/12/2022 – 31/12/2022)"]
    assert "    - Tổ chức cuộc thi vẽ tranh về Hà Nội - Điện Biên Phủ trên không" in lines
    assert "UBND quận" not in _headings(out)
    assert "2022-" not in out  # dates day-first


def test_plain_english() -> None:
    result = run(OLD, NEW, "--lang", "en")
    assert result.exit_code == 0, result.output
    out = result.stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0] == "What plan 130-KH/QU (15/06/2022) changed in 125-KH/QU (01/06/2022)"
    assert lines[1].startswith("Summary: 2 added, 1 removed, 2 retimed, 2 reassigned,")
    assert _headings(out) == ["Changes to the plan itself", CHQS, BTG, DAI, CCB, GD, VHTT,
                              DOAN, TTVH, "Reworded tasks"]
    assert "  Issued: 01/06/2022 → 15/06/2022" in lines
    assert "      partner → lead" in lines
    assert "      was: 01/11/2022 – 30/11/2022 (“trong tháng 11/2022”)" in lines
    assert any(line.strip() == "· an existing task, now given to it" for line in lines)
    for vietnamese in ("Việc mới", "Tóm tắt", "chủ trì", "trước:", "không có thời gian"):
        assert vietnamese not in out


def test_plain_for_unit_and_no_change() -> None:
    out = run(OLD, NEW, "--unit", "Văn hóa").stdout
    assert "Chỉ các đơn vị có tên chứa “Văn hóa”." in out.splitlines()
    assert _headings(out) == ["Thay đổi chung của kế hoạch", VHTT, TTVH]
    same = run(OLD, OLD)
    assert same.exit_code == 0
    assert same.stdout.splitlines()[1:] == ["Không có thay đổi."]
    data = json.loads(run(OLD, OLD, "--json").stdout)
    assert data["activities"] == [] and data["units"] == []
    assert set(data["summary"].values()) == {0}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_rich_at_80_columns(lang: str) -> None:
    view = planning.diff(Settings(lang=lang), OLD, NEW, None)
    assert isinstance(view, DiffView)
    out = render(view)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any("│" in line for line in lines)  # tables
    for unit in (CHQS, BTG, CCB, DOAN, TTVH):
        assert any(line.strip() == unit for line in lines)
    assert "UBND quận" not in [line.strip() for line in lines]
    roles = "phối hợp → chủ trì" if lang == "vi" else "partner → lead"
    assert roles in out
    assert "01/12/2022" in out and "2022-12" not in out


# -- bad input ------------------------------------------------------------------------------


def test_missing_and_invalid_files_exit_2(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.yaml")
    result = run(INVALID, missing, "--lang", "en")
    assert result.exit_code == 2
    assert result.stdout == ""
    errors = result.stderr.splitlines()
    assert errors == [
        f"{INVALID}:12: activities[0].kind: 'party' is not one of: campaign, peak, event, "
        "meeting, visit, deadline, report",
        f"{missing}: file not found"]
    assert run(INVALID, missing).stderr.splitlines() == [  # Vietnamese by default
        f"{INVALID}:12: activities[0].kind: 'party' không thuộc các giá trị được phép: "
        "campaign, peak, event, meeting, visit, deadline, report",
        f"{missing}: không có tệp này"]
    assert run(OLD, missing, "--json").exit_code == 2
    assert run(OLD, NEW).exit_code == 0


def test_not_a_plan_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [\n", encoding="utf-8")
    result = run(str(broken), NEW)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{broken}:")
    assert "YAML" in result.stderr


def test_wrong_arguments_are_usage_errors() -> None:
    assert run(OLD).exit_code == 2  # NEW missing: click's usage error
    assert "Cách dùng" in run(OLD).stderr  # click's words, in the catalogue's Vietnamese


def test_two_spellings_of_one_unit_are_one_unit(plans: tuple[Plan, Plan]) -> None:
    """Regression (tried as a clerk would): "Ban CHQS phường" re-issued as "Ban Chỉ huy Quân
    sự" was a task dropped from one unit and a new one for another; ``--unit`` then found
    neither ("no changes"), and a unit no plan names was "no changes" too, not an error."""
    old, _ = plans
    first = old.activities[0]
    before = replace(old, activities=(replace(first, links=(
        UnitLink("Ban CHQS phường", Role.LEAD),)),))
    after = replace(old, activities=(replace(first, links=(
        UnitLink("Ban Chỉ huy Quân sự", Role.LEAD),)),))
    assert not compare(before, after)
    assert not compare(before, after, "Ban chỉ huy quân sự").units
    with pytest.raises(InputError):
        compare(before, after, "xyz khong co")
