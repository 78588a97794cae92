//! A graph in compressed sparse rows: for each node, its out-neighbours and
//! their weights, contiguous. Parallel ties are summed; self-ties dropped.

/// A weighted graph on nodes `0..n`.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    n: usize,
    directed: bool,
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
}

impl Graph {
    /// Builds the graph from `(from, to, weight)` ties. An undirected graph
    /// holds each tie both ways.
    pub fn new(n: usize, directed: bool, edges: &[(u32, u32, f64)]) -> Graph {
        let mut arcs: Vec<(u32, u32, f64)> = Vec::with_capacity(edges.len() * if directed { 1 } else { 2 });
        for &(a, b, w) in edges {
            if a == b || a as usize >= n || b as usize >= n {
                continue;
            }
            arcs.push((a, b, w));
            if !directed {
                arcs.push((b, a, w));
            }
        }
        arcs.sort_unstable_by_key(|&(a, b, _)| (a, b));
        let mut offsets = vec![0usize; n + 1];
        let (mut targets, mut weights): (Vec<u32>, Vec<f64>) = (Vec::new(), Vec::new());
        let mut last: Option<(u32, u32)> = None;
        for (a, b, w) in arcs {
            if last == Some((a, b)) {
                *weights.last_mut().expect("a previous arc") += w;
                continue;
            }
            last = Some((a, b));
            targets.push(b);
            weights.push(w);
            offsets[a as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        Graph { n, directed, offsets, targets, weights }
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
    /// one tie carrying their summed weight. An undirected graph is cloned.
    pub fn undirected(&self) -> Graph {
        if !self.directed {
            return self.clone();
        }
        Graph::new(self.n, false, &self.arcs().collect::<Vec<_>>())
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
}
