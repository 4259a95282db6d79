//! The readable text report of `dyad analyze`.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use dyad_core::{Analysis, SegmentKind, Severity, Token};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const TITLE: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));
const WARN: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));

fn kind_style(kind: SegmentKind) -> Style {
    let color = match kind {
        SegmentKind::Chrome => AnsiColor::BrightBlack,
        SegmentKind::Headline => AnsiColor::Magenta,
        SegmentKind::Byline => AnsiColor::Blue,
        SegmentKind::Article => AnsiColor::Green,
        SegmentKind::Transcript => AnsiColor::Yellow,
    };
    Style::new().bold().fg_color(Some(anstyle::Color::Ansi(color)))
}

/// One line of text: whitespace runs collapsed.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes the report of one analysis: header, then each segment with its
/// sentences (and their truecased form where it differs), then entities
/// with their mentions, then diagnostics.
pub fn write(out: &mut impl Write, analysis: &Analysis, show_tokens: bool, explain: bool) -> std::io::Result<()> {
    let document = &analysis.document;
    let meta = &document.meta;
    writeln!(out, "{TITLE}{}{TITLE:#}  {DIM}{} · {} bytes · id {}{DIM:#}", meta.source, meta.format.as_str(), document.text.len(), document.id)?;
    let field = |out: &mut dyn Write, name: &str, value: Option<&str>| -> std::io::Result<()> {
        match value {
            Some(value) => writeln!(out, "  {BOLD}{name:<7}{BOLD:#} {value}"),
            None => writeln!(out, "  {BOLD}{name:<7}{BOLD:#} {DIM}—{DIM:#}"),
        }
    };
    field(out, "title", meta.title.as_deref())?;
    if meta.author.is_some() {
        field(out, "author", meta.author.as_deref())?;
    }
    if meta.url.is_some() {
        field(out, "url", meta.url.as_deref())?;
    }
    let date = meta.date.map(|d| match meta.date_source {
        dyad_core::DateSource::Inferred => format!("{d} (inferred, confidence {:.2})", meta.date_confidence),
        source => format!("{d} ({})", source.as_str()),
    });
    field(out, "date", date.as_deref())?;
    if explain && !meta.date_reason.is_empty() {
        writeln!(out, "          {DIM}{}{DIM:#}", meta.date_reason)?;
    }
    let n_by_kind = |kind: SegmentKind| document.segments.iter().filter(|s| s.kind == kind).count();
    writeln!(
        out,
        "  {BOLD}{:<7}{BOLD:#} {} segments ({} chrome, {} article, {} transcript), {} sentences, {} tokens",
        "shape",
        document.segments.len(),
        n_by_kind(SegmentKind::Chrome),
        n_by_kind(SegmentKind::Article),
        n_by_kind(SegmentKind::Transcript),
        analysis.sentences.len(),
        analysis.tokens.len()
    )?;
    writeln!(out)?;

    let mut sentences = analysis.sentences.iter().enumerate().peekable();
    for (segment_idx, segment) in document.segments.iter().enumerate() {
        let style = kind_style(segment.kind);
        let mut heading = format!("{style}{:<10}{style:#}", segment.kind.as_str());
        if let Some(speaker) = &segment.speaker {
            heading.push_str(&format!(" {BOLD}{}{BOLD:#}", speaker.name));
        }
        if segment.caps {
            heading.push_str(&format!(" {DIM}[all caps, truecased]{DIM:#}"));
        }
        heading.push_str(&format!(" {DIM}{}..{} {}{DIM:#}", segment.span.start, segment.span.end, segment.provenance.rule));
        writeln!(out, "{heading}")?;
        if !segment.kind.is_analysed() {
            writeln!(out, "      {DIM}{}{DIM:#}", one_line(segment.span.slice(&document.text)))?;
        }
        while let Some((sentence_idx, sentence)) = sentences.next_if(|(_, s)| s.segment_idx == segment_idx) {
            let written = one_line(sentence.span.slice(&document.text));
            writeln!(out, "  {DIM}{:>3}{DIM:#}  {written}", sentence_idx + 1)?;
            let tokens = analysis.sentence_tokens(sentence);
            if !tokens.is_empty() {
                let norm = one_line(Token::norm_of(tokens, document));
                if segment.caps && norm != written {
                    writeln!(out, "       {DIM}≈ {norm}{DIM:#}")?;
                }
            }
            if show_tokens {
                let listed: Vec<String> = sentence
                    .tokens
                    .clone()
                    .map(|token_idx| {
                        let t = &analysis.tokens[token_idx];
                        let written = t.span.slice(&document.text);
                        let norm = t.norm(document);
                        let shown = if norm == written { written.to_string() } else { format!("{written}→{norm}") };
                        match analysis.pos.get(token_idx) {
                            Some(tag) => format!("{shown}/{}", tag.upos),
                            None => shown,
                        }
                    })
                    .collect();
                writeln!(out, "       {DIM}{}{DIM:#}", listed.join(" · "))?;
            }
        }
    }
    if !analysis.entities.is_empty() {
        writeln!(out)?;
        writeln!(out, "{BOLD}entities{BOLD:#}")?;
        for entity in &analysis.entities {
            let mut line = format!("  {BOLD}{:<4}{BOLD:#} {}", entity.kind.code(), entity.name);
            if let Some(title) = &entity.title {
                line.push_str(&format!(" {DIM}({title}){DIM:#}"));
            }
            let mentions: Vec<String> = entity
                .mentions
                .iter()
                .filter_map(|&m| analysis.mentions.get(m))
                .map(|m| format!("{}@{}", one_line(m.span.slice(&document.text)), m.span.start))
                .collect();
            line.push_str(&format!("  {DIM}{}{DIM:#}", mentions.join(" · ")));
            writeln!(out, "{line}")?;
        }
    }
    if !analysis.events.is_empty() {
        writeln!(out)?;
        writeln!(out, "{BOLD}events{BOLD:#}")?;
        for event in &analysis.events {
            let actor = |a: &dyad_core::EventActor| format!("{} ({})", a.code.as_deref().unwrap_or("?"), one_line(a.span.slice(&document.text)));
            let target = event.target.as_ref().map_or_else(String::new, |t| format!(" → {}", actor(t)));
            let modality = if event.modality == dyad_core::Modality::Asserted { String::new() } else { format!(" [{}]", event.modality.as_str()) };
            let when = event.setting.date.as_deref().map_or(String::new(), |d| format!(" {d}"));
            let place = event.setting.place.and_then(|p| analysis.places.get(p)).map_or(String::new(), |p| format!(" in {}", p.name));
            writeln!(
                out,
                "  {:>4} {BOLD}{}{BOLD:#} {} {}{target}{modality}{when}{place}  {DIM}{} · \"{}\"@{}{DIM:#}",
                event.sentence,
                event.code,
                event.label,
                actor(&event.source),
                event.plover,
                one_line(event.trigger_span.slice(&document.text)),
                event.trigger_span.start
            )?;
            if explain {
                writeln!(out, "       {DIM}{} — {}{DIM:#}", event.provenance.rule, event.provenance.reason)?;
                writeln!(out, "       {DIM}when: {}{DIM:#}", event.setting.date_reason)?;
                if !event.setting.place_reason.is_empty() {
                    writeln!(out, "       {DIM}where: {}{DIM:#}", event.setting.place_reason)?;
                }
            }
        }
    }
    if !analysis.times.is_empty() {
        writeln!(out)?;
        writeln!(out, "{BOLD}times{BOLD:#}")?;
        for t in &analysis.times {
            writeln!(out, "  {:>4} {} {BOLD}{}{BOLD:#}  {DIM}\"{}\"@{}{DIM:#}", t.sentence, t.kind.as_str(), t.value, one_line(t.span.slice(&document.text)), t.span.start)?;
            if explain {
                writeln!(out, "       {DIM}{} — {}{DIM:#}", t.provenance.rule, t.provenance.reason)?;
            }
        }
    }
    if !analysis.places.is_empty() {
        writeln!(out)?;
        writeln!(out, "{BOLD}places{BOLD:#}")?;
        for p in &analysis.places {
            writeln!(
                out,
                "  {:>4} {BOLD}{}{BOLD:#} {} {} ({:.2}, {:.2}) {}  {DIM}\"{}\"@{}{DIM:#}",
                p.sentence,
                p.name,
                if p.country.is_empty() { "-" } else { &p.country },
                p.feature,
                p.lat,
                p.lon,
                p.role.as_str(),
                one_line(p.span.slice(&document.text)),
                p.span.start
            )?;
            if explain {
                writeln!(out, "       {DIM}{} — {}{DIM:#}", p.provenance.rule, p.provenance.reason)?;
            }
        }
    }
    if !analysis.diagnostics.is_empty() {
        writeln!(out)?;
        for diagnostic in &analysis.diagnostics {
            let style = if diagnostic.severity == Severity::Warning { WARN } else { DIM };
            writeln!(out, "{style}{}{style:#}: {} {DIM}[{}]{DIM:#}", diagnostic.severity.as_str(), diagnostic.message, diagnostic.code)?;
        }
    }
    Ok(())
}
