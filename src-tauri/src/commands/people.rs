use chorus::activity::measures::Adoption;
use chorus::app::directory::{self, PersonDetail};
use chorus::directory::query::{ListQuery, Page};
use chorus::directory::{PersonId, PersonRow, fields};
use tauri::State;

use crate::error::IpcResult;
use crate::state::{AppState, now};

#[tauri::command]
pub async fn list_people(state: State<'_, AppState>, query: ListQuery) -> IpcResult<Page<PersonRow>> {
    state.with_db(move |db| Ok(directory::list_people(db, &query)?)).await
}

#[tauri::command]
pub async fn get_person(state: State<'_, AppState>, id: PersonId) -> IpcResult<PersonDetail> {
    state.with_db(move |db| Ok(directory::person(db, id)?)).await
}

/// Sets fields from the text the user typed, as `[field, value]` pairs, in
/// one transaction; the core validates every value.
#[tauri::command]
pub async fn edit_person(
    state: State<'_, AppState>,
    id: PersonId,
    edits: Vec<(String, String)>,
) -> IpcResult<PersonDetail> {
    state
        .with_db(move |db| {
            let edits = edits
                .iter()
                .map(|(f, v)| fields::parse_edit(f, v))
                .collect::<Result<Vec<_>, _>>()
                .map_err(chorus::Error::from)?;
            Ok(directory::edit_person(db, id, &edits, now())?)
        })
        .await
}

/// The person's adoption of each tool (first and last use, Rogers category).
#[tauri::command]
pub async fn person_adoption(state: State<'_, AppState>, id: PersonId) -> IpcResult<Vec<Adoption>> {
    state.with_db(move |db| Ok(directory::person_adoption(db, id)?)).await
}
