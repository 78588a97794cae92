//! Impact: what a rollout changed. Loads the activity and the rollout,
//! calls [`crate::impact`], and returns its report; reads only.

use crate::Result;
use crate::activity::facts::{Facts, WaveUnit};
use crate::impact::analysis::{self, ImpactReport, Request, Rollout};
use crate::impact::did::Control;
use crate::impact::series::{self, GroupBy, Metric, Outcome};
use crate::store::Db;

/// What `chorus impact` and the Impact view ask.
#[derive(Debug, Clone)]
pub struct ImpactQuery {
    /// The tool whose rollout is assessed (its date, or its waves).
    pub tool: String,
    /// The outcome measured from the activity (ignored with `series`).
    pub metric: Metric,
    /// Measure the outcome on this tool only (default: every tool — a new
    /// tool's own activity is zero before its rollout).
    pub on: Option<String>,
    /// Split by department or location: for a rollout in waves, the unit
    /// of its waves is used whatever is asked.
    pub by: Option<GroupBy>,
    /// A weekly series imported from a CSV instead: (file name, text).
    pub series: Option<(String, String)>,
    pub group: Option<String>,
    pub comparison: Option<String>,
    pub control: Control,
    pub draws: usize,
    pub seed: u64,
}

impl ImpactQuery {
    pub fn new(tool: &str, metric: Metric) -> ImpactQuery {
        ImpactQuery {
            tool: tool.to_owned(),
            metric,
            on: None,
            by: None,
            series: None,
            group: None,
            comparison: None,
            control: Control::NotYetTreated,
            draws: 999,
            seed: 2021,
        }
    }
}

/// The rollout of a tool as the analysis takes it.
fn rollout(facts: &Facts, tool: &str) -> Result<(Rollout, Option<GroupBy>)> {
    let t = facts
        .tools
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(tool))
        .ok_or_else(|| crate::Error::Invalid(format!("no tool named {tool:?}; see `chorus tools`")))?;
    if let Some(first) = t.waves.first() {
        let unit = first.unit;
        let names = match unit {
            WaveUnit::Department => &facts.departments,
            WaveUnit::Location => &facts.locations,
        };
        let waves =
            t.waves.iter().filter(|w| w.unit == unit).map(|w| (names[w.index as usize].clone(), w.day)).collect();
        let by = GroupBy::from(unit);
        return Ok((Rollout::Waves { by, waves, rest: t.rollout }, Some(by)));
    }
    match t.rollout {
        Some(day) => Ok((Rollout::Single(day), None)),
        None => Err(crate::Error::Invalid(format!(
            "{} has no rollout date: set one with `chorus tools rollout {} YYYY-MM-DD` (add --department D for a rollout in waves)",
            t.name, t.name
        ))),
    }
}

/// What the rollout changed.
pub fn impact(db: &Db, q: &ImpactQuery) -> Result<ImpactReport> {
    let facts = db.facts()?;
    let (rollout, wave_by) = rollout(&facts, &q.tool)?;
    let by = wave_by.or(q.by).unwrap_or(GroupBy::Everyone);
    let outcome: Outcome = match &q.series {
        Some((file, text)) => series::read_csv(file, text)?,
        None => {
            let on = match &q.on {
                None => None,
                Some(name) => Some(
                    facts
                        .tool_index(name)
                        .ok_or_else(|| crate::Error::Invalid(format!("no tool named {name:?}; see `chorus tools`")))?,
                ),
            };
            // A comparison group needs the series split by its unit.
            let by = if q.comparison.is_some() || q.group.is_some() { q.by.unwrap_or(GroupBy::Department) } else { by };
            let by = if matches!(rollout, Rollout::Waves { .. }) { wave_by.unwrap_or(by) } else { by };
            series::weekly(&facts, q.metric, by, on, None)
        }
    };
    let req = Request {
        tool: q.tool.clone(),
        outcome,
        rollout,
        group: q.group.clone(),
        comparison: q.comparison.clone(),
        control: q.control,
        min_group: db.min_group()?,
        draws: q.draws,
        seed: q.seed,
    };
    Ok(analysis::analyse(&req)?)
}

/// Sets (or clears) the day a department or location received a tool.
pub fn set_wave(db: &mut Db, tool: &str, unit: WaveUnit, name: &str, date: Option<chrono::NaiveDate>) -> Result<()> {
    Ok(db.set_wave(tool, unit, name, date)?)
}
