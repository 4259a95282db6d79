#!/usr/bin/env python3
"""Sanity checks for the testdata/times evaluation set (python3 >= 3.11).

    python3 testdata/times/check.py

Checks that every file parses, ids are unique, every gold `text` occurs in
its passage (the nth time), values are well formed for their type, and
recomputes from the calendar every value that a rule can derive from the
document date: weekday names, today/tomorrow/yesterday/tonight, this/last/
next week/month/year, weekends, "N days ago", "a year ago", clock times,
explicit dates, anaphora ("two days later", "the next day"), and the
weekday-date uniqueness claimed by `window` in inference.toml.
Exits non-zero on any error and prints a summary.
"""
import collections
import datetime as dt
import pathlib
import re
import sys
import tomllib

HERE = pathlib.Path(__file__).resolve().parent
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10}
PARTS = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}
PASSAGE_KEYS = {"id", "date", "inferred", "inferred_year", "inferred_reason", "window",
                "text", "times", "unresolved", "note"}
TIME_KEYS = {"text", "value", "type", "nth", "note", "mod", "freq"}
VALUE_RE = {
    "DATE": re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|\d{3}|\d{4}-(SP|SU|FA|WI)|\d{4}-Q[1-4]"
                       r"|\d{4}-W\d{2}(-WE)?|PRESENT_REF|PAST_REF|FUTURE_REF)$"),
    "TIME": re.compile(r"^\d{4}-\d{2}-\d{2}T(\d{2}:\d{2}|MO|AF|EV|NI)$"),
    "DURATION": re.compile(r"^P(\d+|X)(Y|M|W|D)$|^PT(\d+|X)(H|M|S)$"),
    "SET": re.compile(r"^(P1[DWMY]|XXXX-WXX-[1-7]|XXXX-XX-XX(T\w+)?)$"),
}

errors = []
stats = collections.Counter()


def err(pid, msg):
    errors.append(f"{pid}: {msg}")


def iso_week(d):
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(d, n):
    m = d.year * 12 + d.month - 1 + n
    return f"{m // 12}-{m % 12 + 1:02d}"


def week_monday(d):
    return d - dt.timedelta(days=d.weekday())


def find_nth(hay, needle, nth):
    pos = -1
    for _ in range(nth):
        pos = hay.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def day_of(value):
    m = re.match(r"^(\d{4}-\d{2}-\d{2})", value)
    return dt.date.fromisoformat(m.group(1)) if m else None


def expected(t, D, prev_day):
    """Value implied by a rule for expression text t, or None if no rule applies.
    Returns (value, how) where value may be a callable check."""
    s = t.lower().strip()
    s = re.sub(r"\s+", " ", s)
    if D is None:
        return None
    if s == "today":
        return D.isoformat()
    if s == "tomorrow":
        return (D + dt.timedelta(days=1)).isoformat()
    if s == "yesterday":
        return (D - dt.timedelta(days=1)).isoformat()
    if s == "tonight":
        return D.isoformat() + "TNI"
    m = re.fullmatch(r"this (morning|afternoon|evening)", s)
    if m:
        return D.isoformat() + PARTS[m.group(1)]
    if s == "this week":
        return iso_week(D)
    if s == "last week":
        return iso_week(D - dt.timedelta(days=7))
    if s == "next week":
        return iso_week(D + dt.timedelta(days=7))
    if s in ("this month", "earlier this month"):
        return add_months(D, 0)
    if s == "last month":
        return add_months(D, -1)
    if s == "next month":
        return add_months(D, 1)
    if s in ("this year", "earlier this year"):
        return str(D.year)
    if s == "last year":
        return str(D.year - 1)
    if s == "next year":
        return str(D.year + 1)
    if s == "a year ago":
        return str(D.year - 1)
    m = re.fullmatch(r"(\w+) days ago", s)
    if m and m.group(1) in NUMBERS:
        return (D - dt.timedelta(days=NUMBERS[m.group(1)])).isoformat()
    m = re.fullmatch(r"(last|next) (\w+day)", s)
    if m and m.group(2) in WEEKDAYS:
        shift = -7 if m.group(1) == "last" else 7
        return (week_monday(D) + dt.timedelta(days=shift + WEEKDAYS.index(m.group(2)))).isoformat()
    m = re.fullmatch(r"(\w+) days? later|the (next|following) day", s)
    if m:
        n = NUMBERS.get(m.group(1), 1) if m.group(1) else 1
        if prev_day is None:
            return ("error", "anaphor without a previous day")
        return (prev_day + dt.timedelta(days=n)).isoformat()
    if s == "the following week":
        if prev_day is None:
            return ("error", "anaphor without a previous day")
        return iso_week(prev_day + dt.timedelta(days=7))
    m = re.fullmatch(r"(\d{1,2})(?::(\d{2}))? (a\.m\.|p\.m\.)", s)
    if m:
        h = int(m.group(1)) % 12 + (12 if m.group(3) == "p.m." else 0)
        return f"{D.isoformat()}T{h:02d}:{int(m.group(2) or 0):02d}"
    if s == "noon":
        return f"{D.isoformat()}T12:00"
    return None


def check_weekday(pid, t, value, D):
    """Every weekday name in a day-valued expression must match the calendar;
    a bare weekday (optionally + part of day) must lie within six days of D."""
    s = t.lower()
    names = [w for w in WEEKDAYS if re.search(rf"\b{w}\b", s)]
    if not names:
        return
    m = re.fullmatch(r"XXXX-WXX-([1-7])", value)
    if m:
        stats["weekday-checked"] += 1
        if int(m.group(1)) != WEEKDAYS.index(names[0]) + 1:
            err(pid, f"{t!r} = {value} is not a set of {names[0]}s")
        return
    day = day_of(value)
    if day is None:
        err(pid, f"weekday expression {t!r} has no day value: {value}")
        return
    stats["weekday-checked"] += 1
    if WEEKDAYS[day.weekday()] != names[0]:
        err(pid, f"{t!r} = {value} is a {day.strftime('%A')}")
    m = re.fullmatch(r"(\w+day)( (morning|afternoon|evening|night))?", s)
    if m and D is not None:
        if abs((day - D).days) > 6:
            err(pid, f"bare weekday {t!r} = {value} is more than 6 days from {D}")
        part = m.group(3)
        if part and not value.endswith(PARTS[part]):
            err(pid, f"{t!r} should end in {PARTS[part]}")
        if not part and len(value) != 10:
            err(pid, f"bare weekday {t!r} should be a plain date")


def check_explicit(pid, t, value, D):
    """Explicit dates: ISO, 'Jan. 12', 'January 12, 2022', '12 January',
    'Monday, March 7, 2022', month names and years."""
    s = t.lower()
    s = re.sub(r"^(\w+day), ", "", s)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return value == s, s
    m = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:, (\d{4}))?", s) or None
    if m and m.group(1) in MONTHS:
        mon, day, year = MONTHS[m.group(1)], int(m.group(2)), m.group(3)
        if year:
            want = f"{year}-{mon:02d}-{day:02d}"
            return value == want, want
        ok = re.fullmatch(rf"\d{{4}}-{mon:02d}-{day:02d}", value) is not None
        if ok and D is not None and abs(int(value[:4]) - D.year) > 1:
            ok = False
        return ok, f"YYYY-{mon:02d}-{day:02d} near {D}"
    m = re.fullmatch(r"(\d{1,2}) ([a-z]+)(?: (\d{4}))?", s)
    if m and m.group(2) in MONTHS:
        mon, day = MONTHS[m.group(2)], int(m.group(1))
        if m.group(3):
            want = f"{m.group(3)}-{mon:02d}-{day:02d}"
            return value == want, want
        return re.fullmatch(rf"\d{{4}}-{mon:02d}-{day:02d}", value) is not None, f"YYYY-{mon:02d}-{day:02d}"
    m = re.fullmatch(r"([a-z]+)(?: (\d{4}))?", s)
    if m and m.group(1) in MONTHS and len(m.group(1)) > 3:
        mon = MONTHS[m.group(1)]
        if m.group(2):
            want = f"{m.group(2)}-{mon:02d}"
            return value == want, want
        ok = re.fullmatch(rf"\d{{4}}-{mon:02d}", value) is not None
        if ok and D is not None and abs(int(value[:4]) - D.year) > 1:
            ok = False
        return ok, f"YYYY-{mon:02d}"
    m = re.fullmatch(r"(?:early |mid-|late )?(\d{4})", s)
    if m:
        return value == m.group(1), m.group(1)
    m = re.fullmatch(r"the (\d{3})0s", s)
    if m:
        return value == m.group(1), m.group(1)
    return None


def check_window(pid, p):
    win = p.get("window")
    if not win:
        return
    lo, hi = (dt.date.fromisoformat(x) for x in win)
    for t in p.get("times", []):
        m = re.fullmatch(r"(\w+day), ([a-z]+)\.? (\d{1,2})", t["text"].lower())
        if not m or m.group(2) not in MONTHS:
            continue
        wd, mon, day = WEEKDAYS.index(m.group(1)), MONTHS[m.group(2)], int(m.group(3))
        hits = []
        for y in range(lo.year, hi.year + 1):
            try:
                d = dt.date(y, mon, day)
            except ValueError:
                continue
            if lo <= d <= hi and d.weekday() == wd:
                hits.append(d)
        stats["window-checked"] += 1
        if len(hits) != 1 or hits[0].isoformat() != t["value"][:10]:
            err(pid, f"window {win}: {t['text']!r} matches {[h.isoformat() for h in hits]}, gold {t['value']}")


def main():
    files = sorted(HERE.glob("*.toml"))
    ids = {}
    by_type = collections.Counter()
    per_file = {}
    for f in files:
        try:
            data = tomllib.loads(f.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            errors.append(f"{f.name}: does not parse: {e}")
            continue
        passages = data.get("passage", [])
        per_file[f.name] = len(passages)
        for p in passages:
            pid = p.get("id", "<no id>")
            if pid in ids:
                err(pid, f"duplicate id (also in {ids[pid]})")
            ids[pid] = f.name
            extra = set(p) - PASSAGE_KEYS
            if extra:
                err(pid, f"unknown keys {extra}")
            text = p.get("text", "")
            if not text:
                err(pid, "empty text")
            has_date, has_inf = "date" in p, "inferred" in p
            if has_date == has_inf:
                err(pid, "needs exactly one of `date` / `inferred`")
            if (f.name == "inference.toml") != has_inf:
                err(pid, "`inferred` passages belong in inference.toml and only there")
            if has_inf and not p.get("inferred_reason"):
                err(pid, "missing inferred_reason")
            if f.name == "caps.toml" and text != text.upper():
                err(pid, "caps.toml passages must be entirely upper case")
            if f.name == "caps.toml" or (text == text.upper() and text):
                stats["caps-passages"] += 1
            anchor = p.get("date") or p.get("inferred") or None
            D = dt.date.fromisoformat(anchor) if anchor else None
            if has_inf and not anchor and not p.get("unresolved") and not p.get("inferred_year"):
                err(pid, "undated passage should list `unresolved` or `inferred_year`")
            for u in p.get("unresolved", []):
                if u not in text:
                    err(pid, f"unresolved {u!r} not in text")
            seen = set()
            located = []
            for t in p.get("times", []):
                extra = set(t) - TIME_KEYS
                if extra:
                    err(pid, f"unknown time keys {extra}")
                tt, val, ty, nth = t.get("text", ""), t.get("value", ""), t.get("type", ""), t.get("nth", 1)
                key = (tt, nth)
                if key in seen:
                    err(pid, f"{tt!r} listed twice; use nth")
                seen.add(key)
                pos = find_nth(text, tt, nth)
                if pos < 0:
                    err(pid, f"{tt!r} (nth={nth}) not found in text")
                    continue
                if ty not in VALUE_RE:
                    err(pid, f"{tt!r}: bad type {ty}")
                    continue
                if not VALUE_RE[ty].match(val):
                    err(pid, f"{tt!r}: value {val!r} malformed for {ty}")
                if tt[:1].isalpha() and pos > 0 and text[pos - 1].isalpha():
                    err(pid, f"{tt!r} starts inside a word")
                end = pos + len(tt)
                if end < len(text) and text[end].isalnum() and tt[-1:].isalnum():
                    err(pid, f"{tt!r} ends inside a word")
                by_type[ty] += 1
                located.append((pos, end, t))
            located.sort(key=lambda x: x[0])
            for (a0, a1, ta), (b0, b1, tb) in zip(located, located[1:]):
                if b0 < a1:
                    err(pid, f"overlapping extents {ta['text']!r} / {tb['text']!r}")
            prev_day = None
            for _, _, t in located:
                tt, val = t["text"], t["value"]
                check_weekday(pid, tt, val, D)
                exp = expected(tt, D, prev_day)
                if isinstance(exp, tuple):
                    err(pid, f"{tt!r}: {exp[1]}")
                elif exp is not None:
                    stats["rule-checked"] += 1
                    if exp != val:
                        err(pid, f"{tt!r} = {val}, calendar rule says {exp}")
                else:
                    ex = check_explicit(pid, tt, val, D) if t["type"] == "DATE" else None
                    if ex is not None:
                        stats["explicit-checked"] += 1
                        if not ex[0]:
                            err(pid, f"{tt!r} = {val}, expected {ex[1]}")
                if re.search(r"weekend", tt, re.I) and D is not None:
                    stats["weekend-checked"] += 1
                    m = re.fullmatch(r"(\d{4})-W(\d{2})-WE", val)
                    if not m:
                        err(pid, f"weekend value {val}")
                    else:
                        sat = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 6)
                        if not -7 <= (sat - D).days <= 6:
                            err(pid, f"weekend {val} (Sat {sat}) is not the nearest past/future weekend of {D}")
                d = day_of(val)
                if d is not None:
                    prev_day = d
            check_window(pid, p)
    n = len(ids)
    print(f"files: {', '.join(f'{k} ({v})' for k, v in per_file.items())}")
    print(f"passages: {n}; expressions: {sum(by_type.values())} {dict(by_type)}")
    print(f"checks: {dict(stats)}")
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
