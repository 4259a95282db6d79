//! Readers: files, folders, stdin → [`RawDocument`]s.
//!
//! Every input is checked before it is analysed: its size against
//! [`ReadConfig::max_bytes`], its bytes for binary content and its encoding
//! ([`encoding`]). Plain text is kept as given; HTML pages are reduced to
//! their main content ([`html`]); JSONL files give one document per line
//! ([`jsonl`]). Failures are [`ReadError`]s that name the file and line, so
//! a caller can report them and go on with the rest.

pub mod encoding;
pub mod html;
pub mod jsonl;

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use dyad_core::{Date, DateSource, Diagnostic, InputFormat, Meta};

use crate::{ReadError, ReadErrorKind};

/// Which reader to use for an input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FormatHint {
    /// Decide from the file extension, else from the content.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
    /// JSON Lines: one record per line.
    Jsonl,
}

/// How inputs are read.
#[derive(Clone, Debug)]
pub struct ReadConfig {
    /// Reader choice.
    pub format: FormatHint,
    /// Inputs larger than this many bytes are refused (never truncated).
    pub max_bytes: u64,
    /// Date for documents that carry none of their own (`--date`).
    pub default_date: Option<Date>,
}

impl Default for ReadConfig {
    fn default() -> ReadConfig {
        ReadConfig { format: FormatHint::Auto, max_bytes: 32 * 1024 * 1024, default_date: None }
    }
}

/// A document as read, before segmentation.
#[derive(Clone, Debug)]
pub struct RawDocument {
    /// The text to analyse.
    pub text: String,
    /// What the input said about itself.
    pub meta: Meta,
    /// Notes from reading (encoding repairs, unparseable dates).
    pub diagnostics: Vec<Diagnostic>,
}

impl RawDocument {
    fn new(text: String, meta: Meta, diagnostics: Vec<Diagnostic>, config: &ReadConfig) -> Self {
        let mut document = RawDocument { text, meta, diagnostics };
        if document.meta.date.is_none() {
            if let Some(date) = config.default_date {
                document.meta.date = Some(date);
                document.meta.date_source = DateSource::Cli;
            }
        }
        document
    }
}

/// File extensions read when walking a folder.
const KNOWN_EXTENSIONS: &[&str] = &["txt", "text", "html", "htm", "xhtml", "jsonl", "ndjson"];

/// Expands paths into the files to read: files as given, folders recursively
/// (hidden entries skipped, only known extensions, sorted by path).
///
/// Returns the files and the paths that could not be walked.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ReadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    let extension = entry.path().extension().and_then(|e| e.to_str()).unwrap_or("");
                    if KNOWN_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str()) {
                        files.push(entry.into_path());
                    }
                }
                Ok(_) => {}
                Err(err) => {
                    let source = err.path().unwrap_or(path).display().to_string();
                    let io = err.into_io_error().unwrap_or_else(|| std::io::Error::other("filesystem loop"));
                    errors.push(ReadError::new(&source, ReadErrorKind::Io(io)));
                }
            }
        }
    }
    (files, errors)
}

/// The documents of one input, read as they are asked for.
pub enum Documents {
    /// An input read whole (text, HTML, a JSONL file in UTF-16), or why it
    /// could not be read.
    Whole(std::vec::IntoIter<Result<RawDocument, ReadError>>),
    /// A JSONL file, read a record at a time.
    Lines(jsonl::Lines<std::fs::File>),
}

impl Iterator for Documents {
    type Item = Result<RawDocument, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Documents::Whole(documents) => documents.next(),
            Documents::Lines(lines) => lines.next(),
        }
    }
}

/// Reads one file (or stdin for `-`, whole) into documents.
///
/// JSONL files (by extension, by `config.format`, or by content) are
/// streamed: the file may be of any size, each record must be within
/// [`ReadConfig::max_bytes`]. Any other file over the limit is refused.
pub fn read_path(path: &Path, config: &ReadConfig) -> Documents {
    let source = path.display().to_string();
    if source == "-" {
        return Documents::Whole(read_stream(std::io::stdin().lock(), &source, config).into_iter());
    }
    let error = |kind| Documents::Whole(vec![Err(ReadError::new(&source, kind))].into_iter());
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(err) => return error(ReadErrorKind::Io(err)),
    };
    let size = match file.metadata() {
        Ok(metadata) => metadata.len(),
        Err(err) => return error(ReadErrorKind::Io(err)),
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let hint = match config.format {
        FormatHint::Auto => hint_from_extension(path),
        hint => hint,
    };
    let streamed = match hint {
        FormatHint::Jsonl | FormatHint::Auto => match reader.fill_buf() {
            // UTF-16 cannot be split at newline bytes: such a feed is read whole.
            Ok(head) if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") => false,
            Ok(_) if hint == FormatHint::Jsonl => true,
            // Sniffed on the first bytes, as a whole file would be.
            Ok(head) => sniff(&String::from_utf8_lossy(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head))) == FormatHint::Jsonl,
            Err(err) => return error(ReadErrorKind::Io(err)),
        },
        _ => false,
    };
    if streamed {
        return Documents::Lines(jsonl::Lines::new(reader, &source, config));
    }
    if size > config.max_bytes {
        return error(ReadErrorKind::TooLarge { size, limit: config.max_bytes });
    }
    // Read with a cap all the same: a file can grow after its size is read.
    match read_capped(reader, Vec::with_capacity(size as usize), config.max_bytes) {
        Ok(bytes) => Documents::Whole(read_bytes_as(&bytes, &source, hint, config).into_iter()),
        Err(kind) => error(kind),
    }
}

/// Reads a stream (stdin) whole into documents; longer than the size limit
/// is an error, never a truncation.
pub fn read_stream(reader: impl Read, source: &str, config: &ReadConfig) -> Vec<Result<RawDocument, ReadError>> {
    match read_capped(reader, Vec::new(), config.max_bytes) {
        Ok(bytes) => read_bytes_as(&bytes, source, config.format, config),
        Err(kind) => vec![Err(ReadError::new(source, kind))],
    }
}

/// Reads `reader` to its end into `bytes`, holding at most one byte more
/// than `max_bytes`; longer is `TooLarge`.
fn read_capped(reader: impl Read, mut bytes: Vec<u8>, max_bytes: u64) -> Result<Vec<u8>, ReadErrorKind> {
    reader.take(max_bytes + 1).read_to_end(&mut bytes).map_err(ReadErrorKind::Io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(ReadErrorKind::TooLarge { size: bytes.len() as u64, limit: max_bytes });
    }
    Ok(bytes)
}

fn hint_from_extension(path: &Path) -> FormatHint {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "txt" | "text" => FormatHint::Text,
        "html" | "htm" | "xhtml" => FormatHint::Html,
        "jsonl" | "ndjson" => FormatHint::Jsonl,
        _ => FormatHint::Auto,
    }
}

/// Reads bytes from a named source, choosing the reader by content.
pub fn read_bytes(bytes: &[u8], source: &str, config: &ReadConfig) -> Vec<Result<RawDocument, ReadError>> {
    read_bytes_as(bytes, source, config.format, config)
}

fn read_bytes_as(
    bytes: &[u8],
    source: &str,
    hint: FormatHint,
    config: &ReadConfig,
) -> Vec<Result<RawDocument, ReadError>> {
    let (text, diagnostics) = match encoding::decode(bytes) {
        Ok(decoded) => decoded,
        Err(kind) => return vec![Err(ReadError::new(source, kind))],
    };
    if text.trim().is_empty() {
        return vec![Err(ReadError::new(source, ReadErrorKind::Empty))];
    }
    let format = match hint {
        FormatHint::Auto => sniff(&text),
        hint => hint,
    };
    match format {
        FormatHint::Html => vec![html::read(&text, source, diagnostics, config)],
        FormatHint::Jsonl => jsonl::read_lines(&text, source, &diagnostics, config),
        FormatHint::Text | FormatHint::Auto => {
            let meta = Meta::new(source, InputFormat::Text);
            vec![Ok(RawDocument::new(text, meta, diagnostics, config))]
        }
    }
}

/// Guesses the format of decoded content.
pub fn sniff(text: &str) -> FormatHint {
    let head = text.trim_start();
    let lower: String = head.chars().take(512).collect::<String>().to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || (lower.starts_with('<') && ["<body", "<head", "<p>", "<div", "<article"].iter().any(|t| lower.contains(t)))
    {
        return FormatHint::Html;
    }
    let first_line = head.lines().next().unwrap_or("");
    if first_line.starts_with('{')
        && serde_json::from_str::<serde_json::Value>(first_line).is_ok_and(|v| v.is_object())
    {
        return FormatHint::Jsonl;
    }
    FormatHint::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats_from_content() {
        let cases = [
            ("<!DOCTYPE html><html><body><p>x</p></body></html>", FormatHint::Html),
            ("  <div><p>Body</p></div>", FormatHint::Html),
            ("{\"text\": \"a\"}\n{\"text\": \"b\"}", FormatHint::Jsonl),
            ("{not json at all", FormatHint::Text),
            ("Plain <b>words</b> with a tag.", FormatHint::Text),
        ];
        for (input, want) in cases {
            assert_eq!(sniff(input), want, "{input:?}");
        }
    }

    #[test]
    fn default_date_fills_only_missing_dates() {
        let config = ReadConfig { default_date: Date::new(2022, 1, 10), ..ReadConfig::default() };
        let docs = read_bytes(b"Talks began on Monday.", "x.txt", &config);
        let doc = docs.into_iter().next().unwrap().unwrap();
        assert_eq!(doc.meta.date_source, DateSource::Cli);
        let jsonl = br#"{"text": "Talks began.", "date": "2021-12-30"}"#;
        let config = ReadConfig { format: FormatHint::Jsonl, ..config };
        let doc = read_bytes(jsonl, "x.jsonl", &config).into_iter().next().unwrap().unwrap();
        assert_eq!(doc.meta.date_source, DateSource::Record);
        assert_eq!(doc.meta.date.unwrap().to_string(), "2021-12-30");
    }
}
