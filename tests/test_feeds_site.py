"""``kyniem build``: byte-identical rebuilds, stable UIDs across edits, SEQUENCE that moves only
with content, atomic builds, and the site in a real browser with working subscribe links."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.plans.load import bundled_plans_dir

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).parent.parent


def build(out: Path, *args: str, now: str = "01/06/2024") -> None:
    result = CliRunner().invoke(main, ["build", "--out", str(out), "--now", now, *args],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output


def files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def events(data: bytes) -> dict[str, str]:
    """UID (+ RECURRENCE-ID) → the event's unfolded text."""
    text = data.decode().replace("\r\n ", "")
    found = {}
    for block in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", text, re.S):
        uid = re.search(r"^UID:(.*)$", block, re.M)
        rid = re.search(r"^RECURRENCE-ID[^:]*:(.*)$", block, re.M)
        assert uid
        found[uid.group(1).strip() + (f"#{rid.group(1).strip()}" if rid else "")] = block
    return found


def last_day(block: str) -> date:
    """An event's last day: its DTEND (exclusive) or its RRULE's UNTIL, the later."""
    end = re.search(r"^DTEND;VALUE=DATE:(\d{8})", block, re.M)
    until = re.search(r"UNTIL=(\d{8})", block)
    assert end
    days = [datetime.strptime(end.group(1), "%Y%m%d").date() - timedelta(days=1)]
    if until:
        days.append(datetime.strptime(until.group(1), "%Y%m%d").date())
    return max(days)


def test_two_builds_in_separate_processes_are_byte_identical(tmp_path: Path) -> None:
    """Regression: unit feeds once listed context events in set order, which Python's hash
    seed changes from run to run."""
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"site{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "KYNIEM_CACHE_DIR": str(tmp_path / seed)}
        subprocess.run([sys.executable, str(ROOT / "cli.py"), "build", "--out", str(out),
                        "--now", "01/06/2024"], env=env, check=True, capture_output=True)
        outs.append(files(out))
    assert outs[0].keys() == outs[1].keys()
    assert [k for k in outs[0] if outs[0][k] != outs[1][k]] == []


def test_an_edit_keeps_uids_and_moves_only_the_edited_event(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(bundled_plans_dir(), plans)
    site = tmp_path / "site"
    build(site, "--plans", str(plans), now="01/06/2024")
    before = events((site / "all.ics").read_bytes())
    other = site / "plans" / "phuong-dien-bien-phu-70-2024.ics"
    untouched = (other.stat().st_mtime_ns, other.stat().st_ino)
    plan = plans / "quan-dbp-tren-khong-50-2022.yaml"
    text = plan.read_text(encoding="utf-8")
    edited = text.replace('title: "Sửa chữa, nâng cấp', 'title: "Sửa chữa lớn, nâng cấp', 1)
    assert edited != text
    plan.write_text(edited, encoding="utf-8")
    build(site, "--plans", str(plans), now="15/06/2024")
    after = events((site / "all.ics").read_bytes())
    assert before.keys() == after.keys()  # no UID changed, none added or lost
    changed = [uid for uid in before if before[uid] != after[uid]]
    assert changed == ["plan/quan-dbp-tren-khong-50-2022/tu-bo-di-tich@kyniem"]
    (uid,) = changed
    assert "SEQUENCE:0" in before[uid] and "SEQUENCE:1" in after[uid]
    assert "LAST-MODIFIED:20240614T170000Z" in after[uid]  # 15/06 00:00 in Hà Nội
    # the other plans' feeds were not even rewritten (same inode, same mtime)
    assert (other.stat().st_mtime_ns, other.stat().st_ino) == untouched


def test_a_removed_plan_feed_answers_with_its_events_cancelled_then_goes(
        tmp_path: Path) -> None:
    """Issue 11, "a feed that must go away keeps answering": a removed plan's feed (and its
    key-days feed) says so and cancels its events for 30 days, then goes (it was a 404)."""
    plans = tmp_path / "plans"
    shutil.copytree(bundled_plans_dir(), plans)
    site = tmp_path / "site"
    build(site, "--plans", str(plans))
    feed = site / "plans" / "phuong-dien-bien-phu-70-2024.ics"
    before = events(feed.read_bytes())
    (plans / "phuong-dien-bien-phu-70-2024.yaml").unlink()
    build(site, "--plans", str(plans), now="02/06/2024")
    for path in (feed, site / "days" / "plans" / "phuong-dien-bien-phu-70-2024.ics"):
        text = path.read_bytes().decode().replace("\r\n ", "")
        assert re.search(r"^X-WR-CALNAME:.*\(đã ngừng\)\r$", text, re.M), path
        assert "không còn được đăng công khai" in text
    after = events(feed.read_bytes())
    mine = [k for k in before if "phuong-dien-bien-phu-70-2024" in k]
    coming = [k for k in mine if last_day(before[k]) >= date(2024, 6, 2)]
    assert coming and all("STATUS:CANCELLED" in after[k] for k in coming)
    assert all("URL:" not in after[k] for k in coming)  # the plan's page went with it
    # events over before the build's day just leave: nothing is left to tell
    assert set(mine) - set(coming) and not (set(mine) - set(coming)) & after.keys()
    listing = json.loads((site / "feeds.json").read_text(encoding="utf-8"))
    assert not [f for f in listing if "phuong-dien-bien-phu-70-2024" in f["path"]]
    assert (site / "plans" / "quan-dbp-tren-khong-50-2022.ics").exists()
    build(site, "--plans", str(plans), now="03/07/2024")  # 31 days later
    assert not feed.exists()


def test_a_plan_whose_id_changed_sends_its_old_feeds_subscribers_to_the_new_one(
        tmp_path: Path) -> None:
    """Review of issue 13: the same plan file with another ``id`` retired its old feed as
    "(đã ngừng)", naming no new address. It is the same plan: the old feed and its
    key-days feed say where it is now; a removed plan still says it stopped."""
    plans = tmp_path / "plans"
    shutil.copytree(bundled_plans_dir(), plans)
    site = tmp_path / "site"
    build(site, "--plans", str(plans), "--base-url", "https://lich.example.vn")
    source = plans / "phuong-dien-bien-phu-70-2024.yaml"
    text = source.read_text(encoding="utf-8")
    old = "phuong-dien-bien-phu-70-2024"
    assert f'id: "{old}"\n' in text
    source.write_text(text.replace(f'id: "{old}"\n', 'id: "dbp-70-phuong"\n', 1),
                      encoding="utf-8")
    build(site, "--plans", str(plans), "--base-url", "https://lich.example.vn",
          now="02/06/2024")
    for prefix in ("", "days/"):
        feed = (site / prefix / "plans" / f"{old}.ics").read_bytes().decode()
        feed = feed.replace("\r\n ", "")
        assert re.search(r"^X-WR-CALNAME:.*\(đã chuyển\)\r$", feed, re.M), prefix
        assert f"https://lich.example.vn/{prefix}plans/dbp-70-phuong.ics" in feed, prefix
        assert (site / prefix / "plans" / "dbp-70-phuong.ics").exists()
    (plans / "quan-dbp-tren-khong-50-2022.yaml").unlink()  # gone: nowhere to send anyone
    build(site, "--plans", str(plans), "--base-url", "https://lich.example.vn",
          now="03/06/2024")
    gone = (site / "plans" / "quan-dbp-tren-khong-50-2022.ics").read_bytes().decode()
    assert re.search(r"^X-WR-CALNAME:.*\(đã ngừng\)\r$", gone.replace("\r\n ", ""), re.M)


def test_a_failed_build_leaves_the_previous_site(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    build(site)
    before = files(site)
    from scheduler.site import build as pages_module

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(pages_module, "index_page", broken)
    with pytest.raises(RuntimeError):
        CliRunner().invoke(main, ["build", "--out", str(site), "--now", "01/06/2025"],
                           catch_exceptions=False)
    assert files(site) == before  # every feed staged for 2025 was thrown away
    assert not list(site.glob(".staging-*"))


def test_a_bad_base_url_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path), "--base-url",
                                       "lich.example.vn"])
    assert result.exit_code == 2
    assert "--base-url" in result.output and "http" in result.output


@pytest.mark.parametrize("url", ["https://lich.example.vn/kyniem/index.html",
                                 "https://lich.example.vn/kyniem/?a=b",
                                 "https://lich.example.vn/kyniem/#top"])
def test_a_base_url_with_a_file_query_or_fragment_is_refused(tmp_path: Path, url: str) -> None:
    """Regression (tried as the IT person would): the address bar's ".../index.html" was
    taken, and every feed's SOURCE and every subscribe link became ".../index.html/all.ics"."""
    for args in (["build", "--out", str(tmp_path / "s")],
                 ["token", "list", "--out", str(tmp_path / "s")]):
        result = CliRunner().invoke(main, [*args, "--base-url", url])
        assert result.exit_code == 2, result.output
        assert "--base-url" in result.output and "index.html" in result.output
    assert not (tmp_path / "s").exists()
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "s"), "--base-url",
                                       "https://lich.example.vn/kyniem"])
    assert result.exit_code == 0, result.output
    # a folder may hold a dot (review: "/lich.hanoi" was refused as a file name)
    from scheduler.urls import site_url

    assert site_url("https://u.github.io/lich.hanoi") == "https://u.github.io/lich.hanoi"


def test_site_opens_in_a_browser_with_working_subscribe_links(
        tmp_path: Path, static_server: Callable[[Path | str], str], browser: Browser) -> None:
    site = tmp_path / "site"
    site.mkdir()
    base = static_server(site)  # the address is known before the site is built
    build(site, "--base-url", base)
    page = browser.new_page()
    page.goto(base + "index.html")
    assert page.title() == "Lịch kỷ niệm"
    assert page.locator("li.card").count() > 100  # every feed a card (tests/test_site_*.py)
    webcal = page.locator("a.apple").first.get_attribute("href")
    google = page.locator("a.google").first.get_attribute("href")
    outlook = page.locator("a.outlook").first.get_attribute("href")
    assert webcal and google and outlook
    assert webcal.startswith("webcal://127.0.0.1")
    assert unquote(parse_qs(urlsplit(google).query)["cid"][0]) == webcal
    feed_url = parse_qs(urlsplit(outlook).query)["url"][0]
    assert feed_url == "http" + webcal.removeprefix("webcal")
    with urllib.request.urlopen(feed_url) as answer:  # the link really serves a calendar
        assert answer.headers["Content-Type"].startswith("text/calendar")
        assert answer.read().startswith(b"BEGIN:VCALENDAR\r\n")
    download = page.locator("a.ics").nth(2)
    response = page.request.get(base + str(download.get_attribute("href")))
    assert response.ok and b"X-WR-CALNAME:" in response.body()
    page.locator("a[href='years/2024.html']").click()
    page.wait_for_url("**/years/2024.html")
    assert "70 năm Chiến thắng Điện Biên Phủ" in page.locator("body").inner_text()
    page.close()


def test_the_site_holds_what_kyniem_feed_gives(tmp_path: Path) -> None:
    """The site is assembled from cached parts; ``kyniem feed`` reads everything in one pass.
    Both must hold the same events (order aside: RFC 5545 sets none)."""
    site = tmp_path / "site"
    build(site)
    cases = {"all.ics": [], "milestones.ics": ["--milestones"],
             "plans/quan-dbp-tren-khong-50-2022.ics": ["--plan", "quan-dbp-tren-khong-50-2022"],
             "anniversaries/chien-thang-dien-bien-phu.ics":
                 ["--anniversary", "chien-thang-dien-bien-phu"]}
    for path, args in cases.items():
        result = CliRunner().invoke(main, ["feed", "--now", "01/06/2024", *args],
                                    catch_exceptions=False)
        one_pass = events(result.stdout_bytes)
        assert one_pass, path
        assert events((site / path).read_bytes()).keys() == one_pass.keys(), path
    listed = json.loads((site / "feeds.json").read_text(encoding="utf-8"))
    units = {f["key"]: f["path"] for f in listed if f["group"] == "unit"}
    unit = events((site / units["ke-hoach-phuong-dien-bien-phu-70-2024/hoi-cuu-chien-binh"])
                  .read_bytes())
    assert "anniversary/chien-thang-dien-bien-phu/2024@kyniem" in unit
    assert all("Hội CCB" in text for uid, text in unit.items() if uid.startswith("plan/"))
    mains = {f["path"]: f for f in listed}
    for second in (f for f in listed if f["group"] == "days"):  # "deadlines and key days"
        main_feed = mains[second["key"]]
        flag = "--plan" if main_feed["group"] == "plan" else "--unit"
        result = CliRunner().invoke(main, ["feed", "--now", "01/06/2024", flag,
                                           main_feed["key"], "--key-days"],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert events(result.stdout_bytes).keys() == events(
            (site / second["path"]).read_bytes()).keys(), second["path"]
    for name in sorted(units):  # a unit's identity gives the site's feed of it
        result = CliRunner().invoke(main, ["feed", "--now", "01/06/2024", "--unit", name],
                                    catch_exceptions=False)
        assert events(result.stdout_bytes).keys() == events(
            (site / units[name]).read_bytes()).keys(), name


def test_units_are_identities_not_spellings(tmp_path: Path) -> None:
    """One body spelled with and without diacritics or abbreviated in one plan is one feed;
    the same name in a plan of another (unnamed) place is another body."""
    plans = tmp_path / "plans"
    plans.mkdir()
    source = (bundled_plans_dir() / "phuong-dien-bien-phu-70-2024.yaml").read_text("utf-8")
    assert source.count('"Hội CCB"') >= 1
    (plans / "a.yaml").write_text(source.replace('"Hội CCB"', '"Hoi Cuu chien binh phuong"', 1),
                                  encoding="utf-8")
    (plans / "b.yaml").write_text(
        source.replace('id: "phuong-dien-bien-phu-70-2024"', 'id: "b"'), encoding="utf-8")
    build(tmp_path / "site", "--plans", str(plans))
    listed = json.loads((tmp_path / "site" / "feeds.json").read_text(encoding="utf-8"))
    paths = {f["key"]: f["path"] for f in listed if f["group"] == "unit"}
    veterans = sorted(k for k in paths if k.endswith("/hoi-cuu-chien-binh"))
    assert veterans == ["ke-hoach-b/hoi-cuu-chien-binh",
                        "ke-hoach-phuong-dien-bien-phu-70-2024/hoi-cuu-chien-binh"]
    assert len(set(paths.values())) == len(paths)


def test_plans_sharing_an_anniversary_day_share_one_event(tmp_path: Path) -> None:
    """Regression: two plans of the same past anniversary (outside the horizon) each put the
    day in the site, so it appeared twice in all.ics, its anniversary and unit feeds."""
    plans = tmp_path / "plans"
    plans.mkdir()
    source = (bundled_plans_dir() / "phuong-dien-bien-phu-70-2024.yaml").read_text("utf-8")
    (plans / "a.yaml").write_text(source, encoding="utf-8")
    (plans / "b.yaml").write_text(source.replace('id: "phuong-dien-bien-phu-70-2024"',
                                                 'id: "phuong-khac"'), encoding="utf-8")
    site = tmp_path / "site"
    build(site, "--plans", str(plans), now="01/06/2026")  # horizon 2026–2036
    uid = "UID:anniversary/chien-thang-dien-bien-phu/2024@kyniem"
    for feed in site.rglob("*.ics"):
        assert feed.read_bytes().decode().replace("\r\n ", "").count(uid) <= 1, feed
    assert (site / "all.ics").read_bytes().decode().replace("\r\n ", "").count(uid) == 1
    assert uid not in (site / "milestones.ics").read_text(encoding="utf-8")  # 2024: outside
