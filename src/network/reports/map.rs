//! What the network map draws, from a built graph: no names, communities
//! under the privacy threshold in grey, each community named by the
//! department most of it works in. Champions' coverage, drawn by the same
//! family of charts, is filled in by `champions::fill_chart`.

use super::view::iterations;
use crate::charts::{MapNode, NetworkChart};
use crate::network::{self as net, Built, SEED, pagerank_of};

/// Communities shown in colour on the map (the palette's first seven).
const SHOWN: usize = 7;
/// Ties drawn on the map, the strongest first.
const MAX_EDGES: usize = 12_000;

/// The map of the graph; groups under `min_group` people are not shown in colour.
pub fn map(b: &Built, min_group: u32) -> NetworkChart {
    let min_group = min_group as usize;
    // The map needs PageRank (dot sizes) and communities (colours), not
    // betweenness.
    let pagerank = pagerank_of(&b.graph);
    let c = net::communities(&b.graph, SEED);
    let u = b.graph.undirected();
    let tied: Vec<usize> = (0..b.nodes.len()).filter(|&i| !u.out(i).0.is_empty()).collect();
    let reduced = net::strongest(&b.graph, 2);
    let iterations = iterations(tied.len());
    let pos = net::positions(&reduced, &c.labels, &c.sizes, iterations);
    // Communities large enough to show, named by their main department.
    let mut groups: Vec<(String, u32)> = Vec::new();
    let mut shown = vec![None; c.sizes.len()];
    for (id, &size) in c.sizes.iter().enumerate() {
        if size < min_group.max(2) || groups.len() >= SHOWN {
            continue;
        }
        let mut depts: std::collections::HashMap<u32, usize> = Default::default();
        for (i, &l) in c.labels.iter().enumerate() {
            if l as usize == id
                && let Some(d) = b.facts.subjects[b.nodes[i] as usize].department
            {
                *depts.entry(d).or_default() += 1;
            }
        }
        let main = depts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(d, n)| (*d, *n));
        let mut label = match main {
            Some((d, n)) if n * 2 > size => format!("mostly {}", b.facts.departments[d as usize]),
            Some((d, _)) => format!("led by {}", b.facts.departments[d as usize]),
            None => "mixed".into(),
        };
        let same = groups.iter().filter(|g| g.0.starts_with(&label)).count();
        if same > 0 {
            label = format!("{label} ({})", same + 1);
        }
        shown[id] = Some(groups.len() as u16);
        groups.push((label, size as u32));
    }
    let mut index = vec![u32::MAX; b.nodes.len()];
    let max_pr = tied.iter().map(|&i| pagerank[i]).fold(1e-12, f64::max);
    let nodes: Vec<MapNode> = tied
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            index[i] = k as u32;
            MapNode {
                x: pos[i].0,
                y: pos[i].1,
                r: (pagerank[i] / max_pr).sqrt() as f32,
                group: shown[c.labels[i] as usize],
            }
        })
        .collect();
    let mut ties: Vec<(u32, u32, f64)> = reduced.arcs().filter(|a| a.0 < a.1).collect();
    ties.sort_by(|a, b| b.2.total_cmp(&a.2));
    let edges = ties
        .iter()
        .take(MAX_EDGES)
        .filter_map(|&(a, c, _)| {
            let (x, y) = (index[a as usize], index[c as usize]);
            (x != u32::MAX && y != u32::MAX).then_some((x, y))
        })
        .collect();
    let (people, connected) = (b.nodes.len() as u32, tied.len() as u32);
    NetworkChart {
        people,
        connected,
        nodes,
        edges,
        groups,
        communities: c.sizes.iter().filter(|&&s| s >= min_group.max(2)).count() as u32,
        modularity: c.modularity,
        champions: 0,
        directory: 0,
        within_one: 0,
        within_two: 0,
        coverage: Vec::new(),
    }
}
