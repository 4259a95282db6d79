#!/usr/bin/env bash
# Load test of `dyad serve`: mixed reads (bench/load.lua) driven by wrk on
# loopback while `dyad ingest` writes new documents into the same SQLite
# database the whole time. The bar: no failed request.
#
#   bench/load.sh [DURATION]          (default 60s)
#
# Environment: CONNECTIONS (connection counts tried, default "2 4 8 16 64"),
# PROBE (how long each is tried, default 10s), THREADS (wrk threads,
# default 2), ROUND (documents per ingest round, default 1000), DATA
# (default ../shared/data beside the repository).
#
# Installs wrk with apt-get when it is missing; builds the release binary
# (one cargo build at a time: /tmp/dyad-cargo.lock); makes a temporary
# database holding examples/news and a seed corpus (`dyad bench
# --write-corpus` from DATA, else the examples themselves); serves it on a
# free port of 127.0.0.1; starts rounds of `dyad ingest`, each of ROUND new
# documents (the seed corpus with a line that makes each text new), one
# after the other until the end; tries each connection count for PROBE (wrk
# is closed-loop: each connection sends its next request when the answer
# comes, so the rate is the highest the machine sustains at that
# concurrency) and runs DURATION at the one with the most requests/s and no
# error. Prints wrk's report and one summary line; exits 1 when any request
# failed (an answer other than 2xx/3xx, or a socket error or timeout), any
# ingest round failed, or the server stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
duration=${1:-${DURATION:-60s}}
connections=${CONNECTIONS:-2 4 8 16 64}
probe=${PROBE:-10s}
threads=${THREADS:-2}
round_size=${ROUND:-1000}
data=${DATA:-$repo/../shared/data}

if ! command -v wrk >/dev/null 2>&1; then
    echo "load: installing wrk..." >&2
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi
for tool in wrk curl python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "load: $tool is needed" >&2; exit 2; }
done

echo "load: building the release binary..." >&2
flock -o /tmp/dyad-cargo.lock cargo build --release --quiet
dyad=$repo/target/release/dyad

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-load.XXXXXX")
server=""
ingest_loop=""
cleanup() {
    touch "$tmp/stop" 2>/dev/null || true
    if [ -n "$ingest_loop" ]; then
        if [ -s "$tmp/ingest.pid" ]; then kill "$(cat "$tmp/ingest.pid")" 2>/dev/null || true; fi
        kill "$ingest_loop" 2>/dev/null || true
        wait "$ingest_loop" 2>/dev/null || true
    fi
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
db=$tmp/load.db

# The seed corpus: JSONL records {"id", "text"}.
if [ -d "$data" ]; then
    "$dyad" bench --data "$data" --write-corpus "$tmp/corpus.jsonl" 2>/dev/null
else
    echo "load: no $data: the seed corpus is examples/news" >&2
    python3 - "$repo/examples/news" "$tmp/corpus.jsonl" <<'EOF'
import json, pathlib, sys
folder, out = pathlib.Path(sys.argv[1]), sys.argv[2]
records = []
for path in sorted(folder.iterdir()):
    if path.suffix == ".txt" and path.name != "README.md":
        records.append({"id": path.stem, "text": path.read_text()})
    elif path.suffix == ".jsonl":
        records += [r for r in map(json.loads, filter(str.strip, path.open())) if r.get("text")]
with open(out, "w") as f:
    for r in records:
        f.write(json.dumps({"id": str(r.get("id", len(records))), "text": r["text"]}) + "\n")
EOF
fi
n_seed=$(wc -l <"$tmp/corpus.jsonl")
echo "load: seeding the database: examples/news and $n_seed corpus documents..." >&2
"$dyad" ingest examples/news --db "$db" >/dev/null 2>&1
"$dyad" ingest "$tmp/corpus.jsonl" --db "$db" >/dev/null 2>"$tmp/seed.log" || { cat "$tmp/seed.log" >&2; exit 2; }

# Round R of the concurrent ingest: ROUND documents of the corpus, each text
# made new by a last line naming the round.
make_round() { # round file
    python3 - "$tmp/corpus.jsonl" "$1" "$round_size" "$2" <<'EOF'
import json, sys
corpus, round_no, n, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
records = [json.loads(line) for line in open(corpus) if line.strip()]
with open(out, "w") as f:
    for i in range(n):
        r = records[(round_no * n + i) % len(records)]
        text = r["text"].rstrip() + f"\n\nLoad test copy {round_no}.{i}.\n"
        f.write(json.dumps({"id": f"load-{round_no}-{i}", "text": text}) + "\n")
EOF
}

"$dyad" serve --db "$db" --addr 127.0.0.1:0 2>"$tmp/serve.log" &
server=$!
addr=""
for _ in $(seq 1 200); do
    addr=$(sed -n 's|.*listening on http://\([0-9.:]*\).*|\1|p' "$tmp/serve.log" | head -1)
    [ -n "$addr" ] && curl -fsS "http://$addr/api/health" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$tmp/serve.log" >&2; exit 2; }
    sleep 0.1
done
[ -n "$addr" ] || { echo "load: the server did not start" >&2; cat "$tmp/serve.log" >&2; exit 2; }
url=http://$addr
ids=$(curl -fsS "$url/api/documents?limit=200" | python3 -c 'import json, sys; print(" ".join(d["id"] for d in json.load(sys.stdin)["items"]))')
n_before=$(curl -fsS "$url/api/stats" | python3 -c 'import json, sys; print(json.load(sys.stdin)["n_documents"])')

# The ingest rounds, one after the other, until told to stop.
(
    round=0
    while [ ! -e "$tmp/stop" ]; do
        round=$((round + 1))
        make_round "$round" "$tmp/round.jsonl"
        "$dyad" ingest "$tmp/round.jsonl" --db "$db" >>"$tmp/ingest.log" 2>&1 &
        echo $! >"$tmp/ingest.pid"
        if wait $!; then
            echo "$round" >"$tmp/rounds"
        elif [ ! -e "$tmp/stop" ]; then
            echo "round $round failed" >>"$tmp/ingest.failures"
        fi
    done
) &
ingest_loop=$!
# Reads start once the first round is writing.
for _ in $(seq 1 100); do [ -s "$tmp/ingest.pid" ] && break; sleep 0.1; done
sleep 2

failed_runs=0
run_wrk() { # connections duration out
    wrk -t"$threads" -c"$1" -d"$2" --latency --timeout 60s -s bench/load.lua "$url" -- $ids >"$3" 2>"$3.err" || true
    local line errors
    line=$(grep '^dyad-load:' "$3" || echo "dyad-load: wrk failed")
    errors=$(sed -n 's/.*non-2xx\/3xx \([0-9]*\), socket errors \([0-9]*\).*/\1 \2/p' <<<"$line")
    if [ -z "$errors" ] || [ "$errors" != "0 0" ]; then
        failed_runs=$((failed_runs + 1))
        cat "$3.err" >&2
    fi
}

best=""
best_rate=0
for c in $connections; do
    [ "$c" -ge "$threads" ] || continue
    run_wrk "$c" "$probe" "$tmp/probe-$c.txt"
    line=$(grep '^dyad-load:' "$tmp/probe-$c.txt" || echo "dyad-load: wrk failed")
    echo "load: probe, $c connections, $probe: ${line#dyad-load: }"
    rate=$(sed -n 's/.* \([0-9.]*\) requests\/s.*/\1/p' <<<"$line")
    if grep -q 'non-2xx/3xx 0, socket errors 0 ' <<<"$line" && python3 -c "import sys; sys.exit(not float('${rate:-0}') > float('$best_rate'))"; then
        best=$c
        best_rate=$rate
    fi
done
if [ -z "$best" ]; then
    echo "load: every connection count had errors" >&2
    best=${connections%% *}
fi

echo "load: $duration at $best connections ($threads wrk threads), ingest running..."
rounds_before=$(cat "$tmp/rounds" 2>/dev/null || echo 0)
docs_before=$(curl -fsS "$url/api/stats" | python3 -c 'import json, sys; print(json.load(sys.stdin)["n_documents"])')
run_wrk "$best" "$duration" "$tmp/run.txt"
docs_after=$(curl -fsS "$url/api/stats" | python3 -c 'import json, sys; print(json.load(sys.stdin)["n_documents"])' || echo "$docs_before")
rounds_after=$(cat "$tmp/rounds" 2>/dev/null || echo 0)
ingest_running=yes
kill -0 "$ingest_loop" 2>/dev/null || ingest_running=no
touch "$tmp/stop"
cat "$tmp/run.txt"

status=0
summary=$(grep '^dyad-load:' "$tmp/run.txt" || echo "dyad-load: wrk failed")
echo "load: SQLite, $n_seed seed documents (+ examples/news), $duration, $best connections, $threads wrk threads"
echo "load: ingest during the run: $((docs_after - docs_before)) documents stored ($docs_before -> $docs_after; rounds of $round_size completed: $((rounds_after - rounds_before)); still running at the end: $ingest_running)"
echo "load: ${summary#dyad-load: }"
[ "$failed_runs" -eq 0 ] || { echo "load: FAILED: $failed_runs wrk runs had failed requests" >&2; status=1; }
[ ! -s "$tmp/ingest.failures" ] || { echo "load: FAILED: $(cat "$tmp/ingest.failures")" >&2; tail -5 "$tmp/ingest.log" >&2; status=1; }
[ "$ingest_running" = yes ] || { echo "load: FAILED: the ingest loop stopped early" >&2; status=1; }
kill -0 "$server" 2>/dev/null || { echo "load: FAILED: the server stopped" >&2; cat "$tmp/serve.log" >&2; status=1; }
[ "$n_before" -gt 0 ] || status=1
exit $status
