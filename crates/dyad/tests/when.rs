//! When and where, on texts we wrote: the document's date inferred from
//! the text or taken as given, temporal expressions resolved against it,
//! events dated by their clause and placed where the text puts them.

use dyad::Pipeline;
use dyad_core::{Analysis, Date, DateSource, InputFormat, Meta, Modality, PlaceRole};
use dyad_ingest::RawDocument;

fn analyze(text: &str, date: Option<&str>) -> Analysis {
    let mut meta = Meta::new("-", InputFormat::Text);
    if let Some(d) = date {
        meta.date = Date::parse(d).ok();
        meta.date_source = DateSource::Cli;
    }
    Pipeline::new().analyze(RawDocument { text: text.to_string(), meta, diagnostics: Vec::new() })
}

fn value_of(a: &Analysis, words: &str) -> String {
    let t = a.times.iter().find(|t| t.span.slice(&a.document.text) == words).unwrap_or_else(|| {
        panic!("no time {words:?} in {:?}", a.times.iter().map(|t| t.span.slice(&a.document.text)).collect::<Vec<_>>())
    });
    t.value.clone()
}

/// An article and a script in capitals about one week of talks: the
/// weekday of the council session in the script agrees with its date in
/// the article, the office-holders' terms leave one year, and the article
/// reports Monday's talks as past.
const WEEK_OF_TALKS: &str = "Envoys from Chile and Norway met in Oslo this week. Monday's session was between Foreign Minister \
Ola Berg and Deputy Foreign Minister Ana Rojas, with President Joe Biden following from Washington. Other questions will \
wait for the Arctic Council meeting in Reykjavik on Jan. 12.\n\nANCHOR: ALL EYES ARE ON THE ARCTIC COUNCIL ON WEDNESDAY IN \
REYKJAVIK.\n";

#[test]
fn the_document_date_is_inferred_from_a_weekday_that_agrees_with_a_date_and_a_term_of_office() {
    let a = analyze(WEEK_OF_TALKS, None);
    let meta = &a.document.meta;
    assert_eq!(meta.date_source, DateSource::Inferred, "{}", meta.date_reason);
    assert_eq!(meta.date.map(|d| d.to_string()).as_deref(), Some("2022-01-10"), "{}", meta.date_reason);
    assert!(meta.date_reason.contains("Jan. 12") && meta.date_reason.contains("WEDNESDAY"), "{}", meta.date_reason);
    assert!(meta.date_reason.contains("Joe Biden"), "{}", meta.date_reason);
    assert!(meta.date_confidence > 0.5 && meta.date_confidence < 1.0);
    assert_eq!(value_of(&a, "Monday"), "2022-01-10");
    assert_eq!(value_of(&a, "WEDNESDAY"), "2022-01-12");
    assert_eq!(value_of(&a, "this week"), "2022-W02");
}

#[test]
fn a_deictic_word_in_apposition_with_a_date_dates_the_document() {
    let a = analyze("Markets opened higher today, Thursday, June 3, 2021, and traders expect a quiet day tomorrow.\n", None);
    assert_eq!(a.document.meta.date.map(|d| d.to_string()).as_deref(), Some("2021-06-03"));
    assert_eq!(value_of(&a, "tomorrow"), "2021-06-04");
}

#[test]
fn with_nothing_to_go_on_no_date_is_claimed_and_relative_values_stay_unknown() {
    let a = analyze("Delegates will meet again on Friday, a spokesman said.\n", None);
    assert_eq!(a.document.meta.date, None);
    assert_eq!(a.document.meta.date_source, DateSource::None);
    assert_eq!(value_of(&a, "Friday"), "XXXX-XX-XX");
}

#[test]
fn a_given_date_is_kept_and_weekdays_follow_the_tense_of_their_clause() {
    let a = analyze("The ministers met on Monday and will meet again on Friday.\n", Some("2022-01-12"));
    assert_eq!(a.document.meta.date_source, DateSource::Cli);
    assert_eq!(a.document.meta.date_confidence, 1.0);
    assert_eq!(value_of(&a, "Monday"), "2022-01-10");
    assert_eq!(value_of(&a, "Friday"), "2022-01-14");
}

#[test]
fn an_announced_meeting_takes_the_date_of_its_clause_with_future_modality() {
    let a = analyze("Chile and Norway will meet in Oslo on Jan. 12 to discuss fishing rights.\n", Some("2022-01-05"));
    let meeting = a.events.iter().find(|e| e.trigger_span.slice(&a.document.text) == "meet").expect("a meeting");
    assert!(matches!(meeting.modality, Modality::Future), "{:?}", meeting.modality);
    assert_eq!(meeting.setting.date.as_deref(), Some("2022-01-12"), "{}", meeting.setting.date_reason);
    assert!(meeting.setting.time.is_some());
}

#[test]
fn an_event_without_a_date_of_its_own_takes_the_documents_and_says_so() {
    let a = analyze("Chile criticised Norway over fishing quotas.\n", Some("2022-01-05"));
    let e = a.events.first().expect("an event");
    assert_eq!(e.setting.date.as_deref(), Some("2022-01-05"));
    assert_eq!(e.setting.time, None);
    assert!(e.setting.date_reason.contains("document"), "{}", e.setting.date_reason);
}

#[test]
fn places_resolve_and_locate_events_but_adjectives_and_governments_do_not() {
    let a = analyze(
        "Chilean and Norwegian diplomats met in Geneva on Monday. Moscow said it would send an observer.\n",
        Some("2022-01-12"),
    );
    let geneva = a.places.iter().find(|p| p.span.slice(&a.document.text) == "Geneva").expect("Geneva");
    assert_eq!((geneva.name.as_str(), geneva.country.as_str(), geneva.role), ("Geneva", "CH", PlaceRole::Literal));
    assert!((geneva.lat - 46.2).abs() < 0.2 && (geneva.lon - 6.15).abs() < 0.2, "{geneva:?}");
    let chilean = a.places.iter().find(|p| p.span.slice(&a.document.text) == "Chilean").expect("Chilean");
    assert_eq!((chilean.country.as_str(), chilean.role), ("CL", PlaceRole::Demonym));
    let moscow = a.places.iter().find(|p| p.span.slice(&a.document.text) == "Moscow").expect("Moscow");
    assert_eq!(moscow.role, PlaceRole::Metonym);
    let meeting = a.events.iter().find(|e| e.root() == "04").expect("a meeting");
    let place = meeting.setting.place.and_then(|p| a.places.get(p)).expect("the meeting's place");
    assert_eq!(place.name, "Geneva", "{}", meeting.setting.place_reason);
    assert_eq!(meeting.setting.date.as_deref(), Some("2022-01-10"));
}

#[test]
fn a_border_named_by_its_other_country_is_a_place_between_the_two() {
    let a = analyze("Russian troops massed at the border with Ukraine, officials said.\n", Some("2022-01-12"));
    let border = a.places.iter().find(|p| p.feature == "BRDR").expect("a border");
    assert_eq!(border.name, "Russia–Ukraine border");
    assert!(border.lat > 45.0 && border.lat < 56.0 && border.lon > 30.0 && border.lon < 42.0, "{border:?}");
    let massing = a.events.iter().find(|e| e.setting.place.is_some()).expect("a placed event");
    assert_eq!(a.places[massing.setting.place.unwrap_or(0)].feature, "BRDR");
}

#[test]
fn a_quote_is_dated_and_placed_by_its_cue_not_by_what_it_says() {
    let a = analyze(
        "\"We will sign the deal in Oslo next month,\" the Chilean foreign minister told reporters in Geneva on Monday.\n",
        Some("2022-01-12"),
    );
    let q = a.quotes.first().expect("a quote");
    assert_eq!(q.setting.date.as_deref(), Some("2022-01-10"), "{}", q.setting.date_reason);
    let place = q.setting.place.and_then(|p| a.places.get(p)).expect("where it was said");
    assert_eq!(place.name, "Geneva", "{}", q.setting.place_reason);
}
