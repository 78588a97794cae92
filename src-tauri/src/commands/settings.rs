//! Settings: the brand (organisation, palette, dark pages, logo) and the
//! privacy threshold, stored in the database.

use chorus::app::settings::{self, Settings};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> IpcResult<Settings> {
    state.with_db(move |db| Ok(settings::settings(db)?)).await
}

#[tauri::command]
pub async fn set_brand(
    state: State<'_, AppState>,
    organisation: Option<String>,
    palette: Vec<String>,
    dark: bool,
    title_colour: Option<String>,
) -> IpcResult<Settings> {
    state.with_db(move |db| Ok(settings::set_brand(db, organisation, &palette, dark, title_colour.as_deref())?)).await
}

/// Keeps the logo at `path` (PNG or JPEG), or removes it (`null`).
#[tauri::command]
pub async fn set_logo(state: State<'_, AppState>, path: Option<String>) -> IpcResult<Settings> {
    state.with_db(move |db| Ok(settings::set_logo(db, path.as_deref().map(std::path::Path::new))?)).await
}

#[tauri::command]
pub async fn set_min_group(state: State<'_, AppState>, n: u32) -> IpcResult<Settings> {
    state.with_db(move |db| Ok(settings::set_min_group(db, n)?)).await
}

/// Keeps the brand font at `path` (a .ttf or .otf) and its bold face, or
/// goes back to the shipped font (`null`).
#[tauri::command]
pub async fn set_font(state: State<'_, AppState>, path: Option<String>, bold: Option<String>) -> IpcResult<Settings> {
    state
        .with_db(move |db| {
            Ok(settings::set_font(
                db,
                path.as_deref().map(std::path::Path::new),
                bold.as_deref().map(std::path::Path::new),
            )?)
        })
        .await
}
