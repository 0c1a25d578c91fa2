"""What a plan document cites (scheduler/imports/references.py; DOMAIN.md "References"):
documents with their kind, number, date and issuer, and anniversaries, dated or not, linked to
the registry (data/anniversaries.yaml through Settings().registry())."""

from __future__ import annotations

from datetime import date

import pytest

from scheduler.commands import Settings
from scheduler.imports.references import (
    DOC_TYPES,
    Reference,
    anniversaries,
    day_of,
    match_registry,
    references,
)

REGISTRY = Settings().registry()
ANNIVERSARIES = REGISTRY.anniversaries


def ref(number: str, when: date | None, kind: str, type_: str, issuer: str | None,
        line: int = 3) -> Reference:
    return Reference(number, when, kind, type_, issuer, line)


# -- references ------------------------------------------------------------------------------

@pytest.mark.parametrize("type_", DOC_TYPES)
def test_every_document_type(type_: str) -> None:
    text = f"Căn cứ {type_} số 12/KH-UBND ngày 05/3/2024 của UBND quận; UBND phường"
    assert references(text, 7, "implements") == [
        ref("12/KH-UBND", date(2024, 3, 5), "basis", type_, "UBND quận", 7)]


@pytest.mark.parametrize(("written", "type_"), [("kế hoạch", "Kế hoạch"),
                                                ("KẾ HOẠCH", "Kế hoạch"),
                                                ("chỉ thị", "Chỉ thị")])
def test_the_type_is_spelled_one_way(written: str, type_: str) -> None:
    assert [r.type for r in references(f"Căn cứ {written} số 9/KH-UBND;", 1, "basis")] == [
        type_]


def test_basis_and_implements_by_the_nearest_word_before() -> None:
    text = ("Căn cứ Hướng dẫn số 12-HD/BTGTW ngày 10/01/2025 của Ban Tuyên giáo Trung ương; "
            "thực hiện Kế hoạch số 300-KH/TU ngày 20/02/2025 của Ban Thường vụ Thành ủy, UBND "
            "phường xây dựng kế hoạch như sau:")
    assert references(text, 3, "basis") == [
        ref("12-HD/BTGTW", date(2025, 1, 10), "basis", "Hướng dẫn",
            "Ban Tuyên giáo Trung ương"),
        ref("300-KH/TU", date(2025, 2, 20), "implements", "Kế hoạch", "Ban Thường vụ Thành ủy")]


@pytest.mark.parametrize("default", ["basis", "implements"])
def test_with_no_word_before_the_default_kind(default: str) -> None:
    found = references("về tổ chức theo Kế hoạch số 88/KH-UBND ngày 23/3/2024", 2, default)
    assert [(r.number, r.kind) for r in found] == [("88/KH-UBND", default)]


def test_the_issuer_after_a_list_issued_them_all() -> None:
    text = ("Thực hiện Đề án số 03/UBND-ĐA ngày 22/3/2024, Kế hoạch số 88/KH-UBND ngày "
            "23/3/2024 của UBND thành phố Hà Nội về tổ chức các hoạt động kỷ niệm; Thông báo "
            "số 5/TB-VP")
    assert references(text, 3, "basis") == [
        ref("03/UBND-ĐA", date(2024, 3, 22), "implements", "Đề án", "UBND thành phố Hà Nội"),
        ref("88/KH-UBND", date(2024, 3, 23), "implements", "Kế hoạch", "UBND thành phố Hà Nội"),
        ref("5/TB-VP", None, "implements", "Thông báo", None)]  # after the issuer: not its


@pytest.mark.parametrize(("written", "when"), [
    ("ngày 26 tháng 5 năm 2022", date(2022, 5, 26)),
    (", ngày 26/5/2022", date(2022, 5, 26)),
    ("ngày 26 / 05 / 2022", date(2022, 5, 26)),
    ("", None),
    ("ngày 31/02/2022", None),  # no such day: no date rather than a wrong one
])
def test_the_date_as_written(written: str, when: date | None) -> None:
    text = f"Thực hiện Kế hoạch số 80-KH/TU {written} của Ban Thường vụ Thành ủy Hà Nội về"
    assert references(text, 3, "basis") == [
        ref("80-KH/TU", when, "implements", "Kế hoạch", "Ban Thường vụ Thành ủy Hà Nội")]


@pytest.mark.parametrize(("after", "issuer"), [
    ("của Ban Thường vụ Thành ủy về việc tổ chức", "Ban Thường vụ Thành ủy"),
    ("của UBND quận v/v treo cờ", "UBND quận"),
    ("do Văn phòng Thành ủy ban hành", "Văn phòng Thành ủy"),
    ("của UBND quận (bản sao)", "UBND quận"),
    ("của UBND quận", "UBND quận"),
    ("của Bộ Chính trị và các văn bản liên quan", "Bộ Chính trị"),
])
def test_the_issuer_ends_at_what_follows_it(after: str, issuer: str) -> None:
    assert [r.issuer for r in references(f"Căn cứ Kế hoạch số 7/KH-UBND {after}", 1,
                                         "basis")] == [issuer]


@pytest.mark.parametrize("text", [
    "Căn cứ Kế hoạch số 12 ngày 5/3/2024 của UBND quận;",
    "Căn cứ Quyết định 125 của UBND quận;",
    "Thực hiện Kế hoạch năm 2024 của UBND quận;",
    "Thực hiện Kế hoạch tổ chức kỷ niệm của Thành ủy;",
])
def test_a_number_without_slash_or_dash_is_not_taken(text: str) -> None:
    assert references(text, 1, "basis") == []


def test_numbers_with_several_parts() -> None:
    found = references("Căn cứ Nghị định số 145/2013/NĐ-CP ngày 29/10/2013 của Chính phủ; Quyết "
                       "định số 1.234/QĐ-UBND", 1, "basis")
    assert [(r.type, r.number) for r in found] == [("Nghị định", "145/2013/NĐ-CP"),
                                                   ("Quyết định", "1.234/QĐ-UBND")]


def test_two_references_joined_by_va() -> None:
    found = references("Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị và Kế hoạch "
                       "số 7/KH-UBND ngày 1/2/2024 của UBND quận;", 1, "basis")
    assert [(r.number, r.issuer) for r in found] == [("05-CT/TW", "Bộ Chính trị"),
                                                     ("7/KH-UBND", "UBND quận")]


def test_the_issuer_ends_before_quy_dinh() -> None:
    found = references("Căn cứ Nghị định số 145/2013/NĐ-CP ngày 29/10/2013 của Chính phủ quy "
                       "định về tổ chức ngày kỷ niệm", 1, "basis")
    assert [r.issuer for r in found] == ["Chính phủ"]


@pytest.mark.parametrize(("text", "when"), [
    ("18/12/1972", date(1972, 12, 18)),
    ("7 tháng 5 năm 1954", date(1954, 5, 7)),
    ("30/2/2024", None),
    ("12/2024", None),
    (None, None),
    ("", None),
])
def test_day_of(text: str | None, when: date | None) -> None:
    assert day_of(text) == when


# -- anniversaries ---------------------------------------------------------------------------

def cited(text: str, year: int | None = 2025) -> list[tuple[str, int, str | None]]:
    return [(c.name, c.ordinal, c.registry.id if c.registry else None)
            for c in anniversaries(text, 4, year, ANNIVERSARIES)]


def test_a_dated_anniversary_is_matched_by_origin_and_name() -> None:
    [found] = anniversaries("Tổ chức kỷ niệm 50 năm Ngày giải phóng hoàn toàn miền Nam, thống "
                            "nhất đất nước (30/4/1975 - 30/4/2025)", 4, None, ANNIVERSARIES)
    assert (found.name, found.origin, found.day, found.ordinal, found.line) == (
        "Ngày giải phóng hoàn toàn miền Nam, thống nhất đất nước", date(1975, 4, 30),
        date(2025, 4, 30), 50, 4)
    assert found.registry is not None and found.registry.id == "giai-phong-mien-nam"
    assert found.key == ("giai-phong-mien-nam",)


@pytest.mark.parametrize("name", [
    "NGÀY GIẢI PHÓNG HOÀN TOÀN MIỀN NAM, THỐNG NHẤT ĐẤT NƯỚC",
    "ngay giai phong hoan toan mien nam, thong nhat dat nuoc",
    "Ngày Giải phóng miền Nam",
])
def test_names_compare_without_diacritics_or_case(name: str) -> None:
    assert cited(f"kỷ niệm 50 năm {name} (30/4/1975 - 30/4/2025)") == [
        (name, 50, "giai-phong-mien-nam")]


def test_a_name_with_another_origin_is_not_matched() -> None:
    assert cited("50 năm Chiến thắng Điện Biên Phủ (08/5/1954 - 08/5/2004)") == [
        ("Chiến thắng Điện Biên Phủ", 50, None)]


def test_the_same_origin_needs_the_name_too() -> None:
    """19/8/1945 is both the August Revolution and the People's Police's founding day."""
    assert cited("80 năm Ngày truyền thống Công an nhân dân (19/8/1945 - 19/8/2025)") == [
        ("Ngày truyền thống Công an nhân dân", 80, "cong-an-nhan-dan")]
    assert cited("80 năm Cách mạng Tháng Tám (19/8/1945-19/8/2025)") == [
        ("Cách mạng Tháng Tám", 80, "cach-mang-thang-tam")]


def test_several_dated_anniversaries_in_one_sentence() -> None:
    assert cited("gắn với các hoạt động kỷ niệm 76 năm Ngày toàn quốc kháng chiến (19/12/1946 - "
                 "19/12/2022), 78 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 – "
                 "22/12/2022), 33 năm Ngày hội quốc phòng toàn dân (22/12/1989 - 22/12/2022)",
                 2022) == [
        ("Ngày toàn quốc kháng chiến", 76, "toan-quoc-khang-chien"),
        ("Ngày thành lập Quân đội nhân dân Việt Nam", 78, "thanh-lap-quan-doi-nhan-dan"),
        ("Ngày hội quốc phòng toàn dân", 33, "ngay-hoi-quoc-phong-toan-dan")]


def test_a_dated_combined_anniversary_is_read_once() -> None:
    assert cited("Hội thi gắn với 80 năm Ngày Cách mạng tháng Tám thành công (19/8/1945 - "
                 "19/8/2025)") == [("Ngày Cách mạng tháng Tám thành công", 80,
                                    "cach-mang-thang-tam")]


GENEVA = ("tham gia Cuộc thi tìm hiểu 70 năm Chiến thắng Điện Biên Phủ kết hợp với {n} năm ngày "
          "ký Hiệp định Giơ-ne-vơ về đình chỉ chiến sự ở Việt Nam do Trung ương Đoàn chủ trì")


def test_an_undated_combined_anniversary_by_name_and_ordinal() -> None:
    [found] = anniversaries(GENEVA.format(n=70), 9, 2024, ANNIVERSARIES)
    assert found.registry is not None and found.registry.id == "hiep-dinh-gio-ne-vo"
    assert (found.name, found.origin, found.day, found.ordinal, found.line) == (
        found.registry.name, None, None, 70, 9)


@pytest.mark.parametrize(("n", "year"), [(71, 2024), (70, 2025), (70, None)])
def test_an_undated_anniversary_needs_the_ordinal_to_fit_the_year(n: int, year: int | None
                                                                   ) -> None:
    [found] = anniversaries(GENEVA.format(n=n), 9, year, ANNIVERSARIES)
    assert (found.registry, found.ordinal, found.origin) == (None, n, None)
    assert found.name.startswith("ngày ký Hiệp định Giơ-ne-vơ về đình chỉ chiến sự ở Việt Nam")


def test_an_undated_name_ends_before_the_rest_of_the_clause() -> None:
    assert cited("Hội thi gắn với kỷ niệm 40 năm Ngày thành lập Trường THCS An Khánh do Đoàn "
                 "trường tổ chức") == [("Ngày thành lập Trường THCS An Khánh", 40, None)]


@pytest.mark.parametrize("lead", ["gắn với", "kết hợp với", "kết hợp", "cùng với",
                                  "gắn với các hoạt động kỷ niệm", "Gắn với kỷ niệm"])
def test_the_words_that_combine(lead: str) -> None:
    assert cited(f"Hội thi {lead} 80 năm Cách mạng Tháng Tám") == [
        ("Ngày Cách mạng Tháng Tám thành công", 80, "cach-mang-thang-tam")]


def test_an_ad_hoc_anniversary_is_kept_by_name() -> None:
    dated = anniversaries("40 năm Ngày thành lập Trường THCS An Khánh (05/9/1985 - 05/9/2025)",
                          2, 2025, ANNIVERSARIES)
    undated = anniversaries("gắn với kỷ niệm 40 năm Ngày thành lập Trường THCS An Khánh", 3,
                            2025, ANNIVERSARIES)
    assert [(c.name, c.origin, c.ordinal, c.registry) for c in dated + undated] == [
        ("Ngày thành lập Trường THCS An Khánh", date(1985, 9, 5), 40, None),
        ("Ngày thành lập Trường THCS An Khánh", None, 40, None)]
    assert dated[0].key == ("ngay thanh lap truong thcs an khanh", date(1985, 9, 5))


def test_no_anniversary() -> None:
    assert cited("Tổ chức Lễ kỷ niệm trong năm 2025 (theo chỉ đạo của Thành phố)") == []


def test_the_ordinal_is_the_one_next_to_the_name() -> None:
    assert cited("tổng kết 10 năm thực hiện Chỉ thị 05 gắn với kỷ niệm 70 năm Ngày Giải phóng "
                 "Thủ đô (10/10/1954 - 10/10/2024)", 2024) == [
        ("Ngày Giải phóng Thủ đô", 70, "giai-phong-thu-do")]


# -- the registry ----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "ident"), [
    ("Hiệp định Geneva", "hiep-dinh-gio-ne-vo"),  # an alias
    ("Hiệp định Genève", "hiep-dinh-gio-ne-vo"),
    ("NGÀY BÁC HỒ ĐI XA", "ngay-mat-ho-chi-minh"),
    ("ngay bac ho di xa", "ngay-mat-ho-chi-minh"),
])
def test_match_registry_uses_aliases(name: str, ident: str) -> None:
    entry = REGISTRY.get(ident)
    assert entry is not None
    o = entry.origin
    assert o.year is not None
    found = match_registry(name, None, 2024 - o.year, 2024, ANNIVERSARIES)
    assert found is not None and found.id == ident
    by_origin = match_registry(name, date(o.year, o.month, o.day), 70, None, ANNIVERSARIES)
    assert by_origin is not None and by_origin.id == ident


def test_match_registry_asks_more_of_a_name_without_dates() -> None:
    """Dated, half the registry name's words will do; undated, four fifths are needed."""
    origin = date(1954, 10, 10)
    assert match_registry("Ngày Giải phóng", origin, 70, None, ANNIVERSARIES) is not None
    assert match_registry("Ngày Giải phóng", None, 70, 2024, ANNIVERSARIES) is None
    found = match_registry("Giải phóng Thủ đô", None, 70, 2024, ANNIVERSARIES)
    assert found is not None and found.id == "giai-phong-thu-do"


def test_match_registry_with_nothing_to_go_on() -> None:
    assert match_registry("Ngày Giải phóng Thủ đô", None, 70, None, ANNIVERSARIES) is None
    assert match_registry("Ngày Giải phóng Thủ đô", None, 70, 2024, ()) is None
