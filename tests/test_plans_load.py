"""Plan files: phrases read once with the plan's context, every problem with file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scheduler.plans.load import load_plans, plan_paths
from scheduler.plans.model import ActivityKind
from scheduler.plans.window import Closure, Precision
from scheduler.plans.workdays import Shift
from scheduler.registry import InputError
from scheduler.registry.load import load_registry
from scheduler.registry.sources import bundled_path

PLANS = Path(__file__).parent / "fixtures" / "plans"
REGISTRY = load_registry([bundled_path()])


def problems(name: str) -> list[str]:
    with pytest.raises(InputError) as info:
        load_plans([PLANS / name], REGISTRY)
    return [p.render("en") for p in info.value.problems]


def test_minimal_plan() -> None:
    (plan,) = load_plans([PLANS / "minimal.yaml"], REGISTRY)
    assert (plan.id, plan.year, plan.ordinal, plan.anniversary_day) == (
        "test-plan", 2024, 70, date(2024, 5, 7))
    assert [a.id for a in plan.combined_with] == ["hiep-dinh-gio-ne-vo"]
    assert str(plan.implements[0]) == "146-KH/TU ngày 18/03/2024 của Ban Thường vụ Thành ủy"
    campaign = plan.activities[0]
    assert campaign.kind is ActivityKind.CAMPAIGN
    assert campaign.units == ("Ban Tuyên giáo Đảng ủy", "Đoàn TNCS Hồ Chí Minh phường",
                              "UBND phường")
    window = campaign.window
    # "từ nay": no issue date, so the latest implemented document's date stands in for it
    assert (window.start, window.end, window.start_from) == (
        date(2024, 3, 18), date(2024, 5, 31), Closure.ISSUED)
    assert window.peak is not None
    # an open peak ends on the anniversary day (DOMAIN: "usually ending on the day")
    assert (window.peak.start, window.peak.end) == (date(2024, 5, 1), date(2024, 5, 7))
    monthly = plan.activities[1].window
    assert monthly.rrule is not None and "FREQ=MONTHLY" in monthly.rrule
    assert monthly.start == date(2024, 3, 19)
    structural = plan.activities[3]
    assert (structural.window.start, structural.window.end) == (date(2025, 4, 20),) * 2
    assert structural.window.precision is Precision.DAY and structural.shift is Shift.AFTER
    assert plan.activities[4].window.undated
    assert plan.reminders == (7, 1)


def test_own_anniversary_by_ordinal(tmp_path: Path) -> None:
    text = (PLANS / "own_anniversary.yaml").read_text(encoding="utf-8")
    fixed = tmp_path / "own.yaml"
    fixed.write_text(text.replace('    start: "01/08/2025"\n', ""), encoding="utf-8")
    (plan,) = load_plans([fixed], REGISTRY)
    assert (plan.year, plan.anniversary.name, plan.anniversary_day) == (
        2025, "Ngày thành lập Trường THPT Quang Trung", date(2025, 9, 5))
    peak = plan.activities[0].window  # "cao điểm từ ngày 25/8": year and end from context
    assert (peak.start, peak.end, peak.end_from) == (
        date(2025, 8, 25), date(2025, 9, 5), Closure.ANNIVERSARY)


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("bad_phrase.yaml", [
            ":10: activities[0].when: cannot read 'khi nào rảnh'",
            ":14: activities[1].when: cannot read 'từ ngày 31/02/2024'",
            ":18: activities[2].start: '2024-13-01' is not a valid date",
        ]),
        ("bad_structure.yaml", [
            ":7: colour: unknown field",
            ":4: anniversary: no anniversary 'khong-co-trong-danh-muc' in the registry",
            ":12: activities[0].kind: 'parade' is not one of",
        ]),
        ("duplicate_activity.yaml", [":12: activities.id: 'a' is used twice in this plan"]),
        ("ordinal_mismatch.yaml", [":6: ordinal: 75 does not match year 2024"]),
        ("own_anniversary.yaml", [":19: activities[1].start: give either 'when' or 'start'"]),
    ],
)
def test_every_problem_with_file_line_field(fixture: str, expected: list[str]) -> None:
    found = problems(fixture)
    assert len(found) == len(expected)
    for line, wanted in zip(found, expected, strict=True):
        assert line.startswith(str(PLANS / fixture) + ":")
        assert wanted in line


def test_plan_ids_are_unique_across_files(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_text((PLANS / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_plans([PLANS / "minimal.yaml", copy], REGISTRY)
    assert any("'test-plan' is already used by" in p.render("en") for p in info.value.problems)


def test_plan_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    assert [p.name for p in plan_paths([str(PLANS / "minimal.yaml")])] == ["minimal.yaml"]
    assert len(plan_paths([str(PLANS)])) == 13
    monkeypatch.setenv("KYNIEM_PLANS", str(PLANS / "minimal.yaml"))
    assert [p.name for p in plan_paths()] == ["minimal.yaml"]
    monkeypatch.delenv("KYNIEM_PLANS")
    assert len(plan_paths()) == 3  # the bundled seed plans


def test_a_folder_reads_yml_and_any_case(tmp_path: Path) -> None:
    """Regression (tried as a clerk would): "thanh-xuan.yml" and "KH.YAML" in a plan folder
    were skipped without a word, their tasks gone from every view. Hidden files (an editor's
    ".#x.yaml", a Mac's "._x.yaml") are still left out."""
    text = (PLANS / "minimal.yaml").read_text(encoding="utf-8")
    for name in ("a.yaml", "b.yml", "C.YAML", "d.Yml", ".#e.yaml", "notes.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert [p.name for p in plan_paths([str(tmp_path)])] == ["C.YAML", "a.yaml", "b.yml",
                                                             "d.Yml"]


def english(name: str) -> list[str]:
    with pytest.raises(InputError) as info:
        load_plans([PLANS / name], REGISTRY)
    return [p.render("en").split(": ", 1)[1] if ": " in p.render("en") else p.render("en")
            for p in info.value.problems]


def test_values_that_crashed_the_commands_are_refused() -> None:
    """Regression (issue 9): these passed `check`, then the writer overflowed (31/12/9999),
    the feed got ``TRIGGER:-P99999999999D`` and reminders crashed."""
    found = english("edge_values.yaml")
    assert found == [
        "campaign_end: '31/12/9999': the year 9999 is outside the 1–9998 kyniem supports",
        "reminders: '1000000' is not a whole number from 0 to 3650 (digits 0–9)",
        "activities[0].start: '31/12/9998': the date must fall in the years 1900–2100",
        "activities[1].reminders: '3651' is not a whole number from 0 to 3650 (digits 0–9)",
        "activities[2].when: 'trong năm 2500': the date must fall in the years 1900–2100",
    ]


def test_years_and_ordinals_of_absurd_size_are_refused() -> None:
    found = english("huge_year.yaml")
    assert found == ["year: '99999' is not a whole number from 1900 to 2100 (digits 0–9)",
                     "ordinal: '10000' is not a whole number from 1 to 9998 (digits 0–9)"]


def test_a_year_of_4300_digits_is_one_short_message(tmp_path: Path) -> None:
    text = (PLANS / "huge_year.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "p.yaml"
    plan.write_text(text.replace("year: 99999", "year: " + "9" * 4400).replace(
        "ordinal: 10000\n", ""), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_plans([plan], REGISTRY)
    (found,) = [p.render("en") for p in info.value.problems]
    assert len(found) < 200 and "…" in found


def test_control_characters_in_a_plan_are_refused() -> None:
    found = english("control_characters.yaml")
    assert [f.split(":")[0] for f in found] == ["title", "issuer", "activities[0].title",
                                                 "activities[0].lead"]
    assert all("control character" in f for f in found)


def test_a_refused_activity_hides_none_of_its_problems_and_makes_none_up(
        tmp_path: Path) -> None:
    """Regression (tried as a clerk would): an activity with a mistyped field hid its bad
    date until the next ``check``, and the entry restating it (``relates_to``) was said to
    name no activity, a problem that was not there."""
    from scheduler.plans.paths import bundled_plans_dir

    text = (bundled_plans_dir() / "phuong-dien-bien-phu-70-2024.yaml").read_text(
        encoding="utf-8")
    head = '- id: "treo-co-khau-hieu"\n  title: "Tổ chức treo cờ Đảng, Tổ quốc, băng zôn, ' \
           'khẩu hiệu tuyên truyền"\n'
    assert head in text and 'relates_to: "treo-co-khau-hieu"' in text
    bad = tmp_path / "plan.yaml"
    bad.write_text(text.replace(head, head + '  when: "ngày 31/02/2024"\n  partner: "UBND"\n'),
                   encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_plans([bad], REGISTRY)
    fields = sorted(p.field for p in info.value.problems)
    assert fields == ["activities[8].partner", "activities[8].when"], fields


@pytest.mark.parametrize(("text", "at"), [("id: x\nactivities:\n\t- id: a\n", 3),
                                         ("id: x\nactivities:\n  - id: a\n  \ttitle: b\n", 4)])
def test_a_tab_in_the_indentation_is_named(tmp_path: Path, text: str, at: int) -> None:
    """Regression: libyaml names no character, and a tab was reported as a value starting
    with a reserved character ("@, `, %…; quote the value")."""
    bad = tmp_path / "tab.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_plans([bad], REGISTRY)
    (problem,) = info.value.problems
    assert problem.line == at
    assert "tab" in problem.render("en") and "reserved" not in problem.render("en")
