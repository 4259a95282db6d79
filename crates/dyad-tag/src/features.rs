//! Feature hashing shared by the tagger and the entity recogniser.
//!
//! Each word's views (its form, lowercase form, shape, affixes) are hashed
//! once per sentence into [`WordView`]s; a feature is then a cheap mix of a
//! template id and one or two of those 64-bit hashes. Nothing is allocated
//! per word or per feature: the only buffers belong to a [`Scratch`] that
//! callers reuse from sentence to sentence.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over bytes with a final mix: the hash of a string view.
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in s.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    mix(h)
}

/// The hash of `s` and those of its first 1, 2 and 3 characters (the whole
/// of `s` when shorter), in one pass: `(hash_str(s), [hash_str(prefix_of(s,
/// n)) for n in 1..=3])`.
fn hash_with_prefixes(s: &str) -> (u64, [u64; 3]) {
    let mut h = FNV_OFFSET;
    let mut prefix = [0; 3];
    let mut n_done = 0;
    for (idx, &b) in s.as_bytes().iter().enumerate() {
        // A character ends before each byte that starts another.
        if idx > 0 && n_done < 3 && b & 0xc0 != 0x80 {
            prefix[n_done] = mix(h);
            n_done += 1;
        }
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    let whole = mix(h);
    prefix[n_done..].fill(whole);
    (whole, prefix)
}

/// splitmix64 finaliser; never 0 (0 marks an empty table slot).
#[inline]
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (z ^ (z >> 31)) | 1
}

/// A feature of one view: template `t`, value `a`.
#[inline]
pub(crate) fn f1(t: u8, a: u64) -> u64 {
    mix(a ^ u64::from(t).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// A feature of two views.
#[inline]
pub(crate) fn f2(t: u8, a: u64, b: u64) -> u64 {
    mix(f1(t, a).rotate_left(17) ^ b)
}

/// A feature of three views.
#[inline]
pub(crate) fn f3(t: u8, a: u64, b: u64, c: u64) -> u64 {
    mix(f2(t, a, b).rotate_left(17) ^ c)
}

/// The hashed views of one word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordView {
    /// The form as written.
    pub form: u64,
    /// The lowercase form with digits folded ([`normal_form`]).
    pub lower: u64,
    /// The shape (`Xxx`, `dd.d`).
    pub shape: u64,
    /// Suffixes of the lowercase form, 1 to 4 characters.
    pub suffix: [u64; 4],
    /// Prefixes, 1 to 3 characters.
    pub prefix: [u64; 3],
    /// Class from a model's word dictionary (ambiguity class, casing and
    /// gazetteer class), or the unknown class.
    pub class: u64,
}

impl WordView {
    /// The view of a padding position before or after the sentence.
    fn padding(name: &str) -> WordView {
        let h = hash_str(name);
        WordView { form: h, lower: h, shape: h, suffix: [h; 4], prefix: [h; 3], class: h }
    }
}

/// Padding on each side of a sentence's views.
pub(crate) const PAD: usize = 2;

/// Reusable buffers for hashing sentences.
#[derive(Default)]
pub(crate) struct Scratch {
    lower: String,
    shape: String,
    /// Views of the current sentence, [`PAD`] padding entries on each side.
    pub views: Vec<WordView>,
    /// Dictionary key of each word.
    keys: Vec<u64>,
}

impl Scratch {
    /// Hashes the views of `words`; `class_of` maps a word's dictionary key
    /// (see [`word_key`]) to its class hash.
    #[cfg(test)]
    pub(crate) fn fill(&mut self, words: &[&str], class_of: &mut dyn FnMut(u64) -> Option<u64>) {
        self.fill_views(words);
        self.assign_classes(class_of);
    }

    /// Hashes the views of `words`, every word in the unknown class; their
    /// dictionary keys are then in [`Scratch::keys`].
    pub(crate) fn fill_views(&mut self, words: &[&str]) {
        self.views.clear();
        self.keys.clear();
        self.views.push(WordView::padding("-START2-"));
        self.views.push(WordView::padding("-START-"));
        let unknown = hash_str(UNKNOWN_CLASS);
        for word in words {
            normal_form_into(word, &mut self.lower);
            shape_into(word, &mut self.shape);
            let (lower, prefix) = hash_with_prefixes(&self.lower);
            let mut suffix = [0; 4];
            for (n, slot) in suffix.iter_mut().enumerate() {
                *slot = hash_str(suffix_of(&self.lower, n + 1));
            }
            self.keys.push(word_key(lower));
            self.views.push(WordView { form: hash_str(word), lower, shape: hash_str(&self.shape), suffix, prefix, class: unknown });
        }
        self.views.push(WordView::padding("-END-"));
        self.views.push(WordView::padding("-END2-"));
    }

    /// Takes the views `other` hashed of the same words (the tagger's, for
    /// the entity recogniser), every word back in the unknown class.
    pub(crate) fn copy_views(&mut self, other: &Scratch) {
        self.views.clone_from(&other.views);
        self.keys.clone_from(&other.keys);
        let unknown = hash_str(UNKNOWN_CLASS);
        for view in &mut self.views[PAD..PAD + self.keys.len()] {
            view.class = unknown;
        }
    }

    /// The dictionary keys of the words, in order.
    pub(crate) fn keys(&self) -> &[u64] {
        &self.keys
    }

    /// Gives each word the class `class_of` finds for its key.
    pub(crate) fn assign_classes(&mut self, class_of: &mut dyn FnMut(u64) -> Option<u64>) {
        for (view, &key) in self.views[PAD..].iter_mut().zip(&self.keys) {
            if let Some(class) = class_of(key) {
                view.class = class;
            }
        }
    }

    /// The view of word `idx` (may be up to [`PAD`] outside the sentence).
    #[inline]
    pub(crate) fn at(&self, idx: isize) -> &WordView {
        &self.views[(idx + PAD as isize) as usize]
    }
}

/// The key under which a word is stored in a model's dictionary, from the
/// hash of its lowercase form.
pub(crate) fn word_key(lower_hash: u64) -> u64 {
    f1(200, lower_hash)
}

/// The dictionary key of a word given as text.
pub(crate) fn word_key_of(word: &str) -> u64 {
    let mut lower = String::new();
    normal_form_into(word, &mut lower);
    word_key(hash_str(&lower))
}

/// Class of a word absent from the dictionary.
pub(crate) const UNKNOWN_CLASS: &str = "?";

/// Writes the lowercase form, with digits folded so numbers share features:
/// `!YEAR` for four digits, `!DIGITS` for other digit strings, `0` for each
/// digit of a word that starts with one (`1990s` → `0000s`).
pub(crate) fn normal_form_into(word: &str, out: &mut String) {
    out.clear();
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
        out.push_str(if word.len() == 4 { "!YEAR" } else { "!DIGITS" });
        return;
    }
    let folds_digits = word.as_bytes().first().is_some_and(u8::is_ascii_digit);
    for ch in word.chars() {
        if folds_digits && ch.is_ascii_digit() {
            out.push('0');
        } else if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else {
            out.extend(ch.to_lowercase());
        }
    }
}

/// Writes the word shape with runs collapsed after two: `Xxx`, `XX`, `dd.d`, `x-x`.
pub(crate) fn shape_into(word: &str, out: &mut String) {
    out.clear();
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
}

/// The last `n_chars` characters.
pub(crate) fn suffix_of(word: &str, n_chars: usize) -> &str {
    match word.char_indices().rev().nth(n_chars.saturating_sub(1)) {
        Some((start, _)) => &word[start..],
        None => word,
    }
}

/// The first `n_chars` characters.
#[cfg(test)]
pub(crate) fn prefix_of(word: &str, n_chars: usize) -> &str {
    match word.char_indices().nth(n_chars) {
        Some((end, _)) => &word[..end],
        None => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(word: &str) -> String {
        let mut out = String::new();
        shape_into(word, &mut out);
        out
    }

    fn normal(word: &str) -> String {
        let mut out = String::new();
        normal_form_into(word, &mut out);
        out
    }

    #[test]
    fn shapes_affixes_and_hashes() {
        assert_eq!(shape("Ryabkov"), "Xxx");
        assert_eq!(shape("NATO-Russia"), "XX-Xxx");
        assert_eq!(shape("10:30"), "dd:dd");
        assert_eq!(suffix_of("kyiv", 3), "yiv");
        assert_eq!(suffix_of("é", 3), "é");
        assert_eq!(prefix_of("zürich", 2), "zü");
        assert_eq!(normal("2022"), "!YEAR");
        assert_eq!(normal("12"), "!DIGITS");
        assert_eq!(normal("1990s"), "0000s");
        assert_eq!(normal("ÉTÉ"), "été");
        assert_ne!(f2(1, hash_str("ab"), hash_str("c")), f2(1, hash_str("a"), hash_str("bc")));
        assert_ne!(f2(1, 5, 7), f2(1, 7, 5));
        assert_ne!(f1(1, 5), f1(2, 5));
        assert_eq!(word_key_of("The"), word_key_of("the"));
    }

    #[test]
    fn prefixes_hash_as_their_own_strings() {
        for word in ["", "a", "ab", "abc", "abcd", "zürich", "été", "日本語です", "x\u{300}y"] {
            let expected = [1, 2, 3].map(|n| hash_str(prefix_of(word, n)));
            assert_eq!(hash_with_prefixes(word), (hash_str(word), expected), "{word:?}");
        }
    }

    #[test]
    fn views_are_padded() {
        let mut scratch = Scratch::default();
        scratch.fill(&["Geneva", "talks"], &mut |_| None);
        assert_eq!(scratch.views.len(), 2 + 2 * PAD);
        assert_eq!(scratch.at(0).lower, hash_str("geneva"));
        assert_eq!(scratch.at(1).suffix[1], hash_str("ks"));
        assert_eq!(scratch.at(-1).lower, hash_str("-START-"));
        assert_eq!(scratch.at(3).lower, hash_str("-END2-"));
        assert_eq!(scratch.at(0).class, hash_str(UNKNOWN_CLASS));
    }
}
