//! A graph in compressed sparse rows: for each node, its out-neighbours and
//! their weights, contiguous. Parallel ties are summed; self-ties dropped.

/// A weighted graph on nodes `0..n`.
#[derive(Debug, Clone)]
pub struct Graph {
    n: usize,
    directed: bool,
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
    /// The undirected view of a directed graph, made once when first asked.
    both_ways: std::sync::OnceLock<Box<Graph>>,
}

impl PartialEq for Graph {
    fn eq(&self, o: &Graph) -> bool {
        (self.n, self.directed, &self.offsets, &self.targets, &self.weights)
            == (o.n, o.directed, &o.offsets, &o.targets, &o.weights)
    }
}

impl Graph {
    /// Builds the graph from `(from, to, weight)` ties. An undirected graph
    /// holds each tie both ways. Linear in the ties apart from sorting each
    /// node's own row: a counting pass places arcs by source.
    pub fn new(n: usize, directed: bool, edges: &[(u32, u32, f64)]) -> Graph {
        let valid = |&&(a, b, _): &&(u32, u32, f64)| a != b && (a as usize) < n && (b as usize) < n;
        let mut count = vec![0usize; n + 1];
        for &(a, b, _) in edges.iter().filter(valid) {
            count[a as usize + 1] += 1;
            if !directed {
                count[b as usize + 1] += 1;
            }
        }
        for i in 0..n {
            count[i + 1] += count[i];
        }
        let total = count[n];
        let mut fill = count.clone();
        let mut arcs: Vec<(u32, f64)> = vec![(0, 0.0); total];
        for &(a, b, w) in edges.iter().filter(valid) {
            arcs[fill[a as usize]] = (b, w);
            fill[a as usize] += 1;
            if !directed {
                arcs[fill[b as usize]] = (a, w);
                fill[b as usize] += 1;
            }
        }
        Graph::from_rows(n, directed, &count, arcs)
    }

    /// Sorts each row by target and sums repeated targets.
    fn from_rows(n: usize, directed: bool, count: &[usize], mut arcs: Vec<(u32, f64)>) -> Graph {
        let mut offsets = vec![0usize; n + 1];
        let mut targets: Vec<u32> = Vec::with_capacity(arcs.len());
        let mut weights: Vec<f64> = Vec::with_capacity(arcs.len());
        for u in 0..n {
            let row = &mut arcs[count[u]..count[u + 1]];
            row.sort_unstable_by_key(|a| a.0);
            let start = targets.len();
            for &(v, w) in row.iter() {
                if targets.len() > start && *targets.last().expect("a previous arc") == v {
                    *weights.last_mut().expect("a previous arc") += w;
                } else {
                    targets.push(v);
                    weights.push(w);
                }
            }
            offsets[u + 1] = targets.len();
        }
        Graph { n, directed, offsets, targets, weights, both_ways: std::sync::OnceLock::new() }
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    pub fn directed(&self) -> bool {
        self.directed
    }

    /// `u`'s out-neighbours and the weights of the ties to them.
    pub fn out(&self, u: usize) -> (&[u32], &[f64]) {
        let r = self.offsets[u]..self.offsets[u + 1];
        (&self.targets[r.clone()], &self.weights[r])
    }

    /// The same ties without direction: both directions of a pair become
    /// one tie carrying their summed weight (an undirected graph is itself;
    /// a directed one's view is made once and kept).
    pub fn undirected(&self) -> &Graph {
        if !self.directed {
            return self;
        }
        self.both_ways.get_or_init(|| Box::new(self.make_undirected()))
    }

    fn make_undirected(&self) -> Graph {
        // The transpose by a counting pass: filled source by source, each
        // in-row comes out sorted; then each node's out-row and in-row, both
        // sorted, are merged, a pair's two directions summed.
        let n = self.n;
        let mut start = vec![0usize; n + 1];
        for &v in &self.targets {
            start[v as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut sources = vec![0u32; self.targets.len()];
        let mut in_weights = vec![0.0; self.targets.len()];
        for u in 0..n {
            let (t, w) = self.out(u);
            for (&v, &w) in t.iter().zip(w) {
                let slot = fill[v as usize];
                sources[slot] = u as u32;
                in_weights[slot] = w;
                fill[v as usize] += 1;
            }
        }
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        let mut targets = Vec::with_capacity(2 * self.targets.len());
        let mut weights = Vec::with_capacity(2 * self.targets.len());
        for u in 0..n {
            let (ot, ow) = self.out(u);
            let (it, iw) = (&sources[start[u]..start[u + 1]], &in_weights[start[u]..start[u + 1]]);
            let (mut i, mut j) = (0, 0);
            while i < ot.len() || j < it.len() {
                let take_out = j == it.len() || (i < ot.len() && ot[i] <= it[j]);
                let take_in = i == ot.len() || (j < it.len() && it[j] <= ot[i]);
                let (v, w) = match (take_out, take_in) {
                    (true, true) => (ot[i], ow[i] + iw[j]),
                    (true, false) => (ot[i], ow[i]),
                    _ => (it[j], iw[j]),
                };
                targets.push(v);
                weights.push(w);
                i += usize::from(take_out);
                j += usize::from(take_in);
            }
            offsets.push(targets.len());
        }
        Graph { n, directed: false, offsets, targets, weights, both_ways: std::sync::OnceLock::new() }
    }

    /// Every arc `(from, to, weight)`; an undirected tie appears both ways.
    pub fn arcs(&self) -> impl Iterator<Item = (u32, u32, f64)> + '_ {
        (0..self.n).flat_map(move |u| {
            let (t, w) = self.out(u);
            t.iter().zip(w).map(move |(&v, &w)| (u as u32, v, w))
        })
    }

    /// The rows: offsets (n + 1), targets and weights.
    pub fn parts(&self) -> (&[usize], &[u32], &[f64]) {
        (&self.offsets, &self.targets, &self.weights)
    }

    #[cfg(test)]
    fn with_direction(mut self, directed: bool) -> Graph {
        self.directed = directed;
        self
    }

    /// Distinct ties (arcs; an undirected tie counts once).
    pub fn ties(&self) -> usize {
        if self.directed { self.targets.len() } else { self.targets.len() / 2 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_ties_sum_and_self_ties_drop() {
        let g = Graph::new(3, false, &[(0, 1, 1.0), (1, 0, 2.0), (1, 1, 5.0), (1, 2, 1.0)]);
        assert_eq!(g.out(0), (&[1u32][..], &[3.0][..]), "both directions of an undirected tie add up");
        assert_eq!(g.out(1).0, &[0, 2]);
        assert_eq!(g.ties(), 2);
        let d = Graph::new(2, true, &[(0, 1, 1.0)]);
        assert_eq!((d.out(0).0.len(), d.out(1).0.len()), (1, 0));
    }

    #[test]
    fn rows_match_a_sorted_merge_and_undirected_matches_both_ways() {
        let mut rng = crate::random::Rng::new(3);
        let n = 40;
        let edges: Vec<(u32, u32, f64)> =
            (0..400).map(|_| (rng.below(n) as u32, rng.below(n) as u32, 1.0 + rng.below(3) as f64)).collect();
        let g = Graph::new(n, true, &edges);
        // The naive way: sort every arc, merge repeats.
        let mut arcs: Vec<(u32, u32, f64)> = edges.iter().copied().filter(|e| e.0 != e.1).collect();
        arcs.sort_by_key(|e| (e.0, e.1));
        let mut merged: Vec<(u32, u32, f64)> = Vec::new();
        for (a, b, w) in arcs {
            match merged.last_mut() {
                Some(l) if (l.0, l.1) == (a, b) => l.2 += w,
                _ => merged.push((a, b, w)),
            }
        }
        assert_eq!(g.arcs().collect::<Vec<_>>(), merged);
        let both: Vec<(u32, u32, f64)> = merged.iter().flat_map(|&(a, b, w)| [(a, b, w), (b, a, w)]).collect();
        assert_eq!(*g.undirected(), Graph::new(n, true, &both).with_direction(false));
        assert_eq!(*g.undirected(), Graph::new(n, false, &merged));
    }
}
