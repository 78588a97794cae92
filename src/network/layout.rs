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
/// its communities. Coordinates are then scaled to fit −1…1.
pub fn positions(g: &Graph, labels: &[u32], sizes: &[usize], iterations: usize) -> Vec<(f32, f32)> {
    let n = g.len();
    let start = seed(labels, sizes);
    if n < 2 {
        return start;
    }
    let mut data = FA2Data::<f32>::with_capacity(n, g.ties());
    for &(x, y) in &start {
        data.add_node_with_position(x, y);
    }
    for (a, b, w) in g.arcs() {
        if a < b {
            data.add_edge_with_weight(a as usize, b as usize, w as f32);
        }
    }
    let settings = FA2Settings::<f32>::from_graph_order(n).edge_weight_influence(0.5).parallel(true);
    let mut layout = settings.build(data);
    layout.run(iterations);
    let mut out: Vec<(f32, f32)> = layout.data().positions().collect();
    // People without ties keep their seeded place: push them to a ring.
    let (mut lo, mut hi) = ((f32::MAX, f32::MAX), (f32::MIN, f32::MIN));
    for &(x, y) in &out {
        if x.is_finite() && y.is_finite() {
            lo = (lo.0.min(x), lo.1.min(y));
            hi = (hi.0.max(x), hi.1.max(y));
        }
    }
    let span = (hi.0 - lo.0).max(hi.1 - lo.1).max(1e-6);
    for p in &mut out {
        if !(p.0.is_finite() && p.1.is_finite()) {
            *p = (0.0, 0.0);
        }
        *p = ((p.0 - lo.0) / span * 2.0 - 1.0, (p.1 - lo.1) / span * 2.0 - 1.0);
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
        let p = positions(&s, &labels, &[4, 2], 50);
        assert_eq!(p, positions(&s, &labels, &[4, 2], 50), "deterministic");
        assert!(p.iter().all(|&(x, y)| (-1.0..=1.0).contains(&x) && (-1.0..=1.0).contains(&y)));
        let d = |a: usize, b: usize| ((p[a].0 - p[b].0).powi(2) + (p[a].1 - p[b].1).powi(2)).sqrt();
        assert!(d(0, 1) < d(1, 5), "tied people end up closer than people two steps apart");
    }
}
