//! The gazetteer: countries, first-level regions, cities of 15,000 people
//! or more (GeoNames, CC BY 4.0), continents and the regions news names,
//! with every name they go by, loaded once from the files in `data/places`
//! and `data/actors/countries.toml` that are compiled into the binary.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::fold::key;

/// What kind of place an entry is (GeoNames feature codes, plus ours).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature {
    /// A continent (`CONT`).
    Continent,
    /// A region that crosses borders or has none of its own: "the Middle
    /// East", "the Sahel", seas and straits (`RGN`, `SEA`, …).
    Region,
    /// A country or territory (`PCLI`).
    Country,
    /// A first-level administrative division: state, province (`ADM1`).
    Admin1,
    /// A national capital (`PPLC`).
    Capital,
    /// The seat of a first-level division (`PPLA`).
    AdminSeat,
    /// Any other populated place (`PPL`).
    City,
}

impl Feature {
    fn parse(code: &str) -> Feature {
        match code {
            "CONT" => Feature::Continent,
            "PCLI" | "PCL" | "PCLD" | "PCLF" | "PCLS" | "TERR" => Feature::Country,
            "ADM1" => Feature::Admin1,
            "PPLC" => Feature::Capital,
            "PPLA" => Feature::AdminSeat,
            c if c.starts_with("PPL") => Feature::City,
            _ => Feature::Region,
        }
    }
}

/// One place of the gazetteer.
#[derive(Clone, Debug)]
pub struct Entry {
    /// GeoNames id; 0 for our own regions.
    pub geonameid: u32,
    /// Its name.
    pub name: &'static str,
    /// The feature code as written in the data (`PPLC`, `ADM1`, `RGN`, …).
    pub code: &'static str,
    /// What kind of place.
    pub feature: Feature,
    /// ISO 3166-1 alpha-2 country code, empty for none.
    pub cc: &'static str,
    /// GeoNames first-level division code within the country.
    pub admin1: &'static str,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Population (0 when unknown).
    pub population: u64,
}

/// Index of an entry in [`Gazetteer::entries`].
pub type EntryId = u32;

/// The gazetteer and its name index.
#[derive(Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Name key → entries of that name.
    names: NameIndex,
    /// Adjective or people-noun key ("russian", "russians") → the country.
    demonyms: HashMap<String, EntryId>,
    /// ISO alpha-2 → the country entry.
    countries: HashMap<&'static str, EntryId>,
    /// ISO alpha-3 → ISO alpha-2.
    iso3: HashMap<&'static str, &'static str>,
    /// (country, admin1 code) → the region entry.
    admin1: HashMap<(&'static str, &'static str), EntryId>,
    /// Country → its towns.
    towns: HashMap<&'static str, Vec<EntryId>>,
    /// Border points already computed, by ordered pair of countries.
    borders: std::sync::Mutex<HashMap<(String, String), Option<BorderPoint>>>,
}

/// A point on the border of two countries and the two towns it lies between.
pub type BorderPoint = (f64, f64, EntryId, EntryId);

const PLACES: &str = include_str!("../../../data/places/places.tsv");
const COUNTRIES: &str = include_str!("../../../data/places/countries.tsv");
const REGIONS: &str = include_str!("../../../data/places/regions.tsv");
const COUNTRY_NAMES: &str = include_str!("../../../data/actors/countries.toml");

#[derive(Deserialize)]
struct CountryNames {
    country: Vec<CountryName>,
}

#[derive(Deserialize)]
struct CountryName {
    #[serde(default)]
    iso2: String,
    name: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
}

/// Names some place bears that are everyday words or the points of the
/// compass: never taken as place names ("the Centre", "West" and "South"
/// are regions of Cameroon, "Of" a town in Turkey).
const COMMON_WORDS: &[&str] = &[
    "of", "the", "and", "in", "on", "at", "to", "for", "by", "centre", "center", "central", "north", "south", "east", "west",
    "northern", "southern", "eastern", "western", "northeast", "northwest", "southeast", "southwest", "coast", "capital",
    "valley", "lakes", "islands", "island", "upper", "lower", "middle", "mid", "interior", "plateau", "highlands", "littoral",
    "white house", "police", "mobile", "reading", "split", "nice", "van", "along", "sale", "male", "best", "batman", "bath",
    "orange", "university", "college", "union", "city", "state", "county", "district", "province", "region", "republic",
];

/// The longest of [`COMMON_WORDS`]: longer keys need not be looked for.
const LONGEST_COMMON_WORD: usize = {
    let (mut longest, mut i) = (0, 0);
    while i < COMMON_WORDS.len() {
        if COMMON_WORDS[i].len() > longest {
            longest = COMMON_WORDS[i].len();
        }
        i += 1;
    }
    longest
};

/// The tab-separated fields of a line of the gazetteer's files, without
/// allocating (the files have at most [`Fields::MAX`]; more are ignored).
struct Fields<'a> {
    fields: [&'a str; Fields::MAX],
    n: usize,
}

impl<'a> Fields<'a> {
    const MAX: usize = 12;

    fn of(line: &'a str) -> Fields<'a> {
        let mut f = Fields { fields: [""; Fields::MAX], n: 0 };
        for (slot, field) in f.fields.iter_mut().zip(line.split('\t')) {
            *slot = field;
            f.n += 1;
        }
        f
    }

    /// Field `idx`, if the line has it.
    fn get(&self, idx: usize) -> Option<&&'a str> {
        self.fields[..self.n].get(idx)
    }
}

fn number<T: std::str::FromStr + Default>(field: Option<&str>) -> T {
    field.and_then(|f| f.trim().parse().ok()).unwrap_or_default()
}

impl Gazetteer {
    /// The gazetteer compiled into the binary, built on first use.
    pub fn embedded() -> &'static Gazetteer {
        static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
        GAZETTEER.get_or_init(|| Gazetteer::from_sources(PLACES, COUNTRIES, REGIONS, COUNTRY_NAMES))
    }

    /// Builds a gazetteer from the text of its files. Malformed lines are
    /// skipped: the files are ours and checked by tests.
    pub fn from_sources(places: &'static str, countries: &'static str, regions: &'static str, country_names: &str) -> Gazetteer {
        let mut g = Gazetteer {
            entries: Vec::with_capacity(places.len() / 80),
            names: NameIndex {
                arena: String::with_capacity(places.len() / 2),
                keys: Vec::with_capacity(places.len() / 16),
                ids: Vec::new(),
                buckets: Vec::new(),
                shift: 63,
            },
            demonyms: HashMap::new(),
            countries: HashMap::new(),
            iso3: HashMap::new(),
            admin1: HashMap::new(),
            towns: HashMap::new(),
            borders: std::sync::Mutex::new(HashMap::new()),
        };
        // countries.tsv: geonameid iso2 iso3 name capital population continent lat lon src
        for line in countries.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let f = Fields::of(line);
            let (Some(&iso2), Some(&iso3), Some(&name)) = (f.get(1), f.get(2), f.get(3)) else { continue };
            let id = g.push(Entry {
                geonameid: number(f.get(0).copied()),
                name,
                code: "PCLI",
                feature: Feature::Country,
                cc: iso2,
                admin1: "",
                lat: number(f.get(7).copied()),
                lon: number(f.get(8).copied()),
                population: number(f.get(5).copied()),
            });
            g.countries.insert(iso2, id);
            g.iso3.insert(iso3, iso2);
            g.add_name(name, id);
        }
        // places.tsv: geonameid name feature cc admin1 lat lon population names
        for line in places.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let f = Fields::of(line);
            let (Some(&name), Some(&code), Some(&cc)) = (f.get(1), f.get(2), f.get(3)) else { continue };
            let feature = Feature::parse(code);
            let admin1 = f.get(4).copied().unwrap_or("");
            let id = g.push(Entry {
                geonameid: number(f.get(0).copied()),
                name,
                code,
                feature,
                cc,
                admin1,
                lat: number(f.get(5).copied()),
                lon: number(f.get(6).copied()),
                population: number(f.get(7).copied()),
            });
            if feature == Feature::Admin1 {
                g.admin1.insert((cc, admin1), id);
            } else if matches!(feature, Feature::City | Feature::Capital | Feature::AdminSeat) {
                g.towns.entry(cc).or_default().push(id);
            }
            g.add_name(name, id);
            for alt in f.get(8).copied().unwrap_or("").split('|').filter(|a| !a.is_empty()) {
                g.add_name(alt, id);
            }
        }
        // regions.tsv: geonameid name feature cc lat lon names
        for line in regions.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let f = Fields::of(line);
            let (Some(&name), Some(&code)) = (f.get(1), f.get(2)) else { continue };
            let id = g.push(Entry {
                geonameid: number(f.get(0).copied()),
                name,
                code,
                feature: Feature::parse(code),
                cc: f.get(3).copied().unwrap_or(""),
                admin1: "",
                lat: number(f.get(4).copied()),
                lon: number(f.get(5).copied()),
                population: 0,
            });
            g.add_name(name, id);
            for alt in f.get(6).copied().unwrap_or("").split('|').filter(|a| !a.is_empty()) {
                g.add_name(alt, id);
            }
        }
        // Our country dictionary: other names, adjectives, people nouns.
        if let Ok(file) = toml::from_str::<CountryNames>(country_names) {
            for c in file.country {
                let Some(&id) = g.countries.get(c.iso2.as_str()) else { continue };
                g.add_name(&c.name, id);
                for n in &c.names {
                    g.add_name(n, id);
                }
                for d in c.adjectives.iter().chain(&c.demonyms) {
                    g.demonyms.entry(key(d)).or_insert(id);
                }
            }
        }
        for (short, iso2) in [("US", "US"), ("U.S.", "US"), ("U.S.A.", "US"), ("USA", "US"), ("UK", "GB"), ("U.K.", "GB"), ("UAE", "AE"), ("U.A.E.", "AE"), ("DRC", "CD")] {
            if let Some(&id) = g.countries.get(iso2) {
                g.add_name(short, id);
            }
        }
        // The European Union is named as a place for its territory, the
        // continent's core.
        if let Some(europe) = g.entries.iter().position(|e| e.feature == Feature::Continent && e.name == "Europe") {
            g.add_name("EU", europe as EntryId);
            g.add_name("European Union", europe as EntryId);
        }
        g.names.finish();
        g
    }

    fn push(&mut self, entry: Entry) -> EntryId {
        self.entries.push(entry);
        (self.entries.len() - 1) as EntryId
    }

    fn add_name(&mut self, name: &str, id: EntryId) {
        self.names.add(name, id);
    }

    /// Every entry.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// One entry.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id as usize]
    }

    /// The entries a name may refer to.
    pub fn lookup(&self, name: &str) -> &[EntryId] {
        crate::fold::with_key(name, |k| self.names.get(k))
    }

    /// The country an adjective or people noun belongs to ("Russian",
    /// "Ukrainians").
    pub fn demonym(&self, word: &str) -> Option<EntryId> {
        crate::fold::with_key(word, |k| self.demonyms.get(k).copied())
    }

    /// [`Gazetteer::demonym`] and [`Gazetteer::lookup`] of one name, its
    /// key made once.
    pub fn demonym_and_lookup(&self, name: &str) -> (Option<EntryId>, &[EntryId]) {
        crate::fold::with_key(name, |k| (self.demonyms.get(k).copied(), self.names.get(k)))
    }

    /// The country entry of an ISO alpha-2 code.
    pub fn country(&self, iso2: &str) -> Option<EntryId> {
        self.countries.get(iso2).copied()
    }

    /// The country entry of an ISO alpha-3 (CAMEO) code.
    pub fn country_by_iso3(&self, iso3: &str) -> Option<EntryId> {
        self.iso3.get(iso3).and_then(|&iso2| self.country(iso2))
    }

    /// The first-level division an entry lies in.
    pub fn admin1_of(&self, entry: &Entry) -> Option<EntryId> {
        if entry.admin1.is_empty() {
            return None;
        }
        self.admin1.get(&(entry.cc, entry.admin1)).copied()
    }
}

impl Gazetteer {
    /// A point on the border of two countries: the midpoint of the closest
    /// pair of their towns (15,000 people or more), with the two towns.
    /// `None` when either country has no town in the gazetteer. Computed
    /// once per pair.
    pub fn border_point(&self, a: &str, b: &str) -> Option<BorderPoint> {
        let pair = if a <= b { (a.to_string(), b.to_string()) } else { (b.to_string(), a.to_string()) };
        if let Some(known) = self.borders.lock().ok().and_then(|m| m.get(&pair).copied()) {
            return known.map(|(lat, lon, x, y)| if a <= b { (lat, lon, x, y) } else { (lat, lon, y, x) });
        }
        let (ta, tb) = (self.towns.get(pair.0.as_str())?, self.towns.get(pair.1.as_str())?);
        // The closest pair by a flat-earth distance (exact enough to rank
        // towns a few hundred kilometres apart), then its midpoint.
        // The second country's towns by latitude: only those within the
        // best distance so far in latitude can be closer.
        let mut by_lat: Vec<(f64, EntryId)> = tb.iter().map(|&j| (self.entries[j as usize].lat, j)).collect();
        by_lat.sort_by(|p, q| p.0.total_cmp(&q.0));
        let mut best: Option<(f64, EntryId, EntryId)> = None;
        for &i in ta {
            let x = &self.entries[i as usize];
            let k = x.lat.to_radians().cos();
            let reach = best.map_or(f64::INFINITY, |(bd, _, _)| bd.sqrt());
            let from = by_lat.partition_point(|&(lat, _)| lat < x.lat - reach);
            for &(lat, j) in &by_lat[from..] {
                if lat > x.lat + best.map_or(f64::INFINITY, |(bd, _, _)| bd.sqrt()) {
                    break;
                }
                let y = &self.entries[j as usize];
                let dlon = ((x.lon - y.lon + 540.0) % 360.0 - 180.0) * k;
                let d = (x.lat - y.lat).powi(2) + dlon.powi(2);
                if best.is_none_or(|(bd, _, _)| d < bd) {
                    best = Some((d, i, j));
                }
            }
        }
        let found = best.map(|(_, i, j)| {
            let (x, y) = (&self.entries[i as usize], &self.entries[j as usize]);
            ((x.lat + y.lat) / 2.0, (x.lon + y.lon) / 2.0, i, j)
        });
        if let Ok(mut m) = self.borders.lock() {
            m.insert(pair, found);
        }
        found.map(|(lat, lon, x, y)| if a <= b { (lat, lon, x, y) } else { (lat, lon, y, x) })
    }
}

/// Name keys and the entries bearing them: the keys in one string, ordered
/// by a 64-bit hash, so that building it allocates little and a lookup is a
/// binary search on the hash and a comparison of the few keys sharing it.
#[derive(Debug, Default)]
struct NameIndex {
    arena: String,
    /// (hash, start, end, entry): a key's hash, its place in `arena`, and
    /// the entry; sorted, without repeats once [`NameIndex::finish`] ran.
    keys: Vec<(u64, u32, u32, EntryId)>,
    /// Entries of `keys`, in the same order (what lookups return).
    ids: Vec<EntryId>,
    /// Where the keys whose hash starts with each `64 - shift` bits begin
    /// (one more for the end): a lookup searches a handful of keys, not
    /// all of them.
    buckets: Vec<u32>,
    shift: u32,
}

/// FNV-1a: a fixed, fast hash, so the order is the same on every run.
fn fnv(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

impl NameIndex {
    fn add(&mut self, name: &str, id: EntryId) {
        let start = self.arena.len();
        crate::fold::key_into(name, &mut self.arena);
        let end = self.arena.len();
        let key = &self.arena[start..end];
        if key.is_empty() || (key.len() <= LONGEST_COMMON_WORD && COMMON_WORDS.contains(&key)) {
            self.arena.truncate(start);
            return;
        }
        self.keys.push((fnv(key), start as u32, end as u32, id));
    }

    fn key(&self, k: &(u64, u32, u32, EntryId)) -> &str {
        self.arena.get(k.1 as usize..k.2 as usize).unwrap_or("")
    }

    /// Orders the keys (by hash, then text, then entry); call after the
    /// last `add`. Texts are compared only where hashes are equal.
    fn finish(&mut self) {
        let mut keys = std::mem::take(&mut self.keys);
        // By hash and entry first (plain integers: the bulk of the work,
        // done fast at start-up), then each run of equal hashes (one name
        // of several entries, or rarely two names) by text too.
        keys.sort_unstable_by_key(|k| (k.0, k.3));
        let mut start = 0;
        while start < keys.len() {
            let end = start + keys[start..].partition_point(|k| k.0 == keys[start].0);
            if end - start > 1 {
                keys[start..end].sort_by(|a, b| self.key(a).cmp(self.key(b)).then(a.3.cmp(&b.3)));
            }
            start = end;
        }
        keys.dedup_by(|a, b| a.0 == b.0 && a.3 == b.3 && self.key(a) == self.key(b));
        self.ids = keys.iter().map(|k| k.3).collect();
        let bits = keys.len().next_power_of_two().trailing_zeros().clamp(1, 24);
        self.shift = 64 - bits;
        self.buckets = Vec::with_capacity((1 << bits) + 1);
        for (idx, k) in keys.iter().enumerate() {
            let bucket = (k.0 >> self.shift) as usize;
            while self.buckets.len() <= bucket {
                self.buckets.push(idx as u32);
            }
        }
        self.buckets.resize((1 << bits) + 1, keys.len() as u32);
        self.keys = keys;
    }

    /// The entries of a key.
    fn get(&self, key: &str) -> &[EntryId] {
        let h = fnv(key);
        let bucket = (h >> self.shift) as usize;
        let (Some(&lo), Some(&hi)) = (self.buckets.get(bucket), self.buckets.get(bucket + 1)) else { return &[] };
        let (lo, hi) = (lo as usize, hi as usize);
        let from = lo + self.keys[lo..hi].partition_point(|k| (k.0, self.key(k)) < (h, key));
        let to = from + self.keys[from..hi].partition_point(|k| (k.0, self.key(k)) <= (h, key));
        &self.ids[from..to]
    }
}

/// Great-circle distance in kilometres.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}
