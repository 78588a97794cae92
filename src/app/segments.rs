//! Segments of the organisation for a period, as a person asks for them:
//! the labels of everyone (the rules on the network's facts, the
//! strategist's overrides on top — `load::labels`), one person's labels and
//! trajectory, overrides and thresholds. Listing segments reads only; the
//! period's labels are kept by [`save_history`], an explicit step.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::load;
use crate::activity::measures::{Filter, Period};
use crate::directory::PersonId;
use crate::network::{self as net, GraphOptions};
use crate::segments::{Override, PastLabel, Segment, SegmentsReport, Shown, Thresholds};
use crate::store::Db;
use crate::{Error, Result};

/// Labels every person of the filter's population for its period, with the
/// overrides applied. Reads only.
pub fn segments(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<SegmentsReport> {
    let b = load::graph(db, filter, today, opts)?;
    let labels = load::labels(db, &b, &net::measure(&b))?;
    let emails = load::emails(db)?;
    let people = crate::network::reports::segmented(&b, labels, &emails);
    Ok(SegmentsReport::new(b.scope.period(), db.segment_thresholds()?, people))
}

/// Keeps the period's labels of the whole organisation (every tool, no
/// filter but the period) so each person's trajectory shows: how many
/// labels were kept. A filtered population is refused, since its labels
/// would stand for the organisation's.
pub fn save_history(db: &mut Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<usize> {
    if !filter.is_whole() {
        return Err(Error::Invalid(
            "the history keeps the whole organisation's labels: drop the tool, department, location and team filters"
                .into(),
        ));
    }
    let r = segments(db, filter, today, opts)?;
    let rows = r.history_rows();
    db.save_segment_history(&r.period.from.to_string(), &r.period.to.to_string(), &rows)?;
    Ok(rows.len())
}

/// One person's labels, overrides and trajectory.
#[derive(Debug, Clone, Serialize)]
pub struct Explained {
    pub person_id: PersonId,
    pub name: String,
    pub period: Period,
    pub labels: Vec<Shown>,
    pub removed: Vec<(Segment, String)>,
    pub overrides: Vec<Override>,
    /// Labels kept for earlier periods, oldest first.
    pub history: Vec<PastLabel>,
}

/// Why a person has (or lacks) each label, with their trajectory.
pub fn explain(db: &Db, key: &str, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<Explained> {
    let id = db.resolve_person(key)?;
    let detail = db.person(id)?;
    let r = segments(db, filter, today, opts)?;
    let found = r.people.into_iter().find(|p| p.person_id == id);
    let (labels, removed) = found.map(|p| (p.labels, p.removed)).unwrap_or_default();
    let overrides = db.segment_overrides()?.into_iter().filter(|o| o.person_id == id).collect();
    Ok(Explained {
        person_id: id,
        name: detail.fields.full_name,
        period: r.period,
        labels,
        removed,
        overrides,
        history: db.segment_history(id)?,
    })
}

/// Adds (`added`) or removes a label by hand, with a reason; it survives every recompute.
pub fn set_override(
    db: &Db,
    key: &str,
    segment: &str,
    added: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Override> {
    let person_id = db.resolve_person(key)?;
    let segment = Segment::parse_named(segment).map_err(Error::Invalid)?;
    if reason.trim().is_empty() {
        return Err(Error::Invalid("a reason is needed to add or remove a label by hand".into()));
    }
    let o = Override {
        person_id,
        segment: segment.key().into(),
        added,
        reason: reason.trim().into(),
        at: super::stamp(now),
    };
    db.set_segment_override(&o)?;
    Ok(o)
}

/// Drops an override: the rules alone decide again.
pub fn clear_override(db: &Db, key: &str, segment: &str) -> Result<bool> {
    let person_id = db.resolve_person(key)?;
    Ok(db.clear_segment_override(person_id, Segment::parse_named(segment).map_err(Error::Invalid)?.key())?)
}

/// Sets the thresholds after checking them.
pub fn set_thresholds(db: &Db, t: &Thresholds) -> Result<()> {
    t.check().map_err(Error::Invalid)?;
    Ok(db.set_segment_thresholds(t)?)
}
