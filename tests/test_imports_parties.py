"""Units and their roles in a plan's sentences (scheduler/imports/parties.py; DOMAIN.md
"Roles", "Abbreviations"): unit headings split into bodies, collectives, the role a task's
first words give, a sentence's own lead, its partners and its subject."""

from __future__ import annotations

import pytest

from scheduler.imports.parties import (
    ROLE_VERBS,
    collective,
    heading_units,
    looks_like_unit,
    own_lead,
    partners,
    split_units,
    subject,
    task_role,
)
from scheduler.plans.model import Role


@pytest.mark.parametrize(("text", "names"), [
    ("Công an quận, Ban CHQS quận", ["Công an quận", "Ban CHQS quận"]),
    ("Công an quận và Ban CHQS quận.", ["Công an quận", "Ban CHQS quận"]),
    ("Ban Tuyên giáo Quận ủy, Ban Dân vận Quận ủy; Ủy ban MTTQ",
     ["Ban Tuyên giáo Quận ủy", "Ban Dân vận Quận ủy", "Ủy ban MTTQ"]),
    ("Các phòng, ban, đơn vị thuộc quận", ["Các phòng, ban, đơn vị thuộc quận"]),
    ("UBND các xã, phường", ["UBND các xã, phường"]),
    ("Văn phòng HĐND và UBND quận", ["Văn phòng HĐND và UBND quận"]),
    ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường",
     ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường"]),
    ("Phòng Văn hóa và Thông tin quận", ["Phòng Văn hóa và Thông tin quận"]),
    ("Phòng Lao động - Thương binh và Xã hội quận",
     ["Phòng Lao động - Thương binh và Xã hội quận"]),
    ("Ủy ban MTTQ và các tổ chức chính trị - xã hội phường",
     ["Ủy ban MTTQ", "Các tổ chức chính trị - xã hội phường"]),
    ("  Ban   Tuyên giáo  Quận ủy : ", ["Ban Tuyên giáo Quận ủy"]),
    ("phòng Nội vụ", ["Phòng Nội vụ"]),
])
def test_split_units(text: str, names: list[str]) -> None:
    assert split_units(text) == names


@pytest.mark.parametrize(("text", "unit"), [
    ("Ban Tuyên giáo Quận ủy", True),
    ("UBND phường", True),
    ("Ủy ban MTTQ", True),
    ("Đoàn TNCS Hồ Chí Minh", True),
    ("Hội CCB", True),
    ("Công an quận", True),
    ("Trung tâm Văn hóa - Thông tin và Thể thao quận", True),
    ("Các đơn vị liên quan", True),
    ("các tổ chức chính trị - xã hội", True),  # a lower-case "các …" is still a name
    ("ban Tuyên giáo", False),  # any other name starts with a capital
    ("Nhân dân", False),
    ("Tổ chức hội thi", False),
    ("Phối hợp với Công an", False),
    ("", False),
])
def test_looks_like_unit(text: str, unit: bool) -> None:
    assert looks_like_unit(text) is unit


@pytest.mark.parametrize("text", ["Ban hành văn bản hướng dẫn", "Bảo đảm an ninh trật tự",
                                  "Báo cáo kết quả", "Hội thi tìm hiểu lịch sử",
                                  "Hội nghị báo cáo viên"])
def test_verbs_and_events_are_no_units(text: str) -> None:
    assert not looks_like_unit(text)


@pytest.mark.parametrize(("name", "many"), [
    ("Các phòng, ban, đơn vị thuộc quận", True),
    ("những đơn vị liên quan", True),
    ("UBND các xã, phường", True),
    ("UBND các phường", True),
    ("Chi bộ các trường", True),
    ("UBND cấp xã", True),
    ("Các tổ chức chính trị - xã hội phường", True),
    ("Công an quận", False),
    ("Ủy ban MTTQ", False),
    ("Phòng Văn hóa và Thông tin quận", False),
    ("Ban Các vấn đề xã hội", False),  # "Các" inside a name, before no level
])
def test_collective(name: str, many: bool) -> None:
    assert collective(name) is many


@pytest.mark.parametrize(("heading", "names", "role"), [
    ("Công an phường, Ban Chỉ huy Quân sự phường",
     ["Công an phường", "Ban Chỉ huy Quân sự phường"], None),
    ("Đề nghị Ủy ban MTTQ và các tổ chức chính trị - xã hội phường",
     ["Ủy ban MTTQ", "Các tổ chức chính trị - xã hội phường"], Role.REQUESTED),
    ("Đề nghị Ban Tuyên giáo Quận ủy, Ban Dân vận Quận ủy; Ủy ban MTTQ",
     ["Ban Tuyên giáo Quận ủy", "Ban Dân vận Quận ủy", "Ủy ban MTTQ"], Role.REQUESTED),
    ("đề nghị Hội Cựu chiến binh quận", ["Hội Cựu chiến binh quận"], Role.REQUESTED),
    ("Các phòng, ban, đơn vị thuộc quận", ["Các phòng, ban, đơn vị thuộc quận"], None),
])
def test_heading_units(heading: str, names: list[str], role: Role | None) -> None:
    assert heading_units(heading) == (names, role)


ROLES = [
    ("Chủ trì tổ chức Lễ kỷ niệm.", Role.LEAD),
    ("Tham mưu tổ chức Lễ kỷ niệm.", Role.ADVISES),
    ("Chỉ đạo các phòng, ban chuyên môn xây dựng kế hoạch.", Role.DIRECTS),
    ("Hướng dẫn các trường học tổ chức tuyên truyền.", Role.GUIDES),
    ("Phối hợp phòng Nội vụ đề xuất khen thưởng.", Role.PARTNER),
]


@pytest.mark.parametrize(("text", "role"), [
    *ROLES,
    ("CHỦ TRÌ, phối hợp với các đơn vị.", Role.LEAD),
    ("  Tham mưu, phối hợp các đơn vị liên quan.", Role.ADVISES),  # the first words only
    ("Chỉ đạo, hướng dẫn các cơ sở tuyên truyền.", Role.DIRECTS),
    ("Tổ chức Lễ kỷ niệm.", Role.LEAD),  # no role word: the unit leads
    ("Xây dựng kế hoạch, tham mưu tổ chức.", Role.LEAD),
    # the unit that also carries the task out leads it
    ("Chỉ đạo, hướng dẫn, tổ chức đợt sinh hoạt chính trị.", Role.LEAD),
    ("Chỉ đạo và thực hiện tu bổ di tích.", Role.LEAD),
    ("Hướng dẫn, kiểm tra, tổ chức hội thi.", Role.LEAD),
])
def test_task_role(text: str, role: Role) -> None:
    assert task_role(text) is role


def test_every_role_verb_is_tried() -> None:
    assert {role for _, role in ROLE_VERBS} == {role for _, role in ROLES}


@pytest.mark.parametrize(("text", "lead", "rest"), [
    ("Ban Chỉ huy Quân sự phường chủ trì, phối hợp với Hội CCB tổ chức gặp mặt.",
     ["Ban Chỉ huy Quân sự phường"], "phối hợp với Hội CCB tổ chức gặp mặt."),
    ("Ban chỉ huy Quân sự Quận chủ trì phối hợp với phòng Lao động - Thương binh và xã hội "
     "tham mưu các hoạt động tặng quà.", ["Ban chỉ huy Quân sự Quận"],
     "phối hợp với phòng Lao động - Thương binh và xã hội tham mưu các hoạt động tặng quà."),
    ("Công an phường và Ban CHQS phường chủ trì: bảo đảm an ninh.",
     ["Công an phường", "Ban CHQS phường"], "bảo đảm an ninh."),
    ("Các nhà trường trên địa bàn phường chủ trì, phối hợp với Đoàn phường.",
     ["Các nhà trường trên địa bàn phường"], "phối hợp với Đoàn phường."),
])
def test_own_lead(text: str, lead: list[str], rest: str) -> None:
    assert own_lead(text) == (lead, rest)


def test_own_lead_of_two_units_separated_by_a_comma() -> None:
    assert own_lead("Công an phường, Ban CHQS phường chủ trì, phối hợp với Hội CCB bảo đảm an "
                    "ninh.") == (["Công an phường", "Ban CHQS phường"],
                                 "phối hợp với Hội CCB bảo đảm an ninh.")


@pytest.mark.parametrize("text", [
    "Chủ trì, phối hợp với các cơ quan liên quan theo dõi việc thực hiện.",  # no name before
    "Tham gia Cuộc thi do Trung ương Đoàn chủ trì.",  # "chủ trì" ends it: no sentence start
    "Tham mưu UBND quận chủ trì tổ chức Lễ kỷ niệm.",  # the words before are no unit
    "Tổ chức Lễ kỷ niệm.",
])
def test_no_own_lead(text: str) -> None:
    assert own_lead(text) is None


@pytest.mark.parametrize(("text", "names"), [
    ("Ban Chỉ huy Quân sự phường chủ trì, phối hợp với Hội CCB, UB MTTQ và các cơ quan, đơn vị "
     "liên quan tổ chức các hoạt động gặp mặt.",
     ["Hội CCB", "UB MTTQ", "Các cơ quan, đơn vị liên quan"]),
    # the first "phối hợp" only: the later one is the Central bodies' partner
    ("Các nhà trường chủ trì, phối hợp với Đoàn TNCS Hồ Chí Minh phường triển khai cuộc thi do "
     "các đơn vị ở Trung ương chủ trì, phối hợp với UBND tỉnh Điện Biên tổ chức.",
     ["Đoàn TNCS Hồ Chí Minh phường"]),
    # "và" before a capital inside one name: the office is kept whole
    ("Tham mưu UBND quận thông báo treo cờ; phối hợp phòng Văn hóa và Thông tin quận chuẩn bị "
     "các điều kiện cần thiết.", ["Phòng Văn hóa và Thông tin quận"]),
    # "thông tin," is the task, not part of the partner's name
    ("Phối hợp cơ quan báo chí thông tin, tuyên truyền về Quận trên các lĩnh vực.",
     ["Cơ quan báo chí"]),
    ("Phối hợp cùng Công an phường, Ban CHQS phường; tuần tra.",
     ["Công an phường", "Ban CHQS phường"]),
    ("Phối hợp với Hội Cựu chiến binh (Hội CCB) thăm hỏi.", ["Hội Cựu chiến binh"]),
    ("Phối hợp với các đơn vị liên quan tổ chức các hoạt động.", ["Các đơn vị liên quan"]),
    ("Phối hợp với các tổ chức chính trị - xã hội vận động Nhân dân.",
     ["Các tổ chức chính trị - xã hội"]),  # "các tổ chức" is no verb
    ("Phối hợp tuyên truyền các gương điển hình.", []),  # no unit after it
    ("Tổ chức Lễ kỷ niệm.", []),
])
def test_partners(text: str, names: list[str]) -> None:
    assert partners(text) == names


@pytest.mark.parametrize("verb", ["bảo đảm", "đảm bảo"])
def test_partners_stop_at_bao_dam(verb: str) -> None:
    text = f"Phối hợp với Công an phường, Ban CHQS phường {verb} an ninh trật tự trong dịp lễ."
    assert partners(text) == ["Công an phường", "Ban CHQS phường"]


@pytest.mark.parametrize(("text", "names", "rest"), [
    ("UBND, Ủy ban MTTQ và các tổ chức CT-XH phường đẩy mạnh phong trào thi đua yêu nước.",
     ["UBND", "Ủy ban MTTQ", "Các tổ chức CT-XH phường"], " phong trào thi đua yêu nước."),
    ("Ban Biên tập Bản tin, Trang thông tin điện tử, Đài Truyền thanh phường tăng cường công "
     "tác tuyên truyền.",
     ["Ban Biên tập Bản tin", "Trang thông tin điện tử", "Đài Truyền thanh phường"],
     " công tác tuyên truyền."),
])
def test_subject(text: str, names: list[str], rest: str) -> None:
    assert subject(text) == (names, rest)


@pytest.mark.parametrize("text", [
    "Tổ chức treo cờ Đảng, Tổ quốc, băng zôn, khẩu hiệu tuyên truyền.",  # no unit first
    "Đội ngũ báo cáo viên từ phường đến chi bộ tăng cường báo cáo.",
    "Ban Tuyên giáo Quận ủy",  # no verb
    "Các đơn vị " + "rất " * 60 + "tổ chức tuyên truyền.",  # the verb is too far in
])
def test_no_subject(text: str) -> None:
    assert subject(text) is None


def test_subject_of_the_docstring_example() -> None:
    found = subject("Các tổ chức CT-XH, chi bộ trực thuộc, các trường học triển khai các hoạt "
                    "động nói chuyện truyền thống.")
    assert found is not None
    names, rest = found
    assert names[0].startswith("Các tổ chức CT-XH") and names[-1] == "Các trường học"
    assert rest == " các hoạt động nói chuyện truyền thống."


@pytest.mark.parametrize("text", [
    "Ban hành văn bản hướng dẫn tổ chức các hoạt động kỷ niệm.",
    "Bảo đảm an ninh trật tự, tăng cường tuần tra trong dịp lễ.",
    "Báo cáo kết quả thực hiện về UBND quận.",
    "Hội thi tìm hiểu lịch sử địa phương tổ chức trong tháng 9/2025.",
    "Các hoạt động văn hóa, văn nghệ tổ chức vào dịp kỷ niệm.",
])
def test_a_task_is_not_its_own_subject(text: str) -> None:
    assert subject(text) is None
