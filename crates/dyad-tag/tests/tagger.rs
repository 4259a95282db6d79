//! The embedded tagger on sentences we wrote.

use dyad_tag::Tagger;

fn tags(tagger: &Tagger, sentence: &str) -> String {
    let words: Vec<&str> = sentence.split(' ').collect();
    let labels = tagger.tag(&words);
    words.iter().zip(labels).map(|(w, l)| format!("{w}/{}", tagger.tag_of(l).upos)).collect::<Vec<_>>().join(" ")
}

#[test]
fn embedded_tagger_tags_news_sentences() {
    let tagger = Tagger::embedded();
    let cases = [
        (
            "Envoys from both countries met in Geneva on Monday .",
            "Envoys/NOUN from/ADP both/DET countries/NOUN met/VERB in/ADP Geneva/PROPN on/ADP Monday/PROPN ./PUNCT",
        ),
        (
            "The minister said the talks would resume in May .",
            "The/DET minister/NOUN said/VERB the/DET talks/NOUN would/AUX resume/VERB in/ADP May/PROPN ./PUNCT",
        ),
        ("They did n't agree .", "They/PRON did/AUX n't/PART agree/VERB ./PUNCT"),
    ];
    for (sentence, want) in cases {
        assert_eq!(tags(&tagger, sentence), want);
    }
    let penn = tagger.tag_of(tagger.tag(&["Russia", "deployed", "troops"])[1]).xpos;
    assert_eq!(penn, "VBD");
}

#[test]
fn odd_input_does_not_panic() {
    let tagger = Tagger::embedded();
    assert!(tagger.tag(&[]).is_empty());
    let odd = ["", "\u{0}", "ééééééééééééééééééééééééé", "🙂", "--", "1,2,3"];
    assert_eq!(tagger.tag(&odd).len(), odd.len());
}
