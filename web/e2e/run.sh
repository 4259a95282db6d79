#!/usr/bin/env bash
# Browser tests of the web UI against a real `dyad serve`.
#
#   web/e2e/run.sh path/to/dyad
#
# Makes a temporary database of examples/news (and ../shared/corpus/talks.txt
# when it exists), serves it on a free loopback port, runs web/e2e/browser.mjs
# in Debian's headless Chromium and stops the server. Screenshots go to
# target/screenshots/. Needs node, /usr/bin/chromium (apt-get install
# chromium) and web/node_modules (npm ci, done here when missing).
set -euo pipefail

if [ $# -lt 1 ]; then
    echo "usage: $0 DYAD_BINARY" >&2
    exit 2
fi
dyad=$(realpath "$1")
web=$(cd "$(dirname "$0")/.." && pwd)
repo=$(cd "$web/.." && pwd)
cd "$repo"

if [ ! -x "$dyad" ]; then
    echo "e2e: $dyad is not an executable" >&2
    exit 2
fi
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    echo "e2e: no Chromium at ${CHROMIUM:-/usr/bin/chromium} (apt-get install -y chromium)" >&2
    exit 2
fi
if [ ! -d "$web/node_modules/playwright-core" ]; then
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
fi

tmp=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

db="$tmp/e2e.db"
"$dyad" ingest examples/news --db "$db" >/dev/null
talks=0
if [ -f ../shared/corpus/talks.txt ]; then
    "$dyad" ingest ../shared/corpus/talks.txt --db "$db" >/dev/null
    talks=1
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$dyad" serve --db "$db" --addr "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
    if curl -fsS "$url/api/health" >/dev/null 2>&1; then
        break
    fi
    if ! kill -0 "$server" 2>/dev/null; then
        echo "e2e: dyad serve exited:" >&2
        cat "$tmp/serve.log" >&2
        exit 1
    fi
    sleep 0.2
done
if ! curl -fsS "$url/api/health" >/dev/null; then
    echo "e2e: dyad serve did not answer /api/health on $url" >&2
    cat "$tmp/serve.log" >&2
    exit 1
fi
echo "e2e: dyad serve on $url (talks.txt: $([ $talks = 1 ] && echo yes || echo no))"

DYAD_E2E_TALKS=$talks node "$web/e2e/browser.mjs" "$url"
