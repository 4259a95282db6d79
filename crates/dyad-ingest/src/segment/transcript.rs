//! Speaker labels of broadcast transcripts.
//!
//! A turn starts with a label at the start of a line: a name of one to six
//! capitalised words (`Jane Roe`, `SEN. JOHN DOE`, `ANCHOR`, `Q`), optionally
//! a parenthetical (`(R-TX)`, `(voice-over)`), then either
//!
//! * a colon and a space (`Jane Roe: We are hopeful.`), or
//! * an opening quotation mark glued to the last word with no colon and no
//!   space, as scraped scripts often have (`Jane Roe“We are hopeful.”`).
//!
//! Colon labels are ambiguous ("Update: …", a headline "Ukraine: talks
//! stall"), so [`accept`] takes them only when the text has at least two
//! labels, or the name is a broadcast role in capitals, or the same name
//! also appears as a glued label.

use dyad_core::Span;

/// How a label was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelStyle {
    /// `NAME:`
    Colon,
    /// `NAME“` with no colon.
    Glued,
}

/// A speaker label found at the start of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The name, without colon or parenthetical.
    pub name: Span,
    /// Where the spoken text starts (after the colon and spaces, or at the
    /// opening quote of a glued label).
    pub content_start: usize,
    /// Colon or glued.
    pub style: LabelStyle,
}

/// First words that make a colon line a heading or a note, not a speaker.
const NOT_SPEAKERS: &[&str] = &[
    "note", "notes", "update", "updated", "editor", "editors", "editor's", "correction", "source",
    "sources", "photo", "photos", "picture", "video", "watch", "read", "related", "tags", "tag",
    "share", "published", "posted", "by", "subject", "from", "to", "date", "warning", "caption",
    "credit", "credits", "image", "listen", "disclaimer", "breaking", "exclusive", "analysis",
    "opinion", "live", "transcript", "topics", "keywords", "category", "see", "also", "more",
    "follow", "contact", "email", "phone", "tel", "fax", "address", "location", "time",
    "when", "where", "what", "why", "how", "who", "the", "a", "an", "this", "that", "in", "on",
    "at", "for", "and", "but", "or", "if", "it", "we", "they", "he", "she", "i", "you",
    "reporting", "writing", "additional", "edited", "copyright", "question", "answer",
];

/// Roles that label a broadcast turn on their own.
const ROLES: &[&str] = &[
    "ANCHOR", "REPORTER", "HOST", "CORRESPONDENT", "MODERATOR", "ANNOUNCER", "NARRATOR",
    "INTERVIEWER", "SPEAKER", "UNIDENTIFIED", "CROWD", "AUDIENCE", "CALLER", "GUEST", "Q", "A",
];

/// Lowercase particles allowed inside a name.
const PARTICLES: &[&str] = &["de", "da", "del", "der", "van", "von", "al", "bin", "la", "le", "du", "dos", "di"];

/// Reads a speaker label at the start of `paragraph`, if there is one.
pub fn label(text: &str, paragraph: Span) -> Option<Label> {
    let line = paragraph.slice(text);
    let bytes = line.as_bytes();
    let mut pos = 0;
    let mut n_words = 0;
    let mut name_end;
    loop {
        // One word: a capital letter, then letters, digits or . ' ’ -
        let word_start = pos;
        let first = line[pos..].chars().next()?;
        let is_particle = || {
            n_words > 0 && PARTICLES.iter().any(|p| line[pos..].starts_with(p) && line[pos + p.len()..].starts_with(' '))
        };
        if !first.is_uppercase() && !is_particle() {
            return None;
        }
        for (offset, ch) in line[pos..].char_indices() {
            if ch.is_alphanumeric() || matches!(ch, '.' | '\'' | '’' | '-') {
                pos = word_start + offset + ch.len_utf8();
            } else {
                break;
            }
        }
        n_words += 1;
        name_end = pos;
        if n_words == 1 {
            let first_word = line[word_start..pos].trim_end_matches(['.', '\'', '’']);
            if dyad_core::lowercase_in(first_word, NOT_SPEAKERS) {
                return None;
            }
        }
        let rest = &line[pos..];
        if let Some(after) = rest.strip_prefix(['“', '"']) {
            // Glued: NAME“ … (two or more name words, text after the quote).
            if n_words >= 2 && !after.trim().is_empty() {
                return Some(Label { name: Span::new(paragraph.start, paragraph.start + name_end), content_start: paragraph.start + pos, style: LabelStyle::Glued });
            }
            return None;
        }
        let rest_after_paren = skip_parenthetical(rest);
        if let Some(after_colon) = rest_after_paren.strip_prefix(':') {
            if !(after_colon.is_empty() || after_colon.starts_with([' ', '\t', '\u{a0}'])) {
                return None;
            }
            let content_offset = line.len() - after_colon.trim_start().len();
            let name = Span::new(paragraph.start, paragraph.start + name_end);
            if name.len() > 60 {
                return None;
            }
            return Some(Label { name, content_start: paragraph.start + content_offset, style: LabelStyle::Colon });
        }
        // Another word must follow after exactly one space.
        if n_words >= 6 || !rest.starts_with(' ') || bytes.get(pos + 1).is_none_or(|b| *b == b' ') {
            return None;
        }
        pos += 1;
    }
}

/// Skips ` (…)` when the text continues with one.
fn skip_parenthetical(rest: &str) -> &str {
    let trimmed = rest.trim_start_matches(' ');
    if let Some(inner) = trimmed.strip_prefix('(') {
        if let Some(close) = inner.find(')') {
            if close <= 30 {
                return &inner[close + 1..];
            }
        }
    }
    rest
}

/// Which candidate labels are real speaker labels (see the module docs).
pub fn accept(text: &str, labels: &[Option<Label>]) -> Vec<bool> {
    let n_labels = labels.iter().flatten().count();
    let glued_names: Vec<String> = labels
        .iter()
        .flatten()
        .filter(|l| l.style == LabelStyle::Glued)
        .map(|l| l.name.slice(text).to_lowercase())
        .collect();
    labels
        .iter()
        .map(|label| match label {
            None => false,
            Some(label) if label.style == LabelStyle::Glued => true,
            Some(label) => {
                let name = label.name.slice(text);
                let first_word = name.split_whitespace().next().unwrap_or("");
                n_labels >= 2 || ROLES.contains(&first_word) || glued_names.contains(&name.to_lowercase())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(line: &str) -> Option<(String, String, LabelStyle)> {
        let found = label(line, Span::new(0, line.len()))?;
        Some((found.name.slice(line).to_string(), line[found.content_start..].to_string(), found.style))
    }

    #[test]
    fn finds_labels_of_every_style() {
        let cases: &[(&str, Option<(&str, &str, LabelStyle)>)] = &[
            ("Jane Roe: We are hopeful.", Some(("Jane Roe", "We are hopeful.", LabelStyle::Colon))),
            ("ANCHOR: TALKS RESUME TODAY.", Some(("ANCHOR", "TALKS RESUME TODAY.", LabelStyle::Colon))),
            ("SEN. JOHN DOE (R-TX): NO DEAL.", Some(("SEN. JOHN DOE", "NO DEAL.", LabelStyle::Colon))),
            ("Jane Roe“We are hopeful.”", Some(("Jane Roe", "“We are hopeful.”", LabelStyle::Glued))),
            ("Omar bin Said: Yes.", Some(("Omar bin Said", "Yes.", LabelStyle::Colon))),
            ("Q: Will you go?", Some(("Q", "Will you go?", LabelStyle::Colon))),
            ("Update: the talks ended.", None),
            ("The minister said: no.", None),
            ("Note: times are local.", None),
            ("10:30 a.m. start", None),
            ("Roe“yes”", None),
            ("He said“yes”", None),
            ("URL:https://example.org", None),
            ("A long list of several capitalised Words Here: no", None),
        ];
        for (line, want) in cases {
            let want = want.map(|(n, c, s)| (n.to_string(), c.to_string(), s));
            assert_eq!(find(line), want, "{line:?}");
        }
    }
}
