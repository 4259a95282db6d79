//! The one error type of this crate: an input that cannot be read.

use std::fmt;

/// An input that could not be turned into a document, with where it was.
///
/// Displays as one line: `path[:line]: what went wrong`.
#[derive(Debug)]
pub struct ReadError {
    /// The file (or `-` for stdin).
    pub source: String,
    /// 1-based line, for JSONL records.
    pub line: Option<usize>,
    /// What went wrong.
    pub kind: ReadErrorKind,
}

/// What went wrong while reading an input.
#[derive(Debug)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// The file could not be opened or read.
    Io(std::io::Error),
    /// The input has no bytes, or only whitespace.
    Empty,
    /// The input looks like binary data, not text.
    Binary {
        /// Why: the first NUL byte's offset, or the share of control bytes.
        evidence: String,
    },
    /// The input is larger than the configured limit.
    TooLarge {
        /// Size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A JSONL line is not a JSON object.
    NotJson(String),
    /// A JSONL record has neither `text` nor `html`, or a field of the wrong type.
    BadRecord(String),
    /// An HTML page has no extractable text.
    NoContent,
    /// An HTML page nests its elements deeper than the parser can take in
    /// reasonable time.
    TooDeep {
        /// How deep its elements nest.
        depth: usize,
        /// The deepest nesting read.
        limit: usize,
    },
}

impl ReadError {
    pub(crate) fn new(source: &str, kind: ReadErrorKind) -> ReadError {
        ReadError { source: source.to_string(), line: None, kind }
    }

    pub(crate) fn at_line(mut self, line: usize) -> ReadError {
        self.line = Some(line);
        self
    }

    /// A short stable name for the kind, for summaries.
    pub fn reason(&self) -> &'static str {
        match self.kind {
            ReadErrorKind::Io(_) => "unreadable",
            ReadErrorKind::Empty => "empty",
            ReadErrorKind::Binary { .. } => "binary",
            ReadErrorKind::TooLarge { .. } => "too large",
            ReadErrorKind::NotJson(_) => "not JSON",
            ReadErrorKind::BadRecord(_) => "bad record",
            ReadErrorKind::NoContent => "no content",
            ReadErrorKind::TooDeep { .. } => "too deep",
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        match &self.kind {
            ReadErrorKind::Io(err) => write!(f, ": cannot read: {err}"),
            ReadErrorKind::Empty => write!(f, ": empty input, nothing to analyse"),
            ReadErrorKind::Binary { evidence } => {
                write!(f, ": binary data, not text ({evidence})")
            }
            ReadErrorKind::TooLarge { size, limit } => write!(
                f,
                ": {size} bytes is over the limit of {limit} bytes (raise it with --max-bytes)"
            ),
            ReadErrorKind::NotJson(msg) => write!(f, ": not a JSON object: {msg}"),
            ReadErrorKind::BadRecord(msg) => write!(f, ": bad record: {msg}"),
            ReadErrorKind::NoContent => write!(f, ": HTML page has no main text"),
            ReadErrorKind::TooDeep { depth, limit } => {
                write!(f, ": HTML elements nested {depth} deep, over the limit of {limit} (no real page nests so deep; parsing it would take minutes)")
            }
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ReadErrorKind::Io(err) => Some(err),
            _ => None,
        }
    }
}
