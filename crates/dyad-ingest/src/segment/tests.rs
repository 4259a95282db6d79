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

#[test]
fn caps_detection_stopping_early_says_what_counting_every_letter_says() {
    // The definition, letter by letter over the whole paragraph.
    fn counted(text: &str) -> bool {
        let n_upper = text.chars().filter(|c| c.is_uppercase()).count();
        let n_lower = text.chars().filter(|c| c.is_lowercase()).count();
        let n_caps_words = text.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 2 && w.chars().all(char::is_uppercase)).count();
        n_upper + n_lower >= 6 && n_upper * 10 >= (n_upper + n_lower) * 7 && n_caps_words >= 2
    }
    let pieces = ["THE ", "the ", "ÉTÉ ", "été ", "— ", "ZÜRICH ", "Zürich ", "12 ", "NATO ", "a ", "İSTANBUL ", "\u{212a}ELVIN ", "   "];
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..3000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let len = (state % 120) as usize;
        let mut text = String::new();
        let mut s = state;
        for _ in 0..len {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            // Mostly capitals in some paragraphs, mostly lower case in others.
            let piece = if (state >> 20) % 2 == 0 { (s >> 33) % pieces.len() as u64 } else { [0, 2, 5, 8, 7, 10][(s >> 33) as usize % 6] };
            text.push_str(pieces[piece as usize]);
        }
        assert_eq!(is_caps(&text), counted(&text), "{text:?}");
    }
}
