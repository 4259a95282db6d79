//! `dyad stats` and `dyad search`: reading a database back.

use std::io::Write;

use anyhow::Context;
use dyad_store::Store;

use crate::flags::{DbFlags, EventsFlags, EventsFormat, ExplainFlags, QuotesFlags, SearchFlags};
use crate::Outcome;

fn open(flags: &DbFlags) -> anyhow::Result<Store> {
    open_path(&flags.db)
}

fn open_path(db: &str) -> anyhow::Result<Store> {
    if !dyad_store::is_postgres_url(db) {
        anyhow::ensure!(std::path::Path::new(db).exists(), "no database at {db} (create one with `dyad ingest PATH --db {db}`)");
    }
    Ok(Store::open_location(db)?)
}

pub fn stats(flags: DbFlags) -> anyhow::Result<Outcome> {
    let mut store = open(&flags)?;
    let stats = store.stats()?;
    let mut out = std::io::stdout().lock();
    if flags.json {
        let json = serde_json::json!({
            "db": dyad_store::redact_location(&flags.db),
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
    writeln!(out, "database   {} (schema v{})", dyad_store::redact_location(&flags.db), stats.schema_version)?;
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
    let mut store = open(&flags.db)?;
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

pub fn events(flags: EventsFlags) -> anyhow::Result<Outcome> {
    let mut store = open_path(&flags.db)?;
    let filter = dyad_store::EventFilter {
        actor: flags.actor,
        source: flags.source,
        target: flags.target,
        code: flags.code,
        plover: flags.plover,
        modality: flags.modality,
        since: flags.dates.since.map(|d| d.to_string()),
        until: flags.dates.until.map(|d| d.to_string()),
        limit: flags.limit,
        ..Default::default()
    };
    let rows = store.events(&filter).context("cannot list events")?.items;
    let mut out = std::io::stdout().lock();
    match flags.format {
        EventsFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?,
        EventsFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(dyad_store::GDELT_COLUMNS)?;
            for row in &rows {
                writer.write_record(row.gdelt_record())?;
            }
            writer.flush()?;
        }
        EventsFormat::Text => {
            for row in &rows {
                let target = match (&row.target_text, &row.target_code) {
                    (Some(text), Some(code)) => format!(" → {code} ({text})"),
                    (Some(text), None) => format!(" → ({text})"),
                    _ => String::new(),
                };
                writeln!(
                    out,
                    "{} {} {} {} ({}){target}  [{} {}{}]",
                    row.date.as_deref().unwrap_or("----------"),
                    row.code,
                    row.label,
                    row.source_code.as_deref().unwrap_or("?"),
                    row.source_text,
                    row.plover,
                    row.modality,
                    if row.plover_mode.is_empty() { String::new() } else { format!(", {}", row.plover_mode) },
                )?;
                if let Some(place) = &row.place {
                    writeln!(out, "    at {place}{}", row.lat.zip(row.lon).map_or(String::new(), |(a, b)| format!(" ({a:.2}, {b:.2})")))?;
                }
                writeln!(out, "    \"{}\" in: {}", row.trigger_text, row.sentence.trim())?;
            }
            if rows.is_empty() {
                writeln!(out, "no events match")?;
            }
        }
    }
    Ok(Outcome::Ok)
}

pub fn quotes(flags: QuotesFlags) -> anyhow::Result<Outcome> {
    let mut store = open_path(&flags.db)?;
    let filter = dyad_store::QuoteFilter {
        speaker: flags.speaker,
        actor: flags.actor,
        search: flags.search,
        kind: flags.kind.map(|k| k.to_lowercase()),
        since: flags.dates.since.map(|d| d.to_string()),
        until: flags.dates.until.map(|d| d.to_string()),
        limit: flags.limit,
        ..Default::default()
    };
    let rows = store.quotes(&filter).context("cannot list quotes")?.items;
    let mut out = std::io::stdout().lock();
    if flags.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        return Ok(Outcome::Ok);
    }
    for row in &rows {
        let who = match (&row.speaker_name, &row.speaker_text) {
            (Some(name), Some(text)) if !text.contains(name.as_str()) => format!("{name} (\"{text}\")"),
            (Some(name), _) => name.clone(),
            (None, Some(text)) => format!("\"{text}\""),
            (None, None) => "unattributed".to_string(),
        };
        let code = row.speaker_code.as_deref().map_or(String::new(), |c| format!(" {c}"));
        let about = row.about_name.as_deref().or(row.about_text.as_deref()).map_or(String::new(), |a| format!(", about {a}"));
        let cue = if row.cue_text.is_empty() { String::new() } else { format!(", \"{}\"", row.cue_text) };
        writeln!(out, "{} {} {who}{code}{about}{cue} [{}]", row.date.as_deref().unwrap_or("----------"), row.kind, row.rule)?;
        writeln!(out, "    {}", row.text.split_whitespace().collect::<Vec<_>>().join(" "))?;
    }
    if rows.is_empty() {
        writeln!(out, "no quotes match")?;
    }
    Ok(Outcome::Ok)
}

pub fn explain(flags: ExplainFlags) -> anyhow::Result<Outcome> {
    let mut store = open(&flags.db)?;
    let Some(doc_id) = store.resolve_id(&flags.doc_id)? else {
        anyhow::bail!("no document {} in {} (or the prefix is not unique)", flags.doc_id, dyad_store::redact_location(&flags.db.db));
    };
    let analysis = store.analysis(&doc_id)?.with_context(|| format!("document {doc_id} vanished"))?;
    let mut out = std::io::stdout().lock();
    if flags.db.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&analysis.events)?)?;
        return Ok(Outcome::Ok);
    }
    writeln!(out, "{} {} — {} events", doc_id, analysis.document.source, analysis.events.len())?;
    for (idx, event) in analysis.events.iter().enumerate() {
        let sentence = analysis.sentences.get(event.sentence).map_or("", |s| s.text.as_str());
        // CAMEO codes without a PLOVER type (010, generic statements) say so.
        let plover = match (event.plover.as_str(), event.plover_mode.as_str()) {
            ("", _) => "no PLOVER type".to_string(),
            (plover, "") => plover.to_string(),
            (plover, mode) => format!("{plover} {mode}"),
        };
        writeln!(out, "\n#{idx} {} {} ({plover}, quad {}, Goldstein {:+.1}) [{}]", event.code, event.label, event.quad, event.goldstein, event.modality)?;
        writeln!(out, "  sentence  {}", sentence.trim())?;
        writeln!(out, "  trigger   \"{}\" at bytes {}..{}", event.trigger_text, event.trigger.span[0], event.trigger.span[1])?;
        writeln!(out, "  source    {} \"{}\" — {}", event.source.code.as_deref().unwrap_or("?"), event.source.text, event.source.reason)?;
        if let Some(target) = &event.target {
            writeln!(out, "  target    {} \"{}\" — {}", target.code.as_deref().unwrap_or("?"), target.text, target.reason)?;
        }
        writeln!(out, "  rule      {}", event.rule)?;
        writeln!(out, "  why       {}", event.reason)?;
    }
    Ok(Outcome::Ok)
}
