use chorus::app::directory;
use chorus::directory::{OrgUnitKind, Overview};
use tauri::State;

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

#[tauri::command]
pub async fn overview(state: State<'_, AppState>) -> IpcResult<Overview> {
    state.with_db(|db| Ok(directory::overview(db)?)).await
}

/// Department, team or location names with head counts, for filter menus.
#[tauri::command]
pub async fn org_units(state: State<'_, AppState>, kind: String) -> IpcResult<Vec<(String, u64)>> {
    let Some(kind) = OrgUnitKind::parse(&kind) else {
        return Err(IpcError::new("invalid", format!("unknown org unit kind {kind:?}")));
    };
    state.with_db(move |db| Ok(directory::org_units(db, kind)?)).await
}
