//! The JSONL reader: any bytes, read as JSON Lines.
#![no_main]

use dyad_fuzz::text_of;
use dyad_ingest::read::{self, jsonl};
use dyad_ingest::{FormatHint, ReadConfig};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let config = ReadConfig { format: FormatHint::Jsonl, ..ReadConfig::default() };
    for result in read::read_bytes(data, "fuzz.jsonl", &config) {
        match result {
            Ok(raw) => assert!(!raw.text.trim().is_empty(), "a record with no text"),
            Err(err) => assert!(!err.to_string().is_empty(), "an error with no message"),
        }
    }
    let text = text_of(data);
    let lines = text.lines().filter(|line| !line.trim().is_empty()).count();
    let results = jsonl::read_lines(&text, "fuzz.jsonl", &[], &config);
    assert_eq!(results.len(), lines, "one result per non-blank line");
});
