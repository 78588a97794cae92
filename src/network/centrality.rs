//! Betweenness (Brandes), harmonic closeness and clustering, by hops.

use std::collections::VecDeque;

use super::Graph;

/// Breadth-first distances and shortest-path counts from `s`; the visiting
/// order and each node's predecessors on shortest paths.
struct Search {
    dist: Vec<i64>,
    sigma: Vec<f64>,
    order: Vec<u32>,
    preds: Vec<Vec<u32>>,
}

impl Search {
    fn new(n: usize) -> Search {
        Search { dist: vec![-1; n], sigma: vec![0.0; n], order: Vec::with_capacity(n), preds: vec![Vec::new(); n] }
    }

    fn run(&mut self, g: &Graph, s: usize) {
        for &v in &self.order {
            self.dist[v as usize] = -1;
            self.sigma[v as usize] = 0.0;
            self.preds[v as usize].clear();
        }
        self.order.clear();
        self.dist[s] = 0;
        self.sigma[s] = 1.0;
        let mut queue = VecDeque::from([s as u32]);
        while let Some(v) = queue.pop_front() {
            self.order.push(v);
            let dv = self.dist[v as usize];
            for &w in g.out(v as usize).0 {
                let w = w as usize;
                if self.dist[w] < 0 {
                    self.dist[w] = dv + 1;
                    queue.push_back(w as u32);
                }
                if self.dist[w] == dv + 1 {
                    self.sigma[w] += self.sigma[v as usize];
                    self.preds[w].push(v);
                }
            }
        }
    }
}

/// Betweenness of every node, exact (Brandes 2001), normalised by
/// (n−1)(n−2) as NetworkX does (`normalized=True`, by hops).
pub fn betweenness(g: &Graph) -> Vec<f64> {
    betweenness_from(g, &(0..g.len() as u32).collect::<Vec<_>>())
}

/// Betweenness accumulated from the given sources only, scaled by n / k
/// (a sample of k sources estimates the whole).
pub fn betweenness_from(g: &Graph, sources: &[u32]) -> Vec<f64> {
    let n = g.len();
    let mut bc = vec![0.0; n];
    if n <= 2 || sources.is_empty() {
        return bc;
    }
    let mut search = Search::new(n);
    let mut delta = vec![0.0; n];
    for &s in sources {
        search.run(g, s as usize);
        for &v in &search.order {
            delta[v as usize] = 0.0;
        }
        for &w in search.order.iter().rev() {
            let w = w as usize;
            let coeff = (1.0 + delta[w]) / search.sigma[w];
            for &v in &search.preds[w] {
                delta[v as usize] += search.sigma[v as usize] * coeff;
            }
            if w != s as usize {
                bc[w] += delta[w];
            }
        }
    }
    let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64) * n as f64 / sources.len() as f64;
    bc.iter_mut().for_each(|b| *b *= scale);
    bc
}

/// `k` distinct sources out of `n`, drawn from `seed` (the same seed, the
/// same sources: sampled betweenness is reproducible).
pub fn sample_sources(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let mut rng = crate::demo::Rng::new(seed);
    let mut all: Vec<u32> = (0..n as u32).collect();
    let k = k.min(n);
    // A partial Fisher–Yates shuffle.
    for i in 0..k {
        let j = i + rng.below(n - i);
        all.swap(i, j);
    }
    all.truncate(k);
    all.sort_unstable();
    all
}

/// Harmonic closeness: Σ 1/d(u, v) over every other node reachable from u.
pub fn harmonic(g: &Graph) -> Vec<f64> {
    let n = g.len();
    let mut search = Search::new(n);
    (0..n)
        .map(|u| {
            search.run(g, u);
            search.order.iter().map(|&v| search.dist[v as usize]).filter(|&d| d > 0).map(|d| 1.0 / d as f64).sum()
        })
        .collect()
}

/// The clustering coefficient of each node of an undirected graph: tied
/// pairs of neighbours over all pairs.
pub fn clustering(g: &Graph) -> Vec<f64> {
    let n = g.len();
    let mut mark = vec![u32::MAX; n];
    (0..n)
        .map(|u| {
            let nbrs = g.out(u).0;
            let k = nbrs.len();
            if k < 2 {
                return 0.0;
            }
            for &v in nbrs {
                mark[v as usize] = u as u32;
            }
            let mut links = 0usize;
            for &v in nbrs {
                links += g.out(v as usize).0.iter().filter(|&&w| mark[w as usize] == u as u32).count();
            }
            // Each tie between neighbours was seen from both ends.
            links as f64 / (k * (k - 1)) as f64
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sampled_sources_are_distinct_and_reproducible() {
        let a = sample_sources(100, 10, 7);
        assert_eq!(a, sample_sources(100, 10, 7));
        assert_ne!(a, sample_sources(100, 10, 8));
        let mut d = a.clone();
        d.dedup();
        assert_eq!(d.len(), 10);
        assert_eq!(sample_sources(5, 10, 1), [0, 1, 2, 3, 4], "all of them when k ≥ n");
    }

    #[test]
    fn a_path_has_its_middle_between_and_no_triangles() {
        let g = Graph::new(3, false, &[(0, 1, 1.0), (1, 2, 1.0)]);
        assert_eq!(betweenness(&g), [0.0, 1.0, 0.0]);
        assert_eq!(harmonic(&g), [1.5, 2.0, 1.5]);
        assert_eq!(clustering(&g), [0.0, 0.0, 0.0]);
        let triangle = Graph::new(3, false, &[(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0)]);
        assert_eq!(clustering(&triangle), [1.0, 1.0, 1.0]);
    }
}
