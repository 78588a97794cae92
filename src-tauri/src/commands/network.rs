//! The network, segments and champions: the Network view (kept while the
//! data does not change, so positions stay put), a person's ego network,
//! snapshots, segments with overrides, and the champions plan.

use std::sync::Arc;

use chorus::activity::measures::Filter;
use chorus::app::network as view;
use chorus::app::{champions, segments};
use chorus::champions::{CoverageReport, Nudges, SuggestReport};
use chorus::network::reports::view::{NetworkView, SnapshotView, ViewRequest};
use chorus::segments::{Override, SegmentsReport};
use tauri::State;

use crate::error::IpcResult;
use crate::state::{AppState, now, today};

/// The Network view; the same request on unchanged data returns the view
/// already computed (positions included).
#[tauri::command]
pub async fn network_view(state: State<'_, AppState>, request: ViewRequest) -> IpcResult<Arc<NetworkView>> {
    let views = state.views();
    state
        .with_db(move |db| {
            let key = format!("{}|{}", serde_json::to_string(&request).unwrap_or_default(), db.network_stamp()?);
            if let Some(v) = views.lock().ok().and_then(|m| m.get(&key).cloned()) {
                return Ok(v);
            }
            let v = Arc::new(view::view(db, &request, today())?);
            if let Ok(mut m) = views.lock() {
                m.clear();
                m.insert(key, Arc::clone(&v));
            }
            Ok(v)
        })
        .await
}

#[tauri::command]
pub async fn network_ego(state: State<'_, AppState>, request: ViewRequest, node: usize) -> IpcResult<Vec<(u32, f64)>> {
    state.with_db(move |db| Ok(view::ego(db, &request, today(), node)?)).await
}

#[tauri::command]
pub async fn network_snapshot(
    state: State<'_, AppState>,
    request: ViewRequest,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> IpcResult<SnapshotView> {
    state.with_db(move |db| Ok(view::snapshot_view(db, &request, today(), from, to)?)).await
}

/// Every segment with the words every view names it by.
#[tauri::command]
pub fn segment_kinds() -> Vec<chorus::segments::SegmentKind> {
    chorus::segments::Segment::kinds()
}

#[tauri::command]
pub async fn list_segments(state: State<'_, AppState>, filter: Filter) -> IpcResult<SegmentsReport> {
    state.with_db(move |db| Ok(segments::segments(db, &filter, today(), Default::default())?)).await
}

/// Keeps the period's labels of the whole organisation (the trajectories
/// `chorus segments --explain` shows): how many labels were kept. Listing
/// segments never keeps them; this is the explicit step.
#[tauri::command]
pub async fn keep_segments(state: State<'_, AppState>, filter: Filter) -> IpcResult<usize> {
    state.with_db(move |db| Ok(segments::save_history(db, &filter, today(), Default::default())?)).await
}

/// Adds (`added`) or removes a label by hand, with a reason.
#[tauri::command]
pub async fn set_segment(
    state: State<'_, AppState>,
    person: i64,
    segment: String,
    added: bool,
    reason: String,
) -> IpcResult<Override> {
    state
        .with_db(move |db| Ok(segments::set_override(db, &format!("#{person}"), &segment, added, &reason, now())?))
        .await
}

#[tauri::command]
pub async fn clear_segment(state: State<'_, AppState>, person: i64, segment: String) -> IpcResult<bool> {
    state.with_db(move |db| Ok(segments::clear_override(db, &format!("#{person}"), &segment)?)).await
}

#[tauri::command]
pub async fn champions_coverage(state: State<'_, AppState>, filter: Filter) -> IpcResult<CoverageReport> {
    state.with_db(move |db| Ok(champions::coverage(db, &filter, today(), Default::default())?)).await
}

#[tauri::command]
pub async fn champions_suggest(state: State<'_, AppState>, filter: Filter, k: usize) -> IpcResult<SuggestReport> {
    state.with_db(move |db| Ok(champions::suggest(db, &filter, today(), Default::default(), k)?)).await
}

#[tauri::command]
pub async fn champions_nudges(state: State<'_, AppState>, filter: Filter) -> IpcResult<Vec<Nudges>> {
    state.with_db(move |db| Ok(champions::nudges(db, &filter, today(), Default::default())?)).await
}

#[tauri::command]
pub async fn add_champion(state: State<'_, AppState>, person: i64) -> IpcResult<i64> {
    state.with_db(move |db| Ok(champions::add_champion(db, &format!("#{person}"), now())?)).await
}
