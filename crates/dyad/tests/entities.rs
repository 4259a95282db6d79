//! Entities and their grouping on texts we wrote: article prose with
//! titles and surnames, then a teleprompter script in capitals with
//! speaker labels.

use dyad::Pipeline;
use dyad_core::{Analysis, EntityKind};

const BRIEFING: &str = "\
Envoys meet again over border dispute

Talks resumed in Oslo on Tuesday between Norwegian Foreign Minister Ingrid Halvorsen and Estonian Deputy Prime Minister Tarmo Kask. \
The foreign minister said the two delegations had narrowed their differences. \
\"We are closer than we were a month ago,\" Halvorsen told reporters after the meeting.

Kask was more cautious. \"Nothing is agreed until everything is agreed,\" he said.

ANCHOR: GOOD MORNING. TALKS BETWEEN NORWAY AND ESTONIA RESUMED IN OSLO.

MARTA LINDQVIST: THE DEPUTY PRIME MINISTER SAID HALVORSEN AND KASK WILL MEET AGAIN ON FRIDAY.
";

fn persons(analysis: &Analysis) -> Vec<(String, Vec<String>)> {
    analysis
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| (e.name.clone(), e.mentions.iter().map(|&m| analysis.mentions[m].text.clone()).collect()))
        .collect()
}

#[test]
fn people_are_found_and_linked_across_article_and_script() {
    let analysis = Pipeline::new().analyze_text(BRIEFING);
    let people = persons(&analysis);
    let find = |name: &str| people.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} not found in {people:?}"));

    let (_, halvorsen) = find("Ingrid Halvorsen");
    assert!(halvorsen.iter().filter(|m| *m == "Halvorsen").count() >= 2, "{halvorsen:?}");
    assert!(halvorsen.iter().any(|m| m.eq_ignore_ascii_case("the foreign minister")), "{halvorsen:?}");

    let (_, kask) = find("Tarmo Kask");
    assert!(kask.iter().filter(|m| *m == "Kask").count() >= 2, "surname in prose and in capitals: {kask:?}");
    assert!(kask.iter().any(|m| m.eq_ignore_ascii_case("the deputy prime minister")), "{kask:?}");

    // The speaker label names a person mentioned nowhere else.
    let (_, lindqvist) = find("Marta Lindqvist");
    assert!(!lindqvist.is_empty());
    // Every mention of each person belongs to one entity only.
    let names: Vec<&String> = people.iter().map(|(n, _)| n).collect();
    assert_eq!(names.iter().filter(|n| n.contains("Halvorsen")).count(), 1, "{names:?}");
    assert_eq!(names.iter().filter(|n| n.contains("Kask")).count(), 1, "{names:?}");
}

#[test]
fn titles_are_kept_on_people_and_places_group() {
    let analysis = Pipeline::new().analyze_text(BRIEFING);
    let halvorsen = analysis.entities.iter().find(|e| e.name == "Ingrid Halvorsen").expect("found");
    assert_eq!(halvorsen.title.as_deref(), Some("Foreign Minister"));
    let oslo = analysis.entities.iter().find(|e| e.name == "Oslo").expect("Oslo found");
    assert_eq!(oslo.kind, EntityKind::Location);
    assert_eq!(oslo.mentions.len(), 2, "prose and capitals");
    for mention in &analysis.mentions {
        assert!(!mention.provenance.reason.is_empty());
        assert!(!mention.span.slice(&analysis.document.text).is_empty());
    }
}
