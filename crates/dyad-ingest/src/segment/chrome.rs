//! Site chrome: the parts of a scraped page that are not the story.
//!
//! Two signals: phrases that only navigation, share bars, ads and footers
//! use ([`phrase`]), and short label-like lines ([`is_short_label`]) that
//! the segmenter treats as chrome when they come before the story starts or
//! after it ends.

/// Lines that are chrome whatever their position (compared lowercase, with
/// trailing punctuation removed).
const EXACT: &[&str] = &[
    "skip to main content", "skip to content", "skip to navigation", "skip navigation",
    "menu", "main menu", "open menu", "close menu", "search", "sign in", "log in", "login",
    "sign up", "register", "subscribe", "subscribe now", "advertisement", "advertising",
    "sponsored", "sponsored content", "share", "share this", "share this article",
    "share this story", "share article", "tweet", "email", "print", "comments", "show comments",
    "related", "related stories", "related articles", "related content", "read more",
    "more stories", "more from", "most read", "most popular", "trending", "trending now",
    "newsletter", "newsletters", "follow us", "home", "back to top", "close", "accept",
    "accept cookies", "accept all", "cookie settings", "top stories", "latest news", "watch live",
    "listen", "listen to this article", "loading", "copy link", "link copied", "you may also like",
    "recommended", "recommended for you", "what to read next", "continue reading",
];

/// Line beginnings that mark chrome.
const PREFIXES: &[&str] = &[
    "©", "(c) ", "copyright ", "sign up for", "subscribe to", "follow us on", "share on ",
    "click here", "read more:", "related:", "advertisement", "this site uses cookies",
    "we use cookies", "by continuing to use", "all rights reserved",
];

/// Phrases that mark chrome anywhere in a short line.
const CONTAINS: &[&str] = &["all rights reserved", "privacy policy", "terms of use", "terms of service", "cookie policy"];

/// Why `line` is chrome, when one of the chrome phrases says so.
///
/// Compared lowercase; only as much of the line is lowercased as can
/// matter. Lowercasing turns each character into one or more, never into or
/// out of white space or the trailing punctuation trimmed, so a line with
/// more characters than the longest phrase is none of them, and the first
/// characters decide a prefix.
pub fn phrase(line: &str) -> Option<&'static str> {
    let mut buffer = [0u8; LOWER_BUFFER];
    let line_trimmed = line.trim();
    let bare = line_trimmed.trim_end_matches(['.', ':', '…', '!', ' ']);
    // Four bytes a character at most: a longer line has too many characters.
    if bare.len() <= 4 * MAX_PHRASE_CHARS && bare.chars().nth(MAX_PHRASE_CHARS).is_none() && EXACT.contains(&lower(bare, &mut buffer).as_ref()) {
        return Some("navigation, share or advertising phrase");
    }
    let head_end = line_trimmed.char_indices().nth(MAX_PHRASE_CHARS).map_or(line_trimmed.len(), |(at, _)| at);
    let head = lower(&line_trimmed[..head_end], &mut buffer);
    if PREFIXES.iter().any(|p| head.starts_with(p)) {
        return Some("copyright, subscription or share line");
    }
    if !more_words_than(line_trimmed, 20) {
        let lower = lower(line_trimmed, &mut buffer);
        if CONTAINS.iter().any(|p| lower.contains(p)) {
            return Some("footer line with legal links");
        }
    }
    if is_link_row(line) {
        return Some("row of short links separated by | · or •");
    }
    None
}

/// Bytes of ASCII text [`lower`] lowercases on the stack.
const LOWER_BUFFER: usize = 256;

/// `text` in lower case: in `buffer` when it is ASCII and fits (most lines
/// a page has; no allocation), else `str::to_lowercase`.
fn lower<'a>(text: &'a str, buffer: &'a mut [u8; LOWER_BUFFER]) -> std::borrow::Cow<'a, str> {
    if let Some(out) = buffer.get_mut(..text.len()).filter(|_| text.is_ascii()) {
        out.copy_from_slice(text.as_bytes());
        out.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(out) {
            return std::borrow::Cow::Borrowed(lower);
        }
    }
    std::borrow::Cow::Owned(text.to_lowercase())
}

/// More characters than any phrase of [`EXACT`] and [`PREFIXES`] has.
const MAX_PHRASE_CHARS: usize = 32;

/// True when `text` has more than `n` words (as `str::split_whitespace`
/// splits them), reading ASCII a byte at a time and stopping at word `n + 1`.
pub(super) fn more_words_than(text: &str, n: usize) -> bool {
    let bytes = text.as_bytes();
    let (mut at, mut n_words, mut in_word) = (0, 0, false);
    while at < bytes.len() {
        let (white, width) = if bytes[at].is_ascii() {
            (matches!(bytes[at], b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'), 1)
        } else {
            let Some(ch) = text[at..].chars().next() else { break };
            (ch.is_whitespace(), ch.len_utf8())
        };
        if !white && !in_word {
            n_words += 1;
            if n_words > n {
                return true;
            }
        }
        in_word = !white;
        at += width;
    }
    false
}

/// A row of short items separated by `|`, `·` or `•`: a menu or link bar.
fn is_link_row(line: &str) -> bool {
    // Bytes first: `|`, or the last byte of `·` (C2 B7) or `•` (E2 80 A2),
    // which most lines lack (sixteen bytes at a time, without a branch per
    // byte); only then the separators themselves.
    let separator_byte = |chunk: &[u8]| chunk.iter().fold(false, |found, &b| found | matches!(b, b'|' | 0xB7 | 0xA2));
    if !line.as_bytes().chunks(16).any(separator_byte) || !line.contains(['|', '·', '•']) {
        return false;
    }
    let items: Vec<&str> = line.split(['|', '·', '•']).map(str::trim).collect();
    items.len() >= 3 && items.iter().all(|item| item.split_whitespace().count() <= 4)
}

/// A short line that reads like a label, not a sentence: at most three
/// words, no sentence punctuation, no quotation marks.
pub fn is_short_label(line: &str) -> bool {
    let n_words = line.split_whitespace().count();
    let last = line.trim_end().chars().last().unwrap_or(' ');
    n_words <= 3 && !matches!(last, '.' | '!' | '?' | '"' | '”' | '’' | ':') && !line.contains(['“', '"'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercasing_on_the_stack_is_lowercasing() {
        let long = "ALL RIGHTS RESERVED ".repeat(20);
        for text in ["", "Share This", "ZÜRICH Talks", "\u{212a}ELVIN", "ΟΔΟΣ", long.as_str(), &long[..LOWER_BUFFER], &long[..LOWER_BUFFER + 1]] {
            assert_eq!(lower(text, &mut [0; LOWER_BUFFER]), text.to_lowercase(), "{text:?}");
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in ["", " ", "one", " one  two\tthree\n", "a\u{a0}b\u{2003}c\u{3000} d", "\u{b}x\u{c}y\rz\u{85}é ü"] {
            let n_words = text.split_whitespace().count();
            for n in 0..8 {
                assert_eq!(more_words_than(text, n), n_words > n, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn phrases_fit_under_the_length_bound() {
        for p in EXACT.iter().chain(PREFIXES) {
            assert!(p.chars().count() < MAX_PHRASE_CHARS, "{p}");
        }
    }

    #[test]
    fn chrome_phrases_and_rows() {
        let chrome = [
            "Skip to main content",
            "Advertisement",
            "Share this article",
            "© 2026 Example News Ltd. All rights reserved.",
            "Privacy Policy | Terms of Use | Contact",
            "Home · World · Politics · Business",
            "READ MORE:",
        ];
        for line in chrome {
            assert!(phrase(line).is_some(), "{line:?} should be chrome");
        }
        let story = [
            "Home Secretary Jane Doe said the menu of options was short.",
            "Search teams found the wreck on Monday.",
            "Share prices fell 3% in Moscow.",
        ];
        for line in story {
            assert!(phrase(line).is_none(), "{line:?} should not be chrome");
        }
    }
}
