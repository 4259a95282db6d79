//! A rewritten copy of a text that still knows where every byte came from.
//!
//! Analysis wants tidy text (plain quotes and spaces, names in capitals
//! written as names); users want spans into the text they gave. A [`View`]
//! serves both: later stages read [`View::text`] and turn any range of it back
//! into a [`Span`] of the original with [`View::to_original`].
//!
//! Each byte of the view records the original character it was produced from
//! (as a start and end byte). Replacing one character by several (`…` →
//! `...`), several by none (a zero-width space dropped) or changing case with
//! a different UTF-8 length all keep exact alignment. The cost is 8 bytes per
//! view byte, which limits a view to texts under 4 GiB.

use crate::Span;

/// A normalised copy of a text with a byte alignment back to the original.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
    original_len: usize,
}

impl View {
    /// A view identical to `text`.
    pub fn identity(text: &str) -> View {
        let mut builder = ViewBuilder::with_capacity(text.len());
        for (byte_idx, ch) in text.char_indices() {
            builder.push_char(Span::new(byte_idx, byte_idx + ch.len_utf8()), ch);
        }
        builder.finish(text.len())
    }

    /// The view's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Length of the original text this view was built from.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// The original span that produced the view range `[start, end)`.
    ///
    /// An empty range maps to an empty span at the original position of
    /// `start`. Out-of-range positions are clamped.
    pub fn to_original(&self, start: usize, end: usize) -> Span {
        let len = self.text.len();
        let start = start.min(len);
        let end = end.clamp(start, len);
        let origin_of = |view_idx: usize| -> usize {
            if view_idx < len { self.starts[view_idx] as usize } else { self.original_len }
        };
        if start == end {
            let at = origin_of(start);
            return Span::new(at, at);
        }
        Span::new(self.starts[start] as usize, self.ends[end - 1] as usize)
    }

    /// The view range covering an original span: the view bytes produced by
    /// characters inside `span`.
    pub fn from_original(&self, span: Span) -> (usize, usize) {
        let start = self.starts.partition_point(|&s| (s as usize) < span.start);
        let end = self.ends.partition_point(|&e| (e as usize) <= span.end).max(start);
        (start, end)
    }
}

/// Builds a [`View`] character by character, in original-text order.
#[derive(Debug, Default)]
pub struct ViewBuilder {
    text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl ViewBuilder {
    /// An empty builder with room for `n_bytes` of view text.
    pub fn with_capacity(n_bytes: usize) -> ViewBuilder {
        ViewBuilder {
            text: String::with_capacity(n_bytes),
            starts: Vec::with_capacity(n_bytes),
            ends: Vec::with_capacity(n_bytes),
        }
    }

    /// Appends `replacement` as the rendering of the original span `origin`
    /// (usually one character). An empty replacement deletes it.
    pub fn push_str(&mut self, origin: Span, replacement: &str) {
        self.text.push_str(replacement);
        let n_bytes = replacement.len();
        self.starts.extend(std::iter::repeat_n(origin.start as u32, n_bytes));
        self.ends.extend(std::iter::repeat_n(origin.end as u32, n_bytes));
    }

    /// Appends ASCII text copied unchanged from the original at `start`:
    /// each byte renders itself, as [`ViewBuilder::push_char`] would give
    /// it. Text that is not ASCII is pushed character by character.
    pub fn push_ascii(&mut self, start: usize, text: &str) {
        if !text.is_ascii() {
            for (offset, ch) in text.char_indices() {
                self.push_char(Span::new(start + offset, start + offset + ch.len_utf8()), ch);
            }
            return;
        }
        self.text.push_str(text);
        self.starts.extend((start..start + text.len()).map(|s| s as u32));
        self.ends.extend((start + 1..start + 1 + text.len()).map(|e| e as u32));
    }

    /// Appends one character rendering `origin`.
    pub fn push_char(&mut self, origin: Span, ch: char) {
        let mut buf = [0u8; 4];
        self.push_str(origin, ch.encode_utf8(&mut buf));
    }

    /// The view text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Finishes the view of an original text of `original_len` bytes.
    pub fn finish(self, original_len: usize) -> View {
        View { text: self.text, starts: self.starts, ends: self.ends, original_len }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expanded_and_deleted_characters_map_back() {
        let original = "a…\u{200b}b";
        let mut builder = ViewBuilder::default();
        builder.push_char(Span::new(0, 1), 'a');
        builder.push_str(Span::new(1, 4), "...");
        builder.push_str(Span::new(4, 7), "");
        builder.push_char(Span::new(7, 8), 'b');
        let view = builder.finish(original.len());
        assert_eq!(view.text(), "a...b");
        assert_eq!(view.to_original(1, 4).slice(original), "…");
        assert_eq!(view.to_original(2, 3).slice(original), "…");
        assert_eq!(view.to_original(4, 5).slice(original), "b");
        assert_eq!(view.to_original(0, 5).slice(original), original);
        assert_eq!(view.to_original(5, 5), Span::new(8, 8));
        assert_eq!(view.from_original(Span::new(1, 4)), (1, 4));
    }

    #[test]
    fn identity_view_is_the_text() {
        let text = "Sergey\u{a0}Ryabkov “said”";
        let view = View::identity(text);
        assert_eq!(view.text(), text);
        assert_eq!(view.to_original(0, text.len()), Span::new(0, text.len()));
    }
}
