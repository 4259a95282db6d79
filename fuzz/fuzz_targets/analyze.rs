//! The whole path: read any bytes (format sniffed), analyse each document
//! with the pipeline, check every span and the wire JSON.
#![no_main]

use std::sync::LazyLock;

use dyad::Pipeline;
use dyad_fuzz::check_analysis;
use dyad_ingest::read;
use dyad_ingest::ReadConfig;
use libfuzzer_sys::fuzz_target;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::new);

fuzz_target!(|data: &[u8]| {
    let mut read_any = false;
    for raw in read::read_bytes(data, "fuzz", &ReadConfig::default()).into_iter().flatten() {
        read_any = true;
        check_analysis(&PIPELINE.analyze(raw));
    }
    // Input the readers refuse (binary, control bytes, blank) still goes
    // through the analysis as a string.
    if !read_any {
        check_analysis(&PIPELINE.analyze_text(&dyad_fuzz::text_of(data)));
    }
});
