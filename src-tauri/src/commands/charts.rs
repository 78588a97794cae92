//! Charts drawn by the core: the preview the page shows is the very SVG an
//! export writes.

use chorus::activity::measures::Filter;
use chorus::app::charts::{ChartRequest, chart_pixels, chart_svg as draw, chart_svgs, export_chart as export};
use chorus::charts::{ChartName, Size};
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::error::{IpcError, IpcResult};
use crate::state::{AppState, now, today};

/// A chart of the catalogue, for the chart picker.
#[derive(Debug, Serialize)]
pub struct ChartInfo {
    pub name: &'static str,
    pub about: &'static str,
}

#[tauri::command]
pub fn list_charts() -> Vec<ChartInfo> {
    ChartName::ALL.iter().map(|c| ChartInfo { name: c.name(), about: c.describe() }).collect()
}

fn request(name: &str, filter: Filter, dark: bool) -> IpcResult<ChartRequest> {
    let name = ChartName::parse_named(name).map_err(|m| IpcError::new("invalid", m))?;
    Ok(ChartRequest { name, filter, size: Size::WIDE, dark: Some(dark), brand: None, scale: 1.0 })
}

/// The chart as SVG (text as paths), 1920×1080.
#[tauri::command]
pub async fn chart_svg(state: State<'_, AppState>, name: String, filter: Filter, dark: bool) -> IpcResult<String> {
    let req = request(&name, filter, dark)?;
    state.with_db(move |db| Ok(draw(db, &req, today())?)).await
}

/// A dashboard's charts, in the order named, at a panel's size with a
/// slide's larger text, from one reading of the data.
#[tauri::command]
pub async fn panel_charts(
    state: State<'_, AppState>,
    names: Vec<String>,
    filter: Filter,
    dark: bool,
) -> IpcResult<Vec<String>> {
    let charts = names
        .iter()
        .map(|n| ChartName::parse_named(n).map_err(|m| IpcError::new("invalid", m)))
        .collect::<IpcResult<Vec<_>>>()?;
    let req = ChartRequest { size: Size::PANEL, ..request(names.first().map_or("", String::as_str), filter, dark)? };
    state.with_db(move |db| Ok(chart_svgs(db, &charts, &req, today())?)).await
}

/// Writes the chart to `path` (.png or .svg), whole or not at all.
#[tauri::command]
pub async fn export_chart(
    state: State<'_, AppState>,
    name: String,
    filter: Filter,
    dark: bool,
    path: String,
) -> IpcResult<()> {
    let req = request(&name, filter, dark)?;
    state.with_db(move |db| export(db, &req, path.as_ref(), now()).map(|_| ()).map_err(Into::into)).await
}

/// Puts the chart on the clipboard as a picture (1920×1080), to paste into
/// any slide; logged like every export.
#[tauri::command]
pub async fn copy_chart(
    app: AppHandle,
    state: State<'_, AppState>,
    name: String,
    filter: Filter,
    dark: bool,
) -> IpcResult<()> {
    let req = request(&name, filter, dark)?;
    let (w, h, rgba) = state.with_db(move |db| Ok(chart_pixels(db, &req, now())?)).await?;
    let image = tauri::image::Image::new_owned(rgba, w, h);
    app.clipboard()
        .write_image(&image)
        .map_err(|e| IpcError::new("clipboard", format!("the chart could not be put on the clipboard: {e}")))
}
