//! The interaction network: who answers, mentions and reacts to whom.
//! Pure functions over a compressed graph ([`Graph`]), checked against
//! NetworkX on real published networks (`tests/network.rs`).
//!
//! Conventions (as NetworkX states them, so a figure can be reproduced):
//! - PageRank: damping 0.85, weighted, each node's out-weights normalised to
//!   one, the mass of nodes without out-ties spread evenly, iterated until
//!   the L1 change is under 1e-10 (`nx.pagerank(G, alpha=0.85, weight="weight")`).
//!   A tie to oneself is dropped when the graph is built (every measure
//!   here sees none): NetworkX keeps self-loops, so to reproduce a figure on
//!   a graph that has them, remove them first
//!   (`G.remove_edges_from(nx.selfloop_edges(G))`).
//! - Betweenness: shortest paths by hops, normalised by (n−1)(n−2) over
//!   ordered pairs (`nx.betweenness_centrality(G, normalized=True)`).
//! - Harmonic closeness: Σ 1/d(u, v) over the others that reach v, by hops
//!   (`nx.harmonic_centrality(G)`); above 5,000 people estimated from the
//!   same sampled sources as betweenness.
//! - Clustering: the share of a node's neighbour pairs that are tied,
//!   unweighted (`nx.clustering(G)`).
//! - Communities: Leiden on modularity (resolution 1), ties taken both ways
//!   with their weights summed, seed fixed; modularity as
//!   `nx.community.modularity(G.to_undirected(), communities, weight="weight")`
//!   where `G.to_undirected()` sums both directions.

mod build;
mod centrality;
mod community;
mod cover;
mod facts;
mod graph;
mod groups;
pub mod interop;
mod layout;
mod leiden;
mod measure;
mod pagerank;
pub mod reports;

#[cfg(test)]
pub(crate) use build::small;
pub use build::{Builder, Built, GraphOptions, Layers};
pub use facts::segment_facts;
pub use measure::{EXACT_BETWEENNESS_UP_TO, Measures, SAMPLED_SOURCES, SEED, measure, pagerank_of};

pub use centrality::{
    betweenness, betweenness_and_harmonic, betweenness_from, betweenness_sampled, clustering, harmonic, sample_sources,
};
pub use community::{Communities, Method, communities, communities_by, modularity};
pub use cover::{CoverOptions, Pick, greedy_cover};
pub use graph::Graph;
pub use groups::{Border, borders, crossing, distance_from, matrix, two_step_reach};
pub use layout::{positions, strongest};
pub use pagerank::{PageRank, pagerank};
