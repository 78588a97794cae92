//! What the network says, report by report: every person's measures, the
//! communities, the brokers between departments and the inward-looking
//! departments, the Network view, snapshots over time, the GEXF/GraphML
//! file and the map the charts draw. Pure: each takes a built graph (and
//! what else the store holds, as plain values) and returns the report.

use std::collections::HashMap;

use serde::Serialize;

use super::{Built, GraphOptions, Measures};
use crate::activity::measures::Period;

pub mod file;
pub mod groups;
pub mod map;
pub mod snapshots;
pub mod view;

/// Each person's first e-mail, by person id.
pub type Emails = HashMap<i64, Option<String>>;

/// A person's e-mail from the map.
pub fn email_of(emails: &Emails, person: Option<i64>) -> Option<String> {
    person.and_then(|p| emails.get(&p).cloned().flatten())
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

/// The network of the filter's period, tool and part of the organisation.
pub fn network(b: &Built, m: &Measures, opts: GraphOptions, emails: &Emails) -> NetworkReport {
    let n = b.nodes.len();
    let clustering = super::clustering(b.graph.undirected());
    let reach2 = super::two_step_reach(&b.graph);
    let crossing = super::crossing(&b.graph, &b.departments());
    let mut in_w = vec![0.0; n];
    let mut in_d = vec![0u32; n];
    for (_, v, w) in b.graph.arcs() {
        in_w[v as usize] += w;
        in_d[v as usize] += 1;
    }
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
                email: email_of(emails, subject.person_id),
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
    NetworkReport {
        period: b.scope.period(),
        tool: b.tool.clone(),
        options: opts,
        nodes: n,
        ties: b.graph.ties(),
        interactions: b.interactions,
        betweenness: m.betweenness_how.clone(),
        communities: m.communities.groups(),
        modularity: m.communities.modularity,
        people,
    }
}

/// Every person of the graph with their labels (`segments::label_all`, one
/// per node); accounts not tied to a person are left out.
pub fn segmented(
    b: &Built,
    labels: Vec<crate::segments::Labelled>,
    emails: &Emails,
) -> Vec<crate::segments::Segmented> {
    labels
        .into_iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let s = b.subject(i);
            let pid = s.person_id?;
            Some(crate::segments::Segmented {
                person_id: pid,
                name: s.name.clone(),
                email: email_of(emails, Some(pid)),
                department: b.department_of(i),
                labels: l.labels,
                removed: l.removed,
            })
        })
        .collect()
}
