//! Feature extraction: each feature is a 64-bit hash of a template id and
//! the strings it combines, computed without allocation per feature.

/// Deterministic 64-bit hashing (FNV-1a with a final mix), the same on every
/// machine and run, so models are reproducible.
pub(crate) struct FeatureHash(u64);

impl FeatureHash {
    fn new(template: u8) -> FeatureHash {
        let mut hash = FeatureHash(0xcbf2_9ce4_8422_2325);
        hash.byte(template);
        hash
    }

    fn byte(&mut self, byte: u8) {
        self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }

    fn str(mut self, s: &str) -> FeatureHash {
        for &b in s.as_bytes() {
            self.byte(b);
        }
        self.byte(0xff); // separator: ("ab","c") ≠ ("a","bc")
        self
    }

    fn finish(self) -> u64 {
        // splitmix64 finaliser; never 0 (0 marks an empty table slot).
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) | 1
    }
}

fn hash1(template: u8, a: &str) -> u64 {
    FeatureHash::new(template).str(a).finish()
}

fn hash2(template: u8, a: &str, b: &str) -> u64 {
    FeatureHash::new(template).str(a).str(b).finish()
}

/// Per-sentence precomputed word views.
pub(crate) struct Context<'w, 'd> {
    words: &'w [&'w str],
    lower: Vec<String>,
    shape: Vec<String>,
    /// Each word's ambiguity class: the tags the training data gave it.
    class: Vec<&'d str>,
}

/// The key under which a word's ambiguity class is stored.
pub(crate) fn class_key(word: &str) -> u64 {
    hash1(200, &normal_form(word))
}

/// Ambiguity class of an unknown word.
pub(crate) const UNKNOWN_CLASS: &str = "?";

const START: [&str; 2] = ["-START-", "-START2-"];
const END: [&str; 2] = ["-END-", "-END2-"];

impl<'w, 'd> Context<'w, 'd> {
    /// Precomputes word views; `class_of` gives a word's ambiguity class
    /// from its [`class_key`].
    pub(crate) fn new(words: &'w [&'w str], class_of: &dyn Fn(u64) -> Option<&'d str>) -> Context<'w, 'd> {
        Context {
            words,
            lower: words.iter().map(|w| normal_form(w)).collect(),
            shape: words.iter().map(|w| shape(w)).collect(),
            class: words.iter().map(|w| class_of(class_key(w)).unwrap_or(UNKNOWN_CLASS)).collect(),
        }
    }

    fn class_at(&self, idx: isize) -> &str {
        if idx < 0 || idx as usize >= self.words.len() { self.lower_at(idx) } else { self.class[idx as usize] }
    }

    fn lower_at(&self, idx: isize) -> &str {
        if idx < 0 {
            START[(-idx - 1) as usize % 2]
        } else if idx as usize >= self.words.len() {
            END[(idx as usize - self.words.len()) % 2]
        } else {
            &self.lower[idx as usize]
        }
    }

    fn shape_at(&self, idx: isize) -> &str {
        if idx < 0 || idx as usize >= self.words.len() { self.lower_at(idx) } else { &self.shape[idx as usize] }
    }

    /// Appends the features of word `idx` given the previous two tags.
    pub(crate) fn features(&self, idx: usize, previous: Option<&str>, previous2: Option<&str>, out: &mut Vec<u64>) {
        let i = idx as isize;
        let word = self.words[idx];
        let lower = self.lower_at(i);
        let t1 = previous.unwrap_or("-START-");
        let t2 = previous2.unwrap_or("-START2-");
        out.push(hash1(0, ""));
        out.push(hash1(1, lower));
        for (template, n) in [(2u8, 1usize), (3, 2), (4, 3), (5, 4)] {
            out.push(hash1(template, suffix(lower, n)));
        }
        for (template, n) in [(6u8, 1usize), (7, 2), (8, 3)] {
            out.push(hash1(template, prefix(lower, n)));
        }
        out.push(hash1(9, self.shape_at(i)));
        out.push(hash1(10, self.lower_at(i - 1)));
        out.push(hash1(11, self.lower_at(i - 2)));
        out.push(hash1(12, self.lower_at(i + 1)));
        out.push(hash1(13, self.lower_at(i + 2)));
        out.push(hash1(14, suffix(self.lower_at(i - 1), 3)));
        out.push(hash1(15, suffix(self.lower_at(i + 1), 3)));
        out.push(hash1(16, t1));
        out.push(hash1(17, t2));
        out.push(hash2(18, t1, t2));
        out.push(hash2(19, t1, lower));
        out.push(hash2(20, self.lower_at(i - 1), lower));
        out.push(hash2(21, lower, self.lower_at(i + 1)));
        out.push(hash1(22, self.shape_at(i - 1)));
        out.push(hash1(23, self.shape_at(i + 1)));
        out.push(hash2(24, if idx == 0 { "first" } else { "inner" }, self.shape_at(i)));
        out.push(hash1(25, word));
        out.push(hash2(26, t1, suffix(lower, 3)));
        out.push(hash2(27, suffix(lower, 3), self.lower_at(i + 1)));
        out.push(hash1(28, self.class_at(i)));
        out.push(hash1(29, self.class_at(i + 1)));
        out.push(hash2(30, self.class_at(i), self.class_at(i + 1)));
        out.push(hash1(31, self.class_at(i + 2)));
        out.push(hash2(32, t1, self.class_at(i)));
        out.push(hash2(33, self.class_at(i - 1), self.class_at(i)));
    }
}

/// The lowercase form, with digits folded so numbers share features.
pub(crate) fn normal_form(word: &str) -> String {
    if word.chars().all(|c| c.is_ascii_digit()) {
        return if word.len() == 4 { "!YEAR".into() } else { "!DIGITS".into() };
    }
    if word.chars().next().is_some_and(|c| c.is_ascii_digit()) && word.chars().any(|c| c.is_ascii_digit()) {
        return word.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).flat_map(char::to_lowercase).collect();
    }
    word.to_lowercase()
}

/// Word shape with runs collapsed after two: `Xxx`, `XX`, `dd.d`, `x-x`.
fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = ' ';
    let mut run = 0;
    for ch in word.chars() {
        let class = if ch.is_uppercase() {
            'X'
        } else if ch.is_lowercase() {
            'x'
        } else if ch.is_numeric() {
            'd'
        } else {
            ch
        };
        if class == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
        }
        out.push(class);
        last = class;
    }
    out
}

fn suffix(word: &str, n_chars: usize) -> &str {
    match word.char_indices().rev().nth(n_chars.saturating_sub(1)) {
        Some((start, _)) => &word[start..],
        None => word,
    }
}

fn prefix(word: &str, n_chars: usize) -> &str {
    match word.char_indices().nth(n_chars) {
        Some((end, _)) => &word[..end],
        None => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_affixes_and_hashes() {
        assert_eq!(shape("Ryabkov"), "Xxx");
        assert_eq!(shape("NATO-Russia"), "XX-Xxx");
        assert_eq!(shape("10:30"), "dd:dd");
        assert_eq!(suffix("kyiv", 3), "yiv");
        assert_eq!(suffix("é", 3), "é");
        assert_eq!(prefix("zürich", 2), "zü");
        assert_eq!(normal_form("2022"), "!YEAR");
        assert_eq!(normal_form("1990s"), "0000s");
        assert_ne!(hash2(1, "ab", "c"), hash2(1, "a", "bc"));
        assert_eq!(hash1(1, "the"), hash1(1, "the"));
    }
}
