//! Leiden on modularity (Traag, Waltman & van Eck 2019, "From Louvain to
//! Leiden: guaranteeing well-connected communities"), written here because
//! the crate we started from (single-clustering) was seven times slower than
//! networkit's Louvain on the same network. Three phases per level, as in
//! the paper:
//!
//! 1. fast local moving (`moving.rs`): nodes wait in a queue (first in a
//!    seeded random order); each moves to the neighbouring community that
//!    raises modularity most, or to an empty one, and wakes the neighbours
//!    outside its new community;
//! 2. refinement (`refine.rs`): inside each community, nodes that are still
//!    alone and well connected join the well-connected sub-community that
//!    raises modularity most (the greedy choice: the paper's randomness
//!    θ → 0), so no community ends badly connected;
//! 3. aggregation (`aggregate.rs`): each refined sub-community becomes one
//!    node, starting in its community, and the next level begins.
//!
//! It stops when local moving leaves every node of a level alone. Without
//! phase 2 (each community aggregated whole) it is Louvain ([`louvain`]).
//! On large levels the work is shared by every core without giving up
//! reproducibility: moves are decided in batches from the same state,
//! communities are refined independently, and aggregated rows are built in
//! ranges; nothing depends on which thread finishes first, so the same
//! network and seed always give the same communities.

mod aggregate;
mod moving;
mod refine;

use std::borrow::Cow;

use rayon::prelude::*;

use crate::random::Rng;

/// One level: a symmetric weighted graph whose nodes stand for groups of
/// the original nodes (the ties inside a group count in its degree only).
struct Level<'a> {
    offsets: Cow<'a, [usize]>,
    targets: Cow<'a, [u32]>,
    weights: Cow<'a, [f64]>,
    /// Weighted degree: the node's arcs plus the ties inside it, both ways.
    degree: Vec<f64>,
}

impl Level<'_> {
    fn len(&self) -> usize {
        self.degree.len()
    }

    fn arcs(&self) -> usize {
        self.targets.len()
    }

    fn row(&self, u: usize) -> (&[u32], &[f64]) {
        let r = self.offsets[u]..self.offsets[u + 1];
        (&self.targets[r.clone()], &self.weights[r])
    }

    /// Modularity when every node of this level is its own community:
    /// every arc crosses, and each community's degree is its node's.
    fn modularity_of_singletons(&self, two_m: f64) -> f64 {
        let crossing: f64 = self.weights.iter().sum();
        let expected: f64 = self.degree.iter().map(|d| (d / two_m) * (d / two_m)).sum();
        1.0 - crossing / two_m - expected
    }
}

/// Levels with fewer arcs than this are worked on one node at a time.
const PARALLEL_ARCS: usize = 200_000;

/// Weights summed per label around one node, without clearing an array per
/// node: only the labels touched are reset. Weights are positive, so a zero
/// marks a label not yet touched.
struct Tally {
    weight: Vec<f64>,
    /// The labels touched are `labels[..len]`; the rest is room to write
    /// into without a branch.
    labels: Vec<u32>,
    len: usize,
}

impl Tally {
    fn new(n: usize) -> Tally {
        Tally { weight: vec![0.0; n], labels: Vec::new(), len: 0 }
    }

    /// Room for labels below `n`.
    fn reserve(&mut self, n: usize) {
        if self.weight.len() < n {
            self.weight.resize(n, 0.0);
        }
    }

    /// The labels touched since the last [`Tally::clear`], in order of first touch.
    fn touched(&self) -> &[u32] {
        &self.labels[..self.len]
    }

    /// Adds each tie's weight to its target's label. Every label is written
    /// after the last touched one and kept only if it was new: a branch
    /// here would be mispredicted whenever neighbours' labels mix.
    #[inline]
    fn gather(&mut self, targets: &[u32], weights: &[f64], label: &[u32]) {
        self.gather_by(targets, weights, |u| label[u as usize]);
    }

    /// [`Tally::gather`] with each target's label given by `label_of`.
    #[inline]
    fn gather_by(&mut self, targets: &[u32], weights: &[f64], label_of: impl Fn(u32) -> u32) {
        let end = self.len + targets.len();
        if self.labels.len() < end {
            self.labels.resize(end, 0);
        }
        let (labels, mut len) = (&mut self.labels[..end], self.len);
        for (&u, &w) in targets.iter().zip(weights) {
            let c = label_of(u);
            let slot = &mut self.weight[c as usize];
            labels[len] = c;
            len += usize::from(*slot == 0.0);
            *slot += w;
        }
        self.len = len;
    }

    #[inline]
    fn get(&self, c: u32) -> f64 {
        self.weight[c as usize]
    }

    fn clear(&mut self) {
        for &c in &self.labels[..self.len] {
            self.weight[c as usize] = 0.0;
        }
        self.len = 0;
    }
}

/// Each node's weighted degree, or `None` if a tie's weight is not positive.
fn degrees(offsets: &[usize], weights: &[f64]) -> Option<Vec<f64>> {
    let n = offsets.len().saturating_sub(1);
    let row = |u: usize| {
        let ws = &weights[offsets[u]..offsets[u + 1]];
        ws.iter().all(|&w| w > 0.0).then(|| ws.iter().sum())
    };
    if weights.len() >= PARALLEL_ARCS { (0..n).into_par_iter().map(row).collect() } else { (0..n).map(row).collect() }
}

/// The rows without their ties of no (or negative) weight.
fn positive_part(offsets: &[usize], targets: &[u32], weights: &[f64]) -> Level<'static> {
    let n = offsets.len().saturating_sub(1);
    let (mut o, mut t, mut w) = (vec![0], Vec::new(), Vec::new());
    for u in 0..n {
        for i in offsets[u]..offsets[u + 1] {
            if weights[i] > 0.0 {
                t.push(targets[i]);
                w.push(weights[i]);
            }
        }
        o.push(t.len());
    }
    let degree = degrees(&o, &w).expect("positive weights only");
    Level { offsets: o.into(), targets: t.into(), weights: w.into(), degree }
}

/// Each node's community (numbered from 0, in no particular order) for the
/// symmetric graph given by its rows: `offsets` (n + 1), `targets` and
/// `weights`, each tie present both ways and no self-tie; and the
/// partition's modularity (resolution 1). Ties of no weight (or a negative
/// one) play no part.
pub fn leiden(offsets: &[usize], targets: &[u32], weights: &[f64], seed: u64) -> (Vec<u32>, f64) {
    cluster(offsets, targets, weights, seed, true)
}

/// [`leiden`] without the refinement: Louvain (Blondel et al. 2008) with
/// the same fast local moving, each community aggregated whole. Faster, but
/// a community may end badly connected (Traag et al. show Louvain's can be
/// disconnected); offered to match what Gephi and networkit's PLM report.
pub fn louvain(offsets: &[usize], targets: &[u32], weights: &[f64], seed: u64) -> (Vec<u32>, f64) {
    cluster(offsets, targets, weights, seed, false)
}

fn cluster(offsets: &[usize], targets: &[u32], weights: &[f64], seed: u64, refined: bool) -> (Vec<u32>, f64) {
    let n = offsets.len().saturating_sub(1);
    let mut level = match degrees(offsets, weights) {
        Some(degree) => Level {
            offsets: Cow::Borrowed(offsets),
            targets: Cow::Borrowed(targets),
            weights: Cow::Borrowed(weights),
            degree,
        },
        None => positive_part(offsets, targets, weights),
    };
    let two_m: f64 = level.degree.iter().sum();
    if two_m <= 0.0 {
        return ((0..n as u32).collect(), 0.0);
    }
    let mut rng = Rng::new(seed);
    // Each original node's node in the current level, and the partition of
    // the current level's nodes.
    let mut node_of: Vec<u32> = (0..n as u32).collect();
    let mut part: Vec<u32> = (0..n as u32).collect();
    loop {
        let order = shuffled(level.len(), &mut rng);
        moving::move_nodes(&level, &mut part, two_m, &order);
        let k = renumber(&mut part);

        if k == level.len() {
            break;
        }
        let sub_communities = refined.then(|| {
            let mut groups = refine::refine(&level, &part, k, two_m, &order);
            let r = renumber(&mut groups);
            (groups, r)
        });
        // Louvain, or a refinement that merged nothing: the communities
        // themselves are aggregated.
        let (groups, r) = sub_communities.filter(|&(_, r)| r < level.len()).unwrap_or_else(|| (part.clone(), k));
        let mut next = vec![0u32; r];
        for (v, &g) in groups.iter().enumerate() {
            next[g as usize] = part[v];
        }
        level = aggregate::aggregate(&level, &groups, r);
        for x in node_of.iter_mut() {
            *x = groups[*x as usize];
        }
        part = next;
    }
    let q = level.modularity_of_singletons(two_m);
    (node_of.iter().map(|&x| part[x as usize]).collect(), q)
}

/// Numbers the labels 0.. in order of first appearance; returns how many.
fn renumber(labels: &mut [u32]) -> usize {
    let mut new = vec![u32::MAX; labels.len()];
    let mut k = 0u32;
    for l in labels.iter_mut() {
        let slot = &mut new[*l as usize];
        if *slot == u32::MAX {
            *slot = k;
            k += 1;
        }
        *l = *slot;
    }
    k as usize
}

/// Nodes visited together, in a row: their ties lie side by side in
/// memory, which reading them in a fully random order would waste.
const BLOCK: usize = 32;

/// `0..n` in a random order drawn from `rng`: blocks of [`BLOCK`]
/// consecutive nodes shuffled, each block in a random rotation.
fn shuffled(n: usize, rng: &mut Rng) -> Vec<u32> {
    let blocks = n.div_ceil(BLOCK);
    let mut order: Vec<usize> = (0..blocks).collect();
    for i in (1..blocks).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut nodes = Vec::with_capacity(n);
    for b in order {
        let block = b * BLOCK..n.min((b + 1) * BLOCK);
        let turn = rng.below(block.len());
        nodes.extend(block.clone().skip(turn).chain(block.take(turn)).map(|v| v as u32));
    }
    nodes
}

/// `0..len` cut into about `parts` consecutive ranges of similar cost.
fn ranges(len: usize, parts: usize, cost: impl Fn(usize) -> usize) -> Vec<std::ops::Range<usize>> {
    let total: usize = (0..len).map(&cost).sum();
    let share = total.div_ceil(parts.max(1)).max(1);
    let mut out = Vec::with_capacity(parts);
    let (mut start, mut acc) = (0, 0);
    for i in 0..len {
        acc += cost(i);
        if acc >= share {
            out.push(start..i + 1);
            (start, acc) = (i + 1, 0);
        }
    }
    if start < len {
        out.push(start..len);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::{Graph, modularity};

    fn run(g: &Graph, seed: u64) -> Vec<u32> {
        let (o, t, w) = g.parts();
        let (labels, q) = leiden(o, t, w, seed);
        assert!((q - modularity(g, &labels)).abs() < 1e-12, "the modularity stated is the partition's");
        labels
    }

    /// Two cliques of five: nodes 0–4 and 5–9.
    fn two_cliques() -> Vec<(u32, u32, f64)> {
        let mut edges = Vec::new();
        for base in [0u32, 5] {
            for a in 0..5 {
                for b in a + 1..5 {
                    edges.push((base + a, base + b, 1.0));
                }
            }
        }
        edges
    }

    #[test]
    fn two_cliques_joined_by_a_path_split_at_the_path() {
        let mut edges = two_cliques();
        edges.push((4, 10, 1.0));
        edges.push((10, 5, 1.0));
        let g = Graph::new(11, false, &edges);
        let labels = run(&g, 3);
        assert!(labels[..5].iter().all(|&l| l == labels[0]));
        assert!(labels[5..10].iter().all(|&l| l == labels[5]));
        assert_ne!(labels[0], labels[5]);
        assert_eq!(run(&g, 3), labels, "seeded");
    }

    #[test]
    fn ties_of_no_weight_or_a_negative_one_play_no_part() {
        let mut edges = two_cliques();
        edges.push((4, 5, 1.0));
        let plain = Graph::new(10, false, &edges);
        edges.extend([(0, 9, -3.0), (1, 8, 0.0), (2, 7, -0.5)]);
        let odd = Graph::new(10, false, &edges);
        let (o, t, w) = odd.parts();
        assert!(degrees(o, w).is_none());
        let (labels, q) = leiden(o, t, w, 3);
        assert_eq!(labels, run(&plain, 3), "the same communities as without those ties");
        assert!((q - modularity(&plain, &labels)).abs() < 1e-12);
        assert_ne!(labels[0], labels[9]);
    }

    /// Communities connected inside, and no node that would rather move.
    fn check_partition(g: &Graph, labels: &[u32]) {
        let n = g.len();
        let q = modularity(g, labels);
        let k = labels.iter().max().map_or(0, |&m| m + 1);
        for c in 0..k {
            let members: Vec<usize> = (0..n).filter(|&v| labels[v] == c).collect();
            let mut reached = vec![members[0]];
            let mut seen = vec![false; n];
            seen[members[0]] = true;
            while let Some(u) = reached.pop() {
                for &v in g.out(u).0 {
                    if labels[v as usize] == c && !seen[v as usize] {
                        seen[v as usize] = true;
                        reached.push(v as usize);
                    }
                }
            }
            assert!(members.iter().all(|&v| seen[v]), "community {c} is connected");
        }
        for v in 0..n {
            for c in 0..=k {
                let mut moved = labels.to_vec();
                moved[v] = c;
                assert!(modularity(g, &moved) <= q + 1e-12, "moving {v} to {c} would raise modularity");
            }
        }
    }

    #[test]
    fn every_community_is_connected_and_moving_any_node_does_not_help() {
        // A ring of 30 triangles with random chords.
        let mut rng = Rng::new(11);
        let mut edges = Vec::new();
        for t in 0..30u32 {
            let b = 3 * t;
            edges.extend([(b, b + 1, 1.0), (b + 1, b + 2, 1.0), (b, b + 2, 1.0), (b + 2, (b + 3) % 90, 1.0)]);
        }
        for _ in 0..40 {
            edges.push((rng.below(90) as u32, rng.below(90) as u32, 0.5));
        }
        let g = Graph::new(90, false, &edges);
        check_partition(&g, &run(&g, 5));
    }

    /// A planted partition large enough for the levels shared by every
    /// core: 40 groups of 150, dense inside, sparse across.
    fn planted(seed: u64) -> (Graph, Vec<u32>) {
        let (groups, size) = (40u32, 150u32);
        let n = groups * size;
        let mut rng = Rng::new(seed);
        let mut edges = Vec::new();
        for v in 0..n {
            for _ in 0..20 {
                let u = (v / size) * size + rng.below(size as usize) as u32;
                edges.push((v, u, 1.0 + rng.below(3) as f64));
            }
            for _ in 0..4 {
                edges.push((v, rng.below(n as usize) as u32, 1.0));
            }
        }
        (Graph::new(n as usize, false, &edges), (0..n).map(|v| v / size).collect())
    }

    #[test]
    fn a_planted_partition_is_found_on_every_core_the_same_way() {
        let (g, truth) = planted(3);
        assert!(g.parts().1.len() > PARALLEL_ARCS, "large enough for the parallel levels");
        let labels = run(&g, 7);
        // The planted groups are found exactly (up to naming).
        let mut name = vec![u32::MAX; 40];
        for (v, &l) in labels.iter().enumerate() {
            let t = truth[v] as usize;
            assert!(name[t] == u32::MAX || name[t] == l, "node {v} split from its group");
            name[t] = l;
        }
        let mut distinct = name.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 40, "no two groups merged");
        assert!(modularity(&g, &labels) > 0.7);
        assert_eq!(run(&g, 7), labels, "the same seed gives the same communities");
        let other = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a pool");
        assert_eq!(other.install(|| run(&g, 7)), labels, "whatever the number of threads");
    }

    #[test]
    fn louvain_finds_the_planted_partition_too() {
        let (g, truth) = planted(5);
        let (o, t, w) = g.parts();
        let (labels, q) = louvain(o, t, w, 7);
        assert!((q - modularity(&g, &labels)).abs() < 1e-12, "the modularity stated is the partition's");
        let same = |a: usize, b: usize| labels[a] == labels[b];
        for v in 1..labels.len() {
            assert_eq!(same(v - 1, v), truth[v - 1] == truth[v], "nodes {} and {v}", v - 1);
        }
        let mut distinct = labels.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 40, "one community per planted group");
        assert_eq!(louvain(o, t, w, 7).0, labels, "seeded");
    }

    #[test]
    fn ranges_share_the_cost() {
        let r = ranges(10, 3, |_| 1);
        assert_eq!(r, vec![0..4, 4..8, 8..10]);
        assert_eq!(ranges(0, 3, |_| 1), Vec::<std::ops::Range<usize>>::new());
        assert_eq!(ranges(3, 8, |i| [0, 5, 0][i]), vec![0..2, 2..3]);
    }
}
