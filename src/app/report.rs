//! The CEO report: the storyline built from the database for a period and
//! filters, previewed slide by slide, and written as a PowerPoint deck, a
//! PDF or an Excel workbook — whole or not at all, and logged.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{export, load};
use crate::Result;
use crate::activity::measures::{self, Filter};
use crate::report::{
    self, AddedChart, Deck, DeckSpec, Evidence, ExportKind, ExportRecord, ReportError, Run, SavedDeck, SlideName,
    StoryData, pptx::PptxOptions,
};
use crate::store::Db;

pub use crate::report::{ReportRequest, ReportSpec};

/// The deck for the request, from the numbers of its period. A period in
/// which no one was active is refused, naming the days that have data.
pub fn deck(db: &Db, req: &ReportRequest, today: NaiveDate) -> Result<Deck> {
    Ok(deck_and_figures(db, req, today)?.0)
}

fn deck_and_figures(db: &Db, req: &ReportRequest, today: NaiveDate) -> Result<(Deck, Run)> {
    let facts = db.facts()?;
    let dashboard = measures::dashboard(&facts, &req.filter, today)?;
    let (Some(first), Some(last)) = (dashboard.data_from, dashboard.data_to) else {
        return Err(ReportError::NoData(
            "no activity has been imported yet: import an export of Slack, Viva Engage, Teams or an events CSV first"
                .into(),
        )
        .into());
    };
    if dashboard.participation.active == 0 {
        return Err(ReportError::NoData(format!(
            "no one was active from {} to {}; the activity imported runs from {first} to {last}",
            dashboard.period.from, dashboard.period.to
        ))
        .into());
    }
    let scope = measures::scope(&facts, &req.filter, today)?;
    let tools = measures::tool_trends(&facts, &scope, dashboard.grain);
    let stakeholders = db.stakeholders()?;
    let evidence = db.evidence()?;
    let added = added_charts(db, &req.added, today)?;
    // The brand is read once: its theme and its organisation's name.
    let brand = match &req.brand {
        Some(b) => b.clone(),
        None => load::brand(db)?,
    };
    let last_run = match &req.saved {
        Some(name) => db.saved_deck(name)?.last_run,
        None => None,
    };
    let network = match req.slides.iter().any(|s| matches!(s, SlideName::Network | SlideName::Champions)) {
        true => Some(load::network_chart(db, &req.filter, today)?),
        false => None,
    };
    let data = StoryData {
        network: network.as_ref(),
        dashboard: &dashboard,
        tools: &tools,
        stakeholders: &stakeholders,
        targets: &req.targets,
        last_run: last_run.as_ref(),
        min_group: db.min_group()?,
        organisation: brand.organisation.as_deref(),
        evidence: &evidence,
        added: &added,
        made: today,
    };
    let theme = load::theme(db, req.dark, Some(&brand))?;
    let mut deck = report::storyline(&data, &req.slides, &theme);
    deck.logo = load::logo(db)?;
    report::apply_edits(&mut deck, &req.edits);
    let run =
        Run { at: String::new(), period_to: dashboard.period.to, figures: report::story::run_figures(&dashboard) };
    Ok((deck, run))
}

/// Each added chart drawn from its own filters, with the filters in words.
fn added_charts(db: &Db, added: &[AddedChart], today: NaiveDate) -> Result<Vec<(crate::charts::Chart, String)>> {
    let mut out = Vec::new();
    for a in added {
        let name = crate::charts::ChartName::parse_named(&a.chart).map_err(crate::Error::Invalid)?;
        out.push((load::chart(db, name, &a.filter, today)?, a.filter.describe()));
    }
    Ok(out)
}

/// Adds a chart with its filters to the saved deck `deck` (made with the
/// default storyline if there is none by that name), before its
/// recommendation.
pub fn add_to_deck(db: &Db, deck: &str, chart: &str, filter: &Filter, now: DateTime<Utc>) -> Result<SavedDeck> {
    crate::charts::ChartName::parse_named(chart).map_err(crate::Error::Invalid)?;
    let mut req = match db.saved_deck(deck.trim()) {
        Ok(saved) => request_of(&saved)?,
        Err(crate::store::StoreError::NotFound(_)) => ReportRequest::default(),
        Err(e) => return Err(e.into()),
    };
    if req.added.len() >= report::MAX_ADDED {
        return Err(crate::Error::Invalid(format!("a deck holds at most {} added charts", report::MAX_ADDED)));
    }
    req.added.push(AddedChart { chart: chart.to_owned(), filter: filter.clone() });
    let slide = SlideName::Added((req.added.len() - 1) as u8);
    let at = req.slides.iter().position(|s| *s == SlideName::Recommendation).unwrap_or(req.slides.len());
    req.slides.insert(at, slide);
    save_deck(db, deck, &req, now)
}

/// One slide as the Reports view previews it.
#[derive(Debug, Clone, Serialize)]
pub struct SlidePreview {
    pub name: &'static str,
    pub title: String,
    pub notes: String,
    /// The sentences on the slide (editable), empty where it has none.
    pub points: Vec<String>,
    /// The slide's picture (960 × 540, text as paths), the very page the PDF holds.
    pub svg: String,
}

/// Every slide of the request's deck, as pictures with their notes.
pub fn previews(db: &Db, req: &ReportRequest, today: NaiveDate) -> Result<Vec<SlidePreview>> {
    let deck = deck(db, req, today)?;
    (0..deck.slides.len())
        .map(|i| {
            let s = &deck.slides[i];
            Ok(SlidePreview {
                name: s.name.name(),
                title: s.title.clone(),
                notes: s.notes.clone(),
                points: match &s.body {
                    report::SlideBody::Figures { points, .. }
                    | report::SlideBody::Chart { points, .. }
                    | report::SlideBody::Points { points } => points.clone(),
                    _ => Vec::new(),
                },
                svg: report::slide_svg::outline(&deck, &report::slide_svg::slide_svg(&deck, i)?)?,
            })
        })
        .collect()
}

/// The report's bytes in the format `kind` names.
pub fn render(deck: &Deck, kind: ExportKind, opts: PptxOptions) -> Result<Vec<u8>> {
    Ok(match kind {
        ExportKind::Deck => report::pptx::pptx(deck, opts)?,
        ExportKind::Pdf => report::pdf::pdf(deck)?,
        ExportKind::Workbook => report::xlsx::workbook(deck)?,
        other => return Err(ReportError::Format(other.as_str().to_owned()).into()),
    })
}

/// Writes the report to `path` (.pptx, .pdf or .xlsx, by its extension)
/// through the export door: its text read against the directory, written
/// beside the target and renamed over it, logged.
pub fn export_report(db: &Db, req: &ReportRequest, path: &Path, now: DateTime<Utc>) -> Result<ExportRecord> {
    let kind = ExportKind::of_report(path).ok_or_else(|| ReportError::Format(path.display().to_string()))?;
    let (deck, mut run) = deck_and_figures(db, req, now.date_naive())?;
    let bytes = render(&deck, kind, req.pptx)?;
    let slides: Vec<&str> = req.slides.iter().map(|s| s.name()).collect();
    let what = format!("{} ({}), {}", kind.as_str(), slides.join(", "), req.filter.describe());
    let record = export::write(
        db,
        export::Outgoing { kind, what, texts: &deck.texts(), cited: &deck.citations(), bytes: &bytes },
        path,
        now,
    )?;
    if let Some(name) = &req.saved {
        run.at = super::stamp(now);
        db.record_run(name, &run)?;
    }
    Ok(record)
}

/// The request a saved deck makes: its slides, order, filters, targets and edits.
pub fn request_of(saved: &SavedDeck) -> Result<ReportRequest> {
    ReportRequest::of_saved(&saved.name, &saved.spec).map_err(crate::Error::Invalid)
}

/// Saves the request's storyline under `name` (replacing a deck of that
/// name); a saved deck always carries the changes slide.
pub fn save_deck(db: &Db, name: &str, req: &ReportRequest, now: DateTime<Utc>) -> Result<SavedDeck> {
    let name = name.trim();
    if name.is_empty() {
        return Err(crate::Error::Invalid("a saved deck needs a name".into()));
    }
    let mut slides: Vec<String> = req.slides.iter().map(|s| s.name().to_owned()).collect();
    if !req.slides.contains(&SlideName::Changes) {
        let at = slides.iter().position(|s| s == "summary").map(|i| i + 1).unwrap_or(slides.len().min(1));
        slides.insert(at, SlideName::Changes.name().to_owned());
    }
    let spec = DeckSpec {
        slides,
        filter: req.filter.clone(),
        targets: req.targets.0.clone(),
        edits: req.edits.clone(),
        added: req.added.clone(),
        dark: req.dark,
    };
    db.save_deck(name, &spec, &now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))?;
    Ok(db.saved_deck(name)?)
}

/// The evidence cards, newest first.
pub fn evidence(db: &Db) -> Result<Vec<Evidence>> {
    Ok(db.evidence()?)
}

/// Adds an evidence card (a statement and its source are required).
pub fn add_evidence(
    db: &Db,
    statement: &str,
    source: &str,
    date: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<Evidence> {
    Ok(db.add_evidence(statement, source, date, &now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))?)
}

/// Changes a card's statement, source or date.
pub fn update_evidence(db: &Db, card: &Evidence) -> Result<Vec<Evidence>> {
    db.update_evidence(card)?;
    Ok(db.evidence()?)
}

pub fn remove_evidence(db: &Db, id: i64) -> Result<Vec<Evidence>> {
    db.remove_evidence(id)?;
    Ok(db.evidence()?)
}

/// Every saved deck.
pub fn saved_decks(db: &Db) -> Result<Vec<SavedDeck>> {
    Ok(db.saved_decks()?)
}

/// The saved deck of that name.
pub fn saved_deck(db: &Db, name: &str) -> Result<SavedDeck> {
    Ok(db.saved_deck(name)?)
}

/// The export log, newest first.
pub fn export_log(db: &Db, limit: u32) -> Result<Vec<ExportRecord>> {
    export::export_log(db, limit)
}
