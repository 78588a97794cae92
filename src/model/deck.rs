//! Saved decks, their last run and the evidence cards placed on slides.

use chrono::NaiveDate;

/// An evidence card the strategist keeps: a statement from outside the
/// company's own data, its source and date (e.g. "About 30 % of CEOs are on
/// social networks"), placed on the evidence slide.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Evidence {
    pub id: i64,
    pub statement: String,
    pub source: String,
    pub date: Option<NaiveDate>,
}

/// A change the strategist made to a slide, kept with a saved deck and
/// applied to every run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SlideEdit {
    /// The slide's name (`summary`, `departments`, …).
    pub slide: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Replaces the sentences on the slide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Vec<String>>,
}

/// A saved deck: the storyline, order, edits, period and filters, so that
/// next month's deck is the same story on fresh numbers.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DeckSpec {
    pub slides: Vec<String>,
    #[serde(default)]
    pub filter: crate::activity::measures::Filter,
    /// (figure key, target).
    #[serde(default)]
    pub targets: Vec<(String, f64)>,
    #[serde(default)]
    pub edits: Vec<SlideEdit>,
    /// Charts added with their own filters (the slides `added-1`, `added-2`, …).
    #[serde(default)]
    pub added: Vec<AddedChart>,
    /// Dark slides; `None`: as the brand says.
    #[serde(default)]
    pub dark: Option<bool>,
}

/// A chart of the catalogue added to a deck with the filters it was seen with.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AddedChart {
    pub chart: String,
    pub filter: crate::activity::measures::Filter,
}

/// A saved deck as the store keeps it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SavedDeck {
    pub name: String,
    pub spec: DeckSpec,
    pub saved_at: String,
    /// When it was last exported, and its headline figures then.
    pub last_run: Option<Run>,
}

/// The headline figures of a saved deck's export.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Run {
    pub at: String,
    /// The last day of the period the run covered.
    pub period_to: NaiveDate,
    /// (figure key, value).
    pub figures: Vec<(String, f64)>,
}
