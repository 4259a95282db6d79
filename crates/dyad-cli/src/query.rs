//! `dyad stats` and `dyad search`: reading a database back.

use std::io::Write;

use anyhow::Context;
use dyad_store::Store;

use crate::flags::{DbFlags, SearchFlags};
use crate::Outcome;

fn open(flags: &DbFlags) -> anyhow::Result<Store> {
    anyhow::ensure!(flags.db.exists(), "no database at {} (create one with `dyad ingest PATH --db {}`)", flags.db.display(), flags.db.display());
    Ok(Store::open(&flags.db)?)
}

pub fn stats(flags: DbFlags) -> anyhow::Result<Outcome> {
    let store = open(&flags)?;
    let stats = store.stats()?;
    let mut out = std::io::stdout().lock();
    if flags.json {
        let json = serde_json::json!({
            "db": flags.db.display().to_string(),
            "schema_version": stats.schema_version,
            "documents": stats.n_documents,
            "by_format": stats.by_format.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
            "segments": stats.by_segment_kind.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
            "sentences": stats.n_sentences,
            "tokens": stats.n_tokens,
            "speakers": stats.n_speakers,
            "dated_documents": stats.n_dated,
            "date_range": stats.date_range.as_ref().map(|(a, b)| [a, b]),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        return Ok(Outcome::Ok);
    }
    let join = |pairs: &[(String, i64)]| pairs.iter().map(|(k, n)| format!("{n} {k}")).collect::<Vec<_>>().join(", ");
    writeln!(out, "database   {} (schema v{})", flags.db.display(), stats.schema_version)?;
    writeln!(out, "documents  {} ({})", stats.n_documents, join(&stats.by_format))?;
    writeln!(out, "segments   {}", join(&stats.by_segment_kind))?;
    writeln!(out, "sentences  {}", stats.n_sentences)?;
    writeln!(out, "tokens     {}", stats.n_tokens)?;
    writeln!(out, "speakers   {}", stats.n_speakers)?;
    match &stats.date_range {
        Some((first, last)) => writeln!(out, "dates      {first} … {last} ({} of {} documents dated)", stats.n_dated, stats.n_documents)?,
        None => writeln!(out, "dates      none")?,
    }
    Ok(Outcome::Ok)
}

pub fn search(flags: SearchFlags) -> anyhow::Result<Outcome> {
    let store = open(&flags.db)?;
    let hits = store.search(&flags.query, flags.limit).context("search failed")?;
    let mut out = std::io::stdout().lock();
    if flags.db.json {
        let hits: Vec<serde_json::Value> = hits
            .iter()
            .map(|h| {
                serde_json::json!({
                    "doc_id": h.doc_id, "title": h.title, "source": h.source, "date": h.date,
                    "sentence": h.sentence_idx, "span": [h.span.0, h.span.1], "text": h.text, "snippet": h.snippet,
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&hits)?)?;
        return Ok(Outcome::Ok);
    }
    if hits.is_empty() {
        anstream::eprintln!("no sentence matches {:?}", flags.query);
    }
    for hit in &hits {
        let title = hit.title.as_deref().unwrap_or("(untitled)");
        let date = hit.date.as_deref().unwrap_or("undated");
        writeln!(out, "{} · {} · {} [{}..{}]", hit.source, date, title, hit.span.0, hit.span.1)?;
        writeln!(out, "    {}", hit.snippet.split_whitespace().collect::<Vec<_>>().join(" "))?;
    }
    Ok(Outcome::Ok)
}
