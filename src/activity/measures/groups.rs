//! Figures by department, location or team.

use serde::Serialize;

use super::*;
use crate::activity::Counts;
use crate::activity::facts::Facts;

/// One group's row in a breakdown.
#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    pub name: String,
    pub population: u32,
    pub active: u32,
    pub active_share: Option<f64>,
    pub creators: u32,
    pub posts: u64,
    pub replies: u64,
    pub reactions: u64,
    /// This group's share of all content in the scope.
    pub content_share: Option<f64>,
}

/// The scope's figures broken down by department, location or team
/// ("(none)" for people without one and accounts not yet tied to anyone).
pub fn by_group(facts: &Facts, scope: &Scope, by: GroupBy) -> Vec<GroupRow> {
    by_group_of(facts, scope, by, &totals(facts, scope))
}

/// [`by_group`] from each subject's totals.
pub fn by_group_of(facts: &Facts, scope: &Scope, by: GroupBy, totals: &[Counts]) -> Vec<GroupRow> {
    type Key = fn(&crate::activity::facts::Subject) -> Option<u32>;
    let (names, key): (&[String], Key) = match by {
        GroupBy::Department => (&facts.departments, |s| s.department),
        GroupBy::Location => (&facts.locations, |s| s.location),
        GroupBy::Team => (&facts.teams, |s| s.team),
    };
    let none = names.len();
    let mut rows: Vec<GroupRow> = names
        .iter()
        .map(String::as_str)
        .chain(["(none)"])
        .map(|n| GroupRow {
            name: n.to_owned(),
            population: 0,
            active: 0,
            active_share: None,
            creators: 0,
            posts: 0,
            replies: 0,
            reactions: 0,
            content_share: None,
        })
        .collect();
    let mut all_content = 0u64;
    for (i, c) in totals.iter().enumerate() {
        if !scope.member[i] {
            continue;
        }
        let g = &mut rows[key(&facts.subjects[i]).map_or(none, |k| k as usize)];
        g.population += 1;
        g.active += u32::from(c.iter().any(|&x| x > 0));
        g.creators += u32::from(c[0] > 0);
        g.posts += u64::from(c[0]);
        g.replies += u64::from(c[1]);
        g.reactions += u64::from(c[2]);
        all_content += content(c);
    }
    rows.retain(|r| r.population > 0);
    for r in &mut rows {
        r.active_share = (r.population > 0).then(|| f64::from(r.active) / f64::from(r.population));
        r.content_share = (all_content > 0).then(|| (r.posts + r.replies) as f64 / all_content as f64);
    }
    rows.sort_by(|a, b| b.active.cmp(&a.active).then_with(|| a.name.cmp(&b.name)));
    rows
}
