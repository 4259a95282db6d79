//! The benchmark corpus, read at run time from the shared data folder: the
//! sentence texts of the EWT and GUM treebanks (train, dev and test),
//! grouped into one document per treebank document, and the PolNeAR
//! training articles. Nothing of it is stored in the repository; `dyad
//! bench` and the criterion benches of the crates both read it from here.

use std::io;
use std::path::{Path, PathBuf};

/// One document of the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BenchDocument {
    /// `ewt`/`gum` document id, or `polnear/<file stem>`.
    pub id: String,
    /// The text.
    pub text: String,
}

/// The treebank files read, relative to the data folder.
const TREEBANKS: [&str; 6] = [
    "ud-english-ewt/en_ewt-ud-train.conllu",
    "ud-english-ewt/en_ewt-ud-dev.conllu",
    "ud-english-ewt/en_ewt-ud-test.conllu",
    "ud-english-gum/en_gum-ud-train.conllu",
    "ud-english-gum/en_gum-ud-dev.conllu",
    "ud-english-gum/en_gum-ud-test.conllu",
];

fn read(path: &Path) -> io::Result<String> {
    std::fs::read_to_string(path).map_err(|e| io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display())))
}

/// Reads the corpus from `data` (the folder with `ud-english-ewt/`,
/// `ud-english-gum/` and `polnear/`), treebank documents first, then the
/// articles in file-name order. The error names the file that failed.
pub fn read_corpus(data: &Path) -> io::Result<Vec<BenchDocument>> {
    let mut documents: Vec<BenchDocument> = Vec::new();
    for file in TREEBANKS {
        let conllu = read(&data.join(file))?;
        let mut current_doc = None;
        for sentence in dyad_tag::conllu::read(&conllu, &|_| true) {
            if current_doc.as_ref() != Some(&sentence.doc_id) {
                current_doc = Some(sentence.doc_id.clone());
                documents.push(BenchDocument { id: sentence.doc_id.clone(), text: String::new() });
            }
            let document = documents.last_mut().expect("one pushed");
            document.text.push_str(&sentence.text);
            document.text.push('\n');
        }
    }
    let folder = data.join("polnear/train/text");
    let mut articles: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot read {}: {e}", folder.display())))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    articles.sort();
    for path in articles {
        let text = read(&path)?;
        let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        documents.push(BenchDocument { id: format!("polnear/{id}"), text });
    }
    Ok(documents)
}

/// The sentences of an analysis as the words the tagger reads (their
/// analysis forms), for timing the tagger and recogniser alone.
pub fn sentence_words(analysis: &dyad_core::Analysis) -> Vec<Vec<String>> {
    analysis.sentences.iter().map(|s| analysis.sentence_tokens(s).iter().map(|t| t.norm(&analysis.document).to_string()).collect()).collect()
}

/// Tags every sentence, reusing `buffers`; returns the number of words.
pub fn tag_sentences(tagger: &dyad_tag::Tagger, sentences: &[Vec<String>], buffers: &mut dyad_tag::TagBuffers) -> usize {
    let mut labels = Vec::new();
    sentences
        .iter()
        .map(|words| {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            tagger.tag_into(&words, buffers, &mut labels);
            labels.len()
        })
        .sum()
}
