//! Training the tagger: an averaged perceptron, greedy left to right.
//!
//! Each pass visits the sentences in a shuffled order (a fixed-seed
//! generator, so training is reproducible), tags each word with the current
//! weights and the previously *predicted* tags, and on a mistake moves the
//! weights of the word's features towards the gold label and away from the
//! guess. The final weights are the averages over all steps, which
//! generalise far better than the last ones. Features seen fewer than
//! [`TrainConfig::min_feature_count`] times in the gold data are ignored, which
//! keeps the model small.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::conllu::Sentence;
use crate::features::Context;
use crate::model::{self, Model};

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub iterations: usize,
    /// Features seen fewer times than this are not learnt.
    pub min_feature_count: u32,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Words seen fewer times than this get no ambiguity class.
    pub min_dictionary_count: u32,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig { iterations: 10, min_feature_count: 2, seed: 0x5eed, min_dictionary_count: 3 }
    }
}

/// Features are already hashes: hash them by identity.
#[derive(Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 keys are hashed")
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

#[derive(Clone, Copy, Debug)]
struct Weight {
    label: u16,
    value: f32,
    total: f64,
    stamp: u64,
}

/// The labels (`UPOS/XPOS`) of the training data, sorted.
pub fn labels(sentences: &[Sentence]) -> Vec<String> {
    let mut labels: Vec<String> = sentences.iter().flat_map(|s| s.words.iter().map(|w| format!("{}/{}", w.upos, w.xpos))).collect();
    labels.sort();
    labels.dedup();
    labels
}

/// Trains a tagger and returns the model file bytes; `progress` is called
/// after each pass with its number and training accuracy.
pub fn train(sentences: &[Sentence], config: &TrainConfig, progress: &mut dyn FnMut(usize, f64)) -> Vec<u8> {
    let labels = labels(sentences);
    let label_index: HashMap<&str, u16> = labels.iter().enumerate().map(|(i, l)| (l.as_str(), i as u16)).collect();
    let gold: Vec<Vec<u16>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| label_index[format!("{}/{}", w.upos, w.xpos).as_str()]).collect())
        .collect();

    // The dictionary: each word's ambiguity class (its UPOS tags in training).
    // Only words seen often enough: rare words get the unknown class in
    // training as they will at run time, so the model does not learn to
    // trust a class that unseen words never have.
    let mut tag_sets: std::collections::BTreeMap<u64, (u32, std::collections::BTreeSet<&str>)> = Default::default();
    for sentence in sentences {
        for word in &sentence.words {
            let entry = tag_sets.entry(crate::features::class_key(&word.form)).or_default();
            entry.0 += 1;
            entry.1.insert(word.upos.as_str());
        }
    }
    let dictionary: Vec<(u64, String)> = tag_sets
        .into_iter()
        .filter(|(_, (count, _))| *count >= config.min_dictionary_count)
        .map(|(key, (_, tags))| (key, tags.into_iter().collect::<Vec<_>>().join("|")))
        .collect();
    let class_table: HashMap<u64, &str> = dictionary.iter().map(|(key, class)| (*key, class.as_str())).collect();
    let class_of = |key: u64| class_table.get(&key).copied();

    // Count features under gold history to prune the rare ones.
    let mut counts: FeatureMap<u32> = FeatureMap::default();
    let mut features = Vec::with_capacity(64);
    for (sentence, gold_tags) in sentences.iter().zip(&gold) {
        let words: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        let context = Context::new(&words, &class_of);
        for word_idx in 0..words.len() {
            features.clear();
            let previous = (word_idx >= 1).then(|| labels[gold_tags[word_idx - 1] as usize].as_str());
            let previous2 = (word_idx >= 2).then(|| labels[gold_tags[word_idx - 2] as usize].as_str());
            context.features(word_idx, previous, previous2, &mut features);
            for &feature in &features {
                *counts.entry(feature).or_default() += 1;
            }
        }
    }
    counts.retain(|_, n| *n >= config.min_feature_count);

    let mut weights: FeatureMap<Vec<Weight>> = FeatureMap::default();
    let mut step: u64 = 0;
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = config.seed | 1;
    let mut scores = vec![0f32; labels.len()];
    for iteration in 0..config.iterations {
        shuffle(&mut order, &mut rng);
        let (mut n_correct, mut n_total) = (0usize, 0usize);
        for &sentence_idx in &order {
            let words: Vec<&str> = sentences[sentence_idx].words.iter().map(|w| w.form.as_str()).collect();
            let context = Context::new(&words, &class_of);
            let mut predicted: Vec<u16> = Vec::with_capacity(words.len());
            for word_idx in 0..words.len() {
                step += 1;
                features.clear();
                let previous = predicted.last().map(|&t| labels[t as usize].as_str());
                let previous2 = (word_idx >= 2).then(|| labels[predicted[word_idx - 2] as usize].as_str());
                context.features(word_idx, previous, previous2, &mut features);
                features.retain(|f| counts.contains_key(f));
                scores.iter_mut().for_each(|s| *s = 0.0);
                for feature in &features {
                    if let Some(ws) = weights.get(feature) {
                        for w in ws {
                            scores[w.label as usize] += w.value;
                        }
                    }
                }
                let guess = crate::argmax(&scores);
                let truth = gold[sentence_idx][word_idx];
                if guess != truth {
                    for &feature in &features {
                        let ws = weights.entry(feature).or_default();
                        update(ws, truth, 1.0, step);
                        update(ws, guess, -1.0, step);
                    }
                } else {
                    n_correct += 1;
                }
                n_total += 1;
                predicted.push(guess);
            }
        }
        progress(iteration + 1, n_correct as f64 / n_total.max(1) as f64);
    }

    let averaged: Vec<(u64, Vec<(u16, f32)>)> = weights
        .into_iter()
        .map(|(feature, ws)| {
            let averaged = ws
                .into_iter()
                .map(|w| {
                    let total = w.total + (step - w.stamp) as f64 * f64::from(w.value);
                    (w.label, (total / step as f64) as f32)
                })
                .collect();
            (feature, averaged)
        })
        .collect();
    let bytes = model::write(&labels, averaged, &dictionary);
    debug_assert!(Model::read(&bytes).is_ok());
    bytes
}

fn update(weights: &mut Vec<Weight>, label: u16, delta: f32, step: u64) {
    let idx = match weights.iter().position(|w| w.label == label) {
        Some(idx) => idx,
        None => {
            weights.push(Weight { label, value: 0.0, total: 0.0, stamp: step });
            weights.len() - 1
        }
    };
    let w = &mut weights[idx];
    w.total += (step - w.stamp) as f64 * f64::from(w.value);
    w.stamp = step;
    w.value += delta;
}

/// Fisher–Yates with xorshift64: the same seed gives the same order.
fn shuffle(order: &mut [usize], state: &mut u64) {
    for idx in (1..order.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        let other = (*state % (idx as u64 + 1)) as usize;
        order.swap(idx, other);
    }
}
