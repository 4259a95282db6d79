//! Tokenisation of one paragraph of (normalised) text.

use dyad_core::TokenKind;

use crate::lexicon::{ABBREVIATIONS, LOWERCASE_ABBREVIATIONS, NUMBER_ABBREVIATIONS};

/// A token as byte offsets into the text that was tokenised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawToken {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it is.
    pub kind: TokenKind,
}

/// Clitics split off the end of a word (after an apostrophe).
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

/// Tokenises `text[start..end]`, returning offsets into `text`.
///
/// The text is expected to be normalised (plain quotes and apostrophes,
/// `--` for dashes, `...` for ellipses) but anything is accepted.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<RawToken> {
    let end = end.min(text.len());
    let mut pos = start.min(end);
    // English news has a token every five or six bytes: room for most
    // paragraphs without growing.
    let mut tokens = Vec::with_capacity((end - pos) / 5 + 1);
    let mut ahead = Lookahead::default();
    while pos < end {
        let Some(ch) = text[pos..end].chars().next() else { break };
        if ch.is_whitespace() {
            pos += ch.len_utf8();
            continue;
        }
        let rest = &text[pos..end];
        let token_end = if let Some(len) = ahead.url_len(text, pos, end) {
            tokens.push(RawToken { start: pos, end: pos + len, kind: TokenKind::Url });
            pos + len
        } else if ch.is_ascii_digit() {
            let len = number_len(rest);
            tokens.push(RawToken { start: pos, end: pos + len, kind: TokenKind::Number });
            pos + len
        } else if ch.is_alphanumeric() {
            word(text, pos, end, &mut ahead, &mut tokens)
        } else {
            let len = punct_len(rest);
            let kind = if ch.is_ascii_punctuation() && !matches!(ch, '$' | '%' | '&' | '#' | '@' | '+' | '=' | '<' | '>' | '^' | '|' | '~' | '*')
                || is_unicode_punct(ch)
            {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            };
            tokens.push(RawToken { start: pos, end: pos + len, kind });
            pos + len
        };
        pos = token_end.max(pos + ch.len_utf8().min(end - pos));
    }
    tokens
}

fn is_unicode_punct(ch: char) -> bool {
    matches!(ch, '¡' | '¿' | '§' | '¶' | '·' | '•' | '‹' | '›' | '«' | '»' | '“' | '”' | '‘' | '’' | '—' | '–' | '…' | '。' | '、')
}

/// Punctuation runs that are one token: `...`, `--`, `?!`-style runs are not.
fn punct_len(rest: &str) -> usize {
    let first = rest.chars().next().map_or(0, char::len_utf8);
    for (run_char, min) in [('.', 2), ('-', 2)] {
        if rest.starts_with(run_char) {
            let n = rest.bytes().take_while(|&b| b == run_char as u8).count();
            if n >= min {
                return n;
            }
        }
    }
    first
}

/// What `tokenize` has already read ahead of the token it is at, so that
/// asking again at a later token of the same stretch costs nothing: a line
/// without spaces (`a,a,a,…`, quotes, CJK text) would otherwise be re-read
/// from every token to its end, quadratic in its length. Positions are
/// asked in increasing order within one call of `tokenize`.
#[derive(Default)]
struct Lookahead {
    /// End of the whitespace-free chunk of the last position asked.
    chunk_end: usize,
    /// The last `.` of that chunk, read only once an address needs it:
    /// `None` until then, `Some(None)` when there is none after the position
    /// that read it (so none after any later position either).
    chunk_last_dot: Option<Option<usize>>,
    /// End of the run of e-mail local-part characters of the last position
    /// asked (all positions inside a run end it at the same place).
    run_end: usize,
    /// A chain of dotted letters read from before here turned out to run
    /// into a word (`U.Senator`): every start inside it does too.
    dotted_dead_end: usize,
}

impl Lookahead {
    /// Length of a URL or e-mail address at `text[pos..end]`, if any: the
    /// chunk up to the next whitespace, less trailing punctuation, when it
    /// starts with `http://`, `https://` or `www.`, or when it is an
    /// address (local-part characters, `@`, a `.` after it).
    fn url_len(&mut self, text: &str, pos: usize, end: usize) -> Option<usize> {
        let rest = &text[pos..end];
        if pos >= self.chunk_end {
            self.chunk_end = pos + find_char(rest, char::is_whitespace);
            self.chunk_last_dot = None;
        }
        let chunk = &text[pos..self.chunk_end];
        let starts = |prefix: &str| chunk.len() >= prefix.len() && chunk.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes());
        let is_url = starts("http://") || starts("https://") || starts("www.");
        if pos >= self.run_end {
            let local = |c: char| if c.is_ascii() { c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-') } else { c.is_alphanumeric() };
            self.run_end = pos + find_char(rest, |c| !local(c));
        }
        // The run of local-part characters stops at the chunk's first `@`
        // exactly when everything before that `@` may stand in an address.
        let at = self.run_end - pos;
        let is_email = at > 0 && chunk[at..].starts_with('@') && {
            let last_dot = *self.chunk_last_dot.get_or_insert_with(|| chunk.rfind('.').map(|i| pos + i));
            last_dot.is_some_and(|dot| dot > pos + at)
        };
        if !is_url && !is_email {
            return None;
        }
        let trimmed = chunk.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'', ']']);
        (trimmed.len() > 4).then_some(trimmed.len())
    }

    /// `U.S.`, `a.m.`, `D.C.` at `text[pos..end]`: single letters joined by
    /// periods.
    fn dotted_abbreviation_len(&mut self, text: &str, pos: usize, end: usize) -> Option<usize> {
        if pos < self.dotted_dead_end {
            return None;
        }
        let bytes = &text.as_bytes()[pos..end];
        let mut len = 0;
        let mut n_letters = 0;
        while len + 1 < bytes.len() && bytes[len].is_ascii_alphabetic() && bytes[len + 1] == b'.' {
            n_letters += 1;
            len += 2;
            if bytes.get(len).is_some_and(|b| b.is_ascii_alphanumeric()) && bytes.get(len + 1).is_some_and(|b| b.is_ascii_alphanumeric()) {
                // "U.Senator": the next part is a word, not a letter.
                self.dotted_dead_end = pos + len;
                return None;
            }
        }
        (n_letters >= 2).then_some(len)
    }
}

/// The offset of the first character of `s` that `stops`, or its length:
/// as `s.find(stops)`, but reading ASCII characters as bytes, without
/// decoding them.
fn find_char(s: &str, stops: impl Fn(char) -> bool) -> usize {
    let bytes = s.as_bytes();
    let mut offset = 0;
    while let Some(&b) = bytes.get(offset) {
        let ch = if b.is_ascii() { b as char } else { s[offset..].chars().next().expect("a character starts here") };
        if stops(ch) {
            return offset;
        }
        offset += ch.len_utf8();
    }
    s.len()
}

/// Length of a number: digits with internal `.,:/-` before digits, then a
/// letter suffix (`1990s`, `3rd`, `10am`).
fn number_len(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let mut len = 0;
    while len < bytes.len() {
        let b = bytes[len];
        let separator = matches!(b, b'.' | b',' | b':' | b'/') && bytes.get(len + 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() || separator {
            len += 1;
        } else {
            break;
        }
    }
    // Letter suffix, but not a clitic or a word after a hyphen.
    let suffix = rest[len..].chars().take_while(|c| c.is_alphabetic()).map(char::len_utf8).sum::<usize>();
    let suffix_text = rest[len..len + suffix].to_ascii_lowercase();
    if suffix > 0 && suffix <= 3 && ["s", "st", "nd", "rd", "th", "am", "pm", "k", "m", "bn", "km", "kg", "mm", "cm", "ft", "mph"].contains(&suffix_text.as_str()) {
        len += suffix;
    }
    len
}

/// Reads a word at `pos` and pushes its tokens (word, clitic); returns where
/// it ends.
fn word(text: &str, pos: usize, end: usize, ahead: &mut Lookahead, tokens: &mut Vec<RawToken>) -> usize {
    let rest = &text[pos..end];
    if let Some(len) = ahead.dotted_abbreviation_len(text, pos, end) {
        tokens.push(RawToken { start: pos, end: pos + len, kind: TokenKind::Abbreviation });
        return pos + len;
    }
    // Letters, digits and marks, with apostrophes followed by a letter.
    let mut len = find_char(rest, |c| !(c.is_alphanumeric() || is_mark(c)));
    while rest[len..].starts_with('\'') && rest[len + 1..].chars().next().is_some_and(char::is_alphabetic) {
        len += 1;
        len += find_char(&rest[len..], |c| !(c.is_alphanumeric() || is_mark(c)));
    }
    let word = &rest[..len];
    // Split clitics: n't, 's, 're, 've, 'll, 'd, 'm (each has an apostrophe,
    // so most words need no lowercasing).
    let lower = if word.contains('\'') { word.to_lowercase() } else { String::new() };
    if lower.len() == word.len() {
        if lower.ends_with("n't") && word.len() > 3 {
            let split = len - 3;
            tokens.push(RawToken { start: pos, end: pos + split, kind: TokenKind::Word });
            tokens.push(RawToken { start: pos + split, end: pos + len, kind: TokenKind::Word });
            return pos + len;
        }
        if let Some(apostrophe) = word.rfind('\'') {
            let clitic = &lower[apostrophe + 1..];
            if apostrophe > 0 && CLITICS.contains(&clitic) {
                tokens.push(RawToken { start: pos, end: pos + apostrophe, kind: TokenKind::Word });
                tokens.push(RawToken { start: pos + apostrophe, end: pos + len, kind: TokenKind::Word });
                return pos + len;
            }
        }
    }
    // Abbreviation with its period.
    let after = &rest[len..];
    if after.starts_with('.') && !after.starts_with("..") && is_abbreviation(word, &after[1..]) {
        tokens.push(RawToken { start: pos, end: pos + len + 1, kind: TokenKind::Abbreviation });
        return pos + len + 1;
    }
    tokens.push(RawToken { start: pos, end: pos + len, kind: TokenKind::Word });
    pos + len
}

fn is_mark(ch: char) -> bool {
    matches!(ch, '\u{300}'..='\u{36f}')
}

/// Is `word.` an abbreviation, given the text after the period?
fn is_abbreviation(word: &str, after_period: &str) -> bool {
    let lower = word.to_lowercase();
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    let next_non_space = after_period.trim_start().chars().next();
    // An initial: one capital letter followed by a space and a capitalised word.
    let mut chars = word.chars();
    let is_initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    if is_initial && after_period.starts_with(' ') && next_non_space.is_some_and(char::is_uppercase) {
        return true;
    }
    if NUMBER_ABBREVIATIONS.contains(&lower.as_str()) && !ABBREVIATIONS.contains(&lower.as_str()) {
        return first_upper && after_period.starts_with(' ') && next_non_space.is_some_and(|c| c.is_ascii_digit());
    }
    if lower == "no" {
        return first_upper && after_period.starts_with(' ') && next_non_space.is_some_and(|c| c.is_ascii_digit());
    }
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return first_upper || LOWERCASE_ABBREVIATIONS.contains(&lower.as_str());
    }
    false
}

#[cfg(test)]
mod tests;
