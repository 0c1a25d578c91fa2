"""Debian's nginx on loopback, running README.md's configuration, serving a site kyniem built
(issue 13, part 3): content types, validators and 304s, HEAD, gzip, Cache-Control matching the
feeds' REFRESH-INTERVAL, any Accept header, traversal and symlinks out of the site (404), the
secret-path rules, and a rebuild seen at once."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

import pytest
from nginx_support import NGINX, NginxHandle, readme_block, start_nginx

from scheduler.feeds.writer import REFRESH
from scheduler.plans.load import bundled_plans_dir

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name) or ""


def fetch(base: str, path: str, method: str = "GET", **headers: str) -> Reply:
    """One request with the path sent exactly as given (no client-side normalising)."""
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for name, value in headers.items():
            conn.putheader(name.replace("_", "-"), value)
        conn.endheaders()
        answer = conn.getresponse()
        return Reply(answer.status, answer.headers, answer.read())
    finally:
        conn.close()


def kyniem(folder: Path, *args: str) -> str:
    """Runs kyniem in a process of its own, its state and cache under ``folder``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KYNIEM_")}
    env.update(KYNIEM_STATE_DIR=str(folder / "state"), KYNIEM_CACHE_DIR=str(folder / "cache"),
               KYNIEM_CONFIG=str(folder / "none.toml"))
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def build(site: Path, folder: Path, *args: str, now: str = "01/06/2024") -> None:
    kyniem(folder, "build", "--out", str(site), "--now", now, *args)


@dataclass(frozen=True)
class Served:
    site: Path
    nginx: NginxHandle

    @property
    def url(self) -> str:
        return self.nginx.url

    def get(self, path: str, method: str = "GET", **headers: str) -> Reply:
        return fetch(self.url, path, method, **headers)


def _serve(folder: Path) -> Iterator[Served]:
    site = folder / "site"
    build(site, folder)
    nginx = start_nginx(site, folder / "nginx")
    try:
        yield Served(site, nginx)
    finally:
        nginx.stop()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One site and one nginx for the tests that only read."""
    yield from _serve(tmp_path_factory.mktemp("nginx"))


@pytest.fixture
def own(tmp_path: Path) -> Iterator[Served]:
    """A site and an nginx of the test's own, for tests that change the site."""
    yield from _serve(tmp_path)


FEED = "/plans/phuong-dien-bien-phu-70-2024.ics"
PAGE = "/plans/phuong-dien-bien-phu-70-2024.html"


def test_the_readme_block_is_a_server_block_without_open_file_cache() -> None:
    block = readme_block()
    assert block.startswith("server {") and block.rstrip().endswith("}")
    directives = [line.split("#")[0] for line in block.splitlines()]
    assert not any("open_file_cache" in line for line in directives)  # a rebuild shows at once
    assert not any(re.search(r"\bautoindex\s+on\b", line) for line in directives)


def test_the_readme_block_fits_debians_own_nginx_conf(tmp_path: Path) -> None:
    """What users do: the block in sites-enabled, inside Debian's http { } (its gzip, types)."""
    debian = Path("/etc/nginx/nginx.conf").read_text()
    assert "include /etc/nginx/sites-enabled/*;" in debian
    (tmp_path / "kyniem").write_text(readme_block())
    text = debian.replace("include /etc/nginx/sites-enabled/*;", f"include {tmp_path}/kyniem;")
    # logs are opened even by a check: keep them out of /var/log for a non-root run
    text = re.sub(r"^(\s*)(access_log|error_log|pid)\s+[^;]*;", "", text, flags=re.M)
    (tmp_path / "nginx.conf").write_text(text)
    done = subprocess.run([str(NGINX), "-t", "-q", "-c", str(tmp_path / "nginx.conf"),
                           "-e", str(tmp_path / "error.log"), "-g", f"pid {tmp_path}/pid;"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines()
                if "[warn]" in line and '"user" directive' not in line]  # non-root: ignored
    assert warnings == []


def test_content_types_and_bytes_as_on_disk(served: Served) -> None:
    expected = {
        "/all.ics": "text/calendar; charset=utf-8",
        FEED: "text/calendar; charset=utf-8",
        "/index.html": "text/html; charset=utf-8",
        "/": "text/html; charset=utf-8",
        PAGE: "text/html; charset=utf-8",
        "/feeds.json": "application/json; charset=utf-8",
    }
    for path, content_type in expected.items():
        reply = served.get(path)
        assert reply.status == 200, path
        assert reply.header("Content-Type") == content_type, path
        on_disk = served.site / (path.lstrip("/") or "index.html")
        assert reply.body == on_disk.read_bytes(), path
        assert reply.header("Content-Encoding") == ""  # not asked for


def test_etag_and_last_modified_give_304(served: Served) -> None:
    first = served.get(FEED)
    etag, modified = first.header("ETag"), first.header("Last-Modified")
    assert re.fullmatch(r'"[0-9a-f]+-[0-9a-f]+"', etag)  # strong: mtime-size
    mtime = (served.site / FEED.lstrip("/")).stat().st_mtime
    assert parsedate_to_datetime(modified).timestamp() == int(mtime)

    again = served.get(FEED, If_None_Match=etag)
    assert (again.status, again.body, again.header("ETag")) == (304, b"", etag)
    assert served.get(FEED, If_None_Match=f'"x", {etag}').status == 304
    assert served.get(FEED, If_None_Match='"0-0"').status == 200

    assert served.get(FEED, If_Modified_Since=modified).status == 304
    later = formatdate(mtime + 86400, usegmt=True)
    assert served.get(FEED, If_Modified_Since=later).status == 304
    earlier = formatdate(mtime - 86400, usegmt=True)
    changed = served.get(FEED, If_Modified_Since=earlier)
    assert changed.status == 200 and changed.body == first.body


def test_head_answers_headers_without_a_body(served: Served) -> None:
    head = served.get("/all.ics", "HEAD")
    size = (served.site / "all.ics").stat().st_size
    assert head.status == 200 and head.body == b""
    assert head.header("Content-Length") == str(size)
    assert head.header("Content-Type") == "text/calendar; charset=utf-8"
    assert head.header("ETag") == served.get("/all.ics").header("ETag")
    assert served.get("/all.ics", "HEAD", If_None_Match=head.header("ETag")).status == 304


@pytest.mark.parametrize("path", ["/all.ics", "/index.html", "/feeds.json", PAGE])
def test_gzip_when_asked(served: Served, path: str) -> None:
    on_disk = (served.site / path.lstrip("/")).read_bytes()
    packed = served.get(path, Accept_Encoding="gzip, deflate, br")
    assert packed.status == 200
    assert packed.header("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in packed.header("Vary")
    assert gzip.decompress(packed.body) == on_disk
    assert len(packed.body) < len(on_disk) / 2
    plain = served.get(path)
    assert plain.body == on_disk and "Accept-Encoding" in plain.header("Vary")
    # nginx weakens the ETag of what it compresses; the weak one still validates
    weak = packed.header("ETag")
    assert weak == "W/" + plain.header("ETag")
    again = served.get(path, Accept_Encoding="gzip", If_None_Match=weak)
    assert again.status == 304


def test_cache_control_matches_the_feeds_refresh_interval(served: Served) -> None:
    hours = re.fullmatch(r"PT(\d+)H", REFRESH)
    assert hours, REFRESH
    seconds = int(hours.group(1)) * 3600
    feed = served.get("/all.ics")
    assert f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}".encode() in feed.body
    assert feed.header("Cache-Control") == f"public, max-age={seconds}"
    assert served.get(FEED).header("Cache-Control") == f"public, max-age={seconds}"
    # pages and the list of feeds are revalidated on every visit (a 304 when unchanged)
    assert served.get("/index.html").header("Cache-Control") == "no-cache"
    assert served.get("/feeds.json").header("Cache-Control") == "no-cache"


@pytest.mark.parametrize("accept", [
    "text/calendar", "text/calendar;q=1.0, */*;q=0.1", "application/json", "image/png",
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "*/*;q=0", "garbage;;",
])
def test_any_accept_header_gets_the_feed(served: Served, accept: str) -> None:
    reply = served.get("/all.ics", Accept=accept)
    assert reply.status == 200
    assert reply.header("Content-Type") == "text/calendar; charset=utf-8"


TRAVERSALS = [
    "/../.site.releases/.kyniem-site",
    "/%2e%2e/.site.releases/.kyniem-site",
    "/%2E%2E/%2Esite.releases/%2Ekyniem-site",
    "/..%2f.site.releases/.kyniem-site",
    "/plans/..%2f..%2f.site.releases/.kyniem-site",
    "/plans/%2e%2e/%2e%2e/.site.releases/.kyniem-site",
    "/..%5c.site.releases%5c.kyniem-site",
    "/../state/",
    "/../../../../etc/passwd",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/.kyniem-site",
    "/%2ekyniem-site",
    "/.hidden",
    "/plans/.x.ics",
    "/.well-known/../.kyniem-site",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_nothing_outside_the_site_and_no_dot_file(served: Served, path: str) -> None:
    reply = served.get(path)
    assert reply.status == 404, (path, reply.status)
    assert b"kyniem" not in reply.body and b"root:" not in reply.body


@pytest.mark.parametrize("path", ["/plans/", "/units/", "/anniversaries/", "/s", "/s/",
                                  "/s/aaaaaaaaaaaaaaaaaaaaaa/", "/s/x/all.ics"])
def test_folders_without_an_index_and_secret_paths_that_do_not_exist_are_404(
        served: Served, path: str) -> None:
    assert served.get(path).status == 404


def test_a_folder_without_its_slash_is_redirected_relatively(served: Served) -> None:
    reply = served.get("/plans")
    assert reply.status == 301 and reply.header("Location") == "/plans/"


def test_symlinks_planted_in_the_release_are_not_followed(own: Served) -> None:
    release = own.site.resolve()
    marker = release.parent / ".kyniem-site"
    assert marker.is_file()
    outside = own.site.parent / "outside.ics"
    outside.write_text("BEGIN:VCALENDAR\r\nSECRET\r\nEND:VCALENDAR\r\n")
    (release / "evil.ics").symlink_to(outside)
    (release / "marker.html").symlink_to(marker)
    (release / "up").symlink_to(release.parent)
    (release / "plans" / "etc.ics").symlink_to("/etc/passwd")
    (release / "fine.ics").write_bytes(outside.read_bytes())  # a plain file there is served
    assert own.get("/fine.ics").status == 200
    for path in ("/evil.ics", "/marker.html", "/up/.kyniem-site", "/up/", "/plans/etc.ics"):
        reply = own.get(path)
        assert reply.status == 404, path
        assert b"SECRET" not in reply.body and b"root:" not in reply.body


def test_a_rebuild_is_served_at_once(own: Served) -> None:
    before = own.get("/index.html")
    feed = own.get(FEED)
    release = own.site.resolve()
    build(own.site, own.site.parent, now="02/06/2024")
    assert own.site.resolve() != release  # a new release, the symlink switched
    after = own.get("/index.html")
    assert after.status == 200
    assert after.body == (own.site / "index.html").read_bytes() != before.body
    assert own.get("/index.html", If_None_Match=before.header("ETag")).status == 200
    # an unchanged feed is a hard link to the old one: same ETag, still a 304
    same = own.get(FEED, If_None_Match=feed.header("ETag"))
    assert same.status == 304 and same.header("ETag") == feed.header("ETag")


PRIVATE = "thanh-xuan-noi-bo-2024"


def private_plans(folder: Path) -> Path:
    """The bundled plans and one of them again under another id, ``private: true``."""
    plans = folder / "plans"
    shutil.copytree(bundled_plans_dir(), plans)
    text = (plans / "thanh-xuan-giai-phong-thu-do-70-2024.yaml").read_text(encoding="utf-8")
    twin = text.replace('id: "thanh-xuan-giai-phong-thu-do-70-2024"',
                        f'id: "{PRIVATE}"\nprivate: true', 1)
    assert twin != text
    (plans / f"{PRIVATE}.yaml").write_text(twin, encoding="utf-8")
    return plans


def live_tokens(folder: Path, site: Path, plans: Path) -> dict[str, str]:
    """Feed → secret path (without the leading slash), from ``kyniem token list --json``."""
    listed = json.loads(kyniem(folder, "token", "list", "--json", "--out", str(site),
                               "--plans", str(plans)))
    return {e["feed"]: e["path"] for e in listed if not e["revoked"]}


def test_secret_paths_answer_and_nothing_else_does(tmp_path: Path) -> None:
    plans = private_plans(tmp_path)
    site = tmp_path / "site"
    build(site, tmp_path, "--plans", str(plans))
    secret = live_tokens(tmp_path, site, plans)
    feed = f"plans/{PRIVATE}.ics"
    assert {feed, f"days/plans/{PRIVATE}.ics", "index"} <= secret.keys()
    nginx = start_nginx(site, tmp_path / "nginx")
    try:
        served = Served(site, nginx)
        for path in secret.values():
            reply = served.get("/" + path)
            assert reply.status == 200, path
            assert reply.body == (site / path).read_bytes()
            assert reply.header("X-Robots-Tag") == "noindex, nofollow"
            assert reply.header("Referrer-Policy") == "no-referrer"
            assert reply.header("Cache-Control").startswith("private,")
        plan = served.get("/" + secret[feed])
        assert plan.header("Content-Type") == "text/calendar; charset=utf-8"
        assert plan.header("Cache-Control") == "private, max-age=43200"
        assert served.get("/" + secret[feed], If_None_Match=plan.header("ETag")).status == 304
        office = secret["index"].removesuffix("index.html")
        page = served.get("/" + office)
        assert page.status == 200 and page.header("Content-Type") == "text/html; charset=utf-8"
        assert page.header("Cache-Control") == "private, no-cache"

        token = secret[feed].split("/")[1]
        other = secrets.token_hex(16)
        wrong = [
            "/s/", "/s", f"/s/{token}/", f"/s/{token}",  # no listing of a token's folder
            "/s/" + secret[feed].split("/", 2)[2],  # the feed without its token
            f"/s/{other}/{feed}",  # a guessed token
            f"/s/{token[:-1]}/{feed}", f"/s/{token.upper()}/{feed}",
            f"/s/{token}/days/plans/{PRIVATE}.ics",  # another private feed, this token
            f"/s/{token}/all.ics",
            f"/{feed}", f"/days/plans/{PRIVATE}.ics", f"/plans/{PRIVATE}.html",  # public paths
        ]
        for path in wrong:
            assert served.get(path).status == 404, path
        # nothing public names the private plan; its office-wide feed under s/ does
        for public in ("/all.ics", "/index.html", "/feeds.json", "/milestones.ics"):
            assert PRIVATE.encode() not in served.get(public).body, public
        assert PRIVATE.encode() in served.get("/" + secret["all.ics"]).body
    finally:
        nginx.stop()


def test_a_revoked_secret_path_stops_answering_after_the_next_build(tmp_path: Path) -> None:
    plans = private_plans(tmp_path)
    site = tmp_path / "site"
    build(site, tmp_path, "--plans", str(plans))
    before = live_tokens(tmp_path, site, plans)
    feed = f"plans/{PRIVATE}.ics"
    nginx = start_nginx(site, tmp_path / "nginx")
    try:
        served = Served(site, nginx)
        assert served.get("/" + before[feed]).status == 200
        kyniem(tmp_path, "token", "revoke", before[feed].split("/")[1], "--out", str(site),
               "--plans", str(plans))
        build(site, tmp_path, "--plans", str(plans), now="02/06/2024")
        assert served.get("/" + before[feed]).status == 404
        after = live_tokens(tmp_path, site, plans)
        assert feed not in after or after[feed] != before[feed]
        for name, path in after.items():
            assert served.get("/" + path.removesuffix("index.html")).status == 200, name
    finally:
        nginx.stop()
