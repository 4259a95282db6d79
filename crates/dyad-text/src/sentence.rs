//! Sentence boundaries over tokens, and the document-level pass.

use std::ops::Range;

use dyad_core::{Diagnostic, Document, Sentence, Span, Token, TokenKind, View};

use crate::lexicon::{FINAL_ABBREVIATIONS, SENTENCE_STARTERS};
use crate::token::{tokenize, RawToken};

/// Sentences longer than this are cut (with a diagnostic), so one page of
/// text without punctuation cannot make a single unbounded sentence.
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// Splits tokens of one paragraph of `text` into sentences (token ranges).
pub fn split(text: &str, tokens: &[RawToken]) -> Vec<Range<usize>> {
    let token_text = |idx: usize| &text[tokens[idx].start..tokens[idx].end];
    let mut sentences = Vec::new();
    let mut sentence_start = 0;
    let mut idx = 0;
    while idx < tokens.len() {
        let candidate = boundary_kind(token_text(idx), tokens[idx].kind);
        if candidate == Boundary::None {
            idx += 1;
            continue;
        }
        // Closing quotes and brackets, and more final punctuation, stay with
        // the sentence they close.
        let mut next = idx + 1;
        while next < tokens.len() && is_closer(text, tokens, next) {
            next += 1;
        }
        let ends = match tokens.get(next) {
            None => true,
            Some(following) => {
                let following_text = token_text(next);
                let first = following_text.chars().next().unwrap_or(' ');
                let opens = matches!(first, '"' | '\'' | '(' | '[') || following_text == "--";
                let capital = first.is_uppercase() || first.is_ascii_digit();
                let spaced = following.start > tokens[next - 1].end;
                match candidate {
                    Boundary::Strong => spaced && (capital || opens),
                    Boundary::Ellipsis => spaced && first.is_uppercase(),
                    Boundary::Abbreviation => {
                        spaced && (opens || SENTENCE_STARTERS.contains(&following_text.to_lowercase().as_str()) && first.is_uppercase())
                    }
                    Boundary::None => false,
                }
            }
        };
        if ends {
            sentences.push(sentence_start..next);
            sentence_start = next;
        }
        idx = next.max(idx + 1);
    }
    if sentence_start < tokens.len() {
        sentences.push(sentence_start..tokens.len());
    }
    merge_fragments(text, tokens, sentences)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Boundary {
    None,
    /// `.`, `!`, `?`
    Strong,
    /// `...`
    Ellipsis,
    /// An abbreviation that may end a sentence (`Inc.`, `U.S.`).
    Abbreviation,
}

fn boundary_kind(token: &str, kind: TokenKind) -> Boundary {
    match (kind, token) {
        (TokenKind::Punct, "." | "!" | "?") => Boundary::Strong,
        (TokenKind::Punct, t) if t.starts_with("..") => Boundary::Ellipsis,
        (TokenKind::Abbreviation, t) => {
            let bare = t.trim_end_matches('.').to_lowercase();
            if FINAL_ABBREVIATIONS.contains(&bare.as_str()) { Boundary::Abbreviation } else { Boundary::None }
        }
        _ => Boundary::None,
    }
}

/// True when token `idx` closes what came before: `)`, `]`, final `.!?`,
/// or a quote mark attached to the previous token with space or end after.
fn is_closer(text: &str, tokens: &[RawToken], idx: usize) -> bool {
    let token = &text[tokens[idx].start..tokens[idx].end];
    match token {
        ")" | "]" | "}" | "." | "!" | "?" => true,
        "\"" | "'" => {
            let attached = idx > 0 && tokens[idx - 1].end == tokens[idx].start;
            let free_after = tokens.get(idx + 1).is_none_or(|next| next.start > tokens[idx].end || is_punct_char(&text[next.start..next.end]));
            attached && free_after
        }
        _ => false,
    }
}

fn is_punct_char(token: &str) -> bool {
    matches!(token, "." | "," | ";" | ":" | "!" | "?" | ")" | "\"" | "'")
}

/// A "sentence" with no word of two letters (a stray letter, lone
/// punctuation) joins the sentence before it.
fn merge_fragments(text: &str, tokens: &[RawToken], sentences: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(sentences.len());
    for sentence in sentences {
        let is_fragment = !tokens[sentence.clone()].iter().any(|t| {
            let s = &text[t.start..t.end];
            s.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        });
        match merged.last_mut() {
            Some(previous) if is_fragment => previous.end = sentence.end,
            _ => merged.push(sentence),
        }
    }
    merged
}

/// Tokens and sentences of every analysed paragraph of a document, with
/// spans in the original text.
pub fn sentences(document: &Document) -> (Vec<Sentence>, Vec<Token>, Vec<Diagnostic>) {
    let view = &document.view;
    let mut sentences = Vec::new();
    let mut tokens: Vec<Token> = Vec::new();
    let mut diagnostics = Vec::new();
    for (segment_idx, segment) in document.segments.iter().enumerate() {
        if !segment.kind.is_analysed() {
            continue;
        }
        for &paragraph in &segment.paragraphs {
            let (view_start, view_end) = view.from_original(paragraph);
            let raw = whole_characters(view, tokenize(view.text(), view_start, view_end));
            for range in split(view.text(), &raw) {
                for chunk_start in (range.start..range.end).step_by(MAX_SENTENCE_TOKENS) {
                    let chunk_end = (chunk_start + MAX_SENTENCE_TOKENS).min(range.end);
                    let first_token = tokens.len();
                    for raw_token in &raw[chunk_start..chunk_end] {
                        tokens.push(Token {
                            span: view.to_original(raw_token.start, raw_token.end),
                            view: (raw_token.start as u32, raw_token.end as u32),
                            kind: raw_token.kind,
                        });
                    }
                    let span = Span::new(tokens[first_token].span.start, tokens[tokens.len() - 1].span.end);
                    if chunk_end < range.end {
                        diagnostics.push(
                            Diagnostic::warning(
                                "text.sentence.too-long",
                                format!("sentence of {} tokens cut every {MAX_SENTENCE_TOKENS} tokens", range.len()),
                            )
                            .at(span),
                        );
                    }
                    sentences.push(Sentence { span, segment_idx, tokens: first_token..tokens.len() });
                }
            }
        }
    }
    (sentences, tokens, diagnostics)
}

/// Joins tokens that would split the view form of one original character:
/// `A.E…` reads `A.E...` in the view, where the tokenizer finds `A.E.` and
/// `..`, both of them part of `…`. A token's span is whole characters of
/// the text, so the two would overlap; they are one token (of the first
/// one's kind).
fn whole_characters(view: &View, raw: Vec<RawToken>) -> Vec<RawToken> {
    let mut joined: Vec<RawToken> = Vec::with_capacity(raw.len());
    for token in raw {
        match joined.last_mut() {
            Some(previous) if view.to_original(previous.end - 1, previous.end).end > view.to_original(token.start, token.start + 1).start => {
                previous.end = token.end;
            }
            _ => joined.push(token),
        }
    }
    joined
}

#[cfg(test)]
mod tests;
