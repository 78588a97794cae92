use std::sync::atomic::Ordering;

use chorus::app::people::import_people;
use chorus::ingest::{self, ImportOptions, ImportReport, IngestError, MapOverride, Preview, Progress, Watch};
use serde::Deserialize;
use tauri::State;
use tauri::ipc::Channel;

use crate::error::{IpcError, IpcResult};
use crate::state::{AppState, now};

/// What the import view sends: the file, and the mapping as the user left it.
#[derive(Debug, Deserialize)]
pub struct ImportRequest {
    pub path: String,
    /// `[column, field]` pairs; a `null` field leaves the column out.
    #[serde(default)]
    pub mapping: Vec<(String, Option<String>)>,
    #[serde(default)]
    pub skip_bad_rows: bool,
}

impl ImportRequest {
    fn options(&self, dry_run: bool) -> IpcResult<ImportOptions> {
        let overrides = self
            .mapping
            .iter()
            .map(|(column, field)| MapOverride::parse(&format!("{column}={}", field.as_deref().unwrap_or("-"))))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ImportOptions { format: None, overrides, dry_run, skip_bad_rows: self.skip_bad_rows })
    }
}

/// A rejected import still carries its report (the UI lists the bad rows).
fn report_or_error(r: chorus::Result<ImportReport>) -> IpcResult<ImportReport> {
    match r {
        Ok(report) => Ok(report),
        Err(chorus::Error::Ingest(IngestError::Rejected(report))) => Ok(*report),
        Err(e) => Err(IpcError::from(e)),
    }
}

#[tauri::command]
pub async fn preview_import(state: State<'_, AppState>, request: ImportRequest) -> IpcResult<Preview> {
    let opts = request.options(true)?;
    state.with_db(move |_| Ok(ingest::preview(request.path.as_ref(), &opts, 8)?)).await
}

#[tauri::command]
pub async fn check_import(state: State<'_, AppState>, request: ImportRequest) -> IpcResult<ImportReport> {
    let opts = request.options(true)?;
    state
        .with_db(move |db| report_or_error(import_people(db, request.path.as_ref(), &opts, Watch::quiet(), now())))
        .await
}

/// Imports for real, streaming progress to the UI; `cancel_import` stops it
/// with nothing written. A report with `rejected > 0` and no `import_id`
/// means the rows were refused and nothing was written.
#[tauri::command]
pub async fn run_import(
    state: State<'_, AppState>,
    request: ImportRequest,
    on_progress: Channel<Progress>,
) -> IpcResult<ImportReport> {
    let opts = request.options(false)?;
    let cancel = state.cancel_flag();
    cancel.store(false, Ordering::Relaxed);
    state
        .with_db(move |db| {
            let progress = |p: Progress| {
                let _ = on_progress.send(p); // a closed window is not an import error
            };
            let control = Watch { progress: &progress, cancel: &cancel };
            report_or_error(import_people(db, request.path.as_ref(), &opts, control, now()))
        })
        .await
}

#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) {
    state.cancel_flag().store(true, Ordering::Relaxed);
}
