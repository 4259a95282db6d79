//! `dyad eval places`: place mentions against GeoWebNews.
//!
//! GeoWebNews (Gritta et al.) annotates every toponym of 200 web news
//! articles, adjectives of countries included ("Russian"), with the
//! coordinates of the place meant; `Geocoding/gwn_full.txt` holds, line by
//! line, the gold of `Geocoding/files/<line>` with character offsets. A
//! place dyad reports matches a gold toponym when their character spans
//! overlap (each used once). Mention precision and recall count matches;
//! accuracy is the share of matched mentions whose coordinates lie within
//! 161 km (100 miles) of the gold ones, the measure the geoparsing
//! literature reports.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use dyad_core::{CharIndex, InputFormat, Meta};

use crate::eval::{f_score, ratio};
use crate::Outcome;

/// The bars a run must meet (CI sets them).
#[derive(Clone, Copy, Debug, Default)]
pub struct Bars {
    pub min_accuracy: Option<f64>,
    pub min_recall: Option<f64>,
}

struct Gold {
    name: String,
    mention: String,
    lat: f64,
    lon: f64,
    start: usize,
    end: usize,
}

/// Parses one line of `gwn_full.txt`: `Name,,Mention,,lat,,lon,,start,,end||…`.
fn parse_line(line: &str) -> Vec<Gold> {
    line.split("||")
        .filter_map(|item| {
            let f: Vec<&str> = item.split(",,").collect();
            let [name, mention, lat, lon, start, end] = f[..] else { return None };
            Some(Gold {
                name: name.to_string(),
                mention: mention.to_string(),
                lat: lat.trim().parse().ok()?,
                lon: lon.trim().parse().ok()?,
                start: start.trim().parse().ok()?,
                end: end.trim().parse().ok()?,
            })
        })
        .collect()
}

pub fn places(data: &Path, json: bool, errors: usize, bars: Bars) -> anyhow::Result<Outcome> {
    let root = data.join("geowebnews").join("Geocoding");
    let root = if root.exists() { root } else { data.join("Geocoding") };
    let gold_path = root.join("gwn_full.txt");
    let gold_text = std::fs::read_to_string(&gold_path).with_context(|| format!("cannot read {}", gold_path.display()))?;
    let pipeline = dyad::Pipeline::new();
    let (mut n_gold, mut n_found, mut matched, mut within) = (0usize, 0usize, 0usize, 0usize);
    let mut distances = Vec::new();
    let mut misses: Vec<String> = Vec::new();
    let mut wrong: Vec<String> = Vec::new();
    let mut spurious: Vec<String> = Vec::new();
    let started = std::time::Instant::now();
    for (i, line) in gold_text.lines().enumerate() {
        let path = root.join("files").join(i.to_string());
        let gold = parse_line(line);
        if gold.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {} (gold line {})", path.display(), i + 1))?;
        let raw = dyad_ingest::RawDocument { text, meta: Meta::new(path.display().to_string(), InputFormat::Text), diagnostics: Vec::new() };
        let analysis = pipeline.analyze(raw);
        let index = CharIndex::new(&analysis.document.text);
        let found: Vec<(usize, usize, &dyad_core::Place)> = analysis
            .places
            .iter()
            // Border regions are derived from the toponyms, not toponyms.
            .filter(|p| p.feature != "BRDR")
            .map(|p| {
                let c = index.char_span(p.span);
                (c.0, c.1, p)
            })
            .collect();
        n_gold += gold.len();
        n_found += found.len();
        let mut used = vec![false; found.len()];
        for g in &gold {
            let hit = found.iter().enumerate().find(|(j, (s, e, _))| !used[*j] && *s < g.end && g.start < *e);
            match hit {
                Some((j, (_, _, p))) => {
                    used[j] = true;
                    matched += 1;
                    let d = dyad_geo::distance_km(p.lat, p.lon, g.lat, g.lon);
                    distances.push(d);
                    if d <= 161.0 {
                        within += 1;
                    } else if wrong.len() < errors {
                        wrong.push(format!("file {i}: {:?} → {} ({}, {:.2},{:.2}); gold {} ({:.2},{:.2}), {:.0} km", g.mention, p.name, p.country, p.lat, p.lon, g.name, g.lat, g.lon, d));
                    }
                }
                None => {
                    if misses.len() < errors {
                        misses.push(format!("file {i}: {:?} (gold {})", g.mention, g.name));
                    }
                }
            }
        }
        for (j, (_, _, p)) in found.iter().enumerate() {
            if !used[j] && spurious.len() < errors {
                spurious.push(format!("file {i}: {:?} → {} ({})", p.span.slice(&analysis.document.text), p.name, p.country));
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let precision = ratio(matched, n_found);
    let recall = ratio(matched, n_gold);
    let f1 = f_score(precision, recall);
    let accuracy = ratio(within, matched);
    distances.sort_by(f64::total_cmp);
    let median = distances.get(distances.len() / 2).copied().unwrap_or(0.0);
    let mut out = anstream::stdout();
    if json {
        let v = serde_json::json!({
            "gold": n_gold, "found": n_found, "matched": matched,
            "precision": precision, "recall": recall, "f1": f1,
            "accuracy_161km": accuracy, "median_error_km": median, "seconds": seconds,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        writeln!(out, "GeoWebNews ({}): {n_gold} gold toponyms, {n_found} places found, {matched} matched", root.display())?;
        writeln!(out, "mentions  precision {precision:.3}  recall {recall:.3}  F1 {f1:.3}")?;
        writeln!(out, "resolution  accuracy@161km {accuracy:.3} ({within} of {matched})  median error {median:.1} km")?;
        writeln!(out, "time {seconds:.1} s")?;
    }
    let mut err = anstream::stderr();
    for (title, list) in [("missed", &misses), ("too far", &wrong), ("not in gold", &spurious)] {
        if !list.is_empty() {
            writeln!(err, "== {title}")?;
            for l in list {
                writeln!(err, "{l}")?;
            }
        }
    }
    let mut failed = Vec::new();
    if let Some(min) = bars.min_accuracy {
        if accuracy < min {
            failed.push(format!("accuracy@161km {accuracy:.3} < {min}"));
        }
    }
    if let Some(min) = bars.min_recall {
        if recall < min {
            failed.push(format!("mention recall {recall:.3} < {min}"));
        }
    }
    if failed.is_empty() {
        Ok(Outcome::Ok)
    } else {
        writeln!(err, "below the bar: {}", failed.join("; "))?;
        Ok(Outcome::SomeFailed)
    }
}
