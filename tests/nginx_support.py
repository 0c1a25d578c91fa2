"""Debian's nginx on loopback, running the README's configuration (issue 13, part 3).

The ``server { … }`` block between ``<!-- nginx:begin -->`` and ``<!-- nginx:end -->`` in
README.md is what users copy to ``/etc/nginx/sites-available/kyniem``; here it is taken as it
is, with only its ``root`` and ``listen`` lines changed, and wrapped in a main configuration
like Debian's ``/etc/nginx/nginx.conf`` (mime.types, ``default_type``), but with every path
(pid, logs, temporary folders) under a work folder, so no system nginx is touched.

Used by tests/test_nginx.py and bench/serve.py (which puts ``tests/`` on ``sys.path``).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
NGINX = Path("/usr/sbin/nginx")
BEGIN, END = "<!-- nginx:begin -->", "<!-- nginx:end -->"
TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


class NginxError(RuntimeError):
    """nginx is missing, refused the configuration or did not start; the message says why."""


def readme_block(readme: Path = README) -> str:
    """The ``server { … }`` block of README.md, without its code fence."""
    text = readme.read_text(encoding="utf-8")
    found = re.search(re.escape(BEGIN) + r"\s*```nginx\n(.*?)```\s*" + re.escape(END), text,
                      re.S)
    if not found:
        raise NginxError(f"{readme}: no ```nginx block between {BEGIN} and {END}")
    return found.group(1)


def _replace_one(block: str, directive: str, value: str) -> str:
    pattern = re.compile(rf"^(\s*){directive}\s+[^;]*;", re.M)
    if len(pattern.findall(block)) != 1:
        raise NginxError(f"README's nginx block must have exactly one '{directive}' line")
    return pattern.sub(lambda m: f"{m.group(1)}{directive} {value};", block)


def server_block(site: Path, port: int, readme: Path = README) -> str:
    """The README's block serving ``site`` (a path, usually kyniem's symlink) on 127.0.0.1."""
    block = _replace_one(readme_block(readme), "root", str(site.absolute()))
    return _replace_one(block, "listen", f"127.0.0.1:{port}")


def main_config(site: Path, workdir: Path, port: int, readme: Path = README) -> str:
    # workers as www-data cannot read pytest's 0700 temporary folders, so run them as root
    user = "user root;\n" if os.geteuid() == 0 else ""
    temps = "".join(f"    {name}_temp_path {workdir / 'temp' / name};\n" for name in TEMP_PATHS)
    return (f"{user}daemon off;\nmaster_process on;\nworker_processes 1;\n"
            f"pid {workdir / 'nginx.pid'};\nerror_log {workdir / 'error.log'} warn;\n"
            "events {}\n"
            "http {\n    include /etc/nginx/mime.types;\n"
            "    default_type application/octet-stream;\n    access_log off;\n"
            "    sendfile on;\n    tcp_nopush on;\n"
            f"{temps}"
            f"{server_block(site, port, readme)}}}\n")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class NginxHandle:
    process: subprocess.Popen[bytes]
    port: int
    workdir: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def config(self) -> Path:
        return self.workdir / "nginx.conf"

    def errors(self) -> str:
        log = self.workdir / "error.log"
        return log.read_text(errors="replace") if log.exists() else ""

    def stop(self) -> None:
        """SIGQUIT (graceful stop), then SIGKILL if it lingers."""
        if self.process.poll() is None:
            self.process.send_signal(3)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _command(workdir: Path) -> list[str]:
    return [str(NGINX), "-c", str(workdir / "nginx.conf"), "-p", f"{workdir}/",
            "-e", str(workdir / "error.log")]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except urllib.error.HTTPError:
        return True  # any HTTP answer means it is up
    except OSError:
        return False


def start_nginx(site: Path, workdir: Path, port: int | None = None,
                readme: Path = README) -> NginxHandle:
    """Check the configuration with ``nginx -t``, start nginx, wait until it answers."""
    if not os.access(NGINX, os.X_OK):
        raise NginxError(f"{NGINX} is missing: apt-get install nginx (or bash tests/setup.sh)")
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "temp").mkdir(exist_ok=True)
    for attempt in range(5):
        chosen = port or free_port()
        (workdir / "nginx.conf").write_text(main_config(site, workdir, chosen, readme))
        test = subprocess.run([*_command(workdir), "-t", "-q"], capture_output=True, text=True)
        if test.returncode:
            raise NginxError(f"nginx -t refused the README's configuration:\n{test.stderr}")
        with open(workdir / "stderr.log", "wb") as stderr:
            process = subprocess.Popen(_command(workdir), stdout=subprocess.DEVNULL,
                                       stderr=stderr)
        handle = NginxHandle(process, chosen, workdir)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and process.poll() is None:
            if _answers(handle.url + "/"):
                return handle
            time.sleep(0.05)
        handle.stop()
        why = (workdir / "stderr.log").read_text(errors="replace") + handle.errors()
        if port is None and "Address already in use" in why and attempt < 4:
            continue  # another process took the free port first
        raise NginxError(f"nginx did not start on port {chosen}:\n{why}")
    raise NginxError("nginx did not start")  # unreachable: the loop returns or raises
