//! JSON Lines: one document per line.
//!
//! Each line is an object with `text` or `html` and optional `id`, `url`,
//! `title` and `date` (`YYYY-MM-DD` or an ISO timestamp). Blank lines are
//! skipped. A line that is not an object, or has no text, is an error for
//! that line only. A date that cannot be read is a warning, not an error.
//!
//! Files and stdin are read a line at a time ([`Lines`]): a feed of any
//! size streams in bounded memory, and the size limit applies to each
//! record, not to the feed.

use std::io::{BufRead, BufReader, Read};

use dyad_core::{Date, DateSource, Diagnostic, InputFormat, Meta};
use serde_json::Value;

use super::{encoding, RawDocument, ReadConfig};
use crate::{ReadError, ReadErrorKind};

/// The records of a JSONL stream, read a line at a time.
///
/// Holds at most one line (up to the size limit) besides the reader's
/// buffer: the rest of a longer line is skipped and reported as too large.
/// A UTF-8 byte-order mark is dropped; a line that is not UTF-8 is read as
/// Windows-1252 with a warning, as a whole file is. A stream whose first
/// bytes look binary is one error; a stream with no records is one
/// [`ReadErrorKind::Empty`] error.
pub struct Lines<R> {
    reader: BufReader<R>,
    source: String,
    config: ReadConfig,
    buffer: Vec<u8>,
    line_no: usize,
    n_items: usize,
    done: bool,
}

impl<R: Read> Lines<R> {
    /// Records of `reader`, named `source` in errors and metadata.
    pub fn new(reader: BufReader<R>, source: &str, config: &ReadConfig) -> Lines<R> {
        Lines { reader, source: source.to_string(), config: config.clone(), buffer: Vec::new(), line_no: 0, n_items: 0, done: false }
    }

    /// True when input is buffered, read but not yet parsed: a caller
    /// streaming stdin answers what it has when nothing more is waiting.
    pub fn waiting(&self) -> bool {
        !self.reader.buffer().is_empty()
    }

    fn fail(&mut self, kind: ReadErrorKind, line: bool) -> Option<Result<RawDocument, ReadError>> {
        self.n_items += 1;
        let error = ReadError::new(&self.source, kind);
        Some(Err(if line { error.at_line(self.line_no) } else { error }))
    }
}

impl<R: Read> Iterator for Lines<R> {
    type Item = Result<RawDocument, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            if self.line_no == 0 {
                match self.reader.fill_buf() {
                    Ok(head) => {
                        if let Err(kind) = encoding::check_not_binary(head) {
                            self.done = true;
                            return self.fail(kind, false);
                        }
                    }
                    Err(err) => {
                        self.done = true;
                        return self.fail(ReadErrorKind::Io(err), false);
                    }
                }
            }
            self.line_no += 1;
            let line = match read_bounded_line(&mut self.reader, &mut self.buffer, self.config.max_bytes) {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.done = true;
                    return if self.n_items == 0 { self.fail(ReadErrorKind::Empty, false) } else { None };
                }
                Err(err) => {
                    self.done = true;
                    return self.fail(ReadErrorKind::Io(err), true);
                }
            };
            let limit = self.config.max_bytes;
            let bytes = match line {
                BoundedLine::TooLong(size) => return self.fail(ReadErrorKind::TooLarge { size, limit }, true),
                BoundedLine::Line => &self.buffer[..],
            };
            let bytes = if self.line_no == 1 { bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes) } else { bytes };
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.n_items += 1;
            let (text, diagnostics) = match encoding::decode_utf8_or_legacy(bytes, Vec::new()) {
                Ok(decoded) => decoded,
                Err(kind) => return self.fail(kind, true),
            };
            return Some(read_record(&text, &self.source, self.line_no, &self.config).map(|mut raw| {
                raw.diagnostics.splice(0..0, diagnostics);
                raw
            }));
        }
        None
    }
}

/// What [`read_bounded_line`] read.
#[derive(Debug, PartialEq, Eq)]
enum BoundedLine {
    /// A line, in the buffer without its newline.
    Line,
    /// A line longer than the limit, with its length; it was skipped.
    TooLong(u64),
}

/// Reads one line (without its newline) into `buffer`, holding at most
/// `max_bytes` of it in memory; the rest of a longer line is skipped.
/// `None` at end of input.
fn read_bounded_line(reader: &mut impl BufRead, buffer: &mut Vec<u8>, max_bytes: u64) -> std::io::Result<Option<BoundedLine>> {
    buffer.clear();
    let n_read = Read::take(&mut *reader, max_bytes + 1).read_until(b'\n', buffer)?;
    if n_read == 0 {
        return Ok(None);
    }
    if buffer.last() == Some(&b'\n') {
        buffer.pop();
        if buffer.last() == Some(&b'\r') {
            buffer.pop();
        }
        return Ok(Some(BoundedLine::Line));
    }
    if (buffer.len() as u64) <= max_bytes {
        return Ok(Some(BoundedLine::Line)); // last line, no newline
    }
    let mut size = buffer.len() as u64;
    buffer.clear();
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            break;
        }
        match available.iter().position(|&b| b == b'\n') {
            Some(newline) => {
                size += newline as u64;
                reader.consume(newline + 1);
                break;
            }
            None => {
                let n = available.len();
                size += n as u64;
                reader.consume(n);
            }
        }
    }
    Ok(Some(BoundedLine::TooLong(size)))
}

/// Reads every line of a JSONL text.
///
/// `file_diagnostics` (how the file was decoded) are given to every record.
pub fn read_lines(
    text: &str,
    source: &str,
    file_diagnostics: &[Diagnostic],
    config: &ReadConfig,
) -> Vec<Result<RawDocument, ReadError>> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(line_idx, line)| {
            read_record(line, source, line_idx + 1, config).map(|mut raw| {
                raw.diagnostics.splice(0..0, file_diagnostics.iter().cloned());
                raw
            })
        })
        .collect()
}

/// Reads one JSONL line (1-based `line_no`), e.g. when streaming stdin.
pub fn read_record(line: &str, source: &str, line_no: usize, config: &ReadConfig) -> Result<RawDocument, ReadError> {
    let error = |kind| ReadError::new(source, kind).at_line(line_no);
    let value: Value = serde_json::from_str(line).map_err(|err| error(ReadErrorKind::NotJson(err.to_string())))?;
    let Value::Object(record) = value else {
        return Err(error(ReadErrorKind::NotJson("the line is JSON but not an object".into())));
    };
    // A NUL written as `\u0000` is not text, and PostgreSQL cannot store
    // it: it becomes U+FFFD, with a warning.
    let nul_fields = std::cell::RefCell::new(Vec::new());
    let field = |name: &str| -> Result<Option<String>, ReadError> {
        match record.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.contains('\0') => {
                nul_fields.borrow_mut().push(name.to_string());
                Ok(Some(s.replace('\0', "\u{FFFD}")))
            }
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Number(n)) if name == "id" => Ok(Some(n.to_string())),
            Some(other) => Err(error(ReadErrorKind::BadRecord(format!(
                "field {name:?} should be a string, found {}",
                json_type(other)
            )))),
        }
    };
    let record_source = format!("{source}:{line_no}");
    let mut diagnostics = Vec::new();
    let (text, format, html_meta) = match (field("text")?, field("html")?) {
        (Some(text), _) => (text, InputFormat::Jsonl, None),
        (None, Some(html)) => {
            let raw = super::html::read(&html, &record_source, Vec::new(), config).map_err(|e| e.at_line(line_no))?;
            diagnostics.extend(raw.diagnostics);
            (raw.text, InputFormat::Jsonl, Some(raw.meta))
        }
        (None, None) => return Err(error(ReadErrorKind::BadRecord("no \"text\" or \"html\" field".into()))),
    };
    if text.trim().is_empty() {
        return Err(error(ReadErrorKind::Empty));
    }
    let mut meta = Meta::new(record_source, format);
    if let Some(html_meta) = html_meta {
        meta.title = html_meta.title;
        meta.author = html_meta.author;
        meta.date = html_meta.date;
        meta.date_source = html_meta.date_source;
    }
    meta.external_id = field("id")?;
    meta.url = field("url")?.or(meta.url);
    meta.title = field("title")?.or(meta.title);
    meta.author = field("author")?.or(meta.author);
    if let Some(date_text) = field("date")? {
        match Date::parse(&date_text) {
            Ok(date) => {
                meta.date = Some(date);
                meta.date_source = DateSource::Record;
            }
            Err(err) => diagnostics.push(Diagnostic::warning("input.record.date", err.to_string())),
        }
    }
    let nul_fields = nul_fields.into_inner();
    if !nul_fields.is_empty() {
        let message = format!("NUL characters in {} replaced with U+FFFD", nul_fields.join(", "));
        diagnostics.push(Diagnostic::warning("input.record.nul", message));
    }
    Ok(RawDocument::new(text, meta, diagnostics, config))
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_is_a_record_or_an_error_naming_its_line() {
        let text = "{\"id\": 7, \"title\": \"T\", \"date\": \"2022-01-10\", \"text\": \"Talks began.\"}\n\n{\"id\": \"x\", \"text\": \n[1, 2]\n{\"title\": \"no body\"}\n{\"text\": \"Ok.\", \"date\": \"soon\"}\n";
        let results = read_lines(text, "feed.jsonl", &[], &ReadConfig::default());
        assert_eq!(results.len(), 5);
        let first = results[0].as_ref().unwrap();
        assert_eq!(first.meta.external_id.as_deref(), Some("7"));
        assert_eq!(first.meta.source, "feed.jsonl:1");
        assert_eq!(first.meta.date_source, DateSource::Record);
        let messages: Vec<String> = results[1..4].iter().map(|r| r.as_ref().unwrap_err().to_string()).collect();
        assert!(messages[0].starts_with("feed.jsonl:3: not a JSON object"), "{}", messages[0]);
        assert!(messages[1].starts_with("feed.jsonl:4: not a JSON object"), "{}", messages[1]);
        assert_eq!(messages[2], "feed.jsonl:5: bad record: no \"text\" or \"html\" field");
        let last = results[4].as_ref().unwrap();
        assert_eq!(last.meta.date, None);
        assert_eq!(last.diagnostics[0].code, "input.record.date");
    }

    #[test]
    fn nul_characters_in_a_record_become_replacement_characters_with_a_warning() {
        let line = r#"{"id": "a\u0000b", "title": "T", "text": "Talks\u0000 resumed."}"#;
        let raw = read_record(line, "feed.jsonl", 3, &ReadConfig::default()).unwrap();
        assert_eq!(raw.text, "Talks\u{FFFD} resumed.");
        assert_eq!(raw.meta.external_id.as_deref(), Some("a\u{FFFD}b"));
        assert_eq!(raw.diagnostics.len(), 1);
        assert_eq!(raw.diagnostics[0].code, "input.record.nul");
        assert_eq!(raw.diagnostics[0].message, "NUL characters in text, id replaced with U+FFFD");
    }

    #[test]
    fn bounded_lines_skip_what_is_over_the_limit() {
        let input = b"short\nthis line is far too long\n\nlast\r\nend";
        let mut reader = std::io::BufReader::with_capacity(4, &input[..]);
        let mut buffer = Vec::new();
        let mut got = Vec::new();
        while let Some(line) = read_bounded_line(&mut reader, &mut buffer, 8).unwrap() {
            got.push(match line {
                BoundedLine::Line => String::from_utf8(buffer.clone()).unwrap(),
                BoundedLine::TooLong(size) => format!("too long: {size}"),
            });
        }
        assert_eq!(got, ["short", "too long: 25", "", "last", "end"]);
    }

    fn stream(input: &[u8], max_bytes: u64) -> Vec<Result<RawDocument, String>> {
        let config = ReadConfig { max_bytes, ..ReadConfig::default() };
        Lines::new(BufReader::with_capacity(16, input), "feed.jsonl", &config).map(|r| r.map_err(|e| e.to_string())).collect()
    }

    #[test]
    fn streamed_lines_are_records_or_errors_each_within_the_limit() {
        let mut input = b"\xEF\xBB\xBF{\"text\": \"Envoys met.\"}\r\n\n".to_vec();
        input.extend(format!("{{\"text\": \"{}\"}}\n", "long ".repeat(40)).as_bytes());
        input.extend(b"{\"text\": \"Caf\xE9 talks.\"}\nnot json\n{\"text\": \"Last.\"}");
        let got = stream(&input, 100);
        assert_eq!(got.len(), 5, "{got:?}");
        assert_eq!(got[0].as_ref().unwrap().text, "Envoys met.");
        assert_eq!(got[0].as_ref().unwrap().meta.source, "feed.jsonl:1");
        assert_eq!(got[1].as_ref().unwrap_err(), "feed.jsonl:3: 212 bytes is over the limit of 100 bytes (raise it with --max-bytes)");
        let latin1 = got[2].as_ref().unwrap();
        assert_eq!(latin1.text, "Café talks.");
        assert_eq!(latin1.diagnostics[0].code, "input.encoding.legacy");
        assert!(got[3].as_ref().unwrap_err().starts_with("feed.jsonl:5: not a JSON object"), "{got:?}");
        assert_eq!(got[4].as_ref().unwrap().meta.source, "feed.jsonl:6");
    }

    #[test]
    fn a_stream_with_no_records_or_binary_bytes_is_one_error() {
        assert_eq!(stream(b"", 100).into_iter().map(|r| r.unwrap_err()).collect::<Vec<_>>(), ["feed.jsonl: empty input, nothing to analyse"]);
        assert_eq!(stream(b"\n \n", 100).len(), 1);
        let binary = stream(b"{\"text\": \"x\"}\n\x00\x01\x02\x00", 100);
        assert_eq!(binary.len(), 1);
        assert!(binary[0].as_ref().unwrap_err().starts_with("feed.jsonl: binary data, not text (NUL byte at offset"), "{binary:?}");
    }
}
