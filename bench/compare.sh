#!/usr/bin/env bash
# Side-by-side throughput of dyad and spaCy 3.8 NER on the same corpus, in the
# same run, both on one core.
#
#   bench/compare.sh DYAD_BIN [DATA_DIR]
#
# DATA_DIR (default: ../shared/data beside the repository) holds the treebanks
# that `dyad bench` builds its corpus from. spaCy is installed from PyPI into a
# temporary virtual environment that is removed on exit; its trained small
# English model is not on PyPI, so bench/spacy_ner.py times the same network
# with untrained weights (see there). Prints both figures and the ratio
# dyad/spaCy, and writes them to target/bench/compare.json.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $0 DYAD_BIN [DATA_DIR]" >&2
    exit 2
fi
repo=$(cd "$(dirname "$0")/.." && pwd)
dyad=$1
data=${2:-$repo/../shared/data}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "installing spaCy 3.8 into a temporary virtual environment..." >&2
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet 'spacy>=3.8,<3.9'
py=$tmp/venv/bin/python

# Both systems read the very same documents: dyad writes its bench corpus out.
"$dyad" bench --data "$data" --write-corpus "$tmp/corpus.jsonl"

echo "timing dyad (end-to-end, 1 thread)..." >&2
"$dyad" bench --data "$data" --stage end-to-end --threads 1 --out "$tmp/dyad.json" >&2
echo "timing spaCy (NER, 1 process)..." >&2
# One pass of minutes is stable enough; batches of 64 keep its memory small.
"$py" "$repo/bench/spacy_ner.py" "$tmp/corpus.jsonl" --runs 1 --batch-size 64 --out "$tmp/spacy.json" >/dev/null

mkdir -p "$repo/target/bench"
"$py" - "$tmp/dyad.json" "$tmp/spacy.json" "$repo/target/bench/compare.json" <<'EOF'
import json, sys

dyad_run, spacy, out = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
dyad = next(s for s in dyad_run["stages"] if s["stage"].startswith("end-to-end") and s["threads"] == 1)
# The ratios only mean something if both systems read the same documents.
if dyad["documents"] != spacy["documents"]:
    sys.exit(f"corpus mismatch: dyad timed {dyad['documents']} documents, spaCy {spacy['documents']}")
if dyad["bytes"] != spacy["bytes"]:
    print(f"warning: dyad counts {dyad['bytes']} bytes, spaCy {spacy['bytes']}", file=sys.stderr)

# Token counts differ between the two tokenizers, so only documents/s and
# bytes/s are compared; tokens/s is shown for information.
ratio = {k: dyad[k] / spacy[k] for k in ("documents_per_second", "bytes_per_second")}
print(f"corpus: {spacy['documents']} documents, {spacy['bytes']} bytes; one core each")
for name, r in ((f"dyad {dyad['stage']}", dyad), (f"{spacy['system']}, weights {spacy['weights']}", spacy)):
    print(f"{name}\n  {r['documents_per_second']:10.1f} docs/s {r['bytes_per_second']:12.0f} bytes/s {r['tokens_per_second']:10.0f} tokens/s")
print(f"ratio dyad/spaCy: {ratio['documents_per_second']:.1f}x documents/s, {ratio['bytes_per_second']:.1f}x bytes/s")
json.dump({"dyad": dyad, "spacy": spacy, "ratio_dyad_over_spacy": ratio}, open(out, "w"), indent=2)
print(f"wrote {out}")
EOF
