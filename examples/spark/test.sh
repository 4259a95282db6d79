#!/usr/bin/env bash
# Runs examples/spark/dyad_events.py on a small partitioned corpus in local
# mode and checks its Parquet against dyad run directly on the same records.
#
#   examples/spark/test.sh DYAD_BIN
#
# Needs python3 (with venv) and Java 17 (Debian: openjdk-17-jre-headless).
# Installs pyspark into a fresh venv in a temp folder, or into / from
# $SPARK_VENV when set (created there if missing, reused otherwise). Nothing
# is downloaded after the pip install: Spark runs offline on 127.0.0.1.
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 DYAD_BIN" >&2
    exit 2
fi
DYAD=$(realpath "$1")
if [[ ! -x $DYAD ]]; then
    echo "spark: $1 is not an executable dyad binary" >&2
    exit 2
fi
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
NEWS=$REPO/examples/news

if ! command -v java >/dev/null 2>&1; then
    echo "spark: java not found; install Debian's openjdk-17-jre-headless" \
        "(apt-get install -y openjdk-17-jre-headless)" >&2
    exit 1
fi
JAVA_MAJOR=$(java -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
if [[ -z $JAVA_MAJOR || $JAVA_MAJOR -lt 17 ]]; then
    echo "spark: Java ${JAVA_MAJOR:-?} found, Spark 4 needs 17 or later;" \
        "install Debian's openjdk-17-jre-headless" >&2
    exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dyad-spark.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

VENV=${SPARK_VENV:-$WORK/venv}
PY=$VENV/bin/python
if [[ -x $PY ]] && "$PY" -c 'import pyspark' 2>/dev/null; then
    echo "spark: reusing $VENV (pyspark $("$PY" -c 'import pyspark; print(pyspark.__version__)'))"
else
    start=$SECONDS
    python3 -m venv "$VENV" || {
        echo "spark: python3 -m venv failed (Debian: apt-get install -y python3-venv)" >&2
        exit 1
    }
    "$PY" -m pip install --quiet --disable-pip-version-check 'pyspark>=3.5'
    echo "spark: installed pyspark $("$PY" -c 'import pyspark; print(pyspark.__version__)')" \
        "into $VENV in $((SECONDS - start)) s"
fi

# Spark's own settings for this run: local, on the loopback address, no web
# UI, no progress bar, log level WARN (and quieter for known harmless noise).
export SPARK_CONF_DIR=$WORK/conf
mkdir -p "$SPARK_CONF_DIR"
cat >"$SPARK_CONF_DIR/spark-defaults.conf" <<'EOF'
spark.master                      local[2]
spark.driver.host                 127.0.0.1
spark.driver.bindAddress          127.0.0.1
spark.driver.memory               1g
spark.ui.enabled                  false
spark.ui.showConsoleProgress      false
spark.sql.shuffle.partitions      4
spark.sql.debug.maxToStringFields 100
EOF
cat >"$SPARK_CONF_DIR/log4j2.properties" <<'EOF'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
logger.native.name = org.apache.hadoop.util.NativeCodeLoader
logger.native.level = error
EOF
export SPARK_LOCAL_IP=127.0.0.1
export SPARK_LOCAL_DIRS=$WORK/spark-local
export PYSPARK_PYTHON=$PY
export PYSPARK_DRIVER_PYTHON=$PY
# A SPARK_HOME from elsewhere would pick another Spark than the venv's.
unset SPARK_HOME

# The corpus: each article of examples/news as one record (text files as
# "text", HTML pages as "html", JSONL files record by record), plus one record
# without events and a blank line, dealt over three files.
CORPUS=$WORK/corpus
mkdir -p "$CORPUS"
python3 - "$NEWS" "$CORPUS" <<'EOF'
import json, os, sys

news, corpus = sys.argv[1:]
records = []
for name in sorted(os.listdir(news)):
    path = os.path.join(news, name)
    stem, ext = os.path.splitext(name)
    if ext == ".txt":
        with open(path, encoding="utf-8") as f:
            records.append(json.dumps({"id": stem, "text": f.read()}, ensure_ascii=False))
    elif ext in (".html", ".htm"):
        with open(path, encoding="utf-8") as f:
            records.append(json.dumps({"id": stem, "html": f.read()}, ensure_ascii=False))
    elif ext in (".jsonl", ".ndjson"):
        with open(path, encoding="utf-8") as f:
            records.extend(line.rstrip("\n") for line in f if line.strip())
records.append(json.dumps({"id": "no-events", "date": "2026-04-20", "text": "Weather: mild, with light rain in the afternoon."}))
files = [[] for _ in range(3)]
for i, record in enumerate(records):
    files[i % 3].append(record)
files[1].insert(1, "")
for i, lines in enumerate(files):
    with open(os.path.join(corpus, f"part-{i}.jsonl"), "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))
print(f"spark: corpus of {len(records)} records in {len(files)} files")
EOF

# What dyad prints for the same records, run directly.
cat "$CORPUS"/part-*.jsonl |
    "$DYAD" analyze --format jsonl --input-format jsonl - >"$WORK/direct.jsonl"
python3 - "$WORK/direct.jsonl" "$WORK/expected.json" <<'EOF'
import json, sys

keys = []
for line in open(sys.argv[1], encoding="utf-8"):
    analysis = json.loads(line)
    for idx, event in enumerate(analysis.get("events") or []):
        keys.append([analysis["document"]["id"], idx, event["code"], event["trigger"]["span"][0]])
docs = sorted({k[0] for k in keys})
json.dump({"documents": len(docs), "events": len(keys), "keys": sorted(keys)}, open(sys.argv[2], "w"))
EOF

start=$SECONDS
"$VENV/bin/spark-submit" --master 'local[2]' "$HERE/dyad_events.py" \
    "$CORPUS" "$WORK/events.parquet" --dyad "$DYAD" --partitions 3 --strict \
    | tee "$WORK/job.out"
echo "spark: job ran in $((SECONDS - start)) s"

"$PY" - "$WORK/events.parquet" "$WORK/expected.json" <<'EOF'
import json, sys
from pyspark.sql import SparkSession

parquet, expected = sys.argv[1:]
expected = json.load(open(expected))
spark = SparkSession.builder.master("local[2]").appName("dyad-events-check").getOrCreate()
spark.sparkContext.setLogLevel("WARN")
events = spark.read.parquet(parquet)
n_docs = events.select("doc_id").distinct().count()
n_events = events.count()
keys = sorted([r.doc_id, r.idx, r.code, r.trigger_start] for r in events.select("doc_id", "idx", "code", "trigger_start").collect())
types = dict(events.dtypes)
spark.stop()

errors = []
if n_docs != expected["documents"]:
    errors.append(f"{n_docs} documents in the Parquet, {expected['documents']} with events from dyad directly")
if n_events != expected["events"]:
    errors.append(f"{n_events} events in the Parquet, {expected['events']} from dyad directly")
if keys != expected["keys"]:
    errors.append("the events (document, index, code, trigger) differ from dyad's")
for column, kind in [("goldstein", "double"), ("quad", "int"), ("date", "date"), ("lat", "double"), ("trigger_start", "int")]:
    if types.get(column) != kind:
        errors.append(f"column {column} is {types.get(column)}, not {kind}")
if expected["events"] == 0:
    errors.append("dyad found no events in the corpus: nothing was tested")
for error in errors:
    print(f"spark: {error}", file=sys.stderr)
if errors:
    sys.exit(1)
print(f"spark: {n_docs} documents, {n_events} events, ok")
EOF
