"""Every view at 60, 80, 120 and 200 columns, and piped (issue 12, item 5): no line wider than
the terminal, every task's (or anniversary's) title whole, no date cut, plain text within 80.

The views are built from the bundled registry and plans through the controllers, with a fixed
``now``; the remind list from the reminders the bundled plans ask for at that moment.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console

from scheduler import commands, planning
from scheduler.commands import Filters, Settings
from scheduler.items import Item
from scheduler.outputs.agenda import Agenda
from scheduler.outputs.diff import DiffView
from scheduler.outputs.layout import (
    MIN_TITLE,
    Entry,
    cells,
    entry_lines,
    hanging,
    join_fields,
    table_fits,
    wrap,
)
from scheduler.outputs.text import title
from scheduler.outputs.timeline import Timeline, bar_label
from scheduler.outputs.units import Units
from scheduler.remind.plan import VN_TZ, specs
from scheduler.remind.store import Scheduled
from scheduler.remind.views import ReminderList, Summary

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
WIDTHS = (60, 80, 120, 200)
NOW = date(2024, 4, 1)


@dataclass(frozen=True)
class Case:
    """A view and the titles it must show whole."""

    view: Any
    titles: tuple[str, ...]


def _settings(lang: str) -> Settings:
    return Settings(now=NOW, lang=lang)


def _year(lang: str) -> Case:
    view = commands.year(_settings(lang), 2024, Filters())
    return Case(view, tuple(title(o, lang) for o in view.occurrences))


def _upcoming(lang: str) -> Case:
    view = commands.upcoming(_settings(lang), None, None, None, Filters())
    return Case(view, tuple(title(o, lang) for o in view.occurrences))


def _show(lang: str) -> Case:
    view = commands.show(_settings(lang), "chien-thang-dien-bien-phu", 3, 3)
    occs = view.past + view.upcoming
    return Case(view, (view.anniversary.display_name(lang), *(title(o, lang) for o in occs)))


def _agenda(lang: str) -> Case:
    view = planning.agenda(_settings(lang), None, NOW, None, 31)
    assert isinstance(view, Agenda)
    return Case(view, tuple(i.title for _, items in view.sections() for i in items))


def _units(lang: str) -> Case:
    view = planning.units(_settings(lang), None)
    assert isinstance(view, Units)
    return Case(view, tuple(i.title for u in view.units for _, i in u.tasks))


def _timeline(lang: str) -> Case:
    view = planning.timeline(_settings(lang), "2024", None, 400)
    assert isinstance(view, Timeline)
    return Case(view, tuple(bar_label(i) for i in view.rows))


def _diff(lang: str) -> Case:
    view = planning.diff(_settings(lang), str(FIXTURES / "diff" / "old.yaml"),
                         str(FIXTURES / "diff" / "new.yaml"), None)
    assert isinstance(view, DiffView)
    tasks = [t.activity.title for u in view.diff.units
             for field in ("added", "removed", "retimed", "roles") for t in getattr(u, field)]
    return Case(view, tuple(tasks))


def _check(lang: str) -> Case:
    view = commands.check(_settings(lang), (str(FIXTURES / "registry" / "many_problems.yaml"),))
    return Case(view, ())


def _remind(lang: str) -> Case:
    now = datetime(2024, 4, 1, 8, 0, tzinfo=VN_TZ)
    reminders = specs(planning.load_items(_settings(lang)), now)
    assert len(reminders) > 20
    view = ReminderList(tuple(Scheduled(r, None) for r in reminders), "sqlite:///kyniem.db",
                        lang)
    return Case(view, tuple(r.title for r in reminders))


def _summary(lang: str) -> Case:
    return Case(Summary(12, 3, 140, "sqlite:///kyniem.db", None, lang), ())


VIEWS: dict[str, Callable[[str], Case]] = {
    "year": _year, "upcoming": _upcoming, "show": _show, "agenda": _agenda, "units": _units,
    "timeline": _timeline, "diff": _diff, "check": _check, "remind": _remind,
    "summary": _summary}
_CASES: dict[tuple[str, str], Case] = {}


def case(name: str, lang: str = "vi") -> Case:
    """Each view built once (the plans are read once per view and language)."""
    if (name, lang) not in _CASES:
        _CASES[name, lang] = VIEWS[name](lang)
    return _CASES[name, lang]


def render(view: object, width: int) -> str:
    console = Console(file=StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(view)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


BORDERS = re.compile(r"[│┃]")


def readable(out: str) -> str:
    """The text as read: table cells followed down their column (a title wrapped in a cell
    reads on across the cell's lines), other lines as they come; whitespace collapsed."""
    free: list[str] = []
    columns: dict[int, list[str]] = {}
    for line in out.splitlines():
        parts = BORDERS.split(line)
        if len(parts) < 3:
            free.append(line)
            continue
        for i, cell in enumerate(parts[1:-1]):
            columns.setdefault(i, []).append(cell)
    text = " ".join([*free, *(" ".join(c) for c in columns.values())])
    return " ".join(text.split())


def collapsed(text: str) -> str:
    return " ".join(text.split())


#: A date cut short: "17/…", "17/12…", a "dd/mm/" not followed by its year, a year alone at
#: the start of a line or cell ("/2024" torn from its day and month). A short title may end
#: "mục 1, 2…": a number before "…" is not a date.
CUT = re.compile(r"\d/…|\b\d{1,2}/\d{1,2}/?\d{0,3}…|\b\d{1,2}/\d{1,2}/(?!\d{4})"
                 r"|(?:^|\s)/\d{2,4}\b")


def cut_dates(out: str) -> list[str]:
    found = []
    for line in out.splitlines():
        for cell in BORDERS.split(line):
            found += CUT.findall(cell)
    return found


def test_cut_dates_are_found() -> None:
    assert cut_dates("│ 17/… │") and cut_dates("01/04/20\n24") and cut_dates("x /2024")
    assert cut_dates("07/05/19…") and not cut_dates("các nội dung ở mục 1, 2…")
    assert not cut_dates("│ 01/04/2024 – 31/05/2024 │ 10/3 âm lịch · 4/2024 · 07/5/1954 │")


def titles_missing(case_: Case, out: str) -> list[str]:
    text = readable(out)
    return [t for t in case_.titles if collapsed(t) not in text]


# -- rich, at every width -----------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(VIEWS))
def test_rich_view_fits_and_keeps_titles_and_dates_whole(name: str, width: int) -> None:
    found = case(name)
    out = render(found.view, width)
    lines = out.splitlines()
    assert lines, name
    too_wide = [line for line in lines if cell_len(line) > width]
    assert not too_wide, too_wide[:3]
    assert titles_missing(found, out) == []
    assert cut_dates(out) == []


@pytest.mark.parametrize("name", ["year", "agenda", "units", "remind", "diff", "show"])
def test_english_views_too(name: str) -> None:
    found = case(name, "en")
    for width in (60, 120):
        out = render(found.view, width)
        assert max(cell_len(line) for line in out.splitlines()) <= width
        assert titles_missing(found, out) == [] and cut_dates(out) == []


# -- plain (piped) ------------------------------------------------------------------------

def plain_too_wide(text: str) -> list[str]:
    """Lines over 80 cells, except a line that is one token with no space to break at."""
    return [line for line in text.splitlines() if cells(line) > 80 and len(line.split()) > 1]


@pytest.mark.parametrize("name", list(VIEWS))
def test_plain_within_80_columns_titles_whole(name: str) -> None:
    found = case(name)
    text = found.view.plain()
    assert plain_too_wide(text) == []
    assert [t for t in found.titles if collapsed(t) not in collapsed(text)] == []
    assert cut_dates(text) == []


def test_plain_keeps_a_long_url_whole() -> None:
    text = case("show").view.plain()
    long = [line for line in text.splitlines() if cells(line) > 80]
    assert long and all(line.split()[0].startswith("<https://") for line in long)


# -- layouts by width ---------------------------------------------------------------------

def test_occurrence_list_is_a_table_when_wide_and_stacked_when_narrow() -> None:
    view = case("upcoming").view
    wide, narrow = render(view, 120), render(view, 60)
    assert "┃ Ngày" in wide and "•" not in wide
    assert "┃" not in narrow and "\n• " in narrow
    first = view.occurrences[0]
    # stacked: the title, then its date, countdown and class on the line below
    lines = narrow.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("• ") and
              collapsed(title(first, "vi")).startswith(collapsed(line[2:])))
    below = next(line for line in lines[at + 1:] if line.startswith("    "))
    assert below.strip().startswith("02/04/2024 T3 · 1 ngày · ")


def test_remind_list_keeps_the_title_column_below_130_columns() -> None:
    """Regression (issue 12): under ~130 columns the table kept its short columns and cut
    the title to nothing, and at 80 the fire time became "17/…"."""
    view = case("remind").view
    for width in (80, 100, 120):
        out = render(view, width)
        assert "Các tổ chức CT-XH, chi bộ trực thuộc" in readable(out)
        assert "…" not in out
    assert "┃ Lúc nhắc" in render(view, 120) and "┃" not in render(view, 80)


def test_agenda_is_compact_at_80_columns() -> None:
    """Regression (issue 12): a narrow agenda became many times longer than it is wide;
    stacked, a task takes its title's lines and one or two more."""
    view = case("agenda").view
    count = sum(len(items) for _, items in view.sections())
    title_lines = sum(len(wrap(i.title, 76, "  • ", "    "))
                      for _, items in view.sections() for i in items)
    lines = render(view, 80).splitlines()
    # its title's lines, at most three of fields (window · kind, units, plan), the headings
    assert title_lines < len(lines) <= title_lines + 3 * count + 12
    assert len(lines) < 2 * title_lines
    assert "┏" in render(view, 200)


def test_timeline_label_column_when_wide_title_above_its_bar_when_narrow() -> None:
    view = planning.timeline(Settings(plans=(str(FIXTURES / "plans" / "minimal.yaml"),)),
                             "test-plan", None, 400)
    assert isinstance(view, Timeline)
    wide = render(view, 200).splitlines()
    narrow = render(view, 60).splitlines()
    short = next(bar_label(i) for i in view.rows if len(bar_label(i)) < 40)
    assert any(line.startswith(short) and "█" in line for line in wide)
    at = next(i for i, line in enumerate(narrow) if line.startswith(short))
    assert "█" not in narrow[at] and narrow[at + 1].startswith("  ") and (
        "█" in narrow[at + 1] or "◆" in narrow[at + 1])


def test_a_piped_timeline_is_80_columns_whatever_width_was_asked() -> None:
    view = case("timeline").view
    assert view.width == 400
    assert max(cells(line) for line in view.plain().splitlines()) <= 80


def test_diff_is_a_table_when_wide_and_its_plain_layout_when_narrow() -> None:
    view = case("diff").view
    assert "│" in render(view, 120)
    narrow = render(view, 60)
    assert "│" not in narrow and "    + Viếng Nghĩa trang liệt sĩ quận" in narrow.splitlines()


def test_no_rich_when_piped() -> None:
    """Piped runs render without importing rich (startup speed)."""
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from scheduler import commands, planning\n"
        "from scheduler.commands import Filters, Settings\n"
        "s = Settings(now=date(2024, 4, 1))\n"
        "for v in (commands.year(s, 2024, Filters()), commands.show(s, 'chien-thang-dien-bien-phu',"
        " 2, 2), planning.agenda(s, None, None, None, 31), planning.units(s, None),"
        " planning.timeline(s, '2024', None, 100), commands.check(s, ())):\n"
        "    assert v.plain()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


# -- the helpers --------------------------------------------------------------------------

def test_cells_count_terminal_columns() -> None:
    assert cells("Điện Biên Phủ") == 13
    assert cells("Đie\u0302\u0323n") == 4  # decomposed marks take no column
    assert cells("日本") == 4
    for text in ("Điện Biên Phủ", "Đie\u0302\u0323n", "日本", "a\u200bb"):
        assert cells(text) == cell_len(text)


def test_wrap_keeps_words_and_inner_spacing() -> None:
    lines = wrap("nay:   01/12/2022 – 20/12/2022 (“từ ngày 01/12/2022”)", 30, "  ", "    ")
    assert lines == ["  nay:   01/12/2022 –", "    20/12/2022 (“từ ngày", "    01/12/2022”)"]
    assert wrap("x" * 50, 20, "  ") == ["  " + "x" * 50]  # an unbreakable token stays whole
    assert wrap("", 20, "• ") == ["•"]
    assert all(cells(line) <= 30 for line in lines)


def test_join_fields_breaks_between_fields() -> None:
    fields = ("19/04/2024", "báo cáo", "Các phòng, ban, đơn vị, UBND các phường",
              "thanh-xuan-giai-phong-thu-do-70-2024")
    lines = join_fields(fields, 70, "    ", "    ")
    assert lines == ["    19/04/2024 · báo cáo · Các phòng, ban, đơn vị, UBND các phường",
                     "    thanh-xuan-giai-phong-thu-do-70-2024"]
    long = join_fields(["01/04/2024 – 31/05/2024", "Ban " * 20], 40, "", "  ")
    assert long[0] == "01/04/2024 – 31/05/2024"  # the long field starts a line of its own
    assert long[1].startswith("  Ban Ban") and len(long) == 4
    assert all(cells(line) <= 40 for line in long)


def test_entry_lines_title_then_fields() -> None:
    entry = Entry("Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ", ("07/05/2024 T3", "năm tròn*"))
    lines = entry_lines(entry, 30, "  ")
    assert lines == [("  • Kỷ niệm 70 năm Chiến thắng", True), ("    Điện Biên Phủ", True),
                     ("      07/05/2024 T3", False), ("      năm tròn*", False)]


def test_hanging_columns_or_none_when_too_narrow() -> None:
    rows = [["12/04/2024 08:00", "báo cáo", "Báo cáo kết quả về UBND quận (qua phòng Văn hóa)"]]
    lines = hanging(rows, 60)
    assert lines == ["12/04/2024 08:00  báo cáo  Báo cáo kết quả về UBND quận (qua",
                     "                           phòng Văn hóa)"]
    assert hanging(rows, 27 + MIN_TITLE - 1) is None


def test_table_fits_counts_borders_and_padding() -> None:
    # two columns of 10 and a title of MIN_TITLE: 3 cells per column and one border
    assert table_fits([10, 10], [MIN_TITLE], 20 + MIN_TITLE + 10)
    assert not table_fits([10, 10], [MIN_TITLE], 20 + MIN_TITLE + 9)


def _items(view: Agenda) -> Iterator[Item]:
    for _, items in view.sections():
        yield from items


def test_the_bundled_agenda_has_long_titles() -> None:
    """The widths above are tested against real titles, several longer than a terminal."""
    assert sum(len(i.title) > 200 for i in _items(case("agenda").view)) >= 3
