//! The shape of a news text: paragraphs, and which of them are site chrome,
//! headline, byline, article body or broadcast transcript turns.
//!
//! Scraped pages mix the story with leftovers of the site ("Skip to main
//! content", section labels, share bars, copyright lines) and often end with
//! a TV script whose lines start with speaker labels. [`segment`] splits the
//! text into paragraphs ([`paragraphs`]) and classifies each with the rules
//! in [`chrome`] and [`transcript`], then merges runs: consecutive article
//! paragraphs form one article segment, and a transcript turn runs from its
//! label until the next label or chrome line.
//!
//! Every segment carries the rule that classified it. The rules are
//! heuristics tuned on news layouts; they never fail, and text they cannot
//! place is article text.

pub mod chrome;
pub mod transcript;

use dyad_core::{Provenance, Segment, SegmentKind, Span, Speaker};

use transcript::LabelStyle;

/// Splits `text` into classified segments, in order and non-overlapping.
pub fn segment(text: &str) -> Vec<Segment> {
    let paragraphs = paragraphs(text);
    let labels: Vec<Option<transcript::Label>> = paragraphs.iter().map(|&p| transcript::label(text, p)).collect();
    let accepted = transcript::accept(text, &labels);
    let chrome_phrases: Vec<Option<&str>> = paragraphs.iter().map(|&p| chrome::phrase(p.slice(text))).collect();
    let is_body: Vec<bool> = paragraphs.iter().zip(&chrome_phrases).map(|(&p, chrome)| is_body_like(p.slice(text)) && chrome.is_none()).collect();
    let last_body_idx = is_body.iter().rposition(|&b| b);

    let mut segments: Vec<Segment> = Vec::new();
    let mut in_turn = false;
    let mut seen_body = false;
    let mut has_headline = false;
    for (paragraph_idx, &paragraph) in paragraphs.iter().enumerate() {
        let line = paragraph.slice(text);
        let in_footer = last_body_idx.is_some_and(|last| paragraph_idx > last);
        if let Some(label) = labels[paragraph_idx].as_ref().filter(|_| accepted[paragraph_idx]) {
            segments.push(turn(text, paragraph, label));
            in_turn = true;
            seen_body = true;
            continue;
        }
        if let Some(reason) = chrome_phrases[paragraph_idx] {
            segments.push(single(SegmentKind::Chrome, paragraph, "segment.chrome.phrase", reason));
            in_turn = false;
            continue;
        }
        let after_chrome = segments.last().is_some_and(|s| s.kind == SegmentKind::Chrome);
        if in_footer && (chrome::is_short_label(line) || after_chrome && !is_body[paragraph_idx]) {
            let reason = if after_chrome {
                "line without sentence punctuation among chrome after the last paragraph (related links)"
            } else {
                "short line without sentence punctuation after the last paragraph"
            };
            segments.push(single(SegmentKind::Chrome, paragraph, "segment.chrome.footer", reason));
            in_turn = false;
            continue;
        }
        if in_turn {
            let turn = segments.last_mut().expect("a turn is open");
            turn.span.end = paragraph.end;
            turn.paragraphs.push(paragraph);
            continue;
        }
        if is_byline(line) {
            segments.push(single(SegmentKind::Byline, paragraph, "segment.byline", "line starts with \"By\" and a name"));
            continue;
        }
        if !seen_body && chrome::is_short_label(line) {
            let reason = "short line without sentence punctuation before the story starts";
            segments.push(single(SegmentKind::Chrome, paragraph, "segment.chrome.header", reason));
            continue;
        }
        if !is_body[paragraph_idx] && is_heading(line) {
            let (rule, reason) = if !seen_body && !has_headline {
                ("segment.headline", "first line of several words without sentence punctuation")
            } else {
                ("segment.headline.sub", "line without sentence punctuation between paragraphs")
            };
            segments.push(single(SegmentKind::Headline, paragraph, rule, reason));
            has_headline = true;
            continue;
        }
        seen_body = true;
        match segments.last_mut() {
            Some(previous) if previous.kind == SegmentKind::Article => {
                previous.span.end = paragraph.end;
                previous.paragraphs.push(paragraph);
            }
            _ => segments.push(single(SegmentKind::Article, paragraph, "segment.article", "body paragraph")),
        }
    }
    for segment in &mut segments {
        segment.caps = segment.kind.is_analysed()
            && segment.paragraphs.iter().filter(|p| is_caps(p.slice(text))).count() * 2 > segment.paragraphs.len();
    }
    segments
}

fn single(kind: SegmentKind, paragraph: Span, rule: &'static str, reason: &str) -> Segment {
    Segment {
        kind,
        span: paragraph,
        paragraphs: vec![paragraph],
        speaker: None,
        caps: false,
        provenance: Provenance::new(rule, reason),
    }
}

fn turn(text: &str, paragraph: Span, label: &transcript::Label) -> Segment {
    let name = label.name.slice(text).split_whitespace().collect::<Vec<_>>().join(" ");
    let (rule, reason) = match label.style {
        LabelStyle::Colon => ("segment.transcript.label-colon", format!("speaker label \"{name}:\" at line start")),
        LabelStyle::Glued => (
            "segment.transcript.label-glued",
            format!("speaker name \"{name}\" directly followed by an opening quote, no colon"),
        ),
    };
    let content = Span::new(label.content_start, paragraph.end);
    Segment {
        kind: SegmentKind::Transcript,
        span: paragraph,
        paragraphs: if content.is_empty() { Vec::new() } else { vec![content] },
        speaker: Some(Speaker { name, span: label.name }),
        caps: false,
        provenance: Provenance { rule, reason },
    }
}

/// Paragraph spans of `text`, trimmed and non-empty.
///
/// Blank lines separate blocks. Inside a block, lines are one paragraph when
/// they look hard-wrapped (similar, long lengths, as in wire copy), and one
/// paragraph each otherwise (as in scraped pages and scripts, where every
/// line is a paragraph).
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut paragraphs = Vec::new();
    let mut block: Vec<Span> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let span = Span::new(line_start, line_start + line.len()).trim(text);
        line_start += line.len();
        if span.is_empty() {
            push_block(text, &mut block, &mut paragraphs);
        } else {
            block.push(span);
        }
    }
    push_block(text, &mut block, &mut paragraphs);
    paragraphs
}

fn push_block(text: &str, block: &mut Vec<Span>, paragraphs: &mut Vec<Span>) {
    if block.is_empty() {
        return;
    }
    if is_wrapped(text, block) {
        paragraphs.push(Span::new(block[0].start, block[block.len() - 1].end));
    } else {
        paragraphs.extend(block.iter().copied());
    }
    block.clear();
}

fn is_wrapped(text: &str, block: &[Span]) -> bool {
    if block.len() < 2 {
        return false;
    }
    let (min, max) = block[..block.len() - 1]
        .iter()
        .map(|l| l.slice(text).chars().count())
        .fold((usize::MAX, 0), |(min, max), width| (min.min(width), max.max(width)));
    // The widths first: they rule out most blocks, and then no line needs
    // classifying (the segmenter classifies the lines as paragraphs anyway).
    min >= 40
        && max <= 120
        && max - min <= 30
        && block[1..].iter().all(|&l| transcript::label(text, l).is_none() && chrome::phrase(l.slice(text)).is_none())
}

/// Ends a sentence: `.`, `!`, `?`, `…` or `:`, maybe followed by closing
/// quotes or brackets.
fn ends_like_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', ' ']);
    trimmed.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn n_words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// A paragraph that is clearly story text.
///
/// Words are counted only as far as the bounds need (paragraphs are long).
fn is_body_like(line: &str) -> bool {
    (chrome::more_words_than(line, 4) && ends_like_sentence(line)) || chrome::more_words_than(line, 14)
}

/// A heading: 2–25 words without sentence punctuation, or a question of
/// 3–25 words that is not a quotation ("Will the talks go ahead?").
fn is_heading(line: &str) -> bool {
    let n = n_words(line);
    let unpunctuated = (2..=25).contains(&n) && !ends_like_sentence(line);
    let question = (3..=25).contains(&n) && line.trim_end().ends_with('?') && !line.contains(['“', '"']);
    unpunctuated || question
}

fn is_byline(line: &str) -> bool {
    let rest = line.strip_prefix("By ").or_else(|| line.strip_prefix("BY "));
    rest.is_some_and(|rest| {
        let n = n_words(rest);
        (1..=8).contains(&n) && !ends_like_sentence(rest) && rest.chars().next().is_some_and(char::is_uppercase)
    })
}

/// True when a paragraph is written in capitals (a teleprompter script):
/// at least 70% of its cased letters are upper case, with at least two
/// all-capital words of two letters or more.
pub fn is_caps(text: &str) -> bool {
    let (mut n_upper, mut n_lower) = (0usize, 0usize);
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'A'..=b'Z' => n_upper += 1,
            b'a'..=b'z' => n_lower += 1,
            byte if byte.is_ascii() => {}
            _ => {
                let Some(ch) = text.get(at..).and_then(|rest| rest.chars().next()) else { break };
                if ch.is_uppercase() {
                    n_upper += 1;
                } else if ch.is_lowercase() {
                    n_lower += 1;
                }
                at += ch.len_utf8();
                continue;
            }
        }
        at += 1;
        // Lower case too often already, even if every character left were
        // a capital: the answer is no (most paragraphs end here early).
        if at % 64 == 0 && 3 * (n_upper + (bytes.len() - at)) < 7 * n_lower {
            return false;
        }
    }
    if n_upper + n_lower < 6 || n_upper * 10 < (n_upper + n_lower) * 7 {
        return false;
    }
    let n_caps_words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2 && w.chars().all(char::is_uppercase))
        .count();
    n_caps_words >= 2
}

#[cfg(test)]
mod tests;
