//! Truecasing: giving words in ALL-CAPS text their usual casing.
//!
//! Teleprompter scripts and wire headlines arrive in capitals; every later
//! stage (tagger, entity recogniser, dictionaries) expects edited text. The
//! [`Truecaser`] decides each word's casing from, in order:
//!
//! 1. clitics after an apostrophe (`’S`, `’RE`, `N’T`) are lower case;
//! 2. words with digits keep their capitals (`G7`, `F16`);
//! 3. a short list of acronyms written by us (`NATO`, `EU`, `DC`, and `US`
//!    unless it follows a word that takes the pronoun "us");
//! 4. the lexicon: the most frequent casing of the word in edited text
//!    (trained by `dyad train truecase` from the UD English treebanks);
//! 5. unknown words: no vowel → acronym; a common English suffix → lower
//!    case; anything else → a capitalised name (unknown words in news
//!    scripts are mostly names: "ANDERSEN", "RYABKOV");
//!
//! then two context rules: the first word of a sentence is capitalised, and
//! title words before a capitalised name join it ("PRESIDENT BIDEN" →
//! "President Biden", "DEPUTY FOREIGN MINISTER SERGEY RYABKOV" → "Deputy
//! Foreign Minister Sergey Ryabkov").
//!
//! Only letters change; every other character goes through [`super::normalize`].

use std::borrow::Cow;

use dyad_core::{Span, ViewBuilder};

use super::normalize;

/// The lexicon shipped in the binary.
const EMBEDDED_LEXICON: &str = include_str!("../../../../data/truecase.txt");

/// Acronyms kept in capitals whatever the lexicon says (lowercase keys).
const ACRONYMS: &[&str] = &[
    "nato", "eu", "un", "uk", "usa", "us", "dc", "osce", "uae", "imf", "cia", "fbi", "nsa", "kgb",
    "fsb", "bbc", "cnn", "nbc", "cbs", "icc", "icj", "wto", "opec", "asean", "iaea", "unicef",
    "unhcr", "ngo", "ngos", "gdp", "covid", "afp", "tv", "mp", "mps", "ap", "g7", "g20", "ussr",
    "gop", "idf", "isis", "pkk", "ecowas", "oas", "brics", "unsc", "nyc", "la",
];

/// Words after which "US" is the pronoun.
const US_PRONOUN_AFTER: &[&str] = &[
    "to", "for", "with", "of", "about", "told", "tell", "tells", "let", "lets", "give", "gave",
    "gives", "help", "helps", "helped", "join", "joined", "from", "by", "among", "against", "like",
    "all", "both", "show", "showed", "shows", "ask", "asked", "asks", "call", "called", "calls",
    "send", "sent", "take", "took", "make", "made", "leave", "left", "keep", "kept", "see", "saw",
    "hear", "heard", "thank", "between", "behind", "before", "after", "without", "upon", "than",
    "follow", "watch", "trust", "believe", "hurt", "hit", "hits", "brought", "bring", "some", "many",
    "none", "each", "most", "few",
];

/// Title words that take a capital before a capitalised name.
const TITLE_WORDS: &[&str] = &[
    "president", "vice", "prime", "minister", "deputy", "foreign", "defense", "defence", "interior",
    "finance", "secretary", "state", "general", "gen", "sen", "senator", "rep", "representative",
    "gov", "governor", "mayor", "king", "queen", "prince", "princess", "pope", "chancellor",
    "premier", "ambassador", "envoy", "chairman", "chairwoman", "chair", "speaker", "leader",
    "spokesperson", "spokesman", "spokeswoman", "commander", "colonel", "col", "lt", "lieutenant",
    "major", "maj", "captain", "capt", "sergeant", "admiral", "adm", "judge", "justice", "chief",
    "director", "dr", "mr", "mrs", "ms", "sheikh", "emir", "crown", "supreme", "ayatollah", "council",
    "organization", "organisation", "ministry", "department", "committee", "commission", "union",
    "agency", "parliament", "assembly", "court", "party", "army", "navy", "force", "forces",
];

/// Suffixes that mark unknown words as common words, not names.
const COMMON_SUFFIXES: &[&str] = &[
    "ing", "ed", "ly", "tion", "tions", "sion", "ment", "ments", "ness", "ity", "ities", "ies",
    "ous", "ive", "able", "ible", "ful", "less", "ize", "ise", "izes", "ised", "ized", "ical",
    "ance", "ence", "ship", "ward", "wards", "est", "ers",
];

/// Decides the casing of words in capitals. Immutable and cheap to share.
#[derive(Clone, Debug)]
pub struct Truecaser {
    lexicon: Lexicon,
}

/// The lexicon: lines `key` (a word that is written in lower case) or
/// `key<TAB>form`, sorted by key, looked up by binary search. The embedded
/// lexicon is used in place, so loading it costs one pass over its lines
/// and no allocation per word.
#[derive(Clone, Debug)]
struct Lexicon {
    text: Cow<'static, str>,
    /// Single words, sorted by key.
    words: Vec<Entry>,
    /// Word pairs ("white house" → "White House"), sorted by key.
    pairs: Vec<Entry>,
}

/// Byte ranges of one entry's key and form in the lexicon text.
#[derive(Clone, Copy, Debug)]
struct Entry {
    key: (u32, u32),
    form: (u32, u32),
}

impl Lexicon {
    fn index(text: Cow<'static, str>) -> Lexicon {
        let mut words = Vec::new();
        let mut pairs = Vec::new();
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let start = line_start;
            line_start += line.len();
            let line = line.trim_end_matches(['\n', '\r']);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key_len, form_start) = match line.find('\t') {
                Some(tab) => (tab, tab + 1),
                None => (line.len(), 0),
            };
            let entry = Entry {
                key: (start as u32, (start + key_len) as u32),
                form: ((start + form_start) as u32, (start + line.len()) as u32),
            };
            if line[..key_len].contains(' ') { pairs.push(entry) } else { words.push(entry) }
        }
        let mut lexicon = Lexicon { text, words, pairs };
        for table in [&mut lexicon.words, &mut lexicon.pairs] {
            let text = &lexicon.text;
            let key = |e: &Entry| &text[e.key.0 as usize..e.key.1 as usize];
            if !table.is_sorted_by(|a, b| key(a) <= key(b)) {
                table.sort_by(|a, b| key(a).cmp(key(b)));
            }
        }
        lexicon
    }

    fn find<'l>(&'l self, table: &[Entry], key: &str) -> Option<&'l str> {
        let text = &self.text;
        let idx = table.binary_search_by(|e| text[e.key.0 as usize..e.key.1 as usize].cmp(key)).ok()?;
        let form = table[idx].form;
        Some(&text[form.0 as usize..form.1 as usize])
    }

    fn word(&self, key: &str) -> Option<&str> {
        self.find(&self.words, key)
    }

    fn pair(&self, key: &str) -> Option<&str> {
        self.find(&self.pairs, key)
    }
}

impl Truecaser {
    /// The truecaser with the lexicon shipped in the binary.
    pub fn embedded() -> Truecaser {
        Truecaser { lexicon: Lexicon::index(Cow::Borrowed(EMBEDDED_LEXICON)) }
    }

    /// A truecaser from lexicon text: one word (or two-word name) per line,
    /// either in its usual form (`NATO`, `the`, `White House`) or as
    /// `key<TAB>form` with a lowercase key; `#` starts a comment line.
    pub fn from_lexicon(lexicon: &str) -> Truecaser {
        let mut normalised = String::with_capacity(lexicon.len() * 2);
        for line in lexicon.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let lower = line.to_lowercase();
            if line.contains('\t') || lower == line {
                normalised.push_str(line);
            } else {
                normalised.push_str(&lower);
                normalised.push('\t');
                normalised.push_str(line);
            }
            normalised.push('\n');
        }
        Truecaser { lexicon: Lexicon::index(Cow::Owned(normalised)) }
    }

    /// Number of single words in the lexicon.
    pub fn len(&self) -> usize {
        self.lexicon.words.len()
    }

    /// True when the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.lexicon.words.is_empty()
    }

    /// The lexicon's words as `(lowercase key, usual form)`.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        let text = &self.lexicon.text;
        self.lexicon.words.iter().map(move |e| {
            (&text[e.key.0 as usize..e.key.1 as usize], &text[e.form.0 as usize..e.form.1 as usize])
        })
    }

    /// Upper-cases words and truecases them as one line, as the analysis
    /// does for a paragraph in capitals (for evaluations and training on
    /// upper-cased copies of annotated text). Returns the upper-cased words
    /// when truecasing would change the word count.
    pub fn recase_upper(&self, words: &[&str]) -> Vec<String> {
        let upper: Vec<String> = words.iter().map(|w| w.to_uppercase()).collect();
        let truecased = self.truecase(&upper.join(" "));
        let split: Vec<String> = truecased.split(' ').map(str::to_string).collect();
        if split.len() == upper.len() { split } else { upper }
    }

    /// Truecases a whole string (for tests and tools); see [`Self::push_truecased`].
    pub fn truecase(&self, text: &str) -> String {
        let mut builder = ViewBuilder::default();
        self.push_truecased(text, Span::new(0, text.len()), &mut builder);
        builder.text().to_string()
    }

    /// Appends the normalised, truecased form of `text[span]` to `builder`.
    pub fn push_truecased(&self, text: &str, span: Span, builder: &mut ViewBuilder) {
        let slice = span.slice(text);
        let words = words(slice);
        let cased = self.case_words(slice, &words);
        let mut pos = 0;
        for (word, form) in words.iter().zip(&cased) {
            normalize::push_normalized(text, Span::new(span.start + pos, span.start + word.start), builder);
            // Same number of chars in and out: map char by char.
            let mut out = form.chars();
            for (offset, ch) in slice[word.range()].char_indices() {
                let start = span.start + word.start + offset;
                let origin = Span::new(start, start + ch.len_utf8());
                match out.next() {
                    Some(c) => builder.push_char(origin, c),
                    None => builder.push_char(origin, ch),
                }
            }
            pos = word.end;
        }
        normalize::push_normalized(text, Span::new(span.start + pos, span.end), builder);
    }

    fn case_words(&self, text: &str, words: &[Span]) -> Vec<String> {
        let mut cased: Vec<String> = Vec::with_capacity(words.len());
        for (word_idx, word) in words.iter().enumerate() {
            let before = gap_before(text, words, word_idx);
            let previous = (word_idx > 0).then(|| words[word_idx - 1].slice(text));
            let after = &text[word.end..];
            cased.push(self.case_word(word.slice(text), before, after, previous));
        }
        // Dotted abbreviations (A.M., U.S., D.C.) as the lexicon writes them.
        let mut word_idx = 0;
        while word_idx < words.len() {
            let mut run_end = word_idx;
            while run_end + 1 < words.len()
                && words[run_end].len() == 1
                && words[run_end + 1].len() == 1
                && &text[words[run_end].end..words[run_end + 1].start] == "."
            {
                run_end += 1;
            }
            if run_end > word_idx {
                let dotted: String = words[word_idx..=run_end].iter().map(|w| format!("{}.", w.slice(text))).collect();
                if let Some(form) = self.lexicon.word(&dotted.to_lowercase()) {
                    for (offset, letter) in form.split('.').filter(|l| !l.is_empty()).enumerate() {
                        if let Some(slot) = cased.get_mut(word_idx + offset) {
                            *slot = letter.to_string();
                        }
                    }
                }
            }
            word_idx = run_end + 1;
        }
        // Two-word names: "WHITE HOUSE" → "White House".
        for word_idx in 0..words.len().saturating_sub(1) {
            if gap_before(text, words, word_idx + 1) != " " {
                continue;
            }
            let key = format!("{} {}", words[word_idx].slice(text), words[word_idx + 1].slice(text)).to_lowercase();
            if let Some(pair) = self.lexicon.pair(&key) {
                if let Some((first, second)) = pair.split_once(' ') {
                    if first.chars().count() == cased[word_idx].chars().count() && second.chars().count() == cased[word_idx + 1].chars().count() {
                        cased[word_idx] = first.to_string();
                        cased[word_idx + 1] = second.to_string();
                    }
                }
            }
        }
        // Months that are also words: "MAY" after "IN" or before a number.
        for word_idx in 0..words.len() {
            let key = cased[word_idx].to_lowercase();
            if !matches!(key.as_str(), "may" | "march") {
                continue;
            }
            let previous = (word_idx > 0).then(|| cased[word_idx - 1].to_lowercase());
            let next_is_number = text[words[word_idx].end..].trim_start().starts_with(|c: char| c.is_ascii_digit());
            if next_is_number || previous.is_some_and(|p| MONTH_CONTEXT.contains(&p.as_str())) {
                cased[word_idx] = capitalise(&key);
            }
        }
        // Title words before a capitalised name, right to left so chains join.
        for word_idx in (0..words.len().saturating_sub(1)).rev() {
            let between = gap_before(text, words, word_idx + 1);
            if between != " " && between != "-" {
                continue;
            }
            let next_is_name = cased[word_idx + 1].chars().next().is_some_and(char::is_uppercase);
            let key = cased[word_idx].to_lowercase();
            if next_is_name && TITLE_WORDS.contains(&key.as_str()) {
                cased[word_idx] = capitalise(&cased[word_idx]);
                // "Secretary of State": a title word before "of" + titled word.
                if word_idx >= 2 && cased[word_idx - 1] == "of" && TITLE_WORDS.contains(&cased[word_idx - 2].to_lowercase().as_str()) {
                    cased[word_idx - 2] = capitalise(&cased[word_idx - 2]);
                }
            }
        }
        // Sentence starts.
        for word_idx in 0..words.len() {
            let before = gap_before(text, words, word_idx);
            let after_abbreviation = word_idx > 0 && {
                let previous = words[word_idx - 1].slice(text).to_lowercase();
                previous.chars().count() == 1 || ABBREVIATIONS.contains(&previous.as_str())
            };
            if word_idx == 0 || (starts_sentence(before) && !after_abbreviation) {
                cased[word_idx] = capitalise(&cased[word_idx]);
            }
        }
        cased
    }

    fn case_word(&self, word: &str, before: &str, after: &str, previous: Option<&str>) -> String {
        let lower = word.to_lowercase();
        let is_upper = word.chars().all(|c| !c.is_lowercase());
        if !is_upper {
            return word.to_string();
        }
        if matches!(before, "'" | "’") && previous.is_some() {
            return lower;
        }
        if word.starts_with(|c: char| c.is_ascii_digit()) {
            // 5TH, 1990S, 10AM: the letters after a number are lower case.
            return lower;
        }
        if word.chars().any(|c| c.is_ascii_digit()) {
            return word.to_string(); // G7, F16
        }
        if lower == "us" {
            let governed = previous.is_some_and(|p| US_PRONOUN_AFTER.contains(&p.to_lowercase().as_str()));
            return if governed { lower } else { word.to_string() };
        }
        if ACRONYMS.contains(&lower.as_str()) {
            return word.to_string();
        }
        let clitic = after.strip_prefix(['\'', '’']).unwrap_or("");
        if clitic.starts_with(['T', 't']) && !clitic[1..].starts_with(char::is_alphanumeric) && lower.ends_with('n') {
            // DON’T, WON’T, ISN’T: the treebanks split these, so the
            // lexicon only knows "do", "wo", "is"; the form is lower case.
            return lower;
        }
        if let Some(form) = self.lexicon.word(&lower) {
            if form.chars().count() == word.chars().count() {
                return form.to_string();
            }
        }
        // Among other spellings, a lower-case one wins: "DEFENCES" is
        // "defences" even though "Defence" is capitalised in names.
        let bases: Vec<&str> = variants(&lower).iter().filter_map(|v| self.lexicon.word(v)).collect();
        if let Some(base) = bases.iter().find(|b| !b.chars().any(char::is_uppercase)).or(bases.first()) {
            return apply_casing(base, &lower, word);
        }
        let n_chars = word.chars().count();
        if n_chars == 1 {
            return if lower == "a" { lower } else { word.to_string() };
        }
        if !word.chars().any(|c| "AEIOUYÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ".contains(c)) && n_chars <= 5 {
            return word.to_string();
        }
        if n_chars > 4 && COMMON_SUFFIXES.iter().any(|s| lower.ends_with(s)) {
            return lower;
        }
        capitalise(&lower)
    }
}

/// Words after which "May" and "March" are months.
const MONTH_CONTEXT: &[&str] = &[
    "in", "on", "since", "until", "by", "of", "from", "through", "early", "late", "mid", "last",
    "next", "this", "each", "every", "before", "after", "during",
];

/// Abbreviations whose period does not end a sentence (lowercase).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "st", "lt", "col", "maj", "capt", "sgt",
    "adm", "prof", "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "no", "vs", "mt", "ft", "dept", "inc", "corp", "co", "ltd", "jr", "sr",
];

/// Other spellings under which a word may be in the lexicon: without a
/// plural or possessive ending, and British spellings in American form
/// (the treebanks are mostly American).
fn variants(lower: &str) -> Vec<String> {
    let mut stems = vec![lower.to_string()];
    if let Some(stem) = lower.strip_suffix("ies") {
        stems.push(format!("{stem}y"));
    }
    if ["ses", "xes", "zes", "ches", "shes", "oes"].iter().any(|e| lower.ends_with(e)) {
        stems.push(lower[..lower.len() - 2].to_string());
    }
    if let Some(stem) = lower.strip_suffix('s') {
        stems.push(stem.to_string());
    }
    const BRITISH: &[(&str, &str)] = &[
        ("our", "or"), ("ours", "ors"), ("ence", "ense"), ("ences", "enses"), ("ise", "ize"),
        ("ised", "ized"), ("ises", "izes"), ("ising", "izing"), ("isation", "ization"),
        ("isations", "izations"), ("tre", "ter"), ("tres", "ters"), ("ogue", "og"), ("lled", "led"),
        ("lling", "ling"),
    ];
    let mut out = Vec::new();
    for stem in &stems {
        if stem != lower {
            out.push(stem.clone());
        }
        for (british, american) in BRITISH {
            if let Some(root) = stem.strip_suffix(british) {
                out.push(format!("{root}{american}"));
            }
        }
    }
    out.retain(|v| v.len() >= 3);
    out
}

/// Cases `lower` like `base` is cased: lower, capitalised or capitals.
fn apply_casing(base: &str, lower: &str, word: &str) -> String {
    if base.chars().all(|c| !c.is_uppercase()) {
        lower.to_string()
    } else if base.chars().all(|c| !c.is_lowercase()) {
        word.to_string()
    } else {
        capitalise(lower)
    }
}

/// The text between word `word_idx` and the word before it (from the
/// start of the text for the first word).
fn gap_before<'t>(text: &'t str, words: &[Span], word_idx: usize) -> &'t str {
    let start = if word_idx == 0 { 0 } else { words[word_idx - 1].end };
    &text[start..words[word_idx].start]
}

/// Word spans (runs of letters and digits) of a text.
fn words(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = None;
    for (offset, ch) in text.char_indices() {
        match (ch.is_alphanumeric(), start) {
            (true, None) => start = Some(offset),
            (false, Some(s)) => {
                spans.push(Span::new(s, offset));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push(Span::new(s, text.len()));
    }
    spans
}

/// True when the text between two words ends a sentence before the second.
fn starts_sentence(between: &str) -> bool {
    let trimmed = between.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘' | '(' | '\''));
    trimmed.len() < between.len() && trimmed.ends_with(['.', '!', '?']) && !trimmed.ends_with("...") && !trimmed.ends_with('…')
        || between.contains('\n')
}

/// The word with its first letter in capitals, same length in chars
/// (unchanged when that letter has no single-letter capital).
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => {
            let upper: String = first.to_uppercase().collect();
            if upper.chars().count() == 1 { upper + chars.as_str() } else { word.to_string() }
        }
        None => String::new(),
    }
}



#[cfg(test)]
mod tests {
    use super::*;

    fn truecaser() -> Truecaser {
        Truecaser::from_lexicon("the\nof\nand\nto\nabout\nRussia\nRussian\nUkraine\npresident\nminister\nforeign\ndeputy\nspoke\nit\ntwice\nin\nDecember\nofficials\nmeeting\ntoday\ntalk\nsecretary\nstate\nI\nfrom\nstraight\nco\noperation\nfuture\nwith\ndo\nthink\nso\nat\nlocal\ntime\nair\ndefense\nsystem\na.m.\nmay\nmarch\nfail\nthey\nby\ntalks\n")
    }

    #[test]
    fn truecases_teleprompter_lines() {
        let t = truecaser();
        let cases = [
            ("PRESIDENT BIDEN AND RUSSIAN PRESIDENT SPOKE ABOUT IT TWICE IN DECEMBER.", "President Biden and Russian president spoke about it twice in December."),
            ("US AND RUSSIA OFFICIALS MEETING IN GENEVA TODAY TO TALK ABOUT UKRAINE.", "US and Russia officials meeting in Geneva today to talk about Ukraine."),
            ("STRAIGHT FROM DC I’M ANNIE ANDERSEN", "Straight from DC I'm Annie Andersen"),
            ("UKRAINE’S FUTURE WITH THE EU", "Ukraine's future with the EU"),
            ("RUSSIAN DEPUTY FOREIGN MINISTER SERGEY RYABKOV", "Russian Deputy Foreign Minister Sergey Ryabkov"),
            ("SECRETARY OF STATE ANTONY BLINKEN", "Secretary of State Antony Blinken"),
            ("TOLD US ABOUT IT", "Told us about it"),
            ("CO-OPERATION IN G7", "Co-operation in G7"),
            ("I DON’T THINK SO", "I don't think so"),
            ("AT 9 A.M. LOCAL TIME", "At 9 a.m. local time"),
            ("AIR-DEFENCE SYSTEMS AND DEFENCES", "Air-defence systems and defences"),
            ("DEFENCES", "Defences"),
            ("THE 5TH AND THE 1990S", "The 5th and the 1990s"),
            ("TALKS IN MAY. THEY MAY FAIL BY MARCH 3.", "Talks in May. They may fail by March 3."),
        ];
        for (input, want) in cases {
            assert_eq!(t.truecase(input), want, "{input:?}");
        }
    }

    #[test]
    fn mixed_case_words_are_left_alone() {
        assert_eq!(truecaser().truecase("THE iPhone OF McDONALD"), "The iPhone of McDONALD");
    }

    #[test]
    fn embedded_lexicon_loads() {
        let t = Truecaser::embedded();
        assert!(t.len() > 10_000, "lexicon has {} words", t.len());
        assert_eq!(t.truecase("NATO ALLIES MET IN BRUSSELS ON WEDNESDAY."), "NATO allies met in Brussels on Wednesday.");
    }
}
