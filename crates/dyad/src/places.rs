//! Places: the entity mentions that name places (and the adjectives and
//! people nouns of countries) resolved to gazetteer entries, and how the
//! text uses each one.

use dyad_core::{Analysis, EntityKind, Place, PlaceRole, Provenance, Token};
use dyad_geo::{Context, Gazetteer, Hint, Toponym};

/// Tags of a finite verb after which a country or capital is its
/// government acting ("Moscow said", "Washington warned").
const SPEECH_TAGS: &[&str] = &["VBD", "VBZ", "VBP", "MD"];

/// Finds and resolves the document's places.
pub(crate) fn places(a: &Analysis, gazetteer: &Gazetteer) -> Vec<Place> {
    let doc = &a.document;
    let word = |i: usize| a.tokens.get(i).map_or("", |t: &Token| t.norm(doc));
    let xpos = |i: usize| a.pos.get(i).map_or("", |p| p.xpos);
    let mut toponyms = Vec::new();
    let mut at = Vec::new();
    // Whether the recogniser took the name for an organisation ("the EU").
    let mut institution = Vec::new();
    let mut covered = vec![false; a.tokens.len()];
    // Place mentions by their first token, for qualifiers.
    let places_at: std::collections::HashMap<usize, usize> = a
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == EntityKind::Location && !m.tokens.is_empty())
        .map(|(i, m)| (m.tokens.start, i))
        .collect();
    for m in &a.mentions {
        if m.tokens.is_empty() {
            continue;
        }
        let hint = match m.kind {
            EntityKind::Location => Hint::Place,
            EntityKind::Group => Hint::People,
            EntityKind::Organization => Hint::Name,
            // A one-word "person" that is only ever named by that word may
            // be a place the recogniser took for a name ("Mississippi").
            EntityKind::Person if m.tokens.len() == 1 && a.entities.get(m.entity).is_some_and(|e| !e.name.contains(' ')) => Hint::Person,
            EntityKind::Person => {
                for c in covered.iter_mut().take(m.tokens.end).skip(m.tokens.start) {
                    *c = true;
                }
                continue;
            }
        };
        // A name the gazetteer does not know may hold one it does
        // ("Pakistan Army", "the Russian Embassy"): the pass over
        // capitalised words below looks inside it.
        if !dyad_geo::knows(gazetteer, &m.text) {
            continue;
        }
        for c in covered.iter_mut().take(m.tokens.end).skip(m.tokens.start) {
            *c = true;
        }
        let sentence = a.sentences.iter().position(|s| s.tokens.contains(&m.tokens.start)).unwrap_or(0);
        // "Paris, Texas": a place right after a comma qualifies this one.
        let qualifier = (word(m.tokens.end) == ",")
            .then(|| places_at.get(&(m.tokens.end + 1)).and_then(|&q| a.mentions.get(q)))
            .flatten()
            .map(|q| q.text.clone());
        toponyms.push(Toponym { text: m.text.clone(), sentence, hint, qualifier });
        at.push(m.tokens.clone());
        institution.push(m.kind == EntityKind::Organization);
    }
    // Names no recogniser labelled: runs of capitalised proper nouns (and
    // adjectives, for "European") that the gazetteer knows.
    let mut text = String::new();
    for (si, s) in a.sentences.iter().enumerate() {
        let mut i = s.tokens.start;
        while i < s.tokens.end {
            let proper = |k: usize| {
                !covered.get(k).copied().unwrap_or(true)
                    && matches!(xpos(k), "NNP" | "NNPS" | "JJ")
                    && a.tokens.get(k).is_some_and(|t| t.span.slice(&doc.text).starts_with(char::is_uppercase))
            };
            let run = (i..s.tokens.end.min(i + 4)).take_while(|&k| proper(k)).count();
            let mut taken = 0;
            for len in (1..=run).rev() {
                text.clear();
                // Writing into a `String` cannot fail.
                let _ = dyad_core::write_spaced(&mut text, (i..i + len).map(word));
                // At a sentence's start a capital says nothing: only
                // countries, their adjectives and continents.
                let sentence_start = i == s.tokens.start;
                let (demonym, names) = gazetteer.demonym_and_lookup(&text);
                let known = demonym.is_some()
                    || names.iter().any(|&id| {
                        let e = gazetteer.entry(id);
                        matches!(e.feature, dyad_geo::Feature::Country | dyad_geo::Feature::Continent | dyad_geo::Feature::Region)
                            || (!sentence_start && xpos(i) != "JJ" && matches!(e.feature, dyad_geo::Feature::Admin1 | dyad_geo::Feature::Capital))
                    });
                if known {
                    toponyms.push(Toponym { text: text.clone(), sentence: si, hint: Hint::Name, qualifier: None });
                    at.push(i..i + len);
                    institution.push(false);
                    taken = len;
                    break;
                }
            }
            i += taken.max(1);
        }
    }
    let context = Context { dateline: dateline(a), countries: actor_countries(a, gazetteer) };
    let mut out = Vec::new();
    for r in dyad_geo::resolve(gazetteer, &toponyms, &context) {
        let (Some(tokens), Some(t)) = (at.get(r.toponym), toponyms.get(r.toponym)) else { continue };
        let Some(span) = Token::span_of(a.tokens.get(tokens.clone()).unwrap_or(&[])) else { continue };
        let e = gazetteer.entry(r.entry);
        let next = tokens.end;
        // The word before the name, or before the list of names it ends
        // ("of Chile and Norway").
        let mut k = tokens.start;
        while k > 0 && matches!(xpos(k - 1), "NNP" | "NNPS" | "CC" | "," | "DT" | "JJ") {
            k -= 1;
        }
        let before = k.checked_sub(1).map_or("", xpos);
        let named_as_institution = institution.get(r.toponym).copied().unwrap_or(false);
        // "Kyiv was shelled", "Paris is hosting", "Gaza has been hit": a form
        // of "be" says what happened to the place or in it.
        let after = |k: usize| dyad_core::lowercase(word(next + k));
        let auxiliary = matches!(&*after(0), "is" | "was" | "were" | "are")
            || (matches!(&*after(0), "has" | "have" | "had") && after(1) == "been");
        let acting = is_country_like(e)
            && !matches!(before, "IN" | "TO")
            && ((SPEECH_TAGS.contains(&xpos(next)) && !auxiliary) || matches!(word(next), "'s" | "’s"));
        let role = if r.demonym {
            PlaceRole::Demonym
        } else if named_as_institution || acting {
            PlaceRole::Metonym
        } else {
            PlaceRole::Literal
        };
        let mut reason = r.reason;
        if role == PlaceRole::Metonym {
            reason.push_str(if named_as_institution {
                "; named as an institution here"
            } else {
                "; it stands for its government or people here (subject or owner)"
            });
        }
        out.push(Place {
            span,
            tokens: tokens.clone(),
            sentence: t.sentence,
            role,
            geonameid: (e.geonameid != 0).then_some(e.geonameid),
            name: e.name.to_string(),
            feature: e.code.to_string(),
            country: e.cc.to_string(),
            lat: e.lat,
            lon: e.lon,
            provenance: Provenance::new(r.rule, reason),
        });
    }
    out.sort_by_key(|p| (p.span.start, p.span.end));
    let borders = borders(a, &out, gazetteer);
    out.extend(borders);
    out.sort_by_key(|p| (p.span.start, p.span.end));
    out
}

/// Border regions: "the border with Ukraine", "the country's border with
/// Ukraine", "the Russia-Ukraine border". The other side of "border with X"
/// is the last other country named before it in the sentence. Each becomes
/// a place of its own (feature `BRDR`) at the midpoint of the two countries'
/// closest towns.
fn borders(a: &Analysis, places: &[Place], gazetteer: &Gazetteer) -> Vec<Place> {
    let doc = &a.document;
    let word = |i: usize| a.tokens.get(i).map_or(String::new(), |t| t.norm(doc).to_lowercase());
    let country_at = |i: usize| places.iter().find(|p| p.tokens.start == i && p.feature == "PCLI").filter(|p| !p.country.is_empty());
    let mut out = Vec::new();
    // Each kind of border needs two countries named: without them, no word
    // need be looked at.
    let mut countries = places.iter().filter(|p| p.feature == "PCLI").map(|p| &p.country);
    let first = countries.next();
    if !countries.any(|c| Some(c) != first) {
        return out;
    }
    for (i, token) in a.tokens.iter().enumerate() {
        // No lowercase copy of every word: none of these has a letter whose
        // lowercase form is ASCII without being ASCII itself.
        if !["border", "borders", "frontier"].iter().any(|w| token.norm(doc).eq_ignore_ascii_case(w)) {
            continue;
        }
        let Some(sentence) = a.sentences.iter().position(|s| s.tokens.contains(&i)) else { continue };
        let start = a.sentences[sentence].tokens.start;
        // "border with X" / "border between X and Y".
        let (first, second, end) = match word(i + 1).as_str() {
            "with" => match country_at(i + 2) {
                Some(x) => {
                    let other = places[..].iter().rev().find(|p| p.tokens.end <= i && p.tokens.start >= start && p.country != x.country && !p.country.is_empty() && matches!(p.feature.as_str(), "PCLI"));
                    match other {
                        Some(o) => (o, x, x.tokens.end),
                        None => continue,
                    }
                }
                None => continue,
            },
            "between" => match (country_at(i + 2), country_at(i + 4).or_else(|| country_at(i + 5))) {
                (Some(x), Some(y)) if x.country != y.country => (x, y, y.tokens.end),
                _ => continue,
            },
            _ => {
                // "the Russia-Ukraine border", "the Russian-Ukrainian border".
                let before: Vec<&Place> = places.iter().filter(|p| p.tokens.end <= i && p.tokens.end + 3 >= i && p.tokens.start >= start && p.feature == "PCLI").collect();
                match before[..] {
                    [.., x, y] if x.country != y.country => (x, y, i + 1),
                    _ => continue,
                }
            }
        };
        let Some((lat, lon, _, _)) = gazetteer.border_point(&first.country, &second.country) else { continue };
        let begin = first.tokens.start.min(i);
        let tokens = begin.min(i)..end.max(i + 1);
        let tokens = if word(i + 1) == "with" || word(i + 1) == "between" { i..end } else { tokens };
        let Some(span) = Token::span_of(a.tokens.get(tokens.clone()).unwrap_or(&[])) else { continue };
        out.push(Place {
            span,
            tokens,
            sentence,
            role: PlaceRole::Literal,
            geonameid: None,
            name: format!("{}–{} border", first.name, second.name),
            feature: "BRDR".into(),
            country: String::new(),
            lat,
            lon,
            provenance: Provenance::new(
                "place.border",
                format!("\"{}\" names the border of {} and {}; placed midway between their closest towns", span.slice(&doc.text), first.name, second.name),
            ),
        });
    }
    out
}

/// Countries, capitals and regions speak through their governments; towns
/// rarely do.
fn is_country_like(e: &dyad_geo::Entry) -> bool {
    matches!(e.feature, dyad_geo::Feature::Country | dyad_geo::Feature::Capital | dyad_geo::Feature::Admin1)
}

/// The dateline's place: capitals at the very start of the article,
/// before a dash or an agency in brackets ("GENEVA —", "KYIV (Reuters) -").
fn dateline(a: &Analysis) -> Option<String> {
    let doc = &a.document;
    let first = a.sentences.first()?;
    let tokens = a.tokens.get(first.tokens.clone())?;
    let mut words = Vec::new();
    for t in tokens.iter().take(5) {
        let raw = t.span.slice(&doc.text);
        if matches!(raw, "—" | "–" | "-" | "(" | ",") {
            break;
        }
        if !raw.chars().any(char::is_alphabetic) || raw.chars().any(char::is_lowercase) {
            return None;
        }
        words.push(t.norm(doc));
    }
    (!words.is_empty() && words.len() < 4).then(|| words.join(" "))
}

/// Countries (ISO alpha-2) of the actors of the document's events.
fn actor_countries(a: &Analysis, gazetteer: &Gazetteer) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in &a.events {
        for code in std::iter::once(&e.source).chain(e.target.as_ref()).filter_map(|x| x.code.as_deref()) {
            if let Some(id) = code.get(..3).and_then(|c| gazetteer.country_by_iso3(c)) {
                let cc = gazetteer.entry(id).cc;
                if !out.iter().any(|o| o == cc) {
                    out.push(cc.to_string());
                }
            }
        }
    }
    out
}

