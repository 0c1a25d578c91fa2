"""Make a plan (format 2, docs/plan-format.md) from a document's layout, and the report.

Times go through the plans' own phrase reader (:func:`scheduler.plans.phrases.read_phrase`)
with the year of the title; anniversaries through the registry. Rules (tested in
tests/test_imports_convert.py):
* A task's time is the first parenthesis that reads as one ("(triển khai trong tháng 11,
  12/2022)", "(theo chỉ đạo của Thành phố)"), else the first clause that does ("… trong tháng
  4/2024 và Kỳ sinh hoạt chi bộ tháng 5/2024"). An anniversary pair "(18/12/1972 -
  18/12/2022)" and history ("(1966 - 1972)", more than 5 years before the plan) are names,
  not times. A clause that looks like a time but cannot be read goes to ``unread``.
* A sub-item with no time takes its parent's (the format does it); the task's kind comes
  from :data:`KIND_RULES`; "dự kiến" marks it tentative, "kế hoạch riêng" a separate plan.
* An assignment task restates a content activity (``relates_to``) when their folded words
  overlap by :data:`RESTATES` or more of the shorter one.
* Budget and reporting paragraphs become the plan's notes; a reporting sentence with a time
  ("định kỳ hàng tháng (trước ngày 20) báo cáo …") also becomes a report activity.
* Warnings: a blank or missing number or date, an ordinal that does not match its dates, an
  issue date before the plan it implements, a window that starts before the plan could exist,
  a content section left to an attached table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..model import Anniversary
from ..names import fold, slug
from ..plans.load import implied_campaign
from ..plans.model import ActivityKind, Role
from ..plans.phrases import PhraseError, read_phrase
from ..plans.window import PhraseContext, Window
from ..wording import Message, quote
from .documents import Paragraph, read_document
from .errors import ImportProblem
from .parties import (
    collective,
    heading_units,
    looks_like_unit,
    own_lead,
    partners,
    split_units,
    subject,
    task_role,
)
from .references import REFERENCE, Cited, Reference, anniversaries, day_of, references
from .structure import Entry, Layout, layout

#: Words of a task (folded) → its kind; the first match wins, else a campaign.
KIND_RULES: tuple[tuple[re.Pattern[str], ActivityKind], ...] = tuple(
    (re.compile(pattern), kind) for pattern, kind in (
        (r"^bao cao|\bbao cao (ket qua|tien do|so ket|tong ket)", ActivityKind.REPORT),
        (r"hoi nghi|cuoc hop|\bhop (ban|bao|giao|mat)|sinh hoat chinh tri|"
         r"sinh hoat chuyen de|tap huan|toa dam|hoi thao", ActivityKind.MEETING),
        (r"tham hoi|tang qua|doan tham|\btham,", ActivityKind.VISIT),
        (r"\ble (ky niem|dang huong|thap nen|mit tinh|ra quan|phat dong|tuong niem|khanh thanh)|"
         r"cuoc thi|hoi thi|\bgiai\b|giao luu|van hoa - van nghe|van hoa van nghe|van nghe|"
         r"the duc|the thao|dieu binh|dieu hanh|trien lam|gap mat|hien mau|mit tinh|"
         r"chuong trinh nghe thuat|dang huong", ActivityKind.EVENT),
    ))
TIMEISH = re.compile(
    r"\d{1,2}/\d{4}|\d{1,2}/\d{1,2}|\bnam \d{4}|\bquy (i|ii|iii|iv|\d)\b|\bthang \d|\bngay \d|"
    r"dinh ky|hang thang|hang quy|hang nam|hang tuan|theo chi dao|"
    r"dip ky niem|thoi gian cao diem|khi to chuc|tuan (dau|cuoi)|tu nay|den het|"
    r"truoc,? (trong )?va sau|(truoc|sau) (le|dip|ngay) ky niem|sau khi ket thuc|"
    r"trong thoi gian (dien ra|cao diem)|dot cao diem|dot ky niem")
PAREN = re.compile(r"\(([^()]*)\)")
PAIR = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}\s*[-–—]\s*\d{1,2}/\d{1,2}/\d{4}\s*$")
CLAUSE = re.compile(r"(?:[^;.]|\.(?!\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ“]))+")
TIME_START = re.compile(
    r"\b(triển khai|thực hiện|trong|từ|đến|vào|trước|sau|cuối|đầu|giữa|hết|định kỳ|hàng|hằng|"
    r"cao điểm|trọng tâm|quý|tháng|ngày|năm|theo chỉ đạo|khi|tuần|báo cáo|chậm nhất|"
    r"hoàn thành)\b", re.IGNORECASE)
#: What looks like a time and is none, removed before reading one: a holiday named by its
#: day ("Quốc khánh 2/9"), the hour ("7h30", "8 giờ"), the part of the day ("tối ngày …").
NOT_TIMES = re.compile(r"\bQuốc khánh\s+\d{1,2}/\d{1,2}\b(?!/\d)|"
                       r"\b\d{1,2}\s*(?:h|giờ)\s*\d{0,2}(?:\s*phút)?\b|"
                       r"\b(?:sáng|chiều|tối|trưa|đêm)\s+(?=ngày\b)", re.IGNORECASE)
#: A time that is a due day ("chậm nhất ngày 15/8/2026", "hoàn thành trước ngày 30/4"),
#: folded; a range ("từ … đến …") is not one.
DEADLINE = re.compile(r"^(cham nhat|han chot|hoan thanh|truoc ngay|truoc \d|xong truoc)")
#: Words that introduce a time ("trong năm 2024"); a time without one is a guess.
CONNECTOR = re.compile(r"(triển khai|thực hiện|trong|từ|đến|vào|trước|sau|cuối|đầu|giữa|hết|"
                       r"định kỳ|hàng|hằng|cao điểm|trọng tâm|theo chỉ đạo|khi|chậm nhất|"
                       r"hoàn thành|dự kiến)\b",
                       re.IGNORECASE)
RESTATES = 0.5
_STOP_WORDS = ("cac va cua de cho trong tren voi ve la nhung mot so tai theo den tu thuc hien to "
               "chuc hoat dong ky niem nam tham muu chi dao huong dan phoi hop chu tri trien khai")
STOP = frozenset(_STOP_WORDS.split())  # words too common to tell two tasks apart
HISTORY_YEARS = 5
ID_WORDS = 7  # words of a task's text in its id


@dataclass(frozen=True)
class Unread:
    """A sentence that looked like a task, a unit or a date but could not be read."""

    line: int
    text: str
    why: str  # a wording key: import_unread_time, import_unread_unit, …

    def as_json(self) -> dict[str, object]:
        return {"line": self.line, "text": self.text, "why": self.why}


@dataclass
class Imported:
    """A document read into a plan (``plan``: the YAML-ready mapping) and the report."""

    source: str
    plan: dict[str, Any]
    report: dict[str, Any]
    unread: list[Unread] = field(default_factory=list)
    warnings: list[tuple[str, dict[str, object]]] = field(default_factory=list)


def import_document(path: Path, registry: tuple[Anniversary, ...], *,
                    anniversary: Anniversary | None = None, year: int | None = None
                    ) -> Imported:
    """Read ``path`` (txt, md, docx, pdf) into a plan; DocumentError or ImportProblem."""
    paragraphs = read_document(path)
    return convert(paragraphs, str(path), registry, anniversary=anniversary, year=year)


def convert(paragraphs: tuple[Paragraph, ...], source: str, registry: tuple[Anniversary, ...],
            *, anniversary: Anniversary | None = None, year: int | None = None) -> Imported:
    lay = layout(paragraphs)
    return _Converter(lay, source, registry, anniversary, year,
                      internal=internal_mark(paragraphs)).run()


#: A document marked for internal circulation ("LƯU HÀNH NỘI BỘ", "Tài liệu lưu hành nội bộ",
#: beside "Số: …" on the header line) or stamped with a secrecy level (Luật Bảo vệ bí mật nhà
#: nước 2018, Điều 8: "Tuyệt mật", "Tối mật", "Mật", read with its accents: "Mặt", "Mất"
#: are other words): the plan it becomes is private (issue 13).
CIRCULATION = re.compile(r"\bluu hanh noi bo\b")
SECRECY = re.compile(r"[(\[]?\s*(?:tuyệt mật|tối mật|mật)\s*[)\]]?\.?")
MARK_LINES = 12  # a mark stands in the header or at the foot, on a short line
MARK_LENGTH = 80


def internal_mark(paragraphs: tuple[Paragraph, ...]) -> Paragraph | None:
    """The paragraph that marks the document internal, among the first and last lines."""
    ends = [*paragraphs[:MARK_LINES], *paragraphs[-MARK_LINES:]]
    for para in ends:
        text = " ".join(para.text.split())
        if len(text) <= MARK_LENGTH and (CIRCULATION.search(fold(text))
                                         or SECRECY.fullmatch(text.lower())):
            return para
    return None


@dataclass
class _Converter:
    lay: Layout
    source: str
    registry: tuple[Anniversary, ...]
    given: Anniversary | None
    given_year: int | None
    unread: list[Unread] = field(default_factory=list)
    warnings: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    context: PhraseContext = field(default_factory=PhraseContext)
    year: int = 0
    ids: set[str] = field(default_factory=set)
    main_key: tuple[object, ...] = ()
    name_words: frozenset[str] = frozenset()
    task_cited: list[Cited] = field(default_factory=list)  # "gắn với" of single tasks
    internal: Paragraph | None = None  # the "lưu hành nội bộ" (or secrecy) mark

    def warn(self, key: str, **values: object) -> None:
        self.warnings.append((key, values))

    # -- the plan ---------------------------------------------------------------------------
    def run(self) -> Imported:
        lay = self.lay
        title = " ".join(p.text for p in lay.title).strip()
        title_line = lay.title[0].line if lay.title else 1
        main, cited = self._anniversaries(title, title_line)
        self.main_key = main.key
        self.name_words = frozenset(re.findall(r"[a-z0-9]+", fold(main.name)))
        refs = self._references()
        issued = self._issued()
        parents = [r.date for r in refs if r.date is not None]
        self.context = PhraseContext(anniversary=main.day, issued=issued or max(
            parents, default=None), year=self.year)
        period, period_text = self._period()
        frame = period or implied_campaign(self.context)  # as the plan loader will read it
        if frame is not None:
            self.context = replace(self.context, campaign=frame, peak=frame.peak)
        activities = [a for entry in lay.entries for a in self._activities(entry, None)]
        if not activities and not any(p for p in lay.closing if "bao cao" in fold(p.text)):
            raise ImportProblem(self.source, "import_no_tasks", sections=", ".join(
                f"{s.number}. {s.title}" for s in lay.sections) or "-")
        self._relate(activities)
        self._unread_elsewhere()
        activities += self._closing_reports()
        self._check_windows(activities, refs, issued)
        plan = self._plan(title, main, cited, refs, issued, period_text, activities)
        report = self._report(plan, main, cited, refs, activities)
        return Imported(self.source, plan, report, self.unread, self.warnings)

    def _anniversaries(self, title: str, line: int) -> tuple[Cited, list[Cited]]:
        year_hint = self.given_year
        found = anniversaries(title, line, year_hint, self.registry)
        main: Cited | None = found[0] if found else None
        if self.given is not None:
            o = self.given.origin
            year = self.given_year or (main.day.year if main and main.day else None)
            origin = date(o.year, o.month, o.day) if o.year else None
            if year is None:
                raise ImportProblem(self.source, "import_no_year")
            main = Cited(self.given.name, origin, None,
                         year - o.year if o.year else 0, self.given, line)
            self.year = year
        elif main is None:
            raise ImportProblem(self.source, "import_no_anniversary", title=quote(title, 160))
        else:
            assert main.origin is not None and main.day is not None
            self.year = self.given_year or main.day.year
            if main.day.year - main.origin.year != main.ordinal:
                self.warn("import_ordinal_mismatch", ordinal=main.ordinal,
                          origin=main.origin.year, year=main.day.year,
                          actual=main.day.year - main.origin.year)
        related: dict[tuple[object, ...], Cited] = {}
        texts = [(p.text, p.line) for p in (*self.lay.title, *self.lay.preamble)]
        texts += [(p.text, p.line) for p, _ in self.lay.skipped]
        texts += [(p.text, p.line) for p in (*self.lay.periods, *self.lay.closing)]
        for text, at in texts:
            for c in anniversaries(text, at, self.year, self.registry):
                if c.key != main.key and (c.origin is None or c.origin != main.origin):
                    related.setdefault(c.key, c)
        return main, list(related.values())

    def _references(self) -> list[Reference]:
        refs: dict[tuple[str, str], Reference] = {}
        for para in (*self.lay.title, *self.lay.preamble):
            default = "basis" if fold(para.text).startswith("can cu") else "implements"
            for ref in references(para.text, para.line, default):
                key = (ref.type, ref.number)
                if key not in refs or (refs[key].issuer is None and ref.issuer):
                    refs[key] = ref
        return list(refs.values())

    def _issued(self) -> date | None:
        lay = self.lay
        if lay.number is not None and (not lay.number or lay.number.startswith("/")):
            self.warn("import_blank_number", number=lay.number or "")
        if lay.date_parts is None:
            self.warn("import_no_date")
            return None
        day, month, year = lay.date_parts
        at = lay.date_para.line if lay.date_para else 0
        if not day or not month:
            self.warn("import_blank_date", line=at, year=year)
            return None
        found = day_of(f"{day}/{month}/{year}")
        if found is None:
            self.warn("import_bad_date", line=at, text=f"{day}/{month}/{year}")
        return found

    def _period(self) -> tuple[Window | None, str | None]:
        for para in self.lay.periods:
            text = _clean(para.text)
            try:
                return read_phrase(text, self.context), text
            except PhraseError as exc:
                self.unread.append(Unread(para.line, para.text, "import_unread_time"))
                self.warn("import_period_unread", line=para.line, reason=exc.reason)
        return None, None

    # -- activities -------------------------------------------------------------------------
    def _activities(self, entry: Entry, parent: dict[str, Any] | None
                    ) -> Iterator[dict[str, Any]]:
        text = _clean(entry.text)
        given = entry.attrs.get("time")
        when: str | None
        if given:  # "Thời gian: …" (a line or a table cell) is the time, the text the title
            when, title = _clean(given), _tidy_title(text)
            if self._read(when) is None:
                self.unread.append(Unread(entry.para.line, when, "import_unread_time"))
                when = None
        else:
            when, title = self._time(text, entry.para)
        activity: dict[str, Any] = {"id": self._id(entry, parent)}
        activity["title"] = title
        if when is not None:
            activity["when"] = when
        activity["kind"] = _kind(title, when).value
        activity.update(self._units(entry, title))
        if "dự kiến" in (text + " " + entry.attrs.get("time", "")).lower():
            activity["tentative"] = True
        if "kế hoạch riêng" in text.lower():
            activity["separate_plan"] = True
        combined = [c for c in anniversaries(text, entry.para.line, self.year, self.registry)
                    if c.key != self.main_key]
        if combined:
            activity["combined_with"] = [_anniversary_value(c) for c in combined]
            self.task_cited += [c for c in combined if c.key not in
                                {t.key for t in self.task_cited}]
        notes = [entry.attrs[k] for k in ("place", "note") if k in entry.attrs]
        if notes:
            activity["notes"] = "; ".join(notes)
        activity["section"] = entry.section
        activity["text"] = entry.text
        activity["line"] = entry.para.line
        if parent is not None:
            activity["_parent"] = parent["id"]
        activity["_entry"] = entry
        yield activity
        for child in entry.children:
            yield from self._activities(child, activity)

    def _id(self, entry: Entry, parent: dict[str, Any] | None) -> str:
        """An id from the task's first words ("to-chuc-le-ky-niem-50-nam"): the same task in a
        re-issued plan keeps its id, so its calendar event keeps its UID."""
        words = [w for w in slug(_clean(entry.text)).split("-") if w][:ID_WORDS]
        base = "-".join(words)[:48].strip("-") or slug(entry.section)
        found, n = base, 1
        while found in self.ids:
            n += 1
            found = f"{base}-{n}"
        self.ids.add(found)
        return found

    def _time(self, text: str, para: Paragraph) -> tuple[str | None, str]:
        """The task's time phrase (or None) and its title without the phrase; the dates of
        documents it cites ("Kế hoạch số 88/KH-UBND ngày 23/3/2024") are no times."""
        title_text = text
        text = re.sub(r"\s+", " ", NOT_TIMES.sub(" ", REFERENCE.sub(" ", text)))
        failed: str | None = None
        for m in PAREN.finditer(text):
            inner = m[1].strip()
            if PAIR.match(inner) or not TIMEISH.search(fold(inner)):
                continue
            window = self._read(inner)
            if window is None:
                failed = failed or inner
                continue
            if self._history(window):
                continue
            title = title_text.replace(m[0], " ")
            return _clean(inner), _tidy_title(title)
        for m in CLAUSE.finditer(text):
            clause = PAREN.sub(lambda p: "" if PAIR.match(p[1]) else p[0], m[0]).strip()
            if not TIMEISH.search(fold(clause)):
                continue
            phrase = self._phrase_in(clause)
            if phrase is None:
                if self._read(clause) is None:  # history is no failure
                    failed = failed or clause
                continue
            before = clause[: clause.find(phrase)].rstrip()
            if not CONNECTOR.match(phrase) and not before.endswith(":"):
                # "… năm 2024 “Kỷ cương …”": no time of the task ("Giải …: Quý II" is one)
                self.unread.append(Unread(para.line, phrase, "import_time_unsure"))
                return None, _tidy_title(title_text)
            return phrase, _tidy_title(title_text)
        if failed is not None:
            self.unread.append(Unread(para.line, failed, "import_unread_time"))
        return None, _tidy_title(title_text)

    def _read(self, text: str) -> Window | None:
        try:
            return read_phrase(text, self.context)
        except PhraseError:
            return None

    def _history(self, window: Window) -> bool:
        return window.end is not None and window.end.year < self.year - HISTORY_YEARS

    def _phrase_in(self, clause: str) -> str | None:
        """The shortest tail of the clause, from a time word, that reads as the clause does,
        with the connector before it ("trong năm 2024", not "năm 2024"); when the whole clause
        does not read, what follows its last colon ("Lễ ra quân …năm 2026: ngày 01/3/2026")."""
        whole = self._read(clause)
        if whole is None and ":" in clause:
            clause = clause.rsplit(":", 1)[1].strip()
            whole = self._read(clause)
        if whole is None or self._history(whole):
            return None
        same = _key(whole)
        words = list(TIME_START.finditer(clause))
        starts = [m.start() for m in words]
        for i in range(len(starts) - 1, -1, -1):
            found = self._read(clause[starts[i]:])
            if found is None or _key(found) != same:
                continue
            while i > 0 and not clause[words[i - 1].end():starts[i]].strip():
                wider = self._read(clause[starts[i - 1]:])  # one word before: a connector
                if wider is None or _key(wider) != same:
                    break
                i -= 1
            return self._cut(clause[starts[i]:].strip(" .,;"), same)
        return clause.strip(" .,;")

    def _cut(self, tail: str, same: tuple[object, ...]) -> str:
        """The tail without the words after its time: "tháng 4, trên các nhóm zalo …"."""
        cuts = sorted({m.start() for m in re.finditer(r"[,(“\"]|\s(?:tại|ở)\s", tail)} |
                      {m.end() for m in re.finditer(r"\)", tail)})
        for at in cuts:
            head = self._read(tail[:at])
            if head is not None and _key(head) == same:
                return tail[:at].strip(" .,;")
        return tail

    def _units(self, entry: Entry, title: str) -> dict[str, Any]:
        roles: dict[str, list[Any]] = {}

        def add(role: Role, names: list[str]) -> None:
            key = _ROLE_KEYS[role]
            for name in names:
                value: Any = {"name": name, "kind": "collective"} if collective(name) else name
                if value not in roles.setdefault(key, []):
                    roles[key].append(value)

        if "lead" in entry.attrs or "partners" in entry.attrs:  # its own cells or lines
            add(Role.LEAD, split_units(entry.attrs.get("lead", "")))
            add(Role.PARTNER, split_units(entry.attrs.get("partners", "")))
            return roles
        own = own_lead(title) or (subject(title) if entry.unit is None else None)
        named = partners(title)
        if own is not None:
            add(Role.LEAD, own[0])
        elif entry.unit:
            names, forced = heading_units(entry.unit)
            role = forced or task_role(title)
            bodies = [n for n in named if not collective(n)]
            if role is Role.PARTNER and bodies:  # "Phối hợp phòng Nội vụ đề xuất …": it leads
                add(Role.LEAD, bodies)
                named = [n for n in named if n not in bodies]
            elif role is Role.PARTNER:  # "Phối hợp với các đơn vị liên quan tổ chức …"
                role = Role.LEAD
            add(role, names)
        add(Role.PARTNER, named)
        return roles

    def _unread_elsewhere(self) -> None:
        """Paragraphs left out that look like a task's time or a unit (before the first
        section, in a table without a heading row, a "Thời gian:" line under nothing), and
        assignment headings that name no unit."""
        for para, why in self.lay.skipped:
            if why in ("before-sections", "table", "attribute") and (
                    TIMEISH.search(fold(para.text)) or looks_like_unit(para.text)):
                self.unread.append(Unread(para.line, para.text, "import_unread_text"))
        for _, heading, para in self.lay.units:
            names, _ = heading_units(heading)
            if not any(looks_like_unit(n) for n in names):
                self.unread.append(Unread(para.line, heading, "import_unread_unit"))
        self.unread.sort(key=lambda u: u.line)

    def _relate(self, activities: list[dict[str, Any]]) -> None:
        content = [a for a in activities if a["_entry"].kind == "content"]
        for a in activities:
            if a["_entry"].kind != "assignment" or not content:
                continue
            score, target = max(((_overlap(a["title"], c["title"], self.name_words), c)
                                 for c in content),
                                key=lambda pair: pair[0])
            if score >= RESTATES:
                a["relates_to"] = target["id"]

    def _closing_reports(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for para in self.lay.closing:
            text = _clean(para.text)
            if "bao cao" not in fold(text):
                continue
            for clause in CLAUSE.finditer(text):
                part = clause[0].strip()
                if "bao cao" not in fold(part) or not TIMEISH.search(fold(part)):
                    continue
                phrase = self._phrase_in(PAREN.sub(lambda p: p[0], part))
                if phrase is None:
                    self.unread.append(Unread(para.line, part, "import_unread_time"))
                    continue
                entry = Entry(para, part, "report", "reporting")
                title = _tidy_title(part.replace(phrase, " ", 1))
                activity: dict[str, Any] = {"id": self._id(entry, None), "title": title,
                                            "when": phrase, "kind": ActivityKind.REPORT.value}
                units = _reporters(text)
                if units:
                    activity["lead"] = [{"name": u, "kind": "collective"} if collective(u)
                                        else u for u in units]
                activity.update({"section": "report", "text": part, "line": para.line,
                                 "_entry": entry})
                out.append(activity)
        return out

    def _check_windows(self, activities: list[dict[str, Any]], refs: list[Reference],
                       issued: date | None) -> None:
        cited = [r.date for r in refs if r.date is not None]  # căn cứ and thực hiện alike
        earliest = max(cited, default=None)
        if issued is not None and earliest is not None and issued < earliest:
            self.warn("import_issued_before_parent", issued=f"{issued:%d/%m/%Y}",
                      parent=f"{earliest:%d/%m/%Y}")
        # the plan cannot predate what it cites, whatever its (perhaps misprinted) date says
        floor = max((d for d in (issued, earliest) if d is not None), default=None)
        for a in activities:
            window = self._read(a["when"]) if "when" in a else None
            a["_window"] = window
            if floor is not None and window is not None and window.start is not None \
                    and window.start < floor and window.end is not None and window.end < floor:
                self.warn("import_window_before_plan", line=a["line"], when=a["when"],
                          floor=f"{floor:%d/%m/%Y}")
        for para, why in self.lay.skipped:
            if why == "note-content" and "kem theo" in fold(para.text):
                self.warn("import_attached_table", line=para.line)

    # -- output ---------------------------------------------------------------------------
    def _plan(self, title: str, main: Cited, cited: list[Cited], refs: list[Reference],
              issued: date | None, period: str | None, activities: list[dict[str, Any]]
              ) -> dict[str, Any]:
        issuer = self._issuer()
        plan: dict[str, Any] = {"format": 2}
        anniversary_value = _anniversary_value(main)
        ident = main.registry.id if main.registry else slug(main.name)[:40].strip("-")
        scope = self._scope()
        who = slug(scope or issuer)[:40].strip("-")
        plan["id"] = f"{who}-{ident.strip('-')}-{main.ordinal}".strip("-")
        if not fold(title).startswith("ke hoach"):  # "KẾ HOẠCH" stood on its own line
            title = "Kế hoạch " + (title[:1].lower() + title[1:] if title[1:2].islower()
                                   else title)
        plan["title"] = title
        plan["anniversary"] = anniversary_value
        plan["year"] = self.year
        plan_level = [c for c in cited if not _in_activity(c, activities)]
        if plan_level:
            plan["combined_with"] = [_anniversary_value(c) for c in plan_level]
        plan["issuer"] = issuer
        if self.lay.number and not self.lay.number.startswith("/"):
            plan["number"] = self.lay.number
        if issued is not None:
            plan["issued"] = f"{issued:%d/%m/%Y}"
        if scope and scope != issuer:
            plan["scope"] = scope
        if period:
            plan["period"] = period
        plan["source"] = Path(self.source).name
        if refs:
            plan["references"] = [_reference_value(r) for r in refs]
        notes = [re.sub(r"^[-–+•]\s*", "", _clean(p.text)) for p in self.lay.closing]
        if notes:
            plan["notes"] = notes
        if self.internal is not None:
            plan["private"] = True
            self.warn("import_private", line=self.internal.line, text=self.internal.text)
        plan["activities"] = _nest(activities)
        return plan

    def _issuer(self) -> str:
        """As the preamble says it ("…, UBND tỉnh ban hành kế hoạch"), else from the header
        ("ỦY BAN NHÂN DÂN / XÃ YÊN THỦY" → "Ủy ban nhân dân xã Yên Thủy"), else the signature."""
        for para in self.lay.preamble:
            m = ISSUER.search(para.text)
            if m:
                return m["issuer"].strip()
        if self.lay.issuer_lines:
            return self._scope() or ""
        for para in self.lay.signature:
            m = SIGNED.match(para.text.strip())
            if m:
                return sentence_case(m["body"].strip())
        self.warn("import_no_issuer")
        return "Chưa rõ cơ quan ban hành"

    def _scope(self) -> str | None:
        """The header's body and place, in sentence case: what tells two communes apart."""
        text = sentence_case(" ".join(line.strip() for line in self.lay.issuer_lines))
        return text or None

    def _report(self, plan: dict[str, Any], main: Cited, cited: list[Cited],
                refs: list[Reference], activities: list[dict[str, Any]]) -> dict[str, Any]:
        units: dict[str, None] = {}
        rows = []
        for a in activities:
            roles = {(v["name"] if isinstance(v, dict) else v): _KEY_ROLES[k]
                     for k in _ROLE_KEYS.values() for v in a.get(k, ())}
            units.update(dict.fromkeys(roles))
            window = a.get("_window")
            rows.append({
                "id": a["id"], "text": a["text"], "line": a["line"], "when": a.get("when"),
                "start": window.start.isoformat() if window and window.start else None,
                "end": window.end.isoformat() if window and window.end else None,
                "kind": a["kind"], "section": a["section"],
                "lead": [u for u, r in roles.items() if r == "lead"],
                "partners": [u for u, r in roles.items() if r == "partner"],
                "roles": roles, "relates_to": a.get("relates_to"),
                "parent": a.get("_parent")})
        return {
            "source": self.source, "plan_id": plan["id"], "issuer": plan["issuer"],
            "number": plan.get("number"), "issued": plan.get("issued"),
            "anniversary": _anniversary_json(main),
            "related": [_anniversary_json(c) for c in cited] + [
                _anniversary_json(c) for c in self.task_cited
                if c.key not in {p.key for p in cited}],
            "references": [{"number": r.number, "date": r.date.isoformat() if r.date else None,
                            "kind": r.kind, "type": r.type, "issuer": r.issuer, "line": r.line}
                           for r in refs],
            "period": plan.get("period"),
            "activities": rows, "units": list(units),
            "sections": [{"number": s.number, "title": s.title, "kind": s.kind,
                          "line": s.para.line} for s in self.lay.sections],
            "notes": len(plan.get("notes", ())),
            "unread": [u.as_json() for u in self.unread],
            "warnings": [{"key": k, **{name: str(value) if isinstance(value, Message) else value
                                       for name, value in v.items()}}
                         for k, v in self.warnings],  # a phrase's reason, in the command's words
        }


ISSUER = re.compile(r"[,;]\s*(?P<issuer>[^,;]{3,80}?)\s+(?:ban hành|xây dựng|triển khai|lập)\s+"
                    r"(?:kế hoạch|Kế hoạch)", re.IGNORECASE)
SIGNED = re.compile(r"^(?:T/M|TM\.?)\s+(?P<body>.+)$")
_ROLE_KEYS = {Role.LEAD: "lead", Role.PARTNER: "partners", Role.DIRECTS: "directs",
              Role.ADVISES: "advises", Role.REQUESTED: "requested", Role.GUIDES: "guides"}
_KEY_ROLES = {key: role.value for role, key in _ROLE_KEYS.items()}
REPORTERS = re.compile(r"yêu cầu\s+(?P<units>.+?)\s+(?:nghiêm túc|thực hiện|triển khai|tổ chức)",
                       re.IGNORECASE)


def _reporters(text: str) -> list[str]:
    m = REPORTERS.search(text)
    return split_units(m["units"]) if m else []


#: Words after which a header's capitals are a place's name: "TỈNH QUẢNG TRỊ" → "tỉnh Quảng Trị".
LEVELS = frozenset(("tỉnh", "thành", "phố", "xã", "phường", "huyện", "quận", "thị", "trấn",
                    "đặc", "khu"))
#: First words of a body's name: where a place's name in a header ends.
BODIES = frozenset(("ban", "sở", "phòng", "đảng", "hội", "đoàn", "văn", "trung", "mặt", "ủy",
                    "chi", "công", "bộ"))
#: Acronyms a header writes in capitals and a sentence keeps so ("UBND", "HĐND", "MTTQ").
ACRONYMS = re.compile(r"^(UBND|HĐND|MTTQ|TNCS|CCB|CT-XH|LĐTB&XH|VHTT|BCH|BTV|ĐU|QU|TU)$")


def sentence_case(text: str) -> str:
    """A heading in capitals as a name is written: "ỦY BAN NHÂN DÂN XÃ YÊN THỦY" → "Ủy ban
    nhân dân xã Yên Thủy" (a place's words after its level keep their capitals)."""
    if not text.isupper():
        return text
    words, out, place = text.split(), [], False
    for word in words:
        low = word.lower()
        if ACRONYMS.match(word):
            out.append(word)
        elif low in ("ủy", "uỷ") and out and out[-1] in LEVELS:  # "TỈNH ỦY": a body
            out[-1] = out[-1].capitalize()
            out.append("ủy")
            place = True  # "TỈNH ỦY NINH BÌNH": the place follows
            continue
        elif place and low in BODIES:  # "… NINH BÌNH BAN TUYÊN GIÁO": a body begins again
            out.append(low.capitalize())
            place = False
            continue
        elif place and low not in LEVELS:
            out.append(word[:1] + word[1:].lower())
        else:
            out.append(low)
        place = place or low in LEVELS
    joined = " ".join(out)
    return joined[:1].upper() + joined[1:]


def _key(window: Window) -> tuple[object, ...]:
    """What two readings must share to be the same time (not the text they were read from)."""
    peak = window.peak
    return (window.start, window.end, window.rrule, window.precision,
            None if peak is None else (peak.start, peak.end))


def _clean(text: str) -> str:
    """Emphasis marks and stray spaces gone: "*(triển khai …)*" → "(triển khai …)"."""
    text = re.sub(r"[*_]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _tidy_title(text: str) -> str:
    text = re.sub(r"\s*\(\s*\)", "", _clean(text))
    text = re.sub(r"(\s*\.{2,}|\s*…|\s*/\.|[\s.;,:]+)$", "", text)
    text = re.sub(r"(\.{2,}|…)$", "", text).strip()
    return text[:1].upper() + text[1:] if text else text


def _kind(title: str, when: str | None) -> ActivityKind:
    folded = fold(title)
    if when is not None and "bao cao" in fold(when):
        return ActivityKind.REPORT
    if when is not None and DEADLINE.search(fold(when)):  # "hoàn thành trước ngày 30/4/2026"
        return ActivityKind.REPORT if "bao cao" in folded else ActivityKind.DEADLINE
    return next((kind for rx, kind in KIND_RULES if rx.search(folded)), ActivityKind.CAMPAIGN)


def _words(text: str, name: frozenset[str] = frozenset()) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", fold(text))
            if w not in STOP and w not in name and len(w) > 1}


def _overlap(a: str, b: str, name: frozenset[str]) -> float:
    """Shared words over the larger set's (role verbs, common words and the anniversary's
    name left out): 1.0 for the same task, low for a summary task and one of its parts."""
    wa, wb = _words(a, name), _words(b, name)
    if len(wa) < 2 or len(wb) < 2:  # "Tổ chức Lễ kỷ niệm": one word left, it must be the same
        return float(bool(wa) and wa == wb)
    return len(wa & wb) / max(len(wa), len(wb))


def _anniversary_value(c: Cited) -> Any:
    if c.registry is not None:
        return c.registry.id
    value: dict[str, Any] = {"name": c.name}
    if c.origin is not None:
        value["date"] = f"{c.origin:%d/%m/%Y}"
    return value


def _anniversary_json(c: Cited) -> dict[str, Any]:
    return {"name": c.name, "origin": c.origin.isoformat() if c.origin else None,
            "date": c.day.isoformat() if c.day else None, "ordinal": c.ordinal,
            "id": c.registry.id if c.registry else None, "line": c.line}


def _reference_value(r: Reference) -> dict[str, Any]:
    value: dict[str, Any] = {"number": r.number}
    if r.date:
        value["date"] = f"{r.date:%d/%m/%Y}"
    if r.issuer:
        value["issuer"] = r.issuer
    value["kind"] = r.kind
    value["type"] = r.type
    return value


def _in_activity(c: Cited, activities: list[dict[str, Any]]) -> bool:
    return any(a["line"] == c.line for a in activities)


def _nest(activities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Activities as the file holds them: sub-items under ``children``, no private keys."""
    by_id: dict[str, dict[str, Any]] = {}
    top: list[dict[str, Any]] = []
    for a in activities:
        clean = {k: v for k, v in a.items() if not k.startswith("_")}
        by_id[a["id"]] = clean
        parent = a.get("_parent")
        if parent in by_id:
            by_id[parent].setdefault("children", []).append(clean)
        else:
            top.append(clean)
    return top
