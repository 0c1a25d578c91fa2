"""The office's page of private feeds (scheduler/site/private.py, issue 13) in Debian's Chromium
over loopback, on a phone (390 px) and a desktop (1280 px): nothing wider than the screen,
every link named, the copy button copying a secret address, downloads that resolve."""

from __future__ import annotations

import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from test_feeds_tokens import PRIVATE_ID, live, plans_with_a_private_copy
from test_site_browser import LINKS, TOO_WIDE, WIDTHS, _page, _shoot

from scheduler.cli import main
from scheduler.feeds.tokens import INDEX

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture
def office(tmp_path: Path, static_server: Callable[[Path | str], str]) -> tuple[str, str]:
    """(the site's address, the private page's path) of a site with a private plan."""
    site = tmp_path / "site"
    site.mkdir()
    base = static_server(site)
    plans = plans_with_a_private_copy(tmp_path / "plans")
    result = CliRunner().invoke(main, ["build", "--out", str(site), "--plans", str(plans),
                                       "--base-url", base, "--now", "01/06/2024"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return base, f"s/{live(site)[INDEX][0]}/index.html"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_private_page_fits_a_phone_and_names_every_link(
        office: tuple[str, str], browser: Browser, width: int) -> None:
    base, path = office
    page = _page(browser, width)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page.goto(base + path)
    found = page.evaluate(TOO_WIDE)
    assert found["scroll"] <= found["inner"] == width and found["wide"] == [], found
    assert page.locator("html").get_attribute("lang") == "vi"
    links = page.evaluate(LINKS)
    assert len(links) > 10 and all(name for name, _ in links), links
    downloads = [href for _, href in links if href.startswith(base) and href.endswith(".ics")]
    assert any(PRIVATE_ID in href for href in downloads)
    for href in downloads[:5]:  # relative to the page's own secret folder, they resolve
        with urllib.request.urlopen(href) as response:
            assert response.status == 200 and response.read().startswith(b"BEGIN:VCALENDAR")
    card = page.locator("li.card").first
    shown = card.locator(".url code").first.inner_text()
    assert shown.startswith(base + "s/") and shown.endswith(".ics")
    card.locator("button.copy").first.click()
    assert page.evaluate("navigator.clipboard.readText()") == shown
    _shoot(page, f"private-{width}.png")
    page.context.close()


def test_two_internal_plans_on_one_subject_have_headings_of_their_own() -> None:
    """Review of issue 13: two private plans on one subject showed one heading twice on the
    office's page; they differ by their issuer (and, that failing, their id)."""
    import re

    from scheduler.site.pages import Listed
    from scheduler.site.private import private_page

    title = "Kế hoạch tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ"
    feeds = [Listed("private", f"plans/{i}.ics", f"s/abc/plans/{i}.ics", f"{title} — {who}",
                    3, who, short=title)
             for i, who in (("a", "Đảng ủy phường Ba Đình"), ("b", "Đảng ủy phường Ngọc Hà"),
                            ("c", "Đảng ủy phường Ngọc Hà"))]
    html = private_page(feeds, {}, "vi", "https://lich.example.vn")
    headings = re.findall(r"<h3>(.*?)</h3>", html)
    assert len(headings) == 3 and len(set(headings)) == 3
    assert headings[0] == f"{title} (Đảng ủy phường Ba Đình)"
    assert all(h.startswith(title) for h in headings)
