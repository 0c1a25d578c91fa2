"""The messages of plan files, time phrases, the unit directory and imports (catalogue section
``scheduler/messages/plans.py``, issue 12): Vietnamese by default, English with ``--lang en``,
each key used by the code and worded in both languages with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path
from string import Formatter

import pytest
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.messages.plans import MESSAGES
from scheduler.plans.phrases import PhraseError, read_phrase
from scheduler.wording import MESSAGES as CATALOGUE

SOURCE = Path(__file__).resolve().parent.parent / "scheduler"

PLAN_HEAD = ("id: p\ntitle: Kế hoạch thử\nanniversary: chien-thang-dien-bien-phu\nyear: 2024\n"
             "issuer: UBND phường\nactivities:\n")


def _activity(body: str) -> str:
    return PLAN_HEAD + "  - id: a\n    title: Hội nghị\n    kind: meeting\n" + body


#: (name, files to write, command, Vietnamese words, English words): one case or more per
#: message family; the words are the catalogue's, each family's own.
CASES: list[tuple[str, dict[str, str], list[str], list[str], list[str]]] = [
    ("yaml_unknown_field", {"p.yaml": _activity("    when: tháng 4/2024\n    colour: đỏ\n")},
     ["check", "p.yaml"],
     ["colour: không có trường này (các trường được dùng: id, title"],
     ["colour: unknown field (known: id, title"]),
    ("yaml_not_one_of", {"p.yaml": PLAN_HEAD + "  - id: a\n    title: T\n    kind: party\n"
                                               "    when: tháng 4/2024\n"},
     ["check", "p.yaml"],
     ["'party' không thuộc các giá trị được phép: campaign"],
     ["'party' is not one of: campaign"]),
    ("yaml_missing+yaml_not_id", {"p.yaml": "id: Không Hợp Lệ\ntitle: T\nanniversary: "
                                            "chien-thang-dien-bien-phu\nyear: 2024\n"
                                            "activities: []\n"},
     ["check", "p.yaml"],
     ["issuer: là trường bắt buộc nhưng chưa ghi",
      "'Không Hợp Lệ' không phải mã hợp lệ"],
     ["issuer: is required but missing", "'Không Hợp Lệ' is not an id"]),
    ("yaml_invalid", {"p.yaml": "id: [\n"}, ["check", "p.yaml"],
     ["không đúng cú pháp YAML"], ["not valid YAML"]),
    ("yaml_empty_file", {"u.yaml": ""}, ["units", "--units", "u.yaml"],
     ["tệp rỗng (cần một danh mục đơn vị ('units:'))"],
     ["is empty (expected a unit directory ('units:'))"]),
    ("yaml_no_file", {}, ["check", "gone.yaml"], ["gone.yaml: không có tệp này"],
     ["gone.yaml: file not found"]),
    ("plan_when_and_start", {"p.yaml": _activity("    when: tháng 4/2024\n"
                                                 "    start: \"01/04/2024\"\n")},
     ["check", "p.yaml"],
     ["chỉ ghi 'when' hoặc 'start', không ghi cả hai"],
     ["give either 'when' or 'start', not both"]),
    ("plan_ordinal_mismatch", {"p.yaml": PLAN_HEAD.replace("year: 2024\n", "year: 2024\n"
                                                           "ordinal: 75\n")
                               + "  - id: a\n    title: T\n    kind: event\n"
                                 "    when: tháng 4/2024\n"},
     ["check", "p.yaml"],
     ["75 năm không khớp với năm 2024 (năm 2024 là kỷ niệm 70 năm)"],
     ["75 does not match year 2024 (that is the 70th)"]),
    ("plan_activity_twice", {"p.yaml": _activity("    when: tháng 4/2024\n")
                             + "  - id: a\n    title: B\n    kind: event\n"
                               "    when: tháng 5/2024\n"},
     ["check", "p.yaml"],
     ["mã hoạt động 'a' được dùng hai lần trong kế hoạch này"],
     ["'a' is used twice in this plan"]),
    ("phrase_duration_only", {"p.yaml": _activity("    when: trong 5 ngày\n")},
     ["check", "p.yaml"],
     ["không đọc được 'trong 5 ngày': có số ngày nhưng không có ngày tháng"],
     ["cannot read 'trong 5 ngày': it gives a duration but no dates"]),
    ("phrase_no_quarter", {"p.yaml": _activity("    when: Quý V/2024\n")},
     ["check", "p.yaml"],
     ["không có quý V (chỉ có quý I đến IV)"],
     ["quarter V does not exist (quarters are I to IV)"]),
    ("phrase_no_peak", {"p.yaml": _activity("    when: trong thời gian cao điểm\n")},
     ["check", "p.yaml"],
     ["dẫn chiếu thời gian cao điểm của kế hoạch nhưng kế hoạch không ghi"],
     ["it refers to the plan's peak period, but the plan states no peak period"]),
    ("unit_dir", {"u.yaml": "units:\n- id: a\n  name: A\n  kind: armed\n  local: maybe\n"
                            "- id: a\n  name: B\n  kind: mass\n"},
     ["units", "--units", "u.yaml"],
     ["'maybe': phải là true hoặc false", "mã đơn vị 'a' đã được dùng ở u.yaml:2"],
     ["'maybe': true or false", "'a' is already used at u.yaml:2"]),
    ("plan_template", {"t.yaml": "title: \"T {colour}\"\nactivities:\n  - id: a\n"
                                 "    title: A\n    kind: event\n    from: hôm qua\n"},
     ["plan", "new", "chien-thang-dien-bien-phu", "2029", "--template", "t.yaml"],
     ["không điền được 'colour'", "'hôm qua' không phải khoảng cách ngày"],
     ["cannot fill in 'colour'", "'hôm qua' is not an offset"]),
    ("plan_file_exists", {"chien-thang-dien-bien-phu-2029.yaml": "mine"},
     ["plan", "new", "chien-thang-dien-bien-phu", "2029"],
     ["đã có tệp này (thêm --force để ghi đè)"],
     ["already exists (use --force to replace it)"]),
    ("import", {"doc.txt": "Kế hoạch tổ chức hội nghị\nI. MỤC ĐÍCH\nTuyên truyền.\n"},
     ["import", "doc.txt"],
     ["không thấy ngày kỷ niệm trong tiêu đề"], ["no anniversary found in the title"]),
    ("import_document", {}, ["import", "gone.docx"], ["gone.docx: không có tệp này"],
     ["gone.docx: no such file"]),
]


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str],
         args: list[str]) -> str:
    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return " ".join(result.output.split())  # long lines are wrapped to the terminal


@pytest.mark.parametrize(("files", "args", "vi", "en"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_messages_are_vietnamese_by_default_and_english_with_lang_en(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str],
        args: list[str], vi: list[str], en: list[str]) -> None:
    default = _run(tmp_path, monkeypatch, files, args)
    english = _run(tmp_path, monkeypatch, files, [*args, "--lang", "en"])
    for words in vi:
        assert words in default, default
        assert words not in english, english
    for words in en:
        assert words in english, english
        assert words not in default, default


def test_when_gives_the_reason_in_the_command_language(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    """``kyniem when``'s own prefix is planning.py's; the reason is this section's."""
    default = _run(tmp_path, monkeypatch, {}, ["when", "trong 5 ngày"])
    english = _run(tmp_path, monkeypatch, {}, ["when", "trong 5 ngày", "--lang", "en"])
    assert "có số ngày nhưng không có ngày tháng" in default
    assert "it gives a duration but no dates" not in default
    assert "it gives a duration but no dates" in english
    assert "có số ngày nhưng không có ngày tháng" not in english


def test_a_phrase_error_keeps_the_phrase_and_words_its_reason_when_shown() -> None:
    with pytest.raises(PhraseError) as info:
        read_phrase("Quý V/2024")
    error = info.value
    assert error.phrase == "Quý V/2024"
    assert error.reason.render("vi") == "không có quý V (chỉ có quý I đến IV)"
    assert error.reason.render("en") == "quarter V does not exist (quarters are I to IV)"
    assert str(error) == "không đọc được 'Quý V/2024': không có quý V (chỉ có quý I đến IV)"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_key_has_both_languages_with_the_same_placeholders(key: str) -> None:
    vi, en = MESSAGES[key]
    assert vi.strip() and en.strip()
    assert _fields(vi) == _fields(en)
    assert CATALOGUE[key] == (vi, en)  # merged into the one catalogue
    if re.search(r"[a-z]{3}", vi):  # Vietnamese, not a copy of the English
        assert vi != en


def test_every_key_is_used_in_the_source() -> None:
    section = SOURCE / "messages" / "plans.py"
    text = "\n".join(p.read_text(encoding="utf-8") for p in SOURCE.rglob("*.py")
                     if p != section)
    unused = [key for key in MESSAGES if f'"{key}"' not in text]
    assert not unused


@pytest.mark.parametrize(("text", "vi", "en"), [
    ('id: x\ntitle: a: b\n', "dấu hai chấm không đúng chỗ", "a colon where none may be"),
    ('id: x\ntitle: "a\n', "dấu nháy mở chưa được đóng", "a quote is opened and not closed"),
    ('id: x\nactivities: [1, 2\n', "chưa đóng bằng ']'", "is not closed with ']'"),
    ('id: x\n\ttitle: a\n', "có ký tự tab", "a tab character"),
])
def test_yaml_syntax_errors_are_told_in_the_users_words(tmp_path: Path, text: str, vi: str,
                                                         en: str) -> None:
    """PyYAML speaks English ("mapping values are not allowed here"): the reason a clerk
    reads is the catalogue's."""
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(text, encoding="utf-8")
    said = CliRunner().invoke(main, ["check", str(path)])
    assert said.exit_code == 2 and vi in " ".join(said.output.split())
    assert "mapping values" not in said.output and "expected" not in said.output
    english = CliRunner().invoke(main, ["check", str(path), "--lang", "en"])
    assert en in " ".join(english.output.split())
