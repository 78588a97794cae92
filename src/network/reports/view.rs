//! What the Network view shows: every person with their community,
//! department, segments and measures, placed once by the core; the
//! strongest ties of each (the whole graph would not fit a screen or a
//! browser's memory at 20,000 people); the department matrix; and the
//! quarters the snapshot slider moves through.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::snapshots::{Every, periods};
use crate::activity::date_of_day;
use crate::activity::measures::{Filter, Period};
use crate::network::{self as net, Built, GraphOptions, Measures, pagerank_of};
use crate::segments::{Labelled, Segment};

/// How many ties per person the view draws unless asked: three, one above
/// 10,000 people (a screen holds no more, and software WebGL draws each).
pub fn ties_per_person(asked: Option<usize>, people: usize) -> usize {
    asked.unwrap_or(if people > 10_000 { 1 } else { 3 }).max(1)
}

/// What the view asks for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ViewRequest {
    pub filter: Filter,
    #[serde(default)]
    pub options: GraphOptions,
    /// Ties drawn per person (default: 3, or 1 above 10,000 people).
    #[serde(default)]
    pub ties_per_person: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ViewNode {
    pub person_id: Option<i64>,
    pub account_id: Option<i64>,
    pub name: String,
    pub department: Option<u32>,
    pub community: Option<u32>,
    pub segments: Vec<Segment>,
    pub pagerank: f64,
    pub betweenness: f64,
    /// Distinct people tied to them, both directions.
    pub degree: u32,
    pub x: f32,
    pub y: f32,
}

/// A snapshot the slider can show.
#[derive(Debug, Clone, Serialize)]
pub struct ViewPeriod {
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Serialize)]
pub struct NetworkView {
    pub period: Period,
    pub nodes: Vec<ViewNode>,
    /// Drawn ties: (node, node, weight), each once.
    pub edges: Vec<(u32, u32, f32)>,
    /// All ties of the period, and those drawn.
    pub ties: usize,
    pub departments: Vec<String>,
    /// `matrix[a][b]`: weight of ties from department a to b.
    pub matrix: Vec<Vec<f64>>,
    pub communities: usize,
    pub modularity: f64,
    pub betweenness: String,
    pub quarters: Vec<ViewPeriod>,
    /// Milliseconds the core spent, and on the layout alone.
    pub compute_ms: u64,
    pub layout_ms: u64,
}

/// Layout iterations: more for small networks; large ones start from their
/// communities already apart, and must paint in under two seconds.
pub fn iterations(n: usize) -> usize {
    match n {
        0..=2_000 => 200,
        2_001..=10_000 => 60,
        _ => 15,
    }
}

/// The view of the request's period: `labels` are each node's segments
/// (`segments::label_all`).
pub fn view(b: &Built, m: &Measures, labels: &[Labelled], ties_per: Option<usize>) -> NetworkView {
    let t0 = std::time::Instant::now();
    let period = b.scope.period();
    let reduced = net::strongest(&b.graph, ties_per_person(ties_per, b.nodes.len()));
    let t1 = std::time::Instant::now();
    let tied = (0..reduced.len()).filter(|&u| !reduced.out(u).0.is_empty()).count();
    let pos = net::positions(&reduced, &m.communities.labels, &m.communities.sizes, iterations(tied));
    let layout_ms = t1.elapsed().as_millis() as u64;
    let full = b.graph.undirected();
    let nodes = b
        .nodes
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let sub = &b.facts.subjects[s as usize];
            let segs: Vec<Segment> = labels[i].segments();
            let degree = full.out(i).0.len() as u32;
            ViewNode {
                person_id: sub.person_id,
                account_id: sub.account_id,
                name: sub.name.clone(),
                department: sub.department,
                community: (degree > 0).then_some(m.communities.labels[i]),
                segments: segs,
                pagerank: m.pagerank[i],
                betweenness: m.betweenness[i],
                degree,
                x: pos[i].0,
                y: pos[i].1,
            }
        })
        .collect();
    let edges = reduced.arcs().filter(|a| a.0 < a.1).map(|(a, b, w)| (a, b, w as f32)).collect();
    let k = b.facts.departments.len();
    let group = b.departments();
    let full_matrix = net::matrix(&b.graph, &group, k);
    let quarters = periods(date_of_day(b.scope.to), Every::Quarter, 4)
        .into_iter()
        .filter(|(_, from, _)| {
            *from <= date_of_day(b.scope.to) && *from >= date_of_day(b.scope.from) - chrono::Days::new(92)
        })
        .map(|(label, from, to)| ViewPeriod { label, from, to })
        .collect();
    NetworkView {
        period,
        nodes,
        edges,
        ties: b.graph.ties(),
        departments: b.facts.departments.clone(),
        matrix: full_matrix,
        communities: m.communities.groups(),
        modularity: m.communities.modularity,
        betweenness: m.betweenness_how.clone(),
        quarters,
        compute_ms: t0.elapsed().as_millis() as u64,
        layout_ms,
    }
}

/// A person's own ties in the period (all of them, not only the drawn ones):
/// (node index in the view, weight both ways), strongest first.
pub fn ego(b: &Built, node: usize) -> Result<Vec<(u32, f64)>, String> {
    if node >= b.nodes.len() {
        return Err(format!("no node {node} in this network of {}", b.nodes.len()));
    }
    let u = b.graph.undirected();
    let (t, w) = u.out(node);
    let mut out: Vec<(u32, f64)> = t.iter().copied().zip(w.iter().copied()).collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(out)
}

/// Node sizes and drawn ties of one snapshot, over the view's nodes (the
/// same population, so positions stay): (pagerank per node, ties).
#[derive(Debug, Clone, Serialize)]
pub struct SnapshotView {
    pub label: String,
    pub pagerank: Vec<f64>,
    pub edges: Vec<(u32, u32, f32)>,
    pub ties: usize,
}

/// The view's population (`base`) seen over another period (`b`, built
/// for `from` to `to`).
pub fn snapshot_view(base: &Built, b: &Built, ties_per: Option<usize>, from: NaiveDate, to: NaiveDate) -> SnapshotView {
    // Same people in both (the population does not depend on the period), but map by subject to be sure.
    let index: HashMap<u32, u32> = base.nodes.iter().enumerate().map(|(i, &s)| (s, i as u32)).collect();
    let pr = pagerank_of(&b.graph);
    let mut pagerank = vec![0.0; base.nodes.len()];
    for (i, &s) in b.nodes.iter().enumerate() {
        if let Some(&j) = index.get(&s) {
            pagerank[j as usize] = pr[i];
        }
    }
    let reduced = net::strongest(&b.graph, ties_per_person(ties_per, base.nodes.len()));
    let edges = reduced
        .arcs()
        .filter(|a| a.0 < a.1)
        .filter_map(|(a, c, w)| Some((*index.get(&b.nodes[a as usize])?, *index.get(&b.nodes[c as usize])?, w as f32)))
        .collect();
    SnapshotView { label: format!("{from} to {to}"), pagerank, edges, ties: b.graph.ties() }
}
