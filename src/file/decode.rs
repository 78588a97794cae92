//! Turning a text file's bytes into UTF-8, whatever spreadsheet or HR system
//! wrote it, and guessing its delimiter.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// A decoded text file.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Why bytes could not be taken as text.
#[derive(Debug, PartialEq)]
pub enum NotText {
    /// A NUL byte (outside UTF-16) on this 1-based line.
    Nul { line: usize },
    /// Mostly control characters: a binary file.
    Binary,
}

/// Decodes by byte-order mark (UTF-8, UTF-16 LE/BE), else as UTF-8 when the
/// bytes are valid UTF-8, else as Windows-1252 (what Excel on Windows writes).
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    let (encoding, body): (&'static Encoding, &[u8]) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None if std::str::from_utf8(bytes).is_ok() => (UTF_8, bytes),
        None => (WINDOWS_1252, bytes),
    };
    if encoding != UTF_16LE
        && encoding != UTF_16BE
        && let Some(pos) = body.iter().position(|&b| b == 0)
    {
        let line = 1 + body[..pos].iter().filter(|&&b| b == b'\n').count();
        return Err(NotText::Nul { line });
    }
    let (text, _) = encoding.decode_without_bom_handling(body);
    let text = text.into_owned();
    if text.contains('\0') {
        let line = 1 + text[..text.find('\0').unwrap_or(0)].matches('\n').count();
        return Err(NotText::Nul { line });
    }
    // Text has few control characters besides tab and line ends; binary junk
    // decoded as Windows-1252 has many.
    let sample: Vec<char> = text.chars().take(64 * 1024).collect();
    let controls = sample.iter().filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')).count();
    if !sample.is_empty() && controls * 100 > sample.len() {
        return Err(NotText::Binary);
    }
    Ok(Decoded { text, encoding: encoding.name() })
}

/// Picks `,`, `;` or tab: the one that splits the header line into the most
/// fields, counting only outside double quotes.
pub fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |d: char| {
        let mut quoted = false;
        header
            .chars()
            .filter(|&c| {
                if c == '"' {
                    quoted = !quoted;
                }
                !quoted && c == d
            })
            .count()
    };
    [(b',', count(',')), (b';', count(';')), (b'\t', count('\t'))]
        .into_iter()
        .max_by_key(|&(d, n)| (n, d == b','))
        .map(|(d, _)| d)
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_legacy_encodings() {
        let utf16le: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Zoë".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16le).unwrap().text, "Zoë");
        let utf16be: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain("Zoë".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&utf16be).unwrap().text, "Zoë");
        assert_eq!(decode(b"\xEF\xBB\xBFZo\xC3\xAB").unwrap().text, "Zoë");
        let cp1252 = decode(b"Zo\xEB M\xFCller").unwrap();
        assert_eq!((cp1252.text.as_str(), cp1252.encoding), ("Zoë Müller", "windows-1252"));
    }

    #[test]
    fn refuses_nul_bytes_and_binary() {
        assert_eq!(decode(b"a,b\nc\0,d\n").unwrap_err(), NotText::Nul { line: 2 });
        let junk: Vec<u8> = (0u32..4000).map(|i| ((i * 7919) % 251) as u8 | 1).collect();
        assert_eq!(decode(&junk).unwrap_err(), NotText::Binary);
    }

    #[test]
    fn sniffs_delimiters_outside_quotes() {
        assert_eq!(sniff_delimiter("name;email;\"a,b,c,d\"\n"), b';');
        assert_eq!(sniff_delimiter("name\temail\ttitle\n"), b'\t');
        assert_eq!(sniff_delimiter("name,email\n"), b',');
        assert_eq!(sniff_delimiter("name\n"), b',');
    }
}
