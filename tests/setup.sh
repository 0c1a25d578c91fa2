#!/usr/bin/env bash
# Prepare a fresh machine for the test suite; run from anywhere, as often as you like.
#   1. .venv with Python 3.11 and kyniem's test extras (pip install '.[test]')
#   2. Mozilla ical.js for the interop tests (npm ci from tests/interop/icaljs's lock file)
#   3. Debian's Chromium at /usr/bin/chromium for the browser tests (Playwright drives it;
#      `playwright install` is never used: it downloads a browser build)
#   4. PostgreSQL's server binaries (the tests start a throwaway cluster of their own)
#   5. DejaVu fonts (fonts-dejavu-core) for the PDFs the importer's tests make
#   6. LibreOffice Writer, headless (libreoffice-writer-nogui): tests/test_exports.py turns
#      a Word file into a PDF with `soffice --headless --convert-to pdf`
#   7. Debian's nginx (/usr/sbin/nginx) and wrk (/usr/bin/wrk): tests/test_nginx.py runs the
#      README's nginx configuration on a free loopback port of its own, bench/serve.py loads it
#      with wrk; the package's own service (port 80) is never needed, so its failing to start
#      does not fail the setup
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv (python3.11)"
    python3.11 -m venv .venv
else
    echo "setup: .venv exists"
fi
echo "setup: pip install '.[test]'"
.venv/bin/pip install -q --disable-pip-version-check '.[test]'

if [ -d tests/interop/icaljs/node_modules/ical.js ]; then
    echo "setup: ical.js already installed"
elif ! command -v npm >/dev/null; then
    echo "setup: npm is missing: install Node.js 18+ and npm (apt-get install nodejs npm)" >&2
    exit 1
else
    echo "setup: npm ci --prefix tests/interop/icaljs"
    npm ci --prefix tests/interop/icaljs --silent --no-audit --no-fund
fi

missing=""
if [ -x /usr/bin/chromium ]; then
    echo "setup: chromium present ($(/usr/bin/chromium --version 2>/dev/null || echo unknown))"
else
    missing="$missing chromium"
fi
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "setup: postgresql server binaries present"
else
    missing="$missing postgresql"
fi
if [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
    echo "setup: DejaVu fonts present"
else
    missing="$missing fonts-dejavu-core"  # tests/docbuild.py embeds DejaVu Sans in test PDFs
fi
if command -v soffice >/dev/null; then
    echo "setup: LibreOffice present"
else
    missing="$missing libreoffice-writer-nogui"
fi
if [ -n "$missing" ]; then
    echo "setup: apt-get install$missing"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

web=""
if [ -x /usr/sbin/nginx ]; then echo "setup: nginx present"; else web="$web nginx"; fi
if [ -x /usr/bin/wrk ]; then echo "setup: wrk present"; else web="$web wrk"; fi
if [ -n "$web" ]; then
    echo "setup: apt-get install$web"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    # nginx's postinst starts the default site on port 80 and fails if it cannot (port taken,
    # no init system); only the binaries matter here, so check them instead of apt's status
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $web >/dev/null \
        || echo "setup: apt-get reported an error (nginx's service not started?)" >&2
    if [ ! -x /usr/sbin/nginx ] || [ ! -x /usr/bin/wrk ]; then
        echo "setup: /usr/sbin/nginx or /usr/bin/wrk is still missing" >&2
        exit 1
    fi
fi
echo "setup: done"
