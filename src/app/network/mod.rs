//! The interaction network of a period: who replied to, reacted to,
//! mentioned or shared whom, as a directed weighted graph over every person
//! of the directory and every counted account (isolates included), and its
//! measures per person.

use chrono::NaiveDate;
use serde::Serialize;

use crate::Result;
use crate::activity::facts::Facts;
use crate::activity::measures::{self, Filter, Period, Scope};
use crate::directory::query::ListQuery;
use crate::network::{self as net, Graph};
use crate::store::Db;

mod chart;
pub mod export;
mod groups;
pub mod snapshots;
mod survey;
pub mod view;

pub use chart::chart_data;
pub use groups::{
    Broker, BrokersReport, CommunitiesReport, Community, DepartmentBorder, SilosReport, brokers, communities, silos,
};
pub use survey::{SurveyReport, import_survey};

/// Above this many people betweenness is estimated from sampled sources.
pub const EXACT_BETWEENNESS_UP_TO: usize = 5_000;
/// Sources sampled above that size.
pub const SAMPLED_SOURCES: usize = 256;
/// The seed of sampled betweenness and of the communities: the same data,
/// the same figures.
pub const SEED: u64 = 7;

/// How the graph is built beyond the filter's period, tool and population.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct GraphOptions {
    /// Interactions lose half their weight every this many days before the
    /// period's end (`None`: every interaction weighs one).
    pub half_life_days: Option<f64>,
    /// Which relationships make the graph (`None`: activity and survey).
    pub layers: Option<Layers>,
}

/// The layers of relationships a graph may combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Layers {
    /// Replies, reactions, mentions and shares on the tools.
    pub activity: bool,
    /// Who named whom in a survey ("who do you go to for advice?").
    pub survey: bool,
    /// The directory's reporting lines, both ways.
    pub reports_to: bool,
}

impl Default for Layers {
    fn default() -> Layers {
        Layers { activity: true, survey: true, reports_to: false }
    }
}

impl Layers {
    /// Parses "activity,survey,reports-to" (any of them, any order).
    pub fn parse(s: &str) -> std::result::Result<Layers, String> {
        let mut l = Layers { activity: false, survey: false, reports_to: false };
        for part in s.split(',').map(|p| p.trim().to_ascii_lowercase()) {
            match part.as_str() {
                "activity" => l.activity = true,
                "survey" => l.survey = true,
                "reports-to" | "reports_to" | "reportsto" | "managers" => l.reports_to = true,
                "" => {}
                other => return Err(format!("unknown layer '{other}': choose activity, survey, reports-to")),
            }
        }
        if l == (Layers { activity: false, survey: false, reports_to: false }) {
            return Err("choose at least one layer: activity, survey, reports-to".into());
        }
        Ok(l)
    }
}

/// The graph of a period: nodes are the scope's people and counted
/// accounts, in subject order.
#[derive(Debug)]
pub struct Built {
    pub facts: std::sync::Arc<Facts>,
    pub scope: Scope,
    pub tool: Option<String>,
    /// Each node's subject.
    pub nodes: Vec<u32>,
    pub graph: Graph,
    pub interactions: u64,
}

impl Built {
    /// Each node's department, as the group index `net::borders` wants.
    pub fn departments(&self) -> Vec<Option<u32>> {
        self.nodes.iter().map(|&s| self.facts.subjects[s as usize].department).collect()
    }
}

/// Builds the interaction graph of the filter's period, tool and population.
pub fn build(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<Built> {
    let facts = db.facts()?;
    let scope = measures::scope(&facts, filter, today)?;
    let tool = scope.tool.map(|t| facts.tools[t as usize].name.clone());
    let tool_id = match &tool {
        Some(name) => db.tool_id(name)?,
        None => None,
    };
    let nodes: Vec<u32> = (0..facts.subjects.len() as u32).filter(|&s| scope.member[s as usize]).collect();
    let mut index = vec![u32::MAX; facts.subjects.len()];
    for (i, &s) in nodes.iter().enumerate() {
        index[s as usize] = i as u32;
    }
    let layers = opts.layers.unwrap_or_default();
    let decay = opts.half_life_days.filter(|h| *h > 0.0).map(|h| std::f64::consts::LN_2 / h);
    let end = scope.to;
    let mut edges: Vec<(u32, u32, f64)> = Vec::new();
    let mut interactions = 0u64;
    let (first, last) = if layers.activity { (scope.from, scope.to) } else { (1, 0) };
    // Each counted account's node, by account id (ids are dense).
    let max_actor = facts.actor_subjects.last().map_or(0, |a| a.0.max(0) as usize);
    let mut actor_node = vec![u32::MAX; max_actor + 1];
    for &(a, s) in &facts.actor_subjects {
        if a >= 0 {
            actor_node[a as usize] = index[s as usize];
        }
    }
    let node = |id: i64| usize::try_from(id).ok().and_then(|i| actor_node.get(i).copied()).unwrap_or(u32::MAX);
    db.interactions(first, last, tool_id, |it| {
        let (a, b) = (node(it.from), node(it.to));
        if a == u32::MAX || b == u32::MAX || a == b {
            return;
        }
        interactions += u64::from(it.count);
        // A month's interactions are dated to its middle (or the period's end).
        let day = if it.month { (it.day + 14).min(end) } else { it.day };
        let w = f64::from(it.count) * decay.map_or(1.0, |l| (-l * f64::from(end - day)).exp());
        match edges.last_mut() {
            Some(last) if last.0 == a && last.1 == b => last.2 += w,
            _ => edges.push((a, b, w)),
        }
    })?;
    if layers.reports_to || layers.survey {
        let node_of_person: std::collections::HashMap<i64, u32> = nodes
            .iter()
            .enumerate()
            .filter_map(|(i, &s)| facts.subjects[s as usize].person_id.map(|p| (p, i as u32)))
            .collect();
        let pair = |a: i64, b: i64| Some((*node_of_person.get(&a)?, *node_of_person.get(&b)?));
        if layers.reports_to {
            for (person, manager) in db.reporting_lines()? {
                if let Some((a, b)) = pair(person, manager) {
                    edges.extend([(a, b, 1.0), (b, a, 1.0)]);
                }
            }
        }
        if layers.survey {
            for (from, to, weight) in db.survey_ties()? {
                if let Some((a, b)) = pair(from, to) {
                    edges.push((a, b, weight));
                }
            }
        }
    }
    let graph = Graph::new(nodes.len(), true, &edges);
    Ok(Built { facts, scope, tool, nodes, graph, interactions })
}

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
    pub harmonic: f64,
    pub clustering: f64,
    /// Interactions received, given (weighted), and distinct people on each side.
    pub weighted_in: f64,
    pub weighted_out: f64,
    pub in_degree: u32,
    pub out_degree: u32,
    /// Distinct people within two steps, ties taken both ways.
    pub reach2: u32,
    /// Share of the person's tie weight with other departments.
    pub cross_department: Option<f64>,
    /// The person's community (0 the largest); `null` for people without ties.
    pub community: Option<u32>,
}

/// The network of a period and its measures.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkReport {
    pub period: Period,
    pub tool: Option<String>,
    pub options: GraphOptions,
    pub nodes: usize,
    pub ties: usize,
    pub interactions: u64,
    /// How betweenness was computed: "exact", or "sampled from N sources".
    pub betweenness: String,
    /// Communities of at least two people, and their modularity.
    pub communities: usize,
    pub modularity: f64,
    /// Highest PageRank first.
    pub people: Vec<NetworkPerson>,
}

/// Every measure of every node of a built graph.
#[derive(Debug)]
pub struct Measures {
    pub pagerank: Vec<f64>,
    pub betweenness: Vec<f64>,
    pub harmonic: Vec<f64>,
    pub betweenness_how: String,
    pub communities: net::Communities,
}

/// PageRank as the README states it: damping 0.85, to 1e-10.
pub(crate) fn pagerank(g: &Graph) -> Vec<f64> {
    net::pagerank(g, 0.85, 1e-10, 1000).scores
}

pub fn measure(b: &Built) -> Measures {
    let n = b.nodes.len();
    let pagerank = pagerank(&b.graph);
    let sources = if n <= EXACT_BETWEENNESS_UP_TO {
        (0..n as u32).collect::<Vec<_>>()
    } else {
        net::sample_sources(n, SAMPLED_SOURCES, SEED)
    };
    let (betweenness, harmonic, error) = net::betweenness_sampled(&b.graph, &sources);
    let how = match error {
        None if sources.len() == n => "exact".to_owned(),
        None => format!("sampled from {SAMPLED_SOURCES} sources"),
        Some(e) => format!(
            "sampled from {SAMPLED_SOURCES} sources (standard error ±{:.0} % of the value for the 20 highest)",
            (e * 100.0).max(1.0)
        ),
    };
    Measures { pagerank, betweenness, harmonic, betweenness_how: how, communities: net::communities(&b.graph, SEED) }
}

/// The network of the filter's period, tool and part of the organisation.
pub fn network(db: &Db, filter: &Filter, today: NaiveDate, opts: GraphOptions) -> Result<NetworkReport> {
    let b = build(db, filter, today, opts)?;
    let m = measure(&b);
    let n = b.nodes.len();
    let clustering = net::clustering(b.graph.undirected());
    let reach2 = net::two_step_reach(&b.graph);
    let crossing = net::crossing(&b.graph, &b.departments());
    let mut in_w = vec![0.0; n];
    let mut in_d = vec![0u32; n];
    for (_, v, w) in b.graph.arcs() {
        in_w[v as usize] += w;
        in_d[v as usize] += 1;
    }
    let emails = emails(db)?;
    let mut people: Vec<NetworkPerson> = b
        .nodes
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let subject = &b.facts.subjects[s as usize];
            let (targets, weights) = b.graph.out(i);
            let tied = in_d[i] > 0 || !targets.is_empty();
            NetworkPerson {
                name: subject.name.clone(),
                email: subject.person_id.and_then(|p| emails.get(&p).cloned().flatten()),
                person_id: subject.person_id,
                account_id: subject.account_id,
                department: subject.department.map(|d| b.facts.departments[d as usize].clone()),
                pagerank: m.pagerank[i],
                betweenness: m.betweenness[i],
                harmonic: m.harmonic[i],
                clustering: clustering[i],
                weighted_in: in_w[i],
                weighted_out: weights.iter().sum(),
                in_degree: in_d[i],
                out_degree: targets.len() as u32,
                reach2: reach2[i],
                cross_department: crossing[i].map(|c| c.0),
                community: tied.then_some(m.communities.labels[i]),
            }
        })
        .collect();
    people.sort_by(|a, b| b.pagerank.total_cmp(&a.pagerank).then_with(|| a.name.cmp(&b.name)));
    Ok(NetworkReport {
        period: b.scope.period(),
        tool: b.tool,
        options: opts,
        nodes: n,
        ties: b.graph.ties(),
        interactions: b.interactions,
        betweenness: m.betweenness_how,
        communities: m.communities.groups(),
        modularity: m.communities.modularity,
        people,
    })
}

/// Each person's first email, by person id.
pub(crate) fn emails(db: &Db) -> Result<std::collections::HashMap<i64, Option<String>>> {
    Ok(db
        .list_people(&ListQuery { limit: None, ..ListQuery::default() })?
        .items
        .into_iter()
        .map(|p| (p.id, p.email))
        .collect())
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
        let r = network(&db, &Filter { days: Some(365), ..Filter::default() }, as_of, GraphOptions::default()).unwrap();
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
