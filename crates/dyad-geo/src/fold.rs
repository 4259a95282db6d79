//! Name keys: how place names are compared.
//!
//! A key is the name lowercased, with Latin diacritics removed, `St.` read
//! as `saint`, a leading "the" dropped, and runs of spaces, hyphens and
//! apostrophes made one space: "the Côte d'Ivoire", "COTE D'IVOIRE" and
//! "Cote-d-Ivoire" share a key.

/// The key of a name.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    key_into(name, &mut out);
    out
}

/// Calls `f` with the key of a name, folded into a buffer kept per thread
/// rather than a new string (`f` must not ask for another key meanwhile).
pub(crate) fn with_key<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static BUFFER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUFFER.with(|buffer| {
        let mut buffer = buffer.borrow_mut();
        buffer.clear();
        key_into(name, &mut buffer);
        f(&buffer)
    })
}

/// Appends the key of a name to `out`.
pub(crate) fn key_into(name: &str, out: &mut String) {
    let start = out.len();
    if name.is_ascii() {
        fold_ascii(name, out);
    } else {
        fold_chars(name, out);
    }
    while out.len() > start && out.ends_with(' ') {
        out.pop();
    }
    // A leading "the" is not part of a name; "St." is "Saint".
    if out[start..].starts_with("the ") {
        out.replace_range(start..start + 4, "");
    }
    if out[start..].starts_with("st ") {
        out.replace_range(start..start + 2, "saint");
    } else if out[start..].starts_with("ste ") {
        out.replace_range(start..start + 3, "sainte");
    }
}

/// [`fold_chars`] of an ASCII name, a byte at a time (most names; the
/// gazetteer folds some 130,000 of them when it is built).
fn fold_ascii(name: &str, out: &mut String) {
    let mut space = true;
    for &b in name.as_bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
            space = false;
        } else if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b'-' | b'\'' | b'`' | b'.' | b',') && !space {
            out.push(' ');
            space = true;
        }
    }
}

/// Appends the folded characters of `name`: letters and digits lowercased
/// and without diacritics, each run of spaces and separating punctuation as
/// one space (a space may end it).
fn fold_chars(name: &str, out: &mut String) {
    let mut space = true;
    let mut push = |f: char, out: &mut String| {
        if f.is_alphanumeric() {
            if f.is_ascii() {
                out.push(f.to_ascii_lowercase());
            } else {
                out.extend(f.to_lowercase());
            }
            space = false;
        } else if (f.is_whitespace() || matches!(f, '-' | '\'' | '’' | '‘' | '`' | '.' | ',')) && !space {
            out.push(' ');
            space = true;
        }
    };
    for c in name.chars() {
        if c.is_ascii() {
            push(c, out);
        } else {
            for f in fold_char(c).chars() {
                push(f, out);
            }
        }
    }
}

/// A Latin letter without its diacritic (as a string: `ß` is `ss`).
fn fold_char(c: char) -> &'static str {
    // Only characters outside ASCII need a table; everything else is itself.
    const TABLE: &[(&str, &str)] = &[
        ("ÀÁÂÃÄÅĀĂĄàáâãäåāăą", "a"),
        ("ÇĆĈĊČçćĉċč", "c"),
        ("ĎĐďđ", "d"),
        ("ÈÉÊËĒĔĖĘĚèéêëēĕėęě", "e"),
        ("ĜĞĠĢĝğġģ", "g"),
        ("ĤĦĥħ", "h"),
        ("ÌÍÎÏĨĪĬĮİìíîïĩīĭįı", "i"),
        ("Ĵĵ", "j"),
        ("Ķķ", "k"),
        ("ĹĻĽĿŁĺļľŀł", "l"),
        ("ÑŃŅŇñńņň", "n"),
        ("ÒÓÔÕÖØŌŎŐòóôõöøōŏő", "o"),
        ("ŔŖŘŕŗř", "r"),
        ("ŚŜŞŠȘśŝşšș", "s"),
        ("ŢŤŦȚţťŧț", "t"),
        ("ÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűų", "u"),
        ("Ŵŵ", "w"),
        ("ÝŸŶýÿŷ", "y"),
        ("ŹŻŽźżž", "z"),
        ("ß", "ss"),
        ("Ææ", "ae"),
        ("Œœ", "oe"),
        ("Þþ", "th"),
        ("ʻʼ‘’`´", "'"),
        ("–—", "-"),
    ];
    if c.is_ascii() {
        // A static one-character string for every ASCII character.
        const ASCII: &str = "\0\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\t\n\u{b}\u{c}\r\u{e}\u{f}\u{10}\u{11}\u{12}\u{13}\u{14}\u{15}\u{16}\u{17}\u{18}\u{19}\u{1a}\u{1b}\u{1c}\u{1d}\u{1e}\u{1f} !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u{7f}";
        let i = c as usize;
        return ASCII.get(i..i + 1).unwrap_or("");
    }
    for (from, to) in TABLE {
        if from.contains(c) {
            return to;
        }
    }
    if c.is_alphanumeric() {
        // Letters of other scripts stay out of keys: names are compared in
        // Latin script.
        return "";
    }
    " "
}

#[cfg(test)]
mod tests {
    use super::{fold_ascii, fold_chars, key};

    #[test]
    fn ascii_names_fold_as_any_other() {
        let mut names: Vec<String> = ["St. John's", "  Port-au-Prince ", "A\u{b}B\u{c}C\rD\tE\nF", "x,,y..z``w''v", "N'Djamena", "the Hague", "99 Ranch", "a_b+c/d(e)f"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        // Every printable ASCII character and control character, alone and
        // between letters.
        names.extend((0u8..128).map(|b| format!("a{}b", char::from(b))));
        for name in &names {
            let (mut ascii, mut chars) = (String::new(), String::new());
            fold_ascii(name, &mut ascii);
            fold_chars(name, &mut chars);
            assert_eq!(ascii, chars, "{name:?}");
        }
    }

    #[test]
    fn keys_fold_case_diacritics_and_punctuation() {
        assert_eq!(key("Côte d’Ivoire"), "cote d ivoire");
        assert_eq!(key("the Côte d'Ivoire"), "cote d ivoire");
        assert_eq!(key("COTE-D'IVOIRE"), "cote d ivoire");
        assert_eq!(key("St. Petersburg"), "saint petersburg");
        assert_eq!(key("Saint Petersburg"), "saint petersburg");
        assert_eq!(key("Düsseldorf"), "dusseldorf");
        assert_eq!(key("U.S."), "u s");
        assert_eq!(key("  Geneva  "), "geneva");
        assert_eq!(key("Москва"), "");
    }
}
