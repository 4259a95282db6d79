//! Bytes → text: byte-order marks, binary detection, legacy encodings.
//!
//! UTF-8 is expected. A UTF-8 BOM is dropped; UTF-16 with a BOM is decoded.
//! Content with NUL bytes or many control bytes is refused as binary.
//! Anything else that is not valid UTF-8 is decoded as Windows-1252 (the
//! superset of Latin-1 that legacy news sites use) with a warning naming the
//! first invalid byte, so the user knows the text was repaired.

use dyad_core::Diagnostic;

use crate::ReadErrorKind;

/// How much of the input is inspected for control bytes.
const SNIFF_BYTES: usize = 64 * 1024;

/// Decodes input bytes, or says why they are not text.
pub fn decode(bytes: &[u8]) -> Result<(String, Vec<Diagnostic>), ReadErrorKind> {
    let mut diagnostics = Vec::new();
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        diagnostics.push(Diagnostic::info("input.encoding.bom", "UTF-8 byte-order mark removed"));
        return decode_utf8_or_legacy(rest, diagnostics);
    }
    for (bom, encoding) in [(&b"\xFF\xFE"[..], encoding_rs::UTF_16LE), (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(rest);
            let mut message = format!("decoded from {}", encoding.name());
            if had_errors {
                message.push_str(" (invalid sequences replaced with U+FFFD)");
            }
            diagnostics.push(Diagnostic::warning("input.encoding.utf16", message));
            return Ok((text.into_owned(), diagnostics));
        }
    }
    check_not_binary(bytes)?;
    decode_utf8_or_legacy(bytes, diagnostics)
}

/// UTF-8 as it is, else Windows-1252 with a warning naming the first
/// invalid byte.
pub(crate) fn decode_utf8_or_legacy(
    bytes: &[u8],
    mut diagnostics: Vec<Diagnostic>,
) -> Result<(String, Vec<Diagnostic>), ReadErrorKind> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), diagnostics)),
        Err(err) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            diagnostics.push(Diagnostic::warning(
                "input.encoding.legacy",
                format!(
                    "not valid UTF-8 (first invalid byte at offset {}); decoded as Windows-1252",
                    err.valid_up_to()
                ),
            ));
            Ok((text.into_owned(), diagnostics))
        }
    }
}

/// Refuses bytes with a NUL, or whose head has many control bytes.
pub(crate) fn check_not_binary(bytes: &[u8]) -> Result<(), ReadErrorKind> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(ReadErrorKind::Binary { evidence: format!("NUL byte at offset {offset}") });
    }
    let n_control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    // Text has essentially no C0 control bytes; random bytes have about 11%.
    if head.len() >= 16 && n_control * 100 > head.len() * 2 {
        let percent = n_control * 100 / head.len();
        return Err(ReadErrorKind::Binary { evidence: format!("{percent}% control bytes") });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_or_refuses_each_kind_of_input() {
        let utf8 = decode("Sergey Ryabkov said “no”.".as_bytes()).unwrap();
        assert_eq!(utf8.0, "Sergey Ryabkov said “no”.");
        assert!(utf8.1.is_empty());

        let bom = decode(b"\xEF\xBB\xBFHello").unwrap();
        assert_eq!(bom.0, "Hello");

        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Kyiv".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let decoded = decode(&utf16).unwrap();
        assert_eq!(decoded.0, "Kyiv");
        assert_eq!(decoded.1[0].code, "input.encoding.utf16");

        let latin1 = decode(b"Caf\xE9 in Z\xFCrich").unwrap();
        assert_eq!(latin1.0, "Café in Zürich");
        assert!(latin1.1[0].message.contains("offset 3"), "{:?}", latin1.1);

        assert!(matches!(decode(b"PK\x03\x04\x00\x00"), Err(ReadErrorKind::Binary { .. })));
        let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 | 1).collect();
        assert!(matches!(decode(&noise), Err(ReadErrorKind::Binary { .. })));
    }
}
