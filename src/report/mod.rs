//! The CEO evangelization report: a storyline of slides built from the
//! numbers ([`story`]), laid out once ([`layout`]) and written as a
//! PowerPoint deck ([`pptx`]), a PDF ([`pdf`], the same pages as the
//! previews of [`slide_svg`]) and an Excel workbook of the tables behind
//! the charts ([`xlsx`]). Everything here is pure: data in, bytes out.
//!
//! Privacy is decided when the deck is built, not when it is written: the
//! storyline shows groups of at least [`crate::charts::catalogue::MIN_GROUP`]
//! people, counts stakeholders without naming them and names no one at all.

pub mod layout;
pub mod pdf;
pub mod pptx;
pub mod request;
pub mod slide_svg;
pub mod story;
pub mod xlsx;

use chrono::NaiveDate;

use crate::charts::{Chart, Theme};

pub use crate::model::deck::{AddedChart, DeckSpec, Evidence, Run, SavedDeck, SlideEdit};
pub use crate::privacy::{ExportKind, ExportRecord};
pub use request::{ReportRequest, ReportSpec};
pub use story::{StoryData, Targets, storyline};

/// A deck: its slides and the tables behind them.
#[derive(Debug, Clone)]
pub struct Deck {
    pub title: String,
    /// The period the numbers cover, in words ("1 Sep – 30 Nov 2026").
    pub period: String,
    pub made: NaiveDate,
    pub slides: Vec<Slide>,
    pub tables: Vec<Table>,
    pub theme: Theme,
    /// The organisation's logo, on every slide.
    pub logo: Option<crate::charts::Logo>,
    /// The privacy threshold the deck was built with.
    pub min_group: u32,
}

impl Deck {
    /// Every piece of text the deck shows or says: titles, sentences,
    /// figures, speaker notes, charts, evidence cards and the workbook's
    /// tables (what the export door reads against the directory).
    /// The sources the evidence cards cite ("Jakob Nielsen, Nielsen Norman
    /// Group"): a published author named there is no colleague, even one
    /// who shares the name, wherever the deck repeats the citation.
    pub fn citations(&self) -> Vec<String> {
        self.slides
            .iter()
            .flat_map(|s| match &s.body {
                SlideBody::Cards { cards } => cards.iter().map(|c| c.1.clone()).collect(),
                _ => Vec::new(),
            })
            .collect()
    }

    pub fn texts(&self) -> Vec<String> {
        let mut out = vec![self.title.clone(), self.period.clone()];
        for s in &self.slides {
            out.extend([s.title.clone(), s.notes.clone(), s.footer.clone()]);
            match &s.body {
                SlideBody::Cover { subtitle } => out.push(subtitle.clone()),
                SlideBody::Figures { tiles, points } => {
                    out.extend(tiles.iter().flat_map(|t| [t.label.clone(), t.value.clone(), t.change.clone()]));
                    out.extend(points.iter().cloned());
                }
                SlideBody::Chart { chart, points } => {
                    out.extend(chart.texts());
                    out.extend(points.iter().cloned());
                }
                SlideBody::Points { points } => out.extend(points.iter().cloned()),
                SlideBody::Cards { cards } => out.extend(cards.iter().flat_map(|c| [c.0.clone(), c.1.clone()])),
            }
        }
        for t in &self.tables {
            out.push(t.title.clone());
            out.extend(t.columns.iter().cloned());
            out.extend(t.rows.iter().flatten().filter_map(|c| match c {
                Cell::Text(s) => Some(s.clone()),
                _ => None,
            }));
        }
        out
    }
}

/// One slide: a title that states its finding, what it shows, and what the
/// presenter says.
#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    pub name: SlideName,
    pub title: String,
    pub body: SlideBody,
    /// Speaker notes: the story in plain sentences.
    pub notes: String,
    /// The source line at the foot of the slide.
    pub footer: String,
}

/// What a slide shows under its title.
#[derive(Debug, Clone, PartialEq)]
pub enum SlideBody {
    /// The opening slide.
    Cover { subtitle: String },
    /// Headline figures as tiles, with a few sentences under them.
    Figures { tiles: Vec<Tile>, points: Vec<String> },
    /// A chart of the catalogue with what to read in it beside it.
    Chart { chart: Chart, points: Vec<String> },
    /// Sentences only.
    Points { points: Vec<String> },
    /// Evidence cards side by side: a statement and its source.
    Cards { cards: Vec<(String, String)> },
}

/// A headline figure on the summary slide.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub label: String,
    pub value: String,
    /// Its change on the previous period, in words ("+12 % on the previous 90 days").
    pub change: String,
    /// Against the strategist's target, when one is set.
    pub status: Option<Status>,
    /// The target, as the value is written ("40.0 %").
    pub target: Option<String>,
}

/// Red, amber or green against a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Green,
    Amber,
    Red,
}

impl Status {
    pub fn word(self) -> &'static str {
        match self {
            Status::Green => "on target",
            Status::Amber => "close to target",
            Status::Red => "off target",
        }
    }
}

/// A table behind a chart: what the workbook holds, one sheet each.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet's name (at most 31 characters, as Excel requires).
    pub name: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A fraction shown as a percentage.
    Share(f64),
    Date(NaiveDate),
    Empty,
}

/// The slides of the storyline, in their default order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlideName {
    Cover,
    Summary,
    Evidence,
    Active,
    Adoption,
    Tools,
    Participation,
    Inequality,
    Departments,
    Communities,
    Stakeholders,
    Grid,
    Recommendation,
    Appendix,
    /// What moved since a saved deck's previous run.
    Changes,
    /// Who joined and who went quiet (counts).
    Movement,
    /// The interaction network's map (communities, never names).
    Network,
    /// Champions' reach by department.
    Champions,
    /// A chart the strategist added to a saved deck with its own filters
    /// (the n-th of the deck's added charts, from 0).
    Added(u8),
}

/// The most charts a deck can have added.
pub const MAX_ADDED: usize = 12;
const ADDED: [&str; MAX_ADDED] = [
    "added-1", "added-2", "added-3", "added-4", "added-5", "added-6", "added-7", "added-8", "added-9", "added-10",
    "added-11", "added-12",
];

impl SlideName {
    /// The default storyline (the changes slide joins saved decks; the
    /// evidence slide is left out while there are no evidence cards).
    pub const ALL: [SlideName; 14] = [
        SlideName::Cover,
        SlideName::Summary,
        SlideName::Evidence,
        SlideName::Active,
        SlideName::Adoption,
        SlideName::Tools,
        SlideName::Participation,
        SlideName::Inequality,
        SlideName::Departments,
        SlideName::Communities,
        SlideName::Stakeholders,
        SlideName::Grid,
        SlideName::Recommendation,
        SlideName::Appendix,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SlideName::Cover => "cover",
            SlideName::Summary => "summary",
            SlideName::Evidence => "evidence",
            SlideName::Active => "active",
            SlideName::Adoption => "adoption",
            SlideName::Tools => "tools",
            SlideName::Participation => "participation",
            SlideName::Inequality => "inequality",
            SlideName::Departments => "departments",
            SlideName::Communities => "communities",
            SlideName::Stakeholders => "stakeholders",
            SlideName::Grid => "grid",
            SlideName::Recommendation => "recommendation",
            SlideName::Appendix => "appendix",
            SlideName::Changes => "changes",
            SlideName::Movement => "movement",
            SlideName::Network => "network",
            SlideName::Champions => "champions",
            SlideName::Added(i) => ADDED.get(usize::from(i)).copied().unwrap_or("added"),
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            SlideName::Cover => "the title, the period and the date",
            SlideName::Summary => "executive summary: headline figures, their change and status against targets",
            SlideName::Evidence => "evidence cards: what others have found (up to three, newest first)",
            SlideName::Active => "people active over time",
            SlideName::Adoption => "the adoption S-curve with Rogers' categories",
            SlideName::Tools => "the tools compared",
            SlideName::Participation => "creators, contributors and lurkers against the 90-9-1 rule",
            SlideName::Inequality => "how much of the content the most active people write",
            SlideName::Departments => "departments ahead and behind",
            SlideName::Communities => "community health",
            SlideName::Stakeholders => "executives and IT allies by attitude (counts)",
            SlideName::Grid => "the power/interest grid with attitudes (counts)",
            SlideName::Recommendation => "what to do next and the decision requested",
            SlideName::Appendix => "definitions and data sources",
            SlideName::Changes => "what moved since the saved deck's previous run",
            SlideName::Movement => "who joined and who went quiet (counts, never names)",
            SlideName::Network => "the interaction network by community (never names)",
            SlideName::Champions => "champions' reach by department",
            SlideName::Added(_) => "a chart added to the deck with its own filters",
        }
    }

    /// Slides outside the default storyline, chosen by name.
    pub const EXTRA: [SlideName; 4] =
        [SlideName::Changes, SlideName::Movement, SlideName::Network, SlideName::Champions];

    pub fn parse(s: &str) -> Option<SlideName> {
        let s = s.trim();
        if let Some(i) = ADDED.iter().position(|a| *a == s) {
            return Some(SlideName::Added(i as u8));
        }
        SlideName::ALL.into_iter().chain(SlideName::EXTRA).find(|n| n.name() == s)
    }

    /// `a,b,c` into slide names, naming the first unknown one.
    pub fn parse_list(s: &str) -> Result<Vec<SlideName>, String> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let name = SlideName::parse(part).ok_or_else(|| {
                let known: Vec<_> = SlideName::ALL.iter().chain(&SlideName::EXTRA).map(|n| n.name()).collect();
                format!("no slide is called “{part}”; the slides are {}", known.join(", "))
            })?;
            if !out.contains(&name) {
                out.push(name);
            }
        }
        if out.is_empty() {
            return Err("no slide chosen".into());
        }
        Ok(out)
    }
}

/// Applies the strategist's edits to the generated slides.
pub fn apply_edits(deck: &mut Deck, edits: &[SlideEdit]) {
    for e in edits {
        let Some(slide) = deck.slides.iter_mut().find(|s| s.name.name() == e.slide) else { continue };
        if let Some(t) = e.title.as_ref().filter(|t| !t.trim().is_empty()) {
            slide.title = t.trim().to_owned();
        }
        if let Some(n) = &e.notes {
            slide.notes = n.clone();
        }
        if let Some(p) = &e.points {
            match &mut slide.body {
                SlideBody::Figures { points, .. } | SlideBody::Chart { points, .. } | SlideBody::Points { points } => {
                    *points = p.clone()
                }
                SlideBody::Cover { subtitle } => *subtitle = p.join(" "),
                SlideBody::Cards { .. } => {}
            }
        }
    }
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0}: a report is written as .pptx, .pdf or .xlsx")]
    Format(String),
    #[error(transparent)]
    Chart(#[from] crate::charts::ChartError),
    #[error("writing the deck failed: {0}")]
    Package(String),
    #[error("writing the PDF failed: {0}")]
    Pdf(String),
    #[error("writing the workbook failed: {0}")]
    Workbook(String),
    #[error("{0}")]
    NoData(String),
}

impl ReportError {
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::Format(_) => "bad_format",
            ReportError::Chart(e) => e.code(),
            ReportError::NoData(_) => "no_data",
            _ => "report",
        }
    }
}

pub(crate) use crate::text::esc;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slide_lists_parse_and_name_the_unknown_one() {
        assert_eq!(SlideName::parse_list("cover, summary,cover").unwrap(), vec![SlideName::Cover, SlideName::Summary]);
        let err = SlideName::parse_list("cover,finale").unwrap_err();
        assert!(err.contains("“finale”") && err.contains("recommendation"), "{err}");
        assert!(SlideName::parse_list(" , ").is_err());
        assert!(SlideName::ALL.iter().all(|n| SlideName::parse(n.name()) == Some(*n)));
        assert_eq!(SlideName::parse("changes"), Some(SlideName::Changes), "chosen by name for saved decks");
        assert_eq!(SlideName::parse("added-3"), Some(SlideName::Added(2)));
        assert_eq!(SlideName::Added(2).name(), "added-3");
        assert_eq!(SlideName::parse("added-13"), None);
    }

    #[test]
    fn edits_replace_titles_notes_and_sentences_of_the_slide_named() {
        let slide = |name, points: &[&str]| Slide {
            name,
            title: "generated".into(),
            body: SlideBody::Points { points: points.iter().map(|p| p.to_string()).collect() },
            notes: "generated notes".into(),
            footer: String::new(),
        };
        let mut deck = Deck {
            title: "t".into(),
            period: "p".into(),
            made: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            slides: vec![slide(SlideName::Recommendation, &["a", "b"]), slide(SlideName::Appendix, &["c"])],
            tables: vec![],
            theme: Theme::light(),
            logo: None,
            min_group: 5,
        };
        let edits = [
            SlideEdit {
                slide: "recommendation".into(),
                title: Some(" Our ask ".into()),
                notes: None,
                points: Some(vec!["x".into()]),
            },
            SlideEdit { slide: "appendix".into(), title: Some("   ".into()), notes: Some("n".into()), points: None },
            SlideEdit { slide: "cover".into(), title: Some("not in this deck".into()), notes: None, points: None },
        ];
        apply_edits(&mut deck, &edits);
        assert_eq!(deck.slides[0].title, "Our ask");
        assert_eq!(deck.slides[0].body, SlideBody::Points { points: vec!["x".into()] });
        assert_eq!(deck.slides[0].notes, "generated notes", "notes untouched when not edited");
        assert_eq!(deck.slides[1].title, "generated", "a blank title keeps the generated one");
        assert_eq!(deck.slides[1].notes, "n");
    }

    #[test]
    fn xml_escaping_drops_what_xml_cannot_hold() {
        assert_eq!(esc("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
