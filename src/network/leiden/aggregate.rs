//! Phase 3: aggregation. Each group becomes one node; on a large level the
//! rows are built in ranges of groups on every core and joined in order.

use std::ops::Range;

use rayon::prelude::*;

use super::{Level, PARALLEL_ARCS, Tally, ranges};

/// The rows of a range of groups: each row's length, targets and weights,
/// and each group's degree.
type Rows = (Vec<usize>, Vec<u32>, Vec<f64>, Vec<f64>);

/// One node per group (labels `0..r`).
pub(super) fn aggregate(level: &Level, groups: &[u32], r: usize) -> Level<'static> {
    let n = level.len();
    let mut start = vec![0usize; r + 1];
    let mut cost = vec![0usize; r];
    for (v, &g) in groups.iter().enumerate() {
        start[g as usize + 1] += 1;
        cost[g as usize] += 1 + level.offsets[v + 1] - level.offsets[v];
    }
    for g in 0..r {
        start[g + 1] += start[g];
    }
    let mut fill = start.clone();
    let mut members = vec![0u32; n];
    for (v, &g) in groups.iter().enumerate() {
        members[fill[g as usize]] = v as u32;
        fill[g as usize] += 1;
    }
    let build = |span: Range<usize>, tally: &mut Tally| -> Rows {
        let (mut lens, mut targets, mut weights, mut degree) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for g in span {
            let mut d = 0.0;
            for &v in &members[start[g]..start[g + 1]] {
                d += level.degree[v as usize];
                let (ts, ws) = level.row(v as usize);
                tally.gather(ts, ws, groups);
            }
            // Ties inside the group count in its degree only.
            let before = targets.len();
            for &h in tally.touched().iter().filter(|&&h| h as usize != g) {
                targets.push(h);
                weights.push(tally.get(h));
            }
            lens.push(targets.len() - before);
            degree.push(d);
            tally.clear();
        }
        (lens, targets, weights, degree)
    };
    let pieces: Vec<Rows> = if level.arcs() >= PARALLEL_ARCS {
        let spans = ranges(r, 4 * rayon::current_num_threads(), |g| cost[g]);
        spans.into_par_iter().map_init(|| Tally::new(r), |tally, span| build(span, tally)).collect()
    } else {
        vec![build(0..r, &mut Tally::new(r))]
    };
    let arcs: usize = pieces.iter().map(|p| p.1.len()).sum();
    let mut offsets = Vec::with_capacity(r + 1);
    offsets.push(0);
    let (mut targets, mut weights, mut degree) =
        (Vec::with_capacity(arcs), Vec::with_capacity(arcs), Vec::with_capacity(r));
    for (lens, t, w, d) in pieces {
        for len in lens {
            offsets.push(offsets.last().copied().unwrap_or(0) + len);
        }
        targets.extend(t);
        weights.extend(w);
        degree.extend(d);
    }
    Level { offsets: offsets.into(), targets: targets.into(), weights: weights.into(), degree }
}
