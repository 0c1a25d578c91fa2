"""The plan commands through the CLI: when, agenda, timeline, units, plan new, check."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from scheduler import planning
from scheduler.cli import main
from scheduler.commands import Settings

PLANS = Path(__file__).parent / "fixtures" / "plans"
MINIMAL = ["--plans", str(PLANS / "minimal.yaml")]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def render(view: object, width: int = 120) -> str:
    console = Console(file=StringIO(), width=width, color_system=None)
    console.print(view)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


@pytest.mark.parametrize(
    ("args", "start", "end", "precision", "rrule"),
    [
        (["cao điểm từ ngày 15/12/2022", "--anniversary", "18/12/2022"],
         "2022-12-15", "2022-12-18", "day", None),
        (["peak from 15 Dec 2022", "--anniversary", "2022-12-18"],
         "2022-12-15", "2022-12-18", "day", None),
        (["Quý II năm 2024"], "2024-04-01", "2024-06-30", "quarter", None),
        (["Q2 2024"], "2024-04-01", "2024-06-30", "quarter", None),
        (["cuối tháng 8/2022"], "2022-08-21", "2022-08-31", "month-part", None),
        (["by the end of August", "--year", "2022"], "2022-08-01", "2022-08-31", "month", None),
        (["end of August", "--year", "2022"], "2022-08-21", "2022-08-31", "month-part", None),
        (["trong tháng 10, 11/2022"], "2022-10-01", "2022-11-30", "month", None),
        (["từ nay đến tháng 12/2022", "--issued", "01/06/2022"], "2022-06-01", "2022-12-31",
         "month", None),
        (["theo chỉ đạo của Thành phố"], None, None, "undated", None),
    ],
)
def test_when_json(args: list[str], start: str | None, end: str | None, precision: str,
                   rrule: str | None) -> None:
    result = run("when", *args, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["start"], data["end"], data["precision"], data["rrule"]) == (
        start, end, precision, rrule)


def test_when_recurring_and_plain() -> None:
    data = json.loads(run("when", "định kỳ hàng tháng (trước ngày 20)", "--issued",
                          "23/03/2024", "--anniversary", "10/10/2024", "--json").output)
    assert data["start"] == "2024-04-19" and data["rrule"].startswith("FREQ=MONTHLY")
    plain = run("when", "monthly before the 20th", "--issued", "23/03/2024", "--anniversary",
                "10/10/2024", "--lang", "en").output
    assert "Start:" in plain and "19/04/2024" in plain and "Repeats:" in plain


def test_when_unreadable_exits_2() -> None:
    result = CliRunner().invoke(main, ["when", "khi nào rảnh"])
    assert result.exit_code == 2
    assert result.output.startswith("CỤM_TỪ: không đọc được 'khi nào rảnh'")


def test_agenda_sections_and_shift_marked() -> None:
    result = run("agenda", *MINIMAL, "--from", "14/04/2025", "--to", "25/04/2025")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("Lịch việc từ 14/04/2025 đến 25/04/2025")
    assert "Hạn chót (2):" in out
    assert "20/04/2025 (CN) → 18/04/2025" in out and "20/04/2025 (CN) → 21/04/2025" in out
    assert out.index("→ 18/04/2025") < out.index("→ 21/04/2025")  # nearest deadline first
    assert "Chưa có thời gian (1):" in out


def test_agenda_json_week_and_unit() -> None:
    data = json.loads(run("agenda", *MINIMAL, "--now", "02/05/2024", "--unit", "đoàn",
                          "--json").output)
    assert (data["start"], data["end"], data["unit"]) == ("2024-05-02", "2024-05-08", "đoàn")
    assert [i["uid"] for i in data["running"]] == ["plan/test-plan/tuyen-truyen/peak",
                                                   "plan/test-plan/tuyen-truyen"]
    assert [i["start"] for i in data["anniversaries"]] == ["2024-05-07"]
    assert data["due"] == [] and data["undated"] == []


def test_agenda_month_default_plans_and_rich() -> None:
    settings = Settings(now=None)
    view = planning.agenda(settings, None, __import__("datetime").date(2022, 12, 1), None, 31)
    assert view.end.isoformat() == "2022-12-31"
    out = render(view)
    assert "Đang diễn ra" in out and "Ngày kỷ niệm" in out
    assert "Hà Nội - Điện Biên Phủ trên không" in out


def test_timeline_plan_and_year() -> None:
    result = run("timeline", "test-plan", *MINIMAL, "--width", "100")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[1] == "01/03/2024 – 30/04/2025"
    assert "T5" in lines[2] and "★" in lines[3]
    assert any("▓" in line for line in lines) and any("◆" in line for line in lines)
    assert lines[-1].startswith("█ thời gian thực hiện")
    assert all(len(line) <= 100 for line in lines[2:-1])
    year = run("timeline", "2024", "--width", "80", "--json")
    data = json.loads(year.output)
    assert data["start"] == "2024-01-01" and data["end"] == "2024-12-31"
    assert {"2024-05-07", "2024-10-10"} <= set(data["anniversaries"])


def test_timeline_unknown_plan_exits_2() -> None:
    result = CliRunner().invoke(main, ["timeline", "nope", *MINIMAL])
    assert result.exit_code == 2
    assert "KẾ_HOẠCH|NĂM: không có kế hoạch nào khớp «nope»" in result.output


def test_timeline_renders_in_rich() -> None:
    view = planning.timeline(Settings(plans=(str(PLANS / "minimal.yaml"),)), "test-plan", None,
                             100)
    out = render(view, width=90)
    assert "Tiến độ: Kế hoạch thử" in out and "▓" in out


def test_units() -> None:
    data = json.loads(run("units", *MINIMAL, "--json").output)
    assert [u["unit"] for u in data] == ["Ban Tuyên giáo Đảng ủy", "Đoàn TNCS Hồ Chí Minh phường",
                                         "UBND phường"]
    ubnd = data[2]
    assert [i["uid"] for i in ubnd["lead"]] == ["plan/test-plan/bao-cao-thang",
                                                "plan/test-plan/bao-cao-sau", "plan/test-plan/le"]
    assert [i["uid"] for i in ubnd["partner"]] == ["plan/test-plan/tuyen-truyen"]
    plain = run("units", *MINIMAL, "--unit", "ubnd").output
    assert plain.splitlines()[0] == "Các đơn vị và nhiệm vụ"
    assert "UBND phường (3 + 1)" in plain and "Ban Tuyên giáo" not in plain
    assert "UBND phường" in render(planning.units(Settings(plans=tuple(MINIMAL[1:])), None))


def test_units_across_seed_plans() -> None:
    data = json.loads(run("units", "--json").output)
    assert len(data) >= 20
    assert {"Ban Tuyên giáo Quận ủy", "UBND phường"} <= {u["unit"] for u in data}


def test_plan_new_writes_once(tmp_path: Path) -> None:
    out = tmp_path / "dbp-75.yaml"
    args = ["plan", "new", "chien-thang-dien-bien-phu", "2029", "-o", str(out)]
    first = run(*args)
    assert first.exit_code == 0 and f"Đã tạo {out}" in first.output
    written = out.read_text(encoding="utf-8")
    assert "75 năm Chiến thắng Điện Biên Phủ" in written
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 2 and "đã có tệp này (thêm --force" in again.output
    assert out.read_text(encoding="utf-8") == written
    assert run(*args, "--force").exit_code == 0
    check = run("check", str(out))
    assert check.exit_code == 0 and "1 kế hoạch" in check.output


def test_plan_new_unknown_anniversary_and_year() -> None:
    bad = CliRunner().invoke(main, ["plan", "new", "dien-bein-phuu", "2029"])
    assert bad.exit_code == 2 and "có phải: chien-thang-dien-bien-phu" in bad.output
    early = CliRunner().invoke(main, ["plan", "new", "chien-thang-dien-bien-phu", "1950"])
    assert early.exit_code == 2 and "không có ngày kỷ niệm trong năm 1950" in early.output


def test_check_counts_bundled_plans_and_reports_plan_problems() -> None:
    ok = run("check", "--lang", "en")
    assert ok.exit_code == 0
    assert "3 plans" in ok.output
    bad = CliRunner().invoke(main, ["check", str(PLANS / "bad_phrase.yaml"), "--json"])
    assert bad.exit_code == 2
    report = json.loads(bad.output)
    assert [p["line"] for p in report["problems"]] == [10, 14, 18]


def test_a_broken_plan_stops_a_view_with_exit_2() -> None:
    result = CliRunner().invoke(main, ["agenda", "--plans", str(PLANS / "bad_phrase.yaml")])
    assert result.exit_code == 2
    assert "bad_phrase.yaml:10: activities[0].when: không đọc được" in result.output
    assert "Traceback" not in result.output


def test_agenda_leaves_out_undated_tasks_of_plans_over() -> None:
    """Regression (tried as a clerk would): a 2022 plan's tasks with no time were listed in
    every agenda, years on (38 of them in a plain ``kyniem agenda``)."""
    later = json.loads(run("agenda", "--now", "01/06/2030", "--json").output)
    assert later["undated"] == []
    during = json.loads(run("agenda", "--now", "01/12/2022", "--json").output)
    plans = {i["uid"].split("/")[1] for i in during["undated"]}
    assert "quan-dbp-tren-khong-50-2022" in plans
    after = json.loads(run("agenda", "--now", "01/03/2024", "--json").output)
    assert "quan-dbp-tren-khong-50-2022" not in {i["uid"].split("/")[1]
                                                 for i in after["undated"]}
    assert after["undated"]  # the 2024 plans' are still there


def test_timeline_on_a_wide_terminal_takes_its_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression (tried as a clerk would): with no --width the chart stayed 80 columns on
    a 120-column terminal, though the help said it follows the terminal."""
    result = run("timeline", "quan-dbp-tren-khong-50-2022", "--now", "01/06/2022")
    assert result.exit_code == 0  # piped: 80 at most
    assert max(len(line) for line in result.output.splitlines()) <= 80
    from scheduler import planning as plan_views

    asked: list[int] = []
    real = plan_views.timeline

    def spy(settings: Settings, target: str, unit: str | None, width: int) -> object:
        asked.append(width)
        return real(settings, target, unit, width)

    monkeypatch.setattr(plan_views, "timeline", spy)
    run("timeline", "quan-dbp-tren-khong-50-2022")
    view = plan_views.timeline(Settings(), "quan-dbp-tren-khong-50-2022", None, asked[0])
    assert max(len(line) for line in render(view, 120).splitlines()) > 100
    narrow = plan_views.timeline(Settings(), "quan-dbp-tren-khong-50-2022", None, 90)
    assert max(len(line) for line in render(narrow, 120).splitlines()) <= 90


def test_an_empty_timeline_says_so() -> None:
    """Regression (tried as a clerk would): ``timeline 2030`` or ``--unit zzz`` drew an empty
    chart, exit 0, with no word that nothing matched."""
    for args in (["timeline", "2030"], ["timeline", "quan-dbp-tren-khong-50-2022", "--unit",
                                        "zzz"]):
        result = run(*args)
        assert result.exit_code == 0 and "Không có việc nào có thời gian để vẽ" in result.output
    assert "Không có việc nào" not in run("timeline", "quan-dbp-tren-khong-50-2022").output
