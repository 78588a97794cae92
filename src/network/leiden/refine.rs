//! Phase 2: refinement. Each community is refined on its own, so on a
//! large level the communities are shared among the cores.

use std::ops::Range;

use rayon::prelude::*;

use super::{Level, PARALLEL_ARCS, Tally, ranges};

/// Working space for one community, by member position.
struct Scratch {
    /// The position of the member each member's sub-community is named after.
    sub: Vec<u32>,
    /// Each sub-community's degree, size and weight to the rest of the community.
    total: Vec<f64>,
    size: Vec<u32>,
    outside: Vec<f64>,
    tally: Tally,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch { sub: Vec::new(), total: Vec::new(), size: Vec::new(), outside: Vec::new(), tally: Tally::new(0) }
    }
}

/// Sub-communities of `part` (labels `0..k`): each node's label is a node
/// of its sub-community. Members are visited in `order`.
pub(super) fn refine(level: &Level, part: &[u32], k: usize, two_m: f64, order: &[u32]) -> Vec<u32> {
    let n = level.len();
    let mut start = vec![0usize; k + 1];
    for &c in part {
        start[c as usize + 1] += 1;
    }
    for c in 0..k {
        start[c + 1] += start[c];
    }
    let mut fill = start.clone();
    let mut members = vec![0u32; n];
    let mut slot = vec![0u32; n];
    for &v in order {
        let c = part[v as usize] as usize;
        members[fill[c]] = v;
        slot[v as usize] = fill[c] as u32;
        fill[c] += 1;
    }
    // Each member's sub-community, in the same places as `members`, cut
    // into one piece per range of communities.
    let mut named = vec![0u32; n];
    let parallel = level.arcs() >= PARALLEL_ARCS;
    let parts = if parallel { 4 * rayon::current_num_threads() } else { 1 };
    let mut pieces: Vec<(Range<usize>, &mut [u32])> = Vec::new();
    let mut rest = &mut named[..];
    for span in ranges(k, parts, |c| start[c + 1] - start[c]) {
        let (piece, after) = rest.split_at_mut(start[span.end] - start[span.start]);
        pieces.push((span, piece));
        rest = after;
    }
    let work = |(span, out): (Range<usize>, &mut [u32]), scratch: &mut Scratch| {
        let base = start[span.start];
        for c in span {
            let (from, to) = (start[c], start[c + 1]);
            let one = Community { level, from, members: &members[from..to], slot: &slot };
            one.refine(two_m, scratch, &mut out[from - base..to - base]);
        }
    };
    if parallel {
        pieces.into_par_iter().for_each_init(Scratch::new, |scratch, piece| work(piece, scratch));
    } else {
        let mut scratch = Scratch::new();
        pieces.into_iter().for_each(|piece| work(piece, &mut scratch));
    }
    let mut sub = vec![0u32; n];
    for (&v, &s) in members.iter().zip(&named) {
        sub[v as usize] = s;
    }
    sub
}

/// One community of a level.
struct Community<'a> {
    level: &'a Level<'a>,
    /// The members, in the order they are visited, and where they start
    /// among all communities' members.
    members: &'a [u32],
    from: usize,
    /// Each node's place among all communities' members.
    slot: &'a [u32],
}

impl Community<'_> {
    /// The member position of node `u`, or the member count if `u` lies
    /// outside this community (one lookup, no branch).
    #[inline]
    fn position(&self, u: u32) -> u32 {
        self.slot[u as usize].wrapping_sub(self.from as u32).min(self.members.len() as u32)
    }

    /// Writes each member's sub-community (as the node it is named after).
    fn refine(&self, two_m: f64, s: &mut Scratch, out: &mut [u32]) {
        let (level, members) = (self.level, self.members);
        let len = members.len();
        if len == 1 {
            out[0] = members[0];
            return;
        }
        // Sub-communities by member position; `len` stands for every node
        // outside the community.
        s.sub.clear();
        s.sub.extend(0..=len as u32);
        s.size.clear();
        s.size.resize(len, 1);
        s.total.clear();
        s.total.extend(members.iter().map(|&v| level.degree[v as usize]));
        s.outside.clear();
        for &v in members {
            let (targets, weights) = level.row(v as usize);
            let inside =
                targets.iter().zip(weights).map(|(&u, &w)| if self.position(u) < len as u32 { w } else { 0.0 });
            s.outside.push(inside.sum());
        }
        s.tally.reserve(len + 1);
        let community_total: f64 = s.total.iter().sum();
        // Well connected: tied to the rest of the community at least as
        // modularity expects of two random parts of its size.
        let connected = |outside: f64, t: f64| outside >= t * (community_total - t) / two_m;
        for (i, &v) in members.iter().enumerate() {
            let kv = s.total[i];
            if s.sub[i] as usize != i || s.size[i] != 1 || !connected(s.outside[i], kv) {
                continue;
            }
            let (targets, weights) = level.row(v as usize);
            let sub = &s.sub;
            s.tally.gather_by(targets, weights, |u| sub[self.position(u) as usize]);
            let mut best = None;
            let mut best_gain = 0.0;
            for &j in s.tally.touched() {
                if j as usize == len {
                    continue;
                }
                let t = s.total[j as usize];
                let gain = s.tally.get(j) - kv * t / two_m;
                let fits = j as usize != i && gain >= best_gain && connected(s.outside[j as usize], t);
                if fits && (best.is_none() || gain > best_gain) {
                    (best, best_gain) = (Some(j as usize), gain);
                }
            }
            if let Some(j) = best {
                s.sub[i] = j as u32;
                s.total[j] += kv;
                s.size[j] += 1;
                s.size[i] = 0;
                s.outside[j] += s.outside[i] - 2.0 * s.tally.get(j as u32);
            }
            s.tally.clear();
        }
        for (o, &j) in out.iter_mut().zip(&s.sub) {
            *o = members[j as usize];
        }
    }
}
