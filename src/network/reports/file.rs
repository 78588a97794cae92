//! `chorus network export`: the network as GEXF (static, or dynamic with a
//! snapshot per quarter or month) or GraphML, measures as attributes. People
//! are "Person 12" unless names are asked for, and the not-yet-engaged label
//! never leaves: a file that says who does not take part can hurt them.

use chrono::NaiveDate;

use super::snapshots::{Every, Taken};
use crate::activity::measures::Filter;
use crate::network::GraphOptions;
use crate::network::interop::{self, Edge, Kind, Node, Out, Value};
use crate::segments::{Labelled, Segment};

/// GEXF or GraphML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Gexf,
    GraphMl,
}

/// What to export.
#[derive(Debug, Clone)]
pub struct NetworkExport {
    pub filter: Filter,
    pub options: GraphOptions,
    pub format: Format,
    /// Put people's names in the labels (otherwise "Person 12").
    pub names: bool,
    /// A dynamic file with one snapshot per period (GEXF only).
    pub snapshots: Option<(Every, usize)>,
}

const ATTRIBUTES: [(&str, Kind); 8] = [
    ("department", Kind::Text),
    ("location", Kind::Text),
    ("community", Kind::Integer),
    ("pagerank", Kind::Double),
    ("betweenness", Kind::Double),
    ("in_degree", Kind::Integer),
    ("out_degree", Kind::Integer),
    ("segments", Kind::Text),
];

/// The file's text, and a description for the export log. `taken` holds
/// the snapshots (one for a static file), oldest first; `labels` the last
/// one's segments per node (`segments::label_all`).
pub fn network_file(req: &NetworkExport, taken: &[Taken], labels: &[Labelled], today: NaiveDate) -> (String, String) {
    let dynamic = taken.len() > 1 || req.snapshots.is_some() && req.format == Format::Gexf;
    let last = taken.last().expect("one snapshot at least");
    let facts = &last.built.facts;
    let mut index = std::collections::HashMap::new();
    let mut nodes: Vec<Node> = Vec::with_capacity(last.built.nodes.len());
    for (i, &s) in last.built.nodes.iter().enumerate() {
        let sub = &facts.subjects[s as usize];
        let (id, label) = match (sub.person_id, sub.account_id) {
            (Some(p), _) => (format!("p{p}"), if req.names { sub.name.clone() } else { format!("Person {p}") }),
            (None, Some(a)) => (format!("a{a}"), if req.names { sub.name.clone() } else { format!("Account {a}") }),
            _ => (format!("n{s}"), format!("Node {s}")),
        };
        let mut values = Vec::new();
        if let Some(d) = sub.department {
            values.push((0, Value::Text(facts.departments[d as usize].clone()), None));
        }
        if let Some(l) = sub.location {
            values.push((1, Value::Text(facts.locations[l as usize].clone()), None));
        }
        // Segments, the not-yet-engaged label left out.
        let segs: Vec<&str> =
            labels[i].labels.iter().filter(|l| l.segment != Segment::NotYetEngaged).map(|l| l.segment.key()).collect();
        values.push((7, Value::Text(segs.join(";")), None));
        index.insert(s, nodes.len());
        nodes.push(Node { id, label, values, spells: Vec::new() });
    }
    let mut edges: Vec<Edge> = Vec::new();
    let mut edge_of: std::collections::HashMap<(usize, usize), usize> = Default::default();
    for t in taken {
        let spell = dynamic.then(|| (t.from.to_string(), t.to.to_string()));
        let mut in_d = vec![0i64; t.built.nodes.len()];
        for (_, v, _) in t.built.graph.arcs() {
            in_d[v as usize] += 1;
        }
        for (i, &s) in t.built.nodes.iter().enumerate() {
            let Some(&n) = index.get(&s) else { continue };
            let node = &mut nodes[n];
            node.values.push((2, Value::Integer(i64::from(t.measures.communities.labels[i])), spell.clone()));
            node.values.push((3, Value::Double(t.measures.pagerank[i]), spell.clone()));
            node.values.push((4, Value::Double(t.measures.betweenness[i]), spell.clone()));
            node.values.push((5, Value::Integer(in_d[i]), spell.clone()));
            node.values.push((6, Value::Integer(t.built.graph.out(i).0.len() as i64), spell.clone()));
            if let Some(sp) = &spell {
                node.spells.push(sp.clone());
            }
        }
        for (u, v, w) in t.built.graph.arcs() {
            let (Some(&a), Some(&b)) = (index.get(&t.built.nodes[u as usize]), index.get(&t.built.nodes[v as usize]))
            else {
                continue;
            };
            let e = *edge_of.entry((a, b)).or_insert_with(|| {
                edges.push(Edge { source: a, target: b, weights: Vec::new() });
                edges.len() - 1
            });
            edges[e].weights.push((w, spell.clone()));
        }
    }
    // A node's spells: one span from its first to its last snapshot.
    if dynamic {
        for n in &mut nodes {
            if let (Some(first), Some(last)) = (n.spells.first().cloned(), n.spells.last().cloned()) {
                n.spells = vec![(first.0, last.1)];
            }
        }
    }
    let first = taken.first().expect("one snapshot").from;
    let description = format!(
        "Interaction network from {first} to {}{}; measures as in the Chorus README (PageRank damping 0.85, betweenness normalised, Leiden communities)",
        last.to,
        if dynamic { format!(", {} snapshots", taken.len()) } else { String::new() }
    );
    let out = Out {
        directed: true,
        description: description.clone(),
        date: today.to_string(),
        attributes: ATTRIBUTES.iter().map(|(k, t)| ((*k).to_owned(), *t)).collect(),
        nodes,
        edges,
    };
    let text = match req.format {
        Format::Gexf => interop::gexf(&out),
        Format::GraphMl => interop::graphml(&out),
    };
    let what = format!(
        "network {} ({} people and accounts, {} ties{}), {}",
        if req.format == Format::Gexf { "GEXF" } else { "GraphML" },
        out.nodes.len(),
        out.edges.len(),
        if req.names { ", names" } else { ", no names" },
        description
    );
    (text, what)
}
