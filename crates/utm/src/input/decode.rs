//! Turns an uploaded file's bytes into text. Spreadsheet exports come as UTF-8 (with or
//! without a byte-order mark), UTF-16 (Excel's "Unicode text") or Windows-1252 (Excel's
//! "CSV" on Western-European Windows).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("this is an Excel workbook or a zip archive; save it as CSV (or \"Unicode text\") and try again")]
    Workbook,
    #[error("this looks like a binary file, not text")]
    Binary,
}

/// Decodes bytes to text, detecting the encoding from a byte-order mark, the pattern of zero
/// bytes (UTF-16 without a mark), UTF-8 validity, and otherwise Windows-1252.
pub fn decode_text(bytes: &[u8]) -> Result<(String, TextEncoding), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(DecodeError::Workbook);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let kind = if encoding == UTF_8 {
            TextEncoding::Utf8Bom
        } else if encoding == UTF_16LE {
            TextEncoding::Utf16Le
        } else {
            TextEncoding::Utf16Be
        };
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text.into_owned(), kind);
    }
    if let Some(kind) = sniff_utf16(bytes) {
        let encoding = if kind == TextEncoding::Utf16Le {
            UTF_16LE
        } else {
            UTF_16BE
        };
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return finish(text.into_owned(), kind);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => finish(text.to_string(), TextEncoding::Utf8),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            finish(text.into_owned(), TextEncoding::Windows1252)
        }
    }
}

/// UTF-16 text of mostly ASCII characters has a zero in every other byte.
fn sniff_utf16(bytes: &[u8]) -> Option<TextEncoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let zero_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if zero_odd * 10 >= pairs * 7 && zero_even * 20 <= pairs {
        Some(TextEncoding::Utf16Le)
    } else if zero_even * 10 >= pairs * 7 && zero_odd * 20 <= pairs {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// Rejects text full of control characters (a binary file read by mistake).
fn finish(text: String, kind: TextEncoding) -> Result<(String, TextEncoding), DecodeError> {
    let sample: Vec<char> = text.chars().take(4096).collect();
    let control = sample
        .iter()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if control * 20 > sample.len() {
        return Err(DecodeError::Binary);
    }
    Ok((text, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
        for u in text.encode_utf16() {
            out.extend(u.to_le_bytes());
        }
        out
    }

    #[test]
    fn detects_each_encoding() {
        assert_eq!(
            decode_text(b"a,b").unwrap(),
            ("a,b".into(), TextEncoding::Utf8)
        );
        assert_eq!(
            decode_text(b"\xEF\xBB\xBFa,b").unwrap(),
            ("a,b".into(), TextEncoding::Utf8Bom)
        );
        assert_eq!(
            decode_text(&utf16le("caf\u{e9}\tx", true)).unwrap(),
            ("caf\u{e9}\tx".into(), TextEncoding::Utf16Le)
        );
        assert_eq!(
            decode_text(&utf16le("url\thttps://x.example/", false))
                .unwrap()
                .1,
            TextEncoding::Utf16Le
        );
        let be: Vec<u8> = "url,x"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode_text(&be).unwrap().1, TextEncoding::Utf16Be);
        assert_eq!(
            decode_text(b"caf\xE9 \x80").unwrap(),
            ("caf\u{e9} \u{20ac}".into(), TextEncoding::Windows1252)
        );
    }

    #[test]
    fn rejects_workbooks_binaries_and_empty_files() {
        assert_eq!(decode_text(b""), Err(DecodeError::Empty));
        assert_eq!(decode_text(b"PK\x03\x04rest"), Err(DecodeError::Workbook));
        let binary: Vec<u8> = (0u8..=255).cycle().take(2000).collect();
        assert_eq!(decode_text(&binary), Err(DecodeError::Binary));
    }
}
