//! Adoption: when each person first used a tool, the Rogers categories, and the curve after rollout.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::*;
use crate::activity::date_of_day;
use crate::activity::facts::Facts;

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
            first_day: crate::activity::day_of(at),
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

pub(crate) fn adoption_curve_of(facts: &Facts, scope: &Scope, all: &[Adopter]) -> AdoptionCurve {
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
