#!/usr/bin/env bash
# A/B speed of two or more dyad binaries on one `dyad bench` stage, run
# alternately (A, B, A, B, …) so that the minutes when the machine is slower
# fall on every binary alike. On a shared VM one run against another says
# little: speed swings by 5–10% from minute to minute.
#
#   bench/ab.sh [-n ROUNDS] [-s STAGE] [-t SECONDS] BIN_A BIN_B [BIN…]
#
#   -n ROUNDS   runs of each binary (default 5)
#   -s STAGE    the stage, as `dyad bench --stage` takes it (default
#               `end-to-end`; others: `tag (`, `tag + chunk`, `analyze (`)
#   -t SECONDS  `dyad bench --seconds` of each run (default 1)
#
# DATA (default ../shared/data beside the repository) is passed to `dyad
# bench --data`. One thread. Prints, per binary, the best and the median
# documents/s and tokens/s over its runs, and every run's documents/s; the
# best is the run least disturbed by other work on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=5
stage=end-to-end
seconds=1
while getopts "n:s:t:" opt; do
    case $opt in
        n) rounds=$OPTARG ;;
        s) stage=$OPTARG ;;
        t) seconds=$OPTARG ;;
        *) echo "usage: $0 [-n ROUNDS] [-s STAGE] [-t SECONDS] BIN_A BIN_B [BIN…]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
if [[ $# -lt 2 ]]; then
    echo "usage: $0 [-n ROUNDS] [-s STAGE] [-t SECONDS] BIN_A BIN_B [BIN…]" >&2
    exit 2
fi
data=${DATA:-../shared/data}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-ab.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

for round in $(seq "$rounds"); do
    for i in $(seq $#); do
        bin=${!i}
        "$bin" bench --data "$data" --stage "$stage" --threads 1 --seconds "$seconds" --out "$tmp/$i.$round.json" >/dev/null
    done
done

python3 - "$tmp" "$rounds" "$stage" "$@" <<'EOF'
import json, statistics, sys

tmp, rounds, stage, binaries = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
print(f"stage containing {stage!r}, one thread, {rounds} alternated runs each")
for i, binary in enumerate(binaries, 1):
    runs = []
    for r in range(1, rounds + 1):
        stages = json.load(open(f"{tmp}/{i}.{r}.json"))["stages"]
        found = [s for s in stages if stage in s["stage"] and s["threads"] == 1]
        if not found:
            sys.exit(f"{binary}: no one-thread stage containing {stage!r}")
        runs.append(found[0])
    docs = sorted(s["documents_per_second"] for s in runs)
    tokens = sorted(s["tokens_per_second"] for s in runs)
    print(f"{binary}\n  best {docs[-1]:8.1f} docs/s {tokens[-1]:10.0f} tokens/s"
          f"   median {statistics.median(docs):8.1f} docs/s {statistics.median(tokens):10.0f} tokens/s"
          f"\n  runs (docs/s): {' '.join(f'{d:.1f}' for d in docs)}")
EOF
