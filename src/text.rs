//! Small text rules shared by the directory, the importers and search:
//! accent folding, e-mail shape, whitespace clean-up and search-query tokens.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for accent- and case-insensitive comparison. Letters that
/// Unicode does not decompose (ø, ł, ß…) are mapped to their usual Latin
/// spelling.
///
/// ```
/// assert_eq!(chorus::text::fold("Zoë Ångström"), "zoe angstrom");
/// assert_eq!(chorus::text::fold("Søren Łukasz"), "soren lukasz");
/// ```
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            // Decompose one character at a time: most text is ASCII, and
            // normalising whole strings dominated bulk imports.
            for d in std::iter::once(c).nfkd() {
                fold_char(d, &mut out);
            }
        }
    }
    out
}

fn fold_char(c: char, out: &mut String) {
    if is_combining_mark(c) {
        return;
    }
    match c {
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'þ' | 'Þ' => out.push_str("th"),
        'ı' => out.push('i'),
        _ => out.extend(c.to_lowercase()),
    }
}

/// Collapses runs of whitespace into one space and trims the ends.
pub fn clean(s: &str) -> String {
    let trimmed = s.trim();
    let mut prev_space = false;
    let tidy = trimmed.chars().all(|c| {
        let ok = if c.is_whitespace() { c == ' ' && !prev_space } else { true };
        prev_space = c.is_whitespace();
        ok
    });
    if tidy {
        return trimmed.to_owned(); // the common case: nothing to collapse
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A Microsoft 365 guest's own address, read out of the user principal
/// name the tenant gave them: `ann.lee_partner.example#EXT#@acme.onmicrosoft.com`
/// is `ann.lee@partner.example` (the last `_` before `#EXT#` stands for the
/// `@`). `None` for anything else.
///
/// ```
/// assert_eq!(chorus::text::guest_address("Ann.Lee_partner.example#EXT#@acme.onmicrosoft.com").as_deref(), Some("ann.lee@partner.example"));
/// assert_eq!(chorus::text::guest_address("ann@acme.example"), None);
/// ```
pub fn guest_address(upn: &str) -> Option<String> {
    let lower = upn.trim().to_lowercase();
    let (mangled, _tenant) = lower.split_once("#ext#@")?;
    let (local, domain) = mangled.rsplit_once('_')?;
    let address = format!("{local}@{domain}");
    looks_like_email(&address).then_some(address)
}

/// Whether `s` has the shape of an e-mail address: one `@`, a non-empty local
/// part, a domain with a dot and no empty label, and no spaces or brackets.
/// Deliberately simple: it catches typos ("bob@", "bob.example.com"), not every
/// RFC 5322 corner.
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    if local.is_empty() || local.len() > 64 || domain.len() > 253 || domain.contains('@') {
        return false;
    }
    let bad = |c: char| c.is_whitespace() || c.is_control() || "<>()[],;:\\\"".contains(c);
    if s.chars().any(bad) {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
        && labels.last().is_some_and(|tld| tld.chars().all(char::is_alphanumeric) && tld.len() >= 2)
}

/// Splits a search box's text into folded word tokens, the way the full-text
/// index splits names: "Zoë  Ång-" gives `["zoe", "ang"]`.
pub fn search_tokens(q: &str) -> Vec<String> {
    fold(q).split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// FxHash (rustc's hasher) for maps keyed by short text or ids: several times
/// faster than SipHash, and the keys come from the user's own files, so
/// flooding resistance buys nothing here.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHash;

impl std::hash::BuildHasher for FastHash {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(0)
    }
}

#[derive(Debug)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Column names for a message: the first dozen, then how many more, so a
/// header of 100,000 columns still gives a sentence a person can read.
pub fn list_columns<S: AsRef<str>>(names: &[S], quote: bool) -> String {
    const SHOWN: usize = 12;
    let show = |n: &S| if quote { format!("{:?}", n.as_ref()) } else { n.as_ref().to_owned() };
    let mut out: Vec<String> = names.iter().take(SHOWN).map(show).collect();
    if names.len() > SHOWN {
        out.push(format!("and {} more", names.len() - SHOWN));
    }
    out.join(", ")
}

/// A `HashMap` with [`FastHash`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, FastHash>;
/// A hash set with [`FastHash`].
pub type FastSet<K> = std::collections::HashSet<K, FastHash>;

/// XML text and attribute escaping.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_column_lists_are_cut_with_a_count() {
        let names: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
        let text = list_columns(&names, false);
        assert!(text.starts_with("c0, c1, ") && text.ends_with("c11, and 99988 more"), "{text}");
        assert_eq!(list_columns(&["a", "b"], true), "\"a\", \"b\"");
    }

    #[test]
    fn fold_removes_accents_and_case() {
        assert_eq!(fold("Zoë Ångström"), "zoe angstrom");
        assert_eq!(fold("Łukasz Wójcik"), "lukasz wojcik");
        assert_eq!(fold("Søren Straße"), "soren strasse");
        assert_eq!(fold("Nguyễn Thị"), "nguyen thi");
    }

    #[test]
    fn email_shapes() {
        for ok in ["a@b.co", "first.last+tag@sub.example.org", "zoë@exämple.de"] {
            assert!(looks_like_email(ok), "{ok} should be accepted");
        }
        for bad in ["bob@", "@x.com", "bob.example.com", "a@b", "a b@c.com", "a@b..com", "a@@b.com", "a@b.c"] {
            assert!(!looks_like_email(bad), "{bad} should be rejected");
        }
    }

    #[test]
    fn tokens_fold_and_split() {
        assert_eq!(search_tokens("  Zoë  Ång- "), vec!["zoe", "ang"]);
        assert_eq!(search_tokens("\"a\" OR b*"), vec!["a", "or", "b"]);
        assert!(search_tokens(" - ").is_empty());
    }

    #[test]
    fn clean_collapses_whitespace() {
        assert_eq!(clean("  Ann \t  Lee\n"), "Ann Lee");
    }
}
