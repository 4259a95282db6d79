//! Reading CoNLL-U treebanks (the UD English EWT and GUM files).
//!
//! Only what training and evaluation need: each sentence's document id, raw
//! text and syntactic words (form, lemma, UPOS, XPOS, head, relation, MISC).
//! Multiword range lines (`3-4`) and empty nodes (`8.1`) are skipped.

/// A word of a treebank sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The form, normalised as dyad's analysis view writes it (plain quotes,
    /// `--` for dashes), so training sees what the tagger will see.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Penn Treebank tag (`_` mapped to the UPOS when absent).
    pub xpos: String,
    /// Head index (0 = root).
    pub head: usize,
    /// Dependency relation.
    pub deprel: String,
    /// The MISC column.
    pub misc: String,
}

/// A treebank sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The document it belongs to (`# newdoc id`, or the `sent_id` prefix).
    pub doc_id: String,
    /// The raw text (`# text`).
    pub text: String,
    /// Its words.
    pub words: Vec<Word>,
}

/// Reads every sentence of a CoNLL-U text whose document passes `keep`.
pub fn read(conllu: &str, keep: &dyn Fn(&str) -> bool) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut doc_id = String::new();
    let mut current = Sentence { doc_id: String::new(), text: String::new(), words: Vec::new() };
    for line in conllu.lines().chain(std::iter::once("")) {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            doc_id = id.trim().to_string();
        } else if let Some(id) = line.strip_prefix("# sent_id = ") {
            // The document is the last `newdoc`; without one, the sentence
            // id's prefix.
            current.doc_id = if doc_id.is_empty() {
                id.rsplit_once('-').map_or(id, |(prefix, _)| prefix).to_string()
            } else {
                doc_id.clone()
            };
        } else if let Some(text) = line.strip_prefix("# text = ") {
            current.text = text.to_string();
        } else if line.is_empty() {
            if !current.words.is_empty() && keep(&current.doc_id) {
                sentences.push(std::mem::replace(
                    &mut current,
                    Sentence { doc_id: String::new(), text: String::new(), words: Vec::new() },
                ));
            } else {
                current.words.clear();
            }
        } else if !line.starts_with('#') {
            let columns: Vec<&str> = line.split('\t').collect();
            if columns.len() < 10 || columns[0].contains(['-', '.']) {
                continue;
            }
            let upos = columns[3].to_string();
            let xpos = if columns[4] == "_" { upos.clone() } else { columns[4].to_string() };
            current.words.push(Word {
                form: normalize(columns[1]),
                lemma: columns[2].to_string(),
                upos,
                xpos,
                head: columns[6].parse().unwrap_or(0),
                deprel: columns[7].to_string(),
                misc: columns[9].to_string(),
            });
        }
    }
    sentences
}

/// A form as the analysis view writes it.
pub fn normalize(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    let mut chars = form.chars().peekable();
    while let Some(ch) = chars.next() {
        match dyad_ingest::view::normalize::normalize_char(ch, chars.peek().copied()) {
            Some(replacement) => out.push_str(replacement),
            None => out.push(ch),
        }
    }
    if out.is_empty() { form.to_string() } else { out }
}

/// GUM genres whose texts carry no non-commercial clause (see the data
/// README): only these may go into shipped models.
pub const GUM_OPEN_GENRES: &[&str] =
    &["news", "interview", "academic", "court", "textbook", "vlog", "conversation", "speech", "bio", "voyage"];

/// True for GUM documents of an openly licensed genre (and for any document
/// that is not from GUM).
pub fn is_open(doc_id: &str) -> bool {
    match doc_id.strip_prefix("GUM_") {
        Some(rest) => GUM_OPEN_GENRES.contains(&rest.split('_').next().unwrap_or("")),
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_and_skips_ranges() {
        let conllu = "# newdoc id = GUM_news_x\n# sent_id = GUM_news_x-1\n# text = Don’t go.\n\
1-2\tDon’t\t_\t_\t_\t_\t_\t_\t_\t_\n1\tDo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn’t\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n\
3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n\
# newdoc id = GUM_fiction_y\n# sent_id = GUM_fiction_y-1\n# text = Hi.\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";
        let sentences = read(conllu, &is_open);
        assert_eq!(sentences.len(), 1);
        let forms: Vec<&str> = sentences[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["Do", "n't", "go", "."]);
        assert_eq!(sentences[0].words[1].xpos, "RB");
        assert_eq!(sentences[0].doc_id, "GUM_news_x");
    }
}
