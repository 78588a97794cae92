//! What to measure: the filter, resolved against the facts into a population and a period.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::activity::facts::{DayFact, Facts};
use crate::activity::{Counts, date_of_day, day_of_date};

/// What to measure: a tool, a period, and part of the organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub tool: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Without `from`: the period is this many days ending on `to` (or on
    /// the last day with activity); 90 when not given.
    pub days: Option<u32>,
    pub department: Option<String>,
    pub location: Option<String>,
    pub team: Option<String>,
}

impl Filter {
    /// True when only the period is chosen: every tool, the whole organisation.
    pub fn is_whole(&self) -> bool {
        self.tool.is_none() && self.department.is_none() && self.location.is_none() && self.team.is_none()
    }

    /// The period and filters, in words, for the export log.
    pub fn describe(&self) -> String {
        let f = self;
        let mut parts = Vec::new();
        match (f.from, f.to, f.days) {
            (Some(a), Some(b), _) => parts.push(format!("{a} to {b}")),
            (Some(a), None, _) => parts.push(format!("from {a}")),
            (None, Some(b), d) => parts.push(format!("{} days to {b}", d.unwrap_or(90))),
            (None, None, d) => parts.push(format!("last {} days", d.unwrap_or(90))),
        }
        for (what, v) in
            [("tool", &f.tool), ("department", &f.department), ("location", &f.location), ("team", &f.team)]
        {
            if let Some(v) = v {
                parts.push(format!("{what} {v}"));
            }
        }
        parts.join(", ")
    }
}

/// How to break figures down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    Department,
    Location,
    Team,
}

impl GroupBy {
    pub fn parse(s: &str) -> Option<GroupBy> {
        match s {
            "department" => Some(GroupBy::Department),
            "location" => Some(GroupBy::Location),
            "team" => Some(GroupBy::Team),
            _ => None,
        }
    }
}

/// Why a filter cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("no tool named {0:?}; tools: {1}")]
    UnknownTool(String, String),
    #[error("no {kind} named {name:?}")]
    UnknownUnit { kind: &'static str, name: String },
    #[error("the period ends ({to}) before it starts ({from})")]
    Backwards { from: NaiveDate, to: NaiveDate },
}

/// A period of whole days, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: u32,
}

/// A filter resolved against the facts.
#[derive(Debug, Clone)]
pub struct Scope {
    pub tool: Option<u16>,
    pub from: i32,
    pub to: i32,
    /// Subjects in the population.
    pub member: Vec<bool>,
    pub population: u32,
}

impl Scope {
    pub fn period(&self) -> Period {
        Period { from: date_of_day(self.from), to: date_of_day(self.to), days: (self.to - self.from + 1) as u32 }
    }

    /// The same population over the period of the same length just before.
    pub fn previous(&self) -> Scope {
        let len = self.to - self.from + 1;
        Scope { from: self.from - len, to: self.from - 1, ..self.clone() }
    }

    pub(crate) fn counts(&self, d: &DayFact) -> bool {
        self.member[d.subject as usize] && self.tool.is_none_or(|t| t == d.tool)
    }
}

/// Resolves a filter. With no dates, the period is the `days` (90) days
/// ending on the last day with activity (or `today` when there is none).
pub fn scope(facts: &Facts, filter: &Filter, today: NaiveDate) -> Result<Scope, FilterError> {
    let tool = match &filter.tool {
        None => None,
        Some(name) => Some(facts.tool_index(name).ok_or_else(|| {
            FilterError::UnknownTool(
                name.clone(),
                facts.tools.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", "),
            )
        })?),
    };
    let last = facts.span().map(|(_, b)| b).unwrap_or_else(|| day_of_date(today));
    let to = filter.to.map(day_of_date).unwrap_or(last);
    let days = filter.days.unwrap_or(90).clamp(1, 36_600) as i32;
    let from = filter.from.map(day_of_date).unwrap_or(to - days + 1);
    if to < from {
        return Err(FilterError::Backwards { from: date_of_day(from), to: date_of_day(to) });
    }
    let unit = |names: &[String], want: &Option<String>, kind: &'static str| -> Result<Option<u32>, FilterError> {
        match want {
            None => Ok(None),
            Some(w) => names
                .iter()
                .position(|n| n.eq_ignore_ascii_case(w.trim()))
                .map(|i| Some(i as u32))
                .ok_or_else(|| FilterError::UnknownUnit { kind, name: w.clone() }),
        }
    };
    let dept = unit(&facts.departments, &filter.department, "department")?;
    let loc = unit(&facts.locations, &filter.location, "location")?;
    let team = unit(&facts.teams, &filter.team, "team")?;
    let n = facts.subjects.len();
    let mut base = vec![false; n];
    match tool {
        None => {
            // Everyone in the directory, and every account not tied to a person.
            for (i, b) in base.iter_mut().enumerate() {
                *b = i < facts.people as usize;
            }
            for a in &facts.accounts {
                base[a.subject as usize] = true;
            }
        }
        Some(t) => {
            for a in facts.accounts.iter().filter(|a| a.tool == t) {
                base[a.subject as usize] = true;
            }
        }
    }
    let mut population = 0;
    for (i, b) in base.iter_mut().enumerate() {
        let s = &facts.subjects[i];
        *b = *b
            && dept.is_none_or(|d| s.department == Some(d))
            && loc.is_none_or(|l| s.location == Some(l))
            && team.is_none_or(|t| s.team == Some(t));
        population += u32::from(*b);
    }
    Ok(Scope { tool, from, to, member: base, population })
}

/// Each subject's counts over a scope's period.
pub fn totals(facts: &Facts, scope: &Scope) -> Vec<Counts> {
    let mut out = vec![[0u32; 5]; facts.subjects.len()];
    for d in facts.days_between(scope.from, scope.to) {
        if scope.counts(d) {
            let t = &mut out[d.subject as usize];
            for (a, b) in t.iter_mut().zip(d.counts) {
                *a += b;
            }
        }
    }
    out
}

pub(crate) fn content(c: &Counts) -> u64 {
    u64::from(c[0]) + u64::from(c[1])
}
