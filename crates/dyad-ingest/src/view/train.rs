//! Building the truecasing lexicon (`dyad train truecase`).
//!
//! Three sources, in order of authority:
//!
//! 1. **Word casing in edited text.** For every word of the treebanks we
//!    count its spellings, skipping the first word of each sentence
//!    (capitalised by position, not by nature) and sentences written mostly
//!    in capitals (shouting, not casing). Each word keeps its most frequent
//!    spelling; ties go to the lowercase one.
//! 2. **Two-word names.** Pairs of adjacent words usually written with two
//!    capitals where their single-word spellings would not give that
//!    ("White House", "New York", "Air Force"), seen at least twice, are kept
//!    as pairs.
//! 3. **Word lists.** Words the treebanks never show come from spelling word
//!    lists (one word per line, as in Debian's `wamerican`/`wbritish`): a
//!    word listed in lower case is a common word, one listed only with a
//!    capital is a name.
//!
//! The output is sorted, so the same inputs always give the same file. Only
//! openly licensed text may go in: the caller passes a document filter
//! (GUM's non-commercial genres must be left out).

use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Pairs seen fewer times than this are not kept.
const MIN_PAIR_COUNT: u32 = 2;

/// Counts spellings across CoNLL-U treebanks and word lists.
#[derive(Debug, Default)]
pub struct LexiconBuilder {
    counts: HashMap<String, HashMap<String, u32>>,
    pair_counts: HashMap<String, HashMap<String, u32>>,
    listed: BTreeMap<String, BTreeSet<String>>,
    n_sentences: usize,
    n_skipped_docs: usize,
}

impl LexiconBuilder {
    /// Adds the sentences of a CoNLL-U text whose document id passes `keep`
    /// (the id from `# newdoc id = …`, or the `sent_id` when there is none).
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

    /// Adds a word list: one word per line; lines with digits, spaces or
    /// apostrophes (possessives) are skipped.
    pub fn add_word_list(&mut self, words: &str) {
        for word in words.lines().map(str::trim) {
            if word.is_empty() || !word.chars().all(|c| c.is_alphabetic() || c == '-') {
                continue;
            }
            self.listed.entry(word.to_lowercase()).or_default().insert(word.to_string());
        }
    }

    fn add_sentence(&mut self, forms: &[&str]) {
        let is_word = |form: &str| {
            form.chars().any(char::is_alphabetic)
                && !form.chars().any(|c| c.is_ascii_digit())
                && form.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
        };
        let n_cased = forms.iter().filter(|f| f.chars().any(char::is_alphabetic)).count();
        let n_caps = forms
            .iter()
            .filter(|f| f.chars().count() > 1 && f.chars().any(char::is_alphabetic) && !f.chars().any(char::is_lowercase))
            .count();
        if n_cased >= 3 && n_caps * 2 > n_cased {
            return;
        }
        self.n_sentences += 1;
        for (idx, form) in forms.iter().enumerate().skip(1) {
            if !is_word(form) {
                continue;
            }
            *self.counts.entry(form.to_lowercase()).or_default().entry(form.to_string()).or_default() += 1;
            let previous = forms[idx - 1];
            if idx >= 2 && is_word(previous) && !form.contains('.') && !previous.contains('.') {
                let pair = format!("{previous} {form}");
                *self.pair_counts.entry(pair.to_lowercase()).or_default().entry(pair).or_default() += 1;
            }
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

    /// The lexicon text: a header, then one line per word or pair, sorted
    /// by lowercase key: the key alone when the word is written in lower
    /// case, else `key<TAB>spelling`.
    pub fn finish(&self, header: &str) -> String {
        let mut chosen: BTreeMap<String, String> = BTreeMap::new();
        for (lower, spellings) in &self.counts {
            chosen.insert(lower.clone(), most_frequent(lower, spellings).to_string());
        }
        for (lower, spellings) in &self.listed {
            if chosen.contains_key(lower) {
                continue;
            }
            // Listed in lower case: a common word. Otherwise its first
            // listed spelling (sorted: capitals before lower case).
            let form = if spellings.contains(lower) { lower.clone() } else { spellings.iter().next().cloned().unwrap_or_default() };
            chosen.insert(lower.clone(), form);
        }
        let mut pairs: BTreeMap<&str, &str> = BTreeMap::new();
        for (lower, spellings) in &self.pair_counts {
            let total: u32 = spellings.values().sum();
            let best = most_frequent(lower, spellings);
            let from_words: Vec<&str> = lower.split(' ').map(|w| chosen.get(w).map_or(w, String::as_str)).collect();
            let is_name = best.split(' ').all(|w| w.starts_with(char::is_uppercase));
            if is_name && total >= MIN_PAIR_COUNT && best != from_words.join(" ") && spellings[best] * 2 > total {
                pairs.insert(lower, best);
            }
        }
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        let mut entries: Vec<(&str, &str)> = chosen.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        entries.extend(pairs);
        entries.sort();
        for (key, form) in entries {
            out.push_str(key);
            if form != key {
                out.push('\t');
                out.push_str(form);
            }
            out.push('\n');
        }
        out
    }
}

/// The most frequent spelling; ties go to the lowercase one, then to the
/// alphabetically first.
fn most_frequent<'s>(lower: &str, spellings: &'s HashMap<String, u32>) -> &'s str {
    spellings
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| (a.0 == lower).cmp(&(b.0 == lower))).then_with(|| b.0.cmp(a.0)))
        .map_or("", |(form, _)| form.as_str())
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
        assert_eq!(lexicon, "# test\nmet\nnato\tNATO\nsummit\nthe\n");
        assert_eq!(builder.n_skipped_docs(), 1);
    }

    #[test]
    fn pairs_and_word_lists_fill_in() {
        let sentence = "# sent_id = 1\n1\tThey\t_\n2\tsaw\t_\n3\tthe\t_\n4\tWhite\t_\n5\tHouse\t_\n6\tand\t_\n7\ta\t_\n8\twhite\t_\n9\tcar\t_\n10\tand\t_\n11\ta\t_\n12\twhite\t_\n13\tvan\t_\n\n";
        let mut builder = LexiconBuilder::default();
        builder.add_conllu(&sentence.repeat(2), &|_| true);
        builder.add_word_list("copper\nOslo\nBush\nbush\nAachen's\nwhite\n");
        let lexicon = builder.finish("test");
        let lines: Vec<&str> = lexicon.lines().skip(1).collect();
        assert_eq!(lines, ["a", "and", "bush", "car", "copper", "house\tHouse", "oslo\tOslo", "saw", "the", "van", "white", "white house\tWhite House"]);
    }
}
