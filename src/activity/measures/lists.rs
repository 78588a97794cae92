//! Lists that name people (shown in the app and the CLI only; never exported).

use chrono::NaiveDate;
use serde::Serialize;

use super::*;
use crate::activity::facts::Facts;
use crate::activity::{Counts, date_of_day};

/// A person (or account) in a list, with the figure that put them there.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub subject: u32,
    pub person_id: Option<i64>,
    pub account_id: Option<i64>,
    pub name: String,
    pub department: Option<String>,
    pub value: u64,
    /// A date that goes with the figure (adoption day, last activity).
    pub date: Option<NaiveDate>,
    pub category: Option<Category>,
}

pub(crate) fn listed(facts: &Facts, subject: u32, value: u64, date: Option<NaiveDate>) -> Listed {
    let s = &facts.subjects[subject as usize];
    Listed {
        subject,
        person_id: s.person_id,
        account_id: s.account_id,
        name: s.name.clone(),
        department: s.department.map(|d| facts.departments[d as usize].clone()),
        value,
        date,
        category: None,
    }
}

/// The most content (posts + replies) in the period.
pub fn top_contributors(facts: &Facts, scope: &Scope, n: usize) -> Vec<Listed> {
    top_contributors_of(facts, scope, n, &totals(facts, scope))
}

pub(crate) fn top_contributors_of(facts: &Facts, scope: &Scope, n: usize, totals: &[Counts]) -> Vec<Listed> {
    let mut v: Vec<(u64, u32)> = totals
        .iter()
        .enumerate()
        .filter(|(i, c)| scope.member[*i] && content(c) > 0)
        .map(|(i, c)| (content(c), i as u32))
        .collect();
    v.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    v.into_iter().take(n).map(|(c, s)| listed(facts, s, c, None)).collect()
}

/// Whose first activity falls in the period, newest first.
pub fn newest_adopters(facts: &Facts, scope: &Scope, n: usize) -> Vec<Listed> {
    newest_adopters_of(facts, scope, n, &adopters(facts, scope.tool))
}

pub(crate) fn newest_adopters_of(facts: &Facts, scope: &Scope, n: usize, adopters: &[Adopter]) -> Vec<Listed> {
    let mut v: Vec<Adopter> = adopters
        .iter()
        .copied()
        .filter(|a| scope.member[a.subject as usize] && a.first_day >= scope.from && a.first_day <= scope.to)
        .collect();
    v.sort_unstable_by_key(|a| std::cmp::Reverse(a.rank));
    v.into_iter()
        .take(n)
        .map(|a| Listed {
            category: Some(a.category),
            ..listed(facts, a.subject, u64::from(a.rank), Some(date_of_day(a.first_day)))
        })
        .collect()
}

/// How many people came and went: first activity in this period, first
/// activity in the period before, and active before but silent now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Movement {
    pub joined: u32,
    pub joined_before: u32,
    pub went_quiet: u32,
}

pub(crate) fn movement_of(scope: &Scope, adopters: &[Adopter], now: &[Counts], before: &[Counts]) -> Movement {
    let prev = scope.previous();
    let mut m = Movement::default();
    for a in adopters.iter().filter(|a| scope.member[a.subject as usize]) {
        m.joined += u32::from(a.first_day >= scope.from && a.first_day <= scope.to);
        m.joined_before += u32::from(a.first_day >= prev.from && a.first_day <= prev.to);
    }
    m.went_quiet = (0..now.len())
        .filter(|&i| scope.member[i] && now[i].iter().all(|&c| c == 0) && before[i].iter().any(|&c| c > 0))
        .count() as u32;
    m
}

/// Active in the previous period, silent in this one: most active first,
/// with the day they were last seen.
pub fn stopped(facts: &Facts, scope: &Scope, n: usize) -> Vec<Listed> {
    let prev_scope = scope.previous();
    stopped_of(facts, scope, n, &totals(facts, scope), &totals(facts, &prev_scope))
}

pub(crate) fn stopped_of(facts: &Facts, scope: &Scope, n: usize, now: &[Counts], before: &[Counts]) -> Vec<Listed> {
    let prev_scope = scope.previous();
    let mut last = vec![i32::MIN; facts.subjects.len()];
    for d in facts.days_between(prev_scope.from, prev_scope.to) {
        if prev_scope.counts(d) {
            last[d.subject as usize] = last[d.subject as usize].max(d.day);
        }
    }
    let mut v: Vec<(u64, u32)> = (0..facts.subjects.len())
        .filter(|&i| scope.member[i] && now[i].iter().all(|&c| c == 0) && before[i].iter().any(|&c| c > 0))
        .map(|i| (before[i].iter().map(|&c| u64::from(c)).sum(), i as u32))
        .collect();
    v.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    v.into_iter().take(n).map(|(c, s)| listed(facts, s, c, Some(date_of_day(last[s as usize])))).collect()
}
