//! What the Network view draws: a reduced graph (each person's strongest
//! ties) and positions computed once here — communities seeded apart on a
//! spiral, then ForceAtlas2 (the fa2 crate, Barnes-Hut) pulls tied people
//! together. Deterministic: the same graph, the same picture.

use fa2::{FA2Data, FA2Settings};

use super::Graph;

/// The union of every node's `k` strongest ties (both directions summed),
/// as an undirected graph.
pub fn strongest(g: &Graph, k: usize) -> Graph {
    let u = g.undirected();
    let mut keep: Vec<(u32, u32, f64)> = Vec::new();
    let mut row: Vec<(u32, f64)> = Vec::new();
    for a in 0..u.len() {
        let (t, w) = u.out(a);
        row.clear();
        row.extend(t.iter().copied().zip(w.iter().copied()));
        row.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        for &(b, w) in row.iter().take(k) {
            // Each kept once, from its smaller end.
            keep.push(if (a as u32) < b { (a as u32, b, w) } else { (b, a as u32, w) });
        }
    }
    keep.sort_by_key(|e| (e.0, e.1));
    keep.dedup_by_key(|e| (e.0, e.1));
    Graph::new(u.len(), false, &keep)
}

/// Starting points: community c's centre on a sunflower spiral (the largest
/// in the middle), its members on a small spiral around it.
fn seed(labels: &[u32], sizes: &[usize]) -> Vec<(f32, f32)> {
    const GOLDEN: f32 = 2.399_963;
    let mut centres = Vec::with_capacity(sizes.len());
    let mut radius = 0.0f32;
    for (c, &size) in sizes.iter().enumerate() {
        let r = (size as f32).sqrt();
        radius += if c == 0 { 0.0 } else { r };
        let a = c as f32 * GOLDEN;
        centres.push((radius * a.cos() * 2.0, radius * a.sin() * 2.0));
        radius += r;
    }
    let mut placed = vec![0u32; sizes.len()];
    labels
        .iter()
        .map(|&c| {
            let i = placed[c as usize] as f32;
            placed[c as usize] += 1;
            let (cx, cy) = centres[c as usize];
            let (r, a) = (i.sqrt(), i * GOLDEN);
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect()
}

/// Positions for every node of `g` (drawn as `strongest`), starting from
/// its communities; people without ties go on a ring around the rest (they
/// would only be pushed there). Coordinates are scaled to fit −1…1.
pub fn positions(g: &Graph, labels: &[u32], sizes: &[usize], iterations: usize) -> Vec<(f32, f32)> {
    let n = g.len();
    let start = seed(labels, sizes);
    let tied: Vec<usize> = (0..n).filter(|&u| !g.out(u).0.is_empty()).collect();
    let mut out = start.clone();
    if tied.len() >= 2 {
        let mut index = vec![usize::MAX; n];
        let mut data = FA2Data::<f32>::with_capacity(tied.len(), g.ties());
        for (k, &u) in tied.iter().enumerate() {
            index[u] = k;
            data.add_node_with_position(start[u].0, start[u].1);
        }
        for (a, b, w) in g.arcs() {
            if a < b {
                data.add_edge_with_weight(index[a as usize], index[b as usize], w as f32);
            }
        }
        let settings = FA2Settings::<f32>::from_graph_order(tied.len()).edge_weight_influence(0.5).parallel(true);
        let mut layout = settings.build(data);
        layout.run(iterations);
        for (&u, p) in tied.iter().zip(layout.data().positions()) {
            out[u] = p;
        }
    }
    // Scale the tied people to −0.9…0.9 around their centre.
    let (mut lo, mut hi) = ((f32::MAX, f32::MAX), (f32::MIN, f32::MIN));
    for &u in &tied {
        let (x, y) = out[u];
        if x.is_finite() && y.is_finite() {
            lo = (lo.0.min(x), lo.1.min(y));
            hi = (hi.0.max(x), hi.1.max(y));
        }
    }
    let span = (hi.0 - lo.0).max(hi.1 - lo.1).max(1e-6);
    let (cx, cy) = ((lo.0 + hi.0) / 2.0, (lo.1 + hi.1) / 2.0);
    for &u in &tied {
        let (x, y) = out[u];
        out[u] =
            if x.is_finite() && y.is_finite() { ((x - cx) / span * 1.8, (y - cy) / span * 1.8) } else { (0.0, 0.0) };
    }
    // The others on a ring, in node order.
    let alone: Vec<usize> = (0..n).filter(|&u| g.out(u).0.is_empty()).collect();
    let ring = if tied.is_empty() { 0.5 } else { 0.98 };
    for (k, &u) in alone.iter().enumerate() {
        let a = k as f32 / alone.len().max(1) as f32 * std::f32::consts::TAU;
        out[u] = (ring * a.cos(), ring * a.sin());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strongest_ties_are_kept_and_positions_are_reproducible() {
        // A star: the hub's ties to 1..=4 weigh 4, 3, 2, 1; 4 also has a weak tie to 5.
        let g = Graph::new(6, true, &[(0, 1, 4.0), (0, 2, 3.0), (0, 3, 2.0), (0, 4, 1.0), (4, 5, 0.5)]);
        let s = strongest(&g, 2);
        // The hub keeps 1 and 2; 3 and 4 keep their only (or strongest) tie, to the hub; 5 keeps 4.
        assert_eq!(
            s.arcs().filter(|a| a.0 < a.1).map(|a| (a.0, a.1)).collect::<Vec<_>>(),
            [(0, 1), (0, 2), (0, 3), (0, 4), (4, 5)]
        );
        let labels = [0, 0, 0, 0, 1, 1];
        let lonely = Graph::new(7, false, &[(0, 1, 1.0)]);
        let q = positions(&lonely, &[0, 0, 1, 2, 3, 4, 5], &[2, 1, 1, 1, 1, 1], 10);
        assert!(
            q[2..].iter().all(|&(x, y)| ((x * x + y * y).sqrt() - 0.98).abs() < 1e-4),
            "people without ties on the ring"
        );
        let p = positions(&s, &labels, &[4, 2], 50);
        assert_eq!(p, positions(&s, &labels, &[4, 2], 50), "deterministic");
        assert!(p.iter().all(|&(x, y)| (-1.0..=1.0).contains(&x) && (-1.0..=1.0).contains(&y)));
        let d = |a: usize, b: usize| ((p[a].0 - p[b].0).powi(2) + (p[a].1 - p[b].1).powi(2)).sqrt();
        assert!(d(0, 1) < d(1, 5), "tied people end up closer than people two steps apart");
    }
}
