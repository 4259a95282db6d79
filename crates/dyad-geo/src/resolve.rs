//! Toponym resolution: which gazetteer entry a place name means.
//!
//! Every name's candidates are scored by what the entry is (a country or
//! continent before a region, a capital before a town, bigger towns before
//! smaller ones) and by the document: the countries it names (by name, by
//! adjective, or through places only one country has), the dateline, and a
//! qualifier written after the name ("Paris, Texas"). The best score wins;
//! the reason says how many candidates there were and what decided.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;

use crate::gazetteer::{Entry, EntryId, Feature, Gazetteer};

/// What the recogniser said a name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// The entity recogniser labelled it a place.
    Place,
    /// An adjective or people noun ("Russian", "Ukrainians").
    People,
    /// Capitalised words no recogniser labelled, or labelled an
    /// organisation; only strong entries are taken (countries, continents,
    /// regions, first-level regions, capitals, towns of a million), by
    /// their own name unless they are countries or regions.
    Name,
    /// A one-word name the recogniser took for a person's ("Mississippi"):
    /// only countries and first-level regions of two million people.
    Person,
}

/// A name to resolve.
#[derive(Clone, Debug)]
pub struct Toponym {
    /// The name in analysis form ("Geneva", "Russian").
    pub text: String,
    /// Index of its sentence.
    pub sentence: usize,
    /// What the recogniser said.
    pub hint: Hint,
    /// A place name written right after it, after a comma ("Paris, Texas").
    pub qualifier: Option<String>,
}

/// The resolution of one toponym.
#[derive(Clone, Debug)]
pub struct Resolution {
    /// Index into the toponyms given.
    pub toponym: usize,
    /// The chosen entry.
    pub entry: EntryId,
    /// True when the name is an adjective or people noun of the place.
    pub demonym: bool,
    /// Rule id.
    pub rule: &'static str,
    /// Why this entry.
    pub reason: String,
}

/// What the document says besides its names.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// The dateline's place, when the text opens with one ("GENEVA —").
    pub dateline: Option<String>,
    /// Countries (ISO alpha-2) of the document's actors (event sources and
    /// targets coded with a country).
    pub countries: Vec<String>,
}

/// Smallest population of an unlabelled capitalised name to be taken as a city.
const NAME_MIN_POPULATION: u64 = 1_000_000;

/// The prior of an entry, before context.
fn prior(e: &Entry) -> f64 {
    let population = (e.population.max(1) as f64).log10();
    match e.feature {
        Feature::Country => 3.0,
        Feature::Continent => 2.6,
        Feature::Region => 2.4,
        Feature::Admin1 => 1.2 + population / 8.0,
        Feature::Capital => 1.5 + population / 7.0,
        Feature::AdminSeat => 0.25 + population / 7.0,
        Feature::City => population / 7.0,
    }
}

/// Resolves every toponym it can; names with no candidate are left out.
pub fn resolve(g: &Gazetteer, toponyms: &[Toponym], context: &Context) -> Vec<Resolution> {
    // Candidates of every toponym.
    let candidates: Vec<(Cow<[EntryId]>, bool)> = toponyms.iter().map(|t| candidates_of(g, &t.text)).collect();
    // Countries the document names, weighted by how often, and those of
    // names only one country has a place for.
    let mut weight: HashMap<&str, f64> = HashMap::new();
    let mut total = 0.0;
    for (ids, _) in &candidates {
        let mut ccs: Vec<&str> = ids.iter().map(|&i| g.entry(i).cc).filter(|c| !c.is_empty()).collect();
        ccs.sort_unstable();
        ccs.dedup();
        if let [cc] = ccs[..] {
            *weight.entry(cc).or_default() += 1.0;
            total += 1.0;
        }
    }
    for cc in &context.countries {
        *weight.entry(cc.as_str()).or_default() += 0.5;
        total += 0.5;
    }
    let dateline: Option<&[EntryId]> = context.dateline.as_deref().map(|d| g.lookup(d));
    let mut out = Vec::new();
    let mut name_key = String::new();
    for (i, (t, (ids, demonym))) in toponyms.iter().zip(&candidates).enumerate() {
        if ids.is_empty() {
            continue;
        }
        let qualifier: &[EntryId] = t.qualifier.as_deref().map_or(&[], |q| g.lookup(q));
        let text_key = crate::key(&t.text);
        // Whether an entry's own name is the toponym's.
        let mut own_name = |e: &Entry| {
            name_key.clear();
            crate::fold::key_into(e.name, &mut name_key);
            name_key == text_key
        };
        let mut best: Option<(f64, EntryId, Vec<&'static str>)> = None;
        for &id in ids.iter() {
            let e = g.entry(id);
            let mut score = prior(e);
            let mut why = Vec::new();
            // A place's own name before another's alternate name ("Salisbury"
            // the English town, not Harare's old name).
            if ids.len() > 1 && own_name(e) {
                score += 0.5;
            }
            if total > 0.0 && !e.cc.is_empty() {
                let share = weight.get(e.cc).copied().unwrap_or(0.0) / total;
                if share > 0.0 && ids.len() > 1 {
                    why.push("its country is named in the document");
                }
                score += 1.5 * share;
            }
            if qualifier.iter().any(|&q| {
                let qe = g.entry(q);
                (qe.feature == Feature::Country && qe.cc == e.cc) || (qe.feature == Feature::Admin1 && g.admin1_of(e) == Some(q))
            }) {
                score += 3.0;
                why.push("the name after it is its state or country");
            }
            if let Some(d) = dateline {
                if d.iter().any(|&p| g.entry(p).cc == e.cc && !e.cc.is_empty()) {
                    score += 0.5;
                    why.push("the dateline is in its country");
                }
            }
            if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                best = Some((score, id, why));
            }
        }
        let Some((_, mut id, mut why)) = best else { continue };
        // A region named after its own city means the city when the city
        // is a million people or a quarter of the region ("New York",
        // "Geneva"); a large province stays itself ("Quebec").
        if g.entry(id).feature == Feature::Admin1 {
            let region = g.entry(id).population.max(1);
            let city = ids.iter().copied().find(|&c| {
                let ce = g.entry(c);
                matches!(ce.feature, Feature::City | Feature::Capital | Feature::AdminSeat)
                    && g.admin1_of(ce) == Some(id)
                    && (ce.population >= 1_000_000 || ce.population * 4 >= region)
            });
            if let Some(c) = city {
                id = c;
                why = vec!["the region of that name is named after this city"];
            }
        }
        let e = g.entry(id);
        let own_name = *demonym || own_name(e);
        let curated = matches!(e.feature, Feature::Country | Feature::Continent | Feature::Region);
        let taken = match t.hint {
            Hint::Place | Hint::People => true,
            Hint::Name => strong(e) && (own_name || curated),
            Hint::Person => curated && e.feature == Feature::Country || e.feature == Feature::Admin1 && e.population >= 2_000_000 && own_name,
        };
        if !taken {
            continue;
        }
        // With room for what the caller may add.
        let mut reason = String::with_capacity(160);
        if *demonym {
            let _ = write!(reason, "\"{}\" is the adjective or people noun of {}", t.text, e.name);
        } else if ids.len() == 1 {
            let _ = write!(reason, "\"{}\" names one place: ", t.text);
            describe(e, &mut reason);
        } else {
            let _ = write!(reason, "\"{}\" names {} places; ", t.text, ids.len());
            describe(e, &mut reason);
            if why.is_empty() {
                reason.push_str(" ranks first (kind and population)");
            } else {
                reason.push_str(": ");
                reason.push_str(&why.join(", "));
            }
        }
        let rule = match (demonym, ids.len()) {
            (true, _) => "place.demonym",
            (false, 1) => "place.unique",
            _ => "place.ranked",
        };
        out.push(Resolution { toponym: i, entry: id, demonym: *demonym, rule, reason });
    }
    out
}

/// Whether the gazetteer knows a name (as a place, or a country's or
/// region's adjective).
pub fn knows(g: &Gazetteer, name: &str) -> bool {
    !candidates_of(g, name).0.is_empty()
}

/// The candidates of a toponym's text, and whether they come from an
/// adjective.
fn candidates_of<'g>(g: &'g Gazetteer, text: &str) -> (Cow<'g, [EntryId]>, bool) {
    let text = text.strip_suffix("'s").or_else(|| text.strip_suffix("’s")).unwrap_or(text);
    // A country's adjective or people noun is that country ("Russian",
    // "South Koreans"), whatever else bears the name.
    let (demonym, names) = g.demonym_and_lookup(text);
    if let Some(id) = demonym {
        return (Cow::Owned(vec![id]), true);
    }
    if names.is_empty() {
        // The adjective of a continent or region: "European", "African",
        // "Latin American", "Asian".
        for stem in [text.strip_suffix("an"), text.strip_suffix('n')].into_iter().flatten() {
            let regions: Vec<EntryId> =
                g.lookup(stem).iter().copied().filter(|&i| matches!(g.entry(i).feature, Feature::Continent | Feature::Region)).collect();
            if !regions.is_empty() {
                return (Cow::Owned(regions), true);
            }
        }
    }
    (Cow::Borrowed(names), false)
}

/// Entries an unlabelled name may be taken for.
fn strong(e: &Entry) -> bool {
    match e.feature {
        Feature::Country | Feature::Continent | Feature::Region | Feature::Admin1 | Feature::Capital => true,
        Feature::AdminSeat | Feature::City => e.population >= NAME_MIN_POPULATION,
    }
}

/// Appends "Geneva (CH, city of 183981)" to `s`.
fn describe(e: &Entry, s: &mut String) {
    let kind = match e.feature {
        Feature::Country => "country",
        Feature::Continent => "continent",
        Feature::Region => "region",
        Feature::Admin1 => "first-level region",
        Feature::Capital => "capital",
        Feature::AdminSeat => "regional capital",
        Feature::City => "city",
    };
    let _ = write!(s, "{} ({}, {kind}", e.name, if e.cc.is_empty() { "-" } else { e.cc });
    if e.population > 0 && !matches!(e.feature, Feature::Country | Feature::Continent | Feature::Region) {
        let _ = write!(s, " of {}", e.population);
    }
    s.push(')');
}
