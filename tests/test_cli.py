"""Every command through the real click entry point: plain text when piped, JSON, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scheduler.cli import main

ROOT = Path(__file__).parent.parent
REG = Path(__file__).parent / "fixtures" / "registry"
MINI = ["--registry", str(REG / "mini.yaml")]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def rows(result: Result) -> list[dict[str, object]]:
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert isinstance(data, list)
    return data


def test_upcoming_json_has_the_documented_keys_and_countdown() -> None:
    out = rows(run("upcoming", *MINI, "--now", "01/01/2024", "--scope", "national", "--json"))
    mine = [r for r in out if str(r["id"]).startswith("test-")]
    assert [(r["id"], r["date"], r["days"]) for r in mine] == [
        ("test-gio-to", "2024-04-18", 108),
        ("test-leader-born", "2024-05-01", 121),
        ("test-dbp", "2024-05-07", 127),
    ]
    dbp = mine[2]
    assert {k: dbp[k] for k in ("name", "name_en", "origin", "ordinal", "class")} == {
        "name": "Chiến thắng Điện Biên Phủ", "name_en": "Dien Bien Phu Victory",
        "origin": "1954-05-07", "ordinal": 70, "class": "tron"}
    gio_to = mine[0]
    assert (gio_to["origin"], gio_to["ordinal"], gio_to["class"]) == (None, None, "khac")
    days = [r["days"] for r in out]
    assert days == sorted(days) and all(0 <= d <= 366 for d in days)  # type: ignore[operator]


def test_upcoming_horizon_and_class_filter() -> None:
    out = rows(run("upcoming", *MINI, "--from", "01/01/2024", "--years", "3",
                   "--class", "tron,le5", "--scope", "national", "--json"))
    mine = [(r["id"], r["date"], r["class"]) for r in out if str(r["id"]).startswith("test-")]
    assert mine == [
        ("test-leader-born", "2024-05-01", "tron"),
        ("test-dbp", "2024-05-07", "tron"),
        ("test-gio-to", "2025-04-07", "le5"),
    ]
    assert all(r["class"] in ("tron", "le5") for r in out)


def test_upcoming_to_and_milestones() -> None:
    out = rows(run("upcoming", *MINI, "--from", "2024-05-01", "--to", "2024-05-31",
                   "--milestones", "--json"))
    assert all(r["milestone"] for r in out)
    assert ("test-dbp", 70) in [(r["id"], r["ordinal"]) for r in out]


def test_upcoming_plain_when_piped() -> None:
    result = run("upcoming", *MINI, "--now", "01/05/2024", "--to", "10/05/2024",
                 "--scope", "national")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Sắp tới từ 01/05/2024 đến 10/05/2024"
    assert "70 năm Chiến thắng Điện Biên Phủ (07/05/1954 - 07/05/2024)" in result.output
    assert "120 năm Ngày sinh đồng chí Trần Phú (01/05/1904 - 01/05/2024)" in result.output
    assert "6 ngày" in result.output and "hôm nay" in result.output
    assert "\x1b[" not in result.output and "┃" not in result.output


def test_year_english() -> None:
    result = run("year", "2024", *MINI, "--lang", "en", "--scope", "national")
    assert result.exit_code == 0
    assert "70th anniversary: Dien Bien Phu Victory (07/05/1954 - 07/05/2024)" in result.output
    assert "Hung Kings' Commemoration Day (10/3 lunar, 18/04/2024)" in result.output
    assert result.output.index("18/04/2024") < result.output.index("07/05/2024")


def test_year_json_is_in_date_order() -> None:
    out = rows(run("year", "2025", *MINI, "--json"))
    assert [r["date"] for r in out] == sorted(r["date"] for r in out)  # type: ignore[type-var]
    gio_to = next(r for r in out if r["id"] == "test-gio-to")
    assert (gio_to["date"], gio_to["class"]) == ("2025-04-07", "le5")


def test_show_milestones_past_and_next() -> None:
    result = run("show", "test-leader-born", *MINI, "--now", "01/01/2025", "--json")
    assert result.exit_code == 0
    card = json.loads(result.output)
    assert [r["ordinal"] for r in card["past"]] == [100, 110, 120]
    assert [r["ordinal"] for r in card["next"]] == [130, 140, 150, 160, 170]
    assert card["source"] == "test"


def test_show_plain_and_unknown_id() -> None:
    result = run("show", "test-dbp", *MINI, "--now", "01/01/2025", "--past", "1", "--next", "2")
    assert result.exit_code == 0
    assert "70 năm Chiến thắng Điện Biên Phủ (07/05/1954 - 07/05/2024)" in result.output
    assert "75 năm" in result.output and "80 năm" in result.output
    assert "65 năm" not in result.output
    bad = CliRunner().invoke(main, ["show", "test-dpb", *MINI])
    assert bad.exit_code == 2
    assert bad.output.startswith("MÃ: không có ngày kỷ niệm nào khớp «test-dpb»; có phải: "
                                 "test-dbp")


def test_check_ok_and_problems() -> None:
    ok = run("check", str(REG / "mini.yaml"))
    assert ok.exit_code == 0 and ok.output.startswith("Hợp lệ:")
    bad = CliRunner().invoke(main, ["check", str(REG / "many_problems.yaml"), "--lang", "en"])
    assert bad.exit_code == 2
    lines = bad.output.replace("\n  ", " ").splitlines()  # long problems wrap at 80
    assert len(lines) == 5 and lines[-1] == "4 problems."
    assert lines[0].startswith(f"{REG / 'many_problems.yaml'}:12: anniversaries[0].date:")


def test_check_json() -> None:
    bad = CliRunner().invoke(main, ["check", str(REG / "invalid_date.yaml"), "--json"])
    assert bad.exit_code == 2
    report = json.loads(bad.output)
    assert report["ok"] is False
    assert report["problems"][0]["line"] == 12
    assert report["problems"][0]["field"] == "anniversaries[0].date"


def test_bad_registry_on_a_listing_command_exits_2() -> None:
    result = CliRunner().invoke(main, ["year", "2024", "--registry", str(REG / "bad_yaml.yaml")])
    assert result.exit_code == 2
    assert "bad_yaml.yaml:18: không đúng cú pháp YAML" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["upcoming", "--from", "13-01-2024"], "không phải ngày tháng (ghi dd/mm/yyyy"),
        (["upcoming", "--from", "2024-13-01"], "tháng phải từ 1 đến 12, không phải 13"),
        (["upcoming", "--from", "31/02/2024"], "tháng 2/2024 không có ngày 31"),
        (["upcoming", "--to", "01/01/2030", "--years", "2"], "không ghi cả hai"),
        (["upcoming", "--from", "01/01/2030", "--to", "01/01/2029"], "kết thúc trước --from"),
        (["upcoming", "--class", "round"], "dấu phẩy, gồm tron,le5,khac"),
        (["year", "2200"], "2200 không nằm trong khoảng"),
        (["year", "abc"], "'abc' không phải là số hợp lệ"),
        (["upcoming", "--lang", "fr"], "'fr' không phải một trong"),
    ],
)
def test_bad_arguments_exit_2(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_env_registry_path_list(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv("KYNIEM_REGISTRY",
                       os.pathsep.join([str(REG / "mini.yaml"), str(REG / "user_registry.yaml")]))
    out = rows(run("year", "2025", "--json", "--locality", "ha noi"))  # the school's city
    assert {"test-dbp", "truong-thpt-quang-trung"} <= {r["id"] for r in out}
    assert "truong-thpt-quang-trung" not in {r["id"] for r in rows(run("year", "2025",
                                                                       "--json"))}
    school = next(r for r in out if r["id"] == "truong-thpt-quang-trung")
    assert (school["ordinal"], school["class"]) == (60, "tron")


def test_cli_shim_and_console_script_agree(tmp_path: Path) -> None:
    args = ["year", "2024", *MINI, "--json"]
    env = {"KYNIEM_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    shim = subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], capture_output=True,
                          text=True, env=env, cwd=tmp_path, check=True)
    module = subprocess.run([sys.executable, "-m", "scheduler", *args], capture_output=True,
                            text=True, env=env, cwd=ROOT, check=True)
    assert shim.stdout == module.stdout
    assert json.loads(shim.stdout)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["upcoming", "--now", "31/12/9999"], "the year 9999 is outside the 1–9998"),
        (["upcoming", "--now", "01/01/9990", "--years", "100"], "would end in 10090"),
        (["upcoming", "--from", "31/12/9998"], "would end in 9999"),
        (["agenda", "--now", "31/12/9998", "--month"], "leaves the years 1–9998"),
        (["timeline", "99999"], "'99999' is not a whole number from 1900 to 2100"),
        (["timeline", "9" * 4400], "is not a whole number"),
        (["feed", "--now", "01/01/2095", "--years", "10"], "lunar dates are known to 2100"),
        (["upcoming", "--from", "01/01/0000"], "the year 0 is outside"),
        (["upcoming", "--from", "٠١/٠١/٢٠٢٤"], "is not a date"),
    ],
)
def test_edge_values_exit_2_with_a_message(args: list[str], message: str) -> None:
    """Regression (issue 9): dates at the edges of the calendar gave tracebacks."""
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 2, (result.output, result.exception)
    assert message in result.output and "Traceback" not in result.output
    assert len(max(result.output.splitlines(), key=len)) < 300


@pytest.mark.parametrize("value", ["Ban\x1b]0;pwned\x07 Tuyên giáo", "Ban\x00", "Ban\udcff"])
def test_arguments_with_control_characters_or_bad_bytes_exit_2(value: str) -> None:
    result = CliRunner().invoke(main, ["agenda", "--unit", value, "--lang", "en"])
    assert result.exit_code == 2
    assert "--unit" in result.output
    assert "\x1b" not in result.output and "\x00" not in result.output


def test_a_phrase_with_an_invalid_byte_is_refused_and_json_stays_utf8(tmp_path: Path) -> None:
    """Regression (issue 9): ``kyniem when --json`` printed invalid UTF-8 for a phrase with a
    lone invalid byte."""
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "when", b"qu\xff 2024",
                           "--json"], capture_output=True)
    assert done.returncode == 2
    done.stderr.decode("utf-8")  # the message itself is valid UTF-8
    assert done.stdout == b""
    ok = subprocess.run([sys.executable, str(ROOT / "cli.py"), "when", "Quý II/2024",
                         "--json"], capture_output=True, env={**os.environ, "LC_ALL": "C"})
    assert ok.returncode == 0 and json.loads(ok.stdout.decode("utf-8"))["start"] == "2024-04-01"


def test_an_unknown_locality_is_refused_with_the_closest_names() -> None:
    """Regression from review: a mistyped locality silently gave the national list only."""
    bad = CliRunner().invoke(main, ["year", "2025", "--locality", "Bac Ninhh"])
    assert bad.exit_code == 2
    assert "không biết địa phương 'Bac Ninhh'" in bad.output and "Bắc Ninh" in bad.output
    old_name = CliRunner().invoke(main, ["year", "2025", "--locality", "bac giang", "--json"])
    assert old_name.exit_code == 0  # a province merged in 2025 still names its successor
    assert "tai-lap-tinh-bac-giang" in {r["id"] for r in json.loads(old_name.output)}
    empty = CliRunner().invoke(main, ["year", "2025", "--locality", " "])
    assert empty.exit_code == 0  # an empty setting ($KYNIEM_LOCALITY="") is no locality


def test_one_problem_is_one_problem_in_english() -> None:
    bad = CliRunner().invoke(main, ["check", str(REG / "invalid_date.yaml"), "--lang", "en"])
    assert bad.exit_code == 2 and bad.output.splitlines()[-1] == "1 problem."
    vi = CliRunner().invoke(main, ["check", str(REG / "invalid_date.yaml")])
    assert vi.output.splitlines()[-1] == "1 lỗi."


def test_a_problem_every_plan_file_meets_is_said_once(tmp_path: Path) -> None:
    """Regression (tried as a subscriber would): a units file's error was printed once per
    plan file by ``build`` (37 lines became 111)."""
    units = tmp_path / "u.yaml"
    units.write_text('units:\n- id: cap-uy\n  name: "Cấp ủy"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "site"), "--units",
                                       str(units), "--state", str(tmp_path / "st")])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "units[0].id" in lines[0]


def test_scope_is_read_as_places_are_and_an_unknown_one_refused() -> None:
    """Regression (tried as a clerk would): ``--scope "Ha Noi"`` and ``--scope "toàn
    quốc"`` (the word ``show`` prints) listed nothing, exit 0, as did a misspelt scope."""
    def ids(*scope: str) -> set[str]:
        result = CliRunner().invoke(main, ["year", "2026", "--json", "--scope", *scope])
        assert result.exit_code == 0, result.output
        return {row["id"] for row in json.loads(result.stdout)}

    hanoi = ids("Hà Nội")
    assert hanoi and ids("ha noi") == hanoi == ids("HA NOI")
    assert ids("toàn quốc") == ids("national") and ids("national")
    bad = CliRunner().invoke(main, ["year", "2026", "--scope", "Ha Nam Ninh"])
    assert bad.exit_code == 2 and "--scope" in bad.stderr and "Hà Nội" in bad.stderr
