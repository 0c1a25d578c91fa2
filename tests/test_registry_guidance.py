"""The central guidance lists of 2025 and 2026 (tests/fixtures/guidance_*.yaml): every item
they name is in ``kyniem year`` with the guidance's ordinal and date.

The fixtures cite the guidance (179-HD/BTGTW for 2025, 45-HD/BTGDVTW of 31/12/2025 for 2026)
and, for each item, the page where it was seen named for that year.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from scheduler.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
YEARS = (2025, 2026)


def guidance(year: int) -> dict[str, Any]:
    data = yaml.safe_load((FIXTURES / f"guidance_{year}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data["year"] == year
    return data


def listed(year: int) -> dict[str, list[dict[str, Any]]]:
    """``kyniem year YEAR --json`` (national entries: no locality), rows by id."""
    result = CliRunner().invoke(main, ["year", str(year), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rows: dict[str, list[dict[str, Any]]] = {}
    for row in json.loads(result.output):
        rows.setdefault(row["id"], []).append(row)
    return rows


@pytest.mark.parametrize("year", YEARS)
def test_every_guidance_item_is_listed_with_its_ordinal_and_date(year: int) -> None:
    items = guidance(year)["items"]
    rows = listed(year)
    missing = [i["id"] for i in items if i["id"] not in rows]
    assert missing == []
    for item in items:
        (row,) = rows[item["id"]]
        expected = datetime.strptime(item["date"], "%d/%m/%Y").date()
        assert (row["ordinal"], row["date"]) == (item["ordinal"], expected.isoformat()), item


@pytest.mark.parametrize("year", YEARS)
def test_each_fixture_cites_its_guidance_and_where_each_item_was_seen(year: int) -> None:
    data = guidance(year)
    head = data["guidance"]
    assert head["number"].endswith(("-HD/BTGTW", "-HD/BTGDVTW"))
    assert head["url"].startswith("https://")
    assert len(data["items"]) >= 10
    assert len({i["id"] for i in data["items"]}) == len(data["items"])
    for item in data["items"]:
        assert item["seen"] == "nd145" or item["seen"].startswith(("http://", "https://"))
        assert datetime.strptime(item["date"], "%d/%m/%Y").year == year


def test_tran_quoc_hoan_110_years_in_2026() -> None:
    """Issue 12: marked centrally in 2026 and missing from the registry."""
    (row,) = listed(2026)["ngay-sinh-tran-quoc-hoan"]
    assert row["title"] == ("110 năm Ngày sinh đồng chí Trần Quốc Hoàn "
                            "(23/01/1916 - 23/01/2026)")
    assert (row["class"], row["milestone"]) == ("tron", True)


def test_the_2026_major_holidays_count_from_their_origins() -> None:
    """The Decree 145 holidays in 2026: ordinals are the year minus the origin year."""
    rows = listed(2026)
    assert {k: rows[k][0]["ordinal"] for k in ("thanh-lap-dang", "giai-phong-mien-nam",
                                               "ngay-sinh-ho-chi-minh", "quoc-khanh")} == {
        "thanh-lap-dang": 96, "giai-phong-mien-nam": 51, "ngay-sinh-ho-chi-minh": 136,
        "quoc-khanh": 81}


@pytest.mark.parametrize("year", YEARS)
def test_fixture_items_follow_the_calendar(year: int) -> None:
    """Items are kept in date order, as the guidance lists them, so a gap is easy to see."""
    dates = [datetime.strptime(i["date"], "%d/%m/%Y").date() for i in guidance(year)["items"]]
    assert dates == sorted(dates)


def test_the_2025_mass_organisations_count_95_years() -> None:
    """Founded in the autumn of 1930 (Xô viết Nghệ Tĩnh, Nông hội, Phụ nữ, Mặt trận)."""
    rows = listed(2025)
    ids = ("xo-viet-nghe-tinh", "hoi-nong-dan", "hoi-lien-hiep-phu-nu", "mat-tran-to-quoc")
    assert {k: (rows[k][0]["ordinal"], rows[k][0]["class"]) for k in ids} == {
        k: (95, "le5") for k in ids}
