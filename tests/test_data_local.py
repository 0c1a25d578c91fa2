"""The local registries (data/local/*.yaml): one file per province-level unit since 1 July 2025.

Units and predecessors: Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội (34 units: 11
kept, 23 formed by merging; list as in Nghị quyết 60-NQ/TW ngày 12/4/2025 and Vietnam+/TTXVN
“Thông tin chi tiết về 34 tỉnh, thành phố trên cả nước từ ngày 1/7”). Each date spot-checked
below cites the page named in its entry's source.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.model import Anniversary, Kind
from scheduler.registry import load_cached
from scheduler.registry.load import load_registry
from scheduler.registry.sources import bundled_path

LOCAL = Path(__file__).resolve().parent.parent / "data" / "local"
FILES = sorted(LOCAL.glob("*.yaml"))

# Resolution 202/2025/QH15: unit file → its predecessors (short names), the unit first when kept.
UNITS: dict[str, set[str]] = {
    "ha-noi": {"Hà Nội"}, "hue": {"Huế"}, "lai-chau": {"Lai Châu"}, "dien-bien": {"Điện Biên"},
    "son-la": {"Sơn La"}, "lang-son": {"Lạng Sơn"}, "quang-ninh": {"Quảng Ninh"},
    "thanh-hoa": {"Thanh Hóa"}, "nghe-an": {"Nghệ An"}, "ha-tinh": {"Hà Tĩnh"},
    "cao-bang": {"Cao Bằng"},
    "tuyen-quang": {"Hà Giang", "Tuyên Quang"}, "lao-cai": {"Lào Cai", "Yên Bái"},
    "thai-nguyen": {"Bắc Kạn", "Thái Nguyên"}, "phu-tho": {"Vĩnh Phúc", "Hòa Bình", "Phú Thọ"},
    "bac-ninh": {"Bắc Giang", "Bắc Ninh"}, "hung-yen": {"Thái Bình", "Hưng Yên"},
    "hai-phong": {"Hải Dương", "Hải Phòng"}, "ninh-binh": {"Hà Nam", "Nam Định", "Ninh Bình"},
    "quang-tri": {"Quảng Bình", "Quảng Trị"}, "da-nang": {"Quảng Nam", "Đà Nẵng"},
    "quang-ngai": {"Kon Tum", "Quảng Ngãi"}, "gia-lai": {"Bình Định", "Gia Lai"},
    "khanh-hoa": {"Ninh Thuận", "Khánh Hòa"}, "lam-dong": {"Đắk Nông", "Bình Thuận", "Lâm Đồng"},
    "dak-lak": {"Phú Yên", "Đắk Lắk"},
    "ho-chi-minh": {"Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"},
    "dong-nai": {"Bình Phước", "Đồng Nai"}, "tay-ninh": {"Long An", "Tây Ninh"},
    "can-tho": {"Sóc Trăng", "Hậu Giang", "Cần Thơ"},
    "vinh-long": {"Bến Tre", "Vĩnh Long", "Trà Vinh"}, "dong-thap": {"Tiền Giang", "Đồng Tháp"},
    "ca-mau": {"Bạc Liêu", "Cà Mau"}, "an-giang": {"Kiên Giang", "An Giang"},
}
HEADER = re.compile(r"^# (predecessors|scope): (.+)$", re.MULTILINE)


def header(path: Path) -> dict[str, str]:
    """The machine-readable header lines (comments before the first YAML key)."""
    head = path.read_text(encoding="utf-8").split("\nanniversaries:", 1)[0]
    return dict(HEADER.findall(head))


@pytest.fixture(scope="module")
def registry() -> tuple[Anniversary, ...]:
    return load_registry([bundled_path(), *FILES]).anniversaries


def local_only(registry: tuple[Anniversary, ...]) -> list[Anniversary]:
    return [a for a in registry if a.location is not None and Path(a.location.file).parent == LOCAL]


def test_the_34_units_have_a_file_each() -> None:
    assert {f.stem for f in FILES} == set(UNITS)
    assert len(UNITS) == 34
    assert sum(len(p) for p in UNITS.values()) == 63  # the 63 provinces before the merger


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_header_names_predecessors_and_scope(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "202/2025/QH15" in text.split("\nanniversaries:", 1)[0]
    fields = header(path)
    assert set(fields["predecessors"].split("; ")) == UNITS[path.stem]
    scope = fields["scope"]
    # a kept unit names itself; a merged one keeps the name of one predecessor
    assert scope in UNITS[path.stem]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_file_loads_with_the_bundled_policies(path: Path) -> None:
    loaded = load_registry([bundled_path(), path])
    mine = [a for a in loaded.anniversaries if a.location and a.location.file == str(path)]
    scope = header(path)["scope"]
    assert all(a.scope == scope for a in mine)
    assert all(a.policy.id in {"general", "nd111"} for a in mine)


def test_all_files_load_together_through_the_cache(registry: tuple[Anniversary, ...]) -> None:
    cached = load_cached([bundled_path(), *map(str, FILES)])
    assert [a.id for a in cached.anniversaries] == [a.id for a in registry]


def test_ids_unique_and_every_entry_sourced(registry: tuple[Anniversary, ...]) -> None:
    ids = [a.id for a in registry]
    assert len(ids) == len(set(ids))
    local = local_only(registry)
    assert len(local) >= 45
    for a in local:
        assert a.source.strip() and a.url and a.url.startswith("http"), a.id
        assert a.origin.year is not None, a.id
        if a.kind is Kind.FOUNDING:
            assert a.policy.id == "nd111", a.id


def test_most_units_have_a_sourced_entry(registry: tuple[Anniversary, ...]) -> None:
    covered = {Path(a.location.file).stem for a in local_only(registry) if a.location}
    # Nghệ An, Hà Tĩnh and Đồng Tháp: nothing could be sourced yet (listed in each file's
    # header); every other unit has at least one entry.
    assert set(UNITS) - covered == {"nghe-an", "ha-tinh", "dong-thap"}


def test_predecessor_entries_say_what_they_are_now(registry: tuple[Anniversary, ...]) -> None:
    by_id = {a.id: a for a in registry}
    bac_giang = by_id["tai-lap-tinh-bac-giang"]
    assert bac_giang.name == "Ngày tái lập tỉnh Bắc Giang (nay là tỉnh Bắc Ninh)"
    assert bac_giang.scope == "Bắc Ninh"
    assert "Ngày tái lập tỉnh Bắc Giang" in bac_giang.aliases
    # the bundled founding day (10/10/1895) stays where it was, not redefined locally
    assert by_id["thanh-lap-tinh-bac-giang"].location is not None
    assert Path(by_id["thanh-lap-tinh-bac-giang"].location.file).name == "anniversaries.yaml"


# (id, date, where it was seen)
SPOT_CHECKS = [
    ("tai-lap-tinh-bac-giang", date(1997, 1, 1), "mybacgiang.vn: hoạt động từ ngày 01/01/1997"),
    ("giai-phong-quang-tri", date(1972, 5, 1), "TTXVN: 50 năm (1/5/1972 - 1/5/2022)"),
    ("giai-phong-da-nang", date(1975, 3, 29), "Báo Bảo vệ pháp luật: (29/3/1975 – 29/3/2025)"),
    ("giai-phong-hai-phong", date(1955, 5, 13), "Kinh tế & Đô thị: (13/5/1955 - 13/5/2025)"),
    ("thanh-lap-tinh-quang-ninh", date(1963, 10, 30), "Báo Tin tức: (30/10/1963 - 30/10/2023)"),
    ("giai-phong-dak-lak", date(1975, 3, 10), "Báo Nhân Dân: (10/3/1975-10/3/2025)"),
    ("thanh-lap-tinh-thai-binh", date(1890, 3, 21), "Hội VHNT Thái Bình: ngày 21/3/1890"),
    ("giai-phong-phuoc-long", date(1975, 1, 6), "dongnai.gov.vn: (06/01/1975 - 06/01/2026)"),
    ("sai-gon-gia-dinh-mang-ten-ho-chi-minh", date(1976, 7, 2), "Vietnam+: ngày 2/7/1976"),
    ("giai-phong-lang-son", date(1950, 10, 17), "02-HD/BTGTU Lạng Sơn: (17/10/1950 - 17/10/2020)"),
    ("thanh-lap-tinh-son-la", date(1895, 10, 10),
     "vhttdl.sonla.gov.vn: 120 năm Ngày thành lập tỉnh (10-10-1895 - 10-10-2015)"),
    ("danh-xung-thanh-hoa", date(1029, 5, 8),
     "Báo Thanh Hóa: 8/5/2019 lễ kỷ niệm 990 năm Danh xưng Thanh Hóa (1029-2019)"),
    ("truyen-thong-tinh-an-giang", date(1832, 11, 22),
     "QĐ 1447/QĐ-TTg Điều 1 (22 tháng 11); VTC News: (22/11/1832 – 22/11/2022)"),
]


@pytest.mark.parametrize(("anniversary_id", "origin", "seen"), SPOT_CHECKS,
                         ids=[c[0] for c in SPOT_CHECKS])
def test_spot_checked_dates(registry: tuple[Anniversary, ...], anniversary_id: str, origin: date,
                            seen: str) -> None:
    found = {a.id: a for a in registry}[anniversary_id]
    assert (found.origin.year, found.origin.month, found.origin.day) == (
        origin.year, origin.month, origin.day), seen


def test_kyniem_check_reads_the_local_files_with_the_national_registry() -> None:
    """The local files are bundled: `kyniem check` reads every one of them."""
    result = CliRunner().invoke(main, ["check", "--lang", "en"])
    assert result.exit_code == 0, result.output
    count = int(result.output.split("Valid: ")[1].split()[0])
    from scheduler.registry.sources import bundled_paths

    local = [p for p in bundled_paths() if "local" in Path(p).parts]
    assert len(local) == len(list(LOCAL.glob("*.yaml")))  # every local file is bundled
    assert count == len(load_registry(bundled_paths()).anniversaries)
