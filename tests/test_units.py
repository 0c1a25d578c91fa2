"""Unit identities (scheduler/units): the normaliser, the directory, the resolver, the
near-duplicate warnings, and what `kyniem units` and the feeds make of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.commands import Settings
from scheduler.planning import load
from scheduler.publish import all_feeds
from scheduler.registry import InputError
from scheduler.units import Resolver, directory, is_collective, key, load_directory, place_of
from scheduler.units.check import near_duplicates, taken_spellings


@pytest.mark.parametrize(("a", "b"), [
    ("Ban CHQS quận", "Ban chỉ huy Quân sự Quận"),
    ("UB MTTQ", "Ủy ban MTTQ"),
    ("Hội CCB", "Hội Cựu chiến binh Quận"),
    ("Phòng Văn hoá và Thông tin quận", "Phòng Văn hóa - Thông tin"),
    ("Phòng LĐTB&XH", "Phòng Lao động - Thương binh và xã hội"),
    ("Văn phòng HĐND&UBND quận", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"),
    ("Đoàn TNCS HCM", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("Các tổ chức CT-XH", "các tổ chức chính trị - xã hội"),
])
def test_spellings_of_one_body_have_one_key(a: str, b: str) -> None:
    assert key(a) == key(b)


def test_the_plans_level_decides_which_level_word_is_dropped() -> None:
    # in a district's plan "UBND phường" is not the district's UBND
    assert key("UBND phường", "", "quan") != key("UBND quận", "", "quan")
    assert key("UBND phường", "", "phuong") == key("Ủy ban nhân dân", "", "phuong")
    assert key("UBND quận Thanh Xuân", "quan thanh xuan", "quan") == "uy ban nhan dan"


@pytest.mark.parametrize(("name", "collective"), [
    ("Các cơ quan, đơn vị liên quan", True), ("UBND các phường", True),
    ("Các tổ chức CT-XH phường", True), ("Ban Tuyên giáo Quận ủy", False),
    ("Hội Cựu chiến binh", False)])
def test_collectives(name: str, collective: bool) -> None:
    assert is_collective(key(name)) is collective


def test_a_plans_place_from_its_locality_issuer_or_scope() -> None:
    (dbp, dbp_air, thanh_xuan) = sorted(load(Settings()), key=lambda p: p.id)
    assert place_of(thanh_xuan).id == "quan-thanh-xuan"
    assert place_of(thanh_xuan).label == "Quận Thanh Xuân"
    # the ward's and the district's plans do not name their place: their bodies are their own
    assert place_of(dbp).id == "ke-hoach-phuong-dien-bien-phu-70-2024"
    assert place_of(dbp).level == "phuong" and place_of(dbp_air).level == "quan"


def test_seed_spellings_become_one_identity_and_collectives_none() -> None:
    settings = Settings()
    resolver = settings.resolver()
    plans = {p.id: p for p in load(settings)}
    ward = plans["phuong-dien-bien-phu-70-2024"]
    front = {resolver.identity(n, ward) for n in ("UB MTTQ", "Ủy ban MTTQ")}
    assert len(front) == 1 and next(iter(front)) is not None
    district = plans["quan-dbp-tren-khong-50-2022"]
    youth = {resolver.identity(n, district) for n in ("Đoàn TNCS Hồ Chí Minh Quận",
                                                      "Đoàn thanh niên")}
    assert len(youth) == 1
    assert resolver.identity("Các cơ quan, đơn vị liên quan", district) is None
    assert resolver.identity("Các đơn vị liên quan", district) is None
    # one body name in two places: two identities
    assert resolver.identity("Hội CCB", ward) != resolver.identity("Hội CCB", district)


def test_the_seed_feeds_have_one_feed_per_body_and_none_for_collectives() -> None:
    feeds = [f for f in all_feeds(Settings(now=None), (2022, 2024)) if f.group == "unit"]
    keys = [f.key for f in feeds]
    assert len(keys) == len(set(keys))
    front = [f for f in feeds if f.key.endswith("/mat-tran-to-quoc")
             and f.key.startswith("ke-hoach-phuong")]
    assert len(front) == 1
    spelled = {u for e in front[0].events for i, u, _ in e.identities if i == front[0].key}
    assert spelled == {"UB MTTQ", "Ủy ban MTTQ"}
    assert not any("lien-quan" in f.key or "/cac-" in f.key for f in feeds)
    thanh_xuan = [f for f in feeds if f.locality == "Quận Thanh Xuân"]
    assert thanh_xuan and all(f.name.endswith("— Quận Thanh Xuân") for f in thanh_xuan)
    culture = [f for f in thanh_xuan if f.key == "quan-thanh-xuan/phong-van-hoa-thong-tin"]
    assert len(culture) == 1  # "Văn hoá" and "Văn hóa": one feed


def test_a_user_directory_merges_what_the_bundled_one_does_not(tmp_path: Path) -> None:
    settings = Settings()
    district = next(p for p in load(settings) if p.id == "quan-dbp-tren-khong-50-2022")
    bundled = settings.resolver()
    assert bundled.identity("Ban Biên tập", district) != bundled.identity("BBT", district)
    mine = tmp_path / "units.yaml"
    mine.write_text('units:\n- id: ban-bien-tap\n  name: "Ban Biên tập"\n  kind: media\n'
                    '  aliases: ["BBT"]\n', encoding="utf-8")
    resolver = Settings(units=(str(mine),)).resolver()
    assert resolver.identity("BBT", district) == resolver.identity("Ban Biên tập", district)


def test_a_bad_directory_names_file_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "units.yaml"
    bad.write_text('units:\n- id: a\n  name: "A"\n  kind: army\n- id: a\n  name: "B"\n'
                   '  kind: mass\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_directory((str(bad),))
    rendered = [p.render("en") for p in caught.value.problems]
    assert any(f"{bad}:4" in r and "kind" in r for r in rendered)
    assert any(f"{bad}:5" in r and "already used" in r for r in rendered)
    result = CliRunner().invoke(main, ["units", "--units", str(bad)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_the_bundled_directory_has_no_spelling_twice() -> None:
    seen: dict[tuple[str | None, str], str] = {}
    for unit in directory().units:
        for spelling in unit.spellings:
            k = (unit.locality, key(spelling))
            assert seen.setdefault(k, unit.id) == unit.id, (spelling, seen[k], unit.id)


def test_check_warns_about_alike_units_with_the_fix(tmp_path: Path) -> None:
    source = (Path("data/plans/thanh-xuan-giai-phong-thu-do-70-2024.yaml")
              .read_text(encoding="utf-8"))
    assert "Phòng Quản lý đô thị quận" in source
    plan = tmp_path / "plan.yaml"
    plan.write_text(source.replace("Phòng Quản lý đô thị quận", "Phòng Quản lí đô thị quận", 1)
                    .replace("Phòng Nội vụ quận", "Phòng Quản lý đô thị quận", 1),
                    encoding="utf-8")
    settings = Settings(plans=(str(plan),))
    warnings = near_duplicates(load(settings), settings.resolver())
    assert len(warnings) == 1
    text = warnings[0].render("vi")
    assert "Phòng Quản lí đô thị quận" in text and "aliases:" in text
    assert warnings[0].file == str(plan) and warnings[0].line
    result = CliRunner().invoke(main, ["check", str(plan)])
    assert result.exit_code == 0 and "cảnh báo" in result.output
    assert "Phòng Quản lí đô thị quận" in result.output
    clean = CliRunner().invoke(main, ["check"])
    assert clean.exit_code == 0 and "cảnh báo" not in clean.output



def test_check_warns_when_a_directory_entry_takes_another_units_name(tmp_path: Path) -> None:
    """Regression: a user's entry with the alias "UBND" silently took every "UBND phường"
    of the plans from the people's committee (a later file wins, by design): check says so,
    naming both entries, and a user's entry that takes no one's name gets no warning."""
    mine = tmp_path / "units.yaml"
    mine.write_text('units:\n- id: ban-bien-tap\n  name: "Ban Biên tập"\n  kind: media\n'
                    '  aliases: ["BBT"]\n- id: doi-thu\n  name: "Đội thử nghiệm"\n'
                    '  kind: mass\n  aliases: ["UBND"]\n', encoding="utf-8")
    settings = Settings(units=(str(mine),))
    resolver = settings.resolver()
    (warning,) = taken_spellings(resolver.directory)
    assert (warning.file, warning.line, warning.field) == (str(mine), 6, "aliases")
    text = warning.render("vi")
    assert "«UBND»" in text and "doi-thu" in text and "uy-ban-nhan-dan" in text
    assert "data/units.yaml:" in text
    result = CliRunner().invoke(main, ["check", "--units", str(mine)])
    assert result.exit_code == 0 and "cảnh báo" in result.output and "doi-thu" in result.output
    english = CliRunner().invoke(main, ["check", "--units", str(mine), "--lang", "en"])
    assert "warning" in english.output and "now means doi-thu" in english.output
    assert taken_spellings(Settings().resolver().directory) == []
    named = tmp_path / "named.yaml"  # a name, not an alias, that another unit has
    named.write_text('units:\n- id: uy-ban\n  name: "Ủy ban nhân dân"\n  kind: government\n',
                     encoding="utf-8")
    (taken,) = taken_spellings(Settings(units=(str(named),)).resolver().directory)
    assert (taken.file, taken.line, taken.field) == (str(named), 2, "name")

def test_units_view_shows_each_identity_with_its_spellings() -> None:
    result = CliRunner().invoke(main, ["units", "--json"])
    assert result.exit_code == 0
    units = json.loads(result.output)
    front = [u for u in units if u["id"] and u["id"].startswith("ke-hoach-phuong")
             and u["id"].endswith("/mat-tran-to-quoc")]
    assert len(front) == 1 and front[0]["spellings"] == ["UB MTTQ", "Ủy ban MTTQ"]
    collectives = [u for u in units if u["id"] is None]
    assert any(u["unit"] == "Các cơ quan, đơn vị liên quan" for u in collectives)
    text = CliRunner().invoke(main, ["units"]).output
    assert "các cách viết: Đoàn thanh niên" in text
    assert "tập thể" in text


def test_resolver_is_cached_per_settings() -> None:
    settings = Settings()
    assert settings.resolver() is settings.resolver()
    assert isinstance(settings.resolver(), Resolver)


def test_agenda_unit_matches_abbreviations_and_spellings() -> None:
    """Regression: `--unit "ban chqs"` found nothing for "Ban chỉ huy Quân sự Quận"."""
    result = CliRunner().invoke(main, ["agenda", "--now", "01/10/2022", "--month", "--unit",
                                       "ban chqs", "--json"])
    assert result.exit_code == 0, result.output
    assert "Ban chỉ huy Quân sự Quận" in result.output
    other = CliRunner().invoke(main, ["agenda", "--now", "01/10/2022", "--month", "--unit",
                                      "sở ngoại vụ", "--json"])
    assert "Ban chỉ huy Quân sự Quận" not in other.output


def test_collectives_of_different_places_are_not_one_heading() -> None:
    """Regression (tried as a clerk would): "Các tổ chức CT-XH phường" of a ward's plan and
    "Các tổ chức chính trị - xã hội Quận" of two districts' plans were one heading named
    after the ward, listing the districts' tasks under it."""
    from click.testing import CliRunner

    from scheduler.cli import main

    result = CliRunner().invoke(main, ["units", "--unit", "chinh tri - xa hoi", "--json"])
    assert result.exit_code == 0
    units = json.loads(result.stdout)
    assert len(units) >= 3
    for unit in units:
        plans = {r["item"].split("/")[1] for r in unit["roles"]}
        assert len(plans) == 1, (unit["unit"], plans)
