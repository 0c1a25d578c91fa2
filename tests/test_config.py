"""The config file (scheduler/config.py, ``kyniem config``): precedence flag > environment >
config > default, checked values with file and line, edits that keep the user's lines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scheduler.cli import main
from scheduler.config import config_path, default_map, load

SEEDS = Path(__file__).parent.parent / "data" / "plans"


@pytest.fixture
def config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "cau-hinh" / "config.toml"
    path.parent.mkdir()
    monkeypatch.setenv("KYNIEM_CONFIG", str(path))
    return path


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, prog_name="kyniem")


def plan_ids(*args: str, env: dict[str, str] | None = None) -> set[str]:
    done = invoke("find", "ke hoach", "--kind", "plan", "--json", *args, env=env)
    assert done.exit_code == 0, done.output
    return {hit["id"] for hit in json.loads(done.output)}


def one_plan(tmp_path: Path, name: str, seed: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(SEEDS / f"{seed}.yaml", folder)
    return folder


def test_language_flag_beats_environment_beats_config_beats_default(config: Path) -> None:
    phrase = ("when", "trong tháng 4/2024")
    assert "Cụm từ" in invoke(*phrase).output  # default: Vietnamese
    config.write_text('lang = "en"\n', encoding="utf-8")
    assert "Phrase" in invoke(*phrase).output
    assert "Cụm từ" in invoke(*phrase, env={"KYNIEM_LANG": "vi"}).output
    assert "Phrase" in invoke(*phrase, "--lang", "en", env={"KYNIEM_LANG": "vi"}).output
    # help follows the same rule, though it is answered before any option is read
    assert "Usage:" in invoke("--help").output


def test_plans_flag_beats_environment_beats_config_beats_bundled(config: Path,
                                                                 tmp_path: Path) -> None:
    bundled = plan_ids()
    assert len(bundled) == 3
    mine = one_plan(tmp_path, "cua-toi", "phuong-dien-bien-phu-70-2024")
    env = one_plan(tmp_path, "moi-truong", "quan-dbp-tren-khong-50-2022")
    flag = one_plan(tmp_path, "co", "thanh-xuan-giai-phong-thu-do-70-2024")
    config.write_text(f'plans = ["{mine}"]\n', encoding="utf-8")
    assert plan_ids() == {"phuong-dien-bien-phu-70-2024"}
    assert plan_ids(env={"KYNIEM_PLANS": str(env)}) == {"quan-dbp-tren-khong-50-2022"}
    assert plan_ids("--plans", str(flag), env={"KYNIEM_PLANS": str(env)}) == {
        "thanh-xuan-giai-phong-thu-do-70-2024"}


def test_relative_paths_in_the_file_are_read_from_its_folder(config: Path) -> None:
    one_plan(config.parent, "ke-hoach", "phuong-dien-bien-phu-70-2024")
    config.write_text('plans = "ke-hoach"\n', encoding="utf-8")
    assert load().get("plans") == [str(config.parent / "ke-hoach")]


def test_config_gives_defaults_to_the_options_it_names(config: Path) -> None:
    config.write_text('remind_hour = "07:30"\nbase_url = "https://lich.example.vn/"\n'
                      'unit = "Ban CHQS quận"\nlocality = "Hà Nội"\n', encoding="utf-8")
    found = default_map(load(), main)
    assert found["remind"]["at"] == "07:30" and found["remind"]["unit"] == "Ban CHQS quận"
    assert found["build"]["base_url"] == found["feed"]["base_url"] == "https://lich.example.vn/"
    assert found["agenda"]["unit"] == "Ban CHQS quận"
    assert found["year"]["locality"] == found["upcoming"]["locality"] == "Hà Nội"
    assert "unit" not in found.get("units", {})  # `units --unit` filters; not "my unit"


def test_a_bad_value_names_file_line_and_key_and_exits_2(config: Path) -> None:
    config.write_text('# cấu hình\nlang = "vi"\nremind_hour = "25:00"\ncolour = "red"\n',
                      encoding="utf-8")
    done = invoke("year", "2026")
    assert done.exit_code == 2
    assert f'{config}:3: remind_hour: cần giờ dạng "HH:MM"' in done.output
    assert f"{config}:4: colour: khóa không có trong cấu hình kyniem" in done.output
    config.write_text('lang = "vi\n', encoding="utf-8")
    broken = invoke("year", "2026")
    assert broken.exit_code == 2 and f"{config}:1: " in broken.output
    assert "Traceback" not in broken.output
    # regression: tomllib's English reason ("Invalid value …") stood in the Vietnamese one
    config.write_text("lang = \n", encoding="utf-8")
    said = invoke("year", "2026").output
    assert f"{config}:1: không đúng cú pháp TOML ở cột 8" in said and "Invalid" not in said
    assert "not valid TOML at column 8" in invoke("year", "2026", "--lang", "en").output


def test_config_command_sets_reads_and_unsets_keeping_other_lines(config: Path) -> None:
    before = '# văn phòng Đảng ủy\nlang = "vi"\ncolour = "red"\n'
    config.write_text(before, encoding="utf-8")
    done = invoke("config", "unit", "Ban Chỉ huy Quân sự phường")
    # a key that is not kyniem's: reported first, and nothing is written
    assert done.exit_code == 2 and "colour" in done.output
    assert config.read_text(encoding="utf-8") == before
    assert invoke("config", "--unset", "colour").exit_code == 0  # a wrong key can be taken out
    assert invoke("config", "unit", "Ban Chỉ huy Quân sự phường").exit_code == 0
    assert config.read_text(encoding="utf-8") == (
        '# văn phòng Đảng ủy\nlang = "vi"\nunit = "Ban Chỉ huy Quân sự phường"\n')
    config.write_text('lang = "vi"\n\n[khac]\nx = 1\n', encoding="utf-8")
    assert invoke("config", "--unset", "lang").exit_code == 0
    assert config.read_text(encoding="utf-8") == '\n[khac]\nx = 1\n'  # the table stays
    config.write_text('# văn phòng\nlang = "vi"\n', encoding="utf-8")
    assert invoke("config", "lang", "en").exit_code == 0
    assert config.read_text(encoding="utf-8") == '# văn phòng\nlang = "en"\n'
    assert invoke("config", "lang").output.strip() == "en"
    assert invoke("config", "--unset", "lang").exit_code == 0
    assert config.read_text(encoding="utf-8") == "# văn phòng\n"
    assert invoke("config", "--path").output.strip() == str(config_path())


def test_config_command_refuses_unknown_keys_and_bad_values(config: Path) -> None:
    unknown = invoke("config", "colour", "red")
    assert unknown.exit_code == 2 and "khóa không có trong cấu hình kyniem" in unknown.output
    bad = invoke("config", "lang", "fr")
    assert bad.exit_code == 2 and 'chỉ nhận "vi" hoặc "en"' in bad.output
    assert not config.exists()  # nothing written


def test_config_listing_says_where_each_value_comes_from(config: Path) -> None:
    config.write_text('lang = "vi"\n', encoding="utf-8")
    done = invoke("config", "--json", env={"KYNIEM_LOCALITY": "Huế"})
    keys = json.loads(done.output)["keys"]
    assert keys["lang"] == {"value": "vi", "source": "file"}
    assert keys["locality"] == {"value": "Huế", "source": "env"}
    assert keys["unit"] == {"value": None, "source": "default"}


def test_a_value_over_several_lines_is_replaced_whole(config: Path) -> None:
    """Regression: only the key's first line was replaced, leaving the rest of a TOML array
    behind and a file no command could read."""
    config.write_text('registries = [\n  "a.yaml",\n  "b.yaml",\n]\nlang = "vi"\n',
                      encoding="utf-8")
    assert invoke("config", "registries", "/srv/r.yaml").exit_code == 0
    assert config.read_text(encoding="utf-8") == 'registries = ["/srv/r.yaml"]\nlang = "vi"\n'
    assert load().get("lang") == "vi"
    assert invoke("config", "--unset", "registries").exit_code == 0
    assert config.read_text(encoding="utf-8") == 'lang = "vi"\n'


def test_config_shows_a_broken_file_and_refuses_an_unknown_place(config: Path) -> None:
    """Regressions (tried as a clerk would): ``kyniem config`` showed a file with a TOML
    error as empty and fine (exit 0); ``config locality Hanoi`` was written, and then every
    command failed with "--locality: …", a flag the user never typed."""
    config.write_text('lang = "en\n', encoding="utf-8")
    shown = invoke("config")
    assert shown.exit_code == 2 and "config.toml:1" in shown.stderr and "TOML" in shown.stderr
    config.unlink()
    refused = invoke("config", "locality", "Hanoi")
    assert refused.exit_code == 2 and "locality" in refused.stderr and "Hà Nội" in refused.stderr
    assert not config.exists()
    config.write_text('# mine\nlocality = "Hanoi"\n', encoding="utf-8")  # written by hand
    result = invoke("year", "2026")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{config}:2: locality: ")
    env = invoke("year", "2026", env={"KYNIEM_LOCALITY": "xyz"})
    assert env.exit_code == 2 and env.stderr.startswith("KYNIEM_LOCALITY: ")
    typed = invoke("year", "2026", "--locality", "abc")
    assert typed.exit_code == 2 and typed.stderr.startswith("--locality: ")


def test_unset_of_a_key_not_set_says_so(config: Path) -> None:
    """Regression: ``config --unset KEY`` said "Đã xóa" of a key the file does not set."""
    config.write_text('# mine\nlang = "vi"\n', encoding="utf-8")
    result = invoke("config", "--unset", "locality")
    assert result.exit_code == 0 and "không có gì để xóa" in result.stdout
    assert config.read_text(encoding="utf-8") == '# mine\nlang = "vi"\n'
    result = invoke("config", "--unset", "lang")
    assert "Đã xóa lang" in result.stdout and config.read_text(encoding="utf-8") == "# mine\n"
