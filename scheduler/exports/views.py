"""The views of the terminal (:mod:`scheduler.outputs`) and a plan's assignment appendix as
:class:`~.sheet.Sheet` s. Only the views' fields are read: their terminal layout is theirs.

Column widths fill the 165 mm between the margins of an A4 page (210 − 30 − 15 mm, Decree
30/2020/NĐ-CP, Appendix I, I.5).
"""

from __future__ import annotations

import re
from datetime import date

from ..dates import fmt
from ..i18n import class_word, weekday, word
from ..items import Item
from ..names import slug
from ..outputs.agenda import Agenda
from ..outputs.itemtext import OTHER_ROLES, kind_text, units_text, window_text
from ..outputs.table import OccurrenceTable
from ..outputs.text import title
from ..outputs.units import Units
from ..plans.model import Activity, Plan, Role
from ..wording import role_word, worded
from .sheet import Cell, Column, Group, Row, Sheet


def say_in(lang: str, key: str, **values: object) -> str:
    return worded(key, lang, **values)


def columns(lang: str, *spec: tuple[str, float, int]) -> tuple[Column, ...]:
    """(message key, mm on the page, Excel characters) → columns headed in ``lang``."""
    return tuple(Column(say_in(lang, f"export_col_{key}"), mm, chars) for key, mm, chars in spec)


def sheet_of(view: object, lang: str) -> Sheet:
    """The sheet of a view: an :class:`OccurrenceTable`, an :class:`Agenda` or :class:`Units`
    (any other is a programming error: the CLI offers ``--format`` on these only)."""
    if isinstance(view, OccurrenceTable):
        return occurrences(view, lang)
    if isinstance(view, Agenda):
        return agenda(view, lang)
    if isinstance(view, Units):
        return units(view, lang)
    raise TypeError(f"no office document for {type(view).__name__}")


def occurrences(view: OccurrenceTable, lang: str) -> Sheet:
    """``year`` and ``upcoming``: STT, Ngày, (Còn), Loại năm, Sự kiện; one row each."""
    today = view.today
    rows = []
    for n, occ in enumerate(view.occurrences, 1):
        day = f"{fmt(occ.date)}\n{weekday(occ.date.weekday(), lang)}"
        klass = class_word(occ.klass, lang) + ("*" if occ.milestone else "")
        name = title(occ, lang)
        days = (occ.date - today).days if today else None  # "Còn (ngày)": whole days
        left = (day, str(days)) if today else (day,)
        cells: tuple[Cell, ...] = (occ.date, days) if today else (occ.date,)
        rows.append(Row((str(n), *left, klass, name), (n, *cells, klass, name),
                        strong=occ.milestone))
    countdown = [("days", 18.0, 11)] if today else []
    page = columns(lang, ("number", 12, 6), ("date", 26, 12), *countdown, ("class", 22, 12),
                   ("anniversary", 105 - (18 if today else 0), 90))
    notes = ([word("legend", lang)] if any(o.milestone for o in view.occurrences) else [])
    if not view.occurrences:
        notes.append(word("none", lang))
    return Sheet(_occurrence_stem(view), say_in(lang, "export_sheet_anniversaries"),
                 view.heading, page, page, (Group(None, tuple(rows)),), lang,
                 notes=tuple(notes))


def _occurrence_stem(view: OccurrenceTable) -> str:
    if view.today is not None:
        return f"kyniem-sap-toi-{view.today.isoformat()}"
    found = re.search(r"\b\d{4}\b", view.heading)
    year = view.occurrences[0].date.year if view.occurrences else found and found.group()
    return f"kyniem-{year}" if year else "kyniem-nam"


def _item_cells(item: Item, lang: str) -> tuple[str, date | None, date | None]:
    """The window as written for a person, and its first and last day as dates."""
    return window_text(item, lang), item.start, item.last_day


def agenda(view: Agenda, lang: str) -> Sheet:
    """A unit's agenda: its sections as label rows in Word, as a column in Excel."""
    groups, n = [], 0
    for key, items in view.sections():
        if not items:
            continue
        label = word(key, lang)
        rows = []
        for item in items:
            n += 1
            plan = item.plan.id if item.plan else ""
            when, start, end = _item_cells(item, lang)
            kind, who = kind_text(item, lang), units_text(item, lang)
            rows.append(Row((str(n), when, kind, item.title, who, plan),
                            (label, n, when, start, end, kind, item.title, who, plan)))
        groups.append(Group(f"{label} ({len(items)})", tuple(rows)))
    page = columns(lang, ("number", 12, 6), ("when", 28, 24), ("kind", 20, 12),
                   ("task", 53, 70), ("units", 30, 40), ("plan", 22, 30))
    cells = columns(lang, ("section", 0, 16), ("number", 0, 6), ("when", 0, 24),
                    ("from", 0, 12), ("to", 0, 12), ("kind", 0, 12), ("task", 0, 70),
                    ("units", 0, 40), ("plan", 0, 30))
    stem = f"kyniem-lich-viec-{view.start.isoformat()}"
    if view.unit:
        stem += f"-{slug(view.unit)}"
    notes = () if groups else (word("nothing", lang),)
    return Sheet(stem, say_in(lang, "export_sheet_agenda"), view.heading(), page, cells,
                 tuple(groups), lang, notes=notes)


def units(view: Units, lang: str) -> Sheet:
    """Each unit and its tasks: the unit as a label row in Word, a column in Excel."""
    groups, n = [], 0
    for tasks in view.units:
        rows = []
        for role, item in tasks.tasks:
            n += 1
            plan = item.plan.id if item.plan else ""
            when, start, end = _item_cells(item, lang)
            what, kind = role_word(role.value, lang), kind_text(item, lang)
            rows.append(Row((str(n), what, when, kind, plan, item.title),
                            (tasks.unit, n, what, when, start, end, kind, plan, item.title),
                            strong=role is Role.LEAD))
        groups.append(Group(tasks.title(lang), tuple(rows)))
    page = columns(lang, ("number", 12, 6), ("role", 18, 12), ("when", 28, 24),
                   ("kind", 20, 12), ("plan", 22, 30), ("task", 65, 70))
    cells = columns(lang, ("unit", 0, 36), ("number", 0, 6), ("role", 0, 12),
                    ("when", 0, 24), ("from", 0, 12), ("to", 0, 12), ("kind", 0, 12),
                    ("plan", 0, 30), ("task", 0, 70))
    notes = () if groups else (word("nothing", lang),)
    return Sheet("kyniem-don-vi", say_in(lang, "export_sheet_units"), word("units", lang),
                 page, cells, tuple(groups), lang, notes=notes)


def plan_appendix(plan: Plan, lang: str) -> Sheet:
    """"Phụ lục: Phân công thực hiện" of one plan: STT, Nội dung, Thời gian (the phrase as
    written and the days read), Chủ trì, Phối hợp; one row per activity in plan order,
    under a label row for each part of the plan (``section`` "II.3" is part II)."""
    groups: list[tuple[str | None, list[Row]]] = []
    numbers: dict[str, str] = {}
    top = 0
    children: dict[str, int] = {}
    for activity in plan.activities:
        if activity.parent and activity.parent in numbers:
            children[activity.parent] = children.get(activity.parent, 0) + 1
            number = f"{numbers[activity.parent]}.{children[activity.parent]}"
        else:
            top += 1
            number = str(top)
        numbers[activity.id] = number
        label = _part(activity.section, lang)
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append(_activity_row(activity, number, lang))
    page = columns(lang, ("number", 12, 6), ("task", 68, 80), ("when", 35, 30),
                   ("lead", 25, 30), ("partner", 25, 40))
    cells = columns(lang, ("number", 0, 6), ("section", 0, 10), ("task", 0, 80),
                    ("phrase", 0, 30), ("from", 0, 12), ("to", 0, 12), ("lead", 0, 30),
                    ("partner", 0, 40))
    return Sheet(f"{plan.id}-phan-cong", say_in(lang, "export_appendix_sheet"),
                 say_in(lang, "export_appendix_title"), page, cells,
                 tuple(Group(label, tuple(rows)) for label, rows in groups), lang,
                 issuer=plan.issuer, caption=say_in(lang, "export_appendix"),
                 lines=(say_in(lang, "export_attached", plan=_plan_named(plan, lang)),))


def _part(section: str | None, lang: str) -> str | None:
    if not section:
        return None
    head = section.split(".")[0]
    if re.fullmatch(r"[IVXLC]+", head):
        return say_in(lang, "export_section", section=head)
    # the importer's name for the closing reporting paragraph (scheduler/imports)
    return say_in(lang, "export_section_report") if section == "report" else section


def _section_cell(section: str | None, lang: str) -> str:
    """The "Mục" cell: the section as the plan numbers it; the importer's name for the
    closing reporting paragraph in words (regression: "report", English, in a document
    sent out)."""
    if section == "report":
        return say_in(lang, "export_section_report")
    return section or ""


def _activity_row(activity: Activity, number: str, lang: str) -> Row:
    window = activity.window
    if not activity.timed or window.undated:
        read = word("untimed" if not activity.timed else "undated", lang)
        when = window.phrase if activity.timed and window.phrase else read
        if activity.timed and window.phrase:
            when += f"\n({read})"
    else:
        assert window.start is not None and window.end is not None
        days = (fmt(window.start) if window.start == window.end
                else f"{fmt(window.start)} – {fmt(window.end)}")
        when = f"{window.phrase}\n({days})" if window.phrase else f"({days})"
    others = [f"{role_word(role.value, lang)}: {', '.join(activity.with_role(role))}"
              for role in OTHER_ROLES if activity.with_role(role)]
    partners = [*activity.partners, *others]
    phrase = window.phrase if activity.timed else ""
    # one unit a line on the page; "; " between them in a spreadsheet cell
    return Row((number, activity.title, when, "\n".join(activity.leads), "\n".join(partners)),
               (int(number) if number.isdigit() else number, _section_cell(activity.section, lang),
                activity.title, phrase, window.start, window.end, "; ".join(activity.leads),
                "; ".join(partners)))


def _plan_named(plan: Plan, lang: str) -> str:
    """"Kế hoạch … số 80-KH/TU ngày 26/05/2022 của Ban Thường vụ Quận ủy"."""
    parts = [plan.title]
    if plan.number:
        parts.append(say_in(lang, "export_plan_number", number=plan.number))
    if plan.issued:
        parts.append(say_in(lang, "export_plan_issued", day=fmt(plan.issued)))
    if plan.issuer:
        parts.append(say_in(lang, "export_plan_issuer", issuer=plan.issuer))
    return " ".join(parts)

