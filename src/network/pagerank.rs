//! PageRank by power iteration over the compressed graph (petgraph's own
//! `page_rank` visits every node pair and differs from NetworkX; see
//! ../shared/LIBRARIES.md).

use super::Graph;

/// Scores summing to one, and how the iteration ended.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRank {
    pub scores: Vec<f64>,
    pub iterations: usize,
    /// The last iteration's L1 change.
    pub change: f64,
}

/// PageRank with damping `alpha`, iterated until the L1 change is under `tol`
/// (or `max_iter` rounds).
pub fn pagerank(g: &Graph, alpha: f64, tol: f64, max_iter: usize) -> PageRank {
    let n = g.len();
    if n == 0 {
        return PageRank { scores: Vec::new(), iterations: 0, change: 0.0 };
    }
    let nf = n as f64;
    // Each node's out-weight, to normalise its ties to one.
    let out: Vec<f64> = (0..n).map(|u| g.out(u).1.iter().sum()).collect();
    let dangling: Vec<usize> = (0..n).filter(|&u| out[u] == 0.0).collect();
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    let mut change = f64::INFINITY;
    let mut iterations = 0;
    while iterations < max_iter {
        iterations += 1;
        let dangle: f64 = alpha * dangling.iter().map(|&u| x[u]).sum::<f64>();
        let base = dangle / nf + (1.0 - alpha) / nf;
        next.iter_mut().for_each(|v| *v = base);
        for u in 0..n {
            if out[u] == 0.0 {
                continue;
            }
            let share = alpha * x[u] / out[u];
            let (targets, weights) = g.out(u);
            for (&v, &w) in targets.iter().zip(weights) {
                next[v as usize] += share * w;
            }
        }
        change = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < tol {
            break;
        }
    }
    PageRank { scores: x, iterations, change }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_star_ranks_its_centre_first_and_sums_to_one() {
        let g = Graph::new(4, false, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
        let pr = pagerank(&g, 0.85, 1e-12, 1000);
        assert!((pr.scores.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(pr.scores[0] > pr.scores[1] && (pr.scores[1] - pr.scores[3]).abs() < 1e-12);
        assert!(pr.change < 1e-12);
        // A node with no out-ties spreads its mass evenly (directed).
        let d = Graph::new(3, true, &[(0, 1, 1.0)]);
        let pr = pagerank(&d, 0.85, 1e-12, 1000);
        assert!((pr.scores.iter().sum::<f64>() - 1.0).abs() < 1e-12 && pr.scores[1] > pr.scores[0]);
    }
}
