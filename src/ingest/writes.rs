//! What a planned people import asks the store to write, and what it reads
//! to plan against: plain values the store implements.

use crate::directory::{PersonFields, PersonId, StoredPerson};

/// Everyone in the directory, as an importer plans against.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub people: Vec<StoredPerson>,
}

/// Where a written person's manager comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManagerTarget {
    /// Leave the stored manager as it is (or none, for a new person).
    Keep,
    /// A person already in the directory.
    Person(PersonId),
    /// Another row of the same write, by index.
    Row(usize),
}

/// One field's change, for the person's history.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One person to create (`existing: None`) or overwrite.
#[derive(Debug, Clone)]
pub struct WriteRow {
    pub existing: Option<PersonId>,
    pub fields: PersonFields,
    pub manager: ManagerTarget,
    pub changes: Vec<FieldChange>,
}

/// The record kept of each import.
#[derive(Debug, Clone)]
pub struct ImportMeta {
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub rejected: u64,
}

/// What a write did.
#[derive(Debug, Clone)]
pub struct ImportOutcome {
    /// The import record's id, when one was kept.
    pub import_id: Option<i64>,
    /// The id of each written row, in order.
    pub ids: Vec<PersonId>,
}
