//! The averaged perceptron shared by the tagger and the entity recogniser:
//! greedy left-to-right sequence labelling with hashed features.
//!
//! Each pass visits the sentences in a shuffled order (a fixed-seed
//! generator, so training is reproducible), labels each word with the
//! current weights and the previously *predicted* labels, and on a mistake
//! moves the weights of the word's features towards the gold label and away
//! from the guess. The final weights are the averages over all steps, which
//! generalise far better than the last ones. Features seen fewer than
//! [`TrainConfig::min_feature_count`] times under the gold history are
//! ignored, which keeps the model small.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::Model;

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub iterations: usize,
    /// Features seen fewer times than this are not learnt.
    pub min_feature_count: u32,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Words seen fewer times than this get no dictionary class (tagger).
    pub min_dictionary_count: u32,
    /// Models trained with different shuffling seeds whose weights are
    /// averaged into the final model (1: a single model). Averaging smooths
    /// away the luck of one order, which matters on small data.
    pub ensemble: usize,
    /// Which averaged weights the model file keeps.
    pub pruning: crate::model::Pruning,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            iterations: 10,
            min_feature_count: 2,
            seed: 0x5eed,
            min_dictionary_count: 3,
            ensemble: 1,
            pruning: crate::model::Pruning::default(),
        }
    }
}

/// How a sequence is labelled: the features of each word given the labels
/// predicted before it, labels fixed in advance, and label constraints.
pub(crate) trait Labeller {
    /// Per-sentence precomputed state (hashed word views).
    type State: Default;
    /// Number of labels.
    fn n_labels(&self) -> usize;
    /// A label fixed without scoring (a word the dictionary is sure of).
    fn fixed(&self, state: &Self::State, idx: usize) -> Option<u16>;
    /// Whether training takes the labels of [`Labeller::fixed`] too, or
    /// scores every word (when `fixed` is a shortcut for recognising only).
    fn fixed_in_training(&self) -> bool {
        true
    }
    /// Appends the features of word `idx`.
    fn features(&self, state: &Self::State, idx: usize, history: &[u16], out: &mut Vec<u64>);
    /// Rewrites the features of word `idx` that depend on the labels
    /// before it, in `features` as [`Labeller::features`] gave them under
    /// another history: the result is what it gives under `history`.
    fn refresh_history(&self, state: &Self::State, idx: usize, history: &[u16], features: &mut [u64]);
    /// Whether `label` may follow `previous` (BIO constraints).
    fn allowed(&self, previous: Option<u16>, label: u16) -> bool;
    /// Whether [`Labeller::allowed`] ever refuses a label (when it does
    /// not, decoding takes the best score without asking).
    fn constrained(&self) -> bool {
        true
    }
}

/// The feature values of the two labels before word `idx` (`start` for
/// positions before the sentence): `label_hashes[label]` per label.
pub(crate) fn previous_labels(label_hashes: &[u64], start: [u64; 2], idx: usize, history: &[u16]) -> (u64, u64) {
    let t1 = history.last().map_or(start[0], |&t| label_hashes[t as usize]);
    let t2 = if idx >= 2 { label_hashes[history[idx - 2] as usize] } else { start[1] };
    (t1, t2)
}

/// Training data for a [`Labeller`]: sentences and their gold labels.
pub(crate) trait Examples<L: Labeller> {
    /// Number of training sentences.
    fn n_sentences(&self) -> usize;
    /// Prepares sentence `s` for `labeller`; returns its gold labels.
    fn prepare<'a>(&'a self, labeller: &L, s: usize, state: &mut L::State) -> &'a [u16];
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

/// Averaged weights per feature, ready for [`crate::model::write`].
pub(crate) type Weights = Vec<(u64, Vec<(u16, f32)>)>;

/// Trains on `task` ([`TrainConfig::ensemble`] times with different seeds,
/// averaging the weights); `progress` is called after each pass with its
/// number and the training accuracy on the words that were scored.
pub(crate) fn train<L: Labeller>(task: &L, examples: &dyn Examples<L>, config: &TrainConfig, progress: &mut dyn FnMut(usize, f64)) -> Weights {
    let n_models = config.ensemble.max(1);
    let mut sum: std::collections::BTreeMap<u64, Vec<(u16, f32)>> = Default::default();
    for member in 0..n_models {
        let seed = config.seed.wrapping_add(member as u64 * 0x9e37_79b9);
        for (feature, weights) in train_one(task, examples, &TrainConfig { seed, ..config.clone() }, progress) {
            let entry = sum.entry(feature).or_default();
            for (label, weight) in weights {
                match entry.iter_mut().find(|(l, _)| *l == label) {
                    Some((_, total)) => *total += weight,
                    None => entry.push((label, weight)),
                }
            }
        }
    }
    sum.into_iter()
        .map(|(feature, mut weights)| {
            weights.iter_mut().for_each(|(_, w)| *w /= n_models as f32);
            weights.sort_by_key(|(label, _)| *label);
            (feature, weights)
        })
        .collect()
}

fn train_one<L: Labeller>(task: &L, examples: &dyn Examples<L>, config: &TrainConfig, progress: &mut dyn FnMut(usize, f64)) -> Weights {
    let mut state = L::State::default();
    let fixed = |state: &L::State, idx: usize| if task.fixed_in_training() { task.fixed(state, idx) } else { None };
    let mut features = Vec::with_capacity(64);

    // Count features under gold history to prune the rare ones.
    let mut counts: FeatureMap<u32> = FeatureMap::default();
    for s in 0..examples.n_sentences() {
        let gold = examples.prepare(task, s, &mut state);
        for idx in 0..gold.len() {
            if fixed(&state, idx).is_some() {
                continue;
            }
            features.clear();
            task.features(&state, idx, &gold[..idx], &mut features);
            for &feature in &features {
                *counts.entry(feature).or_default() += 1;
            }
        }
    }
    counts.retain(|_, n| *n >= config.min_feature_count);

    let mut weights: FeatureMap<Vec<Weight>> = FeatureMap::default();
    let mut step: u64 = 0;
    let mut order: Vec<usize> = (0..examples.n_sentences()).collect();
    let mut rng = config.seed | 1;
    let mut scores = vec![0f32; task.n_labels()];
    let mut predicted: Vec<u16> = Vec::new();
    for iteration in 0..config.iterations {
        shuffle(&mut order, &mut rng);
        let (mut n_correct, mut n_total) = (0usize, 0usize);
        for &s in &order {
            let gold = examples.prepare(task, s, &mut state);
            predicted.clear();
            for (idx, &truth) in gold.iter().enumerate() {
                if let Some(label) = fixed(&state, idx) {
                    predicted.push(label);
                    continue;
                }
                step += 1;
                features.clear();
                task.features(&state, idx, &predicted, &mut features);
                features.retain(|f| counts.contains_key(f));
                scores.iter_mut().for_each(|s| *s = 0.0);
                for feature in &features {
                    if let Some(ws) = weights.get(feature) {
                        for w in ws {
                            scores[w.label as usize] += w.value;
                        }
                    }
                }
                let previous = predicted.last().copied();
                let guess = best_allowed(&scores, |label| task.allowed(previous, label));
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

    let mut averaged: Weights = weights
        .into_iter()
        .map(|(feature, ws)| {
            let averaged = ws
                .into_iter()
                .map(|w| {
                    let total = w.total + (step - w.stamp) as f64 * f64::from(w.value);
                    (w.label, (total / step.max(1) as f64) as f32)
                })
                .collect();
            (feature, averaged)
        })
        .collect();
    averaged.sort_by_key(|(feature, _)| *feature);
    averaged
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

/// The highest-scoring label that `allowed` accepts (label 0 if none is).
pub(crate) fn best_allowed<S: PartialOrd + Copy>(scores: &[S], allowed: impl Fn(u16) -> bool) -> u16 {
    let mut best: Option<(u16, S)> = None;
    for (label, &score) in scores.iter().enumerate() {
        let label = label as u16;
        if best.is_none_or(|(_, b)| score > b) && allowed(label) {
            best = Some((label, score));
        }
    }
    best.map_or(0, |(label, _)| label)
}

/// The first label with the highest score (label 0 if there is none): what
/// [`best_allowed`] gives when every label is allowed, without a branch
/// per label.
///
/// Eight labels at a time, in lanes the compiler keeps in vector registers:
/// the tagger's 109 labels take a few instructions rather than a branch
/// each.
fn first_max(scores: &[i32]) -> u16 {
    const LANES: usize = 8;
    if scores.is_empty() {
        return 0;
    }
    let chunks = scores.chunks_exact(LANES);
    let rest = chunks.remainder();
    let mut lanes = [i32::MIN; LANES];
    for chunk in chunks.clone() {
        for (lane, &s) in lanes.iter_mut().zip(chunk) {
            *lane = (*lane).max(s);
        }
    }
    let max = lanes.into_iter().chain(rest.iter().copied()).fold(i32::MIN, i32::max);
    let chunk = chunks.clone().position(|chunk| chunk.iter().fold(false, |any, &s| any | (s == max)));
    let start = chunk.map_or(scores.len() - rest.len(), |c| c * LANES);
    let label = start + scores[start..].iter().position(|&s| s == max).unwrap_or(0);
    label as u16
}

/// Reusable buffers for decoding.
pub(crate) struct Decoder {
    features: Vec<u64>,
    /// The next word's features, for prefetching.
    ahead: Vec<u64>,
    found: crate::model::Found,
    /// Scores in quantised weight units (the model's scale is positive, so
    /// the best label is the same), one slot per possible label byte.
    scores: Box<[i32; 256]>,
}

impl Default for Decoder {
    fn default() -> Decoder {
        Decoder { features: Vec::new(), ahead: Vec::new(), found: Default::default(), scores: Box::new([0; 256]) }
    }
}

impl Decoder {
    /// Labels the words of a prepared sentence greedily with a trained model.
    pub(crate) fn decode<T: Labeller>(&mut self, task: &T, model: &Model<'_>, state: &T::State, n_words: usize, out: &mut Vec<u16>) {
        out.clear();
        let n_labels = model.n_labels();
        // The word whose features `self.ahead` holds.
        let mut ahead = None;
        for idx in 0..n_words {
            if let Some(label) = task.fixed(state, idx) {
                out.push(label);
                continue;
            }
            if ahead == Some(idx) {
                std::mem::swap(&mut self.features, &mut self.ahead);
                task.refresh_history(state, idx, out, &mut self.features);
            } else {
                self.features.clear();
                task.features(state, idx, out, &mut self.features);
            }
            // The next word's features and lookups start now, under a
            // provisional history (this word's label is not known yet):
            // most of them do not depend on it.
            ahead = None;
            if idx + 1 < n_words && task.fixed(state, idx + 1).is_none() {
                self.ahead.clear();
                task.features(state, idx + 1, out, &mut self.ahead);
                model.prefetch(&self.ahead);
                ahead = Some(idx + 1);
            }
            self.scores.fill(0);
            model.add_all_scores(&self.features, &mut self.found, &mut self.scores);
            let previous = out.last().copied();
            out.push(if task.constrained() {
                best_allowed(&self.scores[..n_labels], |label| task.allowed(previous, label))
            } else {
                first_max(&self.scores[..n_labels])
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_allowed_skips_forbidden_labels() {
        assert_eq!(best_allowed(&[0.5, 2.0, 1.0], |_| true), 1);
        assert_eq!(best_allowed(&[0.5, 2.0, 1.0], |l| l != 1), 2);
        assert_eq!(best_allowed(&[0.5, 2.0, 1.0], |_| false), 0);
    }

    #[test]
    fn first_max_is_best_allowed_without_constraints() {
        for scores in [&[3, 9, 9, -2][..], &[-5, -5], &[0], &[], &[1, 2, 3, 4, 5, 6, 7, 8, 9, 8, 9]] {
            assert_eq!(first_max(scores), best_allowed(scores, |_| true), "{scores:?}");
        }
        // Lengths around whole blocks of lanes, the best anywhere, ties too.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in 1..40 {
            for _ in 0..50 {
                let scores: Vec<i32> = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        if state % 5 == 0 { i32::MIN } else { (state % 7) as i32 - 3 }
                    })
                    .collect();
                assert_eq!(first_max(&scores), best_allowed(&scores, |_| true), "{scores:?}");
            }
        }
    }
}
