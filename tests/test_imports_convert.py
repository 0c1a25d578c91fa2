"""kyniem import: the three seed documents (as .txt, .docx and .pdf) against their
hand-reviewed format 2 plans, the structure rules on small documents, and fuzzing."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import pytest
from docbuild import seed_texts, write_document, write_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importshare import format1_windows, hand_plan, shares

from scheduler.commands import Settings
from scheduler.imports.convert import Imported, convert, import_document
from scheduler.imports.documents import Paragraph
from scheduler.imports.errors import DocumentError, ImportProblem

FIXTURES = Path(__file__).parent / "fixtures"
DATA = Path(__file__).parent.parent / "data" / "plans"
PLANS = {"000_22dff3dd27fa88f4": "quan-dbp-tren-khong-50-2022",
         "001_84c35f2e41083996": "phuong-dien-bien-phu-70-2024",
         "003_b4e5aed4716bfe0a": "thanh-xuan-giai-phong-thu-do-70-2024"}
REGISTRY = Settings().registry()


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("stem", sorted(PLANS))
def test_seed_documents_import_to_their_reviewed_plans(stem: str, kind: str,
                                                       tmp_path: Path) -> None:
    path = write_document(seed_texts()[stem], tmp_path / f"{stem}.{kind}")
    found = import_document(path, REGISTRY.anniversaries)
    result = shares(hand_plan(DATA / f"{PLANS[stem]}.yaml"), found, REGISTRY)
    assert (result.anniversary, result.related, result.references) == (1.0, 1.0, 1.0)
    assert result.windows >= 0.95, result.misses
    assert result.units == 1.0
    assert result.unaccounted == []  # every window missed is in the unread list
    assert result.activities >= 20


@pytest.mark.parametrize("stem", sorted(PLANS))
def test_the_independent_format1_encoding_agrees_where_it_wrote_the_times(stem: str) -> None:
    """The format 1 plans were written by hand before the importer existed; where a time is
    written in the activity's own paragraph, most agree (see README "Speed" for each miss)."""
    found = import_document(FIXTURES / "seeds" / f"{stem}.txt", REGISTRY.anniversaries)
    same, compared = format1_windows(FIXTURES / "plans" / "format1" / f"{PLANS[stem]}.yaml",
                                     found, REGISTRY)
    assert compared >= 6 and same / compared >= 0.3


def test_seed_000_report_json() -> None:
    found = import_document(FIXTURES / "seeds" / "000_22dff3dd27fa88f4.txt",
                            REGISTRY.anniversaries)
    report = found.report
    assert report["anniversary"] == {
        "name": "Chiến thắng “Hà Nội - Điện Biên Phủ trên không”", "origin": "1972-12-18",
        "date": "2022-12-18", "ordinal": 50, "id": "ha-noi-dien-bien-phu-tren-khong",
        "line": report["anniversary"]["line"]}
    assert [r["id"] for r in report["related"]] == [
        "toan-quoc-khang-chien", "thanh-lap-quan-doi-nhan-dan", "ngay-hoi-quoc-phong-toan-dan"]
    assert report["references"] == [{
        "number": "80-KH/TU", "date": "2022-05-26", "kind": "implements", "type": "Kế hoạch",
        "issuer": "Ban Thường vụ Thành ủy Hà Nội", "line": report["references"][0]["line"]}]
    first = report["activities"][0]
    assert (first["when"], first["start"], first["end"], first["kind"]) == (
        "triển khai trong tháng 11 đến 30/12/2022", "2022-11-01", "2022-12-30", "campaign")
    ceremony = next(a for a in report["activities"] if a["text"].startswith("Tham mưu tổ chức Lễ"))
    assert ceremony["roles"] == {"Ủy ban nhân dân Quận": "advises"}
    assert ceremony["relates_to"] == "to-chuc-le-ky-niem-50-nam"
    assert "Ban Tuyên giáo Quận ủy" in report["units"]
    assert {w["key"] for w in report["warnings"]} == {"import_no_date"}


def _paras(text: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(line.strip(), n) for n, line in enumerate(text.splitlines(), 1)
                 if line.strip())


SMALL = (FIXTURES / "imports" / "an-khanh.txt").read_text(encoding="utf-8")


def _small(text: str = SMALL) -> Imported:
    return convert(_paras(text), "an-khanh.txt", REGISTRY.anniversaries)


def test_structure_of_a_small_ward_plan() -> None:
    found = _small()
    plan, report = found.plan, found.report
    assert plan["format"] == 2 and plan["year"] == 2025
    assert plan["anniversary"] == "giai-phong-mien-nam"
    assert (plan["number"], plan["issued"], plan["issuer"]) == ("45/KH-UBND", "02/03/2025",
                                                               "UBND phường")
    assert [(r["kind"], r["type"], r["number"], r["date"]) for r in plan["references"]] == [
        ("basis", "Hướng dẫn", "12-HD/BTGTW", "10/01/2025"),
        ("implements", "Kế hoạch", "300-KH/TU", "20/02/2025")]
    assert plan["period"].startswith("Các hoạt động diễn ra từ tháng 3")
    by_text = {a["text"][:20]: a for a in report["activities"]}
    flags = by_text["Treo cờ, băng rôn tr"]
    assert (flags["start"], flags["end"]) == ("2025-04-24", "2025-04-30")  # the last 7 days
    ceremony = by_text["Tổ chức Lễ kỷ niệm ("]
    assert (ceremony["start"], ceremony["end"]) == ("2025-04-20", "2025-04-30")  # the peak
    contest = next(a for a in plan["activities"] if a["text"].startswith("Tổ chức Hội thi"))
    assert contest["combined_with"] == ["cach-mang-thang-tam"]  # a heading that is a task
    security = by_text["Bảo đảm an ninh trật"]
    assert security["roles"] == {"Công an phường": "lead", "Ban Chỉ huy Quân sự phường": "lead"}
    assert (security["start"], security["end"]) == ("2025-04-20", "2025-04-30")
    asked = by_text["Vận động Nhân dân tr"]
    assert asked["roles"] == {"Ủy ban MTTQ": "requested",
                              "Các tổ chức chính trị - xã hội phường": "requested"}
    assert asked["relates_to"] == flags["id"]
    assert by_text["Tham mưu tổ chức Lễ "]["roles"] == {
        "Văn phòng HĐND và UBND phường": "advises"}
    assert by_text["Phối hợp phòng Văn h"]["roles"] == {
        "Phòng Văn hóa - Xã hội": "lead", "Văn phòng HĐND và UBND phường": "partner"}
    report_row = next(a for a in report["activities"] if a["kind"] == "report")
    assert report_row["end"] == "2025-05-09"
    assert report["unread"] == [] and report["warnings"] == []


def test_collectives_are_marked() -> None:
    asked = next(a for a in _small().plan["activities"] if "requested" in a)
    assert asked["requested"] == ["Ủy ban MTTQ", {"name": "Các tổ chức chính trị - xã hội phường",
                                                 "kind": "collective"}]


@pytest.mark.parametrize(("edit", "key"), [
    (("Số: 45/KH-UBND", "Số: /KH-UBND"), "import_blank_number"),
    (("ngày 02 tháng 3 năm 2025", "ngày  tháng  năm 2025"), "import_blank_date"),
    (("ngày 02 tháng 3 năm 2025", "ngày 02 tháng 3 năm 2024"), "import_issued_before_parent"),
    (("50 năm Ngày giải phóng", "49 năm Ngày giải phóng"), "import_ordinal_mismatch"),
    (("(tuần cuối tháng 4/2025)", "(tuần cuối tháng 4/2024)"), "import_window_before_plan"),
])
def test_warnings(edit: tuple[str, str], key: str) -> None:
    found = _small(SMALL.replace(*edit))
    assert key in {k for k, _ in found.warnings}


@pytest.mark.parametrize("mark", ["LƯU HÀNH NỘI BỘ", "(Lưu hành nội bộ)", "MẬT", "Tối mật",
                                  "Tài liệu lưu hành nội bộ",
                                  "Số: 12/KH-UBND    LƯU HÀNH NỘI BỘ"])
def test_a_document_for_internal_circulation_becomes_a_private_plan(mark: str) -> None:
    """Issue 13: the mark on the document, not a person re-typing it, makes the plan private
    (its calendars only at secret addresses)."""
    lines = SMALL.splitlines()
    found = _small("\n".join([*lines[:2], mark, *lines[2:]]))
    assert found.plan["private"] is True
    assert ("import_private", {"line": 3, "text": mark}) in found.warnings
    assert list(found.plan).index("private") < list(found.plan).index("activities")


@pytest.mark.parametrize("word", ["Mặt", "Mất", "MẶT TRẬN"])
def test_words_like_mat_are_no_secrecy_mark(word: str) -> None:
    """Regression (review): accents were folded away, so a line "Mặt" made a plan private."""
    lines = SMALL.splitlines()
    assert "private" not in _small("\n".join([*lines[:2], word, *lines[2:]])).plan


def test_a_plan_that_only_mentions_internal_things_stays_public() -> None:
    found = _small(SMALL.replace("Vận động Nhân dân", "Đăng trên Bản tin nội bộ; bí mật; "
                                 "vận động Nhân dân"))
    assert "private" not in found.plan
    assert "private" not in _small().plan


def test_unread_times_are_listed_with_their_line() -> None:
    found = _small(SMALL.replace("(tuần cuối tháng 4/2025)", "(từ ngày 31/02/2025)"))
    assert [(u.line, u.why) for u in found.unread] == [(11, "import_unread_time")]
    row = next(a for a in found.report["activities"] if a["text"].startswith("Treo cờ"))
    assert row["when"] is None


def test_a_time_with_no_connector_is_not_taken() -> None:
    found = _small(SMALL.replace("- Tham mưu tổ chức Lễ kỷ niệm.",
                                 "- Tham mưu chủ đề công tác năm 2025 “Kỷ cương”."))
    assert [u.why for u in found.unread] == ["import_time_unsure"]


def test_no_anniversary_is_a_problem_not_a_guess() -> None:
    with pytest.raises(ImportProblem) as caught:
        _small(SMALL.replace("(30/4/1975 - 30/4/2025)", ""))
    assert caught.value.key == "import_no_anniversary"


def test_given_anniversary_and_year() -> None:
    text = SMALL.replace("(30/4/1975 - 30/4/2025)", "")
    found = convert(_paras(text), "x.txt", REGISTRY.anniversaries,
                    anniversary=REGISTRY.get("giai-phong-mien-nam"), year=2025)
    assert (found.plan["anniversary"], found.plan["year"]) == ("giai-phong-mien-nam", 2025)


def test_an_ad_hoc_anniversary_is_kept_by_name_and_date() -> None:
    text = SMALL.replace("50 năm Ngày giải phóng hoàn toàn miền Nam, thống nhất đất nước "
                         "(30/4/1975 - 30/4/2025)",
                         "40 năm Ngày thành lập Trường THCS An Khánh (05/9/1985 - 05/9/2025)")
    plan = _small(text).plan
    assert plan["anniversary"] == {"name": "Ngày thành lập Trường THCS An Khánh",
                                   "date": "05/09/1985"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=120), max_size=30))
def test_arbitrary_text_raises_nothing_but_the_importers_own_error(lines: list[str]) -> None:
    paras = tuple(Paragraph(t, n) for n, t in enumerate(lines, 1))
    with contextlib.suppress(DocumentError):
        convert(paras, "fuzz.txt", REGISTRY.anniversaries)


LINES = st.sampled_from(SMALL.splitlines() + seed_texts()["003_b4e5aed4716bfe0a"].splitlines())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, min_size=1, max_size=40), st.integers(0, 2**16))
def test_shuffled_real_lines_raise_nothing_but_the_importers_own_error(
        lines: list[str], salt: int) -> None:
    text = "\n".join(lines).replace("2025", str(1900 + salt % 300))
    with contextlib.suppress(DocumentError):
        convert(_paras(text), "fuzz.txt", REGISTRY.anniversaries)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md", ".docx", ".pdf"]))
def test_arbitrary_files_raise_nothing_but_the_two_errors(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(data)
        with contextlib.suppress(DocumentError):  # ImportProblem is one
            import_document(path, REGISTRY.anniversaries)


TABLE = [["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"],
         ["I", "HOẠT ĐỘNG TRỌNG TÂM", "", "", ""],
         ["1", "Lễ kỷ niệm cấp tỉnh", "UBND tỉnh", "Sở Nội vụ, Sở Văn hóa, Thể thao và Du lịch",
          "ngày 06/01/2026"],
         ["2", "Triển lãm ảnh", "Sở Văn hóa, Thể thao và Du lịch", "",
          "từ ngày 01/01 đến 10/01/2026"],
         ["3", "Tọa đàm", "Sở Nội vụ", "", "sau Tết"]]


def test_a_table_of_activities_and_attribute_lines(tmp_path: Path) -> None:
    """A Word table (TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian) and the
    "- Thời gian: …", "- Đơn vị chủ trì: …" lines under a numbered task."""
    text = (FIXTURES / "imports" / "bac-ninh-table.txt").read_text(encoding="utf-8")
    found = import_document(write_docx(text, tmp_path / "plan.docx", table=TABLE),
                            REGISTRY.anniversaries)
    rows = {a["text"]: a for a in found.report["activities"]}
    press = rows["Tuyên truyền trên báo chí"]
    assert (press["start"], press["end"]) == ("2026-01-01", "2026-03-31")
    assert press["roles"] == {"Sở Văn hóa, Thể thao và Du lịch": "lead",
                              "Báo Bắc Ninh": "partner",
                              "Đài Phát thanh và Truyền hình tỉnh": "partner"}
    assert (rows["Hội thảo khoa học"]["start"], rows["Hội thảo khoa học"]["end"]) == (
        "2026-01-01", "2026-01-07")
    ceremony = rows["Lễ kỷ niệm cấp tỉnh"]
    assert (ceremony["start"], ceremony["lead"], ceremony["partners"]) == (
        "2026-01-06", ["UBND tỉnh"], ["Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch"])
    assert rows["Triển lãm ảnh"]["end"] == "2026-01-10"
    assert "HOẠT ĐỘNG TRỌNG TÂM" not in rows  # a group row, not a task
    assert [(u.text, u.why) for u in found.unread] == [("sau Tết", "import_unread_time")]
    # issued 15/01/2026, after the events it plans: a misprint the clerk must see
    assert sum(k == "import_window_before_plan" for k, _ in found.warnings) == 3
