//! Half-open byte spans into a document's text, and conversion to character
//! offsets for clients that count in `char`s.

use std::ops::Range;

/// A half-open byte range `[start, end)` into `Document::text`.
///
/// Spans are created by the stage that finds a thing and never changed
/// afterwards. Slicing the document text with a span always succeeds: every
/// constructor in dyad keeps both ends on char boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// Creates a span; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end: end.max(start) }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The span as a range, for slicing.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers, or `""` when it does not fit `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.range()).unwrap_or("")
    }

    /// Shrinks the span to exclude leading and trailing whitespace of `text`.
    pub fn trim(&self, text: &str) -> Span {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead == s.len() {
            return Span::new(self.start, self.start);
        }
        Span::new(self.start + lead, self.end - trail)
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

/// Converts byte offsets of one text to character offsets.
///
/// Built once per text in O(n); each lookup is O(log n) over the positions of
/// multi-byte characters, so ASCII text costs almost nothing.
#[derive(Clone, Debug)]
pub struct CharIndex {
    /// Byte offsets of every multi-byte character, with the extra bytes it
    /// adds, accumulated.
    wide: Vec<(usize, usize)>,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharIndex {
        let mut wide = Vec::new();
        let mut extra = 0;
        for (byte_idx, ch) in text.char_indices() {
            let n_bytes = ch.len_utf8();
            if n_bytes > 1 {
                extra += n_bytes - 1;
                wide.push((byte_idx, extra));
            }
        }
        CharIndex { wide }
    }

    /// The character offset of byte offset `byte` (which should be a char
    /// boundary; inside a character it counts that character as passed).
    pub fn char_offset(&self, byte: usize) -> usize {
        // Characters starting strictly before `byte` have been fully passed.
        let n_before = self.wide.partition_point(|&(start, _)| start < byte);
        let extra = if n_before == 0 { 0 } else { self.wide[n_before - 1].1 };
        byte - extra
    }

    /// Both ends of a span in characters.
    pub fn char_span(&self, span: Span) -> (usize, usize) {
        (self.char_offset(span.start), self.char_offset(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_multibyte_characters_once() {
        let text = "a“b”é c";
        let index = CharIndex::new(text);
        for (char_idx, (byte_idx, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_offset(byte_idx), char_idx, "byte {byte_idx}");
        }
        assert_eq!(index.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn trim_drops_outer_whitespace_only() {
        let text = "  two words \n";
        let span = Span::new(0, text.len()).trim(text);
        assert_eq!(span.slice(text), "two words");
        assert!(Span::new(0, 2).trim(text).is_empty());
    }
}
