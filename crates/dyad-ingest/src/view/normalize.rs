//! Character normalisation for analysis, one character at a time.

use dyad_core::{Span, ViewBuilder};

/// The analysis form of `ch`, or `None` when it stays as it is.
///
/// `next` is the following character (to fold CRLF into LF).
pub fn normalize_char(ch: char, next: Option<char>) -> Option<&'static str> {
    Some(match ch {
        '\u{a0}' | '\u{202f}' | '\u{2000}'..='\u{200a}' | '\u{205f}' | '\u{3000}' | '\u{1680}' | '\t' | '\u{b}'
        | '\u{c}' => " ",
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => "",
        '\r' if next == Some('\n') => "",
        '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => "\n",
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '〝' | '〞' | '＂' => "\"",
        '‘' | '’' | '‚' | '‛' | '′' | '‹' | '›' | '＇' => "'",
        '—' | '―' | '⸺' | '⸻' => "--",
        '–' | '‒' | '−' | '‐' | '‑' | '﹣' | '－' => "-",
        '…' => "...",
        '⁄' => "/",
        c if c.is_control() && c != '\n' => " ",
        _ => return None,
    })
}

/// Appends the normalised form of `text[span]` to `builder`.
///
/// Runs of printable ASCII and line feeds, which [`normalize_char`] leaves
/// as they are, are copied whole.
pub fn push_normalized(text: &str, span: Span, builder: &mut ViewBuilder) {
    let slice = span.slice(text);
    let mut offset = 0;
    while offset < slice.len() {
        let run = slice.as_bytes()[offset..].iter().take_while(|&&b| matches!(b, b' '..=b'~' | b'\n')).count();
        if run > 0 {
            builder.push_ascii(span.start + offset, &slice[offset..offset + run]);
            offset += run;
            continue;
        }
        let mut chars = slice[offset..].chars();
        let Some(ch) = chars.next() else { break };
        let start = span.start + offset;
        let origin = Span::new(start, start + ch.len_utf8());
        match normalize_char(ch, chars.next()) {
            Some(replacement) => builder.push_str(origin, replacement),
            None => builder.push_char(origin, ch),
        }
        offset += ch.len_utf8();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_without_moving_spans() {
        let text = "Joe\u{a0}Biden said “no”\r\n— it’s over…\u{200b}";
        let mut builder = ViewBuilder::default();
        push_normalized(text, Span::new(0, text.len()), &mut builder);
        let view = builder.finish(text.len());
        assert_eq!(view.text(), "Joe Biden said \"no\"\n-- it's over...");
        let at = view.text().find("over").unwrap();
        assert_eq!(view.to_original(at, at + 4).slice(text), "over");
        let dash = view.text().find("--").unwrap();
        assert_eq!(view.to_original(dash, dash + 2).slice(text), "—");

        // The same view as normalising one character at a time.
        let mut one_by_one = ViewBuilder::default();
        let mut chars = text.char_indices().peekable();
        while let Some((offset, ch)) = chars.next() {
            let origin = Span::new(offset, offset + ch.len_utf8());
            match normalize_char(ch, chars.peek().map(|&(_, c)| c)) {
                Some(replacement) => one_by_one.push_str(origin, replacement),
                None => one_by_one.push_char(origin, ch),
            }
        }
        let one_by_one = one_by_one.finish(text.len());
        assert_eq!(view.text(), one_by_one.text());
        for start in 0..view.text().len() {
            for end in start + 1..=view.text().len() {
                assert_eq!(view.to_original(start, end), one_by_one.to_original(start, end), "{start}..{end}");
            }
        }
    }
}
