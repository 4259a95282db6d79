//! Compact JSON for the wire types, appended straight to a buffer: the
//! bytes `serde_json::to_writer` writes, in a fraction of the instructions.
//!
//! An analysis is mostly short strings and small numbers (a token is four
//! numbers, five strings and seven keys), and a serde serializer spends
//! its time per item, not per byte: every key is a string to escape, every
//! piece a call. Here the wire structs' keys are constants (`,"text":`)
//! made by the same field lists that make their `Serialize` impls, strings
//! are scanned eight bytes at a time for what JSON escapes, and numbers
//! are formatted in place; floats, which are few, are left to serde_json.
//! The tests check the bytes against serde_json's for every wire type.

use std::borrow::Cow;

/// A value written as compact JSON, byte for byte as serde_json writes it.
pub(crate) trait WriteJson {
    /// Appends the value to `out`.
    fn write_json(&self, out: &mut Vec<u8>);
}

/// What each byte becomes in a JSON string: 0 itself, else the letter after
/// the backslash (`u` for `\u00XX`).
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Whether any of the eight bytes of `chunk` needs an escape: a control
/// character, a quote or a backslash.
#[inline(always)]
fn any_escape(chunk: u64) -> bool {
    escape_mask(chunk) != 0
}

/// The high bit of each byte of `chunk` (little-endian) that needs an
/// escape. Bytes after the first such byte may be flagged wrongly (a
/// borrow), the first one never: its index is `trailing_zeros / 8`.
#[inline(always)]
fn escape_mask(chunk: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let quote = chunk ^ (ONES * b'"' as u64);
    let backslash = chunk ^ (ONES * b'\\' as u64);
    let control = chunk.wrapping_sub(ONES * 0x20) & !chunk;
    let zero_quote = quote.wrapping_sub(ONES) & !quote;
    let zero_backslash = backslash.wrapping_sub(ONES) & !backslash;
    (control | zero_quote | zero_backslash) & HIGH
}

/// Eight spaces, which need no escape: the padding of a short string.
const SPACES: u64 = u64::from_le_bytes([b' '; 8]);

/// A string shorter than eight bytes as a word, padded with spaces.
#[inline(always)]
fn short_word(bytes: &[u8]) -> u64 {
    bytes.iter().enumerate().fold(SPACES, |word, (k, &b)| word ^ (u64::from(b ^ b' ') << (8 * k)))
}

/// Whether a string of eight bytes or more needs any escape.
#[inline]
fn needs_escape(bytes: &[u8]) -> bool {
    let word = |chunk: &[u8]| u64::from_le_bytes(chunk.try_into().unwrap_or_default());
    let mut chunks = bytes.chunks_exact(8);
    (&mut chunks).any(|chunk| any_escape(word(chunk))) || (!chunks.remainder().is_empty() && any_escape(word(&bytes[bytes.len() - 8..])))
}

/// Appends `bytes` (at most nine) by storing all of `written`, then drops
/// what follows the first `len`: a store and a length, where copying a
/// short slice of unknown length calls `memcpy`.
#[inline(always)]
fn push_short(out: &mut Vec<u8>, written: [u8; 9], len: usize) {
    let at = out.len();
    out.extend_from_slice(&written);
    out.truncate(at + len);
}

/// A JSON string.
#[inline]
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    if bytes.len() < 8 {
        let word = short_word(bytes);
        if !any_escape(word) {
            let mut quoted = [b'"'; 9];
            quoted[1..].copy_from_slice(&(word ^ (u64::from(b'"' ^ b' ') << (8 * bytes.len()))).to_le_bytes());
            return push_short(out, quoted, bytes.len() + 2);
        }
    } else if !needs_escape(bytes) {
        out.reserve(bytes.len() + 2);
        out.push(b'"');
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    write_escaped(out, bytes);
}

/// A JSON string with escapes: the runs between them copied whole, and
/// skipped eight bytes at a time up to the next escape.
#[inline(never)]
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'"');
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mask = escape_mask(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
            if mask == 0 {
                i += 8;
                continue;
            }
            i += (mask.trailing_zeros() / 8) as usize;
        }
        let escape = ESCAPE[bytes[i] as usize];
        if escape != 0 {
            out.extend_from_slice(&bytes[start..i]);
            out.extend_from_slice(&[b'\\', escape]);
            if escape == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[b'0', b'0', HEX[(bytes[i] >> 4) as usize], HEX[(bytes[i] & 0xf) as usize]]);
            }
            start = i + 1;
        }
        i += 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// An unsigned integer in decimal.
#[inline]
fn write_u64(out: &mut Vec<u8>, n: u64) {
    if n >= 100_000_000 {
        return write_u64_long(out, n);
    }
    // Eight digits at once, leading zeros included, most significant
    // first: split in two halves of four digits, each in two of two, each
    // in two of one, dividing every lane by a multiply and a shift.
    let halves = n / 10_000 | (n % 10_000) << 32;
    let hundreds = (halves * 10_486 >> 20) & 0x0000_007f_0000_007f;
    let pairs = (halves - 100 * hundreds) << 16 | hundreds;
    let tens = (pairs * 103 >> 10) & 0x000f_000f_000f_000f;
    let digits = (pairs - 10 * tens) << 8 | tens;
    let leading_zeros = (digits.trailing_zeros() / 8).min(7) as usize;
    let mut written = [0u8; 9];
    written[..8].copy_from_slice(&((digits | 0x3030_3030_3030_3030) >> (8 * leading_zeros)).to_le_bytes());
    push_short(out, written, 8 - leading_zeros);
}

#[cold]
fn write_u64_long(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

impl WriteJson for str {
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) {
        write_str(out, self);
    }
}

impl WriteJson for String {
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) {
        write_str(out, self);
    }
}

impl WriteJson for compact_str::CompactString {
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) {
        write_str(out, self);
    }
}

impl WriteJson for Cow<'_, str> {
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) {
        write_str(out, self);
    }
}

/// Unsigned integers.
macro_rules! write_unsigned {
    ($($ty:ty),*) => {
        $(impl WriteJson for $ty {
            #[inline]
            fn write_json(&self, out: &mut Vec<u8>) {
                write_u64(out, *self as u64);
            }
        })*
    };
}

write_unsigned!(u8, u32, usize);

/// Floats, by serde_json itself (`null` when not finite).
macro_rules! write_float {
    ($($ty:ty),*) => {
        $(impl WriteJson for $ty {
            fn write_json(&self, out: &mut Vec<u8>) {
                // Writing a float to a Vec cannot fail.
                let _ = serde_json::to_writer(&mut *out, self);
            }
        })*
    };
}

write_float!(f32, f64);

impl WriteJson for bool {
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Some(value) => value.write_json(out),
            None => out.extend_from_slice(b"null"),
        }
    }
}

impl<T: WriteJson> WriteJson for [T] {
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        for (i, value) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            value.write_json(out);
        }
        out.push(b']');
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) {
        self.as_slice().write_json(out);
    }
}

impl<T: WriteJson, const N: usize> WriteJson for [T; N] {
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) {
        self.as_slice().write_json(out);
    }
}
