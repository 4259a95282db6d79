//! JSON Lines: one document per line.
//!
//! Each line is an object with `text` or `html` and optional `id`, `url`,
//! `title` and `date` (`YYYY-MM-DD` or an ISO timestamp). Blank lines are
//! skipped. A line that is not an object, or has no text, is an error for
//! that line only. A date that cannot be read is a warning, not an error.

use dyad_core::{Date, DateSource, Diagnostic, InputFormat, Meta};
use serde_json::Value;

use super::{RawDocument, ReadConfig};
use crate::{ReadError, ReadErrorKind};

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
    let field = |name: &str| -> Result<Option<String>, ReadError> {
        match record.get(name) {
            None | Some(Value::Null) => Ok(None),
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
    Ok(RawDocument::new(text, meta, diagnostics, config))
}

/// The error for a JSONL line longer than the size limit.
pub fn too_large(source: &str, line_no: usize, size: u64, limit: u64) -> ReadError {
    ReadError::new(source, ReadErrorKind::TooLarge { size, limit }).at_line(line_no)
}

/// The error for a JSONL line that is not UTF-8.
pub fn not_utf8(source: &str, line_no: usize, valid_up_to: usize) -> ReadError {
    let message = format!("invalid UTF-8 at byte {valid_up_to} of the line");
    ReadError::new(source, ReadErrorKind::NotJson(message)).at_line(line_no)
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
}
