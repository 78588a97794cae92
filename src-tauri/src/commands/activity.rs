//! Activity: imports of tool exports, the review of accounts, tools and the
//! engagement dashboard. Each command is one core call on a blocking thread.

use std::sync::atomic::Ordering;

use chorus::activity::measures::{Dashboard, Filter};
use chorus::activity::{
    Account, ActivityError, ActivityOptions, ActivityReport, Decision, ExportFormat, Tool, ToolKind,
};
use chorus::app::activity::{ActivityImport, import_activity as import};
use chorus::app::engagement;
use chorus::progress::{Progress, Watch};
use serde::Deserialize;
use tauri::State;
use tauri::ipc::Channel;

use crate::error::{IpcError, IpcResult};
use crate::state::{AppState, now, today};

/// What the import view sends for an activity export.
#[derive(Debug, Deserialize)]
pub struct ActivityRequest {
    pub format: ExportFormat,
    pub path: String,
    #[serde(default)]
    pub tool: Option<String>,
    #[serde(default)]
    pub kind: Option<ToolKind>,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub rollout: Option<String>,
    /// IANA name, for times written without an offset.
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub skip_bad_rows: bool,
    #[serde(default)]
    pub dry_run: bool,
    /// A Microsoft 365 usage report counted for the tool as a whole.
    #[serde(default)]
    pub totals_only: bool,
}

/// A date from the page (empty: none), read as every date in Chorus is.
fn day(what: &str, s: Option<&str>) -> IpcResult<Option<chrono::NaiveDate>> {
    chorus::directory::fields::parse_date(s.unwrap_or("").trim())
        .map_err(|problem| IpcError::new("invalid", format!("{what}: {problem}")))
}

impl ActivityRequest {
    fn options(&self) -> IpcResult<ActivityOptions> {
        let bad = |m: String| IpcError { code: "invalid".into(), message: m };
        let rollout = day("rollout", self.rollout.as_deref())?;
        let time_zone = match self.time_zone.as_deref().filter(|s| !s.is_empty()) {
            Some(z) => Some(
                z.parse::<chorus::activity::time::Tz>().map_err(|_| bad(format!("{z:?} is not a time zone name")))?,
            ),
            None => None,
        };
        Ok(ActivityOptions {
            tool: self.tool.clone().filter(|t| !t.trim().is_empty()),
            kind: self.kind,
            rollout,
            overrides: Vec::new(),
            time_zone,
            no_excerpts: false,
            dry_run: self.dry_run,
            skip_bad_rows: self.skip_bad_rows,
            totals_only: self.totals_only,
        })
    }
}

/// Imports (or, with `dry_run`, checks) an export, streaming progress; a
/// report with `rejected > 0` and no `import_id` means nothing was written.
#[tauri::command]
pub async fn import_activity(
    state: State<'_, AppState>,
    request: ActivityRequest,
    on_progress: Channel<Progress>,
) -> IpcResult<ActivityReport> {
    let opts = request.options()?;
    let cancel = state.cancel_flag();
    cancel.store(false, Ordering::Relaxed);
    state
        .with_db(move |db| {
            let progress = |p: Progress| {
                let _ = on_progress.send(p);
            };
            let watch = Watch { progress: &progress, cancel: &cancel };
            let input = ActivityImport { format: request.format, path: request.path.as_ref(), options: opts };
            match import(db, &input, watch, now()) {
                Ok(r) => Ok(r),
                Err(chorus::Error::Activity(ActivityError::Rejected(r))) => Ok(*r),
                Err(e) => Err(e.into()),
            }
        })
        .await
}

#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>, filter: Filter) -> IpcResult<Dashboard> {
    state.with_db(move |db| Ok(engagement::dashboard(db, &filter, today())?)).await
}

#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>, pending_only: bool) -> IpcResult<Vec<Account>> {
    state.with_db(move |db| Ok(engagement::accounts(db, pending_only)?)).await
}

#[tauri::command]
pub async fn decide_account(state: State<'_, AppState>, account: i64, decision: Decision) -> IpcResult<Account> {
    state.with_db(move |db| Ok(engagement::decide(db, account, &decision, now())?)).await
}

#[tauri::command]
pub async fn list_tools(state: State<'_, AppState>) -> IpcResult<Vec<Tool>> {
    state.with_db(move |db| Ok(engagement::tools(db)?)).await
}

/// Sets (or, with `None`, clears) when a tool was rolled out (YYYY-MM-DD).
#[tauri::command]
pub async fn set_rollout(state: State<'_, AppState>, tool: String, date: Option<String>) -> IpcResult<Vec<Tool>> {
    let date = day("rollout date", date.as_deref())?;
    state.with_db(move |db| Ok(engagement::set_rollout(db, &tool, date)?)).await
}
