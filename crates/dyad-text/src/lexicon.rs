//! Word lists for tokenisation and sentence splitting, written by us.

/// Abbreviations written with a final period (lowercase, without it).
pub(crate) const ABBREVIATIONS: &[&str] = &[
    // months and days
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    // titles and ranks
    "mr", "mrs", "ms", "mx", "dr", "prof", "rev", "hon", "pres", "gov", "sen", "rep", "reps",
    "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "brig", "cdr",
    "insp", "supt", "det", "amb", "sec", "atty", "fr", "sr", "jr", "st", "messrs", "mme", "mlle",
    // places and organisations
    "mt", "ft", "ave", "blvd", "rd", "hwy", "dept", "univ", "inc", "corp", "co", "ltd", "bros",
    "assn", "intl", "natl", "govt", "admin",
    // US states as written in datelines
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan",
    "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla",
    "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
    // other
    "vs", "etc", "approx", "est", "vol", "fig", "cf", "ca", "al", "ed", "eds", "pp", "para",
];

/// Abbreviations (lowercase, without final period) that may also end a
/// sentence, as in "…sold to Acme Inc. The deal…".
pub(crate) const FINAL_ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "bros", "jr", "sr", "etc", "u.s", "u.k", "u.n", "a.m", "p.m",
    "d.c", "u.s.a", "e.u", "l.a", "n.y", "govt", "est", "al",
];

/// Abbreviations that only count before a number ("No. 10", "Art. 5").
pub(crate) const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos", "art", "ch", "sec", "p", "pp", "vol", "fig"];

/// Capitalised words that usually start a sentence, not continue a name:
/// after an abbreviation that may end a sentence, one of these means it did.
pub(crate) const SENTENCE_STARTERS: &[&str] = &[
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
    "those", "there", "his", "her", "its", "their", "our", "my", "your", "but", "and", "or", "so",
    "yet", "in", "on", "at", "after", "before", "when", "while", "as", "if", "however",
    "meanwhile", "officials", "some", "many", "most", "no", "one", "both", "according", "since",
    "although", "though", "because", "still", "also", "then", "now", "today", "yesterday",
    "tomorrow", "earlier", "later", "last", "next", "what", "why", "how", "who", "where",
    "asked", "during", "for", "with", "without", "under", "over", "by", "from", "to", "its",
    "each", "every", "all", "neither", "either", "such", "nor", "not",
];

/// Abbreviations that count when written in lower case too ("et al.",
/// "etc."); every other abbreviation must start with a capital, so "fell
/// ill." and "a mass." end their sentences.
pub(crate) const LOWERCASE_ABBREVIATIONS: &[&str] = &["etc", "vs", "approx", "cf", "al", "pp", "para", "est", "vol", "fig", "ca"];
