"""Registry loading: every problem names file, line and field, and all are reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.model import Calendar
from scheduler.registry import InputError
from scheduler.registry.load import load_registry
from scheduler.registry.sources import bundled_path
from scheduler.rules import ClassBy, LeapDay, MilestoneClass

REG = Path(__file__).parent / "fixtures" / "registry"


def problems(*names: str) -> list[str]:
    with pytest.raises(InputError) as info:
        load_registry([REG / n for n in names])
    # English: yamlread's messages are worded in Vietnamese by default
    return [p.render("en") for p in info.value.problems]


def test_mini_registry_loads_with_locations() -> None:
    registry = load_registry([REG / "mini.yaml"])
    ids = [a.id for a in registry.anniversaries]
    assert ids == ["test-dbp", "test-gio-to", "test-leader-born", "test-leap", "test-leap-mar"]
    dbp = registry.get("test-dbp")
    assert dbp is not None and dbp.location is not None
    assert dbp.location.line == 20 and dbp.location.file.endswith("mini.yaml")
    gio_to = registry.get("test-gio-to")
    assert gio_to is not None
    assert gio_to.origin.calendar is Calendar.LUNAR and gio_to.origin.year is None
    assert gio_to.class_by is ClassBy.YEAR
    leap = registry.get("test-leap-mar")
    assert leap is not None and leap.leap_day is LeapDay.MAR1
    assert registry.policies["test-leader"].min_ordinal == 100
    assert registry.policies["test-general"].classes == {MilestoneClass.TRON, MilestoneClass.LE5}


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("invalid_date.yaml", ":12: anniversaries[0].date: '31/02/1930' is not a valid date"),
        ("month_first_date.yaml", ":12: anniversaries[0].date: '12/25/1946' is not a valid"),
        ("unknown_field.yaml", ":17: anniversaries[0].nmae: unknown field"),
        ("duplicate_id.yaml", ":17: anniversaries[1].id: 'same' is already used at"),
        ("lunar_day_31.yaml", ":12: anniversaries[0].date: '31/03': a lunar month has days 1–30"),
        ("missing_source.yaml", ":9: anniversaries[0].source: is required but missing"),
        ("duplicate_key.yaml", ":17: anniversaries[0].kind: appears twice"),
        ("unknown_policy.yaml", ":15: anniversaries[0].policy: unknown policy"),
        ("bad_yaml.yaml", ":18: not valid YAML"),
        ("lunar_no_year_class_origin.yaml", ":12: anniversaries[0].date: without a year"),
    ],
)
def test_each_problem_names_file_line_field(fixture: str, expected: str) -> None:
    found = problems(fixture)
    assert len(found) == 1
    assert found[0].startswith(str(REG / fixture) + ":")
    assert expected in found[0]


def test_every_problem_reported_at_once() -> None:
    found = problems("many_problems.yaml")
    assert [p.split(": ", 2)[1] for p in found] == [
        "anniversaries[0].date",
        "anniversaries[1].colour",
        "anniversaries[2].source",
        "anniversaries[3].id",
    ]


def test_ids_must_not_collide_across_files() -> None:
    found = problems("mini.yaml", "collides_with_mini.yaml")
    assert len(found) == 1
    assert "'test-dbp' is already used at" in found[0]
    assert "mini.yaml:20" in found[0]


def test_user_file_uses_a_policy_from_another_file() -> None:
    text = (REG / "user_registry.yaml").read_text(encoding="utf-8")
    registry = load_registry([REG / "mini.yaml", REG / "user_registry.yaml"])
    assert registry.get("truong-thpt-quang-trung") is not None
    assert (REG / "user_registry.yaml").read_text(encoding="utf-8") == text  # never written


def test_missing_and_binary_files(tmp_path: Path) -> None:
    binary = tmp_path / "broken.yaml"
    binary.write_bytes(b"anniversaries:\n  - id: \xff\xfe\n")
    with pytest.raises(InputError) as info:
        load_registry([tmp_path / "nope.yaml", binary])
    # where each problem is, and its key words (the wording is yamlread's)
    missing, undecodable = info.value.problems
    assert (missing.where, undecodable.where) == (str(tmp_path / "nope.yaml"), f"{binary}:2")
    assert "not found" in missing.render("en")
    assert "UTF-8" in undecodable.render("en") and "0xff" in undecodable.render("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "is empty"),
        ("- just a list\n", "expected a mapping"),
        ("anniversaries: 3\n", "expected a list of entries"),
        ("anniversaries: []\nextra: 1\n", "extra: unknown section"),
        ("anniversaries:\n  - 5\n", "expected a mapping"),
    ],
)
def test_wrong_shapes(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_registry([path])
    assert expected in "\n".join(p.render("en") for p in info.value.problems)


def english(fixture: str) -> list[str]:
    with pytest.raises(InputError) as info:
        load_registry([bundled_path(), REG / fixture])
    return [p.render("en") for p in info.value.problems]


def test_a_lunar_origin_the_converter_cannot_reach_is_refused() -> None:
    """Regression (issue 9): a lunar origin before 1900 passed `check`, then `upcoming`
    crashed with LunarRangeError."""
    (found,) = english("lunar_before_1900.yaml")
    assert ":6: anniversaries[0].date: '10/03/1890': lunar dates are known only for " \
           "1900–2100" in found


def test_numbers_are_plain_ascii_digits_of_a_sane_size() -> None:
    """Regression (issue 9): ``min_ordinal: "²"`` passed (``isdigit()`` takes it) and
    crashed later."""
    found = english("odd_digits.yaml")
    assert [f.split(": ", 2)[1] for f in found] == ["policies[0].min_ordinal",
                                                    "policies[0].ordinals"]
    assert "'²' is not a whole number from 1 to 9998" in found[0]
    assert "'٣' is not a whole number" in found[1]


def test_control_characters_are_refused_with_file_line_field() -> None:
    """Regression (issue 9): control characters passed `check` and went raw into feeds,
    pages and terminals."""
    found = english("control_characters.yaml")
    fields = [f.split(": ", 2)[1] for f in found]
    assert fields == ["anniversaries[0].name", "anniversaries[0].name_en",
                      "anniversaries[0].source", "anniversaries[0].url"]
    assert all(f.startswith(f"{REG / 'control_characters.yaml'}:") for f in found)
    assert "control character U+001B at position 6" in found[0]
    assert "U+0000" in found[1] and "U+0085" in found[2] and "U+000D" in found[3]


def test_an_entry_with_a_bad_id_has_its_other_problems_said_too(tmp_path: Path) -> None:
    """Regression (tried as a clerk would): ``id: X two`` hid a month-first date and an
    unknown policy until the id was fixed and ``check`` run again."""
    path = tmp_path / "mine.yaml"
    path.write_text('anniversaries:\n  - {id: "X two", name: "Thử", date: "12/31/1970", '
                    'kind: event, scope: national, policy: nope, source: "x"}\n',
                    encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_registry([bundled_path(), path])
    assert sorted(p.field for p in info.value.problems) == [
        "anniversaries[0].date", "anniversaries[0].id", "anniversaries[0].policy"]
