//! Entity corpora: Universal NER (IOB2 files) and the named mentions of GUM.

use super::{EntityKind, LABELS, NAME_JOINERS};
use crate::conllu::{self, Sentence};

/// A sentence with gold entity labels (indices into [`LABELS`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labelled {
    /// Sentence id.
    pub id: String,
    /// Document id (`# newdoc id`), empty when the file has none.
    pub doc: String,
    /// Words, normalised as the analysis view writes them.
    pub words: Vec<String>,
    /// Label of each word.
    pub labels: Vec<u16>,
}

/// The label index of a BIO label name (`O` for unknown names).
pub fn label_index(name: &str) -> u16 {
    LABELS.iter().position(|&l| l == name).unwrap_or(0) as u16
}

/// Reads a Universal NER IOB2 file: `id TAB form TAB label …` lines,
/// `#` comments, blank lines between sentences. Labels other than PER, ORG
/// and LOC are read as `O`.
pub fn read_iob2(text: &str) -> Vec<Labelled> {
    let mut sentences = Vec::new();
    let mut doc = String::new();
    let mut current = Labelled { id: String::new(), doc: String::new(), words: Vec::new(), labels: Vec::new() };
    for line in text.lines().chain(std::iter::once("")) {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            doc = id.trim().to_string();
        } else if let Some(id) = line.strip_prefix("# sent_id = ") {
            current.id = id.trim().to_string();
            current.doc = doc.clone();
        } else if line.trim().is_empty() {
            if !current.words.is_empty() {
                let next = Labelled { id: String::new(), doc: String::new(), words: Vec::new(), labels: Vec::new() };
                sentences.push(std::mem::replace(&mut current, next));
            }
        } else if !line.starts_with('#') {
            let mut columns = line.split('\t');
            let (Some(_), Some(form), Some(label)) = (columns.next(), columns.next(), columns.next()) else { continue };
            current.words.push(conllu::normalize(form));
            current.labels.push(label_index(label));
        }
    }
    // An I- label that does not continue its type starts a mention.
    for sentence in &mut sentences {
        repair_bio(&mut sentence.labels);
    }
    sentences
}

/// Turns each I-X that does not follow B-X or I-X into B-X.
fn repair_bio(labels: &mut [u16]) {
    for idx in 0..labels.len() {
        let label = labels[idx];
        if label != 0 && label.is_multiple_of(2) {
            let continues = idx > 0 && labels[idx - 1] != 0 && labels[idx - 1].div_ceil(2) == label.div_ceil(2);
            if !continues {
                labels[idx] = label - 1;
            }
        }
    }
}

/// A mention read from GUM's `Entity=` brackets.
#[derive(Clone, Debug, PartialEq, Eq)]
struct GumMention {
    start: usize,
    end: usize,
    kind: EntityKind,
}

/// Titles before a person's name, outside the name in Universal NER.
const TITLES: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Prof.", "Professor", "President", "Senator", "Sen.",
    "General", "Gen.", "Governor", "Gov.", "Minister", "Judge", "Justice", "King", "Queen", "Prince", "Princess",
    "Pope", "Sir", "Lord", "Lady", "Madam", "Doctor", "Captain", "Capt.", "Rev.", "Father", "Sister", "Saint", "St.",
    "Emperor", "Empress", "Protector", "Fellow", "Earl", "Duke", "Chairman", "Chief", "Secretary", "Ambassador",
];

/// Converts GUM sentences to labelled sentences, following the Universal
/// NER guidelines: mentions of people, organisations and places whose head
/// is a proper noun, cut to the run of capitalised words (and joiners)
/// around the head, without leading titles ("President", "Dr."); nested
/// mentions give way to the mention that contains them; nationality and
/// group words ("Koreans": a plural proper noun alone) are not entities.
/// Mentions continuing over a sentence break are ignored.
pub fn from_gum(sentences: &[Sentence]) -> Vec<Labelled> {
    sentences
        .iter()
        .enumerate()
        .map(|(n, sentence)| {
            let mut mentions = gum_mentions(sentence);
            // Outermost first: longer mentions win overlaps.
            mentions.sort_by_key(|m| (std::cmp::Reverse(m.end - m.start), m.start));
            let mut labels = vec![0u16; sentence.words.len()];
            for mention in mentions {
                let Some((start, end)) = name_span(sentence, &mention) else { continue };
                if labels[start..end].iter().any(|&l| l != 0) {
                    continue;
                }
                let base = match mention.kind {
                    EntityKind::Person => 1,
                    EntityKind::Organization => 3,
                    _ => 5,
                };
                labels[start] = base;
                for label in &mut labels[start + 1..end] {
                    *label = base + 1;
                }
            }
            Labelled {
                id: format!("{}-{n}", sentence.doc_id),
                doc: sentence.doc_id.clone(),
                words: sentence.words.iter().map(|w| w.form.clone()).collect(),
                labels,
            }
        })
        .collect()
}

fn gum_mentions(sentence: &Sentence) -> Vec<GumMention> {
    let mut open: Vec<(String, usize, Option<EntityKind>)> = Vec::new();
    let mut mentions = Vec::new();
    for (idx, word) in sentence.words.iter().enumerate() {
        let Some(value) = word.misc.split('|').find_map(|kv| kv.strip_prefix("Entity=")) else { continue };
        let bytes = value.as_bytes();
        let mut pos = 0;
        while pos < bytes.len() {
            if bytes[pos] == b'(' {
                let spec_end = value[pos + 1..].find(['(', ')']).map_or(value.len(), |off| pos + 1 + off);
                let spec = &value[pos + 1..spec_end];
                let fields: Vec<&str> = spec.splitn(8, '-').collect();
                let id = fields.first().copied().unwrap_or("").to_string();
                let kind = match fields.get(1).copied() {
                    Some("person") => Some(EntityKind::Person),
                    Some("organization") => Some(EntityKind::Organization),
                    Some("place") => Some(EntityKind::Location),
                    _ => None,
                };
                if spec_end < bytes.len() && bytes[spec_end] == b')' {
                    if let Some(kind) = kind {
                        mentions.push(GumMention { start: idx, end: idx + 1, kind });
                    }
                    pos = spec_end + 1;
                } else {
                    open.push((id, idx, kind));
                    pos = spec_end;
                }
            } else {
                let close_end = value[pos..].find(')').map_or(value.len(), |off| pos + off);
                let id = &value[pos..close_end];
                if let Some(found) = open.iter().rposition(|(open_id, ..)| open_id == id) {
                    let (_, start, kind) = open.remove(found);
                    if let Some(kind) = kind {
                        mentions.push(GumMention { start, end: idx + 1, kind });
                    }
                }
                pos = close_end + 1;
            }
        }
    }
    mentions
}

/// The name inside a mention: the run of capitalised words and joiners
/// around its syntactic head (the word whose head lies outside the
/// mention), trimmed of joiners at either edge; `None` when that head is
/// not a proper noun.
fn name_span(sentence: &Sentence, mention: &GumMention) -> Option<(usize, usize)> {
    let words = &sentence.words;
    let inside = |idx: usize| idx >= mention.start && idx < mention.end;
    let head = (mention.start..mention.end).find(|&idx| words[idx].head == 0 || !inside(words[idx].head - 1))?;
    if words[head].upos != "PROPN" || (mention.kind == EntityKind::Person && TITLES.contains(&words[head].form.as_str())) {
        return None;
    }
    let capitalised = |idx: usize| words[idx].form.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let part = |idx: usize| capitalised(idx) || NAME_JOINERS.contains(&words[idx].form.to_lowercase().as_str());
    let (mut start, mut end) = (head, head + 1);
    while start > mention.start && part(start - 1) {
        start -= 1;
    }
    while end < mention.end && part(end) {
        end += 1;
    }
    let title = |idx: usize| words[idx].deprel.starts_with("nmod:desc") || TITLES.contains(&words[idx].form.as_str());
    let determiner = |idx: usize| words[idx].upos == "DET";
    while start < end && (!capitalised(start) || determiner(start) || (mention.kind == EntityKind::Person && title(start) && start + 1 < end)) {
        start += 1;
    }
    while end > start && !capitalised(end - 1) {
        end -= 1;
    }
    let group_word = end == start + 1 && words[start].xpos == "NNPS";
    (start < end && !group_word).then_some((start, end))
}

/// The mentions of a label sequence as `(start, end, type)`.
pub fn spans(labels: &[u16]) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let mut idx = 0;
    while idx < labels.len() {
        match super::kind_of_label(labels[idx]) {
            Some(kind) => {
                let start = idx;
                idx += 1;
                while idx < labels.len() && labels[idx] != 0 && labels[idx].is_multiple_of(2) && super::kind_of_label(labels[idx]) == Some(kind) {
                    idx += 1;
                }
                out.push((start, idx, kind));
            }
            None => idx += 1,
        }
    }
    out
}

/// Reads the GUM sentences of openly licensed genres and converts them.
pub fn gum_open(conllu_text: &str) -> Vec<Labelled> {
    from_gum(&conllu::read(conllu_text, &conllu::is_open))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iob2_and_repairs_stray_inside_labels() {
        let text = "# sent_id = x-1\n# text = we met Jane Roe in tampa bay\n1\twe\tO\t-\t-\n2\tmet\tO\t-\t-\n\
3\tJane\tB-PER\t-\ta\n4\tRoe\tI-PER\t-\ta\n5\tin\tO\t-\t-\n6\ttampa\tI-LOC\t-\ta\n7\tbay\tI-LOC\t-\ta\n\n";
        let sentences = read_iob2(text);
        assert_eq!(sentences.len(), 1);
        assert_eq!(sentences[0].id, "x-1");
        assert_eq!(spans(&sentences[0].labels), [(2, 4, EntityKind::Person), (5, 7, EntityKind::Location)]);
    }

    #[test]
    fn gum_named_mentions_become_labels() {
        let conllu = "# newdoc id = GUM_news_x\n# sent_id = GUM_news_x-1\n# text = The University of Texas hired Ann Lee in Austin.\n\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\tEntity=(1-organization-new-nnnnn-cf1-2-coref-University_of_Texas\n\
2\tUniversity\tUniversity\tPROPN\tNNP\t_\t5\tnsubj\t_\t_\n3\tof\tof\tADP\tIN\t_\t4\tcase\t_\t_\n\
4\tTexas\tTexas\tPROPN\tNNP\t_\t2\tnmod\t_\tEntity=(2-place-new-nnnnn-cf2-1-sgl-Texas)1)\n\
5\thired\thire\tVERB\tVBD\t_\t0\troot\t_\t_\n\
6\tAnn\tAnn\tPROPN\tNNP\t_\t5\tobj\t_\tEntity=(3-person-new-nnnnn-cf3-1,2-sgl\n\
7\tLee\tLee\tPROPN\tNNP\t_\t6\tflat\t_\tEntity=3)\n8\tin\tin\tADP\tIN\t_\t9\tcase\t_\t_\n\
9\tAustin\tAustin\tPROPN\tNNP\t_\t5\tobl\t_\tEntity=(4-place-new-nnnnn-cf4-1-sgl)|SpaceAfter=No\n\
10\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_\n\n\
# newdoc id = GUM_news_y\n# sent_id = GUM_news_y-1\n# text = the president spoke\n\
1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\tEntity=(1-person-new-nnnnn-cf1-2-sgl\n2\tpresident\tpresident\tNOUN\tNN\t_\t3\tnsubj\t_\tEntity=1)\n\
3\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\t_\n\n";
        let sentences = gum_open(conllu);
        assert_eq!(
            spans(&sentences[0].labels),
            [(1, 4, EntityKind::Organization), (5, 7, EntityKind::Person), (8, 9, EntityKind::Location)]
        );
        assert!(spans(&sentences[1].labels).is_empty());
    }
}
