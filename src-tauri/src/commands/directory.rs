use chorus::store::{OrgUnitKind, Overview};
use tauri::State;

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

#[tauri::command]
pub async fn overview(state: State<'_, AppState>) -> IpcResult<Overview> {
    state.with_db(|db| Ok(db.overview()?)).await
}

/// Department, team or location names with head counts, for filter menus.
#[tauri::command]
pub async fn org_units(state: State<'_, AppState>, kind: String) -> IpcResult<Vec<(String, u64)>> {
    let kind = match kind.as_str() {
        "department" => OrgUnitKind::Department,
        "team" => OrgUnitKind::Team,
        "location" => OrgUnitKind::Location,
        other => return Err(IpcError { code: "invalid".into(), message: format!("unknown org unit kind {other:?}") }),
    };
    state.with_db(move |db| Ok(db.org_units(kind)?)).await
}
