//! Network benchmarks, side by side in one run with python-igraph, networkit
//! and NetworkX on the same edge list:
//!
//! For an organisation of 20,000 people with about 1,000,000 weighted ties
//! and one of 100,000 with about 6,500,000 (activity imported through
//! `chorus import events`, so the ties come from the import's rollup): graph
//! build from the rollups, PageRank, betweenness from 256 sampled sources,
//! communities (Leiden, which the app uses, and Louvain beside the peers'
//! Louvain), all segments; peak RSS of those steps (target < 1.5 GB at
//! 100k, all steps together < 15 s).
//!
//! Run: `cargo bench --bench network` (or `make bench`). Sizes:
//! CHORUS_BENCH_NETWORK="20000:1000000,100000:6500000" (people:ties, comma-separated).
//! NetworkX's betweenness and Louvain are skipped above 20,000 people (minutes).
//! CHORUS_BENCH_NETWORK_KEEP=FILE keeps a copy of the (last) database;
//! CHORUS_BENCH_NETWORK_PEERS=0 runs Chorus alone.

#[path = "common.rs"]
mod common;
#[path = "peers.rs"]
mod peers;

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use chorus::activity::measures::Filter;
use chorus::app::load;
use chorus::demo::{DemoOptions, Rng};
use chorus::network as net;
use chorus::network::{GraphOptions, Measures, SAMPLED_SOURCES, SEED};
use chorus::store::Db;

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date")
}

/// A year of interactions among `people`, about `ties` distinct directed
/// pairs: most within one's department, popularity heavy-tailed.
fn write_events(path: &Path, people: usize, ties: usize) -> usize {
    let records = chorus::demo::generate(DemoOptions { people, seed: 2026, as_of: as_of(), activity: false });
    let mut by_dept: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (i, p) in records.iter().enumerate() {
        by_dept.entry(p.department.clone().unwrap_or_default()).or_default().push(i);
    }
    let dept: Vec<&Vec<usize>> = records.iter().map(|p| &by_dept[&p.department.clone().unwrap_or_default()]).collect();
    let mut rng = Rng::new(7);
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).expect("create"));
    writeln!(w, "id,time,actor,kind,target").expect("write");
    let mut seen: HashSet<u64> = HashSet::with_capacity(ties);
    let start = 1_730_419_200i64; // 2024-11-01
    let kinds = ["reply", "reaction", "mention", "reaction"];
    let mut events = 0usize;
    while seen.len() < ties {
        let a = (rng.unit().powf(1.6) * people as f64) as usize % people;
        let b = if rng.chance(0.7) {
            let d = dept[a];
            d[(rng.unit().powi(2) * d.len() as f64) as usize % d.len()]
        } else {
            (rng.unit().powi(2) * people as f64) as usize % people
        };
        if a == b {
            continue;
        }
        seen.insert((a as u64) << 32 | b as u64);
        let at = start + (rng.unit() * 364.0 * 86_400.0) as i64;
        let t = chrono::DateTime::from_timestamp(at, 0).expect("time").format("%Y-%m-%dT%H:%M:%SZ");
        writeln!(w, "e{events},{t},{},{},{}", records[a].emails[0], kinds[events % 4], records[b].emails[0])
            .expect("write");
        events += 1;
    }
    events
}

/// Louvain is timed beside the peers' Louvain; the app finds communities
/// by Leiden, so it is not one of "all steps".
const LOUVAIN: &str = "communities (Louvain)";

/// The median time of three runs (the first run's result), for the steps
/// short enough that one run's time is mostly the machine's noise; the
/// peers' script does the same for theirs.
fn median_of_three<T>(mut step: impl FnMut() -> T) -> (f64, T) {
    let t = Instant::now();
    let first = step();
    let mut times = vec![t.elapsed().as_secs_f64()];
    for _ in 0..2 {
        let t = Instant::now();
        std::hint::black_box(step());
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (times[1], first)
}

/// The steps, in this process (run as a child so its peak RSS is theirs alone).
fn steps(db_path: &Path, out: &Path) {
    let db = Db::open(db_path).expect("open");
    let filter = Filter { days: Some(365), ..Filter::default() };
    let mut times = Vec::new();
    let t = Instant::now();
    let b = load::graph(&db, &filter, as_of(), GraphOptions::default()).expect("build");
    times.push(("build from the rollups", t.elapsed().as_secs_f64()));
    let n = b.nodes.len();
    let (s, pr) = median_of_three(|| net::pagerank(&b.graph, 0.85, 1e-10, 1000));
    times.push(("PageRank", s));
    let sources = net::sample_sources(n, SAMPLED_SOURCES, SEED);
    let t = Instant::now();
    let (betweenness, harmonic) = net::betweenness_and_harmonic(&b.graph, &sources);
    times.push(("betweenness, 256 sources", t.elapsed().as_secs_f64()));
    // The undirected view (both directions summed) is made once and kept;
    // the peers make theirs outside their timings too.
    let t = Instant::now();
    b.graph.undirected();
    times.push(("ties both ways", t.elapsed().as_secs_f64()));
    let (s, c) = median_of_three(|| net::communities(&b.graph, SEED));
    times.push(("communities (Leiden)", s));
    let (s, louvain) = median_of_three(|| net::communities_by(&b.graph, SEED, net::Method::Louvain));
    times.push((LOUVAIN, s));
    let m = Measures {
        pagerank: pr.scores.clone(),
        betweenness,
        harmonic,
        betweenness_how: String::new(),
        communities: c.clone(),
    };
    let t = Instant::now();
    let labelled: usize = load::labels(&db, &b, &m).expect("labels").iter().map(|l| l.labels.len()).sum::<usize>();
    times.push(("all segments", t.elapsed().as_secs_f64()));
    // The edge list and the sources for the peers.
    let mut w = std::io::BufWriter::new(std::fs::File::create(out.join("edges.tsv")).expect("edges"));
    for (u, v, wt) in b.graph.arcs() {
        writeln!(w, "{u}\t{v}\t{wt}").expect("write");
    }
    w.flush().expect("flush");
    let list: Vec<String> = sources.iter().map(|s| s.to_string()).collect();
    std::fs::write(out.join("sources.txt"), list.join(" ")).expect("sources");
    let json = serde_json::json!({
        "nodes": n, "ties": b.graph.ties(), "iterations": pr.iterations, "modularity": c.modularity,
        "louvain_modularity": louvain.modularity,
        "communities": c.groups(), "labels": labelled,
        "times": times.iter().map(|(k, v)| serde_json::json!([k, v])).collect::<Vec<_>>(),
    });
    std::fs::write(out.join("chorus.json"), json.to_string()).expect("result");
}

fn main() {
    if let Ok(args) = std::env::var("CHORUS_BENCH_NETWORK_CHILD") {
        let (db, out) = args.split_once('|').expect("db|out");
        steps(Path::new(db), Path::new(out));
        return;
    }
    let sizes = std::env::var("CHORUS_BENCH_NETWORK").unwrap_or_else(|_| "20000:1000000,100000:6500000".into());
    println!("Network benchmarks on {}", common::machine());
    let py = if std::env::var("CHORUS_BENCH_NETWORK_PEERS").is_ok_and(|v| v == "0") {
        None
    } else {
        peers::python("igraph, networkit, networkx, scipy", &["networkx==3.4.2", "igraph", "networkit", "scipy"])
    };
    for size in sizes.split(',').filter(|s| !s.is_empty()) {
        let (people, ties) = size.split_once(':').expect("people:ties");
        let (people, ties): (usize, usize) = (people.parse().expect("people"), ties.parse().expect("ties"));
        let dir = tempfile::tempdir().expect("tempdir");
        let (people_csv, events_csv, db) =
            (dir.path().join("people.csv"), dir.path().join("events.csv"), dir.path().join("chorus.db"));
        common::write_people_csv(&people_csv, people);
        let events = write_events(&events_csv, people, ties);
        let chorus = env!("CARGO_BIN_EXE_chorus");
        let ok = |r: common::Run, what: &str| assert!(r.success, "{what} failed");
        ok(
            common::run(
                Command::new(chorus)
                    .arg("--db")
                    .arg(&db)
                    .args(["import", "people"])
                    .arg(&people_csv)
                    .stdout(std::process::Stdio::null()),
            ),
            "people import",
        );
        let imp = common::run(
            Command::new(chorus)
                .arg("--db")
                .arg(&db)
                .args(["import", "events", "--tool", "Engage"])
                .arg(&events_csv)
                .stdout(std::process::Stdio::null()),
        );
        assert!(imp.success, "events import failed");
        println!(
            "\n{people} people, {events} interaction events imported in {:.1} s (peak RSS {:.0} MB)",
            imp.wall.as_secs_f64(),
            imp.peak_rss_kib as f64 / 1024.0
        );
        if let Ok(keep) = std::env::var("CHORUS_BENCH_NETWORK_KEEP") {
            std::fs::copy(&db, &keep).expect("keep the database");
        }
        let me = std::env::current_exe().expect("this bench");
        let run = common::run(
            Command::new(me).env("CHORUS_BENCH_NETWORK_CHILD", format!("{}|{}", db.display(), dir.path().display())),
        );
        assert!(run.success, "the network steps failed");
        let ours: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("chorus.json")).expect("result"))
                .expect("json");
        let total: f64 = ours["times"]
            .as_array()
            .expect("times")
            .iter()
            .filter(|t| t[0] != LOUVAIN)
            .map(|t| t[1].as_f64().unwrap_or(0.0))
            .sum();
        println!(
            "  graph: {} nodes, {} ties; PageRank in {} iterations; {} communities, modularity {:.3} (Louvain {:.3}); {} labels",
            ours["nodes"],
            ours["ties"],
            ours["iterations"],
            ours["communities"],
            ours["modularity"].as_f64().unwrap_or(0.0),
            ours["louvain_modularity"].as_f64().unwrap_or(0.0),
            ours["labels"]
        );
        println!(
            "  all steps {:.2} s, peak RSS {:.0} MB (targets at 100k: < 15 s, < 1,536 MB)",
            total,
            run.peak_rss_kib as f64 / 1024.0
        );
        let peer: Option<serde_json::Value> = py.as_ref().and_then(|py| {
            let mut cmd = Command::new(py);
            cmd.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/network_peers.py"))
                .arg(dir.path().join("edges.tsv"))
                .arg(ours["nodes"].to_string())
                .arg(dir.path().join("sources.txt"));
            if people > 20_000 {
                cmd.arg("--no-networkx-slow");
            }
            let out = cmd.output().ok()?;
            if !out.status.success() {
                eprintln!("peers failed: {}", String::from_utf8_lossy(&out.stderr));
                return None;
            }
            serde_json::from_slice(&out.stdout).ok()
        });
        let key = |step: &str| match step {
            "PageRank" => "pagerank",
            "betweenness, 256 sources" => "betweenness",
            "communities (Leiden)" => "leiden",
            LOUVAIN => "louvain",
            _ => "",
        };
        println!("  {:<26} {:>9} {:>16} {:>16} {:>16}", "step", "chorus", "igraph", "networkit", "networkx");
        for t in ours["times"].as_array().expect("times") {
            let (step, s) = (t[0].as_str().unwrap_or(""), t[1].as_f64().unwrap_or(0.0));
            let cell = |lib: &str| {
                let v = peer.as_ref().and_then(|p| p[lib][key(step)].as_f64());
                v.map_or("—".to_owned(), |v| format!("{:.3} s ({:.1}×)", v, v / s))
            };
            println!(
                "  {:<26} {:>7.3} s {:>16} {:>16} {:>16}",
                step,
                s,
                cell("igraph"),
                cell("networkit"),
                cell("networkx")
            );
        }
        if let Some(p) = &peer {
            println!(
                "  (×: the peer's time over ours; PageRank and communities: median of three runs on every side but NetworkX's one; loading the edge list into each: igraph {:.2} s, networkit {:.2} s, NetworkX {:.2} s; their Leiden / Louvain modularity: igraph {:.3} / {:.3}, networkit {:.3} / {:.3}, NetworkX — / {})",
                p["igraph"]["load"].as_f64().unwrap_or(0.0),
                p["networkit"]["load"].as_f64().unwrap_or(0.0),
                p["networkx"]["load"].as_f64().unwrap_or(0.0),
                p["igraph"]["leiden_modularity"].as_f64().unwrap_or(0.0),
                p["igraph"]["modularity"].as_f64().unwrap_or(0.0),
                p["networkit"]["leiden_modularity"].as_f64().unwrap_or(0.0),
                p["networkit"]["modularity"].as_f64().unwrap_or(0.0),
                p["networkx"]["modularity"].as_f64().map_or("skipped".into(), |m| format!("{m:.3}"))
            );
        } else {
            println!("  (peers not run: no Python venv with igraph, networkit and NetworkX here)");
        }
    }
}
