"""Regression tests from a review of ``kyniem import`` from a clerk's chair: ten plans of
2025–2026 written the way provinces, communes and wards write them (tests/fixtures/imports/
review/), each reproducing something the first importer got wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.commands import Settings
from scheduler.imports.convert import import_document
from scheduler.imports.errors import ImportProblem

REVIEW = Path(__file__).parent / "fixtures" / "imports" / "review"
REGISTRY = Settings().registry()


def report(name: str) -> dict[str, Any]:
    found: dict[str, Any] = import_document(REVIEW / name, REGISTRY.anniversaries).report
    return found


def row(found: dict[str, Any], line: int) -> dict[str, Any]:
    return next(a for a in found["activities"] if a["line"] == line)


@pytest.mark.parametrize("name", ["02_xa_ubnd_quoc_khanh_phan.txt",
                                  "02b_xa_ubnd_quoc_khanh_roman.txt",
                                  "04b_phuong_roman_thuong.txt"])
def test_phan_and_lower_case_roman_headings_are_sections(name: str) -> None:
    """Regression: "Phần II." and "iii-" headings gave 0 activities and exit 0."""
    found = report(name)
    assert len(found["activities"]) >= 15
    assert {s["kind"] for s in found["sections"]} >= {"purpose", "content", "assignment"}


def test_numbered_sentences_of_the_assignment_section_are_tasks() -> None:
    """Regression: "4. UBND các xã … chậm nhất ngày 31/3/2026" was taken for a unit heading
    and the next sentence put under it; its deadline vanished."""
    found = report("03_tinh_ubnd_giai_phong_quang_tri.txt")
    assert row(found, 65)["roles"] == {"Sở Tài chính": "lead"}
    assert row(found, 67)["roles"] == {"Công an tỉnh": "lead"}
    due = row(found, 69)
    assert (due["kind"], due["end"], due["roles"]) == (
        "deadline", "2026-03-31", {"UBND các xã, phường, đặc khu Cồn Cỏ": "lead"})
    assert row(found, 63)["roles"] == {"Sở Văn hóa, Thể thao và Du lịch": "lead",
                                       "Các sở, ban, ngành, địa phương": "partner"}


def test_attribute_values_keep_their_semicolons() -> None:
    """Regression: "Cơ quan phối hợp: Báo …; UBND các xã, phường, …" lost the second unit."""
    roles = row(report("03_tinh_ubnd_giai_phong_quang_tri.txt"), 26)["roles"]
    assert roles["UBND các xã, phường, đặc khu Cồn Cỏ"] == "partner"


def test_misprinted_years_are_warned_of() -> None:
    found = report("03_tinh_ubnd_giai_phong_quang_tri.txt")
    keys = [w["key"] for w in found["warnings"]]
    assert keys == ["import_issued_before_parent", "import_window_before_plan"]
    assert found["warnings"][1]["line"] == 46  # the boat race dated 2025 in a 2026 plan


def test_numbered_report_paragraphs_become_deadlines() -> None:
    """Regression: "V. CHẾ ĐỘ THÔNG TIN, BÁO CÁO" with numbered paragraphs was dropped."""
    found = report("01_tinh_btgdv_80nam_toan_quoc_khang_chien.txt")
    assert [(a["kind"], a["end"]) for a in found["activities"] if a["line"] in (114, 116)] == [
        ("report", "2026-08-15"), ("report", "2026-12-24")]
    assert row(found, 100)["kind"] == "deadline"  # "hoàn thành trước ngày 30/4/2026"


def test_a_word_header_table_and_word_numbering() -> None:
    """Regression: a header in a borderless table lost the number and date; Word's own
    "1." before a unit's name made the unit a task."""
    found = report("07_tinh_btgdv_80nam_bang_numbering.docx")
    assert (found["number"], found["issued"]) == ("112-KH/BTGDVTU", "10/03/2026")
    assert row(found, 59)["roles"] == {"Ban Tuyên giáo và Dân vận Tỉnh ủy": "guides"}
    commune = report("08_xa_ubnd_quoc_khanh_auto_numbering.docx")
    assert (commune["number"], commune["issued"], commune["issuer"]) == (
        "87/KH-UBND", "20/07/2026", "Ủy ban nhân dân xã Yên Thủy")
    assert row(commune, 27)["roles"] == {"Công an xã": "lead", "Ban Chỉ huy Quân sự xã": "lead"}


def test_hours_and_parts_of_the_day_are_no_times() -> None:
    found = report("05_xa_doan_95nam_thanh_lap_doan.txt")
    opening = row(found, 25)  # "…năm 2026: 7h30 ngày 01/3/2026 tại Nhà văn hóa …"
    assert (opening["when"], opening["start"]) == ("ngày 01/3/2026", "2026-03-01")
    assert row(report("08_xa_ubnd_quoc_khanh_auto_numbering.docx"), 17)["when"] == (
        "vào ngày 01/9/2026")


def test_the_issuer_comes_from_the_header_with_its_place() -> None:
    """Regression: the signature gave "Ủy Ban Nhân Dân" and two communes' plans one id."""
    found = report("02_xa_ubnd_quoc_khanh_phan.txt")
    assert found["issuer"] == "Ủy ban nhân dân xã Yên Thủy"
    assert found["plan_id"].startswith("uy-ban-nhan-dan-xa-yen-thuy-")


def test_an_ordinal_that_does_not_match_its_dates_is_a_warning_not_a_crash(
        tmp_path: Path) -> None:
    """Regression: KeyError 'actual' after writing the plan."""
    result = CliRunner().invoke(main, ["import", str(REVIEW / "09_ordinal_mismatch.txt"),
                                       "-o", str(tmp_path / "p.yaml")])
    assert result.exit_code == 0, result.output
    assert "79 năm nhưng từ 1947 đến 2062 là 115 năm" in result.stdout


def test_years_only_in_the_title_ask_for_the_anniversary() -> None:
    with pytest.raises(ImportProblem) as caught:
        report("06_tinh_thanh_lap_tinh_nam.txt")
    assert caught.value.key == "import_no_anniversary"
    assert str(caught.value.values["title"]).endswith("(1890 - 2026)'")  # not cut short


@pytest.mark.parametrize("name", sorted(p.name for p in REVIEW.iterdir()
                                        if not p.name.startswith("06_")))
def test_every_review_plan_passes_check(name: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "plan.yaml"
    assert runner.invoke(main, ["import", str(REVIEW / name), "-o", str(out)]).exit_code == 0
    assert runner.invoke(main, ["check", str(out)]).exit_code == 0
