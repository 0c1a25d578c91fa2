"""The site in a real browser (Debian's Chromium through Playwright), served over HTTP on
loopback, on a phone (390 px) and a desktop (1280 px): nothing wider than the screen, the
filter, the copy button, links' names, a plan page's timeline. Full-page screenshots are
kept under tests/artifacts/ for a human to look at."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date, datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner
from test_site_pages import isolated

from scheduler.cli import main

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ARTIFACTS = Path(__file__).parent / "artifacts"
PLAN = "plans/phuong-dien-bien-phu-70-2024.html"
WIDTHS = (390, 1280)

#: Elements whose right edge passes the viewport (none may).
TOO_WIDE = """() => {
  const w = window.innerWidth;
  const out = [];
  for (const e of document.querySelectorAll("body *")) {
    const r = e.getBoundingClientRect();
    if (r.width && r.right > w + 0.5) out.push(`${e.tagName}.${e.className} ${r.right}`);
  }
  return {scroll: document.documentElement.scrollWidth, inner: w, wide: out.slice(0, 10)};
}"""

#: Every link's accessible name (aria-label, else its text) and target.
LINKS = """() => [...document.querySelectorAll("a")].map(a => [
  (a.getAttribute("aria-label") || a.textContent || "").trim(), a.href])"""


class _Quiet(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".ics": "text/calendar; charset=utf-8",
                      ".html": "text/html; charset=utf-8"}

    def log_message(self, format: str, *args: Any) -> None:
        """No access log on stderr."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The bundled plans' site, built for and served at a loopback address."""
    site = tmp_path_factory.mktemp("browser") / "site"
    site.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with isolated(site.parent):
            result = CliRunner().invoke(main, ["build", "--out", str(site), "--base-url", base,
                                               "--now", "01/06/2024"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        yield base, site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.mark.parametrize(("now", "lines"), [(datetime(2023, 6, 1, 9), 0),
                                            (datetime(2024, 6, 1, 9), 1)])
def test_the_timeline_shows_the_readers_today(served: tuple[str, Path], browser: Browser,
                                              now: datetime, lines: int) -> None:
    """The page is the same whatever day it was built; the script marks the day it is read
    (none outside the plan's months) and counts the days to each anniversary."""
    base, _ = served
    page = _page(browser, 390)
    page.clock.set_fixed_time(now)
    page.goto(base + PLAN)
    assert page.locator("svg.tl line.t").count() == lines
    assert page.locator("li[data-today]").is_visible() == bool(lines)
    page.goto(base + "index.html")
    counted = page.locator("[data-next]").first
    left = (date.fromisoformat(counted.get_attribute("data-next") or "") - now.date()).days
    assert left >= 0  # the build's next day is still ahead of these readers
    assert counted.text_content() == (f" (còn {left} ngày)" if left else " (hôm nay)")
    page.context.close()


def _page(browser: Browser, width: int, **options: object) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    return context.new_page()


def _shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["index.html", PLAN, "years/2024.html"])
def test_nothing_is_wider_than_the_screen(served: tuple[str, Path], browser: Browser,
                                          width: int, path: str) -> None:
    base, _ = served
    page = _page(browser, width)
    page.goto(base + path)
    found = page.evaluate(TOO_WIDE)
    assert found["scroll"] <= found["inner"] == width, found
    assert found["wide"] == [], found
    if path != "years/2024.html":
        _shoot(page, f"{'index' if path == 'index.html' else 'plan'}-{width}.png")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_filter_finds_a_unit_without_diacritics(served: tuple[str, Path],
                                                    browser: Browser, width: int) -> None:
    base, site = served
    listed = json.loads((site / "feeds.json").read_text(encoding="utf-8"))
    units = [f for f in listed if f["group"] == "unit"]
    wanted = next(f for f in units if "Tuyên giáo" in f["name"])
    other = next(f for f in units if "Tuyên giáo" not in f["name"])
    page = _page(browser, width)
    page.goto(base + "index.html")
    cards = page.locator("li.card")
    total = cards.count()
    box = page.get_by_role("searchbox")
    box.fill("tuyen giao")
    card = page.locator(f"li.card:has(a[href='{wanted['path']}'])")
    assert card.is_visible()
    assert not page.locator(f"li.card:has(a[href='{other['path']}'])").is_visible()
    assert 0 < page.locator("li.card:visible").count() < total
    assert "phù hợp" in page.locator("#found").inner_text()
    box.fill("TUYÊN   Giáo")  # case and spacing do not matter either
    assert card.is_visible()
    box.fill("")
    assert page.locator("li.card:visible").count() == total
    page.context.close()


def test_without_javascript_every_calendar_is_listed(served: tuple[str, Path],
                                                     browser: Browser) -> None:
    base, site = served
    page = _page(browser, 390, java_script_enabled=False)
    page.goto(base + "index.html")
    assert not page.locator("#find").is_visible()  # a filter that cannot work is not shown
    listed = json.loads((site / "feeds.json").read_text(encoding="utf-8"))
    mains = [f for f in listed if f["group"] != "days"]
    assert page.locator("li.card:visible").count() == len(mains)
    assert not page.locator("button.copy").first.is_visible()
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_copy_button_copies_the_feeds_address(served: tuple[str, Path], browser: Browser,
                                                  width: int) -> None:
    base, _ = served
    page = _page(browser, width)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page.goto(base + "index.html")
    card = page.locator("#units li.card").first
    shown = card.locator(".url code").first.inner_text()
    assert shown.startswith(base) and shown.endswith(".ics")
    button = card.locator("button.copy").first
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == shown
    assert button.inner_text() == "Đã chép"
    page.context.close()


@pytest.mark.parametrize("path", ["index.html", PLAN])
def test_every_link_says_where_it_goes(served: tuple[str, Path], browser: Browser,
                                       path: str) -> None:
    base, _ = served
    page = _page(browser, 390)
    page.goto(base + path)
    seen: dict[str, str] = {}
    found = page.evaluate(LINKS)
    assert len(found) > 20
    for name, href in found:
        assert name, href
        assert seen.setdefault(name, href) == href, (name, href, seen[name])
    google = page.locator("a.google").first
    assert (google.get_attribute("aria-label") or "").startswith("Google: Lịch ")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_plan_page_draws_its_timeline(served: tuple[str, Path], browser: Browser,
                                        width: int) -> None:
    base, _ = served
    page = _page(browser, width)
    page.clock.set_fixed_time(datetime(2024, 6, 1, 9))  # the reader's today: the script's
    page.goto(base + "index.html")
    page.locator(f"a[href='{PLAN}']").first.click()
    page.wait_for_url("**/" + PLAN)
    svg = page.locator("svg.tl")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box is not None and 300 < box["width"] <= width and box["height"] > 60
    assert svg.locator("rect.w").count() > 0 and svg.locator("line.a").count() == 2
    assert svg.locator("line.t").count() == 1  # 01/06/2024 is inside the plan's year
    assert svg.locator("line.t title").text_content() == "Hôm nay: 01/06/2024"
    assert page.locator("li[data-today]").is_visible()  # the legend's swatch with it
    assert "Dòng thời gian" in (svg.get_attribute("aria-labelledby") and
                                svg.locator("title").first.text_content() or "")
    assert page.locator("table th[scope=col]").count() == 3
    page.context.close()
