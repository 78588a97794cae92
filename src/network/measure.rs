//! Every measure of every node of a built graph, with the settings the
//! README states: PageRank damping 0.85 to 1e-10; betweenness exact up to
//! [`EXACT_BETWEENNESS_UP_TO`] people, else from [`SAMPLED_SOURCES`]
//! seeded sources; harmonic closeness from the same searches; Leiden
//! communities with the fixed [`SEED`].

use super::{Built, Communities, Graph};

/// Above this many people betweenness is estimated from sampled sources.
pub const EXACT_BETWEENNESS_UP_TO: usize = 5_000;
/// Sources sampled above that size.
pub const SAMPLED_SOURCES: usize = 256;
/// The seed of sampled betweenness and of the communities: the same data,
/// the same figures.
pub const SEED: u64 = 7;

/// Every measure of every node of a built graph.
#[derive(Debug)]
pub struct Measures {
    pub pagerank: Vec<f64>,
    pub betweenness: Vec<f64>,
    pub harmonic: Vec<f64>,
    /// How betweenness was computed: "exact", or "sampled from N sources …".
    pub betweenness_how: String,
    pub communities: Communities,
}

/// PageRank as the README states it: damping 0.85, to 1e-10.
pub fn pagerank_of(g: &Graph) -> Vec<f64> {
    super::pagerank(g, 0.85, 1e-10, 1000).scores
}

pub fn measure(b: &Built) -> Measures {
    let n = b.nodes.len();
    let pagerank = pagerank_of(&b.graph);
    let sources = if n <= EXACT_BETWEENNESS_UP_TO {
        (0..n as u32).collect::<Vec<_>>()
    } else {
        super::sample_sources(n, SAMPLED_SOURCES, SEED)
    };
    let (betweenness, harmonic, error) = super::betweenness_sampled(&b.graph, &sources);
    let how = match error {
        None if sources.len() == n => "exact".to_owned(),
        None => format!("sampled from {SAMPLED_SOURCES} sources"),
        Some(e) => format!(
            "sampled from {SAMPLED_SOURCES} sources (standard error ±{:.0} % of the value for the 20 highest)",
            (e * 100.0).max(1.0)
        ),
    };
    Measures { pagerank, betweenness, harmonic, betweenness_how: how, communities: super::communities(&b.graph, SEED) }
}
