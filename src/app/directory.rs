//! The directory: listing, showing and editing people, org units, the
//! overview.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::stamp;
use crate::Result;
use crate::activity::measures::{self, Adoption};
use crate::directory::query::{ListQuery, Page};
use crate::directory::{Change, Edit, OrgUnitKind, Overview, Person, PersonId, PersonRow};
use crate::store::Db;

/// A person with their history, for the person panel and `people show`.
#[derive(Debug, Clone, Serialize)]
pub struct PersonDetail {
    pub person: Person,
    pub changes: Vec<Change>,
}

/// How many people the directory holds.
pub fn people_count(db: &Db) -> Result<u64> {
    Ok(db.people_count()?)
}

/// Headline counts of the directory.
pub fn overview(db: &Db) -> Result<Overview> {
    Ok(db.overview()?)
}

/// One page of people, filtered, searched and sorted.
pub fn list_people(db: &Db, query: &ListQuery) -> Result<Page<PersonRow>> {
    Ok(db.list_people(query)?)
}

/// Finds a person by `#id`, e-mail, external id, or a bare internal id.
pub fn find_person(db: &Db, key: &str) -> Result<PersonId> {
    Ok(db.resolve_person(key)?)
}

/// A person and their history.
pub fn person(db: &Db, id: PersonId) -> Result<PersonDetail> {
    Ok(PersonDetail { person: db.person(id)?, changes: db.changes(id)? })
}

/// Each tool the person used: first and last day, Rogers category.
pub fn person_adoption(db: &Db, id: PersonId) -> Result<Vec<Adoption>> {
    Ok(measures::person_adoption(&*db.facts()?, id))
}

/// Applies validated edits in one transaction, each recorded in the history.
pub fn edit_person(db: &mut Db, id: PersonId, edits: &[Edit], now: DateTime<Utc>) -> Result<PersonDetail> {
    let person = db.edit_person(id, edits, &stamp(now))?;
    Ok(PersonDetail { person, changes: db.changes(id)? })
}

/// The departments, teams or locations, with how many people each holds.
pub fn org_units(db: &Db, kind: OrgUnitKind) -> Result<Vec<(String, u64)>> {
    Ok(db.org_units(kind)?)
}

/// Renames a department, team or location; how many people it holds.
pub fn rename_org_unit(db: &mut Db, kind: OrgUnitKind, old: &str, new: &str) -> Result<u64> {
    Ok(db.rename_org_unit(kind, old, new)?)
}
