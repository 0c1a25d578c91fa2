"""Units and their roles in a plan's sentences (DOMAIN.md "Roles", "Abbreviations").

Rules, as tables (tests/test_imports_parties.py):
* A unit heading of the assignment section names one or more units: "Công an quận, Ban CHQS
  quận" is two; "Các phòng, ban, đơn vị thuộc quận" is one (a piece after a comma that does
  not start with a capitalised unit word belongs to the piece before). "Đề nghị …" before
  the names makes them ``requested`` (bodies outside the issuer's authority).
* A task's first words give the block unit's role (:data:`ROLE_VERBS`): "Tham mưu …"
  advises, "Chỉ đạo …" directs, "Hướng dẫn …" guides, "Phối hợp …" partners; otherwise the
  unit leads (chủ trì).
* "X chủ trì, phối hợp với Y và Z …" at a sentence's start names its own lead X, which
  replaces the block unit; "phối hợp (với|cùng) Y, Z" anywhere names partners.
* A name starting with "Các"/"những" or holding "các <phường|xã|phòng|…>" or "cấp <xã|…>" is a
  collective (a level or a group), not one body.
"""

from __future__ import annotations

import re

from ..names import fold
from ..plans.model import Role

#: First words of a unit's name (folded): "Ban …", "Phòng …", "UBND …", "Hội …".
UNIT_HEADS = re.compile(
    r"^(cac |ban |phong |uy ban|ubnd|ub |hdnd|van phong|hoi |doan |cong an|trung tam|"
    r"mat tran|mttq|dang uy|chi bo|chi uy|quan uy|huyen uy|thanh uy|tinh uy|bo chi huy|"
    r"ban chi huy|bchqs|chqs|bao |dai |truong |nha truong|cuc |so |vien |lien doan|"
    r"thuong truc|thuong vu|co quan|don vi|trang thong tin|cong thong tin)")


#: A task's first word(s) (folded) → the block unit's role; the first match wins.
ROLE_VERBS: tuple[tuple[re.Pattern[str], Role], ...] = tuple(
    (re.compile(pattern), role) for pattern, role in (
        (r"^chu tri\b", Role.LEAD),
        (r"^tham muu\b", Role.ADVISES),
        (r"^chi dao\b", Role.DIRECTS),
        (r"^huong dan\b", Role.GUIDES),
        (r"^phoi hop\b", Role.PARTNER),
    ))
REQUESTED = re.compile(r"^de nghi\s+")
COLLECTIVE = re.compile(r"^(cac|nhung)\b|\bcac (xa|phuong|thi tran|huyen|quan|phong|ban|don vi|"
                        r"chi bo|dang bo|to chuc|truong|co quan|so|nganh|doan the|cap)\b|"
                        r"\bcap (xa|huyen|tinh|quan|phuong|co so)\b")
#: "X chủ trì, phối hợp với …": a sentence that names its own lead.
OWN_LEAD = re.compile(r"^(?P<lead>[^;:()]{3,160}?)\s+chủ trì\b[,;:]?\s*", re.IGNORECASE)
#: "phối hợp với Y, Z và W" up to a verb or punctuation.
PARTNERS = re.compile(
    r"\bphối hợp(?:\s+(?:với|cùng))?\s+(?P<units>.+?)(?=(?<![cC]ác)\s+(?:tổ chức|thực hiện|"
    r"triển khai|tham mưu|hướng dẫn|kiểm tra|đôn đốc|tuyên truyền|xây dựng|chuẩn bị|để|nhằm|"
    r"trong|theo|đề xuất|tăng cường|chủ động|rà soát|vận động|giới thiệu|phát động|hưởng ứng|"
    r"bảo đảm|đảm bảo)\b|"
    r"\s+(?-i:thông tin),|[;:.()]|$)", re.IGNORECASE)


SEPARATOR = re.compile(r"\s*[;,]\s*|\s+và\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ]|các\s)")


def split_units(text: str) -> list[str]:
    """"Công an quận, Ban CHQS quận" → two names; "Các phòng, ban, đơn vị" → one (a piece
    that does not start a name is glued back with the words that separated it)."""
    text = re.sub(r"\s+", " ", text.strip(" .:;,*"))
    text = ONE_OFFICE.sub(lambda m: m[0].replace(" và ", "\x00"), text)
    names: list[str] = []
    at, glue = 0, " "
    for m in [*SEPARATOR.finditer(text), None]:
        piece = text[at: m.start() if m else len(text)].strip()
        if piece and names and not (looks_like_unit(piece) or _another_body(piece)):
            names[-1] += glue + piece
        elif piece:
            names.append(piece)
        if m is not None:
            glue, at = m[0] if m[0].strip() else " ", m.end()
            glue = glue if glue.startswith(" ") else glue.strip() + " "
    return [tidy(n.replace("\x00", " và ")) for n in names if n]


#: Bodies a list names in lower case after the first ("Các tổ chức CT-XH, chi bộ trực thuộc"),
#: as opposed to the generic nouns of one group ("Các phòng, ban, đơn vị thuộc quận").
ANOTHER_BODY = re.compile(r"^(chi bo|truong|hoi|doan|to chuc|mat tran|cong an|trung tam)\b")


def _another_body(piece: str) -> bool:
    return len(piece.split()) >= 2 and bool(ANOTHER_BODY.match(fold(piece)))


#: "Văn phòng HĐND và UBND": one office, whatever "và" says.
ONE_OFFICE = re.compile(r"HĐND và UBND|Hội đồng nhân dân và Ủy ban nhân dân")


#: Words that start like a unit's name and are not one ("Ban hành", "Báo cáo", "Hội thi").
NOT_UNITS = re.compile(
    r"^(ban hanh|bao dam|bao cao|bao ve|hoi thi|hoi nghi|hoi thao|hoi dien|so ket|dai hoi|"
    r"truong hop|cac (hoat dong|hinh thuc|noi dung|chuong trinh|tuyen|dia diem|ngay|le|cuoc|"
    r"gia dinh|dong chi|tang lop|doi tuong|di tich|cong trinh|phong trao|tin|bai|san pham))\b")


def looks_like_unit(text: str) -> bool:
    """A name that starts with a unit word: "Ban …", "UBND …", "Các …", "các tổ chức …"."""
    text = text.strip()
    folded = fold(text) + " "
    if NOT_UNITS.match(folded):
        return False
    return bool((text[:1].isupper() or folded.startswith("cac ")) and UNIT_HEADS.match(folded))


def tidy(name: str) -> str:
    """One spelling: spaces collapsed, trailing punctuation gone, first letter capitalised;
    what follows "là" is said of the unit, not its name ("Sở … là cơ quan thường trực")."""
    name = re.sub(r"\s+là\s.*$", "", re.sub(r"\s+", " ", name)).strip(" .,;:*")
    return name[:1].upper() + name[1:]


def collective(name: str) -> bool:
    return bool(COLLECTIVE.search(fold(name)))


def heading_units(heading: str) -> tuple[list[str], Role | None]:
    """The units a heading names, and ``requested`` when it starts with "Đề nghị"."""
    requested = REQUESTED.match(fold(heading))
    rest = heading[requested.end():] if requested else heading
    return split_units(rest), Role.REQUESTED if requested else None


#: "Chỉ đạo, hướng dẫn, tổ chức …": a unit that also carries the task out leads it.
ALSO_DOES = re.compile(r"^((chi dao|huong dan|kiem tra|don doc)(, | va ))+(to chuc|thuc hien)\b")


def task_role(text: str) -> Role:
    folded = fold(text.strip())
    if ALSO_DOES.match(folded):
        return Role.LEAD
    return next((role for rx, role in ROLE_VERBS if rx.search(folded)), Role.LEAD)


def own_lead(text: str) -> tuple[list[str], str] | None:
    """"X chủ trì, phối hợp với …", "X, Y chủ trì …" → (the leads' names, the rest)."""
    m = OWN_LEAD.match(text.strip())
    if m is None:
        return None
    names = split_units(m["lead"])
    if not names or not all(looks_like_unit(n) for n in names):
        return None
    return names, text.strip()[m.end():]


def partners(text: str) -> list[str]:
    """The units after the first "phối hợp (với)": a later one is someone else's partner
    ("… do các đơn vị ở Trung ương chủ trì, phối hợp với UBND tỉnh …")."""
    m = PARTNERS.search(text)
    if m is None:
        return []
    return list(dict.fromkeys(tidy(n) for n in split_units(m["units"])
                              if looks_like_unit(n) and fold(n).strip() != "cac"))


#: Verbs that end a sentence's subject: "UBND, Ủy ban MTTQ … phường đẩy mạnh …".
SUBJECT_VERB = re.compile(
    r"(?<![cC]ác)\s+(?:đẩy mạnh|tăng cường|triển khai|tổ chức|thực hiện|xây dựng|chủ động|"
    r"phát động|tham gia|hưởng ứng|chịu trách nhiệm|phối hợp|tham mưu|chỉ đạo|hướng dẫn|là|"
    r"chủ trì|căn cứ|bảo đảm|đảm bảo|thẩm định|gửi|tổng hợp|theo dõi|vận động|tuyên truyền|rà soát|"
    r"lập|báo cáo|hoàn thành|cử|bố trí|chuẩn bị|phân công|giao)\b")


def subject(text: str) -> tuple[list[str], str] | None:
    """Units that are a content sentence's subject: "Các tổ chức CT-XH, chi bộ trực thuộc,
    các trường học triển khai …" → their names and the rest."""
    m = SUBJECT_VERB.search(text[:160])
    if m is None or not looks_like_unit(text):
        return None
    names = [n for n in split_units(text[: m.start()]) if fold(n).strip() != "cac"]
    return (names, text[m.end():]) if names else None


def sentence(text: str) -> bool:
    """A whole sentence rather than a heading: units doing something ("UBND các xã … gửi về
    Sở … chậm nhất ngày 31/3/2026"), long, or ended by a full stop."""
    text = text.strip()
    return (subject(text) is not None or own_lead(text) is not None) and (
        len(text) > 60 or text.endswith("."))
