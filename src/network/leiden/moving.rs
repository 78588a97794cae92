//! Phase 1: fast local moving.
//!
//! On a large level, nodes are taken from the queue in batches; every core
//! decides the moves of part of a batch from the same state, then the moves
//! are made in the batch's order. A move decided on a state a neighbour's
//! earlier move changed is still made if its community is still there (and
//! the neighbour's move has woken the node, which reconsiders); two nodes
//! alone never swap communities (only the move to the smaller label is
//! made). The result depends on the batches, never on the threads.

use std::collections::VecDeque;

use rayon::prelude::*;

use super::{Level, PARALLEL_ARCS, Tally};

thread_local! {
    /// Each worker thread's tally, kept from batch to batch (and cleared
    /// after every use).
    static TALLY: std::cell::RefCell<Tally> = std::cell::RefCell::new(Tally::new(0));
}

/// Nodes decided together on a large level.
const BATCH: usize = 4096;

/// On a large level, moving stops after this many visits per node even if
/// stale decisions keep a few nodes waking each other (networkit's Louvain
/// stops after 32 rounds too); one node at a time always settles.
const ROUNDS: usize = 32;

/// A decision to leave for an empty community.
const EMPTY: u32 = u32::MAX;

/// A gain must beat the best so far by more than rounding noise, or moves
/// of equal value could chase each other for ever.
fn better(gain: f64, best: f64, scale: f64) -> bool {
    gain > best + 1e-12 * scale
}

/// Where node `v` should go given the partition, the communities' degrees
/// and sizes: its own community, another's label, or [`EMPTY`].
fn decide(
    level: &Level,
    part: &[u32],
    total: &[f64],
    size: &[u32],
    v: usize,
    inv_two_m: f64,
    tally: &mut Tally,
) -> u32 {
    let (targets, weights) = level.row(v);
    tally.gather(targets, weights, part);
    let kv = level.degree[v];
    let scale = kv * inv_two_m;
    let own = part[v];
    let mut best = own;
    let mut best_gain = tally.get(own) - scale * (total[own as usize] - kv);
    for &c in tally.touched() {
        let gain = tally.get(c) - scale * total[c as usize];
        if c != own && better(gain, best_gain, kv) {
            (best, best_gain) = (c, gain);
        }
    }
    tally.clear();
    // An empty community gains nothing; leaving for one only helps a node
    // whose own community costs it.
    if best == own && better(0.0, best_gain, kv) && size[own as usize] > 1 { EMPTY } else { best }
}

/// Moves nodes until none gains by moving. `part` holds labels below
/// `level.len()`; `order` is the first visit's order.
pub(super) fn move_nodes(level: &Level, part: &mut [u32], two_m: f64, order: &[u32]) {
    let n = level.len();
    let inv_two_m = 1.0 / two_m;
    let mut total = vec![0.0; n];
    let mut size = vec![0u32; n];
    for v in 0..n {
        total[part[v] as usize] += level.degree[v];
        size[part[v] as usize] += 1;
    }
    let mut empty: Vec<u32> = (0..n as u32).filter(|&c| size[c as usize] == 0).collect();
    let mut queue: VecDeque<u32> = order.iter().copied().collect();
    let mut waiting = vec![true; n];
    let parallel = level.arcs() >= PARALLEL_ARCS;
    let threads = if parallel { rayon::current_num_threads().max(1) } else { 1 };
    let mut tally = Tally::new(if threads == 1 { n } else { 0 });
    let mut batch: Vec<u32> = Vec::with_capacity(BATCH);
    let mut decisions: Vec<u32> = Vec::with_capacity(BATCH);
    let mut visits = 0usize;
    while !queue.is_empty() && (!parallel || visits <= ROUNDS * n) {
        batch.clear();
        let take = if parallel { BATCH } else { 1 };
        while batch.len() < take {
            let Some(v) = queue.pop_front() else { break };
            waiting[v as usize] = false;
            batch.push(v);
        }
        visits += batch.len();
        decisions.clear();
        decisions.resize(batch.len(), 0);
        {
            let (part, total, size) = (&*part, &total[..], &size[..]);
            if threads == 1 {
                for (d, &v) in decisions.iter_mut().zip(&batch) {
                    *d = decide(level, part, total, size, v as usize, inv_two_m, &mut tally);
                }
            } else {
                // Small pieces, stolen by whichever core is free; each
                // thread keeps its own tally between batches.
                batch.par_iter().zip(decisions.par_iter_mut()).with_min_len(64).for_each(|(&v, d)| {
                    TALLY.with_borrow_mut(|tally| {
                        tally.reserve(n);
                        *d = decide(level, part, total, size, v as usize, inv_two_m, tally);
                    })
                });
            }
        }
        for (&v, &d) in batch.iter().zip(&decisions) {
            let v = v as usize;
            let own = part[v];
            let to = match d {
                d if d == own => continue,
                EMPTY if size[own as usize] <= 1 => continue,
                EMPTY => empty.pop().expect("a node leaving a shared community leaves a label free"),
                d if size[d as usize] == 0 => continue,
                d if parallel && size[own as usize] == 1 && size[d as usize] == 1 && d > own => continue,
                d => d,
            };
            let kv = level.degree[v];
            total[own as usize] -= kv;
            total[to as usize] += kv;
            size[own as usize] -= 1;
            size[to as usize] += 1;
            if size[own as usize] == 0 {
                empty.push(own);
            }
            part[v] = to;
            for &u in level.row(v).0 {
                let u = u as usize;
                if !waiting[u] && part[u] != to {
                    waiting[u] = true;
                    queue.push_back(u as u32);
                }
            }
        }
    }
}
