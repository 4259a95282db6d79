//! `dyad train`: building shipped model files from `../shared/data`.

use std::path::Path;

use anyhow::Context;
use clap::Parser;
use dyad_ingest::view::train::LexiconBuilder;

use crate::flags::{self, TrainFlags, TrainModel};
use crate::Outcome;

pub fn run(flags: TrainFlags) -> anyhow::Result<Outcome> {
    match flags.model {
        TrainModel::Truecase { data, out, word_lists } => truecase(&data, &out, &word_lists),
        TrainModel::All { data, word_lists } => {
            // The shipped files in dependency order, each trained as its own
            // subcommand with its defaults (the ner step reads the lexicon
            // and tagger just written).
            let data = data.display().to_string();
            let mut truecase_args = vec!["dyad", "train", "truecase", "--data", &data];
            let words: Vec<String> = word_lists.iter().map(|p| p.display().to_string()).collect();
            for list in &words {
                truecase_args.extend(["--words", list.as_str()]);
            }
            for args in [truecase_args, vec!["dyad", "train", "pos", "--data", &data], vec!["dyad", "train", "ner", "--data", &data]] {
                let flags::Command::Train(flags) = flags::Args::try_parse_from(args)?.command else {
                    unreachable!("a train command")
                };
                run(flags)?;
            }
            Ok(Outcome::Ok)
        }
        TrainModel::Pos { data, out, iterations, min_count, prune_feature, prune_entry } => {
            let pruning = dyad_tag::Pruning { feature: prune_feature, entry: prune_entry };
            let config = dyad_tag::TrainConfig { iterations, min_feature_count: min_count, pruning, ..Default::default() };
            pos(&data, &out, &config)
        }
        TrainModel::Ner {
            data,
            gazetteers,
            out,
            iterations,
            min_count,
            ensemble,
            prune_feature,
            prune_entry,
            uner_copies,
            upper_copies,
            silver_rounds,
            silver_ewt_only,
            gum_gold,
            pos_model,
            lexicon,
        } => {
            let pruning = dyad_tag::Pruning { feature: prune_feature, entry: prune_entry };
            let config = dyad_tag::TrainConfig { iterations, min_feature_count: min_count, ensemble, pruning, ..Default::default() };
            let recipe = NerRecipe { uner_copies, upper_copies, silver_rounds, silver_gum: !silver_ewt_only, gum_gold };
            ner(&data, &gazetteers, &out, &config, &recipe, &Resources::read(&pos_model, &lexicon)?)
        }
    }
}

/// Tags labelled sentences with the embedded tagger, as the pipeline will.
pub fn tagged(tagger: &dyad_tag::Tagger, words: Vec<String>, labels: Vec<u16>) -> dyad_tag::ner::NerSentence {
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let upos = tagger.tag(&refs).into_iter().map(|label| tagger.tag_of(label).upos.to_string()).collect();
    dyad_tag::ner::NerSentence { words, upos, labels }
}

/// The tagger and truecasing lexicon the entity recogniser is trained with,
/// read from files (not the ones embedded in this binary), so that `dyad
/// train all` can build the three models in one run.
struct Resources {
    tagger: dyad_tag::Tagger,
    truecaser: dyad_ingest::Truecaser,
}

impl Resources {
    fn read(pos_model: &Path, lexicon: &Path) -> anyhow::Result<Resources> {
        let bytes = std::fs::read(pos_model).with_context(|| format!("cannot read {}", pos_model.display()))?;
        // Lives until the process ends.
        let tagger = dyad_tag::Tagger::from_static(Box::leak(bytes.into_boxed_slice()))?;
        let text = std::fs::read_to_string(lexicon).with_context(|| format!("cannot read {}", lexicon.display()))?;
        Ok(Resources { tagger, truecaser: dyad_ingest::Truecaser::from_lexicon(&text) })
    }
}

/// Which data the entity recogniser learns from (see `dyad train ner --help`).
#[derive(Clone, Copy, Debug)]
struct NerRecipe {
    uner_copies: usize,
    upper_copies: bool,
    silver_rounds: usize,
    silver_gum: bool,
    gum_gold: bool,
}

/// Month and day names: proper nouns in the treebanks, never entities.
const CALENDAR_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "christmas", "easter",
];

/// EWT train sentences labelled by a first model, kept where every mention
/// it finds is exactly a run of gold proper nouns and every such run (other
/// than dates and holidays) is a mention: in-domain examples whose
/// boundaries the treebank vouches for.
fn silver_sentences(
    first: &dyad_tag::ner::Recognizer,
    tagger: &dyad_tag::Tagger,
    sentences: &[dyad_tag::conllu::Sentence],
) -> Vec<dyad_tag::ner::NerSentence> {
    let mut out = Vec::new();
    for sentence in sentences {
        let words: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        let upos: Vec<&str> = tagger.tag(&words).into_iter().map(|l| tagger.tag_of(l).upos).collect();
        let found: Vec<(usize, usize, u16)> = first
            .model_mentions(&words, &upos)
            .into_iter()
            .filter(|m| m.rule == dyad_tag::ner::MODEL_RULE)
            .map(|m| (m.start, m.end, dyad_tag::ner::data::label_index(&format!("B-{}", m.kind.code()))))
            .collect();
        // Gold runs: proper nouns, joined by a hyphen between two of them.
        let propn = |idx: usize| sentence.words.get(idx).is_some_and(|w| w.upos == "PROPN");
        let mut runs = Vec::new();
        let mut idx = 0;
        while idx < words.len() {
            if !propn(idx) {
                idx += 1;
                continue;
            }
            let start = idx;
            while propn(idx) || (words.get(idx) == Some(&"-") && propn(idx + 1) && idx > start) {
                idx += 1;
            }
            let calendar = (start..idx).all(|i| CALENDAR_WORDS.contains(&words[i].to_lowercase().as_str()));
            if !calendar {
                runs.push((start, idx));
            }
        }
        let agrees = found.len() == runs.len() && found.iter().zip(&runs).all(|(f, r)| (f.0, f.1) == *r);
        if !agrees {
            continue;
        }
        let mut labels = vec![0u16; words.len()];
        for &(start, end, begin) in &found {
            labels[start] = begin;
            for label in &mut labels[start + 1..end] {
                *label = begin + 1;
            }
        }
        out.push(crate::train::tagged(tagger, words.iter().map(|w| w.to_string()).collect(), labels));
    }
    out
}

/// Words seen at least twice in the treebanks, by how often they are proper nouns.
fn proper_noun_words(sentences: &[dyad_tag::conllu::Sentence]) -> Vec<dyad_tag::ner::Phrase> {
    use dyad_tag::ner::{Phrase, PhraseList};
    let mut counts: std::collections::BTreeMap<String, (u32, u32)> = Default::default();
    for word in sentences.iter().flat_map(|s| &s.words) {
        let entry = counts.entry(word.form.to_lowercase()).or_default();
        entry.0 += 1;
        entry.1 += u32::from(word.upos == "PROPN");
    }
    counts
        .into_iter()
        .filter(|(_, (n, _))| *n >= 2)
        .filter_map(|(word, (n, n_propn))| {
            let share = f64::from(n_propn) / f64::from(n);
            let list = if share >= 0.8 {
                PhraseList::ProperNoun
            } else if share >= 0.2 {
                PhraseList::SometimesProperNoun
            } else {
                return None;
            };
            Some(Phrase { words: vec![word], list })
        })
        .collect()
}

fn ner(
    data: &Path,
    gazetteers: &Path,
    out: &Path,
    config: &dyad_tag::TrainConfig,
    recipe: &NerRecipe,
    resources: &Resources,
) -> anyhow::Result<Outcome> {
    let NerRecipe { uner_copies, upper_copies: upper, silver_rounds, silver_gum, gum_gold } = *recipe;
    use dyad_tag::conllu;
    use dyad_tag::ner::data as ner_data;
    let read = |path: &Path| std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()));
    let mut labelled = ner_data::read_iob2(&read(&data.join("uner-english-ewt/en_ewt-ud-dev.iob2"))?);
    let n_uner = labelled.len();
    if gum_gold {
        for file in ["ud-english-gum/en_gum-ud-train.conllu", "ud-english-gum/en_gum-ud-dev.conllu"] {
            labelled.extend(ner_data::gum_open(&read(&data.join(file))?));
        }
    }
    let (tagger, truecaser) = (&resources.tagger, &resources.truecaser);
    // Each sentence as given and upper-cased then truecased, as the
    // analysis sees teleprompter text.
    let mut sentences = Vec::with_capacity(labelled.len() * 2);
    for (idx, sentence) in labelled.iter().enumerate() {
        let copies = if idx < n_uner { uner_copies } else { 1 };
        let as_given = tagged(tagger, sentence.words.clone(), sentence.labels.clone());
        sentences.extend(std::iter::repeat_n(as_given, copies));
        if upper {
            let words: Vec<&str> = sentence.words.iter().map(String::as_str).collect();
            sentences.push(tagged(tagger, truecaser.recase_upper(&words), sentence.labels.clone()));
        }
    }
    let n_mentions: usize = labelled.iter().map(|s| ner_data::spans(&s.labels).len()).sum();
    eprintln!(
        "training on {} sentences ({n_uner} UNER EWT dev ×{uner_copies}, {} open GUM train+dev; {n_mentions} mentions){}",
        labelled.len(),
        labelled.len() - n_uner,
        if upper { ", each also upper-cased" } else { "" }
    );
    let mut phrases = dyad::gazetteer::phrases(gazetteers).map_err(anyhow::Error::msg)?;
    // How often each word is a proper noun in the treebanks' gold tags,
    // whatever its casing: lower-case web text and truecased capitals keep
    // that knowledge.
    let mut treebanks = conllu::read(&read(&data.join("ud-english-ewt/en_ewt-ud-train.conllu"))?, &|_| true);
    treebanks.extend(conllu::read(&read(&data.join("ud-english-gum/en_gum-ud-train.conllu"))?, &conllu::is_open));
    phrases.extend(proper_noun_words(&treebanks));
    eprintln!("gazetteers: {} phrases from {}", phrases.len(), gazetteers.display());
    let mut progress = |iteration: usize, accuracy: f64| {
        eprintln!("  pass {iteration:>2}: training accuracy {:.2}%", 100.0 * accuracy);
    };
    let mut bytes = dyad_tag::ner::train(&sentences, &mut truecaser.entries(), &phrases, config, &mut progress);
    let n_gold = sentences.len();
    let silver_from = if silver_gum { &treebanks[..] } else { &treebanks[..treebanks.iter().take_while(|s| !s.doc_id.starts_with("GUM_")).count()] };
    for round in 1..=silver_rounds {
        // Lives until the process ends, like the models it replaces.
        let previous = dyad_tag::ner::Recognizer::from_static(Box::leak(bytes.into_boxed_slice()))?;
        let extra = silver_sentences(&previous, tagger, silver_from);
        eprintln!(
            "silver round {round}: {} of {} treebank sentences where the model agrees with the gold proper-noun runs",
            extra.len(),
            silver_from.len()
        );
        sentences.truncate(n_gold);
        sentences.extend(extra);
        bytes = dyad_tag::ner::train(&sentences, &mut truecaser.entries(), &phrases, config, &mut progress);
    }
    let model = dyad_tag::Model::read(&bytes)?;
    std::fs::write(out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!("wrote {} ({} features, {} dictionary classes, {} bytes)", out.display(), model.n_features(), model.classes().len(), bytes.len());
    Ok(Outcome::Ok)
}

fn pos(data: &Path, out: &Path, config: &dyad_tag::TrainConfig) -> anyhow::Result<Outcome> {
    use dyad_tag::conllu;
    let read = |path: &Path| std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()));
    let mut sentences = conllu::read(&read(&data.join("ud-english-ewt/en_ewt-ud-train.conllu"))?, &|_| true);
    sentences.extend(conllu::read(&read(&data.join("ud-english-gum/en_gum-ud-train.conllu"))?, &conllu::is_open));
    let n_words: usize = sentences.iter().map(|s| s.words.len()).sum();
    eprintln!("training on {} sentences, {n_words} words (EWT train + open GUM genres)", sentences.len());
    let bytes = dyad_tag::pos::train(&sentences, config, &mut |iteration, accuracy| {
        eprintln!("  pass {iteration:>2}: training accuracy {:.2}%", 100.0 * accuracy);
    });
    let model = dyad_tag::Model::read(&bytes)?;
    std::fs::write(out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!("wrote {} ({} labels, {} features, {} bytes)", out.display(), model.n_labels(), model.n_features(), bytes.len());
    let exceptions = dyad_tag::lemma::learn_exceptions(&sentences);
    let lemma_out = out.with_file_name("lemma.txt");
    std::fs::write(&lemma_out, &exceptions).with_context(|| format!("cannot write {}", lemma_out.display()))?;
    eprintln!("wrote {} ({} lemma exceptions)", lemma_out.display(), exceptions.lines().filter(|l| !l.starts_with('#')).count());
    Ok(Outcome::Ok)
}

fn truecase(data: &Path, out: &Path, word_lists: &[std::path::PathBuf]) -> anyhow::Result<Outcome> {
    let mut builder = LexiconBuilder::default();
    let ewt = data.join("ud-english-ewt/en_ewt-ud-train.conllu");
    let gum = data.join("ud-english-gum/en_gum-ud-train.conllu");
    let read = |path: &Path| std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()));
    builder.add_conllu(&read(&ewt)?, &|_| true);
    builder.add_conllu(&read(&gum)?, &dyad_tag::conllu::is_open);
    for path in word_lists {
        let words = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read word list {} (apt-get install wamerican wbritish)", path.display()))?;
        builder.add_word_list(&words);
    }
    let header = format!(
        "dyad truecasing lexicon: each word in its most frequent spelling outside sentence starts.\n\
         Generated by `dyad train truecase` from UD English EWT train (CC BY-SA 4.0) and the\n\
         openly licensed genres of UD English GUM train ({}); CC BY-SA 4.0.\n\
         Words they lack come from the SCOWL word lists (Copyright 2000-2011 Kevin Atkinson; permissive licence).\n\
         {} sentences counted, {} GUM documents of other genres left out.",
        dyad_tag::conllu::GUM_OPEN_GENRES.join(", "),
        builder.n_sentences(),
        builder.n_skipped_docs()
    );
    let lexicon = builder.finish(&header);
    std::fs::write(out, &lexicon).with_context(|| format!("cannot write {}", out.display()))?;
    let n_words = lexicon.lines().filter(|l| !l.starts_with('#')).count();
    eprintln!("wrote {} ({n_words} words, {} bytes)", out.display(), lexicon.len());
    Ok(Outcome::Ok)
}
