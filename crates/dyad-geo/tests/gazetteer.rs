//! The embedded gazetteer: every entry is found by its own name, names
//! resolve as news means them, and border points lie between the countries.

use dyad_geo::{distance_km, key, resolve, Context, Feature, Gazetteer, Hint, Toponym};

fn place(text: &str) -> Toponym {
    Toponym { text: text.to_string(), sentence: 0, hint: Hint::Place, qualifier: None }
}

#[test]
fn every_entry_is_found_by_its_own_name() {
    let g = Gazetteer::embedded();
    assert!(g.entries().len() > 35_000, "{}", g.entries().len());
    let mut missing = Vec::new();
    for (i, e) in g.entries().iter().enumerate() {
        if !g.lookup(e.name).contains(&(i as u32)) {
            missing.push(key(e.name));
        }
    }
    // Only names that are everyday words are left out of the index.
    missing.sort();
    missing.dedup();
    assert!(missing.len() < 40, "{} names not found: {missing:?}", missing.len());
    assert!(missing.iter().all(|k| !k.contains(' ') || k == "white house"), "{missing:?}");
}

#[test]
fn names_resolve_as_news_means_them() {
    let g = Gazetteer::embedded();
    let names = ["Geneva", "Georgia", "Washington", "Russian", "EU", "the Middle East", "St. Petersburg", "Côte d'Ivoire", "New York"];
    let toponyms: Vec<Toponym> = names.iter().map(|n| place(n)).collect();
    let got: Vec<(String, &str, Feature)> = resolve(g, &toponyms, &Context::default())
        .into_iter()
        .map(|r| {
            let e = g.entry(r.entry);
            (names[r.toponym].to_string(), e.cc, e.feature)
        })
        .collect();
    let expect = |name: &str, cc: &str, feature: Feature| {
        assert!(got.iter().any(|(n, c, f)| n == name && *c == cc && *f == feature), "{name}: {got:?}");
    };
    expect("Geneva", "CH", Feature::City);
    expect("Georgia", "GE", Feature::Country);
    expect("Washington", "US", Feature::Capital);
    expect("Russian", "RU", Feature::Country);
    expect("EU", "", Feature::Continent);
    expect("the Middle East", "", Feature::Region);
    expect("St. Petersburg", "RU", Feature::City);
    expect("Côte d'Ivoire", "CI", Feature::Country);
    expect("New York", "US", Feature::City);
}

#[test]
fn context_and_qualifiers_choose_between_places_of_one_name() {
    let g = Gazetteer::embedded();
    let mut paris = place("Paris");
    paris.qualifier = Some("Texas".into());
    let r = resolve(g, &[paris], &Context::default());
    assert_eq!(g.entry(r[0].entry).cc, "US", "{}", r[0].reason);
    let r = resolve(g, &[place("Paris")], &Context::default());
    assert_eq!(g.entry(r[0].entry).cc, "FR", "{}", r[0].reason);
}

#[test]
fn a_border_point_lies_between_the_two_countries() {
    let g = Gazetteer::embedded();
    let (lat, lon, a, b) = g.border_point("RU", "UA").expect("towns on both sides");
    let (ta, tb) = (g.entry(a), g.entry(b));
    assert_eq!((ta.cc, tb.cc), ("RU", "UA"));
    assert!(distance_km(ta.lat, ta.lon, tb.lat, tb.lon) < 150.0);
    assert!((44.0..53.0).contains(&lat) && (30.0..41.0).contains(&lon), "{lat},{lon}");
    // The same pair the other way round: the same point, towns swapped.
    let again = g.border_point("UA", "RU").expect("cached");
    assert_eq!((again.0, again.1, again.2, again.3), (lat, lon, b, a));
}
