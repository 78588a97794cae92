//! The champions network as a person asks for it: the roster and its
//! coverage, whom to recruit next, whom each champion could bring in, and
//! adding a champion. Loads the graph, the roster and the labels; the
//! champions module computes.

use chrono::{DateTime, NaiveDate, Utc};

use super::load;
use crate::Result;
use crate::activity::measures::Filter;
use crate::champions::{self, CoverageReport, Nudges, SuggestReport};
use crate::directory::PersonId;
use crate::directory::fields::{Edit, Field, Value};
use crate::network::{self as net, GraphOptions, Layers};
use crate::store::Db;

/// The roster and its coverage, per department and location.
pub fn coverage(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<CoverageReport> {
    let b = load::graph(db, filter, today, opts)?;
    Ok(champions::coverage(&b, &load::champions(db)?, &load::emails(db)?))
}

/// The next `k` people who would raise coverage most, each with the reason.
pub fn suggest(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions, k: usize) -> Result<SuggestReport> {
    let b = load::graph(db, filter, today, opts)?;
    let labels = load::labels(db, &b, &net::measure(&b))?;
    Ok(champions::suggest(&b, &load::champions(db)?, &labels, &load::emails(db)?, k))
}

/// For each champion, the people not yet engaged within their reach (the
/// graph gets the reporting lines as a layer).
pub fn nudges(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<Vec<Nudges>> {
    let layers = Layers { reports_to: true, ..opts.layers.unwrap_or_default() };
    let b = load::graph(db, filter, today, GraphOptions { layers: Some(layers), ..opts })?;
    let labels = load::labels(db, &b, &net::measure(&b))?;
    Ok(champions::nudges(&b, &load::champions(db)?, &labels, &db.reporting_lines()?))
}

/// Makes a person a champion (recorded in their history).
pub fn add_champion(db: &mut Db, key: &str, now: DateTime<Utc>) -> Result<PersonId> {
    let id = db.resolve_person(key)?;
    db.edit_person(id, &[Edit { field: Field::Champion, value: Value::Bool(true) }], &super::stamp(now))?;
    Ok(id)
}
