//! The network per quarter (or month), compared side by side: who rose,
//! which departments opened up, which communities merged.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::network::{self as net, Built, Measures};

/// How long each snapshot is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Every {
    Month,
    Quarter,
}

impl Every {
    pub fn parse(s: &str) -> Option<Every> {
        match s.trim().to_ascii_lowercase().as_str() {
            "month" | "monthly" | "months" => Some(Every::Month),
            "quarter" | "quarterly" | "quarters" => Some(Every::Quarter),
            _ => None,
        }
    }
}

/// The last `count` calendar months or quarters up to `end` (the last one
/// ends at `end`), oldest first: (label, first day, last day).
pub fn periods(end: NaiveDate, every: Every, count: usize) -> Vec<(String, NaiveDate, NaiveDate)> {
    let months = if every == Every::Month { 1 } else { 3 };
    let index = end.year() * 12 + end.month0() as i32;
    let first = index - index.rem_euclid(months);
    let mut out = Vec::new();
    for k in (0..count as i32).rev() {
        let start = first - k * months;
        let from = NaiveDate::from_ymd_opt(start.div_euclid(12), start.rem_euclid(12) as u32 + 1, 1).expect("a month");
        let next = start + months;
        let after = NaiveDate::from_ymd_opt(next.div_euclid(12), next.rem_euclid(12) as u32 + 1, 1).expect("a month");
        let to = (after - chrono::Days::new(1)).min(end);
        let label = match every {
            Every::Month => from.format("%Y-%m").to_string(),
            Every::Quarter => format!("{} Q{}", from.year(), from.month0() / 3 + 1),
        };
        out.push((label, from, to));
    }
    out
}

/// One snapshot's figures.
#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub ties: usize,
    pub interactions: u64,
    pub communities: usize,
    pub modularity: f64,
    /// People with at least one tie.
    pub connected: usize,
    /// Each department's E-I index.
    pub departments: Vec<(String, Option<f64>)>,
}

/// Someone whose PageRank rank rose between the last two snapshots.
#[derive(Debug, Clone, Serialize)]
pub struct Riser {
    pub name: String,
    pub department: Option<String>,
    /// Rank among people with ties (1 = highest); `None`: no tie before.
    pub before: Option<u32>,
    pub after: u32,
}

/// A department whose E-I index rose by a tenth or more.
#[derive(Debug, Clone, Serialize)]
pub struct Opened {
    pub department: String,
    pub before: f64,
    pub after: f64,
}

/// A community of the last snapshot drawn from several of the one before.
#[derive(Debug, Clone, Serialize)]
pub struct Merged {
    pub community: u32,
    pub size: usize,
    pub central: String,
    /// Earlier communities (by their most central person) and how many members each gave.
    pub from: Vec<(String, usize)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SnapshotsReport {
    pub every: Every,
    pub snapshots: Vec<Snapshot>,
    pub risers: Vec<Riser>,
    pub opened: Vec<Opened>,
    pub merged: Vec<Merged>,
}

/// A snapshot's graph and measures, kept for comparing and exporting.
#[derive(Debug)]
pub struct Taken {
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub built: Built,
    pub measures: Measures,
}

impl Taken {
    /// Rank by PageRank among nodes with ties, by subject.
    fn ranks(&self) -> HashMap<u32, u32> {
        let g = &self.built.graph;
        let mut tied = vec![false; g.len()];
        for (u, v, _) in g.arcs() {
            tied[u as usize] = true;
            tied[v as usize] = true;
        }
        let mut order: Vec<usize> = (0..g.len()).filter(|&i| tied[i]).collect();
        order.sort_by(|&a, &b| self.measures.pagerank[b].total_cmp(&self.measures.pagerank[a]).then(a.cmp(&b)));
        order.iter().enumerate().map(|(r, &i)| (self.built.nodes[i], r as u32 + 1)).collect()
    }

    /// Each community's most central member's name.
    fn central(&self) -> Vec<String> {
        let c = &self.measures.communities;
        let mut best: Vec<Option<usize>> = vec![None; c.sizes.len()];
        for (i, &l) in c.labels.iter().enumerate() {
            let b = &mut best[l as usize];
            if b.is_none_or(|j| self.measures.pagerank[i] > self.measures.pagerank[j]) {
                *b = Some(i);
            }
        }
        best.iter()
            .map(|b| {
                b.map(|i| self.built.facts.subjects[self.built.nodes[i] as usize].name.clone()).unwrap_or_default()
            })
            .collect()
    }
}

/// The network per period, compared.
/// The network per period, compared: `taken` holds two periods or more,
/// oldest first.
pub fn snapshots(taken: &[Taken], every: Every) -> SnapshotsReport {
    assert!(taken.len() >= 2, "snapshots compare two periods or more");
    let snapshots = taken
        .iter()
        .map(|t| {
            let b = &t.built;
            let borders = net::borders(&b.graph, &b.departments(), b.facts.departments.len());
            let connected = {
                let g = b.graph.undirected();
                (0..g.len()).filter(|&u| !g.out(u).0.is_empty()).count()
            };
            Snapshot {
                label: t.label.clone(),
                from: t.from,
                to: t.to,
                ties: b.graph.ties(),
                interactions: b.interactions,
                communities: t.measures.communities.groups(),
                modularity: t.measures.communities.modularity,
                connected,
                departments: b.facts.departments.iter().cloned().zip(borders.iter().map(|x| x.ei())).collect(),
            }
        })
        .collect::<Vec<_>>();
    let (prev, last) = (&taken[taken.len() - 2], &taken[taken.len() - 1]);
    let (before, after) = (prev.ranks(), last.ranks());
    let facts = &last.built.facts;
    let mut risers: Vec<Riser> = after
        .iter()
        .filter(|(_, r)| **r <= 25)
        .filter_map(|(&s, &r)| {
            let was = before.get(&s).copied();
            (was.is_none_or(|w| w > r + 4)).then(|| Riser {
                name: facts.subjects[s as usize].name.clone(),
                department: facts.subjects[s as usize].department.map(|d| facts.departments[d as usize].clone()),
                before: was,
                after: r,
            })
        })
        .collect();
    let gain = |r: &Riser| i64::from(r.before.unwrap_or(before.len() as u32 + 1)) - i64::from(r.after);
    risers.sort_by(|a, b| gain(b).cmp(&gain(a)).then_with(|| a.name.cmp(&b.name)));
    risers.truncate(10);
    let s = &snapshots;
    let opened = s[s.len() - 1]
        .departments
        .iter()
        .zip(&s[s.len() - 2].departments)
        .filter_map(|((name, after), (_, before))| {
            let (a, b) = ((*after)?, (*before)?);
            (a - b >= 0.1).then(|| Opened { department: name.clone(), before: b, after: a })
        })
        .collect();
    let merged = merges(prev, last);
    SnapshotsReport { every, snapshots, risers, opened, merged }
}

/// Communities of `last` at least a quarter of whose earlier members each
/// came from two or more communities of `prev`.
fn merges(prev: &Taken, last: &Taken) -> Vec<Merged> {
    let before: HashMap<u32, u32> = prev
        .built
        .nodes
        .iter()
        .zip(&prev.measures.communities.labels)
        .enumerate()
        .filter(|(i, _)| prev.measures.communities.sizes[prev.measures.communities.labels[*i] as usize] > 2)
        .map(|(_, (&s, &c))| (s, c))
        .collect();
    let names = (prev.central(), last.central());
    let c = &last.measures.communities;
    let mut out = Vec::new();
    for (id, &size) in c.sizes.iter().enumerate().filter(|(_, s)| **s > 2) {
        let mut from: HashMap<u32, usize> = HashMap::new();
        for (i, &l) in c.labels.iter().enumerate() {
            if l as usize == id
                && let Some(&p) = before.get(&last.built.nodes[i])
            {
                *from.entry(p).or_default() += 1;
            }
        }
        let known: usize = from.values().sum();
        let mut big: Vec<(u32, usize)> = from.into_iter().filter(|(_, n)| *n * 4 >= known && *n >= 2).collect();
        if big.len() >= 2 {
            big.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            out.push(Merged {
                community: id as u32,
                size,
                central: names.1[id].clone(),
                from: big.into_iter().map(|(p, n)| (names.0[p as usize].clone(), n)).collect(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_quarters_and_months_end_at_the_last_day() {
        let end = NaiveDate::from_ymd_opt(2026, 11, 15).unwrap();
        let q = periods(end, Every::Quarter, 3);
        assert_eq!(q.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(), ["2026 Q2", "2026 Q3", "2026 Q4"]);
        assert_eq!((q[0].1.to_string(), q[0].2.to_string()), ("2026-04-01".into(), "2026-06-30".into()));
        assert_eq!(q[2].2, end, "the current quarter stops at the data's end");
        let m = periods(NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(), Every::Month, 2);
        assert_eq!((m[0].0.as_str(), m[0].2.to_string()), ("2025-12", "2025-12-31".into()));
    }
}
