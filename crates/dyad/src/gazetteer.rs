//! The gazetteers written by us in `data/actors` and `data/gazetteer`:
//! countries (names, adjectives, demonyms, capitals), organisations,
//! places, given names and surnames, read as phrases for the entity
//! recogniser.
//!
//! They are read when the recogniser is trained (`dyad train ner`) and
//! baked into its model, so the binary needs no files at run time.

use std::path::Path;

use dyad_tag::ner::{Phrase, PhraseList};
use serde::Deserialize;

/// A country entry of `countries.toml`.
#[derive(Debug, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code (CAMEO's country code).
    pub code: String,
    /// Common English short name.
    pub name: String,
    /// Other names and short forms.
    #[serde(default)]
    pub names: Vec<String>,
    /// Adjectives ("Russian").
    #[serde(default)]
    pub adjectives: Vec<String>,
    /// Plural people nouns ("Russians").
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Capitals.
    #[serde(default)]
    pub capitals: Vec<String>,
}

/// An organisation entry of `organizations.toml`.
#[derive(Debug, Deserialize)]
pub struct Organization {
    /// Actor code.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Acronyms and other names.
    #[serde(default)]
    pub names: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct CountryFile {
    country: Vec<Country>,
}

#[derive(Debug, Deserialize)]
struct OrganizationFile {
    organization: Vec<Organization>,
}

/// Reads a file, naming it in the error.
fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Reads `countries.toml`.
pub fn countries(path: &Path) -> Result<Vec<Country>, String> {
    let file: CountryFile = toml::from_str(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(file.country)
}

/// Reads `organizations.toml`.
pub fn organizations(path: &Path) -> Result<Vec<Organization>, String> {
    let file: OrganizationFile = toml::from_str(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(file.organization)
}

/// Lines of a list file, without `#` comments and blank lines; for a
/// tab-separated file, the first column.
fn list_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|line| line.split('\t').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// Every gazetteer phrase under `data` (the repository's `data/` folder),
/// tokenised as the analysis tokenises text.
pub fn phrases(data: &Path) -> Result<Vec<Phrase>, String> {
    let mut out = Vec::new();
    let mut push = |text: &str, list: PhraseList| {
        let words: Vec<String> =
            dyad_text::tokenize(text, 0, text.len()).iter().map(|t| text[t.start..t.end].to_string()).collect();
        if !words.is_empty() {
            out.push(Phrase { words, list });
        }
    };
    for country in countries(&data.join("actors/countries.toml"))? {
        for name in std::iter::once(&country.name).chain(&country.names).chain(&country.capitals) {
            push(name, PhraseList::Place);
        }
        for word in country.adjectives.iter().chain(&country.demonyms) {
            push(word, PhraseList::Group);
        }
    }
    for organization in organizations(&data.join("actors/organizations.toml"))? {
        for name in std::iter::once(&organization.name).chain(&organization.names) {
            push(name, PhraseList::Organization);
        }
    }
    for line in list_lines(&read(&data.join("gazetteer/places.tsv"))?) {
        push(line, PhraseList::Place);
    }
    for (file, list) in [
        ("gazetteer/given-names.txt", PhraseList::Given),
        ("gazetteer/surnames.txt", PhraseList::Family),
        ("gazetteer/organizations.txt", PhraseList::Organization),
    ] {
        for line in list_lines(&read(&data.join(file))?) {
            push(line, list);
        }
    }
    Ok(out)
}
