#!/usr/bin/env python3
"""Issue 6's bar on ../shared/corpus/talks.txt, analysed with no date given
(the JSON of `dyad analyze --format json` on stdin): the document date is
inferred as the Monday of the Geneva talks (2022-01-10), the NATO-Russia
Council meeting is dated to its Wednesday (2022-01-12) in Brussels and the
OSCE meeting to its Thursday (2022-01-13) in Vienna, and Geneva, Brussels and
Vienna resolve to the cities. Prints what it checked; exits 1 on a miss."""

import json
import sys

d = json.load(sys.stdin)
doc = d["document"]
places = d["places"]
failures = []


def check(ok, what):
    print(("ok      " if ok else "MISSING ") + what)
    if not ok:
        failures.append(what)


check(doc["date"] == "2022-01-10" and doc["date_source"] == "inferred",
      f"document date inferred as 2022-01-10 (got {doc['date']}, {doc['date_source']}: {doc['date_reason']})")


def event(source, date, city):
    for e in d["events"]:
        p = places[e["place"]] if e["place"] is not None else None
        if e["root"] == "04" and e["source"]["code"] == source and e["date"] == date and p and p["name"] == city:
            return True
    return False


check(event("NAT", "2022-01-12", "Brussels"), "NATO-Russia Council meeting on 2022-01-12 in Brussels")
check(event("SCE", "2022-01-13", "Vienna"), "OSCE meeting on 2022-01-13 in Vienna")
cities = {"geneva": ("Geneva", "CH"), "brussels": ("Brussels", "BE"), "vienna": ("Vienna", "AT")}
for text, (name, cc) in cities.items():
    found = [p for p in places if p["text"].lower() == text]
    check(bool(found) and all(p["name"] == name and p["country"] == cc and p["feature"].startswith("PPL") for p in found),
          f"{name} resolves to the city ({[(p['name'], p['feature']) for p in found]})")
sys.exit(1 if failures else 0)
