//! Named rows (departments, locations, teams, tags, skills) found by name
//! or added: one place for the edit of a person and the bulk writer of an
//! import.

use rusqlite::{Connection, OptionalExtension, params};

/// The id of the department, location, tag or skill named so, added when new.
pub(super) fn name_id(tx: &Connection, table: &str, name: &str) -> rusqlite::Result<i64> {
    tx.execute(&format!("INSERT OR IGNORE INTO {table} (name) VALUES (?1)"), [name])?;
    tx.query_row(&format!("SELECT id FROM {table} WHERE name = ?1"), [name], |r| r.get(0))
}

/// The id of the team named so in a department, added when new.
pub(super) fn team_id(tx: &Connection, dept: Option<i64>, name: &str) -> rusqlite::Result<i64> {
    let found = tx
        .query_row(
            "SELECT id FROM teams WHERE ifnull(department_id, 0) = ifnull(?1, 0) AND name = ?2",
            params![dept, name],
            |r| r.get(0),
        )
        .optional()?;
    match found {
        Some(id) => Ok(id),
        None => {
            tx.execute("INSERT INTO teams (department_id, name) VALUES (?1, ?2)", params![dept, name])?;
            Ok(tx.last_insert_rowid())
        }
    }
}
