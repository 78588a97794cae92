//! Engagement measures: pure functions of [`Facts`] and a [`Filter`].
//!
//! Definitions (also in the README):
//! - **Population**: with no tool chosen, everyone in the directory plus
//!   accounts not yet tied to a person; with a tool, everyone with an account
//!   on it. Department, location and team filters narrow it.
//! - **Active**: did anything (post, reply, reaction, mention, share) in the
//!   period.
//! - **Content**: posts + replies. **Engagement rate**: (replies + reactions)
//!   per post.
//! - **Creators** posted; **contributors** did something but never posted;
//!   **lurkers** are the rest of the population (90-9-1 rule: 1 / 9 / 90 %).
//! - **Top 1 % / 10 % share**: share of all content made by the ⌈1 %⌉ /
//!   ⌈10 %⌉ of the population who made most. **Gini**: over the content of
//!   everyone in the population, zeros included.
//! - **Adoption**: a person's first activity on a tool. Rogers categories by
//!   order of adoption among adopters (ties by directory order): the first
//!   2.5 % innovators, next 13.5 % early adopters, 34 % early majority, 34 %
//!   late majority, 16 % laggards.
//! - **Community health**: people active in a channel in the period's last
//!   month ÷ people active in it at least once in the 12 months to then.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::facts::{DayFact, Facts};
use super::{Counts, date_of_day, day_of_date, month_of_day};

/// What to measure: a tool, a period, and part of the organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub tool: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub department: Option<String>,
    pub location: Option<String>,
    pub team: Option<String>,
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

    fn counts(&self, d: &DayFact) -> bool {
        self.member[d.subject as usize] && self.tool.is_none_or(|t| t == d.tool)
    }
}

/// Resolves a filter. With no dates, the period is the 90 days ending on the
/// last day with activity (or `today` when there is none).
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
    let from = filter.from.map(day_of_date).unwrap_or(to - 89);
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

fn content(c: &Counts) -> u64 {
    u64::from(c[0]) + u64::from(c[1])
}

/// The participation figures of one period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Participation {
    pub population: u32,
    pub active: u32,
    pub creators: u32,
    pub contributors: u32,
    pub lurkers: u32,
    pub posts: u64,
    pub replies: u64,
    pub reactions: u64,
    pub mentions: u64,
    pub shares: u64,
    /// Share of all content (posts + replies) by the top 1 % and top 10 %.
    pub top1_share: Option<f64>,
    pub top10_share: Option<f64>,
    pub gini: Option<f64>,
    /// (replies + reactions) per post.
    pub engagement_rate: Option<f64>,
    /// Median seconds from a post to its first reply by someone else.
    pub median_first_reply: Option<f64>,
    pub replied_posts: u32,
}

/// Participation over a scope.
pub fn participation(facts: &Facts, scope: &Scope) -> Participation {
    participation_of(facts, scope, &totals(facts, scope))
}

/// Participation from each subject's totals over the scope's period.
pub fn participation_of(facts: &Facts, scope: &Scope, totals: &[Counts]) -> Participation {
    let mut p = Participation { population: scope.population, ..Default::default() };
    let mut contents: Vec<u64> = Vec::with_capacity(scope.population as usize);
    for (i, c) in totals.iter().enumerate() {
        if !scope.member[i] {
            continue;
        }
        let any = c.iter().any(|&x| x > 0);
        p.active += u32::from(any);
        if c[0] > 0 {
            p.creators += 1;
        } else if any {
            p.contributors += 1;
        }
        p.posts += u64::from(c[0]);
        p.replies += u64::from(c[1]);
        p.reactions += u64::from(c[2]);
        p.mentions += u64::from(c[3]);
        p.shares += u64::from(c[4]);
        contents.push(content(c));
    }
    p.lurkers = scope.population - p.creators - p.contributors;
    p.top1_share = top_share(&mut contents, 0.01);
    p.top10_share = top_share(&mut contents, 0.10);
    p.gini = gini(&mut contents);
    p.engagement_rate = (p.posts > 0).then(|| (p.replies + p.reactions) as f64 / p.posts as f64);
    let mut delays: Vec<u32> = facts
        .replies_between(scope.from, scope.to)
        .iter()
        .filter(|r| scope.member[r.subject as usize] && scope.tool.is_none_or(|t| t == r.tool))
        .map(|r| r.seconds)
        .collect();
    p.replied_posts = delays.len() as u32;
    p.median_first_reply = median(&mut delays);
    p
}

/// The share of the total made by the ⌈`top` × n⌉ largest values.
pub fn top_share(values: &mut [u64], top: f64) -> Option<f64> {
    let total: u64 = values.iter().sum();
    if total == 0 || values.is_empty() {
        return None;
    }
    let k = ((values.len() as f64 * top).ceil() as usize).clamp(1, values.len());
    values.sort_unstable_by(|a, b| b.cmp(a));
    Some(values[..k].iter().sum::<u64>() as f64 / total as f64)
}

/// Gini coefficient: G = Σᵢ (2i − n − 1) xᵢ / (n Σ x), x sorted ascending,
/// i from 1. 0 when everyone made the same, (n − 1)/n when one made all.
pub fn gini(values: &mut [u64]) -> Option<f64> {
    let n = values.len();
    let total: u64 = values.iter().sum();
    if n == 0 || total == 0 {
        return None;
    }
    values.sort_unstable();
    let mut acc: i128 = 0;
    for (i, &x) in values.iter().enumerate() {
        acc += (2 * (i as i128 + 1) - n as i128 - 1) * i128::from(x);
    }
    Some(acc as f64 / (n as f64 * total as f64))
}

/// The median (mean of the two middle values for an even count).
pub fn median(values: &mut [u32]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let (_, &mut hi, _) = values.select_nth_unstable(n / 2);
    if n % 2 == 1 {
        return Some(f64::from(hi));
    }
    let lo = *values[..n / 2].iter().max().expect("n ≥ 2");
    Some((f64::from(lo) + f64::from(hi)) / 2.0)
}

/// Rogers' adopter categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Innovator,
    EarlyAdopter,
    EarlyMajority,
    LateMajority,
    Laggard,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Innovator,
        Category::EarlyAdopter,
        Category::EarlyMajority,
        Category::LateMajority,
        Category::Laggard,
    ];

    /// Cumulative upper bound of each category, in tenths of a percent.
    const BOUNDS: [u64; 5] = [25, 160, 500, 840, 1000];

    /// The category of the adopter ranked `rank` (1 = first) of `n`, by the
    /// share of adopters who came before them: under 2.5 % innovator, under
    /// 16 % early adopter, under 50 % early majority, under 84 % late
    /// majority, the rest laggards. The first adopter is always an innovator.
    pub fn of(rank: u64, n: u64) -> Category {
        let before = rank.saturating_sub(1) * 1000;
        let i = Category::BOUNDS.iter().position(|&b| before < b * n).unwrap_or(4);
        Category::ALL[i]
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::Innovator => "Innovators",
            Category::EarlyAdopter => "Early adopters",
            Category::EarlyMajority => "Early majority",
            Category::LateMajority => "Late majority",
            Category::Laggard => "Laggards",
        }
    }
}

/// One adopter of a tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Adopter {
    pub subject: u32,
    pub first_day: i32,
    pub rank: u32,
    pub category: Category,
}

/// Everyone's first activity on a tool (or on any tool), in order of
/// adoption (by the time of that first activity; ties by directory order),
/// with their Rogers category. Ranked over all adopters, whatever the
/// population filter: filtering shows a part of one ranking.
pub fn adopters(facts: &Facts, tool: Option<u16>) -> Vec<Adopter> {
    let mut first = vec![i64::MAX; facts.subjects.len()];
    for a in &facts.accounts {
        if let Some(at) = a.first_at
            && tool.is_none_or(|t| t == a.tool)
        {
            let f = &mut first[a.subject as usize];
            *f = (*f).min(at);
        }
    }
    let mut out: Vec<(i64, u32)> =
        first.iter().enumerate().filter(|(_, t)| **t != i64::MAX).map(|(s, t)| (*t, s as u32)).collect();
    out.sort_unstable();
    let n = out.len() as u64;
    out.into_iter()
        .enumerate()
        .map(|(i, (at, subject))| Adopter {
            subject,
            first_day: super::day_of(at),
            rank: i as u32 + 1,
            category: Category::of(i as u64 + 1, n),
        })
        .collect()
}

/// The adoption curve of a tool after its rollout.
#[derive(Debug, Clone, Serialize)]
pub struct AdoptionCurve {
    pub tool: Option<String>,
    pub rollout: Option<NaiveDate>,
    /// Adopters in the population, and those who never adopted.
    pub adopters: u32,
    pub never: u32,
    pub population: u32,
    /// (date, cumulative adopters in the population), one point per day with a new adopter.
    pub points: Vec<(NaiveDate, u32)>,
    /// Each Rogers category: how many of the population's adopters, and its dates.
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Band {
    pub category: Category,
    pub label: &'static str,
    pub people: u32,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

pub fn adoption_curve(facts: &Facts, scope: &Scope) -> AdoptionCurve {
    adoption_curve_of(facts, scope, &adopters(facts, scope.tool))
}

fn adoption_curve_of(facts: &Facts, scope: &Scope, all: &[Adopter]) -> AdoptionCurve {
    let mut points: Vec<(NaiveDate, u32)> = Vec::new();
    let mut bands: Vec<Band> = Category::ALL
        .iter()
        .map(|&c| Band { category: c, label: c.label(), people: 0, from: None, to: None })
        .collect();
    let mut n = 0u32;
    for a in all.iter().filter(|a| scope.member[a.subject as usize]) {
        n += 1;
        let date = date_of_day(a.first_day);
        match points.last_mut() {
            Some((d, c)) if *d == date => *c = n,
            _ => points.push((date, n)),
        }
        let b = &mut bands[a.category as usize];
        b.people += 1;
        b.from.get_or_insert(date);
        b.to = Some(date);
    }
    let (tool, rollout) = match scope.tool {
        Some(t) => (Some(facts.tools[t as usize].name.clone()), facts.tools[t as usize].rollout.map(date_of_day)),
        None => (None, facts.tools.iter().filter_map(|t| t.rollout).min().map(date_of_day)),
    };
    AdoptionCurve {
        tool,
        rollout,
        adopters: n,
        never: scope.population.saturating_sub(n),
        population: scope.population,
        points,
        bands,
    }
}

/// Granularity of a trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    Day,
    Week,
    Month,
}

impl Grain {
    /// Days for up to two months, weeks up to 13 months, months beyond.
    pub fn for_days(days: i32) -> Grain {
        if days <= 62 {
            Grain::Day
        } else if days <= 400 {
            Grain::Week
        } else {
            Grain::Month
        }
    }

    /// The first day of month number `bucket` (months since 1970-01); for
    /// days and weeks, the day itself.
    pub fn start(self, bucket: i32) -> NaiveDate {
        match self {
            Grain::Day | Grain::Week => date_of_day(bucket),
            Grain::Month => NaiveDate::from_ymd_opt(1970 + bucket.div_euclid(12), bucket.rem_euclid(12) as u32 + 1, 1)
                .expect("a valid month"),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TrendPoint {
    pub start: NaiveDate,
    /// Days of the period the point covers (a month's last point may be short).
    pub days: u32,
    pub active: u32,
    pub posts: u64,
    pub replies: u64,
    pub reactions: u64,
}

/// The buckets of a trend: (first day, last day), oldest first. Weeks are
/// the 7-day spans ending on the period's last day, so that every point
/// covers a whole week (days left over at the start are not drawn); months
/// are calendar months, a partial first month left out when others follow.
pub fn buckets(from: i32, to: i32, grain: Grain) -> Vec<(i32, i32)> {
    match grain {
        Grain::Day => (from..=to).map(|d| (d, d)).collect(),
        Grain::Week => {
            let weeks = ((to - from + 1) / 7).max(1);
            (0..weeks).rev().map(|k| ((to - 7 * k - 6).max(from), to - 7 * k)).collect()
        }
        Grain::Month => {
            let mut out = Vec::new();
            let (mut m, last) = (month_of_day(from), month_of_day(to));
            while m <= last {
                let start = day_of_date(Grain::Month.start(m)).max(from);
                let end = (day_of_date(Grain::Month.start(m + 1)) - 1).min(to);
                out.push((start, end));
                m += 1;
            }
            if out.len() > 1 && date_of_day(out[0].0) != Grain::Month.start(month_of_day(from)) {
                out.remove(0);
            }
            out
        }
    }
}

/// Distinct active people per day, week or month of the period (see [`buckets`]).
pub fn active_trend(facts: &Facts, scope: &Scope, grain: Grain) -> Vec<TrendPoint> {
    let spans = buckets(scope.from, scope.to, grain);
    let mut out: Vec<TrendPoint> = spans
        .iter()
        .map(|&(a, b)| TrendPoint {
            start: date_of_day(a),
            days: (b - a + 1) as u32,
            active: 0,
            posts: 0,
            replies: 0,
            reactions: 0,
        })
        .collect();
    let Some(&(first, _)) = spans.first() else { return out };
    let mut seen = vec![usize::MAX; facts.subjects.len()];
    let mut b = 0;
    for d in facts.days_between(first, scope.to) {
        if !scope.counts(d) || d.counts.iter().all(|&c| c == 0) {
            continue;
        }
        while spans[b].1 < d.day {
            b += 1;
        }
        let p = &mut out[b];
        if seen[d.subject as usize] != b {
            seen[d.subject as usize] = b;
            p.active += 1;
        }
        p.posts += u64::from(d.counts[0]);
        p.replies += u64::from(d.counts[1]);
        p.reactions += u64::from(d.counts[2]);
    }
    out
}

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
    type Key = fn(&super::facts::Subject) -> Option<u32>;
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

fn listed(facts: &Facts, subject: u32, value: u64, date: Option<NaiveDate>) -> Listed {
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

fn top_contributors_of(facts: &Facts, scope: &Scope, n: usize, totals: &[Counts]) -> Vec<Listed> {
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

fn newest_adopters_of(facts: &Facts, scope: &Scope, n: usize, adopters: &[Adopter]) -> Vec<Listed> {
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

/// Active in the previous period, silent in this one: most active first,
/// with the day they were last seen.
pub fn stopped(facts: &Facts, scope: &Scope, n: usize) -> Vec<Listed> {
    let prev_scope = scope.previous();
    stopped_of(facts, scope, n, &totals(facts, scope), &totals(facts, &prev_scope))
}

fn stopped_of(facts: &Facts, scope: &Scope, n: usize, now: &[Counts], before: &[Counts]) -> Vec<Listed> {
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

/// A channel's health in the period's last month.
#[derive(Debug, Clone, Serialize)]
pub struct ChannelHealth {
    pub channel: String,
    pub tool: String,
    pub monthly_active: u32,
    pub yearly_active: u32,
    pub health: Option<f64>,
}

/// Monthly active ÷ active in the last 12 months, per channel, healthiest
/// first (channels of fewer than five people last).
pub fn community_health(facts: &Facts, scope: &Scope) -> Vec<ChannelHealth> {
    let month = month_of_day(scope.to);
    let mut mau = vec![0u32; facts.channels.len()];
    let mut yau = vec![0u32; facts.channels.len()];
    // Rows are sorted by (channel, month, subject): a channel's rows are
    // contiguous, and `seen` marks who was already counted for it.
    // Bits of the 12 months to the period's last month, and of that month.
    let (lo, hi) = (month - 11 - facts.months_base, month - facts.months_base);
    let window: u128 = (lo.max(0)..=hi.min(127)).filter(|&b| b >= 0).fold(0, |w, b| w | 1u128 << b);
    let this: u128 = if (0..128).contains(&hi) { 1u128 << hi } else { 0 };
    for m in &facts.channel_members {
        if m.months & window == 0 || !scope.member[m.subject as usize] {
            continue;
        }
        if scope.tool.is_some_and(|t| t != facts.channels[m.channel as usize].tool) {
            continue;
        }
        yau[m.channel as usize] += 1;
        mau[m.channel as usize] += u32::from(m.months & this != 0);
    }
    let mut out: Vec<ChannelHealth> = facts
        .channels
        .iter()
        .enumerate()
        .filter(|(c, _)| yau[*c] > 0)
        .map(|(c, ch)| ChannelHealth {
            channel: ch.name.clone(),
            tool: facts.tools[ch.tool as usize].name.clone(),
            monthly_active: mau[c],
            yearly_active: yau[c],
            health: Some(f64::from(mau[c]) / f64::from(yau[c])),
        })
        .collect();
    // Communities of fewer than five people say little about health: after the others.
    out.sort_by(|a, b| {
        (b.yearly_active >= 5)
            .cmp(&(a.yearly_active >= 5))
            .then(b.health.partial_cmp(&a.health).unwrap_or(std::cmp::Ordering::Equal))
            .then(b.yearly_active.cmp(&a.yearly_active))
    });
    out
}

/// A headline figure with its value in the previous period.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub key: &'static str,
    pub label: &'static str,
    pub value: Option<f64>,
    pub previous: Option<f64>,
    /// value − previous.
    pub change: Option<f64>,
    /// (value − previous) ÷ previous.
    pub change_ratio: Option<f64>,
}

fn figures(now: &Participation, before: &Participation) -> Vec<Figure> {
    let share = |a: u32, b: u32| (b > 0).then(|| f64::from(a) / f64::from(b));
    let pick = |p: &Participation| -> Vec<(&'static str, &'static str, Option<f64>)> {
        vec![
            ("active", "Active people", Some(f64::from(p.active))),
            ("active_share", "Share of population active", share(p.active, p.population)),
            ("posts", "Posts", Some(p.posts as f64)),
            ("replies", "Replies", Some(p.replies as f64)),
            ("reactions", "Reactions", Some(p.reactions as f64)),
            ("mentions", "Mentions", Some(p.mentions as f64)),
            ("shares", "Shares", Some(p.shares as f64)),
            ("engagement_rate", "Responses per post", p.engagement_rate),
            ("median_first_reply", "Median time to first reply", p.median_first_reply),
            ("creators_share", "Creators", share(p.creators, p.population)),
            ("contributors_share", "Contributors", share(p.contributors, p.population)),
            ("lurkers_share", "Lurkers", share(p.lurkers, p.population)),
            ("top1_share", "Content by the top 1 %", p.top1_share),
            ("top10_share", "Content by the top 10 %", p.top10_share),
            ("gini", "Gini coefficient", p.gini),
        ]
    };
    pick(now)
        .into_iter()
        .zip(pick(before))
        .map(|((key, label, value), (_, _, previous))| {
            let change = value.zip(previous).map(|(a, b)| a - b);
            let change_ratio = value.zip(previous).and_then(|(a, b)| (b != 0.0).then(|| (a - b) / b));
            Figure { key, label, value, previous, change, change_ratio }
        })
        .collect()
}

/// Everything the Engagement view shows, for one filter.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub period: Period,
    pub previous: Period,
    pub tool: Option<String>,
    pub population: u32,
    pub headline: Vec<Figure>,
    pub participation: Participation,
    pub grain: Grain,
    pub trend: Vec<TrendPoint>,
    pub by_department: Vec<GroupRow>,
    pub adoption: AdoptionCurve,
    pub top_contributors: Vec<Listed>,
    pub newest_adopters: Vec<Listed>,
    pub stopped: Vec<Listed>,
    pub communities: Vec<ChannelHealth>,
    /// Everything the filters can choose from.
    pub tools: Vec<String>,
    pub departments: Vec<String>,
    pub locations: Vec<String>,
    pub teams: Vec<String>,
    /// First and last day with any activity.
    pub data_from: Option<NaiveDate>,
    pub data_to: Option<NaiveDate>,
}

/// How many people each list of the dashboard holds.
pub const LIST_LEN: usize = 10;

/// The whole dashboard.
pub fn dashboard(facts: &Facts, filter: &Filter, today: NaiveDate) -> Result<Dashboard, FilterError> {
    let scope = scope(facts, filter, today)?;
    let prev = scope.previous();
    // One pass over each period's rows; every figure and list reads these.
    let (now_totals, before_totals) = (totals(facts, &scope), totals(facts, &prev));
    let now = participation_of(facts, &scope, &now_totals);
    let before = participation_of(facts, &prev, &before_totals);
    let adopters = adopters(facts, scope.tool);
    let grain = Grain::for_days(scope.to - scope.from + 1);
    Ok(Dashboard {
        period: scope.period(),
        previous: prev.period(),
        tool: scope.tool.map(|t| facts.tools[t as usize].name.clone()),
        population: scope.population,
        headline: figures(&now, &before),
        participation: now,
        grain,
        trend: active_trend(facts, &scope, grain),
        by_department: by_group_of(facts, &scope, GroupBy::Department, &now_totals),
        adoption: adoption_curve_of(facts, &scope, &adopters),
        top_contributors: top_contributors_of(facts, &scope, LIST_LEN, &now_totals),
        newest_adopters: newest_adopters_of(facts, &scope, LIST_LEN, &adopters),
        stopped: stopped_of(facts, &scope, LIST_LEN, &now_totals, &before_totals),
        communities: community_health(facts, &scope),
        tools: facts.tools.iter().map(|t| t.name.clone()).collect(),
        departments: facts.departments.clone(),
        locations: facts.locations.clone(),
        teams: facts.teams.clone(),
        data_from: facts.span().map(|(a, _)| date_of_day(a)),
        data_to: facts.span().map(|(_, b)| date_of_day(b)),
    })
}

/// One person's place in the adoption of one tool.
#[derive(Debug, Clone, Serialize)]
pub struct Adoption {
    pub tool: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub category: Category,
    /// 1 = the first to adopt the tool.
    pub rank: u32,
    pub adopters: u32,
    /// Everything they did on the tool, all time.
    pub events: u64,
}

/// A person's adoption of each tool they used, in order of first use.
pub fn person_adoption(facts: &Facts, person: i64) -> Vec<Adoption> {
    let Some(subject) = facts.subjects.iter().position(|s| s.person_id == Some(person)) else { return Vec::new() };
    let mut out = Vec::new();
    for (t, tool) in facts.tools.iter().enumerate() {
        let all = adopters(facts, Some(t as u16));
        let Some(a) = all.iter().find(|a| a.subject as usize == subject) else { continue };
        let (mut last, mut events) = (a.first_day, 0u64);
        for d in facts.days.iter().filter(|d| d.subject as usize == subject && d.tool == t as u16) {
            last = last.max(d.day);
            events += d.counts.iter().map(|&c| u64::from(c)).sum::<u64>();
        }
        out.push(Adoption {
            tool: tool.name.clone(),
            first_day: date_of_day(a.first_day),
            last_day: date_of_day(last),
            category: a.category,
            rank: a.rank,
            adopters: all.len() as u32,
            events,
        });
    }
    out.sort_by_key(|a| a.first_day);
    out
}

/// Everyone in the scope with their adopter category, in order of adoption,
/// and (apart) those in the scope who never used the tool.
#[derive(Debug, Clone, Serialize)]
pub struct AdopterList {
    pub tool: Option<String>,
    pub adopters: Vec<Listed>,
    pub never: Vec<Listed>,
}

pub fn adopter_list(facts: &Facts, scope: &Scope) -> AdopterList {
    let all = adopters(facts, scope.tool);
    let mut adopted = vec![false; facts.subjects.len()];
    let adopters: Vec<Listed> = all
        .iter()
        .filter(|a| scope.member[a.subject as usize])
        .map(|a| {
            adopted[a.subject as usize] = true;
            Listed {
                category: Some(a.category),
                ..listed(facts, a.subject, u64::from(a.rank), Some(date_of_day(a.first_day)))
            }
        })
        .collect();
    let never = (0..facts.subjects.len())
        .filter(|&i| scope.member[i] && !adopted[i])
        .map(|i| listed(facts, i as u32, 0, None))
        .collect();
    AdopterList { tool: scope.tool.map(|t| facts.tools[t as usize].name.clone()), adopters, never }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> i32 {
        day_of_date(s.parse().unwrap())
    }

    #[test]
    fn weeks_end_on_the_last_day_and_cover_whole_weeks() {
        let b = buckets(d("2024-01-01"), d("2024-01-20"), Grain::Week);
        // 20 days: two whole weeks ending on the 20th; the first six days are not drawn.
        assert_eq!(b, vec![(d("2024-01-07"), d("2024-01-13")), (d("2024-01-14"), d("2024-01-20"))]);
    }

    #[test]
    fn months_are_calendar_months_without_a_partial_first_one() {
        let b = buckets(d("2024-01-15"), d("2024-03-10"), Grain::Month);
        assert_eq!(b, vec![(d("2024-02-01"), d("2024-02-29")), (d("2024-03-01"), d("2024-03-10"))]);
        let one = buckets(d("2024-01-15"), d("2024-01-20"), Grain::Month);
        assert_eq!(one, vec![(d("2024-01-15"), d("2024-01-20"))]);
    }

    #[test]
    fn gini_and_top_shares_on_simple_cases() {
        assert_eq!(gini(&mut [5, 5, 5, 5]), Some(0.0));
        assert_eq!(gini(&mut [0, 0, 0, 8]), Some(0.75)); // (n − 1) / n when one made everything
        assert_eq!(gini(&mut [0, 0]), None);
        assert_eq!(top_share(&mut [1, 1, 1, 7], 0.10), Some(0.7)); // ⌈0.4⌉ = 1 person
        assert_eq!(median(&mut [4, 1, 3, 2]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }

    #[test]
    fn rogers_categories_by_share_of_earlier_adopters() {
        let cats: Vec<Category> = (1..=40).map(|r| Category::of(r, 40)).collect();
        let count = |c: Category| cats.iter().filter(|&&x| x == c).count();
        // 40 adopters: 1 innovator (2.5 %), 6 + early adopters up to 16 %, …
        assert_eq!(count(Category::Innovator), 1);
        assert_eq!(count(Category::EarlyAdopter), 6); // ranks 2–7: 1/40 … 6/40 < 16 %
        assert_eq!(count(Category::EarlyMajority), 13); // 7/40 … 19/40 < 50 %
        assert_eq!(count(Category::LateMajority), 14); // 20/40 … 33/40 < 84 %
        assert_eq!(count(Category::Laggard), 6);
        assert_eq!(Category::of(1, 1), Category::Innovator);
    }
}
