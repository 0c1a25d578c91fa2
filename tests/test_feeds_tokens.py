"""Private plans and units behind secret addresses (issue 13; scheduler/feeds/tokens.py): their
feeds only at ``s/<token>/…``, absent from every public feed, page and listing; tokens issued,
added and revoked; a revoked address gone at the next build."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.feeds.tokens import INDEX, SECRET, Tokens, digest
from scheduler.plans.load import bundled_plans_dir
from scheduler.state import site_state

FIXTURES = Path(__file__).parent / "fixtures" / "private"
PRIVATE_ID = "phuong-dien-bien-phu-70-2024-noi-bo"
NOW = datetime(2024, 6, 1, tzinfo=UTC)


def plans_with_a_private_copy(folder: Path) -> Path:
    """The bundled plans, and a copy of one under a new id marked ``private: true``."""
    folder.mkdir()
    for plan in bundled_plans_dir().glob("*.yaml"):
        (folder / plan.name).write_bytes(plan.read_bytes())
    text = (bundled_plans_dir() / "phuong-dien-bien-phu-70-2024.yaml").read_text("utf-8")
    text = text.replace('id: "phuong-dien-bien-phu-70-2024"',
                        f'id: "{PRIVATE_ID}"\nprivate: true', 1)
    assert "private: true" in text
    (folder / "private.yaml").write_text(text, "utf-8")
    return folder


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def build(site: Path, plans: Path, *extra: str) -> None:
    code, out = run("build", "--out", str(site), "--plans", str(plans), "--now", "01/06/2024",
                    "--base-url", "https://lich.example.vn/kyniem", *extra)
    assert code == 0, out


def published(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def uids(data: bytes) -> set[str]:
    return set(re.findall(r"^UID:(.*?)\r$", data.decode().replace("\r\n ", ""), re.M))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build(out, plans_with_a_private_copy(tmp_path / "plans"))
    return out


def live(site: Path) -> dict[str, list[str]]:
    with Tokens(Path(site_state(str(site)))) as tokens:
        return {feed: [t.token or "" for t in ts] for feed, ts in tokens.live().items()}


def test_private_feeds_are_published_only_at_secret_addresses(site: Path) -> None:
    files = published(site)
    secret = {p: d for p, d in files.items() if p.startswith(SECRET)}
    public = {p: d for p, d in files.items() if not p.startswith(SECRET)}
    tokens = live(site)
    plan_feed = f"plans/{PRIVATE_ID}.ics"
    assert set(tokens) >= {"all.ics", plan_feed, f"days/{plan_feed}", INDEX}
    for feed, (token, *_) in tokens.items():
        assert re.fullmatch(r"[a-z2-7]{32}", token)  # 160 bits, base32
        assert SECRET + token + "/" + ("index.html" if feed == INDEX else feed) in secret
    shown = uids(secret[f"{SECRET}{tokens[plan_feed][0]}/{plan_feed}"])
    private_events = {u for u in shown if PRIVATE_ID in u}
    assert len(private_events) > 10
    # the national anniversary days it borrows are the registry's, public as ever
    assert {u for u in shown - private_events if not u.startswith("anniversary/")} == set()
    # nothing of the private plan in any public file: no event, no id, no page
    assert not any(private_events & uids(d) for p, d in public.items() if p.endswith(".ics"))
    assert not [p for p, d in public.items() if PRIVATE_ID.encode() in d or PRIVATE_ID in p]
    listing = json.loads(public["feeds.json"])
    assert not [f for f in listing if f["group"] == "private" or f["path"].startswith(SECRET)]
    assert b"/s/" not in public["index.html"] and b'"s/' not in public["index.html"]
    # the public plan it was copied from keeps its feed and page
    assert "plans/phuong-dien-bien-phu-70-2024.ics" in public
    assert "plans/phuong-dien-bien-phu-70-2024.html" in public


def test_private_events_link_to_no_page_and_the_feed_says_it_is_internal(site: Path) -> None:
    tokens = live(site)
    plan_feed = f"plans/{PRIVATE_ID}.ics"
    text = (site / SECRET / tokens[plan_feed][0] / plan_feed).read_bytes().decode()
    unfolded = text.replace("\r\n ", "")
    assert re.search(r"^X-WR-CALNAME:.*\(nội bộ\)\r$", unfolded, re.M)
    events = re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", unfolded, re.S)
    mine = [e for e in events if PRIVATE_ID in e]
    assert mine and not [e for e in mine if re.search(r"^URL", e, re.M)]  # no public page
    # the calendar's own address (RFC 7986 URL, SOURCE) is its secret one
    assert re.search(r"^SOURCE;VALUE=URI:https://lich\.example\.vn/kyniem/s/[a-z2-7]{32}/plans/",
                     unfolded, re.M)


def test_the_office_page_lists_every_private_feed_with_working_links(site: Path) -> None:
    tokens = live(site)
    page = (site / SECRET / tokens[INDEX][0] / "index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex,nofollow">' in page
    assert 'content="no-referrer"' in page
    for feed, (token, *_) in tokens.items():
        if feed == INDEX:
            continue
        address = f"https://lich.example.vn/kyniem/s/{token}/{feed}"
        assert address in page, feed
        assert (site / SECRET / token / feed).is_file()
    # the download links are relative to the page's own secret folder
    for href in re.findall(r'href="(\.\./\.\./s/[^"]+)"', page):
        assert (site / SECRET / tokens[INDEX][0] / href).resolve().is_file(), href
    assert "Lịch nội bộ" in page


def test_a_revoked_address_stops_at_the_next_build_and_a_new_one_works(site: Path,
                                                                       tmp_path: Path) -> None:
    plan_feed = f"plans/{PRIVATE_ID}.ics"
    old = live(site)[plan_feed][0]
    code, out = run("token", "new", plan_feed, "--out", str(site),
                    "--base-url", "https://lich.example.vn/kyniem")
    assert code == 0, out
    new = next(t for t in live(site)[plan_feed] if t != old)
    assert f"https://lich.example.vn/kyniem/s/{new}/{plan_feed}" in out
    # pasted as the whole address
    code, out = run("token", "revoke", f"https://lich.example.vn/kyniem/s/{old}/{plan_feed}",
                    "--out", str(site))
    assert code == 0, out
    assert (site / SECRET / old / plan_feed).exists()  # until the next build
    build(site, tmp_path / "plans")
    assert not (site / SECRET / old).exists()
    assert (site / SECRET / new / plan_feed).is_file()
    with sqlite3.connect(Path(site_state(str(site))) / "tokens.sqlite") as db:
        stored = [row for row in db.execute("SELECT hash, token, revoked FROM tokens")
                  if row[0] == digest(old)]
    assert stored and stored[0][1] is None and stored[0][2]  # the hash only, and when


def test_revoking_the_last_address_issues_a_new_one_at_the_next_build(site: Path,
                                                                      tmp_path: Path) -> None:
    old = live(site)["all.ics"][0]
    code, out = run("token", "revoke", old, "--out", str(site))
    assert code == 0 and "địa chỉ mới" in out, out
    build(site, tmp_path / "plans")
    (fresh,) = live(site)["all.ics"]
    assert fresh != old and (site / SECRET / fresh / "all.ics").is_file()
    assert not (site / SECRET / old).exists()


def test_token_commands_refuse_what_they_do_not_know(site: Path, tmp_path: Path) -> None:
    code, out = run("token", "new", "plans/no-such-plan.ics", "--out", str(site))
    assert code == 2 and "không phải lịch nội bộ" in out and "all.ics" in out
    code, out = run("token", "revoke", "a" * 32, "--out", str(site))
    assert code == 2 and "Không có địa chỉ bí mật này" in out
    token = live(site)["all.ics"][0]
    assert run("token", "revoke", token, "--out", str(site))[0] == 0
    code, out = run("token", "revoke", token, "--out", str(site))
    assert code == 2 and "đã bị thu hồi" in out
    code, out = run("token", "list", "--out", str(tmp_path / "nothing"))
    assert code == 2 and "kyniem build" in out
    code, out = run("token", "list", "--out", str(site), "--lang", "en")
    assert code == 0 and "revoked" in out and "issued" in out


def test_token_list_as_json(site: Path) -> None:
    code, out = run("token", "list", "--out", str(site), "--json",
                    "--base-url", "https://lich.example.vn/kyniem")
    assert code == 0
    rows = json.loads(out)
    assert {r["feed"] for r in rows} == set(live(site))
    for r in rows:
        assert r["url"] == f"https://lich.example.vn/kyniem/{r['path']}"
        assert r["path"].startswith(f"s/{r['token']}/") and r["revoked"] is None


def test_a_private_unit_has_only_a_secret_feed_and_its_public_work_stays_public(
        tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(site, bundled_plans_dir(), "--units", str(FIXTURES / "units.yaml"))
    files = published(site)
    assert not [p for p in files if "ban-chqs-thanh-xuan" in p and not p.startswith(SECRET)]
    feed = "units/ban-chqs-thanh-xuan.ics"
    (token, *_) = live(site)[feed]
    mine = uids(files[f"{SECRET}{token}/{feed}"])
    assert mine
    # a public plan's tasks stay in its public feeds; only the unit's own feed is private
    assert mine <= uids(files["all.ics"])
    assert "all.ics" not in live(site)  # no private plan: no office-wide private feed
    assert "ban-chqs-thanh-xuan" not in files["index.html"].decode()


def test_an_unchanged_site_with_private_feeds_rebuilds_as_a_no_op(site: Path,
                                                                  tmp_path: Path) -> None:
    before = published(site)
    build(site, tmp_path / "plans")
    code, out = run("build", "--out", str(site), "--plans", str(tmp_path / "plans"), "--now",
                    "01/06/2024", "--base-url", "https://lich.example.vn/kyniem", "--json")
    assert code == 0
    assert json.loads(out)["written"] == []
    assert published(site) == before


def test_private_must_be_true_or_false(tmp_path: Path) -> None:
    folder = plans_with_a_private_copy(tmp_path / "plans")
    plan = folder / "private.yaml"
    plan.write_text(plan.read_text("utf-8").replace("private: true", "private: maybe"), "utf-8")
    code, out = run("check", "--plans", str(folder))
    assert code == 2
    line = plan.read_text("utf-8").splitlines().index("private: maybe") + 1
    assert f"{plan}:{line}" in out and "private" in out and "true hoặc false" in out


def test_tokens_are_issued_once_per_feed_and_kept_hashed_when_revoked(tmp_path: Path) -> None:
    with Tokens(tmp_path) as tokens:
        first = tokens.ensure({"plans/a.ics": "A", "plans/b.ics": "B"}, NOW)
        again = tokens.ensure({"plans/a.ics": "A", "plans/b.ics": "B (renamed)"}, NOW)
        assert set(first) == {"plans/a.ics", "plans/b.ics", INDEX}
        assert {f: [t.token for t in ts] for f, ts in first.items()} == {
            f: [t.token for t in ts] for f, ts in again.items()}  # nothing new: it has one
        assert {t.feed: t.name for t in tokens.all()} == {
            "plans/a.ics": "A", "plans/b.ics": "B (renamed)", INDEX: ""}
        assert all(t.published for t in tokens.all())
        assert tokens.ensure({}, NOW).keys() == first.keys()  # no private feed: no index made
        assert not any(t.published for t in tokens.all())  # none in this build
        (a,) = first["plans/a.ics"]
        found = tokens.find(a.token or "")
        assert a.token is not None and found is not None and found.hash == a.hash
        assert a.path() == f"s/{a.token}/plans/a.ics"
        assert first[INDEX][0].path() == f"s/{first[INDEX][0].token}/index.html"
        gone = tokens.revoke(a, NOW)
        again_found = tokens.find(a.token)  # a revoked token is still recognised, by hash
        assert gone.token is None and again_found is not None
        assert (again_found.hash, again_found.token, again_found.revoked) == (a.hash, None, NOW)
        assert "plans/a.ics" not in tokens.live()
        assert len({t.token for ts in first.values() for t in ts}) == 3


def test_the_build_says_where_the_private_addresses_are(tmp_path: Path) -> None:
    plans = plans_with_a_private_copy(tmp_path / "plans")
    site = tmp_path / "site"
    for _ in range(2):  # the first build, and one that finds nothing to do
        code, out = run("build", "--out", str(site), "--plans", str(plans), "--now",
                        "01/06/2024")
        assert code == 0
        private = len([f for f in live(site) if f != INDEX])
        assert f"{private} lịch nội bộ chỉ có ở địa chỉ bí mật: kyniem token list --out " \
            f"{site}" in out
    code, out = run("build", "--out", str(tmp_path / "public"), "--now", "01/06/2024")
    assert code == 0 and "nội bộ" not in out


def test_a_plan_made_public_leaves_its_secret_addresses_unanswered_and_says_so(
        site: Path, tmp_path: Path) -> None:
    plan_feed = f"plans/{PRIVATE_ID}.ics"
    old = live(site)[plan_feed][0]
    plan = tmp_path / "plans" / "private.yaml"
    plan.write_text(plan.read_text("utf-8").replace("private: true\n", ""), "utf-8")
    build(site, tmp_path / "plans")
    assert not (site / SECRET).exists()  # no private plan left: no secret folder at all
    assert (site / plan_feed).is_file()  # public now, at its public address
    code, out = run("token", "list", "--out", str(site), "--json")
    rows = {r["feed"]: r for r in json.loads(out)}
    assert rows[plan_feed]["token"] == old and rows[plan_feed]["published"] is False
    code, out = run("token", "list", "--out", str(site))
    assert code == 0 and "không còn trong lần tạo trang gần nhất" in out and old not in out


def test_build_reports_never_print_a_token(tmp_path: Path) -> None:
    """Regression (review): ``kyniem build --json`` listed every secret address whole under
    written, bytes and removed (a build's output often lands in a shared log)."""
    plans = plans_with_a_private_copy(tmp_path / "plans")
    site = tmp_path / "site"
    code, out = run("build", "--out", str(site), "--plans", str(plans), "--now",
                    "01/06/2024", "--json")
    assert code == 0
    tokens = [t for ts in live(site).values() for t in ts]
    assert tokens and not [t for t in tokens if t in out]
    report = json.loads(out)
    assert f"s/…/plans/{PRIVATE_ID}.ics" in report["written"]
    assert f"s/…/plans/{PRIVATE_ID}.ics" in report["bytes"]
    code, out = run("token", "revoke", live(site)["all.ics"][0], "--out", str(site))
    code, out = run("build", "--out", str(site), "--plans", str(plans), "--now",
                    "01/06/2024", "--json")
    assert "s/…/all.ics" in json.loads(out)["removed"]
    assert not re.search(r"s/[a-z2-7]{32}/", out)


def test_a_private_plan_outside_the_years_adds_nothing_public(tmp_path: Path) -> None:
    """Regression (review): a private 2022 plan in a 2024 site added years/2022.html and its
    2022 anniversary days to the public all.ics, telling outsiders it exists."""
    plans = tmp_path / "plans"
    plans.mkdir()
    text = (bundled_plans_dir() / "quan-dbp-tren-khong-50-2022.yaml").read_text("utf-8")
    (plans / "p.yaml").write_text(text.replace("\nyear: 2022\n", "\nyear: 2022\nprivate: "
                                               "true\n", 1), "utf-8")
    assert "private: true" in (plans / "p.yaml").read_text("utf-8")
    site, public = tmp_path / "site", tmp_path / "public"
    for out, folder in ((site, plans), (public, tmp_path / "none")):
        folder.mkdir(exist_ok=True)
        code, report = run("build", "--out", str(out), "--plans", str(folder), "--now",
                           "02/03/2024")
        assert code == 0, report
    mine = {p: d for p, d in published(site).items() if not p.startswith(SECRET)}
    assert mine.keys() == published(public).keys()  # no year page, no feed more than none
    assert uids(mine["all.ics"]) == uids(published(public)["all.ics"])
    assert not [u for u in uids(mine["all.ics"]) if u.endswith("/2022@kyniem")]
    secret = {p: d for p, d in published(site).items() if p.endswith(".ics")
              and p.startswith(SECRET)}
    plan_feed = next(d for p, d in secret.items() if p.endswith("/plans/"
                                                                 "quan-dbp-tren-khong-50-2022.ics"))
    assert [u for u in uids(plan_feed) if u.endswith("/2022@kyniem")]  # its day, privately
    for path, data in secret.items():  # never one event twice in a feed
        blocks = re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", data.decode(), re.S)
        found = [(re.findall(r"^UID:(.*)\r$", b, re.M), re.findall(r"^RECURRENCE-ID.*$", b,
                                                                      re.M)) for b in blocks]
        keys = [repr(k) for k in found]
        assert blocks and len(keys) == len(set(keys)), path


def test_a_plan_made_private_is_withdrawn_from_public_feeds_without_its_text(
        tmp_path: Path) -> None:
    """Regression (review): when a published plan became private, its events stayed in the
    public feeds for 30 days as cancelled copies with their whole text, and its units'
    feeds pointed subscribers at another district's unit."""
    plans = tmp_path / "plans"
    plans.mkdir()
    for plan in bundled_plans_dir().glob("*.yaml"):
        (plans / plan.name).write_bytes(plan.read_bytes())
    site = tmp_path / "site"
    build(site, plans)
    plan = plans / "thanh-xuan-giai-phong-thu-do-70-2024.yaml"
    before = uids((site / "plans" / "thanh-xuan-giai-phong-thu-do-70-2024.ics").read_bytes())
    mine = {u for u in before if "thanh-xuan" in u}
    assert mine
    text = plan.read_text("utf-8")
    plan.write_text(text.replace("\nactivities:", "\nprivate: true\nactivities:", 1), "utf-8")
    build(site, plans)
    public = {p: d for p, d in published(site).items() if not p.startswith(SECRET)}
    blocks = [b for p, d in public.items() if p.endswith(".ics")
              for b in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT",
                                  d.decode().replace("\r\n ", ""), re.S)]
    withdrawn = [b for b in blocks if any(f"UID:{u}\r" in b for u in mine)]
    assert withdrawn  # each is still there once, to be cancelled by the client
    for block in withdrawn:
        assert "STATUS:CANCELLED" in block
        assert not re.search(r"^(DESCRIPTION|URL|X-KYNIEM-[A-Z-]+)[;:]", block, re.M), block
    # its units' public feeds are withdrawn too, sending nobody to another district's unit
    for path, data in public.items():
        if path.startswith("units/quan-thanh-xuan/"):
            body = data.decode().replace("\r\n ", "")
            assert "(đã ngừng)" in body and "đã chuyển" not in body, path
            assert "kế hoạch công khai" in body
    secret = live(site)["plans/thanh-xuan-giai-phong-thu-do-70-2024.ics"][0]
    assert mine <= uids((site / SECRET / secret / "plans" /
                         "thanh-xuan-giai-phong-thu-do-70-2024.ics").read_bytes())


def test_token_commands_remember_the_sites_address_and_take_now(site: Path) -> None:
    """Review: ``token list`` printed bare paths unless given --base-url again, and ``token
    new`` dated a token by the clock, not by --now."""
    code, out = run("token", "list", "--out", str(site))
    assert code == 0 and "https://lich.example.vn/kyniem/s/" in out
    code, out = run("token", "new", "all.ics", "--out", str(site), "--now", "05/06/2024")
    assert code == 0 and "cấp ngày 05/06/2024" in out
    assert "https://lich.example.vn/kyniem/s/" in out
    code, out = run("token", "list", "--out", str(site), "--json")
    rows = [r for r in json.loads(out) if r["feed"] == "all.ics"]
    assert sorted(r["created"] for r in rows) == ["2024-06-01", "2024-06-05"]


def test_the_office_wide_private_calendar_says_what_it_is(site: Path) -> None:
    token = live(site)["all.ics"][0]
    text = (site / SECRET / token / "all.ics").read_bytes().decode().replace("\r\n ", "")
    head = text.split("BEGIN:VEVENT", 1)[0]
    assert "X-WR-CALNAME:Tất cả hoạt động nội bộ" in head
    assert "lưu hành nội bộ" in head and "đã công bố" not in head


def test_a_unit_made_private_sends_its_subscribers_nowhere_else(tmp_path: Path) -> None:
    """Regression (review): the public feed of a unit made private said "moved: subscribe
    to Ban Chỉ huy Quân sự phường", another ward's body, matched by spelling alone."""
    site = tmp_path / "site"
    build(site, bundled_plans_dir())
    gone = site / "units" / "quan-thanh-xuan" / "ban-chi-huy-quan-su.ics"
    assert gone.is_file()
    build(site, bundled_plans_dir(), "--units", str(FIXTURES / "units.yaml"))
    text = gone.read_bytes().decode().replace("\r\n ", "")
    assert "(đã ngừng)" in text and "đã chuyển" not in text and "phường" not in text


def test_kyniem_feed_finds_a_private_units_feed(tmp_path: Path) -> None:
    """On the office's own machine ``kyniem feed --unit`` gives a private unit's calendar
    (it said "no such unit")."""
    output = tmp_path / "chqs.ics"
    units = str(FIXTURES / "units.yaml")
    code, out = run("feed", "--unit", "Ban CHQS quận", "--units", units, "--now", "01/06/2024")
    assert code == 2 and "ban-chqs-thanh-xuan (Đơn vị: Ban CHQS quận" in out  # two bodies
    code, out = run("feed", "--unit", "ban-chqs-thanh-xuan", "--units", units,
                    "--now", "01/06/2024", "-o", str(output))
    assert code == 0, out
    text = output.read_bytes().decode().replace("\r\n ", "")
    assert re.search(r"^X-WR-CALNAME:Đơn vị: Ban .*\(nội bộ\)\r$", text, re.M), text[:600]
    assert "BEGIN:VEVENT" in text


def test_token_list_fits_80_columns_but_never_cuts_an_address(site: Path) -> None:
    code, out = run("token", "list", "--out", str(site))
    assert code == 0
    lines = out.splitlines()
    addresses = [line for line in lines if line.startswith("  https://")]
    assert addresses
    for line in lines:  # a line past 80 columns is an address, or one unbreakable path
        assert len(line) <= 80 or line.startswith("  https://") or " " not in line.strip(), line
    for path in (r["path"] for r in json.loads(run("token", "list", "--out", str(site),
                                                   "--json")[1])):
        assert any(line.endswith(path) for line in addresses), path
