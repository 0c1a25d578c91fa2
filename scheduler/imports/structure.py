"""Find a plan document's structure (DOMAIN.md "How a plan document is built").

Paragraphs in, a :class:`Layout` out: the header (number, place and date), the title, the
preamble (căn cứ / thực hiện sentences), the sections (I. purposes, II. content, III.
assignment, budget, reporting) and, inside them, headings, items and sub-items, the unit
blocks of the assignment section, and the closing (from "Trên đây là", "Nơi nhận" or the
signature on). Nothing here reads dates or names units: :mod:`.convert` does.

The rules, as tables (each tested in tests/test_imports_structure.py):
* a Roman heading ("II. NỘI DUNG", "III- TỔ CHỨC THỰC HIỆN") starts a section, classed by
  :data:`SECTION_KINDS` (first match wins); a numbered heading ("1.", "3.1.") starts a
  heading inside it; "-", "–", "•" start an item and "+" a sub-item of the last item;
* an item that ends with ":" (", trong đó:") has the following items as its sub-items;
* in the assignment section a numbered heading names units; an item "Unit: task" or a
  bare "Unit:" names the unit of its task or of the sub-items that follow;
* in a unit block that had items, a later paragraph without a marker closes the block: it
  speaks for the whole plan (the closing request, the reporting rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..names import fold
from .documents import Paragraph

ROMAN = "I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII"
ROMAN_HEADING = re.compile(rf"^({ROMAN})\s*[.\-–:/)]\s*(\S.*)$")
NUMBER_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s*(?:[.\-–)/]\s*|\s+)(\S.*)$")
ITEM = re.compile(r"^[-–—•·▪●]\s*(\S.*)$")
SUB_ITEM = re.compile(r"^\+\s*(\S.*)$")

#: A section's kind from its title (folded, lower case); the first match wins.
SECTION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern)) for kind, pattern in (
        ("purpose", r"muc dich|yeu cau"),
        ("assignment", r"to chuc thuc hien|phan cong|trach nhiem"),
        ("budget", r"kinh phi"),
        ("reporting", r"che do bao cao|bao cao ket qua|thong tin bao cao"),
        ("period", r"^thoi gian"),
        ("content", r"noi dung|hoat dong|nhiem vu|chuong trinh|giai phap"),
    ))
#: Headings inside the content section that hold no work.
TOPIC = re.compile(r"^(chu de|noi dung tuyen truyen|khau hieu|de cuong|thong diep)")
PERIOD = re.compile(r"^thoi gian")
#: Where the body ends and the closing begins.
CLOSING = re.compile(r"^(tren day la|noi nhan|t/m|tm\.|kt\.|q\. |ban dien tu|ban giay)")
#: Header lines: the motto, the number, place and date.
MOTTO = re.compile(r"^(cong hoa xa hoi|doc lap|dang cong san viet nam)")
NUMBER = re.compile(r"^so\s*:?\s*(\S*)", re.IGNORECASE)
PLACE_DATE = re.compile(r"^(?P<place>[^,]{2,60}),\s*ngay\s*(?P<day>\d{0,2})\s*thang\s*"
                        r"(?P<month>\d{0,2})\s*nam\s*(?P<year>\d{4})\b")
TITLE_WORD = re.compile(r"^ke hoach\b")
#: A paragraph wholly in parentheses: "(Có biểu chi tiết kèm theo)".
NOTE = re.compile(r"^\([^()]*\)\.?$")
UNIT_COLON = re.compile(r"^(?P<unit>[^:;.]{3,120}?)\s*:\s*(?P<rest>.*)$")


@dataclass
class Entry:
    """An item of the body: its text without the marker, where it stands and what is in it."""

    para: Paragraph
    text: str
    section: str  # "II", "III.1", "II.3.1"
    kind: str  # the section's kind
    unit: str | None = None  # the unit block's (or the item's own "Unit:") heading
    heading: bool = False  # a numbered heading that holds no items: the heading is the task
    children: list[Entry] = field(default_factory=list)
    opens: bool = False  # ends with ":": the following items are its sub-items


@dataclass
class Section:
    number: str
    title: str
    kind: str
    para: Paragraph
    headings: list[tuple[str, str, Paragraph]] = field(default_factory=list)


@dataclass
class Layout:
    header: list[Paragraph] = field(default_factory=list)
    number: str | None = None  # as written after "Số:" ("125-KH/QU"; "/KH-UBND" when blank)
    place: str | None = None
    date_parts: tuple[str, str, str] | None = None  # day, month, year as written ("" blank)
    date_para: Paragraph | None = None
    title: list[Paragraph] = field(default_factory=list)
    preamble: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)  # top-level items, in order
    units: list[tuple[str, str, Paragraph]] = field(default_factory=list)  # (section, heading)
    closing: list[Paragraph] = field(default_factory=list)  # plan-wide paragraphs
    periods: list[Paragraph] = field(default_factory=list)  # "Thời gian …" paragraphs
    skipped: list[tuple[Paragraph, str]] = field(default_factory=list)  # (para, why)
    signature: list[Paragraph] = field(default_factory=list)


def section_kind(title: str) -> str:
    folded = fold(title)
    return next((kind for kind, rx in SECTION_KINDS if rx.search(folded)), "other")


def layout(paragraphs: tuple[Paragraph, ...]) -> Layout:
    """Split the document into header, title, preamble, body and closing."""
    out = Layout()
    paras = [p for p in paragraphs if p.text.strip()]
    i = _header(paras, out)
    i = _title(paras, i, out)
    _body(paras, i, out)
    return out


def _header(paras: list[Paragraph], out: Layout) -> int:
    """Everything before the line "KẾ HOẠCH" (the document type, alone or with its title)."""
    for i, para in enumerate(paras):
        folded = fold(para.text).strip()
        if TITLE_WORD.match(folded) and (para.text[:8].isupper() or folded == "ke hoach"):
            rest = para.text.strip()[len("KẾ HOẠCH"):].strip(" :")
            if rest:  # "KẾ HOẠCH tổ chức …" on one line: the rest is the title
                out.title.append(Paragraph(rest, para.line, para.level, None, None, para.page))
            return i + 1
        if ROMAN_HEADING.match(para.text) and section_kind(para.text) != "other":
            break  # no "KẾ HOẠCH" line: no header either
        out.header.append(para)
        number = NUMBER.match(folded)
        if number and out.number is None:
            out.number = para.text.split(":", 1)[-1].strip() if ":" in para.text \
                else para.text.strip()[2:].strip()
        place = PLACE_DATE.match(folded)
        if place and out.date_para is None:
            out.place = para.text[: place.end("place")].strip()
            out.date_parts = (place["day"], place["month"], place["year"])
            out.date_para = para
    out.header.clear()
    return 0


def _title(paras: list[Paragraph], i: int, out: Layout) -> int:
    """The title runs until the preamble (a sentence that ends with ":" or says "như sau")
    or the first section; the preamble until the first section."""
    while i < len(paras) and not _starts_section(paras[i]):
        text = fold(paras[i].text)
        preamble = paras[i].text.rstrip().endswith(":") or "nhu sau" in text or \
            (text.startswith("can cu") and out.title)
        if preamble or (out.title and out.preamble):
            out.preamble.append(paras[i])
        else:
            out.title.append(paras[i])
        i += 1
    return i


def _starts_section(para: Paragraph) -> bool:
    m = ROMAN_HEADING.match(para.text.strip())
    return m is not None and section_kind(m[2]) != "other"


@dataclass
class _Cursor:
    section: Section | None = None
    heading: str | None = None  # the numbered heading's number
    heading_para: Paragraph | None = None
    heading_text: str = ""
    heading_items: int = 0
    unit: str | None = None  # the assignment block's unit heading
    sub_unit: str | None = None  # a bare "Unit:" item: the unit of the sub-items after it
    had_items: bool = False
    last: Entry | None = None
    opener: Entry | None = None  # an item that ended with ":"
    closed: bool = False  # the block was closed by a plain paragraph


def _body(paras: list[Paragraph], i: int, out: Layout) -> None:
    cur = _Cursor()
    for para in paras[i:]:
        text = para.text.strip()
        folded = fold(text)
        if out.signature or CLOSING.match(folded):
            out.signature.append(para)
            continue
        roman = ROMAN_HEADING.match(text)
        if roman and section_kind(roman[2]) != "other":
            _end_heading(cur, out)
            section = Section(roman[1], roman[2].strip(), section_kind(roman[2]), para)
            out.sections.append(section)
            cur = _Cursor(section=section)
            continue
        if cur.section is None:
            out.skipped.append((para, "before-sections"))
            continue
        kind = cur.section.kind
        if kind in ("purpose", "other"):
            out.skipped.append((para, kind))
            continue
        number = NUMBER_HEADING.match(text) if para.marker is None else None
        if number and not _is_sentence_number(number[2]):
            if cur.heading and number[1].startswith(cur.heading + "."):
                cur.heading_items += 1  # "3." holds "3.1.": a group, not a task
            _end_heading(cur, out)
            cur.heading, cur.heading_para, cur.heading_text = number[1], para, number[2].strip()
            cur.heading_items, cur.unit, cur.sub_unit = 0, None, None
            cur.had_items = cur.closed = False
            cur.last = cur.opener = None
            cur.section.headings.append((number[1], number[2].strip(), para))
            if kind == "assignment":
                cur.unit = number[2].strip()
                out.units.append((_where(cur), cur.unit, para))
            continue
        if cur.heading_text and TOPIC.match(fold(cur.heading_text)) and kind == "content":
            out.skipped.append((para, "topic"))
            continue
        if kind == "period" or (cur.heading_text and PERIOD.match(fold(cur.heading_text))):
            out.periods.append(para)
            continue
        if NOTE.match(text):
            out.skipped.append((para, f"note-{kind}"))
            continue
        if kind in ("budget", "reporting") or cur.closed:
            out.closing.append(para)
            continue
        _item(para, text, kind, cur, out)
    _end_heading(cur, out)


def _is_sentence_number(rest: str) -> bool:
    """"1.000 người tham gia", "2024 …": a number that starts a sentence, not a heading."""
    return rest[:1].isdigit()


def _item(para: Paragraph, text: str, kind: str, cur: _Cursor, out: Layout) -> None:
    marker = para.marker or ""
    sub = SUB_ITEM.match(text) if not marker else None
    item = ITEM.match(text) if not marker else None
    is_sub = bool(sub) or marker.startswith("+") or (bool(marker) and para.level > 0)
    is_item = bool(item) or (bool(marker) and not is_sub)
    marked = sub or item
    body = marked[1].strip() if marked else text
    if not (is_sub or is_item) and cur.had_items and kind == "assignment" and cur.opener is None:
        cur.closed = True  # a plain paragraph after the block's items speaks for the plan
        out.closing.append(para)
        return
    cur.heading_items += 1
    unit = cur.unit
    own = UNIT_COLON.match(body) if kind == "assignment" else None
    if own and _looks_like_unit(own["unit"]):
        if not own["rest"].strip():  # "- Hội Cựu chiến binh Quận:": sub-items follow
            cur.sub_unit = own["unit"].strip()
            if cur.opener is None:
                cur.opener = cur.last
            return
        unit, body = own["unit"].strip(), own["rest"].strip()
    elif is_sub and cur.sub_unit:
        unit = cur.sub_unit
    entry = Entry(para, body, _where(cur), kind, unit)
    entry.opens = body.rstrip().endswith(":")
    parent = cur.opener if (cur.opener is not None and (is_sub or is_item or cur.sub_unit)) \
        else (cur.last if is_sub and cur.last is not None else None)
    if parent is not None and parent is not entry:
        parent.children.append(entry)
    else:
        out.entries.append(entry)
        cur.sub_unit = None
        cur.opener = entry if entry.opens else None
    if is_item or is_sub:
        cur.had_items = True
    if parent is None:
        cur.last = entry


def _end_heading(cur: _Cursor, out: Layout) -> None:
    """A numbered heading with nothing under it is itself a task ("4. Tổ chức Lễ kỷ niệm …")."""
    if cur.section is None or cur.heading_para is None or cur.heading_items:
        return
    kind = cur.section.kind
    if kind == "content" and not TOPIC.match(fold(cur.heading_text)) \
            and not PERIOD.match(fold(cur.heading_text)):
        out.entries.append(Entry(cur.heading_para, cur.heading_text, _where(cur), kind,
                                 None, heading=True))


def _where(cur: _Cursor) -> str:
    assert cur.section is not None
    return cur.section.number + (f".{cur.heading}" if cur.heading else "")


#: First words of a unit's name (folded): "Ban …", "Phòng …", "UBND …", "Hội …".
UNIT_HEADS = re.compile(
    r"^(cac |ban |phong |uy ban|ubnd|ub |hdnd|van phong|hoi |doan |cong an|trung tam|"
    r"mat tran|mttq|dang uy|chi bo|chi uy|quan uy|huyen uy|thanh uy|tinh uy|bo chi huy|"
    r"ban chi huy|bchqs|chqs|bao |dai |truong |nha truong|cuc |so |vien |lien doan|"
    r"thuong truc|thuong vu|co quan|don vi|trang thong tin|cong thong tin)")


def _looks_like_unit(text: str) -> bool:
    words = text.split()
    return bool(UNIT_HEADS.match(fold(text.strip()) + " ")) and len(words) <= 16 \
        and text.strip()[:1].isupper()
