//! The network seen by groups (departments, locations): ties inside and
//! across, the E-I index, each person's share of ties to other groups, and
//! how far people are from a set of others (reach, coverage).

use std::collections::VecDeque;

use super::Graph;

/// Ties inside one group and across its border, by weight.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Border {
    pub internal: f64,
    pub external: f64,
}

impl Border {
    /// Krackhardt and Stern's E-I index: (external − internal) / all, from −1
    /// (every tie inside: a silo) to +1 (every tie outside); `None` without ties.
    pub fn ei(&self) -> Option<f64> {
        let all = self.internal + self.external;
        (all > 0.0).then(|| (self.external - self.internal) / all)
    }
}

/// Each group's border; `group[u]` is node u's group (`None`: outside every
/// group, and its ties are left out). A tie within a group counts once as
/// internal; a tie across counts as external for both groups.
pub fn borders(g: &Graph, group: &[Option<u32>], groups: usize) -> Vec<Border> {
    let mut out = vec![Border::default(); groups];
    for (u, v, w) in g.arcs() {
        if !g.directed() && u > v {
            continue;
        }
        let (Some(a), Some(b)) = (group[u as usize], group[v as usize]) else { continue };
        if a == b {
            out[a as usize].internal += w;
        } else {
            out[a as usize].external += w;
            out[b as usize].external += w;
        }
    }
    out
}

/// Weight of the ties from each group to each group: `m[a][b]`.
pub fn matrix(g: &Graph, group: &[Option<u32>], groups: usize) -> Vec<Vec<f64>> {
    let mut m = vec![vec![0.0; groups]; groups];
    for (u, v, w) in g.arcs() {
        if let (Some(a), Some(b)) = (group[u as usize], group[v as usize]) {
            m[a as usize][b as usize] += w;
        }
    }
    m
}

/// Each node's share of its tie weight (both directions) that reaches people
/// of another group, and the number of other groups it touches. `None` for
/// nodes without ties or without a group.
pub fn crossing(g: &Graph, group: &[Option<u32>]) -> Vec<Option<(f64, usize)>> {
    let g = g.undirected();
    let mut others: Vec<u32> = Vec::new();
    (0..g.len())
        .map(|u| {
            let mine = group[u]?;
            let (targets, weights) = g.out(u);
            let all: f64 = weights.iter().sum();
            if all == 0.0 {
                return None;
            }
            others.clear();
            let mut across = 0.0;
            for (&v, &w) in targets.iter().zip(weights) {
                if let Some(theirs) = group[v as usize]
                    && theirs != mine
                {
                    across += w;
                    others.push(theirs);
                }
            }
            others.sort_unstable();
            others.dedup();
            Some((across / all, others.len()))
        })
        .collect()
}

/// Each node's distance in hops from the nearest of `from`, ties taken both
/// ways, looked at up to `steps` hops (`u8::MAX` beyond).
pub fn distance_from(g: &Graph, from: &[u32], steps: u8) -> Vec<u8> {
    let g = g.undirected();
    let mut dist = vec![u8::MAX; g.len()];
    let mut queue = VecDeque::new();
    for &s in from {
        if dist[s as usize] != 0 {
            dist[s as usize] = 0;
            queue.push_back(s);
        }
    }
    while let Some(u) = queue.pop_front() {
        let d = dist[u as usize];
        if d >= steps {
            continue;
        }
        for &v in g.out(u as usize).0 {
            if dist[v as usize] == u8::MAX {
                dist[v as usize] = d + 1;
                queue.push_back(v);
            }
        }
    }
    dist
}

/// How many distinct people each node reaches within two hops (itself
/// excluded), ties taken both ways.
pub fn two_step_reach(g: &Graph) -> Vec<u32> {
    let g = g.undirected();
    let n = g.len();
    let mut seen = vec![u32::MAX; n];
    (0..n)
        .map(|u| {
            seen[u] = u as u32;
            let mut count = 0;
            for &v in g.out(u).0 {
                if seen[v as usize] != u as u32 {
                    seen[v as usize] = u as u32;
                    count += 1;
                }
                for &w in g.out(v as usize).0 {
                    if seen[w as usize] != u as u32 {
                        seen[w as usize] = u as u32;
                        count += 1;
                    }
                }
            }
            count
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Two departments: 0-1-2 (A) and 3-4 (B); 2 talks to 3.
    fn two() -> (Graph, Vec<Option<u32>>) {
        let g = Graph::new(6, true, &[(0, 1, 2.0), (1, 2, 1.0), (2, 3, 1.0), (3, 4, 3.0), (4, 3, 1.0)]);
        (g, vec![Some(0), Some(0), Some(0), Some(1), Some(1), None])
    }

    #[test]
    fn borders_and_the_ei_index() {
        let (g, group) = two();
        let b = borders(&g, &group, 2);
        assert_eq!(b[0], Border { internal: 3.0, external: 1.0 });
        assert_eq!(b[1], Border { internal: 4.0, external: 1.0 });
        assert_eq!(b[0].ei(), Some(-0.5));
        assert_eq!(Border::default().ei(), None);
        assert_eq!(matrix(&g, &group, 2), vec![vec![3.0, 1.0], vec![0.0, 4.0]]);
    }

    #[test]
    fn crossing_shares_and_distances() {
        let (g, group) = two();
        let c = crossing(&g, &group);
        assert_eq!(c[2], Some((0.5, 1)), "half of 2's ties go to B");
        assert_eq!(c[0], Some((0.0, 0)));
        assert_eq!(c[5], None, "no group, no ties");
        assert_eq!(distance_from(&g, &[0], 2), vec![0, 1, 2, u8::MAX, u8::MAX, u8::MAX]);
        assert_eq!(distance_from(&g, &[2, 2], 1)[..4], [u8::MAX, 1, 0, 1], "one step, a source named twice");
        assert_eq!(two_step_reach(&g), vec![2, 3, 4, 3, 2, 0]);
    }
}
