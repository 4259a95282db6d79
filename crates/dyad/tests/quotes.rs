//! Quotes on passages we wrote: speakers before, after and inside quotes,
//! pronouns and titles resolved, a spokesperson reporting someone else,
//! multi-paragraph quotes and transcript turns.

use dyad::Pipeline;
use dyad_core::QuoteKind;

/// Each quote as (kind, content, speaker name or phrase, about name).
fn quotes(text: &str) -> Vec<(QuoteKind, String, String, String)> {
    let a = Pipeline::new().analyze_text(text);
    a.quotes
        .iter()
        .map(|q| {
            let who = |s: &Option<dyad_core::QuoteSpeaker>| {
                s.as_ref().map_or(String::new(), |s| s.name.clone().unwrap_or_else(|| s.text.clone()))
            };
            (q.kind, q.text.clone(), who(&q.speaker), who(&q.about))
        })
        .collect()
}

#[test]
fn a_spokesperson_reporting_a_minister_records_both() {
    let text = "Deputy Foreign Minister Lena Varga met her counterpart in Vienna on Monday.\n\n\
                \"The deputy minister stressed that the border must stay open,\" foreign ministry spokesperson Tomas Halloran said in a statement.\n\n\
                \"She also raised the question of the detained fishermen.\"\n\n\
                Halloran said the talks would continue in March.";
    let q = quotes(text);
    let first = q.iter().find(|x| x.1.contains("must stay open")).expect("first quote");
    assert_eq!((first.0, first.2.as_str(), first.3.as_str()), (QuoteKind::Direct, "Tomas Halloran", "Lena Varga"), "{q:?}");
    let second = q.iter().find(|x| x.1.contains("detained fishermen")).expect("second quote");
    assert_eq!(second.2, "Tomas Halloran", "a quote standing alone continues the previous speaker: {q:?}");
    let third = q.iter().find(|x| x.1.contains("would continue in March")).expect("indirect quote");
    assert_eq!((third.0, third.2.as_str()), (QuoteKind::Indirect, "Tomas Halloran"), "{q:?}");
}

#[test]
fn pronouns_titles_and_interrupted_quotes() {
    let text = "Harbour Minister Ada Quist arrived late.\n\n\
                \"We are close,\" she said, \"but not there yet.\"\n\n\
                The minister told reporters that a deal could come by Friday.";
    let q = quotes(text);
    let split = q.iter().find(|x| x.1.contains("We are close")).expect("interrupted quote");
    assert!(split.1.contains("but not there yet"), "both parts are one quote: {q:?}");
    assert_eq!(split.2, "Ada Quist", "{q:?}");
    let told = q.iter().find(|x| x.1.contains("deal could come")).expect("told reporters");
    assert_eq!(told.2, "Ada Quist", "\"the minister\" is Ada Quist: {q:?}");
}

#[test]
fn transcript_turns_and_multi_paragraph_quotes() {
    let text = "HOST: Welcome back to the programme.\nOLGA REN: Thank you for having me.\nHOST: Tell us about the deal.\n";
    let q = quotes(text);
    let turns: Vec<&(QuoteKind, String, String, String)> = q.iter().filter(|x| x.0 == QuoteKind::Transcript).collect();
    assert_eq!(turns.len(), 3, "{q:?}");
    assert!(turns[1].1.contains("Thank you") && turns[1].2.to_lowercase().contains("olga"), "{q:?}");

    let text = "The envoy spoke for an hour.\n\n\"First, the corridor must open.\n\n\"Second, the prisoners must go home,\" said envoy Mara Lind.";
    let q = quotes(text);
    let long = q.iter().find(|x| x.1.contains("corridor")).expect("multi-paragraph quote");
    assert!(long.1.contains("prisoners must go home"), "one quote over two paragraphs: {q:?}");
    assert_eq!(long.2, "Mara Lind", "{q:?}");
}

#[test]
fn a_quote_paragraph_after_a_paragraph_about_someone_is_theirs() {
    let text = "Fisheries Minister Ingrid Moe spent the morning at the harbour, talking to crews.\n\n\"Nobody here wants a quota war.\"\n\nThe talks resume on Friday.";
    let q = quotes(text);
    let alone = q.iter().find(|x| x.1.contains("quota war")).expect("the quote");
    assert_eq!(alone.2, "Ingrid Moe", "{q:?}");
}
