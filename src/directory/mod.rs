//! The people directory as plain values: people, org units, stakeholder
//! attributes and talent, and the validation rules that every edit and every
//! import goes through (`fields`). Nothing here touches the database.

mod error;
pub mod export;
pub mod fields;
mod model;
mod org;
pub mod query;
pub mod search;

pub use error::{DirectoryError, ValueProblem};
pub use fields::{Edit, Field, Value};
pub use model::*;
pub use org::{OrgUnitKind, Overview};
