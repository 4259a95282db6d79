//! `dyad eval plover`: events against the PLOVER gold-standard records.
//!
//! Each record is one sentence with its gold PLOVER event type and source
//! and target actors. A record counts as found when one of dyad's events in
//! the sentence has the gold type (older PLOVER names mapped to the current
//! ones), and as found with its source when such an event's source code
//! starts with one of the gold source codes (the country or body; the
//! records' legacy codes ITL, JAP, VTN read as ITA, JPN, VNM). Extra
//! events are dyad's events whose PLOVER type is not the gold one. Events
//! whose modality is `negated` ("did not attack") are not counted: the
//! text says they did not happen.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use dyad_core::{InputFormat, Meta};
use serde::Deserialize;

use crate::Outcome;

/// The bars a run must meet (CI sets them).
#[derive(Clone, Copy, Debug, Default)]
pub struct Bars {
    pub min_type: Option<f64>,
    pub min_source: Option<f64>,
    pub max_extra: Option<f64>,
}

#[derive(Debug, Deserialize)]
struct Record {
    #[serde(default)]
    id: String,
    #[serde(default)]
    event: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    source: Vec<GoldActor>,
}

#[derive(Debug, Deserialize)]
struct GoldActor {
    #[serde(default)]
    code: String,
}

/// The ISO code for the few legacy country codes the records use.
fn current_code(code: &str) -> &str {
    match code {
        "ITL" => "ITA",
        "JAP" => "JPN",
        "VTN" => "VNM",
        other => other,
    }
}

/// Current PLOVER name of a type (older names: DEMAND, DISAPPROVE, INVESTIGATE, FIGHT).
fn current_type(name: &str) -> &str {
    match name {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

#[derive(Default)]
struct Counts {
    records: usize,
    with_type: usize,
    with_source: usize,
    extra: usize,
}

impl Counts {
    fn share(&self, n: usize) -> f64 {
        if self.records == 0 {
            0.0
        } else {
            n as f64 / self.records as f64
        }
    }
}

pub fn plover(data: &Path, json: bool, n_errors: usize, bars: Bars) -> anyhow::Result<Outcome> {
    let path = data.join("plover-gsr/PLOVER_GSR_CAMEO.json");
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let records: Vec<Record> = serde_json::from_str(&text).with_context(|| format!("cannot parse {}", path.display()))?;
    let pipeline = dyad::Pipeline::new();
    let actors = dyad_events::actors::Actors::embedded();
    let mut all = Counts::default();
    let mut by_type: BTreeMap<String, Counts> = BTreeMap::new();
    // Gold type → predicted type → count ("-" for no event).
    let mut confusion: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut misses = Vec::new();
    for record in records.iter().filter(|r| !r.text.is_empty() && r.event != "DOCUMENT") {
        let gold = current_type(&record.event).to_string();
        // The records' dates are placeholders (the CAMEO manual's examples
        // span decades): office-holders are coded without a date.
        let meta = Meta::new(record.id.clone(), InputFormat::Text);
        let raw = dyad::ingest::RawDocument { text: record.text.clone(), meta, diagnostics: Vec::new() };
        let analysis = pipeline.analyze(raw);
        // An event the text says did not happen predicts nothing.
        let happened: Vec<&dyad_core::Event> = analysis.events.iter().filter(|e| e.modality != dyad_core::Modality::Negated).collect();
        let types: Vec<&str> = happened.iter().map(|e| current_type(&e.plover)).collect();
        let has_type = types.contains(&gold.as_str());
        let gold_sources: Vec<&str> = record.source.iter().map(|a| current_code(&a.code)).filter(|c| !c.is_empty()).collect();
        // A gold source is a country code, an organisation code, or a type
        // that any organisation of that type matches. The records write
        // `IGO` for international bodies of every kind (Amnesty, the Red
        // Cross), so `IGO` and `NGO` stand for each other.
        let international = |t: &str| matches!(t, "IGO" | "NGO");
        let source_matches = |code: &str| {
            gold_sources.iter().any(|g| {
                code.starts_with(g)
                    || g.starts_with(code)
                    || actors.organization_type(code).is_some_and(|t| t == *g || (international(t) && international(g)))
            })
        };
        let has_source = happened.iter().any(|e| current_type(&e.plover) == gold && e.source.code.as_deref().is_some_and(source_matches));
        let extra = types.iter().filter(|t| !t.is_empty() && **t != gold).count();
        for counts in [&mut all, by_type.entry(gold.clone()).or_default()] {
            counts.records += 1;
            counts.with_type += usize::from(has_type);
            counts.with_source += usize::from(has_source);
            counts.extra += extra;
        }
        let row = confusion.entry(gold.clone()).or_default();
        if types.iter().all(|t| t.is_empty()) {
            *row.entry("-".to_string()).or_default() += 1;
        }
        let mut seen: Vec<&str> = types.iter().copied().filter(|t| !t.is_empty()).collect();
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            *row.entry(t.to_string()).or_default() += 1;
        }
        if !has_source && misses.len() < n_errors {
            let found: Vec<String> = analysis
                .events
                .iter()
                .map(|e| format!("{} {} {}→{}", e.code, e.plover, e.source.code.as_deref().unwrap_or("?"), e.target.as_ref().and_then(|t| t.code.as_deref()).unwrap_or("-")))
                .collect();
            let missed = if has_type { "source" } else { "type" };
            misses.push(format!("{} gold {gold} {:?} ({missed} missed): {}\n    found: {}", record.id, gold_sources, record.text, if found.is_empty() { "nothing".to_string() } else { found.join("; ") }));
        }
    }
    let mut out = std::io::stdout().lock();
    if json {
        let types: Vec<serde_json::Value> = by_type
            .iter()
            .map(|(t, c)| serde_json::json!({"type": t, "records": c.records, "type_found": c.share(c.with_type), "source_found": c.share(c.with_source), "extra_per_record": c.extra as f64 / c.records.max(1) as f64, "confusion": confusion.get(t)}))
            .collect();
        let value = serde_json::json!({"records": all.records, "type_found": all.share(all.with_type), "source_found": all.share(all.with_source),
            "extra_per_record": all.extra as f64 / all.records.max(1) as f64, "types": types});
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
    } else {
        writeln!(out, "events on the PLOVER gold-standard records ({})", path.display())?;
        writeln!(out, "{:<10} {:>7} {:>8} {:>10} {:>8}   predicted types (records)", "gold type", "records", "type", "+source", "extra/r")?;
        for (t, c) in by_type.iter().chain(std::iter::once((&"all".to_string(), &all))) {
            let row = confusion.get(t).map_or_else(String::new, |r| {
                let mut cells: Vec<(&String, &usize)> = r.iter().collect();
                cells.sort_by(|a, b| b.1.cmp(a.1));
                cells.iter().take(6).map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
            });
            writeln!(
                out,
                "{:<10} {:>7} {:>8.3} {:>10.3} {:>8.3}   {}",
                t,
                c.records,
                c.share(c.with_type),
                c.share(c.with_source),
                c.extra as f64 / c.records.max(1) as f64,
                row
            )?;
        }
        for miss in &misses {
            writeln!(out, "{miss}")?;
        }
    }
    let extra = all.extra as f64 / all.records.max(1) as f64;
    let mut failed = false;
    if let Some(min) = bars.min_type.filter(|&m| all.share(all.with_type) < m) {
        eprintln!("gold event type found for {:.3} of records: below the bar {min}", all.share(all.with_type));
        failed = true;
    }
    if let Some(min) = bars.min_source.filter(|&m| all.share(all.with_source) < m) {
        eprintln!("gold type with source found for {:.3} of records: below the bar {min}", all.share(all.with_source));
        failed = true;
    }
    if let Some(max) = bars.max_extra.filter(|&m| extra > m) {
        eprintln!("{extra:.3} extra events per record: above the bar {max}");
        failed = true;
    }
    Ok(if failed { Outcome::SomeFailed } else { Outcome::Ok })
}
