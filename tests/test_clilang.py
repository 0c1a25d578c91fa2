"""The command line speaks the user's language: help, usage and errors come from the one
message catalogue, Vietnamese by default (scheduler/clilang.py, scheduler/messages/)."""

from __future__ import annotations

import re
import string

import click
import pytest
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.clilang import help_key, language, option_name
from scheduler.wording import MESSAGES

ENGLISH_CLICK = ("Usage:", "Options:", "Commands:", "Show this message", "[default:",
                 "Error:", "Try '", "Missing argument", "No such")


def commands(group: click.Group = main, path: tuple[str, ...] = ()
             ) -> list[tuple[tuple[str, ...], click.Command]]:
    found: list[tuple[tuple[str, ...], click.Command]] = [(path, group)]
    for name, sub in group.commands.items():
        if isinstance(sub, click.Group):
            found += commands(sub, (*path, name))
        else:
            found.append(((*path, name), sub))
    return found


def invoke(*args: str, env: dict[str, str] | None = None) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), env=env, prog_name="kyniem")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, (vi, en) in MESSAGES.items():
        # "Kỷ niệm 70 năm …" has no English word in front: "70th anniversary: …"
        assert vi.strip() and (en.strip() or key == "word_commemorate"), key
        if key.startswith("click_"):  # click fills some with English words: vi may drop them
            assert placeholders(vi) <= placeholders(en), key
        else:
            assert placeholders(vi) == placeholders(en), key


@pytest.mark.parametrize("path,command", commands(), ids=lambda v: "_".join(v)
                         if isinstance(v, tuple) else "")
def test_every_command_and_option_has_its_help_in_the_catalogue(
        path: tuple[str, ...], command: click.Command) -> None:
    assert any(k in MESSAGES for k in help_key(path)), path
    ctx = click.Context(command)
    params = [*command.params, command.get_help_option(ctx)]
    for param in params:
        if isinstance(param, click.Option):
            keys = [k for k in help_key(path, param) if k in MESSAGES]
            assert keys, f"{'_'.join(path)}: {option_name(param)} has no help in the catalogue"
            vi, en = MESSAGES[keys[0]]
            assert vi != en or not re.search(r"[a-z]{4}", vi), keys[0]


@pytest.mark.parametrize("path", [p for p, _ in commands()], ids="_".join)
def test_help_is_vietnamese_by_default_and_english_with_lang_en(path: tuple[str, ...]) -> None:
    vi = invoke(*path, "--help")
    group = isinstance(dict(commands())[path], click.Group)  # a group has no --lang
    en = (invoke(*path, "--help", env={"KYNIEM_LANG": "en"}) if group
          else invoke(*path, "--help", "--lang", "en"))
    assert vi.exit_code == 0 and en.exit_code == 0, vi.output + en.output
    assert "Cách dùng:" in vi.output and "Usage:" in en.output
    for english in ENGLISH_CLICK:
        assert english not in vi.output, (path, english)
    key = help_key(path)[0]
    first_words = lambda text: " ".join(text.split()[:4])  # noqa: E731 - wrapped by click
    assert first_words(MESSAGES[key][0]) in " ".join(vi.output.split())
    assert first_words(MESSAGES[key][1]) in " ".join(en.output.split())


def test_the_language_comes_from_flag_then_environment_then_config() -> None:
    assert language([], {}, None) == "vi"
    assert language([], {}, "en") == "en"
    assert language([], {"KYNIEM_LANG": "en"}, "vi") == "en"
    assert language(["year", "--lang", "vi"], {"KYNIEM_LANG": "en"}, "en") == "vi"
    assert language(["year", "--lang=en"], {}, "vi") == "en"
    assert language(["when", "--", "--lang", "en"], {}, None) == "vi"  # a phrase, not a flag
    assert language(["year", "--lang", "fr"], {}, None) == "vi"  # click reports it


def test_usage_errors_are_worded_by_the_catalogue() -> None:
    missing = invoke("year")
    assert missing.exit_code == 2
    assert "Lỗi: Thiếu tham số 'NĂM'." in missing.output
    assert "Xem 'kyniem year --help' để biết cách dùng." in missing.output
    typo = invoke("yaer")
    assert "Không có lệnh 'yaer'." in typo.output and "'year'" in typo.output
    assert typo.exit_code == 2
    bad = invoke("year", "2026", "--bogus")
    assert "Không có tùy chọn '--bogus'." in bad.output
    lang = invoke("year", "2026", "--lang", "fr")
    assert "Giá trị không hợp lệ cho '--lang'" in lang.output and lang.exit_code == 2
    english = invoke("year", "--lang", "en")
    assert "Error: Missing argument 'YEAR'." in english.output


def test_a_command_own_usage_error_is_vietnamese_then_english() -> None:
    vi = invoke("upcoming", "--to", "01/01/2027", "--years", "2")
    en = invoke("upcoming", "--to", "01/01/2027", "--years", "2", "--lang", "en")
    assert "hãy ghi --to hoặc --years, không ghi cả hai" in vi.output
    assert "give --to or --years, not both" in en.output


def test_a_system_error_on_a_path_is_worded_in_the_users_language() -> None:
    import errno

    from scheduler.cli import os_error

    gone = FileNotFoundError(errno.ENOENT, "No such file or directory", "/x/kh.yaml")
    assert os_error(gone, "vi") == "/x/kh.yaml: không có tệp hoặc thư mục này"
    assert os_error(gone, "en") == "/x/kh.yaml: no such file or folder"
    odd = OSError(errno.EXDEV, "Invalid cross-device link", "/x")
    assert os_error(odd, "vi") == "/x: Invalid cross-device link"  # as the system words it


def test_the_version_is_worded_in_the_users_language() -> None:
    """Regression: click words `--version` at import, before the language is known."""
    from scheduler import __version__

    assert invoke("--version").output == f"kyniem, phiên bản {__version__}\n"
    assert invoke("--version", env={"KYNIEM_LANG": "en"}).output == \
        f"kyniem, version {__version__}\n"


def test_lang_before_the_command_is_the_commands_as_the_help_says() -> None:
    """Regression: the top-level help says "--lang vi|en", yet ``kyniem --lang en year 2026``
    was refused, in English ("No such option '--lang'"): only commands had the option."""
    before = invoke("--lang", "en", "year", "2026")
    after = invoke("year", "2026", "--lang", "en")
    assert before.exit_code == 0, before.output
    assert before.output == after.output and "Anniversaries in 2026" in before.output
    flag_wins = invoke("--lang=en", "year", "2026", env={"KYNIEM_LANG": "vi"})
    assert flag_wins.output == after.output  # a flag before the environment
    group = invoke("--lang", "en", "plan", "--help")
    assert group.exit_code == 0 and "Usage: kyniem plan" in group.output
    top = invoke("--lang", "en")
    assert "Usage: kyniem [OPTIONS] COMMAND" in top.output
    wrong = invoke("--lang", "fr", "year", "2026")
    assert wrong.exit_code == 2 and "Giá trị không hợp lệ cho '--lang'" in wrong.output
    phrase = invoke("when", "--", "--lang", "en")  # after "--": words, not a flag
    assert "No such option" not in phrase.output and "Usage:" not in phrase.output


def test_lang_without_a_value_is_said_wherever_it_is() -> None:
    """Regression: a bare ``kyniem --lang`` was called an unknown option."""
    for args in (["--lang"], ["year", "2026", "--lang"]):
        found = invoke(*args)
        assert found.exit_code == 2 and "Tùy chọn '--lang' cần một giá trị." in found.output


def test_a_problems_field_is_worded_in_the_users_language() -> None:
    """Regression: Vietnamese messages began with the English placeholder of the argument
    ("PHRASE:", "ID:", "PLAN|YEAR:", "TOKEN:", "STORE:") while the help says CỤM_TỪ, MÃ…;
    options and the fields of the user's own files stay as written."""
    from scheduler.registry.errors import Problem
    from scheduler.wording import say

    def line(field: str, lang: str) -> str:
        return Problem("", None, field, say("phrase_no_time")).render(lang)

    assert line("PHRASE", "vi").startswith("CỤM_TỪ: ")
    assert line("PHRASE", "en").startswith("PHRASE: ")
    assert line("PLAN|YEAR", "vi").startswith("KẾ_HOẠCH|NĂM: ")
    assert line("TOKEN", "vi").startswith("MÃ_BÍ_MẬT: ")
    assert line("ledger", "vi").startswith("sổ lịch: ")
    assert line("--state", "vi").startswith("--state: ")
    assert line("units[0].id", "vi").startswith("units[0].id: ")
    result = CliRunner().invoke(main, ["when", "khi nào rảnh"])
    assert result.exit_code == 2 and result.output.startswith("CỤM_TỪ: ")
