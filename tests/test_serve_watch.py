"""``kyniem serve --watch``: a good edit is built and served; a bad one is refused (stderr
names file and line, the index page shows it, the last good site stays) until it is fixed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from test_serve import Server, isolated_env, kyniem, start

from scheduler.plans.load import bundled_plans_dir
from scheduler.serve.watch import Sources, common_options, sources
from scheduler.wording import MESSAGES

BUILT = MESSAGES["serve_built"][0]
REFUSED = MESSAGES["serve_refused"][0]
WATCHING = MESSAGES["serve_watching"][0].split("{")[0]
PLAN = "quan-dbp-tren-khong-50-2022"
OTHER = "phuong-dien-bien-phu-70-2024"


def _page(server: Server, target: str) -> str:
    status, _, body = server.get(target)
    assert status == 200, target
    return body.decode()


def test_good_edit_served_bad_edit_refused_then_fixed(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    plans = tmp_path / "plans"
    shutil.copytree(bundled_plans_dir(), plans)
    site = tmp_path / "site"  # not built: --watch builds it first
    server = start(env, tmp_path, str(site), "--watch", "--plans", str(plans), "--now",
                   "01/06/2024")
    try:
        server.wait_for(lambda t: WATCHING in t)
        assert server.stderr().count(BUILT) == 1
        assert "Sửa chữa lớn" not in _page(server, f"/plans/{PLAN}.html")

        # a good edit: checked, built, served
        plan = plans / f"{PLAN}.yaml"
        text = plan.read_text(encoding="utf-8")
        edited = text.replace('title: "Sửa chữa, nâng cấp', 'title: "Sửa chữa lớn, nâng cấp', 1)
        assert edited != text
        plan.write_text(edited, encoding="utf-8")
        server.wait_for(lambda t: t.count(BUILT) == 2)
        assert "Sửa chữa lớn, nâng cấp" in _page(server, f"/plans/{PLAN}.html")
        good_index = _page(server, "/")
        assert 'role="alert"' not in good_index
        good_date = server.get("/")[1]["last-modified"]

        # a bad edit: refused, named with file and line, shown on the index page
        other = plans / f"{OTHER}.yaml"
        original = other.read_text(encoding="utf-8")
        lines = original.splitlines(keepends=True)
        line = next(i for i, s in enumerate(lines, 1) if s.startswith("year:"))
        lines[line - 1] = "year: <b>hai nghìn</b>\n"
        other.write_text("".join(lines), encoding="utf-8")
        log = server.wait_for(lambda t: REFUSED in t)
        assert re.search(rf"{OTHER}\.yaml:{line}: year: .*hai nghìn", log)
        for target in ("/", "/index.html"):
            page = _page(server, target)
            banner = re.search(r'<div role="alert" lang="vi"[^>]*>(.*?)</div>', page, re.S)
            assert banner, target
            assert f"{OTHER}.yaml:{line}" in banner.group(1)
            assert "&lt;b&gt;hai nghìn&lt;/b&gt;" in banner.group(1)  # escaped
            assert "<b>hai nghìn</b>" not in page
        assert server.get("/")[1]["cache-control"] == "no-cache"
        # asked by date, the page with its banner is sent, not a 304 (regression: it kept
        # the good page's Last-Modified, and a client asking so never saw the banner)
        status, headers, _ = server.get("/", If_Modified_Since=good_date)
        assert status == 200 and "last-modified" not in headers
        # the last good site is still served: the good edit, and the other plan's page
        assert "Sửa chữa lớn, nâng cấp" in _page(server, f"/plans/{PLAN}.html")
        assert server.get(f"/plans/{OTHER}.html")[0] == 200
        assert 'role="alert"' not in _page(server, f"/plans/{PLAN}.html")

        # fixed: built again, the banner goes
        other.write_text(original, encoding="utf-8")
        server.wait_for(lambda t: t.count(BUILT) == 3)
        assert 'role="alert"' not in _page(server, "/")
        assert 'role="alert"' not in _page(server, "/index.html")
        assert server.get("/")[1]["cache-control"] == "public, max-age=60"
    finally:
        server.stop()
    assert server.process.returncode == 0


def test_watched_sources_are_the_settings_files(tmp_path: Path) -> None:
    from scheduler.commands import Settings

    plans = tmp_path / "plans"
    plans.mkdir()
    single = tmp_path / "one.yaml"
    single.write_text("x")
    found = sources(Settings(plans=(str(plans), str(single))))
    assert str(plans.resolve()) in found.folders
    assert str(single.resolve()) in found.files
    assert any(f.endswith("units.yaml") for f in found.files)  # the bundled directory
    assert any("data" in f and f.endswith(".yaml") for f in found.files)  # registries
    assert isinstance(found, Sources)
    assert found(None, str(plans.resolve() / "new.yaml"))  # type: ignore[arg-type]
    assert not found(None, str(plans.resolve() / ".new.yaml.swp"))  # type: ignore[arg-type]
    assert not found(None, str(plans.resolve() / "notes.txt"))  # type: ignore[arg-type]
    # a .yml plan is a plan too (regression: read by no command, watched by none)
    assert found(None, str(plans.resolve() / "new.YML"))  # type: ignore[arg-type]
    (plans / "b.yml").write_text("x")
    assert str(plans.resolve() / "b.yml") in found.plan_files()
    assert str(plans.resolve()) in found.roots()


def test_subprocesses_get_the_same_settings() -> None:
    from datetime import date

    from scheduler.commands import Settings
    from scheduler.rules import LeapDay

    args = common_options(Settings(("r.yaml",), "en", date(2024, 6, 1), LeapDay.FEB28,
                                   ("p",), ("u.yaml",), "Hà Nội"))
    assert args == ["--lang", "en", "--leap-day", LeapDay.FEB28.value, "--now", "2024-06-01",
                    "--locality", "Hà Nội", "--registry", "r.yaml", "--plans", "p",
                    "--units", "u.yaml"]


def test_a_site_never_built_answers_503_with_the_problems(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    plans = tmp_path / "plans"
    shutil.copytree(bundled_plans_dir(), plans)
    plan = plans / f"{OTHER}.yaml"
    original = plan.read_text(encoding="utf-8")
    plan.write_text(original.replace("\nyear: 2024\n", "\nyear: sau\n", 1), encoding="utf-8")
    site = tmp_path / "site"
    server = start(env, tmp_path, str(site), "--watch", "--plans", str(plans), "--now",
                   "01/06/2024")
    try:
        server.wait_for(lambda t: WATCHING in t)
        assert REFUSED in server.stderr() and BUILT not in server.stderr()
        assert not site.exists()
        status, headers, body = server.get("/")
        assert status == 503 and headers["retry-after"] == "5"
        assert 'role="alert"' in body.decode() and f"{OTHER}.yaml:" in body.decode()
        assert server.get("/all.ics")[0] == 503
        plan.write_text(original, encoding="utf-8")
        server.wait_for(lambda t: BUILT in t)
        status, _, body = server.get("/all.ics")
        assert status == 200 and body == (site / "all.ics").read_bytes()
        assert 'role="alert"' not in _page(server, "/")
    finally:
        server.stop()


def test_private_feeds_answer_only_at_live_secret_addresses(tmp_path: Path) -> None:
    """Issue 13 through ``kyniem serve --watch``: the right token answers; an unknown,
    guessed or revoked one, ``/s/`` and the private plan's public paths are 404; a
    revocation is rebuilt without anyone running ``kyniem build``."""
    from test_feeds_tokens import PRIVATE_ID

    env, plans, site, server = _watching_a_private_plan(tmp_path)
    try:
        tokens = _tokens(env, site)
        feed = f"plans/{PRIVATE_ID}.ics"
        for row in tokens.values():
            status, headers, body = server.get("/" + row["path"])
            assert status == 200, row["path"]
            assert headers["cache-control"].startswith("private")
            assert headers["x-robots-tag"].startswith("noindex")
        secret = "/" + tokens[feed]["path"]
        token = tokens[feed]["token"]
        guessed = "a" * len(token)
        for target in ("/s/", "/s", f"/s/{guessed}/{feed}", f"/s/{token[:-1]}/{feed}",
                       f"/{feed}", f"/plans/{PRIVATE_ID}.html", f"/days/{feed}",
                       f"/s/{tokens['all.ics']['token']}/{feed}"):
            assert server.get(target)[0] == 404, target
        for public in ("/all.ics", "/index.html", "/feeds.json", "/milestones.ics"):
            assert PRIVATE_ID.encode() not in server.get(public)[2], public

        revoked = kyniem(env, "token", "revoke", token, "--out", str(site))
        assert revoked.returncode == 0, revoked.stderr
        server.wait_for(lambda t: t.count(BUILT) == 2)
        assert server.get(secret)[0] == 404
        again = _tokens(env, site)
        assert again[feed]["token"] != token  # the last one went: the build issued another
        assert server.get("/" + again[feed]["path"])[0] == 200
    finally:
        server.stop()


def test_a_refused_change_shows_no_private_text_on_the_public_page(tmp_path: Path) -> None:
    """Regression (review): the banner once put a private plan's path, line and text on the
    public index page; now the public page only says that a change was refused, and the
    office's private page shows the problems whole."""
    env, plans, site, server = _watching_a_private_plan(tmp_path)
    try:
        office = "/" + _tokens(env, site)["index"]["path"]
        plan = plans / "private.yaml"
        text = plan.read_text(encoding="utf-8")
        plan.write_text(text.replace("\nyear: 2024\n", "\nyear: BIMAT họp kín\n", 1),
                        encoding="utf-8")
        log = server.wait_for(lambda t: REFUSED in t)
        assert "private.yaml" in log and "BIMAT" in log  # the server's own log says all
        public = _page(server, "/")
        assert 'role="alert"' in public
        assert "BIMAT" not in public and "private.yaml" not in public
        assert MESSAGES["serve_refused_withheld"][0][:40] in public
        inside = _page(server, office)
        assert "BIMAT" in inside and "private.yaml" in inside and 'role="alert"' in inside
        plan.write_text(text, encoding="utf-8")
        server.wait_for(lambda t: t.count(BUILT) == 2)
        assert 'role="alert"' not in _page(server, "/")
        assert 'role="alert"' not in _page(server, office)
    finally:
        server.stop()


def _watching_a_private_plan(tmp_path: Path) -> tuple[dict[str, str], Path, Path, Server]:
    """``kyniem serve --watch`` over the bundled plans and a private copy of one, built."""
    from test_feeds_tokens import plans_with_a_private_copy

    env = isolated_env(tmp_path)
    plans = plans_with_a_private_copy(tmp_path / "plans")
    site = tmp_path / "site"
    server = start(env, tmp_path, str(site), "--watch", "--plans", str(plans), "--now",
                   "01/06/2024")
    server.wait_for(lambda t: WATCHING in t and BUILT in t)
    return env, plans, site, server


def _tokens(env: dict[str, str], site: Path) -> dict[str, dict[str, str]]:
    """The live secret addresses, by feed (``kyniem token list --json``)."""
    import json

    listed = kyniem(env, "token", "list", "--out", str(site), "--json")
    assert listed.returncode == 0, listed.stderr
    return {r["feed"]: r for r in json.loads(listed.stdout) if r["token"]}
