//! When: temporal expressions, the document's date, and the date of every
//! event and quote.
//!
//! 1. `spot` finds each sentence's temporal expressions (`dyad-time`) over
//!    the tokens' analysis forms, so words in capitals are read truecased,
//!    with the past or future reading of its clause.
//! 2. `infer` finds the document's date when no one gave it: a date put in
//!    apposition with "today" (or "tomorrow", "yesterday"); otherwise a day
//!    fixed by a weekday that agrees with a written date — in the same
//!    expression ("Wednesday, Jan. 12") or naming the same thing in two
//!    places ("the council meeting on Jan. 12" … "the council on
//!    Wednesday") — in the one year the office-holders' terms and the
//!    years written allow; the document then dates from the latest weekday
//!    it reports in the past, or the day before the first it announces.
//! 3. `resolve` normalises every expression against the document date in
//!    text order (anaphora such as "two days later" count from the
//!    previous date).
//! 4. `settle` dates each event and quote by the expression of its clause,
//!    else by the document's date, and places each event where the text
//!    puts it ("in Geneva", "at the border with Ukraine").

use std::collections::HashMap;
use std::ops::Range;

use dyad_core::{Analysis, Date, DateSource, EntityKind, PlaceRole, Provenance, Setting, TimeExpr, TimeKind, Token};
use dyad_events::actors::Actors;
use dyad_time::{Direction, Found, Meaning, NaiveDate, Weekday};

/// A temporal expression found in a sentence, before resolution.
pub(crate) struct Spotted {
    /// Index of the sentence.
    sentence: usize,
    /// Document token indices.
    tokens: Range<usize>,
    found: Found,
    direction: Direction,
    cue: &'static str,
    /// A weekday written before a date in the same expression ("Wednesday, Jan. 12").
    weekday: Option<Weekday>,
}

/// Finds every sentence's temporal expressions.
pub(crate) fn spot(a: &Analysis) -> Vec<Spotted> {
    let doc = &a.document;
    let mut out = Vec::new();
    let mut words = Vec::new();
    for (si, s) in a.sentences.iter().enumerate() {
        let (Some(tokens), Some(tags)) = (a.tokens.get(s.tokens.clone()), a.pos.get(s.tokens.clone())) else { continue };
        words.clear();
        words.extend(tokens.iter().zip(tags).map(|(t, p)| dyad_time::Word {
            text: t.norm(doc),
            xpos: p.xpos,
            start: t.span.start,
            end: t.span.end,
        }));
        let mut found = dyad_time::find(&words);
        // A weekday in apposition with a date is one expression:
        // "Wednesday, Jan. 12", "Thu., Jan. 13".
        let mut merged_weekdays: Vec<(usize, Option<Weekday>)> = Vec::new();
        let mut i = 0;
        while i + 1 < found.len() {
            let (a, b) = (&found[i], &found[i + 1]);
            let apposed = matches!(a.meaning, Meaning::Weekday { shift: dyad_time::Shift::Bare, time: None, .. })
                && matches!(b.meaning, Meaning::Calendar { month: Some(_), day: Some(_), .. })
                && (b.start == a.end || (b.start == a.end + 1 && words.get(a.end).is_some_and(|w| w.text == ",")));
            if apposed {
                let (start, weekday) = (a.start, dyad_time::weekday_of(&a.meaning));
                found.remove(i);
                found[i].start = start;
                merged_weekdays.push((found[i].start, weekday));
            }
            i += 1;
        }
        for found in found {
            let (direction, cue) = dyad_time::direction(&words, &found);
            let weekday = match found.meaning {
                Meaning::Calendar { .. } => merged_weekdays.iter().find(|(s, _)| *s == found.start).and_then(|(_, w)| *w),
                _ => None,
            };
            let tokens = s.tokens.start + found.start..s.tokens.start + found.end;
            out.push(Spotted { sentence: si, tokens, found, direction, cue, weekday });
        }
    }
    out
}

pub(crate) fn to_naive(d: Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
}

pub(crate) fn from_naive(d: NaiveDate) -> Option<Date> {
    use chrono::Datelike;
    Date::new(u16::try_from(d.year()).ok()?, u8::try_from(d.month()).ok()?, u8::try_from(d.day()).ok()?)
}

/// Parses a role date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`), the first or last
/// day it covers.
fn role_day(text: &str, last: bool) -> Option<NaiveDate> {
    let mut parts = text.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: Option<u32> = parts.next().and_then(|m| m.parse().ok());
    let day: Option<u32> = parts.next().and_then(|d| d.parse().ok());
    match (month, day, last) {
        (Some(m), Some(d), _) => NaiveDate::from_ymd_opt(year, m, d),
        (Some(m), None, false) => NaiveDate::from_ymd_opt(year, m, 1),
        (Some(m), None, true) => NaiveDate::from_ymd_opt(year + i32::from(m == 12), if m == 12 { 1 } else { m + 1 }, 1)?.pred_opt(),
        (None, _, false) => NaiveDate::from_ymd_opt(year, 1, 1),
        (None, _, true) => NaiveDate::from_ymd_opt(year, 12, 31),
    }
}

/// The window of dates the document's office-holders allow: each person
/// named with a title ("President Joe Biden") held that office then.
fn tenure(a: &Analysis, people: &Actors) -> Option<(NaiveDate, NaiveDate, Vec<String>)> {
    let mut window: Option<(NaiveDate, NaiveDate)> = None;
    let mut who = Vec::new();
    for e in a.entities.iter().filter(|e| e.kind == EntityKind::Person) {
        let Some(title) = e.title.as_deref() else { continue };
        let title = title.to_lowercase();
        let Some(person) = people.person_named(&e.name) else { continue };
        // The roles whose title the text gives ("Russian President" is a President).
        let held: Vec<(NaiveDate, NaiveDate)> = person
            .roles
            .iter()
            .filter(|r| {
                let t = r.title.to_lowercase();
                !t.is_empty() && (title == t || title.ends_with(&format!(" {t}")))
            })
            .filter_map(|r| {
                let from = role_day(&r.from, false)?;
                let to = if r.to.is_empty() { NaiveDate::from_ymd_opt(2100, 1, 1)? } else { role_day(&r.to, true)? };
                Some((from, to))
            })
            .collect();
        let Some(from) = held.iter().map(|h| h.0).min() else { continue };
        let to = held.iter().map(|h| h.1).max().unwrap_or(from);
        let next = match window {
            None => (from, to),
            Some((lo, hi)) => (lo.max(from), hi.min(to)),
        };
        if next.0 > next.1 {
            // Terms that do not overlap: the titles are historical; ignore this one.
            continue;
        }
        window = Some(next);
        who.push(format!("{} {}", e.title.as_deref().unwrap_or(""), e.name));
    }
    window.map(|(lo, hi)| (lo, hi, who))
}

/// Nouns too general to tell two dated things apart.
const GENERIC: &[&str] = &["meeting", "meetings", "talks", "session", "summit", "day", "week", "time", "visit", "vote"];

/// The nouns and names around a temporal expression (up to eight words
/// before it and three after, in its sentence), lowercased: what it dates.
fn dated_words(a: &Analysis, s: &Spotted) -> Vec<String> {
    let Some(sentence) = a.sentences.get(s.sentence) else { return Vec::new() };
    let doc = &a.document;
    let before = s.tokens.start.saturating_sub(8).max(sentence.tokens.start)..s.tokens.start;
    let after = s.tokens.end..(s.tokens.end + 3).min(sentence.tokens.end);
    let mut words: Vec<String> = before
        .chain(after)
        .filter(|&i| a.pos.get(i).is_some_and(|p| matches!(p.upos, "NOUN" | "PROPN")))
        .filter_map(|i| a.tokens.get(i))
        .flat_map(|t| t.norm(doc).split('-').map(str::to_lowercase).collect::<Vec<_>>())
        .filter(|w| w.len() > 2 && !GENERIC.contains(&w.as_str()) && dyad_time::weekday_word(w).is_none())
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The expressions naming a weekday, each with the words it dates (see
/// [`dated_words`]): computed once a document, for [`same_thing`].
fn weekday_words<'s>(a: &Analysis, spotted: &'s [Spotted]) -> Vec<(&'s Spotted, Vec<String>)> {
    spotted.iter().filter(|o| dyad_time::weekday_of(&o.found.meaning).is_some()).map(|o| (o, dated_words(a, o))).collect()
}

/// The expression naming a weekday that dates the same thing as `s`
/// ("the council meeting … on Jan. 12" and "the council on Wednesday"):
/// the one sharing most nouns and names with it, two at least.
///
/// `known` holds the answers found for the same words already: a long
/// document that repeats a date in the same words is searched once.
fn same_thing<'s>(
    a: &Analysis,
    weekdays: &[(&'s Spotted, Vec<String>)],
    s: &Spotted,
    known: &mut HashMap<Vec<String>, Option<usize>>,
) -> Option<(&'s Spotted, Vec<String>)> {
    let mine = dated_words(a, s);
    if mine.len() < 2 {
        return None;
    }
    let search = || {
        weekdays
            .iter()
            .enumerate()
            .filter(|(_, (o, _))| !std::ptr::eq(*o, s))
            .map(|(i, (_, theirs))| (i, mine.iter().filter(|w| theirs.contains(w)).count()))
            .filter(|&(_, n_shared)| n_shared >= 2)
            .max_by_key(|&(_, n_shared)| n_shared)
            .map(|(i, _)| i)
    };
    // An expression that is itself among `weekdays` is left out of its own
    // search, so its answer is its own.
    let best = if dyad_time::weekday_of(&s.found.meaning).is_some() { search() } else { *known.entry(mine.clone()).or_insert_with(search) };
    let (o, theirs) = &weekdays[best?];
    Some((*o, mine.iter().filter(|w| theirs.contains(w)).cloned().collect()))
}

/// The document's date inferred from the text: the date, a confidence and
/// the reason; or `None`, with the reason why not (empty when there was
/// nothing to go on).
pub(crate) fn infer(a: &Analysis, spotted: &[Spotted], people: &Actors) -> (Option<(NaiveDate, f32)>, String) {
    use chrono::Datelike;
    let doc = &a.document;
    let text = |s: &Spotted| Token::span_of(a.tokens.get(s.tokens.clone()).unwrap_or(&[])).map_or("", |sp| sp.slice(&doc.text)).to_string();
    let window = tenure(a, people);
    let (Some(lo), Some(hi)) = window.as_ref().map_or((NaiveDate::from_ymd_opt(1900, 1, 1), NaiveDate::from_ymd_opt(2100, 1, 1)), |w| (Some(w.0), Some(w.1))) else {
        return (None, String::new());
    };
    // Years the text writes of the past or of no stated time: a year it
    // announces ("by 2050") says nothing about when it was written.
    let written_years: Vec<i32> =
        spotted.iter().filter(|s| s.direction != Direction::Future).filter_map(|s| dyad_time::absolute_parts(&s.found.meaning)?.0).collect();
    let tenure_note = window.as_ref().map_or(String::new(), |(lo, hi, who)| {
        format!("; {} bound the date to {lo}–{}", who.join(" and "), if hi.year() >= 2100 { "now".to_string() } else { hi.to_string() })
    });

    // 1. Fixed days: dates written in full, and month-days whose weekday
    // (in the expression, or in another expression dating the same
    // entity) leaves one year.
    let mut anchors: Vec<(NaiveDate, Direction, String)> = Vec::new();
    let weekdays = weekday_words(a, spotted);
    let mut known = HashMap::new();
    for s in spotted {
        let Some((year, Some(month), Some(day))) = dyad_time::absolute_parts(&s.found.meaning) else { continue };
        if let Some(d) = year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day)) {
            // Outside the office-holders' terms it is history, not the news.
            if d >= lo && d <= hi {
                let how = match s.weekday {
                    Some(w) if d.weekday() == w => format!("\"{}\" is written in full with its weekday", text(s)),
                    _ => format!("\"{}\" is written in full", text(s)),
                };
                anchors.push((d, s.direction, how));
            }
            continue;
        }
        let mut direction = s.direction;
        let (weekday, how) = match s.weekday {
            Some(w) => (Some(w), format!("\"{}\" names its weekday", text(s))),
            None => match same_thing(a, &weekdays, s, &mut known) {
                Some((o, shared)) => {
                    // Either mention announcing the day makes it ahead.
                    if o.direction == Direction::Future || direction == Direction::Unknown {
                        direction = o.direction;
                    }
                    (
                        dyad_time::weekday_of(&o.found.meaning),
                        format!("\"{}\" and \"{}\" date the same thing ({})", text(s), text(o), shared.join(", ")),
                    )
                }
                None => (None, String::new()),
            },
        };
        let Some(weekday) = weekday else { continue };
        let Some(year) = pick_year(month, day, weekday, lo, hi, &written_years) else { continue };
        let Some(d) = NaiveDate::from_ymd_opt(year, month, day) else { continue };
        anchors.push((d, direction, format!("{how}; {d} is the one such day the cues allow")));
    }
    // Agreement of weekdays with dates is the stronger evidence.
    // Agreement of a weekday with a date is the strongest evidence; among
    // dates written in full, the latest reported one (or the first
    // announced one) is nearest the day of writing.
    let strength = |how: &str| if how.ends_with("is written in full") { 1 } else { 0 };
    anchors.sort_by_key(|(d, direction, how)| {
        let order = if *direction == Direction::Future { d.num_days_from_ce() } else { -d.num_days_from_ce() };
        (strength(how), *direction == Direction::Future, order)
    });
    let Some((day, direction, why)) = anchors.first().cloned() else {
        return (
            None,
            match window {
                Some((lo, hi, who)) if lo.year() == hi.year() => format!("no day can be fixed; {} bound the date to {lo}–{hi}", who.join(" and ")),
                _ => String::new(),
            },
        );
    };

    // 2. A deictic word in apposition ("today, Thursday, Oct. 21",
    // "tomorrow, Friday", "a day later, today") must name the same day as
    // its neighbour: try every day within a week of the anchor.
    let pairs: Vec<(usize, usize)> = (1..spotted.len())
        .filter(|&j| {
            let (p, q) = (&spotted[j - 1], &spotted[j]);
            let deictic = |m: &Meaning| matches!(m, Meaning::DayOffset { .. } | Meaning::Anaphoric { .. });
            let gap = p.tokens.end..q.tokens.start;
            let apposed = gap.is_empty() || (gap.len() == 1 && a.tokens.get(gap.start).is_some_and(|t| t.norm(doc) == ","));
            p.sentence == q.sentence && q.tokens.start >= p.tokens.end && apposed && (deictic(&p.found.meaning) || deictic(&q.found.meaning))
        })
        .map(|j| (j - 1, j))
        .collect();
    if !pairs.is_empty() {
        let mut best: Option<(usize, i64, NaiveDate)> = None;
        // A day reported in the past is on or before the text's, one
        // announced after it; when no such day agrees, any day of the
        // fortnight around it.
        let near = match direction {
            Direction::Past => 0i64..=7,
            Direction::Future => -7i64..=-1,
            Direction::Unknown => -7i64..=7,
        };
        for offsets in [near, -7i64..=7] {
            for offset in offsets {
                let Some(d) = day.checked_add_signed(chrono_days(offset)) else { continue };
                let mut resolver = dyad_time::Resolver::new(d);
                let values: Vec<Option<String>> = spotted.iter().map(|s| resolver.resolve(&s.found, s.direction).map(|t| t.value)).collect();
                let agree = pairs.iter().filter(|(p, q)| values[*p].is_some() && values[*p] == values[*q]).count();
                if agree > 0 && best.as_ref().is_none_or(|(n, o, _)| agree > *n || (agree == *n && offset.abs() < o.abs())) {
                    best = Some((agree, offset, d));
                }
            }
            if best.is_some() {
                break;
            }
        }
        if let Some((_, _, d)) = best {
            let (p, q) = pairs[0];
            return (
                Some((d, 0.9)),
                format!("{why}; \"{}\" and \"{}\" name the same day only if the text was written on {d}{tenure_note}", text(&spotted[p]), text(&spotted[q])),
            );
        }
    }

    // 3. The document's day within that week: the latest weekday it
    // reports in the past, on or before the anchor it announces (on or
    // after one it reports); else the day before an announced anchor, or
    // the anchor itself.
    let (from, to) = if direction == Direction::Future {
        (day.checked_sub_signed(chrono_days(6)).unwrap_or(day), day.pred_opt().unwrap_or(day))
    } else {
        (day, day.checked_add_signed(chrono_days(6)).unwrap_or(day))
    };
    let mut best: Option<(NaiveDate, String)> = None;
    for s in spotted {
        let (Some(w), Direction::Past) = (dyad_time::weekday_of(&s.found.meaning), s.direction) else { continue };
        let mut d = from;
        while d <= to {
            if d.weekday() == w && best.as_ref().is_none_or(|(b, _)| d > *b) {
                best = Some((d, format!("the text reports \"{}\" in the past", text(s))));
            }
            let Some(n) = d.succ_opt() else { break };
            d = n;
        }
    }
    match best {
        Some((d, r)) => (Some((d, 0.7)), format!("{why}; {r}, the latest day it reports{tenure_note}")),
        // A date written in full, with nothing to tie the day of writing to
        // it, says when something happened, not when the text was written.
        None if strength(&why) == 1 => (None, format!("{why}, but nothing ties the day of writing to it")),
        None if direction == Direction::Future => {
            let d = day.pred_opt().unwrap_or(day);
            (Some((d, 0.4)), format!("{why}; it is announced for later, so the text is from before it (taken as the day before){tenure_note}"))
        }
        None => (Some((day, 0.4)), format!("{why}; it is reported as past (taken as the document's day){tenure_note}")),
    }
}

/// The year in which `month`/`day` falls on `weekday` within the window:
/// the only one, or the first after the latest year the text writes.
fn pick_year(month: u32, day: u32, weekday: Weekday, lo: NaiveDate, hi: NaiveDate, written: &[i32]) -> Option<i32> {
    use chrono::Datelike;
    let years: Vec<i32> = (lo.year()..=hi.year())
        .filter(|&y| NaiveDate::from_ymd_opt(y, month, day).is_some_and(|d| d.weekday() == weekday && d >= lo && d <= hi))
        .collect();
    match years[..] {
        [y] => Some(y),
        _ => {
            let latest = written.iter().copied().filter(|y| years.first().is_some_and(|f| y + 30 > *f)).max()?;
            years.into_iter().find(|&y| y >= latest)
        }
    }
}

fn chrono_days(n: i64) -> chrono::TimeDelta {
    chrono::TimeDelta::days(n)
}

/// Normalises every expression in text order against the document date.
pub(crate) fn resolve(a: &Analysis, spotted: &[Spotted], reference: Option<NaiveDate>) -> Vec<TimeExpr> {
    let fallback = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let mut resolver = dyad_time::Resolver::new(reference.unwrap_or(fallback));
    let mut out = Vec::new();
    for s in spotted {
        let Some(span) = Token::span_of(a.tokens.get(s.tokens.clone()).unwrap_or(&[])) else { continue };
        let Some(t) = resolver.resolve(&s.found, s.direction) else { continue };
        let kind = match t.kind {
            dyad_time::Kind::Date => TimeKind::Date,
            dyad_time::Kind::Time => TimeKind::Time,
            dyad_time::Kind::Duration => TimeKind::Duration,
            dyad_time::Kind::Set => TimeKind::Set,
        };
        let (value, days, reason) = if t.anchored && reference.is_none() {
            (unknown_value(&t.value), None, format!("{} (the document has no date to resolve it against)", s.found.rule))
        } else {
            let days = t.range.and_then(|(a, b)| Some((from_naive(a)?, from_naive(b)?)));
            let mut reason = t.reason.clone();
            if s.direction != Direction::Unknown && !s.cue.is_empty() && !reason.contains(s.cue) {
                reason.push_str(&format!(" (clause cue \"{}\")", s.cue));
            }
            (t.value.clone(), days, reason)
        };
        out.push(TimeExpr {
            span,
            tokens: s.tokens.clone(),
            sentence: s.sentence,
            kind,
            value,
            days,
            anchored: t.anchored,
            provenance: Provenance::new(s.found.rule, reason),
        });
    }
    out
}

/// A value with its date digits made unknown (`2000-01-03` → `XXXX-XX-XX`).
fn unknown_value(value: &str) -> String {
    value.chars().map(|c| if c.is_ascii_digit() { 'X' } else { c }).collect()
}

/// Dates and places every event and quote.
pub(crate) fn settle(a: &mut Analysis) {
    let by = BySentence::new(a);
    let document_date = a.document.meta.date.map(|d| d.to_string());
    let document_why = match a.document.meta.date_source {
        DateSource::None => String::new(),
        DateSource::Inferred => "the document's date (inferred; the clause gives none)".to_string(),
        _ => "the document's date (the clause gives none)".to_string(),
    };
    let mut settings = Vec::with_capacity(a.events.len());
    for e in &a.events {
        let mut setting = date_for(a, &by, e.sentence, e.trigger.clone(), document_date.as_deref(), &document_why);
        let actors: Vec<Range<usize>> = std::iter::once(e.source.tokens.clone()).chain(e.target.as_ref().map(|t| t.tokens.clone())).collect();
        if let Some((place, why)) = place_for(a, &by, e.sentence, e.trigger.clone(), &actors) {
            setting.place = Some(place);
            setting.place_reason = why;
        }
        settings.push(setting);
    }
    for (e, s) in a.events.iter_mut().zip(settings) {
        e.setting = s;
    }
    let mut settings = Vec::with_capacity(a.quotes.len());
    for q in &a.quotes {
        let (sentence, cue) = match (q.cue, q.sentences.start) {
            (Some(cue), _) => {
                let sentence = sentence_of(a, cue);
                let tokens = Some(a.tokens.partition_point(|t| t.span.start < cue.start)).filter(|&k| k < a.tokens.len()).unwrap_or(0);
                (sentence, tokens..tokens + 1)
            }
            (None, s) => (Some(s), a.sentences.get(s).map_or(0..0, |x| x.tokens.start..x.tokens.start)),
        };
        let mut setting = match sentence {
            Some(s) => date_for(a, &by, s, cue.clone(), document_date.as_deref(), &document_why),
            None => Setting { date: document_date.clone(), date_reason: document_why.clone(), ..Setting::default() },
        };
        // Where it was said, when the cue's clause says ("told reporters in
        // Geneva"); the quoted words' own places are what was talked about.
        if let (Some(s), Some(_)) = (sentence, q.cue) {
            let speaker: Vec<Range<usize>> = q.speaker.iter().map(|sp| sp.tokens.clone()).collect();
            let quoted = |p: &dyad_core::Place| q.content.iter().any(|c| c.start <= p.span.start && p.span.end <= c.end);
            if let Some((place, why)) = place_for(a, &by, s, cue, &speaker).filter(|(p, _)| a.places.get(*p).is_some_and(|p| !quoted(p))) {
                setting.place = Some(place);
                setting.place_reason = why;
            }
        }
        settings.push(setting);
    }
    for (q, s) in a.quotes.iter_mut().zip(settings) {
        q.setting = s;
    }
}

/// The sentence whose span holds `span`.
fn sentence_of(a: &Analysis, span: dyad_core::Span) -> Option<usize> {
    let k = a.sentences.partition_point(|s| s.span.start <= span.start).checked_sub(1)?;
    a.sentences[k].span.contains(span).then_some(k)
}

/// The events, quote cues, times and places of each sentence (indices, in
/// document order), gathered once a document: settling a record looks at
/// its own sentence only, so a document of thousands of sentences takes
/// time in proportion to its length, not its square.
struct BySentence {
    events: Vec<Vec<usize>>,
    cues: Vec<Vec<dyad_core::Span>>,
    times: Vec<Vec<usize>>,
    places: Vec<Vec<usize>>,
}

impl BySentence {
    fn new(a: &Analysis) -> BySentence {
        let n = a.sentences.len();
        let mut by = BySentence { events: vec![Vec::new(); n], cues: vec![Vec::new(); n], times: vec![Vec::new(); n], places: vec![Vec::new(); n] };
        for (i, e) in a.events.iter().enumerate() {
            by.events.get_mut(e.sentence).into_iter().for_each(|v| v.push(i));
        }
        for cue in a.quotes.iter().filter_map(|q| q.cue) {
            if let Some(k) = sentence_of(a, cue) {
                by.cues[k].push(cue);
            }
        }
        for (i, t) in a.times.iter().enumerate() {
            by.times.get_mut(t.sentence).into_iter().for_each(|v| v.push(i));
        }
        for (i, p) in a.places.iter().enumerate() {
            by.places.get_mut(p.sentence).into_iter().for_each(|v| v.push(i));
        }
        by
    }

    fn of<'b, T>(lists: &'b [Vec<T>], sentence: usize) -> &'b [T] {
        lists.get(sentence).map_or(&[], Vec::as_slice)
    }
}

/// The date of something said or done at `trigger` in a sentence: the
/// date or time expression of the sentence nearest the trigger that no
/// other event's trigger is nearer to; else the document's date.
fn date_for(a: &Analysis, by: &BySentence, sentence: usize, trigger: Range<usize>, document: Option<&str>, document_why: &str) -> Setting {
    // What competes for a date: the sentence's event triggers and the cues
    // of its quotes ("X attacked Y, officials said on Monday": Monday is
    // when they said it).
    let mut triggers: Vec<Range<usize>> = BySentence::of(&by.events, sentence).iter().map(|&e| a.events[e].trigger.clone()).collect();
    if let Some(s) = a.sentences.get(sentence) {
        for cue in BySentence::of(&by.cues, sentence) {
            if let Some(k) = (s.tokens.clone()).find(|&k| a.tokens.get(k).is_some_and(|t| t.span.start >= cue.start)) {
                triggers.push(k..k + 1);
            }
        }
    }
    let doc = &a.document;
    let start = a.sentences.get(sentence).map_or(0, |s| s.tokens.start);
    // A date after the trigger modifies it ("met … on Monday"); one before
    // it only when it owns it ("Monday's meeting") or opens the sentence
    // ("On Monday, …"), else it belongs to an earlier verb.
    let distance = |t: &Range<usize>, r: &Range<usize>| {
        if r.end <= t.start {
            let between: Vec<&str> = (r.end..t.start).filter_map(|i| a.tokens.get(i)).map(|x| x.norm(doc)).collect();
            if between.iter().all(|w| matches!(*w, "'s" | "’s")) {
                1
            } else if r.start <= start + 1 {
                between.len() + 5
            } else {
                between.len() * 3 + 10
            }
        } else {
            r.start.saturating_sub(t.end)
        }
    };
    let best = BySentence::of(&by.times, sentence)
        .iter()
        .map(|&i| (i, &a.times[i]))
        .filter(|(_, t)| matches!(t.kind, TimeKind::Date | TimeKind::Time) && t.days.is_some())
        .filter(|(_, t)| {
            let mine = distance(&trigger, &t.tokens);
            triggers.iter().all(|o| *o == trigger || distance(o, &t.tokens) >= mine)
        })
        .min_by_key(|(_, t)| distance(&trigger, &t.tokens));
    match best {
        Some((i, t)) => {
            let words = t.span.slice(&a.document.text);
            Setting {
                date: Some(t.value.clone()),
                time: Some(i),
                date_reason: format!("\"{words}\" is the date expression of its clause → {}", t.value),
                ..Setting::default()
            }
        }
        None => Setting { date: document.map(str::to_string), time: None, date_reason: document_why.to_string(), ..Setting::default() },
    }
}

/// Prepositions that put an event at a place.
const LOCATIVE: &[&str] = &["in", "at", "near", "outside", "inside", "across", "along", "into", "throughout", "within"];

/// Where an event happened: a place of its sentence named as a place (not
/// an adjective or a government) after a locative preposition — a border
/// region too ("at the border with Ukraine") — nearest the trigger, not
/// nearer another event's trigger, and not one of the event's actors.
fn place_for(a: &Analysis, by: &BySentence, sentence: usize, trigger: Range<usize>, actors: &[Range<usize>]) -> Option<(usize, String)> {
    let doc = &a.document;
    let word = |i: usize| a.tokens.get(i).map_or(String::new(), |t| t.norm(doc).to_lowercase());
    let triggers: Vec<Range<usize>> = BySentence::of(&by.events, sentence).iter().map(|&e| a.events[e].trigger.clone()).collect();
    let distance = |t: &Range<usize>, r: &Range<usize>| if r.end <= t.start { t.start - r.end } else { r.start.saturating_sub(t.end) };
    let s = a.sentences.get(sentence)?;
    let mut best: Option<(usize, usize, String)> = None;
    for &i in BySentence::of(&by.places, sentence) {
        let p = &a.places[i];
        if p.role != PlaceRole::Literal || actors.iter().any(|r| r.start <= p.tokens.start && p.tokens.end <= r.end) {
            continue;
        }
        // The preposition before the place, skipping "the" and modifiers
        // of its own phrase ("in the Swiss city of Geneva").
        let mut j = p.tokens.start;
        let mut prep = String::new();
        while j > s.tokens.start {
            j -= 1;
            let w = word(j);
            let upos = a.pos.get(j).map_or("", |x| x.upos);
            if upos == "ADP" || LOCATIVE.contains(&w.as_str()) {
                // The first preposition decides: "from Geneva" is an origin,
                // "on Iran" a topic; "on" locates only a border or a front.
                if LOCATIVE.contains(&w.as_str()) || (w == "on" && p.feature == "BRDR") {
                    prep = w;
                }
                break;
            }
            if !matches!(upos, "DET" | "ADJ" | "PROPN" | "NOUN" | "PUNCT") || p.tokens.start - j > 5 {
                break;
            }
        }
        if prep.is_empty() {
            continue;
        }
        let d = distance(&trigger, &p.tokens);
        if !triggers.iter().all(|o| *o == trigger || distance(o, &p.tokens) >= d) {
            continue;
        }
        if best.as_ref().is_none_or(|(bd, _, _)| d < *bd) {
            let why = format!("\"{prep} {}\" in the event's clause → {} ({})", p.span.slice(&doc.text), p.name, if p.country.is_empty() { "-" } else { &p.country });
            best = Some((d, i, why));
        }
    }
    best.map(|(_, i, why)| (i, why))
}
