//! Prints the entity mentions read from a GUM CoNLL-U file (openly licensed genres).
fn main() {
    let path = std::env::args().nth(1).expect("usage: gum_entities FILE.conllu");
    let text = std::fs::read_to_string(&path).expect("readable file");
    for sentence in dyad_tag::ner::data::gum_open(&text) {
        let spans = dyad_tag::ner::data::spans(&sentence.labels);
        let shown: Vec<String> = spans.iter().map(|(s, e, k)| format!("{}:{}", k.code(), sentence.words[*s..*e].join(" "))).collect();
        println!("{}\t{}", sentence.id, shown.join(" · "));
    }
}
