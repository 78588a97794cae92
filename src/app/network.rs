//! The interaction network of a period: who replied to, reacted to,
//! mentioned or shared whom, as a directed weighted graph over every person
//! of the directory and every counted account (isolates included), and its
//! measures per person.

use chrono::NaiveDate;
use serde::Serialize;

use crate::Result;
use crate::activity::measures::{self, Filter, Period};
use crate::directory::query::ListQuery;
use crate::network::{Graph, betweenness_from, pagerank, sample_sources};
use crate::store::Db;

/// Above this many people betweenness is estimated from sampled sources.
pub const EXACT_BETWEENNESS_UP_TO: usize = 5_000;
/// Sources sampled above that size.
pub const SAMPLED_SOURCES: usize = 256;

/// One person (or account) of the network with its measures.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkPerson {
    pub name: String,
    pub email: Option<String>,
    pub person_id: Option<i64>,
    pub account_id: Option<i64>,
    pub department: Option<String>,
    pub pagerank: f64,
    pub betweenness: f64,
    /// Interactions received, given (weighted by count), and distinct people on each side.
    pub weighted_in: f64,
    pub weighted_out: f64,
    pub in_degree: u32,
    pub out_degree: u32,
    /// The person's community (not computed yet: `null`).
    pub community: Option<u32>,
}

/// The network of a period and its measures.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkReport {
    pub period: Period,
    pub tool: Option<String>,
    pub nodes: usize,
    pub ties: usize,
    pub interactions: u64,
    /// How betweenness was computed: "exact", or "sampled from N sources".
    pub betweenness: String,
    /// Highest PageRank first.
    pub people: Vec<NetworkPerson>,
}

/// The network of the filter's period, tool and part of the organisation.
pub fn network(db: &Db, filter: &Filter, today: NaiveDate) -> Result<NetworkReport> {
    let facts = db.facts()?;
    let scope = measures::scope(&facts, filter, today)?;
    let tool = scope.tool.map(|t| facts.tools[t as usize].name.clone());
    let tool_id = match &tool {
        Some(name) => db.tool_id(name)?,
        None => None,
    };
    let (from, to) = (i64::from(scope.from) * 86_400, i64::from(scope.to + 1) * 86_400 - 1);
    // Nodes: the scope's population, in subject order.
    let nodes: Vec<u32> = (0..facts.subjects.len() as u32).filter(|&s| scope.member[s as usize]).collect();
    let mut index = vec![u32::MAX; facts.subjects.len()];
    for (i, &s) in nodes.iter().enumerate() {
        index[s as usize] = i as u32;
    }
    let mut edges = Vec::new();
    let mut interactions = 0u64;
    for it in db.interactions(from, to, tool_id)? {
        let (Some(a), Some(b)) = (facts.subject_of_actor(it.from), facts.subject_of_actor(it.to)) else { continue };
        let (a, b) = (index[a as usize], index[b as usize]);
        if a == u32::MAX || b == u32::MAX || a == b {
            continue;
        }
        interactions += u64::from(it.count);
        edges.push((a, b, f64::from(it.count)));
    }
    let graph = Graph::new(nodes.len(), true, &edges);
    let pr = pagerank(&graph, 0.85, 1e-10, 1000);
    let (sources, how) = if nodes.len() <= EXACT_BETWEENNESS_UP_TO {
        ((0..nodes.len() as u32).collect::<Vec<_>>(), "exact".to_owned())
    } else {
        (sample_sources(nodes.len(), SAMPLED_SOURCES, 7), format!("sampled from {SAMPLED_SOURCES} sources"))
    };
    let bc = betweenness_from(&graph, &sources);
    let mut in_w = vec![0.0; nodes.len()];
    let mut in_d = vec![0u32; nodes.len()];
    for u in 0..nodes.len() {
        let (targets, weights) = graph.out(u);
        for (&v, &w) in targets.iter().zip(weights) {
            in_w[v as usize] += w;
            in_d[v as usize] += 1;
        }
    }
    let emails: std::collections::HashMap<i64, Option<String>> = db
        .list_people(&ListQuery { limit: None, ..ListQuery::default() })?
        .items
        .into_iter()
        .map(|p| (p.id, p.email))
        .collect();
    let mut people: Vec<NetworkPerson> = nodes
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let subject = &facts.subjects[s as usize];
            let (targets, weights) = graph.out(i);
            NetworkPerson {
                name: subject.name.clone(),
                email: subject.person_id.and_then(|p| emails.get(&p).cloned().flatten()),
                person_id: subject.person_id,
                account_id: subject.account_id,
                department: subject.department.map(|d| facts.departments[d as usize].clone()),
                pagerank: pr.scores[i],
                betweenness: bc[i],
                weighted_in: in_w[i],
                weighted_out: weights.iter().sum(),
                in_degree: in_d[i],
                out_degree: targets.len() as u32,
                community: None,
            }
        })
        .collect();
    people.sort_by(|a, b| b.pagerank.total_cmp(&a.pagerank).then_with(|| a.name.cmp(&b.name)));
    Ok(NetworkReport {
        period: scope.period(),
        tool,
        nodes: nodes.len(),
        ties: graph.ties(),
        interactions,
        betweenness: how,
        people,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_network_counts_everyone_and_ranks_the_keenest() {
        let mut db = Db::open_in_memory().unwrap();
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let opts = crate::demo::DemoOptions { people: 200, seed: 3, as_of, activity: true };
        crate::app::demo::load_demo(&mut db, opts, "2026-11-01T09:00:00Z".parse().unwrap()).unwrap();
        let r = network(&db, &Filter { days: Some(365), ..Filter::default() }, as_of).unwrap();
        let d =
            measures::dashboard(&db.facts().unwrap(), &Filter { days: Some(365), ..Filter::default() }, as_of).unwrap();
        assert_eq!(r.nodes as u32, d.population, "the directory's population, isolates included");
        assert!(r.ties > 0 && r.interactions >= r.ties as u64);
        let sum: f64 = r.people.iter().map(|p| p.pagerank).sum();
        assert!((sum - 1.0).abs() < 1e-9, "PageRank sums to one: {sum}");
        assert!(r.people.windows(2).all(|w| w[0].pagerank >= w[1].pagerank), "highest first");
        let top = &r.people[0];
        assert!(top.in_degree > 0 && top.email.is_some(), "{top:?}");
        assert_eq!(r.betweenness, "exact");
        let isolated = r.people.iter().filter(|p| p.in_degree == 0 && p.out_degree == 0).count();
        assert!(isolated > 0, "people who never interacted are still there");
    }
}
