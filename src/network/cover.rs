//! Choosing people who bring the most others within reach: greedy maximum
//! coverage (lazy evaluation, as in Leskovec et al. 2007's CELF — a person's
//! gain can only shrink as others are chosen), each candidate's gain
//! weighted by a bonus of their own and by how many were already chosen in
//! their group, so the choice spreads across departments.

use std::collections::BinaryHeap;

use super::Graph;

/// One pick: the node, the nodes it newly brings within one and two steps.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    pub node: u32,
    pub new_one: u32,
    pub new_two: u32,
}

/// Options of [`greedy_cover`].
#[derive(Debug, Clone)]
pub struct CoverOptions<'a> {
    /// Nodes that may be chosen.
    pub candidates: &'a [u32],
    /// Nodes whose coverage counts (the people of the directory).
    pub counts: &'a [bool],
    /// Each node's bonus factor (1.0: none).
    pub bonus: &'a [f64],
    /// Each node's group, and the factor a group's gain is multiplied by for
    /// every pick already made in it (e.g. 0.7).
    pub group: &'a [Option<u32>],
    pub spread: f64,
}

#[derive(PartialEq)]
struct Entry(f64, u32, u32);
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Entry {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        // Highest gain first; ties by the smallest node.
        self.0.total_cmp(&o.0).then(o.1.cmp(&self.1))
    }
}

/// What being at a distance is worth: within one step 1, two steps ½.
fn value(d: u8) -> f64 {
    match d {
        0 | 1 => 1.0,
        2 => 0.5,
        _ => 0.0,
    }
}

/// The nodes within two steps of `u` (itself included), ties both ways.
fn ball(g: &Graph, u: u32, out: &mut Vec<(u32, u8)>) {
    out.clear();
    out.push((u, 0));
    for &v in g.out(u as usize).0 {
        out.push((v, 1));
        for &w in g.out(v as usize).0 {
            out.push((w, 2));
        }
    }
}

/// Picks `k` nodes of `g` (undirected) that bring the most counted nodes
/// within reach, given how far each node already is from the chosen ones
/// (`dist`: 0 chosen, 1 or 2 steps, `u8::MAX` beyond). Within one step is
/// worth 1, within two steps ½; a pick's gain is what it adds. `new_one`
/// and `new_two` count the nodes it brings closer, to one and two steps.
pub fn greedy_cover(g: &Graph, dist: &[u8], k: usize, o: &CoverOptions) -> Vec<Pick> {
    let mut dist = dist.to_vec();
    let mut picked_in: std::collections::HashMap<u32, u32> = Default::default();
    let mut buf = Vec::new();
    let gain = |dist: &[u8], u: u32, buf: &mut Vec<(u32, u8)>| -> (f64, u32, u32) {
        ball(g, u, buf);
        buf.sort_unstable();
        buf.dedup_by_key(|e| e.0);
        let (mut total, mut one, mut two) = (0.0, 0u32, 0u32);
        for &(v, d) in buf.iter() {
            if !o.counts[v as usize] {
                continue;
            }
            let before = value(dist[v as usize]);
            let after = value(d);
            if after > before {
                total += after - before;
                if d <= 1 {
                    one += 1;
                } else {
                    two += 1;
                }
            }
        }
        (total, one, two)
    };
    let weight = |u: u32, picked_in: &std::collections::HashMap<u32, u32>| {
        let groups = o.group[u as usize].and_then(|g| picked_in.get(&g)).copied().unwrap_or(0);
        o.bonus[u as usize] * o.spread.powi(groups as i32)
    };
    let mut heap: BinaryHeap<Entry> = o
        .candidates
        .iter()
        .map(|&u| Entry(gain(&dist, u, &mut buf).0 * weight(u, &picked_in), u, 0))
        .filter(|e| e.0 > 0.0)
        .collect();
    let mut picks = Vec::new();
    let mut round = 0u32;
    while picks.len() < k {
        let Some(Entry(_, u, at)) = heap.pop() else { break };
        if dist[u as usize] == 0 {
            continue;
        }
        let (raw, one, two) = gain(&dist, u, &mut buf);
        let score = raw * weight(u, &picked_in);
        if at != round {
            if score > 0.0 {
                heap.push(Entry(score, u, round));
            }
            continue;
        }
        // Fresh this round and still on top: take it.
        if score <= 0.0 {
            break;
        }
        ball(g, u, &mut buf);
        for &(v, d) in &buf {
            dist[v as usize] = dist[v as usize].min(d);
        }
        if let Some(gr) = o.group[u as usize] {
            *picked_in.entry(gr).or_default() += 1;
        }
        picks.push(Pick { node: u, new_one: one, new_two: two });
        round += 1;
    }
    picks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_hubs_of_uncovered_parts_first_and_spreads_across_groups() {
        // Two stars: 0 with leaves 1..=5, 6 with leaves 7..=9; a champion at 9.
        let mut edges = vec![];
        for leaf in 1..=5 {
            edges.push((0, leaf, 1.0));
        }
        for leaf in 7..=9 {
            edges.push((6, leaf, 1.0));
        }
        edges.push((5, 10, 1.0));
        let g = Graph::new(11, false, &edges);
        let dist = super::super::distance_from(&g, &[9], 2);
        let all: Vec<u32> = (0..11).collect();
        let counts = vec![true; 11];
        let bonus = vec![1.0; 11];
        let group = vec![None; 11];
        let o = CoverOptions { candidates: &all, counts: &counts, bonus: &bonus, group: &group, spread: 1.0 };
        let picks = greedy_cover(&g, &dist, 2, &o);
        assert_eq!(
            picks[0],
            Pick { node: 0, new_one: 6, new_two: 1 },
            "the big star, its leaves, and 10 two steps away"
        );
        assert_eq!(
            picks[1],
            Pick { node: 6, new_one: 2, new_two: 0 },
            "then the champion's hub brings 7 and 8 one step closer"
        );
        // With groups and a strong spread, the second pick leaves the first one's group.
        let group: Vec<Option<u32>> = (0..11).map(|v| Some(u32::from(v >= 6 && v != 10))).collect();
        let mut group = group;
        group[5] = Some(0);
        group[10] = Some(0);
        let spread = CoverOptions { group: &group, spread: 0.1, ..o.clone() };
        let p = greedy_cover(&g, &dist, 2, &spread);
        assert_eq!(p.iter().map(|p| p.node).collect::<Vec<_>>(), [0, 6]);
        let bonus: Vec<f64> = (0..11).map(|v| if v == 5 { 2.0 } else { 1.0 }).collect();
        let favoured = CoverOptions { bonus: &bonus, ..o };
        assert_eq!(greedy_cover(&g, &dist, 1, &favoured)[0].node, 5, "an opinion leader's bonus counts");
    }
}
