//! The `dyad` binary end to end, in temporary directories.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn dyad(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad")).args(args).current_dir(dir).stdin(Stdio::null()).output().expect("dyad runs")
}

/// Runs dyad in `dir` with `input` on its stdin.
fn dyad_with_stdin(args: &[&str], dir: &Path, input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dyad runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news").canonicalize().unwrap()
}

/// Every row of every table, in a stable order, ingest timestamps included.
fn dump(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut rows = Vec::new();
    for (table, order) in [("documents", "id"), ("segments", "doc_id, idx"), ("sentences", "id"), ("events", "id"), ("quotes", "id")] {
        let mut statement = conn.prepare(&format!("SELECT * FROM {table} ORDER BY {order}")).unwrap();
        let n_columns = statement.column_count();
        let mut query = statement.query([]).unwrap();
        while let Some(row) = query.next().unwrap() {
            let values: Vec<String> = (0..n_columns).map(|i| format!("{:?}", row.get_ref(i).unwrap())).collect();
            rows.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    let n_fts: i64 = conn.query_row("SELECT count(*) FROM sentences_fts", [], |r| r.get(0)).unwrap();
    rows.push(format!("fts rows: {n_fts}"));
    rows
}

#[test]
fn ingesting_the_same_folder_twice_leaves_the_database_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let examples = examples();
    let first = dyad(&["ingest", examples.to_str().unwrap(), "--db", "news.db"], dir.path());
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("6 documents: 6 new, 0 duplicate, 0 failed"), "{}", stderr(&first));
    let before = dump(&dir.path().join("news.db"));
    assert!(before.len() > 50, "expected a populated database, got {} rows", before.len());

    let second = dyad(&["ingest", examples.to_str().unwrap(), "--db", "news.db"], dir.path());
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stderr(&second).contains("6 documents: 0 new, 6 duplicate, 0 failed"), "{}", stderr(&second));
    assert_eq!(dump(&dir.path().join("news.db")), before);

    let stats = dyad(&["stats", "--db", "news.db", "--json"], dir.path());
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["documents"], 6);
    assert!(stats["tokens"].as_i64().unwrap() > 1000, "{stats}");
    assert!(stats["segments"]["transcript"].as_i64().unwrap() >= 5);

    let search = dyad(&["search", "prisoner lists", "--db", "news.db", "--json"], dir.path());
    let hits: serde_json::Value = serde_json::from_slice(&search.stdout).unwrap();
    assert!(!hits.as_array().unwrap().is_empty(), "{}", String::from_utf8_lossy(&search.stdout));
}

#[test]
fn stored_events_are_listed_filtered_exported_and_explained() {
    let dir = tempfile::tempdir().unwrap();
    let ingest = dyad(&["ingest", examples().to_str().unwrap(), "--db", "news.db"], dir.path());
    assert!(ingest.status.success(), "{}", stderr(&ingest));

    let json = dyad(&["events", "--code", "04", "--format", "json", "--db", "news.db"], dir.path());
    assert!(json.status.success(), "{}", stderr(&json));
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(!rows.is_empty(), "no consultations in the examples");
    for row in rows {
        assert_eq!(row["root"], "04", "{row}");
        assert!(row["source_code"].is_string(), "{row}");
        assert!(row["reason"].as_str().unwrap().contains("matched pattern"), "{row}");
    }

    let csv = dyad(&["events", "--format", "csv", "--db", "news.db"], dir.path());
    let csv = String::from_utf8(csv.stdout).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&header[..4], ["GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name"]);
    assert!(header.contains(&"EventRootCode") && header.contains(&"GoldsteinScale"));
    assert!(lines.count() >= rows.len());

    // An actor filter matches codes by prefix, as source or target.
    let by_actor = dyad(&["events", "--actor", "ZZZ", "--db", "news.db"], dir.path());
    assert_eq!(String::from_utf8_lossy(&by_actor.stdout).trim(), "no events match");

    let doc_id = rows[0]["doc_id"].as_str().unwrap();
    let explain = dyad(&["explain", &doc_id[..12], "--db", "news.db"], dir.path());
    assert!(explain.status.success(), "{}", stderr(&explain));
    let text = String::from_utf8_lossy(&explain.stdout);
    assert!(text.contains("trigger") && text.contains("source") && text.contains("why"), "{text}");
    assert!(text.contains("(CONSULT"), "{text}");

    // A generic statement (010) has no PLOVER type: the explanation says so.
    let statements = dyad(&["events", "--code", "010", "--format", "json", "--db", "news.db"], dir.path());
    let statements: serde_json::Value = serde_json::from_slice(&statements.stdout).unwrap();
    let doc_id = statements[0]["doc_id"].as_str().expect("a generic statement in the examples");
    let explain = dyad(&["explain", &doc_id[..12], "--db", "news.db"], dir.path());
    let text = String::from_utf8_lossy(&explain.stdout);
    assert!(text.contains(" 010 Make statement, not specified below (no PLOVER type, quad 1,") && !text.contains("( ,"), "{text}");
}

#[test]
fn bad_files_are_reported_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect();
    std::fs::write(inputs.join("noise.txt"), noise).unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    std::fs::write(inputs.join("good.txt"), "Envoys met in Vienna on Friday. They agreed to meet again.\n").unwrap();
    std::fs::write(inputs.join("feed.jsonl"), "{\"text\": \"Talks resumed.\"}\n{\"text\": \n").unwrap();

    // Something is stored first; a bad batch must not lose it.
    let seeded = dyad(&["ingest", examples().to_str().unwrap(), "--db", "news.db"], dir.path());
    assert!(seeded.status.success());

    let output = dyad(&["ingest", "in", "--db", "news.db"], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("in/noise.txt: binary data, not text"), "{err}");
    assert!(err.contains("in/empty.txt: empty input"), "{err}");
    assert!(err.contains("in/feed.jsonl:2: not a JSON object"), "{err}");
    assert!(err.contains("2 new, 0 duplicate, 3 failed (1 binary, 1 empty, 1 not JSON)"), "{err}");

    let stats = dyad(&["stats", "--db", "news.db", "--json"], dir.path());
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["documents"], 8);
}

#[test]
fn analyze_reports_segments_speakers_and_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let talks = examples().join("talks-geneva.txt");
    let output = dyad(&["analyze", "--format", "json", talks.to_str().unwrap()], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let analysis: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let segments = analysis["document"]["segments"].as_array().unwrap();
    let kinds: Vec<&str> = segments.iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds[..6], ["chrome", "chrome", "chrome", "chrome", "headline", "byline"]);
    let speakers: Vec<&str> = segments.iter().filter_map(|s| s["speaker"]["name"].as_str()).collect();
    assert_eq!(speakers, ["ANCHOR", "CORRESPONDENT", "ANCHOR", "DANIEL MERCER", "ANCHOR"]);
    let glued = segments.iter().find(|s| s["speaker"]["name"] == "DANIEL MERCER").unwrap();
    assert_eq!(glued["rule"], "segment.transcript.label-glued");
    let text = analysis["document"]["text"].as_str().unwrap();
    for sentence in analysis["sentences"].as_array().unwrap() {
        let [start, end] = [sentence["span"][0].as_u64().unwrap() as usize, sentence["span"][1].as_u64().unwrap() as usize];
        assert_eq!(&text[start..end], sentence["text"].as_str().unwrap());
    }

    let report = dyad(&["analyze", "--color", "never", talks.to_str().unwrap()], dir.path());
    let report = String::from_utf8(report.stdout).unwrap();
    assert!(report.contains("transcript DANIEL MERCER [all caps, truecased]"), "{report}");
    assert!(report.contains("≈ \"We'll be back in April if the lists arrive on time.\""), "{report}");
}

#[test]
fn json_holds_tokens_and_chunks_only_when_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let talks = examples().join("talks-geneva.txt");
    let run = |extra: &[&str]| {
        let output = dyad(&[&["analyze", "--format", "jsonl", talks.to_str().unwrap()], extra].concat(), dir.path());
        assert!(output.status.success(), "{}", stderr(&output));
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let (records, mut full) = (run(&[]), run(&["--tokens"]));
    let sentences = full["sentences"].as_array_mut().unwrap();
    assert!(sentences.iter().all(|s| s["tokens"].as_array().is_some_and(|t| t.len() as u64 == s["n_tokens"].as_u64().unwrap())));
    assert!(sentences.iter().any(|s| s["chunks"].as_array().is_some_and(|c| !c.is_empty())));
    assert!(records["sentences"].as_array().unwrap().iter().all(|s| s.get("tokens").is_none() && s.get("chunks").is_none()));
    assert!(!records["events"].as_array().unwrap().is_empty() && !records["quotes"].as_array().unwrap().is_empty());
    // Apart from tokens and chunks, the two are the same document.
    for sentence in sentences.iter_mut() {
        let sentence = sentence.as_object_mut().unwrap();
        sentence.remove("tokens");
        sentence.remove("chunks");
    }
    assert_eq!(records, full);
}

#[test]
fn jsonl_on_stdin_streams_one_result_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = "{\"id\": \"a\", \"text\": \"Talks began.\"}\nnot json\n{\"id\": \"b\", \"date\": \"2026-01-02\", \"text\": \"Talks ended.\"}\n";
    let args = ["analyze", "--format", "jsonl", "--input-format", "jsonl", "--date", "2026-01-05", "-"];
    let output = dyad_with_stdin(&args, dir.path(), input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("-:2: not a JSON object"), "{}", stderr(&output));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["document"]["external_id"], "a");
    assert_eq!(lines[0]["document"]["date"], "2026-01-05");
    assert_eq!(lines[0]["document"]["date_source"], "cli");
    assert_eq!(lines[1]["document"]["date"], "2026-01-02");
    assert_eq!(lines[1]["document"]["date_source"], "record");
}

#[test]
fn stdin_starting_with_a_brace_streams_as_jsonl_in_input_order() {
    // More lines than one batch, so order across parallel batches shows.
    let dir = tempfile::tempdir().unwrap();
    let input: String = (0..150).map(|i| format!("{{\"id\": \"d{i}\", \"text\": \"Talks number {i} began in Oslo.\"}}\n")).collect();
    let output = dyad_with_stdin(&["analyze", "--format", "jsonl", "-"], dir.path(), format!("\n  {input}").as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    let ids: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["document"]["external_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, (0..150).map(|i| format!("d{i}")).collect::<Vec<_>>());
}

#[test]
fn plain_text_on_stdin_is_one_document_with_its_first_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let output = dyad_with_stdin(&["analyze", "--format", "json", "-"], dir.path(), b"  \nEnvoys met in Geneva on Monday.\n");
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["document"]["text"], "  \nEnvoys met in Geneva on Monday.\n");
    // A first line that opens with a brace but is no JSON object is text too.
    let output = dyad_with_stdin(&["analyze", "--format", "json", "-"], dir.path(), b"{Draft} Envoys met in Geneva.\n");
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["document"]["text"], "{Draft} Envoys met in Geneva.\n");
}

#[test]
fn oversized_inputs_are_refused_not_truncated() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.txt"), "Envoys met. ".repeat(200)).unwrap();
    let output = dyad(&["analyze", "--max-bytes", "1000", "big.txt"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("big.txt: 2400 bytes is over the limit of 1000 bytes"), "{}", stderr(&output));
}

#[test]
fn stdin_jsonl_decodes_legacy_lines_and_skips_oversized_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = b"{\"text\": \"Caf\xE9 talks.\"}\n".to_vec();
    input.extend(format!("{{\"text\": \"{}\"}}\n", "long ".repeat(100)).as_bytes());
    input.extend(b"{\"text\": \"Talks ended.\"}\n");
    let args = ["analyze", "--format", "jsonl", "--input-format", "jsonl", "--max-bytes", "200", "-"];
    let output = dyad_with_stdin(&args, dir.path(), &input);
    let err = stderr(&output);
    assert!(err.contains("dyad: warning: -:1: not valid UTF-8 (first invalid byte at offset 13); decoded as Windows-1252"), "{err}");
    assert!(err.contains("-:2: 512 bytes is over the limit of 200 bytes"), "{err}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 2);
    assert!(stdout.lines().next().unwrap().contains("Café talks."), "{stdout}");
    assert!(stdout.contains("Talks ended."));
}

#[test]
fn huge_files_are_refused_by_name_and_large_feeds_are_streamed_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    // 2 GiB, sparse: refused from its size, without reading it.
    std::fs::File::create(inputs.join("huge.txt")).unwrap().set_len(2 << 30).unwrap();
    // A feed over the limit made of records within it: every record stored.
    let feed: String = (0..40).map(|i| format!("{{\"text\": \"Envoys met in Vienna for round {i} of the talks.\"}}\n")).collect();
    assert!(feed.len() > 1000);
    std::fs::write(inputs.join("feed.jsonl"), feed).unwrap();
    // One record over the limit: that line is refused, the next one stored.
    let long = format!("{{\"text\": \"Talks resumed.\"}}\n{{\"text\": \"{}\"}}\n{{\"text\": \"Talks ended.\"}}\n", "more ".repeat(300));
    std::fs::write(inputs.join("long.jsonl"), long).unwrap();
    std::fs::write(inputs.join("nobody.html"), "<html><head><title>Nothing here</title></head></html>").unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Ministers met in Lima.\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(inputs.join("utf16.txt"), utf16).unwrap();

    let output = dyad(&["ingest", "in", "--db", "x.db", "--max-bytes", "1000"], dir.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("in/huge.txt: 2147483648 bytes is over the limit of 1000 bytes (raise it with --max-bytes)"), "{err}");
    assert!(err.contains("in/long.jsonl:2: 1512 bytes is over the limit of 1000 bytes"), "{err}");
    assert!(err.contains("in/nobody.html: HTML page has no main text"), "{err}");
    assert!(err.contains("dyad: warning: in/utf16.txt: decoded from UTF-16LE"), "{err}");
    assert!(err.contains("5 files, 43 documents: 43 new, 0 duplicate, 3 failed, 1 with input warnings (1 no content, 2 too large)"), "{err}");
}

#[test]
fn legacy_encodings_are_decoded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"Talks in Z\xFCrich ended on Friday.\n").unwrap();
    let output = dyad(&["ingest", "latin1.txt", "--db", "x.db"], dir.path());
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(err.contains("dyad: warning: latin1.txt: not valid UTF-8 (first invalid byte at offset 10); decoded as Windows-1252"), "{err}");
    assert!(err.contains("1 new, 0 duplicate, 0 failed, 1 with input warnings"), "{err}");
    let search = dyad(&["search", "Zürich", "--db", "x.db", "--json"], dir.path());
    assert!(String::from_utf8_lossy(&search.stdout).contains("Talks in Zürich ended on Friday."));
}

#[test]
fn validate_petrarch_reports_records_per_category_and_enforces_a_bar() {
    let records = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/petrarch/records.xml").canonicalize().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dyad(&["validate-petrarch", records.to_str().unwrap(), "--min-correct", "1.0"], dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}{}", stdout, stderr(&out));
    assert!(stdout.contains("15 records, 15 coded correctly (100.0%)"), "{stdout}");
    assert!(stdout.contains("DATE                2        2"), "{stdout}");

    // A records file naming a dictionary that is not there: a clear error.
    let broken = dir.path().join("broken.xml");
    let xml = std::fs::read_to_string(&records).unwrap().replace("verbs.txt", "missing-verbs.txt");
    std::fs::write(&broken, xml).unwrap();
    let out = dyad(&["validate-petrarch", broken.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing-verbs.txt not found"), "{}", stderr(&out));

    // Not XML at all.
    let junk = dir.path().join("junk.xml");
    std::fs::write(&junk, b"\x00\x01 not xml").unwrap();
    let out = dyad(&["validate-petrarch", junk.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("junk.xml"), "{}", stderr(&out));
}

#[test]
fn stored_quotes_are_listed_by_speaker_kind_and_words() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/fixtures/quotes.txt").canonicalize().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let out = dyad(&["ingest", fixture.to_str().unwrap(), "--db", db.to_str().unwrap(), "--quiet", "--date", "2024-03-05"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let list = |args: &[&str]| {
        let mut all = vec!["quotes", "--db", db.to_str().unwrap()];
        all.extend_from_slice(args);
        let out = dyad(&all, dir.path());
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // "she" and "the minister" are Ingrid Moe.
    let moe = list(&["--speaker", "moe"]);
    assert!(moe.contains("We came with a fair offer"), "{moe}");
    assert!(moe.contains("talked past each other"), "{moe}");
    assert!(!moe.contains("Nobody leaves this room happy"), "{moe}");
    let okafor = list(&["--speaker", "Okafor", "--kind", "direct"]);
    assert!(okafor.contains("Nobody leaves this room happy") && okafor.contains("The quotas are the whole question"), "{okafor}");
    assert!(!okafor.contains("a deal was still possible"), "{okafor}");
    let words = list(&["--search", "next round"]);
    assert!(words.contains("a Southmark official") && words.contains("indirect"), "{words}");
    assert!(list(&["--speaker", "nobody-by-this-name"]).contains("no quotes match"));
    let json: serde_json::Value = serde_json::from_str(&list(&["--json", "--kind", "direct"])).unwrap();
    let rows = json.as_array().unwrap();
    assert!(rows.len() >= 5, "{json}");
    assert!(rows.iter().all(|r| r["kind"] == "direct" && r["date"] == "2024-03-05"));
}
