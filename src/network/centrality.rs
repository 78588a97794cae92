//! Betweenness (Brandes), harmonic closeness and clustering, by hops.

use super::Graph;

/// Breadth-first distances and shortest-path counts from one source, and
/// the visiting order (reused across sources).
struct Search {
    dist: Vec<i32>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    order: Vec<u32>,
    /// The shortest-path successors of `order[i]`: `succ[off[i]..off[i + 1]]`.
    succ: Vec<u32>,
    off: Vec<u32>,
}

impl Search {
    fn new(n: usize) -> Search {
        Search {
            dist: vec![-1; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
            succ: Vec::new(),
            off: Vec::with_capacity(n + 1),
        }
    }

    fn run(&mut self, g: &Graph, s: usize) {
        // The fields as separate borrows, so the loop keeps them in
        // registers instead of reloading them after every push.
        let Search { dist, sigma, delta, order, succ, off } = self;
        for &v in order.iter() {
            dist[v as usize] = -1;
            sigma[v as usize] = 0.0;
            delta[v as usize] = 0.0;
        }
        order.clear();
        succ.clear();
        off.clear();
        let (dist, sigma) = (&mut dist[..], &mut sigma[..]);
        dist[s] = 0;
        sigma[s] = 1.0;
        order.push(s as u32);
        let mut head = 0;
        while head < order.len() {
            let v = order[head] as usize;
            head += 1;
            off.push(succ.len() as u32);
            let next = dist[v] + 1;
            let sv = sigma[v];
            for &w in g.out(v).0 {
                let wi = w as usize;
                let dw = dist[wi];
                if dw < 0 {
                    dist[wi] = next;
                    order.push(w);
                } else if dw != next {
                    continue;
                }
                sigma[wi] += sv;
                succ.push(w);
            }
        }
        off.push(succ.len() as u32);
    }

    /// Brandes' dependency accumulation, walking the search backwards over
    /// the successors it recorded (one flat list, not a list per node).
    fn accumulate(&mut self, s: usize, bc: &mut [f64]) {
        let Search { sigma, delta, order, succ, off, .. } = self;
        for i in (0..order.len()).rev() {
            let v = order[i] as usize;
            let mut dep = 0.0;
            for &w in &succ[off[i] as usize..off[i + 1] as usize] {
                let w = w as usize;
                dep += (1.0 + delta[w]) / sigma[w];
            }
            delta[v] = sigma[v] * dep;
            if v != s {
                bc[v] += delta[v];
            }
        }
    }
}

/// Sources are worked through in this many fixed chunks, spread over the
/// threads and added up in chunk order: the same figures on any machine.
const CHUNKS: usize = 8;

/// Betweenness and harmonic sums, and each chunk's betweenness sums with its
/// number of sources.
type Sums = (Vec<f64>, Vec<f64>, Vec<(Vec<f64>, usize)>);

/// Runs `per_source` for every source, `CHUNKS` partial sums in parallel,
/// adding them up in order.
fn over_sources(
    g: &Graph,
    sources: &[u32],
    per_source: impl Fn(&mut Search, usize, &mut [f64], &mut [f64]) + Sync,
) -> Sums {
    let n = g.len();
    let chunk = sources.len().div_ceil(CHUNKS).max(1);
    let parts: Vec<&[u32]> = sources.chunks(chunk).collect();
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get()).min(parts.len()).max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<(Vec<f64>, Vec<f64>)>> = vec![None; parts.len()];
    let done = std::sync::Mutex::new(&mut results);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut search = Search::new(n);
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(part) = parts.get(i) else { break };
                    let (mut a, mut b) = (vec![0.0; n], vec![0.0; n]);
                    for &s in *part {
                        per_source(&mut search, s as usize, &mut a, &mut b);
                    }
                    done.lock().expect("no thread panicked")[i] = Some((a, b));
                }
            });
        }
    });
    let (mut a, mut b) = (vec![0.0; n], vec![0.0; n]);
    let mut per_chunk = Vec::with_capacity(parts.len());
    for ((x, y), part) in results.into_iter().flatten().zip(&parts) {
        a.iter_mut().zip(&x).for_each(|(s, v)| *s += v);
        b.iter_mut().zip(y).for_each(|(s, v)| *s += v);
        per_chunk.push((x, part.len()));
    }
    (a, b, per_chunk)
}

/// The sampling error of betweenness estimated from `chunks` (each chunk's
/// raw sums and its number of sources): for the `top` nodes by the
/// estimate, the standard error across chunks over the estimate; the median
/// of those. `None` with fewer than two chunks or no betweenness.
fn relative_error(total: &[f64], chunks: &[(Vec<f64>, usize)], top: usize) -> Option<f64> {
    if chunks.len() < 2 {
        return None;
    }
    let k: usize = chunks.iter().map(|c| c.1).sum();
    let mut order: Vec<usize> = (0..total.len()).filter(|&v| total[v] > 0.0).collect();
    order.sort_by(|&a, &b| total[b].total_cmp(&total[a]));
    let mut errors: Vec<f64> = order
        .iter()
        .take(top)
        .map(|&v| {
            let mean = total[v] / k as f64;
            // Each chunk's per-source mean, weighted by its sources.
            let var = chunks.iter().map(|(c, m)| (*m as f64) * (c[v] / *m as f64 - mean).powi(2)).sum::<f64>()
                / (k as f64 - 1.0).max(1.0);
            (var / k as f64).sqrt() / mean
        })
        .collect();
    if errors.is_empty() {
        return None;
    }
    errors.sort_by(f64::total_cmp);
    Some(errors[errors.len() / 2])
}

/// Betweenness of every node, exact (Brandes 2001), normalised by
/// (n−1)(n−2) as NetworkX does (`normalized=True`, by hops).
pub fn betweenness(g: &Graph) -> Vec<f64> {
    betweenness_from(g, &(0..g.len() as u32).collect::<Vec<_>>())
}

/// Betweenness accumulated from the given sources only, scaled by n / k
/// (a sample of k sources estimates the whole).
pub fn betweenness_from(g: &Graph, sources: &[u32]) -> Vec<f64> {
    betweenness_and_harmonic(g, sources).0
}

/// Betweenness and harmonic closeness from the same searches: from every
/// node (exact), or from k sampled sources, both then scaled by n / k.
/// Harmonic closeness of v is Σ 1/d(u, v) over the nodes u that reach it
/// (NetworkX's `harmonic_centrality`: distances towards v).
pub fn betweenness_and_harmonic(g: &Graph, sources: &[u32]) -> (Vec<f64>, Vec<f64>) {
    let (bc, hc, _) = betweenness_sampled(g, sources);
    (bc, hc)
}

/// [`betweenness_and_harmonic`] with the sampling error of betweenness: the
/// median, over the 20 highest, of the standard error (from the spread of
/// the source chunks' estimates) relative to the estimate. Exact (every
/// node a source): `None`.
pub fn betweenness_sampled(g: &Graph, sources: &[u32]) -> (Vec<f64>, Vec<f64>, Option<f64>) {
    let n = g.len();
    if n == 0 || sources.is_empty() {
        return (vec![0.0; n], vec![0.0; n], None);
    }
    let (mut bc, mut hc, chunks) = over_sources(g, sources, |search, s, bc, hc| {
        search.run(g, s);
        for &v in &search.order[1..] {
            hc[v as usize] += 1.0 / f64::from(search.dist[v as usize]);
        }
        search.accumulate(s, bc);
    });
    let error = if sources.len() < n { relative_error(&bc, &chunks, 20) } else { None };
    let k = sources.len() as f64;
    let scale = if n > 2 { 1.0 / ((n - 1) as f64 * (n - 2) as f64) * n as f64 / k } else { 0.0 };
    bc.iter_mut().for_each(|b| *b *= scale);
    hc.iter_mut().for_each(|h| *h *= n as f64 / k);
    (bc, hc, error)
}

/// `k` distinct sources out of `n`, drawn from `seed` (the same seed, the
/// same sources: sampled betweenness is reproducible).
pub fn sample_sources(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let mut rng = crate::random::Rng::new(seed);
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

/// Harmonic closeness of every node, exact: Σ 1/d(u, v) over the nodes u
/// that reach v.
pub fn harmonic(g: &Graph) -> Vec<f64> {
    betweenness_and_harmonic(g, &(0..g.len() as u32).collect::<Vec<_>>()).1
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
        // Directed, as NetworkX counts it: distances towards each node, paths one way.
        let one_way = Graph::new(3, true, &[(0, 1, 1.0), (1, 2, 1.0)]);
        assert_eq!(harmonic(&one_way), [0.0, 1.0, 1.5]);
        assert_eq!(betweenness(&one_way), [0.0, 0.5, 0.0]);
        let triangle = Graph::new(3, false, &[(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0)]);
        assert_eq!(clustering(&triangle), [1.0, 1.0, 1.0]);
    }
}
