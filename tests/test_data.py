"""The bundled registry: what the issue requires it to hold, and the annual guidance lists."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.model import Anniversary, Calendar, Kind
from scheduler.registry.load import load_registry
from scheduler.registry.sources import bundled_path

FIXTURES = Path(__file__).parent / "fixtures"
REGISTRY = load_registry([bundled_path()])
LINE = re.compile(r"^(\d+) năm (.+?) \((\d{1,2}/\d{1,2}/\d{4}) ?[-–] ?(\d{1,2}/\d{1,2}/\d{4})\)$")


def normal(name: str) -> str:
    name = unicodedata.normalize("NFC", name).casefold()
    return re.sub(r"[“”\"]", '"', name).strip()


def by_name(name: str) -> Anniversary | None:
    wanted = normal(name)
    return next((a for a in REGISTRY.anniversaries
                 if wanted in {normal(n) for n in (a.name, *a.aliases)}), None)


def by_origin(d: date) -> list[Anniversary]:
    return [a for a in REGISTRY.anniversaries
            if (a.origin.year, a.origin.month, a.origin.day) == (d.year, d.month, d.day)]


def dmy(text: str) -> date:
    day, month, year = map(int, text.split("/"))
    return date(year, month, day)


def test_size_and_sources() -> None:
    assert len(REGISTRY.anniversaries) >= 70
    assert all(a.source.strip() for a in REGISTRY.anniversaries)
    ids = [a.id for a in REGISTRY.anniversaries]
    assert len(ids) == len(set(ids))


def test_every_major_holiday_of_decree_145_art_4() -> None:
    solar = {date(1930, 2, 3), date(1975, 4, 30), date(1954, 5, 7), date(1890, 5, 19),
             date(1945, 8, 19), date(1945, 9, 2)}
    for d in solar:
        assert by_origin(d), d
    lunar = {(a.origin.day, a.origin.month) for a in REGISTRY.anniversaries
             if a.origin.calendar is Calendar.LUNAR}
    assert {(1, 1), (10, 3)} <= lunar


def test_every_anniversary_of_the_seed_plans() -> None:
    # 000: 18/12/1972 with 19/12/1946, 22/12/1944, 22/12/1989; 001: 07/05/1954 with the Geneva
    # Accords 21/07/1954; 003: the Liberation of the Capital 10/10/1954 (a Hà Nội anniversary).
    for d in (date(1972, 12, 18), date(1946, 12, 19), date(1944, 12, 22), date(1989, 12, 22),
              date(1954, 5, 7), date(1954, 7, 21), date(1954, 10, 10)):
        assert by_origin(d), d
    capital = by_origin(date(1954, 10, 10))[0]
    assert capital.scope == "Hà Nội"


def test_mass_organisations_and_leaders() -> None:
    kinds = [a.kind for a in REGISTRY.anniversaries]
    assert kinds.count(Kind.FOUNDING) >= 10
    assert kinds.count(Kind.BIRTH) >= 20
    leaders = [a for a in REGISTRY.anniversaries if a.policy.id == "leader-birthday"]
    assert all(a.kind is Kind.BIRTH for a in leaders)
    for d in (date(1904, 5, 1), date(1904, 4, 2), date(1915, 7, 1), date(1906, 3, 1)):
        assert any(a.policy.id == "leader-birthday" for a in by_origin(d)), d


def guidance(year: int) -> list[tuple[int, str, date, date]]:
    path = FIXTURES / f"guidance_{year}.txt"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        m = LINE.match(line.strip())
        assert m, f"unreadable guidance line: {line!r}"
        rows.append((int(m[1]), m[2], dmy(m[3]), dmy(m[4])))
    return rows


@pytest.mark.parametrize("year", [y for y in (2024, 2025)
                                  if (FIXTURES / f"guidance_{y}.txt").exists()])
def test_year_reproduces_the_central_guidance(year: int) -> None:
    result = CliRunner().invoke(main, ["year", str(year), "--json"])
    assert result.exit_code == 0
    listed = {r["id"]: r for r in json.loads(result.output)}
    matched = 0
    for ordinal, name, origin, day in guidance(year):
        entry = by_name(name)
        if entry is None:
            continue
        matched += 1
        row = listed[entry.id]
        assert (row["ordinal"], row["date"], row["origin"]) == (
            ordinal, day.isoformat(), origin.isoformat()), name
        assert f"{ordinal} năm " in row["title"]
    assert matched >= 10
