"""``kyniem serve``: the built site over HTTP, driven as a real subprocess on loopback with
``http.client`` (raw request targets: ``/%2e%2e/…`` reaches the server as written)."""

from __future__ import annotations

import email.utils
import gzip
import http.client
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from scheduler.serve.http import accepts_gzip, duration_seconds, none_match, site_path
from scheduler.wording import MESSAGES

NOW = "01/06/2024"


def isolated_env(tmp: Path) -> dict[str, str]:
    """The environment ``conftest._isolated`` gives a test, for subprocesses started by
    fixtures wider than one test."""
    env = {k: v for k, v in os.environ.items() if k not in {
        "KYNIEM_REGISTRY", "KYNIEM_LANG", "KYNIEM_PLANS", "KYNIEM_LOCALITY", "KYNIEM_STORE",
        "KYNIEM_UNITS"}}
    env.update(KYNIEM_CONFIG=str(tmp / "config" / "config.toml"),
               KYNIEM_CACHE_DIR=str(tmp / "cache"), KYNIEM_STATE_DIR=str(tmp / "state"))
    return env


def kyniem(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scheduler", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def build(env: dict[str, str], out: Path, *args: str) -> None:
    done = kyniem(env, "build", "--out", str(out), "--now", NOW, *args)
    assert done.returncode == 0, done.stderr


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    log: Path
    port: int = 0

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, found: Callable[[str], bool], seconds: float = 60) -> str:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            text = self.stderr()
            if found(text):
                return text
            assert self.process.poll() is None, text
            time.sleep(0.05)
        raise AssertionError(f"timed out; stderr:\n{self.stderr()}")

    def request(self, method: str, target: str, headers: dict[str, str] | None = None
                ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.putrequest(method, target, skip_accept_encoding=True)
            for name, value in (headers or {}).items():
                conn.putheader(name, value)
            conn.endheaders()
            response = conn.getresponse()
            body = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            conn.close()

    def get(self, target: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", target, {k.replace("_", "-"): v for k, v in headers.items()})

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(env: dict[str, str], tmp: Path, *args: str) -> Server:
    """``kyniem serve … --port 0`` (the system picks a free port; the startup line says
    which), waiting until it answers."""
    log = tmp / f"serve-{time.monotonic_ns()}.log"
    with open(log, "wb") as err:
        process = subprocess.Popen([sys.executable, "-m", "scheduler", "serve", *args,
                                    "--port", "0"], env=env, stdout=subprocess.DEVNULL,
                                   stderr=err, stdin=subprocess.DEVNULL)
    server = Server(process, log)
    text = server.wait_for(lambda t: "http://127.0.0.1:" in t)
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", text)
    assert found
    server.port = int(found.group(1))
    return server


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path, Path]]:
    """One server over one built site for the read-only tests: (server, the release's
    real folder, the test folder). Planted in the release: a symlink leading out of it,
    dot-files, a folder without index.html, a secret path and a file too big to cache."""
    tmp = tmp_path_factory.mktemp("serve")
    env = isolated_env(tmp)
    site = tmp / "site"
    build(env, site)
    release = Path(os.path.realpath(site))
    (tmp / "outside.txt").write_text("TOP SECRET outside the release\n")
    os.symlink(tmp / "outside.txt", release / "out.ics")
    os.symlink(tmp, release / "outdir")
    (release / ".hidden.ics").write_text("TOP SECRET dot-file\n")
    (release / "plans" / ".draft.html").write_text("TOP SECRET dot-file\n")
    (release / "empty").mkdir()
    secret = release / "s" / "Xy3tokenTOKENtoken"
    (secret / "plans").mkdir(parents=True)
    (secret / "index.html").write_text("<!doctype html><body><p>private index</p></body>\n")
    (secret / "plans" / "p.ics").write_bytes((release / "milestones.ics").read_bytes())
    (release / "big.txt").write_bytes(os.urandom(9 << 20).hex().encode()[: 9 << 20])
    server = start(env, tmp, str(site))
    yield server, release, tmp
    server.stop()


# -- header helpers (scheduler/serve/http.py) --------------------------------------------------

def test_site_path_refuses_what_could_leave_the_release() -> None:
    assert site_path(b"/") == ""
    assert site_path(b"/all.ics") == "all.ics"
    assert site_path(b"/plans/") == "plans/"
    assert site_path(b"/years/2024%20x.html") == "years/2024 x.html"
    assert site_path("/lịch.ics".encode()) == "lịch.ics"
    for raw in (b"/../x", b"/%2e%2e/x", b"/%2E%2E/x", b"/a/%2e/b", b"/a%2fb", b"/a%2F..",
                b"/a%5cb", b"/a\\b", b"/a%00.ics", b"/.kyniem-site", b"/.git/config",
                b"/a//b", b"/%c0%ae%c0%ae/x", b"/a%0ab", b"x", b"/%ff"):
        assert site_path(raw) is None, raw


def test_if_none_match_uses_weak_comparison_lists_and_star() -> None:
    tag = b'"abc"'
    assert none_match(b'"abc"', tag)
    assert none_match(b'W/"abc"', tag)
    assert none_match(b'"x", W/"y" ,"abc"', tag)
    assert none_match(b"*", tag)
    assert not none_match(b'"abcd"', tag)
    assert not none_match(b'"abc-gz"', tag)


def test_accept_encoding_honours_q_values() -> None:
    assert accepts_gzip(b"gzip")
    assert accepts_gzip(b"deflate, gzip;q=0.5")
    assert accepts_gzip(b"*")
    assert accepts_gzip(b"x-gzip")
    assert not accepts_gzip(b"gzip;q=0")
    assert not accepts_gzip(b"gzip; q=0.0, *")
    assert not accepts_gzip(b"*;q=0")
    assert not accepts_gzip(b"identity")
    assert not accepts_gzip(b"br")


def test_feed_max_age_is_the_refresh_hint() -> None:
    assert duration_seconds("PT12H") == 43200
    assert duration_seconds("P1DT30M") == 88200


# -- the server ---------------------------------------------------------------------------

def test_content_types_and_bytes_as_built(served: tuple[Server, Path, Path]) -> None:
    server, release, _ = served
    for target, kind in (("/all.ics", "text/calendar; charset=utf-8"),
                         ("/index.html", "text/html; charset=utf-8"),
                         ("/feeds.json", "application/json"),
                         ("/", "text/html; charset=utf-8")):
        status, headers, body = server.get(target)
        assert status == 200, target
        assert headers["content-type"] == kind
        name = target.lstrip("/") or "index.html"
        assert body == (release / name).read_bytes()
        assert headers["content-length"] == str(len(body))
        assert "content-encoding" not in headers  # no Accept-Encoding: no gzip


def test_etag_and_if_none_match(served: tuple[Server, Path, Path]) -> None:
    server, _, _ = served
    _, headers, _ = server.get("/all.ics")
    etag = headers["etag"]
    assert re.fullmatch(r'"[A-Za-z0-9_-]+"', etag)  # strong
    for sent in (etag, f"W/{etag}", f'"nope", {etag}', "*"):
        status, again, body = server.get("/all.ics", If_None_Match=sent)
        assert (status, body) == (304, b""), sent
        assert again["etag"] == etag
        assert again["cache-control"] == "public, max-age=43200"
    status, _, body = server.get("/all.ics", If_None_Match='"something-else"')
    assert status == 200 and body
    _, other, _ = server.get("/milestones.ics")
    assert other["etag"] != etag


def test_if_modified_since_only_without_if_none_match(served: tuple[Server, Path, Path]
                                                       ) -> None:
    server, release, _ = served
    _, headers, _ = server.get("/feeds.json")
    modified = headers["last-modified"]
    stamp = email.utils.parsedate_to_datetime(modified).timestamp()
    assert int(stamp) == int((release / "feeds.json").stat().st_mtime)
    assert server.get("/feeds.json", If_Modified_Since=modified)[0] == 304
    later = email.utils.formatdate(stamp + 3600, usegmt=True)
    assert server.get("/feeds.json", If_Modified_Since=later)[0] == 304
    earlier = email.utils.formatdate(stamp - 3600, usegmt=True)
    assert server.get("/feeds.json", If_Modified_Since=earlier)[0] == 200
    assert server.get("/feeds.json", If_Modified_Since="not a date")[0] == 200
    # If-None-Match decides when both are sent (RFC 9110 §13.2.2)
    assert server.get("/feeds.json", If_Modified_Since=modified,
                      If_None_Match='"other"')[0] == 200


def test_head_has_get_headers_and_no_body(served: tuple[Server, Path, Path]) -> None:
    server, _, _ = served
    for extra in ({}, {"Accept-Encoding": "gzip"}):
        _, got, body = server.request("GET", "/milestones.ics", extra)
        status, head, nothing = server.request("HEAD", "/milestones.ics", extra)
        assert (status, nothing) == (200, b"")
        assert head["content-length"] == got["content-length"] == str(len(body))
        assert head["etag"] == got["etag"]
        assert head["content-type"] == got["content-type"]


def test_gzip_when_asked(served: tuple[Server, Path, Path]) -> None:
    server, release, _ = served
    plain = (release / "all.ics").read_bytes()
    _, identity, _ = server.get("/all.ics")
    status, headers, body = server.get("/all.ics", Accept_Encoding="gzip, deflate")
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert headers["vary"].lower() == "accept-encoding"
    assert gzip.decompress(body) == plain
    assert len(body) < len(plain)
    assert headers["etag"] != identity["etag"]
    again = server.get("/all.ics", Accept_Encoding="gzip", If_None_Match=headers["etag"])
    assert again[0] == 304 and again[1]["etag"] == headers["etag"]
    # the identity tag does not validate the gzip body, nor the other way round
    assert server.get("/all.ics", Accept_Encoding="gzip",
                      If_None_Match=identity["etag"])[0] == 200
    for refused in ("gzip;q=0", "identity", "br"):
        status, headers, body = server.get("/all.ics", Accept_Encoding=refused)
        assert "content-encoding" not in headers and body == plain, refused


def test_cache_control_and_secret_paths(served: tuple[Server, Path, Path]) -> None:
    server, release, _ = served
    assert server.get("/all.ics")[1]["cache-control"] == "public, max-age=43200"
    assert server.get("/index.html")[1]["cache-control"] == "public, max-age=60"
    assert server.get("/feeds.json")[1]["cache-control"] == "public, max-age=60"
    public = server.get("/all.ics")[1]
    assert "x-robots-tag" not in public and "referrer-policy" not in public
    token = "/s/Xy3tokenTOKENtoken"
    status, headers, body = server.get(f"{token}/plans/p.ics")
    assert status == 200
    assert body == (release / "milestones.ics").read_bytes()
    assert headers["cache-control"] == "private, max-age=43200"
    assert headers["x-robots-tag"] == "noindex"
    assert headers["referrer-policy"] == "no-referrer"
    status, headers, body = server.get(f"{token}/")
    assert status == 200 and b"private index" in body
    assert headers["cache-control"] == "private, max-age=60"
    assert headers["x-robots-tag"] == "noindex"
    assert server.get(f"{token}/plans/nope.ics")[0] == 404
    assert server.get("/s/guessed/plans/p.ics")[0] == 404


def test_any_accept_header_gets_the_file(served: tuple[Server, Path, Path]) -> None:
    server, _, _ = served
    for accept in ("text/calendar", "application/x-nonsense", "*/*;q=0", "text/html",
                   "", "image/png, text/x-vcalendar;q=0.1"):
        status, headers, _ = server.get("/all.ics", Accept=accept)
        assert status == 200, accept
        assert headers["content-type"] == "text/calendar; charset=utf-8"


def test_only_get_and_head(served: tuple[Server, Path, Path]) -> None:
    server, _, _ = served
    for method in ("POST", "PUT", "DELETE", "OPTIONS", "PATCH", "PROPFIND"):
        status, headers, body = server.request(method, "/all.ics", {"Content-Length": "0"})
        assert status == 405, method
        assert headers["allow"] == "GET, HEAD"
        assert MESSAGES["serve_method"][0].encode() in body


TRAVERSALS = (
    "/../outside.txt", "/%2e%2e/outside.txt", "/%2E%2E/%2e%2e/etc/passwd",
    "/plans/../../outside.txt", "/plans/%2e%2e/%2e%2e/outside.txt",
    "/..%2foutside.txt", "/plans%2F..%2F..%2Foutside.txt", "/..%5coutside.txt",
    "/plans\\..\\..\\outside.txt", "/index.html%00.ics", "/%00",
    "/%c0%ae%c0%ae/outside.txt", "/%252e%252e/outside.txt",
    "/out.ics", "/outdir/outside.txt", "/outdir/", "/.hidden.ics", "/%2ehidden.ics",
    "/plans/.draft.html", "/empty/", "/.kyniem-site", "/../.site.releases/.kyniem-site",
    "/%2e%2e/.site.releases/.kyniem-site", "/../state/", "/%2e%2e/state/",
    "/../cache/", "//etc/passwd", "/./index.html", "/plans/./x.ics", "/no-such.ics",
)


def test_nothing_outside_the_release_is_readable(served: tuple[Server, Path, Path]) -> None:
    server, _, tmp = served
    assert (tmp / "state").is_dir() and any((tmp / "state").rglob("*"))  # there to find
    for target in TRAVERSALS:
        status, _, body = server.get(target)
        assert status == 404, target
        assert b"TOP SECRET" not in body and b"kyniem build" not in body, target
    status, _, body = server.get("/index.html")
    assert status == 200 and b"TOP SECRET" not in body


def test_a_folder_serves_its_index_or_nothing(served: tuple[Server, Path, Path]) -> None:
    server, _, _ = served
    # a secret folder is never confirmed by a redirect (as the README's nginx does)
    assert server.get("/s/Xy3tokenTOKENtoken")[0] == 404
    assert server.get("/s/Xy3tokenTOKENtoken/")[0] == 200  # its index.html
    assert server.get("/s")[0] == server.get("/s/")[0] == 404
    status, headers, _ = server.get("/plans")
    assert status == 301 and headers["location"] == "/plans/"
    assert server.get("/plans/")[0] == 404  # no index.html there: no listing
    assert server.get("/all.ics/")[0] == 404


def test_a_file_too_big_to_keep_is_streamed(served: tuple[Server, Path, Path]) -> None:
    server, release, _ = served
    data = (release / "big.txt").read_bytes()
    status, headers, body = server.get("/big.txt", Accept_Encoding="gzip")
    assert status == 200 and body == data
    assert headers["content-length"] == str(len(data))
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert server.get("/big.txt", If_None_Match=headers["etag"])[0] == 304
    status, head, nothing = server.request("HEAD", "/big.txt")
    assert (status, nothing, head["content-length"]) == (200, b"", str(len(data)))


def test_a_rebuild_is_served_without_restart(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    site = tmp_path / "site"
    build(env, site)
    server = start(env, tmp_path, str(site))
    try:
        _, before, old = server.get("/all.ics")
        assert old == (site / "all.ics").read_bytes()
        build(env, site, "--lang", "en")  # a new release: English names
        status, after, new = server.get("/all.ics")
        assert status == 200
        assert new == (site / "all.ics").read_bytes() != old
        assert after["etag"] != before["etag"]
        assert server.get("/all.ics", If_None_Match=before["etag"])[0] == 200
    finally:
        server.stop()


def test_no_site_is_a_message_and_exit_2(tmp_path: Path) -> None:
    done = kyniem(isolated_env(tmp_path), "serve", str(tmp_path / "nothing"), "--port", "0")
    assert done.returncode == 2
    assert f"kyniem build --out {tmp_path / 'nothing'}" in done.stderr
    assert "--watch" in done.stderr
    done = kyniem(isolated_env(tmp_path), "serve", str(tmp_path / "nothing"), "--lang", "en")
    assert done.returncode == 2 and "no calendar site has been built" in done.stderr


def test_startup_line_in_the_users_language(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    site = tmp_path / "site"
    build(env, site)
    server = start(env, tmp_path, str(site), "--lang", "en")
    try:
        text = server.stderr()
        assert "Serving the calendar site" in text and "Ctrl+C" in text
        assert server.get("/")[0] == 200
    finally:
        server.stop()
    assert server.process.returncode == 0  # a SIGTERM ends it cleanly


def test_every_interface_is_announced_by_an_address_a_phone_can_open() -> None:
    """Review: ``--host 0.0.0.0`` announced http://0.0.0.0:8080/, which no phone opens."""
    import ipaddress

    from scheduler.serve.run import _lan_address, _url

    found = _lan_address()
    if found is not None:
        address = ipaddress.ip_address(found)
        assert address.version == 4 and not address.is_loopback and not address.is_unspecified
        assert _url("0.0.0.0", 8080) == f"http://{found}:8080/"
    else:  # no network at all: the machine's own words
        assert _url("0.0.0.0", 8080) == "http://0.0.0.0:8080/"
    assert _url("127.0.0.1", 8080) == "http://127.0.0.1:8080/"
    assert _url("::1", 8080) == "http://[::1]:8080/"


@pytest.mark.parametrize(("host", "flag", "words"), [
    ("khong-co-may-nay.invalid", "--host", ("không tìm thấy địa chỉ", "no such address")),
    ("192.0.2.1", "--host", ("không thuộc máy này", "not an address of this machine")),
])
def test_a_host_that_cannot_be_listened_on_names_the_host(
        host: str, flag: str, words: tuple[str, str]) -> None:
    """Review: an unknown name or another machine's address said "choose another port"."""
    from scheduler.registry import InputError
    from scheduler.serve.run import _bind

    with pytest.raises(InputError) as refused:
        _bind(host, 0)
    (problem,) = refused.value.problems
    assert problem.field == flag and host in problem.text("vi")
    assert words[0] in problem.text("vi") and words[1] in problem.text("en")
    assert "--port" not in problem.text("vi")


def test_a_busy_port_and_a_denied_port_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from scheduler.registry import InputError
    from scheduler.serve.run import _bind

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        with pytest.raises(InputError) as busy:
            _bind("127.0.0.1", taken.getsockname()[1])
    finally:
        taken.close()
    (problem,) = busy.value.problems
    assert problem.field == "--port" and "chọn cổng khác" in problem.text("vi")

    def denied(self: socket.socket, address: object) -> None:  # a user's port 80
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(socket.socket, "bind", denied)
    with pytest.raises(InputError) as refused:
        _bind("127.0.0.1", 80)
    (problem,) = refused.value.problems
    assert problem.field == "--port" and "dưới 1024" in problem.text("vi")
    assert "below 1024" in problem.text("en")
