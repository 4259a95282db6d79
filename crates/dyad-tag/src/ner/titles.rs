//! Titles before names: Universal NER leaves them outside person names
//! ("President [Joe Biden]"), and entity linking keeps them on the person.

/// Words that make up titles before a person's name.
pub const TITLE_WORDS: &[&str] = &[
    "president", "vice", "prime", "minister", "deputy", "foreign", "defense", "defence", "interior", "finance",
    "secretary", "state", "general", "senator", "sen.", "rep.", "representative", "governor", "gov.", "mayor", "king",
    "queen", "prince", "princess", "pope", "chancellor", "premier", "ambassador", "envoy", "special", "chairman",
    "chairwoman", "chair", "speaker", "leader", "spokesperson", "spokesman", "spokeswoman", "press", "commander",
    "colonel", "col.", "lieutenant", "lt.", "major", "maj.", "captain", "capt.", "sergeant", "admiral", "adm.", "gen.",
    "judge", "justice", "chief", "director", "dr.", "mr.", "mrs.", "ms.", "sheikh", "emir", "crown", "supreme",
    "ayatollah", "assistant", "under", "undersecretary", "attorney", "national", "security", "adviser", "advisor",
    "of", "for", "and", "affairs", "house", "white", "kremlin", "pentagon", "department", "ministry", "army", "navy",
    "air", "force", "staff", "joint", "head", "top", "senior", "former", "acting", "opposition", "party", "council",
    "the", "european", "u.s.", "us", "un", "u.n.", "nato", "foreign-policy", "policy", "russian", "american",
];

/// Titles of people (not of bodies: "ministry", "council" stay in names).
pub const PERSON_TITLES: &[&str] = &[
    "president", "minister", "secretary", "senator", "governor", "mayor", "king", "queen", "prince", "princess",
    "pope", "chancellor", "premier", "ambassador", "envoy", "chairman", "chairwoman", "spokesperson", "spokesman",
    "spokeswoman", "commander", "general", "colonel", "lieutenant", "captain", "admiral", "judge", "justice",
    "director", "sheikh", "emir", "ayatollah", "adviser", "advisor", "leader", "speaker", "mr.", "mrs.", "ms.", "dr.",
    "sen.", "rep.", "gov.", "gen.", "col.", "lt.", "capt.", "adm.", "correspondent", "reporter", "anchor",
];

/// Title words that cannot start or end a title.
pub const TITLE_JOINERS: &[&str] = &["of", "for", "and", "the"];

/// Words that name a country's people or the body a title belongs to.
pub fn is_nationality(word: &str) -> bool {
    matches!(word.to_lowercase().as_str(), "russian" | "american" | "european" | "u.s." | "us" | "un" | "u.n." | "nato")
}

/// A (lowercase) word that is part of titles but never of names.
pub fn is_title_word(word: &str) -> bool {
    TITLE_WORDS.contains(&word) && !TITLE_JOINERS.contains(&word) && !is_nationality(word)
}

/// Cuts titles out of a mention of `words[start..end]`: the capitalised
/// words after the last person's title inside any mention are a person
/// ("Estonian Deputy Prime Minister Tarmo Kask" → "Tarmo Kask"), and title
/// words at the start of a person's name leave it ("Senator Paul Adeyemi" →
/// "Paul Adeyemi"). Returns the new start and whether the mention was cut
/// after a person's title (the words after it are then a person).
pub fn cut_titles(words: &[&str], start: usize, end: usize, is_person: bool) -> (usize, bool) {
    let lower: Vec<String> = words[start..end].iter().map(|w| w.to_lowercase()).collect();
    let mut start_at = start;
    let mut split = false;
    if let Some(last_title) = lower.iter().rposition(|w| PERSON_TITLES.contains(&w.as_str())) {
        let rest = &words[start + last_title + 1..end];
        if !rest.is_empty() && rest.iter().all(|w| w.starts_with(char::is_uppercase)) {
            start_at = start + last_title + 1;
            split = true;
        }
    }
    if is_person || split {
        while end - start_at > 1 && is_title_word(&words[start_at].to_lowercase()) {
            start_at += 1;
        }
    }
    (start_at, split)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_leave_names() {
        let words = ["Estonian", "Deputy", "Prime", "Minister", "Tarmo", "Kask"];
        assert_eq!(cut_titles(&words, 0, 6, false), (4, true));
        let words = ["Senator", "Paul", "Adeyemi"];
        assert_eq!(cut_titles(&words, 0, 3, true), (1, true));
        assert_eq!(cut_titles(&words, 0, 3, false), (1, true));
        let words = ["Mr.", "Kask"];
        assert_eq!(cut_titles(&words, 0, 2, true), (1, true));
        let words = ["Ministry", "of", "Defence"];
        assert_eq!(cut_titles(&words, 0, 3, false), (0, false));
        let words = ["President"];
        assert_eq!(cut_titles(&words, 0, 1, true), (0, false));
    }
}
