"""Plan templates: offsets from the anniversary day, and ``plan new`` writing safely."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from scheduler.occurrences import occurrence
from scheduler.plans import templates
from scheduler.plans.load import load_plans
from scheduler.registry import InputError
from scheduler.registry.load import load_registry
from scheduler.registry.sources import bundled_path

REGISTRY = load_registry([bundled_path()])
DAY = date(2024, 5, 7)  # a Tuesday


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        ("0d", date(2024, 5, 7)),
        ("-7d", date(2024, 4, 30)),
        ("+2w", date(2024, 5, 21)),
        ("-1m", date(2024, 4, 7)),
        ("-1m:start", date(2024, 4, 1)),
        ("0m:end", date(2024, 5, 31)),
        ("-3m:end", date(2024, 2, 29)),
        ("+10wd", date(2024, 5, 21)),
        ("-5wd", date(2024, 4, 26)),  # 29/04 (swapped day off), 30/04, 01/05 are not working
    ],
)
def test_offsets(offset: str, expected: date) -> None:
    assert templates.apply_offset(DAY, offset) == expected


def test_month_offsets_clamp_to_the_month_end() -> None:
    assert templates.apply_offset(date(2024, 3, 31), "-1m") == date(2024, 2, 29)
    assert templates.apply_offset(date(2024, 1, 31), "+13m") == date(2025, 2, 28)


def _dbp_2029() -> dict[str, Any]:
    """The bundled template dated for the 75th of Điện Biên Phủ (07/05/2029)."""
    dbp = REGISTRY.get("chien-thang-dien-bien-phu")
    assert dbp is not None
    occ = occurrence(dbp, 2029)
    assert occ is not None
    return templates.dated_plan(templates.bundled_template(), occ)


def test_bundled_template_dates_a_plan_that_loads(tmp_path: Path) -> None:
    plan = _dbp_2029()
    assert plan["title"] == ("Kế hoạch tổ chức các hoạt động kỷ niệm 75 năm Chiến thắng Điện Biên "
                             "Phủ (07/05/1954 - 07/05/2029)")
    peak = next(a for a in plan["activities"] if a["id"] == "cao-diem")
    assert (peak["start"], peak["end"]) == ("30/04/2029", "07/05/2029")
    out = tmp_path / "p.yaml"
    templates.write_new(out, templates.render(plan, "test"), force=False)
    (loaded,) = load_plans([out], REGISTRY)
    assert loaded.ordinal == 75 and len(loaded.activities) == len(plan["activities"])


def test_write_new_never_replaces_without_force(tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    out.write_text("mine", encoding="utf-8")
    with pytest.raises(InputError) as info:
        templates.write_new(out, "theirs", force=False)
    assert [p.render("en") for p in info.value.problems] == [
        f"{out}: already exists (use --force to replace it)"]
    assert [p.render("vi") for p in info.value.problems] == [
        f"{out}: đã có tệp này (thêm --force để ghi đè)"]
    assert out.read_text(encoding="utf-8") == "mine"
    templates.write_new(out, "theirs", force=True)
    assert out.read_text(encoding="utf-8") == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]  # no temp file left


def test_bad_template_reports_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "t.yaml"
    bad.write_text('title: "T {ordinal} {colour}"\nactivities:\n  - id: a\n    title: "A"\n'
                   '    kind: event\n    from: "yesterday"\n  - id: b\n    title: "B"\n'
                   '    kind: event\n', encoding="utf-8")
    dbp = REGISTRY.get("chien-thang-dien-bien-phu")
    assert dbp is not None
    occ = occurrence(dbp, 2029)
    assert occ is not None
    with pytest.raises(InputError) as info:
        templates.dated_plan(bad, occ)
    assert [p.render("en") for p in info.value.problems] == [
        f"{bad}:1: title: cannot fill in 'colour' (placeholders: {{title}}, {{name}}, {{year}}, "
        "{ordinal}, {date})",
        f"{bad}:6: activities[0].from: 'yesterday' is not an offset "
        "(e.g. -7d, +10wd, -1m:start, 0d)",
        f"{bad}:7: activities[1].from: give 'from' (and 'to') or 'due'",
    ]


def test_lunar_anniversary_title_has_no_empty_ordinal() -> None:
    gio_to = REGISTRY.get("gio-to-hung-vuong")
    assert gio_to is not None
    occ = occurrence(gio_to, 2027)
    assert occ is not None
    plan = templates.dated_plan(templates.bundled_template(), occ)
    assert plan["title"] == ("Kế hoạch tổ chức các hoạt động kỷ niệm Giỗ Tổ Hùng Vương "
                             "(10/3 âm lịch, 16/04/2027)")


def special_files(folder: Path) -> list[Path]:
    """A FIFO, and a copy of the /dev/full device node when we may make one (root): never
    the real /dev/full, which a regression would replace by a file for the whole machine."""
    import os
    import stat

    fifo = folder / "fifo"
    os.mkfifo(fifo)
    found = [fifo]
    try:
        os.mknod(folder / "full", stat.S_IFCHR | 0o666, os.makedev(1, 7))
        found.append(folder / "full")
    except PermissionError:
        pass
    return found


def test_write_new_never_replaces_what_is_not_a_regular_file(tmp_path: Path) -> None:
    """Regression (issue 9): ``plan new -o /dev/full --force`` (as root) renamed a file over
    the device node; a symlink was replaced by a file."""
    link = tmp_path / "link.yaml"
    target = tmp_path / "target.yaml"
    target.write_text("mine", encoding="utf-8")
    link.symlink_to(target)
    specials = special_files(tmp_path)
    for path in (*specials, link):
        with pytest.raises(OSError) as info:
            templates.write_new(path, "plan", force=True)
        assert "không phải tệp thường" in str(info.value), path
    with pytest.raises(InputError, match="thư mục"):
        templates.write_new(tmp_path, "plan", force=True)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "mine"
    assert all(not p.is_file() for p in specials)


def test_plan_new_onto_a_device_is_exit_2(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from scheduler.cli import main

    for path in special_files(tmp_path):
        result = CliRunner().invoke(main, ["plan", "new", "chien-thang-dien-bien-phu", "2029",
                                           "-o", str(path), "--force", "--lang", "en"])
        assert result.exit_code == 2 and "not a regular file" in result.output
        assert not path.is_file()


# -- the written file (issue 12, item 7) ----------------------------------------------------


def _written(tmp_path: Path, *args: str) -> tuple[Path, str]:
    from click.testing import CliRunner

    from scheduler.cli import main

    out = tmp_path / "plan.yaml"
    result = CliRunner().invoke(main, ["plan", "new", "chien-thang-dien-bien-phu", "2029",
                                       "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out, out.read_text(encoding="utf-8")


def test_plan_new_writes_block_yaml_a_person_can_edit(tmp_path: Path) -> None:
    import re

    _, text = _written(tmp_path)
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert not re.search(r": [\[{]|^\s*- [\[{]", "\n".join(body), re.M), "flow style"
    dates = re.findall(r"^\s*(?:start|end): (.*)$", text, re.M)
    assert dates and all(re.fullmatch(r'"\d{2}/\d{2}/\d{4}"', d) for d in dates), dates
    assert '      - Mặt trận Tổ quốc và các đoàn thể' in body  # a list item on a line of its own
    assert "    lead: Phòng Văn hóa và Thông tin" in body  # a unit name whole, on one line
    title = next(line for line in body if line.startswith("title:"))
    assert title.endswith("(07/05/1954 - 07/05/2029)")  # a long value is not folded
    assert all(line.startswith((" ", "-")) or re.match(r"^[a-z_]+:", line) for line in body)


def test_plan_new_header_is_vietnamese_and_names_the_template(tmp_path: Path) -> None:
    out, text = _written(tmp_path, "--lang", "en")  # the file is Vietnamese whatever --lang
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header[0] == ('# Kế hoạch kỷ niệm do lệnh `kyniem plan new` tạo từ mẫu kế hoạch '
                         '"standard".')
    joined = "\n".join(header)
    for words in ("Cần sửa", "đơn vị chủ trì", "phối hợp", "dd/mm/yyyy", "kyniem check"):
        assert words in joined, words
    assert str(templates.bundled_template().parent) not in text  # no install path
    assert "/" not in header[0]
    own = tmp_path / "mau-cua-toi.yaml"
    own.write_text(templates.bundled_template().read_text(encoding="utf-8"), encoding="utf-8")
    _, mine = _written(tmp_path, "--template", str(own), "--force")
    assert '"mau-cua-toi"' in mine.splitlines()[0] and str(tmp_path) not in mine.splitlines()[0]


def test_the_written_plan_loads_back_equal_and_passes_check(tmp_path: Path) -> None:
    import yaml
    from click.testing import CliRunner

    from scheduler.cli import main

    plan = _dbp_2029()
    out, text = _written(tmp_path)
    assert text == templates.render(plan, str(templates.bundled_template()), out.name)
    assert yaml.safe_load(text) == plan  # every value, dates as the "dd/mm/yyyy" text
    check = CliRunner().invoke(main, ["check", str(out)])
    assert check.exit_code == 0, check.output
    (loaded,) = load_plans([out], REGISTRY)
    assert [(a.id, a.window.start, a.window.end) for a in loaded.activities] == [
        (a["id"], date(*reversed([int(p) for p in a["start"].split("/")])),
         date(*reversed([int(p) for p in a["end"].split("/")])))
        for a in plan["activities"]]


def test_plan_new_says_what_it_wrote_in_the_command_language(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from scheduler.cli import main

    out = tmp_path / "p.yaml"
    args = ["plan", "new", "chien-thang-dien-bien-phu", "2029", "-o", str(out)]
    vi = CliRunner().invoke(main, args)
    en = CliRunner().invoke(main, [*args, "--force", "--lang", "en"])
    assert vi.output.strip() == f"Đã tạo {out} (7 hoạt động): hãy sửa rồi kiểm tra lại."
    assert en.output.strip() == f"Wrote {out} (7 activities): edit it, then check it."


def test_plan_new_to_standard_output_and_no_folders_made(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Regressions (tried as a clerk would): ``plan new … -o -`` wrote a file named "-"
    (``-o -`` is standard output everywhere else), and ``-o newdir/sub/x.yaml`` made the
    folders of a mistyped path."""
    from click.testing import CliRunner

    from scheduler.cli import main

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["plan", "new", "chien-thang-dien-bien-phu", "2029",
                                       "-o", "-"])
    assert result.exit_code == 0 and result.stdout.startswith("# Kế hoạch kỷ niệm")
    assert "activities:" in result.stdout and not (tmp_path / "-").exists()
    result = CliRunner().invoke(main, ["plan", "new", "chien-thang-dien-bien-phu", "2029",
                                       "-o", "newdir/sub/x.yaml"])
    assert result.exit_code == 2 and "newdir/sub" in result.stderr
    assert not (tmp_path / "newdir").exists()
