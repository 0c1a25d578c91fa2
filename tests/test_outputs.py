"""Views render themselves: into a captured rich console, as plain text, as JSON."""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path

from rich.console import Console

from scheduler.occurrences import of
from scheduler.outputs import emit
from scheduler.outputs.card import AnniversaryCard
from scheduler.outputs.report import CheckReport
from scheduler.outputs.table import OccurrenceTable
from scheduler.outputs.text import title
from scheduler.registry.errors import Problem
from scheduler.registry.load import load_registry

MINI = load_registry([Path(__file__).parent / "fixtures" / "registry" / "mini.yaml"])


def render(view: object, width: int = 120) -> str:
    console = Console(file=StringIO(), width=width, color_system=None)
    console.print(view)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


def table(lang: str = "vi", today: date | None = date(2024, 1, 1)) -> OccurrenceTable:
    return OccurrenceTable("Năm 2024", tuple(of(MINI.anniversaries).in_year(2024)), lang, today)


def test_title_follows_the_guidance_wording() -> None:
    occ = of(MINI.anniversaries).in_year(2024)
    titles = [title(o, "vi") for o in occ]
    assert "70 năm Chiến thắng Điện Biên Phủ (07/05/1954 - 07/05/2024)" in titles
    assert "Giỗ Tổ Hùng Vương (10/3 âm lịch, 18/04/2024)" in titles
    assert "28th anniversary: Leap-day event (29/02/1996 - 29/02/2024)" in [
        title(o, "en") for o in occ]


def test_rich_table() -> None:
    out = render(table())
    assert "Năm 2024" in out and "┃ Ngày" in out
    assert "70 năm Chiến thắng Điện Biên Phủ" in out
    assert "127 ngày" in out and "năm tròn*" in out


def test_rich_table_narrow_console_wraps_names_not_dates() -> None:
    out = render(table(), width=60)
    assert "07/05/2024 T3" in out


def test_plain_and_json_agree() -> None:
    view = table("en")
    plain = view.plain()
    data = view.as_json()
    lines = plain.splitlines()
    # heading, a bulleted title and a line of fields per row (titles here fit 80), legend
    assert len(lines) == 2 * len(data) + 2
    assert sum(line.startswith("• ") for line in lines) == len(data)
    assert lines[-1] == "* a milestone (ceremony year) under its policy"
    for row in data:
        assert f"• {row['title']}" in lines


def test_empty_table() -> None:
    empty = OccurrenceTable("Trống", (), "vi")
    assert empty.plain() == "Trống\nKhông có ngày kỷ niệm nào."
    assert "Không có ngày kỷ niệm nào." in render(empty)


def test_card_renders_facts_and_milestones() -> None:
    dbp = MINI.get("test-dbp")
    assert dbp is not None
    occs = tuple(of([dbp]).of_one(dbp, (2014, 2019, 2024, 2029)))
    card = AnniversaryCard(dbp, occs[:3], occs[3:], "en", date(2025, 1, 1))
    out = render(card)
    assert "test-dbp" in out and "Source" in out and "Nghị định 145/2013/NĐ-CP" in out
    assert "75th anniversary" in out and "70th anniversary" in out
    assert card.as_json()["next"][0]["ordinal"] == 75


def test_check_report() -> None:
    problem = Problem("r.yaml", 3, "anniversaries[0].date", "bad")
    counts = {"anniversaries": 5, "policies": 3, "plans": 2, "activities": 9, "files": 3}
    bad = CheckReport((problem,), counts, "en")
    assert bad.plain() == "r.yaml:3: anniversaries[0].date: bad\n1 problem."
    assert bad.exit_code == 2
    good = CheckReport((), counts, "en")
    assert good.plain() == "Valid: 5 anniversaries, 3 policies, 2 plans (9 activities) in 3 files."
    assert good.as_json()["plans"] == 2
    assert good.exit_code == 0


def test_emit_chooses_plain_for_pipes_and_json_on_request() -> None:
    out = StringIO()
    emit(table(), as_json=False, stream=out)
    assert out.getvalue().startswith("Năm 2024\n") and "┃" not in out.getvalue()
    out = StringIO()
    emit(table(), as_json=True, stream=out)
    assert '"Chiến thắng Điện Biên Phủ"' in out.getvalue()  # UTF-8, not \\u escapes


def test_vietnamese_sort_order() -> None:
    from scheduler.i18n import sort_key

    names = ["UBND phường", "Đoàn TNCS", "Dân vận", "Ban Tuyên giáo", "Ân nhân", "An ninh"]
    assert sorted(names, key=sort_key) == ["An ninh", "Ân nhân", "Ban Tuyên giáo", "Dân vận",
                                          "Đoàn TNCS", "UBND phường"]


class _Tty(StringIO):
    def isatty(self) -> bool:
        return True


def _hostile_table() -> OccurrenceTable:
    """A table whose data carries a terminal title sequence, a bell, NUL and a C1 CSI (as a
    fetched feed could, whatever `check` lets into files)."""
    from dataclasses import replace

    occs = tuple(of(MINI.anniversaries).in_year(2024))
    bad = replace(occs[0].anniversary, name="Lễ\x1b]0;pwned\x07\x00 kỷ niệm\x9b2J")
    return OccurrenceTable("Năm\x1b[2J 2024", (replace(occs[0], anniversary=bad),), "vi",
                           date(2024, 1, 1))


def test_no_control_character_reaches_a_terminal_or_a_pipe() -> None:
    """Regression (issue 9): ESC/BEL/NUL from data reached the terminal raw."""
    for stream in (_Tty(), StringIO()):
        emit(_hostile_table(), as_json=False, stream=stream)
        text = stream.getvalue()
        assert "pwned" in text and "kỷ niệm" in text
        assert not any(c in text for c in "\x07\x00\x9b"), repr(text)
        assert "\x1b]0;pwned" not in text and "\x1b[2J" not in text


def test_json_is_valid_utf8_and_escapes_controls() -> None:
    import io
    import json

    class Piped(io.TextIOWrapper):
        pass

    raw = io.BytesIO()
    stream = Piped(raw, encoding="ascii")  # a C locale: the text layer could not hold "ế"
    emit(_hostile_table(), as_json=True, stream=stream)
    data = json.loads(raw.getvalue().decode("utf-8"))
    assert "\x1b]0;pwned" in data[0]["name"]  # escaped as \\u001b by JSON, never raw
    assert not any(c in raw.getvalue().decode("utf-8") for c in "\x1b\x07\x00\x9b")
