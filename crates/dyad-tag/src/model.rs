//! The tagger model file: zero-copy hash tables of features and words.
//!
//! Layout (little-endian):
//!
//! ```text
//! magic      8 bytes  "DYADTAG3"
//! n_labels   u32      then each label: u8 length, UTF-8 bytes ("NOUN/NN")
//! capacity   u32      number of feature slots, a power of two
//! scale      f32      weight = quantised weight × scale
//! n_entries  u32      size of the entries region in bytes
//! slots      capacity × (u32 fingerprint, u32 offset)   fingerprint 0 = empty
//! entries    per feature: u8 count, then count × (u8 label, i16 weight)
//! n_classes  u32      then each word class: u8 length, bytes ("NOUN|VERB", "cap|given")
//! capacity   u32      number of dictionary slots, a power of two
//! slots      capacity × (u32 fingerprint, u32 value)
//! ```
//!
//! A dictionary value holds the class index in its low 16 bits and, in its
//! high 16 bits, 1 + the label the word always takes (0 when it has none):
//! the tagger gives such words that label without scoring.
//!
//! Both tables use open addressing: key `h` lives in slot `h mod capacity`
//! or the next free ones (linear probing); its fingerprint is the high 32
//! bits of `h` (made non-zero). The dictionary maps a word's key to its
//! class: for the tagger the tags the training data gave it, for the entity
//! recogniser its usual casing and gazetteer lists. The binary embeds the
//! file and reads the weights in place; on reading, the feature table is
//! copied into 64-bit slots, and the features with weights for many labels
//! (the bias, previous tags, common suffixes: about 5,100 of the tagger's
//! 66,000, with 12 weights or more) get a dense row of weights, added with
//! vector instructions instead of label by label (about a millisecond at
//! start; the tagger runs 1.4× faster). In a model of at most eight labels
//! (the entity recogniser) every feature gets a dense row of eight.

use std::fmt;
use std::sync::Arc;

const MAGIC: &[u8; 8] = b"DYADTAG3";

/// A model file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "corrupt model file: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

impl ModelError {
    pub(crate) fn new(message: &str) -> ModelError {
        ModelError(message.to_string())
    }
}

/// Features with at least this many weights are scored from a dense row
/// (one weight per label, added with vector instructions) rather than
/// label by label; frequent features (the bias, previous tags, common
/// suffixes) carry weights for most labels. A row of 128 weights (256
/// bytes, read in order) is added faster than a list of a dozen weights
/// label by label: at 12, 5,100 of the tagger's 66,000 features have rows
/// (1.3 MB); at 24, 1,600 did, and tagging, chunking and recognising ran
/// 5–9% slower.
const DENSE_MIN_ENTRIES: u8 = 12;

/// Feature slots compared at a time by a lookup (see `find_feature`).
const WINDOW: usize = 4;

/// Models with at most this many labels (the entity recogniser's seven)
/// keep every feature as a dense row of this many weights: 16 bytes, no
/// more than its list of `(label, weight)` triples, and added in registers
/// rather than label by label.
const SMALL: usize = 8;

/// Marks a feature slot's value as a dense row index rather than an offset.
const DENSE: u32 = 1 << 31;

/// Dense rows are added in blocks of this many labels, each block summed
/// over all rows in registers before it is stored; rows are padded to a
/// multiple of it.
const LANES: usize = 64;

/// A model read in place from its bytes.
#[derive(Clone)]
pub struct Model<'a> {
    labels: Vec<&'a str>,
    mask: u64,
    scale: f32,
    /// The feature table: fingerprint in the high 32 bits, value in the
    /// low: an offset into `entries`, or [`DENSE`] | a row of `dense`.
    slots: Arc<[u64]>,
    entries: &'a [u8],
    /// Dense rows of the features with many weights, `stride` weights each.
    dense: Arc<[i16]>,
    stride: usize,
    /// The processor has AVX2 (x86-64): dense rows are added 8 labels an
    /// instruction rather than 4.
    avx2: bool,
    classes: Vec<&'a str>,
    /// Hash of each class name (a feature value).
    class_hashes: Vec<u64>,
    class_mask: u64,
    class_slots: &'a [u8],
}

impl fmt::Debug for Model<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Model").field("labels", &self.labels.len()).field("slots", &(self.mask + 1)).finish()
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).filter(|&end| end <= self.bytes.len()).ok_or_else(|| ModelError("truncated".into()))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }

    fn strings(&mut self, n: usize) -> Result<Vec<&'a str>, ModelError> {
        let mut strings = Vec::with_capacity(n);
        for _ in 0..n {
            let len = self.take(1)?[0] as usize;
            strings.push(std::str::from_utf8(self.take(len)?).map_err(|_| ModelError("name is not UTF-8".into()))?);
        }
        Ok(strings)
    }

    fn capacity(&mut self) -> Result<usize, ModelError> {
        let capacity = self.u32()? as usize;
        if !capacity.is_power_of_two() {
            return Err(ModelError("capacity is not a power of two".into()));
        }
        Ok(capacity)
    }
}

impl<'a> Model<'a> {
    /// Reads a model, checking its structure (not every entry).
    pub fn read(bytes: &'a [u8]) -> Result<Model<'a>, ModelError> {
        let mut cursor = Cursor { bytes, pos: 0 };
        if cursor.take(8)? != MAGIC {
            return Err(ModelError("not a dyad tagger model of this version".into()));
        }
        let n_labels = cursor.u32()? as usize;
        if n_labels == 0 || n_labels > 255 {
            return Err(ModelError(format!("{n_labels} labels")));
        }
        let labels = cursor.strings(n_labels)?;
        let capacity = cursor.capacity()?;
        let scale = f32::from_bits(cursor.u32()?);
        let n_entry_bytes = cursor.u32()? as usize;
        if n_entry_bytes >= DENSE as usize {
            return Err(ModelError("weights region too large".into()));
        }
        let slots = cursor.take(capacity * 8)?;
        let entries = cursor.take(n_entry_bytes)?;
        let n_classes = cursor.u32()? as usize;
        let classes = cursor.strings(n_classes)?;
        let class_capacity = cursor.capacity()?;
        let class_slots = cursor.take(class_capacity * 8)?;
        if cursor.pos != bytes.len() {
            return Err(ModelError("trailing bytes".into()));
        }
        let class_hashes = classes.iter().map(|c| crate::features::hash_str(c)).collect();
        // Whole blocks of lanes, so the dense additions need no scalar tail
        // (at most 256: labels are bytes).
        let small = n_labels <= SMALL;
        let stride = if small { SMALL } else { n_labels.next_multiple_of(LANES) };
        let dense_min = if small { 1 } else { DENSE_MIN_ENTRIES };
        let mut dense = Vec::new();
        let slots = slots
            .chunks_exact(8)
            .map(|slot| {
                let fingerprint = u32::from_le_bytes(slot[..4].try_into().expect("4 bytes"));
                let mut value = u32::from_le_bytes(slot[4..].try_into().expect("4 bytes"));
                let count = entries.get(value as usize).copied().unwrap_or(0);
                if fingerprint != 0 && count >= dense_min && value < DENSE {
                    let row = dense.len() / stride;
                    dense.resize(dense.len() + stride, 0i16);
                    for entry in entries_at(entries, value as usize).chunks_exact(3) {
                        let label = usize::from(entry[0]);
                        if label < n_labels {
                            dense[row * stride + label] = dense[row * stride + label].saturating_add(i16::from_le_bytes([entry[1], entry[2]]));
                        }
                    }
                    value = DENSE | row as u32;
                }
                u64::from(fingerprint) << 32 | u64::from(value)
            })
            .collect::<Vec<u64>>();
        if slots.iter().all(|&slot| slot >> 32 != 0) {
            return Err(ModelError("feature table without an empty slot".into()));
        }
        // The first slots again past the end, so a probe window starting at
        // any slot reads on without wrapping (see `find_feature`).
        let mut slots = slots;
        for i in 0..WINDOW - 1 {
            slots.push(slots[i % capacity]);
        }
        let slots: Arc<[u64]> = slots.into();
        Ok(Model {
            labels,
            mask: capacity as u64 - 1,
            scale,
            slots,
            entries,
            dense: dense.into(),
            stride,
            avx2: has_avx2(),
            classes,
            class_hashes,
            class_mask: class_capacity as u64 - 1,
            class_slots,
        })
    }

    /// Number of labels.
    pub fn n_labels(&self) -> usize {
        self.labels.len()
    }

    /// The name of a label index (`""` when out of range).
    pub fn label(&self, label: u16) -> &'a str {
        self.labels.get(label as usize).copied().unwrap_or("")
    }

    /// All labels.
    pub fn labels(&self) -> &[&'a str] {
        &self.labels
    }

    /// The dictionary's class names.
    pub fn classes(&self) -> &[&'a str] {
        &self.classes
    }

    /// Number of features stored.
    pub fn n_features(&self) -> usize {
        self.slots[..=self.mask as usize].iter().filter(|&&slot| slot >> 32 != 0).count()
    }

    /// The class name stored for a word key.
    pub fn class(&self, key: u64) -> Option<&'a str> {
        let value = find(self.class_slots, self.class_mask, key)?;
        self.classes.get((value & 0xffff) as usize).copied()
    }

    /// Loads the home dictionary slot of each key, so that the lookups that
    /// follow find them in cache (the loads overlap; see `add_all_scores`).
    pub(crate) fn touch_dictionary(&self, keys: &[u64]) {
        let mut touched = 0u8;
        for &key in keys {
            touched ^= self.class_slots.get((key & self.class_mask) as usize * 8).copied().unwrap_or(0);
        }
        std::hint::black_box(touched);
    }

    /// The dictionary entry of a word key.
    pub(crate) fn entry(&self, key: u64) -> Option<DictEntry> {
        let value = find(self.class_slots, self.class_mask, key)?;
        let index = value & 0xffff;
        let class = *self.class_hashes.get(index as usize)?;
        let sure = (value >> 16).checked_sub(1).map(|label| label as u16);
        Some(DictEntry { class, index, sure })
    }

    /// Adds the quantised weights of all `features` to `scores` (one per
    /// label, in units of [`Model::scale`]).
    ///
    /// Two passes, first every table slot, then every weight list, so the
    /// memory loads of different features overlap instead of queueing one
    /// behind the other (scoring is bound by cache misses, not arithmetic).
    /// The dense rows are then summed block by block in registers, and the
    /// sparse weights added one by one.
    ///
    /// `scores` has a slot for every possible label byte, so adding needs no
    /// bounds check; the model's labels are the first [`Model::n_labels`].
    pub fn add_all_scores(&self, features: &[u64], found: &mut Found, scores: &mut [i32; 256]) {
        // Touch each feature's home slot first: loads with no branch on
        // their values, which the processor keeps in flight together.
        let mut touched = 0u64;
        for &feature in features {
            touched ^= self.slots.get((feature & self.mask) as usize).copied().unwrap_or(0);
        }
        std::hint::black_box(touched);
        found.sparse.clear();
        found.dense.clear();
        for &feature in features {
            match find_feature(&self.slots, self.mask, feature) {
                Some(offset) if offset >= DENSE => found.dense.push(offset - DENSE),
                Some(offset) => found.sparse.push(offset),
                None => {}
            }
        }
        let mut touched = 0u8;
        for &offset in &found.sparse {
            touched ^= self.entries.get(offset as usize).copied().unwrap_or(0);
        }
        std::hint::black_box(touched);
        self.add_dense_rows(&found.dense, scores);
        for &offset in &found.sparse {
            add_entries(entries_at(self.entries, offset as usize), scores);
        }
    }

    /// Asks the processor to bring the table slots of `features` into
    /// cache without waiting for them: a hint, issued a word ahead, so the
    /// lookups of the next word overlap the scoring of this one.
    pub(crate) fn prefetch(&self, features: &[u64]) {
        for &feature in features {
            if let Some(slot) = self.slots.get((feature & self.mask) as usize) {
                prefetch(slot);
            }
        }
    }

    /// Adds dense rows `rows` to `scores`.
    fn add_dense_rows(&self, rows: &[u32], scores: &mut [i32; 256]) {
        if rows.is_empty() {
            return;
        }
        if self.stride == SMALL {
            add_rows::<SMALL>(&self.dense, SMALL, rows, scores);
            return;
        }
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: `avx2` is set only when the processor has AVX2.
            unsafe { add_rows_avx2(&self.dense, self.stride, rows, scores) };
            return;
        }
        add_rows::<LANES>(&self.dense, self.stride, rows, scores);
    }

    /// Adds the quantised weights of `feature` to `scores` (one per label;
    /// labels past the end of `scores` are left out).
    pub fn add_scores(&self, feature: u64, scores: &mut [i32]) {
        let Some(offset) = find_feature(&self.slots, self.mask, feature) else { return };
        let mut all = [0i32; 256];
        self.add_weights(offset, &mut all);
        for (score, added) in scores.iter_mut().zip(all) {
            *score += added;
        }
    }

    /// Adds the weights of one feature found at `offset` (a dense row or a
    /// list of `(label, weight)` triples).
    fn add_weights(&self, offset: u32, scores: &mut [i32; 256]) {
        match offset.checked_sub(DENSE) {
            Some(row) => self.add_dense_rows(&[row], scores),
            None => add_entries(entries_at(self.entries, offset as usize), scores),
        }
    }

    /// The weight of one quantised unit.
    pub fn scale(&self) -> f32 {
        self.scale
    }
}

/// Reusable buffers of [`Model::add_all_scores`]: the features found, as
/// weight lists and as dense rows.
#[derive(Clone, Debug, Default)]
pub struct Found {
    sparse: Vec<u32>,
    dense: Vec<u32>,
}

/// Adds `(label, weight)` triples to `scores`.
#[inline]
fn add_entries(entries: &[u8], scores: &mut [i32; 256]) {
    for entry in entries.chunks_exact(3) {
        scores[usize::from(entry[0])] += i32::from(i16::from_le_bytes([entry[1], entry[2]]));
    }
}

/// Hints the processor to load the cache line of `value`.
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch never faults and changes nothing but the cache;
    // SSE, which it needs, is part of x86-64.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((value as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Whether the processor has AVX2.
fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    return std::arch::is_x86_feature_detected!("avx2");
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// [`add_rows`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn add_rows_avx2(dense: &[i16], stride: usize, rows: &[u32], scores: &mut [i32; 256]) {
    add_rows::<LANES>(dense, stride, rows, scores)
}

/// Adds dense rows (`stride` weights each, a multiple of `L`) to `scores`:
/// one block of `L` labels at a time, summed over all rows in an
/// accumulator the compiler keeps in vector registers.
#[inline(always)]
fn add_rows<const L: usize>(dense: &[i16], stride: usize, rows: &[u32], scores: &mut [i32; 256]) {
    let stride = stride.min(scores.len());
    for (block, out) in scores[..stride].chunks_exact_mut(L).enumerate() {
        let mut sum = [0i32; L];
        for &row in rows {
            let start = row as usize * stride + block * L;
            let Some(weights) = dense.get(start..start + L) else { continue };
            for (s, &w) in sum.iter_mut().zip(weights) {
                *s += i32::from(w);
            }
        }
        for (score, s) in out.iter_mut().zip(sum) {
            *score += s;
        }
    }
}

/// What a model's dictionary says of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DictEntry {
    /// Hash of the word's class name.
    pub class: u64,
    /// Index of the class in [`Model::classes`].
    pub index: u32,
    /// The label the word always takes, if any.
    pub sure: Option<u16>,
}

/// The `(label, weight)` triples of the feature whose entries start at
/// `offset` (none if the file is corrupt there).
fn entries_at(entries: &[u8], offset: usize) -> &[u8] {
    let Some(&count) = entries.get(offset) else { return &[] };
    entries.get(offset + 1..offset + 1 + usize::from(count) * 3).unwrap_or(&[])
}

/// Looks a key up in the feature table (fingerprint in each slot's high 32
/// bits, value in the low). [`Model::read`] makes sure a slot is empty, so
/// the probe ends without counting its steps.
///
/// Linear probing, [`WINDOW`] slots at a time: the slots of a window are
/// compared without branching, and the key is found when a slot holds its
/// fingerprint before any slot is empty. Most keys end in their first
/// window, so the probe takes one well-predicted branch rather than one
/// hard-to-predict branch per slot. The table repeats its first slots past
/// its end, so a window never wraps.
#[inline]
fn find_feature(slots: &[u64], mask: u64, key: u64) -> Option<u32> {
    let fingerprint = u64::from(fingerprint(key));
    let mut idx = (key & mask) as usize;
    loop {
        let window: &[u64; WINDOW] = slots.get(idx..idx + WINDOW)?.try_into().ok()?;
        let (mut matched, mut empty) = (0u32, 0u32);
        for (i, &slot) in window.iter().enumerate() {
            matched |= u32::from(slot >> 32 == fingerprint) << i;
            empty |= u32::from(slot >> 32 == 0) << i;
        }
        let hit = matched.trailing_zeros();
        if hit < empty.trailing_zeros() {
            return Some(window[hit as usize] as u32);
        }
        if empty != 0 {
            return None;
        }
        idx = (idx + WINDOW) & mask as usize;
    }
}

/// Looks a key up in a table of (fingerprint, value) slots as the file
/// stores them (little-endian bytes).
fn find(slots: &[u8], mask: u64, key: u64) -> Option<u32> {
    probe(mask, key, |idx| {
        let slot = slots.get(idx * 8..idx * 8 + 8)?;
        Some((u32::from_le_bytes(slot[..4].try_into().expect("4 bytes")), u32::from_le_bytes(slot[4..].try_into().expect("4 bytes"))))
    })
}

/// Linear probing from the key's home slot: `slot(idx)` reads slot `idx`
/// as (fingerprint, value); fingerprint 0 marks an empty slot.
#[inline]
fn probe(mask: u64, key: u64, slot: impl Fn(usize) -> Option<(u32, u32)>) -> Option<u32> {
    let fingerprint = fingerprint(key);
    let mut idx = key & mask;
    for _ in 0..=mask {
        match slot(idx as usize)? {
            (0, _) => return None,
            (found, value) if found == fingerprint => return Some(value),
            _ => idx = (idx + 1) & mask,
        }
    }
    None
}

fn fingerprint(key: u64) -> u32 {
    ((key >> 32) as u32) | 1
}

/// Builds an open-addressing table; `entries` must have distinct keys and
/// come in a fixed order (the layout depends on it).
fn build_table(entries: &[(u64, u32)]) -> (usize, Vec<u8>) {
    // Load factor between 0.4 and 0.8: short probes, few empty slots.
    let capacity = (entries.len() + entries.len() / 4).next_power_of_two().max(8);
    let mask = capacity as u64 - 1;
    let mut slots = vec![0u8; capacity * 8];
    for &(key, value) in entries {
        let mut idx = key & mask;
        while slots[idx as usize * 8..idx as usize * 8 + 4] != [0, 0, 0, 0] {
            idx = (idx + 1) & mask;
        }
        slots[idx as usize * 8..idx as usize * 8 + 4].copy_from_slice(&fingerprint(key).to_le_bytes());
        slots[idx as usize * 8 + 4..idx as usize * 8 + 8].copy_from_slice(&value.to_le_bytes());
    }
    (capacity, slots)
}

fn push_strings(out: &mut Vec<u8>, strings: &[String]) {
    out.extend_from_slice(&(strings.len() as u32).to_le_bytes());
    for s in strings {
        out.push(s.len() as u8);
        out.extend_from_slice(s.as_bytes());
    }
}

/// A word of a model's dictionary: its key, class name and sure label (for
/// the entity recogniser, `Some(1)` marks a word that starts a gazetteer
/// phrase).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DictWord {
    /// The word key.
    pub key: u64,
    /// Its class.
    pub class: String,
    /// The label it always takes, if any.
    pub sure: Option<u16>,
}

/// Which weights a model file keeps, as fractions of the model's largest
/// weight. Averaged perceptrons learn many features whose weights never
/// grow (rare words, rare pairs): they barely move a decision, yet each
/// costs a cache miss when looked up. Dropping them makes the tables small
/// enough to stay in the processor's cache.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pruning {
    /// Drop a feature whose largest weight (in absolute value) is below this.
    pub feature: f32,
    /// Drop a single label's weight below this (the feature stays).
    pub entry: f32,
}

/// Writes a model file from labels, averaged weights per feature
/// (`(label, weight)` pairs) and the word dictionary.
/// Weights are quantised to 16 bits; entries that round to zero or fall
/// under `pruning`, and features left with none, are dropped. Tables are
/// filled in key order, so the same inputs give the same bytes.
pub fn write(labels: &[String], mut features: Vec<(u64, Vec<(u16, f32)>)>, dictionary: &[DictWord], pruning: Pruning) -> Vec<u8> {
    let max_abs = features.iter().flat_map(|(_, ws)| ws.iter().map(|(_, w)| w.abs())).fold(0f32, f32::max);
    let scale = if max_abs > 0.0 { max_abs / f32::from(i16::MAX) } else { 1.0 };
    let (min_feature, min_entry) = (pruning.feature * max_abs, pruning.entry * max_abs);
    features.sort_by_key(|(hash, _)| *hash);
    let mut entries = Vec::new();
    let mut kept: Vec<(u64, u32)> = Vec::new();
    for (hash, weights) in &features {
        if weights.iter().all(|(_, w)| w.abs() < min_feature) {
            continue;
        }
        let mut quantised: Vec<(u16, i16)> = weights
            .iter()
            .filter(|(_, w)| w.abs() >= min_entry)
            .map(|&(label, w)| (label, (w / scale).round().clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16))
            .filter(|&(_, q)| q != 0)
            .collect();
        quantised.sort_by_key(|&(label, _)| label);
        if quantised.is_empty() {
            continue;
        }
        quantised.truncate(255);
        kept.push((*hash, entries.len() as u32));
        entries.push(quantised.len() as u8);
        for (label, weight) in quantised {
            entries.push(label as u8);
            entries.extend_from_slice(&weight.to_le_bytes());
        }
    }
    let (capacity, slots) = build_table(&kept);

    let mut classes: Vec<String> = dictionary.iter().map(|word| word.class.clone()).collect();
    classes.sort();
    classes.dedup();
    classes.truncate(0xffff);
    let mut words: Vec<(u64, u32)> = dictionary
        .iter()
        .filter_map(|word| {
            let class = classes.binary_search(&word.class).ok()? as u32;
            let sure = word.sure.map_or(0, |label| u32::from(label) + 1);
            Some((word.key, class | sure << 16))
        })
        .collect();
    words.sort();
    words.dedup_by_key(|(key, _)| *key);
    let (class_capacity, class_slots) = build_table(&words);

    let mut out = Vec::with_capacity(64 + slots.len() + entries.len() + class_slots.len());
    out.extend_from_slice(MAGIC);
    push_strings(&mut out, labels);
    out.extend_from_slice(&(capacity as u32).to_le_bytes());
    out.extend_from_slice(&scale.to_bits().to_le_bytes());
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    out.extend_from_slice(&slots);
    out.extend_from_slice(&entries);
    push_strings(&mut out, &classes);
    out.extend_from_slice(&(class_capacity as u32).to_le_bytes());
    out.extend_from_slice(&class_slots);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_models_read_back() {
        let labels = vec!["NOUN/NN".to_string(), "VERB/VB".to_string()];
        // Keys are 64-bit hashes: their high bits are the fingerprints.
        let (a, b, c, d) = (0x9e37_79b9_7f4a_7c15u64, 0xbf58_476d_1ce4_e5b9, 0x94d0_49bb_1331_11eb, 0x2545_f491_4f6c_dd1d);
        let dictionary = [DictWord { key: a, class: "NOUN|VERB".into(), sure: None }, DictWord { key: b, class: "NOUN".into(), sure: Some(0) }];
        let features = vec![(a, vec![(0, 1.5), (1, -0.5)]), (b, vec![(1, 2.0)]), (c, vec![(0, 0.0)])];
        let bytes = write(&labels, features, &dictionary, Pruning::default());
        let model = Model::read(&bytes).unwrap();
        assert_eq!(model.labels(), ["NOUN/NN", "VERB/VB"]);
        assert_eq!(model.n_features(), 2);
        let mut scores = [0i32; 2];
        model.add_scores(a, &mut scores);
        let weights = scores.map(|s| s as f32 * model.scale());
        assert!((weights[0] - 1.5).abs() < 1e-3 && (weights[1] + 0.5).abs() < 1e-3, "{weights:?}");
        let mut scores = [0i32; 2];
        model.add_scores(d, &mut scores);
        assert_eq!(scores, [0, 0]);
        assert_eq!(model.class(a), Some("NOUN|VERB"));
        assert_eq!(model.class(b), Some("NOUN"));
        assert_eq!(model.class(d), None);
        assert_eq!(model.entry(a).unwrap().sure, None);
        assert_eq!(model.entry(b).unwrap().sure, Some(0));
        assert_eq!(model.entry(b).unwrap().class, crate::features::hash_str("NOUN"));
        assert!(Model::read(&bytes[..bytes.len() - 1]).is_err());
        // Few labels: every feature is a dense row of SMALL weights.
        assert_eq!((model.stride, model.dense.len()), (SMALL, 2 * SMALL));
        let mut all = [0i32; 256];
        model.add_all_scores(&[a, b, d, a], &mut Found::default(), &mut all);
        let mut one = [0i32; 2];
        for feature in [a, b, d, a] {
            model.add_scores(feature, &mut one);
        }
        assert_eq!(all[..2], one);
        assert_eq!(one[1], 2 * (-0.5f32 / model.scale()).round() as i32 + (2.0f32 / model.scale()).round() as i32);
        assert!(all[2..].iter().all(|&s| s == 0));

        // A feature with weights for many labels is scored from a dense row,
        // to the same sums; a label outside the model is ignored.
        let labels: Vec<String> = (0..30).map(|l| format!("L{l}")).collect();
        let weights: Vec<(u16, f32)> = (0..30u16).map(|l| (l, f32::from(l) - 10.5)).collect();
        let bytes = write(&labels, vec![(a, weights.clone()), (b, vec![(3, 2.0)])], &dictionary, Pruning::default());
        let model = Model::read(&bytes).unwrap();
        assert_eq!(model.dense.len(), model.stride, "one dense row");
        let mut all = [0i32; 256];
        model.add_all_scores(&[a, b, d], &mut Found::default(), &mut all);
        let mut one = [0i32; 30];
        model.add_scores(a, &mut one);
        model.add_scores(b, &mut one);
        assert_eq!(all[..30], one);
        assert!(all[30..].iter().all(|&s| s == 0));
        for (label, weight) in weights {
            let expected = weight + if label == 3 { 2.0 } else { 0.0 };
            assert!((all[label as usize] as f32 * model.scale() - expected).abs() < 1e-2, "label {label}");
        }
        assert!(Model::read(b"DYADTAG0").is_err());
    }

    #[test]
    fn a_full_feature_table_is_refused() {
        let labels = vec!["A".to_string()];
        let mut bytes = write(&labels, vec![(0x9e37_79b9_7f4a_7c15, vec![(0, 1.0)])], &[], Pruning::default());
        // Magic, label count, one label "A", capacity, scale, entry size: then the slots.
        let slots = 8 + 4 + 2 + 4 + 4 + 4;
        let capacity = u32::from_le_bytes(bytes[8 + 4 + 2..8 + 4 + 2 + 4].try_into().unwrap()) as usize;
        assert!(Model::read(&bytes).is_ok());
        for slot in 0..capacity {
            let fingerprint = &mut bytes[slots + slot * 8..slots + slot * 8 + 4];
            if fingerprint == [0, 0, 0, 0] {
                fingerprint.copy_from_slice(&7u32.to_le_bytes());
            }
        }
        assert!(Model::read(&bytes).unwrap_err().to_string().contains("empty slot"));
    }

    #[test]
    fn windowed_probes_find_what_slot_by_slot_probes_find() {
        // Many keys whose home slots crowd the last slots of a table, so
        // their runs are longer than a window and wrap past its end.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let labels = vec!["A".to_string()];
        let keys: Vec<u64> = (0..200).map(|i| (next() & !63) | if i % 3 == 0 { 62 + i % 2 } else { next() & 63 }).collect();
        let features = keys.iter().map(|&k| (k, vec![(0u16, 1.0f32)])).collect();
        let bytes = write(&labels, features, &[], Pruning::default());
        let model = Model::read(&bytes).unwrap();
        let capacity = model.mask as usize + 1;
        assert_eq!(model.slots.len(), capacity + WINDOW - 1);
        // The reference: one slot at a time, wrapping at the end.
        let slot_by_slot = |key: u64| {
            let mut idx = (key & model.mask) as usize;
            loop {
                match model.slots[idx] >> 32 {
                    0 => return None,
                    f if f == u64::from(fingerprint(key)) => return Some(model.slots[idx] as u32),
                    _ => idx = (idx + 1) % capacity,
                }
            }
        };
        let absent: Vec<u64> = (0..2000).map(|_| next()).collect();
        for &key in keys.iter().chain(&absent) {
            assert_eq!(find_feature(&model.slots, model.mask, key), slot_by_slot(key), "key {key:x}");
        }
        assert!(keys.iter().all(|&k| find_feature(&model.slots, model.mask, k).is_some()));
    }

    #[test]
    fn dense_rows_add_the_same_on_every_path() {
        let stride = 2 * LANES;
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let dense: Vec<i16> = (0..5 * stride)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as i16
            })
            .collect();
        let rows = [4, 0, 2, 2, 9];
        let mut expected = [7i32; 256];
        for &row in &rows[..4] {
            for (label, score) in expected[..stride].iter_mut().enumerate() {
                *score += i32::from(dense[row as usize * stride + label]);
            }
        }
        let mut scores = [7i32; 256];
        add_rows::<LANES>(&dense, stride, &rows, &mut scores);
        assert_eq!(scores, expected, "row 9 is out of range and skipped");
        #[cfg(target_arch = "x86_64")]
        if has_avx2() {
            let mut scores = [7i32; 256];
            // SAFETY: checked just above.
            unsafe { add_rows_avx2(&dense, stride, &rows, &mut scores) };
            assert_eq!(scores, expected);
        }
    }
}
