//! Building the truecasing lexicon from treebanks (`dyad train truecase`).
//!
//! For every word of edited text we count its spellings, skipping the first
//! word of each sentence (capitalised by position, not by nature) and
//! sentences written mostly in capitals (shouting, not casing). The lexicon
//! keeps each word's most frequent spelling; ties go to the lowercase one.
//! The output is sorted, so the same treebanks always give the same file.
//!
//! Only openly licensed text may go into the shipped lexicon: the caller
//! passes a genre filter (GUM's non-commercial genres must be left out).

use std::collections::{BTreeMap, HashMap};

/// Counts spellings across CoNLL-U treebanks.
#[derive(Debug, Default)]
pub struct LexiconBuilder {
    counts: HashMap<String, HashMap<String, u32>>,
    n_sentences: usize,
    n_skipped_docs: usize,
}

impl LexiconBuilder {
    /// Adds the sentences of a CoNLL-U text whose document id passes `keep`
    /// (the id from `# newdoc id = …`, or the `sent_id` prefix).
    pub fn add_conllu(&mut self, conllu: &str, keep: &dyn Fn(&str) -> bool) {
        let mut doc_id = String::new();
        let mut forms: Vec<&str> = Vec::new();
        let mut skipped_doc = false;
        for line in conllu.lines().chain(std::iter::once("")) {
            if let Some(id) = line.strip_prefix("# newdoc id = ") {
                doc_id = id.trim().to_string();
                skipped_doc = !keep(&doc_id);
                if skipped_doc {
                    self.n_skipped_docs += 1;
                }
            } else if let Some(id) = line.strip_prefix("# sent_id = ") {
                if doc_id.is_empty() {
                    skipped_doc = !keep(id.trim());
                }
            } else if line.is_empty() {
                if !forms.is_empty() && !skipped_doc {
                    self.add_sentence(&forms);
                }
                forms.clear();
            } else if !line.starts_with('#') {
                let mut columns = line.split('\t');
                let id = columns.next().unwrap_or("");
                let form = columns.next().unwrap_or("");
                // Syntactic words; multiword range lines and empty nodes
                // are not words.
                if id.contains('-') || id.contains('.') {
                    continue;
                }
                forms.push(form);
            }
        }
    }

    fn add_sentence(&mut self, forms: &[&str]) {
        let n_cased = forms.iter().filter(|f| f.chars().any(char::is_alphabetic)).count();
        let n_caps = forms
            .iter()
            .filter(|f| f.chars().count() > 1 && f.chars().any(char::is_alphabetic) && !f.chars().any(char::is_lowercase))
            .count();
        if n_cased >= 3 && n_caps * 2 > n_cased {
            return;
        }
        self.n_sentences += 1;
        for form in forms.iter().skip(1) {
            if !form.chars().any(char::is_alphabetic) || form.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            if !form.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.')) {
                continue;
            }
            *self.counts.entry(form.to_lowercase()).or_default().entry(form.to_string()).or_default() += 1;
        }
    }

    /// Sentences counted so far.
    pub fn n_sentences(&self) -> usize {
        self.n_sentences
    }

    /// Documents left out by the filter.
    pub fn n_skipped_docs(&self) -> usize {
        self.n_skipped_docs
    }

    /// The lexicon text: a header, then one spelling per word, sorted.
    pub fn finish(&self, header: &str) -> String {
        let mut chosen: BTreeMap<&str, &str> = BTreeMap::new();
        for (lower, spellings) in &self.counts {
            let best = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| (a.0 == lower).cmp(&(b.0 == lower))).then_with(|| b.0.cmp(a.0)))
                .map(|(form, _)| form.as_str())
                .unwrap_or(lower);
            chosen.insert(lower, best);
        }
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        for form in chosen.values() {
            out.push_str(form);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_most_frequent_spelling_outside_sentence_starts() {
        let conllu = "# newdoc id = doc_news_1\n# sent_id = 1\n1\tPutin\t_\n2\tmet\t_\n3\tNATO\t_\n\n\
# sent_id = 2\n1\tThe\t_\n2\tnato\t_\n3\tsummit\t_\n4\tNATO\t_\n5\tThe\t_\n6\tthe\t_\n7\tthe\t_\n\n\
# newdoc id = doc_fiction_1\n# sent_id = 3\n1\tx\t_\n2\tSecret\t_\n\n";
        let mut builder = LexiconBuilder::default();
        builder.add_conllu(conllu, &|doc| !doc.contains("fiction"));
        let lexicon = builder.finish("test");
        // Sorted by lowercase key.
        assert_eq!(lexicon, "# test\nmet\nNATO\nsummit\nthe\n");
        assert_eq!(builder.n_skipped_docs(), 1);
    }
}
