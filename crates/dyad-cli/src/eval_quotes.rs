//! `dyad eval quotes`: quotes and speakers against the PolNeAR attribution
//! corpus (`polnear/{train,dev}`: article texts and brat standoff files
//! with `Source`, `Cue` and `Content` spans in code points).
//!
//! Each article's first annotator file is the gold. A predicted and a gold
//! span *overlap* when they share a character, and match *exactly* when
//! they have the same bounds (whitespace trimmed). Precision is the share
//! of dyad's spans that match a gold span, recall the share of gold spans
//! matched. Content is compared per attribution (a quote's parts count as
//! one content); sources and cues as the sets of distinct spans (one
//! source often serves several attributions). *Direct* attributions are
//! those whose content starts with a quotation mark, on both sides. For the
//! direct quotes dyad finds (content overlapping a gold direct quote), the
//! speaker is correct when dyad's speaker phrase overlaps the gold source.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use dyad_core::{InputFormat, Meta, QuoteKind};

use crate::eval::{f_score, ratio};
use crate::Outcome;

/// The bars a run must meet (CI sets them).
#[derive(Clone, Copy, Debug, Default)]
pub struct Bars {
    pub min_direct_content_f1: Option<f64>,
    pub min_direct_speaker: Option<f64>,
    pub min_source_f1: Option<f64>,
}

type Spans = Vec<(usize, usize)>;

#[derive(Debug, Default, Clone)]
struct Attribution {
    content: Spans,
    source: Spans,
    cue: Spans,
}

/// Reads a brat file: attributions with their spans in bytes of `text`.
fn read_ann(ann: &str, byte_of: &[usize]) -> Vec<Attribution> {
    let to_bytes = |c: usize| byte_of.get(c).copied().unwrap_or(*byte_of.last().unwrap_or(&0));
    let mut spans: BTreeMap<&str, (&str, Spans)> = BTreeMap::new();
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut parts = line.split('\t');
        let (Some(id), Some(body)) = (parts.next(), parts.next()) else { continue };
        if id.starts_with('T') {
            let Some((kind, ranges)) = body.split_once(' ') else { continue };
            let list: Spans = ranges
                .split(';')
                .filter_map(|r| {
                    let mut it = r.split_whitespace().filter_map(|x| x.parse::<usize>().ok());
                    Some((to_bytes(it.next()?), to_bytes(it.next()?)))
                })
                .collect();
            spans.insert(id, (kind, list));
        } else if id.starts_with('E') {
            let mut a = Attribution::default();
            for role in body.split_whitespace() {
                let Some((name, t)) = role.split_once(':') else { continue };
                let Some((_, list)) = spans.get(t) else { continue };
                match name {
                    "Content" => a.content = list.clone(),
                    "Source" => a.source = list.clone(),
                    "Cue" => a.cue = list.clone(),
                    _ => {}
                }
            }
            if !a.content.is_empty() {
                out.push(a);
            }
        }
    }
    out
}

fn trim(text: &str, (s, e): (usize, usize)) -> (usize, usize) {
    let piece = text.get(s..e).unwrap_or("");
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail >= piece.len() {
        return (s, s);
    }
    (s + lead, e - trail)
}

fn overlaps(a: &Spans, b: &Spans) -> bool {
    a.iter().any(|&(s1, e1)| b.iter().any(|&(s2, e2)| s1 < e2 && s2 < e1))
}

fn exact(text: &str, a: &Spans, b: &Spans) -> bool {
    let norm = |v: &Spans| -> Vec<(usize, usize)> { v.iter().map(|&s| trim(text, s)).filter(|(s, e)| e > s).collect() };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a.first().map(|x| x.0) == b.first().map(|x| x.0) && a.last().map(|x| x.1) == b.last().map(|x| x.1)
}

fn starts_with_quote(text: &str, spans: &Spans) -> bool {
    let Some(&(s, e)) = spans.first() else { return false };
    text.get(s..e).unwrap_or("").trim_start().starts_with(['"', '“', '‘', '\'', '„', '«'])
}

#[derive(Default, Clone, Copy)]
struct Prf {
    predicted: usize,
    predicted_ok: usize,
    gold: usize,
    gold_ok: usize,
}

impl Prf {
    fn add(&mut self, text: &str, gold: &[Spans], pred: &[Spans], strict: bool) {
        let m = |a: &Spans, b: &Spans| if strict { exact(text, a, b) } else { overlaps(a, b) };
        self.gold += gold.len();
        self.predicted += pred.len();
        self.gold_ok += gold.iter().filter(|g| pred.iter().any(|p| m(g, p))).count();
        self.predicted_ok += pred.iter().filter(|p| gold.iter().any(|g| m(g, p))).count();
    }
    fn p(&self) -> f64 {
        ratio(self.predicted_ok, self.predicted)
    }
    fn r(&self) -> f64 {
        ratio(self.gold_ok, self.gold)
    }
    fn f1(&self) -> f64 {
        f_score(self.p(), self.r())
    }
}

/// Distinct spans (sources, cues) of a list.
fn distinct(list: impl Iterator<Item = Spans>) -> Vec<Spans> {
    let set: BTreeSet<Spans> = list.filter(|s| !s.is_empty()).collect();
    set.into_iter().collect()
}

pub fn quotes(data: &Path, split: &str, json: bool, n_errors: usize, bars: Bars) -> anyhow::Result<Outcome> {
    let dir = data.join("polnear").join(split);
    let texts = dir.join("text");
    let anns = dir.join("attributions");
    let mut articles: Vec<_> = std::fs::read_dir(&texts)
        .with_context(|| format!("cannot read {}", texts.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    articles.sort();
    let mut ann_files: Vec<String> =
        std::fs::read_dir(&anns).with_context(|| format!("cannot read {}", anns.display()))?.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    ann_files.sort();
    let pipeline = dyad::Pipeline::new();
    // [direct, all] × [content, source, cue] × [exact, overlap]
    let mut table = [[[Prf::default(); 2]; 3]; 2];
    let (mut matched_direct, mut right_speaker) = (0usize, 0usize);
    let mut n_articles = 0;
    let mut errors = Vec::new();
    for path in &articles {
        let stem = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let Some(ann_name) = ann_files.iter().find(|f| f.starts_with(&format!("{stem}_")) && f.ends_with(".ann")) else { continue };
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let ann = std::fs::read_to_string(anns.join(ann_name)).with_context(|| format!("cannot read {ann_name}"))?;
        let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of.push(text.len());
        let gold = read_ann(&ann, &byte_of);
        let raw = dyad::ingest::RawDocument { text: text.clone(), meta: Meta::new(stem.clone(), InputFormat::Text), diagnostics: Vec::new() };
        let analysis = pipeline.analyze(raw);
        // The analysed text must be the file's, for offsets to agree.
        let doc_text = &analysis.document.text;
        if doc_text != &text {
            anyhow::bail!("{}: the analysed text differs from the file; offsets would not agree", path.display());
        }
        n_articles += 1;
        let pred: Vec<Attribution> = analysis
            .quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Transcript)
            .map(|q| Attribution {
                content: q.content.iter().map(|c| (c.start, c.end)).collect(),
                source: q.speaker.iter().filter(|s| !s.tokens.is_empty()).map(|s| (s.span.start, s.span.end)).collect(),
                cue: q.cue.iter().map(|c| (c.start, c.end)).collect(),
            })
            .collect();
        for (di, only_direct) in [true, false].into_iter().enumerate() {
            let g: Vec<&Attribution> = gold.iter().filter(|a| !only_direct || starts_with_quote(&text, &a.content)).collect();
            let p: Vec<&Attribution> = pred.iter().filter(|a| !only_direct || starts_with_quote(&text, &a.content)).collect();
            let gc: Vec<Spans> = g.iter().map(|a| a.content.clone()).collect();
            let pc: Vec<Spans> = p.iter().map(|a| a.content.clone()).collect();
            let gs = distinct(g.iter().map(|a| a.source.clone()));
            let ps = distinct(p.iter().map(|a| a.source.clone()));
            let gq = distinct(g.iter().map(|a| a.cue.clone()));
            let pq = distinct(p.iter().map(|a| a.cue.clone()));
            for (si, strict) in [true, false].into_iter().enumerate() {
                table[di][0][si].add(&text, &gc, &pc, strict);
                table[di][1][si].add(&text, &gs, &ps, strict);
                table[di][2][si].add(&text, &gq, &pq, strict);
            }
            if only_direct {
                for ga in &g {
                    let Some(pa) = p.iter().find(|pa| overlaps(&ga.content, &pa.content)) else {
                        if errors.len() < n_errors {
                            errors.push(format!("{stem}: missed {:?}", text.get(ga.content[0].0..ga.content[0].1).unwrap_or("").chars().take(90).collect::<String>()));
                        }
                        continue;
                    };
                    if ga.source.is_empty() {
                        continue;
                    }
                    matched_direct += 1;
                    if overlaps(&ga.source, &pa.source) {
                        right_speaker += 1;
                    } else if errors.len() < n_errors {
                        let show = |s: &Spans| s.first().and_then(|&(a, b)| text.get(a..b)).unwrap_or("-").to_string();
                        errors.push(format!(
                            "{stem}: speaker {:?}, gold {:?} for {:?}",
                            show(&pa.source),
                            show(&ga.source),
                            text.get(ga.content[0].0..ga.content[0].1).unwrap_or("").chars().take(60).collect::<String>()
                        ));
                    }
                }
            }
        }
    }
    let speaker_share = ratio(right_speaker, matched_direct);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let names = ["content", "source", "cue"];
    if json {
        let mut rows = serde_json::Map::new();
        for (di, group) in ["direct", "all"].into_iter().enumerate() {
            for (ki, name) in names.into_iter().enumerate() {
                for (si, how) in ["exact", "overlap"].into_iter().enumerate() {
                    let t = &table[di][ki][si];
                    rows.insert(format!("{group}_{name}_{how}"), serde_json::json!({ "p": t.p(), "r": t.r(), "f1": t.f1(), "gold": t.gold, "predicted": t.predicted }));
                }
            }
        }
        rows.insert("direct_speaker".into(), serde_json::json!({ "matched": matched_direct, "correct": right_speaker, "share": speaker_share }));
        rows.insert("articles".into(), serde_json::json!(n_articles));
        writeln!(out, "{}", serde_json::to_string_pretty(&serde_json::Value::Object(rows))?)?;
    } else {
        writeln!(out, "PolNeAR {split}: {n_articles} articles; gold {} attributions ({} direct), dyad {} ({} direct)", table[1][0][0].gold, table[0][0][0].gold, table[1][0][0].predicted, table[0][0][0].predicted)?;
        writeln!(out, "{:<16} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}", "", "exact", "", "", "overlap", "", "")?;
        writeln!(out, "{:<16} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}", "", "P", "R", "F1", "P", "R", "F1")?;
        for (di, group) in ["direct", "all"].into_iter().enumerate() {
            for (ki, name) in names.into_iter().enumerate() {
                let (e, o) = (&table[di][ki][0], &table[di][ki][1]);
                writeln!(out, "{:<16} {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}", format!("{group} {name}"), e.p(), e.r(), e.f1(), o.p(), o.r(), o.f1())?;
            }
        }
        writeln!(out, "direct quotes found: {matched_direct} with a gold source; speaker correct for {right_speaker} ({:.1}%)", 100.0 * speaker_share)?;
        for e in &errors {
            writeln!(out, "  {e}")?;
        }
    }
    let mut failed = Vec::new();
    if let Some(min) = bars.min_direct_content_f1 {
        let f = table[0][0][1].f1();
        if f < min {
            failed.push(format!("direct content F1 (overlap) {f:.3} < {min}"));
        }
    }
    if let Some(min) = bars.min_direct_speaker {
        if speaker_share < min {
            failed.push(format!("correct speakers {speaker_share:.3} < {min}"));
        }
    }
    if let Some(min) = bars.min_source_f1 {
        let f = table[1][1][1].f1();
        if f < min {
            failed.push(format!("all-attribution source F1 (overlap) {f:.3} < {min}"));
        }
    }
    for f in &failed {
        writeln!(out, "below the bar: {f}")?;
    }
    Ok(if failed.is_empty() { Outcome::Ok } else { Outcome::SomeFailed })
}
