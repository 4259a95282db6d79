//! Golden files: every fixture in `testdata/fixtures` is read, analysed and
//! compared with its snapshot in `testdata/golden` (text in, records out).
//!
//! The snapshot is the wire JSON of each document the file yields (or the
//! error it gives), with each sentence's tokens written compactly as
//! `written→norm/UPOS=lemma` (the lemma when it differs from the form)
//! joined by ` | `, its chunks as `[NP [start, end] <head>]`, and each
//! entity mention as one line (kind, words, span, rule: reason), so the
//! files stay readable. Review changes
//! with `git diff testdata/golden`; accept them with
//! `INSTA_UPDATE=always cargo test --workspace`.

use dyad::Pipeline;
use dyad_ingest::{read, ReadConfig};
use dyad_wire::AnalysisJson;
use serde_json::{json, Value};

fn render(path: &std::path::Path, root: &std::path::Path, pipeline: &Pipeline) -> Value {
    let results = read::read_path(path, &ReadConfig::default());
    let root_prefix = format!("{}/", root.display());
    let documents: Vec<Value> = results
        .into_iter()
        .map(|result| match result {
            Err(err) => json!({ "error": err.to_string().replace(&root_prefix, "") }),
            Ok(mut raw) => {
                raw.meta.source = raw.meta.source.replace(&root_prefix, "");
                let analysis = pipeline.analyze(raw);
                let mut value = serde_json::to_value(AnalysisJson::from_analysis(&analysis)).unwrap();
                for sentence in value["sentences"].as_array_mut().unwrap() {
                    let tokens: Vec<String> = sentence["tokens"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|t| {
                            let written = match t.get("norm") {
                                Some(norm) => format!("{}→{}", t["text"].as_str().unwrap(), norm.as_str().unwrap()),
                                None => t["text"].as_str().unwrap().to_string(),
                            };
                            let form = t.get("norm").unwrap_or(&t["text"]).as_str().unwrap();
                            match t["lemma"].as_str() {
                                Some(lemma) if lemma != form.to_lowercase() && lemma != form => {
                                    format!("{written}/{}={lemma}", t["upos"].as_str().unwrap_or("-"))
                                }
                                _ => format!("{written}/{}", t["upos"].as_str().unwrap_or("-")),
                            }
                        })
                        .collect();
                    sentence["tokens"] = Value::String(tokens.join(" | "));
                    if let Some(chunks) = sentence.get("chunks").and_then(Value::as_array) {
                        let chunks: Vec<String> = chunks.iter().map(compact_chunk).collect();
                        sentence["chunks"] = Value::String(chunks.join(" "));
                    }
                }
                for entity in value["entities"].as_array_mut().unwrap() {
                    let mentions: Vec<Value> = entity["mentions"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|m| {
                            Value::String(format!(
                                "{} {} [{}, {}] {}: {}",
                                m["kind"].as_str().unwrap(),
                                m.get("norm").unwrap_or(&m["text"]).as_str().unwrap(),
                                m["span"][0],
                                m["span"][1],
                                m["rule"].as_str().unwrap(),
                                m["reason"].as_str().unwrap()
                            ))
                        })
                        .collect();
                    entity["mentions"] = Value::Array(mentions);
                }
                // An event as `043 USAGOV "US officials" → RUSGOV "Russia" [trigger 10, 14] future event.meet: reason`.
                let events: Vec<Value> = value["events"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| {
                        let actor = |a: &Value| format!("{} {:?}", a["code"].as_str().unwrap_or("?"), a["text"].as_str().unwrap());
                        let target = if e["target"].is_null() { String::new() } else { format!(" → {}", actor(&e["target"])) };
                        Value::String(format!(
                            "{} {} {}{target} [{}, {}] {} {}: {}",
                            e["code"].as_str().unwrap(),
                            e["plover"].as_str().unwrap(),
                            actor(&e["source"]),
                            e["trigger"]["span"][0],
                            e["trigger"]["span"][1],
                            e["modality"].as_str().unwrap(),
                            e["rule"].as_str().unwrap(),
                            e["reason"].as_str().unwrap()
                        ))
                    })
                    .collect();
                value["events"] = Value::Array(events);
                // A quote as `direct [10, 52] "…" ← "he" (Ivan Petrov, RUSGOV) about … cue "said" quote.cue-subject`.
                let quotes: Vec<Value> = value["quotes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|q| {
                        let who = |s: &Value| {
                            if s.is_null() {
                                "nobody".to_string()
                            } else {
                                format!("{:?} ({}, {})", s["text"].as_str().unwrap(), s["name"].as_str().unwrap_or("?"), s["code"].as_str().unwrap_or("?"))
                            }
                        };
                        let spans: Vec<String> = q["content"].as_array().unwrap().iter().map(|c| format!("[{}, {}]", c["span"][0], c["span"][1])).collect();
                        let about = if q["about"].is_null() { String::new() } else { format!(" about {}", who(&q["about"])) };
                        Value::String(format!(
                            "{} {} {:?} ← {}{about} cue {:?} {}",
                            q["kind"].as_str().unwrap(),
                            spans.join(" "),
                            q["text"].as_str().unwrap(),
                            who(&q["speaker"]),
                            q["cue_text"].as_str().unwrap(),
                            q["rule"].as_str().unwrap()
                        ))
                    })
                    .collect();
                value["quotes"] = Value::Array(quotes);
                value
            }
        })
        .collect();
    Value::Array(documents)
}

/// A chunk as `[NP the talks <talks>]`, `[VG were not postponed <postponed> passive neg modal=will]`.
fn compact_chunk(chunk: &Value) -> String {
    let mut out = format!("[{} {} <{}>", chunk["kind"].as_str().unwrap(), chunk["span"], chunk["head_text"].as_str().unwrap());
    for flag in ["passive", "negated"] {
        if chunk.get(flag).and_then(Value::as_bool) == Some(true) {
            out.push(' ');
            out.push_str(flag);
        }
    }
    if let Some(modal) = chunk.get("modal").and_then(Value::as_str) {
        out.push_str(&format!(" modal={modal}"));
    }
    out.push(']');
    out
}

/// Puts arrays of numbers (spans) on one line: `[0, 43]`.
fn compact_number_arrays(pretty: &str) -> String {
    let lines: Vec<&str> = pretty.lines().collect();
    let mut out = String::new();
    let mut idx = 0;
    while idx < lines.len() {
        let line = lines[idx];
        if line.ends_with('[') {
            let numbers: Vec<&str> = lines[idx + 1..]
                .iter()
                .map(|l| l.trim().trim_end_matches(','))
                .take_while(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
                .collect();
            let close = lines.get(idx + 1 + numbers.len()).map(|l| l.trim());
            if !numbers.is_empty() && matches!(close, Some("]") | Some("],")) {
                out.push_str(line);
                out.push_str(&numbers.join(", "));
                out.push_str(close.unwrap());
                out.push('\n');
                idx += numbers.len() + 2;
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
        idx += 1;
    }
    out
}

#[test]
fn fixtures_match_their_golden_files() {
    let pipeline = Pipeline::new();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../../testdata/golden");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap();
        insta::glob!("../../../testdata/fixtures", "*.*", |path| {
            // Sources are relative so snapshots do not depend on the checkout.
            let value = render(path, &root, &pipeline);
            insta::assert_snapshot!(compact_number_arrays(&serde_json::to_string_pretty(&value).unwrap()));
        });
    });
}
