#!/usr/bin/env python3
"""Latency of filtered event queries against a running `dyad serve`.

    api_latency.py URL [--requests 400] [--seed 1] [--out result.json]

Sends one request at a time (after a warm-up round) drawn from a fixed mix
of the filters analysts use: an actor, a dyad, a CAMEO root or code, a quad
class with a date range, a PLOVER type with an actor, a place, a modality,
words of the sentence, and the second page of a filtered list (through its
cursor). Prints p50/p95/p99 per kind and over all, and writes them as JSON.
Standard library only.
"""

import argparse
import json
import random
import statistics
import sys
import time
import urllib.parse
import urllib.request

COUNTRIES = ["USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "ISR", "IRN", "TUR", "IND", "PAK", "SYR", "IRQ",
             "AFG", "SAU", "EGY", "JPN", "PRK", "KOR", "BRA", "MEX", "NGA", "ZAF", "ETH", "SDN", "LBY", "YEM",
             "VEN", "COL", "POL", "ITA", "ESP", "CAN", "AUS", "IDN", "PHL", "MMR", "THA", "VNM", "KEN", "SOM",
             "MLI", "NER", "BLR", "GEO", "ARM", "AZE", "SRB", "HUN"]
ROOTS = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17",
         "18", "19", "20"]
CODES = ["010", "020", "036", "040", "042", "043", "046", "051", "057", "061", "071", "111", "112", "120",
         "130", "138", "141", "160", "172", "173", "190", "193", "195"]
PLOVER = ["CONSULT", "AGREE", "SUPPORT", "ACCUSE", "DEMAND", "THREATEN", "PROTEST", "COERCE", "ASSAULT",
          "REQUEST", "AID", "REJECT"]
PLACES = ["Geneva", "Brussels", "Vienna", "Moscow", "Beijing", "Washington", "Kyiv", "London", "Paris", "Berlin",
          "CH", "RU", "CN", "UA", "FR"]
MODALITIES = ["future", "negated", "conditional", "demanded"]
# Words of the synthetic sentences' topics, from common to rare (dyad synth
# draws topics by a Zipf law), and words every sentence has.
WORDS = ["security", "trade", "border", "sanctions", "ceasefire", "grain exports", "drone strikes", "pipeline",
         "peace talks", "rare earths", "ransom", "landmines", "officials met"]


def month_range(rng):
    year = rng.choice([2019, 2020, 2021, 2022])
    month = rng.randint(1, 10)
    return f"{year}-{month:02d}-01", f"{year}-{month + 2:02d}-28"


def queries(rng):
    """(kind, params) pairs; each kind as often as the others."""
    since, until = month_range(rng)
    a, b = rng.sample(COUNTRIES[:20], 2)
    return [
        ("actor", {"actor": rng.choice(COUNTRIES)}),
        ("actor+dates", {"actor": rng.choice(COUNTRIES), "since": since, "until": until}),
        ("dyad", {"dyad": f"{a}-{b}"}),
        ("root", {"code": rng.choice(ROOTS)}),
        ("code+actor", {"code": rng.choice(CODES), "actor": rng.choice(COUNTRIES[:10])}),
        ("quad+dates", {"quad": str(rng.randint(1, 4)), "since": since, "until": until}),
        ("plover+actor", {"plover": rng.choice(PLOVER), "actor": rng.choice(COUNTRIES[:15])}),
        ("source+target", {"source": a + "GOV", "target": b}),
        ("place", {"place": rng.choice(PLACES)}),
        ("modality", {"modality": rng.choice(MODALITIES), "actor": rng.choice(COUNTRIES[:10])}),
        ("text", {"q": rng.choice(WORDS), "actor": rng.choice(COUNTRIES[:10])}),
        ("next-page", {"actor": rng.choice(COUNTRIES[:20]), "code": rng.choice(ROOTS[:5])}),
    ]


def get(base, params):
    url = f"{base}/api/events?{urllib.parse.urlencode(params)}"
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, json.loads(body)


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--requests", type=int, default=480)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--label", default="")
    parser.add_argument("--out")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    health = json.loads(urllib.request.urlopen(f"{base}/api/health", timeout=10).read())
    stats = json.loads(urllib.request.urlopen(f"{base}/api/stats", timeout=600).read())

    rng = random.Random(args.seed)
    # Warm-up: one round of every kind, not measured.
    for _, params in queries(random.Random(args.seed + 1000)):
        get(base, params)
    timings = {}
    n_rows = 0
    while sum(len(v) for v in timings.values()) < args.requests:
        for kind, params in queries(rng):
            if kind == "next-page":
                _, first = get(base, params)
                if not first["next"]:
                    continue
                params = dict(params, cursor=first["next"])
            elapsed, page = get(base, params)
            n_rows += len(page["items"])
            timings.setdefault(kind, []).append(elapsed)
    every = [t for v in timings.values() for t in v]
    result = {
        "label": args.label,
        "backend": health.get("backend"),
        "n_events": stats.get("n_events"),
        "n_requests": len(every),
        "rows_returned": n_rows,
        "ms": {"p50": percentile(every, 50), "p95": percentile(every, 95), "p99": percentile(every, 99),
               "max": max(every), "mean": statistics.fmean(every)},
        "by_kind": {k: {"n": len(v), "p50": percentile(v, 50), "p95": percentile(v, 95), "max": max(v)}
                    for k, v in sorted(timings.items())},
    }
    print(f"{result['backend']} · {result['n_events']} events · {len(every)} filtered event queries, one at a time")
    for kind, t in result["by_kind"].items():
        print(f"  {kind:14} n={t['n']:4}  p50 {t['p50']:7.1f} ms  p95 {t['p95']:7.1f} ms  max {t['max']:7.1f} ms")
    m = result["ms"]
    print(f"  {'all':14} n={len(every):4}  p50 {m['p50']:7.1f} ms  p95 {m['p95']:7.1f} ms  p99 {m['p99']:7.1f} ms  max {m['max']:7.1f} ms")
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
