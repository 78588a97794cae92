//! The CEO report: slide previews drawn by the core, exports to .pptx,
//! .pdf and .xlsx (whole or not at all, logged), saved decks and the
//! export log.

use chorus::activity::measures::Filter;
use chorus::app::report::{self, ReportRequest, ReportSpec, SlidePreview};
use chorus::report::{Evidence, ExportRecord, SavedDeck, SlideName};
use serde::Serialize;
use tauri::State;

use crate::error::{IpcError, IpcResult};
use crate::state::{AppState, now, today};

/// A slide of the storyline, for the slide picker.
#[derive(Debug, Serialize)]
pub struct SlideInfo {
    pub name: &'static str,
    pub about: &'static str,
    /// Outside the default storyline: chosen by name.
    pub extra: bool,
}

#[tauri::command]
pub fn list_slides() -> Vec<SlideInfo> {
    let info = |s: &SlideName, extra| SlideInfo { name: s.name(), about: s.describe(), extra };
    SlideName::ALL.iter().map(|s| info(s, false)).chain(SlideName::EXTRA.iter().map(|s| info(s, true))).collect()
}

/// The request, parsed once by the core; a bad slide name or target is `invalid`.
fn request(spec: ReportSpec) -> IpcResult<ReportRequest> {
    spec.parse().map_err(|m| IpcError::new("invalid", m))
}

/// Every slide as the core draws it (the PDF's pages), with titles and notes.
#[tauri::command]
pub async fn report_previews(state: State<'_, AppState>, spec: ReportSpec) -> IpcResult<Vec<SlidePreview>> {
    let req = request(spec)?;
    state.with_db(move |db| Ok(report::previews(db, &req, today())?)).await
}

/// Writes the report to `path` (.pptx, .pdf or .xlsx).
#[tauri::command]
pub async fn export_report(state: State<'_, AppState>, spec: ReportSpec, path: String) -> IpcResult<ExportRecord> {
    let req = request(spec)?;
    state.with_db(move |db| Ok(report::export_report(db, &req, path.as_ref(), now())?)).await
}

/// Saves the storyline under a name; returns it as it will run.
#[tauri::command]
pub async fn save_deck(state: State<'_, AppState>, name: String, spec: ReportSpec) -> IpcResult<SavedDeck> {
    let req = request(spec)?;
    state.with_db(move |db| Ok(report::save_deck(db, &name, &req, now())?)).await
}

#[tauri::command]
pub async fn saved_decks(state: State<'_, AppState>) -> IpcResult<Vec<SavedDeck>> {
    state.with_db(move |db| Ok(report::saved_decks(db)?)).await
}

/// The latest exports, newest first.
#[tauri::command]
pub async fn export_log(state: State<'_, AppState>) -> IpcResult<Vec<ExportRecord>> {
    state.with_db(move |db| Ok(report::export_log(db, 100)?)).await
}

/// The evidence cards, newest first.
#[tauri::command]
pub async fn list_evidence(state: State<'_, AppState>) -> IpcResult<Vec<Evidence>> {
    state.with_db(move |db| Ok(report::evidence(db)?)).await
}

#[tauri::command]
pub async fn add_evidence(
    state: State<'_, AppState>,
    statement: String,
    source: String,
    date: Option<chrono::NaiveDate>,
) -> IpcResult<Vec<Evidence>> {
    state
        .with_db(move |db| {
            report::add_evidence(db, &statement, &source, date, now())?;
            Ok(report::evidence(db)?)
        })
        .await
}

#[tauri::command]
pub async fn update_evidence(state: State<'_, AppState>, card: Evidence) -> IpcResult<Vec<Evidence>> {
    state.with_db(move |db| Ok(report::update_evidence(db, &card)?)).await
}

#[tauri::command]
pub async fn remove_evidence(state: State<'_, AppState>, id: i64) -> IpcResult<Vec<Evidence>> {
    state.with_db(move |db| Ok(report::remove_evidence(db, id)?)).await
}

/// Adds a chart with the filters it was seen with to a saved deck (made
/// with the default storyline when there is none by that name).
#[tauri::command]
pub async fn add_to_deck(
    state: State<'_, AppState>,
    deck: String,
    name: String,
    filter: Filter,
) -> IpcResult<SavedDeck> {
    state.with_db(move |db| Ok(report::add_to_deck(db, &deck, &name, &filter, now())?)).await
}
