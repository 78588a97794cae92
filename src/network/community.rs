//! Communities: Leiden (Traag, Waltman & van Eck 2019) on modularity, or
//! Louvain (`leiden/`), seeded so the same network always gives the same
//! communities; and modularity itself, written here so the figure can be
//! checked against NetworkX on any partition.

use super::Graph;
use super::leiden::{leiden, louvain};

/// A partition of the nodes into communities.
#[derive(Debug, Clone, PartialEq)]
pub struct Communities {
    /// Each node's community: 0 is the largest; ties by the smallest member.
    pub labels: Vec<u32>,
    /// Members per community, largest first.
    pub sizes: Vec<usize>,
    /// Newman's modularity of the partition (resolution 1, weighted).
    pub modularity: f64,
}

impl Communities {
    /// Communities of at least two members (people with no tie each form
    /// their own and are not counted).
    pub fn groups(&self) -> usize {
        self.sizes.iter().filter(|&&s| s > 1).count()
    }
}

/// How communities are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Leiden: every community well connected (the default).
    #[default]
    Leiden,
    /// Louvain: the same moves without Leiden's refinement, as Gephi and
    /// networkit's PLM find them.
    Louvain,
}

impl Method {
    /// `leiden` or `louvain`, in any case.
    pub fn parse(s: &str) -> Option<Method> {
        match s.trim().to_ascii_lowercase().as_str() {
            "leiden" => Some(Method::Leiden),
            "louvain" => Some(Method::Louvain),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Method::Leiden => "Leiden",
            Method::Louvain => "Louvain",
        }
    }
}

/// The communities of `g` by Leiden, its ties taken both ways (a directed
/// graph is first made undirected, the weights of both directions summed).
pub fn communities(g: &Graph, seed: u64) -> Communities {
    communities_by(g, seed, Method::Leiden)
}

/// [`communities`] by the given method.
pub fn communities_by(g: &Graph, seed: u64, method: Method) -> Communities {
    let g = g.undirected();
    let n = g.len();
    if g.ties() == 0 {
        return relabel((0..n as u32).collect(), 0.0);
    }
    // Ties of no weight (or a negative one) play no part in communities.
    let (offsets, targets, weights) = g.parts();
    let find = match method {
        Method::Leiden => leiden,
        Method::Louvain => louvain,
    };
    let (labels, q) = find(offsets, targets, weights, seed);
    relabel(labels, q)
}

/// Numbers communities by size (largest first, ties by smallest member).
fn relabel(raw: Vec<u32>, modularity: f64) -> Communities {
    let k = raw.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut size = vec![0usize; k];
    let mut first = vec![usize::MAX; k];
    for (node, c) in raw.iter().enumerate() {
        let c = *c as usize;
        size[c] += 1;
        first[c] = first[c].min(node);
    }
    let mut order: Vec<usize> = (0..k).filter(|&c| size[c] > 0).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(size[c]), first[c]));
    let mut new = vec![0u32; k];
    for (i, &c) in order.iter().enumerate() {
        new[c] = i as u32;
    }
    let labels: Vec<u32> = raw.iter().map(|&c| new[c as usize]).collect();
    let sizes = order.iter().map(|&c| size[c]).collect();
    Communities { labels, sizes, modularity }
}

/// Newman's modularity of a partition of `g`'s nodes, weighted, resolution 1,
/// ties taken both ways: Σ_c [ w_in(c) / m − (d(c) / 2m)² ], as NetworkX's
/// `community.modularity(G, communities, weight="weight")` on the undirected graph.
pub fn modularity(g: &Graph, labels: &[u32]) -> f64 {
    let g = g.undirected();
    let k = labels.iter().copied().max().map_or(0, |m| m as usize + 1);
    let mut inside = vec![0.0; k];
    let mut degree = vec![0.0; k];
    let mut two_m = 0.0;
    for u in 0..g.len() {
        let (targets, weights) = g.out(u);
        let cu = labels[u] as usize;
        for (&v, &w) in targets.iter().zip(weights) {
            two_m += w;
            degree[cu] += w;
            if labels[v as usize] as usize == cu {
                inside[cu] += w;
            }
        }
    }
    if two_m == 0.0 {
        return 0.0;
    }
    (0..k).map(|c| inside[c] / two_m - (degree[c] / two_m).powi(2)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_triangles_joined_by_one_tie_are_two_communities() {
        let edges = [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0), (2, 3, 1.0)];
        let g = Graph::new(7, true, &edges);
        let c = communities(&g, 1);
        assert_eq!(c.labels[..6], [0, 0, 0, 1, 1, 1]);
        assert_eq!(c.labels[6], 2, "the isolate is alone");
        assert_eq!((c.sizes.clone(), c.groups()), (vec![3, 3, 1], 2));
        // NetworkX: modularity(G, [{0,1,2},{3,4,5},{6}]) = 5/14
        assert!((c.modularity - 5.0 / 14.0).abs() < 1e-12, "{}", c.modularity);
        assert_eq!(communities(&g, 1), c, "the same seed, the same communities");
        assert_eq!(modularity(&g, &[0; 7]), 0.0, "one community holding everything");
    }

    #[test]
    fn a_network_without_ties_has_no_groups() {
        let c = communities(&Graph::new(3, true, &[]), 1);
        assert_eq!((c.groups(), c.modularity), (0, 0.0));
    }
}
