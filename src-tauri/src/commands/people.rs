use chorus::directory::query::{ListQuery, Page};
use chorus::directory::{Change, Person, PersonId, PersonRow, fields};
use serde::Serialize;
use tauri::State;

use crate::error::IpcResult;
use crate::state::{AppState, stamp};

#[tauri::command]
pub async fn list_people(state: State<'_, AppState>, query: ListQuery) -> IpcResult<Page<PersonRow>> {
    state.with_db(move |db| Ok(db.list_people(&query)?)).await
}

/// A person with their history, for the person panel.
#[derive(Debug, Serialize)]
pub struct PersonDetail {
    pub person: Person,
    pub changes: Vec<Change>,
}

#[tauri::command]
pub async fn get_person(state: State<'_, AppState>, id: PersonId) -> IpcResult<PersonDetail> {
    state.with_db(move |db| Ok(PersonDetail { person: db.person(id)?, changes: db.changes(id)? })).await
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
            let edits = edits.iter().map(|(f, v)| fields::parse_edit(f, v)).collect::<Result<Vec<_>, _>>()?;
            let person = db.edit_person(id, &edits, &stamp())?;
            Ok(PersonDetail { person, changes: db.changes(id)? })
        })
        .await
}

/// The person's adoption of each tool (first and last use, Rogers category).
#[tauri::command]
pub async fn person_adoption(
    state: State<'_, AppState>,
    id: PersonId,
) -> IpcResult<Vec<chorus::activity::measures::Adoption>> {
    state.with_db(move |db| Ok(chorus::activity::measures::person_adoption(&*db.facts()?, id))).await
}
