use chorus::app::demo;
use chorus::demo::{DemoOptions, DemoSummary};
use tauri::State;

use crate::error::IpcResult;
use crate::state::{AppState, now, today};

#[tauri::command]
pub async fn load_demo(state: State<'_, AppState>, people: usize, seed: u64) -> IpcResult<DemoSummary> {
    state
        .with_db(move |db| {
            Ok(demo::load_demo(db, DemoOptions { people, seed, as_of: today(), activity: true }, now())?)
        })
        .await
}
