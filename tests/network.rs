//! Network measures against NetworkX on two real published networks:
//! Zachary's karate club and the Les Misérables co-appearance network. The
//! fixtures (edges and NetworkX's values) were written by
//! tests/reference/network.py; run it again to check another version.

use chorus::network::{Graph, betweenness, betweenness_from, clustering, harmonic, pagerank, sample_sources};

struct Fixture {
    name: String,
    graph: Graph,
    json: serde_json::Value,
}

fn fixture(name: &str) -> Fixture {
    let path = format!("{}/tests/fixtures/network/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let n = json["nodes"].as_array().unwrap().len();
    let edges: Vec<(u32, u32, f64)> = json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e[0].as_u64().unwrap() as u32, e[1].as_u64().unwrap() as u32, e[2].as_f64().unwrap()))
        .collect();
    Fixture { name: name.into(), graph: Graph::new(n, false, &edges), json }
}

fn close(f: &Fixture, what: &str, ours: &[f64], tol: f64) {
    let want: Vec<f64> = f.json[what].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert_eq!(ours.len(), want.len());
    for (i, (a, b)) in ours.iter().zip(&want).enumerate() {
        let node = f.json["nodes"][i].as_str().unwrap();
        assert!((a - b).abs() < tol, "{} {what} of {node}: chorus {a}, NetworkX {b}", f.name);
    }
}

#[test]
fn measures_match_networkx_on_the_karate_club_and_les_miserables() {
    for name in ["karate", "lesmis"] {
        let f = fixture(name);
        let pr = pagerank(&f.graph, 0.85, 1e-10, 10_000);
        assert!(pr.change < 1e-10, "converged");
        close(&f, "pagerank", &pr.scores, 1e-9);
        close(&f, "betweenness", &betweenness(&f.graph), 1e-12);
        close(&f, "harmonic", &harmonic(&f.graph), 1e-12);
        close(&f, "clustering", &clustering(&f.graph), 1e-12);
    }
    assert_eq!(fixture("karate").graph.ties(), 78, "the club's 78 ties");
    assert_eq!(fixture("lesmis").graph.ties(), 254);
}

#[test]
fn sampled_betweenness_estimates_the_exact_one() {
    let f = fixture("lesmis");
    let n = f.graph.len();
    let exact = betweenness(&f.graph);
    assert_eq!(betweenness_from(&f.graph, &sample_sources(n, n, 1)), exact, "every source: the exact value");
    // Half the sources, three seeds: the estimate keeps the leader and stays close.
    let top = |v: &[f64]| (0..v.len()).max_by(|&a, &b| v[a].total_cmp(&v[b])).unwrap();
    for seed in [1, 2, 3] {
        let est = betweenness_from(&f.graph, &sample_sources(n, n / 2, seed));
        let mean_error = est.iter().zip(&exact).map(|(a, b)| (a - b).abs()).sum::<f64>() / n as f64;
        assert!(mean_error < 0.01, "seed {seed}: mean error {mean_error}");
        assert_eq!(f.json["nodes"][top(&est)], "Valjean", "seed {seed}");
        assert_eq!(top(&est), top(&exact));
    }
}

#[test]
fn communities_match_networkx_on_modularity() {
    use chorus::network::{Method, communities, communities_by, modularity};
    for name in ["karate", "lesmis"] {
        let f = fixture(name);
        let theirs: Vec<u32> =
            f.json["louvain"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as u32).collect();
        let q = f.json["louvain_modularity"].as_f64().unwrap();
        let ours = modularity(&f.graph, &theirs);
        assert!((ours - q).abs() < 1e-12, "{name}: modularity of NetworkX's partition: chorus {ours}, NetworkX {q}");
        let c = communities(&f.graph, 7);
        assert!(c.modularity >= q - 1e-3, "{name}: Leiden {} against NetworkX's Louvain {q}", c.modularity);
        assert!(
            (c.modularity - modularity(&f.graph, &c.labels)).abs() < 1e-12,
            "{name}: the modularity stated is the partition's"
        );
        assert_eq!(communities(&f.graph, 7), c, "{name}: seeded, reproducible");
        let l = communities_by(&f.graph, 7, Method::Louvain);
        assert!(l.modularity >= q - 5e-3, "{name}: our Louvain {} against NetworkX's Louvain {q}", l.modularity);
        assert!((l.modularity - modularity(&f.graph, &l.labels)).abs() < 1e-12, "{name}: Louvain's stated modularity");
        eprintln!(
            "{name}: {} communities, modularity {:.6}; Louvain {:.6} (NetworkX Louvain {q:.6})",
            c.groups(),
            c.modularity,
            l.modularity
        );
    }
}

#[test]
fn sampled_betweenness_states_its_error_and_the_error_covers_the_truth() {
    use chorus::network::betweenness_sampled;
    let f = fixture("lesmis");
    let n = f.graph.len();
    let exact = betweenness(&f.graph);
    assert_eq!(betweenness_sampled(&f.graph, &sample_sources(n, n, 1)).2, None, "every source: exact, no error");
    let (est, _, error) = betweenness_sampled(&f.graph, &sample_sources(n, 40, 5));
    let error = error.expect("a sample has an error");
    assert!(error > 0.0 && error < 1.0, "{error}");
    // The stated error is of the size of the real one for the leaders.
    let mut top: Vec<usize> = (0..n).collect();
    top.sort_by(|&a, &b| exact[b].total_cmp(&exact[a]));
    let real: Vec<f64> = top.iter().take(10).map(|&v| (est[v] - exact[v]).abs() / exact[v]).collect();
    let mean_real = real.iter().sum::<f64>() / real.len() as f64;
    assert!(mean_real < 3.0 * error, "real relative error {mean_real} against stated {error}");
}
