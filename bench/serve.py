"""Serving benchmark (issue 13, part 4): ``kyniem serve`` against nginx on the same site.

A site is built from the bundled data (``kyniem build --now 01/06/2024`` into a temporary
folder); ``kyniem serve SITE --host 127.0.0.1 --port N`` (a subprocess) and Debian's nginx
running the README's configuration (tests/nginx_support.py) serve it on loopback. Each is
loaded with ``wrk -t 2 -c 64 -d SECONDS --latency``, the two alternating case by case and round
by round (so machine noise hits both alike), for:

- a full 200 of a mid-size real feed (a plan's calendar, 29 KB; ``--feed`` picks another, its
  size is printed), plain and with ``Accept-Encoding: gzip``;
- a 304: ``If-None-Match`` with the ETag of a first request.

Printed: requests/s and p99 latency per server and case (median over ``--rounds``), and the
ratios ours/nginx. Target (issue 13): ours >= 0.3 of nginx's requests/s on both, p99 < 50 ms
at 64 connections. nginx runs one worker (a fair match for one uvicorn process) with its
access log off; ``kyniem serve`` runs as a user starts it.

    python bench/serve.py [--duration 5] [--connections 64] [--rounds 2] [--feed PATH]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from nginx_support import NGINX, NginxError, free_port, start_nginx  # noqa: E402

WRK = "/usr/bin/wrk"
FEED = "plans/phuong-dien-bien-phu-70-2024.ics"
RATIO_TARGET, P99_TARGET = 0.3, 50.0
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


class Failed(Exception):
    """Something the benchmark needs did not work; the message says what."""


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    p99_ms: float
    bad: str  # wrk's non-2xx/3xx and socket error lines, "" when none


def kyniem_command() -> list[str]:
    here = str(Path(sys.executable).parent)
    script = shutil.which("kyniem", path=here) or shutil.which("kyniem")
    return [script] if script else [sys.executable, str(ROOT / "cli.py")]


def wait_until_up(url: str, alive: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and alive():
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise Failed(f"no answer from {url}")


def etag(url: str, gzip: bool = False) -> str:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    with urllib.request.urlopen(request, timeout=5) as answer:
        tag: str | None = answer.headers.get("ETag")
    if not tag:
        raise Failed(f"{url}: no ETag")
    status = 0
    try:
        urllib.request.urlopen(urllib.request.Request(url, headers={"If-None-Match": tag}),
                               timeout=5)
        status = 200
    except urllib.error.HTTPError as exc:
        status = exc.code
    if status != 304:
        raise Failed(f"{url}: If-None-Match {tag} answered {status}, not 304")
    return tag


def answer(url: str, headers: list[str]) -> str:
    """What one request of a case gets (status, encoding, bytes): wrk counts any 2xx or 3xx as
    a success, so this shows the load measured what the case says."""
    fields = dict(h.split(": ", 1) for h in headers)
    request = urllib.request.Request(url, headers=fields)
    try:
        with urllib.request.urlopen(request, timeout=5) as reply:
            status, encoding, size = reply.status, reply.headers.get("Content-Encoding"), \
                len(reply.read())
    except urllib.error.HTTPError as exc:
        status, encoding, size = exc.code, exc.headers.get("Content-Encoding"), len(exc.read())
    return f"{status} {encoding or 'identity'} {size} B"


def milliseconds(text: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not found:
        raise Failed(f"wrk: unreadable latency {text!r}")
    return float(found.group(1)) * UNITS[found.group(2)]


def wrk(url: str, seconds: float, connections: int, headers: list[str]) -> Load:
    command = [WRK, "-t", "2", "-c", str(connections), "-d", f"{seconds:g}s", "--latency",
               *[part for header in headers for part in ("-H", header)], url]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise Failed(f"wrk failed: {done.stderr.strip() or done.stdout.strip()}")
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", done.stdout, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", done.stdout, re.M)
    if not rate or not p99:
        raise Failed(f"wrk: unexpected output:\n{done.stdout}")
    bad = "; ".join(line.strip() for line in done.stdout.splitlines()
                    if "Non-2xx" in line or "Socket errors" in line)
    return Load(float(rate.group(1)), milliseconds(p99.group(1)), bad)


def start_ours(site: Path, log: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    with open(log, "wb") as out:
        process = subprocess.Popen([*kyniem_command(), "serve", str(site), "--host", "127.0.0.1",
                                    "--port", str(port)], stdout=out, stderr=subprocess.STDOUT,
                                   env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/", lambda: process.poll() is None)
    except Failed:
        stop(process)
        tail = log.read_text(errors="replace").strip().splitlines()[-5:]
        raise Failed("kyniem serve did not start: " + " / ".join(tail)) from None
    return process, url


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def table(results: dict[tuple[str, str], list[Load]], answers: dict[tuple[str, str], str],
          cases: list[str], connections: int) -> list[str]:
    lines = [f"{'server':<14} {'case':<10} {'one request gets':<24} {'req/s':>8} {'p99 ms':>8}"
             "  wrk's problems"]
    for case in cases:
        for server in ("kyniem serve", "nginx"):
            runs = results.get((server, case))
            if not runs:
                continue
            rate = statistics.median(r.requests_per_second for r in runs)
            p99 = statistics.median(r.p99_ms for r in runs)
            bad = "; ".join(sorted({r.bad for r in runs if r.bad}))
            lines.append(f"{server:<14} {case:<10} {answers[server, case]:<24} {rate:>8.0f} "
                         f"{p99:>8.2f}  {bad}")
    lines.append("")
    lines.append(f"ours/nginx (target: req/s >= {RATIO_TARGET}, our p99 < {P99_TARGET:g} ms "
                 f"at {connections} connections)")
    for case in cases:
        ours, theirs = results.get(("kyniem serve", case)), results.get(("nginx", case))
        if not ours or not theirs:
            continue
        ratio = (statistics.median(r.requests_per_second for r in ours)
                 / statistics.median(r.requests_per_second for r in theirs))
        p99 = statistics.median(r.p99_ms for r in ours)
        verdict = "ok" if ratio >= RATIO_TARGET and p99 < P99_TARGET else "UNDER TARGET"
        lines.append(f"  {case:<10} req/s {ratio:5.2f}x   p99 {p99:6.2f} ms vs "
                     f"{statistics.median(r.p99_ms for r in theirs):6.2f} ms   {verdict}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--feed", default=FEED, help="the feed of the 200 cases, in the site")
    args = parser.parse_args()
    for tool, package in ((WRK, "wrk"), (str(NGINX), "nginx")):
        if not os.access(tool, os.X_OK):
            print(f"bench/serve.py: {tool} is missing; install it with "
                  f"`apt-get install {package}` (or run bash tests/setup.sh)", file=sys.stderr)
            return 2

    status = 0
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        env = {k: v for k, v in os.environ.items() if not k.startswith("KYNIEM_")}
        env.update(KYNIEM_STATE_DIR=str(work / "state"), KYNIEM_CACHE_DIR=str(work / "cache"),
                   KYNIEM_CONFIG=str(work / "none.toml"))
        site = work / "site"
        subprocess.run([*kyniem_command(), "build", "--out", str(site), "--now", "01/06/2024"],
                       env=env, check=True, capture_output=True)
        feed = site / args.feed
        if not feed.is_file():
            print(f"bench/serve.py: {args.feed} is not a file of the built site", file=sys.stderr)
            return 2
        size = feed.stat().st_size

        servers: dict[str, str] = {}
        ours = None
        try:
            ours, servers["kyniem serve"] = start_ours(site, work / "serve.log", env)
        except Failed as exc:
            print(f"bench/serve.py: {exc}; measuring nginx alone", file=sys.stderr)
            status = 1
        try:
            nginx = start_nginx(site, work / "nginx")
        except NginxError as exc:
            if ours:
                stop(ours)
            print(f"bench/serve.py: {exc}", file=sys.stderr)
            return 2
        servers["nginx"] = nginx.url
        try:
            path = "/" + args.feed
            cases: dict[str, dict[str, list[str]]] = {"200": {}, "200 gzip": {}, "304": {}}
            for name, url in servers.items():
                cases["200"][name] = []
                cases["200 gzip"][name] = ["Accept-Encoding: gzip"]
                cases["304"][name] = [f"If-None-Match: {etag(url + path)}"]
            results: dict[tuple[str, str], list[Load]] = {}
            answers = {(name, case): answer(servers[name] + path, headers[name])
                       for case, headers in cases.items() for name in servers}
            for url in servers.values():  # warm up: first requests, imports, caches
                wrk(url + path, 1, args.connections, [])
            for _ in range(args.rounds):
                for case, headers in cases.items():
                    for name, url in servers.items():
                        load = wrk(url + path, args.duration, args.connections, headers[name])
                        results.setdefault((name, case), []).append(load)
        except Failed as exc:
            print(f"bench/serve.py: {exc}", file=sys.stderr)
            return 2
        finally:
            nginx.stop()
            if ours:
                stop(ours)

    print(f"site: bundled data, built --now 01/06/2024; 200 cases: /{args.feed} ({size} bytes); "
          f"wrk -t 2 -c {args.connections} -d {args.duration:g}s, {args.rounds} round(s), "
          "median shown")
    print("\n".join(table(results, answers, list(cases), args.connections)))
    return status


if __name__ == "__main__":
    sys.exit(main())
