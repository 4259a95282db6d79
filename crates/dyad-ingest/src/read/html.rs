//! HTML pages → main text and metadata.
//!
//! Main-content extraction is trafilatura's (a port of go-trafilatura): it
//! drops navigation, footers, share bars and other boilerplate, and reads
//! title, author and date from `<meta>` tags and JSON-LD. We take its content
//! *HTML* rather than its plain text so paragraph breaks survive: every block
//! element becomes one paragraph, separated by a blank line. The headline is
//! put first when the content does not already start with it, so the
//! analysed text reads like the page.

use dyad_core::{Date, DateSource, Diagnostic, InputFormat, Meta};
use scraper::{Html, Node};

use super::{RawDocument, ReadConfig};
use crate::{ReadError, ReadErrorKind};

/// Elements whose content is one paragraph of their own.
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "td", "th",
    "dd", "dt", "section", "article", "header", "figcaption", "table", "ul", "ol", "main", "body",
];

/// Extracts the main text of a page.
pub fn read(html: &str, source: &str, diagnostics: Vec<Diagnostic>, config: &ReadConfig) -> Result<RawDocument, ReadError> {
    let depth = nesting_depth(html);
    if depth > MAX_DEPTH {
        return Err(ReadError::new(source, ReadErrorKind::TooDeep { depth, limit: MAX_DEPTH }));
    }
    let options = trafilatura::Options::default();
    let no_content = || ReadError::new(source, ReadErrorKind::NoContent);
    let result = trafilatura::extract(html, &options).map_err(|_| no_content())?;
    let paragraphs = block_texts(&result.content_html);
    let metadata = &result.metadata;
    let title = non_empty(&metadata.title);

    let mut text = String::new();
    if let Some(title) = &title {
        let starts_with_title = paragraphs.first().is_some_and(|first| same_words(first, title));
        if !starts_with_title {
            text.push_str(title);
        }
    }
    for paragraph in &paragraphs {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(paragraph);
    }
    if paragraphs.is_empty() {
        return Err(no_content());
    }
    text.push('\n');

    let mut meta = Meta::new(source, InputFormat::Html);
    meta.title = title;
    meta.author = non_empty(&metadata.author);
    meta.url = non_empty(&metadata.url);
    if let Some(date) = metadata.date {
        use chrono::Datelike;
        meta.date = u16::try_from(date.year()).ok().and_then(|year| Date::new(year, date.month() as u8, date.day() as u8));
        meta.date_source = if meta.date.is_some() { DateSource::Metadata } else { DateSource::None };
    }
    Ok(RawDocument::new(text, meta, diagnostics, config))
}

/// The deepest nesting of elements a page may have. The HTML parser's tree
/// builder takes time in the square of the depth (100,000 nested `div`s,
/// 1.1 MB: 16 s), and real pages nest a few dozen deep (Blink stops at 512).
pub const MAX_DEPTH: usize = 4096;

/// Elements that never hold others, and elements whose end tag may be left
/// out (sloppy pages leave thousands of `<p>` and `<li>` open): not counted.
const UNCOUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd", "option",
    "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body",
];

/// How deep the elements of `html` nest, counted on its tags in one pass:
/// comments, declarations and the content of `script` and `style` are
/// skipped; self-closed tags and [`UNCOUNTED`] elements do not count.
fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    let find = |from: usize, what: &str| html.get(from..).and_then(|rest| rest.find(what)).map(|i| from + i);
    while let Some(open) = find(at, "<") {
        let rest = &bytes[open + 1..];
        if rest.starts_with(b"!--") {
            at = find(open + 4, "-->").map_or(bytes.len(), |i| i + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = open + 1 + usize::from(closing);
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let Some(end) = find(name_start, ">") else { break };
        at = end + 1;
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue; // `<!doctype`, `<?xml`, a lone `<`
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        if UNCOUNTED.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if bytes[end - 1] != b'/' {
            if name == "script" || name == "style" {
                at = find(at, &format!("</{name}")).unwrap_or(bytes.len());
                continue;
            }
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// The text of each block element of an HTML fragment, whitespace collapsed.
pub fn block_texts(fragment: &str) -> Vec<String> {
    let document = Html::parse_fragment(fragment);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    collect(document.tree.root(), &mut current, &mut paragraphs);
    flush(&mut current, &mut paragraphs);
    paragraphs
}

/// Walks the tree in document order with ego-tree's iterator rather than by
/// recursion, so a fragment nested any depth cannot overflow the stack.
fn collect(root: ego_tree::NodeRef<'_, Node>, current: &mut String, paragraphs: &mut Vec<String>) {
    use ego_tree::iter::Edge;
    // The script, style … element whose content is being skipped.
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) if skipping.is_none() => match node.value() {
                Node::Text(text) => current.push_str(text),
                Node::Element(element) => {
                    let name = element.name();
                    if matches!(name, "script" | "style" | "noscript" | "template") {
                        skipping = Some(node.id());
                    } else if name == "br" || BLOCK_TAGS.contains(&name) {
                        flush(current, paragraphs);
                    }
                }
                _ => {}
            },
            Edge::Open(_) => {}
            Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
            Edge::Close(node) if skipping.is_none() => {
                if let Node::Element(element) = node.value() {
                    if BLOCK_TAGS.contains(&element.name()) {
                        flush(current, paragraphs);
                    }
                }
            }
            Edge::Close(_) => {}
        }
    }
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    // Collapse ASCII whitespace only: a no-break space inside a name stays,
    // so later stages see the text as published.
    let collapsed: Vec<&str> = current.split_ascii_whitespace().collect();
    if !collapsed.is_empty() {
        paragraphs.push(collapsed.join(" "));
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_elements_become_paragraphs() {
        let html = "<div><h1>Talks  resume</h1><p>First <a href='#'>para</a>.</p><p>Second\u{a0}one.</p><script>x()</script></div>";
        assert_eq!(block_texts(html), ["Talks resume", "First para.", "Second\u{a0}one."]);
    }

    /// Found with the `html` fuzz target: a fragment nested 100,000 deep
    /// overflowed the stack (the walk was recursive).
    #[test]
    fn fuzz_deeply_nested_fragment_is_read() {
        let depth = 100_000;
        let html = format!("<div>{}deep <br>text{}</div><p>after</p>", "<b>".repeat(depth), "</b>".repeat(depth));
        assert_eq!(block_texts(&html), ["deep", "text", "after"]);
    }

    #[test]
    fn pages_nested_too_deep_for_the_parser_are_refused_sloppy_ones_are_not() {
        let fixture = include_str!("../../../../testdata/fixtures/article.html");
        assert!(nesting_depth(fixture) < 30, "{}", nesting_depth(fixture));
        let commented = "<div><!-- <div><div> --><script>if (a <b) { x = '<div>'; }</script><br/><img src=x><span/></div>";
        assert_eq!(nesting_depth(commented), 1);
        // Thousands of paragraphs and list items left open: read as usual.
        let sloppy = format!("<html><body><div>{}</div></body></html>", "<p>Envoys met. <li>Talks resumed.".repeat(5_000));
        assert_eq!(nesting_depth(&sloppy), 1);
        let raw = read(&sloppy, "sloppy.html", Vec::new(), &ReadConfig::default()).unwrap();
        assert!(raw.text.contains("Envoys met."));
        // 100,000 nested divs took the parser 16 s: refused at once, by name.
        let deep = format!("<html><body>{}Deep.{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let err = read(&deep, "deep.html", Vec::new(), &ReadConfig::default()).unwrap_err();
        assert_eq!(err.reason(), "too deep");
        assert!(err.to_string().starts_with("deep.html: HTML elements nested 100000 deep, over the limit of 4096"), "{err}");
    }
}
