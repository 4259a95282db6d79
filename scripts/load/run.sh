#!/usr/bin/env bash
# API latency on a large synthetic event database, on SQLite and PostgreSQL
# (issue 7's bar: p95 under 50 ms for filtered event queries on 1,000,000
# events).
#
#   scripts/load/run.sh [EVENTS] [POSTGRES_ADMIN_URL]
#
# Builds dyad (release), writes EVENTS synthetic events (default 1000000)
# with `dyad synth` into a SQLite file and, when a PostgreSQL URL of a role
# that may create databases is given (or DYAD_TEST_POSTGRES is set), into a
# fresh PostgreSQL database; serves each with `dyad serve` on loopback and
# measures with api_latency.py. Results: target/load/*.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
events=${1:-1000000}
pg_admin=${2:-${DYAD_TEST_POSTGRES:-}}
out=target/load
mkdir -p "$out"
# One cargo build at a time on a small machine.
if command -v flock >/dev/null 2>&1; then flock /tmp/dyad-cargo.lock cargo build --quiet --release; else cargo build --quiet --release; fi
dyad=target/release/dyad

server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
}
trap cleanup EXIT INT TERM

measure() { # label db
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$dyad" serve --db "$2" --addr "127.0.0.1:$port" 2>"$out/$1.serve.log" &
    server=$!
    for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break; sleep 0.1; done
    python3 scripts/load/api_latency.py "http://127.0.0.1:$port" --label "$1" --out "$out/$1.json"
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

sqlite_db="$out/synthetic-$events.db"
if [ ! -f "$sqlite_db" ]; then
    "$dyad" synth --events "$events" --db "$sqlite_db.tmp" && mv "$sqlite_db.tmp" "$sqlite_db"
fi
measure sqlite "$sqlite_db"

if [ -n "$pg_admin" ]; then
    name="dyad_synthetic_$events"
    pg_db="${pg_admin%/*}/$name"
    if ! psql "$pg_admin" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
        # Written under another name and renamed when complete, so an
        # interrupted run is never measured.
        psql "$pg_admin" -qc "DROP DATABASE IF EXISTS ${name}_partial" -qc "CREATE DATABASE ${name}_partial"
        "$dyad" synth --events "$events" --db "${pg_admin%/*}/${name}_partial"
        psql "$pg_admin" -qc "ALTER DATABASE ${name}_partial RENAME TO $name"
    fi
    measure postgres "$pg_db"
fi
