#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ one after another.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS (default 600) is each target's time; it also stops after 5,000,000
# executions, whichever comes first. TARGET defaults to every target in
# fuzz/fuzz_targets. Each target works on fuzz/corpus/<target> (kept between
# runs, not committed), seeded from our fixtures as they are in the
# repository (testdata/fixtures and examples/news), and for petrarch from
# fuzz/seeds/petrarch (inputs that start with the target's mode byte);
# crashes, hangs and
# OOMs are written to fuzz/artifacts/<target>/, libFuzzer's output to
# fuzz/artifacts/<target>.log. Prints one line per target:
#
#   <target>: <executions> executions, <seconds> s, ok | <crash file>
#
# and exits 1 if any target failed. Installs cargo-fuzz when it is missing;
# uses the nightly toolchain when rustup has one, else stable with
# RUSTC_BOOTSTRAP=1. Compiling steps take the lock $DYAD_CARGO_LOCK
# (default /tmp/dyad-cargo.lock) so they do not run beside other builds;
# the fuzzers themselves run without it.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
if [ $# -gt 0 ]; then shift; fi
if ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
    exit 2
fi
if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=()
    for f in fuzz/fuzz_targets/*.rs; do targets+=("$(basename "$f" .rs)"); done
fi
for t in "${targets[@]}"; do
    if [ ! -f "fuzz/fuzz_targets/$t.rs" ]; then
        echo "fuzz.sh: no target $t (fuzz/fuzz_targets/$t.rs)" >&2
        exit 2
    fi
done

lock=${DYAD_CARGO_LOCK:-/tmp/dyad-cargo.lock}
locked() {
    if command -v flock >/dev/null 2>&1; then flock -o "$lock" "$@"; else "$@"; fi
}

if ! cargo fuzz --version >/dev/null 2>&1; then
    locked cargo install cargo-fuzz --locked
fi
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    fuzz=(cargo +nightly fuzz)
else
    export RUSTC_BOOTSTRAP=1
    fuzz=(cargo fuzz)
fi

# One build of every target (release, debug assertions, AddressSanitizer).
(cd fuzz && locked "${fuzz[@]}" build)
triple=$(rustc -vV | sed -n 's/^host: //p')
bin_dir=fuzz/target/$triple/release

failed=0
for t in "${targets[@]}"; do
    corpus=fuzz/corpus/$t
    artifacts=fuzz/artifacts/$t
    log=fuzz/artifacts/$t.log
    mkdir -p "$corpus" "$artifacts"
    if [ -d "fuzz/seeds/$t" ]; then seeds=("fuzz/seeds/$t"); else seeds=(testdata/fixtures examples/news); fi
    start=$(date +%s)
    set +e
    # New inputs go to the first folder; the seeds are read, never written.
    "$bin_dir/$t" -max_total_time="$seconds" -runs=5000000 -rss_limit_mb=4096 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "${seeds[@]}" >"$log" 2>&1
    status=$?
    set -e
    elapsed=$(($(date +%s) - start))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ -z "$execs" ]; then
        execs=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    fi
    if [ "$status" -eq 0 ]; then
        result=ok
    else
        failed=1
        result=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        result=${result:-"failed (exit $status), see $log"}
    fi
    echo "$t: ${execs:-0} executions, $elapsed s, $result"
done
exit "$failed"
