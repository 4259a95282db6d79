//! `dyad eval times`: temporal expressions against our own annotated
//! passages (`testdata/times/*.toml`, see the README there).
//!
//! Each passage is analysed with its document date (given as `--date`
//! would give it); passages of `inference.toml` carry none, and their
//! document date must be inferred. A found expression matches a gold one
//! when their spans overlap (each used once); *strict* when the spans are
//! equal. Value accuracy is over matched pairs; the value F1 counts a match
//! only when the value is right too.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use dyad_core::{Date, DateSource, InputFormat, Meta};
use serde::Deserialize;

use crate::eval::{f_score, ratio};
use crate::Outcome;

/// The bars a run must meet.
#[derive(Clone, Copy, Debug, Default)]
pub struct Bars {
    pub min_value_f1: Option<f64>,
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    passage: Vec<Passage>,
}

#[derive(Deserialize)]
struct Passage {
    id: String,
    #[serde(default)]
    date: Option<String>,
    text: String,
    #[serde(default)]
    times: Vec<GoldTime>,
    #[serde(default)]
    inferred: Option<String>,
    /// Expressions whose value needs a date that cannot be inferred: not scored.
    #[serde(default)]
    unresolved: Vec<String>,
}

#[derive(Deserialize)]
struct GoldTime {
    text: String,
    #[serde(default)]
    nth: Option<usize>,
    value: String,
    #[serde(rename = "type")]
    kind: String,
}

/// Byte span of the `nth` occurrence (1-based) of `needle` on word boundaries.
fn find(text: &str, needle: &str, nth: usize) -> Option<(usize, usize)> {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let mut seen = 0;
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find(needle)) {
        let start = from + i;
        let end = start + needle.len();
        if boundary(text[..start].chars().next_back()) && boundary(text[end..].chars().next()) {
            seen += 1;
            if seen == nth {
                return Some((start, end));
            }
        }
        from = start + needle.len().max(1);
    }
    None
}

#[derive(Default)]
struct Counts {
    gold: usize,
    found: usize,
    /// Gold expressions of this type matched.
    matched: usize,
    /// Found expressions of this type matched.
    found_matched: usize,
    /// Found expressions of this type matched with the exact span / the right value.
    found_strict: usize,
    found_value: usize,
    strict: usize,
    value: usize,
    kind: usize,
}

pub fn times(dir: &Path, json: bool, errors: usize, bars: Bars) -> anyhow::Result<Outcome> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let pipeline = dyad::Pipeline::new();
    let mut c = Counts::default();
    let mut by_type: std::collections::BTreeMap<String, Counts> = Default::default();
    let (mut n_infer, mut infer_ok, mut n_passages) = (0usize, 0usize, 0usize);
    let mut listed = Vec::new();
    for path in &paths {
        let source = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let file: File = toml::from_str(&source).with_context(|| format!("cannot parse {}", path.display()))?;
        for p in file.passage {
            n_passages += 1;
            let mut meta = Meta::new(format!("{}#{}", path.display(), p.id), InputFormat::Text);
            if let Some(d) = &p.date {
                meta.date = Some(Date::parse(d).with_context(|| format!("{}: passage {}", path.display(), p.id))?);
                meta.date_source = DateSource::Cli;
            }
            let raw = dyad_ingest::RawDocument { text: p.text.clone(), meta, diagnostics: Vec::new() };
            let analysis = pipeline.analyze(raw);
            let text = &analysis.document.text;
            if p.date.is_none() {
                n_infer += 1;
                let got = analysis.document.meta.date.map(|d| d.to_string());
                let ok = match p.inferred.as_deref() {
                    Some(day) if !day.is_empty() => got.as_deref() == Some(day),
                    // No day can be fixed: a system must not claim one.
                    _ => got.is_none(),
                };
                if ok {
                    infer_ok += 1;
                } else if listed.len() < errors {
                    listed.push(format!(
                        "{}: inferred {:?} ({}), gold {:?}",
                        p.id,
                        got,
                        analysis.document.meta.date_reason,
                        p.inferred.as_deref().unwrap_or("")
                    ));
                }
            }
            let found: Vec<&dyad_core::TimeExpr> =
                analysis.times.iter().filter(|t| !p.unresolved.iter().any(|u| u == t.span.slice(text))).collect();
            let mut used = vec![false; found.len()];
            c.found += found.len();
            for f in &found {
                by_type.entry(f.kind.as_str().to_string()).or_default().found += 1;
            }
            for g in &p.times {
                c.gold += 1;
                let t = by_type.entry(g.kind.clone()).or_default();
                t.gold += 1;
                let Some((start, end)) = find(text, &g.text, g.nth.unwrap_or(1)) else {
                    anyhow::bail!("{}: passage {}: {:?} not found in the text", path.display(), p.id, g.text);
                };
                let hit = found.iter().enumerate().find(|(j, f)| !used[*j] && f.span.start < end && start < f.span.end);
                let Some((j, f)) = hit else {
                    if listed.len() < errors {
                        listed.push(format!("{}: missed {:?} = {}", p.id, g.text, g.value));
                    }
                    continue;
                };
                used[j] = true;
                c.matched += 1;
                c.found_matched += 1;
                t.matched += 1;
                by_type.entry(f.kind.as_str().to_string()).or_default().found_matched += 1;
                let t = by_type.entry(g.kind.clone()).or_default();
                let strict = f.span.start == start && f.span.end == end;
                c.strict += usize::from(strict);
                t.strict += usize::from(strict);
                let value = f.value == g.value;
                c.value += usize::from(value);
                t.value += usize::from(value);
                c.found_strict += usize::from(strict);
                c.found_value += usize::from(value);
                let by_found = by_type.entry(f.kind.as_str().to_string()).or_default();
                by_found.found_strict += usize::from(strict);
                by_found.found_value += usize::from(value);
                let t = by_type.entry(g.kind.clone()).or_default();
                let kind = f.kind.as_str() == g.kind;
                c.kind += usize::from(kind);
                t.kind += usize::from(kind);
                if !value && listed.len() < errors {
                    listed.push(format!("{}: {:?} = {} (gold {}) — {}", p.id, f.span.slice(text), f.value, g.value, f.provenance.reason));
                }
            }
            for (j, f) in found.iter().enumerate() {
                if !used[j] && listed.len() < errors {
                    listed.push(format!("{}: extra {:?} = {}", p.id, f.span.slice(text), f.value));
                }
            }
        }
    }
    // Per type, precision counts found expressions of the type and recall
    // gold ones, so their matches are counted on each side.
    let f1 = |tp: usize, gold: usize, found: usize| f_score(ratio(tp, found), ratio(tp, gold));
    let value_f1 = f1(c.value, c.gold, c.found);
    let mut out = anstream::stdout();
    if json {
        let v = serde_json::json!({
            "passages": n_passages, "gold": c.gold, "found": c.found, "matched": c.matched,
            "precision": ratio(c.matched, c.found), "recall": ratio(c.matched, c.gold), "f1": f1(c.matched, c.gold, c.found),
            "strict_f1": f1(c.strict, c.gold, c.found), "value_accuracy": ratio(c.value, c.matched),
            "type_accuracy": ratio(c.kind, c.matched), "value_f1": value_f1,
            "inferred": n_infer, "inferred_correct": infer_ok,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        writeln!(out, "times ({}): {n_passages} passages", dir.display())?;
        writeln!(out, "type        gold  found  P      R      F1     strict F1  value acc  type acc  value F1")?;
        let mut row = |name: &str, t: &Counts| {
            writeln!(
                out,
                "{name:<10} {:>5}  {:>5}  {:.3}  {:.3}  {:.3}  {:.3}      {:.3}      {:.3}     {:.3}",
                t.gold,
                t.found,
                ratio(t.found_matched, t.found),
                ratio(t.matched, t.gold),
                f_score(ratio(t.found_matched, t.found), ratio(t.matched, t.gold)),
                f_score(ratio(t.found_strict, t.found), ratio(t.strict, t.gold)),
                ratio(t.value, t.matched),
                ratio(t.kind, t.matched),
                f_score(ratio(t.found_value, t.found), ratio(t.value, t.gold))
            )
        };
        for (name, t) in &by_type {
            row(name, t)?;
        }
        row("all", &c)?;
        writeln!(out, "document date inferred: {infer_ok} of {n_infer} passages right")?;
    }
    let mut err = anstream::stderr();
    for l in &listed {
        writeln!(err, "{l}")?;
    }
    if let Some(min) = bars.min_value_f1 {
        if value_f1 < min {
            writeln!(err, "below the bar: value F1 {value_f1:.3} < {min}")?;
            return Ok(Outcome::SomeFailed);
        }
    }
    Ok(Outcome::Ok)
}
