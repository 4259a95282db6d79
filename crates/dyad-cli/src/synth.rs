//! `dyad synth`: a synthetic event database for load tests.
//!
//! Writes `--events` events (default one million) into a SQLite file or a
//! PostgreSQL database through the store's own insert path, so the rows,
//! indexes and stored analyses are those `dyad ingest` writes. Each
//! synthetic document is the analysis of one short sentence of ours, with
//! its events replaced by drawn ones: actor countries by a Zipf law over
//! fifty CAMEO country codes (so some dyads are busy and most are rare, as
//! in news), event codes from the whole CAMEO codebook (roots 01–05
//! weighted up), modalities mostly asserted, dates over four years and
//! places among the world's capitals. The draw is seeded: the same flags
//! write the same database.

use std::time::Instant;

use anyhow::Context;
use dyad_store::Store;
use dyad_wire::{AnalysisJson, EventActorJson, EventJson, PlaceJson};

use crate::flags::SynthFlags;
use crate::Outcome;

/// Countries drawn for actors, busiest first (CAMEO codes).
const COUNTRIES: &[&str] = &[
    "USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "ISR", "IRN", "TUR", "IND", "PAK", "SYR", "IRQ", "AFG", "SAU", "EGY", "JPN", "PRK",
    "KOR", "BRA", "MEX", "NGA", "ZAF", "ETH", "SDN", "LBY", "YEM", "VEN", "COL", "POL", "ITA", "ESP", "CAN", "AUS", "IDN", "PHL", "MMR",
    "THA", "VNM", "KEN", "SOM", "MLI", "NER", "BLR", "GEO", "ARM", "AZE", "SRB", "HUN",
];

/// Sectors appended to a country code (empty: the country itself).
const SECTORS: &[&str] = &["GOV", "", "MIL", "GOV", "COP", "REB", "BUS", "GOV", "", "MED"];

const MODALITIES: &[&str] = &["asserted", "asserted", "asserted", "asserted", "asserted", "future", "negated", "conditional", "demanded"];

/// The sentence each synthetic document starts from (ours); the words of
/// what was discussed are drawn for each document from [`TOPICS`], so a
/// text search is as selective as in news (a few words common, most rare).
const TEMPLATE: &str = "Officials of two governments met in the capital on Monday and discussed";

/// What the officials discussed, most frequent first.
const TOPICS: &[&str] = &[
    "security", "trade", "the border", "sanctions", "energy", "the ceasefire", "elections", "refugees", "grain exports", "gas prices",
    "nuclear talks", "fishing rights", "a prisoner exchange", "military exercises", "water sharing", "debt relief", "drone strikes",
    "cyber attacks", "the pipeline", "troop withdrawals", "an arms embargo", "peace talks", "visa rules", "mining licences",
    "port access", "election observers", "climate funds", "a rail link", "oil output", "customs duties", "press freedom",
    "hostage releases", "missile tests", "airspace closures", "food aid", "vaccine supplies", "currency swaps", "rare earths",
    "shipping lanes", "a dam project", "police reform", "border crossings", "tariffs", "naval patrols", "asylum claims",
    "election fraud", "a truce", "landmines", "cross-border raids", "a ransom demand",
];

/// splitmix64: small, fast, and the same everywhere.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An index in `0..n` with probability proportional to 1 / (rank + 1).
    fn zipf(&mut self, n: usize) -> usize {
        let harmonic: f64 = (1..=n).map(|k| 1.0 / k as f64).sum();
        let mut target = self.unit() * harmonic;
        for k in 0..n {
            target -= 1.0 / (k + 1) as f64;
            if target <= 0.0 {
                return k;
            }
        }
        n - 1
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The date `days` after 2019-01-01.
fn date_after_2019(days: i64) -> String {
    let first = dyad_core::Date { year: 2019, month: 1, day: 1 }.days_since_epoch();
    dyad_core::Date::from_days_since_epoch(first + days).map_or_else(String::new, |d| d.to_string())
}

pub fn run(flags: SynthFlags) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let mut store = Store::open_location(&flags.db).with_context(|| format!("cannot open {}", dyad_store::redact_location(&flags.db)))?;
    let template = AnalysisJson::from_analysis(&dyad::Pipeline::new().analyze_text(&format!("{TEMPLATE} the dispute.\n")));
    let model_event = template.events.first().context("the template sentence yields no event")?.clone();
    let ontology = dyad_events::ontology::Ontology::embedded();
    let codes: Vec<&dyad_events::ontology::EventType> = ontology.events().iter().filter(|e| e.code.len() >= 3).collect();
    let common: Vec<&dyad_events::ontology::EventType> = codes.iter().copied().filter(|e| e.code.as_str() < "06").collect();
    let capitals: Vec<&dyad_geo::Entry> =
        dyad_geo::Gazetteer::embedded().entries().iter().filter(|e| e.feature == dyad_geo::Feature::Capital).collect();
    anyhow::ensure!(!codes.is_empty() && !capitals.is_empty(), "the codebook or the gazetteer is empty");

    let per_document = flags.events_per_document.max(1);
    let n_documents = flags.events.div_ceil(per_document);
    let mut draw = Draw(flags.seed);
    let mut n_events = 0usize;
    let mut batch = Vec::with_capacity(500);
    for doc_idx in 0..n_documents {
        let mut doc = template.clone();
        doc.document.id = blake3::hash(format!("dyad synthetic document {} {doc_idx}", flags.seed).as_bytes()).to_hex()[..32].to_string();
        doc.document.source = format!("synthetic:{doc_idx}");
        doc.document.title = Some(format!("Synthetic document {doc_idx}"));
        doc.document.date = Some(date_after_2019(draw.below(1461) as i64));
        doc.document.date_source = "record".to_string();
        // The sentence with its own topics; its events, mentions and places
        // keep their spans, which lie before the topics.
        let topics = (draw.zipf(TOPICS.len()), draw.zipf(TOPICS.len()));
        let text = format!("{TEMPLATE} {} and {}.", TOPICS[topics.0], TOPICS[topics.1]);
        let end = text.len();
        doc.document.text = format!("{text}\n");
        for segment in &mut doc.document.segments {
            segment.span.span[1] = end;
            segment.span.chars[1] = end;
            for paragraph in &mut segment.paragraphs {
                paragraph.span[1] = end;
                paragraph.chars[1] = end;
            }
        }
        if let Some(sentence) = doc.sentences.first_mut() {
            sentence.span.span[1] = end;
            sentence.span.chars[1] = end;
            sentence.text = text;
            sentence.norm = None;
            sentence.chunks.clear();
            sentence.tokens.clear();
        }
        doc.sentences.truncate(1);
        doc.times.clear();
        doc.places.clear();
        doc.events.clear();
        let n_here = per_document.min(flags.events - n_events);
        for _ in 0..n_here {
            let kind = if draw.unit() < 0.6 { *draw.pick(&common) } else { *draw.pick(&codes) };
            let source = draw.zipf(COUNTRIES.len());
            let mut target = draw.zipf(COUNTRIES.len());
            if target == source {
                target = (target + 1 + draw.below(COUNTRIES.len() - 1)) % COUNTRIES.len();
            }
            let actor = |draw: &mut Draw, country: usize, model: &EventActorJson| EventActorJson {
                code: Some(format!("{}{}", COUNTRIES[country], draw.pick(SECTORS))),
                text: COUNTRIES[country].to_string(),
                reason: "synthetic".to_string(),
                ..model.clone()
            };
            let place = if draw.unit() < 0.5 {
                let capital = draw.pick(&capitals);
                doc.places.push(PlaceJson {
                    span: model_event.trigger.clone(),
                    text: capital.name.to_string(),
                    sentence: 0,
                    role: "literal".to_string(),
                    geonameid: Some(capital.geonameid),
                    name: capital.name.to_string(),
                    feature: capital.code.to_string(),
                    country: capital.cc.to_string(),
                    lat: capital.lat,
                    lon: capital.lon,
                    rule: "synthetic".to_string(),
                    reason: "synthetic".to_string(),
                });
                Some(doc.places.len() - 1)
            } else {
                None
            };
            let mut event = EventJson {
                code: kind.code.clone(),
                label: kind.name.clone(),
                root: kind.code[..2].to_string(),
                quad: kind.quad,
                goldstein: kind.goldstein,
                plover: kind.plover.clone(),
                plover_mode: kind.mode.clone(),
                source: actor(&mut draw, source, &model_event.source),
                target: (draw.unit() < 0.85).then(|| actor(&mut draw, target, model_event.target.as_ref().unwrap_or(&model_event.source))),
                modality: draw.pick(MODALITIES).to_string(),
                rule: "event.synthetic".to_string(),
                reason: "synthetic event for load tests".to_string(),
                ..model_event.clone()
            };
            event.setting.time = None;
            event.setting.date = doc.document.date.clone();
            event.setting.place = place;
            doc.events.push(event);
        }
        n_events += n_here;
        batch.push(doc);
        if batch.len() == 500 || doc_idx + 1 == n_documents {
            store.insert(&batch).context("cannot store synthetic documents")?;
            batch.clear();
            if !flags.quiet {
                eprint!("\rdyad synth: {n_events} events in {} documents, {:.0} s", doc_idx + 1, started.elapsed().as_secs_f64());
            }
        }
    }
    store.optimize().context("cannot update the query planner's statistics")?;
    eprintln!(
        "\rdyad synth: {n_events} events in {n_documents} documents → {} in {:.0} s",
        dyad_store::redact_location(&flags.db),
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::Ok)
}
