"""Locality (scheduler/registry/local.py) and the bundled local registries (data/local).

Provinces since 1 July 2025: Nghị quyết 202/2025/QH15, Điều 1 (34 provinces and cities).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from scheduler.model import Anniversary, Kind, Origin, Policy
from scheduler.registry import load_cached, registry_paths
from scheduler.registry.cache import source_key
from scheduler.registry.local import (
    PROVINCES,
    check_locality,
    current_province,
    in_locality,
    place_key,
    same_place,
)
from scheduler.registry.sources import bundled_path, bundled_paths

POLICY = Policy("p", "P", "P", "test")
BASE = Anniversary(id="x", name="X", name_en="X", origin=Origin(1, 1, 1975), kind=Kind.EVENT,
                   scope="national", policy=POLICY, source="test")


def scoped(scope: str) -> Anniversary:
    return replace(BASE, scope=scope)


def test_the_34_provinces_and_their_predecessors() -> None:
    assert len(PROVINCES) == 34
    merged = [p for p in PROVINCES.values() if p and p != ("Thừa Thiên Huế",)]
    assert len(merged) == 23  # Nghị quyết 202/2025/QH15: 23 new units, 11 unchanged
    names = [place_key(n) for province, old in PROVINCES.items() for n in (province, *old)]
    assert len(names) == len(set(names))  # no name means two provinces


@pytest.mark.parametrize(("written", "key"), [
    ("Hà Nội", "ha noi"), ("ha noi", "ha noi"), ("HÀ NỘI", "ha noi"),
    ("TP. Hồ Chí Minh", "ho chi minh"), ("Thành phố Hồ Chí Minh", "ho chi minh"),
    ("Thành phố Huế", "hue"), ("tỉnh Đắk Lắk", "dak lak"), ("Bà Rịa - Vũng Tàu", "ba ria vung tau"),
    ("Hoà Bình", "hoa binh"), ("Hòa Bình", "hoa binh"),
])
def test_names_match_without_case_diacritics_or_prefix(written: str, key: str) -> None:
    assert place_key(written) == key


def test_national_entries_always_local_ones_only_for_their_place() -> None:
    national, hanoi = BASE, scoped("Hà Nội")
    assert in_locality(national, None) and in_locality(national, "Huế")
    assert not in_locality(hanoi, None)
    assert in_locality(hanoi, "ha noi") and in_locality(hanoi, "Thành phố Hà Nội")
    assert not in_locality(hanoi, "Hải Phòng")
    assert in_locality(scoped("TP. Hồ Chí Minh"), "Hồ Chí Minh")
    assert in_locality(scoped("Huế"), "Thành phố Huế")


def test_a_predecessor_province_belongs_to_the_one_it_merged_into() -> None:
    bac_giang = scoped("Bắc Giang")  # the bundled thanh-lap-tinh-bac-giang
    assert in_locality(bac_giang, "Bắc Ninh") and in_locality(bac_giang, "bac giang")
    assert in_locality(scoped("Bắc Ninh"), "Bắc Giang")  # a clerk still writing the old name
    assert not in_locality(bac_giang, "Lạng Sơn")
    assert in_locality(scoped("Bình Dương"), "TP. Hồ Chí Minh")
    assert in_locality(scoped("Thừa Thiên Huế"), "Huế")
    assert same_place("Bình Dương", "Bà Rịa - Vũng Tàu")  # both are Hồ Chí Minh now
    assert current_province("Nam Định") == "Ninh Bình"
    assert current_province("Hà Giang") == "Tuyên Quang"
    assert current_province("Atlantis") is None


def test_ha_tay_is_ha_noi() -> None:
    """Regression: "Hà Tây" (merged into Hà Nội in 2008) was refused as an unknown place."""
    assert current_province("Hà Tây") == "Hà Nội" and current_province("tinh ha tay") == "Hà Nội"
    assert in_locality(scoped("Hà Nội"), "Hà Tây")
    check_locality("Hà Tây", set())  # no InputError


def test_an_unknown_place_matches_only_itself() -> None:
    assert in_locality(scoped("Xã Đông Anh"), "xa dong anh")
    assert not in_locality(scoped("Xã Đông Anh"), "Hà Nội")


def test_the_bundled_registry_takes_every_local_file_in_name_order(tmp_path: Path) -> None:
    national = tmp_path / "anniversaries.yaml"
    national.write_text("anniversaries: []\n", encoding="utf-8")
    (tmp_path / "local").mkdir()
    for name in ("ha-noi.yaml", "bac-ninh.yaml", "README.md"):
        (tmp_path / "local" / name).write_text("anniversaries: []\n", encoding="utf-8")
    assert bundled_paths(str(national)) == [
        str(national), str(tmp_path / "local" / "bac-ninh.yaml"),
        str(tmp_path / "local" / "ha-noi.yaml")]
    (tmp_path / "other").mkdir()
    alone = tmp_path / "other" / "anniversaries.yaml"
    alone.write_text("anniversaries: []\n", encoding="utf-8")
    assert bundled_paths(str(alone)) == [str(alone)]  # no local folder: national only


def test_registry_paths_start_with_the_bundled_national_then_local_files() -> None:
    paths = registry_paths([])
    assert paths[0] == bundled_path()
    folder = os.path.join(os.path.dirname(bundled_path()), "local")
    shipped = sorted(n for n in os.listdir(folder) if n.endswith(".yaml")) \
        if os.path.isdir(folder) else []
    assert [os.path.basename(p) for p in paths[1:]] == shipped
    assert registry_paths([], bundled=False) == []


def test_a_new_local_file_makes_a_fresh_cache(tmp_path: Path) -> None:
    """The cache key covers every bundled file: adding a province's file reloads."""
    national = tmp_path / "anniversaries.yaml"
    national.write_text(Path(bundled_path()).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "local").mkdir()
    before = bundled_paths(str(national))
    first = load_cached(before, tmp_path / "cache")
    (tmp_path / "local" / "bac-ninh.yaml").write_text(
        "anniversaries:\n"
        "  - id: test-giai-phong-bac-giang\n"
        "    name: \"Ngày giải phóng tỉnh Bắc Giang (nay là tỉnh Bắc Ninh)\"\n"
        "    date: \"01/01/1946\"\n"
        "    kind: event\n"
        "    scope: \"Bắc Ninh\"\n"
        "    policy: general\n"
        "    source: \"test\"\n", encoding="utf-8")
    after = bundled_paths(str(national))
    assert source_key(before) != source_key(after)
    second = load_cached(after, tmp_path / "cache")
    assert first.get("test-giai-phong-bac-giang") is None
    found = second.get("test-giai-phong-bac-giang")
    assert found is not None and in_locality(found, "Bắc Giang")
    assert found.name_en == found.name  # no name_en written: the Vietnamese name stands in
    again = load_cached(after, tmp_path / "cache")  # from the cache now
    assert again.get("test-giai-phong-bac-giang") == found


def _header_predecessors(path: Path) -> frozenset[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# predecessors:"):
            return frozenset(place_key(n) for n in line.split(":", 1)[1].split(";"))
    raise AssertionError(f"{path}: no '# predecessors:' line")


def test_the_merger_table_agrees_with_every_local_registry_header() -> None:
    """data/local/*.yaml name their predecessor provinces in a header line; the table here
    (read on every listing, so no file is parsed for it) must say the same."""
    folder = Path(bundled_path()).parent / "local"
    files = sorted(folder.glob("*.yaml"))
    # Thừa Thiên Huế was renamed (1/1/2025), not merged: the files list only the 2025 merger
    expected = {frozenset(place_key(n) for n in (p, *old) if n != "Thừa Thiên Huế")
                for p, old in PROVINCES.items()}
    found = {f.name: _header_predecessors(f) for f in files}
    assert [name for name, names in found.items() if names not in expected] == []
    assert len(set(found.values())) == len(found)  # one file per province


@pytest.mark.parametrize("name", ["TP.HCM", "HCM", "TPHCM", "Sài Gòn", "sai gon",
                                  "TP. Hồ Chí Minh", "Bình Dương"])
def test_everyday_names_of_ho_chi_minh_city(name: str) -> None:
    """Regression (tried as a clerk would): "TP.HCM", "HCM", "Sài Gòn" were refused, with
    unrelated suggestions."""
    from scheduler.registry.local import current_province

    assert current_province(name) == "Hồ Chí Minh"
