//! The privacy rules every export keeps, in one place.
//!
//! - **The threshold**: no chart, slide or table shows a group of fewer
//!   than [`MIN_GROUP`] people (the default; the strategist may set it
//!   between [`MIN_FLOOR`] and [`MAX_GROUP`], stored in settings).
//! - **Naming**: a file names people only when its kind is meant to and the
//!   person asked for it ([`Naming`]): the directory export names the people
//!   exported, a network file is pseudonymous unless `--names`; decks, PDFs,
//!   workbooks and charts name no one — [`names_in`] reads their text
//!   against the directory before they are written, and a name found stops
//!   the export (an author an evidence card cites is a citation:
//!   [`Roster::except_cited`]). [`Roster::new`] takes each person's consent
//!   to be named, the one place a future "recognised" or "consented" flag
//!   lets a name through; today no one has given it, so no one is named.
//! - **The log**: every file that leaves is recorded ([`ExportRecord`]):
//!   what, when, where to, how big.
//!
//! Pure: the export door (`app::export`) calls these before it writes.

use serde::Serialize;

use crate::text::fold;

/// Groups with fewer people than this are merged, so that no chart shows
/// the activity of a handful of identifiable colleagues: the default of
/// the privacy threshold (Settings may raise it, never below [`MIN_FLOOR`]).
pub const MIN_GROUP: u32 = 5;
/// The lowest privacy threshold the settings accept.
pub const MIN_FLOOR: u32 = 3;
/// The highest.
pub const MAX_GROUP: u32 = 100;

/// Why an export was stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrivacyError {
    #[error("the privacy threshold must be between {MIN_FLOOR} and {MAX_GROUP} people, not {0}")]
    Threshold(u32),
    #[error(
        "this {kind} would name {who} (in “{context}”); {kind}s name no one — \
         remove the name from the edited text or evidence card and export again"
    )]
    Named { kind: &'static str, who: String, context: String },
}

/// Checks a privacy threshold the strategist chose.
pub fn check_threshold(n: u32) -> Result<u32, PrivacyError> {
    if (MIN_FLOOR..=MAX_GROUP).contains(&n) { Ok(n) } else { Err(PrivacyError::Threshold(n)) }
}

/// What kind of file left Chorus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportKind {
    Deck,
    Pdf,
    Workbook,
    Chart,
    People,
    Network,
}

/// Whom a kind of export may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// No one: the text is read against the directory before it is written.
    Nobody,
    /// The people the strategist chose to export, by their own request
    /// (`export people`, `export network --names`).
    AsAsked,
}

impl ExportKind {
    pub const ALL: [ExportKind; 6] = [
        ExportKind::Deck,
        ExportKind::Pdf,
        ExportKind::Workbook,
        ExportKind::Chart,
        ExportKind::People,
        ExportKind::Network,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportKind::Deck => "deck",
            ExportKind::Pdf => "pdf",
            ExportKind::Workbook => "workbook",
            ExportKind::Chart => "chart",
            ExportKind::People => "people",
            ExportKind::Network => "network",
        }
    }

    pub fn parse(s: &str) -> Option<ExportKind> {
        ExportKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// From a report file's extension.
    pub fn of_report(path: &std::path::Path) -> Option<ExportKind> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "pptx" => Some(ExportKind::Deck),
            "pdf" => Some(ExportKind::Pdf),
            "xlsx" => Some(ExportKind::Workbook),
            _ => None,
        }
    }

    pub fn naming(self) -> Naming {
        match self {
            ExportKind::Deck | ExportKind::Pdf | ExportKind::Workbook | ExportKind::Chart => Naming::Nobody,
            ExportKind::People | ExportKind::Network => Naming::AsAsked,
        }
    }
}

/// One line of the export log: what left, when, where to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportRecord {
    /// RFC 3339, UTC.
    pub at: String,
    pub kind: ExportKind,
    /// The slides or chart, the period and filters.
    pub what: String,
    pub path: String,
    pub bytes: u64,
}

/// The people of the directory as an export is checked against them.
#[derive(Debug, Default)]
pub struct Roster {
    /// Folded full names of two words or more → the name as written, for
    /// those who have not consented to be named in decks.
    names: std::collections::HashMap<String, String>,
    longest: usize,
}

impl Roster {
    /// From (full name, consented to be named) pairs. Names of one word are
    /// left out: a handle or a first name alone ("Will", "mark") is also an
    /// ordinary word, and would stop exports that name no one.
    pub fn new<'a>(people: impl IntoIterator<Item = (&'a str, bool)>) -> Roster {
        let mut r = Roster::default();
        for (name, consented) in people {
            let words: Vec<String> = words(name).collect();
            if consented || words.len() < 2 {
                continue;
            }
            r.longest = r.longest.max(words.len());
            r.names.insert(words.join(" "), name.trim().to_owned());
        }
        r
    }

    /// Leaves out the people named in `cited` (the sources evidence cards
    /// cite: a published author, not a colleague who shares the name).
    pub fn except_cited<'a>(&mut self, cited: impl IntoIterator<Item = &'a str>) {
        for text in cited {
            let w: Vec<String> = words(text).collect();
            for start in 0..w.len() {
                for len in 2..=self.longest.min(w.len() - start) {
                    self.names.remove(&w[start..start + len].join(" "));
                }
            }
        }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter(|w| !w.is_empty()).map(fold)
}

/// The first person of the roster named in the texts (accents and case
/// ignored, whole words only), with the text that names them.
pub fn names_in<'a>(roster: &Roster, texts: impl IntoIterator<Item = &'a str>) -> Option<(String, String)> {
    if roster.is_empty() {
        return None;
    }
    for text in texts {
        let w: Vec<String> = words(text).collect();
        for start in 0..w.len() {
            for len in 2..=roster.longest.min(w.len() - start) {
                if let Some(name) = roster.names.get(&w[start..start + len].join(" ")) {
                    let context: String = text.chars().take(80).collect();
                    return Some((name.clone(), context));
                }
            }
        }
    }
    None
}

/// Stops an export of `kind` that names someone it may not.
pub fn check<'a>(
    kind: ExportKind,
    roster: &Roster,
    texts: impl IntoIterator<Item = &'a str>,
) -> Result<(), PrivacyError> {
    if kind.naming() == Naming::AsAsked {
        return Ok(());
    }
    match names_in(roster, texts) {
        Some((who, context)) => Err(PrivacyError::Named { kind: kind.as_str(), who, context }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster() -> Roster {
        Roster::new([("Zoë Ångström", false), ("Ann Lee", false), ("Will", false), ("Omar Haddad", true)])
    }

    #[test]
    fn a_name_in_a_deck_is_found_whatever_its_accents_and_case() {
        let r = roster();
        assert_eq!(r.len(), 2, "one-word names and people who consented are not checked");
        let found = names_in(&r, ["Engagement rose 12 %", "Thanks to zoe angstrom for the idea"]);
        assert_eq!(found.map(|f| f.0), Some("Zoë Ångström".into()));
        assert!(names_in(&r, ["Annlee is a word"]).is_none(), "one word is not two");
        assert!(names_in(&r, ["Ann, Lee"]).is_some(), "punctuation between the words still names");
        assert!(names_in(&r, ["Joann Leeds joined"]).is_none(), "whole words only");
        assert!(names_in(&r, ["We will grow", "Omar Haddad spoke"]).is_none(), "handles and consented people pass");
    }

    #[test]
    fn a_cited_author_is_no_colleague() {
        let mut r = roster();
        r.except_cited(["Ann Lee, “Participation Inequality”, 2006"]);
        assert!(names_in(&r, ["As Ann Lee wrote, 90 % lurk"]).is_none(), "the citation, repeated in the notes");
        assert!(names_in(&r, ["Zoë Ångström helped"]).is_some(), "everyone else is still read");
    }

    #[test]
    fn only_kinds_that_name_no_one_are_read() {
        let r = roster();
        let err = check(ExportKind::Deck, &r, ["Ann Lee leads the champions"]).unwrap_err();
        assert!(err.to_string().contains("would name Ann Lee"), "{err}");
        assert!(check(ExportKind::People, &r, ["Ann Lee"]).is_ok(), "the directory export names as asked");
        assert!(check(ExportKind::Chart, &r, ["Sales 40 %"]).is_ok());
    }

    #[test]
    fn the_threshold_stays_in_its_range() {
        assert_eq!(check_threshold(MIN_GROUP), Ok(MIN_GROUP));
        assert_eq!(check_threshold(MIN_FLOOR - 1), Err(PrivacyError::Threshold(MIN_FLOOR - 1)));
        assert!(check_threshold(MAX_GROUP + 1).is_err());
        for k in ExportKind::ALL {
            assert_eq!(ExportKind::parse(k.as_str()), Some(k), "{k:?} round-trips through the log");
        }
    }
}
