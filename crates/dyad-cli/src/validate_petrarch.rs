//! `dyad validate-petrarch FILE.xml`: code a PETRARCH validation records
//! file with the dictionaries its `<Environment>` names (read at run time
//! from beside it) and report what was coded correctly.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Context;
use dyad_events::petrarch::records::{self, Expected, Produced};
use dyad_events::petrarch::{Coder, Outcome as CoderOutcome, Tree};

use crate::flags::ValidatePetrarchFlags;
use crate::Outcome;

fn show_expected(e: &Expected) -> String {
    match e {
        Expected::Error(e) => format!("error {e}"),
        Expected::Events(set) if set.is_empty() => "no events".into(),
        Expected::Events(set) => set.iter().map(|(s, t, c)| format!("{s} {t} {c}")).collect::<Vec<_>>().join("; "),
    }
}

fn show_produced(p: &Produced) -> String {
    match p {
        Produced::Error(e) => format!("error {e}"),
        Produced::Events(set) if set.is_empty() => "no events".into(),
        Produced::Events(set) => set.iter().map(|(s, t, c)| format!("{s} {t} {c}")).collect::<Vec<_>>().join("; "),
    }
}

pub fn run(flags: ValidatePetrarchFlags) -> anyhow::Result<Outcome> {
    let path = &flags.records;
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let xml = String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{}: not UTF-8 text", path.display()))?;
    let (env, records) = records::read_records(&xml).with_context(|| path.display().to_string())?;
    if records.is_empty() {
        anyhow::bail!("{}: no <Sentence> records", path.display());
    }
    let dict = records::load_environment(&env, path, flags.dictionaries.as_deref())?;
    let coder = Coder::new(dict);
    let dict = coder.dictionaries();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if !flags.quiet {
        for w in dict.warnings.iter().take(20) {
            writeln!(out, "warning: {w}")?;
        }
        if dict.warnings.len() > 20 {
            writeln!(out, "warning: … and {} more", dict.warnings.len() - 20)?;
        }
    }
    let mut per_cat: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut correct = 0usize;
    for r in &records {
        let (ok, produced) = records::check(&coder, r);
        let e = per_cat.entry(r.category.as_str()).or_default();
        e.1 += 1;
        if ok {
            e.0 += 1;
            correct += 1;
        }
        if flags.verbose || (!ok && !flags.quiet) {
            writeln!(out, "{} {} [{}] {}", if ok { "ok  " } else { "FAIL" }, r.id, r.category, r.text)?;
            writeln!(out, "    expected: {}", show_expected(&r.expected))?;
            writeln!(out, "    produced: {}", show_produced(&produced))?;
            if flags.verbose {
                if let Ok(tree) = Tree::parse(&r.parse) {
                    if let CoderOutcome::Events(ev) = coder.code(&tree, r.date) {
                        for c in ev {
                            writeln!(out, "      {} {} {}: {} ({})", c.source, c.target, c.code, c.reason, c.rule)?;
                        }
                    }
                }
            }
        }
    }
    let n = records.len();
    let share = correct as f64 / n as f64;
    writeln!(out, "\nPETRARCH validation: {} records, {} coded correctly ({:.1}%)", n, correct, 100.0 * share)?;
    writeln!(out, "{:<12} {:>8} {:>8}", "category", "correct", "records")?;
    for (cat, (ok, all)) in &per_cat {
        writeln!(out, "{:<12} {:>8} {:>8}", if cat.is_empty() { "(none)" } else { cat }, ok, all)?;
    }
    if let Some(min) = flags.min_correct {
        if share < min {
            writeln!(out, "below the bar: {:.3} < {min}", share)?;
            return Ok(Outcome::SomeFailed);
        }
    }
    Ok(Outcome::Ok)
}
