"""Finding by name (scheduler/finding.py, ``kyniem find``) and name fragments wherever an id
is asked for."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from scheduler.cli import main
from scheduler.commands import Settings
from scheduler.finding import anniversary_id, find, score, words
from scheduler.registry import InputError


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="kyniem")


def test_words_fold_case_and_diacritics_and_write_out_abbreviations() -> None:
    assert words("ĐIỆN Biên Phủ") == ("dien", "bien", "phu")
    assert words("Ban CHQS quận") == ("ban", "chi", "huy", "quan", "su", "quan")


@pytest.mark.parametrize("query,expected", [
    ("Chiến thắng Điện Biên Phủ", 1.0),  # the whole name
    ("chien thang dien", 0.9),  # words at the start
    ("dien bien phu", 0.8),  # words in order, anywhere
    ("phu dien", 0.6),  # every word begins a word of the name
    ("dien bein phu", 0.5),  # a misspelling: a suggestion only
    ("hà giang", 0.0),
])
def test_scores_rank_whole_names_then_runs_then_words_then_look_alikes(
        query: str, expected: float) -> None:
    found = score(query, ["Chiến thắng Điện Biên Phủ"])
    assert found == expected if expected in (1.0, 0.9, 0.8, 0.6, 0.0) else 0 < found <= 0.5


def test_find_dien_bien_phu_lists_the_anniversary_then_the_plans_that_commemorate_it() -> None:
    done = invoke("find", "dien bien phu", "--json")
    assert done.exit_code == 0, done.output
    hits = json.loads(done.output)
    ids = [(h["kind"], h["id"]) for h in hits]
    assert ids[0] == ("anniversary", "chien-thang-dien-bien-phu")
    assert ("plan", "phuong-dien-bien-phu-70-2024") in ids
    first_plan = next(i for i, (kind, _) in enumerate(ids) if kind == "plan")
    assert all(kind != "activity" for kind, _ in ids[:first_plan])
    assert all(h["match"] for h in hits)


def test_find_understands_abbreviations_and_finds_units() -> None:
    hits, matched = find(Settings(), "chqs", ["unit"])
    assert matched
    assert any(h.id == "quan-thanh-xuan/ban-chi-huy-quan-su" for h in hits)


def test_nothing_matching_gives_suggestions_marked_as_such() -> None:
    hits, matched = find(Settings(), "dienbien", ["anniversary"])
    assert not matched and hits[0].id == "chien-thang-dien-bien-phu"
    done = invoke("find", "xyzzy khong co")
    assert done.exit_code == 0 and "Không tìm thấy «xyzzy khong co»." in done.output


def test_find_keeps_names_whole_at_60_columns() -> None:
    hits, matched = find(Settings(), "dien bien phu")
    from scheduler.outputs.found import Found

    view = Found("dien bien phu", tuple(hits), "vi", matched)
    out = StringIO()
    Console(file=out, width=60, color_system=None).print(view)
    lines = out.getvalue().splitlines()
    assert max(map(len, lines)) <= 60
    assert "Chiến thắng Điện Biên Phủ" in lines[1]
    assert all(len(line) <= 80 for line in view.plain().splitlines())


def test_an_id_or_a_unique_fragment_names_an_anniversary() -> None:
    registry = Settings().registry()
    assert anniversary_id(registry, "chien-thang-dien-bien-phu") == "chien-thang-dien-bien-phu"
    assert anniversary_id(registry, "Giải phóng Thủ đô") == "giai-phong-thu-do"
    with pytest.raises(InputError) as many:
        anniversary_id(registry, "ngay sinh")
    assert "khớp nhiều kết quả" in str(many.value.problems[0])


def test_show_and_plan_new_and_timeline_take_name_fragments(tmp_path: object) -> None:
    shown = invoke("show", "chien thang dien bien phu", "--json", "--now", "01/01/2026")
    assert shown.exit_code == 0 and json.loads(shown.output)["id"] == "chien-thang-dien-bien-phu"
    chart = invoke("timeline", "thanh xuan", "--now", "01/01/2026")
    assert chart.exit_code == 0 and "Giải phóng Thủ đô" in chart.output
    wrong = invoke("show", "dienbien")
    assert wrong.exit_code == 2
    assert "không có ngày kỷ niệm nào khớp «dienbien»; có phải: chien-thang-dien-bien-phu" \
        in wrong.output
    english = invoke("show", "dienbien", "--lang", "en")
    assert "no anniversary matches 'dienbien'; did you mean" in english.output


@pytest.mark.parametrize("fragment", ["ha noi", "quan"])
def test_a_fragment_two_plans_answer_about_as_well_is_not_guessed(fragment: str) -> None:
    """Regression: the better of two close scores was taken ("quan" chose one of the two
    district plans, and `plan export quan` wrote its appendix without a word)."""
    done = invoke("timeline", fragment)
    assert done.exit_code == 2
    assert "khớp nhiều kết quả" in done.output
    assert "quan-dbp-tren-khong-50-2022" in done.output
    assert "thanh-xuan-giai-phong-thu-do-70-2024" in done.output
    both = invoke("show", "dien bien phu")  # Điện Biên Phủ, and "Hà Nội - Điện Biên Phủ …"
    assert both.exit_code == 2 and "ha-noi-dien-bien-phu-tren-khong" in both.output


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_search_is_refused(text: str) -> None:
    """Regression: ``kyniem find ""`` printed "not found" and exited 0."""
    result = CliRunner().invoke(main, ["find", text])
    assert result.exit_code == 2
    assert "CHỮ: đang để trống" in result.output  # the argument as --help names it


def test_an_id_is_never_cut_at_a_hyphen() -> None:
    """Regression (tried as a clerk would): at 80 columns an id was wrapped at a hyphen
    ("…truyen-" / "thanh"), so the id copied from the screen was broken."""
    from click.testing import CliRunner

    from scheduler.cli import main

    result = CliRunner().invoke(main, ["find", "truyen thanh"])
    assert result.exit_code == 0
    assert "phuong-dien-bien-phu-70-2024/ubnd-tuyen-truyen-truc-quan-truyen-thanh" in (
        result.output)
    assert not [line for line in result.output.splitlines() if line.rstrip().endswith("-")]
