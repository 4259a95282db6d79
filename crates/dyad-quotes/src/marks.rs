//! Quotation marks: which stretches of a text are quoted.
//!
//! Curly double marks (“ ”), straight double marks (an opening `"` follows
//! a space, the start or an opening bracket; any other closes), low marks
//! („), guillemets (« »), and curly single marks (‘ ’, when ‘ opens a word
//! and ’ ends one, so "it’s" is not a quote). A quote left open at the end
//! of a paragraph runs on when the next paragraph opens with a mark (the
//! multi-paragraph convention); otherwise it ends with its paragraph.
//! Marks inside a quote of the other kind are nested quotes, not new ones.

use dyad_core::Span;

/// A quoted stretch of text, marks included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quoted {
    /// From the opening mark to the end of the closing mark (or of the
    /// paragraph when none closes it).
    pub span: Span,
    /// Whether a closing mark ends it.
    pub closed: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Double,
    Single,
}

fn opens_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '‘' | '“'),
    }
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// The bytes that can start a mark: `"`, `'` and `` ` `` (doubled), and
/// the lead bytes of “ ” „ ‘ ’ (0xE2) and of « » (0xC2).
const MARK_STARTS: [u8; 5] = [b'"', b'\'', b'`', 0xE2, 0xC2];

/// The first byte of `bytes` that may start a mark. Marks are rare: blocks
/// of sixteen bytes without one are passed over, each compared with one
/// mark byte at a time in vector lanes.
fn next_mark(bytes: &[u8]) -> Option<usize> {
    let (blocks, rest) = bytes.as_chunks::<16>();
    for (bi, block) in blocks.iter().enumerate() {
        if MARK_STARTS.iter().any(|&m| block.iter().fold(false, |any, &b| any | (b == m))) {
            return block.iter().position(|b| MARK_STARTS.contains(b)).map(|k| bi * 16 + k);
        }
    }
    rest.iter().position(|b| MARK_STARTS.contains(b)).map(|k| blocks.len() * 16 + k)
}

/// What a mark at a position does.
fn mark(c: char, prev: Option<char>, next: Option<char>) -> Option<(Kind, bool)> {
    // (kind, opens)
    match c {
        '“' | '„' | '«' => Some((Kind::Double, true)),
        '”' | '»' => Some((Kind::Double, false)),
        '"' => Some((Kind::Double, opens_context(prev) && !next.is_some_and(char::is_whitespace))),
        '‘' if opens_context(prev) && is_word(next) || opens_context(prev) && next == Some('“') => Some((Kind::Single, true)),
        '’' if !is_word(next) && prev.is_some_and(|p| !p.is_whitespace()) => Some((Kind::Single, false)),
        _ => None,
    }
}

/// The quoted stretches of a run of paragraphs (spans into `text`), in order.
pub fn find(text: &str, paragraphs: &[Span]) -> Vec<Quoted> {
    let mut out = Vec::new();
    // The open quote: kind and start.
    let mut open: Option<(Kind, usize)> = None;
    for (pi, p) in paragraphs.iter().enumerate() {
        let Some(body) = text.get(p.start..p.end) else { continue };
        // Only a few bytes can start a mark: skip to them, and read the
        // characters around each from the text.
        let mut from = 0;
        while let Some(skip) = next_mark(&body.as_bytes()[from..]) {
            let i = from + skip;
            let Some(c) = body[i..].chars().next() else { break };
            let prev = body[..i].chars().next_back();
            let mut width = c.len_utf8();
            let mut next = body[i + width..].chars().next();
            let at = p.start + i;
            // Two apostrophes or backticks, as some wires write quotation
            // marks (''Yes,'' she said. ``No.''): one double mark.
            let mut found = mark(c, prev, next);
            if matches!(c, '\'' | '`') && next == Some(c) {
                width = 2;
                next = body[i + width..].chars().next();
                let opens = c == '`' || opens_context(prev) && !next.is_some_and(char::is_whitespace);
                found = Some((Kind::Double, opens));
            }
            if let Some((kind, opens)) = found {
                match open {
                    // A quote running on from the previous paragraph: the
                    // paragraph's own opening mark repeats it.
                    Some((k, _)) if opens && k == kind && body[..i].trim_start().is_empty() => {}
                    None if opens => open = Some((kind, at)),
                    Some((k, start)) if k == kind && !opens => {
                        out.push(Quoted { span: Span::new(start, at + width), closed: true });
                        open = None;
                    }
                    // A straight mark that looked like an opening one
                    // closes the quote it is in.
                    Some((Kind::Double, start)) if (c == '"' || width == 2) && opens => {
                        out.push(Quoted { span: Span::new(start, at + width), closed: true });
                        open = None;
                    }
                    _ => {}
                }
            }
            from = i + width;
        }
        if let Some((kind, start)) = open {
            let next_opens = paragraphs.get(pi + 1).and_then(|q| text.get(q.start..q.end)).is_some_and(|next| {
                let t = next.trim_start();
                let mut cs = t.chars();
                let first = cs.next();
                first.and_then(|f| mark(f, None, cs.next())).is_some_and(|(k, opens)| k == kind && opens)
            });
            if next_opens {
                open = Some((kind, start));
            } else {
                let end = p.start + body.trim_end().len();
                if end > start + 1 {
                    out.push(Quoted { span: Span::new(start, end), closed: false });
                }
                open = None;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        let paras: Vec<Span> = {
            let mut v = Vec::new();
            let mut start = 0;
            for part in text.split('\n') {
                v.push(Span::new(start, start + part.len()));
                start += part.len() + 1;
            }
            v
        };
        find(text, &paras).into_iter().map(|q| &text[q.span.start..q.span.end]).collect()
    }

    #[test]
    fn curly_straight_and_single_marks() {
        assert_eq!(quotes("“We will stay,” she said."), ["“We will stay,”"]);
        assert_eq!(quotes("He said \"no deal\" twice and \"never\" once."), ["\"no deal\"", "\"never\""]);
        assert_eq!(quotes("It’s the ‘final offer’, they said, and it’s firm."), ["‘final offer’"]);
        assert_eq!(quotes("“The word ‘never’ came up,” he said."), ["“The word ‘never’ came up,”"]);
        assert!(quotes("The farmers’ union and the 1990s’ debts.").is_empty());
        assert_eq!(quotes("''We are ready,'' she said. ``Are you?''"), ["''We are ready,''", "``Are you?''"]);
    }

    #[test]
    fn paragraphs_run_on_when_the_next_opens_with_a_mark() {
        let text = "“First part of the answer.\n“Second part,” she said.\nNo quote here.";
        assert_eq!(quotes(text), ["“First part of the answer.\n“Second part,”"]);
        // An unclosed quote ends with its paragraph.
        assert_eq!(quotes("“Left open here.\nPlain text."), ["“Left open here."]);
    }
}
