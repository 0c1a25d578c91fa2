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
  speaks for the whole plan (the closing request, the reporting rule);
* a line "Thời gian: …", "Đơn vị chủ trì: …", "Đơn vị phối hợp: …", "Địa điểm: …" under a task
  (:data:`ATTRIBUTES`) describes it (a numbered heading with only such lines is the task);
* a Word table whose first row names its columns (:data:`COLUMNS`: nội dung, chủ trì, phối
  hợp, thời gian) gives a task per row, its units and time from their cells; a row with only a
  title is a group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..names import fold
from .documents import Paragraph
from .parties import looks_like_unit, sentence

ROMAN = "I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII"
ROMAN_HEADING = re.compile(rf"^(?:phần\s+)?({ROMAN})\s*[.\-–:/)]\s*(\S.*)$", re.IGNORECASE)
NUMBER_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s*(?:[.\-–)/]\s*|\s+)(\S.*)$")
ITEM = re.compile(r"^(?:[-–—•·▪●]|[a-zđ]\))\s*(\S.*)$")
SUB_ITEM = re.compile(r"^\+\s*(\S.*)$")

#: A section's kind from its title (folded, lower case); the first match wins.
SECTION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern)) for kind, pattern in (
        ("purpose", r"muc dich|yeu cau"),
        ("assignment", r"to chuc thuc hien|phan cong|trach nhiem"),
        ("budget", r"kinh phi"),
        ("reporting", r"bao cao"),
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
NUMBER = re.compile(r"(?:^|\s)so\s*:\s*(\S*)|(?:^|\s)so\s+(?=\d)(\S*)")
PLACE_DATE = re.compile(r"(?P<place>[^,*]{2,60}),\s*ngay\s*(?P<day>\d{0,2})\s*thang\s*"
                        r"(?P<month>\d{0,2})\s*nam\s*(?P<year>\d{4})\b")
TITLE_WORD = re.compile(r"^ke hoach\b")
#: A line that describes the task above it rather than being one: "- Thời gian: Quý II/2026",
#: "Đơn vị chủ trì: Sở Văn hóa …" (folded); the name is the attribute's.
ATTRIBUTES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern)) for name, pattern in (
        ("time", r"^(thoi gian|thoi han|tien do)( thuc hien| to chuc| hoan thanh)?\s*:"),
        ("lead", r"^((don vi|co quan) )?chu tri( thuc hien)?\s*:"),
        ("partners", r"^((don vi|co quan) )?phoi hop( thuc hien)?\s*:"),
        ("place", r"^dia diem( to chuc)?\s*:"),
        ("note", r"^(san pham|kinh phi|hinh thuc|noi dung)\s*:"),
    ))
#: A table's columns by their heading (folded); the first match wins.
COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern)) for name, pattern in (
        ("number", r"^(tt|stt|so tt)\b"),
        ("lead", r"chu tri"),
        ("partners", r"phoi hop"),
        ("time", r"thoi gian|thoi han|tien do"),
        ("text", r"noi dung|hoat dong|nhiem vu|cong viec|ten"),
        ("place", r"dia diem"),
    ))
#: A number Word generates for a list item: "1.", "2)".
AUTO_NUMBER = re.compile(r"^\d{1,2}[.)]$")
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
    attrs: dict[str, str] = field(default_factory=dict)  # "Thời gian: …", a table's cells


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
    issuer_lines: list[str] = field(default_factory=list)  # "ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ"
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
    """Everything before the line "KẾ HOẠCH" (the document type, alone or with its title): the
    issuing body (capitals above the number), the number, place and date; Word files often
    hold them in a table of two cells, each read as its own lines."""
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
        for text in para.cells or (para.text,):
            _header_line(text, para, out)
    out.header.clear()
    out.issuer_lines.clear()
    return 0


def _header_line(text: str, para: Paragraph, out: Layout) -> None:
    folded = fold(text).strip()
    number = NUMBER.search(folded)
    if number and out.number is None:
        found = number[1] if number[1] is not None else number[2]
        out.number = text[number.end() - len(found): number.end()].strip()
    place = PLACE_DATE.search(folded)
    if place and out.date_para is None:
        out.place = text[place.start("place"): place.end("place")].strip()
        out.date_parts = (place["day"], place["month"], place["year"])
        out.date_para = para
    head = (text[: number.start()] if number else text).strip(" *")  # "ỦY BAN … Số: …"
    if (out.number is None or number) and head and not MOTTO.match(fold(head)) \
            and head.isupper() and out.date_para is not para:
        out.issuer_lines.append(head)


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
    m = ROMAN_HEADING.match(_marked(para))
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
    columns: dict[str, int] | None = None  # the table being read: column of each field


def _body(paras: list[Paragraph], i: int, out: Layout) -> None:
    cur = _Cursor()
    for para in paras[i:]:
        text = para.text.strip()
        folded = fold(text)
        if out.signature or CLOSING.match(folded):
            out.signature.append(para)
            continue
        roman = ROMAN_HEADING.match(_marked(para))
        if roman and (section_kind(roman[2]) != "other" or _capitals(roman[2])):
            _end_heading(cur, out)
            kind = section_kind(roman[2])  # "IV. KHEN THƯỞNG": a section the table lacks
            section = Section(roman[1].upper(), roman[2].strip(),
                              "content" if kind == "other" else kind, para)
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
        if para.cells is not None:
            _row(para, kind, cur, out)
            continue
        cur.columns = None
        if kind in ("budget", "reporting"):
            out.closing.append(para)
            continue
        number = NUMBER_HEADING.match(text) if para.marker is None else None
        if number is None and kind == "assignment" and AUTO_NUMBER.match(para.marker or "") \
                and para.level == 0 and looks_like_unit(text) and not sentence(text):
            marker = (para.marker or "").rstrip(".)")
            number = NUMBER_HEADING.match(f"{marker}. {text}")  # Word's own "1."
        if number and kind == "assignment" and sentence(number[2]):
            # "4. UBND các xã … gửi về Sở … chậm nhất ngày 31/3/2026": a task naming its units
            _end_heading(cur, out)
            cur.heading, cur.heading_para, cur.heading_text = number[1], None, ""
            cur.heading_items, cur.unit, cur.sub_unit = 0, None, None
            cur.had_items = cur.closed = False
            cur.last = cur.opener = None
            text = number[2].strip()
            number = None
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
        if cur.closed:
            out.closing.append(para)
            continue
        _item(para, text, kind, cur, out)
    _end_heading(cur, out)


def _marked(para: Paragraph) -> str:
    """The text with Word's own list number in front ("II." + "NỘI DUNG")."""
    return f"{para.marker} {para.text.strip()}" if para.marker else para.text.strip()


def _capitals(title: str) -> bool:
    """A heading in capitals ("KHEN THƯỞNG"), not a sentence that starts with "I."."""
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


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
    if not (is_sub or is_item) and cur.had_items and kind == "assignment":
        cur.closed = True  # a plain paragraph after the block's items speaks for the plan
        out.closing.append(para)
        return
    if attribute_of(body) is not None and (kind != "assignment" or cur.last is not None):
        parts: list[str] = []
        for part in body.split(";"):  # "Thời gian: ngày 26/3/2026; Địa điểm: …"
            if parts and attribute_of(part.strip()) is None:
                parts[-1] += ";" + part  # "Phối hợp: Báo …; UBND các xã": one value
            else:
                parts.append(part)
        for part in parts:
            name = attribute_of(part.strip())
            if name is not None:
                _describe(para, part.strip(), name, cur, out)
        return
    cur.heading_items += 1
    unit = cur.unit
    own = UNIT_COLON.match(body) if kind == "assignment" else None
    if own and looks_like_unit(own["unit"]):
        if not own["rest"].strip():  # "- Hội Cựu chiến binh Quận:": sub-items follow
            cur.sub_unit = own["unit"].strip()
            return
        unit, body = own["unit"].strip(), own["rest"].strip()
    elif is_sub and cur.sub_unit:
        unit = cur.sub_unit
    entry = Entry(para, body, _where(cur), kind, unit)
    entry.opens = body.rstrip().endswith(":")
    if cur.opener is not None and (is_sub or is_item or cur.sub_unit):
        parent: Entry | None = cur.opener
    elif is_sub and cur.sub_unit is None:  # "+ …" under the last "- …"
        parent = cur.last
    else:
        parent = None  # "+ …" after a bare "- Hội CCB:": that unit's own tasks
    if parent is not None and parent is not entry:
        parent.children.append(entry)
    else:
        out.entries.append(entry)
        if not is_sub:
            cur.sub_unit = None
        cur.opener = entry if entry.opens else None
    if is_item or is_sub:
        cur.had_items = True
    if parent is None:
        cur.last = entry


def attribute_of(text: str) -> str | None:
    """The attribute a line gives ("time" for "Thời gian: …"), or None."""
    folded = fold(text)
    return next((name for name, rx in ATTRIBUTES if rx.match(folded)), None)


def _describe(para: Paragraph, body: str, attribute: str, cur: _Cursor, out: Layout) -> None:
    """"- Thời gian: Quý II/2026" under a task: the task's time (its heading becomes the task
    when nothing else stands under it)."""
    target = cur.last
    if target is None and cur.heading_para is not None and cur.section is not None:
        target = Entry(cur.heading_para, cur.heading_text, _where(cur), cur.section.kind,
                       None, heading=True)
        out.entries.append(target)
        cur.last = target
        cur.heading_items += 1
    if target is None:
        out.skipped.append((para, "attribute"))
        return
    value = body.split(":", 1)[1].strip()
    target.attrs[attribute] = " ".join(filter(None, (target.attrs.get(attribute), value)))


def _row(para: Paragraph, kind: str, cur: _Cursor, out: Layout) -> None:
    """A table row: the heading row names the columns; each row after it is a task, with its
    units and time in their own cells; a row with only a number and a title is a group."""
    cells = [c.strip() for c in para.cells or ()]
    found = {name: i for i, cell in reversed(list(enumerate(cells)))
             for name, rx in COLUMNS if rx.search(fold(cell))}
    if "text" in found and len(found) >= 2 and cur.columns is None:
        cur.columns = {name: i for name, i in found.items()}
        return
    columns = cur.columns
    if columns is None or kind in ("purpose", "other"):
        out.skipped.append((para, "table"))
        return
    values = {name: cells[i] for name, i in columns.items() if i < len(cells) and cells[i]}
    text = values.pop("text", "")
    values.pop("number", None)
    if not text:
        return
    if not values:  # "I | CÔNG TÁC TUYÊN TRUYỀN": a group of the rows below
        cur.heading_text = text
        return
    entry = Entry(para, text, _where(cur), "content" if kind == "assignment" else kind,
                  attrs=values)
    out.entries.append(entry)
    cur.last = entry
    cur.heading_items += 1


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
