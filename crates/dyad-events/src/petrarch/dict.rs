//! Readers for PETRARCH/TABARI dictionary files: verbs (synonym sets, verb
//! blocks, patterns), actors (with date restrictions), agents and discards.
//!
//! The files are read at run time from wherever the user keeps them; none
//! of their entries are part of dyad. The readers accept both the TABARI /
//! PETRARCH-1 syntax and PETRARCH-2's (`{noun phrase}`, `(PREP phrase)`),
//! skip what they do not understand with a warning naming the file and
//! line, and never panic on odd input.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// A problem in a dictionary file, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The file.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Reads a dictionary file as text (invalid UTF-8 is replaced, not fatal).
pub(crate) fn read_text(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?;
    if bytes.contains(&0) {
        anyhow::bail!("{}: binary file, not a PETRARCH dictionary", path.display());
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A line without its `#` comment, trimmed; `<!-- … -->` lines are empty.
fn content(line: &str) -> &str {
    // `#` starts a comment, except inside a code (`[###]` is a code).
    let mut depth = 0usize;
    let mut cut = line.len();
    for (i, c) in line.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '#' if depth == 0 => {
                cut = i;
                break;
            }
            _ => {}
        }
    }
    let line = &line[..cut];
    let t = line.trim();
    if t.starts_with("<!") || t.starts_with("<") && t.ends_with('>') {
        return "";
    }
    t
}

/// Splits `TEXT [CODE]` into the text and the bracketed code (if any).
fn split_code(s: &str) -> (&str, Option<&str>) {
    match (s.find('['), s.rfind(']')) {
        (Some(a), Some(b)) if b > a => (s[..a].trim(), Some(s[a + 1..b].trim())),
        _ => (s.trim(), None),
    }
}

/// The words of a dictionary phrase: `_` and spaces separate words, a
/// trailing `_` (TABARI's "stopped" mark) is dropped, words are upper-cased.
pub fn phrase_words(s: &str) -> Vec<String> {
    s.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()).map(|w| w.to_uppercase()).collect()
}

// ---------------------------------------------------------------- actors

/// A date as `yyyymmdd`.
pub type Day = u32;

/// Reads `yymmdd` (19yy from 30, else 20yy) or `yyyymmdd`.
pub fn parse_day(s: &str) -> Option<Day> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match s.len() {
        6 => {
            let n: u32 = s.parse().ok()?;
            let yy = n / 10_000;
            let century = if yy >= 30 { 19_000_000 } else { 20_000_000 };
            Some(century + n)
        }
        8 => s.parse().ok(),
        _ => None,
    }
}

/// When a code applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Restriction {
    /// Always (the default code).
    Always,
    /// Before the day.
    Before(Day),
    /// After the day.
    After(Day),
    /// From the first day to the second, inclusive.
    Between(Day, Day),
}

impl Restriction {
    fn holds(&self, day: Day) -> bool {
        match *self {
            Restriction::Always => true,
            Restriction::Before(d) => day < d,
            Restriction::After(d) => day > d,
            Restriction::Between(a, b) => a <= day && day <= b,
        }
    }
}

/// An actor code with the dates it applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    /// The codes (`[ELR/GAL]` gives two).
    pub codes: Vec<String>,
    /// When.
    pub when: Restriction,
}

/// One actor: its phrases (name and `+` synonyms) and dated codes.
#[derive(Clone, Debug, Default)]
pub struct Actor {
    /// The phrases, as words.
    pub phrases: Vec<Vec<String>>,
    /// Codes in file order; the first restricted code that holds wins,
    /// else the unrestricted one.
    pub codes: Vec<DatedCode>,
    /// The line the entry starts on.
    pub line: usize,
}

impl Actor {
    /// The codes on a day (`None` for no date: the default code).
    pub fn codes_on(&self, day: Option<Day>) -> Option<&[String]> {
        if let Some(day) = day {
            if let Some(c) = self.codes.iter().find(|c| c.when != Restriction::Always && c.when.holds(day)) {
                return Some(&c.codes);
            }
        }
        self.codes.iter().find(|c| c.when == Restriction::Always).map(|c| c.codes.as_slice())
    }
}

fn parse_dated_code(inner: &str) -> Option<DatedCode> {
    // "HOB", "HOB < 950601", "HOBGOV 19950601 - 19990815", "HOBREB > 990816", "ELR/GAL"
    let inner = inner.trim();
    let (code, rest) = match inner.find(|c: char| c.is_whitespace() || c == '<' || c == '>') {
        Some(i) => (&inner[..i], inner[i..].trim()),
        None => (inner, ""),
    };
    if code.is_empty() || code.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return None;
    }
    let codes = code.split('/').filter(|c| !c.is_empty()).map(str::to_string).collect();
    let when = if rest.is_empty() {
        Restriction::Always
    } else if let Some(d) = rest.strip_prefix('<') {
        Restriction::Before(parse_day(d)?)
    } else if let Some(d) = rest.strip_prefix('>') {
        Restriction::After(parse_day(d)?)
    } else {
        let (a, b) = rest.split_once('-')?;
        Restriction::Between(parse_day(a)?, parse_day(b)?)
    };
    Some(DatedCode { codes, when })
}

/// Reads an actors file (`PHRASE [CODE]`, `+SYNONYM` lines, indented
/// `[CODE date]` lines).
pub fn read_actors(text: &str, file: &str, out: &mut Vec<Actor>, warnings: &mut Vec<Warning>) {
    let mut current: Option<Actor> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = content(raw);
        if line.is_empty() {
            continue;
        }
        if line.starts_with('[') {
            let (_, code) = split_code(line);
            match (current.as_mut(), code.and_then(parse_dated_code)) {
                (Some(actor), Some(dc)) => actor.codes.push(dc),
                _ => warnings.push(Warning { file: file.into(), line: n + 1, message: format!("unreadable code line {line:?}") }),
            }
            continue;
        }
        if let Some(syn) = line.strip_prefix('+') {
            let (phrase, code) = split_code(syn);
            if let Some(actor) = current.as_mut() {
                let words = phrase_words(phrase);
                if !words.is_empty() {
                    actor.phrases.push(words);
                }
                if let Some(dc) = code.and_then(parse_dated_code) {
                    actor.codes.push(dc);
                }
            }
            continue;
        }
        if let Some(actor) = current.take() {
            if !actor.codes.is_empty() {
                out.push(actor);
            }
        }
        let (phrase, code) = split_code(line);
        let words = phrase_words(phrase);
        if words.is_empty() {
            continue;
        }
        let mut actor = Actor { phrases: vec![words], codes: Vec::new(), line: n + 1 };
        if let Some(dc) = code.and_then(parse_dated_code) {
            actor.codes.push(dc);
        }
        current = Some(actor);
    }
    if let Some(actor) = current {
        if !actor.codes.is_empty() {
            out.push(actor);
        }
    }
}

// ---------------------------------------------------------------- agents

/// An agent: a title or group noun whose code joins the actor's.
#[derive(Clone, Debug)]
pub struct Agent {
    /// The phrase and its plural forms, as words.
    pub phrases: Vec<Vec<String>>,
    /// The code without its `~`.
    pub code: String,
    /// `true` for `[CODE~]`: the code goes before the actor's.
    pub prefix: bool,
    /// The line.
    pub line: usize,
}

/// The regular plural of an English noun, as PETRARCH forms it.
pub fn plural(word: &str) -> String {
    let w = word;
    let vowel_before = |s: &str| s.chars().rev().nth(1).is_some_and(|c| "AEIOU".contains(c));
    if w.ends_with('S') || w.ends_with("SH") || w.ends_with("CH") || w.ends_with('X') || w.ends_with('Z') {
        format!("{w}ES")
    } else if w.ends_with('Y') && !vowel_before(w) {
        format!("{}IES", &w[..w.len() - 1])
    } else {
        format!("{w}S")
    }
}

/// The most phrases one agents line may expand into through `!NAME!`
/// substitutions, and the most bytes they may take: a substitution whose
/// alternatives name it again, defined many times over, or many
/// substitutions in one phrase would otherwise multiply without bound.
const MAX_AGENT_FORMS: usize = 4096;
const MAX_AGENT_FORM_BYTES: usize = 256 * 1024;

/// Reads an agents file: `!NAME! = A, B` substitutions, then
/// `PHRASE {PLURALS} [~CODE]` lines.
pub fn read_agents(text: &str, file: &str, out: &mut Vec<Agent>, warnings: &mut Vec<Warning>) {
    let mut subs: Vec<(String, Vec<String>)> = Vec::new();
    'lines: for (n, raw) in text.lines().enumerate() {
        let line = content(raw);
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!') {
            if let Some((name, list)) = line.split_once('=') {
                let items = list.split(',').map(|s| s.trim().to_uppercase()).filter(|s| !s.is_empty()).collect();
                subs.push((name.trim().to_uppercase(), items));
                continue;
            }
        }
        let (head, code) = split_code(line);
        let Some(code) = code else {
            warnings.push(Warning { file: file.into(), line: n + 1, message: format!("agent without a code: {line:?}") });
            continue;
        };
        let code = code.trim();
        let (prefix, code) = if let Some(c) = code.strip_prefix('~') {
            (false, c.trim())
        } else if let Some(c) = code.strip_suffix('~') {
            (true, c.trim())
        } else {
            (false, code)
        };
        if code.is_empty() {
            continue;
        }
        let (phrase, plurals) = match (head.find('{'), head.rfind('}')) {
            (Some(a), Some(b)) if b > a => (head[..a].trim(), Some(&head[a + 1..b])),
            _ => (head.trim(), None),
        };
        let mut forms = vec![phrase.to_uppercase()];
        // substitutions: !PERSON! and the like, each alternative in turn
        for (name, items) in &subs {
            if forms.iter().any(|f| f.contains(name.as_str())) {
                // At most this many bytes after the substitution.
                let bytes: usize = forms
                    .iter()
                    .map(|f| {
                        let found = f.matches(name.as_str()).count();
                        items.iter().map(|it| f.len().saturating_add(found.saturating_mul(it.len()))).fold(0usize, usize::saturating_add)
                    })
                    .fold(0, usize::saturating_add);
                if forms.len().saturating_mul(items.len()) > MAX_AGENT_FORMS || bytes > MAX_AGENT_FORM_BYTES {
                    let message =
                        format!("substituting {name} gives more than {MAX_AGENT_FORMS} phrases or {MAX_AGENT_FORM_BYTES} bytes: agent left out");
                    warnings.push(Warning { file: file.into(), line: n + 1, message });
                    continue 'lines;
                }
                forms = forms.iter().flat_map(|f| items.iter().map(move |it| f.replace(name.as_str(), it))).collect();
            }
        }
        let mut phrases: Vec<Vec<String>> = Vec::new();
        for form in &forms {
            let words = phrase_words(form);
            if words.is_empty() {
                continue;
            }
            match plurals {
                // `{}`: no plural; `{A B}`: these plurals
                Some(list) => {
                    for p in list.split_whitespace() {
                        let pw = phrase_words(p);
                        if !pw.is_empty() {
                            phrases.push(pw);
                        }
                    }
                }
                None => {
                    let mut pw = words.clone();
                    if let Some(last) = pw.last_mut() {
                        *last = plural(last);
                    }
                    phrases.push(pw);
                }
            }
            phrases.push(words);
        }
        if phrases.is_empty() {
            continue;
        }
        out.push(Agent { phrases, code: code.to_string(), prefix, line: n + 1 });
    }
}

// ---------------------------------------------------------------- discards

/// A discard phrase: the sentence (or, with `story`, the whole story) is
/// not coded when it occurs.
#[derive(Clone, Debug)]
pub struct Discard {
    /// The words.
    pub words: Vec<String>,
    /// `true` for `+PHRASE`: discard the story.
    pub story: bool,
}

/// Reads a discards file.
pub fn read_discards(text: &str, out: &mut Vec<Discard>) {
    for raw in text.lines() {
        let line = content(raw);
        if line.is_empty() {
            continue;
        }
        let (story, phrase) = match line.strip_prefix('+') {
            Some(p) => (true, p),
            None => (false, line),
        };
        let (phrase, _) = split_code(phrase);
        let words = phrase_words(phrase);
        if !words.is_empty() && !words.iter().all(|w| w.bytes().all(|b| b.is_ascii_digit())) {
            out.push(Discard { words, story });
        }
    }
}

// ---------------------------------------------------------------- verbs

/// One element of a verb pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    /// A word, upper-case.
    Word(String),
    /// A synonym set, by name (`&NAME`).
    Syn(String),
    /// `$`: the source actor is here.
    Source,
    /// `+`: the target actor is here.
    Target,
    /// `%`: a compound actor that is both source and target.
    Compound,
    /// `^`: skip one noun phrase.
    SkipNp,
}

/// A pattern element and whether it must directly follow the previous
/// element (`_` between them) rather than anywhere after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PTok {
    /// The element.
    pub tok: Tok,
    /// Must be adjacent to the element before it (towards the verb for
    /// the words before `*`, in text order after it).
    pub adjacent: bool,
}

/// A verb pattern: `- UPPER * LOWER [CODE]`.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// Elements before the verb, in text order; the last is nearest the verb.
    pub upper: Vec<PTok>,
    /// Elements after the verb, in text order.
    pub lower: Vec<PTok>,
    /// The CAMEO code (`---` codes nothing).
    pub code: String,
    /// File and line, for explanations.
    pub origin: String,
}

/// A verb block: `--- LABEL [CODE] ---`, its verbs and patterns.
#[derive(Clone, Debug)]
pub struct VerbBlock {
    /// The label.
    pub label: String,
    /// The default code.
    pub code: String,
    /// Patterns in file order.
    pub patterns: Vec<Pattern>,
    /// File and line of the header.
    pub origin: String,
}

/// A verb form: the word the tagger sees as a verb, with the words that
/// must come right before and after it (`WIRE_+TAP`, `+BREAK_DOWN`).
#[derive(Clone, Debug)]
pub struct VerbForm {
    /// Index of the block.
    pub block: usize,
    /// Words right before the verb.
    pub before: Vec<String>,
    /// Words right after the verb.
    pub after: Vec<String>,
    /// A code of this verb's own (`KLM_NOP_+RST [002]`), else the block's.
    pub code: Option<String>,
}

/// A verb dictionary.
#[derive(Clone, Debug, Default)]
pub struct Verbs {
    /// Blocks in file order.
    pub blocks: Vec<VerbBlock>,
    /// Verb word form → its entries.
    pub forms: HashMap<String, Vec<VerbForm>>,
    /// Synonym sets: name (without `&`) → member phrases, each a pattern.
    pub synsets: HashMap<String, Vec<Vec<PTok>>>,
}

/// Regular forms of a verb: -S, -ED, -ING with the usual spelling rules.
pub fn verb_forms(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string()];
    if base.len() < 2 {
        return out;
    }
    let vowel = |c: char| "AEIOU".contains(c);
    let last = base.chars().last().unwrap_or(' ');
    let before_last = base.chars().rev().nth(1).unwrap_or(' ');
    if base.ends_with('E') {
        out.push(format!("{base}S"));
        out.push(format!("{base}D"));
        out.push(format!("{}ING", &base[..base.len() - 1]));
    } else if base.ends_with('S') || base.ends_with("SH") || base.ends_with("CH") || base.ends_with('X') || base.ends_with('Z') {
        out.push(format!("{base}ES"));
        out.push(format!("{base}ED"));
        out.push(format!("{base}ING"));
    } else if last == 'Y' && !vowel(before_last) {
        let stem = &base[..base.len() - 1];
        out.push(format!("{stem}IES"));
        out.push(format!("{stem}IED"));
        out.push(format!("{base}ING"));
    } else {
        out.push(format!("{base}S"));
        out.push(format!("{base}ED"));
        out.push(format!("{base}ING"));
    }
    out
}

/// Parses a pattern side into elements. PETRARCH-2's `{…}` and `(…)`
/// groups become their words (adjacent to each other).
fn parse_side(s: &str) -> Vec<PTok> {
    let mut out = Vec::new();
    // Tokenise on spaces; within a token `_` joins adjacent elements.
    for chunk in s.split_whitespace() {
        let mut first = true;
        let chunk = chunk.trim_matches(|c| c == '{' || c == '}' || c == '(' || c == ')');
        for part in chunk.split('_') {
            let adjacent = !first;
            first = false;
            let part = part.trim_matches(|c| c == '{' || c == '}' || c == '(' || c == ')');
            if part.is_empty() {
                continue;
            }
            let tok = match part {
                "$" => Tok::Source,
                "+" => Tok::Target,
                "%" => Tok::Compound,
                "^" => Tok::SkipNp,
                p if p.starts_with('&') => Tok::Syn(p[1..].to_uppercase()),
                p => Tok::Word(p.to_uppercase()),
            };
            out.push(PTok { tok, adjacent });
        }
    }
    out
}

fn parse_pattern(body: &str, block_code: &str, origin: String) -> Option<Pattern> {
    let (text, code) = split_code(body);
    let code = code.unwrap_or(block_code).trim().to_string();
    let star = text.find('*')?;
    let (up, low) = (&text[..star], &text[star + 1..]);
    let mut upper = parse_side(up);
    let mut lower = parse_side(low);
    // `X_*` and `*_X` (no space) tie X to the verb; `X_ *` is TABARI's
    // "stopped word" mark and ties nothing.
    if let Some(first) = lower.first_mut() {
        first.adjacent = low.starts_with('_');
    }
    // Upper elements are matched backwards from the verb: each keeps
    // whether it must directly precede the element after it (or the verb).
    let ties: Vec<bool> = (0..upper.len()).map(|i| upper.get(i + 1).map_or(up.ends_with('_'), |t| t.adjacent)).collect();
    for (t, tie) in upper.iter_mut().zip(ties) {
        t.adjacent = tie;
    }
    Some(Pattern { upper, lower, code, origin })
}

/// Reads a verbs file.
pub fn read_verbs(text: &str, file: &str, verbs: &mut Verbs, warnings: &mut Vec<Warning>) {
    let mut syn: Option<String> = None;
    let mut block: Option<usize> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = content(raw);
        if line.is_empty() {
            syn = None;
            continue;
        }
        if line.starts_with("---") {
            syn = None;
            let inner = line.trim_matches('-').trim();
            let (label, code) = split_code(inner);
            let code = code.unwrap_or("---").to_string();
            verbs.blocks.push(VerbBlock { label: label.to_uppercase(), code, patterns: Vec::new(), origin: format!("{file}:{}", n + 1) });
            block = Some(verbs.blocks.len() - 1);
            continue;
        }
        if let Some(name) = line.strip_prefix('&') {
            let name = name.trim().trim_end_matches('_').to_uppercase();
            verbs.synsets.entry(name.clone()).or_default();
            syn = Some(name);
            block = None;
            continue;
        }
        if let Some(name) = &syn {
            if let Some(member) = line.strip_prefix('+') {
                let toks = parse_side(member.trim().trim_end_matches('_'));
                if !toks.is_empty() {
                    verbs.synsets.entry(name.clone()).or_default().push(toks);
                }
            }
            continue;
        }
        let Some(b) = block else {
            continue;
        };
        if let Some(body) = line.strip_prefix('-') {
            let origin = format!("{file}:{}", n + 1);
            let code = verbs.blocks[b].code.clone();
            match parse_pattern(body, &code, origin) {
                Some(p) => verbs.blocks[b].patterns.push(p),
                None => warnings.push(Warning { file: file.into(), line: n + 1, message: format!("pattern without `*`: {line:?}") }),
            }
            continue;
        }
        // A verb line: `VERB {IRREGULAR FORMS} [CODE]`, `+VERB`, `PRE_+VERB_POST`.
        let line = line.strip_prefix('+').unwrap_or(line);
        let (head, code) = split_code(line);
        let (main, irregular) = match (head.find('{'), head.rfind('}')) {
            (Some(a), Some(c)) if c > a => (head[..a].trim(), Some(&head[a + 1..c])),
            _ => (head.trim(), None),
        };
        let mut written: Vec<(&str, bool)> = vec![(main, true)];
        if let Some(list) = irregular {
            written.extend(list.split_whitespace().map(|f| (f, false)));
        }
        for (form, regular) in written {
            let form = form.trim_start_matches('+');
            let words: Vec<&str> = form.split('_').filter(|w| !w.is_empty()).collect();
            if words.is_empty() {
                continue;
            }
            // The verb word is the one after `+`, else the first.
            let idx = words.iter().position(|w| w.starts_with('+')).unwrap_or(0);
            let verb = words[idx].trim_start_matches('+').to_uppercase();
            if verb.is_empty() {
                continue;
            }
            let before: Vec<String> = words[..idx].iter().map(|w| w.to_uppercase()).collect();
            let after: Vec<String> = words[idx + 1..].iter().map(|w| w.to_uppercase()).collect();
            let forms = if regular { verb_forms(&verb) } else { vec![verb] };
            for f in forms {
                let entries = verbs.forms.entry(f).or_default();
                if !entries.iter().any(|e| e.block == b && e.before == before && e.after == after) {
                    entries.push(VerbForm { block: b, before: before.clone(), after: after.clone(), code: code.map(str::to_string) });
                }
            }
        }
    }
}

/// Everything loaded from PETRARCH files.
#[derive(Clone, Debug, Default)]
pub struct Dictionaries {
    /// Verbs and patterns.
    pub verbs: Verbs,
    /// Actors.
    pub actors: Vec<Actor>,
    /// Agents.
    pub agents: Vec<Agent>,
    /// Discards.
    pub discards: Vec<Discard>,
    /// What could not be read.
    pub warnings: Vec<Warning>,
}

impl Dictionaries {
    /// Adds a verbs file.
    pub fn load_verbs(&mut self, path: &Path) -> anyhow::Result<()> {
        self.load(path, |d, text, file| read_verbs(text, file, &mut d.verbs, &mut d.warnings))
    }
    /// Adds an actors file.
    pub fn load_actors(&mut self, path: &Path) -> anyhow::Result<()> {
        self.load(path, |d, text, file| read_actors(text, file, &mut d.actors, &mut d.warnings))
    }
    /// Adds an agents file.
    pub fn load_agents(&mut self, path: &Path) -> anyhow::Result<()> {
        self.load(path, |d, text, file| read_agents(text, file, &mut d.agents, &mut d.warnings))
    }
    /// Adds a discards file.
    pub fn load_discards(&mut self, path: &Path) -> anyhow::Result<()> {
        self.load(path, |d, text, _| read_discards(text, &mut d.discards))
    }
    /// Reads a file and hands its text, named, to a reader.
    fn load(&mut self, path: &Path, read: impl FnOnce(&mut Dictionaries, &str, &str)) -> anyhow::Result<()> {
        let text = read_text(path)?;
        read(self, &text, &path.display().to_string());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_with_synonyms_and_dated_codes() {
        let text = "RIVERLAND_ [RVL]\n+RIVERLANDER\n\nOLD_KING # a ruler\n+THE_KING\n\t[RVLGOV 19900101-19991231]\n\t[RVLELI >991231]\n\t[RVL]\nTWINS [AAA/BBB]\n";
        let mut actors = Vec::new();
        let mut w = Vec::new();
        read_actors(text, "t", &mut actors, &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(actors.len(), 3);
        assert_eq!(actors[0].phrases, vec![vec!["RIVERLAND"], vec!["RIVERLANDER"]]);
        let king = &actors[1];
        assert_eq!(king.codes_on(Some(19950101)).unwrap(), ["RVLGOV"]);
        assert_eq!(king.codes_on(Some(20050101)).unwrap(), ["RVLELI"]);
        assert_eq!(king.codes_on(Some(19800101)).unwrap(), ["RVL"]);
        assert_eq!(actors[2].codes_on(None).unwrap(), ["AAA", "BBB"]);
    }

    #[test]
    fn agents_plurals_and_substitutions() {
        let text = "!HUMAN! = MAN, WOMAN\nBOAT!HUMAN! [~FSH]\nGUARD [~MIL]\nPOLICE {} [~COP]\nGOOSE {GEESE} [~BRD]\nCHARITY [NGO~]\n";
        let mut agents = Vec::new();
        let mut w = Vec::new();
        read_agents(text, "t", &mut agents, &mut w);
        let has = |code: &str, p: &str| agents.iter().any(|a| a.code == code && a.phrases.contains(&phrase_words(p)));
        assert!(has("FSH", "BOATMAN") && has("FSH", "BOATWOMEN") == false && has("FSH", "BOATWOMAN"));
        assert!(has("MIL", "GUARDS") && has("MIL", "GUARD"));
        assert!(has("COP", "POLICE") && !has("COP", "POLICES"));
        assert!(has("BRD", "GEESE") && !has("BRD", "GOOSES"));
        assert!(agents.iter().any(|a| a.code == "NGO" && a.prefix));
    }

    /// Found with the `petrarch` fuzz target (the input is kept in
    /// `testdata/fuzz/petrarch-agents-substitutions.txt`): `!PERSON` defined
    /// twenty times over with an alternative that names it again doubled
    /// the phrases of an agent at each definition (2^20 and more) and did
    /// not finish. Such an agent is now left out with a warning.
    #[test]
    fn fuzz_substitutions_that_multiply_without_bound_are_refused() {
        let found = include_bytes!("../../../../testdata/fuzz/petrarch-agents-substitutions.txt");
        let text = String::from_utf8_lossy(found);
        let mut agents = Vec::new();
        let mut w = Vec::new();
        read_agents(&text, "t", &mut agents, &mut w);
        assert!(agents.iter().all(|a| a.phrases.len() <= 2 * MAX_AGENT_FORMS));
        assert!(w.iter().any(|w| w.message.contains("agent left out")), "{w:?}");

        // The same, written out: each definition doubles, 2^30 in the end.
        let text = format!("{}BOAT_!P! [~FSH]\nGUARD [~MIL]\n", "!P! = A, B_!P!\n".repeat(30));
        let (mut agents, mut w) = (Vec::new(), Vec::new());
        read_agents(&text, "t", &mut agents, &mut w);
        assert_eq!(agents.iter().map(|a| a.code.as_str()).collect::<Vec<_>>(), ["MIL"]);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 31);
        // A name that grows each time it is replaced is refused on its bytes.
        let text = format!("{}X_!Q! [~FSH]\n", "!Q! = !Q!_!Q!\n".repeat(40));
        let (mut agents, mut w) = (Vec::new(), Vec::new());
        read_agents(&text, "t", &mut agents, &mut w);
        assert!(agents.is_empty() && w.len() == 1, "{w:?}");
    }

    #[test]
    fn verbs_blocks_forms_and_patterns() {
        let text = "&MONEYS\n+COINS\n+GOLD BARS\n\n--- GIVE [070] ---\nGIVE {GAVE GIVEN}\n+HAND_+OVER\n- * &MONEYS_TO + [071]\n- REFUSED_TO_* [---]\n";
        let mut v = Verbs::default();
        let mut w = Vec::new();
        read_verbs(text, "t", &mut v, &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(v.blocks.len(), 1);
        assert_eq!(v.synsets["MONEYS"].len(), 2);
        for f in ["GIVE", "GIVES", "GAVE", "GIVEN", "GIVING"] {
            assert!(v.forms.contains_key(f), "{f}");
        }
        assert_eq!(v.forms["OVER"][0].before, vec!["HAND"]);
        let p = &v.blocks[0].patterns;
        assert_eq!(p[0].code, "071");
        assert_eq!(p[0].lower[0], PTok { tok: Tok::Syn("MONEYS".into()), adjacent: false });
        assert_eq!(p[0].lower[1], PTok { tok: Tok::Word("TO".into()), adjacent: true });
        assert_eq!(p[1].code, "---");
        assert!(p[1].upper.iter().all(|t| t.adjacent));
    }

    #[test]
    fn odd_lines_do_not_panic() {
        let mut d = Dictionaries::default();
        for text in ["[", "]", "--- [", "- *", "+", "&", "{}", "!X! =", "\t[ABC 99-]", "X [~]", "\u{0}\u{1}"] {
            read_verbs(text, "t", &mut d.verbs, &mut d.warnings);
            read_actors(text, "t", &mut d.actors, &mut d.warnings);
            read_agents(text, "t", &mut d.agents, &mut d.warnings);
            read_discards(text, &mut d.discards);
        }
    }
}
