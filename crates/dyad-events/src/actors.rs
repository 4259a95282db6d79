//! Actor coding: from a phrase of the text to a CAMEO actor code.
//!
//! The dictionaries are ours (`data/actors/*.toml`): countries (names,
//! adjectives, demonyms, capitals), organisations, agents (titles and
//! sector nouns: "deputy foreign minister" → GOV, "troops" → MIL),
//! institutions used for their government ("the Kremlin" → RUSGOV) and
//! named office-holders with the dates of their offices. A phrase is
//! matched word by word, longest entry first, and its parts are combined
//! as CAMEO does: a country and an agent make `RUS` + `MIL` = `RUSMIL`; an
//! office-holder takes the code of the office held on the document's date.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use dyad_core::Date;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

/// What a dictionary phrase says about an actor.
#[derive(Clone, Debug, PartialEq)]
enum Part {
    /// A country, by name, adjective or demonym.
    Country { code: String, form: &'static str },
    /// A capital city standing for its government ("Moscow said").
    Capital { code: String },
    /// An organisation; a domestic one (a party, a rebel group, a
    /// newspaper) with the country it belongs to.
    Organization { code: String, country: Option<(String, String)> },
    /// A title or sector noun.
    Agent { sector: String },
    /// An institution standing for a government or military.
    Institution { code: String },
    /// A named office-holder (index into `people`).
    Person { idx: usize },
}

/// The words of a dictionary key: the entries of the phrase they are
/// (none when they are only part of longer phrases), and whether some
/// phrase starts or ends with them.
#[derive(Clone, Debug, Default)]
struct Key {
    entries: Vec<Entry>,
    /// Some phrase starts with these words ("group", "group of" of "group of seven").
    starts: bool,
    /// Some phrase ends with them ("seven", "of seven").
    ends: bool,
}

#[derive(Clone, Debug)]
struct Entry {
    part: Part,
    /// The form as written, when it must match with its case ("US", not "us").
    exact: Option<String>,
}

impl Entry {
    /// Whether the entry matches these words of the text (its key does):
    /// its case too, when it must.
    fn fits(&self, words: &[&str]) -> bool {
        self.exact.as_ref().is_none_or(|exact| spaced_is(exact, words))
    }
}

#[derive(Debug, Deserialize)]
struct CountryEntry {
    code: String,
    name: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    capitals: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct OrganizationEntry {
    code: String,
    name: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default, rename = "type")]
    kind: String,
    /// The country a domestic organisation belongs to (empty for
    /// international bodies).
    #[serde(default)]
    country: String,
}

/// Month names, which are also surnames ("May") and names ("June").
pub(crate) const MONTHS: &[&str] =
    &["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// Participles after "Country-" that make the country someone else's:
/// "Iranian-backed", "Israeli-occupied", "Russian-held".
const NOT_OWN: &[&str] =
    &["backed", "occupied", "held", "controlled", "funded", "sponsored", "supported", "allied", "armed", "trained", "annexed", "friendly", "aligned", "leaning"];

/// Organisation types that belong to no country even when the dictionary
/// names one (a UN mission is in a country, not of it).
const INTERNATIONAL_TYPES: &[&str] = &["IGO", "PKO"];

#[derive(Debug, Deserialize)]
struct AgentEntry {
    code: String,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    plurals: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct InstitutionEntry {
    name: String,
    #[serde(default)]
    names: Vec<String>,
    code: String,
}

/// An office held from one date to another.
#[derive(Clone, Debug, Deserialize)]
pub struct Role {
    /// Title of the office ("Foreign Minister").
    pub title: String,
    /// Actor code of the office ("RUSGOV").
    pub code: String,
    /// First day, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    #[serde(default)]
    pub from: String,
    /// Last day (same forms), empty while in office.
    #[serde(default)]
    pub to: String,
}

impl Role {
    /// Whether the office was held on `date` (partial dates cover their
    /// whole month or year).
    pub fn held_on(&self, date: Date) -> bool {
        let day = format!("{:04}-{:02}-{:02}", date.year, date.month, date.day);
        let from = pad(&self.from, "-01-01");
        let to = if self.to.is_empty() { "9999-12-31".to_string() } else { pad(&self.to, "-12-31") };
        from.as_str() <= day.as_str() && day.as_str() <= to.as_str()
    }
}

/// Completes a partial date with the end of `fill` (`"2004"` + `"-12-31"`).
fn pad(date: &str, fill: &str) -> String {
    match date.len() {
        4 => format!("{date}{fill}"),
        7 => format!("{date}{}", &fill[3..]),
        _ => date.to_string(),
    }
}

/// A named office-holder.
#[derive(Clone, Debug, Deserialize)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Other full forms.
    #[serde(default)]
    pub names: Vec<String>,
    /// The form used alone on later mentions.
    #[serde(default)]
    pub surname: String,
    /// Offices held.
    #[serde(default)]
    pub roles: Vec<Role>,
}

impl Person {
    /// The office held on `date`, or with no date the latest one.
    pub fn role_on(&self, date: Option<Date>) -> Option<&Role> {
        match date {
            Some(date) => self.roles.iter().find(|r| r.held_on(date)),
            None => self.roles.iter().max_by(|a, b| pad(&a.from, "-01-01").cmp(&pad(&b.from, "-01-01"))),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct ActorFiles {
    #[serde(default)]
    country: Vec<CountryEntry>,
    #[serde(default)]
    organization: Vec<OrganizationEntry>,
    #[serde(default)]
    agent: Vec<AgentEntry>,
    #[serde(default)]
    institution: Vec<InstitutionEntry>,
    #[serde(default)]
    person: Vec<Person>,
}

/// An actor code and how it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coded {
    /// The CAMEO actor code.
    pub code: String,
    /// One readable line: which words gave which part of the code.
    pub reason: String,
    /// Whether the phrase names a person of the dictionary.
    pub person: bool,
    /// Whether the code has a country or body in it (not a sector alone).
    pub has_country: bool,
}

/// The actor dictionaries, ready for matching.
#[derive(Clone, Debug, Default)]
pub struct Actors {
    /// Lower-case words joined by spaces → the phrase; also every phrase
    /// cut after or before any of its words, for matching word by word: a
    /// run of words that starts no phrase is no start of a longer one.
    phrases: FxHashMap<String, Key>,
    max_words: usize,
    people: Vec<Person>,
    /// Lower-case surname → the one office-holder who has it (shared
    /// surnames are left out: "President Bush" needs one Bush).
    surnames: FxHashMap<String, Option<usize>>,
    /// Organisation code → its CAMEO type (`IGO`, `NGO`, `REB`, …).
    organization_types: FxHashMap<String, String>,
    /// One entry per office-holder, for matches by surname.
    person_entries: Vec<Entry>,
    /// The codes of the countries.
    country_codes: FxHashSet<String>,
    /// Lower-case full name (every full form) → the office-holder.
    people_by_name: FxHashMap<String, usize>,
}

impl Actors {
    /// Builds the dictionaries from TOML texts (any mix of `[[country]]`,
    /// `[[organization]]`, `[[agent]]`, `[[institution]]` and `[[person]]`
    /// tables); each text is named in errors by `name`.
    pub fn from_toml(files: &[(&str, &str)]) -> Result<Actors, String> {
        let mut actors = Actors::default();
        for (name, text) in files {
            let file: ActorFiles = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
            actors.add(file);
        }
        // An office in a domestic group takes the group's full code
        // ("Head of the Hamas Political Bureau": HMS → PSEREBHMS).
        let full_codes: HashMap<String, String> = actors
            .phrases
            .values()
            .flat_map(|k| &k.entries)
            .filter_map(|e| match &e.part {
                Part::Organization { code, country: Some((country, kind)) } => Some((code.clone(), format!("{country}{kind}{code}"))),
                _ => None,
            })
            .collect();
        for role in actors.people.iter_mut().flat_map(|p| p.roles.iter_mut()) {
            if let Some(full) = full_codes.get(&role.code) {
                role.code.clone_from(full);
            }
        }
        for (i, p) in actors.people.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.names) {
                actors.people_by_name.entry(n.to_lowercase()).or_insert(i);
            }
        }
        Ok(actors)
    }

    /// The dictionaries compiled into the binary.
    pub fn embedded() -> &'static Actors {
        static ACTORS: std::sync::OnceLock<Actors> = std::sync::OnceLock::new();
        ACTORS.get_or_init(|| {
            Actors::from_toml(&[
                ("countries.toml", include_str!("../../../data/actors/countries.toml")),
                ("organizations.toml", include_str!("../../../data/actors/organizations.toml")),
                ("agents.toml", include_str!("../../../data/actors/agents.toml")),
                ("institutions.toml", include_str!("../../../data/actors/institutions.toml")),
                ("people.toml", include_str!("../../../data/actors/people.toml")),
            ])
            .expect("the embedded actor dictionaries parse (a test checks it)")
        })
    }

    fn add(&mut self, file: ActorFiles) {
        for c in file.country {
            self.country_codes.insert(c.code.clone());
            for name in std::iter::once(&c.name).chain(&c.names) {
                self.insert(name, Part::Country { code: c.code.clone(), form: "name" });
            }
            for adjective in &c.adjectives {
                self.insert(adjective, Part::Country { code: c.code.clone(), form: "adjective" });
            }
            for demonym in &c.demonyms {
                self.insert(demonym, Part::Country { code: c.code.clone(), form: "people" });
            }
            for capital in &c.capitals {
                self.insert(capital, Part::Capital { code: c.code.clone() });
            }
        }
        for o in file.organization {
            self.organization_types.insert(o.code.clone(), o.kind.clone());
            let domestic = !o.country.is_empty() && !o.kind.is_empty() && !INTERNATIONAL_TYPES.contains(&o.kind.as_str());
            let country = domestic.then(|| (o.country.clone(), o.kind.clone()));
            for name in std::iter::once(&o.name).chain(&o.names) {
                self.insert(name, Part::Organization { code: o.code.clone(), country: country.clone() });
            }
        }
        for a in file.agent {
            for word in a.words.iter().chain(&a.plurals) {
                self.insert(word, Part::Agent { sector: a.code.clone() });
            }
        }
        for i in file.institution {
            for name in std::iter::once(&i.name).chain(&i.names) {
                self.insert(name, Part::Institution { code: i.code.clone() });
            }
        }
        for p in file.person {
            let idx = self.people.len();
            for name in std::iter::once(&p.name).chain(&p.names) {
                self.insert(name, Part::Person { idx });
            }
            if !p.surname.is_empty() {
                let slot = self.surnames.entry(p.surname.to_lowercase()).or_insert(Some(idx));
                if *slot != Some(idx) {
                    *slot = None;
                }
            }
            self.people.push(p);
            self.person_entries.push(Entry { part: Part::Person { idx }, exact: None });
        }
    }

    fn insert(&mut self, phrase: &str, part: Part) {
        let (words, n) = words_of(phrase);
        if n == 0 {
            return;
        }
        let key = words.to_lowercase();
        // Acronyms keep their case: "US" is not "us", "UN" not "un".
        let mut letters = phrase.chars().filter(|c| c.is_alphabetic());
        let acronym = letters.clone().count() <= 5 && letters.all(char::is_uppercase);
        let exact = acronym.then_some(words);
        self.max_words = self.max_words.max(n);
        for (at, _) in key.match_indices(' ') {
            self.key_mut(&key[..at]).starts = true;
            self.key_mut(&key[at + 1..]).ends = true;
        }
        let node = self.key_mut(&key);
        node.starts = true;
        node.ends = true;
        if !node.entries.iter().any(|e| e.part == part) {
            node.entries.push(Entry { part, exact });
        }
    }

    /// The key `words`, made when new.
    fn key_mut(&mut self, words: &str) -> &mut Key {
        if !self.phrases.contains_key(words) {
            self.phrases.insert(words.to_string(), Key::default());
        }
        self.phrases.get_mut(words).expect("inserted above")
    }

    /// Number of phrases known.
    pub fn len(&self) -> usize {
        self.phrases.values().filter(|k| !k.entries.is_empty()).count()
    }

    /// Whether no phrase is known.
    pub fn is_empty(&self) -> bool {
        self.phrases.values().all(|k| k.entries.is_empty())
    }

    /// A named office-holder.
    pub fn person(&self, idx: usize) -> Option<&Person> {
        self.people.get(idx)
    }

    /// The office-holder with this full name (any full form, any casing).
    pub fn person_named(&self, name: &str) -> Option<&Person> {
        self.people_by_name.get(&name.to_lowercase()).and_then(|&i| self.people.get(i))
    }

    /// The CAMEO type of an organisation code (`IGO` for `UNO`).
    pub fn organization_type(&self, code: &str) -> Option<&str> {
        self.organization_types.get(code).map(String::as_str)
    }

    /// Codes a phrase given as words (analysis forms), on the document's
    /// date when known. `None` when no dictionary knows any of its words.
    pub fn code(&self, words: &[&str], date: Option<Date>) -> Option<Coded> {
        // An acronym in parentheses after a name that is a person's
        // initials ("Municipal Union (AKK) officials" is not the person
        // "AKK") is the name again; an organisation's stays ("rebels (PKK)").
        let initials = |w: &str| {
            let found = self.find_at(&[w]);
            !found.is_empty() && found.iter().all(|(_, e)| matches!(e.part, Part::Person { .. }))
        };
        let kept = {
            let mut kept: Vec<&str> = Vec::with_capacity(words.len());
            let mut idx = 0;
            while idx < words.len() {
                // "Iranian-backed militia", "Israeli-occupied West Bank": the
                // country word is someone else's, not the phrase's own.
                let another = words.get(idx + 1) == Some(&"-") && words.get(idx + 2).is_some_and(|w| NOT_OWN.contains(&w.to_lowercase().as_str()));
                let acronym = idx > 0 && words[idx] == "(" && words.get(idx + 2) == Some(&")") && initials(words[idx + 1]);
                if another || acronym {
                    idx += 3;
                } else {
                    kept.push(words[idx]);
                    idx += 1;
                }
            }
            kept
        };
        let words = kept.as_slice();
        let mut found = self.find_at(words);
        // A title and a surname: "President Bush", "Foreign Minister Lavrov".
        let has_person = found.iter().any(|(_, e)| matches!(e.part, Part::Person { .. }));
        let has_agent = found.iter().any(|(_, e)| matches!(e.part, Part::Agent { .. }));
        // A surname before an agent: "the Bush administration", "Putin's government".
        if !has_person && has_agent {
            let agent_starts = || found.iter().filter(|(_, e)| matches!(e.part, Part::Agent { .. })).map(|(r, _)| r.start);
            let surname = words
                .iter()
                .enumerate()
                .filter(|&(i, w)| (i + 1 == words.len() || agent_starts().any(|s| s == i + 1)) && w.starts_with(char::is_uppercase))
                .filter(|(_, w)| !MONTHS.contains(&w.to_lowercase().as_str()))
                .find_map(|(i, w)| self.surnames.get(&w.to_lowercase()).copied().flatten().map(|idx| (idx, i)));
            if let Some((idx, at)) = surname {
                if let Some(entry) = self.person_entries.get(idx) {
                    found.push((at..at + 1, entry));
                }
            }
        }
        let mut coded = combine(words, &found, date, &self.people)?;
        // "former Brazilian President …", "ex-minister": no longer in office.
        let former = || words.iter().position(|w| dyad_core::lowercase_in(w, &["former", "ex", "ex-", "late", "retired"]));
        if let Some(at) = (!coded.person && coded.code.len() > 3).then(former).flatten() {
            let country: String = coded.code.chars().take(3).collect();
            coded = Coded {
                code: format!("{country}ELI"),
                reason: format!("{}; \"{}\" → ELI (no longer in office)", coded.reason, words[at]),
                ..coded
            };
        }
        Some(coded)
    }

    /// Whether a phrase names a people by its demonym and nothing else
    /// ("ethnic Albanians", "Kurds"): a population, which lives where the
    /// text puts it.
    pub fn names_a_people(&self, words: &[&str]) -> bool {
        let found = self.find_at(words);
        !found.is_empty() && found.iter().all(|(_, e)| matches!(e.part, Part::Country { form: "people", .. }))
    }

    /// Whether a code is a country's (`RUS`), not a body's (`NAT`).
    pub fn is_country(&self, code: &str) -> bool {
        self.country_codes.contains(code)
    }

    /// The countries a run of words names (country names, adjectives,
    /// demonyms, capitals, and domestic organisations for theirs), each
    /// with the word range that names it, left to right.
    pub fn countries(&self, words: &[&str]) -> Vec<(std::ops::Range<usize>, String)> {
        self.find_at(words)
            .into_iter()
            .filter_map(|(range, entry)| match &entry.part {
                Part::Country { code, .. } | Part::Capital { code } | Part::Organization { country: Some((code, _)), .. } => {
                    Some((range, code.clone()))
                }
                _ => None,
            })
            .collect()
    }

    /// Where the longest dictionary name that ends with the last of
    /// `words` starts: "… ahead of the Organization for Security and
    /// Co-operation in Europe" → the index of "Organization".
    pub fn name_ending(&self, words: &[&str]) -> Option<usize> {
        // Most words end no name: the last one alone says so.
        let last = words.last()?;
        let last = if last.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) { Cow::Owned(last.to_lowercase()) } else { Cow::Borrowed(*last) };
        if !self.phrases.get(last.as_ref()).is_some_and(|k| k.ends) {
            return None;
        }
        // Shortest first, while the words end some name: the lower-case key
        // of a run of words is the keys of its words joined (no letter's
        // case depends on a word beyond a space).
        let n = words.len();
        let mut key = String::with_capacity(64);
        let mut word = String::new();
        let mut longest = None;
        for len in 1..=self.max_words.min(n) {
            if len > 1 {
                key.insert(0, ' ');
            }
            word.clear();
            push_lower(&mut word, words[n - len]);
            key.insert_str(0, &word);
            let Some(node) = self.phrases.get(&key).filter(|k| k.ends) else { break };
            if node.entries.iter().any(|e| e.fits(&words[n - len..])) {
                longest = Some(n - len);
            }
        }
        longest
    }

    /// Whether some dictionary name ends with this word (in lower case):
    /// else [`Actors::name_ending`] finds none for words ending with it.
    pub(crate) fn may_end_a_name(&self, lower: &str) -> bool {
        self.phrases.get(lower).is_some_and(|k| k.ends)
    }

    /// Codes a person named by the surname alone ("Putin said …"), when
    /// exactly one office-holder of the dictionaries has it. For names the
    /// recogniser found: "Johnson" the word is not coded this way.
    pub fn code_surname(&self, surname: &str, date: Option<Date>) -> Option<Coded> {
        let idx = self.surnames.get(&surname.to_lowercase()).copied().flatten()?;
        let entry = self.person_entries.get(idx)?;
        combine(&[surname], &[(0..1, entry)], date, &self.people)
    }

    /// The dictionary parts of a phrase, longest match first, left to
    /// right, each with the range of the words that name it.
    fn find_at(&self, words: &[&str]) -> Vec<(Range<usize>, &Entry)> {
        let mut found = Vec::new();
        let mut key = String::with_capacity(64);
        let mut idx = 0;
        while idx < words.len() {
            // The longest phrase starting at `idx` that fits, found shortest
            // first while the words start some phrase.
            let mut longest: Option<(usize, &Key)> = None;
            key.clear();
            for len in 1..=self.max_words.min(words.len() - idx) {
                if len > 1 {
                    key.push(' ');
                }
                push_lower(&mut key, words[idx + len - 1]);
                let Some(node) = self.phrases.get(&key).filter(|k| k.starts) else { break };
                if node.entries.iter().any(|e| e.fits(&words[idx..idx + len])) {
                    longest = Some((len, node));
                }
            }
            let mut matched = 0;
            if let Some((len, node)) = longest {
                let surface = &words[idx..idx + len];
                found.extend(node.entries.iter().filter(|e| e.fits(surface)).map(|e| (idx..idx + len, e)));
                matched = len;
            }
            idx += matched.max(1);
        }
        found
    }
}

/// Appends `word` in lower case.
pub(crate) fn push_lower(key: &mut String, word: &str) {
    if word.is_ascii() {
        let at = key.len();
        key.push_str(word);
        key[at..].make_ascii_lowercase();
    } else {
        key.push_str(&word.to_lowercase());
    }
}

/// Combines the parts of one phrase, found in `words`, into a code.
fn combine(words: &[&str], found: &[(Range<usize>, &Entry)], date: Option<Date>, people: &[Person]) -> Option<Coded> {
    let first = |pick: &dyn Fn(&Part) -> bool| found.iter().find(|(_, e)| pick(&e.part)).map(|(r, e)| (*e, Spaced(&words[r.clone()])));
    // The last agent is the head ("Russian foreign ministry spokeswoman").
    let agent = found.iter().rev().find(|(_, e)| matches!(e.part, Part::Agent { .. }));
    let sector = agent.map(|(r, e)| match &e.part {
        Part::Agent { sector } => (sector.as_str(), Spaced(&words[r.clone()])),
        _ => unreachable!("an agent"),
    });
    if let Some((entry, surface)) = first(&|p| matches!(p, Part::Person { .. })) {
        let Part::Person { idx } = entry.part else { unreachable!("a person") };
        if let Some(role) = people.get(idx).and_then(|p| p.role_on(date)) {
            let when = if date.is_some() { "on the document's date" } else { "(latest office; the document has no date)" };
            return Some(Coded {
                code: role.code.clone(),
                reason: format!("\"{surface}\" held the office of {} {when}", role.title),
                person: true,
                has_country: true,
            });
        }
    }
    if let Some((entry, surface)) = first(&|p| matches!(p, Part::Institution { .. } | Part::Organization { .. })) {
        let (Part::Institution { code } | Part::Organization { code, .. }) = &entry.part else { unreachable!("a body") };
        // An agent after an institution is the head: "Kremlin critic" is a
        // Russian opponent, not the Kremlin.
        let agent_after = found.iter().rposition(|(_, e)| matches!(e.part, Part::Agent { .. }))
            > found.iter().position(|(_, e)| std::ptr::eq(*e, entry));
        if let (Part::Institution { .. }, Some((sector, agent)), true) = (&entry.part, sector, agent_after) {
            let country: String = code.chars().take(3).collect();
            return Some(Coded {
                code: format!("{country}{sector}"),
                reason: format!("\"{surface}\" → {country}; \"{agent}\" → {sector}"),
                person: false,
                has_country: true,
            });
        }
        // A domestic group is coded as CAMEO codes them: its country, its
        // type, itself ("Hamas" → PSE + REB + HMS).
        if let Part::Organization { country: Some((country, kind)), .. } = &entry.part {
            return Some(Coded {
                code: format!("{country}{kind}{code}"),
                reason: format!("\"{surface}\" is {code}, a {kind} organisation of {country}"),
                person: false,
                has_country: true,
            });
        }
        let what = if matches!(entry.part, Part::Institution { .. }) { "stands for" } else { "is" };
        return Some(Coded { code: code.clone(), reason: format!("\"{surface}\" {what} {code}"), person: false, has_country: true });
    }
    if let Some((entry, surface)) = first(&|p| matches!(p, Part::Country { .. } | Part::Capital { .. })) {
        let (code, why) = match &entry.part {
            Part::Country { code, form } => (code.clone(), format!("\"{surface}\" ({form}) → {code}")),
            Part::Capital { code } => (code.clone(), format!("\"{surface}\" (capital, for its government) → {code}GOV")),
            _ => unreachable!("a country"),
        };
        return Some(match (sector, &entry.part) {
            (Some((sector, agent)), _) => Coded {
                code: format!("{code}{sector}"),
                reason: format!("{why}; \"{agent}\" → {sector}"),
                person: false,
                has_country: true,
            },
            (None, Part::Capital { .. }) => Coded { code: format!("{code}GOV"), reason: why, person: false, has_country: true },
            (None, _) => Coded { code, reason: why, person: false, has_country: true },
        });
    }
    let (sector, agent) = sector?;
    Some(Coded { code: sector.to_string(), reason: format!("\"{agent}\" → {sector} (no country named)"), person: false, has_country: false })
}

/// Words shown joined by spaces, as a dictionary phrase is written.
#[derive(Clone, Copy)]
struct Spaced<'w>(&'w [&'w str]);

impl fmt::Display for Spaced<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        dyad_core::write_spaced(f, self.0.iter().copied())
    }
}

/// Whether `words` joined by spaces are `text`, without joining them.
fn spaced_is(text: &str, words: &[&str]) -> bool {
    let mut rest = text;
    for (i, word) in words.iter().enumerate() {
        let Some(after) = (if i > 0 { rest.strip_prefix(' ') } else { Some(rest) }).and_then(|r| r.strip_prefix(word)) else { return false };
        rest = after;
    }
    rest.is_empty()
}

/// The words of a dictionary phrase, split as the tokenizer splits text,
/// joined by spaces; and how many there are.
fn words_of(phrase: &str) -> (String, usize) {
    let normal = phrase.replace(['\u{2019}', '\u{2018}'], "'");
    let tokens = dyad_text::tokenize(&normal, 0, normal.len());
    let mut joined = String::with_capacity(normal.len());
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            joined.push(' ');
        }
        joined.push_str(&normal[t.start..t.end]);
    }
    (joined, tokens.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNTRIES: &str = r#"
[[country]]
code = "RUS"
name = "Russia"
names = ["Russian Federation"]
adjectives = ["Russian"]
demonyms = ["Russians"]
capitals = ["Moscow"]

[[country]]
code = "USA"
name = "United States"
names = ["US", "U.S."]
adjectives = ["American"]
capitals = ["Washington"]
"#;

    const OTHERS: &str = r#"
[[organization]]
code = "NAT"
name = "North Atlantic Treaty Organization"
names = ["NATO"]

[[agent]]
code = "GOV"
words = ["deputy foreign minister", "foreign minister", "official"]
plurals = ["officials"]

[[agent]]
code = "MIL"
words = ["troop", "soldier"]
plurals = ["troops", "soldiers"]

[[institution]]
name = "Kremlin"
code = "RUSGOV"

[[person]]
name = "Ilse Varnholt"
surname = "Varnholt"
roles = [{ title = "Foreign Minister", code = "RUSGOV", from = "2004-03", to = "2010" }, { title = "President", code = "USAGOV", from = "2011-01-20", to = "" }]
"#;

    fn actors() -> Actors {
        Actors::from_toml(&[("countries", COUNTRIES), ("others", OTHERS)]).unwrap()
    }

    fn code(words: &str, date: Option<Date>) -> Option<String> {
        let words: Vec<&str> = words.split(' ').collect();
        actors().code(&words, date).map(|c| c.code)
    }

    #[test]
    fn countries_and_agents_combine() {
        assert_eq!(code("Russian troops", None).as_deref(), Some("RUSMIL"));
        assert_eq!(code("Russian Deputy Foreign Minister Sergey Ryabkov", None).as_deref(), Some("RUSGOV"));
        assert_eq!(code("US officials", None).as_deref(), Some("USAGOV"));
        assert_eq!(code("Russia", None).as_deref(), Some("RUS"));
        assert_eq!(code("Moscow", None).as_deref(), Some("RUSGOV"));
        assert_eq!(code("the Kremlin", None).as_deref(), Some("RUSGOV"));
        assert_eq!(code("NATO troops", None).as_deref(), Some("NAT"));
        assert_eq!(code("soldiers", None).as_deref(), Some("MIL"));
        assert_eq!(code("the weather", None), None);
        assert_eq!(code("former Russian foreign minister", None).as_deref(), Some("RUSELI"));
        assert_eq!(code("Kremlin officials", None).as_deref(), Some("RUSGOV"));
    }

    #[test]
    fn acronyms_keep_their_case() {
        assert_eq!(code("us", None), None);
        assert_eq!(code("U.S. troops", None).as_deref(), Some("USAMIL"));
    }

    #[test]
    fn office_holders_take_the_office_of_the_day() {
        let on = |y, m, d| Some(Date::new(y, m, d).unwrap());
        assert_eq!(code("Ilse Varnholt", on(2005, 6, 1)).as_deref(), Some("RUSGOV"));
        assert_eq!(code("Ilse Varnholt", on(2004, 3, 1)).as_deref(), Some("RUSGOV"));
        assert_eq!(code("Ilse Varnholt", on(2012, 1, 1)).as_deref(), Some("USAGOV"));
        assert_eq!(code("Ilse Varnholt", None).as_deref(), Some("USAGOV"));
        // A title before the surname alone finds the office-holder.
        assert_eq!(code("Foreign Minister Varnholt", on(2005, 6, 1)).as_deref(), Some("RUSGOV"));
        assert_eq!(code("Varnholt", on(2005, 6, 1)), None);
        // Between offices the dictionary does not say: no code from the person.
        assert_eq!(code("Ilse Varnholt", on(2010, 12, 31)).as_deref(), Some("RUSGOV"));
        assert_eq!(code("Ilse Varnholt", on(2011, 1, 5)), None);
    }
}
