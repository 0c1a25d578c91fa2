"""The site's pages as HTML (issue 11, part 4): header cells, ``lang``, links that say which
calendar they add, hostile names escaped, no external asset; what the parts cache for the
pages; pages rewritten only when what they show changes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.feeds.events import FeedEvent
from scheduler.feeds.ledger import Stamp
from scheduler.feeds.links import event_anchor
from scheduler.feeds.parts import make_part, part_info, read_part, rows_json
from scheduler.items import ItemKind
from scheduler.site.data import Entry, PlanHead, read_entry
from scheduler.site.pages import Listed, index_page
from scheduler.site.plan import plan_page
from scheduler.site.year import YearPlan, year_page
from scheduler.state import Invalid

HOSTILE = '<script>alert("x")</script> & "Ban" <u>'
TODAY = date(2024, 6, 1)


def build(out: Path, *args: str, now: str = "01/06/2024") -> dict[str, object]:
    result = CliRunner().invoke(main, ["build", "--out", str(out), "--now", now, "--json",
                                       *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report: dict[str, object] = json.loads(result.output)
    return report


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    with isolated(out.parent):
        build(out, "--base-url", "https://lich.example.vn/kyniem/")
    return out


@contextmanager
def isolated(folder: Path) -> Iterator[None]:
    """conftest's isolation, for a fixture built once per module (before it applies)."""
    with pytest.MonkeyPatch.context() as env:
        for name in ("KYNIEM_REGISTRY", "KYNIEM_LANG", "KYNIEM_PLANS", "KYNIEM_UNITS"):
            env.delenv(name, raising=False)
        env.setenv("KYNIEM_CACHE_DIR", str(folder / "cache"))
        env.setenv("KYNIEM_STATE_DIR", str(folder / "state"))
        yield


def pages(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*.html"))}


def links(html: str) -> list[tuple[str, str]]:
    """(accessible name, href) of every link: its aria-label, else its text."""
    found = []
    for attrs, text in re.findall(r"<a\b([^>]*)>(.*?)</a>", html, re.S):
        href = re.search(r'href="([^"]*)"', attrs)
        label = re.search(r'aria-label="([^"]*)"', attrs)
        name = label.group(1) if label else re.sub(r"<[^>]+>", "", text).strip()
        found.append((name, href.group(1) if href else ""))
    return found


def test_every_page_has_lang_header_cells_and_no_external_asset(site: Path) -> None:
    found = pages(site)
    assert {"index.html", "years/2024.html",
            "plans/thanh-xuan-giai-phong-thu-do-70-2024.html"} <= found.keys()
    for path, html in found.items():
        assert html.startswith('<!DOCTYPE html>\n<html lang="vi">'), path
        assert '<meta name="viewport"' in html, path
        for table in re.findall(r"<table\b.*?</table>", html, re.S):
            assert '<th scope="col">' in table, path
            for row in re.findall(r"<tbody>(.*?)</tbody>", table, re.S):
                for tr in re.findall(r"<tr\b[^>]*>(.*?)</tr>", row, re.S):
                    assert tr.startswith("<th scope="), (path, tr[:80])  # a row header
        # assets: no script, style, image or font from elsewhere (links to calendars are fine)
        assert not re.search(r"<(script|img|iframe|link|source)\b[^>]*\b(src|href)=", html), path
        assert "@import" not in html and "url(" not in html, path


def test_every_link_has_a_name_and_one_name_is_one_target(site: Path) -> None:
    for path, html in pages(site).items():
        targets: dict[str, str] = {}
        for name, href in links(html):
            assert name, (path, href)
            assert targets.setdefault(name, href) == href, (path, name)


def test_the_index_subscribes_by_name_and_shows_each_address(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    listed = json.loads((site / "feeds.json").read_text(encoding="utf-8"))
    unit = next(f for f in listed if f["group"] == "unit" and "Ban CHQS" in f["name"])
    url = f"https://lich.example.vn/kyniem/{unit['path']}"
    assert "<code id=" in html and f">{url}</code>" in html  # the https address, whole
    assert 'aria-label="Google: Lịch Ban CHQS quận' in html
    assert html.index('id="units"') < html.index('id="plans"') < html.index(
        'id="anniversaries"') < html.index('id="more"')
    assert 'href="plans/quan-dbp-tren-khong-50-2022.html"' in html
    assert 'href="years/2024.html"' in html
    assert 'id="q" type="search"' in html and "normalize(\"NFD\")" in html


def test_anniversaries_are_listed_by_their_next_day(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="anniversaries"'):html.index('id="more"')]
    days = [datetime.strptime(d, "%d/%m/%Y").date()
            for d in re.findall(r"(?:Ngày tới): \w+(?: \w+)?, (\d\d/\d\d/\d{4})", section)]
    assert len(days) > 20 and days == sorted(days)
    assert days[0] >= TODAY


def test_a_plan_page_anchors_its_events_and_links_its_feeds(site: Path) -> None:
    html = (site / "plans" / "phuong-dien-bien-phu-70-2024.html").read_text(encoding="utf-8")
    uid = "plan/phuong-dien-bien-phu-70-2024/bchqs-gap-mat-ccb-tnxp@kyniem"
    assert f'<tr id="{event_anchor(uid)}">' in html
    assert '<svg class="tl" viewBox="0 0 600 ' in html and "<title id=" in html
    assert "Ngày kỷ niệm: <strong>Thứ Ba, 07/05/2024</strong>" in html
    assert "chủ trì:" in html and "phối hợp:" in html
    assert 'href="../plans/phuong-dien-bien-phu-70-2024.ics"' in html
    assert re.search(r'href="\.\./units/[^"]+\.ics"', html)
    assert "Thực hiện: Kế hoạch 146-KH/TU" in html


def test_hostile_names_are_escaped_everywhere() -> None:
    head = PlanHead("p", HOSTILE, HOSTILE, HOSTILE, None, HOSTILE, (("implements", HOSTILE),))
    unit = Listed("unit", HOSTILE, "units/x.ics", HOSTILE, 1, HOSTILE, short=HOSTILE,
                  plans=("p",))
    plan = Listed("plan", "p", "plans/p.ics", HOSTILE, 1, short=HOSTILE, head=head,
                  span=(TODAY, TODAY))
    day = Listed("anniversary", "a", "anniversaries/a.ics", HOSTILE, 1, short=HOSTILE,
                 next=TODAY)
    entry = Entry("u@kyniem", HOSTILE, TODAY, TODAY, "event", roles=(("lead", HOSTILE),))
    label = {f.path: f"Lịch {HOSTILE}" for f in (unit, plan, day)}
    out = [index_page([plan, day, unit], {}, "vi", "https://x.example/", [2024], TODAY),
           plan_page(head, [entry], (TODAY, TODAY), [(TODAY, HOSTILE)], plan, [(unit, 1)],
                     label, {}, "vi", "https://x.example/"),
           year_page(2024, [entry], [YearPlan(head, TODAY, TODAY, 1)], "vi")]
    for html in out:
        assert "<script>alert" not in html and "<u>" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in html
        assert html.count("<script>") <= 1  # the page's own, inline


def test_english_pages() -> None:
    feed = Listed("all", "all", "all.ics", "All", 3)
    html = index_page([feed], {}, "en", None, [2024], TODAY)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Commemoration calendars" in html and "Download .ics" in html
    assert "https://" not in html  # no base URL: no addresses, no subscribe links


def test_names_shared_by_two_feeds_get_their_locality() -> None:
    a = Listed("unit", "q1/ubnd", "units/q1/ubnd.ics", "UBND", 1, "Quận 1", short="UBND")
    b = Listed("unit", "q3/ubnd", "units/q3/ubnd.ics", "UBND", 1, "Quận 3", short="UBND")
    html = index_page([a, b], {}, "vi", "https://x.example/", [], TODAY)
    assert 'aria-label="Google: Lịch UBND (Quận 1)"' in html
    assert 'aria-label="Google: Lịch UBND (Quận 3)"' in html
    assert html.index("<h3>Quận 1</h3>") < html.index("<h3>Quận 3</h3>")


def _stamp(key: str, digest: str) -> Stamp:
    return Stamp(0, datetime(2024, 1, 1, tzinfo=UTC))


def test_a_part_caches_what_the_pages_need() -> None:
    events = [
        FeedEvent("a@kyniem", "Ngày", date(2024, 5, 7), date(2024, 5, 7),
                  ItemKind.ANNIVERSARY, anniversaries=("dbp",), plan="p").sealed(),
        FeedEvent("r@kyniem", "Hạn báo cáo", date(2024, 1, 20), date(2024, 1, 20),
                  ItemKind.REPORT, rrule="FREQ=MONTHLY;UNTIL=20241220", lead="Ban A",
                  partners=("Ban B",), others=(("advises", "Ban C"),), plan="p").sealed()]
    head = PlanHead("p", "Kế hoạch", "Đảng ủy", "1-KH", date(2024, 1, 2), "Phường",
                    (("implements", "Kế hoạch 80-KH/TU"),))
    part = make_part("p.yaml", ("k",), events, _stamp, "vi", head, [], {})
    assert part.head == head and part.when == {"dbp": [date(2024, 5, 7)]}
    assert part.span == (date(2024, 1, 20), date(2024, 12, 20))  # the recurrence's UNTIL
    info, detail = part_info(part)
    back = read_part(("k",), info, part.data, lambda: rows_json(part), detail)
    assert (back.head, back.when, back.span, back.years) == (head, part.when, part.span,
                                                             [2024])
    assert back.entries() == part.rows
    assert back.entries()[1].roles == (("lead", "Ban A"), ("partner", "Ban B"),
                                       ("advises", "Ban C"))


@pytest.mark.parametrize("raw", [
    [], ["u", "s", "2024-01-01", "2024-13-01", "event", 0, [], "", ""],
    ["u", "s", "", "2024-01-01", "event", 0, [], "", ""],
    ["u", "s", "2024-01-01", "2024-01-01", "event", 0, [["lead"]], "", ""],
    ["u", 1, "2024-01-01", "2024-01-01", "event", 0, [], "", ""]])
def test_a_damaged_row_is_invalid_not_a_crash(raw: object) -> None:
    with pytest.raises(Invalid):
        read_entry(raw)


def test_pages_are_rewritten_only_when_what_they_show_changes(tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build(out, "--base-url", "https://x.example/")
    assert "plans/quan-dbp-tren-khong-50-2022.html" in first["written"]  # type: ignore[operator]
    again = build(out, "--base-url", "https://x.example/")
    assert again["written"] == []
    # a day later: no plan's page moves (the script marks the reader's today); the index
    # does, as an anniversary of 01/06 is past and it shows that one's next day
    later = build(out, "--base-url", "https://x.example/", now="02/06/2024")
    assert later["written"] == ["index.html"]
    assert build(out, "--base-url", "https://x.example/", now="03/06/2024")["written"] == []
