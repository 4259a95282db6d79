use super::*;

fn kinds(text: &str) -> Vec<(&'static str, String, Option<String>)> {
    segment(text)
        .into_iter()
        .map(|s| (s.kind.as_str(), s.span.slice(text).to_string(), s.speaker.map(|sp| sp.name)))
        .collect()
}

#[test]
fn scraped_page_with_chrome_headline_article_and_transcript() {
    let text = "Skip to main content\nWorld\n\nEnvoys meet in Geneva for a second round\n\nBy Jane Roe\n\n\
Envoys from both countries met on Monday in Geneva.\n\n“We made progress,” one envoy said after the talks.\n\n\
Mark Bell: TALKS RESUMED IN GENEVA TODAY.\n\nBOTH SIDES CALLED THEM USEFUL.\n\n\
Kim Ode“We will keep talking.”\n\nShare this article\n";
    let got = kinds(text);
    let want = vec![
        ("chrome", "Skip to main content".to_string(), None),
        ("chrome", "World".to_string(), None),
        ("headline", "Envoys meet in Geneva for a second round".to_string(), None),
        ("byline", "By Jane Roe".to_string(), None),
        (
            "article",
            "Envoys from both countries met on Monday in Geneva.\n\n“We made progress,” one envoy said after the talks.".to_string(),
            None,
        ),
        (
            "transcript",
            "Mark Bell: TALKS RESUMED IN GENEVA TODAY.\n\nBOTH SIDES CALLED THEM USEFUL.".to_string(),
            Some("Mark Bell".to_string()),
        ),
        ("transcript", "Kim Ode“We will keep talking.”".to_string(), Some("Kim Ode".to_string())),
        ("chrome", "Share this article".to_string(), None),
    ];
    assert_eq!(got, want);
    let segments = segment(text);
    assert!(segments[5].caps);
    assert!(!segments[4].caps);
    assert_eq!(segments[5].paragraphs[0].slice(text), "TALKS RESUMED IN GENEVA TODAY.");
    assert_eq!(segments[6].paragraphs[0].slice(text), "“We will keep talking.”");
}

#[test]
fn a_single_colon_heading_is_not_a_transcript() {
    let text = "Ukraine: talks stall as envoys leave\n\nEnvoys left Geneva on Tuesday without a deal.\n";
    let got = kinds(text);
    assert_eq!(got[0].0, "headline");
    assert_eq!(got[1].0, "article");
}

#[test]
fn hard_wrapped_paragraphs_are_joined() {
    let text = "Envoys from both countries met on Monday in Geneva to discuss\nthe security proposals that one side published last month, officials\nsaid.\n\nA second paragraph follows here and it ends properly.\n";
    let paragraphs = paragraphs(text);
    assert_eq!(paragraphs.len(), 2);
    assert!(paragraphs[0].slice(text).ends_with("officials\nsaid."));
}

#[test]
fn caps_detection() {
    assert!(is_caps("THIS IS THE THIRD TIME THEY HAVE MET."));
    assert!(is_caps("ON THE TABLE— UKRAINE’S FUTURE."));
    assert!(!is_caps("NATO and the EU met in Brussels."));
    assert!(!is_caps("OK"));
}
