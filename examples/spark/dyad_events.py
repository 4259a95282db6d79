#!/usr/bin/env python3
"""Run dyad over a partitioned JSONL corpus with Spark and write its events as Parquet.

    spark-submit examples/spark/dyad_events.py CORPUS OUT [--dyad PATH] [--partitions N]
    python examples/spark/dyad_events.py CORPUS OUT ...   # with pyspark pip-installed

CORPUS is a folder of *.jsonl files, a glob or a single file: one JSON object a
line, `{"id", "url", "title", "date", "text"}` (or "html" instead of "text"),
as `dyad analyze --input-format jsonl` reads them. Each partition is piped
through `dyad analyze --format jsonl --input-format jsonl -`, which streams one
analysis a line in input order; every event becomes one row of OUT (Parquet,
overwritten), with its document, CAMEO and PLOVER codes, actors, trigger,
modality, date and place, and the rule that coded it.

`RDD.pipe` starts dyad with an empty environment and no PATH, so the binary is
resolved to an absolute path here, on the driver. On a cluster that path must
exist on every worker (install dyad at the same place on each node).

Lines dyad cannot read (not a JSON object, no "text") are reported on the
executors' stderr and skipped; `--strict` fails the task instead (dyad then
exits non-zero). Either way a dyad that dies mid-partition fails the task only
with `--strict`, so use it when the corpus is known to be clean.
"""

import argparse
import datetime
import json
import os
import shlex
import shutil
import sys

from pyspark import StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql.types import (
    DateType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)

# One row per event. Spans are half-open byte offsets into the document's text.
# dyad's `document.source` is left out: for piped input it is "-:LINE" within a
# partition's stream, which names nothing once the lines are repartitioned;
# `external_id` (the record's "id") and `url` name the record.
SCHEMA = StructType(
    [
        StructField("doc_id", StringType(), False),  # content hash of the text
        StructField("external_id", StringType(), True),  # the record's "id"
        StructField("url", StringType(), True),
        StructField("title", StringType(), True),
        StructField("doc_date", DateType(), True),
        StructField("idx", IntegerType(), False),  # the event's index in its document
        StructField("code", StringType(), False),  # CAMEO event code
        StructField("root", StringType(), False),
        StructField("label", StringType(), False),
        StructField("quad", IntegerType(), False),
        StructField("goldstein", DoubleType(), False),
        StructField("plover", StringType(), False),  # "" when PLOVER has none
        StructField("plover_mode", StringType(), False),
        StructField("source_text", StringType(), False),
        StructField("source_code", StringType(), True),
        StructField("target_text", StringType(), True),
        StructField("target_code", StringType(), True),
        StructField("trigger_text", StringType(), False),
        StructField("trigger_start", IntegerType(), False),
        StructField("trigger_end", IntegerType(), False),
        StructField("sentence_idx", IntegerType(), False),
        StructField("modality", StringType(), False),
        StructField("date", DateType(), True),  # first day of date_value, else the document's date
        StructField("date_value", StringType(), True),  # TIMEX3 value (2026-04-12, 2026-W15, ...)
        StructField("date_from", StringType(), False),  # "text" or "document"
        StructField("place_name", StringType(), True),
        StructField("place_geonameid", LongType(), True),
        StructField("place_country", StringType(), True),
        StructField("lat", DoubleType(), True),
        StructField("lon", DoubleType(), True),
        StructField("rule", StringType(), False),
        StructField("reason", StringType(), False),
    ]
)


def parse_day(value):
    """A `YYYY-MM-DD` string as a date; None for anything else."""
    if not value or len(value) != 10:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def as_float(value):
    return None if value is None else float(value)


def event_rows(line):
    """The events of one line of `dyad analyze --format jsonl` as tuples in SCHEMA's order."""
    analysis = json.loads(line)
    doc = analysis["document"]
    times = analysis.get("times") or []
    places = analysis.get("places") or []
    doc_date = parse_day(doc.get("date"))
    rows = []
    for idx, event in enumerate(analysis.get("events") or []):
        source = event["source"]
        target = event.get("target") or {}
        time = event.get("time")
        if time is not None and time < len(times):
            days = times[time].get("days")
            date, date_from = (parse_day(days[0]) if days else None), "text"
        else:
            date, date_from = doc_date, "document"
        place = event.get("place")
        place = places[place] if place is not None and place < len(places) else {}
        trigger = event["trigger"]["span"]
        rows.append(
            (
                doc["id"],
                doc.get("external_id"),
                doc.get("url"),
                doc.get("title"),
                doc_date,
                idx,
                event["code"],
                event["root"],
                event["label"],
                int(event["quad"]),
                float(event["goldstein"]),
                event.get("plover") or "",
                event.get("plover_mode") or "",
                source["text"],
                source.get("code"),
                target.get("text"),
                target.get("code"),
                event["trigger_text"],
                trigger[0],
                trigger[1],
                event["sentence"],
                event["modality"],
                date,
                event.get("date"),
                date_from,
                place.get("name"),
                place.get("geonameid"),
                place.get("country") or None,
                as_float(place.get("lat")),
                as_float(place.get("lon")),
                event["rule"],
                event["reason"],
            )
        )
    return rows


def resolve_dyad(path):
    """The absolute path of the dyad binary: `RDD.pipe` runs it without PATH."""
    found = shutil.which(path) if os.sep not in path else path
    if not found or not os.path.isfile(found) or not os.access(found, os.X_OK):
        sys.exit(f"dyad_events: no executable dyad at {path!r} (give --dyad PATH)")
    return os.path.abspath(found)


def input_paths(path):
    """A folder means its *.jsonl files; anything else (file, glob, URI) is given to Spark as is."""
    if os.path.isdir(path):
        return os.path.join(path, "*.jsonl")
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="folder of *.jsonl files, a glob or a file")
    parser.add_argument("output", help="Parquet folder to write (overwritten)")
    parser.add_argument("--dyad", default="dyad", help="the dyad binary (default: dyad on PATH)")
    parser.add_argument("--partitions", type=int, default=0, help="repartition the lines into N partitions")
    parser.add_argument("--strict", action="store_true", help="fail when dyad exits non-zero (an unreadable line)")
    parser.add_argument("--date", help="date (YYYY-MM-DD) of records that carry none, passed to dyad")
    args = parser.parse_args(argv)

    command = [resolve_dyad(args.dyad), "analyze", "--format", "jsonl", "--input-format", "jsonl"]
    if args.date:
        command += ["--date", args.date]
    command.append("-")

    spark = SparkSession.builder.appName("dyad-events").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    sc = spark.sparkContext

    lines = sc.textFile(input_paths(args.input)).filter(lambda line: line.strip())
    if args.partitions > 0:
        lines = lines.repartition(args.partitions)
    # pipe() splits the command with shlex, so quote it; the environment is empty.
    analyses = lines.pipe(shlex.join(command), checkCode=args.strict)
    # One element per document: the list of its event rows. Kept so that
    # counting the documents and writing the events run dyad once.
    per_doc = analyses.map(event_rows).persist(StorageLevel.MEMORY_AND_DISK)
    n_documents = per_doc.count()

    events = spark.createDataFrame(per_doc.flatMap(lambda rows: rows), SCHEMA)
    events.write.mode("overwrite").parquet(args.output)
    n_events = per_doc.map(len).sum()
    per_doc.unpersist()

    print(f"dyad_events: {n_documents} documents, {n_events} events -> {args.output}", flush=True)
    spark.stop()


if __name__ == "__main__":
    main()
