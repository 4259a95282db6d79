//! The sentence table in `testdata/text/sentences.toml`, run through the
//! whole pipeline (normalisation, truecasing, tokens, sentences).

use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    sentences: Vec<String>,
    /// Expected analysis forms (truecased, normalised), when checked.
    #[serde(default)]
    norms: Vec<String>,
}

#[test]
fn sentence_table() {
    let table: Table = toml::from_str(include_str!("../../../testdata/text/sentences.toml")).unwrap();
    let pipeline = dyad::Pipeline::new();
    let mut failures = Vec::new();
    for case in &table.case {
        let analysis = pipeline.analyze_text(&case.text);
        let got: Vec<&str> = analysis.sentences.iter().map(|s| s.span.slice(&analysis.document.text)).collect();
        if got != case.sentences {
            failures.push(format!("{}:\n  want {:?}\n  got  {:?}", case.name, case.sentences, got));
            continue;
        }
        if !case.norms.is_empty() {
            let view = analysis.document.view.text();
            let norms: Vec<&str> = analysis
                .sentences
                .iter()
                .map(|s| {
                    let tokens = analysis.sentence_tokens(s);
                    &view[tokens[0].view.0 as usize..tokens[tokens.len() - 1].view.1 as usize]
                })
                .collect();
            if norms != case.norms {
                failures.push(format!("{} (norms):\n  want {:?}\n  got  {:?}", case.name, case.norms, norms));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), table.case.len(), failures.join("\n"));
}
