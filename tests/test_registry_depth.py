"""Registry depth (issue 12): an optional ``name_en``, lunar origins titled with their lunar
date, and annual entries (Tết, Decree 145/2013, Art. 5) with no class."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from scheduler.cli import main
from scheduler.feeds.events import events_of
from scheduler.i18n import class_word
from scheduler.items import from_occurrences
from scheduler.occurrences import occurrence, of
from scheduler.outputs.text import CLASS_STYLE, occurrence_json, title
from scheduler.registry.load import load_registry
from scheduler.registry.sources import bundled_path
from scheduler.rules import MilestoneClass

BUNDLED = load_registry([bundled_path()])

#: A commune's registry as a clerk writes it: no English names, a founding on a lunar date.
LOCAL = """\
policies:
  - id: xa-truyen-thong
    name: "Ngày truyền thống của xã"
    source: "Nghị định 111/2018/NĐ-CP, Điều 4"
    classes: [tron]
anniversaries:
  - id: test-chi-bo-lunar
    name: "Ngày thành lập Chi bộ Đảng đầu tiên của xã"
    date: "10/03/1930"
    calendar: lunar
    kind: founding
    scope: "Phú Thọ"
    policy: xa-truyen-thong
    source: "Lịch sử Đảng bộ xã (test)"
"""


def local_registry(tmp_path: Path) -> Path:
    path = tmp_path / "xa.yaml"
    path.write_text(LOCAL, encoding="utf-8")
    return path


def test_name_en_may_be_left_out_and_the_name_stands_in(tmp_path: Path) -> None:
    registry = load_registry([local_registry(tmp_path)])
    entry = registry.get("test-chi-bo-lunar")
    assert entry is not None
    assert entry.name_en == entry.display_name("en") == entry.name
    assert registry.policies["xa-truyen-thong"].name_en == "Ngày truyền thống của xã"


def test_a_lunar_origin_with_a_year_is_titled_with_its_lunar_date(tmp_path: Path) -> None:
    entry = load_registry([local_registry(tmp_path)]).get("test-chi-bo-lunar")
    assert entry is not None
    occ = occurrence(entry, 2025)
    assert occ is not None and occ.ordinal == 95
    origin, when = occ.origin_date, occ.date
    assert origin is not None
    span = f"{origin:%d/%m/%Y} - {when:%d/%m/%Y}"
    assert title(occ, "vi") == (
        f"95 năm Ngày thành lập Chi bộ Đảng đầu tiên của xã (10/3 âm lịch; {span})")
    assert title(occ, "en") == (
        f"95th anniversary: Ngày thành lập Chi bộ Đảng đầu tiên của xã (lunar 10/3; {span})")
    assert when == date(2025, 4, 7)  # 10/3 Ất Tỵ, the same day as Giỗ Tổ


def test_english_json_keeps_name_en_as_the_fallback(tmp_path: Path) -> None:
    registry = local_registry(tmp_path)
    result = CliRunner().invoke(main, ["year", "2025", "--registry", str(registry),
                                       "--scope", "Phú Thọ", "--lang", "en", "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (row,) = [r for r in json.loads(result.output) if r["id"] == "test-chi-bo-lunar"]
    assert row["name_en"] == row["name"] == "Ngày thành lập Chi bộ Đảng đầu tiên của xã"
    assert "(lunar 10/3; " in row["title"]


def test_tet_has_no_class() -> None:
    """Regression (issue 12): `kyniem year 2025` called Tết "năm lẻ 5"."""
    tet = BUNDLED.get("tet-nguyen-dan")
    assert tet is not None
    occ = occurrence(tet, 2025)
    assert occ is not None and occ.klass is None and not occ.milestone
    assert occurrence_json(occ, "vi")["class"] is None
    assert class_word(occ.klass, "vi") == class_word(occ.klass, "en") == "—"
    assert CLASS_STYLE.get(occ.klass, "") == "" and CLASS_STYLE[None] == ""
    gio_to = BUNDLED.get("gio-to-hung-vuong")  # no origin year either, but Decree 145 classes
    assert gio_to is not None
    gio_to_2025 = occurrence(gio_to, 2025)
    assert gio_to_2025 is not None and gio_to_2025.klass is MilestoneClass.LE5


def test_the_year_list_shows_a_dash_for_tet_and_class_filters_skip_it() -> None:
    runner = CliRunner()
    shown = runner.invoke(main, ["year", "2025"], catch_exceptions=False)
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    (at,) = [i for i, x in enumerate(lines) if "Tết Nguyên đán" in x]
    # one row, or (narrow terminal) the title with its date and class on the line below
    row = lines[at] if "—" in lines[at] else lines[at] + lines[at + 1]
    assert "—" in row and "năm lẻ 5" not in row and "năm khác" not in row
    for classes in ("tron,le5,khac", "le5"):
        out = runner.invoke(main, ["year", "2025", "--class", classes, "--json"],
                            catch_exceptions=False)
        assert out.exit_code == 0, out.output
        assert "tet-nguyen-dan" not in {r["id"] for r in json.loads(out.output)}


def test_the_feed_description_of_tet_has_no_class_line() -> None:
    occs = [o for o in of(BUNDLED.anniversaries).in_year(2025)
            if o.id in ("tet-nguyen-dan", "thanh-lap-dang")]
    events = {e.anniversaries[0]: e for e in events_of(from_occurrences(occs))}
    assert "Loại năm" not in events["tet-nguyen-dan"].description
    assert "Nguồn: Nghị định 145/2013/NĐ-CP" in events["tet-nguyen-dan"].description
    assert "Loại năm (NĐ 145/2013, Điều 3): năm lẻ 5" in events["thanh-lap-dang"].description
